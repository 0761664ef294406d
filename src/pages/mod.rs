pub mod coverage;
pub mod home;
pub mod list;
pub mod not_found;
pub mod org;
pub mod org_changes;
pub mod settings;
