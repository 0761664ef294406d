//! Sends an allowed request to Atlas with the proxy's own credentials, and turns the answer
//! into one the browser may see.

use std::time::Duration;

use atlas_panel_common::mask::{json_holds_secret_field, mask_secrets_in};
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::{Bytes, BytesMut};

use crate::allowlist::AllowedRequest;
use crate::auth::digest::DigestAuth;
use crate::auth::oauth::OAuthTokens;
use crate::auth::Credentials;
use crate::error::ProxyError;

/// Upstream headers the browser gets; every other one stays here.
const PASSED_HEADERS: [&str; 3] = ["retry-after", "ratelimit-limit", "ratelimit-remaining"];
/// The longest wait a `Retry-After` is believed for; a longer one is read as this.
pub const MAX_WAIT_SECS: u64 = 3600;
const USER_AGENT: &str = concat!("atlas-panel-proxy/", env!("CARGO_PKG_VERSION"));

enum Signer {
    Digest(DigestAuth),
    OAuth(OAuthTokens),
}

pub struct Upstream {
    client: reqwest::Client,
    base: String,
    signer: Signer,
    timeout: Duration,
    max_body_bytes: usize,
}

/// Atlas's answer, read whole (within the cap).
pub struct UpstreamAnswer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Upstream {
    pub fn new(
        base: &str,
        credentials: Credentials,
        timeout: Duration,
        max_body_bytes: usize,
    ) -> Result<Upstream, reqwest::Error> {
        let base = base.trim_end_matches('/').to_string();
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            // A redirect could lead anywhere; Atlas's list endpoints do not redirect.
            .redirect(reqwest::redirect::Policy::none())
            // Idle connections to Atlas close soon after a burst, giving their descriptors back.
            .pool_idle_timeout(Duration::from_secs(10))
            .build()?;
        let signer = match credentials {
            Credentials::ApiKey {
                public_key,
                private_key,
            } => Signer::Digest(DigestAuth::new(public_key, private_key)),
            Credentials::ServiceAccount {
                client_id,
                client_secret,
            } => Signer::OAuth(OAuthTokens::new(client_id, client_secret, &base)),
        };
        Ok(Upstream {
            client,
            base,
            signer,
            timeout,
            max_body_bytes,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// GETs the allowed request, answering one authentication challenge or token refusal.
    pub async fn get(&self, request: &AllowedRequest) -> Result<UpstreamAnswer, ProxyError> {
        let url = format!("{}{}", self.base, request.path_and_query);
        let mut challenged = false;
        loop {
            let mut outgoing = self
                .client
                .get(&url)
                .header(header::ACCEPT, request.accept());
            let mut bearer = None;
            match &self.signer {
                Signer::Digest(digest) => {
                    if let Some(authorization) = digest.authorization(&request.path_and_query) {
                        outgoing = outgoing.header(header::AUTHORIZATION, authorization);
                    }
                }
                Signer::OAuth(tokens) => {
                    let token = tokens.token(&self.client).await?;
                    outgoing = outgoing.bearer_auth(&token);
                    bearer = Some(token);
                }
            }
            let response = outgoing
                .send()
                .await
                .map_err(|error| self.failure(&error))?;
            if response.status() == StatusCode::UNAUTHORIZED && !challenged {
                challenged = true;
                let again = match (&self.signer, bearer) {
                    (Signer::Digest(digest), _) => digest.on_challenge(
                        response
                            .headers()
                            .get(header::WWW_AUTHENTICATE)
                            .and_then(|v| v.to_str().ok()),
                    ),
                    (Signer::OAuth(tokens), Some(token)) => {
                        tokens.reject(&token).await;
                        true
                    }
                    (Signer::OAuth(_), None) => false,
                };
                if again {
                    continue;
                }
            }
            return self.read(response).await;
        }
    }

    async fn read(&self, mut response: reqwest::Response) -> Result<UpstreamAnswer, ProxyError> {
        let status = response.status();
        let headers = response.headers().clone();
        if response
            .content_length()
            .is_some_and(|length| length > self.max_body_bytes as u64)
        {
            return Err(ProxyError::TooLarge(self.max_body_bytes));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| self.failure(&error))?
        {
            if body.len() + chunk.len() > self.max_body_bytes {
                return Err(ProxyError::TooLarge(self.max_body_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(UpstreamAnswer {
            status,
            headers,
            body: body.freeze(),
        })
    }

    /// Names what failed without repeating the URL, which reqwest's own message would.
    fn failure(&self, error: &reqwest::Error) -> ProxyError {
        if error.is_timeout() {
            ProxyError::Timeout(self.timeout.as_secs())
        } else {
            ProxyError::Unreachable
        }
    }
}

/// An answer ready for the browser: JSON only, secrets masked, few headers. Cheap to clone,
/// so the cache keeps it as it is.
#[derive(Clone, Debug)]
pub struct BrowserAnswer {
    pub status: StatusCode,
    /// With `envelope=true`, Atlas answers 200 and says the real status in the body.
    enveloped: Option<StatusCode>,
    content_type: HeaderValue,
    passed: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
}

/// The part of an enveloped answer that says how the request went.
#[derive(serde::Deserialize)]
struct Envelope {
    status: Option<u16>,
}

/// Whether an upstream `Content-Type` is JSON: `application/json` or Atlas's dated
/// `application/vnd.atlas.*+json`, parameters allowed. Merely containing `json` is not enough:
/// `text/html; x=json` would reach the browser labelled HTML on the proxy's origin.
fn is_json_type(value: &str) -> bool {
    let media_type = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media_type == "application/json"
        || media_type
            .strip_prefix("application/vnd.atlas.")
            .and_then(|rest| rest.strip_suffix("+json"))
            .is_some_and(|version| {
                !version.is_empty()
                    && version
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            })
}

impl BrowserAnswer {
    /// An answer the proxy made itself (the demo's), with no upstream headers.
    pub fn new(status: StatusCode, content_type: &'static str, body: Bytes) -> BrowserAnswer {
        BrowserAnswer {
            status,
            enveloped: None,
            content_type: HeaderValue::from_static(content_type),
            passed: Vec::new(),
            body,
        }
    }

    pub fn body(&self) -> &Bytes {
        &self.body
    }

    pub fn with_body(self, body: Bytes) -> BrowserAnswer {
        BrowserAnswer { body, ..self }
    }

    /// `enveloped`: the request asked `envelope=true`, so the body's `status` is the real one.
    pub fn from_upstream(
        answer: UpstreamAnswer,
        enveloped: bool,
    ) -> Result<BrowserAnswer, ProxyError> {
        let status = answer.status.as_u16();
        let not_json = |_| ProxyError::NotJson { status };
        let content_type = answer
            .headers
            .get(header::CONTENT_TYPE)
            .filter(|v| v.to_str().is_ok_and(is_json_type))
            .cloned()
            .ok_or(ProxyError::NotJson { status })?;
        let enveloped = if enveloped {
            let envelope: Envelope = serde_json::from_slice(&answer.body).map_err(not_json)?;
            envelope
                .status
                .and_then(|status| StatusCode::from_u16(status).ok())
        } else {
            None
        };
        // Most answers (every team list) have no secret field at all: those go out as Atlas
        // wrote them, checked to be JSON as they were scanned, never parsed into a value.
        let body = if json_holds_secret_field(&answer.body).map_err(not_json)? {
            let mut value =
                serde_json::from_slice::<serde_json::Value>(&answer.body).map_err(not_json)?;
            mask_secrets_in(&mut value);
            Bytes::from(value.to_string())
        } else {
            answer.body
        };
        let passed = PASSED_HEADERS
            .iter()
            .filter_map(|name| {
                let value = answer.headers.get(*name)?;
                // The browser is told the same, bounded, wait the proxy keeps.
                let value = match (*name, value.to_str().ok().and_then(retry_after_seconds)) {
                    ("retry-after", Some(seconds)) => HeaderValue::from(seconds),
                    _ => value.clone(),
                };
                Some((HeaderName::from_static(name), value))
            })
            .collect();
        Ok(BrowserAnswer {
            status: answer.status,
            enveloped,
            content_type,
            passed,
            body,
        })
    }

    /// The answer without `fields` in any item of its page: internal documents (an event's
    /// `raw`) that no page shows, taken out before the answer is kept or sent. The body is
    /// parsed whenever there are fields to drop: a key may be written escaped.
    pub fn without(self, fields: &[&str]) -> Result<BrowserAnswer, ProxyError> {
        if fields.is_empty() {
            return Ok(self);
        }
        let not_json = |_| ProxyError::NotJson {
            status: self.status.as_u16(),
        };
        let mut value: serde_json::Value = serde_json::from_slice(&self.body).map_err(not_json)?;
        let page = match value.get("content") {
            Some(_) => &mut value["content"],
            None => &mut value,
        };
        if let Some(serde_json::Value::Array(items)) = page.get_mut("results") {
            for item in items
                .iter_mut()
                .filter_map(serde_json::Value::as_object_mut)
            {
                for field in fields {
                    item.remove(*field);
                }
            }
        }
        let body = Bytes::from(value.to_string());
        Ok(self.with_body(body))
    }

    /// How the request went: the HTTP status, or an enveloped answer's own.
    pub fn outcome(&self) -> StatusCode {
        match self.enveloped {
            Some(status) if self.status == StatusCode::OK => status,
            _ => self.status,
        }
    }

    pub fn body_len(&self) -> usize {
        self.body.len()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.passed
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.to_str().ok())
    }

    /// `Retry-After`, in seconds, at most [`MAX_WAIT_SECS`].
    pub fn retry_after(&self) -> Option<u64> {
        retry_after_seconds(self.header("retry-after")?)
    }

    pub fn rate_limit_remaining(&self) -> Option<i64> {
        self.header("ratelimit-remaining")?.trim().parse().ok()
    }

    pub fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        for (name, value) in &self.passed {
            headers.insert(name.clone(), value.clone());
        }
        response
    }
}

/// A `Retry-After` of delay-seconds, clamped to [`MAX_WAIT_SECS`]: a number of any length
/// (even one beyond `u64`) is a wait of at most an hour. An HTTP date is not read.
fn retry_after_seconds(value: &str) -> Option<u64> {
    let digits = value.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse().unwrap_or(u64::MAX).min(MAX_WAIT_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &'static str) -> UpstreamAnswer {
        typed(body, "application/json")
    }

    fn typed(body: &'static str, content_type: &'static str) -> UpstreamAnswer {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        UpstreamAnswer {
            status: StatusCode::OK,
            headers,
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[test]
    fn only_json_types_pass() {
        for good in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/vnd.atlas.2023-01-01+json",
            "application/vnd.atlas.2025-02-19+json;charset=utf-8",
        ] {
            assert!(
                BrowserAnswer::from_upstream(typed("{}", good), false).is_ok(),
                "{good}"
            );
        }
        for bad in [
            "text/html; x=json",
            "text/html; charset=json",
            "application/jsonp",
            "application/json-seq",
            "application/vnd.atlas+json",
            "application/vnd.atlasx.1+json",
            "application/vnd.atlas.1+json+html",
            "text/json",
            "",
        ] {
            assert!(
                matches!(
                    BrowserAnswer::from_upstream(typed("{}", bad), false),
                    Err(ProxyError::NotJson { status: 200 })
                ),
                "{bad}"
            );
        }
        let untyped = UpstreamAnswer {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"{}"),
        };
        assert!(BrowserAnswer::from_upstream(untyped, false).is_err());
    }

    #[test]
    fn an_enveloped_answer_says_its_own_status() {
        let error = r#"{"status":429,"content":{"error":429,"errorCode":"RATE_LIMITED"}}"#;
        assert_eq!(
            BrowserAnswer::from_upstream(answer(error), true)
                .unwrap()
                .outcome(),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            BrowserAnswer::from_upstream(answer(error), false)
                .unwrap()
                .outcome(),
            StatusCode::OK,
            "not asked with envelope=true: the HTTP status holds"
        );
        let page = r#"{"status":200,"links":[],"results":[],"totalCount":0}"#;
        assert_eq!(
            BrowserAnswer::from_upstream(answer(page), true)
                .unwrap()
                .outcome(),
            StatusCode::OK
        );
    }

    #[test]
    fn an_answer_without_secret_fields_goes_out_as_atlas_wrote_it() {
        let teams = "{ \"results\" : [ {\"id\": \"a\", \"name\": \"Ops\"} ],\n \"totalCount\": 1 }";
        let browser = BrowserAnswer::from_upstream(answer(teams), false).unwrap();
        assert_eq!(browser.body, teams.as_bytes());
    }

    #[test]
    fn an_answer_with_a_secret_field_is_masked_and_written_anew() {
        // The key twice: the parsed value keeps the masked-looking last one, the text both.
        let repeated = r#"{"results":[{"type":"DATADOG","apiKey":"CLEAR-secret-1234567890","apiKey":"********7890"}]}"#;
        let browser = BrowserAnswer::from_upstream(answer(repeated), false).unwrap();
        let body = String::from_utf8(browser.body.to_vec()).unwrap();
        assert!(!body.contains("CLEAR"), "{body}");
        assert!(body.contains("********7890"), "{body}");
        assert!(BrowserAnswer::from_upstream(answer("<html>"), false).is_err());
    }

    #[test]
    fn retry_after_is_read_as_at_most_an_hour() {
        assert_eq!(retry_after_seconds(" 55 "), Some(55));
        assert_eq!(retry_after_seconds("3601"), Some(MAX_WAIT_SECS));
        assert_eq!(
            retry_after_seconds("18446744073709551615"),
            Some(MAX_WAIT_SECS)
        );
        assert_eq!(
            retry_after_seconds("99999999999999999999999"),
            Some(MAX_WAIT_SECS)
        );
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(retry_after_seconds("-1"), None);
        assert_eq!(retry_after_seconds(""), None);
    }
}
