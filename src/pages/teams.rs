use leptos::prelude::*;

use super::list::{ListKind, ListPage};
use crate::api::client::teams_path;
use crate::recent::RecentKind;
use crate::rows::Rows;

static TEAMS: ListKind = ListKind {
    name: "teams",
    title: ["Teams", "团队"],
    owner: ["organization", "组织"],
    recent: RecentKind::Orgs,
    api_path: teams_path,
    parse: Rows::parse_teams,
};

/// `/orgs/{orgId}/teams`
#[component]
pub fn TeamsPage(org_id: String) -> impl IntoView {
    view! { <ListPage owner_id=org_id kind=&TEAMS/> }
}

pub fn teams_page_path(org_id: &str) -> String {
    format!("/orgs/{org_id}/teams")
}
