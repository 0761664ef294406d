//! A team's members and a project's teams, through the proxy from the fake Atlas: the dated
//! `Accept` of the members' list and no other, phone numbers masked, statuses and paging as
//! Atlas has them.

mod common;

use common::{get, proxy_with_fake, raw, RawAnswer};
use fake_upstream::estate::{self, ORG, TEAM_LARGE, TEAM_MARKUP};
use fake_upstream::{AuthMode, FakeAtlas, CLIENT_ID, CLIENT_SECRET};
use serde_json::Value;

const MEMBERS_V2: &str = "application/vnd.atlas.2025-02-19+json";
const OTHER_V2: &str = "application/vnd.atlas.2023-01-01+json";
const EVERY_STATUS: &str = "orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED";

fn members(root: &str, team: &str) -> String {
    format!("/api/{root}/orgs/{ORG}/teams/{team}/users")
}

fn results(answer: &RawAnswer) -> Vec<Value> {
    answer.json()["results"].as_array().unwrap().clone()
}

/// The `Accept` each request for `path` (signed, without its query) reached the fake with.
fn accepts(fake: &FakeAtlas, path: &str) -> Vec<String> {
    fake.received()
        .iter()
        .filter(|r| r.header("authorization").is_some())
        .filter(|r| r.path_and_query.split('?').next() == Some(path))
        .map(|r| r.header("accept").unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn the_members_list_alone_is_asked_for_in_its_2025_form() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let project = estate::project_id(3);
    let v2 = [
        (members("atlas/v2", TEAM_LARGE), MEMBERS_V2),
        (format!("/api/atlas/v2/orgs/{ORG}/teams"), OTHER_V2),
        (format!("/api/atlas/v2/groups/{project}/teams"), OTHER_V2),
        (
            format!("/api/atlas/v2/groups/{project}/integrations"),
            OTHER_V2,
        ),
        (format!("/api/atlas/v2/groups/{project}"), OTHER_V2),
    ];
    for (path, accept) in &v2 {
        // The browser's own Accept is never what Atlas gets.
        let answer = raw(running.addr, "GET", path, &[("Accept", OTHER_V2)]).await;
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some(*accept),
            "{path}"
        );
        assert_eq!(accepts(running.fake(), path), [*accept], "{path}");
    }
    for path in [
        members("public/v1.0", TEAM_LARGE),
        members("atlas/v1.0", TEAM_LARGE),
    ] {
        assert_eq!(get(running.addr, &path).await.status, 200, "{path}");
        assert_eq!(
            accepts(running.fake(), &path),
            ["application/json"],
            "{path}"
        );
    }
}

/// A signed request straight to the fake, with `accept`: what Atlas answers a proxy that
/// asks for the wrong form.
async fn ask_fake(fake: &FakeAtlas, path: &str, accept: &str) -> RawAnswer {
    let basic = common::basic(CLIENT_ID, CLIENT_SECRET);
    let token = raw(
        fake.addr,
        "POST",
        "/api/oauth/token",
        &[("Authorization", &basic)],
    )
    .await;
    let token = token.json()["access_token"].as_str().unwrap().to_string();
    let bearer = format!("Bearer {token}");
    raw(
        fake.addr,
        "GET",
        path,
        &[("Authorization", &bearer), ("Accept", accept)],
    )
    .await
}

#[tokio::test]
async fn the_fake_answers_v2_only_in_each_list_s_own_form() {
    let fake = FakeAtlas::start(AuthMode::OAuth).await;
    let path = members("atlas/v2", TEAM_LARGE);
    for wrong in [OTHER_V2, "application/json", ""] {
        let answer = ask_fake(&fake, &path, wrong).await;
        assert_eq!(answer.status, 406, "{wrong:?}");
    }
    assert_eq!(ask_fake(&fake, &path, MEMBERS_V2).await.status, 200);
    let teams = format!("/api/atlas/v2/orgs/{ORG}/teams");
    assert_eq!(ask_fake(&fake, &teams, MEMBERS_V2).await.status, 406);
    assert_eq!(ask_fake(&fake, &teams, OTHER_V2).await.status, 200);
}

#[tokio::test]
async fn phone_numbers_reach_the_browser_as_their_last_four_digits() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    for path in [
        format!(
            "{}?{EVERY_STATUS}&itemsPerPage=500",
            members("atlas/v2", TEAM_LARGE)
        ),
        format!("{}?itemsPerPage=500", members("public/v1.0", TEAM_LARGE)),
    ] {
        let answer = get(running.addr, &path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert!(
            !answer.body.contains("202-555"),
            "a phone number in clear: {}",
            answer.body
        );
        let phones: Vec<String> = results(&answer)
            .iter()
            .filter_map(|member| member["mobileNumber"].as_str().map(String::from))
            .collect();
        assert!(!phones.is_empty(), "{path}");
        for phone in phones {
            let tail = phone.strip_prefix("********").unwrap_or_default();
            assert!(
                tail.len() == 4 && tail.bytes().all(|b| b.is_ascii_digit()),
                "{phone}"
            );
        }
        // Who and when are shown as Atlas gave them.
        assert!(answer.body.contains("user-0001@estate.example"));
        assert!(answer.body.contains("2026-10-"));
    }
}

#[tokio::test]
async fn statuses_filter_and_a_large_team_pages_at_100() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let path = members("atlas/v2", TEAM_LARGE);
    // 130 people: 91 active, 13 each pending, expired and rejected.
    let first = get(running.addr, &path).await;
    let body = first.json();
    assert_eq!(body["totalCount"], 104, "active and pending unless asked");
    assert_eq!(results(&first).len(), 100);
    assert!(body["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["rel"] == "next"));
    let second = get(running.addr, &format!("{path}?pageNum=2")).await;
    assert_eq!(results(&second).len(), 4);

    let asked = "orgMembershipStatuses=INVITATION_REJECTED&orgMembershipStatuses=INVITATION_EXPIRED&itemsPerPage=500";
    let closed = get(running.addr, &format!("{path}?{asked}")).await;
    assert_eq!(closed.json()["totalCount"], 26);
    for member in results(&closed) {
        let status = member["orgMembershipStatus"].as_str().unwrap();
        assert!(status.starts_with("INVITATION_"), "{status}");
    }
    // Atlas gets the statuses each once, in one order, the key repeated.
    assert!(running.fake().received().iter().any(|r| r.path_and_query
        == format!("{path}?itemsPerPage=500&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED")));
    for refused in [
        "orgMembershipStatuses=ACTIVE,PENDING",
        "orgMembershipStatuses=active",
        "includeCount=false",
    ] {
        let answer = get(running.addr, &format!("{path}?{refused}")).await;
        assert_eq!(answer.status, 400, "{refused}");
    }
    let everyone = get(
        running.addr,
        &format!("{path}?{EVERY_STATUS}&itemsPerPage=500"),
    )
    .await;
    assert_eq!(everyone.json()["totalCount"], estate::TEAM_LARGE_MEMBERS);
    // v1.0 knows no invitations.
    let v1 = get(
        running.addr,
        &format!("{}?itemsPerPage=500", members("public/v1.0", TEAM_LARGE)),
    )
    .await;
    assert_eq!(v1.json()["totalCount"], 91);
}

#[tokio::test]
async fn markup_in_a_team_s_or_a_member_s_name_passes_as_data() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let teams = get(running.addr, &format!("/api/atlas/v2/orgs/{ORG}/teams")).await;
    let names: Vec<String> = results(&teams)
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&estate::TEAM_MARKUP_NAME.to_string()),
        "{names:?}"
    );
    let markup = get(running.addr, &members("atlas/v2", TEAM_MARKUP)).await;
    assert_eq!(markup.status, 200);
    assert_eq!(
        results(&markup)[0]["username"],
        estate::MEMBER_MARKUP_USERNAME
    );
    assert_eq!(
        markup.header("content-type").as_deref(),
        Some(MEMBERS_V2),
        "JSON, never HTML"
    );
}

#[tokio::test]
async fn a_project_s_teams_pass_with_their_roles_as_atlas_names_them() {
    let running = proxy_with_fake(AuthMode::Digest, &[]).await;
    let teams = |n: usize| format!("/api/atlas/v2/groups/{}/teams", estate::project_id(n));
    let third = get(running.addr, &teams(3)).await;
    assert_eq!(third.status, 200);
    let roles: Vec<Value> = results(&third)
        .iter()
        .map(|t| t["roleNames"].clone())
        .collect();
    assert_eq!(
        roles,
        [
            serde_json::json!(["GROUP_READ_ONLY"]),
            serde_json::json!(["GROUP_CLUSTER_MANAGER", "GROUP_FUTURE_ROLE"])
        ]
    );
    let empty = get(running.addr, &teams(estate::PROJECT_WITHOUT_TEAMS)).await;
    assert_eq!(empty.json()["totalCount"], 0);
    let forbidden = get(running.addr, &teams(estate::FORBIDDEN_PROJECT)).await;
    assert_eq!(forbidden.status, 403);
    // No team of the estate reaches it; Bench is in no project.
    for n in 1..=12 {
        assert!(!get(running.addr, &teams(n))
            .await
            .body
            .contains(estate::TEAM_IN_NO_PROJECT));
    }
}
