//! The Atlas list endpoints as the panel sees them: URLs, typed answers, typed errors, and the
//! fetch that turns one into the other.

pub mod client;
pub mod error;
pub mod loader;
pub mod types;

pub use error::ApiError;
pub use types::Page;
