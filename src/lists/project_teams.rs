use atlas_panel_common::endpoint::List;

use crate::labels::role_name;
use crate::list::description::{
    Absent, Cell, ColumnDesc, Feature, Field, ListDescription, Read, Row, RowContext, Search,
    SeeAlso, SortKey,
};
use crate::list::rows::Column;
use crate::router::Route;

/// The teams with access to a project: each named from its organization's teams (its ID when
/// it cannot be), with its roles by the names the Atlas UI gives them.
pub static PROJECT_TEAMS: ListDescription = ListDescription {
    list: List::ProjectTeams,
    path: "/groups/{}/teams",
    title: ["Teams with access", "有访问权限的团队"],
    owner_words: None,
    empty: [
        "No team has access to this project",
        "没有团队可以访问此项目",
    ],
    see_also: &[
        SeeAlso {
            list: List::Integrations,
            words: ["Integrations", "集成"],
        },
        SeeAlso {
            list: List::ProjectEvents,
            words: ["Changes", "变更"],
        },
    ],
    fields: &[
        // Atlas gives the team's ID only: the page names it from the organization's teams.
        Field {
            name: "name",
            from: "name",
            read: Read::Later,
            search: Search::Text,
            export: true,
        },
        Field {
            name: "teamId",
            from: "teamId",
            read: Read::Text(Absent::Text("")),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "roleNames",
            from: "roleNames",
            read: Read::Texts,
            search: Search::Named(role_name),
            export: true,
        },
    ],
    columns: &[
        ColumnDesc {
            header: ["Team", "团队"],
            class: None,
            cell: Cell::Link {
                text: "name",
                fallback: "teamId",
                route: members,
            },
            // A team that could not be named sorts by its ID, which is what it shows.
            sort: Some((Column::Name, SortKey::LowerOr("name", "teamId"))),
        },
        ColumnDesc {
            header: ["ID", "ID"],
            class: Some("id-cell"),
            cell: Cell::Id("teamId"),
            sort: Some((Column::Id, SortKey::Raw("teamId"))),
        },
        ColumnDesc {
            header: ["Roles", "角色"],
            class: None,
            cell: Cell::Roles("roleNames"),
            sort: None,
        },
    ],
    export_more: None,
    features: &[Feature::TeamNames],
    query: &[],
};

fn members(context: &RowContext, row: &Row) -> Option<Route> {
    let org = context.org_id.clone()?;
    Some(Route::List(
        List::TeamMembers,
        vec![org, row.text("teamId").to_string()],
    ))
}
