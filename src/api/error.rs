//! Everything that can go wrong with a list request, as values the banner can show.

use serde::Deserialize;
use thiserror::Error;

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Error)]
pub enum ApiError {
    /// Atlas (or the proxy, in Atlas's shape) answered with an error body.
    #[error("{status} {}", reason.as_deref().unwrap_or("Error"))]
    Atlas {
        status: u16,
        reason: Option<String>,
        error_code: Option<String>,
        detail: Option<String>,
        /// Seconds from `Retry-After`, when the answer carried it.
        retry_after: Option<u32>,
    },
    /// A body that is not JSON at all, such as a gateway's HTML page. Never shown raw.
    #[error("{status}: the answer was not from Atlas")]
    NotJson { status: u16 },
    /// JSON, but not a page of results or an Atlas error.
    #[error("{status}: the answer could not be read")]
    Malformed { status: u16 },
    #[error("the proxy at {api_base} could not be reached")]
    Unreachable { api_base: String },
    /// A newer request took this one's place.
    #[error("superseded by a newer request")]
    Aborted,
}

/// A 429 without `Retry-After` waits this long: Atlas refills its buckets by the minute.
const DEFAULT_RATE_LIMIT_WAIT: u32 = 30;

#[derive(Deserialize)]
struct AtlasErrorBody {
    error: Option<u16>,
    reason: Option<String>,
    #[serde(rename = "errorCode")]
    error_code: Option<String>,
    detail: Option<String>,
}

impl ApiError {
    /// Reads an error answer: Atlas's `{error, detail, reason, errorCode}` when it is that.
    pub fn from_response(status: u16, body: &str, retry_after: Option<u32>) -> ApiError {
        match serde_json::from_str::<AtlasErrorBody>(body) {
            Ok(body) if body.error.is_some() || body.error_code.is_some() => ApiError::Atlas {
                status,
                reason: body.reason,
                error_code: body.error_code,
                detail: body.detail,
                retry_after,
            },
            Ok(_) => ApiError::Malformed { status },
            // JSON, but not Atlas's error shape.
            Err(error) if error.is_data() => ApiError::Malformed { status },
            Err(_) => not_json_or_malformed(status, body),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Atlas { status, .. }
            | ApiError::NotJson { status }
            | ApiError::Malformed { status } => Some(*status),
            ApiError::Unreachable { .. } | ApiError::Aborted => None,
        }
    }

    /// Seconds to wait before asking again, when this is a rate limit.
    pub fn rate_limit_wait(&self) -> Option<u32> {
        match self {
            ApiError::Atlas {
                status: 429,
                retry_after,
                ..
            } => Some(retry_after.unwrap_or(DEFAULT_RATE_LIMIT_WAIT)),
            _ => None,
        }
    }

    /// One plain sentence for the banner's heading.
    pub fn summary(&self, lang: Lang) -> String {
        match (self, lang) {
            (ApiError::Atlas { status, reason, .. }, _) => {
                let reason = reason.as_deref().unwrap_or("Error");
                lang.pick(
                    format!("The request failed: {status} {reason}."),
                    format!("请求失败：{status} {reason}。"),
                )
            }
            (ApiError::NotJson { status }, Lang::En) => format!("The server answered {status} with a page that is not from Atlas (perhaps a gateway or proxy error)."),
            (ApiError::NotJson { status }, Lang::ZhCn) => format!("服务器返回了 {status}，但内容不是来自 Atlas（可能是网关或代理的错误）。"),
            (ApiError::Malformed { status }, Lang::En) => format!("The server answered {status}, but the answer could not be read."),
            (ApiError::Malformed { status }, Lang::ZhCn) => format!("服务器返回了 {status}，但无法读取其内容。"),
            (ApiError::Unreachable { api_base }, Lang::En) => format!("The proxy at {api_base} could not be reached."),
            (ApiError::Unreachable { api_base }, Lang::ZhCn) => format!("无法连接位于 {api_base} 的代理。"),
            (ApiError::Aborted, _) => lang.pick("The request was cancelled.", "请求已取消。").to_string(),
        }
    }
}

/// A body that starts like JSON but does not parse (cut short, say) is malformed; anything
/// else, such as a gateway's HTML page, is not JSON at all.
pub fn not_json_or_malformed(status: u16, body: &str) -> ApiError {
    if body.trim_start().starts_with(['{', '[']) {
        ApiError::Malformed { status }
    } else {
        ApiError::NotJson { status }
    }
}

/// `Retry-After` in seconds; the HTTP-date form is not used by Atlas.
pub fn parse_retry_after(header: Option<&str>) -> Option<u32> {
    header?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_atlas_error() {
        let body = r#"{"error":404,"detail":"Cannot find resource AWS","reason":"Not Found","errorCode":"RESOURCE_NOT_FOUND"}"#;
        assert_eq!(
            ApiError::from_response(404, body, None),
            ApiError::Atlas {
                status: 404,
                reason: Some("Not Found".into()),
                error_code: Some("RESOURCE_NOT_FOUND".into()),
                detail: Some("Cannot find resource AWS".into()),
                retry_after: None,
            }
        );
    }

    #[test]
    fn reads_a_v2_error_with_extras_and_null_detail() {
        let body = r#"{"error":400,"detail":null,"reason":"Bad Request","errorCode":"INVALID_PARAMETER",
            "parameters":["itemsPerPage"],"badRequestDetail":{"fields":[]}}"#;
        let error = ApiError::from_response(400, body, None);
        assert_eq!(error.status(), Some(400));
        assert!(matches!(error, ApiError::Atlas { detail: None, .. }));
    }

    #[test]
    fn keeps_retry_after_of_a_rate_limit() {
        let body =
            r#"{"error":429,"reason":"Too Many Requests","errorCode":"RATE_LIMITED_TOKEN_BUCKET"}"#;
        assert!(matches!(
            ApiError::from_response(429, body, Some(55)),
            ApiError::Atlas {
                retry_after: Some(55),
                ..
            }
        ));
    }

    #[test]
    fn a_gateway_page_is_not_json_and_never_repeated() {
        let error = ApiError::from_response(
            502,
            "<html><body>Bad Gateway <script>x()</script></body></html>",
            None,
        );
        assert_eq!(error, ApiError::NotJson { status: 502 });
        assert!(!error.summary(Lang::En).contains("<"));
    }

    #[test]
    fn json_that_is_no_error_is_malformed() {
        assert_eq!(
            ApiError::from_response(500, r#"{"hello":1}"#, None),
            ApiError::Malformed { status: 500 }
        );
        assert_eq!(
            ApiError::from_response(500, r#"[1,2]"#, None),
            ApiError::Malformed { status: 500 }
        );
        assert_eq!(
            ApiError::from_response(500, r#"{"error":"#, None),
            ApiError::Malformed { status: 500 }
        );
        assert_eq!(
            ApiError::from_response(500, "\"Internal error\"", None),
            ApiError::Malformed { status: 500 }
        );
        assert_eq!(
            ApiError::from_response(500, "", None),
            ApiError::NotJson { status: 500 }
        );
    }

    #[test]
    fn only_a_429_is_a_rate_limit() {
        let limited =
            ApiError::from_response(429, r#"{"error":429,"errorCode":"RATE_LIMITED"}"#, Some(55));
        assert_eq!(limited.rate_limit_wait(), Some(55));
        let unsaid =
            ApiError::from_response(429, r#"{"error":429,"errorCode":"RATE_LIMITED"}"#, None);
        assert_eq!(unsaid.rate_limit_wait(), Some(30));
        assert_eq!(
            ApiError::from_response(500, r#"{"error":500}"#, Some(5)).rate_limit_wait(),
            None
        );
    }

    #[test]
    fn reads_retry_after_seconds() {
        assert_eq!(parse_retry_after(Some("55")), Some(55));
        assert_eq!(parse_retry_after(Some(" 3 ")), Some(3));
        assert_eq!(
            parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            None
        );
        assert_eq!(parse_retry_after(None), None);
    }
}
