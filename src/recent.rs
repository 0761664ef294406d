//! Recently opened project and organization IDs, offered again on the home page.

use atlas_panel_common::id::is_atlas_id;

use crate::storage;

const KEEP: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecentKind {
    Projects,
    Orgs,
}

impl RecentKind {
    fn storage_key(self) -> &'static str {
        match self {
            RecentKind::Projects => "atlas-panel.recent.projects",
            RecentKind::Orgs => "atlas-panel.recent.orgs",
        }
    }
}

pub fn recent_ids(kind: RecentKind) -> Vec<String> {
    storage::load(kind.storage_key())
        .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|id| is_atlas_id(id))
        .take(KEEP)
        .collect()
}

pub fn remember(kind: RecentKind, id: &str) {
    if !is_atlas_id(id) {
        return;
    }
    let ids = with_first(recent_ids(kind), id);
    if let Ok(text) = serde_json::to_string(&ids) {
        storage::save(kind.storage_key(), &text);
    }
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
}
