//! The frame both list pages share: the ID from the URL, its check, the request, the banner,
//! find and export, the table and the pager.

use atlas_panel_common::id::{id_problem, is_atlas_id, IdProblem};
use std::time::Duration;

use leptos::prelude::*;

use crate::api::client::{ListRequest, ParsePage};
use crate::api::loader::{use_paged_list, Loaded};
use crate::clock::local_time_of_day;
use crate::components::copy::{CopyIdButton, CopyStatus, CopyStatusLine};
use crate::components::error_banner::{ErrorBanner, RateLimitBanner};
use crate::components::id_form::id_problem_text;
use crate::components::pager::Pager;
use crate::config::{ApiVersion, RuntimeConfig};
use crate::dom;
use crate::export::{self, Format, Origin};
use crate::i18n::{lang, Lang};
use crate::paging::{group_thousands, page_text, range_text, PageRequest, PagerState};
use crate::recent::{remember, RecentKind};
use crate::router::use_router;
use crate::rows::{Rows, Sort};

/// What makes one list page differ from the other.
pub struct ListKind {
    /// `integrations` or `teams`: export files are named by it.
    pub name: &'static str,
    /// What the page shows, in English and Chinese: "Integrations", "集成".
    pub title: [&'static str; 2],
    /// Whose list it is: "project", "项目".
    pub owner: [&'static str; 2],
    pub recent: RecentKind,
    pub api_path: fn(ApiVersion, &str) -> String,
    pub parse: ParsePage,
}

impl ListKind {
    fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.title[0], self.title[1])
    }

    fn owner(&self, lang: Lang) -> &'static str {
        lang.pick(self.owner[0], self.owner[1])
    }

    /// "Integrations of project 65…: 1–10 of 10"
    fn caption(&self, lang: Lang, id: &str, range: &str) -> String {
        let (title, owner) = (self.title(lang), self.owner(lang));
        match lang {
            Lang::En => format!("{title} of {owner} {id}: {range}"),
            Lang::ZhCn => format!("{owner} {id} 的{title}：{range}"),
        }
    }
}

#[component]
pub fn ListPage(kind: &'static ListKind, owner_id: String) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let router = use_router();
    let address = router.address();
    // The ID exactly as the URL has it: a space around it is not part of an ID.
    let problem =
        (!is_atlas_id(&owner_id)).then(|| id_problem(&owner_id).unwrap_or(IdProblem::NotHex));
    // Only this page's own address: leaving for another page must not ask Atlas for page 1
    // of this list in the moment before this page is gone.
    let own_path = address.with_untracked(|address| address.path.clone());
    let page_request = Memo::new(move |previous: Option<&PageRequest>| {
        let address = address.read();
        match previous {
            Some(previous) if address.path != own_path => *previous,
            _ => PageRequest::from_query(
                address.query_value("pageNum").as_deref(),
                address.query_value("itemsPerPage").as_deref(),
            ),
        }
    });
    // The closures below are `Copy`; a stored value lets them share the ID.
    let shown_id = StoredValue::new(owner_id.clone());
    let request = Memo::new(move |_| {
        problem.is_none().then(|| ListRequest {
            api_base: config.api_base(),
            path: shown_id.with_value(|id| (kind.api_path)(config.api_version(), id)),
            page: page_request.get(),
        })
    });
    let list = use_paged_list(request, kind.parse);
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    CopyStatus::provide();

    remember(kind.recent, &owner_id);

    // After paging, focus goes to the new table, so that a keyboard or screen reader user
    // reads on from its caption, not from the top of the document. After a new page size it
    // goes back to the size menu (drawn anew), where arrow keys may be stepping through sizes.
    // After a failure, it goes to the banner's button.
    let focus_after_load = StoredValue::new(None::<&'static str>);
    Effect::new(move |_| {
        let failed = list.error.with(Option::is_some);
        if !failed && list.loaded.with(Option::is_none) {
            return;
        }
        if let Some(selector) = focus_after_load.get_value() {
            focus_after_load.set_value(None);
            let selector = if failed {
                ".list-region .banner .button"
            } else {
                selector
            };
            request_animation_frame(move || dom::focus(selector));
        }
    });
    let go_to_page = Callback::new(move |to: PageRequest| {
        let new_size = to.items_per_page != page_request.get_untracked().items_per_page;
        focus_after_load.set_value(Some(if new_size {
            ".pager-size select"
        } else {
            "table.results"
        }));
        router.navigate_query(&to.query());
    });

    let visible = Memo::new(move |_| {
        list.loaded.with(|loaded| {
            loaded
                .as_ref()
                .map(|loaded| loaded.page.results.shown(&filter.read(), sort.get()))
        })
    });
    let loaded_count = move || {
        list.loaded
            .with(|l| l.as_ref().map_or(0, |l| l.page.results.len()))
    };
    let filter_status = Memo::new(move |_| {
        let shown = visible.with(|rows| rows.as_ref().map_or(0, Rows::len));
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
    let announced_status = RwSignal::new(None::<String>);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let status = filter_status.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || announced_status.set(status),
            Duration::from_millis(600),
        );
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
    let export = move |format: Format| {
        let origin = list.loaded.with_untracked(|loaded| {
            loaded.as_ref().map(|loaded| Origin {
                kind: kind.name,
                owner_id: shown_id.get_value(),
                page_num: loaded.request.page.page_num,
                items_per_page: loaded.request.page.items_per_page,
                total_count: loaded.page.total_count,
                exported_at: export::utc_now(),
            })
        });
        if let Some(origin) = origin {
            let contents = visible.with_untracked(|rows| {
                rows.as_ref()
                    .map(|rows| export::contents(&origin, rows, format))
            });
            if let Some(contents) = contents {
                let _ = export::download(&export::file_name(&origin, format), &contents, format);
            }
        }
    };

    let export_button = move |format: Format, label: &'static str, class: &'static str| {
        view! {
            <button type="button" class=format!("button button-secondary {class}") on:click=move |_| export(format)>
                {label}
            </button>
        }
    };
    let (title, owner) = (kind.title(lang), kind.owner(lang));
    let (heading_before, heading_after) = match lang {
        Lang::En => (format!("{title} of {owner}"), String::new()),
        Lang::ZhCn => (owner.to_string(), format!("的{title}")),
    };

    let meta = move || {
        list.loaded
            .with(|loaded| loaded.as_ref().map(|loaded| loaded.meta))
    };
    let freshness = move || {
        meta().map(|meta| {
            let refresh = list.refresh;
            view! {
                <p class="freshness">
                    <span>{lang.pick("as of ", "数据更新于 ")} {local_time_of_day(meta.fetched_at_ms, lang)}</span>
                    {meta.quota.map(|(remaining, limit)| {
                        let (remaining, limit) = (group_thousands(remaining.into()), group_thousands(limit.into()));
                        view! {
                            <span>
                                {match lang {
                                    Lang::En => format!("API quota: {remaining} of {limit}"),
                                    Lang::ZhCn => format!("API 配额：剩余 {remaining}，共 {limit}"),
                                }}
                            </span>
                        }
                    })}
                    <button type="button" class="button button-secondary button-small" on:click=move |_| refresh.run(())>
                        {lang.pick("Refresh", "刷新")}
                    </button>
                </p>
            }
        })
    };
    let table = move || {
        list.loaded.with(|loaded| {
            loaded.as_ref().map(|Loaded { request, page, .. }| {
                let range = range_text(lang, request.page, page.results.len(), page.total_count);
                let filtered = !filter.read().trim().is_empty();
                let empty = (filtered && !page.results.is_empty()).then(|| {
                    lang.pick(
                        "No row on this page matches the filter.",
                        "本页没有符合筛选条件的行。",
                    )
                    .to_string()
                });
                let caption = kind.caption(lang, &shown_id.read_value(), &range);
                visible.get().map(|rows| rows.table(caption, sort, empty))
            })
        })
    };
    let pager = move || {
        list.loaded.with(|loaded| {
            loaded.as_ref().map(|Loaded { request, page, .. }| {
                let rows = page.results.len();
                let state = PagerState::new(request.page, page.total_count, page.has_next, rows);
                let range = range_text(lang, request.page, rows, page.total_count);
                view! {
                    <Pager state range on_change=go_to_page/>
                    <p class="visually-hidden" aria-live="polite">{page_text(lang, &state)}</p>
                }
            })
        })
    };

    view! {
        <section class="list-page">
            <div class="page-title">
                <h1>{heading_before} " " <code class="owner-id">{owner_id.clone()}</code> " " {heading_after}</h1>
                {problem.is_none().then(|| view! { <CopyIdButton id=owner_id class="copy-owner"/> })}
            </div>
            <CopyStatusLine/>
            {problem
                    .map(|problem| {
                        let owner = kind.owner(lang);
                        view! {
                            <p class="banner banner-error" role="alert">
                                {match lang {
                                    Lang::En => format!("This is not a {owner} ID, so nothing was asked of Atlas. "),
                                    Lang::ZhCn => format!("这不是{owner} ID，因此没有向 Atlas 发出请求。"),
                                }}
                                {id_problem_text(problem, lang)}
                            </p>
                        }
                    })}
            {problem.is_none().then(|| view! {
                <div class="list-region" aria-busy=move || list.busy.get().to_string()>
                    {move || {
                        list.error.get().map(|error| match error.rate_limit_wait() {
                            Some(seconds) => view! { <RateLimitBanner error seconds on_retry=list.retry/> }.into_any(),
                            None => view! { <ErrorBanner error on_retry=list.retry/> }.into_any(),
                        })
                    }}
                    <Show when=move || list.busy.get() && list.loaded.with(Option::is_none) && list.error.with(Option::is_none)>
                        <p class="loading">{lang.pick("Loading…", "加载中…")}</p>
                    </Show>
                    <Show when=move || list.error.with(Option::is_none) && list.loaded.with(Option::is_some)>
                        {freshness}
                        <div class="list-tools">
                            <div class="filter">
                                <label for="filter">{lang.pick("Filter this page", "筛选本页")}</label>
                                <input
                                    id="filter"
                                    type="search"
                                    autocomplete="off"
                                    spellcheck="false"
                                    aria-describedby="filter-status"
                                    prop:value=move || filter.get()
                                    on:input=move |event| filter.set(event_target_value(&event))
                                />
                            </div>
                            <p id="filter-status" class="filter-status">{move || filter_status.get()}</p>
                            <p class="visually-hidden" aria-live="polite">{move || announced_status.get()}</p>
                            <div class="export">
                                {export_button(Format::Csv, lang.pick("Download CSV", "下载 CSV"), "export-csv")}
                                {export_button(Format::Json, lang.pick("Download JSON", "下载 JSON"), "export-json")}
                            </div>
                        </div>
                        <div class="table-scroll">{table}</div>
                        {pager}
                    </Show>
                </div>
            })}
        </section>
    }
}
