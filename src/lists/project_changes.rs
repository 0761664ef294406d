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
        Field::new("created", Read::Text(Absent::Null), Search::No),
        Field::new("username", Read::Text(Absent::Null), Search::Text),
        Field::new("publicKey", Read::Text(Absent::Null), Search::Text),
        Field::new(
            "eventTypeName",
            Read::Text(Absent::Text("")),
            Search::Named(change_name),
        ),
        Field::new("teamId", Read::Text(Absent::Null), Search::Text),
        // The team's name, from the organization's teams.
        Field::new("name", Read::Later, Search::Text),
        Field::new("targetUsername", Read::Text(Absent::Null), Search::Text),
        Field::new("alertConfigId", Read::Text(Absent::Null), Search::Text),
        Field::new("groupId", Read::Text(Absent::Null), Search::No),
        Field::new("id", Read::Text(Absent::Text("")), Search::Text),
    ],
    columns: &[
        ColumnDesc::new(
            ["When", "时间"],
            Cell::Time {
                field: "created",
                date_only: false,
                absent: ["—", "—"],
            },
        )
        .sorts(Column::Updated, SortKey::Raw("created")),
        ColumnDesc::new(["Who", "操作者"], Cell::Words(who))
            .sorts(Column::Name, SortKey::With(who_key)),
        ColumnDesc::new(["What", "变更"], Cell::Words(change_words))
            .sorts(Column::Type, SortKey::Raw("eventTypeName")),
        ColumnDesc::new(["Details", "详情"], Cell::With(change_details)),
    ],
    export_more: None,
    features: &[Feature::TeamNames],
};
