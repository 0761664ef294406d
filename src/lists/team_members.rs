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
    path: "/orgs/{}/teams/{}",
    title: ["Members", "成员"],
    owner_words: Some(["team", "团队"]),
    empty: ["No members in this team", "此团队没有成员"],
    see_also: &[],
    fields: &[
        Field {
            name: "username",
            from: "username",
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
        // v1.0 lists active users only and names no status: theirs is ACTIVE.
        Field {
            name: "orgMembershipStatus",
            from: "orgMembershipStatus",
            read: Read::Text(Absent::Text("ACTIVE")),
            search: Search::Named(status_name),
            export: true,
        },
        Field {
            name: "lastAuth",
            from: "lastAuth",
            read: Read::Text(Absent::Null),
            search: Search::No,
            export: true,
        },
        Field {
            name: "orgRoles",
            from: "roles",
            read: Read::With(org_roles),
            search: Search::Named(role_name),
            export: true,
        },
    ],
    columns: &[
        // An e-mail address from Atlas: text, never a mailto: link.
        ColumnDesc {
            header: ["User name", "用户名"],
            class: None,
            cell: Cell::Text("username", ""),
            sort: Some((Column::Name, SortKey::Lower("username"))),
        },
        ColumnDesc {
            header: ["Status", "状态"],
            class: None,
            cell: Cell::Status(status_cell),
            sort: Some((Column::Status, SortKey::Raw("orgMembershipStatus"))),
        },
        ColumnDesc {
            header: ["Last sign-in", "上次登录"],
            class: None,
            cell: Cell::Time {
                field: "lastAuth",
                date_only: false,
                absent: ["never", "从未"],
            },
            sort: Some((Column::LastSignIn, SortKey::Raw("lastAuth"))),
        },
        ColumnDesc {
            header: ["Organization roles", "组织角色"],
            class: None,
            cell: Cell::Roles("orgRoles"),
            sort: None,
        },
    ],
    export_more: None,
    features: &[Feature::TeamsOwn, Feature::StatusFilter],
    query: &[],
};
