use atlas_panel_common::endpoint::List;

use crate::labels::integration_type_name;
use crate::list::alerts::{alerts_cell, alerts_export, alerts_sort_key};
use crate::list::description::{
    Absent, Cell, ColumnDesc, Feature, Field, ListDescription, Read, Row, Search, SeeAlso, SortKey,
};
use crate::list::rows::{lowercase, Column};

/// A project's third-party service integrations, secrets masked. The page adds the Alerts
/// column's counts from the project's alert configurations.
pub static INTEGRATIONS: ListDescription = ListDescription {
    list: List::Integrations,
    path: "/groups/{}/integrations",
    title: ["Integrations", "集成"],
    owner_words: None,
    empty: ["No integrations in this project", "此项目没有集成"],
    see_also: &[
        SeeAlso {
            list: List::ProjectTeams,
            words: ["Teams with access", "有访问权限的团队"],
        },
        SeeAlso {
            list: List::AlertConfigs,
            words: ["Alert configurations", "告警配置"],
        },
        SeeAlso {
            list: List::ProjectEvents,
            words: ["Changes", "变更"],
        },
    ],
    fields: &[
        Field {
            name: "type",
            from: "type",
            read: Read::AnyAsText(Absent::Text("")),
            search: Search::Named(type_name),
            export: true,
        },
        Field {
            name: "region",
            from: "region",
            read: Read::AnyAsText(Absent::Null),
            search: Search::Text,
            export: true,
        },
        Field {
            name: "id",
            from: "id",
            read: Read::AnyAsText(Absent::Omit),
            search: Search::Text,
            export: true,
        },
        // Every other field, by name: a secret's value is masked and never searched.
        Field {
            name: "settings",
            from: "",
            read: Read::Rest,
            search: Search::Values,
            export: true,
        },
        Field {
            name: "alerts",
            from: "",
            read: Read::Later,
            search: Search::No,
            export: false,
        },
    ],
    columns: &[
        ColumnDesc {
            header: ["Type", "类型"],
            class: None,
            cell: Cell::Badge("type"),
            sort: Some((Column::Type, SortKey::With(type_sort_key))),
        },
        ColumnDesc {
            header: ["Region", "区域"],
            class: Some("region"),
            cell: Cell::Text("region", "—"),
            sort: Some((Column::Region, SortKey::Lower("region"))),
        },
        ColumnDesc {
            header: ["Alerts", "告警"],
            class: Some("alerts"),
            cell: Cell::With(alerts_cell),
            sort: Some((Column::Alerts, SortKey::With(alerts_sort_key))),
        },
        ColumnDesc {
            header: ["Settings", "设置"],
            class: None,
            cell: Cell::Settings {
                id: "id",
                rest: "settings",
            },
            sort: None,
        },
    ],
    export_more: Some(alerts_export),
    features: &[Feature::AlertUse],
    query: &[],
};

fn type_name(kind: &str, _: crate::i18n::Lang) -> &str {
    integration_type_name(kind)
}

fn type_sort_key(row: &Row) -> String {
    lowercase(integration_type_name(row.text("type")))
}
