//! The fake's estate: two organizations, one of 140 projects (one whose name is markup, a
//! dozen with no alerting integration, one that answers 403), and one whose names a scoped
//! proxy must never let through. Served alike in every flavour.

use std::collections::HashMap;

use atlas_panel_common::endpoint::{Endpoint, List};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::{error, page};

/// 140 projects.
pub const ORG: &str = "fa000000000000000000e001";
/// Two projects, for scope tests: its names must never reach a browser of a proxy scoped to
/// [`ORG`].
pub const OTHER_ORG: &str = "fa000000000000000000e002";
pub const OTHER_ORG_NAME: &str = "Hidden-Org-Name";
pub const PROJECTS: usize = 140;
/// The project whose name is markup.
pub const MARKUP_PROJECT: usize = 5;
/// The project the key may not read the integrations of.
pub const FORBIDDEN_PROJECT: usize = 97;
/// Projects without an alerting integration: every twelfth from the seventh.
pub const WITHOUT_ALERTING: usize = 12;

/// `fa00000000000000000e0001` … : the estate's projects; `fa00000000000000000f0001` and
/// `…0002`: the other organization's.
pub fn project_id(n: usize) -> String {
    format!("fa00000000000000000e{n:04x}")
}

fn other_project_id(n: usize) -> String {
    format!("fa00000000000000000f{n:04x}")
}

pub fn project_name(n: usize) -> String {
    if n == MARKUP_PROJECT {
        "<img src=x onerror=\"window.__pwned='project'\"><b>bold</b>".to_string()
    } else {
        format!("project-{n:03}")
    }
}

pub fn without_alerting(n: usize) -> bool {
    n % 12 == 7
}

/// The estate's answer, or `None` when the request is for something else of the fake's.
pub fn answer(endpoint: &Endpoint, id: &str, query: &HashMap<String, String>) -> Option<Response> {
    Some(match endpoint.list {
        List::Orgs => page(
            vec![
                json!({"id": ORG, "name": "Estate-Org", "isDeleted": false}),
                json!({"id": OTHER_ORG, "name": OTHER_ORG_NAME, "isDeleted": false}),
            ],
            query,
        ),
        List::Projects if id == ORG => page((1..=PROJECTS).map(estate_project).collect(), query),
        List::Projects if id == OTHER_ORG => page((1..=2).map(other_project).collect(), query),
        List::Project => match project(id) {
            Some(project) => Json(project).into_response(),
            None => error(StatusCode::NOT_FOUND, "GROUP_NOT_FOUND", "No such ID."),
        },
        List::Integrations => {
            let n = index(id, "fa00000000000000000e")?;
            if n == FORBIDDEN_PROJECT {
                return Some(error(
                    StatusCode::FORBIDDEN,
                    "NOT_IN_GROUP",
                    "The key has no role in this project.",
                ));
            }
            page(integrations(n), query)
        }
        List::Teams if id == ORG || id == OTHER_ORG => page(
            vec![json!({"id": "fb00000000000000000e0001", "name": "Platform"})],
            query,
        ),
        _ => return None,
    })
}

fn index(id: &str, prefix: &str) -> Option<usize> {
    let n = usize::from_str_radix(id.strip_prefix(prefix)?, 16).ok()?;
    (1..=PROJECTS).contains(&n).then_some(n)
}

fn project(id: &str) -> Option<Value> {
    if let Some(n) = index(id, "fa00000000000000000e") {
        return Some(estate_project(n));
    }
    index(id, "fa00000000000000000f")
        .filter(|n| *n <= 2)
        .map(other_project)
}

fn estate_project(n: usize) -> Value {
    json!({"id": project_id(n), "name": project_name(n), "orgId": ORG, "clusterCount": n % 3, "created": "2024-03-01T12:00:00Z"})
}

fn other_project(n: usize) -> Value {
    json!({"id": other_project_id(n), "name": format!("Hidden-Project-{n}"), "orgId": OTHER_ORG, "clusterCount": 1, "created": "2024-03-01T12:00:00Z"})
}

/// PagerDuty (EU on even projects, US on odd) and, on every third, Datadog; only Datadog
/// where there is no alerting integration.
fn integrations(n: usize) -> Vec<Value> {
    let id = |kind: u8| format!("fc00000000000000000e{n:02x}{kind:02x}");
    let mut items = Vec::new();
    if !without_alerting(n) {
        let region = if n.is_multiple_of(2) { "EU" } else { "US" };
        items.push(json!({"id": id(1), "type": "PAGER_DUTY", "region": region, "serviceKey": "****************************7890"}));
    }
    if n.is_multiple_of(3) {
        items.push(json!({"id": id(2), "type": "DATADOG", "region": "US", "apiKey": "****************************1a2b"}));
    }
    items
}
