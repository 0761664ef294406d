use leptos::prelude::*;

use super::list::{ListKind, ListPage};
use crate::api::client::integrations_path;
use crate::api::Integration;
use crate::components::table::IntegrationsTable;
use crate::recent::RecentKind;

static INTEGRATIONS: ListKind<Integration> = ListKind {
    title: "Integrations",
    owner: "project",
    param: "group_id",
    recent: RecentKind::Projects,
    api_path: integrations_path,
    table: |caption, integrations| view! { <IntegrationsTable caption integrations/> }.into_any(),
};

/// `/groups/{groupId}/integrations`
#[component]
pub fn IntegrationsPage() -> impl IntoView {
    view! { <ListPage kind=&INTEGRATIONS/> }
}

pub fn integrations_page_path(group_id: &str) -> String {
    format!("/groups/{group_id}/integrations")
}
