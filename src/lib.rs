//! atlas-panel: a read-only browser panel for a MongoDB Atlas estate.

pub mod api;
pub mod browser;
pub mod components;
pub mod config;
pub mod estate;
pub mod hooks;
pub mod i18n;
pub mod labels;
pub mod list;
pub mod pages;
pub mod paging;
pub mod recent;
pub mod router;
pub mod theme;

use leptos::prelude::*;

use leptos::html;

use components::language_choice::LanguageChoice;
use components::theme_choice::ThemeChoice;
use config::RuntimeConfig;
use estate::Estate;
use i18n::{initial_lang, set_document_lang};
use pages::{
    home::HomePage, integrations::IntegrationsPage, not_found::NotFound, org::OrgPage,
    projects::ProjectsPage, settings::SettingsPage, teams::TeamsPage,
};
use router::{Route, Router};

#[component]
pub fn App(config: RuntimeConfig) -> impl IntoView {
    let lang = initial_lang();
    set_document_lang(lang);
    provide_context(lang);
    let base = config.base.clone();
    let (home, settings) = (
        config.href(&Route::Home.href()),
        config.href(&Route::Settings.href()),
    );
    let notice = config
        .notice
        .map(|notice| notice.text(lang, &config.api_base()));
    let api_base = {
        let config = config.clone();
        move || config.api_base()
    };
    provide_context(config);
    Estate::provide();
    let main = NodeRef::<html::Main>::new();
    let route = Router::start(base).route();
    let current = move |page: Route| move || (route.get() == page).then_some("page");
    let page = move || match route.get() {
        Route::Home => view! { <HomePage/> }.into_any(),
        Route::Integrations(group_id) => view! { <IntegrationsPage group_id/> }.into_any(),
        Route::Teams(org_id) => view! { <TeamsPage org_id/> }.into_any(),
        Route::Org(org_id) => view! { <OrgPage org_id/> }.into_any(),
        Route::Projects(org_id) => view! { <ProjectsPage org_id/> }.into_any(),
        // The integration coverage page is on its way (issue #18).
        Route::Coverage(_) => view! { <NotFound/> }.into_any(),
        Route::Settings => view! { <SettingsPage/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main(main)>{lang.pick("Skip to content", "跳到正文")}</a>
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
        <main id="main" tabindex="-1" node_ref=main>
            {notice.map(|notice| view! { <p class="banner banner-notice" role="status">{notice}</p> })}
            {page}
        </main>
    }
}

/// The skip link moves focus, not the address.
fn skip_to_main(main: NodeRef<html::Main>) -> impl Fn(leptos::ev::MouseEvent) {
    move |event| {
        event.prevent_default();
        if let Some(main) = main.get_untracked() {
            let _ = main.focus();
        }
    }
}
