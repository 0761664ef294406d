//! Which organization each project belongs to, for `--allow-org`: learned from the project
//! lists the proxy serves, or asked once of Atlas (`/groups/{id}`) and remembered, a project
//! that cannot be placed (404, 403) too. Lookups of one project at once are one.
//!
//! What is remembered is keyed by the API flavour it was asked in: a flavour that cannot see
//! a project (v2 on Cloud Manager, say) must not make it refused in the others. A project
//! seen in a listing is in its organization whatever the flavour.

use std::future::Future;
use std::time::Duration;

use atlas_panel_common::endpoint::ApiFlavour;
use atlas_panel_common::id::is_atlas_id;
use serde_json::Value;

use crate::error::ProxyError;

/// How long a placement is believed. Projects seldom move; one that is created later is
/// found at the latest this long after it was first asked for.
const PLACEMENT_TTL: Duration = Duration::from_secs(600);
const PLACEMENTS_KEPT: u64 = 100_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In this organization.
    In(String),
    /// Atlas shows no such project to the key: refused like a project elsewhere.
    Unplaceable,
}

/// Why a project's place is not known yet; never remembered, so it is asked again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupFailure {
    /// Atlas answered 429: wait this many seconds.
    RateLimited(u64),
    /// Atlas answered with this status, or not at all (0).
    Upstream(u16),
}

impl From<LookupFailure> for ProxyError {
    fn from(failure: LookupFailure) -> ProxyError {
        match failure {
            LookupFailure::RateLimited(seconds) => ProxyError::RateLimitedHere(seconds),
            LookupFailure::Upstream(0) => ProxyError::Unreachable,
            LookupFailure::Upstream(status) => ProxyError::PlacementFailed(status),
        }
    }
}

pub struct Placements {
    orgs: moka::future::Cache<(ApiFlavour, String), Placement>,
}

impl Default for Placements {
    fn default() -> Self {
        Placements {
            orgs: moka::future::Cache::builder()
                .max_capacity(PLACEMENTS_KEPT)
                .time_to_live(PLACEMENT_TTL)
                .build(),
        }
    }
}

impl Placements {
    pub async fn learn(&self, project: String, org: String) {
        for flavour in ApiFlavour::ALL {
            let placement = Placement::In(org.clone());
            self.orgs
                .insert((flavour, project.clone()), placement)
                .await;
        }
    }

    pub async fn knows(&self, flavour: ApiFlavour, project: &str) -> bool {
        self.orgs.contains_key(&(flavour, project.to_string()))
    }

    /// The project's place as `flavour` sees it, from memory or from `lookup`.
    pub async fn of(
        &self,
        flavour: ApiFlavour,
        project: &str,
        lookup: impl Future<Output = Result<Placement, LookupFailure>>,
    ) -> Result<Placement, LookupFailure> {
        self.orgs
            .try_get_with((flavour, project.to_string()), lookup)
            .await
            .map_err(|failure| *failure)
    }
}

/// A project's place from Atlas's answer to `/groups/{id}`.
pub fn placement_of(status: u16, body: &[u8]) -> Result<Placement, LookupFailure> {
    match status {
        200 => Ok(org_id_of_project(body).map_or(Placement::Unplaceable, Placement::In)),
        400 | 401 | 403 | 404 => Ok(Placement::Unplaceable),
        status => Err(LookupFailure::Upstream(status)),
    }
}

fn org_id_of_project(body: &[u8]) -> Option<String> {
    let project: Value = serde_json::from_slice(body).ok()?;
    project["orgId"]
        .as_str()
        .filter(|id| is_atlas_id(id))
        .map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG: &str = "6500000000000000000000c1";

    #[test]
    fn a_project_is_placed_by_its_org_id_and_refusals_are_final() {
        let body = format!(r#"{{"id":"x","orgId":"{ORG}","name":"a"}}"#);
        assert_eq!(
            placement_of(200, body.as_bytes()),
            Ok(Placement::In(ORG.into()))
        );
        assert_eq!(
            placement_of(200, br#"{"orgId":"../x"}"#),
            Ok(Placement::Unplaceable)
        );
        assert_eq!(placement_of(404, b""), Ok(Placement::Unplaceable));
        assert_eq!(placement_of(503, b""), Err(LookupFailure::Upstream(503)));
    }

    #[tokio::test]
    async fn failures_are_not_remembered_and_places_are() {
        let placements = Placements::default();
        let v1 = ApiFlavour::V1;
        let failed = placements
            .of(v1, "p", async { Err(LookupFailure::Upstream(500)) })
            .await;
        assert_eq!(failed, Err(LookupFailure::Upstream(500)));
        assert!(!placements.knows(v1, "p").await);
        let placed = placements
            .of(v1, "p", async { Ok(Placement::In(ORG.into())) })
            .await;
        assert_eq!(placed, Ok(Placement::In(ORG.into())));
        let remembered = placements
            .of(v1, "p", async { panic!("asked again") })
            .await;
        assert_eq!(remembered, Ok(Placement::In(ORG.into())));
    }

    #[tokio::test]
    async fn a_flavour_that_cannot_see_a_project_does_not_refuse_it_in_another() {
        let placements = Placements::default();
        let unseen = placements
            .of(ApiFlavour::V2, "p", async { Ok(Placement::Unplaceable) })
            .await;
        assert_eq!(unseen, Ok(Placement::Unplaceable));
        let seen = placements
            .of(ApiFlavour::Public, "p", async {
                Ok(Placement::In(ORG.into()))
            })
            .await;
        assert_eq!(seen, Ok(Placement::In(ORG.into())));
        placements.learn("q".into(), ORG.into()).await;
        for flavour in ApiFlavour::ALL {
            assert!(placements.knows(flavour, "q").await);
        }
    }
}
