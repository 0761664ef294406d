//! The fake's estate: two organizations, one of 140 projects (one whose name is markup, a
//! dozen with no alerting integration, one that answers 403) and three teams (one named in
//! markup, one of 130 members in every status, one in no project), and one whose names a
//! scoped proxy must never let through. Served alike in every flavour, but for team members:
//! v1.0 lists active users only, in its own form.

use std::collections::HashMap;

use atlas_panel_common::endpoint::{ApiFlavour, List, Matched};
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

/// The estate's teams. Platform: 130 members, more than a page of 100, in every status,
/// some with a phone number in clear for the proxy to mask.
pub const TEAM_LARGE: &str = "fb00000000000000000e0001";
pub const TEAM_LARGE_MEMBERS: usize = 130;
/// Named in markup; one of its members' username is markup too.
pub const TEAM_MARKUP: &str = "fb00000000000000000e0002";
/// In no project.
pub const TEAM_IN_NO_PROJECT: &str = "fb00000000000000000e0003";
/// The other organization's team: its name and its members' must never reach a browser of a
/// proxy scoped to [`ORG`].
pub const HIDDEN_TEAM: &str = "fb00000000000000000f0001";
pub const HIDDEN_TEAM_NAME: &str = "Hidden-Team-Name";
pub const HIDDEN_MEMBER: &str = "hidden.member@hidden.example";
pub const TEAM_MARKUP_NAME: &str = "<img src=x onerror=\"window.__pwned='team'\"><b>team</b>";
pub const MEMBER_MARKUP_USERNAME: &str =
    "<img src=x onerror=\"window.__pwned='member'\">@markup.example";
/// The project no team reaches.
pub const PROJECT_WITHOUT_TEAMS: usize = 140;

pub fn without_alerting(n: usize) -> bool {
    n % 12 == 7
}

/// The estate's answer, or `None` when the request is for something else of the fake's.
pub fn answer(matched: &Matched, query: &HashMap<String, String>) -> Option<Response> {
    let id = matched.owner_id();
    Some(match matched.endpoint.list {
        List::Orgs => page(
            vec![
                json!({"id": ORG, "name": "Estate-Org", "isDeleted": false}),
                json!({"id": OTHER_ORG, "name": OTHER_ORG_NAME, "isDeleted": false}),
            ],
            query,
        ),
        List::Projects if id == ORG => page((1..=PROJECTS).map(estate_project).collect(), query),
        List::Projects if id == OTHER_ORG => page((1..=2).map(other_project_of).collect(), query),
        List::Project => match project(id) {
            Some(project) => Json(project).into_response(),
            None => error(StatusCode::NOT_FOUND, "GROUP_NOT_FOUND", "No such ID."),
        },
        List::ProjectTeams if other_project(id).is_some() => page(
            vec![json!({"teamId": HIDDEN_TEAM, "roleNames": ["GROUP_OWNER"]})],
            query,
        ),
        List::Integrations | List::ProjectTeams | List::AlertConfigs | List::ProjectEvents => {
            let n = index(id, "fa00000000000000000e")?;
            if n == FORBIDDEN_PROJECT {
                return Some(error(
                    StatusCode::FORBIDDEN,
                    "NOT_IN_GROUP",
                    "The key has no role in this project.",
                ));
            }
            match matched.endpoint.list {
                List::Integrations => page(integrations(n), query),
                List::AlertConfigs => page(alert_configs(n), query),
                List::ProjectEvents => page(events(project_events(n), query), query),
                _ => page(team_roles(n), query),
            }
        }
        List::OrgEvents if id == ORG => page(events(org_events(), query), query),
        List::Teams if id == ORG => page(
            vec![
                json!({"id": TEAM_LARGE, "name": "Platform"}),
                json!({"id": TEAM_MARKUP, "name": TEAM_MARKUP_NAME}),
                json!({"id": TEAM_IN_NO_PROJECT, "name": "Bench"}),
            ],
            query,
        ),
        List::Teams if id == OTHER_ORG => page(
            vec![json!({"id": HIDDEN_TEAM, "name": HIDDEN_TEAM_NAME})],
            query,
        ),
        List::TeamMembers => {
            let team = matched.ids.get(1)?;
            let people: Vec<Person> = match (id, team.as_str()) {
                (ORG, TEAM_LARGE) => (1..=TEAM_LARGE_MEMBERS).map(person).collect(),
                (ORG, TEAM_MARKUP) => vec![
                    Person {
                        username: MEMBER_MARKUP_USERNAME.to_string(),
                        first_name: TEAM_MARKUP_NAME.to_string(),
                        ..person(1001)
                    },
                    person(1003),
                ],
                (ORG, TEAM_IN_NO_PROJECT) => vec![person(1011)],
                (OTHER_ORG, HIDDEN_TEAM) => vec![Person {
                    username: HIDDEN_MEMBER.to_string(),
                    ..person(2001)
                }],
                (ORG | OTHER_ORG, _) => {
                    return Some(error(
                        StatusCode::NOT_FOUND,
                        "RESOURCE_NOT_FOUND",
                        "No such team.",
                    ))
                }
                _ => return None,
            };
            let asked = query.get("orgMembershipStatuses");
            let wanted = |status: &str| match asked {
                Some(statuses) => statuses.split(',').any(|s| s == status),
                None => matches!(status, "ACTIVE" | "PENDING"),
            };
            let members = people
                .iter()
                .filter(|person| match matched.flavour {
                    ApiFlavour::V2 => wanted(person.status),
                    ApiFlavour::V1 | ApiFlavour::Public => person.status == "ACTIVE",
                })
                .map(|person| person.render(matched.flavour, id, team))
                .collect();
            page(members, query)
        }
        _ => return None,
    })
}

/// A team member of the fake's, the same in every team they are in.
struct Person {
    id: String,
    username: String,
    first_name: String,
    status: &'static str,
    /// In clear, as Atlas sends it: the proxy masks it.
    mobile_number: Option<String>,
    last_auth: Option<String>,
}

/// Person `n`: every tenth from the third pending, from the sixth expired, from the ninth
/// rejected; every seventh never signed in; every fifth from the first with a phone number.
fn person(n: usize) -> Person {
    let status = match n % 10 {
        3 => "PENDING",
        6 => "INVITATION_EXPIRED",
        9 => "INVITATION_REJECTED",
        _ => "ACTIVE",
    };
    Person {
        id: format!("fd00000000000000000e{n:04x}"),
        username: format!("user-{n:04}@estate.example"),
        first_name: format!("User{n}"),
        status,
        mobile_number: (n % 5 == 1).then(|| format!("+1 202-555-{:04}", 100 + n % 100)),
        last_auth: (!n.is_multiple_of(7)).then(|| format!("2026-10-{:02}T08:30:00Z", 1 + n % 28)),
    }
}

impl Person {
    /// v2: the 2025-02-19 form; v1.0: active users only, roles as one list.
    fn render(&self, flavour: ApiFlavour, org: &str, team: &str) -> Value {
        match flavour {
            ApiFlavour::V2 => {
                let mut user = json!({
                    "id": self.id,
                    "username": self.username,
                    "orgMembershipStatus": self.status,
                    "roles": {"orgRoles": ["ORG_MEMBER"], "groupRoleAssignments": []},
                    "teamIds": [team],
                });
                if self.status == "ACTIVE" {
                    user["firstName"] = json!(self.first_name);
                    user["lastName"] = json!("Estate");
                    user["country"] = json!("GB");
                    user["createdAt"] = json!("2024-03-01T12:00:00Z");
                    if let Some(last_auth) = &self.last_auth {
                        user["lastAuth"] = json!(last_auth);
                    }
                    if let Some(mobile) = &self.mobile_number {
                        user["mobileNumber"] = json!(mobile);
                    }
                } else {
                    user["invitationCreatedAt"] = json!("2026-10-01T09:00:00Z");
                    user["invitationExpiresAt"] = match self.status {
                        "INVITATION_REJECTED" => Value::Null,
                        _ => json!("2026-10-31T09:00:00Z"),
                    };
                    user["inviterUsername"] = json!("owner@estate.example");
                }
                user
            }
            ApiFlavour::V1 | ApiFlavour::Public => {
                let mut user = json!({
                    "id": self.id,
                    "username": self.username,
                    "emailAddress": self.username,
                    "firstName": self.first_name,
                    "lastName": "Estate",
                    "country": "GB",
                    "createdAt": "2024-03-01T12:00:00Z",
                    "roles": [{"orgId": org, "roleName": "ORG_MEMBER"}],
                    "teamIds": [team],
                });
                if let Some(last_auth) = &self.last_auth {
                    user["lastAuth"] = json!(last_auth);
                }
                if let Some(mobile) = &self.mobile_number {
                    user["mobileNumber"] = json!(mobile);
                }
                user
            }
        }
    }
}

/// The teams of the estate's project `n`: Platform owns every tenth from the first and reads
/// the rest; the markup team manages every third's clusters with a role newer than the panel.
fn team_roles(n: usize) -> Vec<Value> {
    if n == PROJECT_WITHOUT_TEAMS {
        return Vec::new();
    }
    let platform = if n % 10 == 1 {
        "GROUP_OWNER"
    } else {
        "GROUP_READ_ONLY"
    };
    let mut teams = vec![json!({"teamId": TEAM_LARGE, "roleNames": [platform]})];
    if n.is_multiple_of(3) {
        teams.push(json!({"teamId": TEAM_MARKUP, "roleNames": ["GROUP_CLUSTER_MANAGER", "GROUP_FUTURE_ROLE"]}));
    }
    teams
}

fn index(id: &str, prefix: &str) -> Option<usize> {
    let n = usize::from_str_radix(id.strip_prefix(prefix)?, 16).ok()?;
    (1..=PROJECTS).contains(&n).then_some(n)
}

fn project(id: &str) -> Option<Value> {
    if let Some(n) = index(id, "fa00000000000000000e") {
        return Some(estate_project(n));
    }
    other_project(id).map(other_project_of)
}

fn estate_project(n: usize) -> Value {
    json!({"id": project_id(n), "name": project_name(n), "orgId": ORG, "clusterCount": n % 3, "created": "2024-03-01T12:00:00Z"})
}

fn other_project(id: &str) -> Option<usize> {
    index(id, "fa00000000000000000f").filter(|n| *n <= 2)
}

fn other_project_of(n: usize) -> Value {
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

/// Whether project `n`'s PagerDuty serves only a disabled alert: every fourth from the second.
pub fn pager_duty_unused(n: usize) -> bool {
    !without_alerting(n) && n % 4 == 2
}

/// Whether project `n` has an integration that no enabled alert uses: PagerDuty as above, and
/// Datadog, which no alert uses anywhere.
pub fn has_unused_integration(n: usize) -> bool {
    pager_duty_unused(n) || n.is_multiple_of(3)
}

/// An e-mail on host down everywhere, through PagerDuty too unless [`pager_duty_unused`]
/// (then a disabled configuration names it); PagerDuty by its type alone, as legacy
/// configurations do, on every fourth from the third.
fn alert_configs(n: usize) -> Vec<Value> {
    let id = |k: usize| format!("fe00000000000000000e{n:02x}{k:02x}");
    let email = json!({"typeName": "EMAIL", "emailAddress": format!("oncall-{n:03}@estate.example"), "delayMin": 0, "intervalMin": 60});
    let mut paging = vec![email];
    let mut configs = Vec::new();
    if !without_alerting(n) {
        let mut pager_duty = json!({"typeName": "PAGER_DUTY", "serviceKey": "****************************7890", "delayMin": 0, "intervalMin": 15});
        if n % 4 != 3 {
            pager_duty["integrationId"] = json!(format!("fc00000000000000000e{n:02x}01"));
        }
        if pager_duty_unused(n) {
            configs.push(json!({"id": id(2), "groupId": project_id(n), "eventTypeName": "TOO_MANY_ELECTIONS", "enabled": false, "notifications": [pager_duty], "updated": "2026-09-01T08:00:00Z"}));
        } else {
            paging.push(pager_duty);
        }
    }
    configs.insert(0, json!({"id": id(1), "groupId": project_id(n), "eventTypeName": "HOST_DOWN", "enabled": true, "notifications": paging, "updated": "2026-10-01T08:00:00Z"}));
    configs
}

/// The kinds of change the fake's feeds hold: the panel's, and one it must not ask for.
const PROJECT_CHANGES: [&str; 6] = [
    "INTEGRATION_CONFIGURED",
    "INTEGRATION_REMOVED",
    "TEAM_ADDED_TO_GROUP",
    "TEAM_ROLES_MODIFIED",
    "ALERT_CONFIG_DISABLED_AUDIT",
    "BUCKET_CREATED_AUDIT",
];

/// Seconds since 1970, now.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64)
}

/// A project with more than 500 changes in the last week: a feed read in several pages.
pub const BUSY_PROJECT: usize = 11;
const BUSY_CHANGES: usize = 520;

/// Project `n`'s changes, `(seconds ago, event)`: six over the last 40 days, the markup
/// project's by a user whose name is markup; the busy project's 520 more in the last 6 days.
fn project_events(n: usize) -> Vec<(i64, Value)> {
    let busy = (0..if n == BUSY_PROJECT { BUSY_CHANGES } else { 0 }).map(move |k| {
        let event = json!({
            "id": format!("fd0000000000{n:06x}{k:06x}"),
            "eventTypeName": "ALERT_CONFIG_CHANGED_AUDIT",
            "groupId": project_id(n),
            "orgId": ORG,
            "username": "busy@estate.example",
            "alertConfigId": format!("fa0000000000000000a{n:05x}"),
        });
        (away_from_edges(3_600 + k as i64 * 997), event)
    });
    (0..PROJECT_CHANGES.len())
        .map(|k| {
            let kind = PROJECT_CHANGES[(n + k) % PROJECT_CHANGES.len()];
            let ago = away_from_edges(((n * 7_919 + k * 104_729) as i64 * 37) % (40 * 86_400));
            let mut event = json!({
                "id": format!("fe0000000000{n:06x}{k:06x}"),
                "eventTypeName": kind,
                "groupId": project_id(n),
                "orgId": ORG,
                "isGlobalAdmin": false,
                "remoteAddress": "198.51.100.7",
            });
            if n == MARKUP_PROJECT {
                event["username"] = json!(MEMBER_MARKUP_USERNAME);
            } else if k % 3 == 2 {
                event["apiKeyId"] = json!("fa0000000000000000000a01");
                event["publicKey"] = json!("fakekey1");
            } else {
                event["username"] = json!(format!("user{k}@estate.example"));
            }
            if kind.starts_with("TEAM") {
                event["teamId"] = json!(TEAM_LARGE);
            }
            if kind.starts_with("ALERT") {
                event["alertConfigId"] = json!(format!("fa0000000000000000a{n:05x}"));
            }
            (ago, event)
        })
        .chain(busy)
        .collect()
}

/// `ago`, moved ten minutes back when it lies within five minutes of the edge of a period the
/// organization's changes page asks for: counted from a minute rounded down, and minutes after
/// the fake started, the count of a period must not depend on when a test runs.
fn away_from_edges(ago: i64) -> i64 {
    let near = [1, 7, 30]
        .iter()
        .any(|days| (ago - days * 86_400).abs() <= 300);
    if near {
        ago + 600
    } else {
        ago
    }
}

/// The organization's own changes: teams made and renamed, members added; and a project's
/// team change, which Atlas records in both feeds under one `id`.
fn org_events() -> Vec<(i64, Value)> {
    let in_both = (1..=PROJECTS)
        .flat_map(project_events)
        .find(|(ago, event)| event["eventTypeName"] == "TEAM_ADDED_TO_GROUP" && *ago < 6 * 86_400);
    [
        "TEAM_CREATED",
        "TEAM_NAME_CHANGED",
        "JOINED_TEAM",
        "ORG_SETTINGS_CONFIGURED",
    ]
    .iter()
    .enumerate()
    .map(|(k, kind)| {
        let event = json!({
            "id": format!("ff00000000000000000000{k:02x}"),
            "eventTypeName": kind,
            "orgId": ORG,
            "username": "owner@estate.example",
            "teamId": TEAM_LARGE,
            "targetUsername": "new.member@estate.example",
            "isGlobalAdmin": false,
        });
        (k as i64 * 86_400 + 3_600, event)
    })
    .chain(in_both)
    .collect()
}

/// How many changes the organization's changes page shows for the last `days` days: every
/// project's of the kinds it asks for (the 403 project's none) and the organization's own,
/// an event both feeds hold once.
pub fn org_changes_within(days: i64) -> usize {
    let shown = |event: &Value| {
        !matches!(
            event["eventTypeName"].as_str(),
            Some("BUCKET_CREATED_AUDIT" | "ORG_SETTINGS_CONFIGURED")
        )
    };
    let mut ids = std::collections::HashSet::new();
    (1..=PROJECTS)
        .filter(|n| *n != FORBIDDEN_PROJECT)
        .flat_map(project_events)
        .chain(org_events())
        .filter(|(ago, event)| *ago < days * 86_400 && shown(event))
        .filter(|(_, event)| ids.insert(event["id"].to_string()))
        .count()
}

/// A feed as Atlas answers it: the types and period asked for, newest first, each event
/// `created` counted back from now; with `includeRaw=true`, each with a `raw` document
/// holding a clear secret, which the proxy never asks for and must not pass on.
fn events(feed: Vec<(i64, Value)>, query: &HashMap<String, String>) -> Vec<Value> {
    use atlas_panel_common::endpoint::{unix_seconds, utc_date_time};
    let now = now();
    let types: Option<Vec<&str>> = query
        .get("eventType")
        .map(|types| types.split(',').collect());
    let date = |name: &str| query.get(name).map(|value| value.replace("%3A", ":"));
    let after = date("minDate").and_then(|value| unix_seconds(&value));
    let before = date("maxDate").and_then(|value| unix_seconds(&value));
    let raw = query.get("includeRaw").map(String::as_str) == Some("true");
    let mut kept: Vec<(i64, Value)> = feed
        .into_iter()
        .filter(|(_, event)| {
            types
                .as_ref()
                .is_none_or(|types| types.contains(&event["eventTypeName"].as_str().unwrap_or("")))
        })
        .filter(|(ago, _)| after.is_none_or(|after| now - ago >= after))
        .filter(|(ago, _)| before.is_none_or(|before| now - ago <= before))
        .collect();
    kept.sort_by_key(|(ago, _)| *ago);
    kept.into_iter()
        .map(|(ago, mut event)| {
            event["created"] = json!(utc_date_time(now - ago));
            if raw {
                event["raw"] =
                    json!({"privateApiKey": "CLEARTEXT-raw-secret-1234", "cre": "internal"});
            }
            event
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page counts back to the minute, and a test may run minutes after the fake started:
    /// no change lies within five minutes of a period's edge, so the counts hold.
    #[test]
    fn no_change_is_near_the_edge_of_a_period() {
        let feeds = (1..=PROJECTS).flat_map(project_events).chain(org_events());
        for (ago, event) in feeds {
            for days in [1, 7, 30] {
                assert!((ago - days * 86_400).abs() > 300, "{event}");
            }
        }
        assert!(org_changes_within(7) > 500, "{}", org_changes_within(7));
        assert!(org_changes_within(1) < org_changes_within(7));
    }
}
