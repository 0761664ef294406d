//! Errors in Atlas's own shape, `{error, detail, reason, errorCode}`, so the panel reads the
//! proxy's refusals exactly as it reads Atlas's.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ProxyError {
    #[error("No such resource in the panel's read-only API: {0}.")]
    NotFound(String),
    #[error("Only GET and HEAD are allowed: the panel is read-only.")]
    MethodNotAllowed,
    #[error("{0}")]
    BadQuery(String),
    #[error("The Atlas API at {0} could not be reached.")]
    Unreachable(String),
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
}

impl ProxyError {
    fn status(&self) -> StatusCode {
        match self {
            ProxyError::NotFound(_) => StatusCode::NOT_FOUND,
            ProxyError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ProxyError::IdNotAllowed(_) => StatusCode::FORBIDDEN,
            ProxyError::BadQuery(_) => StatusCode::BAD_REQUEST,
            ProxyError::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
            ProxyError::Unreachable(_)
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
            ProxyError::Unreachable(_) => "UPSTREAM_UNREACHABLE",
            ProxyError::Timeout(_) => "UPSTREAM_TIMEOUT",
            ProxyError::NotJson { .. } => "UPSTREAM_NOT_JSON",
            ProxyError::TooLarge(_) => "UPSTREAM_RESPONSE_TOO_LARGE",
            ProxyError::Token(_) => "UPSTREAM_TOKEN_FAILED",
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
        if matches!(self, ProxyError::MethodNotAllowed) {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        response
    }
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        self.response()
    }
}
