//! The browser's own facilities, each behind a small Rust face: the document, HTTP, storage
//! and the clock.

pub mod clock;
pub mod dom;
pub mod http;
pub mod storage;
