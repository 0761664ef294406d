//! A listing the scope filters (`/orgs`, or an organization's projects where only some of them
//! are allowed), read whole and paged here. Atlas's own paging would tell what was hidden: with
//! one item a page, its `next` links count the hidden organizations or projects. So the proxy
//! reads every page of Atlas's list, keeps what the scope shows, and cuts the page asked for
//! from that: no count, and a `next` link only where a shown item follows.

use std::future::Future;

use atlas_panel_common::endpoint::Owner;
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::{json, Value};

use crate::allowlist::{self, AllowedRequest};
use crate::error::ProxyError;
use crate::placement::Placements;
use crate::scope::IdScope;
use crate::upstream::BrowserAnswer;

/// Atlas's largest page, and how many of them are read at most (10,000 items).
const UPSTREAM_PAGE: u64 = 500;
const MAX_PAGES_READ: u64 = 20;
/// Atlas's defaults, for a request that does not say.
const DEFAULT_ITEMS_PER_PAGE: u64 = 100;

/// The page `request` asks for of a filtered listing, from every page `read_page` gives.
pub async fn read<R, Fut>(
    scope: &IdScope,
    request: &AllowedRequest,
    placements: &Placements,
    read_page: R,
) -> Result<BrowserAnswer, ProxyError>
where
    R: Fn(AllowedRequest) -> Fut,
    Fut: Future<Output = Result<BrowserAnswer, ProxyError>>,
{
    let not_a_page = || ProxyError::NotJson { status: 200 };
    let kind = request.endpoint.items.unwrap_or(Owner::Estate);
    let path = request.path_and_query.split('?').next().unwrap_or_default();
    let mut shown = Vec::new();
    let mut first = None;
    for page_num in 1..=MAX_PAGES_READ {
        let query = format!("itemsPerPage={UPSTREAM_PAGE}&pageNum={page_num}");
        let page_request = allowlist::check(path, Some(&query))?;
        let answer = read_page(page_request.clone()).await?;
        if answer.outcome() != StatusCode::OK {
            return Ok(answer);
        }
        let page: Value = serde_json::from_slice(answer.body()).map_err(|_| not_a_page())?;
        let Some(Value::Array(results)) = page.get("results") else {
            return Err(not_a_page());
        };
        let more = !results.is_empty()
            && page["links"]
                .as_array()
                .is_some_and(|links| links.iter().any(|link| link["rel"] == "next"));
        let mut results = results.clone();
        scope
            .retain_in_scope(&page_request, kind, &mut results, placements)
            .await;
        shown.append(&mut results);
        first.get_or_insert(answer);
        if !more {
            break;
        }
    }
    let Some(first) = first else {
        return Err(not_a_page());
    };
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
    // Past the items read (10,000 at most), nothing more is claimed.
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
    Ok(first.with_body(Bytes::from(body.to_string())))
}
