//! The rules the panel and the proxy must agree on, written once.

pub mod endpoint;
pub mod first_requests;
pub mod id;
pub mod integration;
pub mod mask;
pub mod paging;
pub mod request;
pub mod site_config;
