//! Each person's own share of the key: `--user-upstream-per-minute` requests to Atlas a minute
//! for each signed-in user (else each client address), across every project and organization,
//! so that one person (or one script, made-up IDs and all) cannot spend the Atlas rate limit
//! everyone shares. Only requests that go upstream are counted.
//!
//! Hand-written rather than governor's keyed limiter: governor's keyed store keeps every key
//! until `retain_recent` is called, where this one is a cache bounded in entries (least
//! recently used out first), and a fixed minute tells the client exactly when it may ask again.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use moka::policy::EvictionPolicy;

use crate::error::ProxyError;

const WINDOW: Duration = Duration::from_secs(60);
/// Clients remembered at once. Beyond it the least recently seen window is forgotten (its
/// client starts afresh), which keeps the memory bounded.
const MAX_WINDOWS: u64 = 10_000;

/// One client's minute, from its first upstream request.
struct Window {
    started: Instant,
    used: AtomicU32,
}

pub struct ClientBudgets {
    per_minute: u32,
    /// `None` when the budget is off (0).
    windows: Option<moka::sync::Cache<String, Arc<Window>>>,
}

impl ClientBudgets {
    pub fn new(per_minute: u32) -> ClientBudgets {
        let windows = (per_minute > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(MAX_WINDOWS)
                // LRU admits every new client; TinyLFU might not store a new one, leaving it
                // a fresh window on every request.
                .eviction_policy(EvictionPolicy::lru())
                .time_to_live(WINDOW)
                .build()
        });
        ClientBudgets {
            per_minute,
            windows,
        }
    }

    /// Spends one of `client`'s requests, or says how long until the next.
    pub fn spend(&self, client: &str) -> Result<(), ProxyError> {
        let Some(windows) = &self.windows else {
            return Ok(());
        };
        let window = windows.get_with_by_ref(client, || {
            Arc::new(Window {
                started: Instant::now(),
                used: AtomicU32::new(0),
            })
        });
        let per_minute = self.per_minute;
        match window
            .used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                (used < per_minute).then_some(used + 1)
            }) {
            Ok(_) => Ok(()),
            Err(_) => {
                let left = WINDOW.saturating_sub(window.started.elapsed());
                Err(ProxyError::OverBudget {
                    per_minute,
                    seconds: left.as_secs().saturating_add(1).min(WINDOW.as_secs()),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_one_minute_whatever_it_asks_about() {
        let budgets = ClientBudgets::new(2);
        assert!(budgets.spend("user:alice").is_ok());
        assert!(budgets.spend("user:alice").is_ok());
        match budgets.spend("user:alice") {
            Err(ProxyError::OverBudget {
                per_minute: 2,
                seconds,
            }) => assert!((59..=60).contains(&seconds), "{seconds}"),
            other => panic!("{other:?}"),
        }
        assert!(budgets.spend("user:bob").is_ok());
        let off = ClientBudgets::new(0);
        assert!((0..1000).all(|_| off.spend("user:alice").is_ok()));
    }
}
