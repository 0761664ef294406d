//! The head of an organization's own pages (coverage, access, changes): the way back to the
//! organization, and "Title of Northwind 65…" once its name is known. The organization is
//! remembered among the recent IDs.

use atlas_panel_common::endpoint::Owner;
use leptos::prelude::*;

use crate::config::RuntimeConfig;
use crate::estate::use_owner_names;
use crate::i18n::{lang, Lang};
use crate::recent::remember;
use crate::router::Route;

#[component]
pub fn OrgHeading(org_id: String, title: &'static str) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    remember(Owner::Organization, &org_id);
    let names = use_owner_names(Owner::Organization, &org_id);
    let org_name = move || names().name;
    let heading = move || {
        let of = org_name().unwrap_or_else(|| lang.pick("organization", "组织").to_string());
        match lang {
            Lang::En => format!("{title} of {of}"),
            Lang::ZhCn => of,
        }
    };
    let heading_after = match lang {
        Lang::En => String::new(),
        Lang::ZhCn => format!("的{title}"),
    };
    let up_href = config.href(&Route::Org(org_id.clone()).href());
    let up_text = {
        let org_id = org_id.clone();
        move || {
            org_name().unwrap_or_else(|| lang.pick("Organization ", "组织 ").to_string() + &org_id)
        }
    };
    view! {
        <nav class="breadcrumb" aria-label=lang.pick("Breadcrumb", "位置")>
            <a href=up_href>{up_text}</a>
        </nav>
        <div class="page-title">
            <h1>{heading} " " <code class="owner-id">{org_id}</code> " " {heading_after}</h1>
        </div>
    }
}
