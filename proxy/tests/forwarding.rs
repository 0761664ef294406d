//! The proxy in front of a fake Atlas that demands Digest or OAuth: what passes, what is
//! refused before it reaches upstream, what the browser gets back.

mod common;

use common::{get, proxy, proxy_with_fake, raw};
use fake_upstream::{ids, AuthMode, PRIVATE_KEY, PUBLIC_KEY};
use serde_json::Value;

fn integrations(id: &str) -> String {
    format!("/api/atlas/v1.0/groups/{id}/integrations")
}

fn teams(id: &str) -> String {
    format!("/api/public/v1.0/orgs/{id}/teams")
}

#[tokio::test]
async fn digest_answers_one_challenge_then_reuses_the_nonce() {
    let running = proxy_with_fake(AuthMode::Digest, &["--cache-ttl", "0"]).await;
    for _ in 0..3 {
        let answer = get(
            running.addr,
            &format!("{}?pageNum=2&itemsPerPage=10", teams(ids::LARGE)),
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.json()["results"][0]["name"], "Team 0011");
    }
    let received = running.fake().received();
    // One unauthenticated request to learn the challenge, then three signed ones.
    assert_eq!(received.len(), 4);
    assert_eq!(received[0].header("authorization"), None);
    for (n, request) in received[1..].iter().enumerate() {
        let authorization = request.header("authorization").expect("signed");
        assert!(authorization.starts_with("Digest "));
        assert!(authorization.contains(&format!(r#"username="{PUBLIC_KEY}""#)));
        assert!(
            authorization.contains(&format!("nc={:08x}", n + 1)),
            "{authorization}"
        );
        assert!(!authorization.contains(PRIVATE_KEY));
    }
}

#[tokio::test]
async fn digest_is_challenged_again_when_the_nonce_goes_stale() {
    let running = proxy_with_fake(AuthMode::Digest, &["--cache-ttl", "0"]).await;
    // The fake declares a nonce stale after 25 uses.
    for _ in 0..30 {
        assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
    }
    let challenges = running
        .fake()
        .received()
        .iter()
        .filter(|r| r.header("authorization").is_none())
        .count();
    assert_eq!(challenges, 1, "only the first request goes unsigned");
    assert_eq!(
        running.fake().received().len(),
        32,
        "one challenge, 30 answers, one stale re-challenge"
    );
}

#[tokio::test]
async fn a_refused_key_is_a_401_without_a_login_dialog() {
    let fake = fake_upstream::FakeAtlas::start(AuthMode::Digest).await;
    let mut env = common::api_key_env();
    env.insert(
        "MONGODB_ATLAS_PRIVATE_API_KEY".into(),
        "the-wrong-private-key".into(),
    );
    let addr = proxy(&["--upstream", &fake.base_url()], env).await;
    let answer = get(addr, &teams(ids::LARGE)).await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.header("www-authenticate"), None);
    assert_eq!(answer.json()["errorCode"], "NOT_AUTHORIZED");
    assert!(!answer.body.contains("the-wrong-private-key"));
    assert_eq!(
        fake.received().len(),
        2,
        "one challenge and one signed try, no more"
    );
}

#[tokio::test]
async fn oauth_fetches_one_token_for_many_concurrent_requests() {
    let running = proxy_with_fake(AuthMode::OAuth, &["--cache-ttl", "0"]).await;
    let addr = running.addr;
    let requests: Vec<_> = (0..20)
        .map(|_| tokio::spawn(async move { get(addr, &teams(ids::LARGE)).await.status }))
        .collect();
    for request in requests {
        assert_eq!(request.await.unwrap(), 200);
    }
    assert_eq!(running.fake().token_fetches(), 1);
    let api_requests: Vec<_> = running
        .fake()
        .received()
        .into_iter()
        .filter(|r| r.path_and_query.starts_with("/api/public"))
        .collect();
    assert_eq!(api_requests.len(), 20);
    assert!(api_requests
        .iter()
        .all(|r| r.header("authorization") == Some("Bearer fake-token-1")));
}

#[tokio::test]
async fn oauth_refreshes_once_when_the_token_is_refused() {
    let running = proxy_with_fake(AuthMode::OAuth, &["--cache-ttl", "0"]).await;
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
    running.fake().revoke_tokens();
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
    assert_eq!(running.fake().token_fetches(), 2);
    let token_request = running
        .fake()
        .received()
        .into_iter()
        .find(|r| r.path_and_query == "/api/oauth/token")
        .unwrap();
    assert_eq!(token_request.method, "POST");
    assert!(token_request
        .header("authorization")
        .unwrap()
        .starts_with("Basic "));
}

#[tokio::test]
async fn refused_paths_and_methods_never_reach_upstream() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let id = ids::LARGE;
    let not_found = [
        "/api".to_string(),
        "/api/".to_string(),
        "/api/atlas/v1.0/groups".to_string(),
        "/api/atlas/v2/groups".to_string(),
        format!("/api/atlas/v1.0/groups/{id}/"),
        format!("/api/atlas/v2/orgs/{id}"),
        format!("/api/atlas/v1.0/groups/{id}/databaseUsers"),
        format!("/api/atlas/v1.0/orgs/{id}/apiKeys"),
        format!("/api/atlas/v1.0/groups/{id}/integrations/SLACK"),
        format!("/api/atlas/v1.0/groups/{id}/integrations/../../../orgs/{id}/apiKeys"),
        format!("/api/atlas/v1.0/groups/{id}/../{id}/integrations"),
        format!("/api/atlas/v1.0/groups/{id}%2F..%2Fx/integrations"),
        "/api/atlas/v1.0/groups/%66a00000000000000000000b1/integrations".to_string(),
        format!("/api/atlas/v1.0//groups/{id}/integrations"),
        format!("/api/atlas/./v1.0/groups/{id}/integrations"),
        format!("/api/atlas/v1.0/groups/{}/integrations", id.to_uppercase()),
        "/api/oauth/token".to_string(),
    ];
    for path in &not_found {
        let answer = get(running.addr, path).await;
        assert_eq!(answer.status, 404, "{path}: {}", answer.body);
        let body = answer.json();
        assert_eq!(body["error"], 404);
        assert_eq!(body["errorCode"], "RESOURCE_NOT_FOUND");
        assert!(body["reason"].is_string() && body["detail"].is_string());
    }
    for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
        let answer = raw(running.addr, method, &teams(id), &[("Content-Length", "0")]).await;
        assert_eq!(answer.status, 405, "{method}");
        assert_eq!(answer.json()["errorCode"], "METHOD_NOT_ALLOWED");
        assert_eq!(answer.header("allow").as_deref(), Some("GET, HEAD"));
    }
    for query in [
        "host=evil.example",
        "pageNum=1&pageNum=2",
        "pageNum=abc",
        "includeCount=1",
        "pageNum=%31",
    ] {
        let answer = get(running.addr, &format!("{}?{query}", teams(id))).await;
        assert_eq!(answer.status, 400, "{query}");
        assert_eq!(answer.json()["errorCode"], "INVALID_QUERY_PARAMETER");
    }
    // An absolute-form target names another host; the upstream is fixed at start all the same:
    // the path is served from the fake Atlas, as if the target had been the path alone.
    let absolute = get(running.addr, &format!("http://evil.example{}", teams(id))).await;
    assert_eq!(absolute.status, 200, "{}", absolute.body);
    assert_eq!(
        absolute.json(),
        get(running.addr, &teams(id)).await.json(),
        "the fake Atlas's own answer for the path"
    );
    let reached: Vec<String> = running
        .fake()
        .received()
        .iter()
        .map(|r| r.path_and_query.clone())
        .collect();
    assert!(
        reached.iter().all(|p| p.starts_with(&teams(id))),
        "only the allowed list reached upstream: {reached:?}"
    );
}

#[tokio::test]
async fn upstream_sees_only_the_proxys_own_headers() {
    // --allow-anonymous: on loopback alone a relayed request (X-Forwarded-For) is refused.
    let running = proxy_with_fake(AuthMode::Digest, &["--allow-anonymous"]).await;
    let browser_headers = [
        ("Cookie", "session=browser-cookie"),
        ("Authorization", "Basic YnJvd3Nlcjpwdw=="),
        ("X-Forwarded-For", "10.1.2.3"),
        ("Accept", "text/html"),
        ("User-Agent", "BrowserAgent/1.0"),
        ("X-Custom", "browser"),
        ("Te", "trailers"),
    ];
    assert_eq!(
        raw(running.addr, "GET", &teams(ids::LARGE), &browser_headers)
            .await
            .status,
        200
    );
    assert_eq!(
        raw(
            running.addr,
            "GET",
            "/api/atlas/v2/orgs/fa00000000000000000000b1/teams",
            &browser_headers
        )
        .await
        .status,
        200
    );
    let received = running.fake().received();
    for request in &received {
        let text = format!("{:?}", request.headers).to_ascii_lowercase();
        for leaked in [
            "browser-cookie",
            "ynjvd3nlcjpwdw",
            "10.1.2.3",
            "browseragent",
            "x-custom",
            "trailers",
            "text/html",
        ] {
            assert!(!text.contains(leaked), "{leaked} reached upstream: {text}");
        }
        assert!(request
            .header("user-agent")
            .unwrap()
            .starts_with("atlas-panel-proxy/"));
        assert_eq!(request.method, "GET");
    }
    let v1 = received
        .iter()
        .find(|r| r.path_and_query.starts_with("/api/public"))
        .unwrap();
    assert_eq!(v1.header("accept"), Some("application/json"));
    let v2 = received
        .iter()
        .find(|r| r.path_and_query.starts_with("/api/atlas/v2"))
        .unwrap();
    assert_eq!(
        v2.header("accept"),
        Some("application/vnd.atlas.2023-01-01+json")
    );
}

#[tokio::test]
async fn the_browser_gets_masked_json_and_only_the_rate_limit_headers() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let answer = get(running.addr, &integrations(ids::CLEAR_SECRETS)).await;
    assert_eq!(answer.status, 200);
    assert!(
        !answer.body.contains("CLEARTEXT"),
        "a clear secret reached the browser: {}",
        answer.body
    );
    let body = answer.json();
    assert_eq!(body["results"].as_array().unwrap().len(), 10);
    assert_eq!(body["results"][0]["serviceKey"], "********7890");
    assert_eq!(body["results"][0]["region"], "US");
    assert_eq!(answer.header("ratelimit-remaining").as_deref(), Some("99"));
    assert_eq!(answer.header("ratelimit-limit").as_deref(), Some("100"));
    assert_eq!(answer.header("x-upstream-internal"), None);
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
}

#[tokio::test]
async fn alert_configurations_reach_the_browser_with_every_secret_and_phone_number_masked() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let path = format!("/api/atlas/v1.0/groups/{}/alertConfigs", ids::CLEAR_SECRETS);
    let answer = get(running.addr, &path).await;
    assert_eq!(answer.status, 200);
    for clear in ["CLEARTEXT", "alert-secret", "202-555-0147", "2025550147"] {
        assert!(
            !answer.body.contains(clear),
            "{clear} reached the browser: {}",
            answer.body
        );
    }
    let body = answer.json();
    let notifications: Vec<&Value> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|config| config["notifications"].as_array().unwrap())
        .collect();
    let field = |type_name: &str, name: &str| {
        notifications
            .iter()
            .find(|n| n["typeName"] == type_name)
            .map(|n| n[name].clone())
            .unwrap_or(Value::Null)
    };
    for (type_name, name, masked) in [
        ("PAGER_DUTY", "serviceKey", "********7890"),
        ("SLACK", "apiToken", "********abcd"),
        ("DATADOG", "datadogApiKey", "********1a2b"),
        ("OPS_GENIE", "opsGenieApiKey", "********3c4d"),
        ("VICTOR_OPS", "victorOpsApiKey", "********5e6f"),
        ("VICTOR_OPS", "victorOpsRoutingKey", "********7a8b"),
        ("WEBHOOK", "webhookSecret", "********eeee"),
        ("WEBHOOK", "webhookUrl", "********path"),
        ("WEBHOOK", "webhookBodyTemplate", "********b0dy"),
        ("WEBHOOK", "webhookHeadersTemplate", "********hd12"),
        (
            "MICROSOFT_TEAMS",
            "microsoftTeamsWebhookUrl",
            "********path",
        ),
        ("HIP_CHAT", "notificationToken", "********c0de"),
        ("FUTURE_CHANNEL", "futureApiKey", "********f00d"),
        ("SMS", "mobileNumber", "********0147"),
        // Who is notified stays readable.
        ("EMAIL", "emailAddress", "dba@estate.example"),
        ("USER", "username", "ada@estate.example"),
        ("SLACK", "channelName", "alerts"),
    ] {
        assert_eq!(field(type_name, name), masked, "{type_name}.{name}");
    }
    assert_eq!(
        field("PAGER_DUTY", "integrationId"),
        "fc0000000000000000000001"
    );
}

#[tokio::test]
async fn upstream_errors_pass_through_in_atlas_shape() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    for (id, status, code) in [
        (ids::STATUS_400, 400, "INVALID_GROUP_ID"),
        (ids::STATUS_401, 401, "USER_UNAUTHORIZED"),
        (ids::STATUS_403, 403, "IP_ADDRESS_NOT_ON_ACCESS_LIST"),
        (ids::STATUS_404, 404, "RESOURCE_NOT_FOUND"),
        (ids::STATUS_500, 500, "UNEXPECTED_ERROR"),
    ] {
        let answer = get(running.addr, &teams(id)).await;
        assert_eq!(answer.status, status, "{id}");
        assert_eq!(answer.json()["errorCode"], code);
        assert_eq!(answer.header("www-authenticate"), None);
    }
    let limited = get(running.addr, &teams(ids::STATUS_429)).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after").as_deref(), Some("1"));
    assert_eq!(limited.json()["errorCode"], "RATE_LIMITED_TOKEN_BUCKET");
}

#[tokio::test]
async fn broken_answers_become_502_in_atlas_shape() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    for (id, code) in [
        (ids::GATEWAY_HTML, "UPSTREAM_NOT_JSON"),
        (ids::TRUNCATED, "UPSTREAM_NOT_JSON"),
        (ids::DROP, "UPSTREAM_UNREACHABLE"),
        (ids::HUGE, "UPSTREAM_RESPONSE_TOO_LARGE"),
    ] {
        let answer = get(running.addr, &teams(id)).await;
        assert_eq!(answer.status, 502, "{id}: {}", answer.body);
        let body = answer.json();
        assert_eq!(body["errorCode"], code, "{id}");
        assert_eq!(body["error"], 502);
        assert_eq!(body["reason"], "Bad Gateway");
        let detail = body["detail"].as_str().unwrap();
        assert!(
            !detail.contains("<") && !detail.contains(PRIVATE_KEY),
            "{detail}"
        );
    }
}

#[tokio::test]
async fn a_refused_connection_is_502_and_a_slow_answer_504() {
    let closed = common::closed_port().await;
    let addr = proxy(
        &["--upstream", &format!("http://{closed}")],
        common::api_key_env(),
    )
    .await;
    let answer = get(addr, &teams(ids::LARGE)).await;
    assert_eq!(answer.status, 502);
    assert_eq!(
        answer.json(),
        serde_json::json!({"error": 502, "reason": "Bad Gateway", "errorCode": "UPSTREAM_UNREACHABLE",
                           "detail": "Atlas could not be reached."})
    );
    // Neither the address nor the port: the upstream's URL is the operator's, not the browser's.
    assert!(
        !answer.body.contains(&closed.to_string()),
        "{}",
        answer.body
    );
    assert!(
        !answer.body.contains(&closed.port().to_string()),
        "{}",
        answer.body
    );

    let running = proxy_with_fake(AuthMode::Digest, &["--timeout", "1"]).await;
    running.fake().set_slow_ms(3000);
    let started = std::time::Instant::now();
    let answer = get(running.addr, &teams(ids::SLOW)).await;
    assert_eq!(answer.status, 504, "{}", answer.body);
    assert_eq!(answer.json()["errorCode"], "UPSTREAM_TIMEOUT");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(2900),
        "did not wait for the slow answer"
    );
}

#[tokio::test]
async fn head_is_answered_without_a_body() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let answer = raw(running.addr, "HEAD", &teams(ids::LARGE), &[]).await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.is_empty());
    assert!(running.fake().received().iter().all(|r| r.method == "GET"));
}

#[tokio::test]
async fn cors_only_for_the_allowed_origin() {
    let running = proxy_with_fake(
        AuthMode::Digest,
        &["--allow-origin", "http://panel.example:8000"],
    )
    .await;
    let allowed = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Origin", "http://panel.example:8000")],
    )
    .await;
    assert_eq!(
        allowed.header("access-control-allow-origin").as_deref(),
        Some("http://panel.example:8000")
    );
    let other = raw(
        running.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Origin", "http://evil.example")],
    )
    .await;
    assert_eq!(other.header("access-control-allow-origin"), None);

    let no_cors = proxy_with_fake(AuthMode::Digest, &[]).await;
    let answer = raw(
        no_cors.addr,
        "GET",
        &teams(ids::LARGE),
        &[("Origin", "http://panel.example:8000")],
    )
    .await;
    assert_eq!(answer.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn upstream_requests_in_flight_are_capped() {
    let running = proxy_with_fake(
        AuthMode::Digest,
        &["--max-concurrent-upstream", "2", "--cache-ttl", "0"],
    )
    .await;
    // Learn the Digest challenge first, so that every request below is one upstream request.
    assert_eq!(get(running.addr, &teams(ids::LARGE)).await.status, 200);
    running.fake().set_slow_ms(300);
    let addr = running.addr;
    let requests: Vec<_> = (0..6)
        .map(|_| tokio::spawn(async move { get(addr, &teams(ids::SLOW)).await.status }))
        .collect();
    for request in requests {
        assert_eq!(request.await.unwrap(), 200);
    }
    assert_eq!(running.fake().max_in_flight(), 2);
}

#[tokio::test]
async fn a_cached_answer_does_not_wait_behind_the_upstream_cap() {
    let running = proxy_with_fake(AuthMode::Digest, &["--max-concurrent-upstream", "1"]).await;
    let cached = teams(ids::LARGE);
    assert_eq!(get(running.addr, &cached).await.status, 200);
    running.fake().set_slow_ms(3000);
    let addr = running.addr;
    let slow: Vec<_> = ["?itemsPerPage=10", "?itemsPerPage=20"]
        .into_iter()
        .map(|query| {
            let target = format!("{}{query}", teams(ids::SLOW));
            tokio::spawn(async move { get(addr, &target).await.status })
        })
        .collect();
    // Both slow requests are under way: one holds the only permit, one waits for it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    let hit = get(addr, &cached).await;
    assert_eq!(hit.status, 200);
    assert_eq!(hit.header("x-cache").as_deref(), Some("hit"));
    let refused = get(addr, "/api/atlas/v2/clusters").await;
    assert_eq!(refused.status, 404);
    assert!(
        started.elapsed() < std::time::Duration::from_millis(1000),
        "a cache hit and a refusal took {:?}",
        started.elapsed()
    );
    for request in slow {
        assert_eq!(request.await.unwrap(), 200);
    }
    assert_eq!(running.fake().max_in_flight(), 1);
}

#[tokio::test]
async fn an_activity_feed_is_asked_for_its_types_and_period_and_refused_anything_else_before_atlas()
{
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let project = fake_upstream::estate::project_id(3);
    let feed = format!("/api/atlas/v2/groups/{project}/events");
    let since = "2026-01-01T00:00:00Z";
    let answer = get(
        running.addr,
        &format!(
            "{feed}?eventType=TEAM_ADDED_TO_GROUP&eventType=INTEGRATION_REMOVED&minDate={since}"
        ),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let kinds: Vec<String> = answer.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["eventTypeName"].as_str().unwrap().to_string())
        .collect();
    assert!(!kinds.is_empty());
    assert!(
        kinds
            .iter()
            .all(|kind| ["TEAM_ADDED_TO_GROUP", "INTEGRATION_REMOVED"].contains(&kind.as_str())),
        "{kinds:?}"
    );
    // Another period is another answer, asked of Atlas again.
    let other = get(running.addr, &format!("{feed}?eventType=TEAM_ADDED_TO_GROUP&eventType=INTEGRATION_REMOVED&minDate=2026-02-01T00:00:00Z")).await;
    assert_eq!(other.header("x-cache").as_deref(), Some("miss"));
    let again = get(
        running.addr,
        &format!(
            "{feed}?eventType=INTEGRATION_REMOVED&eventType=TEAM_ADDED_TO_GROUP&minDate={since}"
        ),
    )
    .await;
    assert_eq!(
        again.header("x-cache").as_deref(),
        Some("hit"),
        "the same types in another order"
    );
    let before = running.fake().received().len();
    let types: Vec<String> = (0..33).map(|n| format!("eventType=TYPE_{n}")).collect();
    for bad in [
        "includeRaw=true".to_string(),
        "eventType=team_added".to_string(),
        "eventType=TEAM%3Cscript%3E".to_string(),
        types.join("&"),
        "minDate=yesterday".to_string(),
        "maxDate=2026-02-30T00:00:00Z".to_string(),
        "minDate=2026-01-01T00:00:00%2B01:00".to_string(),
    ] {
        let refused = get(running.addr, &format!("{feed}?{bad}")).await;
        assert_eq!(refused.status, 400, "{bad}: {}", refused.body);
        assert_eq!(refused.json()["errorCode"], "INVALID_QUERY_PARAMETER");
    }
    assert_eq!(
        running.fake().received().len(),
        before,
        "a refused query reached Atlas"
    );
}
