//! Times of day as the panel shows them ("as of 14:02:11", "数据时间 14:02:11").

use wasm_bindgen::JsValue;

/// The browser's local time of day at `epoch_ms`, written the way `locale` (`zh-CN`) writes it.
pub fn local_time_of_day(epoch_ms: f64, locale: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    date.to_locale_time_string(locale).into()
}

/// The browser's first time format in a page loads its locale data, some 35 ms on our machine
/// (`docs/performance.md`). Paid here, while `config.json` is on its way, it is not paid when
/// the first table is drawn.
pub fn prepare_formatting(locale: &str) {
    local_time_of_day(js_sys::Date::now(), locale);
}
