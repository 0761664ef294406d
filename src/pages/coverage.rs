//! `/orgs/{orgId}/coverage`: every project of an organization and the integrations it has,
//! flagging the ones that alert no one.

use std::time::Duration;

use atlas_panel_common::endpoint::Owner;
use atlas_panel_common::id::{id_problem, is_atlas_id, IdProblem};
use leptos::prelude::*;

use crate::components::coverage_table::CoverageTable;
use crate::components::error_banner::{ErrorBanner, RateLimitBanner};
use crate::components::id_form::IdProblemBanner;
use crate::config::RuntimeConfig;
use crate::coverage::reader::{use_coverage_reader, CoverageReader, Listing};
use crate::coverage::report::{self, counts, progress_text, summary_text, type_columns};
use crate::coverage::run::Phase;
use crate::estate::use_owner_names;
use crate::hooks::use_debounced;
use crate::i18n::{lang, Lang};
use crate::list::export::{self, Format};
use crate::list::rows::Sort;
use crate::paging::group_thousands;
use crate::recent::remember;
use crate::router::Route;

#[component]
pub fn CoveragePage(org_id: String) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    if !is_atlas_id(&org_id) {
        let problem = id_problem(&org_id).unwrap_or(IdProblem::NotHex);
        return view! {
            <section class="coverage-page">
                <h1>{lang.pick("Integration coverage", "集成覆盖情况")} " " <code class="owner-id">{org_id}</code></h1>
                <IdProblemBanner problem owner=lang.pick("organization", "组织")/>
            </section>
        }
        .into_any();
    }
    remember(Owner::Organization, &org_id);
    let names = use_owner_names(Owner::Organization, &org_id);
    let org_name = move || names.with(|names| names.name.clone());
    let reader = use_coverage_reader(config.api_base(), config.api_version(), org_id.clone());

    let heading = move || {
        let name = org_name();
        let of = name.unwrap_or_else(|| lang.pick("organization", "组织").to_string());
        match lang {
            Lang::En => format!("Integration coverage of {of}"),
            Lang::ZhCn => of,
        }
    };
    let heading_after = lang.pick("", "的集成覆盖情况");
    let up_href = config.href(&Route::Org(org_id.clone()).href());
    let up_text = {
        let org_id = org_id.clone();
        move || {
            org_name().unwrap_or_else(|| lang.pick("Organization ", "组织 ").to_string() + &org_id)
        }
    };

    view! {
        <section class="coverage-page">
            <nav class="breadcrumb" aria-label=lang.pick("Breadcrumb", "位置")>
                <a href=up_href>{up_text}</a>
            </nav>
            <div class="page-title">
                <h1>{heading} " " <code class="owner-id">{org_id.clone()}</code> {heading_after}</h1>
            </div>
            <p class="lede">
                {lang.pick(
                    "Which integrations each project has. A project with none of PagerDuty, Opsgenie, VictorOps, Slack, Microsoft Teams or Webhook alerts no one.",
                    "每个项目有哪些集成。没有 PagerDuty、Opsgenie、VictorOps、Slack、Microsoft Teams 或 Webhook 的项目不会向任何人告警。",
                )}
            </p>
            {move || match reader.listing.get() {
                Listing::Listing(listed) => {
                    let text = match (lang, listed) {
                        (Lang::En, 0) => "Listing the organization's projects…".to_string(),
                        (Lang::En, n) => format!("Listing the organization's projects… {} so far", group_thousands(n as u64)),
                        (Lang::ZhCn, 0) => "正在列出组织的项目…".to_string(),
                        (Lang::ZhCn, n) => format!("正在列出组织的项目…已列出 {} 个", group_thousands(n as u64)),
                    };
                    view! { <p class="loading" role="status">{text}</p> }.into_any()
                }
                Listing::Failed(error) => match error.rate_limit_wait() {
                    Some(seconds) => view! { <RateLimitBanner error seconds on_retry=reader.retry_listing/> }.into_any(),
                    None => view! { <ErrorBanner error on_retry=reader.retry_listing/> }.into_any(),
                },
                Listing::Listed => view! { <CoverageRun reader org_id=org_id.clone()/> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

/// The run once the projects are listed: progress, Stop and Resume, the summary, the tools
/// and the table.
#[component]
fn CoverageRun(reader: CoverageReader, org_id: String) -> impl IntoView {
    let lang = lang();
    let filter = RwSignal::new(String::new());
    let only_without_alerting = RwSignal::new(false);
    let sort = RwSignal::new(None::<Sort>);
    let run = reader.run;
    let columns = Memo::new(move |_| {
        run.with(|run| {
            run.as_ref()
                .map(|run| type_columns(run.rows()))
                .unwrap_or_default()
        })
    });
    let shown = Memo::new(move |_| {
        run.with(|run| {
            run.as_ref()
                .map(|run| {
                    report::shown(
                        run.rows(),
                        &filter.read(),
                        only_without_alerting.get(),
                        sort.get(),
                    )
                })
                .unwrap_or_default()
        })
    });
    let counts = Memo::new(move |_| {
        run.with(|run| {
            run.as_ref()
                .map(|run| counts(run.rows()))
                .unwrap_or_default()
        })
    });
    let progress = Memo::new(move |_| {
        run.with(|run| {
            run.as_ref()
                .map_or((0, 0), |run| (run.answered(), run.total()))
        })
    });
    let phase = Memo::new(move |_| reader.phase().unwrap_or(Phase::Finished));
    let progress_words = move || {
        let (answered, total) = progress.get();
        progress_text(answered, total, lang)
    };
    // Said once per change of phase, not once per second of a countdown.
    let phase_news = Memo::new(move |_| match phase.get() {
        Phase::Reading => None,
        Phase::Paused { .. } => Some(lang.pick(
            "Atlas asked for a pause; the reading goes on by itself.",
            "Atlas 要求暂停；读取将自动继续。",
        )),
        Phase::Stopped => Some(lang.pick("Stopped.", "已停止。")),
        Phase::Finished => Some(lang.pick("Every project was answered.", "所有项目均已应答。")),
    });
    let countdown = move || {
        match (phase.get(), lang) {
        (Phase::Paused { seconds_left }, Lang::En) => Some(format!(
            "Atlas asked for a pause (429 Too Many Requests): going on by itself in {seconds_left} s."
        )),
        (Phase::Paused { seconds_left }, Lang::ZhCn) => Some(format!(
            "Atlas 要求暂停（429 Too Many Requests）：{seconds_left} 秒后自动继续。"
        )),
        _ => None,
    }
    };
    let stop_or_resume = move |_| match phase.get_untracked() {
        Phase::Stopped => reader.resume.run(()),
        _ => reader.stop.run(()),
    };
    let button_label = move || match phase.get() {
        Phase::Stopped => lang.pick("Resume", "继续"),
        _ => lang.pick("Stop", "停止"),
    };

    let filter_status = Memo::new(move |_| {
        let narrowed = !filter.read().trim().is_empty() || only_without_alerting.get();
        narrowed.then(|| {
            let shown = group_thousands(shown.with(Vec::len) as u64);
            let total = group_thousands(progress.get().1 as u64);
            lang.pick(
                format!("{shown} of {total} projects shown"),
                format!("{total} 个项目中显示 {shown} 个"),
            )
        })
    });
    let announced_status = use_debounced(filter_status, Duration::from_millis(600));

    let org_id = StoredValue::new(org_id);
    let export_failed = RwSignal::new(false);
    let download = move |_| {
        let contents = run.with_untracked(|run| {
            run.as_ref().map(|run| {
                shown.with_untracked(|shown| {
                    columns.with_untracked(|columns| report::csv(run.rows(), shown, columns))
                })
            })
        });
        if let Some(contents) = contents {
            let name = report::file_name(&org_id.get_value(), &export::utc_now());
            export_failed.set(export::download(&name, &contents, Format::Csv).is_err());
        }
    };
    let caption = Signal::derive(move || {
        let counts = counts.get();
        let total = group_thousands(counts.total as u64);
        let shown = group_thousands(shown.with(Vec::len) as u64);
        lang.pick(
            format!("Integrations of each project: {shown} of {total} projects"),
            format!("各项目的集成：{total} 个项目中的 {shown} 个"),
        )
    });

    view! {
        <div class="list-region" aria-busy=move || (phase.get() == Phase::Reading).to_string()>
            <div class="coverage-progress">
                <label for="coverage-progress">{lang.pick("Projects read", "已读取的项目")}</label>
                <progress
                    id="coverage-progress"
                    max=move || progress.get().1.max(1)
                    value=move || progress.get().0
                    aria-describedby="coverage-progress-text"
                >
                    {progress_words}
                </progress>
                <span id="coverage-progress-text" class="progress-text">{progress_words}</span>
                <Show when=move || phase.get() != Phase::Finished>
                    <button type="button" class="button button-secondary coverage-stop" on:click=stop_or_resume>
                        {button_label}
                    </button>
                </Show>
            </div>
            <p class="countdown" role="timer">{countdown}</p>
            <p class="visually-hidden" aria-live="polite">{move || phase_news.get()}</p>
            <p class="coverage-summary">{move || summary_text(counts.get(), lang)}</p>
            <div class="list-tools">
                <div class="filter">
                    <label for="coverage-filter">{lang.pick("Filter projects", "筛选项目")}</label>
                    <input
                        id="coverage-filter"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="coverage-filter-status"
                        prop:value=move || filter.get()
                        on:input=move |event| filter.set(event_target_value(&event))
                    />
                </div>
                <div class="checkbox">
                    <input
                        id="only-without-alerting"
                        type="checkbox"
                        prop:checked=move || only_without_alerting.get()
                        on:change=move |event| only_without_alerting.set(event_target_checked(&event))
                    />
                    <label for="only-without-alerting">{lang.pick("Only projects without alerting", "仅显示没有告警的项目")}</label>
                </div>
                <p id="coverage-filter-status" class="filter-status">{move || filter_status.get()}</p>
                <p class="visually-hidden" aria-live="polite">{move || announced_status.get()}</p>
                <div class="export">
                    <button type="button" class="button button-secondary export-csv" on:click=download>
                        {lang.pick("Download CSV", "下载 CSV")}
                    </button>
                </div>
            </div>
            <Show when=move || export_failed.get()>
                <p class="banner banner-error" role="alert">
                    {lang.pick("The browser refused the download; nothing was saved.", "浏览器拒绝了下载，未保存任何内容。")}
                </p>
            </Show>
            <div class="table-scroll">
                <CoverageTable caption run shown columns sort/>
            </div>
        </div>
    }
}
