//! The result tables. Every value arrives as text and is rendered as text.
//!
//! The header is a view like any other; the body is built with plain DOM calls and no
//! reactive state, because a page may hold 500 rows and nothing in a row changes once drawn.
//! Each table builds its row's fixed markup once and clones it per row: one call where
//! building is a dozen, each passing strings from WebAssembly to JavaScript
//! (`docs/performance.md`). Text goes in as text, never as markup.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::api::{Integration, Project, Rows, Team};
use crate::browser::clock::local_date;
use crate::browser::dom::{append_element, append_text, element_children};
use crate::components::copy::{copy_id_label, CopyStatus};
use crate::config::RuntimeConfig;
use crate::i18n::{format_locale, lang, Lang};
use crate::labels::{display_value, field_label, integration_type_name};
use crate::list::rows::{Column, Sort};
use crate::paging::group_thousands;
use crate::router::Route;

/// The table that shows these rows; `empty` is what it says when there are none.
pub fn rows_table(
    rows: Rows,
    caption: String,
    sort: RwSignal<Option<Sort>>,
    empty: Option<String>,
    node_ref: NodeRef<html::Table>,
) -> AnyView {
    match rows {
        Rows::Integrations(integrations) => {
            view! { <IntegrationsTable caption integrations sort empty node_ref/> }.into_any()
        }
        Rows::Teams(teams) => view! { <TeamsTable caption teams sort empty node_ref/> }.into_any(),
        Rows::Projects(projects) => {
            view! { <ProjectsTable caption projects sort empty node_ref/> }.into_any()
        }
    }
}

#[component]
pub fn IntegrationsTable(
    caption: String,
    integrations: Vec<Integration>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the project has no integrations.
    #[prop(default = None)]
    empty: Option<String>,
    /// The `<table>`, for whoever moves focus to it.
    #[prop(optional)]
    node_ref: NodeRef<html::Table>,
) -> impl IntoView {
    let lang = lang();
    let sort = sort.unwrap_or_else(|| RwSignal::new(None));
    let copy = CopyStatus::current().copy_clicked(lang);
    let empty = empty.unwrap_or_else(|| {
        lang.pick("No integrations in this project", "此项目没有集成")
            .to_string()
    });
    let body = move |tbody: Element| {
        // Every call is on elements made here, with fixed names: the DOM has no reason to refuse.
        let _ = fill_body(
            &tbody,
            "3",
            &empty,
            &integrations,
            integration_prototype,
            |tr, integration| integration_row(tr, lang, integration),
        );
    };
    view! {
        <table class="results" tabindex="-1" node_ref=node_ref>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <SortHeader label=lang.pick("Type", "类型") column=Column::Type sort/>
                    <SortHeader label=lang.pick("Region", "区域") column=Column::Region sort/>
                    <th scope="col">{lang.pick("Settings", "设置")}</th>
                </tr>
            </thead>
            <tbody on:click=copy use:body></tbody>
        </table>
    }
}

/// `<th scope="row"><span class="badge"></span></th><td class="region"></td><td><dl class="settings"></dl></td>`
fn integration_prototype(tr: &Element) -> Result<(), JsValue> {
    let th = append_element(tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    append_element(&th, "span", None)?;
    append_element(tr, "td", Some("region"))?;
    append_element(&append_element(tr, "td", None)?, "dl", Some("settings"))?;
    Ok(())
}

/// Fills a copy of the prototype: the type's badge, the region, then every setting.
fn integration_row(tr: &Element, lang: Lang, integration: &Integration) -> Result<(), JsValue> {
    // Upstream text in a class attribute: only letters, digits and dashes, one token.
    let badge_kind: String = integration
        .kind
        .chars()
        .map(|ch| match ch {
            'a'..='z' | '0'..='9' => ch,
            'A'..='Z' => ch.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let [th, region, settings_cell] = element_children(tr)?;
    let [badge] = element_children(&th)?;
    let [settings] = element_children(&settings_cell)?;
    badge.set_class_name(&format!("badge badge-{badge_kind}"));
    badge.set_text_content(Some(integration_type_name(&integration.kind)));
    region.set_text_content(Some(integration.region.as_deref().unwrap_or("—")));
    if let Some(id) = &integration.id {
        append_text(&append_element(&settings, "dt", None)?, "ID")?;
        let cell = append_element(&settings, "dd", Some("id-cell"))?;
        id_cell_prototype(&cell, lang)?;
        fill_id_cell(&cell, lang, id)?;
    }
    for setting in &integration.settings {
        append_text(
            &append_element(&settings, "dt", None)?,
            &field_label(&setting.name, lang),
        )?;
        append_text(
            &append_element(&settings, "dd", None)?,
            &display_value(&setting.value, lang),
        )?;
    }
    Ok(())
}

/// One click handler on the table copies any row's ID: 500 rows need no 500 handlers.
#[component]
pub fn TeamsTable(
    caption: String,
    teams: Vec<Team>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the organization has no teams.
    #[prop(default = None)]
    empty: Option<String>,
    #[prop(optional)] node_ref: NodeRef<html::Table>,
) -> impl IntoView {
    let lang = lang();
    let sort = sort.unwrap_or_else(|| RwSignal::new(None));
    let copy = CopyStatus::current().copy_clicked(lang);
    let empty = empty.unwrap_or_else(|| {
        lang.pick("No teams in this organization", "此组织没有团队")
            .to_string()
    });
    let body = move |tbody: Element| {
        let _ = fill_body(
            &tbody,
            "2",
            &empty,
            &teams,
            |tr| team_prototype(tr, lang),
            |tr, team| team_row(tr, lang, team),
        );
    };
    view! {
        <table class="results" tabindex="-1" node_ref=node_ref>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <SortHeader label=lang.pick("Name", "名称") column=Column::Name sort/>
                    <SortHeader label="ID" column=Column::Id sort/>
                </tr>
            </thead>
            <tbody on:click=copy use:body></tbody>
        </table>
    }
}

/// `<th scope="row"></th><td class="id-cell"><code></code> <button>Copy</button></td>`
fn team_prototype(tr: &Element, lang: Lang) -> Result<(), JsValue> {
    let th = append_element(tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    id_cell_prototype(&append_element(tr, "td", Some("id-cell"))?, lang)
}

/// Fills a copy of the prototype: the team's name, its ID and the ID's Copy button.
fn team_row(tr: &Element, lang: Lang, team: &Team) -> Result<(), JsValue> {
    let [th, id_cell] = element_children(tr)?;
    th.set_text_content(Some(&team.name));
    fill_id_cell(&id_cell, lang, &team.id)
}

/// An organization's projects, each named by a link to its integrations.
#[component]
pub fn ProjectsTable(
    caption: String,
    projects: Vec<Project>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the organization has no projects.
    #[prop(default = None)]
    empty: Option<String>,
    #[prop(optional)] node_ref: NodeRef<html::Table>,
) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let locale = format_locale(lang);
    let sort = sort.unwrap_or_else(|| RwSignal::new(None));
    let copy = CopyStatus::current().copy_clicked(lang);
    let empty = empty.unwrap_or_else(|| {
        lang.pick("No projects in this organization", "此组织没有项目")
            .to_string()
    });
    let body = move |tbody: Element| {
        let _ = fill_body(
            &tbody,
            "4",
            &empty,
            &projects,
            |tr| project_prototype(tr, lang),
            |tr, project| {
                let href = config.href(&Route::Integrations(project.id.clone()).href());
                project_row(tr, lang, &locale, &href, project)
            },
        );
    };
    view! {
        <table class="results" tabindex="-1" node_ref=node_ref>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <SortHeader label=lang.pick("Name", "名称") column=Column::Name sort/>
                    <SortHeader label="ID" column=Column::Id sort/>
                    <SortHeader label=lang.pick("Clusters", "集群") column=Column::Clusters sort/>
                    <SortHeader label=lang.pick("Created", "创建时间") column=Column::Created sort/>
                </tr>
            </thead>
            <tbody on:click=copy use:body></tbody>
        </table>
    }
}

/// `<th scope="row"><a></a></th><td class="id-cell">…</td><td></td><td><time></time></td>`
fn project_prototype(tr: &Element, lang: Lang) -> Result<(), JsValue> {
    let th = append_element(tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    append_element(&th, "a", None)?;
    id_cell_prototype(&append_element(tr, "td", Some("id-cell"))?, lang)?;
    append_element(tr, "td", None)?;
    append_element(&append_element(tr, "td", None)?, "time", None)?;
    Ok(())
}

/// Fills a copy of the prototype: the name's link, the ID, the clusters, the creation date in
/// the reader's language (Atlas's own text when it is no date).
fn project_row(
    tr: &Element,
    lang: Lang,
    locale: &str,
    href: &str,
    project: &Project,
) -> Result<(), JsValue> {
    let [name_cell, id_cell, clusters, created_cell] = element_children(tr)?;
    let [link] = element_children(&name_cell)?;
    let [time] = element_children(&created_cell)?;
    link.set_attribute("href", href)?;
    // A link needs words: a project without a name is named by its ID.
    let name = match project.name.as_str() {
        "" => &project.id,
        name => name,
    };
    link.set_text_content(Some(name));
    fill_id_cell(&id_cell, lang, &project.id)?;
    let count = project.cluster_count.map(group_thousands);
    clusters.set_text_content(Some(count.as_deref().unwrap_or("—")));
    match project.created.as_deref() {
        Some(created) => match local_date(created, locale) {
            Some(date) => {
                time.set_attribute("datetime", created)?;
                time.set_text_content(Some(&date));
            }
            None => time.set_text_content(Some(created)),
        },
        None => time.set_text_content(Some("—")),
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

fn fill_id_cell(cell: &Element, lang: Lang, id: &str) -> Result<(), JsValue> {
    let [code, button] = element_children(cell)?;
    code.set_text_content(Some(id));
    button.set_attribute("aria-label", &copy_id_label(lang, id))?;
    button.set_attribute("data-copy", id)
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

/// A column header that sorts the table by its column, and says so in `aria-sort`.
#[component]
fn SortHeader(label: &'static str, column: Column, sort: RwSignal<Option<Sort>>) -> impl IntoView {
    let state = move || Sort::aria(sort.get(), column);
    let mark = move || match state() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=state>
            <button
                type="button"
                class="sort"
                on:click=move |_| sort.update(|current| *current = Some(Sort::after_click(*current, column)))
            >
                {label}
                <span class="sort-mark" aria-hidden="true">{mark}</span>
            </button>
        </th>
    }
}
