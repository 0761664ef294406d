//! The header's theme menu: system, light or dark.

use leptos::prelude::*;

use crate::i18n::lang;
use crate::theme::{apply_theme, initial_theme, Theme};

#[component]
pub fn ThemeChoice() -> impl IntoView {
    let lang = lang();
    let current = initial_theme();
    let choose = move |event| {
        if let Some(theme) = Theme::from_tag(&event_target_value(&event)) {
            apply_theme(theme);
        }
    };
    view! {
        <div class="choice">
            <label for="theme">{lang.pick("Theme", "主题")}</label>
            <select id="theme" on:change=choose>
                {Theme::ALL
                    .into_iter()
                    .map(|theme| {
                        view! { <option value=theme.tag() selected=theme == current>{theme.label(lang)}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
