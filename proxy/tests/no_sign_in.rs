//! With no sign-in because it listens on loopback, the proxy answers only its own host's
//! browser: not a relay in front of it, not a page that rebinds a name to 127.0.0.1.

mod common;

use common::{raw, spawn_binary, InProcess};
use serde_json::json;

const TEAMS: &str = "/api/public/v1.0/orgs/6500000000000000000000b2/teams";

#[tokio::test]
async fn a_relayed_request_is_refused_and_logged_but_trunks_proxy_and_healthz_work() {
    let (mut child, addr) = spawn_binary(&["--demo"], &[]).await;
    for relay in [
        ("Forwarded", "for=192.0.2.60;proto=http"),
        ("X-Forwarded-For", "192.0.2.60"),
        ("X-Real-IP", "192.0.2.60"),
        ("Via", "1.1 relay.example"),
    ] {
        let refused = raw(addr, "GET", TEAMS, &[relay]).await;
        assert_eq!(refused.status, 403, "{relay:?}");
        assert_eq!(
            refused.header("content-type").as_deref(),
            Some("application/json")
        );
        assert_eq!(
            refused.json(),
            json!({
                "error": 403,
                "reason": "Forbidden",
                "errorCode": "PROXY_RELAYED_WITHOUT_SIGN_IN",
                "detail": "This proxy asks nobody to sign in because it listens on a loopback \
                           address, but this request was relayed to it (it carries Forwarded, \
                           X-Forwarded-For or X-Real-IP). Its operator must choose a sign-in: \
                           --auth-header with --trusted-proxy, or --users.",
            }),
            "{relay:?}"
        );
        assert_eq!(
            raw(addr, "GET", "/", &[relay]).await.status,
            403,
            "the site too"
        );
    }
    let healthz = raw(
        addr,
        "GET",
        "/healthz",
        &[("X-Forwarded-For", "192.0.2.60")],
    )
    .await;
    assert_eq!(healthz.status, 200);
    assert_eq!(healthz.body, "ok");

    // What `trunk serve`'s proxy adds.
    let trunk = raw(
        addr,
        "GET",
        TEAMS,
        &[
            ("X-Forwarded-Host", "localhost:8081"),
            ("X-Forwarded-Proto", "http"),
        ],
    )
    .await;
    assert_eq!(trunk.status, 200, "{}", trunk.body);
    assert_eq!(trunk.json()["totalCount"], 5);

    child.start_kill().unwrap();
    let output = child.wait_with_output().await.unwrap();
    let log = String::from_utf8_lossy(&output.stdout).to_string();
    let warnings: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("WARN") && line.contains("relayed"))
        .collect();
    assert_eq!(warnings.len(), 8, "one warning a refusal:\n{log}");
    assert!(
        warnings[2].contains("x-forwarded-for")
            && warnings[0].contains("--auth-header with --trusted-proxy, or --users"),
        "{log}"
    );
}

#[tokio::test]
async fn allow_anonymous_admits_relayed_requests_on_purpose() {
    let proxy = InProcess::new(&["--demo", "--allow-anonymous"], Default::default());
    let relayed = proxy
        .request("GET", TEAMS, &[("X-Forwarded-For", "192.0.2.60")])
        .await;
    assert_eq!(relayed.status, 200, "{}", relayed.body);
}

/// Sends `head` (request line and headers, without the blank line) as written.
async fn send(addr: std::net::SocketAddr, head: &str) -> common::RawAnswer {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(format!("{head}\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.unwrap();
    let text = String::from_utf8_lossy(&bytes).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    common::RawAnswer {
        status: head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        head: head.to_string(),
        body: body.to_string(),
    }
}

#[tokio::test]
async fn a_rebound_host_name_gets_421_and_only_local_or_public_host_names_are_served() {
    let addr = common::proxy(
        &["--demo", "--public-host", "Atlas.Example"],
        Default::default(),
    )
    .await;
    let port = addr.port();
    let get = |host: String| async move {
        send(addr, &format!("GET {TEAMS} HTTP/1.1\r\nHost: {host}")).await
    };
    let rebound = get(format!("evil.example:{port}")).await;
    assert_eq!(rebound.status, 421);
    assert_eq!(
        rebound.json(),
        json!({
            "error": 421,
            "reason": "Misdirected Request",
            "errorCode": "PROXY_HOST_NOT_SERVED",
            "detail": "This proxy answers only for localhost, an IP address or a name given \
                       with --public-host.",
        })
    );
    assert_eq!(get("localhost.evil.example".into()).await.status, 421);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
        format!("atlas.example:{port}"),
        "ATLAS.example".to_string(),
    ] {
        let answer = get(host.clone()).await;
        assert_eq!(answer.status, 200, "{host}: {}", answer.body);
    }
    let healthz = send(addr, "GET /healthz HTTP/1.1\r\nHost: evil.example").await;
    assert_eq!(healthz.status, 200);
    // HTTP/1.0 without Host: no browser sends that, so it cannot be a rebinding page.
    let old = send(addr, &format!("GET {TEAMS} HTTP/1.0")).await;
    assert_eq!(old.status, 200, "{}", old.body);

    let without = common::proxy(&["--demo"], Default::default()).await;
    let named = send(
        without,
        &format!("GET {TEAMS} HTTP/1.1\r\nHost: atlas.example"),
    )
    .await;
    assert_eq!(named.status, 421, "a name not given with --public-host");
}

#[tokio::test]
async fn public_host_is_only_for_the_no_sign_in_mode_and_takes_a_bare_name() {
    use clap::Parser;
    let parse = |args: &[&str]| {
        let argv = ["atlas-panel-proxy", "--demo"].iter().chain(args);
        atlas_panel_proxy::cli::Options::try_parse_from(argv)
    };
    assert!(parse(&["--public-host", "a.example", "--users", "f"]).is_err());
    let options = parse(&["--public-host", "a.example:8080"]).unwrap();
    let error = atlas_panel_proxy::check(&options, |_| None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "--public-host \"a.example:8080\" is not a host name (give it without a scheme, port or path)"
    );
}
