//! Typed answers of the list endpoints, parsed from whatever arrives.

use atlas_panel_common::endpoint::List;
use atlas_panel_common::mask::mask_fields;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::{not_json_or_malformed, ApiError};

/// The rows of one page of any list. One type for all keeps one copy of the list page's code
/// in the bundle instead of one per list.
#[derive(Clone, Debug, PartialEq)]
pub enum Rows {
    Integrations(Vec<Integration>),
    Teams(Vec<Team>),
    Projects(Vec<Project>),
    Members(Vec<Member>),
    ProjectTeams(Vec<ProjectTeam>),
    AlertConfigs(Vec<AlertConfig>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Integrations(rows) => rows.len(),
            Rows::Teams(rows) => rows.len(),
            Rows::Projects(rows) => rows.len(),
            Rows::Members(rows) => rows.len(),
            Rows::ProjectTeams(rows) => rows.len(),
            Rows::AlertConfigs(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads a 2xx answer of `list` into a page of its rows. One project arrives as one object
/// and is read as a page of one row. Every list's items are read as maps of fields and then
/// into their types, so that the bundle holds one reader of pages, not one per type
/// (measured: 1,328 B of brotli).
pub fn parse_rows(list: List, status: u16, body: &str) -> Result<Page<Rows>, ApiError> {
    fn rows<T: TryFrom<Map<String, Value>>>(
        status: u16,
        body: &str,
        into: fn(Vec<T>) -> Rows,
    ) -> Result<Page<Rows>, ApiError> {
        let page = parse_page::<Map<String, Value>>(status, body)?;
        // A loop, not `collect::<Result<…>>`, whose adapter costs bytes of its own per type.
        let mut items = Vec::with_capacity(page.results.len());
        for item in page.results {
            items.push(T::try_from(item).map_err(|_| ApiError::Malformed { status })?);
        }
        Ok(Page {
            results: into(items),
            total_count: page.total_count,
            has_next: page.has_next,
        })
    }
    match list {
        List::Integrations => rows(status, body, Rows::Integrations),
        // Organizations are no table's rows, but they are read as teams are (`Org` is `Team`).
        List::Teams | List::Orgs => rows(status, body, Rows::Teams),
        List::Projects => rows(status, body, Rows::Projects),
        List::TeamMembers => rows(status, body, Rows::Members),
        List::ProjectTeams => rows(status, body, Rows::ProjectTeams),
        List::AlertConfigs => rows(status, body, Rows::AlertConfigs),
        List::Project => Ok(Page {
            results: Rows::Projects(vec![parse_item(status, body)?]),
            total_count: Some(1),
            has_next: false,
        }),
    }
}

/// One page of a list: `{links, results, totalCount}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<R> {
    pub results: R,
    /// Absent when the request said `includeCount=false`.
    pub total_count: Option<u64>,
    pub has_next: bool,
}

impl<R> Page<R> {
    pub fn map_results<U>(self, map: impl FnOnce(R) -> U) -> Page<U> {
        Page {
            results: map(self.results),
            total_count: self.total_count,
            has_next: self.has_next,
        }
    }
}

#[derive(Deserialize)]
struct RawPage<T> {
    #[serde(default)]
    links: Vec<Link>,
    results: Vec<T>,
    #[serde(rename = "totalCount")]
    total_count: Option<u64>,
}

/// A list as it arrives: the page itself, or, with `envelope=true`, either the page plus
/// `status` or `{status, content}` holding the page. Read in one pass, straight into types.
#[derive(Deserialize)]
struct Answer<T> {
    #[serde(default)]
    links: Vec<Link>,
    results: Option<Vec<T>>,
    #[serde(rename = "totalCount")]
    total_count: Option<u64>,
    content: Option<RawPage<T>>,
}

#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    rel: String,
}

/// Parses a 2xx body into a page; plain and enveloped answers alike.
pub fn parse_page<T: DeserializeOwned>(status: u16, body: &str) -> Result<Page<Vec<T>>, ApiError> {
    let answer: Answer<T> = serde_json::from_str(body).map_err(unreadable(status, body))?;
    let raw = match answer {
        Answer {
            links,
            results: Some(results),
            total_count,
            ..
        } => RawPage {
            links,
            results,
            total_count,
        },
        Answer {
            content: Some(content),
            ..
        } => content,
        _ => return Err(ApiError::Malformed { status }),
    };
    Ok(Page {
        has_next: raw.links.iter().any(|link| link.rel == "next"),
        results: raw.results,
        total_count: raw.total_count,
    })
}

/// Parses a 2xx body that is one object, such as one project.
pub fn parse_item<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(unreadable(status, body))
}

fn unreadable(status: u16, body: &str) -> impl FnOnce(serde_json::Error) -> ApiError + '_ {
    move |error| {
        if error.is_data() {
            // JSON, but not the shape asked for.
            ApiError::Malformed { status }
        } else {
            not_json_or_malformed(status, body)
        }
    }
}

/// An organization the proxy shows: `{id, name}`, as a team is. One type for both keeps one
/// reader of their pages in the bundle.
pub type Org = Team;

/// A project (Atlas calls it a group). Read through a map of fields, which integrations are
/// read through too: a derived reader of its own costs some 7 KB of the panel's WebAssembly.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct Project {
    pub id: String,
    pub name: String,
    pub org_id: String,
    pub cluster_count: Option<u64>,
    /// As Atlas wrote it: an ISO 8601 date-time, `2023-01-01T00:00:00Z`.
    pub created: Option<String>,
}

/// A field that is there but not of its type.
#[derive(Debug, thiserror::Error)]
#[error("a field of the wrong type")]
pub struct WrongType;

impl TryFrom<Map<String, Value>> for Project {
    type Error = WrongType;

    fn try_from(mut fields: Map<String, Value>) -> Result<Self, WrongType> {
        let (id, name, org_id, created) = (
            text(&mut fields, "id")?,
            text(&mut fields, "name")?,
            text(&mut fields, "orgId")?,
            text(&mut fields, "created")?,
        );
        let cluster_count = match fields.remove("clusterCount") {
            Some(Value::Null) | None => None,
            Some(count) => Some(count.as_u64().ok_or(WrongType)?),
        };
        Ok(Project {
            id: id.unwrap_or_default(),
            name: name.unwrap_or_default(),
            org_id: org_id.unwrap_or_default(),
            cluster_count,
            created,
        })
    }
}

/// A team; read through a map of fields, as projects and integrations are.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct Team {
    pub id: String,
    pub name: String,
}

impl TryFrom<Map<String, Value>> for Team {
    type Error = WrongType;

    /// A field that is missing is empty; one that is there must be a string.
    fn try_from(mut fields: Map<String, Value>) -> Result<Self, WrongType> {
        let mut text = |name: &str| match fields.remove(name) {
            Some(Value::String(text)) => Ok(text),
            None => Ok(String::new()),
            Some(_) => Err(WrongType),
        };
        Ok(Team {
            id: text("id")?,
            name: text("name")?,
        })
    }
}

/// A field's text: missing or `null` is `None`; anything but a string is the wrong type.
fn text(fields: &mut Map<String, Value>, name: &str) -> Result<Option<String>, WrongType> {
    match fields.remove(name) {
        Some(Value::String(text)) => Ok(Some(text)),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(WrongType),
    }
}

/// A list of strings: missing or `null` is empty.
fn texts(value: Option<Value>) -> Result<Vec<String>, WrongType> {
    let mut texts = Vec::new();
    match value {
        Some(Value::Array(items)) => {
            for item in items {
                let Value::String(text) = item else {
                    return Err(WrongType);
                };
                texts.push(text);
            }
        }
        Some(Value::Null) | None => {}
        Some(_) => return Err(WrongType),
    }
    Ok(texts)
}

/// A team's member: an active user, or an invitation pending, expired or rejected. Only what
/// the page shows is kept: no phone number, no name but the user name.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct Member {
    pub id: String,
    /// An e-mail address: upstream text, shown as text and never made a link.
    pub username: String,
    /// `ACTIVE`, `PENDING`, `INVITATION_EXPIRED` or `INVITATION_REJECTED`. v1.0 lists active
    /// users only and names no status: theirs is `ACTIVE`.
    pub status: String,
    /// When they last signed in, as Atlas wrote it; `None` for one who never has.
    pub last_auth: Option<String>,
    /// Their organization roles, API names (`ORG_MEMBER`).
    pub org_roles: Vec<String>,
}

impl TryFrom<Map<String, Value>> for Member {
    type Error = WrongType;

    /// Roles come in two forms: v2's `{orgRoles, groupRoleAssignments}`, and v1.0's one list
    /// of `{orgId | groupId, roleName}`, whose organization roles are those with an `orgId`.
    fn try_from(mut fields: Map<String, Value>) -> Result<Self, WrongType> {
        let org_roles = match fields.remove("roles") {
            Some(Value::Object(mut roles)) => texts(roles.remove("orgRoles"))?,
            Some(Value::Array(roles)) => {
                let mut org_roles = Vec::new();
                for role in roles {
                    let Value::Object(mut role) = role else {
                        return Err(WrongType);
                    };
                    if role.contains_key("orgId") {
                        org_roles.extend(text(&mut role, "roleName")?);
                    }
                }
                org_roles
            }
            Some(Value::Null) | None => Vec::new(),
            Some(_) => return Err(WrongType),
        };
        Ok(Member {
            id: text(&mut fields, "id")?.unwrap_or_default(),
            username: text(&mut fields, "username")?.unwrap_or_default(),
            status: text(&mut fields, "orgMembershipStatus")?
                .unwrap_or_else(|| "ACTIVE".to_string()),
            last_auth: text(&mut fields, "lastAuth")?,
            org_roles,
        })
    }
}

/// A team that holds roles in a project. Atlas gives its ID only; the page names it from the
/// organization's teams.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct ProjectTeam {
    pub team_id: String,
    /// The team's name, once the organization's teams are read and if it is among them.
    pub name: Option<String>,
    /// API names (`GROUP_OWNER`).
    pub roles: Vec<String>,
}

impl TryFrom<Map<String, Value>> for ProjectTeam {
    type Error = WrongType;

    fn try_from(mut fields: Map<String, Value>) -> Result<Self, WrongType> {
        Ok(ProjectTeam {
            team_id: text(&mut fields, "teamId")?.unwrap_or_default(),
            name: None,
            roles: texts(fields.remove("roleNames"))?,
        })
    }
}

/// An alert configuration: what it watches, whether it is on, and whom it notifies through
/// what. Only what the page shows is kept: no key, token or webhook of any notification.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct AlertConfig {
    pub id: String,
    /// The API's event type, e.g. `OUTSIDE_METRIC_THRESHOLD`.
    pub event_type: String,
    /// The metric a threshold is on (`metricThreshold.metricName`), e.g. `CONNECTIONS_PERCENT`.
    pub metric: Option<String>,
    pub enabled: bool,
    /// When it last changed, as Atlas wrote it.
    pub updated: Option<String>,
    pub notifications: Vec<Notification>,
}

/// One notification of an alert configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    /// `PAGER_DUTY`, `EMAIL`, `SMS`, …
    pub type_name: String,
    /// The integration whose credentials it uses; absent on older configurations, whose
    /// notification carries its own.
    pub integration_id: Option<String>,
    pub delay_min: Option<u64>,
    pub interval_min: Option<u64>,
    /// Whom or where it notifies, as shown: an e-mail address, a user name, a Slack channel, a
    /// team, or a phone number's last four digits.
    pub recipient: Option<String>,
    /// The roles a project or organization notification reaches, API names (`GROUP_OWNER`).
    pub roles: Vec<String>,
}

/// The fields that say whom a notification reaches, in the order they are looked for.
const RECIPIENT_FIELDS: [&str; 6] = [
    "emailAddress",
    "username",
    "channelName",
    "teamName",
    "roomName",
    "mobileNumber",
];

impl TryFrom<Map<String, Value>> for AlertConfig {
    type Error = WrongType;

    fn try_from(mut fields: Map<String, Value>) -> Result<Self, WrongType> {
        let metric = match fields.remove("metricThreshold") {
            Some(Value::Object(mut threshold)) => text(&mut threshold, "metricName")?,
            Some(Value::Null) | None => None,
            Some(_) => return Err(WrongType),
        };
        let mut notifications = Vec::new();
        match fields.remove("notifications") {
            Some(Value::Array(items)) => {
                for item in items {
                    let Value::Object(notification) = item else {
                        return Err(WrongType);
                    };
                    notifications.push(Notification::try_from(notification)?);
                }
            }
            Some(Value::Null) | None => {}
            Some(_) => return Err(WrongType),
        }
        Ok(AlertConfig {
            id: text(&mut fields, "id")?.unwrap_or_default(),
            event_type: text(&mut fields, "eventTypeName")?.unwrap_or_default(),
            metric,
            enabled: match fields.remove("enabled") {
                Some(Value::Bool(enabled)) => enabled,
                // The specification's default.
                Some(Value::Null) | None => false,
                Some(_) => return Err(WrongType),
            },
            updated: text(&mut fields, "updated")?,
            notifications,
        })
    }
}

impl TryFrom<Map<String, Value>> for Notification {
    type Error = WrongType;

    /// Masked first by the shared rule, so that a phone number is its last four digits by
    /// the time it is read; nothing secret is read at all.
    fn try_from(mut fields: Map<String, Value>) -> Result<Self, WrongType> {
        mask_fields(&mut fields);
        let minutes = |value: Option<Value>| match value {
            Some(Value::Number(number)) => number.as_u64().ok_or(WrongType).map(Some),
            Some(Value::Null) | None => Ok(None),
            Some(_) => Err(WrongType),
        };
        let mut recipient = None;
        for name in RECIPIENT_FIELDS {
            if let Some(found) = text(&mut fields, name)?.filter(|found| !found.is_empty()) {
                recipient = Some(found);
                break;
            }
        }
        Ok(Notification {
            type_name: text(&mut fields, "typeName")?.unwrap_or_default(),
            integration_id: text(&mut fields, "integrationId")?,
            delay_min: minutes(fields.remove("delayMin"))?,
            interval_min: minutes(fields.remove("intervalMin"))?,
            recipient,
            roles: texts(fields.remove("roles"))?,
        })
    }
}

/// A third-party service integration. Secrets are masked the moment it is built, so a clear
/// secret never lives in the panel's state.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "Map<String, Value>")]
pub struct Integration {
    pub id: Option<String>,
    /// The API's type name, e.g. `PAGER_DUTY`.
    pub kind: String,
    pub region: Option<String>,
    /// Every other field, by name, values already masked.
    pub settings: Vec<Setting>,
    /// How many enabled alerts notify through it, once the project's alert configurations
    /// are read.
    pub alerts: AlertUse,
}

/// What the alert configurations say of an integration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AlertUse {
    /// Not read yet.
    #[default]
    Unread,
    /// They could not be read.
    Unknown,
    /// Of a type no alert can notify through (Prometheus, New Relic).
    NotAChannel,
    /// How many enabled configurations notify through it. `complete` is false when the
    /// project has more configurations than were read, and the count is a lower bound.
    Enabled { count: usize, complete: bool },
}

impl AlertUse {
    /// Whether it is known that no enabled alert uses it.
    pub fn unused(self) -> bool {
        self == AlertUse::Enabled {
            count: 0,
            complete: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub name: String,
    /// As the API gave it, secrets masked.
    pub value: Value,
}

impl From<Map<String, Value>> for Integration {
    fn from(mut fields: Map<String, Value>) -> Self {
        mask_fields(&mut fields);
        let text = |value: Option<Value>| match value {
            Some(Value::String(text)) => Some(text),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        };
        let id = text(fields.remove("id"));
        let kind = text(fields.remove("type")).unwrap_or_default();
        let region = text(fields.remove("region"));
        let settings = fields
            .into_iter()
            .map(|(name, value)| Setting { name, value })
            .collect();
        Integration {
            id,
            kind,
            region,
            settings,
            alerts: AlertUse::Unread,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_plain_page() {
        let body = r#"{"links":[{"href":"x","rel":"self"},{"href":"y","rel":"next"}],
            "results":[{"id":"5f1a2b3c4d5e6f7a8b9c0d1e","name":"Ops"}],"totalCount":1234}"#;
        let page: Page<Vec<Team>> = parse_page(200, body).unwrap();
        assert_eq!(page.total_count, Some(1234));
        assert!(page.has_next);
        assert_eq!(page.results[0].name, "Ops");
    }

    #[test]
    fn reads_a_page_without_count_or_links() {
        let page: Page<Vec<Team>> = parse_page(200, r#"{"results":[]}"#).unwrap();
        assert_eq!(page.total_count, None);
        assert!(!page.has_next);
    }

    #[test]
    fn reads_both_envelope_shapes() {
        let listed: Page<Vec<Team>> = parse_page(
            200,
            r#"{"status":200,"links":[],"results":[{"id":"a","name":"b"}],"totalCount":1}"#,
        )
        .unwrap();
        assert_eq!(listed.results.len(), 1);
        let wrapped: Page<Vec<Team>> =
            parse_page(200, r#"{"status":200,"content":{"links":[],"results":[{"id":"a","name":"b"}],"totalCount":1}}"#)
                .unwrap();
        assert_eq!(wrapped, listed);
    }

    #[test]
    fn refuses_what_is_not_a_page() {
        assert_eq!(
            parse_page::<Team>(200, "<html>"),
            Err(ApiError::NotJson { status: 200 })
        );
        for body in [
            "{\"results\":",
            "[]",
            "{\"results\":{}}",
            "{\"totalCount\":-1,\"results\":[]}",
            // JSON that is not an object at all is still JSON: malformed, not "not JSON".
            "\"text\"",
            "null",
        ] {
            assert_eq!(
                parse_page::<Team>(200, body),
                Err(ApiError::Malformed { status: 200 }),
                "{body}"
            );
        }
    }

    #[test]
    fn reads_organizations_and_projects() {
        let orgs: Page<Vec<Org>> = parse_page(
            200,
            r#"{"links":[],"results":[{"id":"6500000000000000000000c1","name":"Northwind Operations","isDeleted":false,"links":[]}]}"#,
        )
        .unwrap();
        assert_eq!(orgs.results[0].name, "Northwind Operations");
        assert_eq!(orgs.total_count, None);
        let body = r#"{"links":[{"rel":"next","href":"x"}],"totalCount":140,"results":[
            {"id":"6500000000000000000000a1","name":"prod-eu-payments","orgId":"6500000000000000000000c1","clusterCount":3,"created":"2023-01-01T00:00:00Z","links":[]},
            {"id":"6500000000000000000000a2","name":"bare","orgId":"6500000000000000000000c1"}
        ]}"#;
        let Page {
            results: Rows::Projects(projects),
            total_count,
            has_next,
        } = parse_rows(List::Projects, 200, body).unwrap()
        else {
            panic!("not projects")
        };
        assert_eq!((total_count, has_next), (Some(140), true));
        assert_eq!(
            projects[0],
            Project {
                id: "6500000000000000000000a1".into(),
                name: "prod-eu-payments".into(),
                org_id: "6500000000000000000000c1".into(),
                cluster_count: Some(3),
                created: Some("2023-01-01T00:00:00Z".into()),
            }
        );
        assert_eq!(
            (projects[1].cluster_count, &projects[1].created),
            (None, &None)
        );
    }

    #[test]
    fn reads_one_project_as_a_page_of_one() {
        let body = r#"{"id":"6500000000000000000000a1","name":"prod-eu-payments","orgId":"6500000000000000000000c1","clusterCount":0,"created":"2023-01-01T00:00:00Z"}"#;
        let page = parse_rows(List::Project, 200, body).unwrap();
        assert_eq!(page.results.len(), 1);
        assert!(!page.has_next);
        let project: Project = parse_item(200, body).unwrap();
        assert_eq!(project.org_id, "6500000000000000000000c1");
        assert_eq!(
            parse_item::<Project>(200, "<html>"),
            Err(ApiError::NotJson { status: 200 })
        );
        for body in [
            "null",
            r#"{"name":3}"#,
            r#"{"clusterCount":-1}"#,
            "{\"id\":",
        ] {
            assert_eq!(
                parse_item::<Project>(200, body),
                Err(ApiError::Malformed { status: 200 }),
                "{body}"
            );
        }
        // Organizations are read as teams are.
        let orgs = parse_rows(List::Orgs, 200, r#"{"results":[{"id":"a","name":"Ops"}]}"#);
        assert_eq!(
            orgs.unwrap().results,
            Rows::Teams(vec![Org {
                id: "a".into(),
                name: "Ops".into()
            }])
        );
    }

    #[test]
    fn reads_members_in_both_forms() {
        let v2 = r#"{"links":[],"results":[
            {"id":"a1","username":"ada@example.com","orgMembershipStatus":"ACTIVE","lastAuth":"2026-10-01T08:30:00Z","mobileNumber":"********0142",
             "roles":{"orgRoles":["ORG_MEMBER","ORG_READ_ONLY"],"groupRoleAssignments":[{"groupId":"g","groupRoles":["GROUP_OWNER"]}]},"teamIds":["t"]},
            {"id":"a2","username":"bob@example.com","orgMembershipStatus":"INVITATION_EXPIRED","roles":{"orgRoles":["ORG_MEMBER"]},"invitationExpiresAt":null}
        ]}"#;
        let Rows::Members(members) = parse_rows(List::TeamMembers, 200, v2).unwrap().results else {
            panic!("not members")
        };
        assert_eq!(
            members[0],
            Member {
                id: "a1".into(),
                username: "ada@example.com".into(),
                status: "ACTIVE".into(),
                last_auth: Some("2026-10-01T08:30:00Z".into()),
                org_roles: vec!["ORG_MEMBER".into(), "ORG_READ_ONLY".into()],
            }
        );
        assert_eq!(
            (members[1].status.as_str(), &members[1].last_auth),
            ("INVITATION_EXPIRED", &None)
        );
        assert!(
            !format!("{members:?}").contains("0142"),
            "no phone number is kept"
        );
        let v1 = r#"{"results":[{"id":"a1","username":"ada@example.com","emailAddress":"ada@example.com",
            "roles":[{"orgId":"o","roleName":"ORG_OWNER"},{"groupId":"g","roleName":"GROUP_OWNER"}]}]}"#;
        let Rows::Members(members) = parse_rows(List::TeamMembers, 200, v1).unwrap().results else {
            panic!("not members")
        };
        assert_eq!(members[0].status, "ACTIVE");
        assert_eq!(members[0].org_roles, ["ORG_OWNER"]);
        for body in [
            r#"{"results":[{"username":7}]}"#,
            r#"{"results":[{"roles":"ORG_OWNER"}]}"#,
            r#"{"results":[{"roles":{"orgRoles":[1]}}]}"#,
            r#"{"results":[{"roles":[{"orgId":"o","roleName":2}]}]}"#,
        ] {
            assert_eq!(
                parse_rows(List::TeamMembers, 200, body),
                Err(ApiError::Malformed { status: 200 }),
                "{body}"
            );
        }
    }

    #[test]
    fn reads_a_project_s_teams_without_names() {
        let body = r#"{"results":[{"teamId":"6500000000000000000c0001","roleNames":["GROUP_OWNER","GROUP_FUTURE_ROLE"],"links":[]}],"totalCount":1}"#;
        let page = parse_rows(List::ProjectTeams, 200, body).unwrap();
        assert_eq!(
            page.results,
            Rows::ProjectTeams(vec![ProjectTeam {
                team_id: "6500000000000000000c0001".into(),
                name: None,
                roles: vec!["GROUP_OWNER".into(), "GROUP_FUTURE_ROLE".into()],
            }])
        );
        assert_eq!(
            parse_rows(
                List::ProjectTeams,
                200,
                r#"{"results":[{"teamId":"t","roleNames":"GROUP_OWNER"}]}"#
            ),
            Err(ApiError::Malformed { status: 200 })
        );
    }

    #[test]
    fn masks_integrations_as_they_are_built() {
        let body = r##"{"results":[
            {"id":"5f1a2b3c4d5e6f7a8b9c0d1e","type":"PAGER_DUTY","region":"EU","serviceKey":"clear-service-key-1234"},
            {"type":"SLACK","apiToken":"xoxb-clear-token-9876","channelName":"#ops","teamName":"Ops"},
            {"type":"DATADOG","apiKey":"short","sendDatabaseMetrics":true},
            {"type":"SOMETHING_NEW","webhookUrl":"https://example.com/clear-path-abcd","extra":{"nestedSecret":"clear-nested-wxyz"}}
        ]}"##;
        let page: Page<Vec<Integration>> = parse_page(200, body).unwrap();
        let debug = format!("{page:?}");
        for clear in [
            "clear-service",
            "xoxb-clear",
            "short",
            "clear-path",
            "clear-nested",
        ] {
            assert!(!debug.contains(clear), "{clear} leaked: {debug}");
        }
        let pager_duty = &page.results[0];
        assert_eq!(pager_duty.kind, "PAGER_DUTY");
        assert_eq!(pager_duty.region.as_deref(), Some("EU"));
        assert_eq!(
            pager_duty.settings,
            vec![Setting {
                name: "serviceKey".into(),
                value: "********1234".into()
            }]
        );
        assert_eq!(
            page.results[2].settings[1],
            Setting {
                name: "sendDatabaseMetrics".into(),
                value: Value::Bool(true)
            }
        );
        // Sorted by name: `extra`, then `webhookUrl`.
        assert_eq!(
            page.results[3].settings[0].value.to_string(),
            r#"{"nestedSecret":"********wxyz"}"#
        );
        assert_eq!(page.results[3].settings[1].value, "********abcd");
    }

    #[test]
    fn reads_alert_configurations_and_keeps_no_secret() {
        let body = r#"{"results":[
            {"id":"c1","eventTypeName":"OUTSIDE_METRIC_THRESHOLD","enabled":true,"updated":"2026-11-20T16:45:00Z",
             "metricThreshold":{"metricName":"CONNECTIONS_PERCENT","threshold":80},
             "notifications":[
               {"typeName":"PAGER_DUTY","integrationId":"i1","serviceKey":"CLEARTEXT-pd-1234567890","delayMin":0,"intervalMin":15},
               {"typeName":"SMS","mobileNumber":"+1 202-555-0147"},
               {"typeName":"SMS","mobileNumber":2025550199},
               {"typeName":"WEBHOOK","webhookUrl":"https://hooks.example.com/CLEARTEXT","webhookSecret":"CLEARTEXT-secret","webhookBodyTemplate":"CLEARTEXT","webhookHeadersTemplate":"CLEARTEXT"},
               {"typeName":"EMAIL","emailAddress":"ops@example.com"},
               {"typeName":"USER","username":"ada@example.com"},
               {"typeName":"SLACK","channelName":"alerts","apiToken":"CLEARTEXT-slack-token"},
               {"typeName":"GROUP","roles":["GROUP_OWNER","GROUP_READ_ONLY"]},
               {"typeName":"FUTURE","nested":{"futureApiKey":"CLEARTEXT-nested-key"}}]},
            {"eventTypeName":"HOST_DOWN","notifications":[]}]}"#;
        let page = parse_rows(List::AlertConfigs, 200, body).unwrap();
        assert!(
            !format!("{page:?}").contains("CLEARTEXT"),
            "a secret was kept"
        );
        assert!(
            !format!("{page:?}").contains("202-555"),
            "a phone number was kept whole"
        );
        let Rows::AlertConfigs(configs) = page.results else {
            panic!("alert configurations")
        };
        let first = &configs[0];
        assert_eq!(first.metric.as_deref(), Some("CONNECTIONS_PERCENT"));
        assert!(first.enabled);
        let recipients: Vec<Option<&str>> = first
            .notifications
            .iter()
            .map(|n| n.recipient.as_deref())
            .collect();
        assert_eq!(
            recipients,
            [
                None,
                Some("********0147"),
                Some("********0199"),
                None,
                Some("ops@example.com"),
                Some("ada@example.com"),
                Some("alerts"),
                None,
                None
            ]
        );
        assert_eq!(
            first.notifications[7].roles,
            ["GROUP_OWNER", "GROUP_READ_ONLY"]
        );
        assert_eq!(first.notifications[0].integration_id.as_deref(), Some("i1"));
        assert_eq!(first.notifications[0].interval_min, Some(15));
        // `enabled` absent: the specification's default, off.
        assert!(!configs[1].enabled);
        assert!(configs[1].notifications.is_empty());
    }

    #[test]
    fn refuses_alert_configurations_of_the_wrong_shape() {
        for body in [
            r#"{"results":[{"enabled":"yes"}]}"#,
            r#"{"results":[{"notifications":{"typeName":"EMAIL"}}]}"#,
            r#"{"results":[{"notifications":["EMAIL"]}]}"#,
            r#"{"results":[{"notifications":[{"typeName":"EMAIL","delayMin":"soon"}]}]}"#,
            r#"{"results":[{"metricThreshold":"CONNECTIONS"}]}"#,
        ] {
            assert_eq!(
                parse_rows(List::AlertConfigs, 200, body),
                Err(ApiError::Malformed { status: 200 }),
                "{body}"
            );
        }
    }
}
