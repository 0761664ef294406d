//! The one table every list is drawn in, from its description: its header cells, and one row
//! per item. Every value arrives as text and is rendered as text, never as markup.
//!
//! The header is a view like any other; the body is built with plain DOM calls and no
//! reactive state, because a page may hold 500 rows and nothing in a row changes once drawn.
//! The row's fixed markup is built once from the columns and cloned per row: one call where
//! building is a dozen, each passing strings from WebAssembly to JavaScript
//! (`docs/performance.md`).

use leptos::html;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::browser::clock::{local_date, local_date_time};
use crate::browser::dom::{append_element, append_text, element_children};
use crate::components::copy::{copy_id_label, CopyStatus};
use crate::config::RuntimeConfig;
use crate::i18n::{format_locale, lang, Lang};
use crate::labels::{class_token, display_value, field_label, integration_type_name, role_names};
use crate::list::description::{Cell, ColumnDesc, ListDescription, Row, RowContext};
use crate::list::rows::{Column, Sort};
use crate::paging::group_thousands;

/// A list's rows in its table. `empty` is what it says when there are none (by default the
/// list's own words); `owner_id` is the page's owner and `org_id` the organization the rows'
/// teams belong to, when known, for the rows' links.
#[component]
pub fn ListTable(
    list: &'static ListDescription,
    caption: String,
    rows: Vec<Row>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    #[prop(default = None)] empty: Option<String>,
    /// The `<table>`, for whoever moves focus to it.
    #[prop(optional)]
    node_ref: NodeRef<html::Table>,
    #[prop(default = None)] owner_id: Option<String>,
    #[prop(default = None)] org_id: Option<String>,
) -> impl IntoView {
    let lang = lang();
    let context = RowContext {
        lang,
        locale: format_locale(lang),
        config: use_context::<RuntimeConfig>(),
        owner_id,
        org_id,
    };
    let sort = sort.unwrap_or_else(|| RwSignal::new(None));
    let empty = empty.unwrap_or_else(|| lang.pick(list.empty[0], list.empty[1]).to_string());
    let headers = list
        .columns
        .iter()
        .map(|column| {
            let label = lang.pick(column.header[0], column.header[1]);
            match &column.sort {
                Some((sorts, _)) => Header::sorting(label, *sorts),
                None => Header::plain(label),
            }
        })
        .collect();
    let columns = list.columns.len().to_string();
    let body = move |tbody: &Element| {
        // Every call is on elements made here, with fixed names: the DOM has no reason to refuse.
        let _ = fill_body(
            tbody,
            &columns,
            &empty,
            &rows,
            |tr| row_prototype(tr, list.columns, &context),
            |tr, row| fill_row(tr, list.columns, &context, row),
        );
    };
    results_table(caption, headers, sort, node_ref, lang, Box::new(body))
}

/// A row's fixed markup: a cell per column (the first the row's heading), each holding what
/// its kind always has.
fn row_prototype(
    tr: &Element,
    columns: &[ColumnDesc],
    context: &RowContext,
) -> Result<(), JsValue> {
    for (index, column) in columns.iter().enumerate() {
        let cell = if index == 0 {
            let th = append_element(tr, "th", column.class)?;
            th.set_attribute("scope", "row")?;
            th
        } else {
            append_element(tr, "td", column.class)?
        };
        match &column.cell {
            Cell::Badge(_) => drop(append_element(&cell, "span", None)?),
            Cell::Link { route, .. }
                if route(context, &Row::default()).is_some() && context.config.is_some() =>
            {
                drop(append_element(&cell, "a", None)?)
            }
            Cell::Id(_) => id_cell_prototype(&cell, context.lang)?,
            Cell::Time { .. } => drop(append_element(&cell, "time", None)?),
            Cell::Status(_) => {
                let status = append_element(&cell, "span", None)?;
                append_element(&status, "span", Some("status-mark"))?
                    .set_attribute("aria-hidden", "true")?;
            }
            Cell::Items { class, .. } => drop(append_element(&cell, "ul", Some(class))?),
            Cell::Settings { .. } => drop(append_element(&cell, "dl", Some("settings"))?),
            _ => {}
        }
    }
    Ok(())
}

/// Fills a copy of the prototype with `row`.
fn fill_row(
    tr: &Element,
    columns: &[ColumnDesc],
    context: &RowContext,
    row: &Row,
) -> Result<(), JsValue> {
    let lang = context.lang;
    let mut next = tr.first_element_child();
    for (index, column) in columns.iter().enumerate() {
        let Some(cell) = next else { break };
        // Each call crosses to JavaScript: none for the sibling after the last cell.
        next = (index + 1 < columns.len())
            .then(|| cell.next_element_sibling())
            .flatten();
        match &column.cell {
            Cell::Text(field, absent) => {
                cell.set_text_content(Some(row.opt_text(field).unwrap_or(absent)))
            }
            Cell::Words(words) => cell.set_text_content(Some(&words(row, lang))),
            Cell::Badge(field) => {
                let [badge] = element_children(&cell)?;
                let kind = row.text(field);
                badge.set_class_name(&format!("badge badge-{}", class_token(kind)));
                badge.set_text_content(Some(integration_type_name(kind)));
            }
            Cell::Link {
                text,
                fallback,
                route,
            } => match cell.first_element_child() {
                // A link needs words: the fallback (an ID) when there is no name.
                Some(link) => {
                    if let (Some(route), Some(config)) = (route(context, row), &context.config) {
                        link.set_attribute("href", &config.href(&route.href()))?;
                    }
                    let words = row.text(text);
                    let words = if words.is_empty() {
                        row.text(fallback)
                    } else {
                        words
                    };
                    link.set_text_content(Some(words));
                }
                None => {
                    let words = row.opt_text(text).unwrap_or_else(|| row.text(fallback));
                    append_text(&cell, words)?;
                }
            },
            Cell::Id(field) => fill_id_cell(&cell, lang, row.text(field))?,
            Cell::Count(field) => {
                let count = row.count(field).map(group_thousands);
                cell.set_text_content(Some(count.as_deref().unwrap_or("—")));
            }
            Cell::Time {
                field,
                date_only,
                absent,
            } => {
                let [time] = element_children(&cell)?;
                let locale = &context.locale;
                let absent = lang.pick(absent[0], absent[1]);
                let iso = row.opt_text(field);
                if *date_only {
                    fill_time(&time, iso, |iso| local_date(iso, locale), absent)?;
                } else {
                    fill_time(&time, iso, |iso| local_date_time(iso, locale), absent)?;
                }
            }
            Cell::Status(state) => {
                let (class, marked, word) = state(row, lang);
                fill_status(&cell, &class, marked, &word)?;
            }
            Cell::Roles(field) => cell.set_text_content(Some(&role_names(&row.texts(field), lang))),
            Cell::Items { field, text, .. } => {
                let [list] = element_children(&cell)?;
                if let Some(Value::Array(items)) = row.get(field) {
                    for item in items {
                        append_text(&append_element(&list, "li", None)?, &text(item, lang))?;
                    }
                }
            }
            Cell::Settings { id, rest } => {
                let [settings] = element_children(&cell)?;
                fill_settings(&settings, lang, row.opt_text(id), row.get(rest))?;
            }
            Cell::With(fill) => fill(&cell, context, row)?,
        }
    }
    Ok(())
}

/// `<dt>ID</dt><dd class="id-cell">` with its Copy button, then every remaining field by its
/// name and its value, as either language shows them.
fn fill_settings(
    settings: &Element,
    lang: Lang,
    id: Option<&str>,
    rest: Option<&Value>,
) -> Result<(), JsValue> {
    if let Some(id) = id {
        append_text(&append_element(settings, "dt", None)?, "ID")?;
        let cell = append_element(settings, "dd", Some("id-cell"))?;
        id_cell_prototype(&cell, lang)?;
        fill_id_cell(&cell, lang, id)?;
    }
    if let Some(Value::Object(fields)) = rest {
        for (name, value) in fields {
            append_text(
                &append_element(settings, "dt", None)?,
                &field_label(name, lang),
            )?;
            append_text(
                &append_element(settings, "dd", None)?,
                &display_value(value, lang),
            )?;
        }
    }
    Ok(())
}

/// Fills a state cell: `status status-{class}`, `word`,
/// and the visible "!" when the state is `marked`: not told by colour alone.
fn fill_status(cell: &Element, class: &str, marked: bool, word: &str) -> Result<(), JsValue> {
    let [status] = element_children(cell)?;
    let [mark] = element_children(&status)?;
    status.set_class_name(&format!("status status-{class}"));
    mark.set_text_content(Some(if marked { "!" } else { "" }));
    append_text(&status, word)
}

/// A `<time>`: Atlas's ISO 8601 value in `datetime`, written the reader's way by `local`
/// (Atlas's own text when it is no time), or `absent` when there is none.
fn fill_time(
    time: &Element,
    iso: Option<&str>,
    local: impl Fn(&str) -> Option<String>,
    absent: &str,
) -> Result<(), JsValue> {
    match iso {
        Some(iso) => match local(iso) {
            Some(text) => {
                time.set_attribute("datetime", iso)?;
                time.set_text_content(Some(&text));
            }
            None => time.set_text_content(Some(iso)),
        },
        None => time.set_text_content(Some(absent)),
    }
    Ok(())
}

/// `<code></code> <button type="button">Copy</button>`: an ID and its Copy button, which the
/// table's one click handler serves.
fn id_cell_prototype(cell: &Element, lang: Lang) -> Result<(), JsValue> {
    append_element(cell, "code", None)?;
    append_text(cell, " ")?;
    let button = append_element(cell, "button", Some("button button-small"))?;
    button.set_attribute("type", "button")?;
    append_text(&button, lang.pick("Copy", "复制"))
}

/// The button copies the `<code>` beside it (`CopyStatus::copy_clicked`).
fn fill_id_cell(cell: &Element, lang: Lang, id: &str) -> Result<(), JsValue> {
    let [code, button] = element_children(cell)?;
    code.set_text_content(Some(id));
    button.set_attribute("aria-label", &copy_id_label(lang, id))
}

/// Replaces the body's rows with one `<tr>` per row, each a copy of the prototype filled in,
/// or with one row that says there are none.
fn fill_body<R>(
    tbody: &Element,
    columns: &str,
    empty: &str,
    rows: &[R],
    prototype: impl Fn(&Element) -> Result<(), JsValue>,
    fill: impl Fn(&Element, &R) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    tbody.set_text_content(None);
    if rows.is_empty() {
        let td = append_element(&append_element(tbody, "tr", Some("empty"))?, "td", None)?;
        td.set_attribute("colspan", columns)?;
        append_text(&td, empty)?;
        return Ok(());
    }
    // The prototype is built where a row goes, then taken out to be copied from.
    let first = append_element(tbody, "tr", None)?;
    prototype(&first)?;
    let first = tbody.remove_child(&first)?;
    for row in rows {
        let tr: Element = first.clone_node_with_deep(true)?.unchecked_into();
        fill(&tr, row)?;
        tbody.append_child(&tr)?;
    }
    Ok(())
}

/// A column's header: its words, and the column it sorts by, if it sorts.
pub struct Header {
    label: &'static str,
    sorts: Option<Column>,
}

impl Header {
    pub fn sorting(label: &'static str, column: Column) -> Header {
        Header {
            label,
            sorts: Some(column),
        }
    }

    pub fn plain(label: &'static str) -> Header {
        Header { label, sorts: None }
    }
}

/// The one table every list is drawn in: its caption, its headers, and a body that `fill`
/// draws with plain DOM calls. One view for every list, with the body behind a `Box`, keeps
/// one build of it in the bundle rather than one per list. One click handler on the body
/// copies any row's ID: 500 rows need no 500 handlers.
fn results_table(
    caption: String,
    headers: Vec<Header>,
    sort: RwSignal<Option<Sort>>,
    node_ref: NodeRef<html::Table>,
    lang: Lang,
    fill: Box<dyn Fn(&Element)>,
) -> impl IntoView {
    let copy = CopyStatus::current().copy_clicked(lang);
    let SortHeaders { draw, row, clicked } = sort_headers(headers, sort);
    let body = move |tbody: Element| fill(&tbody);
    view! {
        <table class="results" tabindex="-1" node_ref=node_ref>
            <caption>{caption}</caption>
            <thead on:click=clicked>
                <tr node_ref=row use:draw></tr>
            </thead>
            <tbody on:click=copy use:body></tbody>
        </table>
    }
}

/// A table's header row, drawn with plain DOM calls: one build for every table's headers,
/// where a view per header costs its own (`docs/performance.md`).
pub struct SortHeaders<D, C> {
    /// The row's directive: draws `<th scope="col">` each, a sorting one holding
    /// `<button class="sort" data-column="…">label<span class="sort-mark"></span></button>`.
    pub draw: D,
    /// The row, into whose cells the sort in force is written (`aria-sort`, the marks).
    pub row: NodeRef<html::Tr>,
    /// The `<thead>`'s click handler: sorts by the column of the button clicked.
    pub clicked: C,
}

pub fn sort_headers(
    headers: Vec<Header>,
    sort: RwSignal<Option<Sort>>,
) -> SortHeaders<impl Fn(Element) + 'static, impl Fn(leptos::ev::MouseEvent) + 'static> {
    let row = NodeRef::<html::Tr>::new();
    let columns: Vec<Option<Column>> = headers.iter().map(|header| header.sorts).collect();
    let headers = StoredValue::new(headers);
    // Every call is on elements made here, with fixed names: the DOM has no reason to refuse.
    let draw = move |row: Element| {
        headers.with_value(|headers| draw_headers(&row, headers, sort.get_untracked()).ok());
    };
    Effect::new(move |_| {
        let current = sort.get();
        let Some(row) = row.get() else { return };
        headers.with_value(|headers| draw_headers(&row, headers, current).ok());
    });
    let clicked = move |event: leptos::ev::MouseEvent| {
        let column = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("button.sort").ok().flatten())
            .and_then(|button| button.get_attribute("data-column"))
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| columns.get(index).copied().flatten());
        if let Some(column) = column {
            sort.update(|current| *current = Some(Sort::after_click(*current, column)));
        }
    };
    SortHeaders { draw, row, clicked }
}

/// Draws the header cells the first time, then writes `current` into them.
fn draw_headers(row: &Element, headers: &[Header], current: Option<Sort>) -> Result<(), JsValue> {
    if row.child_element_count() == 0 {
        for (index, header) in headers.iter().enumerate() {
            let th = append_element(row, "th", None)?;
            th.set_attribute("scope", "col")?;
            if header.sorts.is_none() {
                append_text(&th, header.label)?;
                continue;
            }
            let button = append_element(&th, "button", Some("sort"))?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-column", &index.to_string())?;
            append_text(&button, header.label)?;
            append_element(&button, "span", Some("sort-mark"))?
                .set_attribute("aria-hidden", "true")?;
        }
    }
    let mut th = row.first_element_child();
    for header in headers {
        let Some(cell) = th else { break };
        if let Some(column) = header.sorts {
            let state = Sort::aria(current, column);
            cell.set_attribute("aria-sort", state)?;
            if let Some(mark) = cell.query_selector(".sort-mark")? {
                mark.set_text_content(Some(match state {
                    "ascending" => "▲",
                    "descending" => "▼",
                    _ => "",
                }));
            }
        }
        th = cell.next_element_sibling();
    }
    Ok(())
}
