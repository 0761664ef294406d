//! atlas-panel-proxy: the only holder of Atlas credentials between the panel and Atlas.

pub mod allowlist;
pub mod auth;
pub mod cli;
pub mod demo;
pub mod error;
pub mod forward;
pub mod site;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{middleware, Json, Router};
use thiserror::Error;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

use auth::{Credentials, CredentialsError};
use cli::Options;
use error::ProxyError;
use forward::Upstream;

pub const DEFAULT_UPSTREAM: &str = "https://cloud.mongodb.com";
pub const UPSTREAM_VAR: &str = "MONGODB_ATLAS_BASE_URL";
/// The largest upstream answer read; a page of 500 integrations is far below it.
pub const MAX_UPSTREAM_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Where answers come from.
pub enum Answerer {
    Demo,
    Atlas(Upstream),
}

pub struct AppState {
    pub answerer: Answerer,
}

#[derive(Debug, Error)]
pub enum StartError {
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
    #[error("--upstream must be an http:// or https:// URL with no query or fragment, not {0:?}")]
    BadUpstream(String),
    #[error(
        "--allow-origin and --connect-src take origins such as https://intranet.example, not {0:?}"
    )]
    BadOrigin(String),
    #[error("--static {0}: no index.html there (build the panel first: trunk build --release)")]
    NoIndex(String),
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
    #[error("cannot listen on {0}: {1}")]
    Listen(String, std::io::Error),
}

/// What the proxy will do, said in its start-up line.
pub fn describe_mode(state: &AppState) -> String {
    match &state.answerer {
        Answerer::Demo => "demo estate (no Atlas account used)".to_string(),
        Answerer::Atlas(upstream) => format!("forwarding to {}", upstream.base()),
    }
}

/// Builds the state from the options and the environment (`var` reads one variable).
pub fn state(
    options: &Options,
    var: impl Fn(&str) -> Option<String>,
) -> Result<AppState, StartError> {
    if options.demo {
        return Ok(AppState {
            answerer: Answerer::Demo,
        });
    }
    let credentials = Credentials::from_env(&var)?;
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
    let upstream = Upstream::new(
        &base,
        credentials,
        Duration::from_secs(options.timeout),
        MAX_UPSTREAM_BODY_BYTES,
    )
    .map_err(|error| StartError::Client(error.to_string()))?;
    Ok(AppState {
        answerer: Answerer::Atlas(upstream),
    })
}

/// The whole service: API, health, demo config, static site, and the layers around them.
pub fn app(options: &Options, state: AppState) -> Result<Router, StartError> {
    let demo = matches!(state.answerer, Answerer::Demo);
    let api = Router::new()
        .route("/api", any(forward))
        .route("/api/", any(forward))
        .route("/api/{*rest}", any(forward))
        .layer(ConcurrencyLimitLayer::new(
            options.max_concurrent_upstream as usize,
        ))
        .with_state(Arc::new(state));
    let mut app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(api);
    if demo {
        app = app.route(
            "/config.json",
            get(|| async { Json(demo::site_config("api")) }),
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

    let csp = HeaderValue::try_from(site::content_security_policy(&checked_origins(
        &options.connect_origins,
    )?))
    .map_err(|_| StartError::BadOrigin(options.connect_origins.join(" ")))?;
    let mut app = app
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
    if !options.allow_origins.is_empty() {
        app = app.layer(cors(&checked_origins(&options.allow_origins)?));
    }
    Ok(app.layer(
        TraceLayer::new_for_http()
            .make_span_with(|request: &Request| {
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
            })
            .on_request(())
            .on_failure(())
            .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Millis)),
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
        .allow_headers([header::ACCEPT, header::CACHE_CONTROL])
        .expose_headers([
            header::RETRY_AFTER,
            header::AGE,
            HeaderName::from_static("ratelimit-limit"),
            HeaderName::from_static("ratelimit-remaining"),
        ])
}

async fn forward(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let method = request.method().clone();
    let allowed = match allowlist::check(request.uri().path(), request.uri().query()) {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal.into_response(),
    };
    if method != Method::GET && method != Method::HEAD {
        return ProxyError::MethodNotAllowed.into_response();
    }
    let mut response = match &state.answerer {
        Answerer::Demo => demo::answer(&allowed),
        Answerer::Atlas(upstream) => match upstream.get(&allowed).await {
            Ok(answer) => forward::to_browser(answer),
            Err(failure) => {
                tracing::warn!(path = %request.uri().path(), "upstream: {failure}");
                failure.into_response()
            }
        },
    };
    if method == Method::HEAD {
        *response.body_mut() = axum::body::Body::empty();
    }
    response
}

/// What the proxy would do with these options: its start-up line, less the log prefix.
fn summary(options: &Options, state: &AppState) -> String {
    let site = match &options.static_dir {
        Some(dir) => format!("serving the panel from {}", dir.display()),
        None => "no panel (--static not given)".to_string(),
    };
    format!(
        "http://{}: {}; {site}",
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

/// Listens and serves until Ctrl-C.
pub async fn serve(
    options: Options,
    var: impl Fn(&str) -> Option<String>,
) -> Result<(), StartError> {
    let state = state(&options, var)?;
    let summary = summary(&options, &state);
    let app = app(&options, state)?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|error| StartError::Listen(options.listen.to_string(), error))?;
    tracing::info!("atlas-panel-proxy on {summary}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|error| StartError::Listen(options.listen.to_string(), error))
}
