//! Serving the built panel: SPA fallback, caching by file kind, and security headers.

use std::path::Path;
use std::sync::Arc;

use atlas_panel_common::first_requests::first_requests;
use atlas_panel_common::site_config::SiteConfig;
use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;

/// The static site: files from `dir`, and the panel's page (status 200) for any other path,
/// so that every deep link opens the panel. The page is `index.html` with the policy in its
/// `<meta>` allowing the same origins as this proxy's header (the stricter of the two would
/// win), and the deep link's first API requests named for `boot.js` to send at once
/// (`first_requests`), read at each request, as a new build may replace it at any time.
/// `config` is the `config.json` the proxy writes, if it writes one; else the site's own is
/// read, as the panel will read it.
pub fn static_site(dir: &Path, extra_connect: Vec<String>, config: Option<SiteConfig>) -> Router {
    let index = dir.join("index.html");
    let site_config = dir.join("config.json");
    let extra_connect = Arc::new(extra_connect);
    let config = Arc::new(config);
    let serve_page = move |uri: Uri| {
        let (index, site_config) = (index.clone(), site_config.clone());
        let (extra_connect, config) = (extra_connect.clone(), config.clone());
        async move {
            let page = tokio::fs::read_to_string(&index)
                .await
                .map_err(|_| StatusCode::NOT_FOUND)?;
            let page = with_connect_src(&page, &extra_connect);
            let config = match config.as_ref() {
                Some(config) => Some(config.clone()),
                None => tokio::fs::read(&site_config)
                    .await
                    .ok()
                    .and_then(|bytes| serde_json::from_slice::<SiteConfig>(&bytes).ok()),
            };
            let page = match (config, site_base(&page)) {
                (Some(config), Some(base)) => {
                    let query = uri.query().unwrap_or("");
                    let urls = first_requests(uri.path(), query, &config, &base);
                    with_first_requests(&page, &urls, &config)
                }
                _ => page,
            };
            Ok::<_, StatusCode>(Html(page))
        }
    };
    // The release build writes each asset compressed beside it (`.br`, `.gz`, at the highest
    // levels, once): served as they are, they spare compressing 600 KB of wasm per request.
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(serve_page.clone().into_service());
    Router::new()
        .route("/", get(serve_page.clone()))
        .route("/index.html", get(serve_page.clone()))
        .route("/404.html", get(serve_page))
        .fallback_service(files)
        .layer(axum::middleware::from_fn(no_compressed_files))
}

/// The build's `.br` and `.gz` files are served in place of the files they compress, never by
/// their own names: asked for directly, they would be compressed again on the way out.
async fn no_compressed_files(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.ends_with(".br") || path.ends_with(".gz") {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

/// The page with `urls` on its boot script, for `boot.js` to send before the wasm has
/// arrived, and the API base and version they were named for: `boot.js` sends none when this
/// browser has chosen others on the Settings page. Attributes, not a script, so that the
/// policy needs no `'unsafe-inline'`. The page as it is when there are none, or when it has no
/// boot script (a build of its own).
fn with_first_requests(index_html: &str, urls: &[String], config: &SiteConfig) -> String {
    const BOOT: &str = "data-panel-js=";
    let Some(at) = index_html.find(BOOT).filter(|_| !urls.is_empty()) else {
        return index_html.to_string();
    };
    let attributes = format!(
        "data-preload=\"{}\" data-preload-api-base=\"{}\" data-preload-api-version=\"{}\" ",
        attribute_text(&urls.join(" ")),
        attribute_text(&config.api_base),
        config.api_version.tag(),
    );
    let mut page = index_html.to_string();
    page.insert_str(at, &attributes);
    page
}

/// The path the page's `<base href>` names, without its trailing slash (`""` at the root,
/// `/atlas` for a build under `/atlas/`): where the panel resolves its API base. `None` when the
/// page names none this can read.
fn site_base(index_html: &str) -> Option<String> {
    let rest = &index_html[index_html.find("<base href=")? + "<base href=".len()..];
    let value = match rest.strip_prefix('"') {
        Some(quoted) => &quoted[..quoted.find('"')?],
        None => &rest[..rest.find([' ', '>']).unwrap_or(rest.len())],
    };
    let base = value.strip_suffix('/')?;
    (base.is_empty() || base.starts_with('/')).then(|| base.to_string())
}

/// Text for a quoted HTML attribute value.
fn attribute_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const SELF_ONLY: &str = "connect-src 'self';";

/// Whether the page's policy has the `connect-src` that `static_site` extends.
pub fn can_extend_connect_src(index_html: &str) -> bool {
    index_html.contains(SELF_ONLY)
}

/// `index.html` whose `connect-src 'self';` also names `extra_connect`.
fn with_connect_src(index_html: &str, extra_connect: &[String]) -> String {
    if extra_connect.is_empty() {
        return index_html.to_string();
    }
    index_html.replacen(
        SELF_ONLY,
        &format!("connect-src 'self' {};", extra_connect.join(" ")),
        1,
    )
}

/// The Content-Security-Policy: the panel's own scripts and WebAssembly, its own styles, and
/// requests to its own origin plus any `extra_connect` origins (other proxies).
pub fn content_security_policy(extra_connect: &[String]) -> String {
    let mut connect = String::from("'self'");
    for origin in extra_connect {
        connect.push(' ');
        connect.push_str(origin);
    }
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src {connect}; manifest-src 'self'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Sets `Cache-Control` from what was asked for: hashed assets forever, the rest never.
pub async fn cache_control(request: Request, next: Next) -> Response {
    let policy = cache_policy(request.uri().path());
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

fn cache_policy(path: &str) -> &'static str {
    if path.starts_with("/api/") || path == "/healthz" {
        "no-store"
    } else if is_hashed_asset(path) {
        "private, max-age=31536000, immutable"
    } else {
        // index.html, config.json, boot.js, prefs.js and every deep link: always ask again.
        "no-cache"
    }
}

/// Trunk names built assets `name-<hash>[_bg].ext`, the hash in up to 16 hex digits (a leading zero is
/// not written).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (1..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_read_from_the_page_as_trunk_writes_it() {
        assert_eq!(site_base("<head><base href=/><link"), Some(String::new()));
        assert_eq!(site_base("<base href=/atlas/>"), Some("/atlas".to_string()));
        assert_eq!(
            site_base(r#"<base href="/atlas/" />"#),
            Some("/atlas".to_string())
        );
        assert_eq!(site_base("<title>no base</title>"), None);
        assert_eq!(site_base("<base href=https://x.example/>"), None);
    }

    #[test]
    fn caches_hashed_assets_only() {
        assert_eq!(
            cache_policy("/atlas-panel-1a2b3c4d5e6f7a8b_bg.wasm"),
            "private, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_policy("/atlas-panel-1a2b3c4d5e6f7a8b.js"),
            "private, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_policy("/main-0123456789abcdef.css"),
            "private, max-age=31536000, immutable"
        );
        // Trunk writes the hash without its leading zeros: 15 digits about one build in 16.
        assert_eq!(
            cache_policy("/atlas-panel-6bd8d09107fab4a_bg.wasm"),
            "private, max-age=31536000, immutable"
        );
        assert_eq!(cache_policy("/index.html"), "no-cache");
        assert_eq!(cache_policy("/config.json"), "no-cache");
        assert_eq!(cache_policy("/"), "no-cache");
        assert_eq!(
            cache_policy("/orgs/6500000000000000000000b1/teams"),
            "no-cache"
        );
        assert_eq!(
            cache_policy("/api/public/v1.0/orgs/6500000000000000000000b1/teams"),
            "no-store"
        );
    }

    #[test]
    fn the_page_s_own_policy_allows_the_same_other_proxies() {
        let page = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self'; base-uri 'self'">"#;
        assert_eq!(with_connect_src(page, &[]), page);
        assert_eq!(
            with_connect_src(page, &["https://a.example".into(), "http://b:9".into()]),
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self' https://a.example http://b:9; base-uri 'self'">"#
        );
    }

    #[test]
    fn the_policy_allows_wasm_and_nothing_inline() {
        let csp = content_security_policy(&["http://127.0.0.1:9000".to_string()]);
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("connect-src 'self' http://127.0.0.1:9000;"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
