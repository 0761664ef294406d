//! The frame both list pages share: the ID from the URL, its check, the request, the banner,
//! the table and the pager.

use atlas_panel_common::id::{id_problem, is_atlas_id};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use serde::de::DeserializeOwned;

use crate::api::client::ListRequest;
use crate::api::loader::{use_paged_list, Loaded};
use crate::clock::local_time_of_day;
use crate::components::error_banner::{ErrorBanner, RateLimitBanner};
use crate::components::pager::Pager;
use crate::config::RuntimeConfig;
use crate::paging::{page_text, range_text, PageRequest, PagerState};
use crate::recent::{remember, RecentKind};

/// What makes one list page differ from the other.
pub struct ListKind<T: 'static> {
    /// What the page shows, e.g. "Integrations".
    pub title: &'static str,
    /// Whose list it is, e.g. "project".
    pub owner: &'static str,
    /// The route parameter that holds the owner's ID.
    pub param: &'static str,
    pub recent: RecentKind,
    pub api_path: fn(&str) -> String,
    pub table: fn(String, Vec<T>) -> AnyView,
}

#[component]
pub fn ListPage<T>(kind: &'static ListKind<T>) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let config = expect_context::<RuntimeConfig>();
    let params = use_params_map();
    let query = use_query_map();
    let owner_id = Memo::new(move |_| params.read().get(kind.param).unwrap_or_default());
    let page_request = Memo::new(move |_| {
        let query = query.read();
        PageRequest::from_query(query.get_str("pageNum"), query.get_str("itemsPerPage"))
    });
    let request = Memo::new(move |_| {
        let id = owner_id.get();
        is_atlas_id(&id).then(|| ListRequest {
            api_base: config.api_base(),
            path: (kind.api_path)(&id),
            page: page_request.get(),
        })
    });
    let list = use_paged_list::<T>(request);

    Effect::new(move |_| remember(kind.recent, &owner_id.get()));

    let navigate = use_navigate();
    let go_to_page = Callback::new(move |to: PageRequest| {
        navigate(
            &format!("?{}", to.query()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });

    let shown = move || {
        list.loaded.get().map(|Loaded { request, page, meta }| {
            let rows = page.results.len();
            let state = PagerState::new(request.page, page.total_count, page.has_next, rows);
            let range = range_text(request.page, rows, page.total_count);
            let caption = format!(
                "{} of {} {}: {}",
                kind.title,
                kind.owner,
                owner_id.get_untracked(),
                range
            );
            let refresh = list.refresh;
            view! {
                <p class="freshness">
                    <span>"as of " {local_time_of_day(meta.fetched_at_ms)}</span>
                    {meta.quota.map(|(remaining, limit)| view! { <span>"API quota: " {remaining} " of " {limit}</span> })}
                    <button type="button" class="button button-secondary button-small" on:click=move |_| refresh.run(())>
                        "Refresh"
                    </button>
                </p>
                {(kind.table)(caption, page.results)}
                <Pager state range on_change=go_to_page/>
                <p class="visually-hidden" aria-live="polite">{page_text(&state)}</p>
            }
        })
    };

    view! {
        <section class="list-page">
            <h1>
                {kind.title} " of " {kind.owner} " " <code class="owner-id">{owner_id}</code>
            </h1>
            {move || {
                id_problem(&owner_id.get())
                    .map(|problem| {
                        view! {
                            <p class="banner banner-error" role="alert">
                                "This is not a " {kind.owner} " ID, so nothing was asked of Atlas. " {problem}
                            </p>
                        }
                    })
            }}
            <Show when=move || is_atlas_id(&owner_id.get())>
                <div class="list-region" aria-busy=move || list.busy.get().to_string()>
                    {move || {
                        list.error.get().map(|error| match error.rate_limit_wait() {
                            Some(seconds) => view! { <RateLimitBanner error seconds on_retry=list.retry/> }.into_any(),
                            None => view! { <ErrorBanner error on_retry=list.retry/> }.into_any(),
                        })
                    }}
                    <Show when=move || list.busy.get() && list.loaded.with(Option::is_none) && list.error.with(Option::is_none)>
                        <p class="loading">"Loading…"</p>
                    </Show>
                    <Show when=move || list.error.with(Option::is_none)>{shown}</Show>
                </div>
            </Show>
        </section>
    }
}
