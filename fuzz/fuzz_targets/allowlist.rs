//! No accepted request names a resource off the allowlist, whatever its encoding.
#![no_main]

use atlas_panel_common::id::is_atlas_id;
use atlas_panel_proxy::allowlist::check;
use libfuzzer_sys::fuzz_target;

/// `pattern` with `ids` in its `{…}` segments, in order.
fn fill(pattern: &str, ids: &[String]) -> String {
    let mut ids = ids.iter();
    pattern
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                ids.next().map_or("", String::as_str)
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fuzz_target!(|data: &[u8]| {
    let Ok(target) = std::str::from_utf8(data) else {
        return;
    };
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let Ok(allowed) = check(path, query) else {
        return;
    };
    // Accepted: the raw path is, to the byte, one of its row's paths with well-formed IDs, so
    // no decoding or normalising can make it name anything else.
    assert!(allowed.ids.iter().all(|id| is_atlas_id(id)));
    assert_eq!(
        allowed.ids.first().map_or("", String::as_str),
        allowed.owner_id
    );
    let expected: Vec<String> = allowed
        .endpoint
        .paths
        .iter()
        .map(|(_, pattern)| format!("/api{}", fill(pattern, &allowed.ids)))
        .collect();
    assert!(expected.iter().any(|p| p == path), "accepted {path:?}");
    let (sent_path, sent_query) = allowed
        .path_and_query
        .split_once('?')
        .unwrap_or((&allowed.path_and_query, ""));
    assert_eq!(sent_path, path);
    // A name filter goes out percent-encoded; nothing else needs encoding.
    assert!(
        !sent_query.contains(['#', '/', '\\', ' ', '+']),
        "sent query {sent_query:?}"
    );
    // What is sent upstream passes the same check, unchanged.
    assert_eq!(
        check(sent_path, Some(sent_query))
            .map(|a| a.path_and_query)
            .ok(),
        Some(allowed.path_and_query.clone())
    );
});
