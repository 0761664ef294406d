//! The one fetch every list page uses.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use super::error::{parse_retry_after, ApiError};
use super::types::{parse_page, Page};
use crate::paging::PageRequest;

/// The longest a rate-limited request waits, silently, before its one retry.
const MAX_RETRY_WAIT_SECS: u32 = 60;

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

pub fn integrations_path(group_id: &str) -> String {
    format!("/atlas/v1.0/groups/{group_id}/integrations")
}

pub fn teams_path(org_id: &str) -> String {
    format!("/public/v1.0/orgs/{org_id}/teams")
}

/// Fetches one page. A 429 is retried once, after `Retry-After`.
pub async fn fetch_page<T: DeserializeOwned>(
    request: &ListRequest,
    signal: Option<&AbortSignal>,
) -> Result<Page<T>, ApiError> {
    let mut answer = send(request, signal).await?;
    if answer.status == 429 {
        sleep_secs(answer.retry_after.unwrap_or(1).min(MAX_RETRY_WAIT_SECS)).await;
        answer = send(request, signal).await?;
    }
    if (200..300).contains(&answer.status) {
        parse_page(answer.status, &answer.body)
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
    body: String,
}

async fn send(request: &ListRequest, signal: Option<&AbortSignal>) -> Result<Answer, ApiError> {
    let failed = |error: gloo_net::Error| match error {
        gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
        _ if signal.is_some_and(AbortSignal::aborted) => ApiError::Aborted,
        _ => ApiError::Unreachable {
            api_base: request.api_base.clone(),
        },
    };
    let response = Request::get(&request.url())
        .header("Accept", "application/json")
        .abort_signal(signal)
        .send()
        .await
        .map_err(failed)?;
    let status = response.status();
    let retry_after = parse_retry_after(response.headers().get("retry-after").as_deref());
    let body = response.text().await.map_err(failed)?;
    Ok(Answer {
        status,
        retry_after,
        body,
    })
}

pub async fn sleep_secs(seconds: u32) {
    let millis = i32::try_from(seconds.saturating_mul(1000)).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().map(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
                .is_ok()
        });
        if scheduled != Some(true) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_list_urls_below_any_api_base() {
        let request = ListRequest {
            api_base: "/api/".into(),
            path: teams_path("5f1a2b3c4d5e6f7a8b9c0d1e"),
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
            path: integrations_path("ab"),
            page: PageRequest::default(),
        };
        assert_eq!(
            remote.url(),
            "https://proxy.example:8443/api/atlas/v1.0/groups/ab/integrations?pageNum=1&itemsPerPage=100&includeCount=true"
        );
    }
}
