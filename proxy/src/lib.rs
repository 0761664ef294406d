//! atlas-panel-proxy: the only holder of Atlas credentials between the panel and Atlas.

pub mod access;
pub mod api;
pub mod allowlist;
pub mod auth;
pub mod cache;
pub mod cli;
pub mod demo;
pub mod error;
pub mod limits;
pub mod metrics;
pub mod site;
pub mod upstream;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::routing::{any, get};
use axum::{middleware, Json, Router};
use thiserror::Error;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

use access::{Access, AccessError};
use allowlist::{IdScope, ScopeError};
use auth::{Credentials, CredentialsError};
use cache::AnswerCache;
use cli::Options;
use upstream::Upstream;
use metrics::Metrics;

pub const DEFAULT_UPSTREAM: &str = "https://cloud.mongodb.com";
pub const UPSTREAM_VAR: &str = "MONGODB_ATLAS_BASE_URL";
/// The largest upstream answer read; a page of 500 integrations is far below it.
pub const MAX_UPSTREAM_BODY_BYTES: usize = 8 * 1024 * 1024;
const MAX_REQUEST_BODY_BYTES: usize = 16 * 1024;
/// The panel's `config.json` names the proxy relative to the site's base.
const PANEL_API_BASE: &str = "api";

/// Where answers come from.
pub enum Answerer {
    Demo(demo::DemoEstate),
    Atlas(Upstream),
}

pub struct AppState {
    pub answerer: Answerer,
    pub access: Arc<Access>,
    pub scope: IdScope,
    pub cache: AnswerCache,
    pub metrics: Arc<Metrics>,
}

#[derive(Debug, Error)]
pub enum StartError {
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Scope(#[from] ScopeError),
    #[error("--upstream must be an http:// or https:// URL with no query or fragment, not {0:?}")]
    BadUpstream(String),
    #[error(
        "--allow-origin and --connect-src take origins such as https://intranet.example, not {0:?}"
    )]
    BadOrigin(String),
    #[error("--static {0}: no index.html there (build the panel first: scripts/build)")]
    NoIndex(String),
    #[error("--metrics-listen {0}: metrics are served open, so only on a loopback address")]
    MetricsNotLoopback(String),
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
    #[error("--tls-cert/--tls-key: {0}")]
    Tls(std::io::Error),
    #[error("cannot listen on {0}: {1}")]
    Listen(String, std::io::Error),
}

/// What the proxy will do, said in its start-up line.
pub fn describe_mode(state: &AppState) -> String {
    let source = match &state.answerer {
        Answerer::Demo(_) => "demo estate (no Atlas account used)".to_string(),
        Answerer::Atlas(upstream) => format!("forwarding to {}", upstream.base()),
    };
    let scope = if state.scope.is_open() {
        "any project or organization".to_string()
    } else {
        format!(
            "only {} projects and {} organizations",
            state.scope.projects.len(),
            state.scope.orgs.len()
        )
    };
    format!("{source}; {}; {scope}", state.access.describe())
}

/// Builds the state from the options and the environment (`var` reads one variable).
pub fn state(
    options: &Options,
    var: impl Fn(&str) -> Option<String>,
) -> Result<AppState, StartError> {
    let access = Arc::new(Access::new(
        options.listen.ip(),
        options.auth_header.as_deref(),
        &options.trusted_proxies,
        options.users.as_deref(),
        options.allow_anonymous,
    )?);
    let scope = IdScope::new(
        &options.allow_projects,
        &options.allow_orgs,
        options.allow_ids.as_deref(),
    )?;
    if let Some(addr) = options
        .metrics_listen
        .filter(|addr| !addr.ip().is_loopback())
    {
        return Err(StartError::MetricsNotLoopback(addr.to_string()));
    }
    let answerer = if options.demo {
        Answerer::Demo(demo::DemoEstate::default())
    } else {
        Answerer::Atlas(upstream(options, &var)?)
    };
    Ok(AppState {
        answerer,
        access,
        scope,
        cache: AnswerCache::new(Duration::from_secs(options.cache_ttl)),
        metrics: Arc::new(Metrics::default()),
    })
}

fn upstream(
    options: &Options,
    var: &impl Fn(&str) -> Option<String>,
) -> Result<Upstream, StartError> {
    let credentials = Credentials::from_env(var)?;
    let base = options
        .upstream
        .clone()
        .or_else(|| var(UPSTREAM_VAR).filter(|v| !v.is_empty()))
        .unwrap_or_else(|| DEFAULT_UPSTREAM.to_string());
    let parsed = reqwest::Url::parse(&base).map_err(|_| StartError::BadUpstream(base.clone()))?;
    if !matches!(parsed.scheme(), "http" | "https")
        || parsed.query().is_some()
        || parsed.fragment().is_some()
    {
        return Err(StartError::BadUpstream(base));
    }
    Upstream::new(
        &base,
        credentials,
        Duration::from_secs(options.timeout),
        MAX_UPSTREAM_BODY_BYTES,
    )
    .map_err(|error| StartError::Client(error.to_string()))
}

/// The whole service: API, health, config, metrics, static site, and the layers around them.
pub fn app(options: &Options, state: AppState) -> Result<Router, StartError> {
    let access = state.access.clone();
    let metrics = state.metrics.clone();
    let config = if !state.scope.is_open() {
        Some(state.scope.site_config(PANEL_API_BASE))
    } else if matches!(state.answerer, Answerer::Demo(_)) {
        Some(demo::site_config(PANEL_API_BASE))
    } else {
        None
    };
    let api = Router::new()
        .route("/api", any(api::list))
        .route("/api/", any(api::list))
        .route("/api/{*rest}", any(api::list))
        .layer(ConcurrencyLimitLayer::new(
            options.max_concurrent_upstream as usize,
        ))
        .with_state(Arc::new(state));
    let mut app = Router::new().merge(api);
    if let Some(config) = config {
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
            if !dir.join("index.html").is_file() {
                return Err(StartError::NoIndex(dir.display().to_string()));
            }
            app.merge(site::static_site(dir))
        }
        None => app.fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "atlas-panel-proxy serves the panel only with --static DIR\n",
            )
        }),
    };
    // Everything but /healthz obeys the access mode.
    app = app
        .layer(middleware::from_fn_with_state(
            access,
            access::require_access,
        ))
        .route("/healthz", get(|| async { "ok" }));

    let csp = HeaderValue::try_from(site::content_security_policy(&checked_origins(
        &options.connect_origins,
    )?))
    .map_err(|_| StartError::BadOrigin(options.connect_origins.join(" ")))?;
    let mut app = app
        // Nothing the proxy serves takes a request body.
        .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BODY_BYTES))
        .layer(middleware::from_fn(site::cache_control))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ));
    if options.tls_cert.is_some() {
        app = app.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    if !options.allow_origins.is_empty() {
        app = app.layer(cors(&checked_origins(&options.allow_origins)?));
    }
    Ok(app
        .layer(middleware::from_fn_with_state(
            metrics,
            metrics::count_requests,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
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
        ))
}

fn checked_origins(origins: &[String]) -> Result<Vec<String>, StartError> {
    origins
        .iter()
        .map(|origin| {
            let parsed =
                reqwest::Url::parse(origin).map_err(|_| StartError::BadOrigin(origin.clone()))?;
            let bare = matches!(parsed.scheme(), "http" | "https")
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

/// What the proxy would do with these options: its start-up line, less the log prefix.
fn summary(options: &Options, state: &AppState) -> String {
    let site = match &options.static_dir {
        Some(dir) => format!("serving the panel from {}", dir.display()),
        None => "no panel (--static not given)".to_string(),
    };
    let scheme = if options.tls_cert.is_some() {
        "https"
    } else {
        "http"
    };
    format!(
        "{scheme}://{}: {}; {site}",
        options.listen,
        describe_mode(state)
    )
}

/// `--check-config`: builds everything `serve` would, without listening.
pub fn check(
    options: &Options,
    var: impl Fn(&str) -> Option<String>,
) -> Result<String, StartError> {
    let state = state(options, var)?;
    let summary = summary(options, &state);
    let _router = app(options, state)?;
    Ok(format!("configuration OK: {summary}"))
}

/// Listens and serves until Ctrl-C; re-reads `--users` on SIGHUP.
pub async fn serve(
    options: Options,
    var: impl Fn(&str) -> Option<String>,
) -> Result<(), StartError> {
    let state = state(&options, var)?;
    let summary = summary(&options, &state);
    let access = state.access.clone();
    let metrics = state.metrics.clone();
    let app = app(&options, state)?;
    reload_users_on_hangup(access);
    if let Some(addr) = options.metrics_listen {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|error| StartError::Listen(addr.to_string(), error))?;
        let metrics_app = Router::new()
            .route("/metrics", get(metrics::serve_metrics))
            .with_state(metrics);
        tokio::spawn(async move {
            let _ = axum::serve(listener, metrics_app).await;
        });
    }
    let make_service = app.into_make_service_with_connect_info::<SocketAddr>();
    let listen_error = |error| StartError::Listen(options.listen.to_string(), error);
    let handle = axum_server::Handle::new();
    let on_stop = handle.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        on_stop.graceful_shutdown(Some(Duration::from_secs(5)));
    });
    let max_connections = options.max_connections as usize;
    let header_timeout = Duration::from_secs(options.header_read_timeout);
    tracing::info!("atlas-panel-proxy on {summary}");
    let mut server = axum_server::bind(options.listen).handle(handle);
    server
        .http_builder()
        .http1()
        .header_read_timeout(header_timeout);
    let served = match (&options.tls_cert, &options.tls_key) {
        (Some(cert), Some(key)) => {
            let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(StartError::Tls)?;
            let tls = axum_server::tls_rustls::RustlsAcceptor::new(tls);
            server
                .acceptor(limits::ConnectionLimit::new(tls, max_connections))
                .serve(make_service)
                .await
        }
        _ => {
            let plain = axum_server::accept::DefaultAcceptor::new();
            server
                .acceptor(limits::ConnectionLimit::new(plain, max_connections))
                .serve(make_service)
                .await
        }
    };
    served.map_err(listen_error)
}

fn reload_users_on_hangup(access: Arc<Access>) {
    let Ok(mut hangups) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
    else {
        return;
    };
    tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            match access.reload() {
                Ok(count) => tracing::info!("re-read the users file: {count} users"),
                Err(error) => tracing::warn!("kept the users: {error}"),
            }
        }
    });
}
