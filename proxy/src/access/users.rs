//! HTTP Basic against the users file: bcrypt on the blocking pool, each checked credential
//! remembered for a while, the file re-read on SIGHUP.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::Duration;

use axum::http::{header, HeaderMap};
use ipnet::IpNet;

use super::basic::{basic_credentials, Credential};
use super::client_address::{client_address, is_trusted};
use super::error::AccessError;
use super::failures::FailedSignIns;
use super::htpasswd::{cost, read_htpasswd};
use crate::error::ProxyError;

/// How long a checked Basic credential is trusted before bcrypt runs again.
const VERIFIED_FOR: Duration = Duration::from_secs(300);
/// What an unknown user's password is checked against, so that a refusal takes as long whether
/// or not the name exists. Nobody signs in with it: the user is unknown.
const NOT_A_PASSWORD: &str = "atlas-panel-proxy: no such user";

pub struct Users {
    pub file: PathBuf,
    /// The TLS-terminating proxy in front, whose X-Forwarded-For names the client.
    trusted: Vec<IpNet>,
    /// No TLS of the proxy's own on a non-loopback address: passwords come only through the
    /// trusted front end, never from another peer over plain HTTP.
    only_through_front_end: bool,
    table: RwLock<Table>,
    /// Picks an unknown name's cost, with a key of this run's own so that it cannot be
    /// foreseen; kept across reloads, so that a reload does not move an unknown name's cost.
    picker: RandomState,
    /// Credentials already checked, with the table generation they were checked against, so
    /// that bcrypt does not run on every asset and a reload drops them all.
    verified: moka::sync::Cache<Credential, (String, u64)>,
    failures: FailedSignIns,
    pub bcrypt_runs: AtomicU64,
}

/// The users file as last read; replaced whole on reload.
struct Table {
    entries: HashMap<String, String>,
    /// The entries' costs, one per entry, and a hash of [`NOT_A_PASSWORD`] at each.
    costs: Vec<u32>,
    stand_ins: BTreeMap<u32, String>,
    generation: u64,
}

impl Table {
    fn load(file: &Path, generation: u64) -> Result<Table, AccessError> {
        let entries = read_htpasswd(file)?;
        let mut costs: Vec<u32> = entries.values().filter_map(|hash| cost(hash)).collect();
        costs.sort_unstable();
        let mut stand_ins = BTreeMap::new();
        for &cost in &costs {
            if let std::collections::btree_map::Entry::Vacant(entry) = stand_ins.entry(cost) {
                let hash = bcrypt::hash(NOT_A_PASSWORD, cost)
                    .map_err(|error| AccessError::Unhashable(error.to_string()))?;
                entry.insert(hash);
            }
        }
        Ok(Table {
            entries,
            costs,
            stand_ins,
            generation,
        })
    }

    /// The hash `user`'s password is checked against, and whether the user is known. An
    /// unknown name is checked at the cost of one of the file's entries, chosen by the name
    /// (the same name, the same cost): it takes as long as a known name, whatever the costs.
    fn hash_for(&self, user: &str, picker: &RandomState) -> (&str, bool) {
        if let Some(hash) = self.entries.get(user) {
            return (hash, true);
        }
        let index = (picker.hash_one(user) % self.costs.len().max(1) as u64) as usize;
        let cost = self.costs.get(index).copied().unwrap_or_default();
        let hash = self
            .stand_ins
            .get(&cost)
            .map(String::as_str)
            .unwrap_or_default();
        (hash, false)
    }
}

impl Users {
    pub fn new(
        file: &Path,
        trusted: &[IpNet],
        only_through_front_end: bool,
    ) -> Result<Users, AccessError> {
        Ok(Users {
            table: RwLock::new(Table::load(file, 0)?),
            picker: RandomState::new(),
            file: file.to_path_buf(),
            trusted: trusted.to_vec(),
            only_through_front_end,
            verified: moka::sync::Cache::builder()
                .max_capacity(1000)
                .time_to_live(VERIFIED_FOR)
                .build(),
            failures: FailedSignIns::default(),
            bcrypt_runs: AtomicU64::new(0),
        })
    }

    fn generation(&self) -> u64 {
        self.table
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .generation
    }

    /// Re-reads the file (it runs bcrypt, so off the async workers). Keeps the old users if
    /// the new file is bad. Once it returns, no removed user is admitted.
    pub fn reload(&self) -> Result<usize, AccessError> {
        let mut table = Table::load(&self.file, 0)?;
        let count = table.entries.len();
        {
            let mut current = self
                .table
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            table.generation = current.generation + 1;
            *current = table;
        }
        self.verified.invalidate_all();
        Ok(count)
    }

    pub async fn admit(&self, peer: IpAddr, headers: &HeaderMap) -> Result<String, ProxyError> {
        if self.only_through_front_end && !is_trusted(peer, &self.trusted) {
            return Err(ProxyError::PasswordOverPlainHttp);
        }
        let refused = || ProxyError::SignInWithPassword;
        let credential = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(basic_credentials)
            .ok_or_else(refused)?;
        if let Some((user, generation)) = self.verified.get(&credential) {
            if generation == self.generation() {
                return Ok(user);
            }
        }
        // Each unchecked credential costs a bcrypt on the blocking pool: a client may fail only
        // so often.
        let client = client_address(peer, headers, &self.trusted);
        let attempt = self
            .failures
            .attempt(client, credential.user())
            .map_err(ProxyError::TooManyFailedSignIns)?;
        // A reload while bcrypt runs: check again against the new users.
        for _ in 0..3 {
            let (hash, known, generation) = {
                let table = self
                    .table
                    .read()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                let (hash, known) = table.hash_for(credential.user(), &self.picker);
                (hash.to_string(), known, table.generation)
            };
            let password = credential.password().to_string();
            self.bcrypt_runs.fetch_add(1, Ordering::Relaxed);
            let verified = tokio::task::spawn_blocking(move || {
                bcrypt::verify(password, &hash).unwrap_or(false)
            })
            .await
            .unwrap_or(false);
            if generation != self.generation() {
                continue;
            }
            if !(known && verified) {
                return Err(refused());
            }
            attempt.succeeded();
            let user = printable(credential.user());
            self.verified.insert(credential, (user.clone(), generation));
            return Ok(user);
        }
        Err(refused())
    }
}

/// A user name as it may appear in a log line.
pub fn printable(user: &str) -> String {
    user.chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(100)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    const PEER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn file(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    fn users_file(users: &[(&str, &str, u32)]) -> String {
        users
            .iter()
            .map(|(user, password, cost)| {
                format!("{user}:{}\n", bcrypt::hash(password, *cost).unwrap())
            })
            .collect()
    }

    fn authorization(credential: &str) -> HeaderMap {
        let encoded = base64::engine::general_purpose::STANDARD.encode(credential);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            format!("Basic {encoded}").parse().unwrap(),
        );
        headers
    }

    #[tokio::test]
    async fn every_spelling_of_one_credential_is_checked_once() {
        let f = file(&users_file(&[("alice", "pw", 10)]));
        let users = Users::new(f.path(), &[], false).unwrap();
        let encoded = base64::engine::general_purpose::STANDARD.encode("alice:pw");
        for spelling in [
            format!("Basic {encoded}"),
            format!("Basic  {encoded}"),
            format!("basic {encoded}"),
            format!("BASIC\t{encoded} "),
            format!("Basic {}", encoded.trim_end_matches('=')),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, spelling.parse().unwrap());
            let admitted = users.admit(PEER, &headers).await;
            assert_eq!(admitted.ok().as_deref(), Some("alice"), "{spelling:?}");
        }
        assert_eq!(users.bcrypt_runs.load(Ordering::Relaxed), 1);
        assert_eq!(users.verified.iter().count(), 1);
    }

    #[tokio::test]
    async fn an_unknown_user_costs_a_bcrypt_like_a_wrong_password() {
        let f = file(&users_file(&[("alice", "pw", 10)]));
        let users = Users::new(f.path(), &[], false).unwrap();
        for credential in ["mallory:pw", "alice:wrong"] {
            let refused = users.admit(PEER, &authorization(credential)).await;
            assert!(matches!(refused, Err(ProxyError::SignInWithPassword)));
        }
        assert_eq!(users.bcrypt_runs.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn unknown_names_are_checked_at_the_costs_of_the_file_s_entries_not_the_highest() {
        let f = file(&users_file(&[
            ("alice", "a", 10),
            ("bob", "b", 10),
            ("carol", "c", 11),
        ]));
        let table = Table::load(f.path(), 0).unwrap();
        let picker = RandomState::new();
        let mut seen = BTreeMap::new();
        for name in 0..300 {
            let name = format!("nobody{name}");
            let (hash, known) = table.hash_for(&name, &picker);
            assert!(!known);
            assert_eq!(
                table.hash_for(&name, &picker).0,
                hash,
                "the same name, the same cost"
            );
            *seen.entry(cost(hash).unwrap()).or_insert(0) += 1;
        }
        // Two entries of cost 10 for one of 11: unknown names fall about two to one.
        assert_eq!(
            seen.keys().copied().collect::<Vec<_>>(),
            [10, 11],
            "{seen:?}"
        );
        assert!(seen[&10] > seen[&11], "{seen:?}");
        assert_eq!(
            table.hash_for("carol", &picker),
            (table.entries["carol"].as_str(), true)
        );
    }

    #[tokio::test]
    async fn over_plain_http_passwords_come_only_through_the_trusted_front_end() {
        let f = file(&users_file(&[("alice", "pw", 10)]));
        let front_end: Vec<IpNet> = vec!["10.0.3.7/32".parse().unwrap()];
        let users = Users::new(f.path(), &front_end, true).unwrap();
        let elsewhere: IpAddr = "10.0.3.8".parse().unwrap();
        let refused = users.admit(elsewhere, &authorization("alice:pw")).await;
        assert!(matches!(refused, Err(ProxyError::PasswordOverPlainHttp)));
        assert_eq!(users.bcrypt_runs.load(Ordering::Relaxed), 0);
        let admitted = users
            .admit("10.0.3.7".parse().unwrap(), &authorization("alice:pw"))
            .await;
        assert_eq!(admitted.ok().as_deref(), Some("alice"));
        // With TLS of its own (or on loopback) any peer may send a password.
        let anywhere = Users::new(f.path(), &front_end, false).unwrap();
        let admitted = anywhere.admit(elsewhere, &authorization("alice:pw")).await;
        assert_eq!(admitted.ok().as_deref(), Some("alice"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn once_a_reload_returns_a_removed_user_is_not_admitted() {
        // Bob's check (cost 13) outlasts the reload, whose stand-in hash is of cost 10.
        let f = file(&users_file(&[
            ("alice", "alice-pw", 10),
            ("bob", "bob-pw", 13),
        ]));
        let users = std::sync::Arc::new(Users::new(f.path(), &[], false).unwrap());
        let bob = authorization("bob:bob-pw");
        let checking = {
            let (users, bob) = (users.clone(), bob.clone());
            tokio::spawn(async move { users.admit(PEER, &bob).await })
        };
        while users.bcrypt_runs.load(Ordering::Relaxed) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        std::fs::write(f.path(), users_file(&[("alice", "alice-pw", 10)])).unwrap();
        let reloaded = users.clone();
        let count = tokio::task::spawn_blocking(move || reloaded.reload())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(count, 1);
        assert!(
            !checking.is_finished(),
            "bob's check ended before the reload did"
        );
        let during = checking.await.unwrap();
        assert!(
            matches!(during, Err(ProxyError::SignInWithPassword)),
            "bob's check under way during the reload admitted him: {:?}",
            during.ok()
        );
        let after = users.admit(PEER, &bob).await;
        assert!(
            matches!(after, Err(ProxyError::SignInWithPassword)),
            "bob was admitted after the reload: {:?}",
            after.ok()
        );
    }

    #[test]
    fn log_names_are_printable() {
        assert_eq!(
            printable("alice@example.com\r\nX: 1"),
            "alice@example.comX: 1"
        );
    }
}
