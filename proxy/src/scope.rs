//! Which projects and organizations this proxy shows (`--allow-project`, `--allow-org`,
//! `--allow-ids`). Requests outside are refused; listings lose what lies outside before the
//! answer is cached or sent.

use std::path::Path;

use atlas_panel_common::endpoint::Owner;
use atlas_panel_common::id::is_atlas_id;
use atlas_panel_common::site_config::{KnownId, SiteConfig};
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::Value;
use thiserror::Error;

use crate::allowlist::AllowedRequest;
use crate::error::ProxyError;
use crate::placement::{Placement, Placements};
use crate::upstream::BrowserAnswer;

/// What the scope says of a request before Atlas is asked for it.
#[derive(Debug, PartialEq, Eq)]
pub enum Admission {
    Admitted,
    /// A project not named itself: admitted if its organization is.
    NeedsOrgOf(String),
}

/// The projects and organizations the proxy may show; when both lists are empty, any.
#[derive(Clone, Debug, Default)]
pub struct IdScope {
    pub projects: Vec<KnownId>,
    pub orgs: Vec<KnownId>,
}

#[derive(Debug, Error)]
pub enum ScopeError {
    #[error("{0:?} is not an Atlas ID (24 lowercase hex digits)")]
    BadId(String),
    #[error("--allow-ids {0}: {1}")]
    Unreadable(String, std::io::Error),
    #[error("--allow-ids {file}, line {line}: expected `project ID label` or `org ID label`")]
    BadLine { file: String, line: usize },
}

impl IdScope {
    pub fn new(
        projects: &[String],
        orgs: &[String],
        file: Option<&Path>,
    ) -> Result<IdScope, ScopeError> {
        let known = |id: &String| {
            is_atlas_id(id)
                .then(|| KnownId {
                    id: id.clone(),
                    label: String::new(),
                })
                .ok_or_else(|| ScopeError::BadId(id.clone()))
        };
        let mut scope = IdScope {
            projects: projects.iter().map(known).collect::<Result<_, _>>()?,
            orgs: orgs.iter().map(known).collect::<Result<_, _>>()?,
        };
        if let Some(file) = file {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(file)
                .map_err(|error| ScopeError::Unreadable(name.clone(), error))?;
            for (index, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut words = line.splitn(3, char::is_whitespace);
                let (kind, id, label) = (
                    words.next(),
                    words.next(),
                    words.next().unwrap_or("").trim(),
                );
                let bad_line = || ScopeError::BadLine {
                    file: name.clone(),
                    line: index + 1,
                };
                let id = id.filter(|id| is_atlas_id(id)).ok_or_else(bad_line)?;
                let entry = KnownId {
                    id: id.to_string(),
                    label: label.to_string(),
                };
                match kind {
                    Some("project") => scope.projects.push(entry),
                    Some("org") => scope.orgs.push(entry),
                    _ => return Err(bad_line()),
                }
            }
        }
        Ok(scope)
    }

    pub fn is_open(&self) -> bool {
        self.projects.is_empty() && self.orgs.is_empty()
    }

    pub fn allows_org(&self, id: &str) -> bool {
        self.orgs.iter().any(|known| known.id == id)
    }

    /// Whether `--allow-project` (or the file) names this project itself.
    pub fn allows_project(&self, id: &str) -> bool {
        self.projects.iter().any(|known| known.id == id)
    }

    /// Whether the request may be asked at all. An organization's project list is asked
    /// when the organization is allowed, or when some projects are (to find them in it); a
    /// project outside `--allow-project` waits for its organization to be known.
    pub fn admit(&self, request: &AllowedRequest) -> Result<Admission, ProxyError> {
        let id = request.owner_id.as_str();
        // Atlas's name filter on a listing that loses items would tell, page by page, how many
        // hidden names start with what was asked: it is refused where the listing is filtered.
        if request.query.text("name").is_some() && self.filters(request) {
            return Err(ProxyError::BadQuery(
                "This proxy shows only some organizations and projects, so it cannot filter this list by name.".to_string(),
            ));
        }
        let admitted = match request.endpoint.owner {
            _ if self.is_open() => true,
            Owner::Estate => true,
            Owner::Organization => {
                self.allows_org(id)
                    || (request.endpoint.items == Some(Owner::Project) && !self.projects.is_empty())
            }
            Owner::Project if self.allows_project(id) => true,
            Owner::Project if !self.orgs.is_empty() => {
                return Ok(Admission::NeedsOrgOf(id.to_string()))
            }
            Owner::Project => false,
        };
        if admitted {
            Ok(Admission::Admitted)
        } else {
            Err(refused(request.endpoint.owner, id))
        }
    }

    /// The verdict on a project once its place is known. One refusal for every project
    /// outside: it does not tell whether the project exists.
    pub fn admit_placed(&self, project: &str, placement: &Placement) -> Result<(), ProxyError> {
        match placement {
            Placement::In(org) if self.allows_org(org) => Ok(()),
            Placement::In(_) | Placement::Unplaceable => Err(refused(Owner::Project, project)),
        }
    }

    /// Whether a listing's answer loses items outside the scope: the organizations, and the
    /// projects of an organization that is not allowed as a whole.
    pub fn filters(&self, request: &AllowedRequest) -> bool {
        !self.is_open()
            && match request.endpoint.items {
                Some(Owner::Organization) => true,
                Some(Owner::Project) => !self.allows_org(&request.owner_id),
                Some(Owner::Estate) | None => false,
            }
    }

    /// A listing of organizations or projects with what lies outside the scope removed, before
    /// it is cached or sent: a name outside never leaves the proxy. `totalCount` goes too,
    /// unless the listing is an allowed organization's projects, all kept. The projects'
    /// organizations are remembered on the way.
    pub async fn keep_in_scope(
        &self,
        request: &AllowedRequest,
        answer: BrowserAnswer,
        placements: &Placements,
    ) -> Result<BrowserAnswer, ProxyError> {
        let Some(kind) = request.endpoint.items else {
            return Ok(answer);
        };
        if self.is_open() || answer.outcome() != StatusCode::OK {
            return Ok(answer);
        }
        let not_a_page = || ProxyError::NotJson { status: 200 };
        let mut body: Value = serde_json::from_slice(answer.body()).map_err(|_| not_a_page())?;
        // `envelope=true` may wrap the page in `content`.
        let page = if body.get("results").is_some() {
            &mut body
        } else {
            body.get_mut("content").ok_or_else(not_a_page)?
        };
        let Some(Value::Array(results)) = page.get_mut("results") else {
            return Err(not_a_page());
        };
        let before = results.len();
        self.retain_in_scope(request, kind, results, placements)
            .await;
        if self.filters(request) || results.len() != before {
            if let Some(page) = page.as_object_mut() {
                page.remove("totalCount");
            }
        }
        Ok(answer.with_body(Bytes::from(body.to_string())))
    }

    /// Keeps the items of a listing of `kind` that the scope shows, and remembers the
    /// projects' organizations on the way.
    pub async fn retain_in_scope(
        &self,
        request: &AllowedRequest,
        kind: Owner,
        results: &mut Vec<Value>,
        placements: &Placements,
    ) {
        // An allowed organization's own listing names it for every item.
        let listing_org = (request.endpoint.owner == Owner::Organization
            && self.allows_org(&request.owner_id))
        .then_some(request.owner_id.as_str());
        let mut learned = Vec::new();
        results.retain(|item| {
            let id = item["id"].as_str().unwrap_or_default();
            match kind {
                Owner::Organization => self.allows_org(id),
                Owner::Project => {
                    let org = listing_org.or(item["orgId"].as_str()).unwrap_or_default();
                    if is_atlas_id(id) && is_atlas_id(org) {
                        learned.push((id.to_string(), org.to_string()));
                    }
                    self.allows_project(id) || self.allows_org(org)
                }
                Owner::Estate => false,
            }
        });
        for (project, org) in learned {
            placements.learn(project, org).await;
        }
    }

    /// `config.json` naming exactly these IDs, for the panel's home page.
    pub fn site_config(&self, api_base: &str) -> SiteConfig {
        SiteConfig {
            api_base: api_base.to_string(),
            projects: self.projects.clone(),
            orgs: self.orgs.clone(),
            ..SiteConfig::default()
        }
    }
}

fn refused(owner: Owner, id: &str) -> ProxyError {
    let what = match owner {
        Owner::Project => "project",
        Owner::Organization => "organization",
        Owner::Estate => "list",
    };
    ProxyError::IdNotAllowed(format!("{what} {id}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allowlist::check;

    const ID: &str = "5f1a2b3c4d5e6f7a8b9c0d1e";

    #[test]
    fn a_scope_admits_only_its_ids() {
        let other = "0123456789abcdef01234567";
        let scope = IdScope::new(&[ID.to_string()], &[], None).unwrap();
        assert!(scope
            .admit(&check(&format!("/api/atlas/v1.0/groups/{ID}/integrations"), None).unwrap())
            .is_ok());
        let refused = scope.admit(
            &check(
                &format!("/api/atlas/v1.0/groups/{other}/integrations"),
                None,
            )
            .unwrap(),
        );
        assert!(matches!(refused, Err(ProxyError::IdNotAllowed(_))));
        // A project ID is no organization ID.
        assert!(scope
            .admit(&check(&format!("/api/atlas/v2/orgs/{ID}/teams"), None).unwrap())
            .is_err());
        assert!(IdScope::default()
            .admit(&check(&format!("/api/atlas/v2/orgs/{other}/teams"), None).unwrap())
            .is_ok());
        assert!(matches!(
            IdScope::new(&["nope".to_string()], &[], None),
            Err(ScopeError::BadId(_))
        ));
    }

    #[test]
    fn a_team_s_members_go_with_the_organization_and_a_project_s_teams_with_the_project() {
        let org = "0123456789abcdef01234567";
        let team = "fb00000000000000000e0001";
        let scope = IdScope::new(&[], &[org.to_string()], None).unwrap();
        let members = |org: &str| {
            check(
                &format!("/api/atlas/v2/orgs/{org}/teams/{team}/users"),
                None,
            )
            .unwrap()
        };
        assert_eq!(scope.admit(&members(org)).unwrap(), Admission::Admitted);
        assert!(matches!(
            scope.admit(&members(ID)),
            Err(ProxyError::IdNotAllowed(_))
        ));
        // The team's ID is no organization's: only the first ID decides.
        let team_as_org = IdScope::new(&[], &[team.to_string()], None).unwrap();
        assert!(team_as_org.admit(&members(org)).is_err());
        let project_teams = check(&format!("/api/atlas/v2/groups/{ID}/teams"), None).unwrap();
        assert_eq!(
            scope.admit(&project_teams).unwrap(),
            Admission::NeedsOrgOf(ID.to_string())
        );
        let project_scope = IdScope::new(&[ID.to_string()], &[], None).unwrap();
        assert_eq!(
            project_scope.admit(&project_teams).unwrap(),
            Admission::Admitted
        );
        assert!(project_scope.admit(&members(org)).is_err());
    }

    #[test]
    fn reads_ids_and_labels_from_a_file() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), format!("# ours\nproject {ID} Payments production\norg 0123456789abcdef01234567 Example Corp\n")).unwrap();
        let scope = IdScope::new(&[], &[], Some(file.path())).unwrap();
        assert_eq!(
            scope.projects,
            [KnownId {
                id: ID.to_string(),
                label: "Payments production".to_string()
            }]
        );
        assert_eq!(scope.orgs[0].label, "Example Corp");
        let config = scope.site_config("api");
        assert_eq!(config.projects[0].label, "Payments production");
        std::fs::write(file.path(), "cluster 5f1a2b3c4d5e6f7a8b9c0d1e x\n").unwrap();
        assert!(matches!(
            IdScope::new(&[], &[], Some(file.path())),
            Err(ScopeError::BadLine { line: 1, .. })
        ));
    }
}
