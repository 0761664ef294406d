use atlas_panel_common::endpoint::List;
use leptos::prelude::*;

use super::list::{ListKind, ListPage, SeeAlso};
use crate::router::Route;

static ALERT_CONFIGS: ListKind = ListKind {
    list: List::AlertConfigs,
    title: ["Alert configurations", "告警配置"],
    see_also: &[SeeAlso {
        route: Route::Integrations,
        words: ["Integrations", "集成"],
    }],
};

/// `/groups/{groupId}/alerts-config`: a project's alert configurations; with
/// `?integration=…&type=…`, those that notify through one integration.
#[component]
pub fn AlertConfigsPage(group_id: String) -> impl IntoView {
    view! { <ListPage owner_id=group_id kind=&ALERT_CONFIGS/> }
}
