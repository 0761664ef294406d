pub mod copy;
pub mod error_banner;
pub mod id_form;
pub mod pager;
pub mod table;
