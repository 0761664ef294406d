//! No accepted request names a resource off the allowlist, whatever its encoding.
#![no_main]

use atlas_panel_common::id::is_atlas_id;
use atlas_panel_proxy::allowlist::check;
use libfuzzer_sys::fuzz_target;

const TEMPLATES: [(&str, &str); 5] = [
    ("/api/atlas/v1.0/groups/", "/integrations"),
    ("/api/atlas/v2/groups/", "/integrations"),
    ("/api/public/v1.0/orgs/", "/teams"),
    ("/api/atlas/v1.0/orgs/", "/teams"),
    ("/api/atlas/v2/orgs/", "/teams"),
];

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
    // Accepted: the raw path is, to the byte, one of the five lists of one well-formed ID,
    // so no decoding or normalising can make it name anything else.
    assert!(is_atlas_id(&allowed.owner_id));
    let expected: Vec<String> = TEMPLATES
        .iter()
        .map(|(head, tail)| format!("{head}{}{tail}", allowed.owner_id))
        .collect();
    assert!(expected.iter().any(|p| p == path), "accepted {path:?}");
    let (sent_path, sent_query) = allowed
        .path_and_query
        .split_once('?')
        .unwrap_or((&allowed.path_and_query, ""));
    assert_eq!(sent_path, path);
    assert!(
        !sent_query.contains(['%', '#', '/', '\\', ' ']),
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
