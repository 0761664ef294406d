//! The rules the panel and the proxy must agree on, written once.

pub mod id;
pub mod mask;
