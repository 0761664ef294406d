//! What a list page does with the rows it has loaded: find and sort them, page through the
//! list, and export what is shown.

pub mod export;
pub mod paging;
pub mod rows;
