//! The panel's answer parsing, compiled natively: any bytes become rows or a typed error,
//! never a panic, and never a secret longer than the mask and four characters.
#![no_main]

use atlas_panel::api::types::parse_page;
use atlas_panel::api::{ApiError, Integration, Team};
use atlas_panel::i18n::Lang;
use atlas_panel_common::mask::{is_secret_field, MASK};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(page) = parse_page::<Integration>(200, &text) {
        for integration in page.results {
            for setting in integration
                .settings
                .iter()
                .filter(|s| is_secret_field(&s.name))
            {
                if let Some(value) = setting.value.as_str() {
                    let shown = value.strip_prefix(MASK).unwrap_or(value);
                    assert!(
                        value.is_empty() || shown.chars().count() <= 4,
                        "{setting:?}"
                    );
                }
            }
        }
    }
    let _ = parse_page::<Team>(200, &text);
    let error = ApiError::from_response(502, &text, None);
    let _ = error.summary(Lang::En);
    let _ = error.summary(Lang::ZhCn);
});
