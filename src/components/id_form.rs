//! A form that takes one Atlas ID and opens its page, refusing a malformed one in place.

use atlas_panel_common::endpoint::List;
use atlas_panel_common::id::{id_problem, IdProblem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::config::RuntimeConfig;
use crate::i18n::{lang, Lang};
use crate::router::{use_router, Route};

/// An ID the form offers to open with one click.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub id: String,
    /// The site's name for it; `None` for one this browser opened lately.
    pub label: Option<String>,
}

/// Why a typed ID was refused, in words an operator can act on.
pub fn id_problem_text(problem: IdProblem, lang: Lang) -> &'static str {
    match problem {
        IdProblem::Empty => lang.pick(
            "Enter an ID: 24 hexadecimal digits.",
            "请输入 ID：24 位十六进制数字。",
        ),
        IdProblem::NotHex => lang.pick(
            "An ID holds only the digits 0–9 and the letters a–f.",
            "ID 只能包含数字 0–9 和字母 a–f。",
        ),
        IdProblem::WrongLength => lang.pick(
            "An ID is exactly 24 characters long.",
            "ID 的长度必须正好是 24 个字符。",
        ),
        IdProblem::Uppercase => lang.pick(
            "Atlas IDs use lowercase letters only (a–f).",
            "Atlas ID 只使用小写字母（a–f）。",
        ),
    }
}

/// An organization's page whose address holds no organization ID: the page's title, what the
/// address holds instead, and what is wrong with it.
#[component]
pub fn BadOrgIdPage(class: &'static str, title: &'static str, org_id: String) -> impl IntoView {
    let lang = lang();
    let problem = id_problem(&org_id).unwrap_or(IdProblem::NotHex);
    view! {
        <section class=class>
            <h1>{title} " " <code class="owner-id">{org_id}</code></h1>
            <IdProblemBanner problem owner=lang.pick("organization", "组织")/>
        </section>
    }
}

/// Why the ID in the address was not asked about: `owner` is what it should have been the ID
/// of ("project").
#[component]
pub fn IdProblemBanner(problem: IdProblem, owner: &'static str) -> impl IntoView {
    let lang = lang();
    view! {
        <p class="banner banner-error" role="alert">
            {match lang {
                Lang::En => format!("This is not a {owner} ID, so nothing was asked of Atlas. "),
                Lang::ZhCn => format!("这不是{owner} ID，因此没有向 Atlas 发出请求。"),
            }}
            {id_problem_text(problem, lang)}
        </p>
    }
}

#[component]
pub fn IdForm(
    /// The input's label, e.g. "Project ID".
    label: &'static str,
    /// The input's HTML id.
    input_id: &'static str,
    /// The list a valid ID leads to, e.g. `List::Integrations`.
    page_for: List,
    suggestions: Vec<Suggestion>,
) -> impl IntoView {
    let config = expect_context::<RuntimeConfig>();
    let link_for = move |id: &str| config.href(&Route::List(page_for, vec![id.to_string()]).href());
    let value = RwSignal::new(String::new());
    let lang = lang();
    let problem = RwSignal::new(None::<IdProblem>);
    let router = use_router();
    let problem_id = format!("{input_id}-problem");

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let id = value.get_untracked().trim().to_string();
        problem.set(id_problem(&id));
        if problem.get_untracked().is_none() {
            router.navigate(&Route::List(page_for, vec![id]).href());
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
                    placeholder=lang.pick("24 hexadecimal digits", "24 位十六进制数字")
                    aria-invalid=move || problem.get().is_some().to_string()
                    aria-describedby=problem_id.clone()
                    prop:value=move || value.get()
                    on:input=move |event| {
                        value.set(event_target_value(&event));
                        problem.set(None);
                    }
                />
                <button type="submit" class="button">{lang.pick("Open", "打开")}</button>
            </div>
            <p id=problem_id class="field-problem" aria-live="polite">
                {move || problem.get().map(|problem| id_problem_text(problem, lang))}
            </p>
            <Show when={
                let empty = suggestions.is_empty();
                move || !empty
            }>
                <ul class="suggestions">
                    {suggestions
                        .clone()
                        .into_iter()
                        .map(|suggestion| {
                            let href = link_for(&suggestion.id);
                            view! {
                                <li>
                                    <a href=href>
                                        <span class="suggestion-label">
                                            {suggestion.label.unwrap_or_else(|| lang.pick("Recently opened", "最近打开").to_string())}
                                        </span>
                                        " "
                                        <code>{suggestion.id}</code>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Show>
        </form>
    }
}
