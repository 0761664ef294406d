//! The list kit: a list is a description (`description`, one per list in `src/lists/`), read
//! by one reader (`read`), found and sorted by one filter (`rows`), exported by one export
//! (`export`) and drawn by one table (`components::table`). What a few lists do of their own:
//! the alerts an integration is used by (`alerts`), a member's status (`members`).

pub mod alerts;
pub mod changes;
pub mod description;
pub mod export;
pub mod members;
pub mod read;
pub mod rows;
