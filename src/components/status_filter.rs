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
    let options = StatusFilter::ALL
        .into_iter()
        .map(|filter| view! { <option value=filter.tag()>{filter.label(lang)}</option> })
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
