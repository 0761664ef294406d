//! How often a failed sign-in may be tried. Each user name from one address has a bucket of
//! its own, so that one person's wrong passwords behind a shared address (a NAT, a front end)
//! never lock out another name; each address has a larger one, so that trying many names is
//! still bounded. Both are bounded in entries.

use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use moka::policy::EvictionPolicy;

/// A bucket's size and how often it gains one attempt back.
struct Limit {
    allowed: f64,
    one_more_every: Duration,
}

impl Limit {
    /// How long an idle bucket takes to be full again: after that it is forgotten.
    fn full_again_after(&self) -> Duration {
        self.one_more_every.mul_f64(self.allowed)
    }
}

/// One user name from one address: ten failures at once, then one every six seconds.
const PER_NAME: Limit = Limit {
    allowed: 10.0,
    one_more_every: Duration::from_secs(6),
};
/// One address, whatever the names: gains an attempt three times as fast as one name spends
/// them, so guessing one name alone never empties it.
const PER_ADDRESS: Limit = Limit {
    allowed: 100.0,
    one_more_every: Duration::from_secs(2),
};
/// Buckets remembered per map; beyond it the least recently used is forgotten.
const BUCKETS_KEPT: u64 = 10_000;
/// The part of a user name that keys its bucket.
const NAME_CHARS_KEPT: usize = 100;

/// A token bucket of failed sign-ins.
pub struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(limit: &Limit, now: Instant) -> Bucket {
        Bucket {
            tokens: limit.allowed,
            at: now,
        }
    }

    /// Takes one attempt, or says in how many seconds there will be one.
    fn take(&mut self, limit: &Limit, now: Instant) -> Result<(), u64> {
        let every = limit.one_more_every.as_secs_f64();
        let gained = now.saturating_duration_since(self.at).as_secs_f64() / every;
        self.tokens = (self.tokens + gained).min(limit.allowed);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        let wait = (1.0 - self.tokens) * every;
        Err((wait.ceil() as u64).max(1))
    }

    /// An attempt that succeeded, or was never made, costs nothing.
    fn give_back(&mut self, limit: &Limit) {
        self.tokens = (self.tokens + 1.0).min(limit.allowed);
    }
}

fn lock(bucket: &Mutex<Bucket>) -> MutexGuard<'_, Bucket> {
    bucket
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn buckets<K>(limit: &Limit) -> moka::sync::Cache<K, Arc<Mutex<Bucket>>>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
{
    moka::sync::Cache::builder()
        // Least recently used out first: under TinyLFU a new client could get a fresh bucket
        // on every request once the cache is full.
        .eviction_policy(EvictionPolicy::lru())
        .max_capacity(BUCKETS_KEPT)
        .time_to_idle(limit.full_again_after())
        .build()
}

pub struct FailedSignIns {
    per_name: moka::sync::Cache<(IpAddr, String), Arc<Mutex<Bucket>>>,
    per_address: moka::sync::Cache<IpAddr, Arc<Mutex<Bucket>>>,
}

/// An attempt taken from both buckets, given back if the sign-in succeeds.
pub struct Attempt {
    name: Arc<Mutex<Bucket>>,
    address: Arc<Mutex<Bucket>>,
}

impl Attempt {
    pub fn succeeded(self) {
        lock(&self.name).give_back(&PER_NAME);
        lock(&self.address).give_back(&PER_ADDRESS);
    }
}

impl Default for FailedSignIns {
    fn default() -> Self {
        FailedSignIns {
            per_name: buckets(&PER_NAME),
            per_address: buckets(&PER_ADDRESS),
        }
    }
}

impl FailedSignIns {
    /// Takes an attempt for `user` from `address`, or says in how many seconds there will be
    /// one. The name's bucket is asked first: a name that is out of attempts costs its address
    /// nothing more.
    pub fn attempt(&self, address: IpAddr, user: &str) -> Result<Attempt, u64> {
        let now = Instant::now();
        let key: (IpAddr, String) = (address, user.chars().take(NAME_CHARS_KEPT).collect());
        // A name already out of attempts is refused before anything else is touched.
        let known = self.per_name.get(&key);
        if let Some(name) = &known {
            lock(name).take(&PER_NAME, now)?;
        }
        let address = self.per_address.get_with(address, || {
            Arc::new(Mutex::new(Bucket::full(&PER_ADDRESS, now)))
        });
        if let Err(wait) = lock(&address).take(&PER_ADDRESS, now) {
            if let Some(name) = &known {
                lock(name).give_back(&PER_NAME);
            }
            return Err(wait);
        }
        // A name's bucket is made only once its address admits the attempt, so that names
        // the address bucket refuses cannot push other buckets out of the bounded map.
        let name = match known {
            Some(name) => name,
            None => {
                let name = Arc::new(Mutex::new(Bucket::full(&PER_NAME, now)));
                let _ = lock(&name).take(&PER_NAME, now);
                self.per_name.insert(key, name.clone());
                name
            }
        };
        Ok(Attempt { name, address })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_ten_failures_then_one_every_six_seconds() {
        let start = Instant::now();
        let mut bucket = Bucket::full(&PER_NAME, start);
        for _ in 0..10 {
            assert_eq!(bucket.take(&PER_NAME, start), Ok(()));
        }
        assert_eq!(bucket.take(&PER_NAME, start), Err(6));
        assert_eq!(
            bucket.take(&PER_NAME, start + Duration::from_secs(3)),
            Err(3)
        );
        assert_eq!(
            bucket.take(&PER_NAME, start + Duration::from_secs(6)),
            Ok(())
        );
        assert_eq!(
            bucket.take(&PER_NAME, start + Duration::from_secs(6)),
            Err(6)
        );
        bucket.give_back(&PER_NAME);
        assert_eq!(
            bucket.take(&PER_NAME, start + Duration::from_secs(6)),
            Ok(())
        );
        assert_eq!(
            bucket.take(&PER_NAME, start + Duration::from_secs(600)),
            Ok(())
        );
        assert!((bucket.tokens - (PER_NAME.allowed - 1.0)).abs() < 1e-9);
    }

    const SHARED: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));

    #[test]
    fn one_name_out_of_attempts_never_blocks_another_from_the_same_address() {
        let failures = FailedSignIns::default();
        for _ in 0..10 {
            assert!(failures.attempt(SHARED, "mallory").is_ok());
        }
        for _ in 0..1000 {
            assert_eq!(failures.attempt(SHARED, "mallory").err(), Some(6));
        }
        assert!(failures.attempt(SHARED, "alice").is_ok());
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(failures.attempt(other, "mallory").is_ok());
    }

    #[test]
    fn many_names_from_one_address_are_still_bounded() {
        let failures = FailedSignIns::default();
        let mut allowed = 0;
        for name in 0..1000 {
            if failures.attempt(SHARED, &format!("user{name}")).is_ok() {
                allowed += 1;
            }
        }
        assert_eq!(allowed, PER_ADDRESS.allowed as usize);
        assert!(failures.attempt(SHARED, "alice").is_err());
    }

    #[test]
    fn names_the_address_refuses_make_no_bucket_of_their_own() {
        let failures = FailedSignIns::default();
        for name in 0..1000 {
            let _ = failures.attempt(SHARED, &format!("user{name}"));
        }
        failures.per_name.run_pending_tasks();
        assert_eq!(failures.per_name.entry_count(), PER_ADDRESS.allowed as u64);
    }

    #[test]
    fn a_success_gives_its_attempt_back_to_both_buckets() {
        let failures = FailedSignIns::default();
        for _ in 0..50 {
            failures
                .attempt(SHARED, "alice")
                .map(Attempt::succeeded)
                .unwrap();
        }
        for _ in 0..10 {
            assert!(failures.attempt(SHARED, "alice").is_ok());
        }
    }
}
