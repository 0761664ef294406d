//! The coverage table: one row per project, one column per integration type. As in the list
//! tables, the body is plain DOM with every upstream value set as text; a row is built again
//! only when its project's state or the columns have changed, so that 140 answers do not
//! rebuild 140 rows each.

use std::collections::HashMap;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::dom::{append_element, append_text};
use crate::components::table::SortHeader;
use crate::config::RuntimeConfig;
use crate::coverage::report::{cell, status_text, Cell};
use crate::coverage::run::{ProjectRow, ProjectState, Run};
use crate::i18n::{lang, Lang};
use crate::labels::integration_type_name;
use crate::list::rows::{Column, Sort};
use crate::router::Route;

/// The rows built so far, by project index and the version they show, for the columns they
/// were built with.
#[derive(Default)]
struct BuiltRows {
    columns: Vec<String>,
    rows: HashMap<usize, (u32, Element)>,
}

#[component]
pub fn CoverageTable(
    caption: Signal<String>,
    run: RwSignal<Option<Run>>,
    /// The indices of the rows to show, in order.
    shown: Memo<Vec<usize>>,
    columns: Memo<Vec<String>>,
    sort: RwSignal<Option<Sort>>,
) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let tbody = NodeRef::<html::Tbody>::new();
    let built = StoredValue::new_local(BuiltRows::default());
    Effect::new(move |_| {
        let Some(tbody) = tbody.get() else { return };
        let columns = columns.get();
        let shown = shown.get();
        run.with(|run| {
            let Some(run) = run else { return };
            built.update_value(|built| {
                // Every call is on elements made here: the DOM has no reason to refuse.
                let _ = fill(&tbody, built, run, &shown, &columns, lang, &|id| {
                    config.href(&Route::Integrations(id.to_string()).href())
                });
            });
        });
    });
    let type_headers = move || {
        columns
            .get()
            .into_iter()
            .map(|kind| view! { <th scope="col">{integration_type_name(&kind).to_string()}</th> })
            .collect_view()
    };
    view! {
        <table class="results coverage-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <SortHeader label=lang.pick("Project", "项目") column=Column::Name sort/>
                    <SortHeader label="ID" column=Column::Id sort/>
                    <th scope="col">{lang.pick("Alerting", "告警")}</th>
                    {type_headers}
                </tr>
            </thead>
            <tbody node_ref=tbody></tbody>
        </table>
    }
}

fn fill(
    tbody: &Element,
    built: &mut BuiltRows,
    run: &Run,
    shown: &[usize],
    columns: &[String],
    lang: Lang,
    href: &dyn Fn(&str) -> String,
) -> Result<(), JsValue> {
    if built.columns != columns {
        built.columns = columns.to_vec();
        built.rows.clear();
    }
    let trs = js_sys::Array::new();
    for &index in shown {
        let Some(row) = run.rows().get(index) else {
            continue;
        };
        let tr = match built.rows.get(&index) {
            Some((version, tr)) if *version == row.version => tr.clone(),
            _ => {
                let tr = project_row(tbody, row, columns, lang, &href(&row.id))?;
                built.rows.insert(index, (row.version, tr.clone()));
                tr
            }
        };
        trs.push(&tr);
    }
    if shown.is_empty() {
        let tr = new_element(tbody, "tr")?;
        tr.set_class_name("empty");
        let td = append_element(&tr, "td", None)?;
        td.set_attribute("colspan", &(3 + columns.len()).to_string())?;
        let empty = if run.total() == 0 {
            lang.pick("This organization has no projects.", "此组织没有项目。")
        } else {
            lang.pick("No project matches.", "没有符合条件的项目。")
        };
        append_text(&td, empty)?;
        trs.push(&tr);
    }
    tbody.replace_children_with_node(&trs);
    Ok(())
}

fn new_element(near: &Element, tag: &str) -> Result<Element, JsValue> {
    near.owner_document()
        .ok_or(JsValue::NULL)?
        .create_element(tag)
}

/// `<tr><th scope="row"><a>name</a></th><td class="id-cell"><code>ID</code></td>
/// <td class="coverage-status">…</td>` then one cell per type:
/// `<td><span class="visually-hidden">PagerDuty: </span>EU</td>`, or one empty cell across
/// them while the project is not read.
fn project_row(
    near: &Element,
    row: &ProjectRow,
    columns: &[String],
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
    // A link needs words: a project without a name is named by its ID.
    append_text(
        &link,
        if row.name.is_empty() {
            &row.id
        } else {
            &row.name
        },
    )?;
    append_text(
        &append_element(&append_element(&tr, "td", Some("id-cell"))?, "code", None)?,
        &row.id,
    )?;
    append_text(
        &append_element(&tr, "td", Some("coverage-status"))?,
        &status_text(row, lang),
    )?;
    if !matches!(row.state, ProjectState::Read(_)) {
        if !columns.is_empty() {
            append_element(&tr, "td", None)?
                .set_attribute("colspan", &columns.len().to_string())?;
        }
        return Ok(tr);
    }
    for kind in columns {
        let cell_of_kind = cell(row, kind);
        let td = append_element(&tr, "td", None)?;
        if cell_of_kind == Cell::HasNot {
            td.set_class_name("coverage-none");
        }
        append_text(
            &append_element(&td, "span", Some("visually-hidden"))?,
            &Cell::spoken_prefix(kind, lang),
        )?;
        append_text(&td, cell_of_kind.text(lang))?;
    }
    Ok(tr)
}
