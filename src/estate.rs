//! The estate around the lists: the organizations the proxy shows, read once per session and
//! shared by every page, and the names a page's project and organization go by.

use atlas_panel_common::endpoint::{ApiFlavour, List, Owner};
use atlas_panel_common::id::is_atlas_id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::client::{read_every_page, ListRequest};
use crate::api::loader::{use_paged_list, Loaded, PagedList};
use crate::api::{ApiError, Page};
use crate::config::RuntimeConfig;
use crate::list::description::Row;
use crate::list::rows::lowercase;
use crate::paging::{PageRequest, MAX_ITEMS_PER_PAGE};

/// An organization or a team as the estate names it: its ID and name, from the row the list
/// kit read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

impl From<&Row> for Named {
    fn from(row: &Row) -> Named {
        Named {
            id: row.text("id").to_string(),
            name: row.text("name").to_string(),
        }
    }
}

pub type Org = Named;
pub type Team = Named;

/// The organizations, as far as they are known.
#[derive(Clone, Debug, PartialEq)]
pub enum Orgs {
    Loading,
    Loaded(Vec<Org>),
    Failed(ApiError),
}

/// The session's organizations, shared through context.
#[derive(Clone, Copy)]
pub struct Estate {
    orgs: RwSignal<Orgs>,
    /// The proxy and API version they were read from, as the address of their first page
    /// (which names both; empty before the first read): another one, chosen in Settings, has
    /// them read again. A string, not a stored value of a type of its own: less code.
    source: StoredValue<String>,
}

impl Estate {
    pub fn provide() -> Estate {
        let estate = Estate {
            orgs: RwSignal::new(Orgs::Loading),
            source: StoredValue::new(String::new()),
        };
        provide_context(estate);
        estate
    }

    /// The App's; a page mounted on its own (component tests) gets its own.
    pub fn current() -> Estate {
        use_context::<Estate>().unwrap_or_else(Estate::provide)
    }

    /// The organizations, read on first use and whenever the proxy in force has changed.
    /// Called where a page is built, never inside a memo or an effect: it may start a read.
    /// The signal itself, not a `ReadSignal` of it: one signal type fewer in the bundle
    /// (measured: 238 B); only the estate sets it.
    pub fn orgs(self, config: &RuntimeConfig) -> RwSignal<Orgs> {
        let (api_base, flavour) = (config.api_base(), config.api_version());
        let source = org_page(&api_base, flavour, 1).url();
        if self.source.get_value() != source {
            self.read(api_base, flavour, source);
        }
        self.orgs
    }

    /// Reads them again, after a failure.
    pub fn retry(self, config: &RuntimeConfig) {
        self.source.set_value(String::new());
        self.orgs(config);
    }

    fn read(self, api_base: String, flavour: ApiFlavour, source: String) {
        self.source.set_value(source.clone());
        self.orgs.set(Orgs::Loading);
        spawn_local(async move {
            let result = read_all_orgs(&api_base, flavour).await;
            // Another proxy chosen meanwhile has its own read under way.
            if self.source.try_get_value().as_ref() == Some(&source) {
                self.orgs.try_set(match result {
                    Ok(orgs) => Orgs::Loaded(orgs),
                    Err(error) => Orgs::Failed(error),
                });
            }
        });
    }
}

/// Every page of `/orgs`, 500 to a page.
async fn read_all_orgs(api_base: &str, flavour: ApiFlavour) -> Result<Vec<Org>, ApiError> {
    let mut orgs = Vec::new();
    let request_for = |page_num| Some(org_page(api_base, flavour, page_num));
    read_every_page(&request_for, &|_| {}, &mut |rows| {
        orgs.extend(rows.iter().map(Org::from));
    })
    .await?;
    Ok(orgs)
}

/// A page of `/orgs`, 500 to a page.
fn org_page(api_base: &str, flavour: ApiFlavour, page_num: u32) -> ListRequest {
    let page = PageRequest {
        page_num,
        items_per_page: MAX_ITEMS_PER_PAGE,
    };
    ListRequest::new(api_base.to_string(), List::Orgs, flavour, &[], page)
}

/// The organizations whose name holds `text`, whatever its case, in their order.
pub fn orgs_named<'a>(orgs: &'a [Org], text: &str) -> Vec<&'a Org> {
    let needle = lowercase(text.trim());
    orgs.iter()
        .filter(|org| needle.is_empty() || lowercase(&org.name).contains(&needle))
        .collect()
}

/// What a page knows of whose list it shows, beyond the ID in its address.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnerNames {
    /// The project's or organization's own name.
    pub name: Option<String>,
    /// The organization the page belongs to (itself, on an organization's pages): its ID and,
    /// once known, its name.
    pub org: Option<(String, Option<String>)>,
}

/// The names of `owner_id`: an organization's from the session's organizations, a project's
/// and its organization's ID from `/groups/{groupId}`. When they cannot be had (404, 403, an
/// error), they stay unknown and the page goes by the ID. A plain function of the signals, not
/// a `Memo` of a type of its own: less code, for names that change twice in a page's life.
pub fn use_owner_names(owner: Owner, owner_id: &str) -> impl Fn() -> OwnerNames + Copy + 'static {
    let config = expect_context::<RuntimeConfig>();
    let orgs = Estate::current().orgs(&config);
    // The project is asked for through the list pages' loader, which abandons the request when
    // the page goes; a failure is quiet (the page has its ID and its own list's banner).
    let project = (owner == Owner::Project).then(|| {
        let request = ListRequest::new(
            config.api_base(),
            List::Project,
            config.api_version(),
            &[owner_id],
            PageRequest::default(),
        );
        use_paged_list(Memo::new(move |_| Some(request.clone()))).loaded
    });
    let owner_id = StoredValue::new(owner_id.to_string());
    move || {
        let owner_id = owner_id.get_value();
        let org_name = |org_id: &str| {
            orgs.with(|orgs| match orgs {
                Orgs::Loaded(orgs) => orgs
                    .iter()
                    .find(|org| org.id == org_id)
                    .map(|org| org.name.clone())
                    .filter(|name| !name.is_empty()),
                Orgs::Loading | Orgs::Failed(_) => None,
            })
        };
        match (owner, project) {
            (Owner::Organization, _) => {
                let name = org_name(&owner_id);
                OwnerNames {
                    name: name.clone(),
                    org: Some((owner_id.clone(), name)),
                }
            }
            (Owner::Project, Some(project)) => project.with(|loaded| {
                let project = loaded
                    .as_ref()
                    .and_then(|Loaded { page, .. }| page.results.first());
                project.map_or_else(OwnerNames::default, |project| {
                    let org_id = project.text("orgId");
                    OwnerNames {
                        name: Some(project.text("name").to_string())
                            .filter(|name| !name.is_empty()),
                        org: is_atlas_id(org_id).then(|| (org_id.to_string(), org_name(org_id))),
                    }
                })
            }),
            _ => OwnerNames::default(),
        }
    }
}

/// An organization's teams, for their names, once read.
#[derive(Clone, Copy)]
pub struct TeamNames(RwSignal<Option<Loaded>>);

impl TeamNames {
    /// The team's name; `None` until the teams are read, or for a team not among them.
    pub fn name(self, team_id: &str) -> Option<String> {
        self.with_teams(|teams| {
            teams
                .iter()
                .find(|team| team.id == team_id && !team.name.is_empty())
                .map(|team| team.name.clone())
        })
    }

    /// Has the effect or memo reading this run again when the teams arrive.
    pub fn track(self) {
        self.0.track();
    }

    /// Every team read, in Atlas's order.
    pub fn teams(self) -> Vec<Team> {
        self.with_teams(<[Team]>::to_vec)
    }

    fn with_teams<T: Default>(self, read: impl FnOnce(&[Team]) -> T) -> T {
        self.0.with(|loaded| match loaded {
            Some(Loaded {
                page: Page { results, .. },
                ..
            }) => read(&results.iter().map(Team::from).collect::<Vec<_>>()),
            _ => T::default(),
        })
    }
}

/// The names of an organization's teams: one request for up to 500 (Atlas holds at most 250
/// teams in an organization) through the list pages' loader, which the proxy's cache answers
/// again for the next page that asks. `org_id` may be unknown at first (a project's
/// organization).
pub fn use_team_names(org_id: impl Fn() -> Option<String> + Send + Sync + 'static) -> TeamNames {
    TeamNames(use_largest_page(List::Teams, org_id).loaded)
}

/// The first page of `owner_id`'s `list` at its largest, 500 items: all of a list that is
/// rarely longer (an organization's teams, a project's alerts), read beside the page's own.
pub fn use_largest_page(
    list: List,
    owner_id: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> PagedList {
    let config = expect_context::<RuntimeConfig>();
    let all = PageRequest {
        page_num: 1,
        items_per_page: MAX_ITEMS_PER_PAGE,
    };
    use_paged_list(Memo::new(move |_| {
        let owner_id = owner_id()?;
        Some(ListRequest::new(
            config.api_base(),
            list,
            config.api_version(),
            &[&owner_id],
            all,
        ))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str) -> Org {
        Org {
            id: format!("{:0>24}", name.len()),
            name: name.into(),
        }
    }

    #[test]
    fn finds_organizations_by_any_part_of_the_name_whatever_its_case() {
        let orgs = vec![
            org("Northwind Operations"),
            org("Contoso Labs"),
            org("Ärzte Nord"),
        ];
        let names = |text: &str| -> Vec<&str> {
            orgs_named(&orgs, text)
                .into_iter()
                .map(|org| org.name.as_str())
                .collect()
        };
        assert_eq!(
            names(""),
            ["Northwind Operations", "Contoso Labs", "Ärzte Nord"]
        );
        assert_eq!(names("  "), names(""));
        assert_eq!(names("NORTH"), ["Northwind Operations"]);
        assert_eq!(names(" labs "), ["Contoso Labs"]);
        assert_eq!(names("nord"), ["Ärzte Nord"]);
        assert_eq!(names("äRZTE"), ["Ärzte Nord"]);
        assert_eq!(
            names("o"),
            ["Northwind Operations", "Contoso Labs", "Ärzte Nord"]
        );
        assert!(names("Fabrikam").is_empty());
        // The ID is not the name.
        assert!(names("000").is_empty());
    }
}
