//! `/orgs/{orgId}`: an organization by its name, the ways into its lists, and its projects
//! found by name.

use atlas_panel_common::endpoint::{List, Owner};
use atlas_panel_common::id::is_atlas_id;
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::copy::{CopyIdButton, CopyStatus, CopyStatusLine};
use crate::components::id_form::BadOrgIdPage;
use crate::components::project_finder::ProjectFinder;
use crate::config::RuntimeConfig;
use crate::estate::use_owner_names;
use crate::i18n::lang;
use crate::recent::remember;
use crate::router::Route;

#[component]
pub fn OrgPage(org_id: String) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let organization = lang.pick("Organization", "组织");
    if !is_atlas_id(&org_id) {
        return Either::Left(view! { <BadOrgIdPage class="org-page" title=organization org_id/> });
    }
    CopyStatus::provide();
    remember(Owner::Organization, &org_id);
    let names = use_owner_names(Owner::Organization, &org_id);
    let heading = move || names().name.unwrap_or(organization.to_string());
    let link = |route: Route, label: &'static str| {
        view! { <li><a href=config.href(&route.href())>{label}</a></li> }
    };
    Either::Right(view! {
    <section class="org-page">
        <div class="page-title">
            <h1>{heading} " " <code class="owner-id">{org_id.clone()}</code></h1>
            <CopyIdButton id=org_id.clone() class="copy-owner"/>
        </div>
        <CopyStatusLine/>
        <nav aria-label=lang.pick("This organization's lists", "此组织的列表")>
            <ul class="org-links">
                {link(Route::List(List::Projects, vec![org_id.clone()]), lang.pick("Projects", "项目"))}
                {link(Route::List(List::Teams, vec![org_id.clone()]), lang.pick("Teams", "团队"))}
                {link(Route::Coverage(org_id.clone()), lang.pick("Integration coverage", "集成覆盖情况"))}
                {link(Route::Access(org_id.clone()), lang.pick("Access", "访问权限"))}
                {link(Route::OrgChanges(org_id.clone()), lang.pick("Changes", "变更"))}
            </ul>
        </nav>
        <ProjectFinder org_id/>
    </section>
    })
}
