//! HEAD answers say what the GET would send: the same length, no body.

mod common;

use common::{proxy, raw};
use std::collections::HashMap;

#[tokio::test]
async fn head_carries_the_length_of_the_get() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><title>atlas-panel</title>",
    )
    .unwrap();
    let addr = proxy(
        &["--demo", "--static", dir.path().to_str().unwrap()],
        HashMap::new(),
    )
    .await;
    let demo_answer = format!(
        "/api/atlas/v2/groups/{}/integrations",
        atlas_panel_proxy::demo::PROJECT_ALL_TYPES
    );
    for target in [demo_answer.as_str(), "/index.html"] {
        let got = raw(addr, "GET", target, &[]).await;
        let head = raw(addr, "HEAD", target, &[]).await;
        assert_eq!(got.status, 200, "{target}");
        assert_eq!(head.status, 200, "{target}");
        let length = got.header("content-length");
        assert_eq!(length, Some(got.body.len().to_string()), "{target}");
        assert_eq!(head.header("content-length"), length, "{target}");
        assert_eq!(head.body, "", "{target}");
    }
}
