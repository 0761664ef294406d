//! Who may use the proxy: nobody checked (loopback, or `--allow-anonymous`), a header set by
//! a trusted SSO gateway (`--auth-header` with `--trusted-proxy`), or HTTP Basic against an
//! htpasswd file of bcrypt entries (`--users`).

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderName};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use ipnet::IpNet;
use thiserror::Error;

use crate::error::ProxyError;

/// How long a checked Basic credential is trusted before bcrypt runs again.
const VERIFIED_FOR: Duration = Duration::from_secs(300);

pub enum Access {
    Anonymous,
    SsoHeader {
        header: HeaderName,
        trusted: Vec<IpNet>,
    },
    Users(Users),
}

pub struct Users {
    file: PathBuf,
    entries: RwLock<HashMap<String, String>>,
    /// `Authorization` values already checked, so that bcrypt does not run on every asset.
    verified: moka::sync::Cache<String, String>,
}

#[derive(Debug, Error)]
pub enum AccessError {
    #[error("--users {0}: {1}")]
    Unreadable(String, std::io::Error),
    #[error("--users {file}, line {line}: only bcrypt entries are accepted (create them with `htpasswd -B`)")]
    NotBcrypt { file: String, line: usize },
    #[error("--users {file}, line {line}: expected user:hash")]
    Malformed { file: String, line: usize },
    #[error("--users {0}: no users in the file")]
    Empty(String),
    #[error("--auth-header {0:?} is not a valid header name")]
    BadHeader(String),
    #[error(
        "listening on {0}, which is not a loopback address, lets anyone on the network use the \
         proxy's Atlas key: give --auth-header with --trusted-proxy, or --users, or --allow-anonymous"
    )]
    OpenToTheNetwork(String),
}

/// Reads an htpasswd file: `user:hash` lines, bcrypt only.
pub fn read_htpasswd(file: &Path) -> Result<HashMap<String, String>, AccessError> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file)
        .map_err(|error| AccessError::Unreadable(name.clone(), error))?;
    let mut users = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((user, hash)) = line.split_once(':') else {
            return Err(AccessError::Malformed {
                file: name,
                line: index + 1,
            });
        };
        if !["$2a$", "$2b$", "$2y$"]
            .iter()
            .any(|prefix| hash.starts_with(prefix))
        {
            return Err(AccessError::NotBcrypt {
                file: name,
                line: index + 1,
            });
        }
        users.insert(user.to_string(), hash.to_string());
    }
    if users.is_empty() {
        return Err(AccessError::Empty(name));
    }
    Ok(users)
}

impl Access {
    pub fn new(
        listen: IpAddr,
        auth_header: Option<&str>,
        trusted: &[IpNet],
        users_file: Option<&Path>,
        allow_anonymous: bool,
    ) -> Result<Access, AccessError> {
        let access = match (auth_header, users_file) {
            (Some(name), _) => Access::SsoHeader {
                header: HeaderName::try_from(name)
                    .map_err(|_| AccessError::BadHeader(name.to_string()))?,
                trusted: trusted.to_vec(),
            },
            (None, Some(file)) => Access::Users(Users {
                entries: RwLock::new(read_htpasswd(file)?),
                file: file.to_path_buf(),
                verified: moka::sync::Cache::builder()
                    .max_capacity(1000)
                    .time_to_live(VERIFIED_FOR)
                    .build(),
            }),
            (None, None) => Access::Anonymous,
        };
        if matches!(access, Access::Anonymous) && !listen.is_loopback() && !allow_anonymous {
            return Err(AccessError::OpenToTheNetwork(listen.to_string()));
        }
        Ok(access)
    }

    /// The access mode, as the start-up line says it.
    pub fn describe(&self) -> String {
        match self {
            Access::Anonymous => "access: anyone who can reach it".to_string(),
            Access::SsoHeader { header, trusted } => {
                let from: Vec<String> = trusted.iter().map(ToString::to_string).collect();
                format!("access: SSO header {header} from {}", from.join(", "))
            }
            Access::Users(users) => {
                format!("access: HTTP Basic, users from {}", users.file.display())
            }
        }
    }

    /// Re-reads the htpasswd file (on SIGHUP). Keeps the old users if the new file is bad.
    pub fn reload(&self) -> Result<usize, AccessError> {
        let Access::Users(users) = self else {
            return Ok(0);
        };
        let entries = read_htpasswd(&users.file)?;
        let count = entries.len();
        *users
            .entries
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = entries;
        users.verified.invalidate_all();
        Ok(count)
    }

    /// The user a request is admitted as (`None` in anonymous mode), or the 401 to send.
    async fn admit(&self, peer: IpAddr, headers: &HeaderMap) -> Result<Option<String>, ProxyError> {
        match self {
            Access::Anonymous => Ok(None),
            Access::SsoHeader { header, trusted } => {
                let from_gateway = trusted.iter().any(|net| net.contains(&peer));
                let user = headers
                    .get(header)
                    .and_then(|v| v.to_str().ok())
                    .map(str::trim)
                    .unwrap_or("");
                if from_gateway && !user.is_empty() {
                    Ok(Some(printable(user)))
                } else {
                    Err(ProxyError::SignInThroughGateway)
                }
            }
            Access::Users(users) => {
                let refused = || ProxyError::SignInWithPassword;
                let authorization = headers
                    .get(header::AUTHORIZATION)
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(refused)?;
                if let Some(user) = users.verified.get(authorization) {
                    return Ok(Some(user));
                }
                let (user, password) = basic_credentials(authorization).ok_or_else(refused)?;
                let hash = users
                    .entries
                    .read()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&user)
                    .cloned()
                    .ok_or_else(refused)?;
                let matches = tokio::task::spawn_blocking(move || {
                    bcrypt::verify(password, &hash).unwrap_or(false)
                })
                .await
                .unwrap_or(false);
                if !matches {
                    return Err(refused());
                }
                users
                    .verified
                    .insert(authorization.to_string(), printable(&user));
                Ok(Some(printable(&user)))
            }
        }
    }
}

fn basic_credentials(authorization: &str) -> Option<(String, String)> {
    let encoded = authorization.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// A user name as it may appear in a log line.
fn printable(user: &str) -> String {
    user.chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(100)
        .collect()
}

/// The user a request was admitted as, for the handlers (the per-user upstream budget).
#[derive(Clone, Debug)]
pub struct SignedIn(pub String);

/// Admits or refuses every request but `/healthz`, and names the user in the request's log line.
pub async fn require_access(
    State(access): State<Arc<Access>>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    mut request: Request,
    next: Next,
) -> Result<Response, ProxyError> {
    if request.uri().path() == "/healthz" {
        return Ok(next.run(request).await);
    }
    if let Some(user) = access.admit(peer.ip(), request.headers()).await? {
        tracing::Span::current().record("user", tracing::field::display(&user));
        request.extensions_mut().insert(SignedIn(user));
    }
    Ok(next.run(request).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    #[test]
    fn reads_bcrypt_entries_and_refuses_other_schemes() {
        let good = file("# team\nalice:$2y$05$abcdefghijklmnopqrstuu5Ihl0S0kzJ1N8y4YI6Qf8QyJ0o8JqR6\n\nbob:$2b$05$x\n");
        assert_eq!(read_htpasswd(good.path()).unwrap().len(), 2);
        for bad in [
            "carol:{SHA}abc=",
            "dave:$apr1$salt$hash",
            "erin:plaintext",
            "frank:$1$md5crypt",
        ] {
            let f = file(bad);
            assert!(
                matches!(
                    read_htpasswd(f.path()),
                    Err(AccessError::NotBcrypt { line: 1, .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            read_htpasswd(file("no colon here").path()),
            Err(AccessError::Malformed { .. })
        ));
        assert!(matches!(
            read_htpasswd(file("# nobody\n").path()),
            Err(AccessError::Empty(_))
        ));
    }

    #[test]
    fn refuses_to_open_the_key_to_the_network_by_default() {
        let everyone: IpAddr = "0.0.0.0".parse().unwrap();
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(matches!(
            Access::new(everyone, None, &[], None, false),
            Err(AccessError::OpenToTheNetwork(_))
        ));
        assert!(Access::new(everyone, None, &[], None, true).is_ok());
        assert!(Access::new(loopback, None, &[], None, false).is_ok());
        assert!(Access::new(
            everyone,
            Some("X-Forwarded-Email"),
            &["10.0.0.0/8".parse().unwrap()],
            None,
            false
        )
        .is_ok());
    }

    #[test]
    fn log_names_are_printable() {
        assert_eq!(
            printable("alice@example.com\r\nX: 1"),
            "alice@example.comX: 1"
        );
    }
}
