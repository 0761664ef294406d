//! Each client's own share of the key: `--user-upstream-per-minute` requests to Atlas a
//! minute for each project or organization, so that one person (or one script) cannot spend
//! the Atlas rate limit everyone shares. Only requests that go upstream are counted.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use moka::policy::EvictionPolicy;

use crate::error::ProxyError;

const WINDOW: Duration = Duration::from_secs(60);
/// Clients times owners remembered at once. Beyond it the least recently seen window is
/// forgotten (its client starts afresh), which keeps the memory bounded.
const MAX_WINDOWS: u64 = 10_000;

/// One client's minute for one owner, from its first upstream request.
struct Window {
    started: Instant,
    used: AtomicU32,
}

pub struct ClientBudgets {
    per_minute: u32,
    /// `None` when the budget is off (0).
    windows: Option<moka::sync::Cache<(String, String), Arc<Window>>>,
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

    /// Spends one of `client`'s requests for `owner`, or says how long until the next.
    pub fn spend(&self, client: &str, owner: &str) -> Result<(), ProxyError> {
        let Some(windows) = &self.windows else {
            return Ok(());
        };
        let window = windows.get_with((client.to_string(), owner.to_string()), || {
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
    fn each_client_and_owner_has_its_own_minute() {
        let budgets = ClientBudgets::new(2);
        assert!(budgets.spend("user:alice", "a").is_ok());
        assert!(budgets.spend("user:alice", "a").is_ok());
        match budgets.spend("user:alice", "a") {
            Err(ProxyError::OverBudget {
                per_minute: 2,
                seconds,
            }) => assert!((59..=60).contains(&seconds), "{seconds}"),
            other => panic!("{other:?}"),
        }
        assert!(budgets.spend("user:alice", "b").is_ok());
        assert!(budgets.spend("user:bob", "a").is_ok());
        let off = ClientBudgets::new(0);
        assert!((0..1000).all(|_| off.spend("user:alice", "a").is_ok()));
    }
}
