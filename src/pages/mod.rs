pub mod home;
pub mod integrations;
pub mod list;
pub mod not_found;
pub mod org;
pub mod projects;
pub mod settings;
pub mod teams;
