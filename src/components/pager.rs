//! First / Previous / Next / Last, rows per page, and where this page sits in the whole.

use leptos::prelude::*;

use crate::paging::{page_text, PageRequest, PagerState, PAGE_SIZES};

#[component]
pub fn Pager(state: PagerState, range: String, on_change: Callback<PageRequest>) -> impl IntoView {
    let mut sizes = PAGE_SIZES.to_vec();
    if !sizes.contains(&state.request.items_per_page) {
        sizes.push(state.request.items_per_page);
        sizes.sort_unstable();
    }
    let current_size = state.request.items_per_page;
    let last = state.last();
    let on_last_page = last.is_none_or(|last| last == state.request);
    let go = move |to: PageRequest| move |_| on_change.run(to);

    view! {
        <nav class="pager" aria-label="Pages">
            <div class="pager-buttons">
                <button type="button" class="button" aria-label="First page" disabled=!state.has_previous() on:click=go(state.first())>
                    "« First"
                </button>
                <button type="button" class="button" aria-label="Previous page" disabled=!state.has_previous() on:click=go(state.previous())>
                    "‹ Previous"
                </button>
                <button type="button" class="button" aria-label="Next page" disabled=!state.has_next on:click=go(state.next())>
                    "Next ›"
                </button>
                <button
                    type="button"
                    class="button"
                    aria-label="Last page"
                    disabled=on_last_page
                    on:click=go(last.unwrap_or(state.request))
                >
                    "Last »"
                </button>
            </div>
            <p class="pager-range">
                <span class="range">{range}</span>
                <span class="page-number">{page_text(&state)}</span>
            </p>
            <label class="pager-size">
                "Rows per page"
                <select on:change=move |event| {
                    if let Ok(size) = event_target_value(&event).parse() {
                        on_change.run(state.request.with_items_per_page(size));
                    }
                }>
                    {sizes
                        .into_iter()
                        .map(|size| view! { <option value=size selected=size == current_size>{size}</option> })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}
