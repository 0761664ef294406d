//! The header's language switch.

use leptos::html;
use leptos::prelude::*;

use crate::browser::storage;
use crate::i18n::{lang, remember_lang, Lang};

/// Switching language reloads the page: every string is picked once, as it is drawn, so
/// nothing has to watch the language, and the URL keeps the reader's place. The switch is a
/// button that names the other language in that language, so nothing changes until it is
/// pressed.
#[component]
pub fn LanguageChoice() -> impl IntoView {
    let lang = lang();
    let other = match lang {
        Lang::En => Lang::ZhCn,
        Lang::ZhCn => Lang::En,
    };
    let switch = move |_| {
        remember_lang(other);
        storage::save_for_session(REFOCUS_LANGUAGE, "1");
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    // A keyboard user who switched starts again where they were, on the switch.
    let button = NodeRef::<html::Button>::new();
    if storage::take_from_session(REFOCUS_LANGUAGE).is_some() {
        request_animation_frame(move || {
            if let Some(button) = button.get_untracked() {
                let _ = button.focus();
            }
        });
    }
    view! {
        <div class="choice">
            <span>{lang.pick("Language", "语言")}</span>
            <button id="language" node_ref=button type="button" class="button button-secondary button-small" lang=other.tag() on:click=switch>
                {other.name()}
            </button>
        </div>
    }
}

const REFOCUS_LANGUAGE: &str = "atlas-panel.refocusLanguage";
