//! First / Previous / Next / Last, rows per page, and where this page sits in the whole.

use leptos::html;
use leptos::prelude::*;

use crate::i18n::lang;
use crate::paging::{page_text, PageRequest, PagerState, PAGE_SIZES};

#[component]
pub fn Pager(
    state: PagerState,
    range: String,
    on_change: Callback<PageRequest>,
    /// The rows-per-page menu, for whoever moves focus to it.
    #[prop(optional)]
    size_menu: NodeRef<html::Select>,
) -> impl IntoView {
    let mut sizes = PAGE_SIZES.to_vec();
    if let Err(at) = sizes.binary_search(&state.request.items_per_page) {
        sizes.insert(at, state.request.items_per_page);
    }
    let current_size = state.request.items_per_page;
    let last = state.last();
    let on_last_page = last.is_none_or(|last| last == state.request);
    let go = move |to: PageRequest| move |_| on_change.run(to);
    let lang = lang();

    view! {
        <nav class="pager" aria-label=lang.pick("Pages", "分页")>
            <div class="pager-buttons">
                <button type="button" class="button" aria-label=lang.pick("First page", "第一页") disabled=!state.has_previous() on:click=go(state.first())>
                    {lang.pick("« First", "« 第一页")}
                </button>
                <button type="button" class="button" aria-label=lang.pick("Previous page", "上一页") disabled=!state.has_previous() on:click=go(state.previous())>
                    {lang.pick("‹ Previous", "‹ 上一页")}
                </button>
                <button type="button" class="button" aria-label=lang.pick("Next page", "下一页") disabled=!state.has_next on:click=go(state.next())>
                    {lang.pick("Next ›", "下一页 ›")}
                </button>
                <button
                    type="button"
                    class="button"
                    aria-label=lang.pick("Last page", "最后一页")
                    disabled=on_last_page
                    on:click=go(last.unwrap_or(state.request))
                >
                    {lang.pick("Last »", "最后一页 »")}
                </button>
            </div>
            <p class="pager-range">
                <span class="range">{range}</span>
                <span class="page-number">{page_text(lang, &state)}</span>
            </p>
            <label class="pager-size">
                {lang.pick("Rows per page", "每页行数")}
                <select node_ref=size_menu on:change=move |event| {
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
