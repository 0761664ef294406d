use atlas_panel_common::endpoint::List;
use leptos::prelude::*;

use super::list::{ListKind, ListPage, SeeAlso};
use crate::router::Route;

static PROJECT_TEAMS: ListKind = ListKind {
    list: List::ProjectTeams,
    title: ["Teams with access", "有访问权限的团队"],
    see_also: &[SeeAlso {
        route: Route::Integrations,
        words: ["Integrations", "集成"],
    }],
};

/// `/groups/{groupId}/teams`: the teams that hold roles in a project.
#[component]
pub fn ProjectTeamsPage(group_id: String) -> impl IntoView {
    view! { <ListPage owner_id=group_id kind=&PROJECT_TEAMS/> }
}
