//! The demo's alert configurations: some routed through each alerting integration, some
//! integrations no enabled alert uses, disabled configurations, a legacy notification
//! without `integrationId`, and every kind of notification. Its secrets are held as the shared
//! rule masks them (`********` and at most the last four), so masking them changes nothing.

use atlas_panel_common::integration::ALERT_CHANNEL_TYPES;
use serde_json::{json, Value};

use super::{estate_integrations, integration_id, ApiFlavour, PROJECT_ALL_TYPES, PROJECT_EMPTY};

/// The alert configurations of a project; `None` for one the estate does not hold.
pub fn alert_configs(
    flavour: ApiFlavour,
    project: &str,
    estate_index: Option<usize>,
) -> Option<Vec<Value>> {
    Some(match project {
        PROJECT_ALL_TYPES => sample_configs(project),
        PROJECT_EMPTY => Vec::new(),
        _ => {
            let n = estate_index?;
            estate_configs(project, n, &estate_integrations(flavour, n))
        }
    })
}

/// `6500000000000000000f` and the project's and the configuration's numbers.
fn config_id(project: usize, k: usize) -> String {
    format!("6500000000000000000f{project:02x}{k:02x}")
}

fn config(
    project: &str,
    id: String,
    event: &str,
    enabled: bool,
    notifications: Vec<Value>,
) -> Value {
    json!({
        "id": id,
        "groupId": project,
        "eventTypeName": event,
        "enabled": enabled,
        "created": "2025-06-02T10:00:00Z",
        "updated": "2026-11-20T16:45:00Z",
        "notifications": notifications,
    })
}

/// A notification of `type_name` through an integration, with its redacted fields.
fn through(type_name: &str, integration: Option<&str>, fields: Value) -> Value {
    let mut notification = json!({"typeName": type_name, "delayMin": 0, "intervalMin": 60});
    if let Some(id) = integration {
        notification["integrationId"] = json!(id);
    }
    if let (Value::Object(all), Value::Object(own)) = (&mut notification, fields) {
        all.extend(own);
    }
    notification
}

/// The fields a notification of an integration's type carries, masked.
fn redacted_fields(type_name: &str) -> Value {
    match type_name {
        "PAGER_DUTY" => json!({"serviceKey": "********7890"}),
        "SLACK" => json!({"apiToken": "********abcd", "channelName": "atlas-alerts"}),
        "DATADOG" => json!({"datadogApiKey": "********1a2b", "datadogRegion": "EU"}),
        "OPS_GENIE" => json!({"opsGenieApiKey": "********3c4d", "opsGenieRegion": "EU"}),
        "VICTOR_OPS" => {
            json!({"victorOpsApiKey": "********5e6f", "victorOpsRoutingKey": "********7a8b"})
        }
        "WEBHOOK" => json!({"webhookUrl": "********", "webhookSecret": "********"}),
        "MICROSOFT_TEAMS" => json!({"microsoftTeamsWebhookUrl": "********"}),
        _ => json!({}),
    }
}

/// The sample project's: PagerDuty, Slack, Opsgenie and Microsoft Teams each serve an enabled
/// alert, VictorOps one by its type alone (a legacy notification); Datadog and the webhook
/// only a disabled one. Every kind of notification appears once.
fn sample_configs(project: &str) -> Vec<Value> {
    let id = |k: usize| config_id(0, k);
    let by_type = |type_name: &str, n: u8| {
        through(
            type_name,
            Some(&integration_id(n)),
            redacted_fields(type_name),
        )
    };
    vec![
        config(
            project,
            id(1),
            "HOST_DOWN",
            true,
            vec![
                by_type("PAGER_DUTY", 1),
                through(
                    "EMAIL",
                    None,
                    json!({"emailAddress": "dba-oncall@contoso.example"}),
                ),
            ],
        ),
        metric(
            config(
                project,
                id(2),
                "OUTSIDE_METRIC_THRESHOLD",
                true,
                vec![
                    by_type("SLACK", 2),
                    through("SMS", None, json!({"mobileNumber": "********0147"})),
                ],
            ),
            "CONNECTIONS_PERCENT",
            80.0,
        ),
        threshold(
            config(
                project,
                id(3),
                "REPLICATION_OPLOG_WINDOW_RUNNING_OUT",
                true,
                vec![
                    by_type("OPS_GENIE", 5),
                    through(
                        "USER",
                        None,
                        json!({"username": "ada.lovelace@contoso.example", "emailEnabled": true, "smsEnabled": false}),
                    ),
                ],
            ),
            "<",
            1,
            "hours",
        ),
        // Legacy: the notification carries its own key and names no integration.
        threshold(
            config(
                project,
                id(4),
                "TOO_MANY_ELECTIONS",
                true,
                vec![through("VICTOR_OPS", None, redacted_fields("VICTOR_OPS"))],
            ),
            ">",
            3,
            "count",
        ),
        metric(
            config(
                project,
                id(5),
                "OUTSIDE_METRIC_THRESHOLD",
                false,
                vec![
                    by_type("DATADOG", 3),
                    by_type("WEBHOOK", 7),
                    through(
                        "WEBHOOK",
                        None,
                        json!({"webhookUrl": "********", "webhookSecret": "********", "webhookBodyTemplate": "********", "webhookHeadersTemplate": "********"}),
                    ),
                ],
            ),
            "DISK_PARTITION_SPACE_USED_DATA",
            90.0,
        ),
        config(
            project,
            id(6),
            "HOST_HAS_INDEX_SUGGESTIONS",
            true,
            vec![
                by_type("MICROSOFT_TEAMS", 8),
                through(
                    "HIP_CHAT",
                    None,
                    json!({"notificationToken": "********9f3e", "roomName": "operations"}),
                ),
                through(
                    "TEAM",
                    None,
                    json!({"teamId": "6500000000000000000c0001", "teamName": "Platform", "emailEnabled": true, "smsEnabled": false}),
                ),
                through(
                    "GROUP",
                    None,
                    json!({"roles": ["GROUP_OWNER"], "emailEnabled": true, "smsEnabled": false}),
                ),
            ],
        ),
    ]
}

/// `OUTSIDE_METRIC_THRESHOLD` on `metric`, above `value` per cent.
fn metric(mut config: Value, metric: &str, value: f64) -> Value {
    config["metricThreshold"] = json!({"metricName": metric, "operator": "GREATER_THAN", "threshold": value, "units": "RAW", "mode": "AVERAGE"});
    config
}

fn threshold(mut config: Value, operator: &str, value: u32, units: &str) -> Value {
    config["threshold"] = json!({"operator": operator, "threshold": value, "units": units});
    config
}

/// The estate's project `n`: an enabled host-down alert through each alerting integration but
/// the one [`estate_unused`] picks, which only a disabled configuration names; PagerDuty by
/// its type alone on every fourth project; an e-mail to the on-call list everywhere.
fn estate_configs(project: &str, n: usize, integrations: &[Value]) -> Vec<Value> {
    let mut used = Vec::new();
    let mut unused = Vec::new();
    for integration in integrations {
        let (Some(kind), Some(id)) = (integration["type"].as_str(), integration["id"].as_str())
        else {
            continue;
        };
        if !ALERT_CHANNEL_TYPES.contains(&kind) {
            continue;
        }
        let legacy = kind == "PAGER_DUTY" && n.is_multiple_of(4);
        let notification = through(kind, (!legacy).then_some(id), redacted_fields(kind));
        if estate_unused(n, kind) {
            unused.push(notification);
        } else {
            used.push(notification);
        }
    }
    let mut paging = used.clone();
    paging.push(through(
        "EMAIL",
        None,
        json!({"emailAddress": format!("oncall-{n:03}@northwind.example")}),
    ));
    let mut configs = vec![config(project, config_id(n, 1), "HOST_DOWN", true, paging)];
    if let Some(first) = used.first() {
        configs.push(metric(
            config(
                project,
                config_id(n, 2),
                "OUTSIDE_METRIC_THRESHOLD",
                true,
                vec![first.clone()],
            ),
            "CONNECTIONS_PERCENT",
            80.0,
        ));
    }
    if !unused.is_empty() {
        configs.push(threshold(
            config(
                project,
                config_id(n, 3),
                "REPLICATION_OPLOG_WINDOW_RUNNING_OUT",
                false,
                unused,
            ),
            "<",
            1,
            "hours",
        ));
    }
    configs
}

/// Whether the estate's project `n` leaves its integration of `kind` unused: Slack on every
/// fifth project, Datadog on every ninth, Microsoft Teams wherever it is.
pub fn estate_unused(n: usize, kind: &str) -> bool {
    match kind {
        "SLACK" => n.is_multiple_of(5),
        "DATADOG" => n.is_multiple_of(9),
        "MICROSOFT_TEAMS" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{estate_project_id, ESTATE_PROJECTS};
    use atlas_panel_common::mask::mask_secrets_in;

    fn type_names(configs: &[Value]) -> Vec<&str> {
        configs
            .iter()
            .flat_map(|config| config["notifications"].as_array().unwrap())
            .map(|notification| notification["typeName"].as_str().unwrap())
            .collect()
    }

    #[test]
    fn the_sample_project_holds_every_kind_of_notification_redacted() {
        let configs = alert_configs(ApiFlavour::V2, PROJECT_ALL_TYPES, None).unwrap();
        let kinds = type_names(&configs);
        for kind in [
            "PAGER_DUTY",
            "SLACK",
            "DATADOG",
            "OPS_GENIE",
            "VICTOR_OPS",
            "WEBHOOK",
            "MICROSOFT_TEAMS",
            "HIP_CHAT",
            "EMAIL",
            "SMS",
            "USER",
            "TEAM",
            "GROUP",
        ] {
            assert!(kinds.contains(&kind), "{kind}");
        }
        // Only redacted values: the shared rule changes nothing.
        let mut masked = Value::Array(configs.clone());
        mask_secrets_in(&mut masked);
        assert_eq!(masked, Value::Array(configs.clone()));
        assert!(configs.iter().any(|config| config["enabled"] == false));
        // A legacy notification: a third-party type with no integration named.
        assert!(configs
            .iter()
            .flat_map(|config| config["notifications"].as_array().unwrap())
            .any(|n| n["typeName"] == "VICTOR_OPS" && n.get("integrationId").is_none()));
    }

    #[test]
    fn estate_projects_route_alerts_through_most_integrations_and_leave_some_unused() {
        let (mut unused, mut legacy) = (0, 0);
        for n in 1..=ESTATE_PROJECTS {
            let project = estate_project_id(n);
            let configs = alert_configs(ApiFlavour::V1, &project, Some(n)).unwrap();
            let mut masked = Value::Array(configs.clone());
            mask_secrets_in(&mut masked);
            assert_eq!(masked, Value::Array(configs.clone()), "{project}");
            assert!(configs[0]["enabled"] == true && configs[0]["eventTypeName"] == "HOST_DOWN");
            let disabled: Vec<&Value> = configs.iter().filter(|c| c["enabled"] == false).collect();
            unused += usize::from(!disabled.is_empty());
            legacy += usize::from(
                configs[0]["notifications"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| n["typeName"] == "PAGER_DUTY" && n.get("integrationId").is_none()),
            );
        }
        assert!(
            unused > 20 && unused < 100,
            "{unused} projects leave an integration unused"
        );
        assert!(legacy > 10, "{legacy} legacy PagerDuty notifications");
        assert_eq!(
            alert_configs(ApiFlavour::V1, PROJECT_EMPTY, None),
            Some(Vec::new())
        );
        assert_eq!(
            alert_configs(ApiFlavour::V1, "6500000000000000000000ff", None),
            None
        );
    }
}
