//! HTTP Digest for Atlas API keys: answer the challenge once, then reuse its nonce with a
//! counting `nc` until Atlas says it is stale.

use std::sync::Mutex;

use digest_auth::{AuthContext, WwwAuthenticateHeader};

pub struct DigestAuth {
    username: String,
    password: String,
    /// The last challenge; `digest_auth` counts `nc` inside it.
    challenge: Mutex<Option<WwwAuthenticateHeader>>,
}

impl DigestAuth {
    pub fn new(public_key: String, private_key: String) -> DigestAuth {
        DigestAuth {
            username: public_key,
            password: private_key,
            challenge: Mutex::new(None),
        }
    }

    /// The `Authorization` value for a GET of `uri` (path and query), once a challenge is known.
    pub fn authorization(&self, uri: &str) -> Option<String> {
        let mut challenge = self
            .challenge
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let context = AuthContext::new(self.username.as_str(), self.password.as_str(), uri);
        challenge
            .as_mut()?
            .respond(&context)
            .ok()
            .map(|header| header.to_header_string())
    }

    /// Takes a 401's `WWW-Authenticate`. Returns whether the request is worth sending again:
    /// the first challenge, a stale nonce or a new nonce; not a refusal of the same nonce,
    /// which means the key itself was refused.
    pub fn on_challenge(&self, www_authenticate: Option<&str>) -> bool {
        let Some(fresh) = www_authenticate.and_then(|value| digest_auth::parse(value).ok()) else {
            return false;
        };
        let mut challenge = self
            .challenge
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let worth_retrying = match challenge.as_ref() {
            None => true,
            Some(known) => fresh.stale || fresh.nonce != known.nonce,
        };
        *challenge = Some(fresh);
        worth_retrying
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = r#"Digest realm="MMS Public API", domain="", nonce="abc123", algorithm=MD5, qop="auth", stale=false"#;

    #[test]
    fn answers_only_after_a_challenge_and_counts_nc() {
        let auth = DigestAuth::new("pub".into(), "priv".into());
        assert_eq!(auth.authorization("/api/x"), None);
        assert!(auth.on_challenge(Some(CHALLENGE)));
        let first = auth.authorization("/api/x?pageNum=1").unwrap();
        let second = auth.authorization("/api/x?pageNum=1").unwrap();
        assert!(
            first.contains("nc=00000001") && second.contains("nc=00000002"),
            "{first} / {second}"
        );
        assert!(first.contains(r#"uri="/api/x?pageNum=1""#));
        assert!(first.contains(r#"username="pub""#));
        assert!(!first.contains("priv"));
    }

    #[test]
    fn retries_on_a_new_or_stale_nonce_but_not_on_a_refused_key() {
        let auth = DigestAuth::new("pub".into(), "priv".into());
        assert!(auth.on_challenge(Some(CHALLENGE)));
        assert!(
            !auth.on_challenge(Some(CHALLENGE)),
            "same nonce, not stale: the key was refused"
        );
        assert!(auth.on_challenge(Some(&CHALLENGE.replace("stale=false", "stale=true"))));
        assert!(auth.on_challenge(Some(&CHALLENGE.replace("abc123", "def456"))));
        assert!(!auth.on_challenge(None));
        assert!(!auth.on_challenge(Some("Basic realm=x")));
    }
}
