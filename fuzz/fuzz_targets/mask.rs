//! No input ever yields more than four of a secret's characters or of a phone number's
//! digits, and the proxy's one-pass scan lets no field to mask through unmasked.
#![no_main]

use atlas_panel_common::mask::{
    is_masked_field, json_holds_secret_field, mask_phone_number, mask_secret, mask_secrets_in,
    MASK,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let masked = mask_secret(&text);
    if !text.is_empty() {
        let tail = masked.strip_prefix(MASK).expect("the mask comes first");
        assert!(tail.chars().count() <= 4);
        assert!(text.ends_with(tail));
    }
    assert_eq!(mask_secret(&masked), masked);

    let phone = mask_phone_number(&text);
    if !text.is_empty() {
        let tail = phone.strip_prefix(MASK).expect("the mask comes first");
        assert!(tail.len() <= 4 && tail.bytes().all(|b| b.is_ascii_digit()));
    }
    assert_eq!(mask_phone_number(&phone), phone);

    // The scan and the parser agree on what is JSON; what the scan passes unmasked has no
    // secret or phone number field at any depth.
    let parsed = serde_json::from_slice::<Value>(data);
    match json_holds_secret_field(data) {
        Err(_) => assert!(parsed.is_err()),
        Ok(holds) => {
            let value = parsed.as_ref().expect("the scan took it for JSON");
            assert!(holds || !has_secret_name(value));
        }
    }

    // Any JSON: masking twice is masking once.
    if let Ok(mut value) = parsed {
        mask_secrets_in(&mut value);
        let once = value.clone();
        mask_secrets_in(&mut value);
        assert_eq!(value, once);
    }
});

fn has_secret_name(value: &Value) -> bool {
    match value {
        Value::Object(fields) => fields
            .iter()
            .any(|(name, field)| is_masked_field(name) || has_secret_name(field)),
        Value::Array(items) => items.iter().any(has_secret_name),
        _ => false,
    }
}
