use atlas_panel_common::endpoint::List;

use crate::list::alerts::{
    channel_name, enabled_status, event_name, event_sort_key, event_type_name, notification_text,
    RECIPIENT_FIELDS,
};
use crate::list::description::{
    Absent, Cell, ColumnDesc, Feature, Field, ListDescription, Read, Row, Search, SeeAlso, SortKey,
};
use crate::list::rows::Column;

/// A project's alert configurations: what each watches, whether it is on, whom it notifies
/// through what, and when it last changed. The page narrows it to one integration's with
/// `?integration=…&type=…`.
pub static ALERT_CONFIGS: ListDescription = ListDescription {
    list: List::AlertConfigs,
    title: ["Alert configurations", "告警配置"],
    owner_words: None,
    empty: [
        "No alert configurations in this project",
        "此项目没有告警配置",
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
        Field::new(
            "eventTypeName",
            Read::Text(Absent::Text("")),
            Search::Named(event_type_name),
        ),
        Field::new("metricName", Read::Text(Absent::Null), Search::Text)
            .from("metricThreshold.metricName"),
        // The specification's default is false.
        Field::new("enabled", Read::Flag, Search::No),
        Field::new("notifications", Read::Each(NOTIFICATION), Search::Items),
        Field::new("updated", Read::Text(Absent::Null), Search::No),
        Field::new("id", Read::Text(Absent::Text("")), Search::Text),
    ],
    columns: &[
        ColumnDesc::new(["Alert", "告警"], Cell::Words(event_name))
            .sorts(Column::Name, SortKey::With(event_sort_key)),
        ColumnDesc::new(["Enabled", "已启用"], Cell::Status(enabled_status))
            .sorts(Column::Status, SortKey::With(enabled_sort_key)),
        ColumnDesc::new(
            ["Notifications", "通知"],
            Cell::Items {
                field: "notifications",
                class: "notifications",
                text: notification_text,
            },
        ),
        ColumnDesc::new(
            ["Updated", "更新时间"],
            Cell::Time {
                field: "updated",
                date_only: false,
                absent: ["—", "—"],
            },
        )
        .sorts(Column::Updated, SortKey::Raw("updated")),
    ],
    export_more: None,
    features: &[Feature::NarrowedByIntegration],
};

/// One notification: its channel, the integration whose credentials it uses (absent on older
/// configurations), its timing, and whom it reaches (a phone number's last four digits);
/// never a key, token or webhook.
static NOTIFICATION: &[Field] = &[
    Field::new(
        "typeName",
        Read::Text(Absent::Text("")),
        Search::Named(channel_name),
    ),
    Field::new("integrationId", Read::Text(Absent::Null), Search::Text),
    Field::new("delayMin", Read::Count, Search::No),
    Field::new("intervalMin", Read::Count, Search::No),
    Field::new(
        "recipient",
        Read::FirstText(&RECIPIENT_FIELDS),
        Search::Text,
    )
    .from(RECIPIENT_FIELDS[0]),
    Field::new("roles", Read::Texts, Search::No),
];

fn enabled_sort_key(row: &Row) -> String {
    u8::from(row.flag("enabled")).to_string()
}
