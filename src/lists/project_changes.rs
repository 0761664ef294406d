use atlas_panel_common::endpoint::List;

use crate::list::changes::{change_name, DETAILS, WHAT, WHEN, WHO};
use crate::list::description::{Absent, Feature, Field, ListDescription, Read, Search, SeeAlso};

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
    columns: &[WHEN, WHO, WHAT, DETAILS],
    export_more: None,
    features: &[Feature::TeamNames],
};
