//! Why the proxy cannot start: each reason said once, with what to do about it.

use thiserror::Error;

use crate::access::AccessError;
use crate::auth::CredentialsError;
use crate::scope::ScopeError;

#[derive(Debug, Error)]
pub enum StartError {
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Scope(#[from] ScopeError),
    #[error("--upstream must be an http:// or https:// URL with no query or fragment, not {0:?}")]
    BadUpstream(String),
    #[error(
        "--upstream {0:?} is plain HTTP to another machine: the API key's answers, or a service \
         account's client secret and bearer tokens, would cross the network in clear. Give an \
         https:// URL (http:// is accepted only for a loopback address, such as a local test \
         upstream)"
    )]
    PlainHttpUpstream(String),
    #[error(
        "--allow-origin and --connect-src take origins such as https://intranet.example, not {0:?}"
    )]
    BadOrigin(String),
    #[error("--static {0}: no index.html there (build the panel first: scripts/build)")]
    NoIndex(String),
    #[error("--metrics-listen {0}: metrics are served open, so only on a loopback address")]
    MetricsNotLoopback(String),
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
    #[error("--tls-cert/--tls-key: {0}")]
    Tls(std::io::Error),
    #[error("cannot listen on {0}: {1}")]
    Listen(String, std::io::Error),
}
