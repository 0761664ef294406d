//! Why the access mode cannot be set up: said at start, or on a reload that keeps the old users.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum AccessError {
    #[error("--users {0}: {1}")]
    Unreadable(String, std::io::Error),
    #[error("--users {file}, line {line}: only bcrypt entries are accepted (create them with `htpasswd -B`)")]
    NotBcrypt { file: String, line: usize },
    #[error(
        "--users {file}, line {line}: bcrypt cost {cost} is too low (at least 10); re-create \
         it with `htpasswd -B -C 12 {file} {user}`"
    )]
    WeakBcrypt {
        file: String,
        line: usize,
        cost: u32,
        user: String,
    },
    #[error("--users: could not hash the stand-in for unknown users: {0}")]
    Unhashable(String),
    #[error("--users {file}, line {line}: expected user:hash")]
    Malformed { file: String, line: usize },
    #[error("--users {0}: no users in the file")]
    Empty(String),
    #[error("--public-host {0:?} is not a host name (give it without a scheme, port or path)")]
    BadPublicHost(String),
    #[error("--auth-header {0:?} is not a valid header name")]
    BadHeader(String),
    #[error(
        "listening on {0}, which is not a loopback address, lets anyone on the network use the \
         proxy's Atlas key: give --auth-header with --trusted-proxy, or --users, or --allow-anonymous"
    )]
    OpenToTheNetwork(String),
    #[error(
        "--users on {0}, which is not a loopback address, without --tls-cert would send every \
         password in the clear: give --tls-cert and --tls-key, or --trusted-proxy CIDR naming \
         the TLS-terminating proxy in front"
    )]
    PasswordsInTheClear(String),
}
