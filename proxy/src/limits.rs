//! Connection limits: a cap on open connections, enforced as each one is accepted.
//! (The header-read timeout against slow clients is hyper's, set in `serve`.)

use std::io;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum_server::accept::Accept;
use futures_util::future::BoxFuture;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::Service;

/// Accepts through `inner` while fewer than the cap are open; closes any connection beyond it.
#[derive(Clone)]
pub struct ConnectionLimit<A> {
    inner: A,
    permits: Arc<Semaphore>,
}

impl<A> ConnectionLimit<A> {
    pub fn new(inner: A, max_connections: usize) -> ConnectionLimit<A> {
        ConnectionLimit {
            inner,
            permits: Arc::new(Semaphore::new(max_connections)),
        }
    }
}

impl<I, S, A> Accept<I, S> for ConnectionLimit<A>
where
    A: Accept<I, S>,
    A::Future: Send + 'static,
{
    type Stream = A::Stream;
    type Service = HoldingPermit<A::Service>;
    type Future = BoxFuture<'static, io::Result<(Self::Stream, Self::Service)>>;

    fn accept(&self, stream: I, service: S) -> Self::Future {
        let permit = self.permits.clone().try_acquire_owned();
        let accepted = self.inner.accept(stream, service);
        Box::pin(async move {
            let permit = permit.map_err(|_| io::Error::other("too many open connections"))?;
            let (stream, service) = accepted.await?;
            Ok((
                stream,
                HoldingPermit {
                    inner: service,
                    _permit: Arc::new(permit),
                },
            ))
        })
    }
}

/// A connection's service, holding its place under the cap until the connection ends.
#[derive(Clone)]
pub struct HoldingPermit<S> {
    inner: S,
    _permit: Arc<OwnedSemaphorePermit>,
}

impl<S, R> Service<R> for HoldingPermit<S>
where
    S: Service<R>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        self.inner.call(request)
    }
}
