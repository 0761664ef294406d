//! atlas-panel: a read-only browser panel for a MongoDB Atlas estate.

pub mod api;
pub mod clock;
pub mod components;
pub mod config;
pub mod dom;
pub mod export;
pub mod i18n;
pub mod pages;
pub mod paging;
pub mod recent;
pub mod rows;
pub mod storage;
pub mod theme;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use config::RuntimeConfig;
use i18n::{initial_lang, lang, remember_lang, set_document_lang, Lang};
use pages::{
    home::HomePage, integrations::IntegrationsPage, settings::SettingsPage, teams::TeamsPage,
};
use theme::{apply_theme, initial_theme, Theme};

#[component]
pub fn App(config: RuntimeConfig) -> impl IntoView {
    let lang = initial_lang();
    set_document_lang(lang);
    provide_context(lang);
    let base = config.base.clone();
    let (home, settings) = (config.href("/"), config.href("/settings"));
    let notice = config
        .notice
        .map(|notice| notice.text(lang, &config.api_base()));
    let api_base = {
        let config = config.clone();
        move || config.api_base()
    };
    provide_context(config);
    view! {
        <Router base>
            <a class="skip-link" href="#main" on:click=skip_to_main>{lang.pick("Skip to content", "跳到正文")}</a>
            <header class="app-header">
                <A href=home.clone() attr:class="brand">"atlas-panel"</A>
                <nav aria-label=lang.pick("Main", "主导航")>
                    <A href=home>{lang.pick("Home", "首页")}</A>
                    <A href=settings>{lang.pick("Settings", "设置")}</A>
                </nav>
                <p class="proxy-shown">{lang.pick("Proxy: ", "代理：")} <code>{api_base}</code></p>
                <div class="choices">
                    <LanguageChoice/>
                    <ThemeChoice/>
                </div>
            </header>
            <main id="main" tabindex="-1">
                {notice.map(|notice| view! { <p class="banner banner-notice" role="status">{notice}</p> })}
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/groups/:group_id/integrations") view=IntegrationsPage/>
                    <Route path=path!("/orgs/:org_id/teams") view=TeamsPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The router would take `#main` for a navigation; the skip link only moves focus.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    dom::focus("#main");
}

/// Switching language reloads the page: every string is picked once, as it is drawn, so
/// nothing has to watch the language, and the URL keeps the reader's place. The switch is a
/// button that names the other language in that language, so nothing changes until it is
/// pressed.
#[component]
fn LanguageChoice() -> impl IntoView {
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
    if storage::take_from_session(REFOCUS_LANGUAGE).is_some() {
        request_animation_frame(|| dom::focus("#language"));
    }
    view! {
        <div class="choice">
            <span>{lang.pick("Language", "语言")}</span>
            <button id="language" type="button" class="button button-secondary button-small" lang=other.tag() on:click=switch>
                {other.name()}
            </button>
        </div>
    }
}

const REFOCUS_LANGUAGE: &str = "atlas-panel.refocusLanguage";

#[component]
fn ThemeChoice() -> impl IntoView {
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

#[component]
fn NotFound() -> impl IntoView {
    let lang = lang();
    let home = expect_context::<RuntimeConfig>().href("/");
    view! {
        <section>
            <h1>{lang.pick("Nothing here", "这里什么也没有")}</h1>
            <p>
                {lang.pick("This address is not a page of the panel. ", "这个地址不是本面板的页面。")}
                <A href=home>{lang.pick("Start from the home page.", "从首页开始。")}</A>
            </p>
        </section>
    }
}
