use leptos::prelude::*;

use super::list::{ListKind, ListPage, TableParts};
use crate::api::client::integrations_path;
use crate::api::Integration;
use crate::components::table::IntegrationsTable;
use crate::recent::RecentKind;

static INTEGRATIONS: ListKind<Integration> = ListKind {
    name: "integrations",
    title: ["Integrations", "集成"],
    owner: ["project", "项目"],
    param: "group_id",
    recent: RecentKind::Projects,
    api_path: integrations_path,
    table: |TableParts {
                caption,
                rows,
                sort,
                empty,
            }| {
        view! { <IntegrationsTable caption integrations=rows sort empty/> }.into_any()
    },
};

/// `/groups/{groupId}/integrations`
#[component]
pub fn IntegrationsPage() -> impl IntoView {
    view! { <ListPage kind=&INTEGRATIONS/> }
}

pub fn integrations_page_path(group_id: &str) -> String {
    format!("/groups/{group_id}/integrations")
}
