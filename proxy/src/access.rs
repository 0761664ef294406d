//! Who may use the proxy: nobody checked (loopback, or `--allow-anonymous`), a header set by
//! a trusted SSO gateway (`--auth-header` with `--trusted-proxy`), or HTTP Basic against an
//! htpasswd file of bcrypt entries (`--users`).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::uri::Authority;
use axum::http::{header, HeaderMap, HeaderName, Uri};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};
use ipnet::IpNet;
use thiserror::Error;

use crate::cli::Options;
use crate::error::ProxyError;

/// How long a checked Basic credential is trusted before bcrypt runs again.
const VERIFIED_FOR: Duration = Duration::from_secs(300);
/// Failed Basic sign-ins a client address may make at once, and how often it gets one more.
const FAILURES_ALLOWED: f64 = 10.0;
const ONE_MORE_FAILURE_EVERY: Duration = Duration::from_secs(6);
/// Client addresses whose failures are remembered; an address idle this long has a full bucket.
const FAILING_CLIENTS_KEPT: u64 = 10_000;
const FULL_AGAIN_AFTER: Duration = Duration::from_secs(60);
/// The lowest bcrypt cost accepted in the users file.
const MIN_BCRYPT_COST: u32 = 10;
/// What an unknown user's password is checked against, so that a refusal takes as long whether
/// or not the name exists. Nobody signs in with it: the user is unknown.
const NOT_A_PASSWORD: &str = "atlas-panel-proxy: no such user";

pub enum Access {
    /// No sign-in. `local`: because the address is loopback, not because of --allow-anonymous.
    /// `hosts`: the --public-host names, lowercase.
    Anonymous {
        local: bool,
        hosts: Vec<String>,
    },
    SsoHeader {
        header: HeaderName,
        trusted: Vec<IpNet>,
    },
    Users(Box<Users>),
}

pub struct Users {
    file: PathBuf,
    /// The TLS-terminating proxy in front, whose X-Forwarded-For names the client.
    trusted: Vec<IpNet>,
    table: RwLock<Table>,
    /// Credentials already checked, with the table generation they were checked against, so
    /// that bcrypt does not run on every asset and a reload drops them all.
    verified: moka::sync::Cache<Credential, (String, u64)>,
    failures: moka::sync::Cache<IpAddr, Arc<Mutex<Bucket>>>,
    bcrypt_runs: AtomicU64,
}

/// The users file as last read; replaced whole on reload.
struct Table {
    entries: HashMap<String, String>,
    /// A hash of [`NOT_A_PASSWORD`] at the entries' highest cost.
    dummy: String,
    generation: u64,
}

impl Table {
    fn load(file: &Path, generation: u64) -> Result<Table, AccessError> {
        let entries = read_htpasswd(file)?;
        let cost = entries.values().filter_map(|hash| cost(hash)).max();
        let dummy = bcrypt::hash(NOT_A_PASSWORD, cost.unwrap_or(MIN_BCRYPT_COST))
            .map_err(|error| AccessError::Unhashable(error.to_string()))?;
        Ok(Table {
            entries,
            dummy,
            generation,
        })
    }
}

/// A Basic credential as decoded, `user:password`: every spelling of one credential is one
/// key. No `Debug`, so that it cannot end up in a log line.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Credential {
    decoded: String,
    colon: usize,
}

impl Credential {
    fn user(&self) -> &str {
        &self.decoded[..self.colon]
    }

    fn password(&self) -> &str {
        &self.decoded[self.colon + 1..]
    }
}

/// A token bucket of failed sign-ins.
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(now: Instant) -> Bucket {
        Bucket {
            tokens: FAILURES_ALLOWED,
            at: now,
        }
    }

    /// Takes one attempt, or says in how many seconds there will be one.
    fn take(&mut self, now: Instant) -> Result<(), u64> {
        let gained = now.saturating_duration_since(self.at).as_secs_f64()
            / ONE_MORE_FAILURE_EVERY.as_secs_f64();
        self.tokens = (self.tokens + gained).min(FAILURES_ALLOWED);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        let wait = (1.0 - self.tokens) * ONE_MORE_FAILURE_EVERY.as_secs_f64();
        Err((wait.ceil() as u64).max(1))
    }

    /// A successful sign-in costs nothing.
    fn give_back(&mut self) {
        self.tokens = (self.tokens + 1.0).min(FAILURES_ALLOWED);
    }
}

fn lock(bucket: &Mutex<Bucket>) -> std::sync::MutexGuard<'_, Bucket> {
    bucket
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The bcrypt cost of a `$2?$NN$...` hash.
fn cost(hash: &str) -> Option<u32> {
    hash.get(4..6)?.parse().ok()
}

#[derive(Debug, Error)]
pub enum AccessError {
    #[error("--users {0}: {1}")]
    Unreadable(String, std::io::Error),
    #[error("--users {file}, line {line}: only bcrypt entries are accepted (create them with `htpasswd -B`)")]
    NotBcrypt { file: String, line: usize },
    #[error(
        "--users {file}, line {line}: bcrypt cost {cost} is too low (at least 10); re-create \
         it with `htpasswd -B -C 12 {file} {user}`"
    )]
    WeakBcrypt {
        file: String,
        line: usize,
        cost: u32,
        user: String,
    },
    #[error("--users: could not hash the stand-in for unknown users: {0}")]
    Unhashable(String),
    #[error("--users {file}, line {line}: expected user:hash")]
    Malformed { file: String, line: usize },
    #[error("--users {0}: no users in the file")]
    Empty(String),
    #[error("--public-host {0:?} is not a host name (give it without a scheme, port or path)")]
    BadPublicHost(String),
    #[error("--auth-header {0:?} is not a valid header name")]
    BadHeader(String),
    #[error(
        "listening on {0}, which is not a loopback address, lets anyone on the network use the \
         proxy's Atlas key: give --auth-header with --trusted-proxy, or --users, or --allow-anonymous"
    )]
    OpenToTheNetwork(String),
    #[error(
        "--users on {0}, which is not a loopback address, without --tls-cert would send every \
         password in the clear: give --tls-cert and --tls-key, or --trusted-proxy CIDR naming \
         the TLS-terminating proxy in front"
    )]
    PasswordsInTheClear(String),
}

/// Reads an htpasswd file: `user:hash` lines, bcrypt only.
pub fn read_htpasswd(file: &Path) -> Result<HashMap<String, String>, AccessError> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file)
        .map_err(|error| AccessError::Unreadable(name.clone(), error))?;
    let mut users = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((user, hash)) = line.split_once(':') else {
            return Err(AccessError::Malformed {
                file: name,
                line: index + 1,
            });
        };
        let bcrypt = ["$2a$", "$2b$", "$2y$"]
            .iter()
            .any(|prefix| hash.starts_with(prefix));
        match cost(hash) {
            Some(cost) if bcrypt && cost < MIN_BCRYPT_COST => {
                return Err(AccessError::WeakBcrypt {
                    file: name,
                    line: index + 1,
                    cost,
                    user: printable(user),
                })
            }
            Some(_) if bcrypt => {}
            _ => {
                return Err(AccessError::NotBcrypt {
                    file: name,
                    line: index + 1,
                })
            }
        }
        users.insert(user.to_string(), hash.to_string());
    }
    if users.is_empty() {
        return Err(AccessError::Empty(name));
    }
    Ok(users)
}

/// Headers a relaying proxy (a same-host nginx, say) adds: `trunk serve`'s own proxy sends only
/// `X-Forwarded-Host` and `X-Forwarded-Proto`, which are not among them.
/// Signs that a request was relayed. A heuristic: a bare `proxy_pass`, socat or `ssh -L` add
/// none of them, which is why the shipped nginx.conf signs people in instead.
const RELAY_HEADERS: [&str; 4] = ["forwarded", "x-forwarded-for", "x-real-ip", "via"];

impl Access {
    pub fn new(options: &Options) -> Result<Access, AccessError> {
        let listen = options.listen.ip();
        let trusted = &options.trusted_proxies;
        let access = match (options.auth_header.as_deref(), options.users.as_deref()) {
            (Some(name), _) => Access::SsoHeader {
                header: HeaderName::try_from(name)
                    .map_err(|_| AccessError::BadHeader(name.to_string()))?,
                trusted: trusted.to_vec(),
            },
            (None, Some(_))
                if !listen.is_loopback() && options.tls_cert.is_none() && trusted.is_empty() =>
            {
                return Err(AccessError::PasswordsInTheClear(listen.to_string()));
            }
            (None, Some(file)) => Access::Users(Box::new(Users {
                table: RwLock::new(Table::load(file, 0)?),
                file: file.to_path_buf(),
                trusted: trusted.to_vec(),
                verified: moka::sync::Cache::builder()
                    .max_capacity(1000)
                    .time_to_live(VERIFIED_FOR)
                    .build(),
                failures: moka::sync::Cache::builder()
                    // Least recently used out first: under TinyLFU a new client could get a
                    // fresh bucket on every request once the cache is full.
                    .eviction_policy(moka::policy::EvictionPolicy::lru())
                    .max_capacity(FAILING_CLIENTS_KEPT)
                    .time_to_idle(FULL_AGAIN_AFTER)
                    .build(),
                bcrypt_runs: AtomicU64::new(0),
            })),
            (None, None) => Access::Anonymous {
                local: !options.allow_anonymous,
                hosts: options
                    .public_hosts
                    .iter()
                    .map(|name| public_host(name))
                    .collect::<Result<_, _>>()?,
            },
        };
        if matches!(access, Access::Anonymous { .. })
            && !listen.is_loopback()
            && !options.allow_anonymous
        {
            return Err(AccessError::OpenToTheNetwork(listen.to_string()));
        }
        Ok(access)
    }

    /// The access mode, as the start-up line says it.
    pub fn describe(&self) -> String {
        match self {
            Access::Anonymous { .. } => "access: anyone who can reach it".to_string(),
            Access::SsoHeader { header, trusted } => {
                let from: Vec<String> = trusted.iter().map(ToString::to_string).collect();
                format!("access: SSO header {header} from {}", from.join(", "))
            }
            Access::Users(users) => {
                format!("access: HTTP Basic, users from {}", users.file.display())
            }
        }
    }

    /// Re-reads the htpasswd file (on SIGHUP; it runs bcrypt, so off the async workers). Keeps
    /// the old users if the new file is bad. Once it returns, no removed user is admitted.
    pub fn reload(&self) -> Result<usize, AccessError> {
        let Access::Users(users) = self else {
            return Ok(0);
        };
        let mut table = Table::load(&users.file, 0)?;
        let count = table.entries.len();
        {
            let mut current = users
                .table
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            table.generation = current.generation + 1;
            *current = table;
        }
        users.verified.invalidate_all();
        Ok(count)
    }

    /// The user a request is admitted as (`None` in anonymous mode), or the 401 to send.
    async fn admit(
        &self,
        peer: IpAddr,
        uri: &Uri,
        headers: &HeaderMap,
    ) -> Result<Option<String>, ProxyError> {
        match self {
            Access::Anonymous { local, hosts } => {
                if !host_is_served(uri, headers, hosts) {
                    return Err(ProxyError::MisdirectedHost);
                }
                if *local {
                    if let Some(relay) = RELAY_HEADERS
                        .iter()
                        .find(|name| headers.contains_key(**name))
                    {
                        tracing::warn!(
                            "refused a request relayed from {peer} (it has {relay}): with no sign-in \
                             this proxy must not be reached through another proxy; give \
                             --auth-header with --trusted-proxy, or --users"
                        );
                        return Err(ProxyError::RelayedWithoutSignIn);
                    }
                }
                Ok(None)
            }
            Access::SsoHeader { header, trusted } => {
                let from_gateway = trusted.iter().any(|net| net.contains(&peer));
                let user = headers
                    .get(header)
                    .and_then(|v| v.to_str().ok())
                    .map(str::trim)
                    .unwrap_or("");
                if from_gateway && !user.is_empty() {
                    Ok(Some(printable(user)))
                } else {
                    Err(ProxyError::SignInThroughGateway)
                }
            }
            Access::Users(users) => users.admit(peer, headers).await,
        }
    }
}

impl Users {
    fn generation(&self) -> u64 {
        self.table
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .generation
    }

    async fn admit(&self, peer: IpAddr, headers: &HeaderMap) -> Result<Option<String>, ProxyError> {
        let refused = || ProxyError::SignInWithPassword;
        let credential = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(basic_credentials)
            .ok_or_else(refused)?;
        if let Some((user, generation)) = self.verified.get(&credential) {
            if generation == self.generation() {
                return Ok(Some(user));
            }
        }
        // Each unchecked credential costs a bcrypt on the blocking pool: a client may fail only
        // so often.
        let client = client_address(peer, headers, &self.trusted);
        let bucket = self.failures.get_with(client, || {
            Arc::new(Mutex::new(Bucket::full(Instant::now())))
        });
        lock(&bucket)
            .take(Instant::now())
            .map_err(ProxyError::TooManyFailedSignIns)?;
        // A reload while bcrypt runs: check again against the new users.
        for _ in 0..3 {
            let (hash, known, generation) = {
                let table = self
                    .table
                    .read()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                match table.entries.get(credential.user()) {
                    Some(hash) => (hash.clone(), true, table.generation),
                    None => (table.dummy.clone(), false, table.generation),
                }
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
            lock(&bucket).give_back();
            let user = printable(credential.user());
            self.verified.insert(credential, (user.clone(), generation));
            return Ok(Some(user));
        }
        Err(refused())
    }
}

/// The address failed sign-ins are counted against: the client the trusted proxy in front
/// names last in X-Forwarded-For, else the peer; an IPv6 client by its /64.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let forwarded = || {
        headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()?
            .to_str()
            .ok()?
            .rsplit(',')
            .next()?
            .trim()
            .parse::<IpAddr>()
            .ok()
    };
    let client = if trusted.iter().any(|net| net.contains(&peer)) {
        forwarded().unwrap_or(peer)
    } else {
        peer
    };
    match client.to_canonical() {
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & (u128::MAX << 64);
            IpAddr::V6(Ipv6Addr::from(network))
        }
        v4 => v4,
    }
}

fn public_host(name: &str) -> Result<String, AccessError> {
    let bad = || AccessError::BadPublicHost(name.to_string());
    let authority: Authority = name.parse().map_err(|_| bad())?;
    if authority.port().is_some() || authority.as_str().contains('@') || name.is_empty() {
        return Err(bad());
    }
    Ok(name.trim_end_matches('.').to_ascii_lowercase())
}

/// Whether a no-sign-in proxy answers for the request's host (`Host`, else HTTP/2's
/// `:authority`). A DNS rebinding page reaches it under the attacker's name, so only names known to be
/// this machine's pass; an IP address cannot be rebound. A request without a host (HTTP/1.0)
/// does not come from a browser, which always sends one, so it passes.
fn host_is_served(uri: &Uri, headers: &HeaderMap, hosts: &[String]) -> bool {
    let authority = match (headers.get(header::HOST), uri.authority()) {
        (Some(host), _) => match host.to_str().ok().and_then(|h| h.parse().ok()) {
            Some(authority) => authority,
            None => return false,
        },
        (None, Some(authority)) => authority.clone(),
        (None, None) => return true,
    };
    if authority.as_str().contains('@') {
        return false;
    }
    let host = authority.host().trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok()
        || hosts.contains(&host)
}

/// Base64 with or without its padding.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `Basic <base64 of user:password>`, the scheme in any case, with any spaces around.
fn basic_credentials(authorization: &str) -> Option<Credential> {
    let (scheme, encoded) = authorization.trim().split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(LENIENT_BASE64.decode(encoded.trim()).ok()?).ok()?;
    let colon = decoded.find(':')?;
    Some(Credential { decoded, colon })
}

/// A user name as it may appear in a log line.
fn printable(user: &str) -> String {
    user.chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(100)
        .collect()
}

/// The user a request was admitted as, for the handlers (the per-user upstream budget).
#[derive(Clone, Debug)]
pub struct SignedIn(pub String);

/// Admits or refuses every request but `/healthz`, and names the user in the request's log line.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    #[test]
    fn reads_bcrypt_entries_and_refuses_other_schemes() {
        let good = file("# team\nalice:$2y$10$abcdefghijklmnopqrstuu5Ihl0S0kzJ1N8y4YI6Qf8QyJ0o8JqR6\n\nbob:$2b$12$x\n");
        assert_eq!(read_htpasswd(good.path()).unwrap().len(), 2);
        for bad in [
            "carol:{SHA}abc=",
            "dave:$apr1$salt$hash",
            "erin:plaintext",
            "frank:$1$md5crypt",
            "grace:$2b$x",
        ] {
            let f = file(bad);
            assert!(
                matches!(
                    read_htpasswd(f.path()),
                    Err(AccessError::NotBcrypt { line: 1, .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            read_htpasswd(file("no colon here").path()),
            Err(AccessError::Malformed { .. })
        ));
        assert!(matches!(
            read_htpasswd(file("# nobody\n").path()),
            Err(AccessError::Empty(_))
        ));
    }

    fn access(args: &[&str]) -> Result<Access, AccessError> {
        use clap::Parser;
        let argv = ["atlas-panel-proxy", "--demo"].iter().chain(args);
        Access::new(&Options::try_parse_from(argv).unwrap())
    }

    #[test]
    fn refuses_cheap_bcrypt_entries_and_says_how_to_re_create_them() {
        let weak = file(
            "alice:$2y$10$abc\nbob:$2y$05$abcdefghijklmnopqrstuu5Ihl0S0kzJ1N8y4YI6Qf8QyJ0o8JqR6\n",
        );
        let error = read_htpasswd(weak.path()).unwrap_err();
        let name = weak.path().display();
        assert_eq!(
            error.to_string(),
            format!(
                "--users {name}, line 2: bcrypt cost 5 is too low (at least 10); re-create it \
                 with `htpasswd -B -C 12 {name} bob`"
            )
        );
    }

    #[test]
    fn a_bucket_allows_ten_failures_then_one_every_six_seconds() {
        let start = Instant::now();
        let mut bucket = Bucket::full(start);
        for _ in 0..10 {
            assert_eq!(bucket.take(start), Ok(()));
        }
        assert_eq!(bucket.take(start), Err(6));
        assert_eq!(bucket.take(start + Duration::from_secs(3)), Err(3));
        assert_eq!(bucket.take(start + Duration::from_secs(6)), Ok(()));
        assert_eq!(bucket.take(start + Duration::from_secs(6)), Err(6));
        bucket.give_back();
        assert_eq!(bucket.take(start + Duration::from_secs(6)), Ok(()));
        assert_eq!(bucket.take(start + Duration::from_secs(600)), Ok(()));
        assert!((bucket.tokens - (FAILURES_ALLOWED - 1.0)).abs() < 1e-9);
    }

    #[test]
    fn failures_count_against_the_client_the_trusted_proxy_names() {
        let trusted: Vec<IpNet> = vec!["10.0.3.7/32".parse().unwrap()];
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.4".parse().unwrap(),
        );
        let proxy: IpAddr = "10.0.3.7".parse().unwrap();
        let other: IpAddr = "10.0.3.8".parse().unwrap();
        assert_eq!(
            client_address(proxy, &headers, &trusted),
            "198.51.100.4".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_address(other, &headers, &trusted), other);
        assert_eq!(
            client_address("2001:db8::1:2:3:4".parse().unwrap(), &HeaderMap::new(), &[]),
            "2001:db8::".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_address("::ffff:192.0.2.1".parse().unwrap(), &HeaderMap::new(), &[]),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
    }

    const PEER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn users_file(users: &[(&str, &str)]) -> String {
        users
            .iter()
            .map(|(user, password)| format!("{user}:{}\n", bcrypt::hash(password, 10).unwrap()))
            .collect()
    }

    fn users(access: &Access) -> &Users {
        match access {
            Access::Users(users) => users,
            _ => panic!("not the users mode"),
        }
    }

    fn authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, value.parse().unwrap());
        headers
    }

    fn basic(credential: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(credential)
    }

    #[tokio::test]
    async fn every_spelling_of_one_credential_is_checked_once() {
        let f = file(&users_file(&[("alice", "pw")]));
        let access = access(&["--users", f.path().to_str().unwrap()]).unwrap();
        let encoded = basic("alice:pw");
        for spelling in [
            format!("Basic {encoded}"),
            format!("Basic  {encoded}"),
            format!("basic {encoded}"),
            format!("BASIC\t{encoded} "),
            format!("Basic {}", encoded.trim_end_matches('=')),
        ] {
            let admitted = access
                .admit(PEER, &Uri::from_static("/"), &authorization(&spelling))
                .await;
            assert_eq!(
                admitted.ok().flatten().as_deref(),
                Some("alice"),
                "{spelling:?}"
            );
        }
        assert_eq!(users(&access).bcrypt_runs.load(Ordering::Relaxed), 1);
        assert_eq!(users(&access).verified.iter().count(), 1);
    }

    #[tokio::test]
    async fn an_unknown_user_costs_a_bcrypt_like_a_wrong_password() {
        let f = file(&users_file(&[("alice", "pw")]));
        let access = access(&["--users", f.path().to_str().unwrap()]).unwrap();
        for credential in ["mallory:pw", "alice:wrong"] {
            let header = format!("Basic {}", basic(credential));
            let refused = access
                .admit(PEER, &Uri::from_static("/"), &authorization(&header))
                .await;
            assert!(matches!(refused, Err(ProxyError::SignInWithPassword)));
        }
        assert_eq!(users(&access).bcrypt_runs.load(Ordering::Relaxed), 2);
        assert_eq!(cost(&users(&access).table.read().unwrap().dummy), Some(10));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn once_a_reload_returns_a_removed_user_is_not_admitted() {
        // Bob's check (cost 13) outlasts the reload, whose stand-in hash is of cost 10.
        let bob_entry = format!("bob:{}\n", bcrypt::hash("bob-pw", 13).unwrap());
        let f = file(&(users_file(&[("alice", "alice-pw")]) + &bob_entry));
        let access = Arc::new(access(&["--users", f.path().to_str().unwrap()]).unwrap());
        let bob = authorization(&format!("Basic {}", basic("bob:bob-pw")));
        let checking = {
            let (access, bob) = (access.clone(), bob.clone());
            tokio::spawn(async move { access.admit(PEER, &Uri::from_static("/"), &bob).await })
        };
        while users(&access).bcrypt_runs.load(Ordering::Relaxed) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        std::fs::write(f.path(), users_file(&[("alice", "alice-pw")])).unwrap();
        let reloaded = access.clone();
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
        let after = access.admit(PEER, &Uri::from_static("/"), &bob).await;
        assert!(
            matches!(after, Err(ProxyError::SignInWithPassword)),
            "bob was admitted after the reload: {:?}",
            after.ok()
        );
    }

    #[test]
    fn refuses_to_open_the_key_to_the_network_by_default() {
        assert!(matches!(
            access(&["--listen", "0.0.0.0:8080"]),
            Err(AccessError::OpenToTheNetwork(_))
        ));
        assert!(matches!(
            access(&["--listen", "0.0.0.0:8080", "--allow-anonymous"]),
            Ok(Access::Anonymous { local: false, .. })
        ));
        assert!(matches!(
            access(&[]),
            Ok(Access::Anonymous { local: true, .. })
        ));
        assert!(access(&[
            "--listen",
            "0.0.0.0:8080",
            "--auth-header",
            "X-Forwarded-Email",
            "--trusted-proxy",
            "10.0.0.0/8",
        ])
        .is_ok());
    }

    #[test]
    fn with_no_sign_in_only_this_machines_names_and_ip_addresses_are_served() {
        let hosts = vec![public_host("Atlas.Example.").unwrap()];
        let served = |host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, host.parse().unwrap());
            host_is_served(&Uri::from_static("/api"), &headers, &hosts)
        };
        for host in [
            "localhost",
            "LOCALHOST:8080",
            "127.0.0.1",
            "127.0.0.1:8080",
            "[::1]",
            "[::1]:8080",
            "atlas.example",
            "atlas.example:443",
            "192.0.2.7:8080",
        ] {
            assert!(served(host), "{host}");
        }
        for host in [
            "evil.example",
            "localhost.evil.example",
            "atlas.example.evil.example",
            "user@localhost",
            "",
        ] {
            assert!(!served(host), "{host}");
        }
        let http2 = Uri::from_static("https://evil.example/api");
        assert!(!host_is_served(&http2, &HeaderMap::new(), &hosts));
        assert!(host_is_served(
            &Uri::from_static("/api"),
            &HeaderMap::new(),
            &hosts
        ));
        for bad in ["", "atlas.example:8080", "https://atlas.example", "a/b"] {
            assert!(
                matches!(public_host(bad), Err(AccessError::BadPublicHost(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn log_names_are_printable() {
        assert_eq!(
            printable("alice@example.com\r\nX: 1"),
            "alice@example.comX: 1"
        );
    }
}
