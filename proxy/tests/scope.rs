//! The ID scope grown to the estate: `--allow-org` admits its projects by their organization,
//! and listings carry only what is in scope, so that no name outside reaches a browser.

mod common;

use common::{get, proxy_with_fake};
use fake_upstream::estate::{self, ORG, OTHER_ORG, OTHER_ORG_NAME};
use fake_upstream::{AuthMode, FakeAtlas};

/// Requests that reached the fake signed (a Digest challenge's first try is not counted).
fn asked(fake: &FakeAtlas, path: &str) -> usize {
    fake.received()
        .iter()
        .filter(|r| r.path_and_query.starts_with(path) && r.header("authorization").is_some())
        .count()
}

fn integrations(project: &str) -> String {
    format!("/api/atlas/v2/groups/{project}/integrations")
}

#[tokio::test]
async fn an_allowed_organization_admits_its_projects_and_hides_every_other_name() {
    let running = proxy_with_fake(AuthMode::Digest, &["--allow-org", ORG]).await;
    let orgs = get(running.addr, "/api/atlas/v2/orgs?itemsPerPage=500").await;
    assert_eq!(orgs.status, 200);
    assert!(!orgs.body.contains(OTHER_ORG_NAME), "{}", orgs.body);
    assert!(!orgs.body.contains(OTHER_ORG), "{}", orgs.body);
    let orgs = orgs.json();
    assert_eq!(orgs["results"].as_array().unwrap().len(), 1);
    assert!(
        orgs.get("totalCount").is_none(),
        "the count no longer holds"
    );

    let other = get(
        running.addr,
        &format!("/api/atlas/v2/orgs/{OTHER_ORG}/groups"),
    )
    .await;
    assert_eq!(other.status, 403);
    assert!(!other.body.contains("Hidden-Project"));
    assert_eq!(
        asked(running.fake(), &format!("/api/atlas/v2/orgs/{OTHER_ORG}")),
        0
    );

    let projects = get(
        running.addr,
        &format!("/api/atlas/v2/orgs/{ORG}/groups?itemsPerPage=500"),
    )
    .await
    .json();
    assert_eq!(
        projects["totalCount"],
        estate::PROJECTS,
        "all kept: the count holds"
    );
    assert_eq!(
        projects["results"].as_array().unwrap().len(),
        estate::PROJECTS
    );

    // The listing placed every project: reading one asks Atlas for its integrations only.
    let third = estate::project_id(3);
    assert_eq!(get(running.addr, &integrations(&third)).await.status, 200);
    assert_eq!(
        asked(running.fake(), &format!("/api/atlas/v2/groups/{third}")),
        1
    );

    // A project of another organization is placed once, refused, and never read.
    let hidden = "fa00000000000000000f0001";
    for _ in 0..3 {
        let refused = get(running.addr, &integrations(hidden)).await;
        assert_eq!(refused.status, 403);
        assert_eq!(refused.json()["errorCode"], "ID_NOT_ALLOWED_BY_PROXY");
        assert!(!refused.body.contains("Hidden"));
    }
    assert_eq!(
        asked(running.fake(), &format!("/api/atlas/v2/groups/{hidden}")),
        1
    );
    assert_eq!(asked(running.fake(), &integrations(hidden)), 0);
}

#[tokio::test]
async fn a_project_not_yet_seen_is_placed_once_however_many_ask_at_once() {
    let running = proxy_with_fake(AuthMode::Digest, &["--allow-org", ORG]).await;
    // Slow enough that eight lookups one after another would be eight.
    running.fake().set_lag_ms(200);
    let project = estate::project_id(8);
    let addr = running.addr;
    let path = integrations(&project);
    let requests: Vec<_> = (0..8)
        .map(|_| {
            let path = path.clone();
            tokio::spawn(async move { get(addr, &path).await.status })
        })
        .collect();
    for request in requests {
        assert_eq!(request.await.unwrap(), 200);
    }
    assert_eq!(
        asked(running.fake(), &format!("/api/atlas/v2/groups/{project}")),
        2,
        "one lookup of the project, one read of its integrations"
    );
    running.fake().set_lag_ms(0);
    // A project Atlas does not know is refused as one elsewhere is: the refusal does not tell
    // whether it exists. Its answer is remembered.
    let unknown = "fa00000000000000000e0fff";
    let hidden = "fa00000000000000000f0001";
    let detail = |answer: &common::RawAnswer, id: &str| {
        answer.json()["detail"].as_str().unwrap().replace(id, "ID")
    };
    let refused_unknown = get(running.addr, &integrations(unknown)).await;
    let refused_hidden = get(running.addr, &integrations(hidden)).await;
    assert_eq!((refused_unknown.status, refused_hidden.status), (403, 403));
    assert_eq!(
        detail(&refused_unknown, unknown),
        detail(&refused_hidden, hidden)
    );
    get(running.addr, &integrations(unknown)).await;
    assert_eq!(
        asked(running.fake(), &format!("/api/atlas/v2/groups/{unknown}")),
        1
    );
}

#[tokio::test]
async fn a_lookup_that_fails_is_told_as_such_and_asked_again() {
    let running = proxy_with_fake(AuthMode::Digest, &["--allow-org", ORG]).await;
    let project = estate::project_id(9);
    running.fake().fail(&project, 500, 1);
    let failed = get(running.addr, &integrations(&project)).await;
    assert_eq!(failed.status, 502, "{}", failed.body);
    assert_eq!(failed.json()["errorCode"], "UPSTREAM_ERROR");
    running.fake().fail(&project, 429, 1);
    let limited = get(running.addr, &integrations(&project)).await;
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").is_some());
    assert_eq!(get(running.addr, &integrations(&project)).await.status, 200);
}

#[tokio::test]
async fn a_name_filter_is_refused_where_the_listing_loses_items() {
    let running = proxy_with_fake(AuthMode::Digest, &["--allow-org", ORG]).await;
    let refused = get(running.addr, "/api/atlas/v2/orgs?name=Hidden").await;
    assert_eq!(refused.status, 400);
    assert!(!refused.body.contains(OTHER_ORG_NAME));
    let other = get(
        running.addr,
        &format!("/api/atlas/v2/orgs/{OTHER_ORG}/groups?name=H"),
    )
    .await;
    assert!(matches!(other.status, 400 | 403));
    // The allowed organization's own projects lose nothing: the filter goes to Atlas.
    let allowed = get(
        running.addr,
        &format!("/api/atlas/v2/orgs/{ORG}/groups?name=project-00"),
    )
    .await;
    assert_eq!(allowed.status, 200);
    assert!(running
        .fake()
        .received()
        .iter()
        .any(|r| r.path_and_query.ends_with("/groups?name=project-00")));
}

#[tokio::test]
async fn allowed_projects_are_found_in_their_organization_s_listing_and_nothing_else() {
    let mine = estate::project_id(1);
    let running = proxy_with_fake(
        AuthMode::Digest,
        &["--allow-project", &mine, "--api-version", "public"],
    )
    .await;
    let config = get(running.addr, "/config.json").await.json();
    assert_eq!(config["apiVersion"], "public");
    assert_eq!(config["projects"][0]["id"], mine.as_str());
    let listing = get(
        running.addr,
        &format!("/api/public/v1.0/orgs/{ORG}/groups?itemsPerPage=500"),
    )
    .await;
    assert_eq!(listing.status, 200);
    let listing = listing.json();
    let ids: Vec<&str> = listing["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [mine.as_str()]);
    assert!(listing.get("totalCount").is_none());
    let orgs = get(running.addr, "/api/public/v1.0/orgs").await.json();
    assert_eq!(orgs["results"], serde_json::json!([]));
    // Its organization is not admitted as a whole.
    assert_eq!(
        get(running.addr, &format!("/api/public/v1.0/orgs/{ORG}/teams"))
            .await
            .status,
        403
    );
    assert_eq!(
        get(running.addr, &integrations(&estate::project_id(2)))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn a_team_s_members_are_in_scope_with_their_organization_and_a_project_s_teams_with_the_project(
) {
    use estate::{HIDDEN_MEMBER, HIDDEN_TEAM, HIDDEN_TEAM_NAME, TEAM_LARGE};
    let running = proxy_with_fake(AuthMode::Digest, &["--allow-org", ORG]).await;
    let members = |org: &str, team: &str| format!("/api/atlas/v2/orgs/{org}/teams/{team}/users");
    assert_eq!(
        get(running.addr, &members(ORG, TEAM_LARGE)).await.status,
        200
    );

    // Another organization's team: refused as its teams are, word for word, and never asked.
    let refused = get(running.addr, &members(OTHER_ORG, HIDDEN_TEAM)).await;
    let teams_refused = get(
        running.addr,
        &format!("/api/atlas/v2/orgs/{OTHER_ORG}/teams"),
    )
    .await;
    assert_eq!((refused.status, teams_refused.status), (403, 403));
    assert_eq!(refused.json(), teams_refused.json());
    assert_eq!(refused.json()["errorCode"], "ID_NOT_ALLOWED_BY_PROXY");
    for hidden in [HIDDEN_TEAM_NAME, HIDDEN_MEMBER, "Hidden"] {
        assert!(!refused.body.contains(hidden), "{}", refused.body);
    }
    assert_eq!(
        asked(running.fake(), &format!("/api/atlas/v2/orgs/{OTHER_ORG}")),
        0
    );
    // The allowed organization with another's team: Atlas itself knows no such team there.
    let mixed = get(running.addr, &members(ORG, HIDDEN_TEAM)).await;
    assert_eq!(mixed.status, 404);
    assert!(!mixed.body.contains(HIDDEN_MEMBER));

    // A project's teams: placed as its integrations are, refused outside, never read.
    let project_teams = |project: &str| format!("/api/atlas/v2/groups/{project}/teams");
    let mine = estate::project_id(3);
    assert_eq!(get(running.addr, &project_teams(&mine)).await.status, 200);
    let hidden = "fa00000000000000000f0002";
    for _ in 0..2 {
        let refused = get(running.addr, &project_teams(hidden)).await;
        assert_eq!(refused.status, 403);
        assert_eq!(refused.json()["errorCode"], "ID_NOT_ALLOWED_BY_PROXY");
        assert!(!refused.body.contains(HIDDEN_TEAM));
    }
    assert_eq!(asked(running.fake(), &project_teams(hidden)), 0);
    assert_eq!(
        asked(running.fake(), &format!("/api/atlas/v2/groups/{hidden}")),
        1
    );

    // A project's alert configurations: in the project's scope, as its teams are.
    let alerts = |project: &str| format!("/api/atlas/v2/groups/{project}/alertConfigs");
    assert_eq!(get(running.addr, &alerts(&mine)).await.status, 200);
    let refused = get(running.addr, &alerts(hidden)).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json()["errorCode"], "ID_NOT_ALLOWED_BY_PROXY");
    assert_eq!(asked(running.fake(), &alerts(hidden)), 0);
}

#[tokio::test]
async fn an_allowed_project_shows_its_teams_but_not_its_organization_s_members() {
    let mine = estate::project_id(3);
    let running = proxy_with_fake(AuthMode::Digest, &["--allow-project", &mine]).await;
    let teams = get(running.addr, &format!("/api/atlas/v2/groups/{mine}/teams")).await;
    assert_eq!(teams.status, 200);
    let members = format!(
        "/api/atlas/v2/orgs/{ORG}/teams/{}/users",
        estate::TEAM_LARGE
    );
    assert_eq!(get(running.addr, &members).await.status, 403);
}

/// Every page of `listing` at one item a page, until one links no next page: the items and
/// whether any answer carried a count. Fails if any page was linked that showed nothing: the
/// number of pages would count what was hidden.
async fn page_one_at_a_time(addr: std::net::SocketAddr, listing: &str) -> (Vec<String>, bool) {
    let mut ids = Vec::new();
    let mut counted = false;
    for page in 1..=300 {
        let answer = get(addr, &format!("{listing}?itemsPerPage=1&pageNum={page}")).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let answer = answer.json();
        counted |= answer.get("totalCount").is_some();
        let before = ids.len();
        ids.extend(
            answer["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["id"].as_str().unwrap().to_string()),
        );
        let next = answer["links"]
            .as_array()
            .is_some_and(|links| links.iter().any(|link| link["rel"] == "next"));
        assert!(
            ids.len() > before || (page == 1 && !next),
            "{listing}: page {page} was linked and showed nothing"
        );
        if !next {
            return (ids, counted);
        }
    }
    panic!("{listing} linked 300 pages");
}

#[tokio::test]
async fn paging_a_filtered_listing_one_item_at_a_time_counts_nothing_hidden() {
    let mine = estate::project_id(7);
    let theirs = estate::project_id(9);
    for api in ["v2", "v1.0"] {
        let running = proxy_with_fake(
            AuthMode::Digest,
            &["--allow-project", &mine, "--allow-project", &theirs],
        )
        .await;
        let (projects, counted) =
            page_one_at_a_time(running.addr, &format!("/api/atlas/{api}/orgs/{ORG}/groups")).await;
        assert_eq!(projects, [mine.clone(), theirs.clone()], "{api}");
        assert!(!counted, "{api}: a count");
        // A page past the shown items is empty and links nothing.
        let past = get(
            running.addr,
            &format!("/api/atlas/{api}/orgs/{ORG}/groups?itemsPerPage=1&pageNum=3"),
        )
        .await
        .json();
        assert_eq!(past["results"], serde_json::json!([]));
        assert_eq!(past["links"], serde_json::json!([]));

        let running = proxy_with_fake(AuthMode::Digest, &["--allow-org", ORG]).await;
        let (orgs, counted) =
            page_one_at_a_time(running.addr, &format!("/api/atlas/{api}/orgs")).await;
        assert_eq!(orgs, [ORG.to_string()], "{api}");
        assert!(!counted, "{api}: a count");
    }
}

#[tokio::test]
async fn the_demo_s_filtered_listings_page_the_same_way() {
    let addr = common::proxy(
        &["--demo", "--allow-org", "6500000000000000000000b2"],
        Default::default(),
    )
    .await;
    let (orgs, counted) = page_one_at_a_time(addr, "/api/atlas/v2/orgs").await;
    assert_eq!(orgs, ["6500000000000000000000b2"]);
    assert!(!counted);
}

#[tokio::test]
async fn paging_through_a_filtered_listing_reads_atlas_s_list_once() {
    let mine = estate::project_id(7);
    let theirs = estate::project_id(9);
    let running = proxy_with_fake(
        AuthMode::Digest,
        &["--allow-project", &mine, "--allow-project", &theirs],
    )
    .await;
    let listing = format!("/api/atlas/v2/orgs/{ORG}/groups");
    for page in 1..=3 {
        let answer = get(
            running.addr,
            &format!("{listing}?itemsPerPage=1&pageNum={page}"),
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    assert_eq!(
        asked(running.fake(), &listing),
        1,
        "Atlas's 140 projects are one page of 500, read once for every page of the filtered listing"
    );
}
