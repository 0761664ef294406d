//! What things are called on screen, in English and Chinese: integration types, field names
//! and values.

use serde_json::Value;

use crate::i18n::Lang;

/// What a project or team is called in a link: its name, or its ID when it has none (a link
/// needs words).
pub fn name_or_id<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.is_empty() {
        id
    } else {
        name
    }
}

/// Upstream text in a class attribute: only letters, digits and dashes, one token.
pub fn class_token(text: &str) -> String {
    text.chars()
        .map(|ch| match ch {
            'a'..='z' | '0'..='9' => ch,
            'A'..='Z' => ch.to_ascii_lowercase(),
            _ => '-',
        })
        .collect()
}

/// A setting's value as the table shows it.
pub fn display_value(value: &Value, lang: Lang) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Bool(true) => lang.pick("Yes", "是").to_string(),
        Value::Bool(false) => lang.pick("No", "否").to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The name the Atlas UI gives an integration type; unknown types keep their API name.
pub fn integration_type_name(kind: &str) -> &str {
    match kind {
        "PAGER_DUTY" => "PagerDuty",
        "SLACK" => "Slack",
        "DATADOG" => "Datadog",
        "OPS_GENIE" => "Opsgenie",
        "VICTOR_OPS" => "VictorOps",
        "WEBHOOK" => "Webhook",
        "MICROSOFT_TEAMS" => "Microsoft Teams",
        "PROMETHEUS" => "Prometheus",
        "NEW_RELIC" => "New Relic",
        "FLOWDOCK" => "Flowdock",
        "HIP_CHAT" => "HipChat",
        other => other,
    }
}

/// The roles Atlas names, with the names its UI gives them in English and in Chinese.
const ROLE_NAMES: [(&str, &str, &str); 18] = [
    ("ORG_OWNER", "Organization Owner", "组织所有者"),
    (
        "ORG_GROUP_CREATOR",
        "Organization Project Creator",
        "组织项目创建者",
    ),
    (
        "ORG_BILLING_ADMIN",
        "Organization Billing Admin",
        "组织账单管理员",
    ),
    (
        "ORG_BILLING_READ_ONLY",
        "Organization Billing Viewer",
        "组织账单查看者",
    ),
    (
        "ORG_STREAM_PROCESSING_ADMIN",
        "Organization Stream Processing Admin",
        "组织流处理管理员",
    ),
    ("ORG_READ_ONLY", "Organization Read Only", "组织只读"),
    ("ORG_MEMBER", "Organization Member", "组织成员"),
    ("GROUP_OWNER", "Project Owner", "项目所有者"),
    (
        "GROUP_CLUSTER_MANAGER",
        "Project Cluster Manager",
        "项目集群管理员",
    ),
    (
        "GROUP_DATA_ACCESS_ADMIN",
        "Project Data Access Admin",
        "项目数据访问管理员",
    ),
    (
        "GROUP_DATA_ACCESS_READ_WRITE",
        "Project Data Access Read/Write",
        "项目数据访问读写",
    ),
    (
        "GROUP_DATA_ACCESS_READ_ONLY",
        "Project Data Access Read Only",
        "项目数据访问只读",
    ),
    ("GROUP_READ_ONLY", "Project Read Only", "项目只读"),
    (
        "GROUP_SEARCH_INDEX_EDITOR",
        "Project Search Index Editor",
        "项目搜索索引编辑者",
    ),
    (
        "GROUP_STREAM_PROCESSING_OWNER",
        "Project Stream Processing Owner",
        "项目流处理所有者",
    ),
    (
        "GROUP_BACKUP_MANAGER",
        "Project Backup Manager",
        "项目备份管理员",
    ),
    (
        "GROUP_OBSERVABILITY_VIEWER",
        "Project Observability Viewer",
        "项目可观测性查看者",
    ),
    (
        "GROUP_DATABASE_ACCESS_ADMIN",
        "Project Database Access Admin",
        "项目数据库访问管理员",
    ),
];

/// The name the Atlas UI gives a role (`GROUP_OWNER` → "Project Owner"); a role newer than
/// the panel keeps its API name.
pub fn role_name(role: &str, lang: Lang) -> &str {
    ROLE_NAMES
        .iter()
        .find(|(api, _, _)| *api == role)
        .map_or(role, |(_, en, zh)| lang.pick(*en, *zh))
}

/// Roles by name, in the order given: "Project Owner, Project Read Only".
pub fn role_names(roles: &[String], lang: Lang) -> String {
    let names: Vec<&str> = roles.iter().map(|role| role_name(role, lang)).collect();
    names.join(lang.pick(", ", "、"))
}

/// What a field is called on screen: a known field in either language, any other in words
/// made from its API name.
pub fn field_label(name: &str, lang: Lang) -> String {
    match (lang, chinese_field_label(name)) {
        (Lang::ZhCn, Some(label)) => label.to_string(),
        _ => field_words(name),
    }
}

fn chinese_field_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "id" => "ID",
        "name" => "名称",
        "region" => "区域",
        "serviceKey" => "服务密钥",
        "routingKey" => "路由密钥",
        "apiKey" => "API 密钥",
        "apiToken" => "API 令牌",
        "licenseKey" => "许可证密钥",
        "readToken" => "读取令牌",
        "writeToken" => "写入令牌",
        "accountId" => "账户 ID",
        "channelName" => "频道名称",
        "teamName" => "团队名称",
        "orgName" => "组织名称",
        "flowName" => "流名称",
        "url" => "URL",
        "secret" => "密钥",
        "microsoftTeamsWebhookUrl" => "Microsoft Teams Webhook URL",
        "username" => "用户名",
        "password" => "密码",
        "scheme" => "协议",
        "serviceDiscovery" => "服务发现",
        "enabled" => "已启用",
        "listenAddress" => "监听地址",
        "tlsPemPath" => "TLS PEM 路径",
        "sendCollectionLatencyMetrics" => "发送集合延迟指标",
        "sendDatabaseMetrics" => "发送数据库指标",
        "sendQueryStatsMetrics" => "发送查询统计指标",
        "sendUserProvidedResourceTags" => "发送用户提供的资源标签",
        "sendUserProvidedResourceTagsEnabled" => "启用发送用户提供的资源标签",
        _ => return None,
    })
}

/// `microsoftTeamsWebhookUrl` → `Microsoft teams webhook URL`. API field names are ASCII, and
/// ASCII case rules keep Unicode's case tables (tens of KiB) out of the bundle.
fn field_words(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for ch in name.chars() {
        if ch == '_' {
            words.push(String::new());
        } else if ch.is_ascii_uppercase() || words.is_empty() {
            words.push(ch.to_ascii_lowercase().to_string());
        } else if let Some(word) = words.last_mut() {
            word.push(ch);
        }
    }
    let words: Vec<String> = words
        .into_iter()
        .filter(|word| !word.is_empty())
        .map(|word| match word.as_str() {
            "api" | "url" | "id" => word.to_ascii_uppercase(),
            _ => word,
        })
        .collect();
    let mut label = words.join(" ");
    if let Some(first) = label.get(..1) {
        label = first.to_ascii_uppercase() + &label[1..];
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_types_as_the_atlas_ui_does() {
        assert_eq!(integration_type_name("MICROSOFT_TEAMS"), "Microsoft Teams");
        assert_eq!(integration_type_name("OPS_GENIE"), "Opsgenie");
        assert_eq!(integration_type_name("CARRIER_PIGEON"), "CARRIER_PIGEON");
    }

    #[test]
    fn labels_fields_in_words() {
        let en = |name| field_label(name, Lang::En);
        assert_eq!(
            en("microsoftTeamsWebhookUrl"),
            "Microsoft teams webhook URL"
        );
        assert_eq!(en("channelName"), "Channel name");
        assert_eq!(en("apiToken"), "API token");
        assert_eq!(en("accountId"), "Account ID");
        assert_eq!(en("url"), "URL");
        assert_eq!(en("snake_case_name"), "Snake case name");
        assert_eq!(en(""), "");
        assert_eq!(field_label("channelName", Lang::ZhCn), "频道名称");
        assert_eq!(field_label("someNewField", Lang::ZhCn), "Some new field");
    }

    #[test]
    fn names_roles_as_the_atlas_ui_does_and_keeps_new_ones_as_they_are() {
        assert_eq!(role_name("GROUP_OWNER", Lang::En), "Project Owner");
        assert_eq!(role_name("GROUP_READ_ONLY", Lang::En), "Project Read Only");
        assert_eq!(role_name("ORG_MEMBER", Lang::ZhCn), "组织成员");
        assert_eq!(
            role_name("GROUP_FUTURE_ROLE", Lang::En),
            "GROUP_FUTURE_ROLE"
        );
        let roles = ["GROUP_OWNER".to_string(), "GROUP_FUTURE_ROLE".to_string()];
        assert_eq!(
            role_names(&roles, Lang::En),
            "Project Owner, GROUP_FUTURE_ROLE"
        );
        assert_eq!(
            role_names(&roles, Lang::ZhCn),
            "项目所有者、GROUP_FUTURE_ROLE"
        );
        assert_eq!(role_names(&[], Lang::En), "");
    }

    #[test]
    fn shows_yes_and_no_in_the_reader_s_language() {
        assert_eq!(display_value(&Value::Bool(true), Lang::ZhCn), "是");
        assert_eq!(display_value(&Value::Bool(false), Lang::En), "No");
        assert_eq!(display_value(&Value::Null, Lang::En), "");
    }
}
