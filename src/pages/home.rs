use atlas_panel_common::endpoint::{List, Owner};
use leptos::prelude::*;

use crate::components::id_form::{IdForm, Suggestion};
use crate::components::org_directory::OrgDirectory;
use crate::config::{KnownId, RuntimeConfig};
use crate::estate::Estate;
use crate::i18n::lang;
use crate::recent::recent_ids;

/// The IDs this site's configuration names, then the ones this browser opened lately.
fn suggestions(known: &[KnownId], owner: Owner) -> Vec<Suggestion> {
    let mut suggestions: Vec<Suggestion> = known
        .iter()
        .map(|known| Suggestion {
            id: known.id.clone(),
            label: Some(known.label.clone()),
        })
        .collect();
    for id in recent_ids(owner) {
        if !suggestions.iter().any(|s| s.id == id) {
            suggestions.push(Suggestion { id, label: None });
        }
    }
    suggestions
}

#[component]
pub fn HomePage() -> impl IntoView {
    let config = expect_context::<RuntimeConfig>();
    let lang = lang();
    let estate = Estate::current();
    let orgs = estate.orgs(&config);
    let retry = {
        let config = config.clone();
        Callback::new(move |()| estate.retry(&config))
    };
    view! {
        <section class="home">
            <h1>{lang.pick("Look at an Atlas estate", "查看 Atlas 资源")}</h1>
            <p class="lede">{lang.pick("Read-only: nothing here can change Atlas. Secrets are always masked.", "只读：这里的任何操作都不会更改 Atlas。密钥始终以掩码显示。")}</p>
            <OrgDirectory orgs on_retry=retry/>
            <div class="home-forms">
                <div class="card">
                    <h2>{lang.pick("Integrations of a project", "项目的集成")}</h2>
                    <IdForm
                        label=lang.pick("Project ID", "项目 ID")
                        input_id="project-id"
                        page_for=List::Integrations
                        suggestions=suggestions(&config.site.projects, Owner::Project)
                    />
                </div>
                <div class="card">
                    <h2>{lang.pick("Teams of an organization", "组织的团队")}</h2>
                    <IdForm
                        label=lang.pick("Organization ID", "组织 ID")
                        input_id="org-id"
                        page_for=List::Teams
                        suggestions=suggestions(&config.site.orgs, Owner::Organization)
                    />
                </div>
            </div>
        </section>
    }
}
