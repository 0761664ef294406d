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
        // An integration is never refused: a value of another type is shown as its JSON.
        Field::new(
            "type",
            Read::AnyAsText(Absent::Text("")),
            Search::Named(type_name),
        ),
        Field::new("region", Read::AnyAsText(Absent::Null), Search::Text),
        Field::new("id", Read::AnyAsText(Absent::Omit), Search::Text),
        // Every other field, by name: a secret's value is masked and never searched.
        Field::new("settings", Read::Rest, Search::Values),
        Field::new("alerts", Read::Later, Search::No).not_exported(),
    ],
    columns: &[
        ColumnDesc::new(["Type", "类型"], Cell::Badge("type"))
            .sorts(Column::Type, SortKey::With(type_sort_key)),
        ColumnDesc::new(["Region", "区域"], Cell::Text("region", "—"))
            .class("region")
            .sorts(Column::Region, SortKey::Lower("region")),
        ColumnDesc::new(["Alerts", "告警"], Cell::With(alerts_cell))
            .class("alerts")
            .sorts(Column::Alerts, SortKey::With(alerts_sort_key)),
        ColumnDesc::new(
            ["Settings", "设置"],
            Cell::Settings {
                id: "id",
                rest: "settings",
            },
        ),
    ],
    export_more: Some(alerts_export),
    features: &[Feature::AlertUse],
};

fn type_name(kind: &str, _: crate::i18n::Lang) -> &str {
    integration_type_name(kind)
}

fn type_sort_key(row: &Row) -> String {
    lowercase(integration_type_name(row.text("type")))
}
