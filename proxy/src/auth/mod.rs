//! The proxy's own credentials, and how each kind signs an upstream request.

pub mod digest;
pub mod oauth;

use std::fmt;

use thiserror::Error;

/// Credentials read from the environment. `Debug` never prints a secret.
#[derive(Clone)]
pub enum Credentials {
    /// An API key pair, used with HTTP Digest.
    ApiKey {
        public_key: String,
        private_key: String,
    },
    /// A service account, exchanged for OAuth bearer tokens.
    ServiceAccount {
        client_id: String,
        client_secret: String,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::ApiKey { public_key, .. } => {
                write!(f, "ApiKey {{ public_key: {public_key:?}, .. }}")
            }
            Credentials::ServiceAccount { client_id, .. } => {
                write!(f, "ServiceAccount {{ client_id: {client_id:?}, .. }}")
            }
        }
    }
}

pub const PUBLIC_KEY_VAR: &str = "MONGODB_ATLAS_PUBLIC_API_KEY";
pub const PRIVATE_KEY_VAR: &str = "MONGODB_ATLAS_PRIVATE_API_KEY";
pub const CLIENT_ID_VAR: &str = "MONGODB_ATLAS_CLIENT_ID";
pub const CLIENT_SECRET_VAR: &str = "MONGODB_ATLAS_CLIENT_SECRET";

#[derive(Debug, Error, PartialEq)]
pub enum CredentialsError {
    #[error(
        "no Atlas credentials: set {PUBLIC_KEY_VAR} and {PRIVATE_KEY_VAR} (an API key), \
         or {CLIENT_ID_VAR} and {CLIENT_SECRET_VAR} (a service account), or run with --demo"
    )]
    Missing,
    #[error("{0} is set but {1} is not: set both")]
    Half(&'static str, &'static str),
}

impl Credentials {
    /// Reads credentials through `var` (the process environment, or a map in tests).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Credentials, CredentialsError> {
        let get = |name: &str| var(name).filter(|value| !value.is_empty());
        match (
            get(PUBLIC_KEY_VAR),
            get(PRIVATE_KEY_VAR),
            get(CLIENT_ID_VAR),
            get(CLIENT_SECRET_VAR),
        ) {
            (Some(public_key), Some(private_key), _, _) => Ok(Credentials::ApiKey {
                public_key,
                private_key,
            }),
            (Some(_), None, _, _) => Err(CredentialsError::Half(PUBLIC_KEY_VAR, PRIVATE_KEY_VAR)),
            (None, Some(_), _, _) => Err(CredentialsError::Half(PRIVATE_KEY_VAR, PUBLIC_KEY_VAR)),
            (None, None, Some(client_id), Some(client_secret)) => Ok(Credentials::ServiceAccount {
                client_id,
                client_secret,
            }),
            (None, None, Some(_), None) => {
                Err(CredentialsError::Half(CLIENT_ID_VAR, CLIENT_SECRET_VAR))
            }
            (None, None, None, Some(_)) => {
                Err(CredentialsError::Half(CLIENT_SECRET_VAR, CLIENT_ID_VAR))
            }
            (None, None, None, None) => Err(CredentialsError::Missing),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn reads_an_api_key_or_a_service_account() {
        let key = Credentials::from_env(env(&[(PUBLIC_KEY_VAR, "pub"), (PRIVATE_KEY_VAR, "priv")]))
            .unwrap();
        assert!(matches!(key, Credentials::ApiKey { .. }));
        let account =
            Credentials::from_env(env(&[(CLIENT_ID_VAR, "id"), (CLIENT_SECRET_VAR, "s")])).unwrap();
        assert!(matches!(account, Credentials::ServiceAccount { .. }));
    }

    #[test]
    fn says_what_is_missing() {
        assert_eq!(
            Credentials::from_env(env(&[])).unwrap_err(),
            CredentialsError::Missing
        );
        assert_eq!(
            Credentials::from_env(env(&[(PUBLIC_KEY_VAR, "pub")])).unwrap_err(),
            CredentialsError::Half(PUBLIC_KEY_VAR, PRIVATE_KEY_VAR)
        );
        assert_eq!(
            Credentials::from_env(env(&[(PUBLIC_KEY_VAR, "pub"), (PRIVATE_KEY_VAR, "")]))
                .unwrap_err(),
            CredentialsError::Half(PUBLIC_KEY_VAR, PRIVATE_KEY_VAR)
        );
    }

    #[test]
    fn debug_never_prints_a_secret() {
        let key = Credentials::ApiKey {
            public_key: "pub".into(),
            private_key: "very-private".into(),
        };
        let account = Credentials::ServiceAccount {
            client_id: "id".into(),
            client_secret: "very-secret".into(),
        };
        assert!(!format!("{key:?}{account:?}").contains("very-"));
    }
}
