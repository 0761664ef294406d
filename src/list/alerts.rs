//! Which alerts notify through which integration, and what alerts and their channels are
//! called on screen.
//!
//! Atlas links the two only inside an alert configuration: a notification names the
//! integration whose credentials it uses (`integrationId`), or, written before integrations
//! had IDs, carries its own key and names only its type.

use atlas_panel_common::integration::ALERT_CHANNEL_TYPES;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::dom::{append_element, append_text};
use crate::i18n::Lang;
use crate::labels::{integration_type_name, role_names};
use crate::list::description::{Row, RowContext};
use crate::list::rows::lowercase;
use crate::router::Route;
use atlas_panel_common::endpoint::List;

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

    /// An integration's, as the page filled it into its row (`alerts`).
    pub fn of(row: &Row) -> AlertUse {
        match row.get("alerts") {
            Some(Value::String(state)) if state == "unknown" => AlertUse::Unknown,
            Some(Value::String(state)) if state == "none" => AlertUse::NotAChannel,
            Some(Value::Object(found)) => AlertUse::Enabled {
                count: found
                    .get("count")
                    .and_then(Value::as_u64)
                    .unwrap_or_default() as usize,
                complete: found.get("complete").and_then(Value::as_bool) == Some(true),
            },
            _ => AlertUse::Unread,
        }
    }

    /// Puts it into an integration's row.
    pub fn set(self, row: &mut Row) {
        let value = match self {
            AlertUse::Unread => Value::Null,
            AlertUse::Unknown => Value::from("unknown"),
            AlertUse::NotAChannel => Value::from("none"),
            AlertUse::Enabled { count, complete } => json!({"count": count, "complete": complete}),
        };
        row.set("alerts", value);
    }
}

/// Whether a notification goes through the integration `id` of type `kind`: by its ID when
/// it names one, by its type when it names none.
fn notification_uses(notification: &Value, id: Option<&str>, kind: &str) -> bool {
    match notification.get("integrationId").and_then(Value::as_str) {
        Some(own) => Some(own) == id,
        None => notification.get("typeName").and_then(Value::as_str) == Some(kind),
    }
}

/// Whether any notification of an alert configuration goes through the integration.
pub fn config_uses(config: &Row, id: Option<&str>, kind: &str) -> bool {
    match config.get("notifications") {
        Some(Value::Array(notifications)) => notifications
            .iter()
            .any(|notification| notification_uses(notification, id, kind)),
        _ => false,
    }
}

/// Sets each integration's alert use from its project's alert configurations.
pub fn mark_alert_use(integrations: &mut [Row], configs: &[Row], complete: bool) {
    for integration in integrations {
        alert_use(configs, integration, complete).set(integration);
    }
}

/// What `configs` say of `integration`: how many enabled ones notify through it. `complete`
/// is false when the project has more configurations than `configs`.
pub fn alert_use(configs: &[Row], integration: &Row, complete: bool) -> AlertUse {
    let kind = integration.text("type");
    if !ALERT_CHANNEL_TYPES.contains(&kind) {
        return AlertUse::NotAChannel;
    }
    let id = integration.opt_text("id");
    let count = configs
        .iter()
        .filter(|config| config.flag("enabled") && config_uses(config, id, kind))
        .count();
    AlertUse::Enabled { count, complete }
}

/// The alert list's narrowing to one integration (`?integration=…&type=…`): its ID, and its
/// type for notifications that name none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Through {
    pub id: String,
    pub kind: String,
}

impl Through {
    /// The narrowing an address names, when it names both parts.
    pub fn from_query(id: Option<String>, kind: Option<String>) -> Option<Through> {
        Some(Through {
            id: id.filter(|id| !id.is_empty())?,
            kind: kind.filter(|kind| !kind.is_empty())?,
        })
    }

    /// `integration=…&type=…`, for a link.
    pub fn query(&self) -> String {
        use crate::api::client::encode_query_value as encode;
        format!(
            "integration={}&type={}",
            encode(&self.id),
            encode(&self.kind)
        )
    }

    pub fn admits(&self, config: &Row) -> bool {
        config_uses(config, Some(&self.id), &self.kind)
    }
}

/// The address of the alerts that notify through an integration, when its project is known:
/// at the largest page size, as the list narrows the page it has and 500 is what was counted.
fn alerts_href(context: &RowContext, integration: &Row) -> Option<String> {
    let through = Through {
        id: integration.opt_text("id")?.to_string(),
        kind: integration.text("type").to_string(),
    };
    let route = Route::List(List::AlertConfigs, vec![context.owner_id.clone()?]);
    let href = context.config.as_ref()?.href(&route.href());
    Some(format!("{href}?itemsPerPage=500&{}", through.query()))
}

/// An integration's alerts: how many enabled ones notify through it, as a link to them, and
/// "Not used by any alert" in words when none does; a dash for a type no alert can use.
pub fn alerts_cell(cell: &Element, context: &RowContext, integration: &Row) -> Result<(), JsValue> {
    let lang = context.lang;
    let alerts = AlertUse::of(integration);
    let AlertUse::Enabled { count, complete } = alerts else {
        let text = match alerts {
            AlertUse::NotAChannel => "—",
            AlertUse::Unread => "…",
            _ => lang.pick("unknown", "未知"),
        };
        return append_text(cell, text);
    };
    let more = if complete { "" } else { "+" };
    let words = match (lang, count, complete) {
        (Lang::En, 1, true) => "1 alert".to_string(),
        (Lang::En, ..) => format!("{count}{more} alerts"),
        (Lang::ZhCn, ..) => format!("{count}{more} 个告警"),
    };
    match alerts_href(context, integration) {
        Some(href) => {
            let link = append_element(cell, "a", None)?;
            link.set_attribute("href", &href)?;
            append_text(&link, &words)?;
        }
        None => append_text(cell, &words)?,
    }
    if alerts.unused() {
        unused_note(cell, lang.pick("Not used by any alert", "未被任何告警使用"))?;
    }
    Ok(())
}

/// Says in `words`, after what `cell` holds, that no enabled alert uses an integration: with
/// a mark that is seen and not read, and a space that keeps the words apart when read.
pub fn unused_note(cell: &Element, words: &str) -> Result<(), JsValue> {
    append_text(cell, " ")?;
    let note = append_element(cell, "span", Some("status status-unused"))?;
    let mark = append_element(&note, "span", Some("status-mark"))?;
    mark.set_attribute("aria-hidden", "true")?;
    append_text(&mark, "!")?;
    append_text(&note, words)
}

/// Zero-padded counts; not a channel, then not known, sort before any count.
pub fn alerts_sort_key(integration: &Row) -> String {
    match AlertUse::of(integration) {
        AlertUse::NotAChannel => String::new(),
        AlertUse::Unread | AlertUse::Unknown => "-".to_string(),
        AlertUse::Enabled { count, .. } => format!("{count:020}"),
    }
}

/// What an export writes of an integration's alerts: the count, and whether it is a floor.
pub fn alerts_export(integration: &Row, fields: &mut Vec<(String, Value)>) {
    if let AlertUse::Enabled { count, complete } = AlertUse::of(integration) {
        fields.push(("enabledAlerts".to_string(), Value::from(count)));
        if !complete {
            fields.push(("enabledAlertsAtLeast".to_string(), Value::Bool(true)));
        }
    }
}

/// The fields that say whom a notification reaches, in the order they are looked for.
pub const RECIPIENT_FIELDS: [&str; 6] = [
    "emailAddress",
    "username",
    "channelName",
    "teamName",
    "roomName",
    "mobileNumber",
];

/// Event types by the names the Atlas UI gives them; unknown ones keep their API name.
const EVENT_NAMES: [(&str, &str, &str); 12] = [
    ("HOST_DOWN", "Host is down", "主机已停止"),
    (
        "OUTSIDE_METRIC_THRESHOLD",
        "Metric outside its threshold",
        "指标超出阈值",
    ),
    (
        "REPLICATION_OPLOG_WINDOW_RUNNING_OUT",
        "Replication oplog window is running out",
        "复制 Oplog 时间窗口即将不足",
    ),
    ("TOO_MANY_ELECTIONS", "Too many elections", "选举次数过多"),
    (
        "TOO_FEW_HEALTHY_MEMBERS",
        "Too few healthy members",
        "健康成员过少",
    ),
    ("NO_PRIMARY", "No primary", "没有主节点"),
    (
        "HOST_HAS_INDEX_SUGGESTIONS",
        "Host has index suggestions",
        "主机有索引建议",
    ),
    (
        "HOST_NOT_ENOUGH_DISK_SPACE",
        "Host is running out of disk space",
        "主机磁盘空间不足",
    ),
    (
        "CLUSTER_MONGOS_IS_MISSING",
        "Cluster is missing an active mongos",
        "集群缺少活动的 mongos",
    ),
    (
        "CREDIT_CARD_ABOUT_TO_EXPIRE",
        "Credit card is about to expire",
        "信用卡即将过期",
    ),
    (
        "USERS_WITHOUT_MULTI_FACTOR_AUTH",
        "Users without multi-factor authentication",
        "未启用多重身份验证的用户",
    ),
    (
        "JOINED_GROUP",
        "A user joined the project",
        "用户加入了项目",
    ),
];

/// An event type by the name the Atlas UI gives it; an unknown one keeps its API name.
pub fn event_type_name(event_type: &str, lang: Lang) -> &str {
    EVENT_NAMES
        .iter()
        .find(|(api, _, _)| *api == event_type)
        .map_or(event_type, |(_, en, zh)| lang.pick(en, zh))
}

/// What an alert watches: its event type by name, with the metric of a threshold.
pub fn event_name(config: &Row, lang: Lang) -> String {
    let name = event_type_name(config.text("eventTypeName"), lang);
    match config.opt_text("metricName") {
        Some(metric) => format!("{name}: {metric}"),
        None => name.to_string(),
    }
}

pub fn event_sort_key(config: &Row) -> String {
    lowercase(&event_name(config, Lang::En))
}

/// Enabled or disabled, in words; a disabled alert with a visible mark.
pub fn enabled_status(config: &Row, lang: Lang) -> (String, bool, String) {
    let enabled = config.flag("enabled");
    let (class, word) = if enabled {
        ("active", lang.pick("Enabled", "已启用"))
    } else {
        ("disabled", lang.pick("Disabled", "已停用"))
    };
    (class.to_string(), !enabled, word.to_string())
}

/// A notification's channel by name: an integration type as the integrations page names it,
/// or whom Atlas itself notifies.
pub fn channel_name(type_name: &str, lang: Lang) -> &str {
    match type_name {
        "EMAIL" => lang.pick("Email", "电子邮件"),
        "SMS" => lang.pick("SMS", "短信"),
        "USER" => lang.pick("User", "用户"),
        "TEAM" => lang.pick("Team", "团队"),
        "GROUP" => lang.pick("Project roles", "项目角色"),
        "ORG" => lang.pick("Organization roles", "组织角色"),
        other => integration_type_name(other),
    }
}

/// One notification in words: "PagerDuty, after 5 min, every 60 min, integration 65…".
pub fn notification_text(notification: &Value, lang: Lang) -> String {
    let text = |name: &str| notification.get(name).and_then(Value::as_str);
    let minutes = |name: &str| notification.get(name).and_then(Value::as_u64);
    let mut parts = vec![channel_name(text("typeName").unwrap_or_default(), lang).to_string()];
    parts.extend(text("recipient").map(String::from));
    let roles: Vec<String> = match notification.get("roles") {
        Some(Value::Array(roles)) => roles
            .iter()
            .filter_map(|role| role.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    if !roles.is_empty() {
        parts.push(role_names(&roles, lang));
    }
    if let Some(delay) = minutes("delayMin") {
        parts.push(match lang {
            Lang::En => format!("after {delay} min"),
            Lang::ZhCn => format!("延迟 {delay} 分钟"),
        });
    }
    if let Some(interval) = minutes("intervalMin") {
        parts.push(match lang {
            Lang::En => format!("every {interval} min"),
            Lang::ZhCn => format!("每 {interval} 分钟"),
        });
    }
    if let Some(id) = text("integrationId") {
        parts.push(match lang {
            Lang::En => format!("integration {id}"),
            Lang::ZhCn => format!("集成 {id}"),
        });
    }
    parts.join(lang.pick(", ", "，"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::read::read_row;
    use crate::lists::{ALERT_CONFIGS, INTEGRATIONS};

    fn notification(type_name: &str, integration_id: Option<&str>) -> Value {
        json!({"typeName": type_name, "integrationId": integration_id})
    }

    fn read(fields: &[crate::list::description::Field], item: Value) -> Row {
        let Value::Object(item) = item else {
            panic!("an object")
        };
        read_row(fields, item).unwrap()
    }

    fn config(enabled: bool, notifications: Vec<Value>) -> Row {
        read(
            ALERT_CONFIGS.fields,
            json!({"id": "c", "eventTypeName": "HOST_DOWN", "enabled": enabled, "notifications": notifications}),
        )
    }

    fn integration(kind: &str, id: &str) -> Row {
        read(INTEGRATIONS.fields, json!({"id": id, "type": kind}))
    }

    fn count(configs: &[Row], integration: &Row) -> AlertUse {
        alert_use(configs, integration, true)
    }

    const PD: &str = "650000000000000000000101";
    const OTHER_PD: &str = "650000000000000000000199";

    #[test]
    fn counts_enabled_alerts_by_integration_id() {
        let pager_duty = integration("PAGER_DUTY", PD);
        let configs = [
            config(true, vec![notification("PAGER_DUTY", Some(PD))]),
            // Two notifications through it in one configuration count once.
            config(
                true,
                vec![
                    notification("PAGER_DUTY", Some(PD)),
                    notification("PAGER_DUTY", Some(PD)),
                ],
            ),
            // Disabled: pages nobody.
            config(false, vec![notification("PAGER_DUTY", Some(PD))]),
            // Another integration of the same type, named by ID: not this one.
            config(true, vec![notification("PAGER_DUTY", Some(OTHER_PD))]),
        ];
        assert_eq!(
            count(&configs, &pager_duty),
            AlertUse::Enabled {
                count: 2,
                complete: true
            }
        );
    }

    #[test]
    fn a_notification_without_an_integration_id_counts_by_its_type() {
        let victor_ops = integration("VICTOR_OPS", "650000000000000000000106");
        let configs = [
            config(true, vec![notification("VICTOR_OPS", None)]),
            config(true, vec![notification("EMAIL", None)]),
        ];
        assert_eq!(
            count(&configs, &victor_ops),
            AlertUse::Enabled {
                count: 1,
                complete: true
            }
        );
    }

    #[test]
    fn an_integration_only_disabled_alerts_use_is_unused() {
        let datadog = integration("DATADOG", "650000000000000000000103");
        let configs = [config(
            false,
            vec![notification("DATADOG", Some("650000000000000000000103"))],
        )];
        let found = count(&configs, &datadog);
        assert_eq!(
            found,
            AlertUse::Enabled {
                count: 0,
                complete: true
            }
        );
        assert!(found.unused());
    }

    #[test]
    fn unknown_notification_types_count_only_by_the_integration_they_name() {
        let webhook = integration("WEBHOOK", "650000000000000000000107");
        let configs = [
            config(true, vec![notification("FUTURE_CHANNEL", None)]),
            config(
                true,
                vec![notification(
                    "FUTURE_CHANNEL",
                    Some("650000000000000000000107"),
                )],
            ),
        ];
        assert_eq!(
            count(&configs, &webhook),
            AlertUse::Enabled {
                count: 1,
                complete: true
            }
        );
    }

    #[test]
    fn types_no_alert_can_use_are_not_channels_and_never_unused() {
        for kind in ["PROMETHEUS", "NEW_RELIC", "FLOWDOCK"] {
            let found = count(&[], &integration(kind, PD));
            assert_eq!(found, AlertUse::NotAChannel, "{kind}");
            assert!(!found.unused());
        }
    }

    #[test]
    fn a_partial_read_never_says_unused() {
        let found = alert_use(&[], &integration("SLACK", PD), false);
        assert_eq!(
            found,
            AlertUse::Enabled {
                count: 0,
                complete: false
            }
        );
        assert!(!found.unused());
    }

    #[test]
    fn the_alert_list_narrows_to_one_integration_by_id_or_type() {
        let through = Through::from_query(Some(PD.into()), Some("PAGER_DUTY".into())).unwrap();
        assert!(through.admits(&config(false, vec![notification("PAGER_DUTY", Some(PD))])));
        assert!(through.admits(&config(true, vec![notification("PAGER_DUTY", None)])));
        assert!(!through.admits(&config(
            true,
            vec![notification("PAGER_DUTY", Some(OTHER_PD))]
        )));
        assert!(!through.admits(&config(true, vec![notification("EMAIL", None)])));
        assert_eq!(through.query(), format!("integration={PD}&type=PAGER_DUTY"));
        assert_eq!(Through::from_query(Some(PD.into()), None), None);
        assert_eq!(
            Through::from_query(Some(String::new()), Some("SLACK".into())),
            None
        );
    }

    #[test]
    fn names_events_with_their_metric_and_keeps_unknown_ones_as_they_are() {
        let threshold = read(
            ALERT_CONFIGS.fields,
            json!({"eventTypeName": "OUTSIDE_METRIC_THRESHOLD", "metricThreshold": {"metricName": "CONNECTIONS_PERCENT"}}),
        );
        assert_eq!(
            event_name(&threshold, Lang::En),
            "Metric outside its threshold: CONNECTIONS_PERCENT"
        );
        assert_eq!(
            event_name(&threshold, Lang::ZhCn),
            "指标超出阈值: CONNECTIONS_PERCENT"
        );
        assert_eq!(
            event_name(&config(true, Vec::new()), Lang::En),
            "Host is down"
        );
        let future = read(
            ALERT_CONFIGS.fields,
            json!({"eventTypeName": "FUTURE_EVENT_TYPE"}),
        );
        assert_eq!(event_name(&future, Lang::En), "FUTURE_EVENT_TYPE");
    }

    #[test]
    fn tells_a_notification_in_words() {
        let pager_duty = json!({"typeName": "PAGER_DUTY", "integrationId": PD, "delayMin": 5, "intervalMin": 60});
        assert_eq!(
            notification_text(&pager_duty, Lang::En),
            format!("PagerDuty, after 5 min, every 60 min, integration {PD}")
        );
        assert_eq!(
            notification_text(&pager_duty, Lang::ZhCn),
            format!("PagerDuty，延迟 5 分钟，每 60 分钟，集成 {PD}")
        );
        let sms = json!({"typeName": "SMS", "recipient": "********0147"});
        assert_eq!(notification_text(&sms, Lang::En), "SMS, ********0147");
        assert_eq!(notification_text(&sms, Lang::ZhCn), "短信，********0147");
        let group = json!({"typeName": "GROUP", "roles": ["GROUP_OWNER", "GROUP_FUTURE_ROLE"]});
        assert_eq!(
            notification_text(&group, Lang::En),
            "Project roles, Project Owner, GROUP_FUTURE_ROLE"
        );
        assert_eq!(
            notification_text(&group, Lang::ZhCn),
            "项目角色，项目所有者、GROUP_FUTURE_ROLE"
        );
        for (type_name, zh) in [
            ("EMAIL", "电子邮件"),
            ("USER", "用户"),
            ("TEAM", "团队"),
            ("ORG", "组织角色"),
        ] {
            assert_eq!(channel_name(type_name, Lang::ZhCn), zh);
        }
        assert_eq!(channel_name("GROUP", Lang::En), "Project roles");
        assert_eq!(channel_name("FUTURE_CHANNEL", Lang::En), "FUTURE_CHANNEL");
    }
}
