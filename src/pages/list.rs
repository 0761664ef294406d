//! The one frame every list page has, read from the list's description: the IDs from the URL,
//! their check, the request, the banner, find and export, the table and the pager.

use atlas_panel_common::endpoint::{ApiFlavour, Endpoint, List, Owner};
use atlas_panel_common::id::{id_problem, is_atlas_id, IdProblem};
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;

use crate::api::client::ListRequest;
use crate::api::loader::{use_paged_list, Loaded, PagedList};

use crate::components::copy::{CopyIdButton, CopyStatus, CopyStatusLine};
use crate::components::error_banner::ApiErrorBanner;
use crate::components::freshness::Freshness;
use crate::components::id_form::IdProblemBanner;
use crate::components::list_tools::ListTools;
use crate::components::pager::Pager;
use crate::components::status_filter::StatusFilterChoice;
use crate::components::table::ListTable;
use crate::config::RuntimeConfig;
use crate::estate::{use_largest_page, use_owner_names, use_team_names, OwnerNames};
use crate::hooks::use_debounced;
use crate::i18n::{lang, Lang};
use crate::labels::integration_type_name;
use crate::list::alerts::{mark_alert_use, AlertUse, Through};
use crate::list::description::{Feature, ListDescription, Row};
use crate::list::export::{self, Format, Origin};
use crate::list::members::StatusFilter;
use crate::list::rows::{shown, Sort};
use crate::paging::{group_thousands, page_text, range_text, PageRequest, PagerState};
use crate::recent::remember;
use crate::router::{own_query, use_router, Route};

/// Whose list it is: "project", "项目". A team's members are the team's, though the endpoint
/// table files them under its organization.
fn owner_words(list: &ListDescription, lang: Lang) -> &'static str {
    if let Some([en, zh]) = list.owner_words {
        return lang.pick(en, zh);
    }
    match Endpoint::of(list.list).owner {
        Owner::Project => lang.pick("project", "项目"),
        Owner::Organization => lang.pick("organization", "组织"),
        Owner::Estate => lang.pick("estate", "资源"),
    }
}

/// "Integrations of project 65…: 1–10 of 10"
fn caption(list: &ListDescription, lang: Lang, id: &str, range: &str) -> String {
    let (title, owner) = (
        lang.pick(list.title[0], list.title[1]),
        owner_words(list, lang),
    );
    match lang {
        Lang::En => format!("{title} of {owner} {id}: {range}"),
        Lang::ZhCn => format!("{owner} {id} 的{title}：{range}"),
    }
}

/// Where focus goes once the next page has arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FocusAfterLoad {
    /// After paging: the new table, so that a keyboard or screen reader user reads on from
    /// its caption, not from the top of the document.
    Table,
    /// After a new page size: the size menu (drawn anew), where arrow keys may be stepping
    /// through sizes.
    SizeMenu,
}

/// A paged list of the last of `ids`, its owner's; before it, a team's organization.
#[component]
pub fn ListPage(list: &'static ListDescription, ids: Vec<String>) -> impl IntoView {
    let kind = list;
    let owner_id = ids.last().cloned().unwrap_or_default();
    let org_id = (ids.len() > 1).then(|| ids[0].clone());
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let router = use_router();
    let address = router.address();
    // The IDs exactly as the URL has them: a space around one is not part of an ID. The
    // banner names whose ID it is.
    let bad_org_id = org_id.as_deref().is_some_and(|id| !is_atlas_id(id));
    let problem = org_id
        .iter()
        .chain([&owner_id])
        .find(|id| !is_atlas_id(id))
        .map(|id| id_problem(id).unwrap_or(IdProblem::NotHex));
    let page_request = own_query(address, |address| {
        PageRequest::from_query(
            address.query_value("pageNum").as_deref(),
            address.query_value("itemsPerPage").as_deref(),
        )
    });
    let members = kind.has(Feature::TeamsOwn);
    let by_status = kind.has(Feature::StatusFilter);
    let status_filter = own_query(address, |address| {
        StatusFilter::from_tag(address.query_value("status").as_deref())
    });
    // The closures below are `Copy`; stored values let them share the IDs.
    let shown_id = StoredValue::new(owner_id.clone());
    // A team's organization, or empty: the IDs of the path are this, then the owner's.
    let org_id_stored = StoredValue::new(org_id.clone().unwrap_or_default());
    let request_config = config.clone();
    let request = Memo::new(move |_| {
        let config = &request_config;
        let flavour = config.api_version();
        problem.is_none().then(|| {
            let (org, own) = (org_id_stored.read_value(), shown_id.read_value());
            let ids: Vec<&str> = [org.as_str(), own.as_str()]
                .into_iter()
                .filter(|id| !id.is_empty())
                .collect();
            let request = ListRequest::new(
                config.api_base(),
                kind.list,
                flavour,
                &ids,
                page_request.get(),
            );
            // Only v2 can be asked by status; v1.0 and Cloud Manager list active users only.
            match (by_status, flavour) {
                (true, ApiFlavour::V2) => request.in_statuses(status_filter.get().statuses()),
                _ => request,
            }
        })
    });
    let paged = use_paged_list(request);
    // A team's page is named by its organization's names, and its own from the teams.
    let (names_kind, names_id) = match &org_id {
        Some(org_id) => (Owner::Organization, org_id.as_str()),
        None => (Endpoint::of(kind.list).owner, owner_id.as_str()),
    };
    let names = problem
        .is_none()
        .then(|| use_owner_names(names_kind, names_id));
    let known = move || names.map(|names| names()).unwrap_or_default();
    // The organization the rows' teams belong to, for links to their members.
    let owned_by_org = Endpoint::of(kind.list).owner == Owner::Organization && !members;
    let teams_org = move || match owned_by_org {
        true => Some(shown_id.get_value()),
        false => known().org.map(|(org_id, _)| org_id),
    };
    let team_names = (problem.is_none() && (members || kind.has(Feature::TeamNames)))
        .then(|| use_team_names(teams_org));
    // A project's alert configurations, read beside its integrations: which alerts use each.
    let alerts = (problem.is_none() && kind.has(Feature::AlertUse))
        .then(|| use_largest_page(List::AlertConfigs, move || Some(shown_id.get_value())));
    // The alert list narrowed to one integration's (`?integration=…&type=…`).
    let through = own_query(address, |address| {
        Through::from_query(
            address.query_value("integration"),
            address.query_value("type"),
        )
    });
    let narrowed = kind.has(Feature::NarrowedByIntegration);
    let through = move || narrowed.then(|| through.get()).flatten();
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    CopyStatus::provide();

    remember(names_kind, names_id);

    let table_ref = NodeRef::<html::Table>::new();
    let size_menu_ref = NodeRef::<html::Select>::new();
    let banner_button = NodeRef::<html::Button>::new();
    let focus_after_load = StoredValue::new(None::<FocusAfterLoad>);
    // After a failure, focus goes to the banner's button instead.
    Effect::new(move |_| {
        let failed = paged.error.with(Option::is_some);
        if !failed && paged.loaded.with(Option::is_none) {
            return;
        }
        if let Some(target) = focus_after_load.get_value() {
            focus_after_load.set_value(None);
            // The page may be gone by the next frame (Back as the answer arrives).
            request_animation_frame(move || {
                let _ = match (failed, target) {
                    (true, _) => banner_button
                        .try_get_untracked()
                        .flatten()
                        .map(|button| button.focus()),
                    (false, FocusAfterLoad::Table) => table_ref
                        .try_get_untracked()
                        .flatten()
                        .map(|table| table.focus()),
                    (false, FocusAfterLoad::SizeMenu) => size_menu_ref
                        .try_get_untracked()
                        .flatten()
                        .map(|select| select.focus()),
                };
            });
        }
    });
    let go_to_page = Callback::new(move |to: PageRequest| {
        let new_size = to.items_per_page != page_request.get_untracked().items_per_page;
        focus_after_load.set_value(Some(if new_size {
            FocusAfterLoad::SizeMenu
        } else {
            FocusAfterLoad::Table
        }));
        router.navigate_query(&query_of(
            to,
            status_filter.get_untracked(),
            untrack(through),
        ));
    });
    let choose_status = Callback::new(move |chosen: StatusFilter| {
        let first = page_request.get_untracked().with_page(1);
        router.navigate_query(&query_of(first, chosen, None));
    });

    // The page's rows before the text filter and the sort: members in the chosen status, a
    // project's teams named, integrations with their alerts, alerts narrowed to one
    // integration's; any other list as it is.
    let adjusted = Memo::new(move |_| {
        paged.loaded.with(|loaded| {
            let loaded = loaded.as_ref()?;
            let status = status_filter.get();
            let mut rows: Vec<Row> = loaded.page.results.clone();
            if by_status {
                rows.retain(|member| status.admits(member.text("orgMembershipStatus")));
            }
            if let (true, Some(names)) = (kind.has(Feature::TeamNames), team_names) {
                for team in &mut rows {
                    if let Some(name) = names.name(team.text("teamId")) {
                        team.set("name", name.into());
                    }
                }
            }
            if let Some(alerts) = alerts {
                let failed = alerts.error.with(Option::is_some);
                alerts.loaded.with(|configs| match configs {
                    Some(Loaded { page, .. }) => {
                        mark_alert_use(&mut rows, &page.results, !page.has_next)
                    }
                    None if failed => {
                        for integration in &mut rows {
                            AlertUse::Unknown.set(integration);
                        }
                    }
                    None => {}
                });
            }
            if let Some(through) = through() {
                rows.retain(|config| through.admits(config));
            }
            Some(rows)
        })
    });
    let visible = Memo::new(move |_| {
        adjusted.with(|rows| Some(shown(kind, rows.as_ref()?, &filter.read(), sort.get())))
    });
    let loaded_count = move || {
        paged
            .loaded
            .with(|l| l.as_ref().map_or(0, |l| l.page.results.len()))
    };
    let filter_status = Memo::new(move |_| {
        let shown = visible.with(|rows| rows.as_ref().map_or(0, Vec::len));
        let of = loaded_count();
        (!filter.read().trim().is_empty()).then(|| {
            let (shown, of) = (group_thousands(shown as u64), group_thousands(of as u64));
            match lang {
                Lang::En => format!("{shown} of {of} rows match"),
                Lang::ZhCn => format!("{of} 行中有 {shown} 行匹配"),
            }
        })
    });
    // Shown at once, announced once typing pauses: not once per keystroke.
    let announced_status = use_debounced(filter_status, Duration::from_millis(600));
    let export_failed = RwSignal::new(false);
    // A refused download speaks of the rows it was for, not of the next page's.
    Effect::new(move |_| {
        paged.loaded.track();
        export_failed.set(false);
    });
    let export = Callback::new(move |format: Format| {
        let origin = paged.loaded.with_untracked(|loaded| {
            loaded.as_ref().map(|loaded| Origin {
                kind: kind.list.name(),
                owner_id: shown_id.get_value(),
                page_num: loaded.request.page.page_num,
                items_per_page: loaded.request.page.items_per_page,
                total_count: loaded.page.total_count,
                exported_at: export::utc_now(),
            })
        });
        let Some(origin) = origin else { return };
        let contents = visible.with_untracked(|rows| {
            rows.as_ref()
                .map(|rows| export::contents(kind, &origin, rows, format))
        });
        if let Some(contents) = contents {
            let saved = export::download(&export::file_name(&origin, format), &contents, format);
            export_failed.set(saved.is_err());
        }
    });

    let (title, owner) = (
        lang.pick(kind.title[0], kind.title[1]),
        owner_words(kind, lang),
    );
    // "Integrations of prod-eu-payments 65…", "prod-eu-payments 65… 的集成"; "project" until
    // the name is known, or for good when it cannot be. A team is named from its
    // organization's teams.
    let heading_before = move || {
        let name = match (members, team_names) {
            (true, Some(names)) => names.name(&shown_id.read_value()),
            _ => known().name,
        };
        match lang {
            Lang::En => format!("{title} of {}", name.as_deref().unwrap_or(owner)),
            Lang::ZhCn => name.unwrap_or_else(|| owner.to_string()),
        }
    };
    let heading_after = match lang {
        Lang::En => String::new(),
        Lang::ZhCn => format!("的{title}"),
    };
    let see_also = (problem.is_none() && !kind.see_also.is_empty()).then(|| {
        let links = kind.see_also.iter().map(|see| {
            let href = config.href(&Route::List(see.list, vec![owner_id.clone()]).href());
            view! { <a href=href>{lang.pick(see.words[0], see.words[1])}</a> }
        });
        view! { <p class="see-also">{links.collect_view()}</p> }
    });
    // A line above the table: on the integrations page, how many no alert uses, or why that
    // is not known; on an alert list narrowed to one integration, which, and the way back.
    let every_alert =
        StoredValue::new(config.href(&Route::List(kind.list, vec![owner_id.clone()]).href()));
    let list_note = move || {
        let (text, link) = match (alerts, through()) {
            (Some(alerts), _) => (alert_summary(lang, alerts, adjusted)?, None),
            (None, Some(through)) => {
                let name = integration_type_name(&through.kind);
                let id = &through.id;
                let text = match lang {
                    Lang::En => format!("Only alert configurations that notify through {name} {id}, enabled or not. "),
                    Lang::ZhCn => format!("仅显示通过 {name} {id} 通知的告警配置（无论是否已启用）。"),
                };
                let words = lang.pick("Show every alert configuration", "显示全部告警配置");
                (text, Some((every_alert.get_value(), words)))
            }
            (None, None) => return None,
        };
        let link = link.map(|(href, words)| view! { <a href=href>{words}</a> });
        Some(view! { <p class="list-note">{text}{link}</p> })
    };
    let up = move || {
        let OwnerNames { org, .. } = known();
        org.map(|(org_id, org_name)| {
            let href = config.href(&Route::Org(org_id.clone()).href());
            let teams = members.then(|| {
                let href = config.href(&Route::List(List::Teams, vec![org_id.clone()]).href());
                view! { " › " <a href=href>{lang.pick("Teams", "团队")}</a> }
            });
            let text = org_name
                .unwrap_or_else(|| lang.pick("Organization ", "组织 ").to_string() + &org_id);
            view! {
                <nav class="breadcrumb" aria-label=lang.pick("Breadcrumb", "位置")>
                    <a href=href>{text}</a>
                    {teams}
                </nav>
            }
        })
    };

    // Refresh reads the alerts again too, where the page shows them.
    let refresh = Callback::new(move |()| {
        paged.refresh.run(());
        if let Some(alerts) = alerts {
            alerts.refresh.run(());
        }
    });
    let freshness = move || {
        paged.loaded.with(|loaded| {
            loaded
                .as_ref()
                .map(|loaded| view! { <Freshness meta=loaded.meta on_refresh=refresh/> })
        })
    };
    let table = move || {
        paged.loaded.with(|loaded| {
            loaded.as_ref().map(|Loaded { request, page, .. }| {
                let range = range_text(lang, request.page, page.results.len(), page.total_count);
                let by_status = status_filter.get() != StatusFilter::All;
                let by_text = !filter.read().trim().is_empty();
                let narrowed = through().is_some();
                let empty = if page.results.is_empty() {
                    // v2 was asked for this status only, and has no one in it.
                    by_status.then(|| {
                        lang.pick(
                            "No member of this team has this status.",
                            "此团队没有处于此状态的成员。",
                        )
                    })
                } else if narrowed && !by_text {
                    Some(lang.pick(
                        "No alert configuration on this page notifies through this integration.",
                        "本页没有通过此集成发送通知的告警配置。",
                    ))
                } else {
                    (by_text || by_status).then(|| {
                        lang.pick(
                            "No row on this page matches the filter.",
                            "本页没有符合筛选条件的行。",
                        )
                    })
                }
                .map(String::from);
                let caption = caption(kind, lang, &shown_id.read_value(), &range);
                let owner_id = Some(shown_id.get_value());
                let org_id = teams_org();
                visible.get().map(|rows| {
                    view! {
                        <ListTable list=kind caption rows sort empty node_ref=table_ref owner_id org_id/>
                    }
                })
            })
        })
    };
    let pager = move || {
        paged.loaded.with(|loaded| {
            loaded.as_ref().map(|Loaded { request, page, .. }| {
                let rows = page.results.len();
                let state = PagerState::new(request.page, page.total_count, page.has_next, rows);
                let range = range_text(lang, request.page, rows, page.total_count);
                view! {
                    <Pager state range on_change=go_to_page size_menu=size_menu_ref/>
                    <p class="visually-hidden" aria-live="polite">{page_text(lang, &state)}</p>
                }
            })
        })
    };

    view! {
        <section class="list-page">
            {up}
            <div class="page-title">
                <h1>{heading_before} " " <code class="owner-id">{owner_id.clone()}</code> " " {heading_after}</h1>
                {problem.is_none().then(|| view! { <CopyIdButton id=owner_id class="copy-owner"/> })}
            </div>
            {see_also}
            <CopyStatusLine/>
            {problem.map(|problem| {
                let owner = if bad_org_id { lang.pick("organization", "组织") } else { owner };
                view! { <IdProblemBanner problem owner/> }
            })}
            {problem.is_none().then(|| view! {
                <div class="list-region" aria-busy=paged.busy_text()>
                    {move || paged.error.get().map(|error| view! { <ApiErrorBanner error on_retry=paged.retry first_button=banner_button/> })}
                    <Show when=move || paged.busy.get() && paged.loaded.with(Option::is_none) && paged.error.with(Option::is_none)>
                        <p class="loading">{lang.pick("Loading…", "加载中…")}</p>
                    </Show>
                    <Show when=move || paged.error.with(Option::is_none) && paged.loaded.with(Option::is_some)>
                        {freshness}
                        {by_status.then(|| view! { <StatusFilterChoice current=status_filter on_change=choose_status/> })}
                        {list_note}
                        <ListTools filter status=filter_status announced=announced_status on_export=export export_failed/>
                        <div class="table-scroll">{table}</div>
                        {pager}
                    </Show>
                </div>
            })}
        </section>
    }
}

/// The address's query for a page of the list, the members' status when one is chosen, and
/// the integration an alert list is narrowed to.
fn query_of(page: PageRequest, status: StatusFilter, through: Option<Through>) -> String {
    let mut query = page.query();
    if status != StatusFilter::All {
        query += &format!("&status={}", status.tag());
    }
    if let Some(through) = through {
        query += &format!("&{}", through.query());
    }
    query
}

/// The integrations page's line on its alerts: how many integrations no enabled alert uses, or
/// why that is not known; nothing while they are read, or when no integration can serve one.
fn alert_summary(lang: Lang, alerts: PagedList, rows: Memo<Option<Vec<Row>>>) -> Option<String> {
    if let Some(error) = alerts.error.get() {
        let why = error.summary(lang);
        return Some(match lang {
            Lang::En => format!("Which alerts use each integration is unknown: {why}"),
            Lang::ZhCn => format!("无法得知各集成被哪些告警使用：{why}"),
        });
    }
    let uses: Vec<AlertUse> = rows.with(|rows| rows.iter().flatten().map(AlertUse::of).collect());
    let mut unused = 0;
    for alerts in &uses {
        match alerts {
            AlertUse::Enabled {
                complete: false, ..
            } => {
                return Some(
                    lang.pick(
                        "This project has more than 500 alert configurations: each count is of the first 500, and none is called unused.",
                        "此项目有超过 500 个告警配置：各计数仅针对前 500 个，且不会标记任何集成为未使用。",
                    )
                    .to_string(),
                )
            }
            AlertUse::Enabled { count: 0, .. } => unused += 1,
            AlertUse::Enabled { .. } => {}
            AlertUse::Unread | AlertUse::Unknown => return None,
            AlertUse::NotAChannel => {}
        }
    }
    if !uses
        .iter()
        .any(|alerts| matches!(alerts, AlertUse::Enabled { .. }))
    {
        return None;
    }
    Some(match (lang, unused) {
        (Lang::En, 0) => {
            "Every integration an alert can use is used by an enabled alert.".to_string()
        }
        (Lang::En, 1) => "1 integration is not used by any alert.".to_string(),
        (Lang::En, n) => format!("{n} integrations are not used by any alert."),
        (Lang::ZhCn, 0) => "每个可用于告警的集成都被已启用的告警使用。".to_string(),
        (Lang::ZhCn, n) => format!("{n} 个集成未被任何告警使用。"),
    })
}
