use atlas_panel_common::endpoint::List;

use crate::list::description::{
    Cell, ColumnDesc, Field, ListDescription, Read, Row, RowContext, Search, SortKey,
};
use crate::list::rows::Column;
use crate::router::Route;

/// An organization's teams, each name linking to the team's members.
pub static TEAMS: ListDescription = ListDescription {
    list: List::Teams,
    title: ["Teams", "团队"],
    owner_words: None,
    empty: ["No teams in this organization", "此组织没有团队"],
    see_also: &[],
    fields: &[
        Field::new("name", Read::TextNotNull, Search::Text),
        Field::new("id", Read::TextNotNull, Search::Text),
    ],
    columns: &[
        ColumnDesc::new(
            ["Name", "名称"],
            Cell::Link {
                text: "name",
                fallback: "id",
                route: members,
            },
        )
        .sorts(Column::Name, SortKey::Lower("name")),
        ColumnDesc::new(["ID", "ID"], Cell::Id("id"))
            .class("id-cell")
            .sorts(Column::Id, SortKey::Raw("id")),
    ],
    export_more: None,
    features: &[],
};

/// A team's members, when its organization is known.
pub fn members(context: &RowContext, row: &Row) -> Option<Route> {
    let org = context.org_id.clone()?;
    Some(Route::List(
        List::TeamMembers,
        vec![org, row.text("id").to_string()],
    ))
}
