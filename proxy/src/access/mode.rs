//! The access mode, chosen once at start from the options, and what each mode asks of a
//! request.

use std::net::IpAddr;

use axum::http::{header, HeaderMap, HeaderName, Uri};
use ipnet::IpNet;

use super::client_address::is_trusted;
use super::error::AccessError;
use super::host::{host_is_served, public_host};
use super::relay::relayed_by;
use super::users::{printable, Users};
use crate::cli::Options;
use crate::error::ProxyError;

pub enum Access {
    /// No sign-in. `local`: because the address is loopback, not because of --allow-anonymous.
    /// `hosts`: the --public-host names, lowercase.
    Anonymous {
        local: bool,
        hosts: Vec<String>,
    },
    SsoHeader {
        header: HeaderName,
        trusted: Vec<IpNet>,
    },
    Users(Box<Users>),
}

impl Access {
    pub fn new(options: &Options) -> Result<Access, AccessError> {
        let listen = options.listen.ip();
        let trusted = &options.trusted_proxies;
        let access = match (options.auth_header.as_deref(), options.users.as_deref()) {
            (Some(name), _) => Access::SsoHeader {
                header: HeaderName::try_from(name)
                    .map_err(|_| AccessError::BadHeader(name.to_string()))?,
                trusted: trusted.to_vec(),
            },
            (None, Some(_))
                if !listen.is_loopback() && options.tls_cert.is_none() && trusted.is_empty() =>
            {
                return Err(AccessError::PasswordsInTheClear(listen.to_string()));
            }
            (None, Some(file)) => {
                let only_through_front_end = !listen.is_loopback() && options.tls_cert.is_none();
                Access::Users(Box::new(Users::new(file, trusted, only_through_front_end)?))
            }
            (None, None) => Access::Anonymous {
                local: !options.allow_anonymous,
                hosts: options
                    .public_hosts
                    .iter()
                    .map(|name| public_host(name))
                    .collect::<Result<_, _>>()?,
            },
        };
        if matches!(access, Access::Anonymous { .. })
            && !listen.is_loopback()
            && !options.allow_anonymous
        {
            return Err(AccessError::OpenToTheNetwork(listen.to_string()));
        }
        Ok(access)
    }

    /// The access mode, as the start-up line says it.
    pub fn describe(&self) -> String {
        match self {
            Access::Anonymous { .. } => "access: anyone who can reach it".to_string(),
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
        match self {
            Access::Users(users) => users.reload(),
            _ => Ok(0),
        }
    }

    /// The user a request is admitted as (`None` in anonymous mode), or the refusal to send.
    pub async fn admit(
        &self,
        peer: IpAddr,
        uri: &Uri,
        headers: &HeaderMap,
    ) -> Result<Option<String>, ProxyError> {
        match self {
            Access::Anonymous { local, hosts } => {
                if !host_is_served(uri, headers, hosts) {
                    return Err(ProxyError::MisdirectedHost);
                }
                if let Some(relay) = relayed_by(headers).filter(|_| *local) {
                    tracing::warn!(
                        "refused a request relayed from {peer} (it has {relay}): with no sign-in \
                         this proxy must not be reached through another proxy; give \
                         --auth-header with --trusted-proxy, or --users"
                    );
                    return Err(ProxyError::RelayedWithoutSignIn);
                }
                Ok(None)
            }
            Access::SsoHeader { header, trusted } => {
                let user = only_value(headers, header)?
                    .and_then(|v| v.to_str().ok())
                    .map(str::trim)
                    .unwrap_or("");
                if is_trusted(peer, trusted) && !user.is_empty() {
                    Ok(Some(printable(user)))
                } else {
                    Err(ProxyError::SignInThroughGateway)
                }
            }
            Access::Users(users) => {
                only_value(headers, &header::AUTHORIZATION)?;
                users.admit(peer, headers).await.map(Some)
            }
        }
    }
}

/// The sign-in header's one value: a request that gives it twice is refused, whichever copy a
/// front end or the proxy would read.
fn only_value<'a>(
    headers: &'a HeaderMap,
    name: &HeaderName,
) -> Result<Option<&'a axum::http::HeaderValue>, ProxyError> {
    let mut values = headers.get_all(name).iter();
    let first = values.next();
    if values.next().is_some() {
        return Err(ProxyError::SignInHeaderRepeated(name.to_string()));
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(args: &[&str]) -> Result<Access, AccessError> {
        use clap::Parser;
        let argv = ["atlas-panel-proxy", "--demo"].iter().chain(args);
        Access::new(&Options::try_parse_from(argv).unwrap())
    }

    #[test]
    fn refuses_to_open_the_key_to_the_network_by_default() {
        assert!(matches!(
            access(&["--listen", "0.0.0.0:8080"]),
            Err(AccessError::OpenToTheNetwork(_))
        ));
        assert!(matches!(
            access(&["--listen", "0.0.0.0:8080", "--allow-anonymous"]),
            Ok(Access::Anonymous { local: false, .. })
        ));
        assert!(matches!(
            access(&[]),
            Ok(Access::Anonymous { local: true, .. })
        ));
        assert!(access(&[
            "--listen",
            "0.0.0.0:8080",
            "--auth-header",
            "X-Forwarded-Email",
            "--trusted-proxy",
            "10.0.0.0/8",
        ])
        .is_ok());
    }

    #[tokio::test]
    async fn a_sign_in_header_given_twice_is_refused() {
        let gateway = access(&[
            "--auth-header",
            "X-Forwarded-Email",
            "--trusted-proxy",
            "127.0.0.1/32",
        ])
        .unwrap();
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-email", "alice@example.com".parse().unwrap());
        let once = gateway.admit(peer, &Uri::from_static("/"), &headers).await;
        assert_eq!(once.ok().flatten().as_deref(), Some("alice@example.com"));
        headers.append("x-forwarded-email", "bob@example.com".parse().unwrap());
        let twice = gateway.admit(peer, &Uri::from_static("/"), &headers).await;
        assert!(
            matches!(twice, Err(ProxyError::SignInHeaderRepeated(_))),
            "{:?}",
            twice.ok()
        );
    }
}
