//! The table of an organization-wide run: one row per project, one column per integration
//! type (coverage) or per team (access, each cell the team's roles). As in the list tables,
//! the body is plain DOM with every upstream value set as text; a row is built again only
//! when its project's state or the columns have changed, and an answer replaces its own row
//! in the body, so that 140 answers do not rebuild or move 140 rows each.

use atlas_panel_common::endpoint::List;
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::dom::{append_element, append_text, element_children};
use crate::components::table::{sort_headers, Header, SortHeaders};
use crate::config::RuntimeConfig;
use crate::coverage::access::{self, team_columns};
use crate::coverage::report::{cell, shown, status_text, type_columns, Cell};
use crate::coverage::run::{ProjectRow, ProjectState, Run};
use crate::coverage::Matrix;
use crate::estate::TeamNames;
use crate::i18n::{lang, Lang};
use crate::labels::{integration_type_name, name_or_id};
use crate::list::alerts::unused_note;
use crate::list::rows::{Column, Sort};
use crate::paging::group_thousands;
use crate::router::Route;

/// The least time between two draws while answers arrive, in milliseconds.
pub const RUN_DRAW_INTERVAL_MS: f64 = 200.0;

/// The rows built so far, by project index and the version they show, for the columns they
/// were built with, and the rows the body holds now.
#[derive(Default)]
struct BuiltRows {
    /// Each column's key (a type, a team's ID) and header.
    columns: Vec<(String, String)>,
    rows: Vec<Option<(u32, Element)>>,
    in_body: Vec<Element>,
    /// The project indices of the rows in the body, in order.
    in_body_of: Vec<usize>,
}

/// How the run's rows are shown: the filter, the checkbox that keeps flagged rows only, the
/// order, and on the access matrix the team picked (empty for every team).
#[derive(Clone, Copy)]
pub struct MatrixView {
    pub filter: RwSignal<String>,
    pub only_flagged: RwSignal<bool>,
    /// Coverage: only projects with an integration no enabled alert uses.
    pub only_unused: RwSignal<bool>,
    pub sort: RwSignal<Option<Sort>>,
    pub team: RwSignal<String>,
}

#[component]
pub fn CoverageTable(
    run: RwSignal<Option<Run>>,
    matrix: Matrix,
    shown_as: MatrixView,
    /// The organization's teams, which name the access matrix's columns.
    team_names: Option<TeamNames>,
) -> impl IntoView {
    let lang = lang();
    // The site's base path, in a stored string: the drawing closure stays `Copy`.
    let base = StoredValue::new(expect_context::<RuntimeConfig>().base);
    let table = NodeRef::<html::Table>::new();
    let built = StoredValue::new_local(BuiltRows::default());
    let MatrixView {
        filter,
        only_flagged,
        only_unused,
        sort,
        team,
    } = shown_as;
    // Drawn at most once a frame: the answers and keystrokes of one frame are drawn together.
    // Everything is read untracked here; the effects below say when to draw again.
    let draw = move || {
        let Some(table) = table.try_get_untracked().flatten() else {
            return;
        };
        let (Some(filter), Some(sort), Some(team)) = (
            filter.try_get_untracked(),
            sort.try_get_untracked(),
            team.try_get_untracked(),
        ) else {
            return;
        };
        let only = only_flagged
            .get_untracked()
            .then_some((matrix, team.as_str()));
        let name_of = move |id: &str| team_names.and_then(|names| untrack(|| names.name(id)));
        run.with_untracked(|run| {
            let Some(run) = run else { return };
            let shown = shown(run.rows(), &filter, only, only_unused.get_untracked(), sort);
            let columns: Vec<(String, String)> = match matrix {
                Matrix::Coverage => type_columns(run.rows())
                    .into_iter()
                    .map(|kind| (kind.clone(), integration_type_name(&kind).to_string()))
                    .collect(),
                Matrix::Access => team_columns(run.rows(), &team)
                    .into_iter()
                    .map(|id| (id.clone(), name_of(&id).unwrap_or(id)))
                    .collect(),
            };
            built.update_value(|built| {
                let href = |id: &str| {
                    let route = match matrix {
                        Matrix::Coverage => Route::List(List::Integrations, vec![id.to_string()]),
                        Matrix::Access => Route::List(List::ProjectTeams, vec![id.to_string()]),
                    };
                    base.with_value(|base| format!("{base}{}", route.href()))
                };
                // Every call is on elements made here: the DOM has no reason to refuse.
                let drawn = Drawn {
                    matrix,
                    shown,
                    columns,
                };
                let _ = fill(&table, built, run, drawn, lang, &href);
            });
        });
    };
    // A draw is asked for a frame, or, for an answer within RUN_DRAW_INTERVAL_MS of the last
    // draw, after a timer and then a frame: drawing 140 rows' table for each of a few hundred
    // answers would keep the browser busy with layout and paint (docs/performance.md).
    let (frame_asked, timer_asked) = (StoredValue::new(false), StoredValue::new(false));
    let last_drawn_ms = StoredValue::new(f64::NEG_INFINITY);
    let in_frame = move || {
        frame_asked.set_value(true);
        request_animation_frame(move || {
            if frame_asked.try_set_value(false).is_none() {
                last_drawn_ms.set_value(js_sys::Date::now());
                draw();
            }
        });
    };
    let ask = move |now: bool| {
        if frame_asked.get_value() || (timer_asked.get_value() && !now) {
            return;
        }
        let wait = last_drawn_ms.get_value() + RUN_DRAW_INTERVAL_MS - js_sys::Date::now();
        // A wait longer than the interval is the clock turned back: drawn at once.
        if now || !(0.0..=RUN_DRAW_INTERVAL_MS).contains(&wait) {
            timer_asked.set_value(false);
            in_frame();
        } else {
            timer_asked.set_value(true);
            // A timer overtaken by a draw at once finds its flag down and does nothing (one
            // asked after that draw may find the flag up and draw a little early: never twice).
            set_timeout(
                move || {
                    if timer_asked.try_update_value(std::mem::take) == Some(true)
                        && !frame_asked.get_value()
                    {
                        in_frame();
                    }
                },
                Duration::from_millis(wait as u64),
            );
        }
    };
    // What the reader does is drawn at once; an answer waits its turn unless it was the last
    // one in flight (the run ended, stopped or paused).
    Effect::new(move |_| {
        table.track();
        filter.track();
        sort.track();
        team.track();
        only_flagged.track();
        only_unused.track();
        // Names arriving redraw the access matrix's headers.
        if let Some(names) = team_names {
            names.track();
        }
        ask(true);
    });
    Effect::new(move |_| {
        let settled = run.with(|run| run.as_ref().is_none_or(|run| run.in_flight() == 0));
        ask(settled);
    });
    let status_header = match matrix {
        Matrix::Coverage => lang.pick("Alerting", "告警"),
        Matrix::Access => lang.pick("Teams", "团队"),
    };
    let headers = vec![
        Header::sorting(lang.pick("Project", "项目"), Column::Name),
        Header::sorting("ID", Column::Id),
        Header::plain(status_header),
    ];
    let SortHeaders { draw, row, clicked } = sort_headers(headers, sort);
    view! {
        <table class="results coverage-table" node_ref=table>
            <caption></caption>
            <thead on:click=clicked>
                <tr node_ref=row use:draw></tr>
            </thead>
            <tbody></tbody>
        </table>
    }
}

/// What the table is to show: which rows in which order, under which columns.
struct Drawn {
    matrix: Matrix,
    shown: Vec<usize>,
    /// Each column's key (a type, a team's ID) and header.
    columns: Vec<(String, String)>,
}

/// Brings the caption, the type headers and the body up to date, touching only what changed:
/// a row is built again when its project's state or the columns change, and the body is
/// refilled only when the rows or their order do, so that focus on a link stays.
fn fill(
    table: &Element,
    built: &mut BuiltRows,
    run: &Run,
    drawn: Drawn,
    lang: Lang,
    href: &dyn Fn(&str) -> String,
) -> Result<(), JsValue> {
    let Drawn {
        matrix,
        shown,
        columns,
    } = drawn;
    let [caption, thead, tbody] = element_children(table)?;
    let (total, shown_count) = (run.total() as u64, shown.len() as u64);
    let (total, shown_count) = (group_thousands(total), group_thousands(shown_count));
    let (en, zh) = match matrix {
        Matrix::Coverage => ("Integrations of each project", "各项目的集成"),
        Matrix::Access => ("Teams' roles in each project", "各项目中团队的角色"),
    };
    caption.set_text_content(Some(&lang.pick(
        format!("{en}: {shown_count} of {total} projects"),
        format!("{zh}：{total} 个项目中的 {shown_count} 个"),
    )));
    if built.columns != columns {
        let [header_row] = element_children(&thead)?;
        while header_row.child_element_count() > 3 {
            if let Some(last) = header_row.last_element_child() {
                last.remove();
            }
        }
        for (_, header) in &columns {
            let th = append_element(&header_row, "th", None)?;
            th.set_attribute("scope", "col")?;
            append_text(&th, header)?;
        }
        built.columns = columns;
        built.rows.clear();
    }
    built.rows.resize(run.total(), None);
    let mut trs = Vec::with_capacity(shown.len());
    // Positions in `trs` of the rows built again in this pass.
    let mut rebuilt = Vec::new();
    for &index in &shown {
        let Some(row) = run.rows().get(index) else {
            continue;
        };
        let tr = match &built.rows[index] {
            Some((version, tr)) if *version == row.version => tr.clone(),
            _ => {
                let tr = project_row(table, row, &built.columns, lang, &href(&row.id))?;
                built.rows[index] = Some((row.version, tr.clone()));
                rebuilt.push(trs.len());
                tr
            }
        };
        trs.push(tr);
    }
    // The same rows in the same order: only those built again change places with their old
    // selves. An answer changes one row; the other 139 stay in the DOM untouched.
    if shown == built.in_body_of && trs.len() == built.in_body.len() && !trs.is_empty() {
        for position in rebuilt {
            tbody.replace_child(&trs[position], &built.in_body[position])?;
        }
        built.in_body = trs;
        return Ok(());
    }
    let body = js_sys::Array::new();
    for tr in &trs {
        body.push(tr);
    }
    if trs.is_empty() {
        let tr = new_element(table, "tr")?;
        tr.set_class_name("empty");
        let td = append_element(&tr, "td", None)?;
        td.set_attribute("colspan", &(3 + built.columns.len()).to_string())?;
        let empty = if run.total() == 0 {
            lang.pick("This organization has no projects.", "此组织没有项目。")
        } else {
            lang.pick("No project matches.", "没有符合条件的项目。")
        };
        append_text(&td, empty)?;
        body.push(&tr);
    }
    tbody.replace_children_with_node(&body);
    built.in_body = trs;
    built.in_body_of = shown;
    Ok(())
}

fn new_element(near: &Element, tag: &str) -> Result<Element, JsValue> {
    near.owner_document()
        .ok_or(JsValue::NULL)?
        .create_element(tag)
}

/// `<tr><th scope="row"><a>name</a></th><td class="id-cell"><code>ID</code></td>
/// <td class="coverage-status">…</td>` then one cell per type:
/// `<td><span class="visually-hidden">PagerDuty: </span>EU</td>` (on the access matrix,
/// `Platform: Project Owner`), or one empty cell across them while the project is not read.
fn project_row(
    near: &Element,
    row: &ProjectRow,
    columns: &[(String, String)],
    lang: Lang,
    href: &str,
) -> Result<Element, JsValue> {
    let tr = new_element(near, "tr")?;
    tr.set_attribute("data-project-id", &row.id)?;
    match (&row.state, row.has_alerting()) {
        (_, Some(false)) => tr.set_class_name("no-alerting"),
        (ProjectState::Failed(_), _) => tr.set_class_name("failed"),
        _ => {}
    }
    let th = append_element(&tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    let link = append_element(&th, "a", None)?;
    link.set_attribute("href", href)?;
    append_text(&link, name_or_id(&row.name, &row.id))?;
    append_text(
        &append_element(&append_element(&tr, "td", Some("id-cell"))?, "code", None)?,
        &row.id,
    )?;
    append_text(
        &append_element(&tr, "td", Some("coverage-status"))?,
        &status_text(row, lang),
    )?;
    if !matches!(
        row.state,
        ProjectState::Read(_) | ProjectState::ReadTeams(_)
    ) {
        if !columns.is_empty() {
            append_element(&tr, "td", None)?
                .set_attribute("colspan", &columns.len().to_string())?;
        }
        return Ok(tr);
    }
    for (key, header) in columns {
        let mut unused = false;
        let (text, class) = match access::roles(row, key) {
            Some([]) => (access::cell_text(&[], lang), Some("coverage-none")),
            Some(roles) => {
                let owner = roles.iter().any(|role| role == "GROUP_OWNER");
                (access::cell_text(roles, lang), owner.then_some("owner"))
            }
            None => {
                let cell_of_kind = cell(row, key);
                let none = cell_of_kind == Cell::HasNot;
                unused = matches!(cell_of_kind, Cell::Has { unused: true, .. });
                (
                    cell_of_kind.text(lang).to_string(),
                    none.then_some("coverage-none"),
                )
            }
        };
        let td = append_element(&tr, "td", class)?;
        append_text(
            &append_element(&td, "span", Some("visually-hidden"))?,
            &lang.pick(format!("{header}: "), format!("{header}：")),
        )?;
        append_text(&td, &text)?;
        // In words, with a mark: not by colour alone.
        if unused {
            unused_note(&td, lang.pick("no alert uses it", "无告警使用"))?;
        }
    }
    Ok(tr)
}
