//! The `Host` a no-sign-in proxy answers for: a DNS rebinding page reaches it under the
//! attacker's name, so only names known to be this machine's pass.

use std::net::IpAddr;

use axum::http::uri::Authority;
use axum::http::{header, HeaderMap, Uri};

use super::error::AccessError;

/// A `--public-host` name, lowercase, without its trailing dot.
pub fn public_host(name: &str) -> Result<String, AccessError> {
    let bad = || AccessError::BadPublicHost(name.to_string());
    let authority: Authority = name.parse().map_err(|_| bad())?;
    if authority.port().is_some() || authority.as_str().contains('@') || name.is_empty() {
        return Err(bad());
    }
    Ok(name.trim_end_matches('.').to_ascii_lowercase())
}

/// Whether a no-sign-in proxy answers for the request's host (`Host`, else HTTP/2's
/// `:authority`). An IP address cannot be rebound. A request without a host (HTTP/1.0) does
/// not come from a browser, which always sends one, so it passes.
pub fn host_is_served(uri: &Uri, headers: &HeaderMap, hosts: &[String]) -> bool {
    let authority = match (headers.get(header::HOST), uri.authority()) {
        (Some(host), _) => match host.to_str().ok().and_then(|h| h.parse().ok()) {
            Some(authority) => authority,
            None => return false,
        },
        (None, Some(authority)) => authority.clone(),
        (None, None) => return true,
    };
    if authority.as_str().contains('@') {
        return false;
    }
    let host = authority.host().trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok()
        || hosts.contains(&host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_no_sign_in_only_this_machines_names_and_ip_addresses_are_served() {
        let hosts = vec![public_host("Atlas.Example.").unwrap()];
        let served = |host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, host.parse().unwrap());
            host_is_served(&Uri::from_static("/api"), &headers, &hosts)
        };
        for host in [
            "localhost",
            "LOCALHOST:8080",
            "127.0.0.1",
            "127.0.0.1:8080",
            "[::1]",
            "[::1]:8080",
            "atlas.example",
            "atlas.example:443",
            "192.0.2.7:8080",
        ] {
            assert!(served(host), "{host}");
        }
        for host in [
            "evil.example",
            "localhost.evil.example",
            "atlas.example.evil.example",
            "user@localhost",
            "",
        ] {
            assert!(!served(host), "{host}");
        }
        let http2 = Uri::from_static("https://evil.example/api");
        assert!(!host_is_served(&http2, &HeaderMap::new(), &hosts));
        assert!(host_is_served(
            &Uri::from_static("/api"),
            &HeaderMap::new(),
            &hosts
        ));
        for bad in ["", "atlas.example:8080", "https://atlas.example", "a/b"] {
            assert!(
                matches!(public_host(bad), Err(AccessError::BadPublicHost(_))),
                "{bad}"
            );
        }
    }
}
