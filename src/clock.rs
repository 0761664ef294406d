//! Times of day as the panel shows them ("as of 14:02:11", "数据时间 14:02:11").

use wasm_bindgen::JsValue;

use crate::i18n::{format_locale, Lang};

/// The browser's local time of day at `epoch_ms`, written the way `lang` writes it.
pub fn local_time_of_day(epoch_ms: f64, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    date.to_locale_time_string(&format_locale(lang)).into()
}
