use leptos::prelude::*;

use super::list::{ListKind, ListPage};
use crate::api::client::integrations_path;
use crate::recent::RecentKind;
use crate::rows::Rows;

static INTEGRATIONS: ListKind = ListKind {
    name: "integrations",
    title: ["Integrations", "集成"],
    owner: ["project", "项目"],
    recent: RecentKind::Projects,
    api_path: integrations_path,
    parse: Rows::parse_integrations,
};

/// `/groups/{groupId}/integrations`
#[component]
pub fn IntegrationsPage(group_id: String) -> impl IntoView {
    view! { <ListPage owner_id=group_id kind=&INTEGRATIONS/> }
}

pub fn integrations_page_path(group_id: &str) -> String {
    format!("/groups/{group_id}/integrations")
}
