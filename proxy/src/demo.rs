//! The built-in sample estate behind `--demo`: the same routes and paging as Atlas, no account.
//!
//! Four organizations: Northwind, 140 projects with a mix of integrations (a dozen with no
//! alerting one, one whose integrations answer 403); Contoso, the two sample projects;
//! Tailspin-Toys with 1,234 teams; Fabrikam with a handful. Names follow the v2 pattern
//! (letters, digits and `-_.(),:&@+'`), so every v2 answer validates.

use atlas_panel_common::endpoint::{ApiFlavour, List, Owner};
use atlas_panel_common::integration::ALERTING_TYPES;
use atlas_panel_common::site_config::{KnownId, SiteConfig};
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::{json, Value};

use crate::allowlist::AllowedRequest;
use crate::error::atlas_error_body;
use crate::upstream::BrowserAnswer;

/// A project with one integration of every type.
pub const PROJECT_ALL_TYPES: &str = "6500000000000000000000a1";
/// A project with no integrations.
pub const PROJECT_EMPTY: &str = "6500000000000000000000a2";
/// An organization with more than a thousand teams.
pub const ORG_LARGE: &str = "6500000000000000000000b1";
/// An organization with a handful of teams.
pub const ORG_SMALL: &str = "6500000000000000000000b2";
/// The estate: 140 projects.
pub const ORG_ESTATE: &str = "6500000000000000000000c1";
/// The organization of the two sample projects.
pub const ORG_SAMPLES: &str = "6500000000000000000000c2";
pub const ESTATE_PROJECTS: usize = 140;
/// The estate's projects with no alerting integration: every twelfth from the seventh.
pub const ESTATE_WITHOUT_ALERTING: usize = 12;
/// The estate's project whose integrations the key may not read.
pub const ESTATE_FORBIDDEN: usize = 97;
const ORGS: [(&str, &str); 4] = [
    (ORG_ESTATE, "Northwind"),
    (ORG_SAMPLES, "Contoso"),
    (ORG_LARGE, "Tailspin-Toys"),
    (ORG_SMALL, "Fabrikam"),
];
const ENVIRONMENTS: [&str; 10] = [
    "prod-eu",
    "prod-us",
    "prod-ap",
    "staging-eu",
    "staging-us",
    "qa",
    "dev",
    "perf",
    "dr",
    "sandbox",
];
const SERVICES: [&str; 14] = [
    "payments",
    "checkout",
    "search",
    "catalog",
    "identity",
    "ledger",
    "inventory",
    "shipping",
    "billing",
    "analytics",
    "messaging",
    "reporting",
    "loyalty",
    "pricing",
];
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

/// The sample estate, with the answers it has rendered so far (each built once).
pub struct DemoEstate {
    answers: moka::sync::Cache<String, BrowserAnswer>,
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
    pub fn answer(&self, request: &AllowedRequest) -> BrowserAnswer {
        self.answers
            .get_with_by_ref(&request.path_and_query, || render(request))
    }
}

fn render(request: &AllowedRequest) -> BrowserAnswer {
    if request.endpoint.list == List::Project {
        return match project(request.flavour, &request.owner_id) {
            Some(project) => ok(request, project),
            None => not_found(request),
        };
    }
    if estate_index(&request.owner_id) == Some(ESTATE_FORBIDDEN) {
        return error(
            StatusCode::FORBIDDEN,
            "NOT_IN_GROUP",
            &format!("The API key has no role in project {}.", request.owner_id),
        );
    }
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
    let owner = request.owner_id.as_str();
    Some(match (request.endpoint.list, owner) {
        (List::Orgs, _) => ORGS
            .iter()
            .filter(|(_, name)| named(request, name))
            .map(|(id, name)| org(request.flavour, id, name))
            .collect(),
        (List::Projects, ORG_ESTATE) => (1..=ESTATE_PROJECTS)
            .filter_map(|n| project(request.flavour, &estate_project_id(n)))
            .filter(|project| named(request, project["name"].as_str().unwrap_or_default()))
            .collect(),
        (List::Projects, ORG_SAMPLES) => [PROJECT_ALL_TYPES, PROJECT_EMPTY]
            .iter()
            .filter_map(|id| project(request.flavour, id))
            .filter(|project| named(request, project["name"].as_str().unwrap_or_default()))
            .collect(),
        (List::Projects, ORG_LARGE | ORG_SMALL) => Vec::new(),
        (List::Integrations, PROJECT_ALL_TYPES) => integrations(request.flavour),
        (List::Integrations, PROJECT_EMPTY) => Vec::new(),
        (List::Integrations, _) => estate_integrations(request.flavour, estate_index(owner)?),
        (List::Teams, ORG_LARGE) => teams(request, LARGE_ORG_TEAMS, |n| format!("Team {n:04}")),
        (List::Teams, ORG_SMALL | ORG_ESTATE | ORG_SAMPLES) => {
            teams(request, SMALL_ORG_TEAMS.len(), |n| {
                SMALL_ORG_TEAMS[n - 1].to_string()
            })
        }
        _ => return None,
    })
}

/// Whether `name` passes the request's `name` filter: Atlas's case-insensitive prefix.
fn named(request: &AllowedRequest, name: &str) -> bool {
    request
        .query
        .text("name")
        .is_none_or(|prefix| name.to_lowercase().starts_with(&prefix.to_lowercase()))
}

fn org(flavour: ApiFlavour, id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "isDeleted": false,
        "links": [{"href": format!("{ATLAS}/api/{}/orgs/{id}", api_root(flavour)), "rel": "self"}],
    })
}

/// `/api/{root}/…` of a flavour's own links.
fn api_root(flavour: ApiFlavour) -> &'static str {
    match flavour {
        ApiFlavour::V1 => "atlas/v1.0",
        ApiFlavour::V2 => "atlas/v2",
        ApiFlavour::Public => "public/v1.0",
    }
}

/// `6500000000000000000d0001` … `6500000000000000000d008c`: the estate's projects.
pub fn estate_project_id(n: usize) -> String {
    format!("6500000000000000000d{n:04x}")
}

/// `prod-eu-payments`, … : every environment for every service.
pub fn estate_project_name(n: usize) -> String {
    let i = n - 1;
    format!(
        "{}-{}",
        ENVIRONMENTS[i % ENVIRONMENTS.len()],
        SERVICES[i / ENVIRONMENTS.len() % SERVICES.len()]
    )
}

/// Which of the estate's projects `id` is, 1 to 140.
fn estate_index(id: &str) -> Option<usize> {
    let n = usize::from_str_radix(id.strip_prefix("6500000000000000000d")?, 16).ok()?;
    (1..=ESTATE_PROJECTS).contains(&n).then_some(n)
}

/// Whether the estate's project `n` has no alerting integration.
pub fn estate_without_alerting(n: usize) -> bool {
    n % 12 == 7
}

/// One project as `/groups/{id}` gives it; `None` for one the estate does not hold.
fn project(flavour: ApiFlavour, id: &str) -> Option<Value> {
    let (name, org, n) = match id {
        PROJECT_ALL_TYPES => ("payments-prod".to_string(), ORG_SAMPLES, 1),
        PROJECT_EMPTY => ("sandbox".to_string(), ORG_SAMPLES, 2),
        _ => {
            let n = estate_index(id)?;
            (estate_project_name(n), ORG_ESTATE, n)
        }
    };
    Some(json!({
        "id": id,
        "name": name,
        "orgId": org,
        "clusterCount": n % 4,
        "created": format!("{}-{:02}-{:02}T09:{:02}:00Z", 2021 + n % 4, 1 + n % 12, 1 + n % 28, n % 60),
        "links": [{"href": format!("{ATLAS}/api/{}/groups/{id}", api_root(flavour)), "rel": "self"}],
    }))
}

/// The estate's project `n`: a mix of integrations, redacted as Atlas redacts them, with at
/// least one alerting type unless it is one of those without.
fn estate_integrations(flavour: ApiFlavour, n: usize) -> Vec<Value> {
    let every = |k: usize| n.is_multiple_of(k);
    let mut kinds: Vec<(usize, &str)> = Vec::new();
    let wanted = [
        ("PAGER_DUTY", !every(3)),
        ("SLACK", every(2)),
        ("OPS_GENIE", every(5)),
        ("VICTOR_OPS", every(7)),
        ("MICROSOFT_TEAMS", every(11)),
        ("WEBHOOK", n % 4 == 1),
        ("DATADOG", every(3)),
        ("PROMETHEUS", every(10)),
    ];
    for (number, (kind, present)) in wanted.into_iter().enumerate() {
        if present && !(estate_without_alerting(n) && ALERTING_TYPES.contains(&kind)) {
            kinds.push((number, kind));
        }
    }
    if !estate_without_alerting(n) && !kinds.iter().any(|(_, kind)| ALERTING_TYPES.contains(kind)) {
        kinds.push((2, "OPS_GENIE"));
    }
    let region = if n.is_multiple_of(2) { "EU" } else { "US" };
    let all = integrations(flavour);
    kinds
        .into_iter()
        .filter_map(|(number, kind)| {
            let mut item = all.iter().find(|i| i["type"] == kind)?.clone();
            item["id"] = json!(format!("6500000000000000000e{n:02x}{number:02x}"));
            if item.get("region").is_some() {
                item["region"] = json!(region);
            }
            Some(item)
        })
        .collect()
}

/// Atlas's 404 for an owner that does not exist.
fn not_found(request: &AllowedRequest) -> BrowserAnswer {
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
        Owner::Estate => error(StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND", "Not found."),
    }
}

/// A single item's answer (`/groups/{id}`).
fn ok(request: &AllowedRequest, item: Value) -> BrowserAnswer {
    BrowserAnswer::new(
        StatusCode::OK,
        request.accept(),
        Bytes::from(item.to_string()),
    )
}

fn page(
    request: &AllowedRequest,
    items: Vec<Value>,
    page_num: u64,
    items_per_page: u64,
) -> BrowserAnswer {
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
    ok(request, body)
}

fn error(status: StatusCode, error_code: &str, detail: &str) -> BrowserAnswer {
    BrowserAnswer::new(
        status,
        "application/json",
        Bytes::from(atlas_error_body(status, error_code, detail)),
    )
}

fn invalid_parameter(name: &str, value: u64, rule: &str) -> BrowserAnswer {
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
                ApiFlavour::V1 | ApiFlavour::Public => json!({"id": id, "name": name(n)}),
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
        ApiFlavour::V1 | ApiFlavour::Public => {
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
        let response = DemoEstate::default()
            .answer(&check(path, Some(query)).unwrap())
            .response();
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
                let estate: Vec<String> = (1..=ESTATE_PROJECTS).map(estate_project_id).collect();
                let owners: Vec<&str> = match endpoint.owner {
                    Owner::Project => [PROJECT_ALL_TYPES, PROJECT_EMPTY]
                        .into_iter()
                        .chain(estate.iter().map(String::as_str))
                        .collect(),
                    Owner::Organization => vec![ORG_LARGE, ORG_SMALL, ORG_ESTATE, ORG_SAMPLES],
                    Owner::Estate => vec![""],
                };
                let held = owners.iter().any(|owner| {
                    let ids: &[&str] = if owner.is_empty() { &[] } else { &[owner] };
                    let path = format!("/api{}", endpoint.path(*flavour, ids));
                    let answer = render(&check(&path, None).unwrap());
                    json_holds_secret_field(answer.body()).unwrap()
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

    #[tokio::test]
    async fn the_estate_lists_its_organizations_and_projects_by_name() {
        let (_, orgs) = get("/api/atlas/v2/orgs", "").await;
        let names: Vec<&str> = orgs["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|org| org["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Northwind", "Contoso", "Tailspin-Toys", "Fabrikam"]);
        let (_, found) = get("/api/atlas/v2/orgs", "name=north").await;
        assert_eq!(found["totalCount"], 1);
        let path = format!("/api/atlas/v2/orgs/{ORG_ESTATE}/groups");
        let (_, first) = get(&path, "itemsPerPage=100").await;
        assert_eq!(first["totalCount"], ESTATE_PROJECTS);
        assert_eq!(first["results"][0]["name"], "prod-eu-payments");
        assert_eq!(first["results"][0]["orgId"], ORG_ESTATE);
        let (_, second) = get(&path, "itemsPerPage=100&pageNum=2").await;
        assert_eq!(second["results"].as_array().unwrap().len(), 40);
        let all: std::collections::HashSet<String> =
            (1..=ESTATE_PROJECTS).map(estate_project_name).collect();
        assert_eq!(all.len(), ESTATE_PROJECTS, "names are unique");
        let (_, prod) = get(&path, "name=PROD-EU&itemsPerPage=500").await;
        assert_eq!(prod["totalCount"], 14);
        let one = estate_project_id(5);
        let (status, project) = get(&format!("/api/public/v1.0/groups/{one}"), "").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(project["orgId"], ORG_ESTATE);
        assert_eq!(project["name"], estate_project_name(5));
        let (status, _) = get(&format!("/api/atlas/v2/groups/{MISSING}"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn a_dozen_estate_projects_have_no_alerting_integration_and_one_is_forbidden() {
        let mut without = 0;
        for n in 1..=ESTATE_PROJECTS {
            let path = format!("/api/atlas/v2/groups/{}/integrations", estate_project_id(n));
            let (status, body) = get(&path, "itemsPerPage=500").await;
            if n == ESTATE_FORBIDDEN {
                assert_eq!(status, StatusCode::FORBIDDEN);
                continue;
            }
            assert_eq!(status, StatusCode::OK, "{n}");
            let kinds: Vec<&str> = body["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["type"].as_str().unwrap())
                .collect();
            let alerting = kinds.iter().any(|kind| ALERTING_TYPES.contains(kind));
            assert_eq!(alerting, !estate_without_alerting(n), "{n}: {kinds:?}");
            without += usize::from(!alerting);
        }
        assert_eq!(without, ESTATE_WITHOUT_ALERTING);
    }
}
