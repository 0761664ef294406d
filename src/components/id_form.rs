//! A form that takes one Atlas ID and opens its page, refusing a malformed one in place.

use atlas_panel_common::id::id_problem;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::config::RuntimeConfig;

/// An ID the form offers to open with one click.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub id: String,
    pub label: String,
}

#[component]
pub fn IdForm(
    /// The input's label, e.g. "Project ID".
    label: &'static str,
    /// The input's HTML id.
    input_id: &'static str,
    /// Where a valid ID leads.
    page_for: fn(&str) -> String,
    suggestions: Vec<Suggestion>,
) -> impl IntoView {
    let base = expect_context::<RuntimeConfig>().base;
    let link_for = move |id: &str| format!("{base}{}", page_for(id));
    let value = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let navigate = use_navigate();
    let problem_id = format!("{input_id}-problem");

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let id = value.get_untracked().trim().to_string();
        problem.set(id_problem(&id));
        if problem.get_untracked().is_none() {
            // The router adds its base to a navigation, but not to a link's href.
            navigate(&page_for(&id), Default::default());
        }
    };

    view! {
        <form class="id-form" on:submit=on_submit novalidate>
            <label for=input_id>{label}</label>
            <div class="id-form-row">
                <input
                    id=input_id
                    type="text"
                    inputmode="text"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="24 hexadecimal digits"
                    aria-invalid=move || problem.get().is_some().to_string()
                    aria-describedby=problem_id.clone()
                    prop:value=move || value.get()
                    on:input=move |event| {
                        value.set(event_target_value(&event));
                        problem.set(None);
                    }
                />
                <button type="submit" class="button">"Open"</button>
            </div>
            <p id=problem_id class="field-problem" aria-live="polite">{move || problem.get()}</p>
            <Show when={
                let empty = suggestions.is_empty();
                move || !empty
            }>
                <ul class="suggestions">
                    {suggestions
                        .clone()
                        .into_iter()
                        .map(|suggestion| {
                            let link_for = link_for.clone();
                            view! {
                                <li>
                                    <A href=link_for(&suggestion.id)>
                                        <span class="suggestion-label">{suggestion.label}</span>
                                        " "
                                        <code>{suggestion.id}</code>
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Show>
        </form>
    }
}
