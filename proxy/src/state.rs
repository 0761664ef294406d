//! What every request shares: where answers come from, who may ask, which IDs, the cache
//! and the metrics; built once from the options and the environment.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::access::Access;
use crate::auth::Credentials;
use crate::budget::ClientBudgets;
use crate::cache::AnswerCache;
use crate::cli::Options;
use crate::demo::DemoEstate;
use crate::filtered_listing::Listings;
use crate::metrics::Metrics;
use crate::placement::Placements;
use crate::scope::IdScope;
use crate::start_error::StartError;
use crate::upstream::Upstream;

pub const DEFAULT_UPSTREAM: &str = "https://cloud.mongodb.com";
pub const UPSTREAM_VAR: &str = "MONGODB_ATLAS_BASE_URL";
/// The largest upstream answer read; a page of 500 integrations is far below it.
pub const MAX_UPSTREAM_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Where answers come from.
pub enum Answerer {
    Demo(DemoEstate),
    Atlas(Upstream),
}

pub struct AppState {
    pub answerer: Answerer,
    pub access: Arc<Access>,
    pub scope: IdScope,
    /// Each project's organization, for `--allow-org`.
    pub placements: Placements,
    pub cache: AnswerCache,
    pub metrics: Arc<Metrics>,
    /// `--max-concurrent-upstream`: held only while Atlas is asked, so that cache hits and
    /// refusals never wait behind slow upstream calls.
    pub upstream_permits: Semaphore,
    pub budgets: ClientBudgets,
    /// Listings the scope filters, read whole (`filtered_listing`).
    pub listings: Listings,
}

/// What the proxy will do, said in its start-up line.
pub fn describe_mode(state: &AppState) -> String {
    let source = match &state.answerer {
        Answerer::Demo(_) => "demo estate (no Atlas account used)".to_string(),
        Answerer::Atlas(upstream) => format!("forwarding to {}", upstream.base()),
    };
    let scope = if state.scope.is_open() {
        "any project or organization".to_string()
    } else {
        format!(
            "only {} projects and {} organizations",
            state.scope.projects.len(),
            state.scope.orgs.len()
        )
    };
    format!("{source}; {}; {scope}", state.access.describe())
}

/// Builds the state from the options and the environment (`var` reads one variable).
pub fn state(
    options: &Options,
    var: impl Fn(&str) -> Option<String>,
) -> Result<AppState, StartError> {
    let access = Arc::new(Access::new(options)?);
    let scope = IdScope::new(
        &options.allow_projects,
        &options.allow_orgs,
        options.allow_ids.as_deref(),
    )?;
    if let Some(addr) = options
        .metrics_listen
        .filter(|addr| !addr.ip().is_loopback())
    {
        return Err(StartError::MetricsNotLoopback(addr.to_string()));
    }
    let answerer = if options.demo {
        Answerer::Demo(DemoEstate::default())
    } else {
        Answerer::Atlas(upstream(options, &var)?)
    };
    Ok(AppState {
        answerer,
        access,
        scope,
        placements: Placements::default(),
        cache: AnswerCache::new(Duration::from_secs(options.cache_ttl)),
        metrics: Arc::new(Metrics::default()),
        upstream_permits: Semaphore::new(options.max_concurrent_upstream as usize),
        budgets: ClientBudgets::new(options.user_upstream_per_minute),
        listings: Listings::new(Duration::from_secs(options.cache_ttl)),
    })
}

fn upstream(
    options: &Options,
    var: &impl Fn(&str) -> Option<String>,
) -> Result<Upstream, StartError> {
    let credentials = Credentials::from_env(var)?;
    let base = options
        .upstream
        .clone()
        .or_else(|| var(UPSTREAM_VAR).filter(|v| !v.is_empty()))
        .unwrap_or_else(|| DEFAULT_UPSTREAM.to_string());
    let parsed = reqwest::Url::parse(&base).map_err(|_| StartError::BadUpstream(base.clone()))?;
    if !matches!(parsed.scheme(), "http" | "https")
        || parsed.query().is_some()
        || parsed.fragment().is_some()
    {
        return Err(StartError::BadUpstream(base));
    }
    let host = parsed.host_str().unwrap_or("");
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if parsed.scheme() == "http" && !loopback {
        return Err(StartError::PlainHttpUpstream(base));
    }
    Upstream::new(
        &base,
        credentials,
        Duration::from_secs(options.timeout),
        MAX_UPSTREAM_BODY_BYTES,
    )
    .map_err(|error| StartError::Client(error.to_string()))
}
