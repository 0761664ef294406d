//! Times of day as the panel shows them ("as of 14:02:11").

use wasm_bindgen::JsValue;

/// The browser's local time of day at `epoch_ms`.
pub fn local_time_of_day(epoch_ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    time_of_day(date.get_hours(), date.get_minutes(), date.get_seconds())
}

pub fn time_of_day(hours: u32, minutes: u32, seconds: u32) -> String {
    format!("{hours:02}:{minutes:02}:{seconds:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn pads_to_two_digits() {
        assert_eq!(super::time_of_day(9, 5, 0), "09:05:00");
        assert_eq!(super::time_of_day(23, 59, 59), "23:59:59");
    }
}
