//! Organization-wide runs: every project of an organization read in one run (its
//! integrations for the coverage page, its teams for the access matrix, its changes for the
//! organization's changes), and what the page makes of them. No DOM here; the page drives it.

pub mod access;
pub mod changes;
pub mod reader;
pub mod report;
pub mod run;

use atlas_panel_common::endpoint::List;

/// What a run reads of every project, and so what its page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matrix {
    /// `/orgs/{orgId}/coverage`: each project's integrations by type.
    Coverage,
    /// `/orgs/{orgId}/access`: each project's teams and their roles.
    Access,
}

impl Matrix {
    /// The list read of each project.
    pub fn list(self) -> List {
        match self {
            Matrix::Coverage => List::Integrations,
            Matrix::Access => List::ProjectTeams,
        }
    }
}
