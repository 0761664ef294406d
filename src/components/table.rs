//! The two result tables. Every value arrives as text and is rendered as text.

use leptos::prelude::*;

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

#[component]
pub fn TeamsTable(caption: String, teams: Vec<Team>) -> impl IntoView {
    let rows = if teams.is_empty() {
        view! { <EmptyRow columns=2 text="No teams in this organization"/> }.into_any()
    } else {
        teams
            .into_iter()
            .map(|team| view! { <TeamRow team/> })
            .collect_view()
            .into_any()
    };
    view! {
        <table class="results">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"ID"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn TeamRow(team: Team) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{team.name}</th>
            <td class="id-cell"><code>{team.id.clone()}</code> <CopyButton text=team.id/></td>
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

/// Copies `text` to the clipboard, and says so.
#[component]
pub fn CopyButton(text: String) -> impl IntoView {
    let outcome = RwSignal::new(None::<&'static str>);
    let label = format!("Copy ID {text}");
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let copied = match web_sys::window() {
                Some(window) => wasm_bindgen_futures::JsFuture::from(
                    window.navigator().clipboard().write_text(&text),
                )
                .await
                .is_ok(),
                None => false,
            };
            outcome.try_set(Some(if copied { "Copied" } else { "Copy failed" }));
            set_timeout(
                move || {
                    outcome.try_set(None);
                },
                std::time::Duration::from_secs(2),
            );
        });
    };
    view! {
        <button type="button" class="button button-small" aria-label=label on:click=copy>
            {move || outcome.get().unwrap_or("Copy")}
        </button>
        <span class="visually-hidden" aria-live="polite">{move || outcome.get()}</span>
    }
}
