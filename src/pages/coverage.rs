//! The pages of an organization-wide run: `/orgs/{orgId}/coverage`, every project of an
//! organization and the integrations it has, flagging the ones that alert no one; and
//! `/orgs/{orgId}/access`, the access matrix, every project and the roles each team holds in
//! it.

use std::time::Duration;

use atlas_panel_common::id::is_atlas_id;
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::dom::{set_attribute, set_options, set_text};
use crate::components::coverage_table::{CoverageTable, MatrixView};
use crate::components::id_form::BadOrgIdPage;
use crate::components::org_heading::OrgHeading;
use crate::components::run_progress::{ProjectListing, RunProgress};
use crate::config::RuntimeConfig;
use crate::coverage::access::{self, team_columns};
use crate::coverage::reader::{use_coverage_reader, CoverageReader};
use crate::coverage::report::{self, counts, summary_text, type_columns};
use crate::coverage::run::Phase;
use crate::coverage::Matrix;
use crate::estate::use_team_names;
use crate::hooks::use_debounced;
use crate::i18n::lang;
use crate::labels::name_or_id;
use crate::list::export::{self, Format};
use crate::list::rows::Sort;
use crate::paging::group_thousands;

#[component]
pub fn CoveragePage(org_id: String) -> impl IntoView {
    view! { <OrgRunPage matrix=Matrix::Coverage org_id/> }
}

#[component]
pub fn AccessPage(org_id: String) -> impl IntoView {
    view! { <OrgRunPage matrix=Matrix::Access org_id/> }
}

/// The words of a run's page that differ between the two matrices, in English and Chinese.
struct Words {
    title: [&'static str; 2],
    lede: [&'static str; 2],
    only: [&'static str; 2],
}

fn words(matrix: Matrix) -> Words {
    match matrix {
        Matrix::Coverage => Words {
            title: ["Integration coverage", "集成覆盖情况"],
            lede: [
                "Which integrations each project has. A project with none of PagerDuty, Opsgenie, VictorOps, Slack, Microsoft Teams or Webhook alerts no one.",
                "每个项目有哪些集成。没有 PagerDuty、Opsgenie、VictorOps、Slack、Microsoft Teams 或 Webhook 的项目不会向任何人告警。",
            ],
            only: ["Only projects without alerting", "仅显示没有告警的项目"],
        },
        Matrix::Access => Words {
            title: ["Access", "访问权限"],
            lede: [
                "Which roles each team holds in each project. An Organization Owner is Project Owner everywhere without being listed.",
                "每个团队在每个项目中担任哪些角色。组织所有者在所有项目中都是项目所有者，但不会列出。",
            ],
            only: ["Only projects where a team is Project Owner", "仅显示有团队担任项目所有者的项目"],
        },
    }
}

/// An organization-wide run's page: the projects listed, then read three at a time.
#[component]
fn OrgRunPage(matrix: Matrix, org_id: String) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let words = words(matrix);
    let title = lang.pick(words.title[0], words.title[1]);
    if !is_atlas_id(&org_id) {
        return Either::Left(view! { <BadOrgIdPage class="coverage-page" title=title org_id/> });
    }
    let reader = use_coverage_reader(
        config.api_base(),
        config.api_version(),
        org_id.clone(),
        None,
        matrix.list(),
        None,
    );

    Either::Right(view! {
    <section class="coverage-page">
        <OrgHeading org_id=org_id.clone() title/>
        <p class="lede">{lang.pick(words.lede[0], words.lede[1])}</p>
        <ProjectListing reader/>
        <CoverageRun reader matrix org_id=org_id.clone()/>
    </section>
    })
}

/// The run once the projects are listed: progress, Stop and Resume, the summary, the tools
/// and the table. What changes as answers arrive is set by one effect, straight into the DOM:
/// the Stop button stays the same element, so focus stays on it.
#[component]
fn CoverageRun(reader: CoverageReader, matrix: Matrix, org_id: String) -> impl IntoView {
    let lang = lang();
    let words = words(matrix);
    let filter = RwSignal::new(String::new());
    let only_flagged = RwSignal::new(false);
    let only_unused = RwSignal::new(false);
    let sort = RwSignal::new(None::<Sort>);
    let team = RwSignal::new(String::new());
    let shown_as = MatrixView {
        filter,
        only_flagged,
        only_unused,
        sort,
        team,
    };
    let team_names = (matrix == Matrix::Access).then(|| {
        let org_id = org_id.clone();
        use_team_names(move || Some(org_id.clone()))
    });
    let run = reader.run;
    let filter_status = Memo::new(move |_| {
        let narrowed = !filter.read().trim().is_empty() || only_flagged.get() || only_unused.get();
        narrowed.then(|| {
            run.with(|run| {
                let rows = run.as_ref().map_or(&[][..], |run| run.rows());
                let team = team.read();
                let only = only_flagged.get().then_some((matrix, team.as_str()));
                let shown = report::shown(rows, &filter.read(), only, only_unused.get(), None);
                let (shown, total) = (number(shown.len()), number(rows.len()));
                lang.pick(
                    format!("{shown} of {total} projects shown"),
                    format!("{total} 个项目中显示 {shown} 个"),
                )
            })
        })
    });
    let announced_status = use_debounced(filter_status, Duration::from_millis(600));

    Effect::new(move |_| {
        reader.clock.track();
        let now = js_sys::Date::now();
        set_text(
            "coverage-filter-status",
            &filter_status.get().unwrap_or_default(),
        );
        set_text(
            "coverage-filter-announced",
            &announced_status.get().unwrap_or_default(),
        );
        run.with_untracked(|run| {
            let Some(run) = run else { return };
            set_attribute("coverage-run", "hidden", None);
            let busy = (run.phase(now) == Phase::Reading).to_string();
            set_attribute("coverage-run", "aria-busy", Some(&busy));
            set_text(
                "coverage-summary",
                &summary_text(matrix, counts(run.rows()), lang),
            );
        });
    });

    let download = move || {
        let contents = run.with_untracked(|run| {
            run.as_ref().map(|run| {
                let rows = run.rows();
                let picked = team.get_untracked();
                let only = only_flagged
                    .get_untracked()
                    .then_some((matrix, picked.as_str()));
                let shown = report::shown(
                    rows,
                    &filter.get_untracked(),
                    only,
                    only_unused.get_untracked(),
                    sort.get_untracked(),
                );
                match team_names {
                    None => report::csv(rows, &shown, &type_columns(rows)),
                    Some(names) => {
                        let columns = team_columns(rows, &picked);
                        access::csv(rows, &shown, &columns, &|id| names.name(id))
                    }
                }
            })
        });
        if let Some(contents) = contents {
            let name = report::file_name(matrix, &org_id, &export::utc_now());
            let saved = export::download(&name, &contents, Format::Csv);
            set_attribute(
                "coverage-export-failed",
                "hidden",
                saved.is_ok().then_some(""),
            );
        }
    };

    // What changes as answers arrive goes in as text through `set_text`; three delegated
    // handlers serve the controls.
    let on_click = move |event: leptos::ev::MouseEvent| {
        if target_id(&event) == "coverage-download" {
            download();
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        if target_id(&event) == "coverage-filter" {
            filter.set(event_target_value(&event));
        }
    };
    let on_change = move |event: leptos::ev::Event| match target_id(&event).as_str() {
        "only-flagged" => only_flagged.set(event_target_checked(&event)),
        "only-unused" => only_unused.set(event_target_checked(&event)),
        "access-team" => team.set(event_target_value(&event)),
        _ => {}
    };
    // The access matrix's team picker: every team of the organization by name, written in as
    // options once they are read.
    let team_picker = team_names.map(|names| {
        Effect::new(move |_| {
            let options: Vec<(String, String)> = names
                .teams()
                .into_iter()
                .map(|team| (name_or_id(&team.name, &team.id).to_string(), team.id))
                .collect();
            set_options("access-team", &options);
        });
        view! {
            <div class="team-picker">
                <label for="access-team">{lang.pick("Team", "团队")}</label>
                <select id="access-team">
                    <option value="">{lang.pick("All teams", "所有团队")}</option>
                </select>
            </div>
        }
    });

    // The coverage's second checkbox: hidden, not left out, on the access matrix, so that both
    // pages are one view.
    let on_access_matrix = matrix == Matrix::Access;
    view! {
        <div class="list-region" id="coverage-run" aria-busy="true" hidden="">
            <div on:click=on_click on:input=on_input on:change=on_change>
                <RunProgress reader before_projects=0/>
                <p id="coverage-summary" class="coverage-summary"></p>
                <div class="list-tools">
                    <div class="filter">
                        <label for="coverage-filter">{lang.pick("Filter projects", "筛选项目")}</label>
                        <input id="coverage-filter" type="search" autocomplete="off" spellcheck="false" aria-describedby="coverage-filter-status"/>
                    </div>
                    <div class="checkbox">
                        <input id="only-flagged" type="checkbox"/>
                        <label for="only-flagged">{lang.pick(words.only[0], words.only[1])}</label>
                    </div>
                    <div class="checkbox" hidden=on_access_matrix>
                        <input id="only-unused" type="checkbox"/>
                        <label for="only-unused">{lang.pick("Only integrations no alert uses", "仅显示未被任何告警使用的集成")}</label>
                    </div>
                    {team_picker}
                    <p id="coverage-filter-status" class="filter-status"></p>
                    <p id="coverage-filter-announced" class="visually-hidden" aria-live="polite"></p>
                    <div class="export">
                        <button type="button" id="coverage-download" class="button button-secondary export-csv">{lang.pick("Download CSV", "下载 CSV")}</button>
                    </div>
                </div>
                <p id="coverage-export-failed" class="banner banner-error" role="alert" hidden="">
                    {lang.pick("The browser refused the download; nothing was saved.", "浏览器拒绝了下载，未保存任何内容。")}
                </p>
            </div>
            <div class="table-scroll">
                <CoverageTable run matrix shown_as team_names/>
            </div>
        </div>
    }
}

/// The `id` of the element an event happened on.
fn target_id(event: &leptos::ev::Event) -> String {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .map(|element| element.id())
        .unwrap_or_default()
}

fn number(n: usize) -> String {
    group_thousands(n as u64)
}
