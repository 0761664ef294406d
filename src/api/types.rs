//! The answers of the list endpoints, read from whatever arrives: every item by its list's
//! description (`src/lists/`), through the one reader (`list::read`).

use atlas_panel_common::endpoint::List;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::{not_json_or_malformed, ApiError};
use crate::list::description::Row;
use crate::list::read::read_item;
use atlas_panel_common::endpoint::Endpoint;

/// Reads a 2xx answer of `list` into a page of its rows. One project arrives as one object
/// and is read as a page of one row.
pub fn parse_rows(list: List, status: u16, body: &str) -> Result<Page<Vec<Row>>, ApiError> {
    let fields = crate::lists::of(list).fields;
    let endpoint = Endpoint::of(list);
    let masked = endpoint.carries_secrets;
    let malformed = |_| ApiError::Malformed { status };
    if !endpoint.paged {
        let item: Map<String, Value> = parse_item(status, body)?;
        return Ok(Page {
            results: vec![read_item(fields, item, masked).map_err(malformed)?],
            total_count: Some(1),
            has_next: false,
        });
    }
    let page = parse_page::<Map<String, Value>>(status, body)?;
    // A loop, not `collect::<Result<…>>`, whose adapter costs bytes of its own.
    let mut rows = Vec::with_capacity(page.results.len());
    for item in page.results {
        rows.push(read_item(fields, item, masked).map_err(malformed)?);
    }
    Ok(Page {
        results: rows,
        total_count: page.total_count,
        has_next: page.has_next,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    type Item = Map<String, Value>;

    fn rows(list: List, body: &str) -> Vec<Row> {
        parse_rows(list, 200, body).unwrap().results
    }

    #[test]
    fn reads_a_plain_page() {
        let body = r#"{"links":[{"href":"x","rel":"self"},{"href":"y","rel":"next"}],
            "results":[{"id":"5f1a2b3c4d5e6f7a8b9c0d1e","name":"Ops"}],"totalCount":1234}"#;
        let page = parse_rows(List::Teams, 200, body).unwrap();
        assert_eq!(page.total_count, Some(1234));
        assert!(page.has_next);
        assert_eq!(page.results[0].text("name"), "Ops");
    }

    #[test]
    fn reads_a_page_without_count_or_links() {
        let page: Page<Vec<Item>> = parse_page(200, r#"{"results":[]}"#).unwrap();
        assert_eq!(page.total_count, None);
        assert!(!page.has_next);
    }

    #[test]
    fn reads_both_envelope_shapes() {
        let listed = parse_rows(
            List::Teams,
            200,
            r#"{"status":200,"links":[],"results":[{"id":"a","name":"b"}],"totalCount":1}"#,
        )
        .unwrap();
        assert_eq!(listed.results.len(), 1);
        let wrapped =
            parse_rows(List::Teams, 200, r#"{"status":200,"content":{"links":[],"results":[{"id":"a","name":"b"}],"totalCount":1}}"#)
                .unwrap();
        assert_eq!(wrapped, listed);
    }

    #[test]
    fn refuses_what_is_not_a_page() {
        assert_eq!(
            parse_rows(List::Teams, 200, "<html>"),
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
            // A team's name may be absent, never null or a number.
            r#"{"results":[{"id":"a","name":null}]}"#,
            r#"{"results":[{"id":"a","name":3}]}"#,
            r#"{"results":["a"]}"#,
        ] {
            assert_eq!(
                parse_rows(List::Teams, 200, body),
                Err(ApiError::Malformed { status: 200 }),
                "{body}"
            );
        }
    }

    #[test]
    fn reads_organizations_and_projects() {
        let orgs = parse_rows(
            List::Orgs,
            200,
            r#"{"links":[],"results":[{"id":"6500000000000000000000c1","name":"Northwind Operations","isDeleted":false,"links":[]}]}"#,
        )
        .unwrap();
        assert_eq!(orgs.results[0].text("name"), "Northwind Operations");
        assert_eq!(orgs.total_count, None);
        let body = r#"{"links":[{"rel":"next","href":"x"}],"totalCount":140,"results":[
            {"id":"6500000000000000000000a1","name":"prod-eu-payments","orgId":"6500000000000000000000c1","clusterCount":3,"created":"2023-01-01T00:00:00Z","links":[]},
            {"id":"6500000000000000000000a2","name":"bare","orgId":"6500000000000000000000c1"}
        ]}"#;
        let page = parse_rows(List::Projects, 200, body).unwrap();
        assert_eq!((page.total_count, page.has_next), (Some(140), true));
        assert_eq!(
            Value::Object(page.results[0].0.as_ref().clone()),
            json!({"id":"6500000000000000000000a1","name":"prod-eu-payments","orgId":"6500000000000000000000c1","clusterCount":3,"created":"2023-01-01T00:00:00Z"})
        );
        assert_eq!(
            (
                page.results[1].count("clusterCount"),
                page.results[1].opt_text("created")
            ),
            (None, None)
        );
    }

    #[test]
    fn reads_one_project_as_a_page_of_one() {
        let body = r#"{"id":"6500000000000000000000a1","name":"prod-eu-payments","orgId":"6500000000000000000000c1","clusterCount":0,"created":"2023-01-01T00:00:00Z"}"#;
        let page = parse_rows(List::Project, 200, body).unwrap();
        assert_eq!(page.results.len(), 1);
        assert!(!page.has_next);
        assert_eq!(page.results[0].text("orgId"), "6500000000000000000000c1");
        assert_eq!(
            parse_rows(List::Project, 200, "<html>"),
            Err(ApiError::NotJson { status: 200 })
        );
        for body in [
            "null",
            r#"{"name":3}"#,
            r#"{"clusterCount":-1}"#,
            r#"{"clusterCount":1.5}"#,
            r#"{"clusterCount":"3"}"#,
            "{\"id\":",
        ] {
            assert_eq!(
                parse_rows(List::Project, 200, body),
                Err(ApiError::Malformed { status: 200 }),
                "{body}"
            );
        }
    }

    #[test]
    fn reads_members_in_both_forms() {
        let v2 = r#"{"links":[],"results":[
            {"id":"a1","username":"ada@example.com","orgMembershipStatus":"ACTIVE","lastAuth":"2026-10-01T08:30:00Z","mobileNumber":"********0142",
             "roles":{"orgRoles":["ORG_MEMBER","ORG_READ_ONLY"],"groupRoleAssignments":[{"groupId":"g","groupRoles":["GROUP_OWNER"]}]},"teamIds":["t"]},
            {"id":"a2","username":"bob@example.com","orgMembershipStatus":"INVITATION_EXPIRED","roles":{"orgRoles":["ORG_MEMBER"]},"invitationExpiresAt":null}
        ]}"#;
        let members = rows(List::TeamMembers, v2);
        assert_eq!(
            Value::Object(members[0].0.as_ref().clone()),
            json!({"id":"a1","username":"ada@example.com","orgMembershipStatus":"ACTIVE","lastAuth":"2026-10-01T08:30:00Z","orgRoles":["ORG_MEMBER","ORG_READ_ONLY"]})
        );
        assert_eq!(
            (
                members[1].text("orgMembershipStatus"),
                members[1].opt_text("lastAuth")
            ),
            ("INVITATION_EXPIRED", None)
        );
        assert!(
            !format!("{members:?}").contains("0142"),
            "no phone number is kept"
        );
        let v1 = r#"{"results":[{"id":"a1","username":"ada@example.com","emailAddress":"ada@example.com",
            "roles":[{"orgId":"o","roleName":"ORG_OWNER"},{"groupId":"g","roleName":"GROUP_OWNER"}]}]}"#;
        let members = rows(List::TeamMembers, v1);
        assert_eq!(members[0].text("orgMembershipStatus"), "ACTIVE");
        assert_eq!(members[0].texts("orgRoles"), ["ORG_OWNER"]);
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
        let teams = rows(List::ProjectTeams, body);
        assert_eq!(
            Value::Object(teams[0].0.as_ref().clone()),
            json!({"teamId":"6500000000000000000c0001","roleNames":["GROUP_OWNER","GROUP_FUTURE_ROLE"]})
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
    fn masks_integrations_as_they_are_read() {
        let body = r##"{"results":[
            {"id":"5f1a2b3c4d5e6f7a8b9c0d1e","type":"PAGER_DUTY","region":"EU","serviceKey":"clear-service-key-1234"},
            {"type":"SLACK","apiToken":"xoxb-clear-token-9876","channelName":"#ops","teamName":"Ops"},
            {"type":"DATADOG","apiKey":"short","sendDatabaseMetrics":true},
            {"type":"SOMETHING_NEW","webhookUrl":"https://example.com/clear-path-abcd","extra":{"nestedSecret":"clear-nested-wxyz"}},
            {"type":7,"region":["odd"],"id":null}
        ]}"##;
        let page = rows(List::Integrations, body);
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
        let pager_duty = &page[0];
        assert_eq!(pager_duty.text("type"), "PAGER_DUTY");
        assert_eq!(pager_duty.opt_text("region"), Some("EU"));
        assert_eq!(
            pager_duty.get("settings"),
            Some(&json!({"serviceKey": "********1234"}))
        );
        assert_eq!(
            page[2].get("settings"),
            Some(&json!({"apiKey": "********", "sendDatabaseMetrics": true}))
        );
        // Sorted by name: `extra`, then `webhookUrl`.
        assert_eq!(
            page[3].get("settings").map(Value::to_string).as_deref(),
            Some(r#"{"extra":{"nestedSecret":"********wxyz"},"webhookUrl":"********abcd"}"#)
        );
        // An integration is never refused: any value of its own fields is shown as text.
        assert_eq!(page[4].text("type"), "7");
        assert_eq!(page[4].text("region"), r#"["odd"]"#);
        assert_eq!(page[4].get("id"), None);
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
        let configs = page.results;
        let first = &configs[0];
        assert_eq!(first.opt_text("metricName"), Some("CONNECTIONS_PERCENT"));
        assert!(first.flag("enabled"));
        let notifications = match first.get("notifications") {
            Some(Value::Array(notifications)) => notifications.clone(),
            other => panic!("{other:?}"),
        };
        let recipients: Vec<Option<&str>> = notifications
            .iter()
            .map(|n| n["recipient"].as_str())
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
            notifications[7]["roles"],
            json!(["GROUP_OWNER", "GROUP_READ_ONLY"])
        );
        assert_eq!(notifications[0]["integrationId"], "i1");
        assert_eq!(notifications[0]["intervalMin"], 15);
        // `enabled` absent: the specification's default, off.
        assert!(!configs[1].flag("enabled"));
        assert_eq!(configs[1].get("notifications"), Some(&json!([])));
    }

    #[test]
    fn refuses_alert_configurations_of_the_wrong_shape() {
        for body in [
            r#"{"results":[{"enabled":"yes"}]}"#,
            r#"{"results":[{"notifications":{"typeName":"EMAIL"}}]}"#,
            r#"{"results":[{"notifications":["EMAIL"]}]}"#,
            r#"{"results":[{"notifications":[{"typeName":"EMAIL","delayMin":"soon"}]}]}"#,
            r#"{"results":[{"notifications":[{"typeName":"EMAIL","delayMin":-1}]}]}"#,
            r#"{"results":[{"notifications":[{"typeName":"EMAIL","emailAddress":5}]}]}"#,
            r#"{"results":[{"metricThreshold":"CONNECTIONS"}]}"#,
            r#"{"results":[{"metricThreshold":{"metricName":3}}]}"#,
        ] {
            assert_eq!(
                parse_rows(List::AlertConfigs, 200, body),
                Err(ApiError::Malformed { status: 200 }),
                "{body}"
            );
        }
    }
}
