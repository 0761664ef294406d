//! Light and dark. `System` follows `prefers-color-scheme`; the others pin `<html data-theme>`,
//! which the style sheet reads. `boot.js` applies the remembered choice before the first paint.

use crate::browser::dom::document_root;
use crate::browser::storage;
use crate::i18n::Lang;

const THEME_KEY: &str = "atlas-panel.theme";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn tag(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.tag() == tag)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Theme::System => lang.pick("System", "跟随系统"),
            Theme::Light => lang.pick("Light", "浅色"),
            Theme::Dark => lang.pick("Dark", "深色"),
        }
    }
}

pub fn initial_theme() -> Theme {
    storage::load(THEME_KEY)
        .and_then(|tag| Theme::from_tag(&tag))
        .unwrap_or_default()
}

pub fn apply_theme(theme: Theme) {
    storage::save(THEME_KEY, theme.tag());
    let Some(root) = document_root() else {
        return;
    };
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        Theme::Light | Theme::Dark => root.set_attribute("data-theme", theme.tag()),
    };
}
