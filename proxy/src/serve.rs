//! Running the service: `--check-config`, the HTTP or HTTPS listener, the separate metrics
//! listener, and re-reading the users on SIGHUP.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use axum_server::accept::NoDelayAcceptor;
use axum_server::tls_rustls::{RustlsAcceptor, RustlsConfig};

use crate::access::Access;
use crate::app::app;
use crate::cli::Options;
use crate::limits::ConnectionLimit;
use crate::logsafe::LogSafe;
use crate::metrics::{self, Metrics};
use crate::start_error::StartError;
use crate::state::{describe_mode, state, AppState};

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
        serve_metrics_on(addr, metrics).await?;
    }
    let make_service = app.into_make_service_with_connect_info::<SocketAddr>();
    let handle = axum_server::Handle::new();
    let on_stop = handle.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        on_stop.graceful_shutdown(Some(Duration::from_secs(5)));
    });
    let max_connections = options.max_connections as usize;
    tracing::info!("atlas-panel-proxy on {summary}");
    // TCP_NODELAY on every connection: a small answer written in two parts (its head, then its
    // body) otherwise waits for the browser's delayed ACK, about 40 ms on Linux, which the
    // cold-open benchmark showed on boot.js, config.json and list answers alike.
    //
    // Every connection must say something within the header timeout, whatever its protocol:
    // the first request must arrive in it (this also bounds hyper's choice between HTTP/1 and
    // HTTP/2, which waits for the first bytes with no limit of its own), the TLS handshake
    // too; an HTTP/2 connection that stops answering pings is closed, and any connection that
    // answers no request for --idle-timeout (`ConnectionLimit`), so that neither silent nor
    // idle sockets can hold the --max-connections places for ever.
    let say_something_within = Duration::from_secs(options.header_read_timeout);
    let idle = Duration::from_secs(options.idle_timeout);
    let mut server = axum_server::bind(options.listen)
        .handle(handle)
        .first_request_timeout(say_something_within);
    server
        .http_builder()
        .http1()
        .header_read_timeout(say_something_within);
    server
        .http_builder()
        .http2()
        .keep_alive_interval(say_something_within)
        .keep_alive_timeout(say_something_within);
    let served = match (&options.tls_cert, &options.tls_key) {
        (Some(cert), Some(key)) => {
            let tls = RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(StartError::Tls)?;
            server
                .acceptor(ConnectionLimit::new(
                    RustlsAcceptor::new(tls)
                        .handshake_timeout(say_something_within)
                        .acceptor(NoDelayAcceptor::new()),
                    max_connections,
                    idle,
                ))
                .serve(make_service)
                .await
        }
        _ => {
            server
                .acceptor(ConnectionLimit::new(
                    NoDelayAcceptor::new(),
                    max_connections,
                    idle,
                ))
                .serve(make_service)
                .await
        }
    };
    served.map_err(|error| StartError::Listen(options.listen.to_string(), error))
}

/// `--metrics-listen`: `/metrics` alone, open, on its own (loopback) port.
async fn serve_metrics_on(addr: SocketAddr, metrics: Arc<Metrics>) -> Result<(), StartError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|error| StartError::Listen(addr.to_string(), error))?;
    let metrics_app = Router::new()
        .route("/metrics", get(metrics::serve_metrics))
        .with_state(metrics);
    tokio::spawn(async move {
        let _ = axum::serve(listener, metrics_app).await;
    });
    Ok(())
}

fn reload_users_on_hangup(access: Arc<Access>) {
    let Ok(mut hangups) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
    else {
        return;
    };
    tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            let access = access.clone();
            match tokio::task::spawn_blocking(move || access.reload()).await {
                Ok(Ok(count)) => tracing::info!("re-read the users file: {count} users"),
                Ok(Err(error)) => {
                    tracing::warn!("kept the users: {}", LogSafe(&error.to_string()))
                }
                Err(error) => tracing::warn!("kept the users: the reload failed: {error}"),
            }
        }
    });
}
