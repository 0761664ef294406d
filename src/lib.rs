//! atlas-panel: a read-only browser panel for a MongoDB Atlas estate.

pub mod api;
pub mod clock;
pub mod components;
pub mod config;
pub mod pages;
pub mod paging;
pub mod recent;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use config::RuntimeConfig;
use pages::{
    home::HomePage, integrations::IntegrationsPage, settings::SettingsPage, teams::TeamsPage,
};

#[component]
pub fn App(config: RuntimeConfig) -> impl IntoView {
    let notice = config.notice.clone();
    let base = config.base.clone();
    let (home, settings) = (config.href("/"), config.href("/settings"));
    let api_base = {
        let config = config.clone();
        move || config.api_base()
    };
    provide_context(config);
    view! {
        <Router base>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <A href=home.clone() attr:class="brand">"atlas-panel"</A>
                <nav aria-label="Main">
                    <A href=home>"Home"</A>
                    <A href=settings>"Settings"</A>
                </nav>
                <p class="proxy-shown">"Proxy: " <code>{api_base}</code></p>
            </header>
            {notice.map(|notice| view! { <p class="banner banner-notice" role="status">{notice}</p> })}
            <main id="main" tabindex="-1">
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

#[component]
fn NotFound() -> impl IntoView {
    let home = expect_context::<RuntimeConfig>().href("/");
    view! {
        <section>
            <h1>"Nothing here"</h1>
            <p>"This address is not a page of the panel. " <A href=home>"Start from the home page."</A></p>
        </section>
    }
}
