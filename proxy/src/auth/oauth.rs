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
        let unreadable =
            || ProxyError::Token("the token endpoint's answer could not be read".to_string());
        let body = response.bytes().await.map_err(|_| unreadable())?;
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
