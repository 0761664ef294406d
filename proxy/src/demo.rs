//! The built-in sample estate behind `--demo`: the same routes and paging as Atlas, no account.

use atlas_panel_common::endpoint::{ApiFlavour, List, Owner};
use atlas_panel_common::site_config::{KnownId, SiteConfig};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{json, Value};

use crate::allowlist::AllowedRequest;

use crate::error::atlas_error_body;

/// A project with one integration of every type.
pub const PROJECT_ALL_TYPES: &str = "6500000000000000000000a1";
/// A project with no integrations.
pub const PROJECT_EMPTY: &str = "6500000000000000000000a2";
/// An organization with more than a thousand teams.
pub const ORG_LARGE: &str = "6500000000000000000000b1";
/// An organization with a handful of teams.
pub const ORG_SMALL: &str = "6500000000000000000000b2";
/// Answers Atlas's 404, as every ID the estate does not know does.
pub const MISSING: &str = "6500000000000000000000ff";

pub const LARGE_ORG_TEAMS: usize = 1234;
const SMALL_ORG_TEAMS: [&str; 5] = [
    "Database Operations",
    "Platform",
    "Payments",
    "Data Science",
    "Security",
];
const ATLAS: &str = "https://cloud.mongodb.com";

/// `config.json` for a panel served by a demo proxy: the sample IDs to offer.
pub fn site_config(api_base: &str) -> SiteConfig {
    SiteConfig {
        api_base: api_base.to_string(),
        projects: vec![
            KnownId::new(PROJECT_ALL_TYPES, "Demo project: every integration type"),
            KnownId::new(PROJECT_EMPTY, "Demo project: no integrations"),
            KnownId::new(MISSING, "Missing project (answers 404)"),
        ],
        orgs: vec![
            KnownId::new(
                ORG_LARGE,
                &format!("Demo organization: {LARGE_ORG_TEAMS} teams"),
            ),
            KnownId::new(ORG_SMALL, "Demo organization: a handful of teams"),
            KnownId::new(MISSING, "Missing organization (answers 404)"),
        ],
        ..SiteConfig::default()
    }
}

/// A rendered answer, kept so that a page is built once however often it is asked for.
#[derive(Clone)]
struct Answer {
    status: StatusCode,
    content_type: &'static str,
    body: Bytes,
}

impl Answer {
    fn response(&self) -> Response {
        let content_type = HeaderValue::from_static(self.content_type);
        (
            self.status,
            [(header::CONTENT_TYPE, content_type)],
            self.body.clone(),
        )
            .into_response()
    }
}

/// The sample estate, with the answers it has rendered so far.
pub struct DemoEstate {
    answers: moka::sync::Cache<String, Answer>,
}

impl Default for DemoEstate {
    fn default() -> Self {
        DemoEstate {
            answers: moka::sync::Cache::new(1000),
        }
    }
}

impl DemoEstate {
    /// Answers an allowed request from the sample estate.
    pub fn answer(&self, request: &AllowedRequest) -> Response {
        self.answers
            .get_with_by_ref(&request.path_and_query, || render(request))
            .response()
    }
}

fn render(request: &AllowedRequest) -> Answer {
    let query = &request.query;
    let page_num = query.number("pageNum").unwrap_or(1);
    let items_per_page = query.number("itemsPerPage").unwrap_or(100);
    if page_num < 1 {
        return invalid_parameter("pageNum", page_num, "must be 1 or more");
    }
    if !(1..=500).contains(&items_per_page) {
        return invalid_parameter("itemsPerPage", items_per_page, "must be between 1 and 500");
    }
    match items(request) {
        Some(items) => page(request, items, page_num, items_per_page),
        None => not_found(request),
    }
}

/// What the estate holds for this list of this owner; `None` for an owner it does not know.
fn items(request: &AllowedRequest) -> Option<Vec<Value>> {
    Some(match (request.endpoint.list, request.owner_id.as_str()) {
        (List::Integrations, PROJECT_ALL_TYPES) => integrations(request.flavour),
        (List::Integrations, PROJECT_EMPTY) => Vec::new(),
        (List::Teams, ORG_LARGE) => teams(request, LARGE_ORG_TEAMS, |n| format!("Team {n:04}")),
        (List::Teams, ORG_SMALL) => teams(request, SMALL_ORG_TEAMS.len(), |n| {
            SMALL_ORG_TEAMS[n - 1].to_string()
        }),
        _ => return None,
    })
}

/// Atlas's 404 for an owner that does not exist.
fn not_found(request: &AllowedRequest) -> Answer {
    let id = &request.owner_id;
    match request.endpoint.owner {
        Owner::Project => error(
            StatusCode::NOT_FOUND,
            "GROUP_NOT_FOUND",
            &format!("No group with ID {id} exists."),
        ),
        Owner::Organization => error(
            StatusCode::NOT_FOUND,
            "ORG_NOT_FOUND",
            &format!("No organization with ID {id} exists."),
        ),
    }
}

fn page(request: &AllowedRequest, items: Vec<Value>, page_num: u64, items_per_page: u64) -> Answer {
    let total = items.len() as u64;
    let start = (page_num - 1).saturating_mul(items_per_page);
    let results: Vec<Value> = items
        .into_iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(items_per_page as usize)
        .collect();
    let path = request.path_and_query.split('?').next().unwrap_or_default();
    let link = |rel: &str, page: u64| json!({"href": format!("{ATLAS}{path}?pageNum={page}&itemsPerPage={items_per_page}"), "rel": rel});
    let mut links = vec![link("self", page_num)];
    if page_num > 1 {
        links.insert(0, link("previous", page_num - 1));
    }
    if start.saturating_add(items_per_page) < total {
        links.push(link("next", page_num + 1));
    }
    let mut body = json!({"links": links, "results": results});
    if request.query.flag("includeCount") != Some(false) {
        body["totalCount"] = json!(total);
    }
    if request.query.flag("envelope") == Some(true) {
        body["status"] = json!(200);
    }
    // `pretty` never gets here: the allowlist leaves it out.
    let text = body.to_string();
    Answer {
        status: StatusCode::OK,
        content_type: request.accept(),
        body: Bytes::from(text),
    }
}

fn error(status: StatusCode, error_code: &str, detail: &str) -> Answer {
    Answer {
        status,
        content_type: "application/json",
        body: Bytes::from(atlas_error_body(status, error_code, detail)),
    }
}

fn invalid_parameter(name: &str, value: u64, rule: &str) -> Answer {
    error(
        StatusCode::BAD_REQUEST,
        "INVALID_PARAMETER",
        &format!("Invalid {name} value {value}: it {rule}."),
    )
}

fn teams(request: &AllowedRequest, count: usize, name: impl Fn(usize) -> String) -> Vec<Value> {
    let prefix = &request.owner_id[..8];
    (1..=count)
        .map(|n| {
            let id = format!("{prefix}{n:016x}");
            match request.flavour {
                ApiFlavour::V1 => json!({"id": id, "name": name(n)}),
                ApiFlavour::V2 => json!({
                    "id": id,
                    "name": name(n),
                    "links": [{"href": format!("{ATLAS}/api/atlas/v2/orgs/{}/teams/{id}", request.owner_id), "rel": "self"}],
                }),
            }
        })
        .collect()
}

/// One integration of every type, redacted as Atlas redacts them.
///
/// The v2 form follows MongoDB's specification: no Flowdock, no Prometheus `scheme` or
/// (write-only) `password`, and no New Relic, whose schema demands a clear 40-hex-digit
/// license key that the proxy would never let through unmasked.
fn integrations(flavour: ApiFlavour) -> Vec<Value> {
    let id = |n: u8| format!("6500000000000000000001{n:02x}");
    let mut all = vec![
        json!({"id": id(1), "type": "PAGER_DUTY", "region": "US", "serviceKey": "****************************7890"}),
        json!({"id": id(2), "type": "SLACK", "apiToken": "**********************************************************************abcd", "channelName": "atlas-alerts", "teamName": "Operations"}),
        json!({"id": id(3), "type": "DATADOG", "region": "EU", "apiKey": "****************************1a2b", "sendCollectionLatencyMetrics": true, "sendDatabaseMetrics": true, "sendQueryStatsMetrics": false, "sendUserProvidedResourceTags": false}),
        json!({"id": id(5), "type": "OPS_GENIE", "region": "EU", "apiKey": "********************************3c4d"}),
        json!({"id": id(6), "type": "VICTOR_OPS", "apiKey": "********************************5e6f", "routingKey": "********************7a8b"}),
        json!({"id": id(7), "type": "WEBHOOK", "url": "https://hooks.example.com/****", "secret": "******************************"}),
        json!({"id": id(8), "type": "MICROSOFT_TEAMS", "microsoftTeamsWebhookUrl": "https://example.webhook.office.com/****"}),
    ];
    match flavour {
        ApiFlavour::V1 => {
            all.insert(3, json!({"id": id(4), "type": "NEW_RELIC", "accountId": "bcc3c81b344a6030a3935c2527e2216535af7718", "licenseKey": "************************************7718", "readToken": "************************************0a69", "writeToken": "************************************c218"}));
            all.push(json!({"id": id(9), "type": "PROMETHEUS", "username": "prom_user_demo", "password": "**********", "serviceDiscovery": "http", "scheme": "https", "enabled": true}));
            all.push(json!({"id": id(10), "type": "FLOWDOCK", "flowName": "operations", "orgName": "example", "apiToken": "****************************9c0d"}));
        }
        ApiFlavour::V2 => {
            all.push(json!({"id": id(9), "type": "PROMETHEUS", "username": "prom_user_demo", "serviceDiscovery": "http", "enabled": true, "sendUserProvidedResourceTagsEnabled": false}));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allowlist::check;

    async fn get(path: &str, query: &str) -> (StatusCode, Value) {
        let response = DemoEstate::default().answer(&check(path, Some(query)).unwrap());
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn pages_the_large_organization() {
        let path = format!("/api/public/v1.0/orgs/{ORG_LARGE}/teams");
        let (status, body) = get(&path, "pageNum=13&itemsPerPage=100").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["totalCount"], 1234);
        assert_eq!(body["results"].as_array().unwrap().len(), 34);
        assert_eq!(body["results"][0]["name"], "Team 1201");
        let rels: Vec<&str> = body["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["rel"].as_str().unwrap())
            .collect();
        assert_eq!(rels, ["previous", "self"]);
        let (_, first) = get(&path, "").await;
        assert_eq!(first["results"].as_array().unwrap().len(), 100);
        assert!(first["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["rel"] == "next"));
    }

    #[tokio::test]
    async fn validates_paging_as_atlas_does() {
        let path = format!("/api/public/v1.0/orgs/{ORG_LARGE}/teams");
        for query in ["itemsPerPage=501", "itemsPerPage=0", "pageNum=0"] {
            let (status, body) = get(&path, query).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
            assert_eq!(body["error"], 400);
            assert_eq!(body["errorCode"], "INVALID_PARAMETER");
        }
    }

    #[tokio::test]
    async fn omits_the_count_and_adds_the_envelope_status_on_request() {
        let path = format!("/api/public/v1.0/orgs/{ORG_SMALL}/teams");
        let (_, body) = get(&path, "includeCount=false&envelope=true").await;
        assert!(body.get("totalCount").is_none());
        assert_eq!(body["status"], 200);
        assert_eq!(body["results"].as_array().unwrap().len(), 5);
    }

    #[tokio::test]
    async fn holds_every_integration_type_redacted() {
        let (_, body) = get(
            &format!("/api/atlas/v1.0/groups/{PROJECT_ALL_TYPES}/integrations"),
            "",
        )
        .await;
        let types: Vec<&str> = body["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["type"].as_str().unwrap())
            .collect();
        for kind in [
            "PAGER_DUTY",
            "SLACK",
            "DATADOG",
            "NEW_RELIC",
            "OPS_GENIE",
            "VICTOR_OPS",
            "WEBHOOK",
            "MICROSOFT_TEAMS",
            "PROMETHEUS",
            "FLOWDOCK",
        ] {
            assert!(types.contains(&kind), "{kind}");
        }
        let (_, empty) = get(
            &format!("/api/atlas/v1.0/groups/{PROJECT_EMPTY}/integrations"),
            "",
        )
        .await;
        assert_eq!(empty["totalCount"], 0);
    }

    #[tokio::test]
    async fn holds_secrets_only_in_the_lists_the_table_says_carry_them() {
        use atlas_panel_common::endpoint::ENDPOINTS;
        use atlas_panel_common::mask::json_holds_secret_field;
        for endpoint in ENDPOINTS {
            for (flavour, _) in endpoint.paths {
                let owners = match endpoint.owner {
                    Owner::Project => [PROJECT_ALL_TYPES, PROJECT_EMPTY],
                    Owner::Organization => [ORG_LARGE, ORG_SMALL],
                };
                let held = owners.iter().any(|owner| {
                    let path = format!("/api{}", endpoint.path(*flavour, &[owner]));
                    let answer = render(&check(&path, None).unwrap());
                    json_holds_secret_field(&answer.body).unwrap()
                });
                assert_eq!(held, endpoint.carries_secrets, "{:?}", endpoint.list);
            }
        }
    }

    #[tokio::test]
    async fn answers_404_for_unknown_ids() {
        let (status, body) = get(
            &format!("/api/atlas/v1.0/groups/{MISSING}/integrations"),
            "",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["errorCode"], "GROUP_NOT_FOUND");
        let (status, body) = get(&format!("/api/atlas/v2/orgs/{MISSING}/teams"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["errorCode"], "ORG_NOT_FOUND");
    }
}
