use leptos::prelude::*;

use super::integrations::integrations_page_path;
use super::teams::teams_page_path;
use crate::components::id_form::{IdForm, Suggestion};
use crate::config::{KnownId, RuntimeConfig};
use crate::recent::{recent_ids, RecentKind};

/// The IDs this site's configuration names, then the ones this browser opened lately.
fn suggestions(known: &[KnownId], kind: RecentKind) -> Vec<Suggestion> {
    let mut suggestions: Vec<Suggestion> = known
        .iter()
        .map(|known| Suggestion {
            id: known.id.clone(),
            label: known.label.clone(),
        })
        .collect();
    for id in recent_ids(kind) {
        if !suggestions.iter().any(|s| s.id == id) {
            suggestions.push(Suggestion {
                id,
                label: "Recently opened".to_string(),
            });
        }
    }
    suggestions
}

#[component]
pub fn HomePage() -> impl IntoView {
    let config = expect_context::<RuntimeConfig>();
    view! {
        <section class="home">
            <h1>"Look at an Atlas estate"</h1>
            <p class="lede">"Read-only: nothing here can change Atlas. Secrets are always masked."</p>
            <div class="home-forms">
                <div class="card">
                    <h2>"Integrations of a project"</h2>
                    <IdForm
                        label="Project ID"
                        input_id="project-id"
                        page_for=integrations_page_path
                        suggestions=suggestions(&config.site.projects, RecentKind::Projects)
                    />
                </div>
                <div class="card">
                    <h2>"Teams of an organization"</h2>
                    <IdForm
                        label="Organization ID"
                        input_id="org-id"
                        page_for=teams_page_path
                        suggestions=suggestions(&config.site.orgs, RecentKind::Orgs)
                    />
                </div>
            </div>
        </section>
    }
}
