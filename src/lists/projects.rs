use atlas_panel_common::endpoint::List;

use crate::list::description::{
    Absent, Cell, ColumnDesc, Field, ListDescription, Read, Row, RowContext, Search, SortKey,
};
use crate::list::rows::Column;
use crate::router::Route;

/// An organization's projects, each named by a link to its integrations.
pub static PROJECTS: ListDescription = ListDescription {
    list: List::Projects,
    title: ["Projects", "项目"],
    owner_words: None,
    empty: ["No projects in this organization", "此组织没有项目"],
    see_also: &[],
    fields: &[
        Field::new("name", Read::Text(Absent::Text("")), Search::Text),
        Field::new("id", Read::Text(Absent::Text("")), Search::Text),
        // On every row alike: the filter finds nothing by it.
        Field::new("orgId", Read::Text(Absent::Text("")), Search::No),
        Field::new("clusterCount", Read::Count, Search::No),
        Field::new("created", Read::Text(Absent::Null), Search::No),
    ],
    columns: &[
        ColumnDesc::new(
            ["Name", "名称"],
            Cell::Link {
                text: "name",
                fallback: "id",
                route: integrations,
            },
        )
        .sorts(Column::Name, SortKey::Lower("name")),
        ColumnDesc::new(["ID", "ID"], Cell::Id("id"))
            .class("id-cell")
            .sorts(Column::Id, SortKey::Raw("id")),
        ColumnDesc::new(["Clusters", "集群"], Cell::Count("clusterCount"))
            .sorts(Column::Clusters, SortKey::Count("clusterCount")),
        ColumnDesc::new(
            ["Created", "创建时间"],
            Cell::Time {
                field: "created",
                date_only: true,
                absent: ["—", "—"],
            },
        )
        .sorts(Column::Created, SortKey::Raw("created")),
    ],
    export_more: None,
    features: &[],
};

fn integrations(_: &RowContext, row: &Row) -> Option<Route> {
    Some(Route::List(
        List::Integrations,
        vec![row.text("id").to_string()],
    ))
}
