//! atlas-panel-proxy: the only holder of Atlas credentials between the panel and Atlas.

pub mod access;
pub mod allowlist;
pub mod api;
pub mod app;
pub mod auth;
pub mod budget;
pub mod cache;
pub mod cli;
pub mod demo;
pub mod error;
pub mod filtered_listing;
pub mod limits;
pub mod logsafe;
pub mod metrics;
pub mod placement;
pub mod scope;
pub mod serve;
pub mod site;
pub mod start_error;
pub mod state;
pub mod upstream;

pub use app::app;
pub use serve::{check, serve};
pub use start_error::StartError;
pub use state::{
    describe_mode, state, Answerer, AppState, DEFAULT_UPSTREAM, MAX_UPSTREAM_BODY_BYTES,
    UPSTREAM_VAR,
};
