//! The proxy's errors: refusals of a request ([`ProxyError`]), sent in Atlas's own shape,
//! `{error, detail, reason, errorCode}`, so the panel reads them exactly as it reads Atlas's.
//! The reasons it cannot start are [`crate::start_error::StartError`].

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use thiserror::Error;

#[derive(Clone, Debug, Error)]
pub enum ProxyError {
    #[error("No such resource in the panel's read-only API: {0}.")]
    NotFound(String),
    #[error("Only GET and HEAD are allowed: the panel is read-only.")]
    MethodNotAllowed,
    #[error("{0}")]
    BadQuery(String),
    /// The upstream's URL is left out: it is the operator's to know, and goes to the log.
    #[error("Atlas could not be reached.")]
    Unreachable,
    #[error("The Atlas API did not answer within {0} seconds.")]
    Timeout(u64),
    #[error("The Atlas API answered {status} with a body that could not be read as JSON.")]
    NotJson { status: u16 },
    #[error("The Atlas API's answer exceeded {0} bytes.")]
    TooLarge(usize),
    #[error("The proxy could not get an OAuth token: {0}.")]
    Token(String),
    #[error("This proxy does not show {0}; ask its operator to add it.")]
    IdNotAllowed(String),
    #[error("Atlas answered {0} when asked which organization the project belongs to.")]
    PlacementFailed(u16),
    #[error("Sign in through the single sign-on gateway.")]
    SignInThroughGateway,
    #[error("Sign in with your atlas-panel user name and password.")]
    SignInWithPassword,
    /// The proxy's own 429 while Atlas's wait lasts: nothing is sent upstream.
    #[error("Atlas asked for a pause; the proxy will not ask again for {0} seconds.")]
    RateLimitedHere(u64),
    /// No sign-in because the proxy listens on loopback, yet something relays others' requests.
    #[error(
        "This proxy asks nobody to sign in because it listens on a loopback address, but this \
         request was relayed to it (it carries Forwarded, X-Forwarded-For or X-Real-IP). Its \
         operator must choose a sign-in: --auth-header with --trusted-proxy, or --users."
    )]
    RelayedWithoutSignIn,
    /// With no sign-in, a `Host` that is not this machine's: a name rebound to it, say.
    #[error(
        "This proxy answers only for localhost, an IP address or a name given with --public-host."
    )]
    MisdirectedHost,
    #[error(
        "Too many failed sign-ins from this address, or with this user name; try again in {0} seconds."
    )]
    TooManyFailedSignIns(u64),
    /// `--users` without TLS of the proxy's own: passwords only through the trusted front end.
    #[error("Sign in through this proxy's HTTPS front end: it does not take passwords over plain HTTP from elsewhere.")]
    PasswordOverPlainHttp,
    /// Two copies of the sign-in header: which one a front end checked is not known.
    #[error("The {0} header was given more than once.")]
    SignInHeaderRepeated(String),
    /// One client's own share of the key is spent: nothing is sent upstream.
    #[error("This proxy asks Atlas at most {per_minute} times a minute for one person; try again in {seconds} seconds.")]
    OverBudget { per_minute: u32, seconds: u64 },
}

const BASIC_CHALLENGE: &str = r#"Basic realm="atlas-panel", charset="UTF-8""#;

impl ProxyError {
    fn status(&self) -> StatusCode {
        match self {
            ProxyError::NotFound(_) => StatusCode::NOT_FOUND,
            ProxyError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ProxyError::IdNotAllowed(_) => StatusCode::FORBIDDEN,
            ProxyError::BadQuery(_) | ProxyError::SignInHeaderRepeated(_) => {
                StatusCode::BAD_REQUEST
            }
            ProxyError::PasswordOverPlainHttp => StatusCode::FORBIDDEN,
            ProxyError::SignInThroughGateway | ProxyError::SignInWithPassword => {
                StatusCode::UNAUTHORIZED
            }
            ProxyError::RateLimitedHere(_)
            | ProxyError::OverBudget { .. }
            | ProxyError::TooManyFailedSignIns(_) => StatusCode::TOO_MANY_REQUESTS,
            ProxyError::RelayedWithoutSignIn => StatusCode::FORBIDDEN,
            ProxyError::MisdirectedHost => StatusCode::MISDIRECTED_REQUEST,
            ProxyError::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
            ProxyError::Unreachable
            | ProxyError::PlacementFailed(_)
            | ProxyError::NotJson { .. }
            | ProxyError::TooLarge(_)
            | ProxyError::Token(_) => StatusCode::BAD_GATEWAY,
        }
    }

    fn error_code(&self) -> &'static str {
        match self {
            ProxyError::NotFound(_) => "RESOURCE_NOT_FOUND",
            ProxyError::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            ProxyError::IdNotAllowed(_) => "ID_NOT_ALLOWED_BY_PROXY",
            ProxyError::BadQuery(_) => "INVALID_QUERY_PARAMETER",
            ProxyError::Unreachable => "UPSTREAM_UNREACHABLE",
            ProxyError::PlacementFailed(_) => "UPSTREAM_ERROR",
            ProxyError::Timeout(_) => "UPSTREAM_TIMEOUT",
            ProxyError::NotJson { .. } => "UPSTREAM_NOT_JSON",
            ProxyError::TooLarge(_) => "UPSTREAM_RESPONSE_TOO_LARGE",
            ProxyError::Token(_) => "UPSTREAM_TOKEN_FAILED",
            ProxyError::SignInThroughGateway | ProxyError::SignInWithPassword => {
                "PROXY_SIGN_IN_REQUIRED"
            }
            ProxyError::RateLimitedHere(_) | ProxyError::OverBudget { .. } => "RATE_LIMITED",
            ProxyError::RelayedWithoutSignIn => "PROXY_RELAYED_WITHOUT_SIGN_IN",
            ProxyError::MisdirectedHost => "PROXY_HOST_NOT_SERVED",
            ProxyError::TooManyFailedSignIns(_) => "PROXY_SIGN_IN_RATE_LIMITED",
            ProxyError::PasswordOverPlainHttp => "PROXY_SIGN_IN_OVER_PLAIN_HTTP",
            ProxyError::SignInHeaderRepeated(_) => "PROXY_SIGN_IN_HEADER_REPEATED",
        }
    }

    /// The header a client needs to act on the refusal, if any.
    fn header(&self) -> Option<(HeaderName, HeaderValue)> {
        match self {
            ProxyError::MethodNotAllowed => {
                Some((header::ALLOW, HeaderValue::from_static("GET, HEAD")))
            }
            ProxyError::SignInWithPassword => Some((
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(BASIC_CHALLENGE),
            )),
            ProxyError::RateLimitedHere(seconds)
            | ProxyError::OverBudget { seconds, .. }
            | ProxyError::TooManyFailedSignIns(seconds) => {
                Some((header::RETRY_AFTER, HeaderValue::from(*seconds)))
            }
            _ => None,
        }
    }
}

/// An Atlas-shaped JSON error body.
pub fn atlas_error_body(status: StatusCode, error_code: &str, detail: &str) -> String {
    json!({
        "error": status.as_u16(),
        "reason": status.canonical_reason().unwrap_or("Error"),
        "errorCode": error_code,
        "detail": detail,
    })
    .to_string()
}

/// An Atlas-shaped JSON error response.
pub fn atlas_error(status: StatusCode, error_code: &str, detail: &str) -> Response {
    let body = atlas_error_body(status, error_code, detail);
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

impl ProxyError {
    pub fn response(&self) -> Response {
        let mut response = atlas_error(self.status(), self.error_code(), &self.to_string());
        if let Some((name, value)) = self.header() {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        self.response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn parts(error: ProxyError) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
        let response = error.into_response();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        (status, headers, serde_json::from_slice(&body).unwrap())
    }

    #[tokio::test]
    async fn sign_in_refusals_and_the_proxys_own_wait_keep_their_shape() {
        let (status, headers, body) = parts(ProxyError::SignInWithPassword).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            headers[header::WWW_AUTHENTICATE],
            r#"Basic realm="atlas-panel", charset="UTF-8""#
        );
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(
            body,
            json!({"error": 401, "reason": "Unauthorized", "errorCode": "PROXY_SIGN_IN_REQUIRED",
                   "detail": "Sign in with your atlas-panel user name and password."})
        );

        let (status, headers, body) = parts(ProxyError::SignInThroughGateway).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(headers.get(header::WWW_AUTHENTICATE).is_none());
        assert_eq!(
            body["detail"],
            "Sign in through the single sign-on gateway."
        );
        assert_eq!(body["errorCode"], "PROXY_SIGN_IN_REQUIRED");

        let (status, headers, body) = parts(ProxyError::RateLimitedHere(42)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(headers[header::RETRY_AFTER], "42");
        assert_eq!(
            body,
            json!({"error": 429, "reason": "Too Many Requests", "errorCode": "RATE_LIMITED",
                   "detail": "Atlas asked for a pause; the proxy will not ask again for 42 seconds."})
        );
    }
}
