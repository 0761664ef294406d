//! A listing the scope filters (`/orgs`, or an organization's projects where only some of them
//! are allowed), read whole and paged here. Atlas's own paging would tell what was hidden: with
//! one item a page, its `next` links count the hidden organizations or projects. So the proxy
//! reads every page of Atlas's list, keeps what the scope shows, and cuts the page asked for
//! from that: no count, and a `next` link only where a shown item follows.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use atlas_panel_common::endpoint::Owner;
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::{json, Value};

use crate::allowlist::{self, AllowedRequest};
use crate::error::ProxyError;
use crate::placement::Placements;
use crate::scope::IdScope;
use crate::upstream::BrowserAnswer;

/// Atlas's largest page, and how many of them are read at most (5,000 items).
const UPSTREAM_PAGE: u64 = 500;
const MAX_PAGES_READ: u64 = 10;
/// Atlas's defaults, for a request that does not say.
const DEFAULT_ITEMS_PER_PAGE: u64 = 100;
/// Whole listings remembered at once.
const LISTINGS_KEPT: u64 = 100;

/// A filtered listing as read whole: the items the scope shows, and the first page's answer,
/// whose type and headers every page of it is answered with.
#[derive(Clone)]
struct Whole {
    shown: Arc<Vec<Value>>,
    first: BrowserAnswer,
}

/// Why a listing was not read whole: Atlas's own answer that is not a page (a 429, a 403),
/// passed on as it is and not remembered, or a failure.
#[derive(Clone)]
enum NotRead {
    Answer(BrowserAnswer),
    Failed(ProxyError),
}

/// Filtered listings read whole, kept as long as answers are (`--cache-ttl`), so that paging
/// through one reads Atlas's list once, not once per page.
pub struct Listings {
    whole: Option<moka::future::Cache<String, Whole>>,
}

impl Listings {
    pub fn new(ttl: Duration) -> Listings {
        Listings {
            whole: (!ttl.is_zero()).then(|| {
                moka::future::Cache::builder()
                    .max_capacity(LISTINGS_KEPT)
                    .time_to_live(ttl)
                    .build()
            }),
        }
    }
}

/// The page `request` asks for of a filtered listing, read whole from every page `read_page`
/// gives (or from what was read before); `spend` is asked before each page of Atlas's after
/// the first, whose request the answer cache has already counted.
pub async fn read<R, Fut>(
    scope: &IdScope,
    request: &AllowedRequest,
    placements: &Placements,
    listings: &Listings,
    spend: impl Fn() -> Result<(), ProxyError>,
    read_page: R,
) -> Result<BrowserAnswer, ProxyError>
where
    R: Fn(AllowedRequest) -> Fut,
    Fut: Future<Output = Result<BrowserAnswer, ProxyError>>,
{
    let path = request
        .path_and_query
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let reading = read_whole(scope, request, &path, placements, &spend, &read_page);
    let whole = match &listings.whole {
        Some(whole) => whole
            .try_get_with(path.clone(), reading)
            .await
            .map_err(|not_read| (*not_read).clone()),
        None => reading.await,
    };
    match whole {
        Ok(whole) => Ok(page_of(request, &path, &whole)),
        Err(NotRead::Answer(answer)) => Ok(answer),
        Err(NotRead::Failed(failure)) => Err(failure),
    }
}

/// Every page of Atlas's list at 500 a page, up to [`MAX_PAGES_READ`], keeping what the scope
/// shows: one page's items are held at a time besides those kept.
async fn read_whole<R, Fut>(
    scope: &IdScope,
    request: &AllowedRequest,
    path: &str,
    placements: &Placements,
    spend: &impl Fn() -> Result<(), ProxyError>,
    read_page: &R,
) -> Result<Whole, NotRead>
where
    R: Fn(AllowedRequest) -> Fut,
    Fut: Future<Output = Result<BrowserAnswer, ProxyError>>,
{
    let not_a_page = || NotRead::Failed(ProxyError::NotJson { status: 200 });
    let kind = request.endpoint.items.unwrap_or(Owner::Estate);
    let mut shown = Vec::new();
    let mut first = None;
    for page_num in 1..=MAX_PAGES_READ {
        if page_num > 1 {
            spend().map_err(NotRead::Failed)?;
        }
        let query = format!("itemsPerPage={UPSTREAM_PAGE}&pageNum={page_num}");
        let page_request = allowlist::check(path, Some(&query)).map_err(NotRead::Failed)?;
        let answer = read_page(page_request.clone())
            .await
            .map_err(NotRead::Failed)?;
        if answer.outcome() != StatusCode::OK {
            return Err(NotRead::Answer(answer));
        }
        let mut page: Value = serde_json::from_slice(answer.body()).map_err(|_| not_a_page())?;
        let more = page["links"]
            .as_array()
            .is_some_and(|links| links.iter().any(|link| link["rel"] == "next"));
        let Some(Value::Array(mut results)) = page.get_mut("results").map(Value::take) else {
            return Err(not_a_page());
        };
        let more = more && !results.is_empty();
        scope
            .retain_in_scope(&page_request, kind, &mut results, placements)
            .await;
        shown.append(&mut results);
        first.get_or_insert(answer);
        if !more {
            break;
        }
    }
    let first = first.ok_or_else(not_a_page)?;
    Ok(Whole {
        shown: Arc::new(shown),
        first,
    })
}

/// The page `request` asks for, cut from the whole: a `next` link only where a shown item
/// follows; past the items read (5,000 at most), nothing more is claimed.
fn page_of(request: &AllowedRequest, path: &str, whole: &Whole) -> BrowserAnswer {
    let shown = &whole.shown;
    let per_page = request
        .query
        .number("itemsPerPage")
        .unwrap_or(DEFAULT_ITEMS_PER_PAGE)
        .clamp(1, UPSTREAM_PAGE);
    let page_num = request.query.number("pageNum").unwrap_or(1).max(1);
    let start = usize::try_from(page_num.saturating_sub(1).saturating_mul(per_page))
        .unwrap_or(usize::MAX)
        .min(shown.len());
    let end = start.saturating_add(per_page as usize).min(shown.len());
    let mut links = Vec::new();
    if end < shown.len() {
        links.push(json!({
            "rel": "next",
            "href": format!("{path}?pageNum={}&itemsPerPage={per_page}", page_num + 1),
        }));
    }
    let mut body = json!({ "links": links, "results": &shown[start..end] });
    if request.query.flag("envelope") == Some(true) {
        body["status"] = json!(200);
    }
    whole.first.clone().with_body(Bytes::from(body.to_string()))
}
