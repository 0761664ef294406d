//! The demo's activity feeds: Northwind's projects and organization hold changes spread over
//! the last 40 days, counted back from when the demo started: integrations configured and
//! removed, teams given and taken roles, alert settings changed, by people and by API keys;
//! a burst by one API key in one project; one project with more than 500 changes in a week;
//! and events of kinds the panel does not ask for (buckets, organization settings).

use std::sync::OnceLock;

use atlas_panel_common::endpoint::{unix_seconds, utc_date_time, List};
use serde_json::{json, Value};

use super::{
    estate_index, estate_project_id, northwind_team_id, ATLAS, ESTATE_PROJECTS, NORTHWIND_TEAMS,
    ORG_ESTATE, PROJECT_ALL_TYPES, PROJECT_EMPTY,
};
use crate::allowlist::AllowedRequest;

const DAY: i64 = 86_400;
/// The project where one API key changed a dozen things within minutes.
pub const BURST_PROJECT: usize = 3;
/// The project with more than 500 changes in the last week.
pub const BUSY_PROJECT: usize = 5;
pub const BUSY_PROJECT_CHANGES: usize = 620;
/// The API key of the burst.
pub const BURST_KEY: (&str, &str) = ("6500000000000000000ae001", "qpwnzcvd");
const OTHER_KEY: (&str, &str) = ("6500000000000000000ae002", "hjtrkmxb");

const PROJECT_KINDS: [&str; 10] = [
    "INTEGRATION_CONFIGURED",
    "INTEGRATION_REMOVED",
    "TEAM_ADDED_TO_GROUP",
    "TEAM_REMOVED_FROM_GROUP",
    "TEAM_ROLES_MODIFIED",
    "ALERT_CONFIG_ADDED_AUDIT",
    "ALERT_CONFIG_CHANGED_AUDIT",
    "ALERT_CONFIG_DELETED_AUDIT",
    "ALERT_CONFIG_ENABLED_AUDIT",
    "ALERT_CONFIG_DISABLED_AUDIT",
];
const ORG_KINDS: [&str; 7] = [
    "TEAM_CREATED",
    "TEAM_UPDATED",
    "TEAM_NAME_CHANGED",
    "TEAM_DELETED",
    "JOINED_TEAM",
    "REMOVED_FROM_TEAM",
    "ALERT_CONFIG_CHANGED_AUDIT",
];
/// Kinds the panel does not show: it must not ask for them.
const OTHER_PROJECT_KIND: &str = "BUCKET_CREATED_AUDIT";
const OTHER_ORG_KIND: &str = "ORG_SETTINGS_CONFIGURED";

/// When the demo started, in seconds since 1970: the feeds are counted back from it.
fn started() -> i64 {
    static STARTED: OnceLock<i64> = OnceLock::new();
    *STARTED.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_secs() as i64)
    })
}

/// Who made a change: a person of Northwind, or an API key.
enum Actor {
    Person(usize),
    Key((&'static str, &'static str)),
}

/// One change before it is written in a flavour's words.
struct Change {
    id: String,
    age: i64,
    kind: &'static str,
    actor: Actor,
    team: Option<usize>,
    member: Option<usize>,
    alert: Option<usize>,
}

/// A feed's events, newest first, narrowed as the request asks: its event types and its
/// period. `None` for an owner the demo has no feed for.
pub fn feed(request: &AllowedRequest) -> Option<Vec<Value>> {
    let owner = request.owner_id.as_str();
    let changes = match request.endpoint.list {
        List::ProjectEvents => match estate_index(owner) {
            Some(n) => project_changes(n),
            None if [PROJECT_ALL_TYPES, PROJECT_EMPTY].contains(&owner) => Vec::new(),
            None => return None,
        },
        List::OrgEvents if owner == ORG_ESTATE => org_changes(),
        List::OrgEvents => Vec::new(),
        _ => return None,
    };
    let types = request.query.event_types("eventType");
    let after = request.query.date_time("minDate").and_then(unix_seconds);
    let before = request.query.date_time("maxDate").and_then(unix_seconds);
    let now = started();
    let mut kept: Vec<&Change> = changes
        .iter()
        .filter(|change| types.is_none_or(|types| types.iter().any(|t| t == change.kind)))
        .filter(|change| after.is_none_or(|after| now - change.age >= after))
        .filter(|change| before.is_none_or(|before| now - change.age <= before))
        .collect();
    kept.sort_by_key(|change| change.age);
    Some(
        kept.iter()
            .map(|change| event(request, change, now))
            .collect(),
    )
}

/// The estate project `n`'s changes: a few over 40 days, more in the burst's and the busy one.
fn project_changes(n: usize) -> Vec<Change> {
    let id = |k: usize| format!("6e0000000000{n:06x}{k:06x}");
    let count = 3 + n % 5;
    let mut changes: Vec<Change> = (0..count)
        .map(|k| {
            let kind = PROJECT_KINDS[(n + 3 * k) % PROJECT_KINDS.len()];
            Change {
                id: id(k),
                age: ((n * 7_919 + k * 104_729) as i64 * 37) % (40 * DAY),
                kind,
                actor: if (n + k).is_multiple_of(4) {
                    Actor::Key(OTHER_KEY)
                } else {
                    Actor::Person(1 + (n + k) % 12)
                },
                team: kind
                    .starts_with("TEAM")
                    .then_some(1 + (n + k) % NORTHWIND_TEAMS.len()),
                member: None,
                alert: kind.starts_with("ALERT").then_some(k),
            }
        })
        .collect();
    changes.push(Change {
        id: id(count),
        age: (n as i64 * 3_571) % (30 * DAY),
        kind: OTHER_PROJECT_KIND,
        actor: Actor::Person(1 + n % 12),
        team: None,
        member: None,
        alert: None,
    });
    if n == BURST_PROJECT {
        changes.extend((0..12).map(|k| Change {
            id: id(100 + k),
            age: 2 * 3600 + k as i64 * 47,
            kind: [
                "INTEGRATION_REMOVED",
                "ALERT_CONFIG_DISABLED_AUDIT",
                "TEAM_REMOVED_FROM_GROUP",
            ][k % 3],
            actor: Actor::Key(BURST_KEY),
            team: (k % 3 == 2).then_some(1 + k % NORTHWIND_TEAMS.len()),
            member: None,
            alert: (k % 3 == 1).then_some(k),
        }));
    }
    if n == BUSY_PROJECT {
        changes.extend((0..BUSY_PROJECT_CHANGES).map(|k| Change {
            id: id(1_000 + k),
            age: 3600 + k as i64 * (6 * DAY / BUSY_PROJECT_CHANGES as i64),
            kind: "ALERT_CONFIG_CHANGED_AUDIT",
            actor: Actor::Person(2),
            team: None,
            member: None,
            alert: Some(k % 4),
        }));
    }
    changes
}

/// Northwind's own feed: its teams made, renamed and dropped, people joining and leaving
/// them, an organization alert changed; and, as Atlas does, some of its projects' team
/// changes again (the same event, by its `id`).
fn org_changes() -> Vec<Change> {
    let mut changes: Vec<Change> = (0..24)
        .map(|k| {
            let kind = ORG_KINDS[k % ORG_KINDS.len()];
            Change {
                id: format!("6f0000000000000000{k:06x}"),
                age: ((k * 104_729) as i64 * 53) % (40 * DAY),
                kind,
                actor: Actor::Person(1 + k % 5),
                team: kind
                    .contains("TEAM")
                    .then_some(1 + k % NORTHWIND_TEAMS.len()),
                member: kind.ends_with("_TEAM").then_some(10 + k),
                alert: kind.starts_with("ALERT").then_some(k),
            }
        })
        .collect();
    changes.push(Change {
        id: "6f0000000000000000ffffff".to_string(),
        age: 5 * DAY,
        kind: OTHER_ORG_KIND,
        actor: Actor::Person(1),
        team: None,
        member: None,
        alert: None,
    });
    for n in (1..=ESTATE_PROJECTS).step_by(20) {
        changes.extend(
            project_changes(n)
                .into_iter()
                .filter(|change| change.kind == "TEAM_ADDED_TO_GROUP"),
        );
    }
    changes
}

/// A change as Atlas writes it in the request's flavour (the same fields in all three).
fn event(request: &AllowedRequest, change: &Change, now: i64) -> Value {
    let feed = request.endpoint.list;
    let mut event = json!({
        "id": change.id,
        "created": utc_date_time(now - change.age),
        "eventTypeName": change.kind,
        "orgId": ORG_ESTATE,
        "isGlobalAdmin": false,
        "remoteAddress": format!("203.0.113.{}", 1 + change.id.len() % 200),
        "links": [{"href": format!("{ATLAS}{}/{}", request.path_and_query.split('?').next().unwrap_or_default(), change.id), "rel": "self"}],
    });
    // A project's change names its project; the same change in the organization's feed too.
    if let Some(project) = project_of(&change.id) {
        event["groupId"] = json!(estate_project_id(project));
    } else if feed == List::ProjectEvents {
        event["groupId"] = json!(request.owner_id);
    }
    match change.actor {
        Actor::Person(n) => {
            event["userId"] = json!(format!("6500000000000000000f{n:04x}"));
            event["username"] = json!(super::username("Northwind", n));
        }
        Actor::Key((id, public_key)) => {
            event["apiKeyId"] = json!(id);
            event["publicKey"] = json!(public_key);
        }
    }
    if let Some(team) = change.team {
        event["teamId"] = json!(northwind_team_id(team));
    }
    if let Some(member) = change.member {
        event["targetUsername"] = json!(super::username("Northwind", member));
    }
    if let Some(alert) = change.alert {
        event["alertConfigId"] = json!(format!("6500000000000000000ac{alert:03x}"));
    }
    event
}

/// The estate project a project change's ID names.
fn project_of(id: &str) -> Option<usize> {
    let project = id.strip_prefix("6e0000000000")?.get(..6)?;
    usize::from_str_radix(project, 16).ok()
}
