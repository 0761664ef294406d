//! The two result tables. Every value arrives as text and is rendered as text.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::types::{field_label, integration_type_name};
use crate::api::{Integration, Team};

#[component]
pub fn IntegrationsTable(caption: String, integrations: Vec<Integration>) -> impl IntoView {
    let rows = if integrations.is_empty() {
        view! { <EmptyRow columns=3 text="No integrations in this project"/> }.into_any()
    } else {
        integrations
            .into_iter()
            .map(|integration| view! { <IntegrationRow integration/> })
            .collect_view()
            .into_any()
    };
    view! {
        <table class="results">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Region"</th>
                    <th scope="col">"Settings"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn IntegrationRow(integration: Integration) -> impl IntoView {
    let name = integration_type_name(&integration.kind).to_string();
    let badge_class = format!(
        "badge badge-{}",
        integration.kind.to_ascii_lowercase().replace('_', "-")
    );
    view! {
        <tr>
            <th scope="row"><span class=badge_class>{name}</span></th>
            <td>{integration.region.unwrap_or_else(|| "—".to_string())}</td>
            <td>
                <dl class="settings">
                    {integration
                        .settings
                        .into_iter()
                        .map(|setting| view! { <dt>{field_label(&setting.name)}</dt><dd>{setting.value}</dd> })
                        .collect_view()}
                </dl>
            </td>
        </tr>
    }
}

/// One click handler on the table copies any team's ID: 500 rows need no 500 handlers.
#[component]
pub fn TeamsTable(caption: String, teams: Vec<Team>) -> impl IntoView {
    let copied = RwSignal::new(None::<String>);
    let rows = if teams.is_empty() {
        view! { <EmptyRow columns=2 text="No teams in this organization"/> }.into_any()
    } else {
        teams.into_iter().map(team_row).collect_view().into_any()
    };
    let copy = move |event: leptos::ev::MouseEvent| {
        let id = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.get_attribute("data-copy"));
        if let Some(id) = id {
            leptos::task::spawn_local(async move {
                let outcome = if copy_to_clipboard(&id).await {
                    format!("Copied ID {id}")
                } else {
                    format!("Could not copy ID {id}: select it and copy by hand")
                };
                copied.try_set(Some(outcome));
            });
        }
    };
    view! {
        <p class="copy-status" role="status">{move || copied.get()}</p>
        <table class="results">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"ID"</th>
                </tr>
            </thead>
            <tbody on:click=copy>{rows}</tbody>
        </table>
    }
}

fn team_row(team: Team) -> impl IntoView {
    let label = format!("Copy ID {}", team.id);
    view! {
        <tr>
            <th scope="row">{team.name}</th>
            <td class="id-cell">
                <code>{team.id.clone()}</code>
                " "
                <button type="button" class="button button-small" aria-label=label data-copy=team.id>
                    "Copy"
                </button>
            </td>
        </tr>
    }
}

#[component]
fn EmptyRow(columns: u8, text: &'static str) -> impl IntoView {
    view! {
        <tr class="empty">
            <td colspan=columns>{text}</td>
        </tr>
    }
}

async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(window.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}
