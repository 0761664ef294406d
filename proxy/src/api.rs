//! The `/api/…` handler: one allowed list request, answered from the demo estate or from
//! Atlas through the cache.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::access::{self, SignedIn};
use crate::allowlist::{self, AllowedRequest};
use crate::error::ProxyError;
use crate::logsafe::LogSafe;
use crate::metrics::ApiRoute;
use crate::state::{Answerer, AppState};
use crate::upstream::{BrowserAnswer, Upstream};

pub async fn list(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed_in: Option<Extension<SignedIn>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ProxyError> {
    let allowed = allowlist::check(uri.path(), uri.query())?;
    // The count of requests labels this answer by its list, refused or not.
    let route = Extension(ApiRoute::of(&allowed));
    let client = match signed_in {
        Some(Extension(SignedIn(user))) => format!("user:{user}"),
        // Without a sign-in nothing names a trusted proxy: the peer, an IPv6 one by its /64.
        None => format!(
            "address:{}",
            access::client_address(peer.ip(), &headers, &[])
        ),
    };
    let answer = answer(&state, &method, uri.path(), &headers, &allowed, &client).await;
    Ok((route, answer).into_response())
}

async fn answer(
    state: &AppState,
    method: &Method,
    endpoint: &str,
    headers: &HeaderMap,
    allowed: &AllowedRequest,
    client: &str,
) -> Result<Response, ProxyError> {
    if method != Method::GET && method != Method::HEAD {
        return Err(ProxyError::MethodNotAllowed);
    }
    state.scope.check(allowed)?;
    Ok(match &state.answerer {
        Answerer::Demo(estate) => estate.answer(allowed),
        Answerer::Atlas(upstream) => {
            let wants_fresh = headers
                .get(header::CACHE_CONTROL)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("no-cache"));
            from_atlas(state, upstream, allowed, endpoint, wants_fresh, client).await
        }
    })
}

async fn from_atlas(
    state: &AppState,
    upstream: &Upstream,
    allowed: &AllowedRequest,
    endpoint: &str,
    wants_fresh: bool,
    client: &str,
) -> Response {
    let fetch = || async {
        // The semaphore is never closed, so this waits for a permit and never fails.
        let _permit = state.upstream_permits.acquire().await.ok();
        let started = Instant::now();
        let answer = upstream.get(allowed).await;
        state
            .metrics
            .upstream_seconds
            .observe(started.elapsed().as_secs_f64());
        if let Err(failure) = &answer {
            tracing::warn!(
                path = %LogSafe(endpoint),
                upstream = %LogSafe(upstream.base()),
                "upstream: {}",
                LogSafe(&failure.to_string())
            );
        }
        answer.and_then(BrowserAnswer::from_upstream)
    };
    state
        .cache
        .answer(
            &allowed.path_and_query,
            endpoint,
            wants_fresh,
            &state.metrics,
            || state.budgets.spend(client, &allowed.owner_id),
            fetch,
        )
        .await
}
