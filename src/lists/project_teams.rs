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
        Field::new("name", Read::Later, Search::Text),
        Field::new("teamId", Read::Text(Absent::Text("")), Search::Text),
        Field::new("roleNames", Read::Texts, Search::Named(role_name)),
    ],
    columns: &[
        // A team that could not be named sorts by its ID, which is what it shows.
        ColumnDesc::new(
            ["Team", "团队"],
            Cell::Link {
                text: "name",
                fallback: "teamId",
                route: members,
            },
        )
        .sorts(Column::Name, SortKey::LowerOr("name", "teamId")),
        ColumnDesc::new(["ID", "ID"], Cell::Id("teamId"))
            .class("id-cell")
            .sorts(Column::Id, SortKey::Raw("teamId")),
        ColumnDesc::new(["Roles", "角色"], Cell::Roles("roleNames")),
    ],
    export_more: None,
    features: &[Feature::TeamNames],
};

fn members(context: &RowContext, row: &Row) -> Option<Route> {
    let org = context.org_id.clone()?;
    Some(Route::List(
        List::TeamMembers,
        vec![org, row.text("teamId").to_string()],
    ))
}
