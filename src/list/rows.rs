//! Finding and sorting the rows of a loaded page, for any list, by its description. All of it
//! works on rows whose secrets are already masked.

use atlas_panel_common::mask::is_secret_field;
use serde_json::Value;

use crate::i18n::Lang;
use crate::labels::display_value;
use crate::list::description::{Field, ListDescription, Row, Search, SortKey};

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
    /// Where a change was made: its project, or its organization.
    Place,
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

/// Whether a field of `row` holds `needle` (already lower case), as the filter box finds it.
fn field_holds(field: &Field, value: &Value, needle: &str) -> bool {
    let each_text = |check: &dyn Fn(&str) -> bool| match value {
        Value::String(text) => check(text),
        Value::Array(items) => items.iter().filter_map(Value::as_str).any(check),
        _ => false,
    };
    match &field.search {
        Search::No => false,
        Search::Text => each_text(&|text| holds(text, needle)),
        Search::Named(name) => each_text(&|text| {
            holds(text, needle)
                || Lang::ALL
                    .iter()
                    .any(|&lang| holds(name(text, lang), needle))
        }),
        Search::Values => value_holds(field.name, value, needle),
        Search::Items => {
            let crate::list::description::Read::Each(fields) = &field.read else {
                return false;
            };
            let Value::Array(items) = value else {
                return false;
            };
            items.iter().any(|item| {
                fields.iter().any(|field| {
                    item.get(field.name)
                        .is_some_and(|value| field_holds(field, value, needle))
                })
            })
        }
    }
}

/// Whether the row's visible text holds `needle`, which is already lower case.
fn row_holds(list: &ListDescription, row: &Row, needle: &str) -> bool {
    list.fields.iter().any(|field| {
        row.get(field.name)
            .is_some_and(|value| field_holds(field, value, needle))
    })
}

/// The key `row` sorts by in `column`.
fn sort_key(list: &ListDescription, row: &Row, column: Column) -> String {
    let key = list
        .columns
        .iter()
        .find_map(|desc| desc.sort.as_ref().filter(|(sorts, _)| *sorts == column))
        .map(|(_, key)| key);
    match key {
        Some(SortKey::Lower(field)) => lowercase(row.text(field)),
        Some(SortKey::LowerOr(field, fallback)) => match row.opt_text(field) {
            Some(text) => lowercase(text),
            None => row.text(fallback).to_string(),
        },
        Some(SortKey::Raw(field)) => row.text(field).to_string(),
        Some(SortKey::Count(field)) => row
            .count(field)
            .map_or_else(String::new, |count| format!("{count:020}")),
        Some(SortKey::With(key)) => key(row),
        None => String::new(),
    }
}

/// The rows of a loaded page that match `filter`, in the chosen order.
pub fn shown(list: &ListDescription, rows: &[Row], filter: &str, sort: Option<Sort>) -> Vec<Row> {
    let needle = lowercase(filter.trim());
    let matching: Vec<&Row> = rows
        .iter()
        .filter(|row| needle.is_empty() || row_holds(list, row, &needle))
        .collect();
    let order = match sort {
        Some(sort) => sorted_order(
            matching
                .iter()
                .map(|row| sort_key(list, row, sort.column))
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
    use crate::api::types::parse_rows;
    use crate::lists::{INTEGRATIONS, PROJECTS, PROJECT_TEAMS, TEAMS, TEAM_MEMBERS};
    use atlas_panel_common::endpoint::List;

    /// The rows of `list` read from `results`, a JSON array.
    pub(crate) fn rows(list: List, results: &str) -> Vec<Row> {
        let body = format!(r#"{{"results":{results}}}"#);
        parse_rows(list, 200, &body).unwrap().results
    }

    fn texts(rows: Vec<Row>, field: &str) -> Vec<String> {
        rows.iter().map(|row| row.text(field).to_string()).collect()
    }

    fn integrations() -> Vec<Row> {
        rows(
            List::Integrations,
            r##"[
            {"type":"SLACK","apiToken":"xoxb-clear-token-9876","channelName":"#ops-alerts","teamName":"Ops"},
            {"type":"PAGER_DUTY","region":"EU","serviceKey":"clear-service-key-1234"},
            {"type":"DATADOG","region":"US","apiKey":"clear-datadog-key-5678","sendDatabaseMetrics":true}
        ]"##,
        )
    }

    fn kinds(rows: Vec<Row>) -> Vec<String> {
        texts(rows, "type")
    }

    fn found(rows: &[Row], needle: &str) -> Vec<String> {
        kinds(shown(&INTEGRATIONS, rows, needle, None))
    }

    #[test]
    fn finds_by_type_region_and_plain_settings() {
        let rows = integrations();
        assert_eq!(found(&rows, "pagerduty"), ["PAGER_DUTY"]);
        assert_eq!(found(&rows, "PAGER_"), ["PAGER_DUTY"]);
        assert_eq!(found(&rows, " eu "), ["PAGER_DUTY"]);
        assert_eq!(found(&rows, "ops-alerts"), ["SLACK"]);
        assert_eq!(found(&rows, "yes"), ["DATADOG"]);
        assert_eq!(found(&rows, "是"), ["DATADOG"]);
        assert_eq!(found(&rows, "").len(), 3);
        assert!(found(&rows, "nothing like it").is_empty());
    }

    #[test]
    fn never_finds_through_a_secret() {
        let rows = integrations();
        for needle in ["xoxb", "clear", "1234", "********", "5678"] {
            assert!(found(&rows, needle).is_empty(), "{needle}");
        }
    }

    #[test]
    fn never_finds_through_a_secret_nested_in_a_plain_field() {
        let rows = rows(
            List::Integrations,
            r#"[{"type":"NEW_THING","extra":{"label":"blue","nestedSecret":"clear-nested-wxyz","list":[{"apiKey":"clear-listed-key-7777"}]}}]"#,
        );
        assert_eq!(found(&rows, "blue").len(), 1);
        for needle in ["wxyz", "7777", "clear", "****"] {
            assert!(found(&rows, needle).is_empty(), "{needle}");
        }
    }

    #[test]
    fn sorts_both_ways_and_keeps_ties_in_order() {
        let rows = integrations();
        let sorted = |sort| kinds(shown(&INTEGRATIONS, &rows, "", sort));
        let by_type = Some(Sort::after_click(None, Column::Type));
        assert_eq!(sorted(by_type), ["DATADOG", "PAGER_DUTY", "SLACK"]);
        let descending = Some(Sort::after_click(by_type, Column::Type));
        assert_eq!(sorted(descending), ["SLACK", "PAGER_DUTY", "DATADOG"]);
        let by_region = Some(Sort::after_click(descending, Column::Region));
        assert_eq!(sorted(by_region), ["SLACK", "PAGER_DUTY", "DATADOG"]);
        assert_eq!(Sort::aria(by_region, Column::Region), "ascending");
        assert_eq!(Sort::aria(descending, Column::Type), "descending");
        assert_eq!(Sort::aria(by_region, Column::Type), "none");
    }

    #[test]
    fn teams_sort_by_name_without_regard_to_case() {
        let rows = rows(
            List::Teams,
            r#"[{"name":"ops","id":"b"},{"name":"Admins","id":"c"},{"name":"DBAs","id":"a"}]"#,
        );
        let names = |sort, filter| texts(shown(&TEAMS, &rows, filter, sort), "name");
        let by_name = Some(Sort::after_click(None, Column::Name));
        assert_eq!(names(by_name, ""), ["Admins", "DBAs", "ops"]);
        let by_id = Some(Sort::after_click(None, Column::Id));
        assert_eq!(names(by_id, ""), ["DBAs", "ops", "Admins"]);
        assert_eq!(names(None, "A"), ["Admins", "DBAs"]);
    }

    #[test]
    fn members_are_found_by_user_name_status_and_role_in_either_language() {
        let rows = rows(
            List::TeamMembers,
            r#"[
            {"id":"1","username":"ada@example.com","orgMembershipStatus":"ACTIVE","lastAuth":"2026-10-01T08:30:00Z","roles":{"orgRoles":["ORG_OWNER"]}},
            {"id":"2","username":"bob@example.com","orgMembershipStatus":"PENDING","roles":{"orgRoles":["ORG_MEMBER"]}},
            {"id":"3","username":"cy@example.org","orgMembershipStatus":"INVITATION_EXPIRED","roles":{"orgRoles":["ORG_MEMBER"]}}
        ]"#,
        );
        let users = |filter, sort| texts(shown(&TEAM_MEMBERS, &rows, filter, sort), "username");
        assert_eq!(users("ADA@", None), ["ada@example.com"]);
        assert_eq!(
            users("invitation", None),
            ["bob@example.com", "cy@example.org"]
        );
        assert_eq!(users("待接受", None), ["bob@example.com"]);
        assert_eq!(users("organization owner", None), ["ada@example.com"]);
        assert_eq!(users("org_member", None).len(), 2);
        let by_sign_in = Some(Sort::after_click(None, Column::LastSignIn));
        assert_eq!(
            users("", by_sign_in),
            ["bob@example.com", "cy@example.org", "ada@example.com"]
        );
        let by_status = Some(Sort::after_click(None, Column::Status));
        assert_eq!(
            users("", by_status),
            ["ada@example.com", "cy@example.org", "bob@example.com"]
        );
        let fields = crate::list::export::export_fields(&TEAM_MEMBERS, &rows[1]);
        assert_eq!(fields[3], ("lastAuth".to_string(), Value::Null));
        assert_eq!(
            fields[4],
            ("orgRoles".to_string(), serde_json::json!(["ORG_MEMBER"]))
        );
    }

    #[test]
    fn a_project_s_teams_are_found_and_sorted_by_name_or_else_by_id() {
        let mut rows = rows(
            List::ProjectTeams,
            r#"[{"teamId":"c3","roleNames":["GROUP_READ_ONLY"]},{"teamId":"a1","roleNames":["GROUP_OWNER"]},{"teamId":"b2","roleNames":["GROUP_FUTURE_ROLE"]}]"#,
        );
        rows[0].set("name", "platform".into());
        rows[2].set("name", "Data Science".into());
        let ids = |filter, sort| texts(shown(&PROJECT_TEAMS, &rows, filter, sort), "teamId");
        assert_eq!(ids("project owner", None), ["a1"]);
        assert_eq!(ids("future", None), ["b2"]);
        assert_eq!(ids("PLAT", None), ["c3"]);
        let by_name = Some(Sort::after_click(None, Column::Name));
        assert_eq!(ids("", by_name), ["a1", "b2", "c3"]);
    }

    pub(crate) fn projects() -> Vec<Row> {
        rows(
            List::Projects,
            r#"[
            {"name":"prod-eu-payments","id":"6500000000000000000000a3","orgId":"6500000000000000000000c1","clusterCount":10,"created":"2023-05-01T08:00:00Z"},
            {"name":"Analytics","id":"6500000000000000000000a1","orgId":"6500000000000000000000c1","clusterCount":9,"created":"2021-01-31T23:59:59Z"},
            {"name":"dev-us-search","id":"6500000000000000000000a2","orgId":"6500000000000000000000c1"}
        ]"#,
        )
    }

    fn names(rows: Vec<Row>) -> Vec<String> {
        texts(rows, "name")
    }

    #[test]
    fn projects_are_found_by_name_or_id() {
        let rows = projects();
        let found = |needle| names(shown(&PROJECTS, &rows, needle, None));
        assert_eq!(found("PROD"), ["prod-eu-payments"]);
        assert_eq!(found("0a2"), ["dev-us-search"]);
        assert_eq!(found("-"), ["prod-eu-payments", "dev-us-search"]);
        // The organization's ID is on every row: it finds nothing apart.
        assert!(found("00c1").is_empty());
    }

    #[test]
    fn projects_sort_by_name_clusters_and_creation() {
        let rows = projects();
        let sorted = |column| {
            names(shown(
                &PROJECTS,
                &rows,
                "",
                Some(Sort::after_click(None, column)),
            ))
        };
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
            names(shown(&PROJECTS, &rows, "", newest_first)),
            ["prod-eu-payments", "Analytics", "dev-us-search"]
        );
    }
}
