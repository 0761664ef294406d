//! Sign-in through the real router on a real socket: what a hostile client tries.

mod common;

use common::{basic, proxy, raw};

const TEAMS: &str = "/api/atlas/v2/orgs/6500000000000000000000b2/teams";

#[tokio::test]
async fn a_sign_in_header_given_twice_is_refused() {
    let addr = proxy(
        &[
            "--demo",
            "--auth-header",
            "X-Forwarded-Email",
            "--trusted-proxy",
            "127.0.0.1/32",
        ],
        Default::default(),
    )
    .await;
    let once = raw(
        addr,
        "GET",
        TEAMS,
        &[("X-Forwarded-Email", "alice@example.com")],
    )
    .await;
    assert_eq!(once.status, 200, "{}", once.body);
    let twice = raw(
        addr,
        "GET",
        TEAMS,
        &[
            ("X-Forwarded-Email", "alice@example.com"),
            ("X-Forwarded-Email", "bob@example.com"),
        ],
    )
    .await;
    assert_eq!(twice.status, 400, "{}", twice.body);
    assert_eq!(twice.json()["errorCode"], "PROXY_SIGN_IN_HEADER_REPEATED");
}

#[tokio::test]
async fn over_plain_http_a_password_is_taken_only_from_the_trusted_front_end() {
    let users = tempfile::NamedTempFile::new().unwrap();
    let hash = bcrypt::hash("correct horse", 10).unwrap();
    std::fs::write(users.path(), format!("alice:{hash}\n")).unwrap();
    let file = users.path().to_str().unwrap();
    let alice = basic("alice", "correct horse");
    // The options say a network address with no TLS; the test's socket is on loopback, so the
    // peer is 127.0.0.1, which is, or is not, the trusted front end.
    let elsewhere = proxy(
        &[
            "--demo",
            "--listen",
            "0.0.0.0:8080",
            "--users",
            file,
            "--trusted-proxy",
            "10.0.3.7/32",
        ],
        Default::default(),
    )
    .await;
    let refused = raw(elsewhere, "GET", TEAMS, &[("Authorization", &alice)]).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(refused.json()["errorCode"], "PROXY_SIGN_IN_OVER_PLAIN_HTTP");
    let front_end = proxy(
        &[
            "--demo",
            "--listen",
            "0.0.0.0:8080",
            "--users",
            file,
            "--trusted-proxy",
            "127.0.0.1/32",
        ],
        Default::default(),
    )
    .await;
    let admitted = raw(front_end, "GET", TEAMS, &[("Authorization", &alice)]).await;
    assert_eq!(admitted.status, 200, "{}", admitted.body);
    let twice = raw(
        front_end,
        "GET",
        TEAMS,
        &[
            ("Authorization", &alice),
            ("Authorization", &basic("bob", "x")),
        ],
    )
    .await;
    assert_eq!(twice.status, 400, "{}", twice.body);
}
