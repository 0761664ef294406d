//! Sparing the key: answers are kept for a while and shared, identical requests in flight
//! become one, and after a 429 nothing is asked of Atlas until its `Retry-After` has passed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

use crate::error::ProxyError;
use crate::metrics::Metrics;
use crate::upstream::{BrowserAnswer, MAX_WAIT_SECS};

/// How long an answer may still be served, stale, while Atlas asks the proxy to wait.
const STALE_FOR: Duration = Duration::from_secs(15 * 60);
/// A browser's `Cache-Control: no-cache` is honoured at most this often per URL.
const FORCE_INTERVAL: Duration = Duration::from_secs(5);
/// The wait after a 429 without a readable `Retry-After`.
const DEFAULT_WAIT_SECS: u64 = 60;
const MAX_ENTRIES: u64 = 10_000;
/// Endpoints under a 429's wait, and keys refreshed in the last [`FORCE_INTERVAL`], remembered
/// at once; beyond it the least recently used is forgotten.
const MAX_REMEMBERED: u64 = 10_000;
const MAX_BYTES: u64 = 64 * 1024 * 1024;
const CACHE_STATUS: HeaderName = HeaderName::from_static("x-cache");

#[derive(Clone)]
struct Cached {
    answer: BrowserAnswer,
    fetched_at: Instant,
}

/// Why a fetch left nothing to keep: an answer that is not a 200, or no answer at all.
enum NotKept {
    Answer(BrowserAnswer),
    Failed(ProxyError),
    /// The fetching request's own client was over its budget: that says nothing of the
    /// requests that waited on it.
    Refused(ProxyError),
}

pub struct AnswerCache {
    ttl: Duration,
    fresh: moka::future::Cache<String, Cached>,
    last_good: moka::future::Cache<String, Cached>,
    /// Per endpoint (path without query): no upstream request before this instant.
    waits: moka::sync::Cache<String, Instant>,
    /// Keys whose `no-cache` was honoured in the last [`FORCE_INTERVAL`]: each forgotten when
    /// its interval ends, so a flood of new keys costs each request the same.
    forced: moka::sync::Cache<String, ()>,
}

fn remembered<V: Clone + Send + Sync + 'static>(
    for_at_most: Duration,
) -> moka::sync::Cache<String, V> {
    moka::sync::Cache::builder()
        .eviction_policy(moka::policy::EvictionPolicy::lru())
        .max_capacity(MAX_REMEMBERED)
        .time_to_live(for_at_most)
        .build()
}

fn cache(ttl: Duration) -> moka::future::Cache<String, Cached> {
    moka::future::Cache::builder()
        .max_capacity(MAX_BYTES)
        // Every entry weighs at least its share of the bytes, which also bounds the entries.
        .weigher(|key: &String, value: &Cached| {
            let bytes = (key.len() + value.answer.body_len()) as u64;
            u32::try_from(bytes.max(MAX_BYTES / MAX_ENTRIES)).unwrap_or(u32::MAX)
        })
        .time_to_live(ttl.max(Duration::from_millis(1)))
        .build()
}

impl AnswerCache {
    /// `ttl` zero turns keeping and sharing off; the wait after a 429 still holds.
    pub fn new(ttl: Duration) -> AnswerCache {
        AnswerCache {
            ttl,
            fresh: cache(ttl),
            last_good: cache(STALE_FOR.max(ttl)),
            waits: remembered(Duration::from_secs(MAX_WAIT_SECS)),
            forced: remembered(FORCE_INTERVAL),
        }
    }

    fn wait_left(&self, endpoint: &str) -> Option<Duration> {
        let until = self.waits.get(endpoint)?;
        let left = until.checked_duration_since(Instant::now());
        if left.is_none() {
            self.waits.invalidate(endpoint);
        }
        left
    }

    fn wait(&self, endpoint: &str, seconds: u64) {
        let wait = Duration::from_secs(seconds.clamp(1, MAX_WAIT_SECS));
        let Some(until) = Instant::now().checked_add(wait) else {
            return;
        };
        self.waits.insert(endpoint.to_string(), until);
    }

    /// Whether a browser's `no-cache` for `key` is honoured now: once per [`FORCE_INTERVAL`].
    fn may_force(&self, key: &str) -> bool {
        self.forced.entry_by_ref(key).or_insert(()).is_fresh()
    }

    /// The answer for `key`, from the cache or from `fetch`, sparing Atlas wherever it can;
    /// `admit` is asked just before a request would go upstream.
    pub async fn answer<A, F, Fut>(
        &self,
        key: &str,
        endpoint: &str,
        wants_fresh: bool,
        metrics: &Metrics,
        admit: A,
        fetch: F,
    ) -> Response
    where
        A: Fn() -> Result<(), ProxyError>,
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<BrowserAnswer, ProxyError>>,
    {
        if let Some(left) = self.wait_left(endpoint) {
            return match self.last_good.get(key).await {
                Some(stale) => {
                    metrics.cache_stale.inc();
                    respond(&stale, "stale")
                }
                None => ProxyError::RateLimitedHere(left.as_secs().saturating_add(1)).response(),
            };
        }
        if self.ttl.is_zero() {
            if let Err(refusal) = admit() {
                return refusal.response();
            }
            return match fetch().await {
                Ok(answer) => {
                    self.note(endpoint, &answer, metrics);
                    answer.response()
                }
                Err(failure) => failure.response(),
            };
        }
        // A Refresh asks the person's budget first: one that is over it changes nothing here,
        // and is served from the cache like any request. One within it spends a request
        // whether or not the refresh is honoured (once per FORCE_INTERVAL).
        let forced = wants_fresh && admit().is_ok() && self.may_force(key);
        if forced {
            self.fresh.invalidate(key).await;
        } else if let Some(hit) = self.fresh.get(key).await {
            metrics.cache_hits.inc();
            return respond(&hit, "hit");
        }
        // The forced request's budget is already spent, for its first fetch.
        let admitted = AtomicBool::new(forced);

        // A request that waited on another client's refused one asks once more, as itself.
        let mut waited_on_a_refusal = false;
        loop {
            let fetched_here = AtomicBool::new(false);
            let outcome = self
                .fresh
                .try_get_with(key.to_string(), async {
                    fetched_here.store(true, Ordering::Relaxed);
                    // Only the request that goes upstream spends its client's budget.
                    if !admitted.swap(false, Ordering::Relaxed) {
                        admit().map_err(NotKept::Refused)?;
                    }
                    match fetch().await {
                        Ok(answer) if answer.outcome() == StatusCode::OK => Ok(Cached {
                            answer,
                            fetched_at: Instant::now(),
                        }),
                        Ok(answer) => Err(NotKept::Answer(answer)),
                        Err(failure) => Err(NotKept::Failed(failure)),
                    }
                })
                .await;
            let fetched_here = fetched_here.load(Ordering::Relaxed);
            if let Err(not_kept) = &outcome {
                if let NotKept::Refused(refusal) = &**not_kept {
                    if fetched_here || waited_on_a_refusal {
                        return refusal.response();
                    }
                    waited_on_a_refusal = true;
                    continue;
                }
            }
            if fetched_here {
                metrics.cache_misses.inc();
            } else {
                metrics.cache_coalesced.inc();
            }
            return match outcome {
                Ok(cached) => {
                    if fetched_here {
                        self.note(endpoint, &cached.answer, metrics);
                        self.last_good.insert(key.to_string(), cached.clone()).await;
                    }
                    respond(&cached, if fetched_here { "miss" } else { "coalesced" })
                }
                Err(not_kept) => match &*not_kept {
                    NotKept::Answer(answer) => {
                        if fetched_here {
                            self.note(endpoint, answer, metrics);
                        }
                        answer.response()
                    }
                    NotKept::Failed(failure) | NotKept::Refused(failure) => failure.response(),
                },
            };
        }
    }

    /// Learns from a fresh answer: the quota left, and whether Atlas asked to wait.
    fn note(&self, endpoint: &str, answer: &BrowserAnswer, metrics: &Metrics) {
        if let Some(remaining) = answer.rate_limit_remaining() {
            metrics.rate_limit_remaining.set(remaining);
        }
        if answer.outcome() == StatusCode::TOO_MANY_REQUESTS {
            metrics.upstream_rate_limited.inc();
            self.wait(endpoint, answer.retry_after().unwrap_or(DEFAULT_WAIT_SECS));
        }
    }
}

fn respond(cached: &Cached, status: &'static str) -> Response {
    let mut response = cached.answer.response();
    let headers = response.headers_mut();
    headers.insert(
        header::AGE,
        HeaderValue::from(cached.fetched_at.elapsed().as_secs()),
    );
    headers.insert(CACHE_STATUS, HeaderValue::from_static(status));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;

    fn ok() -> BrowserAnswer {
        BrowserAnswer::new(
            StatusCode::OK,
            "application/json",
            Bytes::from_static(b"{}"),
        )
    }

    #[test]
    fn a_refresh_flood_of_new_keys_keeps_what_it_remembers_bounded() {
        let cache = AnswerCache::new(Duration::from_secs(30));
        for n in 0..20_000 {
            assert!(cache.may_force(&format!("/api/k{n}")));
        }
        cache.forced.run_pending_tasks();
        assert!(cache.forced.entry_count() <= MAX_REMEMBERED);
        assert!(
            !cache.may_force("/api/k19999"),
            "forced again within the interval"
        );
    }

    #[tokio::test]
    async fn a_refresh_over_budget_forces_nothing_and_is_served_from_the_cache() {
        let cache = AnswerCache::new(Duration::from_secs(30));
        let metrics = Metrics::default();
        let fetched = std::sync::atomic::AtomicU32::new(0);
        let fetch = || async {
            fetched.fetch_add(1, Ordering::Relaxed);
            Ok(ok())
        };
        let within = || Ok(());
        let over = || {
            Err(ProxyError::OverBudget {
                per_minute: 1,
                seconds: 60,
            })
        };
        let first = cache
            .answer("/api/a", "/api/a", false, &metrics, within, fetch)
            .await;
        assert_eq!(first.headers()[CACHE_STATUS], "miss");
        let refused = cache
            .answer("/api/a", "/api/a", true, &metrics, over, fetch)
            .await;
        assert_eq!(refused.headers()[CACHE_STATUS], "hit");
        assert!(!cache.forced.contains_key("/api/a"));
        let refreshed = cache
            .answer("/api/a", "/api/a", true, &metrics, within, fetch)
            .await;
        assert_eq!(refreshed.headers()[CACHE_STATUS], "miss");
        assert_eq!(fetched.load(Ordering::Relaxed), 2);
        // A new key over budget: refused, nothing remembered, nothing fetched.
        let new = cache
            .answer("/api/b", "/api/b", true, &metrics, over, fetch)
            .await;
        assert_eq!(new.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(!cache.forced.contains_key("/api/b"));
        assert_eq!(fetched.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn waits_after_429s_are_bounded_in_endpoints() {
        let cache = AnswerCache::new(Duration::from_secs(30));
        for n in 0..20_000 {
            cache.wait(&format!("/api/atlas/v2/groups/{n:024x}/integrations"), 60);
        }
        cache.waits.run_pending_tasks();
        assert!(cache.waits.entry_count() <= MAX_REMEMBERED);
    }
}
