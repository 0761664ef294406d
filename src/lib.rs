//! atlas-panel: a read-only browser panel for a MongoDB Atlas estate.

pub mod api;
pub mod browser;
pub mod components;
pub mod config;
pub mod coverage;
pub mod estate;
pub mod hooks;
pub mod i18n;
pub mod labels;
pub mod list;
pub mod lists;
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
    coverage::{AccessPage, CoveragePage},
    home::HomePage,
    list::ListPage,
    not_found::NotFound,
    org::OrgPage,
    org_changes::OrgChangesPage,
    settings::SettingsPage,
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
    let page_holder = NodeRef::<html::Div>::new();
    show_pages(route, page_holder);
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
            <div class="page" node_ref=page_holder></div>
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

/// Mounts the page of the current route into `holder`, each page on its own: a page is built
/// when its route is entered and dropped when it is left, never rebuilt in place. Without one
/// `AnyView` over every page, no page's rebuild code is in the bundle (docs/performance.md).
fn show_pages(route: Memo<Route>, holder: NodeRef<html::Div>) {
    // A page's owner is a child of this effect's, so the page sees the app's contexts, and the
    // effect disposes of the old page's signals and cleanups before it runs again; dropping the
    // old handle then takes the page out of the DOM.
    let shown = StoredValue::new_local(None::<Box<dyn std::any::Any>>);
    Effect::new(move |_| {
        let route = route.get();
        let Some(holder) = holder.get() else {
            return;
        };
        shown.set_value(None);
        let holder = web_sys::HtmlElement::from(holder);
        // Built untracked: nothing a page reads while it is built may remount it.
        let page = untrack(|| match route {
            Route::Home => mount(holder, || view! { <HomePage/> }),
            Route::List(list, ids) => {
                let list = lists::of(list);
                mount(holder, move || view! { <ListPage list ids/> })
            }
            Route::Org(org_id) => mount(holder, || view! { <OrgPage org_id/> }),
            Route::Coverage(org_id) => mount(holder, || view! { <CoveragePage org_id/> }),
            Route::Access(org_id) => mount(holder, || view! { <AccessPage org_id/> }),
            Route::OrgChanges(org_id) => mount(holder, || view! { <OrgChangesPage org_id/> }),
            Route::Settings => mount(holder, || view! { <SettingsPage/> }),
            Route::NotFound => mount(holder, || view! { <NotFound/> }),
        });
        shown.set_value(Some(page));
    });
}

fn mount<V: IntoView + 'static>(
    holder: web_sys::HtmlElement,
    page: impl FnOnce() -> V + 'static,
) -> Box<dyn std::any::Any> {
    Box::new(leptos::mount::mount_to(holder, page))
}
