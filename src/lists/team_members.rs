use atlas_panel_common::endpoint::List;

use crate::labels::role_name;
use crate::list::description::{
    Absent, Cell, ColumnDesc, Feature, Field, ListDescription, Read, Search, SortKey,
};
use crate::list::members::{org_roles, status_cell, status_name};
use crate::list::rows::Column;

/// A team's members: user name, membership status, last sign-in, organization roles. The
/// page adds the Status filter.
pub static TEAM_MEMBERS: ListDescription = ListDescription {
    list: List::TeamMembers,
    title: ["Members", "成员"],
    owner_words: Some(["team", "团队"]),
    empty: ["No members in this team", "此团队没有成员"],
    see_also: &[],
    fields: &[
        Field::new("username", Read::Text(Absent::Text("")), Search::Text),
        Field::new("id", Read::Text(Absent::Text("")), Search::Text),
        // v1.0 lists active users only and names no status: theirs is ACTIVE.
        Field::new(
            "orgMembershipStatus",
            Read::Text(Absent::Text("ACTIVE")),
            Search::Named(status_name),
        ),
        Field::new("lastAuth", Read::Text(Absent::Null), Search::No),
        Field::new("orgRoles", Read::With(org_roles), Search::Named(role_name)).from("roles"),
    ],
    columns: &[
        // An e-mail address from Atlas: text, never a mailto: link.
        ColumnDesc::new(["User name", "用户名"], Cell::Text("username", ""))
            .sorts(Column::Name, SortKey::Lower("username")),
        ColumnDesc::new(["Status", "状态"], Cell::Status(status_cell))
            .sorts(Column::Status, SortKey::Raw("orgMembershipStatus")),
        ColumnDesc::new(
            ["Last sign-in", "上次登录"],
            Cell::Time {
                field: "lastAuth",
                date_only: false,
                absent: ["never", "从未"],
            },
        )
        .sorts(Column::LastSignIn, SortKey::Raw("lastAuth")),
        ColumnDesc::new(["Organization roles", "组织角色"], Cell::Roles("orgRoles")),
    ],
    export_more: None,
    features: &[Feature::TeamsOwn, Feature::StatusFilter],
};
