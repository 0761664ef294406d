//! A fake Atlas Administration API for the tests.
//!
//! It demands Digest (API key) or OAuth (service account) credentials as Atlas does, pages
//! its lists as Atlas does, answers v2 only to each list's dated `Accept`, and misbehaves on
//! demand: each ID in [`ids`] answers one way. It records every request it receives, headers
//! and all, so a test can assert what the proxy forwarded.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use atlas_panel_common::endpoint::{match_path, ApiFlavour, Endpoint, List, Matched, Owner};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};

pub mod estate;

pub const PUBLIC_KEY: &str = "fakepublic";
pub const PRIVATE_KEY: &str = "fake-private-key-0f1e2d3c";
pub const CLIENT_ID: &str = "mdb_sa_id_fake";
pub const CLIENT_SECRET: &str = "mdb_sa_sk_fake-client-secret";
const REALM: &str = "MMS Public API";
/// A Digest nonce serves this many requests before it is declared stale.
const NONCE_USES: u32 = 25;

/// The IDs the fake knows, each with its own behaviour.
pub mod ids {
    /// Every integration type, redacted as Atlas redacts.
    pub const ALL_TYPES: &str = "fa00000000000000000000a1";
    /// Every integration type with its secrets in clear text.
    pub const CLEAR_SECRETS: &str = "fa00000000000000000000a2";
    /// Markup in every string, in integrations and teams alike.
    pub const MARKUP: &str = "fa00000000000000000000a3";
    /// No integrations, no teams.
    pub const EMPTY: &str = "fa00000000000000000000a4";
    /// 1,234 teams.
    pub const LARGE: &str = "fa00000000000000000000b1";
    pub const STATUS_400: &str = "fa00000000000000000000c0";
    pub const STATUS_401: &str = "fa00000000000000000000c1";
    pub const STATUS_403: &str = "fa00000000000000000000c3";
    pub const STATUS_404: &str = "fa00000000000000000000c4";
    /// 429 with `Retry-After: 1` on every other request, starting with the first.
    pub const STATUS_429: &str = "fa00000000000000000000c9";
    pub const STATUS_500: &str = "fa00000000000000000000c5";
    /// A gateway's HTML error page.
    pub const GATEWAY_HTML: &str = "fa00000000000000000000d1";
    /// JSON cut short.
    pub const TRUNCATED: &str = "fa00000000000000000000d2";
    /// 1,234 teams, like `LARGE`; its first page comes only after the delay set by
    /// `/_control/delay` (3 seconds at first), the other pages at once.
    pub const SLOW: &str = "fa00000000000000000000d3";
    /// Closes the connection without an answer.
    pub const DROP: &str = "fa00000000000000000000d4";
    /// A 9 MiB answer, over the proxy's cap.
    pub const HUGE: &str = "fa00000000000000000000d5";
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMode {
    Digest,
    OAuth,
}

/// One request as the fake saw it.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub path_and_query: String,
    pub headers: Vec<(String, String)>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn to_json(&self) -> Value {
        // `accept` on its own too: what a test asks most, and v2's per-list date.
        json!({"method": self.method, "pathAndQuery": self.path_and_query, "accept": self.header("accept"), "headers": self.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>()})
    }
}

#[derive(Default)]
struct Inner {
    received: Vec<Received>,
    /// Per nonce: the `nc` values already used. A used one is a replay; order does not
    /// matter, since concurrent requests may arrive in any order.
    nonces: HashMap<String, std::collections::HashSet<u32>>,
    next_nonce: u64,
    tokens: Vec<String>,
    token_fetches: u32,
    /// Per ID: this many requests fail with this status before it answers normally again.
    failures: HashMap<String, (u16, u32)>,
    rate_limited: HashMap<String, bool>,
    slow_ms: u64,
    in_flight: u32,
    max_in_flight: u32,
    /// The same for requests about one project (`/groups/{id}/…`): what an organization-wide
    /// run bounds, apart from the page's own organization-level reads.
    projects_in_flight: u32,
    max_projects_in_flight: u32,
    bucket: Option<Bucket>,
    /// Every API answer is bytes that are not JSON.
    garbage: bool,
    /// Every API answer waits this long first.
    lag_ms: u64,
}

/// Atlas's token bucket: `capacity` requests, refilled `refill_per_minute` a minute.
struct Bucket {
    capacity: f64,
    tokens: f64,
    refill_per_second: f64,
    last: std::time::Instant,
    limited: u32,
}

impl Bucket {
    fn take(&mut self) -> Result<u32, u64> {
        let now = std::time::Instant::now();
        self.tokens = (self.tokens
            + now.duration_since(self.last).as_secs_f64() * self.refill_per_second)
            .min(self.capacity);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(self.tokens as u32)
        } else {
            self.limited += 1;
            Err(((1.0 - self.tokens) / self.refill_per_second).ceil() as u64)
        }
    }
}

#[derive(Clone)]
struct Shared {
    auth: AuthMode,
    inner: Arc<Mutex<Inner>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running fake, for tests in this process.
pub struct FakeAtlas {
    pub addr: SocketAddr,
    shared: Shared,
}

impl FakeAtlas {
    /// Starts on a free loopback port.
    pub async fn start(auth: AuthMode) -> FakeAtlas {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        Self::start_on(listener, auth)
    }

    pub fn start_on(listener: tokio::net::TcpListener, auth: AuthMode) -> FakeAtlas {
        let addr = listener.local_addr().expect("a bound address");
        let shared = Shared {
            auth,
            inner: Arc::new(Mutex::new(Inner {
                slow_ms: 3000,
                ..Inner::default()
            })),
        };
        let app = router(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeAtlas { addr, shared }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every API request received so far (token requests included).
    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().received.clone()
    }

    pub fn token_fetches(&self) -> u32 {
        self.shared.lock().token_fetches
    }

    /// Makes the next `times` requests for `id` fail with `status`.
    pub fn fail(&self, id: &str, status: u16, times: u32) {
        self.shared
            .lock()
            .failures
            .insert(id.to_string(), (status, times));
    }

    /// Forgets every token issued, so the next bearer request is refused.
    pub fn revoke_tokens(&self) {
        self.shared.lock().tokens.clear();
    }

    /// Limits authenticated API requests with a token bucket, as Atlas does.
    pub fn set_bucket(&self, capacity: u32, refill_per_minute: u32) {
        self.shared.lock().bucket = Some(Bucket {
            capacity: f64::from(capacity),
            tokens: f64::from(capacity),
            refill_per_second: f64::from(refill_per_minute) / 60.0,
            last: std::time::Instant::now(),
            limited: 0,
        });
    }

    /// How many requests the bucket refused.
    pub fn bucket_refusals(&self) -> u32 {
        self.shared.lock().bucket.as_ref().map_or(0, |b| b.limited)
    }

    /// The most API requests the fake was answering at one moment.
    pub fn max_in_flight(&self) -> u32 {
        self.shared.lock().max_in_flight
    }

    /// Every API answer waits this long first.
    pub fn set_lag_ms(&self, ms: u64) {
        self.shared.lock().lag_ms = ms;
    }

    pub fn set_slow_ms(&self, ms: u64) {
        self.shared.lock().slow_ms = ms;
    }
}

pub fn router_for(auth: AuthMode) -> Router {
    router(Shared {
        auth,
        inner: Arc::new(Mutex::new(Inner {
            slow_ms: 3000,
            ..Inner::default()
        })),
    })
}

fn router(shared: Shared) -> Router {
    Router::new()
        .route("/api/oauth/token", post(token))
        .route("/_control/received", get(control_received))
        .route("/_control/reset", post(control_reset))
        .route("/_control/fail", post(control_fail))
        .route("/_control/delay", post(control_delay))
        .route("/_control/ids", get(control_ids))
        .route("/_control/garbage", post(control_garbage))
        .route("/_control/lag", post(control_lag))
        .route("/_control/unmasked/api/{*rest}", get(control_unmasked))
        .route("/api/{*rest}", any(api))
        .with_state(shared)
}

fn record(shared: &Shared, request: &Request) {
    let received = Received {
        method: request.method().to_string(),
        path_and_query: request
            .uri()
            .path_and_query()
            .map(|pq| pq.to_string())
            .unwrap_or_default(),
        headers: request
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.to_string(),
                    value.to_str().unwrap_or("<binary>").to_string(),
                )
            })
            .collect(),
    };
    shared.lock().received.push(received);
}

async fn token(State(shared): State<Shared>, request: Request) -> Response {
    record(&shared, &request);
    let expected =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    let authorized = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Basic {expected}"));
    if !authorized {
        return error(
            StatusCode::UNAUTHORIZED,
            "INVALID_CLIENT",
            "Bad client credentials.",
        );
    }
    let mut inner = shared.lock();
    inner.token_fetches += 1;
    let token = format!("fake-token-{}", inner.token_fetches);
    inner.tokens.push(token.clone());
    Json(json!({"access_token": token, "expires_in": 3600, "token_type": "Bearer"})).into_response()
}

async fn control_received(State(shared): State<Shared>) -> Json<Value> {
    let inner = shared.lock();
    Json(json!({
        "requests": inner.received.iter().map(Received::to_json).collect::<Vec<_>>(),
        "tokenFetches": inner.token_fetches,
        "maxInFlight": inner.max_in_flight,
        "maxProjectsInFlight": inner.max_projects_in_flight,
    }))
}

async fn control_reset(State(shared): State<Shared>) -> StatusCode {
    let mut inner = shared.lock();
    inner.received.clear();
    inner.failures.clear();
    inner.rate_limited.clear();
    inner.slow_ms = 3000;
    inner.garbage = false;
    inner.lag_ms = 0;
    inner.max_in_flight = inner.in_flight;
    inner.max_projects_in_flight = inner.projects_in_flight;
    StatusCode::NO_CONTENT
}

/// `POST /_control/fail?id=ID&status=500&times=1`
async fn control_fail(State(shared): State<Shared>, request: Request) -> StatusCode {
    let query = query_map(request.uri().query());
    let (Some(id), Some(status), Some(times)) = (
        query.get("id"),
        query.get("status").and_then(|s| s.parse().ok()),
        query.get("times").and_then(|s| s.parse().ok()),
    ) else {
        return StatusCode::BAD_REQUEST;
    };
    shared.lock().failures.insert(id.clone(), (status, times));
    StatusCode::NO_CONTENT
}

/// `POST /_control/delay?ms=3000`
async fn control_delay(State(shared): State<Shared>, request: Request) -> StatusCode {
    match query_map(request.uri().query())
        .get("ms")
        .and_then(|s| s.parse().ok())
    {
        Some(ms) => {
            shared.lock().slow_ms = ms;
            StatusCode::NO_CONTENT
        }
        None => StatusCode::BAD_REQUEST,
    }
}

/// `POST /_control/lag?ms=5000`: every API answer waits that long.
async fn control_lag(State(shared): State<Shared>, request: Request) -> StatusCode {
    match query_map(request.uri().query())
        .get("ms")
        .and_then(|s| s.parse().ok())
    {
        Some(ms) => {
            shared.lock().lag_ms = ms;
            StatusCode::NO_CONTENT
        }
        None => StatusCode::BAD_REQUEST,
    }
}

/// `POST /_control/garbage?on=true|false`
async fn control_garbage(State(shared): State<Shared>, request: Request) -> StatusCode {
    shared.lock().garbage = query_map(request.uri().query())
        .get("on")
        .is_some_and(|on| on == "true");
    StatusCode::NO_CONTENT
}

/// The fake's answer to `/api/…` exactly as it is, with no key and not recorded as received
/// (a failure a test asked for applies here too): what a pass-through that masks nothing would
/// hand the browser, for tests that the panel masks by itself.
async fn control_unmasked(State(shared): State<Shared>, request: Request) -> Response {
    let Some(matched) = matched_below(&request, "/_control/unmasked/api") else {
        return error(
            StatusCode::NOT_FOUND,
            "RESOURCE_NOT_FOUND",
            "No such resource.",
        );
    };
    answer(&shared, &matched, &query_map(request.uri().query())).await
}

/// The endpoint table's entry for the request's path below `prefix`.
fn matched_below(request: &Request, prefix: &str) -> Option<Matched> {
    request
        .uri()
        .path()
        .strip_prefix(prefix)
        .and_then(match_path)
}

async fn control_ids() -> Json<Value> {
    use ids::*;
    Json(json!({
        "ALL_TYPES": ALL_TYPES, "CLEAR_SECRETS": CLEAR_SECRETS, "MARKUP": MARKUP, "EMPTY": EMPTY, "LARGE": LARGE,
        "STATUS_400": STATUS_400, "STATUS_401": STATUS_401, "STATUS_403": STATUS_403, "STATUS_404": STATUS_404,
        "STATUS_429": STATUS_429, "STATUS_500": STATUS_500, "GATEWAY_HTML": GATEWAY_HTML, "TRUNCATED": TRUNCATED,
        "SLOW": SLOW, "DROP": DROP, "HUGE": HUGE,
        "ESTATE_ORG": estate::ORG, "OTHER_ORG": estate::OTHER_ORG, "OTHER_ORG_NAME": estate::OTHER_ORG_NAME,
        "ESTATE_PROJECTS": estate::PROJECTS, "MARKUP_PROJECT": estate::project_id(estate::MARKUP_PROJECT),
        "FORBIDDEN_PROJECT": estate::project_id(estate::FORBIDDEN_PROJECT), "WITHOUT_ALERTING": estate::WITHOUT_ALERTING,
        "ESTATE_PROJECT_PREFIX": "fa00000000000000000e",
        "TEAM_LARGE": estate::TEAM_LARGE, "TEAM_LARGE_MEMBERS": estate::TEAM_LARGE_MEMBERS,
        "TEAM_MARKUP": estate::TEAM_MARKUP, "TEAM_MARKUP_NAME": estate::TEAM_MARKUP_NAME,
        "MEMBER_MARKUP_USERNAME": estate::MEMBER_MARKUP_USERNAME, "TEAM_IN_NO_PROJECT": estate::TEAM_IN_NO_PROJECT,
        "HIDDEN_TEAM": estate::HIDDEN_TEAM, "HIDDEN_TEAM_NAME": estate::HIDDEN_TEAM_NAME, "HIDDEN_MEMBER": estate::HIDDEN_MEMBER,
        "PROJECT_WITHOUT_TEAMS": estate::project_id(estate::PROJECT_WITHOUT_TEAMS),
        "PROJECTS_WITH_UNUSED_INTEGRATION": (1..=estate::PROJECTS)
            .filter(|n| *n != estate::FORBIDDEN_PROJECT && estate::has_unused_integration(*n))
            .count(),
        "PAGER_DUTY_UNUSED_PROJECT": estate::project_id(2),
        "BUSY_PROJECT": estate::project_id(estate::BUSY_PROJECT),
        "ORG_CHANGES_24H": estate::org_changes_within(1),
        "ORG_CHANGES_7D": estate::org_changes_within(7),
        "ORG_CHANGES_30D": estate::org_changes_within(30),
    }))
}

/// The query's values by key; a repeated key's values joined with commas
/// (`orgMembershipStatuses=ACTIVE,PENDING`).
fn query_map(query: Option<&str>) -> HashMap<String, String> {
    let mut map: HashMap<String, String> = HashMap::new();
    for (key, value) in query
        .unwrap_or("")
        .split('&')
        .filter_map(|pair| pair.split_once('='))
    {
        map.entry(key.to_string())
            .and_modify(|values| {
                values.push(',');
                values.push_str(value);
            })
            .or_insert_with(|| value.to_string());
    }
    map
}

pub(crate) fn error(status: StatusCode, code: &str, detail: &str) -> Response {
    let body = json!({"error": status.as_u16(), "reason": status.canonical_reason().unwrap_or(""), "errorCode": code, "detail": detail});
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn api(State(shared): State<Shared>, request: Request) -> Response {
    record(&shared, &request);
    if request.method() != Method::GET {
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "Only GET here.",
        );
    }
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.to_string())
        .unwrap_or_default();
    if let Err(refusal) = authenticate(&shared, request.headers(), &path_and_query) {
        return *refusal;
    }
    let _answering = Answering::start(&shared, path_and_query.contains("/groups/"));
    let lag = shared.lock().lag_ms;
    if lag > 0 {
        tokio::time::sleep(Duration::from_millis(lag)).await;
    }
    if shared.lock().garbage {
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            "\u{0}garbage{]\u{7f}",
        )
            .into_response();
    }
    let bucket = shared.lock().bucket.as_mut().map(Bucket::take);
    if let Some(Err(wait)) = bucket {
        let mut response = error(
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED_TOKEN_BUCKET",
            "Rate limit exceeded.",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return response;
    }
    let Some(matched) = matched_below(&request, "/api") else {
        return error(
            StatusCode::NOT_FOUND,
            "RESOURCE_NOT_FOUND",
            "No such resource.",
        );
    };
    // Atlas answers a v2 list only in the forms it has: the fake knows one per list, the
    // table's, so that a proxy asking with another date is caught.
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let v2_accept = matched.endpoint.v2_accept;
    if matched.flavour == ApiFlavour::V2 && accept != v2_accept {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "INVALID_MEDIA_TYPE",
            &format!("This resource answers only Accept: {v2_accept}."),
        );
    }
    let query = query_map(request.uri().query());
    let mut response = answer(&shared, &matched, &query).await;
    if matched.flavour == ApiFlavour::V2 && response.status() == StatusCode::OK {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(v2_accept));
    }
    response
}

/// Counts an authenticated request as being answered, from its lag to its answer, and apart
/// when it is about one project.
struct Answering(Shared, bool);

impl Answering {
    fn start(shared: &Shared, of_project: bool) -> Answering {
        let mut inner = shared.lock();
        inner.in_flight += 1;
        inner.max_in_flight = inner.max_in_flight.max(inner.in_flight);
        if of_project {
            inner.projects_in_flight += 1;
            inner.max_projects_in_flight =
                inner.max_projects_in_flight.max(inner.projects_in_flight);
        }
        Answering(shared.clone(), of_project)
    }
}

impl Drop for Answering {
    fn drop(&mut self) {
        let mut inner = self.0.lock();
        inner.in_flight -= 1;
        if self.1 {
            inner.projects_in_flight -= 1;
        }
    }
}

/// Checks the credentials as Atlas would; `Err` is the 401 to send (boxed: a `Response` is
/// large beside `Ok(())`).
fn authenticate(shared: &Shared, headers: &HeaderMap, uri: &str) -> Result<(), Box<Response>> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match shared.auth {
        AuthMode::OAuth => {
            let token = authorization.strip_prefix("Bearer ").unwrap_or("");
            if shared.lock().tokens.iter().any(|t| t == token) {
                Ok(())
            } else {
                Err(Box::new(error(
                    StatusCode::UNAUTHORIZED,
                    "INVALID_TOKEN",
                    "The bearer token is not valid.",
                )))
            }
        }
        AuthMode::Digest => {
            let mut inner = shared.lock();
            let verdict = digest_verdict(&mut inner, authorization, uri);
            match verdict {
                DigestVerdict::Valid => Ok(()),
                DigestVerdict::Stale | DigestVerdict::Missing | DigestVerdict::Wrong => {
                    inner.next_nonce += 1;
                    let nonce = format!("fakenonce{:08}", inner.next_nonce);
                    inner.nonces.insert(nonce.clone(), Default::default());
                    let stale = verdict == DigestVerdict::Stale;
                    let challenge = format!(
                        r#"Digest realm="{REALM}", domain="", nonce="{nonce}", algorithm=MD5, qop="auth", stale={stale}"#
                    );
                    let mut response = error(
                        StatusCode::UNAUTHORIZED,
                        "NOT_AUTHORIZED",
                        "You are not authorized.",
                    );
                    if let Ok(value) = HeaderValue::from_str(&challenge) {
                        response
                            .headers_mut()
                            .insert(header::WWW_AUTHENTICATE, value);
                    }
                    Err(Box::new(response))
                }
            }
        }
    }
}

#[derive(PartialEq)]
enum DigestVerdict {
    Valid,
    Stale,
    Missing,
    Wrong,
}

fn digest_verdict(inner: &mut Inner, authorization: &str, uri: &str) -> DigestVerdict {
    let Some(header) = authorization.strip_prefix("Digest ").map(|_| authorization) else {
        return DigestVerdict::Missing;
    };
    let Ok(sent) = digest_auth::AuthorizationHeader::parse(header) else {
        return DigestVerdict::Wrong;
    };
    if sent.username != PUBLIC_KEY || sent.uri != uri {
        return DigestVerdict::Wrong;
    }
    let mut expected = sent.clone();
    expected.digest(&digest_auth::AuthContext::new(PUBLIC_KEY, PRIVATE_KEY, uri));
    if expected.response != sent.response {
        return DigestVerdict::Wrong;
    }
    let Some(used) = inner.nonces.get_mut(&sent.nonce) else {
        return DigestVerdict::Stale;
    };
    if used.contains(&sent.nc) {
        return DigestVerdict::Wrong;
    }
    if sent.nc > NONCE_USES {
        return DigestVerdict::Stale;
    }
    used.insert(sent.nc);
    DigestVerdict::Valid
}

async fn answer(shared: &Shared, matched: &Matched, query: &HashMap<String, String>) -> Response {
    let endpoint: &Endpoint = matched.endpoint;
    let id = matched.owner_id();
    let teams = endpoint.list == List::Teams;
    let integrations_list = endpoint.list == List::Integrations;
    let alerts_list = endpoint.list == List::AlertConfigs;
    let failure = {
        let mut inner = shared.lock();
        match inner.failures.get_mut(id) {
            Some((status, times)) if *times > 0 => {
                *times -= 1;
                Some(*status)
            }
            _ => None,
        }
    };
    if let Some(status) = failure {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = error(status, "UNEXPECTED_ERROR", "A failure the test asked for.");
        if status == StatusCode::TOO_MANY_REQUESTS {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        }
        return response;
    }
    if let Some(response) = estate::answer(matched, query) {
        return response;
    }
    match id {
        ids::STATUS_400 => error(StatusCode::BAD_REQUEST, "INVALID_GROUP_ID", "The ID is not valid here."),
        ids::STATUS_401 => error(StatusCode::UNAUTHORIZED, "USER_UNAUTHORIZED", "The key may not read this."),
        ids::STATUS_403 => error(StatusCode::FORBIDDEN, "IP_ADDRESS_NOT_ON_ACCESS_LIST", "The proxy's address is not on the key's access list."),
        ids::STATUS_404 => error(StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND", "Cannot find resource."),
        ids::STATUS_500 => error(StatusCode::INTERNAL_SERVER_ERROR, "UNEXPECTED_ERROR", "Something broke."),
        ids::STATUS_429 => {
            let limited = {
                let mut inner = shared.lock();
                let limited = inner.rate_limited.entry(id.to_string()).or_insert(false);
                *limited = !*limited;
                *limited
            };
            if limited {
                let mut response = error(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED_TOKEN_BUCKET", "Rate limit exceeded. Please retry after 1 seconds.");
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                response
            } else {
                let items = match endpoint.list {
                    List::Teams => teams_of(5, |n| format!("Team {n}")),
                    List::Integrations => integrations(false),
                    _ => Vec::new(),
                };
                page(items, query)
            }
        }
        ids::GATEWAY_HTML => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><script>document.title='pwned'</script></body></html>",
        )
            .into_response(),
        ids::TRUNCATED => (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], r#"{"links":[],"results":[{"id":"fa00"#)
            .into_response(),
        ids::DROP => Response::new(Body::new(DroppingBody(0))),
        ids::HUGE => {
            let filler = "x".repeat(9 * 1024 * 1024);
            page(vec![json!({"id": "fb0000000000000000000001", "name": filler})], query)
        }
        ids::SLOW => {
            if query.get("pageNum").is_none_or(|page| page == "1") {
                let delay = shared.lock().slow_ms;
                tokio::time::sleep(Duration::from_millis(delay)).await;
            }
            page(teams_of(1234, |n| format!("Slow team {n:04}")), query)
        }
        ids::ALL_TYPES if integrations_list => page(integrations(false), query),
        ids::CLEAR_SECRETS if integrations_list => page(integrations(true), query),
        ids::ALL_TYPES if alerts_list => page(alert_configs(false), query),
        ids::CLEAR_SECRETS if alerts_list => page(alert_configs(true), query),
        ids::MARKUP if alerts_list => {
            let markup = |n: usize| format!("<img src=x onerror=\"window.__pwned='alert{n}'\"><b>{n}</b>");
            page(vec![json!({"id": markup(1), "eventTypeName": markup(2), "enabled": true, "notifications": [{"typeName": markup(3), "emailAddress": markup(4), "integrationId": markup(5)}]})], query)
        }
        ids::MARKUP if teams || integrations_list => {
            let markup = |n: usize| format!("<img src=x onerror=\"window.__pwned='img{n}'\"><script>window.__pwned='script{n}'</script>");
            if teams {
                page(teams_of(3, markup), query)
            } else {
                page(vec![json!({"id": markup(1), "type": markup(2), "region": markup(3), "channelName": markup(4), "apiToken": markup(5)})], query)
            }
        }
        ids::EMPTY => page(Vec::new(), query),
        ids::LARGE if teams => page(teams_of(1234, |n| format!("Team {n:04}")), query),
        _ => match endpoint.owner {
            Owner::Project => error(StatusCode::NOT_FOUND, "GROUP_NOT_FOUND", "No such ID."),
            Owner::Organization => error(StatusCode::NOT_FOUND, "ORG_NOT_FOUND", "No such ID."),
            Owner::Estate => page(Vec::new(), query),
        },
    }
}

/// One chunk of JSON, then an error: hyper cuts the connection with no complete answer.
struct DroppingBody(u8);

impl http_body::Body for DroppingBody {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.0 += 1;
        std::task::Poll::Ready(Some(match self.0 {
            1 => Ok(http_body::Frame::data(axum::body::Bytes::from_static(
                b"{\"results\":[",
            ))),
            _ => Err(std::io::Error::other("dropped on purpose")),
        }))
    }
}

pub(crate) fn page(items: Vec<Value>, query: &HashMap<String, String>) -> Response {
    let page_num: usize = query
        .get("pageNum")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let per_page: usize = query
        .get("itemsPerPage")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    if !(1..=500).contains(&per_page) {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_PARAMETER",
            "itemsPerPage must be between 1 and 500.",
        );
    }
    let total = items.len();
    let start = (page_num - 1) * per_page;
    let results: Vec<Value> = items.into_iter().skip(start).take(per_page).collect();
    let mut links = vec![json!({"rel": "self", "href": "http://fake/self"})];
    if start + per_page < total {
        links.push(json!({"rel": "next", "href": "http://fake/next"}));
    }
    let mut body = json!({"links": links, "results": results});
    if query.get("includeCount").map(String::as_str) != Some("false") {
        body["totalCount"] = json!(total);
    }
    let mut response = Json(body).into_response();
    response
        .headers_mut()
        .insert("ratelimit-limit", HeaderValue::from_static("100"));
    response
        .headers_mut()
        .insert("ratelimit-remaining", HeaderValue::from_static("99"));
    response.headers_mut().insert(
        "x-upstream-internal",
        HeaderValue::from_static("must-not-reach-the-browser"),
    );
    response
}

fn teams_of(count: usize, name: impl Fn(usize) -> String) -> Vec<Value> {
    (1..=count)
        .map(|n| json!({"id": format!("fb{n:022x}"), "name": name(n)}))
        .collect()
}

/// Every integration type: redacted as Atlas does, or (`clear`) with clear secrets that
/// contain the word CLEARTEXT, for tests to search for.
fn integrations(clear: bool) -> Vec<Value> {
    let secret = |name: &str, tail: &str| {
        if clear {
            format!("CLEARTEXT-{name}-secret-value-{tail}")
        } else {
            format!("****************************{tail}")
        }
    };
    vec![
        json!({"id": "fc0000000000000000000001", "type": "PAGER_DUTY", "region": "US", "serviceKey": secret("pd", "7890")}),
        json!({"id": "fc0000000000000000000002", "type": "SLACK", "apiToken": secret("slack", "abcd"), "channelName": "alerts", "teamName": "Ops"}),
        json!({"id": "fc0000000000000000000003", "type": "DATADOG", "region": "US3", "apiKey": secret("dd", "1a2b"), "sendDatabaseMetrics": true}),
        json!({"id": "fc0000000000000000000004", "type": "NEW_RELIC", "accountId": "bcc3c81b344a6030a3935c2527e2216535af7718", "licenseKey": secret("nrl", "7718"), "readToken": secret("nrr", "0a69"), "writeToken": secret("nrw", "c218")}),
        json!({"id": "fc0000000000000000000005", "type": "OPS_GENIE", "region": "EU", "apiKey": secret("og", "3c4d")}),
        json!({"id": "fc0000000000000000000006", "type": "VICTOR_OPS", "apiKey": secret("vo", "5e6f"), "routingKey": secret("vor", "7a8b")}),
        json!({"id": "fc0000000000000000000007", "type": "FLOWDOCK", "flowName": "ops", "orgName": "example", "apiToken": secret("fd", "9c0d")}),
        json!({"id": "fc0000000000000000000008", "type": "WEBHOOK", "url": if clear { "https://hooks.example.com/CLEARTEXT-hook-path".to_string() } else { "https://hooks.example.com/****".to_string() }, "secret": secret("wh", "eeee")}),
        json!({"id": "fc0000000000000000000009", "type": "MICROSOFT_TEAMS", "microsoftTeamsWebhookUrl": secret("teams", "ffff")}),
        json!({"id": "fc000000000000000000000a", "type": "PROMETHEUS", "username": "prom_user", "password": secret("prom", "1111"), "serviceDiscovery": "http", "scheme": "https", "enabled": true}),
    ]
}

/// The alert configurations of the project of [`integrations`]: PagerDuty, Slack, Datadog and
/// Opsgenie each serve an enabled alert, VictorOps one by its type alone (a legacy
/// notification); the webhook and Microsoft Teams only a disabled one; a notification of a
/// type newer than the panel serves none. Every secret and personal field of every kind of
/// notification is there: redacted as Atlas does, or (`clear`) in clear, with CLEARTEXT in
/// each secret and a phone number in full.
fn alert_configs(clear: bool) -> Vec<Value> {
    let secret = |name: &str, tail: &str| {
        if clear {
            format!("CLEARTEXT-{name}-alert-secret-{tail}")
        } else {
            format!("****************************{tail}")
        }
    };
    let url = |name: &str| {
        if clear {
            format!("https://hooks.example.com/CLEARTEXT-{name}-path")
        } else {
            "https://hooks.example.com/****".to_string()
        }
    };
    let integration = |n: u8| format!("fc00000000000000000000{n:02x}");
    let config = |k: u8, event: &str, enabled: bool, notifications: Vec<Value>| json!({"id": format!("fe00000000000000000000{k:02x}"), "eventTypeName": event, "enabled": enabled, "notifications": notifications, "created": "2025-01-01T00:00:00Z", "updated": "2026-11-01T12:00:00Z"});
    let mobile = if clear {
        "+1 202-555-0147"
    } else {
        "********0147"
    };
    vec![
        config(
            1,
            "HOST_DOWN",
            true,
            vec![
                json!({"typeName": "PAGER_DUTY", "integrationId": integration(1), "serviceKey": secret("pd", "7890"), "delayMin": 0, "intervalMin": 15}),
                json!({"typeName": "EMAIL", "emailAddress": "dba@estate.example", "delayMin": 5, "intervalMin": 60}),
                json!({"typeName": "SMS", "mobileNumber": mobile, "delayMin": 10, "intervalMin": 60}),
            ],
        ),
        {
            let mut threshold = config(
                2,
                "OUTSIDE_METRIC_THRESHOLD",
                true,
                vec![
                    json!({"typeName": "SLACK", "integrationId": integration(2), "apiToken": secret("slack", "abcd"), "channelName": "alerts", "delayMin": 0, "intervalMin": 60}),
                    json!({"typeName": "DATADOG", "integrationId": integration(3), "datadogApiKey": secret("dd", "1a2b"), "datadogRegion": "US", "delayMin": 0, "intervalMin": 60}),
                    json!({"typeName": "OPS_GENIE", "integrationId": integration(5), "opsGenieApiKey": secret("og", "3c4d"), "opsGenieRegion": "EU", "delayMin": 0, "intervalMin": 60}),
                ],
            );
            threshold["metricThreshold"] = json!({"metricName": "CONNECTIONS_PERCENT", "operator": "GREATER_THAN", "threshold": 80.0, "units": "RAW", "mode": "AVERAGE"});
            threshold
        },
        config(
            3,
            "REPLICATION_OPLOG_WINDOW_RUNNING_OUT",
            true,
            vec![
                json!({"typeName": "VICTOR_OPS", "victorOpsApiKey": secret("vo", "5e6f"), "victorOpsRoutingKey": secret("vor", "7a8b"), "delayMin": 0, "intervalMin": 60}),
            ],
        ),
        config(
            4,
            "TOO_MANY_ELECTIONS",
            false,
            vec![
                json!({"typeName": "WEBHOOK", "integrationId": integration(8), "webhookUrl": url("webhook"), "webhookSecret": secret("wh", "eeee"), "webhookBodyTemplate": secret("whbody", "b0dy"), "webhookHeadersTemplate": secret("whheaders", "hd12"), "delayMin": 0, "intervalMin": 60}),
                json!({"typeName": "MICROSOFT_TEAMS", "integrationId": integration(9), "microsoftTeamsWebhookUrl": url("teams"), "delayMin": 0, "intervalMin": 60}),
                json!({"typeName": "HIP_CHAT", "notificationToken": secret("hipchat", "c0de"), "roomName": "ops", "delayMin": 0, "intervalMin": 60}),
                json!({"typeName": "USER", "username": "ada@estate.example", "emailEnabled": true, "smsEnabled": true, "delayMin": 0, "intervalMin": 60}),
            ],
        ),
        config(
            5,
            "FUTURE_EVENT_TYPE",
            true,
            vec![
                json!({"typeName": "FUTURE_CHANNEL", "futureApiKey": secret("future", "f00d"), "delayMin": 0, "intervalMin": 60}),
            ],
        ),
    ]
}
