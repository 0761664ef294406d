//! What the proxy binary writes to its log when a request or an upstream is hostile.

mod common;

use common::{raw, spawn_binary};

async fn log_of(child: tokio::process::Child) -> String {
    let mut child = child;
    child.start_kill().unwrap();
    let output = child.wait_with_output().await.unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn a_path_with_separators_controls_and_bidi_overrides_is_escaped_in_the_log() {
    let (child, addr) = spawn_binary(&["--demo"], &[]).await;
    let hostile =
        "/api/x\u{2028}2026-01-01T00:00:00Z_INFO_forged\u{85}line\u{202e}gnp.exe\u{9b}31m\u{a0}end";
    let answer = raw(addr, "GET", hostile, &[]).await;
    assert_eq!(answer.status, 404, "{}", answer.head);
    let log = log_of(child).await;
    let outside: Vec<char> = log
        .chars()
        .filter(|c| !matches!(c, ' '..='~' | '\n'))
        .collect();
    assert!(outside.is_empty(), "{outside:?} in the log:\n{log}");
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("status=")).collect();
    assert_eq!(lines.len(), 1, "{log}");
    assert!(
        lines[0].contains(
            r"path=/api/x\u{2028}2026-01-01T00:00:00Z_INFO_forged\u{85}line\u{202e}gnp.exe\u{9b}31m\u{a0}end"
        ),
        "{log}"
    );
    assert!(lines[0].contains("status=404"), "{log}");
}

#[tokio::test]
async fn an_unreachable_upstream_is_named_in_the_log_and_not_to_the_browser() {
    let closed = common::closed_port().await;
    let upstream = format!("http://{closed}");
    let env = [
        ("MONGODB_ATLAS_PUBLIC_API_KEY", "public"),
        ("MONGODB_ATLAS_PRIVATE_API_KEY", "private"),
    ];
    let (child, addr) = spawn_binary(&["--upstream", &upstream], &env).await;
    let answer = raw(
        addr,
        "GET",
        "/api/atlas/v2/orgs/6500000000000000000000b2/teams",
        &[],
    )
    .await;
    // What the browser is told: forwarding.rs, a_refused_connection_is_502_and_a_slow_answer_504.
    assert_eq!(answer.status, 502);
    let log = log_of(child).await;
    let warned: Vec<&str> = log.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(warned.len(), 1, "{log}");
    assert!(
        warned[0].contains(&format!("upstream={upstream}"))
            && warned[0].contains("Atlas could not be reached."),
        "{log}"
    );
}

#[tokio::test]
async fn a_team_s_members_leave_nothing_of_theirs_in_the_log() {
    use fake_upstream::estate::{MEMBER_MARKUP_USERNAME, ORG, TEAM_LARGE, TEAM_MARKUP};
    use fake_upstream::{AuthMode, FakeAtlas, PRIVATE_KEY, PUBLIC_KEY};
    let fake = FakeAtlas::start(AuthMode::Digest).await;
    let env = [
        ("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY),
        ("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY),
    ];
    let (child, addr) = spawn_binary(&["--upstream", &fake.base_url()], &env).await;
    let paths = [
        format!("/api/atlas/v2/orgs/{ORG}/teams/{TEAM_LARGE}/users"),
        format!("/api/public/v1.0/orgs/{ORG}/teams/{TEAM_LARGE}/users"),
        format!("/api/atlas/v2/orgs/{ORG}/teams/{TEAM_MARKUP}/users"),
    ];
    for path in &paths {
        let query = "orgMembershipStatuses=PENDING&orgMembershipStatuses=ACTIVE&itemsPerPage=500";
        let answer = raw(addr, "GET", &format!("{path}?{query}"), &[]).await;
        assert_eq!(answer.status, 200, "{path}");
        assert!(answer.body.contains("@estate.example"), "members were read");
    }
    let log = log_of(child).await;
    for personal in [
        "@estate.example",
        "user-0",
        "User1",
        // A phone number's own shape: a bare "555" may be part of a timestamp or a port.
        "202-555",
        "********",
        MEMBER_MARKUP_USERNAME,
        "onerror",
        "ORG_MEMBER",
        "lastAuth",
    ] {
        assert!(!log.contains(personal), "{personal} in the log:\n{log}");
    }
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("status=")).collect();
    assert_eq!(lines.len(), paths.len(), "{log}");
    for (line, path) in lines.iter().zip(&paths) {
        // The path, its IDs only, and how it went: no query, no body.
        assert!(line.contains(&format!("path={path}}}")), "{line}");
        assert!(line.contains("status=200"), "{line}");
        assert!(!line.contains("orgMembershipStatuses"), "{line}");
    }
}
