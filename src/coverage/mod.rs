//! The integration coverage of an organization: every project's integrations read in one run,
//! and what the page makes of them. No DOM here; the page drives it.

pub mod reader;
pub mod report;
pub mod run;
