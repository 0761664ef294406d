//! Admits or refuses every request but `/healthz`, and names the user in its log line.

use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::mode::Access;
use crate::error::ProxyError;

/// The user a request was admitted as, for the handlers (the per-user upstream budget).
#[derive(Clone, Debug)]
pub struct SignedIn(pub String);

pub async fn require_access(
    State(access): State<Arc<Access>>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    mut request: Request,
    next: Next,
) -> Result<Response, ProxyError> {
    if request.uri().path() == "/healthz" {
        return Ok(next.run(request).await);
    }
    if let Some(user) = access
        .admit(peer.ip(), request.uri(), request.headers())
        .await?
    {
        tracing::Span::current().record("user", tracing::field::display(&user));
        request.extensions_mut().insert(SignedIn(user));
    }
    Ok(next.run(request).await)
}
