use atlas_panel_common::endpoint::List;

use crate::list::changes::{change_details, change_name, change_words, who, who_key};
use crate::list::description::{
    Absent, Cell, ColumnDesc, Feature, Field, ListDescription, Read, Search, SeeAlso, SortKey,
};
use crate::list::rows::Column;

/// A project's changes to its integrations, teams and alert settings, newest first: when,
/// who, what, and to what.
pub static PROJECT_CHANGES: ListDescription = ListDescription {
    list: List::ProjectEvents,
    path: "/groups/{}/changes",
    title: ["Changes", "变更"],
    owner_words: None,
    empty: [
        "No changes to integrations, teams or alert settings in this project",
        "此项目的集成、团队和告警设置没有变更",
    ],
    see_also: &[SeeAlso {
        list: List::Integrations,
        words: ["Integrations", "集成"],
    }],
    fields: &[
        Field {
            name: "created",
            from: "created",
            read: Read::Text(Absent::Null),
            search: Search::No,
            export: true,
        },
        Field {
            name: "username",
            from: "username",
            read: Read::Text(Absent::Null),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "publicKey",
            from: "publicKey",
            read: Read::Text(Absent::Null),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "eventTypeName",
            from: "eventTypeName",
            read: Read::Text(Absent::Text("")),
            search: Search::Named(change_name),
            export: true,
        },
        Field {
            name: "teamId",
            from: "teamId",
            read: Read::Text(Absent::Null),
            search: Search::Text,
            export: true,
        },
        // The team's name, from the organization's teams.
        Field {
            name: "name",
            from: "name",
            read: Read::Later,
            search: Search::Text,
            export: true,
        },
        Field {
            name: "targetUsername",
            from: "targetUsername",
            read: Read::Text(Absent::Null),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "alertConfigId",
            from: "alertConfigId",
            read: Read::Text(Absent::Null),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "groupId",
            from: "groupId",
            read: Read::Text(Absent::Null),
            search: Search::No,
            export: true,
        },
        Field {
            name: "id",
            from: "id",
            read: Read::Text(Absent::Text("")),
            search: Search::Text,
            export: true,
        },
    ],
    columns: &[
        ColumnDesc {
            header: ["When", "时间"],
            class: None,
            cell: Cell::Time {
                field: "created",
                date_only: false,
                absent: ["—", "—"],
            },
            sort: Some((Column::Updated, SortKey::Raw("created"))),
        },
        ColumnDesc {
            header: ["Who", "操作者"],
            class: None,
            cell: Cell::Words(who),
            sort: Some((Column::Name, SortKey::With(who_key))),
        },
        ColumnDesc {
            header: ["What", "变更"],
            class: None,
            cell: Cell::Words(change_words),
            sort: Some((Column::Type, SortKey::Raw("eventTypeName"))),
        },
        ColumnDesc {
            header: ["Details", "详情"],
            class: None,
            cell: Cell::With(change_details),
            sort: None,
        },
    ],
    export_more: None,
    features: &[Feature::TeamNames],
    // The kinds a project's feed records of integrations, teams and alert settings; the feed
    // holds hundreds of others (clusters, hosts, backups) that this page does not ask for.
    query: &[
        ("eventType", "INTEGRATION_CONFIGURED"),
        ("eventType", "INTEGRATION_REMOVED"),
        ("eventType", "TEAM_ADDED_TO_GROUP"),
        ("eventType", "TEAM_REMOVED_FROM_GROUP"),
        ("eventType", "TEAM_ROLES_MODIFIED"),
        ("eventType", "ALERT_CONFIG_ADDED_AUDIT"),
        ("eventType", "ALERT_CONFIG_CHANGED_AUDIT"),
        ("eventType", "ALERT_CONFIG_DELETED_AUDIT"),
        ("eventType", "ALERT_CONFIG_ENABLED_AUDIT"),
        ("eventType", "ALERT_CONFIG_DISABLED_AUDIT"),
    ],
};
