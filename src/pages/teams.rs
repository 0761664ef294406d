use leptos::prelude::*;

use super::list::{ListKind, ListPage, TableParts};
use crate::api::client::teams_path;
use crate::api::Team;
use crate::components::table::TeamsTable;
use crate::recent::RecentKind;

static TEAMS: ListKind<Team> = ListKind {
    name: "teams",
    title: ["Teams", "团队"],
    owner: ["organization", "组织"],
    param: "org_id",
    recent: RecentKind::Orgs,
    api_path: teams_path,
    table: |TableParts {
                caption,
                rows,
                sort,
                empty,
            }| view! { <TeamsTable caption teams=rows sort empty/> }.into_any(),
};

/// `/orgs/{orgId}/teams`
#[component]
pub fn TeamsPage() -> impl IntoView {
    view! { <ListPage kind=&TEAMS/> }
}

pub fn teams_page_path(org_id: &str) -> String {
    format!("/orgs/{org_id}/teams")
}
