use atlas_panel_common::endpoint::List;

use crate::list::description::{
    Absent, Cell, ColumnDesc, Field, ListDescription, Read, Row, RowContext, Search, SortKey,
};
use crate::list::rows::Column;
use crate::router::Route;

/// An organization's projects, each named by a link to its integrations.
pub static PROJECTS: ListDescription = ListDescription {
    list: List::Projects,
    path: "/orgs/{}/groups",
    title: ["Projects", "项目"],
    owner_words: None,
    empty: ["No projects in this organization", "此组织没有项目"],
    see_also: &[],
    fields: &[
        Field {
            name: "name",
            from: "name",
            read: Read::Text(Absent::Text("")),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "id",
            from: "id",
            read: Read::Text(Absent::Text("")),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "orgId",
            from: "orgId",
            read: Read::Text(Absent::Text("")),
            search: Search::No,
            export: true,
        },
        Field {
            name: "clusterCount",
            from: "clusterCount",
            read: Read::Count,
            search: Search::No,
            export: true,
        },
        Field {
            name: "created",
            from: "created",
            read: Read::Text(Absent::Null),
            search: Search::No,
            export: true,
        },
    ],
    columns: &[
        ColumnDesc {
            header: ["Name", "名称"],
            class: None,
            cell: Cell::Link {
                text: "name",
                fallback: "id",
                route: integrations,
            },
            sort: Some((Column::Name, SortKey::Lower("name"))),
        },
        ColumnDesc {
            header: ["ID", "ID"],
            class: Some("id-cell"),
            cell: Cell::Id("id"),
            sort: Some((Column::Id, SortKey::Raw("id"))),
        },
        ColumnDesc {
            header: ["Clusters", "集群"],
            class: None,
            cell: Cell::Count("clusterCount"),
            sort: Some((Column::Clusters, SortKey::Count("clusterCount"))),
        },
        ColumnDesc {
            header: ["Created", "创建时间"],
            class: None,
            cell: Cell::Time {
                field: "created",
                date_only: true,
                absent: ["—", "—"],
            },
            sort: Some((Column::Created, SortKey::Raw("created"))),
        },
    ],
    export_more: None,
    features: &[],
    query: &[],
};

fn integrations(_: &RowContext, row: &Row) -> Option<Route> {
    Some(Route::List(
        List::Integrations,
        vec![row.text("id").to_string()],
    ))
}
