//! No input ever yields more than four of a secret's characters.
#![no_main]

use atlas_panel_common::mask::{mask_secret, mask_secrets_in, MASK};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let masked = mask_secret(&text);
    if !text.is_empty() {
        let tail = masked.strip_prefix(MASK).expect("the mask comes first");
        assert!(tail.chars().count() <= 4);
        assert!(text.ends_with(tail));
    }
    assert_eq!(mask_secret(&masked), masked);

    // Any JSON: masking twice is masking once.
    if let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(data) {
        mask_secrets_in(&mut value);
        let once = value.clone();
        mask_secrets_in(&mut value);
        assert_eq!(value, once);
    }
});
