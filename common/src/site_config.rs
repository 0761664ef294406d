//! `config.json` beside the panel's `index.html`: which proxy to ask, which form of the API,
//! and which projects and organizations the home page offers. The proxy writes it for its demo
//! and its ID scope; the panel reads it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::endpoint::ApiFlavour;

/// Relative, so that it resolves below the site's base: `/api` at the root, `/atlas/api`
/// for a site under `/atlas/`.
pub const DEFAULT_API_BASE: &str = "api";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteConfig {
    #[serde(rename = "apiBase", default = "default_api_base")]
    pub api_base: String,
    #[serde(rename = "apiVersion", default)]
    pub api_version: ApiFlavour,
    #[serde(default)]
    pub projects: Vec<KnownId>,
    #[serde(default)]
    pub orgs: Vec<KnownId>,
}

/// A project or organization to offer, with the name the home page gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownId {
    pub id: String,
    #[serde(default)]
    pub label: String,
}

impl KnownId {
    pub fn new(id: &str, label: &str) -> KnownId {
        KnownId {
            id: id.to_string(),
            label: label.to_string(),
        }
    }
}

/// `apiBase` as the browser will use it: URLs and absolute paths as they are, a relative path
/// below the site's `base` (`api` under `/atlas` is `/atlas/api`).
pub fn resolve_api_base(api_base: &str, base: &str) -> String {
    let api_base = api_base.trim();
    if api_base.starts_with('/')
        || api_base.starts_with("http://")
        || api_base.starts_with("https://")
    {
        api_base.to_string()
    } else {
        // `.//evil.example` must not become `//evil.example`, which names another host.
        let relative = api_base.trim_start_matches("./").trim_start_matches('/');
        format!("{base}/{relative}")
    }
}

fn default_api_base() -> String {
    DEFAULT_API_BASE.to_string()
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            api_base: default_api_base(),
            api_version: ApiFlavour::default(),
            projects: Vec::new(),
            orgs: Vec::new(),
        }
    }
}

/// `"v1"`, `"v2"` or `"public"`. Read through a string: a derived enum reader costs about a kilobyte of
/// the panel's WebAssembly.
impl<'de> Deserialize<'de> for ApiFlavour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        ApiFlavour::from_tag(&tag)
            .ok_or_else(|| serde::de::Error::custom("apiVersion is \"v1\", \"v2\" or \"public\""))
    }
}

impl Serialize for ApiFlavour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes() {
        let config = SiteConfig {
            api_base: "/atlas/api".into(),
            api_version: ApiFlavour::V2,
            projects: vec![KnownId::new("5f1a2b3c4d5e6f7a8b9c0d1e", "Payments")],
            orgs: Vec::new(),
        };
        let text = serde_json::to_string(&config).unwrap();
        assert_eq!(
            text,
            r#"{"apiBase":"/atlas/api","apiVersion":"v2","projects":[{"id":"5f1a2b3c4d5e6f7a8b9c0d1e","label":"Payments"}],"orgs":[]}"#
        );
        assert_eq!(serde_json::from_str::<SiteConfig>(&text).unwrap(), config);
    }

    #[test]
    fn missing_fields_take_their_defaults_and_unknown_flavours_are_refused() {
        let config: SiteConfig = serde_json::from_str(r#"{"orgs":[{"id":"x"}]}"#).unwrap();
        assert_eq!(config.api_base, "api");
        assert_eq!(config.api_version, ApiFlavour::V1);
        assert_eq!(config.orgs[0].label, "");
        assert!(serde_json::from_str::<SiteConfig>(r#"{"apiVersion":"v3"}"#).is_err());
    }
}
