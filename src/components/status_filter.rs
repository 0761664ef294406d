//! The members page's "Status" filter: which memberships the list asks for.

use leptos::prelude::*;

use crate::i18n::lang;
use crate::list::members::StatusFilter;

#[component]
pub fn StatusFilterChoice(
    current: Memo<StatusFilter>,
    on_change: Callback<StatusFilter>,
) -> impl IntoView {
    let lang = lang();
    // `selected` for the first draw: a `<select>`'s value is set before its options exist.
    let chosen = current.get_untracked();
    let options = StatusFilter::ALL
        .into_iter()
        .map(|filter| {
            view! { <option value=filter.tag() selected=filter == chosen>{filter.label(lang)}</option> }
        })
        .collect_view();
    view! {
        <div class="status-filter">
            <label for="member-status">{lang.pick("Status", "状态")}</label>
            <select
                id="member-status"
                prop:value=move || current.get().tag()
                on:change=move |event| on_change.run(StatusFilter::from_tag(Some(&event_target_value(&event))))
            >
                {options}
            </select>
        </div>
    }
}
