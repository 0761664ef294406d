pub mod home;
pub mod integrations;
pub mod list;
pub mod settings;
pub mod teams;
