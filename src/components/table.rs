//! The two result tables. Every value arrives as text and is rendered as text.

use leptos::prelude::*;

use crate::api::types::{display_value, field_label, integration_type_name};
use crate::api::{Integration, Team};
use crate::components::copy::{row_copy_button, CopyStatus};
use crate::i18n::{lang, Lang};
use crate::rows::{Column, Sort};

#[component]
pub fn IntegrationsTable(
    caption: String,
    integrations: Vec<Integration>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the project has no integrations.
    #[prop(default = None)]
    empty: Option<String>,
) -> impl IntoView {
    let lang = lang();
    let sort = sort.unwrap_or_else(|| RwSignal::new(None));
    let copy = CopyStatus::current().copy_clicked(lang);
    let rows = if integrations.is_empty() {
        let text = empty.unwrap_or_else(|| {
            lang.pick("No integrations in this project", "此项目没有集成")
                .to_string()
        });
        view! { <EmptyRow columns=3 text/> }.into_any()
    } else {
        integrations
            .into_iter()
            .map(|integration| integration_row(lang, integration))
            .collect_view()
            .into_any()
    };
    view! {
        <table class="results" tabindex="-1">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <SortHeader label=lang.pick("Type", "类型") column=Column::Type sort/>
                    <SortHeader label=lang.pick("Region", "区域") column=Column::Region sort/>
                    <th scope="col">{lang.pick("Settings", "设置")}</th>
                </tr>
            </thead>
            <tbody on:click=copy>{rows}</tbody>
        </table>
    }
}

fn integration_row(lang: Lang, integration: Integration) -> impl IntoView {
    let name = integration_type_name(&integration.kind).to_string();
    // Upstream text in a class attribute: only letters, digits and dashes, one token.
    let badge_kind: String = integration
        .kind
        .chars()
        .filter_map(|ch| match ch {
            'a'..='z' | '0'..='9' => Some(ch),
            'A'..='Z' => Some(ch.to_ascii_lowercase()),
            _ => Some('-'),
        })
        .collect();
    let badge_class = format!("badge badge-{badge_kind}");
    let id = integration.id.map(|id| {
        view! {
            <dt>"ID"</dt>
            <dd class="id-cell"><code>{id.clone()}</code> " " {row_copy_button(lang, id)}</dd>
        }
    });
    view! {
        <tr>
            <th scope="row"><span class=badge_class>{name}</span></th>
            <td class="region">{integration.region.unwrap_or_else(|| "—".to_string())}</td>
            <td>
                <dl class="settings">
                    {id}
                    {integration
                        .settings
                        .into_iter()
                        .map(|setting| {
                            view! {
                                <dt>{field_label(&setting.name, lang)}</dt>
                                <dd>{display_value(&setting.value, lang)}</dd>
                            }
                        })
                        .collect_view()}
                </dl>
            </td>
        </tr>
    }
}

/// One click handler on the table copies any team's ID: 500 rows need no 500 handlers.
#[component]
pub fn TeamsTable(
    caption: String,
    teams: Vec<Team>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the organization has no teams.
    #[prop(default = None)]
    empty: Option<String>,
) -> impl IntoView {
    let lang = lang();
    let sort = sort.unwrap_or_else(|| RwSignal::new(None));
    let copy = CopyStatus::current().copy_clicked(lang);
    let rows = if teams.is_empty() {
        let text = empty.unwrap_or_else(|| {
            lang.pick("No teams in this organization", "此组织没有团队")
                .to_string()
        });
        view! { <EmptyRow columns=2 text/> }.into_any()
    } else {
        teams
            .into_iter()
            .map(|team| team_row(lang, team))
            .collect_view()
            .into_any()
    };
    view! {
        <table class="results" tabindex="-1">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <SortHeader label=lang.pick("Name", "名称") column=Column::Name sort/>
                    <SortHeader label="ID" column=Column::Id sort/>
                </tr>
            </thead>
            <tbody on:click=copy>{rows}</tbody>
        </table>
    }
}

fn team_row(lang: Lang, team: Team) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{team.name}</th>
            <td class="id-cell">
                <code>{team.id.clone()}</code>
                " "
                {row_copy_button(lang, team.id)}
            </td>
        </tr>
    }
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

#[component]
fn EmptyRow(columns: u8, text: String) -> impl IntoView {
    view! {
        <tr class="empty">
            <td colspan=columns>{text}</td>
        </tr>
    }
}
