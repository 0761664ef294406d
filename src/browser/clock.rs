//! Times and dates as the panel shows them ("as of 14:02:11", "数据时间 14:02:11", "5/1/2023").

use wasm_bindgen::JsValue;

/// The browser's local time of day at `epoch_ms`, written the way `locale` (`zh-CN`) writes it.
pub fn local_time_of_day(epoch_ms: f64, locale: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    date.to_locale_time_string(locale).into()
}

/// The browser's local date of an ISO 8601 date-time (`2023-05-01T08:00:00Z`), written the
/// way `locale` writes dates; `None` for text that is no date.
pub fn local_date(iso: &str, locale: &str) -> Option<String> {
    local(iso, |date| {
        date.to_locale_date_string(locale, &JsValue::UNDEFINED)
    })
}

/// The browser's local date and time of an ISO 8601 date-time, written the way `locale` writes
/// them (`10/1/2026, 9:30:00 AM`, `2026/10/1 09:30:00`); `None` for text that is no date.
pub fn local_date_time(iso: &str, locale: &str) -> Option<String> {
    local(iso, |date| {
        date.to_locale_string(locale, &JsValue::UNDEFINED)
    })
}

fn local(iso: &str, write: impl Fn(&js_sys::Date) -> js_sys::JsString) -> Option<String> {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    (!date.get_time().is_nan()).then(|| write(&date).into())
}

/// The browser's first time format in a page loads its locale data, some 35 ms on our machine
/// (`docs/performance.md`). Paid here, in the first frame after the page has asked for its
/// list, it is paid while the answer travels and not when the first table is drawn. (It delays
/// that frame's "Loading…" by as much.)
pub fn prepare_formatting(locale: &str) {
    local_time_of_day(js_sys::Date::now(), locale);
}
