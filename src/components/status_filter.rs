//! The members page's "Status" filter: which memberships the list asks for.

use leptos::html;
use leptos::prelude::*;

use crate::i18n::lang;
use crate::list::members::StatusFilter;

#[component]
pub fn StatusFilterChoice(
    current: Memo<StatusFilter>,
    on_change: Callback<StatusFilter>,
) -> impl IntoView {
    let lang = lang();
    let select = NodeRef::<html::Select>::new();
    // Written once the options exist (a `<select>`'s value set with its attributes, before
    // its options, is lost), and again on Back and Forward.
    Effect::new(move |_| {
        let chosen = current.get();
        if let Some(select) = select.get() {
            select.set_value(chosen.tag());
        }
    });
    let label = |filter: StatusFilter| filter.label(lang);
    view! {
        <div class="status-filter">
            <label for="member-status">{lang.pick("Status", "状态")}</label>
            <select
                id="member-status"
                node_ref=select
                on:change=move |event| on_change.run(StatusFilter::from_tag(Some(&event_target_value(&event))))
            >
                <option value="all">{label(StatusFilter::All)}</option>
                <option value="active">{label(StatusFilter::Active)}</option>
                <option value="pending">{label(StatusFilter::Pending)}</option>
                <option value="expired-or-rejected">{label(StatusFilter::ExpiredOrRejected)}</option>
            </select>
        </div>
    }
}
