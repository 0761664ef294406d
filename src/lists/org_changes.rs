use atlas_panel_common::endpoint::List;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::dom::{append_element, append_text};
use crate::list::changes::{change_name, DETAILS, WHAT, WHEN, WHO};
use crate::list::description::{
    Absent, Cell, ColumnDesc, Field, ListDescription, Read, Row, RowContext, Search, SortKey,
};
use crate::list::rows::Column;
use crate::router::Route;

/// An organization's changes to integrations, teams and alert settings: its own feed and
/// every project's, merged newest first. Not a page of `ALL`: the organization's changes page
/// (`pages/org_changes.rs`) reads the feeds and hands the rows to the kit. The fields the
/// page fills in (`who`, `kind`, `words`, `groupName`, `team`) make the export one line per
/// change in words.
pub static ORG_CHANGES: ListDescription = ListDescription {
    list: List::OrgEvents,
    title: ["Changes", "变更"],
    owner_words: None,
    empty: [
        "No changes to integrations, teams or alert settings in this period",
        "此期间内集成、团队和告警设置没有变更",
    ],
    see_also: &[],
    fields: &[
        Field::new("created", Read::Text(Absent::Null), Search::No),
        Field::new("who", Read::Later, Search::Text),
        Field::new("kind", Read::Later, Search::No),
        Field::new(
            "eventTypeName",
            Read::Text(Absent::Text("")),
            Search::Named(change_name),
        ),
        Field::new("words", Read::Later, Search::No),
        Field::new("groupId", Read::Text(Absent::Null), Search::Text),
        Field::new("groupName", Read::Later, Search::Text),
        Field::new("team", Read::Later, Search::Text),
        Field::new("teamId", Read::Text(Absent::Null), Search::Text),
        Field::new("targetUsername", Read::Text(Absent::Null), Search::Text),
        Field::new("alertConfigId", Read::Text(Absent::Null), Search::Text),
        Field::new("id", Read::Text(Absent::Text("")), Search::Text),
        Field::new("username", Read::Text(Absent::Null), Search::No).not_exported(),
        Field::new("publicKey", Read::Text(Absent::Null), Search::Text).not_exported(),
        Field::new("name", Read::Later, Search::No).not_exported(),
    ],
    columns: &[
        WHEN,
        WHO,
        WHAT,
        ColumnDesc::new(["Where", "位置"], Cell::With(place))
            .sorts(Column::Place, SortKey::Lower("groupName")),
        DETAILS,
    ],
    export_more: None,
    features: &[],
};

/// Where: the project by its name, linked to its changes; or the organization.
fn place(cell: &Element, context: &RowContext, change: &Row) -> Result<(), JsValue> {
    let Some(project_id) = change.opt_text("groupId") else {
        return append_text(cell, context.lang.pick("Organization", "组织"));
    };
    let name = change.opt_text("groupName").unwrap_or(project_id);
    match &context.config {
        Some(config) => {
            let route = Route::List(List::ProjectEvents, vec![project_id.to_string()]);
            let a = append_element(cell, "a", None)?;
            a.set_attribute("href", &config.href(&route.href()))?;
            append_text(&a, name)
        }
        None => append_text(cell, name),
    }
}
