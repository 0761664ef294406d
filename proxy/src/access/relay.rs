//! Signs that a request was relayed by another proxy (a same-host nginx, say), which a proxy
//! that asks nobody to sign in because it listens on loopback must refuse.

use axum::http::HeaderMap;

/// Headers a relaying proxy adds: `trunk serve`'s own proxy sends only `X-Forwarded-Host` and
/// `X-Forwarded-Proto`, which are not among them. A heuristic: a bare `proxy_pass`, socat or
/// `ssh -L` add none of them, which is why the shipped nginx.conf signs people in instead.
const RELAY_HEADERS: [&str; 4] = ["forwarded", "x-forwarded-for", "x-real-ip", "via"];

/// The first relay header the request carries, if any.
pub fn relayed_by(headers: &HeaderMap) -> Option<&'static str> {
    RELAY_HEADERS
        .iter()
        .find(|name| headers.contains_key(**name))
        .copied()
}
