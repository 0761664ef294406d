//! The command line: a contract, so names do not change.

use std::net::SocketAddr;
use std::path::PathBuf;

use atlas_panel_common::endpoint::ApiFlavour;
use clap::Parser;
use ipnet::IpNet;

/// Holds the Atlas credentials, forwards a read-only list of GETs, masks secrets, and serves
/// the built panel.
///
/// Credentials come only from the environment: MONGODB_ATLAS_PUBLIC_API_KEY and
/// MONGODB_ATLAS_PRIVATE_API_KEY (an API key, HTTP Digest), or MONGODB_ATLAS_CLIENT_ID and
/// MONGODB_ATLAS_CLIENT_SECRET (a service account, OAuth).
#[derive(Debug, Parser)]
#[command(name = "atlas-panel-proxy", version)]
#[command(group(clap::ArgGroup::new("sign_in").args(["auth_header", "users"]).multiple(true)))]
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

    /// Admit only requests that carry this header (e.g. X-Forwarded-Email), set by an SSO gateway at a --trusted-proxy address; its value names the user in the log.
    #[arg(
        long,
        value_name = "NAME",
        requires = "trusted_proxies",
        conflicts_with = "users"
    )]
    pub auth_header: Option<String>,

    /// Address range (CIDR, e.g. 10.0.0.5/32) the SSO gateway connects from, or with --users the TLS-terminating proxy in front. Repeatable.
    #[arg(long = "trusted-proxy", value_name = "CIDR", requires = "sign_in")]
    pub trusted_proxies: Vec<IpNet>,

    /// An htpasswd file of bcrypt entries (htpasswd -B) for HTTP Basic sign-in; re-read on SIGHUP.
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,

    /// Listen on a non-loopback address with no sign-in at all.
    #[arg(long)]
    pub allow_anonymous: bool,

    /// With no sign-in, also answer requests for this host name (besides localhost and IP addresses); others get 421, against DNS rebinding. Repeatable.
    #[arg(
        long = "public-host",
        value_name = "NAME",
        conflicts_with_all = ["auth_header", "users"]
    )]
    pub public_hosts: Vec<String>,

    /// Serve HTTPS with this certificate chain (PEM); HSTS is sent.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// The private key (PEM) of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Show only this project (repeatable); any other gets 403. Together with --allow-org and --allow-ids.
    #[arg(long = "allow-project", value_name = "ID")]
    pub allow_projects: Vec<String>,

    /// Show only this organization (repeatable), its teams and their members, its project list and every project in it.
    #[arg(long = "allow-org", value_name = "ID")]
    pub allow_orgs: Vec<String>,

    /// The apiVersion of the config.json the proxy writes (with --demo or an ID scope): v1, v2 or public (Cloud Manager, Ops Manager).
    #[arg(long, value_name = "VERSION", default_value = "v1", value_parser = api_flavour)]
    pub api_version: ApiFlavour,

    /// A file of allowed IDs with labels, one a line: `project ID Label` or `org ID Label`.
    #[arg(long, value_name = "FILE")]
    pub allow_ids: Option<PathBuf>,

    /// Seconds an Atlas answer is kept and shared; 0 turns the cache off.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub cache_ttl: u64,

    /// Serve /metrics on this loopback address only, open, instead of beside the API under the access mode.
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<SocketAddr>,

    /// Check the options and the environment, say what would run, and exit: 0 if it would start.
    #[arg(long)]
    pub check_config: bool,

    /// Open connections at once; connections beyond are closed as they arrive.
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub max_connections: u64,

    /// Seconds a client may take to send a request's headers (against slow-loris clients).
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_read_timeout: u64,

    /// Seconds a connection may stay open answering no request before it is closed (HTTP/1 keep-alive and HTTP/2 alike).
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout: u64,

    /// Upstream requests in flight at once; further ones wait their turn (cached answers do not).
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_concurrent_upstream: u64,

    /// Upstream requests (cache misses) a minute for each signed-in user, else each client address, whatever it asks about; 0 turns it off.
    #[arg(long, value_name = "N", default_value_t = 600)]
    pub user_upstream_per_minute: u32,
}

fn api_flavour(tag: &str) -> Result<ApiFlavour, String> {
    ApiFlavour::from_tag(tag).ok_or_else(|| "v1, v2 or public".to_string())
}
