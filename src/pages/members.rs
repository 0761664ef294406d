use atlas_panel_common::endpoint::List;
use leptos::prelude::*;

use super::list::{ListKind, ListPage};

static MEMBERS: ListKind = ListKind {
    list: List::TeamMembers,
    title: ["Members", "成员"],
    see_also: &[],
};

/// `/orgs/{orgId}/teams/{teamId}`: a team's members.
#[component]
pub fn MembersPage(org_id: String, team_id: String) -> impl IntoView {
    view! { <ListPage owner_id=team_id org_id kind=&MEMBERS/> }
}
