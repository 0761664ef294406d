//! `/metrics` in the Prometheus text format: what the proxy did, and what Atlas's rate limit
//! looks like from here.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use atlas_panel_common::endpoint::{ApiFlavour, List};

use crate::allowlist::AllowedRequest;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: &'static str,
    status: u16,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    pub upstream_seconds: Histogram,
    pub cache_hits: Counter,
    pub cache_misses: Counter,
    pub cache_coalesced: Counter,
    pub cache_stale: Counter,
    pub upstream_rate_limited: Counter,
    pub rate_limit_remaining: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("atlas_panel_proxy");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "requests",
            "Requests answered, by route, method and status",
            requests.clone(),
        );
        let upstream_seconds = Histogram::new(exponential_buckets(0.005, 2.0, 12));
        registry.register(
            "upstream_request_duration_seconds",
            "Time Atlas took to answer",
            upstream_seconds.clone(),
        );
        let cache_hits = Counter::default();
        registry.register(
            "cache_hits",
            "Answers served from the cache",
            cache_hits.clone(),
        );
        let cache_misses = Counter::default();
        registry.register(
            "cache_misses",
            "Answers fetched from Atlas",
            cache_misses.clone(),
        );
        let cache_coalesced = Counter::default();
        registry.register(
            "cache_coalesced_waits",
            "Requests that waited for an identical request already under way",
            cache_coalesced.clone(),
        );
        let cache_stale = Counter::default();
        registry.register(
            "cache_stale_served",
            "Stale answers served while Atlas asked to wait",
            cache_stale.clone(),
        );
        let upstream_rate_limited = Counter::default();
        registry.register(
            "upstream_rate_limited",
            "429 answers from Atlas",
            upstream_rate_limited.clone(),
        );
        let rate_limit_remaining = Gauge::default();
        registry.register(
            "upstream_ratelimit_remaining",
            "The last RateLimit-Remaining Atlas sent",
            rate_limit_remaining.clone(),
        );
        Metrics {
            registry,
            requests,
            upstream_seconds,
            cache_hits,
            cache_misses,
            cache_coalesced,
            cache_stale,
            upstream_rate_limited,
            rate_limit_remaining,
        }
    }
}

impl Metrics {
    pub fn render(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut text, &self.registry);
        text
    }
}

/// The list an `/api/…` request asked for, as a route label. The handler puts it on its
/// answer, so that counting does not check the path against the allowlist a second time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiRoute(List, ApiFlavour);

impl ApiRoute {
    pub fn of(allowed: &AllowedRequest) -> ApiRoute {
        ApiRoute(allowed.endpoint.list, allowed.flavour)
    }

    /// `integrations_v2`: one label per row of the endpoint table and flavour.
    fn label(self) -> String {
        format!("{}_{}", self.0.name(), self.1.tag())
    }
}

/// The route label of a request the API handler did not label: which part of the site.
fn route(path: &str) -> &'static str {
    if path == "/healthz" {
        "healthz"
    } else if path == "/metrics" {
        "metrics"
    } else if path.starts_with("/api/") || path == "/api" {
        "api_refused"
    } else {
        "site"
    }
}

/// Counts every answer by route, method and status.
pub async fn count_requests(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let unlabelled = route(request.uri().path());
    // A closed set: any client may send any method, and each label value is kept for ever.
    let method = match *request.method() {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        _ => "OTHER",
    };
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<ApiRoute>()
        .map_or_else(|| unlabelled.to_string(), |route| route.label());
    metrics
        .requests
        .get_or_create(&RequestLabels {
            route,
            method,
            status: response.status().as_u16(),
        })
        .inc();
    response
}

pub async fn serve_metrics(State(metrics): State<Arc<Metrics>>) -> Response {
    let content_type =
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8");
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, content_type)],
        metrics.render(),
    )
        .into_response()
}
