//! The one fetch every list page uses.

use web_sys::AbortSignal;

use super::error::{parse_retry_after, ApiError};
use super::types::Page;
use crate::config::ApiVersion;
use crate::http;
use crate::paging::PageRequest;
use crate::rows::Rows;

/// Reads a 2xx answer (status, body) into a page of one list's rows.
pub type ParsePage = fn(u16, &str) -> Result<Page<Rows>, ApiError>;

/// One list request: which proxy, which list, which page.
#[derive(Clone, Debug, PartialEq)]
pub struct ListRequest {
    pub api_base: String,
    /// The list's path below `api_base`, e.g. `/atlas/v1.0/groups/{id}/integrations`.
    pub path: String,
    pub page: PageRequest,
}

impl ListRequest {
    pub fn url(&self) -> String {
        format!(
            "{}{}?{}&includeCount=true",
            self.api_base.trim_end_matches('/'),
            self.path,
            self.page.query()
        )
    }
}

pub fn integrations_path(version: ApiVersion, group_id: &str) -> String {
    match version {
        ApiVersion::V1 => format!("/atlas/v1.0/groups/{group_id}/integrations"),
        ApiVersion::V2 => format!("/atlas/v2/groups/{group_id}/integrations"),
    }
}

pub fn teams_path(version: ApiVersion, org_id: &str) -> String {
    match version {
        ApiVersion::V1 => format!("/public/v1.0/orgs/{org_id}/teams"),
        ApiVersion::V2 => format!("/atlas/v2/orgs/{org_id}/teams"),
    }
}

/// What the proxy said about the answer besides the rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnswerMeta {
    /// `RateLimit-Remaining` and `RateLimit-Limit`, when Atlas sent them.
    pub quota: Option<(u32, u32)>,
    /// When Atlas produced the answer: now less `Age`, in milliseconds since the epoch.
    pub fetched_at_ms: f64,
}

/// Fetches one page. `fresh` asks the proxy to look past its cache.
pub async fn fetch_page(
    request: &ListRequest,
    parse: ParsePage,
    fresh: bool,
    signal: Option<&AbortSignal>,
) -> Result<(Page<Rows>, AnswerMeta), ApiError> {
    let answer = send(request, fresh, signal).await?;
    if (200..300).contains(&answer.status) {
        let page = parse(answer.status, &answer.body)?;
        Ok((page, answer.meta))
    } else {
        Err(ApiError::from_response(
            answer.status,
            &answer.body,
            answer.retry_after,
        ))
    }
}

struct Answer {
    status: u16,
    retry_after: Option<u32>,
    meta: AnswerMeta,
    body: String,
}

async fn send(
    request: &ListRequest,
    fresh: bool,
    signal: Option<&AbortSignal>,
) -> Result<Answer, ApiError> {
    // An abort is ours (a newer request, a page left); any other failure is the network's.
    let failed = |_| {
        if signal.is_some_and(AbortSignal::aborted) {
            ApiError::Aborted
        } else {
            ApiError::Unreachable {
                api_base: request.api_base.clone(),
            }
        }
    };
    let mut headers = vec![("Accept", "application/json")];
    if fresh {
        headers.push(("Cache-Control", "no-cache"));
    }
    let response = http::get(&request.url(), &headers, signal)
        .await
        .map_err(failed)?;
    let status = response.status();
    let number = |name: &str| {
        http::header(&response, name).and_then(|value| value.trim().parse::<u32>().ok())
    };
    let quota = number("ratelimit-remaining").zip(number("ratelimit-limit"));
    let age_ms = f64::from(number("age").unwrap_or(0)) * 1000.0;
    let meta = AnswerMeta {
        quota,
        fetched_at_ms: js_sys::Date::now() - age_ms,
    };
    let retry_after = parse_retry_after(http::header(&response, "retry-after").as_deref());
    // A body that is not UTF-8 is not JSON; read as empty, it is reported as such.
    let body = http::text(&response)
        .await
        .map_err(failed)?
        .unwrap_or_default();
    Ok(Answer {
        status,
        retry_after,
        meta,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_list_urls_below_any_api_base() {
        let request = ListRequest {
            api_base: "/api/".into(),
            path: teams_path(ApiVersion::V1, "5f1a2b3c4d5e6f7a8b9c0d1e"),
            page: PageRequest {
                page_num: 2,
                items_per_page: 500,
            },
        };
        assert_eq!(
            request.url(),
            "/api/public/v1.0/orgs/5f1a2b3c4d5e6f7a8b9c0d1e/teams?pageNum=2&itemsPerPage=500&includeCount=true"
        );
        let remote = ListRequest {
            api_base: "https://proxy.example:8443/api".into(),
            path: integrations_path(ApiVersion::V1, "ab"),
            page: PageRequest::default(),
        };
        assert_eq!(
            remote.url(),
            "https://proxy.example:8443/api/atlas/v1.0/groups/ab/integrations?pageNum=1&itemsPerPage=100&includeCount=true"
        );
        assert_eq!(
            integrations_path(ApiVersion::V2, "ab"),
            "/atlas/v2/groups/ab/integrations"
        );
        assert_eq!(teams_path(ApiVersion::V2, "cd"), "/atlas/v2/orgs/cd/teams");
    }
}
