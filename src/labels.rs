//! What things are called on screen, in English and Chinese: integration types, field names
//! and values.

use serde_json::Value;

use crate::i18n::Lang;

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
    fn shows_yes_and_no_in_the_reader_s_language() {
        assert_eq!(display_value(&Value::Bool(true), Lang::ZhCn), "是");
        assert_eq!(display_value(&Value::Bool(false), Lang::En), "No");
        assert_eq!(display_value(&Value::Null, Lang::En), "");
    }
}
