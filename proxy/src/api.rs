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
use crate::filtered_listing;
use crate::logsafe::LogSafe;
use crate::metrics::ApiRoute;
use crate::placement::{placement_of, LookupFailure, Placement};
use crate::scope::Admission;
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
        // Looking a project up costs its client a request from the one share it has.
        if !state.placements.knows(allowed.flavour, &project).await {
            state.budgets.spend(client)?;
        }
        let placement = state
            .placements
            .of(
                allowed.flavour,
                &project,
                place(state, allowed.flavour, &project),
            )
            .await?;
        state.scope.admit_placed(&project, &placement)?;
    }
    Ok(match &state.answerer {
        Answerer::Demo(estate) if state.scope.filters(allowed) => {
            let read_page = |page: AllowedRequest| async move { Ok(estate.answer(&page)) };
            let free = || Ok(());
            let listings = &state.listings;
            filtered_listing::read(
                &state.scope,
                allowed,
                &state.placements,
                listings,
                free,
                read_page,
            )
            .await?
            .response()
        }
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
        if state.scope.filters(allowed) {
            let read_page = |page| ask_atlas(state, upstream, page, endpoint);
            // Each page of Atlas's after the first is one more request of the person's share.
            let spend = || state.budgets.spend(client);
            let listings = &state.listings;
            return filtered_listing::read(
                &state.scope,
                allowed,
                &state.placements,
                listings,
                spend,
                read_page,
            )
            .await;
        }
        let answer = ask_atlas(state, upstream, allowed.clone(), endpoint).await?;
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
            || state.budgets.spend(client),
            fetch,
        )
        .await
}

/// One request to Atlas, within the cap on requests in flight, as the browser may see it.
async fn ask_atlas(
    state: &AppState,
    upstream: &Upstream,
    request: AllowedRequest,
    endpoint: &str,
) -> Result<BrowserAnswer, ProxyError> {
    // The semaphore is never closed, so this waits for a permit and never fails.
    let _permit = state.upstream_permits.acquire().await.ok();
    let started = Instant::now();
    let answer = upstream.get(&request).await;
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
    let enveloped = request.query.flag("envelope") == Some(true);
    answer
        .and_then(|answer| BrowserAnswer::from_upstream(answer, enveloped))?
        .without(request.endpoint.dropped)
}

/// Where `project` is, from its own answer (`/groups/{id}`) in the flavour the panel uses.
async fn place(
    state: &AppState,
    flavour: ApiFlavour,
    project: &str,
) -> Result<Placement, LookupFailure> {
    let path = format!("/api{}", PROJECT.path(flavour, &[project]));
    // The table's own path with a checked ID: the allowlist has no reason to refuse it.
    let request = allowlist::check(&path, None).map_err(|_| LookupFailure::Upstream(0))?;
    let answer =
        match &state.answerer {
            Answerer::Demo(estate) => estate.answer(&request),
            Answerer::Atlas(upstream) => ask_atlas(state, upstream, request, &path).await.map_err(
                |failure| match failure {
                    ProxyError::NotJson { .. } => LookupFailure::Upstream(502),
                    _ => LookupFailure::Upstream(0),
                },
            )?,
        };
    if answer.status == StatusCode::TOO_MANY_REQUESTS {
        return Err(LookupFailure::RateLimited(
            answer.retry_after().unwrap_or(60),
        ));
    }
    placement_of(answer.status.as_u16(), answer.body())
}
