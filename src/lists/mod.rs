//! Every list page, described: one file a list. Adding a list is its row in the endpoint
//! table (`common/src/endpoint.rs`), a description here and its line in [`ALL`].

mod alert_configs;
mod integrations;
mod project_changes;
mod project_teams;
mod projects;
mod team_members;
mod teams;

use atlas_panel_common::endpoint::List;

use crate::list::description::ListDescription;

pub use alert_configs::ALERT_CONFIGS;
pub use integrations::INTEGRATIONS;
pub use project_changes::PROJECT_CHANGES;
pub use project_teams::PROJECT_TEAMS;
pub use projects::PROJECTS;
pub use team_members::TEAM_MEMBERS;
pub use teams::TEAMS;

/// The list pages, each at its own address.
pub static ALL: [&ListDescription; 7] = [
    &INTEGRATIONS,
    &TEAMS,
    &PROJECTS,
    &TEAM_MEMBERS,
    &PROJECT_TEAMS,
    &ALERT_CONFIGS,
    &PROJECT_CHANGES,
];

/// The description a list's items are read by. Organizations are read as teams are (an ID
/// and a name), one project as a page of projects, an organization's feed as a project's.
pub fn of(list: List) -> &'static ListDescription {
    match list {
        List::Orgs | List::Teams => &TEAMS,
        List::Project | List::Projects => &PROJECTS,
        List::Integrations => &INTEGRATIONS,
        List::TeamMembers => &TEAM_MEMBERS,
        List::ProjectTeams => &PROJECT_TEAMS,
        List::AlertConfigs => &ALERT_CONFIGS,
        // An organization's feed holds the same events as a project's.
        List::ProjectEvents | List::OrgEvents => &PROJECT_CHANGES,
    }
}
