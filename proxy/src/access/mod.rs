//! Who may use the proxy: nobody checked (loopback, or `--allow-anonymous`), a header set by
//! a trusted SSO gateway (`--auth-header` with `--trusted-proxy`), or HTTP Basic against an
//! htpasswd file of bcrypt entries (`--users`).
//!
//! - [`mode`]: which of the three, chosen once at start from the options;
//! - [`htpasswd`]: reading the users file;
//! - [`users`]: checking Basic credentials with bcrypt, remembering the checked ones, reloading;
//! - [`failures`]: how often failed sign-ins may be tried;
//! - [`host`]: the `Host` a no-sign-in proxy answers for (against DNS rebinding);
//! - [`relay`]: signs that a no-sign-in proxy is reached through another proxy;
//! - [`client_address`]: the client a request comes from, behind a trusted front end too;
//! - [`basic`]: the `Authorization: Basic` header;
//! - [`middleware`]: admitting or refusing each request.

mod basic;
mod client_address;
mod error;
mod failures;
mod host;
mod htpasswd;
mod middleware;
mod mode;
mod relay;
mod users;

pub use client_address::client_address;
pub use error::AccessError;
pub use htpasswd::read_htpasswd;
pub use middleware::{require_access, SignedIn};
pub use mode::Access;
