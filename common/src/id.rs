//! Atlas object IDs: 24 lowercase hex digits (`^([a-f0-9]{24})$`).

pub const ID_LEN: usize = 24;

/// Whether `value` is an Atlas project, organization or team ID.
pub fn is_atlas_id(value: &str) -> bool {
    value.len() == ID_LEN
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Why a typed ID was refused. The panel puts it into words, in the reader's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    NotHex,
    WrongLength,
    Uppercase,
}

/// Why `value` is not an Atlas ID, if it is not.
pub fn id_problem(value: &str) -> Option<IdProblem> {
    let value = value.trim();
    if value.is_empty() {
        Some(IdProblem::Empty)
    } else if !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some(IdProblem::NotHex)
    } else if value.len() != ID_LEN {
        Some(IdProblem::WrongLength)
    } else if !is_atlas_id(value) {
        Some(IdProblem::Uppercase)
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
        assert_eq!(id_problem("  "), Some(IdProblem::Empty));
        assert_eq!(
            id_problem("5F1A2B3C4D5E6F7A8B9C0D1E"),
            Some(IdProblem::Uppercase)
        );
        assert_eq!(id_problem("5f1a-2b3c"), Some(IdProblem::NotHex));
        assert_eq!(id_problem("5f1a2b"), Some(IdProblem::WrongLength));
        assert_eq!(id_problem("5F1A2B"), Some(IdProblem::WrongLength));
    }
}
