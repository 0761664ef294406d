//! The whole service as one Router: API, health, config, metrics, static site, and the
//! layers around them.

use std::sync::Arc;

use atlas_panel_common::site_config::SiteConfig;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::routing::{any, get};
use axum::{middleware, Json, Router};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

use crate::cli::Options;
use crate::logsafe::LogSafe;
use crate::start_error::StartError;
use crate::state::{Answerer, AppState};
use crate::{access, api, demo, metrics, site};

const MAX_REQUEST_BODY_BYTES: usize = 16 * 1024;
/// The panel's `config.json` names the proxy relative to the site's base.
const PANEL_API_BASE: &str = "api";

pub fn app(options: &Options, state: AppState) -> Result<Router, StartError> {
    let access = state.access.clone();
    let metrics = state.metrics.clone();
    let config = if !state.scope.is_open() {
        Some(state.scope.site_config(PANEL_API_BASE))
    } else if matches!(state.answerer, Answerer::Demo(_)) {
        Some(demo::site_config(PANEL_API_BASE))
    } else {
        None
    }
    .map(|config| SiteConfig {
        api_version: options.api_version,
        ..config
    });
    let api = Router::new()
        .route("/api", any(api::list))
        .route("/api/", any(api::list))
        .route("/api/{*rest}", any(api::list))
        .with_state(Arc::new(state));
    let mut app = Router::new().merge(api);
    if let Some(config) = config.clone() {
        app = app.route("/config.json", get(move || async move { Json(config) }));
    }
    if options.metrics_listen.is_none() {
        app = app.route(
            "/metrics",
            get(metrics::serve_metrics).with_state(metrics.clone()),
        );
    }
    app = match &options.static_dir {
        Some(dir) => {
            let page = std::fs::read_to_string(dir.join("index.html"))
                .map_err(|_| StartError::NoIndex(dir.display().to_string()))?;
            let connect = checked_origins(&options.connect_origins)?;
            if !connect.is_empty() && !site::can_extend_connect_src(&page) {
                tracing::warn!(
                    "{}/index.html has no `connect-src 'self';` to extend: its own policy may \
                     block --connect-src",
                    dir.display()
                );
            }
            app.merge(site::static_site(dir, connect, config))
        }
        None => app.fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "atlas-panel-proxy serves the panel only with --static DIR\n",
            )
        }),
    };
    // Everything but /healthz obeys the access mode.
    let app = app
        .layer(middleware::from_fn_with_state(
            access,
            access::require_access,
        ))
        .route("/healthz", get(|| async { "ok" }));

    let csp = HeaderValue::try_from(site::content_security_policy(&checked_origins(
        &options.connect_origins,
    )?))
    .map_err(|_| StartError::BadOrigin(options.connect_origins.join(" ")))?;
    let cors = if options.allow_origins.is_empty() {
        None
    } else {
        Some(cors(&checked_origins(&options.allow_origins)?))
    };
    let hsts = options.tls_cert.is_some().then(|| {
        SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        )
    });
    // Outermost first: the log line and the count see every answer, as it finally went out.
    Ok(app.layer(
        ServiceBuilder::new()
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(|request: &Request| {
                        tracing::info_span!(
                            "request",
                            method = %request.method(),
                            path = %LogSafe(request.uri().path()),
                            user = tracing::field::Empty,
                        )
                    })
                    .on_request(())
                    .on_failure(())
                    .on_response(
                        DefaultOnResponse::new()
                            .level(Level::INFO)
                            .latency_unit(LatencyUnit::Millis),
                    ),
            )
            .layer(middleware::from_fn_with_state(
                metrics,
                metrics::count_requests,
            ))
            .option_layer(cors)
            .option_layer(hsts)
            .layer(SetResponseHeaderLayer::overriding(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("DENY"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                csp,
            ))
            .layer(CompressionLayer::new())
            .layer(middleware::from_fn(site::cache_control))
            // Nothing the proxy serves takes a request body.
            .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BODY_BYTES)),
    ))
}

fn checked_origins(origins: &[String]) -> Result<Vec<String>, StartError> {
    origins
        .iter()
        .map(|origin| {
            let parsed =
                reqwest::Url::parse(origin).map_err(|_| StartError::BadOrigin(origin.clone()))?;
            // Only what an origin needs: it is written into a header and into the page's
            // <meta>, where a quote or a semicolon would end the attribute or the directive.
            let plain = origin
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:/[]".contains(&b));
            let bare = plain
                && matches!(parsed.scheme(), "http" | "https")
                && parsed.path() == "/"
                && parsed.query().is_none()
                && parsed.fragment().is_none()
                && parsed.username().is_empty();
            if !bare || origin.ends_with('/') {
                return Err(StartError::BadOrigin(origin.clone()));
            }
            Ok(origin.clone())
        })
        .collect()
}

fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::ACCEPT, header::CACHE_CONTROL, header::AUTHORIZATION])
        .expose_headers([
            header::RETRY_AFTER,
            header::AGE,
            HeaderName::from_static("ratelimit-limit"),
            HeaderName::from_static("ratelimit-remaining"),
            HeaderName::from_static("x-cache"),
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_bare_and_cannot_break_out_of_a_policy() {
        let ok = checked_origins(&["https://proxy.example:8443".into(), "http://[::1]:9".into()]);
        assert_eq!(ok.unwrap().len(), 2);
        for bad in [
            "https://proxy.example/",
            "https://proxy.example/api",
            "https://a.example\"onload=x",
            "https://a.example;script-src",
            "https://a.example%22",
            "https://user@a.example",
            "ftp://a.example",
        ] {
            assert!(checked_origins(&[bad.to_string()]).is_err(), "{bad}");
        }
    }
}
