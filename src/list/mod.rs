//! What a list page does with the rows it has loaded: find and sort them, and export what is
//! shown.

pub mod alerts;
pub mod export;
pub mod members;
pub mod rows;
