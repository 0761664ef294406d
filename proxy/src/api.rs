//! The `/api/…` handler: one allowed list request, answered from the demo estate or from
//! Atlas through the cache.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use atlas_panel_common::endpoint::{ApiFlavour, PROJECT};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::access::{self, SignedIn};
use crate::allowlist::{self, AllowedRequest};
use crate::error::ProxyError;
use crate::logsafe::LogSafe;
use crate::metrics::ApiRoute;
use crate::scope::{org_id_of_project, Admission};
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
    if let Admission::NeedsOrgOf(project) = state.scope.admit(allowed)? {
        // Only the first placement of a project costs the client anything.
        if !state.placements.knows(&project).await {
            state.budgets.spend(client, &project)?;
        }
        let org = state
            .placements
            .org_of(&project, org_of(state, allowed.flavour, &project))
            .await;
        state.scope.admit_placed(&project, org.as_deref())?;
    }
    Ok(match &state.answerer {
        Answerer::Demo(estate) => {
            let answer = estate.answer(allowed);
            state
                .scope
                .keep_in_scope(allowed, answer, &state.placements)
                .await?
                .response()
        }
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
        let answer = answer.and_then(BrowserAnswer::from_upstream)?;
        state
            .scope
            .keep_in_scope(allowed, answer, &state.placements)
            .await
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

/// The organization of `project`, read from its own answer (`/groups/{id}`) in the flavour
/// the panel uses; `None` when it cannot be read.
async fn org_of(state: &AppState, flavour: ApiFlavour, project: &str) -> Option<String> {
    let request =
        allowlist::check(&format!("/api{}", PROJECT.path(flavour, &[project])), None).ok()?;
    let answer = match &state.answerer {
        Answerer::Demo(estate) => estate.answer(&request),
        Answerer::Atlas(upstream) => {
            let _permit = state.upstream_permits.acquire().await.ok();
            BrowserAnswer::from_upstream(upstream.get(&request).await.ok()?).ok()?
        }
    };
    (answer.status == StatusCode::OK)
        .then(|| org_id_of_project(answer.body()))
        .flatten()
}
