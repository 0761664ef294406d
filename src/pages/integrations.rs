use atlas_panel_common::endpoint::List;
use leptos::prelude::*;

use super::list::{ListKind, ListPage};

static INTEGRATIONS: ListKind = ListKind {
    list: List::Integrations,
    title: ["Integrations", "集成"],
};

/// `/groups/{groupId}/integrations`
#[component]
pub fn IntegrationsPage(group_id: String) -> impl IntoView {
    view! { <ListPage owner_id=group_id kind=&INTEGRATIONS/> }
}
