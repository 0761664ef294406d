//! The files in `deploy/` are safe as shipped: the unit runs the proxy behind nginx's sign-in,
//! and nginx signs people in before anything reaches the proxy. The real nginx in front of the
//! real proxy is `e2e/hosting.test.mjs`.

use std::process::Command;

const PROXY: &str = env!("CARGO_BIN_EXE_atlas-panel-proxy");
const UNIT: &str = include_str!("../../deploy/atlas-panel-proxy.service");
const NGINX: &str = include_str!("../../deploy/nginx.conf");

/// The arguments of the unit's `Key=` line, after the program.
fn unit_arguments(key: &str) -> Vec<&'static str> {
    let line = UNIT
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .unwrap_or_else(|| panic!("no {key} in the unit"));
    line.split_whitespace().skip(1).collect()
}

#[test]
fn the_unit_believes_only_nginx_s_user_header() {
    let start = unit_arguments("ExecStart=");
    let check = unit_arguments("ExecStartPre=");
    assert_eq!(check[0], "--check-config");
    assert_eq!(&check[1..], &start[..], "the check and the start differ");
    // The site nginx serves, where the unit's --static names it, stands in a directory here.
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!DOCTYPE html>").unwrap();
    let site_dir = site.path().to_str().unwrap();
    let check: Vec<&str> = check
        .iter()
        .map(|argument| match *argument {
            "/srv/atlas-panel/atlas" => site_dir,
            other => other,
        })
        .collect();
    assert!(
        check.contains(&site_dir),
        "the unit serves no site: {check:?}"
    );
    let output = Command::new(PROXY)
        .args(&check)
        .env_clear()
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", "public")
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", "private")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        said.contains("access: SSO header x-forwarded-email from 127.0.0.1/32"),
        "{said}"
    );
    assert!(said.contains("serving the panel from"), "{said}");
    // nginx sends every path under the site that is not a file to the proxy: its figures must
    // be on a port of their own, not among those paths.
    assert!(
        check.windows(2).any(|pair| pair[0] == "--metrics-listen"),
        "{check:?}"
    );
}

#[test]
fn nginx_asks_the_gateway_before_every_location_under_the_site() {
    // Each `location PATTERN {` with its body, up to the closing brace.
    let locations: Vec<(&str, &str)> = NGINX
        .split("\n    location ")
        .skip(1)
        .filter_map(|block| {
            let (pattern, body) = block.split_once('{')?;
            Some((pattern.trim(), body.split("\n    }").next()?))
        })
        .collect();
    let under_site: Vec<&(&str, &str)> = locations
        .iter()
        .filter(|(pattern, _)| pattern.contains("/atlas/") || pattern.starts_with('@'))
        .collect();
    assert_eq!(
        under_site.len(),
        6,
        "the API, config.json and the build's, the assets, the pages, and a deep link's page \
         from the proxy: {locations:?}"
    );
    for (pattern, body) in under_site {
        assert!(body.contains("auth_request /oauth2/auth;"), "{pattern}");
    }
    // In every location that reaches the proxy, the user header comes from the gateway's
    // answer, replacing the client's own copy.
    let to_proxy: Vec<&(&str, &str)> = locations
        .iter()
        .filter(|(_, body)| body.contains("proxy_pass http://127.0.0.1:8080"))
        .collect();
    assert_eq!(
        to_proxy.len(),
        3,
        "the API, config.json and a deep link's page"
    );
    for (pattern, body) in to_proxy {
        assert!(
            body.contains(
                "auth_request_set $atlas_panel_user $upstream_http_x_auth_request_email;"
            ),
            "{pattern}"
        );
        assert!(
            body.contains("proxy_set_header X-Forwarded-Email $atlas_panel_user;"),
            "{pattern}"
        );
    }
    assert!(!NGINX.contains("$http_x_forwarded_email"));
}
