//! Finding and sorting the rows of a loaded page, and naming their fields for an export. All
//! of it works on rows whose secrets are already masked.

use atlas_panel_common::mask::is_secret_field;
use serde_json::Value;

use crate::api::{AlertConfig, AlertUse, Integration, Member, Project, ProjectTeam, Rows, Team};
use crate::i18n::Lang;
use crate::labels::{display_value, integration_type_name, role_name};
use crate::list::alerts::{channel_name, event_name};
use crate::list::members::status_name;

/// The rows that match `filter`, in the chosen order.
pub fn shown(rows: &Rows, filter: &str, sort: Option<Sort>) -> Rows {
    match rows {
        Rows::Integrations(rows) => Rows::Integrations(shown_rows(rows, filter, sort)),
        Rows::Teams(rows) => Rows::Teams(shown_rows(rows, filter, sort)),
        Rows::Projects(rows) => Rows::Projects(shown_rows(rows, filter, sort)),
        Rows::Members(rows) => Rows::Members(shown_rows(rows, filter, sort)),
        Rows::ProjectTeams(rows) => Rows::ProjectTeams(shown_rows(rows, filter, sort)),
        Rows::AlertConfigs(rows) => Rows::AlertConfigs(shown_rows(rows, filter, sort)),
    }
}

/// A column a table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Type,
    Region,
    Name,
    Id,
    Clusters,
    Created,
    Status,
    LastSignIn,
    /// How many enabled alerts use an integration.
    Alerts,
    Updated,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Sort {
    /// A click on `column`'s header: ascending first, then the other way.
    pub fn after_click(current: Option<Sort>, column: Column) -> Sort {
        match current {
            Some(sort) if sort.column == column => Sort {
                column,
                descending: !sort.descending,
            },
            _ => Sort {
                column,
                descending: false,
            },
        }
    }

    /// `aria-sort` of `column`'s header.
    pub fn aria(current: Option<Sort>, column: Column) -> &'static str {
        match current {
            Some(Sort {
                column: sorted,
                descending,
            }) if sorted == column => {
                if descending {
                    "descending"
                } else {
                    "ascending"
                }
            }
            _ => "none",
        }
    }
}

pub trait ListRow: Clone {
    /// The columns an export always has, even with no rows.
    const COLUMNS: &'static [&'static str];
    /// Whether the row's visible text holds `needle`, which is already lower case.
    fn matches(&self, needle: &str) -> bool;
    fn sort_key(&self, column: Column) -> String;
    /// The row's fields as an export writes them: API names, masked values.
    fn export_fields(&self) -> Vec<(&str, Value)>;
}

/// Unicode lower case. In the browser it is the browser's own: Rust's would bring its case
/// tables (tens of KiB) into the bundle.
#[cfg(target_arch = "wasm32")]
pub fn lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn lowercase(text: &str) -> String {
    text.to_lowercase()
}

fn holds(haystack: &str, needle: &str) -> bool {
    lowercase(haystack).contains(needle)
}

/// Whether a field's value holds `needle`, as either language shows it. A secret field, at any
/// depth, is never searched: a match would tell what its masked value holds.
fn value_holds(name: &str, value: &Value, needle: &str) -> bool {
    if is_secret_field(name) {
        return false;
    }
    match value {
        Value::Object(fields) => fields
            .iter()
            .any(|(name, value)| value_holds(name, value, needle)),
        Value::Array(items) => items.iter().any(|item| value_holds("", item, needle)),
        scalar => Lang::ALL
            .iter()
            .any(|&lang| holds(&display_value(scalar, lang), needle)),
    }
}

impl ListRow for Integration {
    const COLUMNS: &'static [&'static str] = &["type", "region"];

    /// Secret fields are never searched: a match would tell what a masked value holds.
    fn matches(&self, needle: &str) -> bool {
        holds(&self.kind, needle)
            || holds(integration_type_name(&self.kind), needle)
            || self
                .region
                .as_deref()
                .is_some_and(|region| holds(region, needle))
            || self.id.as_deref().is_some_and(|id| holds(id, needle))
            || self
                .settings
                .iter()
                .any(|setting| value_holds(&setting.name, &setting.value, needle))
    }

    fn sort_key(&self, column: Column) -> String {
        match column {
            Column::Type => lowercase(integration_type_name(&self.kind)),
            Column::Region => lowercase(self.region.as_deref().unwrap_or_default()),
            // Zero-padded counts; not a channel, then not known, sort before any count.
            Column::Alerts => match self.alerts {
                AlertUse::NotAChannel => String::new(),
                AlertUse::Unread | AlertUse::Unknown => "-".to_string(),
                AlertUse::Enabled { count, .. } => format!("{count:020}"),
            },
            Column::Name
            | Column::Id
            | Column::Clusters
            | Column::Created
            | Column::Status
            | Column::LastSignIn
            | Column::Updated => self.id.clone().unwrap_or_default(),
        }
    }

    fn export_fields(&self) -> Vec<(&str, Value)> {
        let text = |value: &Option<String>| value.clone().map_or(Value::Null, Value::String);
        let mut fields = vec![("type", Value::String(self.kind.clone()))];
        fields.push(("region", text(&self.region)));
        if self.id.is_some() {
            fields.push(("id", text(&self.id)));
        }
        fields.extend(
            self.settings
                .iter()
                .map(|setting| (setting.name.as_str(), setting.value.clone())),
        );
        if let AlertUse::Enabled { count, complete } = self.alerts {
            fields.push(("enabledAlerts", Value::from(count)));
            if !complete {
                fields.push(("enabledAlertsAtLeast", Value::Bool(true)));
            }
        }
        fields
    }
}

impl ListRow for Team {
    const COLUMNS: &'static [&'static str] = &["name", "id"];

    fn matches(&self, needle: &str) -> bool {
        holds(&self.name, needle) || holds(&self.id, needle)
    }

    fn sort_key(&self, column: Column) -> String {
        match column {
            Column::Id => self.id.clone(),
            _ => lowercase(&self.name),
        }
    }

    fn export_fields(&self) -> Vec<(&str, Value)> {
        vec![
            ("name", Value::String(self.name.clone())),
            ("id", Value::String(self.id.clone())),
        ]
    }
}

impl ListRow for Project {
    const COLUMNS: &'static [&'static str] = &["name", "id", "orgId", "clusterCount", "created"];

    fn matches(&self, needle: &str) -> bool {
        holds(&self.name, needle) || holds(&self.id, needle)
    }

    fn sort_key(&self, column: Column) -> String {
        match column {
            Column::Id => self.id.clone(),
            // Zero-padded, so that 10 clusters sort after 9; none before any.
            Column::Clusters => self
                .cluster_count
                .map_or_else(String::new, |count| format!("{count:020}")),
            // Atlas writes every date-time in one ISO 8601 form, in UTC: text order is time order.
            Column::Created => self.created.clone().unwrap_or_default(),
            _ => lowercase(&self.name),
        }
    }

    fn export_fields(&self) -> Vec<(&str, Value)> {
        vec![
            ("name", Value::String(self.name.clone())),
            ("id", Value::String(self.id.clone())),
            ("orgId", Value::String(self.org_id.clone())),
            (
                "clusterCount",
                self.cluster_count.map_or(Value::Null, Value::from),
            ),
            (
                "created",
                self.created.clone().map_or(Value::Null, Value::String),
            ),
        ]
    }
}

/// Whether a role, by its API name or its name in either language, holds `needle`.
fn roles_hold(roles: &[String], needle: &str) -> bool {
    roles.iter().any(|role| {
        holds(role, needle)
            || Lang::ALL
                .iter()
                .any(|&lang| holds(role_name(role, lang), needle))
    })
}

impl ListRow for Member {
    const COLUMNS: &'static [&'static str] = &[
        "username",
        "id",
        "orgMembershipStatus",
        "lastAuth",
        "orgRoles",
    ];

    fn matches(&self, needle: &str) -> bool {
        holds(&self.username, needle)
            || holds(&self.id, needle)
            || holds(&self.status, needle)
            || Lang::ALL
                .iter()
                .any(|&lang| holds(status_name(&self.status, lang), needle))
            || roles_hold(&self.org_roles, needle)
    }

    fn sort_key(&self, column: Column) -> String {
        match column {
            Column::Id => self.id.clone(),
            Column::Status => self.status.clone(),
            // ISO 8601 in UTC: text order is time order; never signed in sorts first.
            Column::LastSignIn => self.last_auth.clone().unwrap_or_default(),
            _ => lowercase(&self.username),
        }
    }

    fn export_fields(&self) -> Vec<(&str, Value)> {
        vec![
            ("username", Value::String(self.username.clone())),
            ("id", Value::String(self.id.clone())),
            ("orgMembershipStatus", Value::String(self.status.clone())),
            (
                "lastAuth",
                self.last_auth.clone().map_or(Value::Null, Value::String),
            ),
            ("orgRoles", Value::from(self.org_roles.clone())),
        ]
    }
}

impl ListRow for ProjectTeam {
    const COLUMNS: &'static [&'static str] = &["name", "teamId", "roleNames"];

    fn matches(&self, needle: &str) -> bool {
        self.name.as_deref().is_some_and(|name| holds(name, needle))
            || holds(&self.team_id, needle)
            || roles_hold(&self.roles, needle)
    }

    /// A team that could not be named sorts by its ID, which is what it shows.
    fn sort_key(&self, column: Column) -> String {
        match (column, &self.name) {
            (Column::Name, Some(name)) => lowercase(name),
            _ => self.team_id.clone(),
        }
    }

    fn export_fields(&self) -> Vec<(&str, Value)> {
        vec![
            ("name", self.name.clone().map_or(Value::Null, Value::String)),
            ("teamId", Value::String(self.team_id.clone())),
            ("roleNames", Value::from(self.roles.clone())),
        ]
    }
}

impl ListRow for AlertConfig {
    const COLUMNS: &'static [&'static str] = &[
        "eventTypeName",
        "metricName",
        "enabled",
        "notifications",
        "updated",
        "id",
    ];

    /// Matches the event and each channel by API name or shown name, and whom it notifies.
    fn matches(&self, needle: &str) -> bool {
        holds(&self.event_type, needle)
            || holds(&self.id, needle)
            || self.metric.as_deref().is_some_and(|m| holds(m, needle))
            || Lang::ALL
                .iter()
                .any(|&lang| holds(&event_name(self, lang), needle))
            || self.notifications.iter().any(|notification| {
                holds(&notification.type_name, needle)
                    || Lang::ALL
                        .iter()
                        .any(|&lang| holds(channel_name(&notification.type_name, lang), needle))
                    || [&notification.recipient, &notification.integration_id]
                        .into_iter()
                        .flatten()
                        .any(|text| holds(text, needle))
            })
    }

    fn sort_key(&self, column: Column) -> String {
        match column {
            Column::Status => u8::from(self.enabled).to_string(),
            // ISO 8601 in UTC: text order is time order.
            Column::Updated => self.updated.clone().unwrap_or_default(),
            Column::Id => self.id.clone(),
            _ => lowercase(&event_name(self, Lang::En)),
        }
    }

    /// Each notification as its type, its integration, its timing and whom it reaches, by API
    /// names; never a key.
    fn export_fields(&self) -> Vec<(&str, Value)> {
        let text = |value: &Option<String>| value.clone().map_or(Value::Null, Value::String);
        let notifications = self
            .notifications
            .iter()
            .map(|notification| {
                let mut fields = serde_json::Map::new();
                fields.insert("typeName".into(), notification.type_name.clone().into());
                fields.insert("integrationId".into(), text(&notification.integration_id));
                fields.insert("delayMin".into(), notification.delay_min.into());
                fields.insert("intervalMin".into(), notification.interval_min.into());
                fields.insert("recipient".into(), text(&notification.recipient));
                fields.insert("roles".into(), notification.roles.clone().into());
                Value::Object(fields)
            })
            .collect();
        vec![
            ("eventTypeName", Value::String(self.event_type.clone())),
            ("metricName", text(&self.metric)),
            ("enabled", Value::Bool(self.enabled)),
            ("notifications", Value::Array(notifications)),
            ("updated", text(&self.updated)),
            ("id", Value::String(self.id.clone())),
        ]
    }
}

/// The rows of a loaded page that match `filter`, in the chosen order.
pub fn shown_rows<T: ListRow>(rows: &[T], filter: &str, sort: Option<Sort>) -> Vec<T> {
    let needle = lowercase(filter.trim());
    let matching: Vec<&T> = rows
        .iter()
        .filter(|row| needle.is_empty() || row.matches(&needle))
        .collect();
    let order = match sort {
        Some(sort) => sorted_order(
            matching
                .iter()
                .map(|row| row.sort_key(sort.column))
                .collect(),
            sort.descending,
        ),
        None => (0..matching.len()).collect(),
    };
    order
        .into_iter()
        .map(|index| matching[index].clone())
        .collect()
}

/// The positions of `keys` in sorted order; ties keep the order Atlas gave. Not generic, so
/// both lists share one sort in the bundle.
pub(crate) fn sorted_order(keys: Vec<String>, descending: bool) -> Vec<usize> {
    let mut keyed: Vec<(String, usize)> = keys.into_iter().zip(0..).collect();
    keyed.sort_unstable_by(|(a, i), (b, j)| {
        let by_key = if descending { b.cmp(a) } else { a.cmp(b) };
        by_key.then(i.cmp(j))
    });
    keyed.into_iter().map(|(_, index)| index).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::api::types::parse_page;

    fn integrations() -> Vec<Integration> {
        let body = r##"{"results":[
            {"type":"SLACK","apiToken":"xoxb-clear-token-9876","channelName":"#ops-alerts","teamName":"Ops"},
            {"type":"PAGER_DUTY","region":"EU","serviceKey":"clear-service-key-1234"},
            {"type":"DATADOG","region":"US","apiKey":"clear-datadog-key-5678","sendDatabaseMetrics":true}
        ]}"##;
        parse_page::<Integration>(200, body).unwrap().results
    }

    fn kinds(rows: &[Integration]) -> Vec<&str> {
        rows.iter().map(|row| row.kind.as_str()).collect()
    }

    #[test]
    fn finds_by_type_region_and_plain_settings() {
        let rows = integrations();
        assert_eq!(kinds(&shown_rows(&rows, "pagerduty", None)), ["PAGER_DUTY"]);
        assert_eq!(kinds(&shown_rows(&rows, "PAGER_", None)), ["PAGER_DUTY"]);
        assert_eq!(kinds(&shown_rows(&rows, " eu ", None)), ["PAGER_DUTY"]);
        assert_eq!(kinds(&shown_rows(&rows, "ops-alerts", None)), ["SLACK"]);
        assert_eq!(kinds(&shown_rows(&rows, "yes", None)), ["DATADOG"]);
        assert_eq!(kinds(&shown_rows(&rows, "是", None)), ["DATADOG"]);
        assert_eq!(shown_rows(&rows, "", None).len(), 3);
        assert!(shown_rows(&rows, "nothing like it", None).is_empty());
    }

    #[test]
    fn never_finds_through_a_secret() {
        let rows = integrations();
        for needle in ["xoxb", "clear", "1234", "********", "5678"] {
            assert!(shown_rows(&rows, needle, None).is_empty(), "{needle}");
        }
    }

    #[test]
    fn never_finds_through_a_secret_nested_in_a_plain_field() {
        let body = r#"{"results":[{"type":"NEW_THING","extra":{"label":"blue","nestedSecret":"clear-nested-wxyz","list":[{"apiKey":"clear-listed-key-7777"}]}}]}"#;
        let rows = parse_page::<Integration>(200, body).unwrap().results;
        assert_eq!(shown_rows(&rows, "blue", None).len(), 1);
        for needle in ["wxyz", "7777", "clear", "****"] {
            assert!(shown_rows(&rows, needle, None).is_empty(), "{needle}");
        }
    }

    #[test]
    fn sorts_both_ways_and_keeps_ties_in_order() {
        let rows = integrations();
        let by_type = Some(Sort::after_click(None, Column::Type));
        assert_eq!(
            kinds(&shown_rows(&rows, "", by_type)),
            ["DATADOG", "PAGER_DUTY", "SLACK"]
        );
        let descending = Some(Sort::after_click(by_type, Column::Type));
        assert_eq!(
            kinds(&shown_rows(&rows, "", descending)),
            ["SLACK", "PAGER_DUTY", "DATADOG"]
        );
        let by_region = Some(Sort::after_click(descending, Column::Region));
        assert_eq!(
            kinds(&shown_rows(&rows, "", by_region)),
            ["SLACK", "PAGER_DUTY", "DATADOG"]
        );
        assert_eq!(Sort::aria(by_region, Column::Region), "ascending");
        assert_eq!(Sort::aria(descending, Column::Type), "descending");
        assert_eq!(Sort::aria(by_region, Column::Type), "none");
    }

    #[test]
    fn teams_sort_by_name_without_regard_to_case() {
        let team = |name: &str, id: &str| Team {
            name: name.into(),
            id: id.into(),
        };
        let rows = vec![team("ops", "b"), team("Admins", "c"), team("DBAs", "a")];
        let names = |rows: Vec<Team>| rows.into_iter().map(|t| t.name).collect::<Vec<_>>();
        let by_name = Some(Sort::after_click(None, Column::Name));
        assert_eq!(
            names(shown_rows(&rows, "", by_name)),
            ["Admins", "DBAs", "ops"]
        );
        let by_id = Some(Sort::after_click(None, Column::Id));
        assert_eq!(
            names(shown_rows(&rows, "", by_id)),
            ["DBAs", "ops", "Admins"]
        );
        assert_eq!(names(shown_rows(&rows, "A", None)), ["Admins", "DBAs"]);
    }

    fn member(username: &str, status: &str, last_auth: Option<&str>, roles: &[&str]) -> Member {
        Member {
            id: format!("{:0>24}", username.len()),
            username: username.into(),
            status: status.into(),
            last_auth: last_auth.map(String::from),
            org_roles: roles.iter().map(|role| role.to_string()).collect(),
        }
    }

    #[test]
    fn members_are_found_by_user_name_status_and_role_in_either_language() {
        let rows = vec![
            member(
                "ada@example.com",
                "ACTIVE",
                Some("2026-10-01T08:30:00Z"),
                &["ORG_OWNER"],
            ),
            member("bob@example.com", "PENDING", None, &["ORG_MEMBER"]),
            member(
                "cy@example.org",
                "INVITATION_EXPIRED",
                None,
                &["ORG_MEMBER"],
            ),
        ];
        let users = |rows: Vec<Member>| rows.into_iter().map(|m| m.username).collect::<Vec<_>>();
        assert_eq!(users(shown_rows(&rows, "ADA@", None)), ["ada@example.com"]);
        assert_eq!(
            users(shown_rows(&rows, "invitation", None)),
            ["bob@example.com", "cy@example.org"]
        );
        assert_eq!(
            users(shown_rows(&rows, "待接受", None)),
            ["bob@example.com"]
        );
        assert_eq!(
            users(shown_rows(&rows, "organization owner", None)),
            ["ada@example.com"]
        );
        assert_eq!(users(shown_rows(&rows, "org_member", None)).len(), 2);
        let by_sign_in = Some(Sort::after_click(None, Column::LastSignIn));
        assert_eq!(
            users(shown_rows(&rows, "", by_sign_in)),
            ["bob@example.com", "cy@example.org", "ada@example.com"]
        );
        let by_status = Some(Sort::after_click(None, Column::Status));
        assert_eq!(
            users(shown_rows(&rows, "", by_status)),
            ["ada@example.com", "cy@example.org", "bob@example.com"]
        );
        let fields = rows[1].export_fields();
        assert_eq!(fields[3], ("lastAuth", Value::Null));
        assert_eq!(fields[4], ("orgRoles", serde_json::json!(["ORG_MEMBER"])));
    }

    #[test]
    fn a_project_s_teams_are_found_and_sorted_by_name_or_else_by_id() {
        let team = |id: &str, name: Option<&str>, roles: &[&str]| ProjectTeam {
            team_id: id.into(),
            name: name.map(String::from),
            roles: roles.iter().map(|role| role.to_string()).collect(),
        };
        let rows = vec![
            team("c3", Some("platform"), &["GROUP_READ_ONLY"]),
            team("a1", None, &["GROUP_OWNER"]),
            team("b2", Some("Data Science"), &["GROUP_FUTURE_ROLE"]),
        ];
        let ids = |rows: Vec<ProjectTeam>| rows.into_iter().map(|t| t.team_id).collect::<Vec<_>>();
        assert_eq!(ids(shown_rows(&rows, "project owner", None)), ["a1"]);
        assert_eq!(ids(shown_rows(&rows, "future", None)), ["b2"]);
        assert_eq!(ids(shown_rows(&rows, "PLAT", None)), ["c3"]);
        let by_name = Some(Sort::after_click(None, Column::Name));
        assert_eq!(ids(shown_rows(&rows, "", by_name)), ["a1", "b2", "c3"]);
    }

    pub(crate) fn projects() -> Vec<Project> {
        let project =
            |name: &str, id: &str, clusters: Option<u64>, created: Option<&str>| Project {
                id: id.into(),
                name: name.into(),
                org_id: "6500000000000000000000c1".into(),
                cluster_count: clusters,
                created: created.map(String::from),
            };
        vec![
            project(
                "prod-eu-payments",
                "6500000000000000000000a3",
                Some(10),
                Some("2023-05-01T08:00:00Z"),
            ),
            project(
                "Analytics",
                "6500000000000000000000a1",
                Some(9),
                Some("2021-01-31T23:59:59Z"),
            ),
            project("dev-us-search", "6500000000000000000000a2", None, None),
        ]
    }

    fn names(rows: Vec<Project>) -> Vec<String> {
        rows.into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn projects_are_found_by_name_or_id() {
        let rows = projects();
        assert_eq!(names(shown_rows(&rows, "PROD", None)), ["prod-eu-payments"]);
        assert_eq!(names(shown_rows(&rows, "0a2", None)), ["dev-us-search"]);
        assert_eq!(
            names(shown_rows(&rows, "-", None)),
            ["prod-eu-payments", "dev-us-search"]
        );
        // The organization's ID is on every row: it finds nothing apart.
        assert!(shown_rows(&rows, "00c1", None).is_empty());
    }

    #[test]
    fn projects_sort_by_name_clusters_and_creation() {
        let rows = projects();
        let sorted = |column| names(shown_rows(&rows, "", Some(Sort::after_click(None, column))));
        assert_eq!(
            sorted(Column::Name),
            ["Analytics", "dev-us-search", "prod-eu-payments"]
        );
        assert_eq!(
            sorted(Column::Clusters),
            ["dev-us-search", "Analytics", "prod-eu-payments"]
        );
        assert_eq!(
            sorted(Column::Created),
            ["dev-us-search", "Analytics", "prod-eu-payments"]
        );
        let newest_first = Some(Sort {
            column: Column::Created,
            descending: true,
        });
        assert_eq!(
            names(shown_rows(&rows, "", newest_first)),
            ["prod-eu-payments", "Analytics", "dev-us-search"]
        );
    }
}
