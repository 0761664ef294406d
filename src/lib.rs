//! atlas-panel: a read-only browser panel for a MongoDB Atlas estate.

pub mod api;
pub mod clock;
pub mod components;
pub mod config;
pub mod dom;
pub mod export;
pub mod http;
pub mod i18n;
pub mod pages;
pub mod paging;
pub mod recent;
pub mod router;
pub mod rows;
pub mod storage;
pub mod theme;

use leptos::prelude::*;

use config::RuntimeConfig;
use i18n::{initial_lang, lang, remember_lang, set_document_lang, Lang};
use pages::{
    home::HomePage, integrations::IntegrationsPage, settings::SettingsPage, teams::TeamsPage,
};
use router::{Route, Router};
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
    let route = Router::start(base).route();
    let current = move |page: Route| move || (route.get() == page).then_some("page");
    let page = move || match route.get() {
        Route::Home => view! { <HomePage/> }.into_any(),
        Route::Integrations(group_id) => view! { <IntegrationsPage group_id/> }.into_any(),
        Route::Teams(org_id) => view! { <TeamsPage org_id/> }.into_any(),
        Route::Settings => view! { <SettingsPage/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>{lang.pick("Skip to content", "跳到正文")}</a>
        <header class="app-header">
            <a href=home.clone() class="brand">"atlas-panel"</a>
            <nav aria-label=lang.pick("Main", "主导航")>
                <a href=home aria-current=current(Route::Home)>{lang.pick("Home", "首页")}</a>
                <a href=settings aria-current=current(Route::Settings)>{lang.pick("Settings", "设置")}</a>
            </nav>
            <p class="proxy-shown">{lang.pick("Proxy: ", "代理：")} <code>{api_base}</code></p>
            <div class="choices">
                <LanguageChoice/>
                <ThemeChoice/>
            </div>
        </header>
        <main id="main" tabindex="-1">
            {notice.map(|notice| view! { <p class="banner banner-notice" role="status">{notice}</p> })}
            {page}
        </main>
    }
}

/// The skip link moves focus, not the address.
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
                <a href=home>{lang.pick("Start from the home page.", "从首页开始。")}</a>
            </p>
        </section>
    }
}
