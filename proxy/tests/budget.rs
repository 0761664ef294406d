//! `--user-upstream-per-minute`: one person's share of the key, counted in requests that
//! reach Atlas; cached answers are free, and another person's share is their own.

mod common;

use std::collections::BTreeSet;

use common::{basic, proxy_with_fake, raw};
use fake_upstream::{ids, AuthMode};

#[tokio::test]
async fn two_hundred_pages_from_one_user_reach_atlas_at_most_the_budget() {
    let users = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        users.path(),
        format!(
            "alice:{}\nbob:{}\n",
            bcrypt::hash("alice-pw", 10).unwrap(),
            bcrypt::hash("bob-pw", 10).unwrap()
        ),
    )
    .unwrap();
    let running = proxy_with_fake(
        AuthMode::Digest,
        &[
            "--users",
            users.path().to_str().unwrap(),
            "--user-upstream-per-minute",
            "10",
        ],
    )
    .await;
    let alice = basic("alice", "alice-pw");
    let bob = basic("bob", "bob-pw");
    let teams = format!("/api/atlas/v2/orgs/{}/teams", ids::LARGE);

    let mut statuses = Vec::new();
    for page in 1..=200 {
        let answer = raw(
            running.addr,
            "GET",
            &format!("{teams}?pageNum={page}"),
            &[("Authorization", &alice)],
        )
        .await;
        if answer.status == 429 {
            assert_eq!(
                answer.json()["errorCode"],
                "RATE_LIMITED",
                "{}",
                answer.body
            );
            let wait: u64 = answer.header("retry-after").unwrap().parse().unwrap();
            assert!((1..=60).contains(&wait), "Retry-After {wait}");
        }
        statuses.push(answer.status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 10);
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 190);
    let reached: BTreeSet<String> = running
        .fake()
        .received()
        .into_iter()
        .map(|r| r.path_and_query)
        .collect();
    assert_eq!(reached.len(), 10, "{reached:?}");

    // Cached answers cost nothing, however the request spells Atlas's defaults.
    let cached = raw(
        running.addr,
        "GET",
        &format!("{teams}?pageNum=1&itemsPerPage=100&pretty=true"),
        &[("Authorization", &alice)],
    )
    .await;
    assert_eq!(cached.status, 200, "{}", cached.body);
    assert_eq!(cached.header("x-cache").as_deref(), Some("hit"));

    // Bob's share is his own.
    let answer = raw(
        running.addr,
        "GET",
        &format!("{teams}?pageNum=150"),
        &[("Authorization", &bob)],
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("x-cache").as_deref(), Some("miss"));
    // Alice's share is one across every organization and project: other IDs, made up or
    // not, bring her no new one, and nothing more reaches Atlas.
    let before = running.fake().received().len();
    let mut other_statuses = Vec::new();
    for n in 0..50u32 {
        let made_up = format!("{:024x}", 0xabc0_0000_u64 + u64::from(n));
        for path in [
            format!("/api/atlas/v2/orgs/{}/teams", ids::EMPTY),
            format!("/api/atlas/v1.0/groups/{made_up}/integrations"),
        ] {
            let answer = raw(running.addr, "GET", &path, &[("Authorization", &alice)]).await;
            other_statuses.push(answer.status);
        }
    }
    assert!(
        other_statuses.iter().all(|s| *s == 429),
        "{other_statuses:?}"
    );
    assert_eq!(running.fake().received().len(), before);
}

#[tokio::test]
async fn without_a_user_each_client_address_has_its_share_and_zero_turns_it_off() {
    let teams = format!("/api/atlas/v2/orgs/{}/teams", ids::LARGE);
    let limited = proxy_with_fake(AuthMode::Digest, &["--user-upstream-per-minute", "3"]).await;
    let mut statuses = Vec::new();
    for page in 2..=6 {
        statuses.push(
            raw(limited.addr, "GET", &format!("{teams}?pageNum={page}"), &[])
                .await
                .status,
        );
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);

    let off = proxy_with_fake(AuthMode::Digest, &["--user-upstream-per-minute", "0"]).await;
    for page in 2..=80 {
        let answer = raw(off.addr, "GET", &format!("{teams}?pageNum={page}"), &[]).await;
        assert_eq!(answer.status, 200, "page {page}: {}", answer.body);
    }
}

#[tokio::test]
async fn a_script_asking_for_made_up_ids_reaches_atlas_at_most_its_budget() {
    let running = proxy_with_fake(AuthMode::Digest, &["--user-upstream-per-minute", "20"]).await;
    let mut refused = 0;
    for n in 0..200u64 {
        let made_up = format!("{:024x}", 0x5eed_0000_u64 + n);
        let path = format!("/api/atlas/v1.0/groups/{made_up}/integrations");
        if raw(running.addr, "GET", &path, &[]).await.status == 429 {
            refused += 1;
        }
    }
    // Distinct requests: the first is sent twice, once to get Digest's challenge.
    let reached = running
        .fake()
        .received()
        .into_iter()
        .map(|r| r.path_and_query)
        .collect::<BTreeSet<_>>()
        .len();
    println!(
        "200 made-up project IDs from one address: {reached} reached Atlas, {refused} refused here"
    );
    assert_eq!(reached, 20);
    assert_eq!(refused, 180);
}
