//! Every list page, described: one file a list. Adding a list is its row in the endpoint
//! table (`common/src/endpoint.rs`), a description here and its line in [`ALL`].

mod alert_configs;
mod integrations;
mod org_changes;
mod project_changes;
mod project_teams;
mod projects;
mod team_members;
mod teams;

use atlas_panel_common::endpoint::List;

use crate::list::description::ListDescription;

pub use alert_configs::ALERT_CONFIGS;
pub use integrations::INTEGRATIONS;
pub use org_changes::ORG_CHANGES;
pub use project_changes::PROJECT_CHANGES;
pub use project_teams::PROJECT_TEAMS;
pub use projects::PROJECTS;
pub use team_members::TEAM_MEMBERS;
pub use teams::TEAMS;

/// The list pages, each at its own address. [`ORG_CHANGES`] is not one: its page reads many
/// feeds, then draws them with the kit.
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
    let read_as = match list {
        List::Orgs => List::Teams,
        List::Project => List::Projects,
        // An organization's feed holds the same events as a project's.
        List::OrgEvents => List::ProjectEvents,
        list => list,
    };
    ALL.iter()
        .find(|description| description.list == read_as)
        .copied()
        // Unreachable while every list of the endpoint table is read as one of `ALL` (tested).
        .unwrap_or(&TEAMS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_panel_common::endpoint::ENDPOINTS;

    #[test]
    fn every_list_of_the_endpoint_table_is_read_by_a_description() {
        for endpoint in ENDPOINTS {
            let list = endpoint.list;
            let read_by = of(list).list;
            let alias = matches!(
                (list, read_by),
                (List::Orgs, List::Teams)
                    | (List::Project, List::Projects)
                    | (List::OrgEvents, List::ProjectEvents)
            );
            assert!(read_by == list || alias, "{list:?} is read as {read_by:?}");
        }
    }
}
