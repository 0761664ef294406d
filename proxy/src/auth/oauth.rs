//! Service-account tokens: one token serves many requests until shortly before it expires.

use std::time::{Duration, Instant};

use base64::Engine;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::error::ProxyError;

/// A token is renewed this long before Atlas would expire it.
const RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(60);

/// Atlas's tokens last an hour; that is assumed when it does not say, and a longer
/// `expires_in` is not believed.
const DEFAULT_LIFETIME_SECS: u64 = 3600;
const MAX_LIFETIME_SECS: u64 = 3600;
/// The largest token answer read: Atlas's is a few hundred bytes.
const MAX_TOKEN_ANSWER_BYTES: usize = 16 * 1024;

pub struct OAuthTokens {
    client_id: String,
    client_secret: String,
    token_url: String,
    /// Held while a token is fetched, so that concurrent requests wait for one fetch.
    current: Mutex<Option<Token>>,
}

#[derive(Clone)]
struct Token {
    value: String,
    renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: Option<u64>,
}

impl OAuthTokens {
    pub fn new(client_id: String, client_secret: String, upstream: &str) -> OAuthTokens {
        OAuthTokens {
            client_id,
            client_secret,
            token_url: format!("{}/api/oauth/token", upstream.trim_end_matches('/')),
            current: Mutex::new(None),
        }
    }

    /// A valid bearer token, fetched only when there is none or it is about to expire.
    pub async fn token(&self, client: &reqwest::Client) -> Result<String, ProxyError> {
        let mut current = self.current.lock().await;
        if let Some(token) = current
            .as_ref()
            .filter(|token| Instant::now() < token.renew_at)
        {
            return Ok(token.value.clone());
        }
        let token = self.fetch(client).await?;
        let value = token.value.clone();
        *current = Some(token);
        Ok(value)
    }

    /// Forgets `rejected` after a 401, unless another request already replaced it.
    pub async fn reject(&self, rejected: &str) {
        let mut current = self.current.lock().await;
        if current
            .as_ref()
            .is_some_and(|token| token.value == rejected)
        {
            *current = None;
        }
    }

    async fn fetch(&self, client: &reqwest::Client) -> Result<Token, ProxyError> {
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", self.client_id, self.client_secret));
        let response = client
            .post(&self.token_url)
            .header(reqwest::header::AUTHORIZATION, format!("Basic {basic}"))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body("grant_type=client_credentials")
            .send()
            .await
            .map_err(|error| ProxyError::Token(describe(&error)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(ProxyError::Token(format!(
                "the token endpoint answered {status}"
            )));
        }
        let body = read_capped(response).await?;
        let answer: TokenAnswer = serde_json::from_slice(&body).map_err(|_| unreadable())?;
        let lifetime = Duration::from_secs(
            answer
                .expires_in
                .unwrap_or(DEFAULT_LIFETIME_SECS)
                .min(MAX_LIFETIME_SECS),
        );
        let now = Instant::now();
        let renew_at = now
            .checked_add(lifetime.saturating_sub(RENEW_BEFORE_EXPIRY))
            .unwrap_or(now);
        Ok(Token {
            value: answer.access_token,
            renew_at,
        })
    }
}

fn unreadable() -> ProxyError {
    ProxyError::Token("the token endpoint's answer could not be read".to_string())
}

/// The token answer, read in chunks and abandoned past [`MAX_TOKEN_ANSWER_BYTES`]; the
/// client's timeout bounds the whole read, as for any upstream answer.
async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, ProxyError> {
    let too_large = || {
        ProxyError::Token(format!(
            "the token endpoint's answer exceeded {MAX_TOKEN_ANSWER_BYTES} bytes"
        ))
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_TOKEN_ANSWER_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| ProxyError::Token(describe(&error)))?
    {
        if body.len() + chunk.len() > MAX_TOKEN_ANSWER_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// What went wrong, without the URL's or any header's contents.
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "the token endpoint did not answer in time".to_string()
    } else if error.is_connect() {
        "the token endpoint could not be reached".to_string()
    } else {
        "the token request failed".to_string()
    }
}
