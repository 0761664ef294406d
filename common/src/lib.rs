//! The rules the panel and the proxy must agree on, written once.

pub mod endpoint;
pub mod id;
pub mod integration;
pub mod mask;
pub mod site_config;
