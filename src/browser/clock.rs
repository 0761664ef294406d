//! Times of day as the panel shows them ("as of 14:02:11", "数据时间 14:02:11").

use wasm_bindgen::JsValue;

use crate::i18n::{format_locale, Lang};

/// The browser's local time of day at `epoch_ms`, written the way `lang` writes it.
pub fn local_time_of_day(epoch_ms: f64, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    date.to_locale_time_string(&format_locale(lang)).into()
}

/// The browser's first time format in a page loads its locale data, some 35 ms on our machine
/// (`docs/performance.md`). Paid here, while `config.json` is on its way, it is not paid when
/// the first table is drawn.
pub fn prepare_formatting(lang: Lang) {
    local_time_of_day(js_sys::Date::now(), lang);
}
