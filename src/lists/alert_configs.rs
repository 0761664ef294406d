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
    path: "/groups/{}/alerts-config",
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
        Field {
            name: "eventTypeName",
            from: "eventTypeName",
            read: Read::Text(Absent::Text("")),
            search: Search::Named(event_type_name),
            export: true,
        },
        Field {
            name: "metricName",
            from: "metricThreshold.metricName",
            read: Read::Text(Absent::Null),
            search: Search::Text,
            export: true,
        },
        // The specification's default is false.
        Field {
            name: "enabled",
            from: "enabled",
            read: Read::Flag,
            search: Search::No,
            export: true,
        },
        Field {
            name: "notifications",
            from: "notifications",
            read: Read::Each(NOTIFICATION),
            search: Search::Items,
            export: true,
        },
        Field {
            name: "updated",
            from: "updated",
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
            header: ["Alert", "告警"],
            class: None,
            cell: Cell::Words(event_name),
            sort: Some((Column::Name, SortKey::With(event_sort_key))),
        },
        ColumnDesc {
            header: ["Enabled", "已启用"],
            class: None,
            cell: Cell::Status(enabled_status),
            sort: Some((Column::Status, SortKey::With(enabled_sort_key))),
        },
        ColumnDesc {
            header: ["Notifications", "通知"],
            class: None,
            cell: Cell::Items {
                field: "notifications",
                class: "notifications",
                text: notification_text,
            },
            sort: None,
        },
        ColumnDesc {
            header: ["Updated", "更新时间"],
            class: None,
            cell: Cell::Time {
                field: "updated",
                date_only: false,
                absent: ["—", "—"],
            },
            sort: Some((Column::Updated, SortKey::Raw("updated"))),
        },
    ],
    export_more: None,
    features: &[Feature::NarrowedByIntegration],
    query: &[],
};

/// One notification: its channel, the integration whose credentials it uses (absent on older
/// configurations), its timing, and whom it reaches (a phone number's last four digits);
/// never a key, token or webhook.
static NOTIFICATION: &[Field] = &[
    Field {
        name: "typeName",
        from: "typeName",
        read: Read::Text(Absent::Text("")),
        search: Search::Named(channel_name),
        export: true,
    },
    Field {
        name: "integrationId",
        from: "integrationId",
        read: Read::Text(Absent::Null),
        search: Search::Text,
        export: true,
    },
    Field {
        name: "delayMin",
        from: "delayMin",
        read: Read::Count,
        search: Search::No,
        export: true,
    },
    Field {
        name: "intervalMin",
        from: "intervalMin",
        read: Read::Count,
        search: Search::No,
        export: true,
    },
    Field {
        name: "recipient",
        from: RECIPIENT_FIELDS[0],
        read: Read::FirstText(&RECIPIENT_FIELDS),
        search: Search::Text,
        export: true,
    },
    Field {
        name: "roles",
        from: "roles",
        read: Read::Texts,
        search: Search::No,
        export: true,
    },
];

fn enabled_sort_key(row: &Row) -> String {
    u8::from(row.flag("enabled")).to_string()
}
