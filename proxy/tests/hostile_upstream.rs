//! An upstream that answers with numbers no real Atlas sends: the proxy binary must keep
//! serving, and must not believe them.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use common::{raw, spawn_binary};

const TEAMS: &str = "/api/atlas/v2/orgs/6500000000000000000000b2/teams";
const OTHER_TEAMS: &str = "/api/atlas/v2/orgs/6500000000000000000000b3/teams";
const ID_429: &str = "6500000000000000000000b2";

/// An upstream played by the test: 429 with `retry_after` for one org, an empty page for
/// anything else, and OAuth tokens that claim to last `expires_in` seconds.
async fn upstream(
    retry_after: &'static str,
    expires_in: &'static str,
) -> (SocketAddr, Arc<Mutex<u32>>) {
    let token_fetches = Arc::new(Mutex::new(0u32));
    let counted = token_fetches.clone();
    let app = Router::new()
        .route(
            "/api/oauth/token",
            post(move || {
                let counted = counted.clone();
                async move {
                    *counted.lock().unwrap() += 1;
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        format!(r#"{{"access_token":"t","expires_in":{expires_in}}}"#),
                    )
                }
            }),
        )
        .route(
            "/api/atlas/v2/orgs/{id}/teams",
            get(
                move |axum::extract::Path(id): axum::extract::Path<String>| async move {
                    if id == ID_429 {
                        (
                            StatusCode::TOO_MANY_REQUESTS,
                            [
                                (header::CONTENT_TYPE, "application/json"),
                                (header::RETRY_AFTER, retry_after),
                            ],
                            r#"{"error":429,"errorCode":"RATE_LIMITED","detail":"wait"}"#,
                        )
                            .into_response()
                    } else {
                        (
                            [(header::CONTENT_TYPE, "application/json")],
                            r#"{"results":[],"totalCount":0}"#,
                        )
                            .into_response()
                    }
                },
            ),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, token_fetches)
}

const API_KEY: [(&str, &str); 2] = [
    ("MONGODB_ATLAS_PUBLIC_API_KEY", "public"),
    ("MONGODB_ATLAS_PRIVATE_API_KEY", "private"),
];

#[tokio::test]
async fn a_retry_after_beyond_any_clock_is_read_as_an_hour_and_the_proxy_keeps_serving() {
    for retry_after in ["18446744073709551615", "99999999999999999999999999"] {
        let (upstream, _) = upstream(retry_after, "3600").await;
        let base = format!("http://{upstream}");
        let (_proxy, addr) = spawn_binary(&["--upstream", &base], &API_KEY).await;

        let atlas = raw(addr, "GET", TEAMS, &[]).await;
        assert_eq!(atlas.status, 429, "{retry_after}: {}", atlas.head);
        assert_eq!(atlas.header("retry-after").as_deref(), Some("3600"));

        let own = raw(addr, "GET", TEAMS, &[]).await;
        assert_eq!(own.status, 429, "{retry_after}: {}", own.head);
        assert_eq!(own.json()["errorCode"], "RATE_LIMITED");
        let wait: u64 = own.header("retry-after").unwrap().parse().unwrap();
        assert!((3590..=3600).contains(&wait), "waits {wait} s");

        assert_eq!(raw(addr, "GET", "/healthz", &[]).await.status, 200);
        assert_eq!(raw(addr, "GET", OTHER_TEAMS, &[]).await.status, 200);
    }
}

#[tokio::test]
async fn an_oauth_token_said_to_last_forever_is_kept_an_hour_at_most() {
    let (upstream, token_fetches) = upstream("1", "18446744073709551615").await;
    let base = format!("http://{upstream}");
    let env = [
        ("MONGODB_ATLAS_CLIENT_ID", "id"),
        ("MONGODB_ATLAS_CLIENT_SECRET", "secret"),
    ];
    let (_proxy, addr) = spawn_binary(&["--upstream", &base, "--cache-ttl", "0"], &env).await;
    for _ in 0..3 {
        let answer = raw(addr, "GET", OTHER_TEAMS, &[]).await;
        assert_eq!(answer.status, 200, "{}", answer.head);
    }
    assert_eq!(*token_fetches.lock().unwrap(), 1);
}

/// An upstream played by the test with `app`, counting every request by its path and query.
async fn scripted(app: Router) -> (String, Arc<Mutex<Vec<String>>>) {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let counted = asked.clone();
    let app = app.layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let counted = counted.clone();
            async move {
                let target = request
                    .uri()
                    .path_and_query()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                counted.lock().unwrap().push(target);
                next.run(request).await
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), asked)
}

fn times_asked(asked: &Mutex<Vec<String>>, target: &str) -> usize {
    asked
        .lock()
        .unwrap()
        .iter()
        .filter(|t| *t == target)
        .count()
}

const ORG: &str = "6500000000000000000000c1";

#[tokio::test]
async fn an_answer_whose_type_merely_mentions_json_is_a_502() {
    let app = Router::new().route(
        "/api/atlas/v2/orgs/{id}/teams",
        get(|| async {
            (
                [(header::CONTENT_TYPE, "text/html; x=json")],
                r#"{"results":[],"totalCount":0}"#,
            )
        }),
    );
    let (base, _) = scripted(app).await;
    let (_proxy, addr) = spawn_binary(&["--upstream", &base], &API_KEY).await;
    let answer = raw(addr, "GET", TEAMS, &[]).await;
    assert_eq!(answer.status, 502, "{}", answer.head);
    assert_eq!(answer.json()["errorCode"], "UPSTREAM_NOT_JSON");
    assert_eq!(
        answer.header("content-type").as_deref(),
        Some("application/json")
    );
}

#[tokio::test]
async fn enveloped_errors_are_neither_cached_nor_taken_for_a_pause_they_are_not() {
    let failed = format!("{TEAMS}?envelope=true");
    let limited = format!("{OTHER_TEAMS}?envelope=true");
    let app = Router::new().route(
        "/api/atlas/v2/orgs/{id}/teams",
        get(
            |axum::extract::Path(id): axum::extract::Path<String>| async move {
                let status = if id == ID_429 { 503 } else { 429 };
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    format!(
                        r#"{{"status":{status},"content":{{"error":{status},"errorCode":"X"}}}}"#
                    ),
                )
            },
        ),
    );
    let (base, asked) = scripted(app).await;
    let (_proxy, addr) = spawn_binary(&["--upstream", &base], &API_KEY).await;
    for _ in 0..2 {
        let answer = raw(addr, "GET", &failed, &[]).await;
        assert_eq!(answer.status, 200, "{}", answer.head);
        assert_ne!(answer.header("x-cache").as_deref(), Some("hit"));
    }
    assert_eq!(
        times_asked(&asked, &failed),
        2,
        "an enveloped 503 was cached"
    );
    let first = raw(addr, "GET", &limited, &[]).await;
    assert_eq!(first.json()["status"], 429);
    let paused = raw(addr, "GET", &limited, &[]).await;
    assert_eq!(paused.status, 429, "{}", paused.head);
    assert_eq!(paused.json()["errorCode"], "RATE_LIMITED");
    assert_eq!(
        times_asked(&asked, &limited),
        1,
        "asked again during the pause"
    );
}

#[tokio::test]
async fn an_oversized_token_answer_is_refused() {
    let padding = "x".repeat(1024 * 1024);
    let app = Router::new()
        .route(
            "/api/oauth/token",
            post(move || {
                let padding = padding.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        format!(r#"{{"access_token":"t","expires_in":3600,"pad":"{padding}"}}"#),
                    )
                }
            }),
        )
        .route(
            "/api/atlas/v2/orgs/{id}/teams",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    r#"{"results":[],"totalCount":0}"#,
                )
            }),
        );
    let (base, asked) = scripted(app).await;
    let env = [
        ("MONGODB_ATLAS_CLIENT_ID", "id"),
        ("MONGODB_ATLAS_CLIENT_SECRET", "secret"),
    ];
    let (_proxy, addr) = spawn_binary(&["--upstream", &base], &env).await;
    let answer = raw(addr, "GET", TEAMS, &[]).await;
    assert_eq!(answer.status, 502, "{}", answer.head);
    assert_eq!(answer.json()["errorCode"], "UPSTREAM_TOKEN_FAILED");
    assert!(answer.body.contains("exceeded"), "{}", answer.body);
    assert_eq!(times_asked(&asked, TEAMS), 0);
}

#[tokio::test]
async fn a_flavour_that_cannot_see_a_project_does_not_refuse_it_in_another() {
    let project = "6500000000000000000000d1";
    let page = || async {
        (
            [(
                header::CONTENT_TYPE,
                "application/vnd.atlas.2023-01-01+json",
            )],
            r#"{"links":[],"results":[],"totalCount":0}"#,
        )
    };
    let app = Router::new()
        .route(
            "/api/atlas/v1.0/groups/{id}",
            get(|| async {
                (
                    StatusCode::NOT_FOUND,
                    [(header::CONTENT_TYPE, "application/json")],
                    r#"{"error":404,"errorCode":"GROUP_NOT_FOUND"}"#,
                )
            }),
        )
        .route(
            "/api/atlas/v2/groups/{id}",
            get(move || async move {
                (
                    [(
                        header::CONTENT_TYPE,
                        "application/vnd.atlas.2023-01-01+json",
                    )],
                    format!(r#"{{"id":"{project}","orgId":"{ORG}","name":"p"}}"#),
                )
            }),
        )
        .route("/api/atlas/v1.0/groups/{id}/integrations", get(page))
        .route("/api/atlas/v2/groups/{id}/integrations", get(page));
    let (base, _) = scripted(app).await;
    let (_proxy, addr) = spawn_binary(&["--upstream", &base, "--allow-org", ORG], &API_KEY).await;
    let v1 = raw(
        addr,
        "GET",
        &format!("/api/atlas/v1.0/groups/{project}/integrations"),
        &[],
    )
    .await;
    assert_eq!(v1.status, 403, "{}", v1.body);
    let v2 = raw(
        addr,
        "GET",
        &format!("/api/atlas/v2/groups/{project}/integrations"),
        &[],
    )
    .await;
    assert_eq!(v2.status, 200, "{}", v2.body);
}

/// The release profile is the proxy's: a panic there must unwind (one request fails), never
/// abort (the whole proxy dies). Only the wasm bundle's own profile aborts.
#[test]
fn the_release_profile_unwinds_and_only_the_wasm_profile_aborts() {
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml")).unwrap();
    let section = |name: &str| -> Vec<String> {
        manifest
            .lines()
            .skip_while(|line| line.trim() != name)
            .skip(1)
            .take_while(|line| !line.trim_start().starts_with('['))
            .map(|line| line.split('#').next().unwrap_or("").replace(' ', ""))
            .filter(|line| !line.is_empty())
            .collect()
    };
    let release = section("[profile.release]");
    assert!(
        !release.iter().any(|line| line.starts_with("panic=")),
        "[profile.release] sets panic: {release:?}"
    );
    let wasm = section("[profile.wasm-release]");
    assert!(
        wasm.contains(&r#"inherits="release""#.to_string()),
        "{wasm:?}"
    );
    assert!(wasm.contains(&r#"panic="abort""#.to_string()), "{wasm:?}");
    let index =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../index.html")).unwrap();
    assert!(
        index.contains(r#"data-cargo-profile-release="wasm-release""#),
        "Trunk does not build the panel with the wasm profile"
    );
}

#[tokio::test]
async fn an_event_s_raw_document_never_leaves_the_proxy_and_is_never_asked_for() {
    let app = Router::new().route(
        "/api/atlas/v2/groups/{id}/events",
        get(|| async {
            (
                [(header::CONTENT_TYPE, "application/vnd.atlas.2023-01-01+json")],
                r#"{"links":[],"totalCount":1,"results":[{"id":"6500000000000000000e0001","created":"2026-12-07T04:22:11Z","eventTypeName":"INTEGRATION_REMOVED","username":"ada@example.com","raw":{"privateApiKey":"CLEARTEXT-raw-1234567890","_t":"internal"}}]}"#,
            )
        }),
    );
    let (base, asked) = scripted(app).await;
    let (_proxy, addr) = spawn_binary(&["--upstream", &base], &API_KEY).await;
    let feed = "/api/atlas/v2/groups/6500000000000000000000d1/events?eventType=INTEGRATION_REMOVED";
    for _ in 0..2 {
        let answer = raw(addr, "GET", feed, &[]).await;
        assert_eq!(answer.status, 200, "{}", answer.head);
        assert!(!answer.body.contains("CLEARTEXT"), "{}", answer.body);
        assert!(
            answer.json()["results"][0].get("raw").is_none(),
            "{}",
            answer.body
        );
        assert_eq!(answer.json()["results"][0]["username"], "ada@example.com");
    }
    let asked_raw = raw(addr, "GET", &format!("{feed}&includeRaw=true"), &[]).await;
    assert_eq!(asked_raw.status, 400, "{}", asked_raw.body);
    // The second answer came from the cache: `raw` was dropped before the answer was kept.
    let asked = asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(
        asked.iter().all(|target| !target.contains("includeRaw")),
        "{asked:?}"
    );
}
