//! `/orgs/{orgId}/changes`: who changed which integration, team or alert setting, and when,
//! across an organization: its own activity feed and every project's, read as the coverage is
//! read (three at a time, Stop and Resume, Atlas's pause), merged newest first and drawn by
//! the list kit. The period and the kind are in the address; a new period reads the feeds
//! again, a new kind only narrows what was read.

use std::time::Duration;

use atlas_panel_common::endpoint::List;
use atlas_panel_common::id::is_atlas_id;
use leptos::either::Either;
use leptos::prelude::*;

use crate::browser::dom::set_attribute;
use crate::components::id_form::BadOrgIdPage;
use crate::components::list_tools::ListTools;
use crate::components::org_heading::OrgHeading;
use crate::components::run_progress::{ProjectListing, RunProgress};
use crate::components::table::ListTable;
use crate::config::RuntimeConfig;
use crate::coverage::changes::{failures, merged, read_in_part, summary, Period};
use crate::coverage::reader::use_coverage_reader;
use crate::coverage::run::Phase;
use crate::estate::use_team_names;
use crate::hooks::use_debounced;
use crate::i18n::{lang, Lang};
use crate::list::changes::ChangeKind;
use crate::list::description::Row;
use crate::list::export::{self, Format, Origin};
use crate::list::rows::{shown, Sort};
use crate::lists::ORG_CHANGES;
use crate::paging::group_thousands;
use crate::router::{own_query, use_router};

/// How often the table is drawn again while answers arrive.
const REDRAW_EVERY: Duration = Duration::from_millis(300);

#[component]
pub fn OrgChangesPage(org_id: String) -> impl IntoView {
    let lang = lang();
    let title = lang.pick("Changes", "变更");
    if !is_atlas_id(&org_id) {
        return Either::Left(view! { <BadOrgIdPage class="coverage-page" title=title org_id/> });
    }
    let router = use_router();
    let address = router.address();
    // The address's words as they are (memos of a type the list page has too); read as a
    // period and a kind where used.
    // The period as the panel reads it, not as written: `?period=7d` and none are one period,
    // and one run.
    let period_tag = own_query(address, |address| {
        let period = Period::from_tag(address.query_value("period").as_deref());
        Some(period.tag().to_string())
    });
    let kind_tag = own_query(address, |address| address.query_value("kind"));
    let period = move || Period::from_tag(period_tag.get().as_deref());
    let kind = move || kind_tag.get().as_deref().and_then(ChangeKind::from_tag);
    let choose = move |period: Period, kind: Option<ChangeKind>| {
        let mut query = format!("period={}", period.tag());
        if let Some(kind) = kind {
            query += &format!("&kind={}", kind.tag());
        }
        router.navigate_query(&query);
    };

    let period_options = Period::ALL
        .map(|option| view! { <option value=option.tag()>{option.words(lang)}</option> });
    let kind_options = ChangeKind::ALL
        .map(|option| view! { <option value=option.tag()>{option.words(lang)}</option> });
    let run_org_id = org_id.clone();
    Either::Right(view! {
    <section class="coverage-page changes-page">
        <OrgHeading org_id=org_id.clone() title/>
        <p class="lede">{lang.pick(
            "Who changed which integration, team or alert setting, and when: the organization's own activity feed and every project's.",
            "谁在何时更改了哪个集成、团队或告警设置：组织自身及每个项目的活动记录。",
        )}</p>
        <div class="list-tools changes-view">
            <div class="filter">
                <label for="changes-period">{lang.pick("Period", "时间范围")}</label>
                <select id="changes-period" prop:value=move || period().tag() on:change=move |event| {
                    choose(Period::from_tag(Some(&event_target_value(&event))), untrack(kind));
                }>{period_options}</select>
            </div>
            <div class="filter">
                <label for="changes-kind">{lang.pick("Kind", "类型")}</label>
                <select id="changes-kind" prop:value=move || kind().map_or("all", ChangeKind::tag) on:change=move |event| {
                    choose(untrack(period), ChangeKind::from_tag(&event_target_value(&event)));
                }>
                    <option value="all">{lang.pick("All", "全部")}</option>
                    {kind_options}
                </select>
            </div>
        </div>
        // A new period is a new run; the old one's requests are aborted as it goes.
        {move || {
            let period = period();
            let org_id = run_org_id.clone();
            untrack(move || view! { <ChangesRun org_id period kind=kind_tag/> })
        }}
    </section>
    })
}

/// One reading of the feeds over `period`, and the changes it found.
#[component]
fn ChangesRun(org_id: String, period: Period, kind: Memo<Option<String>>) -> impl IntoView {
    let kind = move || kind.get().as_deref().and_then(ChangeKind::from_tag);
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let reader = use_coverage_reader(
        config.api_base(),
        config.api_version(),
        org_id.clone(),
        Some(List::OrgEvents),
        List::ProjectEvents,
        Some(period.since(js_sys::Date::now())),
    );
    let team_names = {
        let org_id = org_id.clone();
        use_team_names(move || Some(org_id.clone()))
    };
    let run = reader.run;

    // Answers arrive many a second: the changes are merged and drawn again at most every
    // REDRAW_EVERY, and at once when the run ends or stops.
    let drawn = RwSignal::new(0u32);
    let redraw_due = StoredValue::new(false);
    Effect::new(move |_| {
        reader.clock.track();
        let now = js_sys::Date::now();
        let phase = run.with_untracked(|run| run.as_ref().map(|run| run.phase(now)));
        if let Some(phase) = phase {
            set_attribute("coverage-run", "hidden", None);
            let busy = (phase == Phase::Reading).to_string();
            set_attribute("coverage-run", "aria-busy", Some(&busy));
        }
        let reading = matches!(phase, Some(Phase::Reading | Phase::Paused { .. }));
        if !reading {
            drawn.update(|n| *n += 1);
        } else if !redraw_due.get_value() {
            redraw_due.set_value(true);
            set_timeout(
                move || {
                    redraw_due.try_set_value(false);
                    drawn.try_update(|n| *n += 1);
                },
                REDRAW_EVERY,
            );
        }
    });
    // Of the types the list page's memos have: each type of memo is code of its own.
    let changes = Memo::new(move |_| {
        drawn.track();
        team_names.track();
        let kind = kind();
        run.with_untracked(|run| {
            let rows = run.as_ref().map_or(&[][..], |run| run.rows());
            let team_name = |id: &str| team_names.name(id);
            Some(merged(rows, kind, lang, &team_name))
        })
    });
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let visible = Memo::new(move |_| {
        changes.with(|rows| {
            Some(shown(
                &ORG_CHANGES,
                rows.as_deref()?,
                &filter.read(),
                sort.get(),
            ))
        })
    });
    let count = |rows: &Option<Vec<Row>>| rows.as_ref().map_or(0, Vec::len);
    let filter_status = Memo::new(move |_| {
        (!filter.read().trim().is_empty()).then(|| {
            let shown = group_thousands(visible.with(count) as u64);
            let of = group_thousands(changes.with(count) as u64);
            lang.pick(
                format!("{shown} of {of} changes match"),
                format!("{of} 项变更中有 {shown} 项匹配"),
            )
        })
    });
    let announced = use_debounced(filter_status, Duration::from_millis(600));
    let export_failed = RwSignal::new(false);
    let export_org = org_id.clone();
    let export = Callback::new(move |format: Format| {
        let exported_at = export::utc_now();
        let contents = visible.with_untracked(|rows| {
            let rows = rows.as_deref().unwrap_or_default();
            let origin = Origin {
                kind: "org-changes",
                owner_id: export_org.clone(),
                page_num: 1,
                items_per_page: rows.len() as u32,
                total_count: Some(rows.len() as u64),
                exported_at: exported_at.clone(),
            };
            export::contents(&ORG_CHANGES, &origin, rows, format)
        });
        let name = export::file_name_of(
            &format!("changes-{export_org}-{}", period.tag()),
            &exported_at,
            format,
        );
        export_failed.set(export::download(&name, &contents, format).is_err());
    });
    // Said with the table: drawn when it is.
    let summary_text = move || {
        drawn.track();
        let now = js_sys::Date::now();
        let (failed, in_part, unread) = run.with_untracked(|run| {
            let Some(run) = run else {
                return (Vec::new(), Vec::new(), None);
            };
            let projects = &run.rows()[1.min(run.total())..];
            let read = projects.iter().filter(|row| row.state.answered()).count();
            let unread = (run.phase(now) != Phase::Finished).then_some((read, projects.len()));
            (
                failures(run.rows(), lang),
                read_in_part(run.rows(), lang),
                unread,
            )
        });
        summary(
            changes.with(count),
            kind(),
            period,
            &failed,
            &in_part,
            unread,
            lang,
        )
    };
    let table = move || {
        let rows: Vec<Row> = visible.get().unwrap_or_default();
        let caption = match lang {
            Lang::En => format!(
                "Changes in the organization, {}",
                crate::list::rows::lowercase(period.words(lang))
            ),
            Lang::ZhCn => format!("组织的变更，{}", period.words(lang)),
        };
        let empty = (!filter.read().trim().is_empty()).then(|| {
            lang.pick("No change matches the filter.", "没有符合筛选条件的变更。")
                .to_string()
        });
        let ids = Some(org_id.clone());
        view! { <ListTable list=&ORG_CHANGES caption rows sort empty owner_id=ids.clone() org_id=ids/> }
    };
    view! {
        <ProjectListing reader/>
        <div class="list-region" id="coverage-run" aria-busy="true" hidden="">
            <RunProgress reader before_projects=1/>
            <p id="changes-summary" class="coverage-summary">{summary_text}</p>
            <ListTools filter status=filter_status announced on_export=export export_failed label=["Filter changes", "筛选变更"]/>
            <div class="table-scroll">{table}</div>
        </div>
    }
}
