use atlas_panel_common::endpoint::List;
use leptos::prelude::*;

use super::list::{ListKind, ListPage, SeeAlso};
use crate::router::Route;

static INTEGRATIONS: ListKind = ListKind {
    list: List::Integrations,
    title: ["Integrations", "集成"],
    see_also: &[
        SeeAlso {
            route: Route::ProjectTeams,
            words: ["Teams with access", "有访问权限的团队"],
        },
        SeeAlso {
            route: Route::AlertConfigs,
            words: ["Alert configurations", "告警配置"],
        },
    ],
};

/// `/groups/{groupId}/integrations`
#[component]
pub fn IntegrationsPage(group_id: String) -> impl IntoView {
    view! { <ListPage owner_id=group_id kind=&INTEGRATIONS/> }
}
