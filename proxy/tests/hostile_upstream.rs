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
