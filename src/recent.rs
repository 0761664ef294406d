//! Recently opened project and organization IDs, offered again on the home page.

use atlas_panel_common::endpoint::Owner;
use atlas_panel_common::id::is_atlas_id;

use crate::browser::storage;

const KEEP: usize = 5;

/// Where `owner`'s IDs are kept; the estate has no ID to keep.
fn storage_key(owner: Owner) -> Option<&'static str> {
    match owner {
        Owner::Project => Some("atlas-panel.recent.projects"),
        Owner::Organization => Some("atlas-panel.recent.orgs"),
        Owner::Estate => None,
    }
}

pub fn recent_ids(owner: Owner) -> Vec<String> {
    storage_key(owner)
        .and_then(storage::load)
        .map(|text| ids_in(&text))
        .unwrap_or_default()
}

/// The IDs kept as a JSON array of strings. An ID is 24 hexadecimal digits, so the array is
/// read as hexadecimal runs between anything else, and anything not an ID is dropped.
fn ids_in(stored: &str) -> Vec<String> {
    stored
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|id| is_atlas_id(id))
        .take(KEEP)
        .map(String::from)
        .collect()
}

/// `["5f…","6a…"]`: IDs need no escaping.
fn stored_form(ids: &[String]) -> String {
    format!("[\"{}\"]", ids.join("\",\""))
}

pub fn remember(owner: Owner, id: &str) {
    let Some(key) = storage_key(owner).filter(|_| is_atlas_id(id)) else {
        return;
    };
    let ids = with_first(recent_ids(owner), id);
    storage::save(key, &stored_form(&ids));
}

/// `id` first, then the others, without repeats, at most `KEEP`.
fn with_first(mut ids: Vec<String>, id: &str) -> Vec<String> {
    ids.retain(|known| known != id);
    ids.insert(0, id.to_string());
    ids.truncate(KEEP);
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_repeats_and_bounded() {
        let ids: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        assert_eq!(with_first(ids.clone(), "c"), ["c", "a", "b", "d", "e"]);
        assert_eq!(with_first(ids, "f"), ["f", "a", "b", "c", "d"]);
        assert_eq!(with_first(vec![], "a"), ["a"]);
    }

    #[test]
    fn kept_as_a_json_array_and_read_back() {
        let ids: Vec<String> = ["5f1a2b3c4d5e6f7a8b9c0d1e", "6f1a2b3c4d5e6f7a8b9c0d1e"]
            .map(String::from)
            .to_vec();
        let stored = stored_form(&ids);
        assert_eq!(serde_json::from_str::<Vec<String>>(&stored).unwrap(), ids);
        assert_eq!(ids_in(&stored), ids);
    }

    #[test]
    fn drops_what_is_not_an_id() {
        assert_eq!(
            ids_in(r#"["5f1a2b3c4d5e6f7a8b9c0d1e","<script>","5F1A2B3C4D5E6F7A8B9C0D1E","abc"]"#),
            ["5f1a2b3c4d5e6f7a8b9c0d1e"]
        );
        assert!(ids_in("not json").is_empty());
    }
}
