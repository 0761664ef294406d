//! "Find by name" on an organization's page: its projects whose name starts with what was
//! typed, asked of Atlas (which compares without regard to case), each a link to its
//! integrations. What was typed stays on the page: a name never goes into the address.

use atlas_panel_common::endpoint::{is_name_filter, List};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::client::ListRequest;
use crate::api::loader::{use_paged_list, Loaded};
use crate::browser::dom::{set_attribute, set_text};
use crate::components::error_banner::ApiErrorBanner;
use crate::config::RuntimeConfig;
use crate::i18n::{lang, Lang};
use crate::list::description::Row;
use crate::paging::{group_thousands, PageRequest};
use crate::router::Route;

/// The most projects one search shows.
const FOUND_AT_MOST: u32 = 50;

#[component]
pub fn ProjectFinder(org_id: String) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let draft = RwSignal::new(String::new());
    let wanted = RwSignal::new(None::<String>);
    let request = {
        let config = config.clone();
        Memo::new(move |_| {
            wanted.get().map(|name| {
                let first = PageRequest {
                    page_num: 1,
                    items_per_page: FOUND_AT_MOST,
                };
                let (api_base, flavour) = (config.api_base(), config.api_version());
                ListRequest::new(api_base, List::Projects, flavour, &[&org_id], first).named(&name)
            })
        })
    };
    let found = use_paged_list(request);
    // Whether the name was refused is written into the DOM where it changes, on submit and on
    // input, rather than through a signal and two reactive attributes: less code.
    let refuse = move |refused: bool| {
        set_attribute(
            "project-name",
            "aria-invalid",
            Some(if refused { "true" } else { "false" }),
        );
        set_text(
            "project-name-problem",
            if refused {
                lang.pick(
                    "Enter 1 to 64 characters of a name, with no line breaks or tabs.",
                    "请输入名称中的 1 到 64 个字符，不含换行或制表符。",
                )
            } else {
                ""
            },
        );
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let name = draft.get_untracked().trim().to_string();
        let allowed = is_name_filter(&name);
        refuse(!allowed);
        if allowed {
            wanted.set(Some(name));
        }
    };
    let on_input = move |event| {
        draft.set(event_target_value(&event));
        refuse(false);
    };
    let results = move || {
        if found.error.with(Option::is_some) {
            return None;
        }
        found.loaded.with(|loaded| {
            let Some(Loaded { request, page, .. }) = loaded else {
                return found.busy.get().then(|| {
                    view! { <p class="loading">{lang.pick("Looking…", "正在查找…")}</p> }.into_any()
                });
            };
            let projects = &page.results;
            let name = request.name.clone().unwrap_or_default();
            Some(view! {
                <p class="found-status" role="status">{found_text(lang, projects.len(), &name)}</p>
                <ul class="found-projects">
                    {projects.iter().map(|project| found_project(&config, project)).collect_view()}
                </ul>
                {page.has_next.then(|| view! {
                    <p class="help">
                        {lang.pick(
                            "More projects match than are shown: type more of the name, or open the whole list of projects.",
                            "匹配的项目多于此处所示：请输入更完整的名称，或打开完整的项目列表。",
                        )}
                    </p>
                })}
            }.into_any())
        })
    };
    view! {
        <section class="card project-finder" aria-labelledby="project-finder-heading">
            <h2 id="project-finder-heading">{lang.pick("Projects by name", "按名称查找项目")}</h2>
            <form class="id-form" role="search" novalidate on:submit=on_submit on:input=on_input>
                <label for="project-name">{lang.pick("Find by name", "按名称查找")}</label>
                <div class="id-form-row">
                    <input
                        id="project-name"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="project-name-help project-name-problem"
                        aria-invalid="false"
                    />
                    <button type="submit" class="button">{lang.pick("Find", "查找")}</button>
                </div>
                <p id="project-name-help" class="help">
                    {lang.pick(
                        "The start of a project's name; capitals do not matter.",
                        "项目名称的开头部分，不区分大小写。",
                    )}
                </p>
                <p id="project-name-problem" class="field-problem" aria-live="polite"></p>
            </form>
            <div class="found" aria-busy=found.busy_text()>
                {move || found.error.get().map(|error| view! { <ApiErrorBanner error on_retry=found.retry/> })}
                {results}
            </div>
        </section>
    }
}

fn found_project(config: &RuntimeConfig, project: &Row) -> impl IntoView {
    let id = project.text("id").to_string();
    let href = config.href(&Route::List(List::Integrations, vec![id.clone()]).href());
    // A link needs words: a project without a name is named by its ID.
    let name = match project.text("name") {
        "" => id.clone(),
        name => name.to_string(),
    };
    view! { <li><a href=href>{name}</a> " " <code>{id}</code></li> }
}

/// "3 projects found", or that none starts with the name.
pub fn found_text(lang: Lang, found: usize, name: &str) -> String {
    let count = group_thousands(found as u64);
    match (lang, found) {
        (Lang::En, 0) => format!("No project's name starts with “{name}”."),
        (Lang::En, 1) => "1 project found.".to_string(),
        (Lang::En, _) => format!("{count} projects found."),
        (Lang::ZhCn, 0) => format!("没有名称以“{name}”开头的项目。"),
        (Lang::ZhCn, _) => format!("找到 {count} 个项目。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_how_many_were_found_in_either_language() {
        assert_eq!(
            found_text(Lang::En, 0, "prod"),
            "No project's name starts with “prod”."
        );
        assert_eq!(found_text(Lang::En, 1, "prod"), "1 project found.");
        assert_eq!(found_text(Lang::En, 1234, "p"), "1,234 projects found.");
        assert_eq!(
            found_text(Lang::ZhCn, 0, "生产"),
            "没有名称以“生产”开头的项目。"
        );
        assert_eq!(found_text(Lang::ZhCn, 3, "p"), "找到 3 个项目。");
    }
}
