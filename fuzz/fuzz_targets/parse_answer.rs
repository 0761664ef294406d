//! The panel's answer parsing, compiled natively: any bytes become rows or a typed error,
//! never a panic, and never a secret longer than the mask and four characters.
#![no_main]

use atlas_panel::api::types::parse_rows;
use atlas_panel::api::ApiError;
use atlas_panel::i18n::Lang;
use atlas_panel_common::endpoint::List;
use atlas_panel_common::mask::{is_secret_field, MASK};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(page) = parse_rows(List::Integrations, 200, &text) {
        for integration in page.results {
            let Some(Value::Object(settings)) = integration.get("settings") else {
                continue;
            };
            for (name, value) in settings.iter().filter(|(name, _)| is_secret_field(name)) {
                if let Some(value) = value.as_str() {
                    let shown = value.strip_prefix(MASK).unwrap_or(value);
                    assert!(
                        value.is_empty() || shown.chars().count() <= 4,
                        "{name}: {value}"
                    );
                }
            }
        }
    }
    for list in [List::Teams, List::TeamMembers, List::AlertConfigs, List::Project] {
        let _ = parse_rows(list, 200, &text);
    }
    let error = ApiError::from_response(502, &text, None);
    let _ = error.summary(Lang::En);
    let _ = error.summary(Lang::ZhCn);
});
