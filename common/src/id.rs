//! Atlas object IDs: 24 lowercase hex digits (`^([a-f0-9]{24})$`).

pub const ID_LEN: usize = 24;

/// Whether `value` is an Atlas project, organization or team ID.
pub fn is_atlas_id(value: &str) -> bool {
    value.len() == ID_LEN
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Why a typed ID was refused, in words an operator can act on.
pub fn id_problem(value: &str) -> Option<&'static str> {
    let value = value.trim();
    if value.is_empty() {
        Some("Enter an ID: 24 hexadecimal digits.")
    } else if !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some("An ID holds only the digits 0–9 and the letters a–f.")
    } else if value.len() != ID_LEN {
        Some("An ID is exactly 24 characters long.")
    } else if !is_atlas_id(value) {
        Some("Atlas IDs use lowercase letters only (a–f).")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_24_lowercase_hex_digits() {
        assert!(is_atlas_id("5f1a2b3c4d5e6f7a8b9c0d1e"));
        assert!(!is_atlas_id("5F1A2B3C4D5E6F7A8B9C0D1E"));
        assert!(!is_atlas_id("5f1a2b3c4d5e6f7a8b9c0d1"));
        assert!(!is_atlas_id("5f1a2b3c4d5e6f7a8b9c0d1e0"));
        assert!(!is_atlas_id("5f1a2b3c4d5e6f7a8b9c0d1g"));
        assert!(!is_atlas_id(""));
        assert!(!is_atlas_id("../../../../../../etc/pas"));
        // 24 bytes, but not 24 ASCII hex digits.
        assert!(!is_atlas_id("5f1a2b3c4d5e6f7a8b9c0dé"));
    }

    #[test]
    fn explains_each_kind_of_refusal() {
        assert_eq!(id_problem("5f1a2b3c4d5e6f7a8b9c0d1e"), None);
        assert_eq!(
            id_problem("  "),
            Some("Enter an ID: 24 hexadecimal digits.")
        );
        assert_eq!(
            id_problem("5F1A2B3C4D5E6F7A8B9C0D1E"),
            Some("Atlas IDs use lowercase letters only (a–f).")
        );
        assert_eq!(
            id_problem("5f1a-2b3c"),
            Some("An ID holds only the digits 0–9 and the letters a–f.")
        );
        assert_eq!(
            id_problem("5f1a2b"),
            Some("An ID is exactly 24 characters long.")
        );
        assert_eq!(
            id_problem("5F1A2B"),
            Some("An ID is exactly 24 characters long.")
        );
    }
}
