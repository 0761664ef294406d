//! The command line: a contract, so names do not change.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// Holds the Atlas credentials, forwards a read-only list of GETs, masks secrets, and serves
/// the built panel.
///
/// Credentials come only from the environment: MONGODB_ATLAS_PUBLIC_API_KEY and
/// MONGODB_ATLAS_PRIVATE_API_KEY (an API key, HTTP Digest), or MONGODB_ATLAS_CLIENT_ID and
/// MONGODB_ATLAS_CLIENT_SECRET (a service account, OAuth).
#[derive(Debug, Parser)]
#[command(name = "atlas-panel-proxy", version)]
pub struct Options {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Serve the built panel (the `dist/` directory) from here, with deep links falling back to index.html.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// The Atlas API to forward to [default: $MONGODB_ATLAS_BASE_URL, else https://cloud.mongodb.com].
    #[arg(long, value_name = "URL", conflicts_with = "demo")]
    pub upstream: Option<String>,

    /// Answer from a built-in sample estate instead of Atlas: no account or credentials needed.
    #[arg(long)]
    pub demo: bool,

    /// Allow a panel hosted on this origin (e.g. https://intranet.example) to call the proxy (CORS). Repeatable.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,

    /// Another proxy origin the served panel may be pointed at from its Settings page (added to the CSP's connect-src). Repeatable.
    #[arg(long = "connect-src", value_name = "ORIGIN")]
    pub connect_origins: Vec<String>,

    /// Seconds an upstream request may take before the browser gets a 504.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Check the options and the environment, say what would run, and exit: 0 if it would start.
    #[arg(long)]
    pub check_config: bool,

    /// Upstream requests in flight at once; further requests wait their turn.
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_concurrent_upstream: u64,
}
