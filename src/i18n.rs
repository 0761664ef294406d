//! English and Simplified Chinese. Each string sits beside its translation where it is used,
//! `lang.pick("Home", "首页")`: two languages need no catalogue and no library, and the compiler
//! sees to it that neither is missing.

use leptos::prelude::*;

use crate::browser::dom::document_root;
use crate::browser::storage;

const LANG_KEY: &str = "atlas-panel.lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, as `<html lang>` and `Intl` take it.
    pub fn tag(self) -> &'static str {
        self.pick("en", "zh-CN")
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn name(self) -> &'static str {
        self.pick("English", "简体中文")
    }

    /// `en-GB` is English and `zh-Hans-SG` Chinese; anything else is neither.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    pub fn pick<T>(self, en: T, zh_cn: T) -> T {
        match self {
            Lang::En => en,
            Lang::ZhCn => zh_cn,
        }
    }
}

/// The language in force: the App provides it; English where none is (component tests).
pub fn lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The reader's choice, remembered in this browser, else the browser's own preference.
pub fn initial_lang() -> Lang {
    storage::load(LANG_KEY)
        .and_then(|tag| Lang::from_tag(&tag))
        .or_else(|| {
            browser_languages()
                .iter()
                .find_map(|tag| Lang::from_tag(tag))
        })
        .unwrap_or_default()
}

pub fn remember_lang(lang: Lang) {
    storage::save(LANG_KEY, lang.tag());
    set_document_lang(lang);
}

pub fn set_document_lang(lang: Lang) {
    if let Some(root) = document_root() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The locale dates are written in: the browser's own variant of the chosen language when it
/// has one (`en-GB` writes 14:02, `en-US` 2:02 PM), else the language itself.
pub fn format_locale(lang: Lang) -> String {
    browser_languages()
        .into_iter()
        .find(|tag| Lang::from_tag(tag) == Some(lang))
        .unwrap_or_else(|| lang.tag().to_string())
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|window| {
            window
                .navigator()
                .languages()
                .iter()
                .filter_map(|tag| tag.as_string())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn reads_language_tags() {
        assert_eq!(Lang::from_tag("en"), Some(Lang::En));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh_Hans_SG"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("ZH"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }
}
