//! Runtime configuration: `config.json` beside `index.html`, read once at start, and this
//! browser's own overrides of `apiBase` and `apiVersion` (the Settings page).

use atlas_panel_common::endpoint::ApiFlavour;
pub use atlas_panel_common::site_config::{
    resolve_api_base, KnownId, SiteConfig, DEFAULT_API_BASE,
};
use leptos::prelude::*;

use crate::browser::{http, storage};
use crate::i18n::Lang;

const API_BASE_KEY: &str = "atlas-panel.apiBase";
const API_VERSION_KEY: &str = "atlas-panel.apiVersion";

/// The configuration in force, shared through context.
#[derive(Clone, Debug)]
pub struct RuntimeConfig {
    /// The path the site lives under, without a trailing slash: `""` at the root, `/atlas`.
    pub base: String,
    pub site: SiteConfig,
    /// Why `config.json` was not used, when it was not.
    pub notice: Option<ConfigProblem>,
    /// This browser's own `apiBase`, from the Settings page.
    pub api_base_override: RwSignal<Option<String>>,
    /// This browser's own `apiVersion`, from the Settings page.
    pub api_version_override: RwSignal<Option<ApiFlavour>>,
}

impl RuntimeConfig {
    pub fn new(base: String, site: SiteConfig, notice: Option<ConfigProblem>) -> RuntimeConfig {
        RuntimeConfig {
            base,
            site,
            notice,
            // Checked again: it may have been saved by a version that allowed more.
            api_base_override: RwSignal::new(
                storage::load(API_BASE_KEY).filter(|saved| api_base_problem(saved).is_none()),
            ),
            api_version_override: RwSignal::new(
                storage::load(API_VERSION_KEY).and_then(|tag| ApiFlavour::from_tag(&tag)),
            ),
        }
    }

    pub fn api_version(&self) -> ApiFlavour {
        self.api_version_override
            .get()
            .unwrap_or(self.site.api_version)
    }

    pub fn set_api_version(&self, version: ApiFlavour) {
        storage::save(API_VERSION_KEY, version.tag());
        self.api_version_override.set(Some(version));
    }

    /// The proxy every request goes to, resolved against the site's base.
    pub fn api_base(&self) -> String {
        let configured = self
            .api_base_override
            .get()
            .unwrap_or_else(|| self.site.api_base.clone());
        resolve_api_base(&configured, &self.base)
    }

    /// An in-app path (`/settings`) as a link below the site's base (`/atlas/settings`).
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn set_api_base(&self, api_base: &str) {
        storage::save(API_BASE_KEY, api_base);
        self.api_base_override.set(Some(api_base.to_string()));
    }

    pub fn reset_api_base(&self) {
        storage::forget(API_BASE_KEY);
        self.api_base_override.set(None);
    }
}

/// Why an `apiBase` typed into Settings cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiBaseProblem {
    Empty,
    NotAPathOrWebUrl,
}

impl ApiBaseProblem {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            ApiBaseProblem::Empty => lang.pick(
                "Enter a path such as /api, or a full URL such as https://proxy.example/api.",
                "请输入路径（如 /api）或完整网址（如 https://proxy.example/api）。",
            ),
            ApiBaseProblem::NotAPathOrWebUrl => lang.pick(
                "Use a path on this site (/api, or api below the site's base) or an http:// or https:// URL.",
                "请使用本站的路径（/api，或相对于站点根路径的 api），或 http:// 或 https:// 网址。",
            ),
        }
    }
}

pub fn api_base_problem(value: &str) -> Option<ApiBaseProblem> {
    let value = value.trim();
    if value.is_empty() {
        Some(ApiBaseProblem::Empty)
    } else if value.contains('\\') {
        // Browsers read `\` as `/` in a URL: `/\evil.example/api` names another host.
        Some(ApiBaseProblem::NotAPathOrWebUrl)
    } else if value.starts_with("https://") || value.starts_with("http://") {
        None
    } else if value.contains(':') || value.starts_with("//") || value.contains(char::is_whitespace)
    {
        Some(ApiBaseProblem::NotAPathOrWebUrl)
    } else {
        None
    }
}

/// The path the document's `<base href>` names, without its trailing slash.
pub fn site_base() -> String {
    let base_uri = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten());
    let path = base_uri
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base_path(&path)
}

/// `/atlas/` → `/atlas`; `/` → ``.
pub fn base_path(path: &str) -> String {
    path.trim_end_matches('/').to_string()
}

/// Why `config.json` was not used; the defaults are in force instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    Unfetchable,
    Status(u16),
    Unreadable,
    Invalid,
}

impl ConfigProblem {
    /// What the banner says, naming the proxy the defaults point at.
    pub fn text(self, lang: Lang, api_base: &str) -> String {
        let why = match (self, lang) {
            (ConfigProblem::Unfetchable, Lang::En) => {
                "config.json could not be fetched".to_string()
            }
            (ConfigProblem::Unfetchable, Lang::ZhCn) => "无法获取 config.json".to_string(),
            (ConfigProblem::Status(status), Lang::En) => format!("config.json answered {status}"),
            (ConfigProblem::Status(status), Lang::ZhCn) => format!("config.json 返回了 {status}"),
            (ConfigProblem::Unreadable, Lang::En) => "config.json could not be read".to_string(),
            (ConfigProblem::Unreadable, Lang::ZhCn) => "无法读取 config.json".to_string(),
            (ConfigProblem::Invalid, Lang::En) => "config.json is not valid".to_string(),
            (ConfigProblem::Invalid, Lang::ZhCn) => "config.json 无效".to_string(),
        };
        match lang {
            Lang::En => format!("{why}; using {api_base} as the proxy."),
            Lang::ZhCn => format!("{why}；改用 {api_base} 作为代理。"),
        }
    }
}

/// Reads `config.json`; a missing or broken one falls back to the defaults, with a notice.
pub async fn load_site_config() -> (SiteConfig, Option<ConfigProblem>) {
    let fallback = |problem| (SiteConfig::default(), Some(problem));
    let Ok(answer) = http::get("config.json", &[], None).await else {
        return fallback(ConfigProblem::Unfetchable);
    };
    if !answer.ok() {
        return fallback(ConfigProblem::Status(answer.status));
    }
    let Some(text) = answer.text() else {
        return fallback(ConfigProblem::Unreadable);
    };
    parse_site_config(&text)
        .map_or_else(|| fallback(ConfigProblem::Invalid), |config| (config, None))
}

pub fn parse_site_config(text: &str) -> Option<SiteConfig> {
    serde_json::from_str::<SiteConfig>(text)
        .ok()
        .filter(|config| api_base_problem(&config.api_base).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_config_json() {
        let config = parse_site_config(
            r#"{"apiBase":"/atlas/api","projects":[{"id":"5f1a2b3c4d5e6f7a8b9c0d1e","label":"Demo"}],"orgs":[{"id":"6f1a2b3c4d5e6f7a8b9c0d1e"}]}"#,
        )
        .unwrap();
        assert_eq!(config.api_base, "/atlas/api");
        assert_eq!(config.projects[0].label, "Demo");
        assert_eq!(config.orgs[0].label, "");
        assert_eq!(config.api_version, ApiFlavour::V1);
        assert_eq!(parse_site_config("{}"), Some(SiteConfig::default()));
        let v2 = parse_site_config(r#"{"apiVersion":"v2"}"#).unwrap();
        assert_eq!(v2.api_version, ApiFlavour::V2);
    }

    #[test]
    fn refuses_broken_config() {
        assert_eq!(parse_site_config("<html>"), None);
        assert_eq!(parse_site_config(r#"{"apiBase": 3}"#), None);
        assert_eq!(parse_site_config(r#"{"apiVersion": "v3"}"#), None);
        assert_eq!(
            parse_site_config(r#"{"apiBase": "javascript:alert(1)"}"#),
            None
        );
    }

    #[test]
    fn api_base_is_a_path_or_a_web_url() {
        assert_eq!(api_base_problem("/api"), None);
        assert_eq!(api_base_problem("https://proxy.example/api"), None);
        assert_eq!(api_base_problem(" "), Some(ApiBaseProblem::Empty));
        assert_eq!(
            api_base_problem("javascript:alert(1)"),
            Some(ApiBaseProblem::NotAPathOrWebUrl)
        );
        assert!(api_base_problem("//evil.example/api").is_some());
        for other_host in [
            "/\\evil.example/api",
            "\\\\evil.example/api",
            "https:\\\\evil.example/api",
            "https://proxy.example\\@evil.example/api",
        ] {
            assert_eq!(
                api_base_problem(other_host),
                Some(ApiBaseProblem::NotAPathOrWebUrl),
                "{other_host}"
            );
        }
        assert_eq!(api_base_problem("api"), None);
    }

    #[test]
    fn relative_api_bases_resolve_below_the_site() {
        assert_eq!(resolve_api_base("api", ""), "/api");
        assert_eq!(resolve_api_base("api", "/atlas"), "/atlas/api");
        assert_eq!(resolve_api_base("./api", "/atlas"), "/atlas/api");
        assert_eq!(
            resolve_api_base(".//evil.example/api", ""),
            "/evil.example/api"
        );
        assert_eq!(resolve_api_base("././/x", "/atlas"), "/atlas/x");
        assert_eq!(resolve_api_base("/api", "/atlas"), "/api");
        assert_eq!(
            resolve_api_base("https://proxy.example/api", "/atlas"),
            "https://proxy.example/api"
        );
        assert_eq!(base_path("/atlas/"), "/atlas");
        assert_eq!(base_path("/"), "");
    }
}
