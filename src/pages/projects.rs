use atlas_panel_common::endpoint::List;
use leptos::prelude::*;

use super::list::{ListKind, ListPage};

static PROJECTS: ListKind = ListKind {
    list: List::Projects,
    title: ["Projects", "项目"],
    see_also: &[],
};

/// `/orgs/{orgId}/groups`
#[component]
pub fn ProjectsPage(org_id: String) -> impl IntoView {
    view! { <ListPage owner_id=org_id kind=&PROJECTS/> }
}
