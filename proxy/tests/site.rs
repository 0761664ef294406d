//! The proxy serving the built panel: files, deep links, caching, headers, demo config.
//! Asked in process: nothing here depends on the bytes on the wire.

mod common;

use common::InProcess;
use std::collections::HashMap;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><title>atlas-panel</title>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("atlas-panel-0123456789abcdef.js"),
        "export default 1;".repeat(100),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("atlas-panel-0123456789abcdef_bg.wasm"),
        [0u8, 97, 115, 109],
    )
    .unwrap();
    std::fs::write(dir.path().join("config.json"), r#"{"apiBase":"/api"}"#).unwrap();
    dir
}

/// The demo proxy serving `site()`; the directory lives as long as the returned guard.
fn demo_site() -> (tempfile::TempDir, InProcess) {
    let dir = site();
    let proxy = InProcess::new(
        &["--demo", "--static", dir.path().to_str().unwrap()],
        HashMap::new(),
    );
    (dir, proxy)
}

#[tokio::test]
async fn deep_links_get_index_html_with_200() {
    let (_dir, proxy) = demo_site();
    for path in [
        "/",
        "/index.html",
        "/orgs/6500000000000000000000b1/teams?pageNum=2",
        "/groups/x/integrations",
        "/settings",
    ] {
        let answer = proxy.get(path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert!(answer.body.contains("<title>atlas-panel</title>"), "{path}");
        assert_eq!(
            answer.header("cache-control").as_deref(),
            Some("no-cache"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let (_dir, proxy) = demo_site();
    let answer = proxy.get("/atlas-panel-0123456789abcdef.js").await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("cache-control").as_deref(),
        Some("private, max-age=31536000, immutable")
    );
    let wasm = proxy.get("/atlas-panel-0123456789abcdef_bg.wasm").await;
    assert_eq!(
        wasm.header("content-type").as_deref(),
        Some("application/wasm")
    );
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let (_dir, proxy) = demo_site();
    for path in [
        "/",
        "/orgs/x/teams",
        "/api/public/v1.0/orgs/6500000000000000000000b2/teams",
        "/api/nope",
    ] {
        let answer = proxy.get(path).await;
        let csp = answer.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(
            answer.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(
            answer.header("referrer-policy").as_deref(),
            Some("no-referrer")
        );
    }
}

#[tokio::test]
async fn compresses_what_the_browser_accepts() {
    let (_dir, proxy) = demo_site();
    let answer = proxy
        .request(
            "GET",
            "/atlas-panel-0123456789abcdef.js",
            &[("Accept-Encoding", "br")],
        )
        .await;
    assert_eq!(answer.header("content-encoding").as_deref(), Some("br"));
}

#[tokio::test]
async fn serves_the_build_s_own_compressed_files_as_they_are() {
    let (dir, proxy) = demo_site();
    let name = "atlas-panel-0123456789abcdef.js";
    std::fs::write(
        dir.path().join(format!("{name}.br")),
        "BROTLI-AT-BUILD-TIME",
    )
    .unwrap();
    std::fs::write(dir.path().join(format!("{name}.gz")), "GZIP-AT-BUILD-TIME").unwrap();
    for (accepted, encoding, body) in [
        ("br", "br", "BROTLI-AT-BUILD-TIME"),
        ("gzip, br", "br", "BROTLI-AT-BUILD-TIME"),
        ("gzip", "gzip", "GZIP-AT-BUILD-TIME"),
    ] {
        let answer = proxy
            .request("GET", &format!("/{name}"), &[("Accept-Encoding", accepted)])
            .await;
        assert_eq!(answer.status, 200, "{accepted}");
        // Not compressed again on the way out.
        assert_eq!(answer.body, body, "{accepted}");
        assert_eq!(answer.header("content-encoding").as_deref(), Some(encoding));
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some("text/javascript"),
            "{accepted}"
        );
        assert_eq!(
            answer.header("cache-control").as_deref(),
            Some("private, max-age=31536000, immutable"),
            "{accepted}"
        );
    }
    let plain = proxy.get(&format!("/{name}")).await;
    assert_eq!(plain.body, "export default 1;".repeat(100));
    // Never by their own names.
    for compressed in [format!("/{name}.br"), format!("/{name}.gz")] {
        assert_eq!(proxy.get(&compressed).await.status, 404, "{compressed}");
    }
}

#[tokio::test]
async fn the_demo_serves_its_own_config_with_sample_ids() {
    let (_dir, proxy) = demo_site();
    let answer = proxy.get("/config.json").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-cache"));
    let config = answer.json();
    assert_eq!(config["apiBase"], "api");
    assert_eq!(
        config["projects"][0]["id"],
        atlas_panel_proxy::demo::PROJECT_ALL_TYPES
    );
    assert_eq!(config["orgs"][0]["id"], atlas_panel_proxy::demo::ORG_LARGE);
}

#[tokio::test]
async fn healthz_answers_200() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let answer = proxy.get("/healthz").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, "ok");
}

/// A deep link's page names its first API requests on the boot script, for the API base and
/// version the panel will use: the proxy's own `config.json` in the demo, the site's otherwise.
#[tokio::test]
async fn a_deep_link_names_its_first_requests_on_the_boot_script() {
    let dir = site();
    let boot = r#"<!DOCTYPE html><title>atlas-panel</title><base href=/><script type="module" src="/boot.js" data-panel-js="/p.js" data-panel-wasm="/p.wasm"></script>"#;
    std::fs::write(dir.path().join("index.html"), boot).unwrap();
    let demo = InProcess::new(
        &["--demo", "--static", dir.path().to_str().unwrap()],
        HashMap::new(),
    );
    let project = "6500000000000000000d0003";
    let page = demo
        .get(&format!("/groups/{project}/integrations?pageNum=2"))
        .await
        .body;
    assert!(
        page.contains(&format!(r#"data-preload="/api/atlas/v1.0/groups/{project}/integrations?pageNum=2&amp;itemsPerPage=100&amp;includeCount=true "#)),
        "{page}"
    );
    assert!(
        page.contains(
            r#"data-preload-api-base="api" data-preload-api-version="v1" data-panel-js="/p.js""#
        ),
        "{page}"
    );
    for plain in [
        "/",
        "/settings",
        "/groups/not-an-id/integrations",
        "/orgs/6500000000000000000000c1",
    ] {
        assert_eq!(demo.get(plain).await.body, boot, "{plain}");
    }

    // Without the demo, the site's own config.json: `/api` (from `site()`), v1 by default.
    let proxy = InProcess::new(
        &[
            "--upstream",
            "http://127.0.0.1:9",
            "--static",
            dir.path().to_str().unwrap(),
        ],
        HashMap::from([
            ("MONGODB_ATLAS_PUBLIC_API_KEY".to_string(), "k".to_string()),
            ("MONGODB_ATLAS_PRIVATE_API_KEY".to_string(), "s".to_string()),
        ]),
    );
    let page = proxy.get(&format!("/groups/{project}/teams")).await.body;
    assert!(page.contains(r#"data-preload-api-base="/api""#), "{page}");
}
