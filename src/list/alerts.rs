//! Which alerts notify through which integration, and what alerts and their channels are
//! called on screen.
//!
//! Atlas links the two only inside an alert configuration: a notification names the
//! integration whose credentials it uses (`integrationId`), or, written before integrations
//! had IDs, carries its own key and names only its type.

use atlas_panel_common::integration::ALERT_CHANNEL_TYPES;

use crate::api::{AlertConfig, AlertUse, Integration, Notification};
use crate::i18n::Lang;
use crate::labels::{integration_type_name, role_names};

impl Notification {
    /// Whether it notifies through the integration `id` of type `kind`: by its ID when it
    /// names one, by its type when it names none.
    pub fn uses(&self, id: Option<&str>, kind: &str) -> bool {
        match &self.integration_id {
            Some(own) => Some(own.as_str()) == id,
            None => self.type_name == kind,
        }
    }
}

impl AlertConfig {
    /// Whether any of its notifications goes through the integration `id` of type `kind`.
    pub fn uses(&self, id: Option<&str>, kind: &str) -> bool {
        self.notifications.iter().any(|n| n.uses(id, kind))
    }
}

/// Sets each integration's alert use from its project's alert configurations.
pub fn mark_alert_use(integrations: &mut [Integration], configs: &[AlertConfig], complete: bool) {
    for integration in integrations {
        integration.alerts = alert_use(configs, integration, complete);
    }
}

/// What `configs` say of `integration`: how many enabled ones notify through it. `complete`
/// is false when the project has more configurations than `configs`.
pub fn alert_use(configs: &[AlertConfig], integration: &Integration, complete: bool) -> AlertUse {
    if !ALERT_CHANNEL_TYPES.contains(&integration.kind.as_str()) {
        return AlertUse::NotAChannel;
    }
    let id = integration.id.as_deref();
    let count = configs
        .iter()
        .filter(|config| config.enabled && config.uses(id, &integration.kind))
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

    pub fn admits(&self, config: &AlertConfig) -> bool {
        config.uses(Some(&self.id), &self.kind)
    }
}

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

/// What an alert watches: its event type by name, with the metric of a threshold.
pub fn event_name(config: &AlertConfig, lang: Lang) -> String {
    let name = EVENT_NAMES
        .iter()
        .find(|(api, _, _)| *api == config.event_type)
        .map_or(config.event_type.as_str(), |(_, en, zh)| lang.pick(en, zh));
    match &config.metric {
        Some(metric) => format!("{name}: {metric}"),
        None => name.to_string(),
    }
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
pub fn notification_text(notification: &Notification, lang: Lang) -> String {
    let mut parts = vec![channel_name(&notification.type_name, lang).to_string()];
    parts.extend(notification.recipient.clone());
    if !notification.roles.is_empty() {
        parts.push(role_names(&notification.roles, lang));
    }
    if let Some(delay) = notification.delay_min {
        parts.push(match lang {
            Lang::En => format!("after {delay} min"),
            Lang::ZhCn => format!("延迟 {delay} 分钟"),
        });
    }
    if let Some(interval) = notification.interval_min {
        parts.push(match lang {
            Lang::En => format!("every {interval} min"),
            Lang::ZhCn => format!("每 {interval} 分钟"),
        });
    }
    if let Some(id) = &notification.integration_id {
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
    use crate::api::types::Setting;

    fn notification(type_name: &str, integration_id: Option<&str>) -> Notification {
        Notification {
            type_name: type_name.into(),
            integration_id: integration_id.map(String::from),
            delay_min: None,
            interval_min: None,
            recipient: None,
            roles: Vec::new(),
        }
    }

    fn config(enabled: bool, notifications: Vec<Notification>) -> AlertConfig {
        AlertConfig {
            id: "c".into(),
            event_type: "HOST_DOWN".into(),
            metric: None,
            enabled,
            updated: None,
            notifications,
        }
    }

    fn integration(kind: &str, id: &str) -> Integration {
        Integration {
            id: Some(id.into()),
            kind: kind.into(),
            region: None,
            settings: Vec::<Setting>::new(),
            alerts: AlertUse::Unread,
        }
    }

    fn count(configs: &[AlertConfig], integration: &Integration) -> AlertUse {
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
        let mut threshold = config(true, Vec::new());
        threshold.event_type = "OUTSIDE_METRIC_THRESHOLD".into();
        threshold.metric = Some("CONNECTIONS_PERCENT".into());
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
        let mut future = config(true, Vec::new());
        future.event_type = "FUTURE_EVENT_TYPE".into();
        assert_eq!(event_name(&future, Lang::En), "FUTURE_EVENT_TYPE");
    }

    #[test]
    fn tells_a_notification_in_words() {
        let mut pager_duty = notification("PAGER_DUTY", Some(PD));
        pager_duty.delay_min = Some(5);
        pager_duty.interval_min = Some(60);
        assert_eq!(
            notification_text(&pager_duty, Lang::En),
            format!("PagerDuty, after 5 min, every 60 min, integration {PD}")
        );
        assert_eq!(
            notification_text(&pager_duty, Lang::ZhCn),
            format!("PagerDuty，延迟 5 分钟，每 60 分钟，集成 {PD}")
        );
        let mut sms = notification("SMS", None);
        sms.recipient = Some("********0147".into());
        assert_eq!(notification_text(&sms, Lang::En), "SMS, ********0147");
        assert_eq!(notification_text(&sms, Lang::ZhCn), "短信，********0147");
        let mut group = notification("GROUP", None);
        group.roles = vec!["GROUP_OWNER".into(), "GROUP_FUTURE_ROLE".into()];
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
