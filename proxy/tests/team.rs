//! One key for a whole team: who may use the proxy, which IDs it may show, and how it spares
//! Atlas's rate limit.

mod common;

use std::time::Duration;

use common::{basic, get, proxy, proxy_with_fake, raw};
use fake_upstream::{ids, AuthMode, FakeAtlas};

fn teams(id: &str) -> String {
    format!("/api/public/v1.0/orgs/{id}/teams")
}

fn upstream_count(fake: &FakeAtlas, id: &str) -> usize {
    fake.received()
        .iter()
        .filter(|r| r.path_and_query.contains(id) && r.header("authorization").is_some())
        .count()
}

fn site_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<title>atlas-panel</title>").unwrap();
    dir
}

#[tokio::test]
async fn sso_header_mode_admits_only_the_gateway_with_a_user() {
    let site = site_dir();
    let static_dir = site.path().to_str().unwrap();
    let running = proxy_with_fake(
        AuthMode::Digest,
        &[
            "--auth-header",
            "X-Forwarded-Email",
            "--trusted-proxy",
            "127.0.0.1/32",
            "--static",
            static_dir,
        ],
    )
    .await;
    let refused = get(running.addr, &teams(ids::LARGE)).await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.json()["errorCode"], "PROXY_SIGN_IN_REQUIRED");
    assert_eq!(
        raw(running.addr, "GET", "/", &[]).await.status,
        401,
        "the static site obeys the access mode"
    );
    let empty = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("X-Forwarded-Email", "  ")],
    )
    .await;
    assert_eq!(empty.status, 401);
    let admitted = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("X-Forwarded-Email", "alice@example.com")],
    )
    .await;
    assert_eq!(admitted.status, 200);
    assert_eq!(
        get(running.addr, "/healthz").await.status,
        200,
        "/healthz stays open"
    );

    let elsewhere = proxy_with_fake(
        AuthMode::Digest,
        &[
            "--auth-header",
            "X-Forwarded-Email",
            "--trusted-proxy",
            "10.0.0.0/8",
        ],
    )
    .await;
    let untrusted = raw(
        elsewhere.addr,
        "GET",
        &teams(ids::LARGE),
        &[("X-Forwarded-Email", "mallory@example.com")],
    )
    .await;
    assert_eq!(
        untrusted.status, 401,
        "the header counts only from a trusted address"
    );
    assert!(elsewhere.fake().received().is_empty());
}

#[tokio::test]
async fn htpasswd_mode_checks_bcrypt_passwords_and_keeps_them_from_upstream() {
    let users = tempfile::NamedTempFile::new().unwrap();
    let hash = bcrypt::hash("correct horse", 10).unwrap();
    std::fs::write(users.path(), format!("alice:{hash}\n")).unwrap();
    let running = proxy_with_fake(
        AuthMode::Digest,
        &["--users", users.path().to_str().unwrap()],
    )
    .await;

    let anonymous = get(running.addr, &teams(ids::LARGE)).await;
    assert_eq!(anonymous.status, 401);
    assert!(anonymous
        .header("www-authenticate")
        .unwrap()
        .starts_with("Basic realm="));
    let wrong = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Authorization", &basic("alice", "wrong"))],
    )
    .await;
    assert_eq!(wrong.status, 401);
    let unknown = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Authorization", &basic("bob", "correct horse"))],
    )
    .await;
    assert_eq!(unknown.status, 401);
    let right = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Authorization", &basic("alice", "correct horse"))],
    )
    .await;
    assert_eq!(right.status, 200);
    for request in running.fake().received() {
        let authorization = request.header("authorization").unwrap_or("");
        assert!(
            !authorization.starts_with("Basic"),
            "the browser's Authorization reached upstream"
        );
    }
}

#[tokio::test]
async fn start_refuses_non_bcrypt_users_and_an_open_network_address() {
    let users = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(users.path(), "alice:$apr1$abc$def\n").unwrap();
    let options = |args: &[&str]| {
        let mut argv = vec!["atlas-panel-proxy", "--demo"];
        argv.extend_from_slice(args);
        <atlas_panel_proxy::cli::Options as clap::Parser>::try_parse_from(argv).unwrap()
    };
    let no_env = |_: &str| None;
    let error = atlas_panel_proxy::check(
        &options(&["--users", users.path().to_str().unwrap()]),
        no_env,
    )
    .unwrap_err();
    assert!(error.to_string().contains("only bcrypt"), "{error}");
    let open =
        atlas_panel_proxy::check(&options(&["--listen", "0.0.0.0:8080"]), no_env).unwrap_err();
    assert!(open.to_string().contains("--allow-anonymous"), "{open}");
    let said = atlas_panel_proxy::check(
        &options(&["--listen", "0.0.0.0:8080", "--allow-anonymous"]),
        no_env,
    )
    .unwrap();
    assert!(said.contains("access: anyone"), "{said}");
    let sso = atlas_panel_proxy::check(
        &options(&[
            "--listen",
            "0.0.0.0:8080",
            "--auth-header",
            "X-Forwarded-Email",
            "--trusted-proxy",
            "10.1.2.3/32",
        ]),
        no_env,
    )
    .unwrap();
    assert!(
        sso.contains("access: SSO header x-forwarded-email from 10.1.2.3/32"),
        "{sso}"
    );
}

#[tokio::test]
async fn disallowed_ids_are_refused_before_their_lists_reach_upstream_and_config_names_the_allowed()
{
    let ids_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        ids_file.path(),
        format!("org {} Example Corp\n", ids::LARGE),
    )
    .unwrap();
    let running = proxy_with_fake(
        AuthMode::Digest,
        &[
            "--allow-ids",
            ids_file.path().to_str().unwrap(),
            "--allow-project",
            ids::ALL_TYPES,
        ],
    )
    .await;
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
    let refused = get(running.addr, &teams(ids::SLOW)).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json()["errorCode"], "ID_NOT_ALLOWED_BY_PROXY");
    let refused_project = get(
        running.addr,
        &format!("/api/atlas/v2/groups/{}/integrations", ids::EMPTY),
    )
    .await;
    assert_eq!(refused_project.status, 403);
    // The project outside --allow-project is placed by asking for the project alone; the fake
    // names no organization for it, so its integrations are never asked for.
    let received = running.fake().received();
    assert!(received
        .iter()
        .all(|r| !r.path_and_query.contains(ids::SLOW)));
    let asked: Vec<&str> = received
        .iter()
        .filter(|r| r.path_and_query.contains(ids::EMPTY))
        .map(|r| r.path_and_query.as_str())
        .collect();
    assert!(
        asked
            .iter()
            .all(|path| *path == format!("/api/atlas/v2/groups/{}", ids::EMPTY)),
        "{asked:?}"
    );
    let config = get(running.addr, "/config.json").await.json();
    assert_eq!(config["orgs"][0]["id"], ids::LARGE);
    assert_eq!(config["orgs"][0]["label"], "Example Corp");
    assert_eq!(config["projects"][0]["id"], ids::ALL_TYPES);
}

#[tokio::test]
async fn fifty_identical_requests_reach_upstream_once() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    running.fake().set_slow_ms(300);
    let addr = running.addr;
    let requests: Vec<_> = (0..50)
        .map(|_| tokio::spawn(async move { get(addr, &teams(ids::SLOW)).await }))
        .collect();
    let mut statuses = Vec::new();
    for request in requests {
        let answer = request.await.unwrap();
        statuses.push(answer.header("x-cache").unwrap_or_default());
        assert_eq!(answer.status, 200);
    }
    assert_eq!(upstream_count(running.fake(), ids::SLOW), 1);
    assert_eq!(
        statuses.iter().filter(|s| *s == "miss").count(),
        1,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn answers_are_kept_for_the_ttl_then_fetched_again() {
    let running = proxy_with_fake(AuthMode::Digest, &["--cache-ttl", "1"]).await;
    let first = get(running.addr, &teams(ids::LARGE)).await;
    assert_eq!(first.header("x-cache").as_deref(), Some("miss"));
    let second = get(running.addr, &teams(ids::LARGE)).await;
    assert_eq!(second.header("x-cache").as_deref(), Some("hit"));
    assert_eq!(second.header("age").as_deref(), Some("0"));
    assert_eq!(second.body, first.body);
    assert_eq!(upstream_count(running.fake(), ids::LARGE), 1);
    // Another page is another answer.
    get(running.addr, &format!("{}?pageNum=2", teams(ids::LARGE))).await;
    assert_eq!(upstream_count(running.fake(), ids::LARGE), 2);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        get(running.addr, &teams(ids::LARGE))
            .await
            .header("x-cache")
            .as_deref(),
        Some("miss")
    );
    assert_eq!(upstream_count(running.fake(), ids::LARGE), 3);
    // A refresh asks past the cache, but only once every few seconds.
    let refreshed = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Cache-Control", "no-cache")],
    )
    .await;
    assert_eq!(refreshed.header("x-cache").as_deref(), Some("miss"));
    let again = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Cache-Control", "no-cache")],
    )
    .await;
    assert_eq!(again.header("x-cache").as_deref(), Some("hit"));
    assert_eq!(upstream_count(running.fake(), ids::LARGE), 4);
}

#[tokio::test]
async fn errors_are_not_kept() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    running.fake().fail(ids::LARGE, 500, 1);
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 500);
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
}

#[tokio::test]
async fn after_a_429_nothing_reaches_upstream_until_retry_after_has_passed() {
    let running = proxy_with_fake(AuthMode::Digest, &["--cache-ttl", "1"]).await;
    // A good answer first, then Atlas's bucket runs dry (the fake asks to wait 2 seconds).
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    running.fake().fail(ids::LARGE, 429, 1);
    let limited = get(running.addr, &teams(ids::LARGE)).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after").as_deref(), Some("2"));
    let before = upstream_count(running.fake(), ids::LARGE);

    let stale = get(running.addr, &teams(ids::LARGE)).await;
    assert_eq!(
        stale.status, 200,
        "the last good answer, while Atlas asks to wait"
    );
    assert_eq!(stale.header("x-cache").as_deref(), Some("stale"));
    let never_fetched = get(running.addr, &format!("{}?pageNum=5", teams(ids::LARGE))).await;
    assert_eq!(
        never_fetched.status, 429,
        "nothing kept for that page: the proxy's own 429"
    );
    assert_eq!(never_fetched.json()["errorCode"], "RATE_LIMITED");
    let wait: u64 = never_fetched
        .header("retry-after")
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&wait), "{wait}");
    assert_eq!(
        upstream_count(running.fake(), ids::LARGE),
        before,
        "no token spent while waiting"
    );

    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
    assert_eq!(upstream_count(running.fake(), ids::LARGE), before + 1);
}

#[tokio::test]
async fn metrics_count_what_happened() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    get(running.addr, &teams(ids::LARGE)).await;
    get(running.addr, &teams(ids::LARGE)).await;
    get(running.addr, &teams(ids::STATUS_429)).await;
    get(running.addr, "/api/nope").await;
    let metrics = get(running.addr, "/metrics").await;
    assert_eq!(metrics.status, 200);
    let text = metrics.body;
    for line in [
        r#"atlas_panel_proxy_requests_total{route="teams_v1",method="GET",status="200"} 2"#,
        r#"atlas_panel_proxy_requests_total{route="teams_v1",method="GET",status="429"} 1"#,
        r#"atlas_panel_proxy_requests_total{route="api_refused",method="GET",status="404"} 1"#,
        "atlas_panel_proxy_cache_hits_total 1",
        "atlas_panel_proxy_cache_misses_total 2",
        "atlas_panel_proxy_upstream_rate_limited_total 1",
        "atlas_panel_proxy_upstream_ratelimit_remaining 99",
        "atlas_panel_proxy_upstream_request_duration_seconds_count 2",
    ] {
        assert!(text.contains(line), "{line} missing from:\n{text}");
    }
    // promtool is Prometheus's own parser and linter of the exposition format: exit 1 is text
    // it cannot parse, exit 3 a lint finding.
    let output = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(text.as_bytes())?;
            }
            child.wait_with_output()
        })
        .unwrap_or_else(|error| common::missing_tool("promtool", "prometheus", error));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // The proxy speaks OpenMetrics, where a counter family `x` has HELP and TYPE under `x` and
    // its sample is `x_total`; promtool lints as the older text format and reports such a
    // sample as having no help text. That one finding, for a counter so declared, is allowed.
    let openmetrics_counter = |finding: &str| {
        finding
            .strip_suffix(" no help text")
            .and_then(|sample| sample.strip_suffix("_total"))
            .is_some_and(|family| {
                text.contains(&format!("# HELP {family} "))
                    && text.contains(&format!("# TYPE {family} counter\n"))
            })
    };
    let findings: Vec<&str> = said
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    match output.status.code() {
        Some(0) => {}
        Some(3) => assert!(
            findings.iter().all(|finding| openmetrics_counter(finding)),
            "promtool check metrics found problems:\n{said}"
        ),
        _ => panic!("promtool check metrics could not parse /metrics:\n{said}\n{text}"),
    }
}

#[tokio::test]
async fn metrics_obey_the_access_mode_unless_on_their_own_port() {
    let running = proxy_with_fake(
        AuthMode::Digest,
        &["--auth-header", "X-User", "--trusted-proxy", "127.0.0.1/32"],
    )
    .await;
    assert_eq!(get(running.addr, "/metrics").await.status, 401);
    assert_eq!(
        raw(running.addr, "GET", "/metrics", &[("X-User", "ops")])
            .await
            .status,
        200
    );
    let open_addr = proxy(
        &["--demo", "--metrics-listen", "127.0.0.1:0"],
        Default::default(),
    )
    .await;
    assert_eq!(
        get(open_addr, "/metrics").await.status,
        404,
        "moved to its own port"
    );
}

#[tokio::test]
async fn a_scripted_team_never_empties_a_ten_token_bucket() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    running.fake().set_bucket(10, 5);
    let pages: Vec<String> = (1..=5)
        .map(|n| format!("{}?pageNum={n}", teams(ids::LARGE)))
        .collect();
    // 200 requests for 5 pages, one every 300 ms: a minute of a team at work.
    let mut answers = Vec::new();
    for n in 0..200 {
        let addr = running.addr;
        let page = pages[n % 5].clone();
        answers.push(tokio::spawn(async move { get(addr, &page).await.status }));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    for answer in answers {
        assert_eq!(
            answer.await.unwrap(),
            200,
            "a request of the team was refused"
        );
    }
    let reached = upstream_count(running.fake(), ids::LARGE);
    assert!(reached <= 15, "{reached} requests reached Atlas");
    assert_eq!(running.fake().bucket_refusals(), 0);
    eprintln!("scripted team: 200 requests, {reached} reached Atlas");
}

#[tokio::test]
async fn basic_sign_in_on_the_network_needs_tls_here_or_a_trusted_proxy_in_front() {
    let users = tempfile::NamedTempFile::new().unwrap();
    let hash = bcrypt::hash("correct horse", 10).unwrap();
    std::fs::write(users.path(), format!("alice:{hash}\n")).unwrap();
    let file = users.path().to_str().unwrap();
    let check = |args: &[&str]| {
        let mut argv = vec!["atlas-panel-proxy", "--demo", "--users", file];
        argv.extend_from_slice(args);
        let options =
            <atlas_panel_proxy::cli::Options as clap::Parser>::try_parse_from(argv).unwrap();
        atlas_panel_proxy::check(&options, |_| None)
    };
    let refused = check(&["--listen", "0.0.0.0:8080"]).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "--users on 0.0.0.0, which is not a loopback address, without --tls-cert would send \
         every password in the clear: give --tls-cert and --tls-key, or --trusted-proxy CIDR \
         naming the TLS-terminating proxy in front"
    );
    for fine in [
        &["--listen", "0.0.0.0:8080", "--trusted-proxy", "10.0.3.7/32"][..],
        &[
            "--listen",
            "0.0.0.0:8443",
            "--tls-cert",
            "c.pem",
            "--tls-key",
            "k.pem",
        ],
        &[],
    ] {
        let said = check(fine).unwrap_or_else(|error| panic!("{fine:?}: {error}"));
        assert!(said.contains("access: HTTP Basic"), "{said}");
    }
}

#[tokio::test]
async fn failed_basic_sign_ins_are_limited_per_client_and_name_with_a_429() {
    let users = tempfile::NamedTempFile::new().unwrap();
    let hash = bcrypt::hash("correct horse", 10).unwrap();
    std::fs::write(users.path(), format!("alice:{hash}\n")).unwrap();
    let addr = proxy(
        &["--demo", "--users", users.path().to_str().unwrap()],
        Default::default(),
    )
    .await;
    let path = teams("6500000000000000000000b2");
    let ask = |credential: String| {
        let path = path.clone();
        async move { raw(addr, "GET", &path, &[("Authorization", &credential)]).await }
    };
    // Signed in before the failures: the checked credential is not asked to wait.
    assert_eq!(ask(basic("alice", "correct horse")).await.status, 200);
    for attempt in 0..10 {
        assert_eq!(ask(basic("alice", "guess")).await.status, 401, "{attempt}");
    }
    let limited = ask(basic("alice", "guess")).await;
    assert_eq!(limited.status, 429);
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=6).contains(&wait), "{wait}");
    assert_eq!(
        limited.json(),
        serde_json::json!({
            "error": 429,
            "reason": "Too Many Requests",
            "errorCode": "PROXY_SIGN_IN_RATE_LIMITED",
            "detail": format!("Too many failed sign-ins from this address, or with this user name; try again in {wait} seconds."),
        })
    );
    assert_eq!(
        ask(basic("alice", "correct horse ")).await.status,
        429,
        "an unchecked credential waits too"
    );
    assert_eq!(ask(basic("alice", "correct horse")).await.status, 200);
    // Behind one shared address, alice's guesses never lock out another name.
    for attempt in 0..10 {
        assert_eq!(
            ask(basic("bob", "guess")).await.status,
            401,
            "bob {attempt}"
        );
    }
    assert_eq!(ask(basic("bob", "guess")).await.status, 429);
    assert_eq!(
        raw(addr, "GET", &path, &[]).await.status,
        401,
        "no credential costs no bcrypt and is not limited"
    );
}
