//! The client a request comes from: the peer, or the client a trusted front end names.

use std::net::{IpAddr, Ipv6Addr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The address failed sign-ins and budgets are counted against: the client the trusted proxy
/// in front names last in X-Forwarded-For, else the peer; an IPv6 client by its /64.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let forwarded = || {
        headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()?
            .to_str()
            .ok()?
            .rsplit(',')
            .next()?
            .trim()
            .parse::<IpAddr>()
            .ok()
    };
    let client = if is_trusted(peer, trusted) {
        forwarded().unwrap_or(peer)
    } else {
        peer
    };
    match client.to_canonical() {
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & (u128::MAX << 64);
            IpAddr::V6(Ipv6Addr::from(network))
        }
        v4 => v4,
    }
}

/// Whether `peer` is the trusted front end (an IPv4 peer seen as `::ffff:a.b.c.d` too).
pub fn is_trusted(peer: IpAddr, trusted: &[IpNet]) -> bool {
    let peer = peer.to_canonical();
    trusted.iter().any(|net| net.contains(&peer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_count_against_the_client_the_trusted_proxy_names() {
        let trusted: Vec<IpNet> = vec!["10.0.3.7/32".parse().unwrap()];
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.4".parse().unwrap(),
        );
        let proxy: IpAddr = "10.0.3.7".parse().unwrap();
        let other: IpAddr = "10.0.3.8".parse().unwrap();
        assert_eq!(
            client_address(proxy, &headers, &trusted),
            "198.51.100.4".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_address(other, &headers, &trusted), other);
        assert_eq!(
            client_address("2001:db8::1:2:3:4".parse().unwrap(), &HeaderMap::new(), &[]),
            "2001:db8::".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_address("::ffff:192.0.2.1".parse().unwrap(), &HeaderMap::new(), &[]),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
        assert!(is_trusted("::ffff:10.0.3.7".parse().unwrap(), &trusted));
    }
}
