use atlas_panel_common::endpoint::List;
use leptos::prelude::*;

use super::list::{ListKind, ListPage};

static TEAMS: ListKind = ListKind {
    list: List::Teams,
    title: ["Teams", "团队"],
    see_also: &[],
};

/// `/orgs/{orgId}/teams`
#[component]
pub fn TeamsPage(org_id: String) -> impl IntoView {
    view! { <ListPage owner_id=org_id kind=&TEAMS/> }
}
