//! Connection limits: a cap on open connections, enforced as each one is accepted, and an
//! idle timeout: a connection that answers no request for as long is closed, whatever its
//! protocol. (The header-read timeout against slow clients is hyper's, set in `serve`.)
//!
//! hyper has no idle timeout for HTTP/2: its keep-alive pings close only a peer that stops
//! answering them, and every HTTP/2 client answers them by itself. So a connection is idle
//! here while no request is being answered (from the request's arrival to the end of its
//! answer's body): bytes exchanged meanwhile (pings and their answers) do not count.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum_server::accept::Accept;
use bytes::Buf;
use futures_util::future::BoxFuture;
use http_body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};
use tower::Service;

/// Accepts through `inner` while fewer than the cap are open; closes any connection beyond it,
/// and any that answers nothing for `idle`.
#[derive(Clone)]
pub struct ConnectionLimit<A> {
    inner: A,
    permits: Arc<Semaphore>,
    idle: Duration,
}

impl<A> ConnectionLimit<A> {
    pub fn new(inner: A, max_connections: usize, idle: Duration) -> ConnectionLimit<A> {
        ConnectionLimit {
            inner,
            permits: Arc::new(Semaphore::new(max_connections)),
            idle,
        }
    }
}

impl<I, S, A> Accept<I, S> for ConnectionLimit<A>
where
    A: Accept<I, S>,
    A::Future: Send + 'static,
{
    type Stream = IdleStream<A::Stream>;
    type Service = HoldingPermit<A::Service>;
    type Future = BoxFuture<'static, io::Result<(Self::Stream, Self::Service)>>;

    fn accept(&self, stream: I, service: S) -> Self::Future {
        let permit = self.permits.clone().try_acquire_owned();
        let accepted = self.inner.accept(stream, service);
        let idle = self.idle;
        Box::pin(async move {
            let permit = permit.map_err(|_| io::Error::other("too many open connections"))?;
            let (stream, service) = accepted.await?;
            let activity = Arc::new(Activity {
                answering: AtomicUsize::new(0),
                since: Mutex::new(Instant::now()),
            });
            Ok((
                IdleStream {
                    inner: stream,
                    activity: activity.clone(),
                    idle,
                    timer: Box::pin(tokio::time::sleep(idle)),
                },
                HoldingPermit {
                    inner: service,
                    _permit: Arc::new(permit),
                    activity,
                },
            ))
        })
    }
}

/// What a connection is doing: how many requests it is answering, and since when it has
/// answered none.
struct Activity {
    answering: AtomicUsize,
    since: Mutex<Instant>,
}

impl Activity {
    fn since(&self) -> Instant {
        *self
            .since
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One request being answered, until its answer's body is done with.
struct Answering(Arc<Activity>);

impl Answering {
    fn start(activity: Arc<Activity>) -> Answering {
        activity.answering.fetch_add(1, Ordering::SeqCst);
        Answering(activity)
    }
}

impl Drop for Answering {
    fn drop(&mut self) {
        *self
            .0
            .since
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Instant::now();
        self.0.answering.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A connection's stream, which fails its reads once the connection has been idle too long:
/// hyper then closes it.
pub struct IdleStream<S> {
    inner: S,
    activity: Arc<Activity>,
    idle: Duration,
    timer: Pin<Box<Sleep>>,
}

impl<S> IdleStream<S> {
    /// Whether the connection has been idle for longer than allowed; when not, the timer is
    /// set to wake the connection when it would be.
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        loop {
            if self.activity.answering.load(Ordering::SeqCst) > 0 {
                return false;
            }
            let deadline = self.activity.since() + self.idle;
            if Instant::now() >= deadline {
                return true;
            }
            if self.timer.deadline() != deadline {
                self.timer.as_mut().reset(deadline);
            }
            if self.timer.as_mut().poll(cx).is_pending() {
                return false;
            }
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for IdleStream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.expired(cx) {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "idle connection closed",
            )));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for IdleStream<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// A connection's service, holding its place under the cap until the connection ends, and
/// counting each request as being answered until its answer's body is done with.
#[derive(Clone)]
pub struct HoldingPermit<S> {
    inner: S,
    _permit: Arc<OwnedSemaphorePermit>,
    activity: Arc<Activity>,
}

impl<S, R, B> Service<R> for HoldingPermit<S>
where
    S: Service<R, Response = http::Response<B>>,
    S::Future: Send + 'static,
    B: Body + Send + 'static,
{
    type Response = http::Response<AnsweringBody<B>>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Self::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        let answering = Answering::start(self.activity.clone());
        let answer = self.inner.call(request);
        Box::pin(async move {
            let response = answer.await?;
            Ok(response.map(|body| AnsweringBody {
                inner: Box::pin(body),
                _answering: answering,
            }))
        })
    }
}

/// An answer's body, its request counted as being answered until the body is dropped.
pub struct AnsweringBody<B> {
    inner: Pin<Box<B>>,
    _answering: Answering,
}

impl<B: Body> Body for AnsweringBody<B>
where
    B::Data: Buf,
{
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        self.inner.as_mut().poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
