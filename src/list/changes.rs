//! An activity feed's changes in words: what happened, who did it, and what it was done to.

use atlas_panel_common::endpoint::List;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::dom::{append_element, append_text};
use crate::i18n::Lang;
use crate::list::description::{Cell, ColumnDesc, Row, RowContext, SortKey};
use crate::list::rows::{lowercase, Column};
use crate::router::Route;

/// The kinds of change the panel shows, as Atlas names them, with their words in English and
/// Chinese; what Atlas records only in a project's feed, only in an organization's, or in both.
pub const CHANGE_WORDS: [(&str, &str, &str); 16] = [
    (
        "INTEGRATION_CONFIGURED",
        "Integration configured",
        "配置了集成",
    ),
    ("INTEGRATION_REMOVED", "Integration removed", "移除了集成"),
    (
        "TEAM_ADDED_TO_GROUP",
        "Team given access to the project",
        "团队获得了项目访问权限",
    ),
    (
        "TEAM_REMOVED_FROM_GROUP",
        "Team's access to the project removed",
        "团队的项目访问权限被移除",
    ),
    (
        "TEAM_ROLES_MODIFIED",
        "Team's project roles changed",
        "团队的项目角色已更改",
    ),
    ("TEAM_CREATED", "Team created", "创建了团队"),
    ("TEAM_DELETED", "Team deleted", "删除了团队"),
    ("TEAM_UPDATED", "Team updated", "更新了团队"),
    ("TEAM_NAME_CHANGED", "Team renamed", "团队已重命名"),
    ("JOINED_TEAM", "Member added to a team", "成员加入了团队"),
    (
        "REMOVED_FROM_TEAM",
        "Member removed from a team",
        "成员被移出团队",
    ),
    (
        "ALERT_CONFIG_ADDED_AUDIT",
        "Alert setting added",
        "添加了告警设置",
    ),
    (
        "ALERT_CONFIG_CHANGED_AUDIT",
        "Alert setting changed",
        "更改了告警设置",
    ),
    (
        "ALERT_CONFIG_DELETED_AUDIT",
        "Alert setting deleted",
        "删除了告警设置",
    ),
    (
        "ALERT_CONFIG_ENABLED_AUDIT",
        "Alert setting enabled",
        "启用了告警设置",
    ),
    (
        "ALERT_CONFIG_DISABLED_AUDIT",
        "Alert setting disabled",
        "停用了告警设置",
    ),
];

/// The columns every list of changes has: when, who, what, and to what.
pub const WHEN: ColumnDesc = ColumnDesc::new(
    ["When", "时间"],
    Cell::Time {
        field: "created",
        date_only: false,
        absent: ["—", "—"],
    },
)
.sorts(Column::Updated, SortKey::Raw("created"));
pub const WHO: ColumnDesc = ColumnDesc::new(["Who", "操作者"], Cell::Words(who))
    .sorts(Column::Name, SortKey::With(who_key));
pub const WHAT: ColumnDesc = ColumnDesc::new(["What", "变更"], Cell::Words(change_words))
    .sorts(Column::Type, SortKey::Raw("eventTypeName"));
pub const DETAILS: ColumnDesc = ColumnDesc::new(["Details", "详情"], Cell::With(change_details));

/// A change's kind in words; one newer than the panel as Atlas names it.
pub fn change_name(event_type: &str, lang: Lang) -> &str {
    CHANGE_WORDS
        .iter()
        .find(|(api, _, _)| *api == event_type)
        .map_or(event_type, |(_, en, zh)| lang.pick(en, zh))
}

/// The kinds of change a page can be narrowed to, as the address names them (`?kind=teams`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Integrations,
    Teams,
    AlertSettings,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 3] = [
        ChangeKind::Integrations,
        ChangeKind::Teams,
        ChangeKind::AlertSettings,
    ];

    /// The kind of an event type the panel knows; `None` for one newer than the panel.
    pub fn of(event_type: &str) -> Option<ChangeKind> {
        match event_type {
            "INTEGRATION_CONFIGURED" | "INTEGRATION_REMOVED" => Some(ChangeKind::Integrations),
            "JOINED_TEAM" | "REMOVED_FROM_TEAM" => Some(ChangeKind::Teams),
            _ if event_type.starts_with("TEAM_") => Some(ChangeKind::Teams),
            _ if event_type.starts_with("ALERT_CONFIG_") => Some(ChangeKind::AlertSettings),
            _ => None,
        }
    }

    /// Its name in the address and in an export.
    pub fn tag(self) -> &'static str {
        match self {
            ChangeKind::Integrations => "integrations",
            ChangeKind::Teams => "teams",
            ChangeKind::AlertSettings => "alerts",
        }
    }

    pub fn from_tag(tag: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|kind| kind.tag() == tag)
    }

    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            ChangeKind::Integrations => lang.pick("Integrations", "集成"),
            ChangeKind::Teams => lang.pick("Teams", "团队"),
            ChangeKind::AlertSettings => lang.pick("Alert settings", "告警设置"),
        }
    }
}

pub fn change_words(change: &Row, lang: Lang) -> String {
    change_name(change.text("eventTypeName"), lang).to_string()
}

/// Who made it: the user name as text, or the API key by its public key.
pub fn who(change: &Row, lang: Lang) -> String {
    match (change.opt_text("username"), change.opt_text("publicKey")) {
        (Some(user), _) => user.to_string(),
        (None, Some(key)) => format!("{} {key}", lang.pick("API key", "API 密钥")),
        (None, None) => "—".to_string(),
    }
}

pub fn who_key(change: &Row) -> String {
    lowercase(&who(change, Lang::En))
}

/// What it was done to: the team (by its name, linked to its members when its organization
/// is known), the member added or removed, the alert configuration (linked to its project's
/// alert list).
pub fn change_details(cell: &Element, context: &RowContext, change: &Row) -> Result<(), JsValue> {
    let lang = context.lang;
    let link = |route: Route, words: &str| -> Result<(), JsValue> {
        match &context.config {
            Some(config) => {
                let a = append_element(cell, "a", None)?;
                a.set_attribute("href", &config.href(&route.href()))?;
                append_text(&a, words)
            }
            None => append_text(cell, words),
        }
    };
    let mut said = false;
    if let Some(team_id) = change.opt_text("teamId") {
        append_text(cell, lang.pick("Team ", "团队 "))?;
        let name = change.opt_text("name").unwrap_or(team_id);
        match &context.org_id {
            Some(org) => link(
                Route::List(List::TeamMembers, vec![org.clone(), team_id.to_string()]),
                name,
            )?,
            None => append_text(cell, name)?,
        }
        said = true;
    }
    if let Some(member) = change.opt_text("targetUsername") {
        if said {
            append_text(cell, "; ")?;
        }
        append_text(cell, lang.pick("member ", "成员 "))?;
        append_text(cell, member)?;
        said = true;
    }
    if let Some(alert) = change.opt_text("alertConfigId") {
        if said {
            append_text(cell, "; ")?;
        }
        let words = format!("{} {alert}", lang.pick("alert setting", "告警设置"));
        match change.opt_text("groupId") {
            Some(project) => link(
                Route::List(List::AlertConfigs, vec![project.to_string()]),
                &words,
            )?,
            None => append_text(cell, &words)?,
        }
        said = true;
    }
    if !said {
        append_text(cell, "—")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::rows::tests::rows;

    #[test]
    fn changes_are_told_in_words_and_by_whom() {
        let changes = rows(
            List::ProjectEvents,
            r#"[{"id":"1","created":"2026-12-07T03:20:06Z","eventTypeName":"INTEGRATION_REMOVED","username":"ada@example.com"},
                {"id":"2","created":"2026-12-07T03:20:06Z","eventTypeName":"FUTURE_CHANGE","apiKeyId":"6500000000000000000ae001","publicKey":"qpwnzcvd"}]"#,
        );
        assert_eq!(change_words(&changes[0], Lang::En), "Integration removed");
        assert_eq!(change_words(&changes[0], Lang::ZhCn), "移除了集成");
        assert_eq!(change_words(&changes[1], Lang::En), "FUTURE_CHANGE");
        assert_eq!(who(&changes[0], Lang::En), "ada@example.com");
        assert_eq!(who(&changes[1], Lang::En), "API key qpwnzcvd");
        assert_eq!(who(&changes[1], Lang::ZhCn), "API 密钥 qpwnzcvd");
    }

    #[test]
    fn every_kind_the_panel_names_has_its_place() {
        for (event_type, _, _) in CHANGE_WORDS {
            let kind = ChangeKind::of(event_type);
            assert!(kind.is_some(), "{event_type}");
            assert_eq!(kind.and_then(|kind| ChangeKind::from_tag(kind.tag())), kind);
        }
        assert_eq!(ChangeKind::of("REMOVED_FROM_TEAM"), Some(ChangeKind::Teams));
        assert_eq!(ChangeKind::of("FUTURE_CHANGE"), None);
        assert_eq!(ChangeKind::from_tag("all"), None);
    }
}
