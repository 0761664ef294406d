//! The built-in sample estate behind `--demo`: the same routes and paging as Atlas, no account.
//!
//! Four organizations: Northwind, 140 projects with a mix of integrations (a dozen with no
//! alerting one, one whose integrations answer 403) and eight teams holding varied roles in
//! them (one team in no project, one project no team reaches); Contoso, the two sample
//! projects; Tailspin-Toys with 1,234 teams; Fabrikam with a handful. Every team has members:
//! active users, some never signed in, and pending, expired and rejected invitations. Names
//! follow the v2 pattern (letters, digits and `-_.(),:&@+'`), so every v2 answer validates.

mod alerts;
mod events;

pub use alerts::estate_unused;
use atlas_panel_common::endpoint::{ApiFlavour, List, Owner, DEFAULT_MEMBERSHIP_STATUSES};
use atlas_panel_common::integration::ALERTING_TYPES;
use atlas_panel_common::mask::mask_phone_number;
use atlas_panel_common::site_config::{KnownId, SiteConfig};
use axum::http::StatusCode;
use bytes::Bytes;
pub use events::{BURST_KEY, BURST_PROJECT, BUSY_PROJECT, BUSY_PROJECT_CHANGES};
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

/// Northwind's teams: each name with its members, people `first..=last` of the organization.
const NORTHWIND_TEAMS: [(&str, usize, usize); 8] = [
    ("Platform", 1, 180),
    ("Database Operations", 161, 200),
    ("Payments", 201, 224),
    ("Data Science", 225, 239),
    ("Security", 240, 247),
    ("Site Reliability", 170, 229),
    ("Search Relevance", 248, 259),
    ("Contractors", 260, 289),
];
/// Northwind's Platform team: 180 members, more than a page of 100 holds.
pub const TEAM_LARGE: &str = "6500000000000000000c0001";
/// Northwind's Search Relevance team: holds a role newer than the panel (`GROUP_FUTURE_ROLE`).
pub const TEAM_FUTURE_ROLE: &str = "6500000000000000000c0007";
/// Northwind's Contractors team: in no project.
pub const TEAM_IN_NO_PROJECT: &str = "6500000000000000000c0008";
/// The estate's project no team reaches: `sandbox-pricing`.
pub const ESTATE_WITHOUT_TEAMS: usize = 140;
/// A generic team's members: four people each.
const GENERIC_TEAM_SIZE: usize = 4;
const FIRST_NAMES: [&str; 20] = [
    "Ada",
    "Alan",
    "Grace",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Margaret",
    "Dennis",
    "Radia",
    "Linus",
    "Hedy",
    "Tim",
    "Sophie",
    "John",
    "Karen",
    "Leslie",
    "Katherine",
    "Niklaus",
];
const LAST_NAMES: [&str; 15] = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "Hamilton",
    "Ritchie",
    "Perlman",
    "Torvalds",
    "Lamarr",
    "Berners-Lee",
    "Wilson",
];
const COUNTRIES: [&str; 10] = ["GB", "US", "DE", "FR", "IN", "NL", "SE", "JP", "BR", "CA"];

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
        (List::Teams, _) => teams(request, owner)?,
        (List::TeamMembers, _) => members(request)?,
        (List::ProjectTeams, _) => project_teams(request)?,
        (List::ProjectEvents | List::OrgEvents, _) => events::feed(request)?,
        (List::AlertConfigs, _) => {
            alerts::alert_configs(request.flavour, owner, estate_index(owner))?
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
    if let (List::TeamMembers, Some(team), Some(_)) =
        (request.endpoint.list, request.ids.get(1), org_teams(id))
    {
        return error(
            StatusCode::NOT_FOUND,
            "RESOURCE_NOT_FOUND",
            &format!("No team with ID {team} exists in organization {id}."),
        );
    }
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
    let (path, query) = request
        .path_and_query
        .split_once('?')
        .unwrap_or((&request.path_and_query, ""));
    // A link leads to the same list: filters stay, only the page changes.
    let filters: String = query
        .split('&')
        .filter(|pair| {
            !pair.is_empty() && !pair.starts_with("pageNum=") && !pair.starts_with("itemsPerPage=")
        })
        .map(|pair| format!("&{pair}"))
        .collect();
    let link = |rel: &str, page: u64| json!({"href": format!("{ATLAS}{path}?pageNum={page}&itemsPerPage={items_per_page}{filters}"), "rel": rel});
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

/// An organization's teams, `(ID, name)`, in the order Atlas lists them; `None` for an
/// organization the estate does not hold.
fn org_teams(org: &str) -> Option<Vec<(String, String)>> {
    let numbered = |count: usize, name: &dyn Fn(usize) -> String| {
        (1..=count)
            .map(|n| (format!("{}{n:016x}", &org[..8]), name(n)))
            .collect()
    };
    Some(match org {
        ORG_ESTATE => NORTHWIND_TEAMS
            .iter()
            .enumerate()
            .map(|(i, (name, ..))| (northwind_team_id(i + 1), name.to_string()))
            .collect(),
        ORG_LARGE => numbered(LARGE_ORG_TEAMS, &|n| format!("Team {n:04}")),
        ORG_SMALL | ORG_SAMPLES => numbered(SMALL_ORG_TEAMS.len(), &|n| {
            SMALL_ORG_TEAMS[n - 1].to_string()
        }),
        _ => return None,
    })
}

/// `6500000000000000000c0001` … : Northwind's teams.
pub fn northwind_team_id(n: usize) -> String {
    format!("6500000000000000000c{n:04x}")
}

fn teams(request: &AllowedRequest, org: &str) -> Option<Vec<Value>> {
    let teams = org_teams(org)?;
    Some(
        teams
            .into_iter()
            .map(|(id, name)| match request.flavour {
                ApiFlavour::V1 | ApiFlavour::Public => json!({"id": id, "name": name}),
                ApiFlavour::V2 => json!({
                    "id": id,
                    "name": name,
                    "links": [{"href": format!("{ATLAS}/api/atlas/v2/orgs/{org}/teams/{id}"), "rel": "self"}],
                }),
            })
            .collect(),
    )
}

/// The people of an organization in team `n` (1 for its first), by their number.
fn team_people(org: &str, n: usize) -> std::ops::RangeInclusive<usize> {
    match org {
        ORG_ESTATE => {
            let (_, first, last) = NORTHWIND_TEAMS[n - 1];
            first..=last
        }
        _ => GENERIC_TEAM_SIZE * (n - 1) + 1..=GENERIC_TEAM_SIZE * n,
    }
}

/// A member of an organization, the same in every team they are in.
struct Person {
    id: String,
    username: String,
    first_name: &'static str,
    last_name: &'static str,
    country: &'static str,
    status: &'static str,
    org_roles: &'static [&'static str],
    /// Projects the person holds a role in by themselves, beside their teams'.
    project_roles: Vec<(String, &'static str)>,
    team_ids: Vec<String>,
    /// Who sent their invitation: the organization's first owner.
    inviter: String,
    /// Person `n` of the organization.
    n: usize,
}

/// Person `n` of `org`, a member of `teams` (the organization's, in order).
fn person(org: &str, org_name: &str, n: usize, teams: &[(String, String)]) -> Person {
    let (first_name, last_name) = name_of(n);
    let status = if n % 23 == 5 {
        "PENDING"
    } else if n % 29 == 7 {
        "INVITATION_EXPIRED"
    } else if n % 31 == 11 {
        "INVITATION_REJECTED"
    } else {
        "ACTIVE"
    };
    let org_roles: &[&str] = match n {
        1 | 2 => &["ORG_OWNER"],
        _ if n % 45 == 9 => &["ORG_BILLING_ADMIN", "ORG_MEMBER"],
        _ if n % 41 == 6 => &["ORG_GROUP_CREATOR", "ORG_MEMBER"],
        _ if n % 37 == 4 => &["ORG_READ_ONLY"],
        _ => &["ORG_MEMBER"],
    };
    let project_roles = if org == ORG_ESTATE && status == "ACTIVE" && n.is_multiple_of(11) {
        vec![(
            estate_project_id(1 + n % ESTATE_PROJECTS),
            "GROUP_READ_ONLY",
        )]
    } else {
        Vec::new()
    };
    let team_ids = teams
        .iter()
        .enumerate()
        .filter(|(t, _)| team_people(org, t + 1).contains(&n))
        .map(|(_, (id, _))| id.clone())
        .collect();
    Person {
        id: format!("65000000000000{}{n:06x}", &org[20..]),
        username: username(org_name, n),
        first_name,
        last_name,
        country: COUNTRIES[n % COUNTRIES.len()],
        status,
        org_roles,
        project_roles,
        team_ids,
        inviter: username(org_name, 1),
        n,
    }
}

/// Person `n`'s name: each pair once in 300 people (7 and 15 share no factor), and next
/// to each other two people differ in both names.
fn name_of(n: usize) -> (&'static str, &'static str) {
    let i = n - 1;
    let (first, round) = (i % FIRST_NAMES.len(), i / FIRST_NAMES.len());
    (
        FIRST_NAMES[first],
        LAST_NAMES[(first + 7 * round) % LAST_NAMES.len()],
    )
}

/// `ada.lovelace@northwind.example`: every one once in an organization, however many people
/// it has.
fn username(org_name: &str, n: usize) -> String {
    let (first, last) = name_of(n);
    let cycle = (n - 1) / (FIRST_NAMES.len() * LAST_NAMES.len());
    let again = if cycle > 0 {
        cycle.to_string()
    } else {
        String::new()
    };
    format!(
        "{}.{}{again}@{}.example",
        first.to_lowercase(),
        last.to_lowercase(),
        org_name.to_lowercase()
    )
}

impl Person {
    fn created_at(&self) -> String {
        let n = self.n;
        format!(
            "{}-{:02}-{:02}T{:02}:{:02}:00Z",
            2019 + n % 6,
            1 + n % 12,
            1 + n % 28,
            n % 24,
            n * 7 % 60
        )
    }

    /// When they last signed in; `None` for one who never has.
    fn last_auth(&self) -> Option<String> {
        let n = self.n;
        (n % 7 != 3).then(|| {
            format!(
                "2026-{:02}-{:02}T{:02}:{:02}:00Z",
                1 + n % 11,
                1 + n % 28,
                n * 5 % 24,
                n * 13 % 60
            )
        })
    }

    /// Some people gave a phone number: the demo holds it as the proxy masks it, made from a
    /// fictional 555-01xx number.
    fn mobile_number(&self) -> Option<String> {
        (self.n % 9 == 4)
            .then(|| mask_phone_number(&format!("+1 202-555-{:04}", 100 + self.n % 100)))
    }

    /// The 2025-02-19 form (`OrgActiveUserResponse`, `OrgPendingUserResponse`).
    fn v2(&self) -> Value {
        let mut user = json!({
            "id": self.id,
            "username": self.username,
            "orgMembershipStatus": self.status,
            "roles": {
                "orgRoles": self.org_roles,
                "groupRoleAssignments": self.project_roles.iter().map(|(group, role)| json!({"groupId": group, "groupRoles": [role]})).collect::<Vec<_>>(),
            },
            "teamIds": self.team_ids,
        });
        let n = self.n;
        match self.status {
            "ACTIVE" => {
                user["firstName"] = json!(self.first_name);
                user["lastName"] = json!(self.last_name);
                user["country"] = json!(self.country);
                user["createdAt"] = json!(self.created_at());
                if let Some(last_auth) = self.last_auth() {
                    user["lastAuth"] = json!(last_auth);
                }
                if let Some(mobile) = self.mobile_number() {
                    user["mobileNumber"] = json!(mobile);
                }
            }
            status => {
                let (sent, expires) = match status {
                    "PENDING" => (
                        format!("2026-12-{:02}T10:00:00Z", 1 + n % 28),
                        Some(format!("2027-01-{:02}T10:00:00Z", 1 + n % 28)),
                    ),
                    "INVITATION_EXPIRED" => (
                        format!("2026-05-{:02}T10:00:00Z", 1 + n % 28),
                        Some(format!("2026-06-{:02}T10:00:00Z", 1 + n % 28)),
                    ),
                    // Atlas gives a rejected invitation no expiry.
                    _ => (format!("2026-08-{:02}T10:00:00Z", 1 + n % 28), None),
                };
                user["invitationCreatedAt"] = json!(sent);
                user["invitationExpiresAt"] = json!(expires);
                user["inviterUsername"] = json!(self.inviter);
            }
        }
        user
    }

    /// The v1.0 form (Cloud Manager's and Ops Manager's too): active users only, their roles
    /// one list of `{orgId|groupId, roleName}`.
    fn v1(&self, org: &str) -> Value {
        let roles: Vec<Value> = self
            .org_roles
            .iter()
            .map(|role| json!({"orgId": org, "roleName": role}))
            .chain(
                self.project_roles
                    .iter()
                    .map(|(group, role)| json!({"groupId": group, "roleName": role})),
            )
            .collect();
        let mut user = json!({
            "id": self.id,
            "username": self.username,
            "emailAddress": self.username,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "country": self.country,
            "createdAt": self.created_at(),
            "roles": roles,
            "teamIds": self.team_ids,
        });
        if let Some(last_auth) = self.last_auth() {
            user["lastAuth"] = json!(last_auth);
        }
        if let Some(mobile) = self.mobile_number() {
            user["mobileNumber"] = json!(mobile);
        }
        user
    }
}

/// A team's members. v2 answers the statuses asked for (active and pending when none is);
/// v1.0 knows no invitations and lists active users only, whatever is asked.
fn members(request: &AllowedRequest) -> Option<Vec<Value>> {
    let org = request.owner_id.as_str();
    let team = request.ids.get(1)?;
    let teams = org_teams(org)?;
    let n = 1 + teams.iter().position(|(id, _)| id == team)?;
    let org_name = ORGS.iter().find(|(id, _)| *id == org)?.1;
    let statuses = match request.flavour {
        ApiFlavour::V2 => request
            .query
            .statuses("orgMembershipStatuses")
            .unwrap_or(&DEFAULT_MEMBERSHIP_STATUSES[..]),
        ApiFlavour::V1 | ApiFlavour::Public => &["ACTIVE"][..],
    };
    Some(
        team_people(org, n)
            .map(|p| person(org, org_name, p, &teams))
            .filter(|person| statuses.contains(&person.status))
            .map(|person| match request.flavour {
                ApiFlavour::V2 => person.v2(),
                ApiFlavour::V1 | ApiFlavour::Public => person.v1(org),
            })
            .collect(),
    )
}

/// The teams of a project and their roles, as `(team ID, roleNames)`; `None` for a project
/// the estate does not hold.
fn team_roles(project: &str) -> Option<Vec<(String, Vec<&'static str>)>> {
    let sample_team = |n: usize| format!("{}{n:016x}", &ORG_SAMPLES[..8]);
    Some(match project {
        PROJECT_ALL_TYPES => vec![
            (sample_team(1), vec!["GROUP_OWNER"]),
            (sample_team(2), vec!["GROUP_CLUSTER_MANAGER"]),
            (sample_team(5), vec!["GROUP_READ_ONLY"]),
        ],
        PROJECT_EMPTY => Vec::new(),
        _ => estate_team_roles(estate_index(project)?)
            .into_iter()
            .map(|(team, roles)| (northwind_team_id(team), roles))
            .collect(),
    })
}

/// Which of Northwind's teams (by number) hold which roles in the estate's project `n`.
fn estate_team_roles(n: usize) -> Vec<(usize, Vec<&'static str>)> {
    if n == ESTATE_WITHOUT_TEAMS {
        return Vec::new();
    }
    let i = n - 1;
    let environment = ENVIRONMENTS[i % ENVIRONMENTS.len()];
    let service = SERVICES[i / ENVIRONMENTS.len() % SERVICES.len()];
    let production = environment.starts_with("prod-");
    let mut roles = vec![(
        1,
        vec![if production {
            "GROUP_OWNER"
        } else {
            "GROUP_CLUSTER_MANAGER"
        }],
    )];
    if environment != "sandbox" {
        roles.push((2, vec!["GROUP_CLUSTER_MANAGER", "GROUP_DATA_ACCESS_ADMIN"]));
    }
    if matches!(service, "payments" | "checkout" | "billing" | "ledger") {
        roles.push((3, vec!["GROUP_OWNER"]));
    }
    if matches!(service, "analytics" | "reporting" | "pricing") {
        roles.push((4, vec!["GROUP_DATA_ACCESS_READ_WRITE"]));
    }
    roles.push((5, vec!["GROUP_READ_ONLY"]));
    if production || environment == "dr" {
        roles.push((
            6,
            vec![
                "GROUP_CLUSTER_MANAGER",
                "GROUP_BACKUP_MANAGER",
                "GROUP_OBSERVABILITY_VIEWER",
            ],
        ));
    }
    // A role newer than the panel: passed on as Atlas names it.
    if service == "search" {
        roles.push((7, vec!["GROUP_SEARCH_INDEX_EDITOR", "GROUP_FUTURE_ROLE"]));
    }
    // Team 8, Contractors, holds no role anywhere.
    roles
}

fn project_teams(request: &AllowedRequest) -> Option<Vec<Value>> {
    let project = request.owner_id.as_str();
    let root = api_root(request.flavour);
    Some(
        team_roles(project)?
            .into_iter()
            .map(|(team, roles)| json!({
                "teamId": team,
                "roleNames": roles,
                "links": [{"href": format!("{ATLAS}/api/{root}/groups/{project}/teams/{team}"), "rel": "self"}],
            }))
            .collect(),
    )
}

/// The sample project's integration number `n`.
fn integration_id(n: u8) -> String {
    format!("6500000000000000000001{n:02x}")
}

/// One integration of every type, redacted as Atlas redacts them.
///
/// The v2 form follows MongoDB's specification: no Flowdock, no Prometheus `scheme` or
/// (write-only) `password`, and no New Relic, whose schema demands a clear 40-hex-digit
/// license key that the proxy would never let through unmasked.
fn integrations(flavour: ApiFlavour) -> Vec<Value> {
    let id = integration_id;
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
        let estate: Vec<String> = (1..=ESTATE_PROJECTS).map(estate_project_id).collect();
        let orgs = [ORG_LARGE, ORG_SMALL, ORG_ESTATE, ORG_SAMPLES];
        // A team's members are asked with the team's ID after the organization's.
        let teams: Vec<[String; 2]> = orgs
            .iter()
            .flat_map(|org| {
                org_teams(org)
                    .unwrap()
                    .into_iter()
                    .take(10)
                    .map(|(team, _)| [org.to_string(), team])
            })
            .collect();
        for endpoint in ENDPOINTS {
            for (flavour, _) in endpoint.paths {
                let owners: Vec<Vec<&str>> = match (endpoint.owner, endpoint.list) {
                    (_, List::TeamMembers) => teams
                        .iter()
                        .map(|ids| ids.iter().map(String::as_str).collect())
                        .collect(),
                    (Owner::Project, _) => [PROJECT_ALL_TYPES, PROJECT_EMPTY]
                        .into_iter()
                        .chain(estate.iter().map(String::as_str))
                        .map(|id| vec![id])
                        .collect(),
                    (Owner::Organization, _) => orgs.iter().map(|id| vec![*id]).collect(),
                    (Owner::Estate, _) => vec![vec![]],
                };
                let held = owners.iter().any(|ids| {
                    let path = format!("/api{}", endpoint.path(*flavour, ids));
                    let answer = render(&check(&path, None).unwrap());
                    assert!(
                        matches!(answer.status, StatusCode::OK | StatusCode::FORBIDDEN),
                        "{path}"
                    );
                    json_holds_secret_field(answer.body()).unwrap()
                });
                assert_eq!(held, endpoint.carries_secrets, "{:?}", endpoint.list);
            }
        }
    }

    fn results(body: &Value) -> &Vec<Value> {
        body["results"].as_array().unwrap()
    }

    fn statuses_of(body: &Value) -> Vec<&str> {
        results(body)
            .iter()
            .map(|member| member["orgMembershipStatus"].as_str().unwrap())
            .collect()
    }

    #[tokio::test]
    async fn a_large_team_pages_its_members_active_and_pending_unless_asked() {
        let path = format!("/api/atlas/v2/orgs/{ORG_ESTATE}/teams/{TEAM_LARGE}/users");
        let (status, first) = get(&path, "").await;
        assert_eq!(status, StatusCode::OK);
        // 180 people: 161 active, 8 pending, 6 expired and 5 rejected invitations.
        assert_eq!(first["totalCount"], 169);
        assert_eq!(results(&first).len(), 100);
        let next = first["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|link| link["rel"] == "next")
            .unwrap();
        assert!(next["href"].as_str().unwrap().ends_with(&format!(
            "/api/atlas/v2/orgs/{ORG_ESTATE}/teams/{TEAM_LARGE}/users?pageNum=2&itemsPerPage=100"
        )));
        let (_, second) = get(&path, "pageNum=2").await;
        assert_eq!(results(&second).len(), 69);
        let shown: Vec<&str> = statuses_of(&first)
            .into_iter()
            .chain(statuses_of(&second))
            .collect();
        assert!(shown.iter().all(|s| ["ACTIVE", "PENDING"].contains(s)));
        assert_eq!(shown.iter().filter(|s| **s == "PENDING").count(), 8);

        let all = "orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED&itemsPerPage=500";
        let (_, everyone) = get(&path, all).await;
        assert_eq!(everyone["totalCount"], 180);
        for (status, count) in [
            ("ACTIVE", 161),
            ("PENDING", 8),
            ("INVITATION_EXPIRED", 6),
            ("INVITATION_REJECTED", 5),
        ] {
            let (_, only) = get(
                &path,
                &format!("orgMembershipStatuses={status}&itemsPerPage=500"),
            )
            .await;
            assert_eq!(only["totalCount"], count, "{status}");
            assert!(statuses_of(&only).iter().all(|s| *s == status));
        }
        // A filtered list's next page keeps its filter.
        let (_, expired) = get(
            &path,
            "orgMembershipStatuses=INVITATION_EXPIRED&itemsPerPage=2",
        )
        .await;
        let next = expired["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["rel"] == "next")
            .unwrap();
        assert!(next["href"]
            .as_str()
            .unwrap()
            .ends_with("?pageNum=2&itemsPerPage=2&orgMembershipStatuses=INVITATION_EXPIRED"));
    }

    #[tokio::test]
    async fn members_are_people_with_roles_sign_ins_and_invitations() {
        let path = format!("/api/atlas/v2/orgs/{ORG_ESTATE}/teams/{TEAM_LARGE}/users");
        let all = "orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED&itemsPerPage=500";
        let (_, body) = get(&path, all).await;
        let members = results(&body);
        let mut usernames = std::collections::HashSet::new();
        for member in members {
            let username = member["username"].as_str().unwrap();
            assert!(username.ends_with("@northwind.example"), "{username}");
            assert!(usernames.insert(username), "{username} twice");
            assert!(member["teamIds"]
                .as_array()
                .unwrap()
                .contains(&json!(TEAM_LARGE)));
            assert!(!member["roles"]["orgRoles"].as_array().unwrap().is_empty());
            if let Some(mobile) = member.get("mobileNumber") {
                let tail = mobile.as_str().unwrap().strip_prefix("********").unwrap();
                assert!(
                    tail.len() == 4 && tail.bytes().all(|b| b.is_ascii_digit()),
                    "{mobile}"
                );
            }
            match member["orgMembershipStatus"].as_str().unwrap() {
                "ACTIVE" => assert!(
                    member["firstName"].is_string() && member.get("invitationCreatedAt").is_none()
                ),
                "INVITATION_REJECTED" => assert!(member["invitationExpiresAt"].is_null()),
                _ => {
                    assert!(member["invitationExpiresAt"].is_string());
                    assert_eq!(member["inviterUsername"], "ada.lovelace@northwind.example");
                }
            }
        }
        let active = |f: fn(&Value) -> bool| {
            members
                .iter()
                .filter(|m| m["orgMembershipStatus"] == "ACTIVE" && f(m))
                .count()
        };
        assert!(
            active(|m| m.get("lastAuth").is_none()) > 0,
            "some never signed in"
        );
        assert!(active(|m| m.get("lastAuth").is_some()) > 100);
        assert!(active(|m| m.get("mobileNumber").is_some()) > 0);
        assert!(active(|m| m["roles"]["orgRoles"] == json!(["ORG_OWNER"])) > 0);
        assert!(
            active(|m| !m["roles"]["groupRoleAssignments"]
                .as_array()
                .unwrap()
                .is_empty())
                > 0
        );
        // Some are in more teams than this one.
        assert!(members
            .iter()
            .any(|m| m["teamIds"].as_array().unwrap().len() > 1));
    }

    #[test]
    fn every_person_of_an_organization_has_a_username_of_their_own() {
        let names: std::collections::HashSet<String> =
            (1..=1000).map(|n| username("Northwind", n)).collect();
        assert_eq!(names.len(), 1000);
        assert_eq!(username("Northwind", 2), "alan.turing@northwind.example");
    }

    #[tokio::test]
    async fn v1_knows_no_invitations_and_lists_active_users_only() {
        for root in ["public/v1.0", "atlas/v1.0"] {
            let path = format!("/api/{root}/orgs/{ORG_ESTATE}/teams/{TEAM_LARGE}/users");
            let (status, body) = get(&path, "itemsPerPage=500&orgMembershipStatuses=PENDING").await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(body["totalCount"], 161);
            let first = &results(&body)[0];
            assert!(first.get("orgMembershipStatus").is_none());
            assert_eq!(first["emailAddress"], first["username"]);
            assert_eq!(
                first["roles"],
                json!([{"orgId": ORG_ESTATE, "roleName": "ORG_OWNER"}])
            );
        }
    }

    #[tokio::test]
    async fn every_team_of_every_organization_has_members() {
        for org in [ORG_ESTATE, ORG_SAMPLES, ORG_LARGE, ORG_SMALL] {
            let (_, teams) = get(
                &format!("/api/atlas/v2/orgs/{org}/teams"),
                "itemsPerPage=500",
            )
            .await;
            for team in results(&teams).iter().take(20) {
                let id = team["id"].as_str().unwrap();
                let (status, members) =
                    get(&format!("/api/atlas/v2/orgs/{org}/teams/{id}/users"), "").await;
                assert_eq!(status, StatusCode::OK, "{org} {id}");
                assert!(!results(&members).is_empty(), "{org} {id}");
            }
        }
        let (status, body) = get(
            &format!("/api/atlas/v2/orgs/{ORG_ESTATE}/teams/{MISSING}/users"),
            "",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["errorCode"], "RESOURCE_NOT_FOUND");
        let (status, body) = get(
            &format!("/api/atlas/v2/orgs/{MISSING}/teams/{TEAM_LARGE}/users"),
            "",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["errorCode"], "ORG_NOT_FOUND");
        // A team of one organization is no team of another.
        let (status, _) = get(
            &format!("/api/atlas/v2/orgs/{ORG_SMALL}/teams/{TEAM_LARGE}/users"),
            "",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn northwind_s_teams_hold_varied_roles_in_its_projects() {
        let (_, teams) = get(
            &format!("/api/atlas/v2/orgs/{ORG_ESTATE}/teams"),
            "itemsPerPage=500",
        )
        .await;
        let names: std::collections::HashMap<&str, &str> = results(&teams)
            .iter()
            .map(|t| (t["id"].as_str().unwrap(), t["name"].as_str().unwrap()))
            .collect();
        assert_eq!(names[TEAM_LARGE], "Platform");
        assert_eq!(names[TEAM_IN_NO_PROJECT], "Contractors");
        assert_eq!(names[TEAM_FUTURE_ROLE], "Search Relevance");
        let mut roles = std::collections::HashSet::new();
        let mut teams_seen = std::collections::HashSet::new();
        for n in 1..=ESTATE_PROJECTS {
            let path = format!("/api/atlas/v2/groups/{}/teams", estate_project_id(n));
            let (status, body) = get(&path, "").await;
            if n == ESTATE_FORBIDDEN {
                assert_eq!(status, StatusCode::FORBIDDEN);
                continue;
            }
            assert_eq!(status, StatusCode::OK, "{n}");
            assert_eq!(results(&body).is_empty(), n == ESTATE_WITHOUT_TEAMS, "{n}");
            for team in results(&body) {
                let id = team["teamId"].as_str().unwrap();
                assert!(names.contains_key(id), "{id} is no Northwind team");
                teams_seen.insert(id.to_string());
                for role in team["roleNames"].as_array().unwrap() {
                    roles.insert(role.as_str().unwrap().to_string());
                }
            }
        }
        assert_eq!(
            teams_seen.len(),
            names.len() - 1,
            "every team but one holds a role"
        );
        assert!(!teams_seen.contains(TEAM_IN_NO_PROJECT));
        for role in [
            "GROUP_OWNER",
            "GROUP_READ_ONLY",
            "GROUP_DATA_ACCESS_READ_WRITE",
            "GROUP_CLUSTER_MANAGER",
            "GROUP_FUTURE_ROLE",
        ] {
            assert!(roles.contains(role), "{role}");
        }
        let (_, sample) = get(
            &format!("/api/public/v1.0/groups/{PROJECT_ALL_TYPES}/teams"),
            "",
        )
        .await;
        assert_eq!(sample["results"][0]["roleNames"], json!(["GROUP_OWNER"]));
        let (status, body) = get(&format!("/api/atlas/v2/groups/{MISSING}/teams"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["errorCode"], "GROUP_NOT_FOUND");
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
