//! The home page's list of every organization the proxy shows, found by name as you type.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::error_banner::ApiErrorBanner;
use crate::config::RuntimeConfig;
use crate::estate::{orgs_named, Orgs};
use crate::hooks::use_debounced;
use crate::i18n::{lang, Lang};
use crate::paging::group_thousands;
use crate::router::Route;

#[component]
pub fn OrgDirectory(orgs: RwSignal<Orgs>, on_retry: Callback<()>) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let filter = RwSignal::new(String::new());
    let count = Memo::new(move |_| {
        orgs.with(|orgs| match orgs {
            Orgs::Loaded(all) => {
                let filter = filter.read();
                Some(count_text(
                    lang,
                    orgs_named(all, &filter).len(),
                    all.len(),
                    &filter,
                ))
            }
            Orgs::Loading | Orgs::Failed(_) => None,
        })
    });
    // Shown at once, announced once typing pauses.
    let announced = use_debounced(count, Duration::from_millis(600));
    let listing = move || {
        orgs.with(|orgs| match orgs {
            Orgs::Loading => {
                view! { <p class="loading">{lang.pick("Loading…", "加载中…")}</p> }.into_any()
            }
            Orgs::Failed(error) => {
                view! { <ApiErrorBanner error=error.clone() on_retry/> }.into_any()
            }
            Orgs::Loaded(all) => {
                let found = orgs_named(all, &filter.read());
                let items = found
                    .into_iter()
                    .map(|org| {
                        let href = config.href(&Route::Org(org.id.clone()).href());
                        // A link needs words: an organization without a name goes by its ID.
                        let name = if org.name.is_empty() { &org.id } else { &org.name };
                        view! { <li><a href=href>{name.clone()}</a> " " <code>{org.id.clone()}</code></li> }
                    })
                    .collect_view();
                view! { <ul class="org-list">{items}</ul> }.into_any()
            }
        })
    };
    view! {
        <section class="card orgs" aria-labelledby="orgs-heading">
            // Only typing changes the box (no `prop:value`); the handler listens above it.
            <div on:input=move |event| filter.set(event_target_value(&event))>
                <h2 id="orgs-heading">{lang.pick("Organizations", "组织")}</h2>
                <div class="filter">
                    <label for="org-name">{lang.pick("Find by name", "按名称查找")}</label>
                    <input id="org-name" type="search" autocomplete="off" spellcheck="false" aria-describedby="org-count"/>
                </div>
            </div>
            <p id="org-count" class="filter-status">{move || count.get()}</p>
            <p class="visually-hidden" aria-live="polite">{move || announced.get()}</p>
            {listing}
        </section>
    }
}

/// "12 organizations", "3 of 12 organizations match", or that none does.
pub fn count_text(lang: Lang, shown: usize, of: usize, filter: &str) -> String {
    let filter = filter.trim();
    let (shown_text, of_text) = (group_thousands(shown as u64), group_thousands(of as u64));
    match (lang, of, filter.is_empty(), shown) {
        (Lang::En, 0, _, _) => "The proxy shows no organization.".to_string(),
        (Lang::ZhCn, 0, _, _) => "代理未显示任何组织。".to_string(),
        (Lang::En, 1, true, _) => "1 organization".to_string(),
        (Lang::En, _, true, _) => format!("{of_text} organizations"),
        (Lang::ZhCn, _, true, _) => format!("共 {of_text} 个组织"),
        (Lang::En, _, false, 0) => format!("No organization's name holds “{filter}”."),
        (Lang::ZhCn, _, false, 0) => format!("没有名称包含“{filter}”的组织。"),
        (Lang::En, _, false, _) => format!("{shown_text} of {of_text} organizations match"),
        (Lang::ZhCn, _, false, _) => format!("{of_text} 个组织中有 {shown_text} 个匹配"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_is_shown_in_either_language() {
        assert_eq!(
            count_text(Lang::En, 0, 0, ""),
            "The proxy shows no organization."
        );
        assert_eq!(
            count_text(Lang::En, 0, 0, "x"),
            "The proxy shows no organization."
        );
        assert_eq!(count_text(Lang::En, 1, 1, " "), "1 organization");
        assert_eq!(count_text(Lang::En, 1200, 1200, ""), "1,200 organizations");
        assert_eq!(
            count_text(Lang::En, 2, 12, "o"),
            "2 of 12 organizations match"
        );
        assert_eq!(
            count_text(Lang::En, 0, 12, " zz "),
            "No organization's name holds “zz”."
        );
        assert_eq!(count_text(Lang::ZhCn, 12, 12, ""), "共 12 个组织");
        assert_eq!(count_text(Lang::ZhCn, 2, 12, "o"), "12 个组织中有 2 个匹配");
        assert_eq!(
            count_text(Lang::ZhCn, 0, 12, "生产"),
            "没有名称包含“生产”的组织。"
        );
    }
}
