//! What a list is, said as data: its fields (where each is read from, how it is checked,
//! whether the filter searches it, whether an export writes it) and its columns (header words,
//! cell kind, sort key). One reader (`list::read`), one filter and sort (`list::rows`), one
//! export (`list::export`) and one table drawer (`components::list_table`) serve every list
//! from its description; `src/lists/` holds the descriptions, one file each.

use std::sync::Arc;

use atlas_panel_common::endpoint::{Endpoint, List};
use serde_json::{Map, Value};

use crate::i18n::Lang;
use crate::list::rows::Column;

/// One item of a list as read: its fields by their API names, secrets already masked. Shared,
/// so that the page's filtering and sorting copy a pointer per row, not its fields; a row the
/// page adds to (a team's name, an integration's alerts) is copied then.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row(pub Arc<Map<String, Value>>);

impl Row {
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.0.get(field)
    }

    /// A text field, or "" when it has none.
    pub fn text(&self, field: &str) -> &str {
        self.0
            .get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// A text field that may be absent.
    pub fn opt_text(&self, field: &str) -> Option<&str> {
        self.0.get(field).and_then(Value::as_str)
    }

    pub fn texts(&self, field: &str) -> Vec<String> {
        match self.0.get(field) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| item.as_str().map(String::from))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn count(&self, field: &str) -> Option<u64> {
        self.0.get(field).and_then(Value::as_u64)
    }

    pub fn flag(&self, field: &str) -> bool {
        self.0.get(field).and_then(Value::as_bool).unwrap_or(false)
    }

    pub fn set(&mut self, field: &str, value: Value) {
        Arc::make_mut(&mut self.0).insert(field.to_string(), value);
    }
}

/// A row's fields as an export writes them: API names, masked values.
pub type ExportFields = Vec<(String, Value)>;

/// An item a list cannot show: a field of the wrong type.
#[derive(Debug, PartialEq, Eq)]
pub struct WrongType;

/// One field of an item.
pub struct Field {
    /// Its name in the row and in an export: the API's name.
    pub name: &'static str,
    /// Where the item holds it: a key, or `parent.key` inside an object that may be absent.
    pub from: &'static str,
    pub read: Read,
    pub search: Search,
    pub export: bool,
}

impl Field {
    /// A field read by `read` from the item's field of the same name, searched by `search`,
    /// written by an export.
    pub const fn new(name: &'static str, read: Read, search: Search) -> Field {
        Field {
            name,
            from: name,
            read,
            search,
            export: true,
        }
    }

    /// The same field, read from elsewhere in the item.
    pub const fn from(self, from: &'static str) -> Field {
        Field { from, ..self }
    }

    /// The same field, left out of an export.
    pub const fn not_exported(self) -> Field {
        Field {
            export: false,
            ..self
        }
    }
}

/// How a field is read; anything else refuses the item.
pub enum Read {
    /// A string; `null` or absent is `absent`.
    Text(Absent),
    /// A string, or absent for ""; `null` is refused.
    TextNotNull,
    /// A string as it is, any other value written as JSON text; absent or `null` is `absent`.
    AnyAsText(Absent),
    /// A whole number of 0 or more; `null` or absent is `null`.
    Count,
    /// A boolean; `null` or absent is `false`.
    Flag,
    /// An array of strings; `null` or absent is `[]`.
    Texts,
    /// An array of objects, each read by these fields; `null` or absent is `[]`.
    Each(&'static [Field]),
    /// The first of these fields that holds a non-empty string, or `null`.
    FirstText(&'static [&'static str]),
    /// Every field no other field reads, as one object, by name.
    Rest,
    /// The list's own reading of the value (absent: `None`).
    With(fn(Option<Value>) -> Result<Value, WrongType>),
    /// Not in the item: the page fills it (a team's name, an integration's alerts).
    Later,
}

/// What an absent text field holds.
#[derive(Clone, Copy)]
pub enum Absent {
    /// `null`: an export writes it, empty.
    Null,
    /// Left out of the row: an export does not name it at all.
    Omit,
    /// This text.
    Text(&'static str),
}

/// What the filter box finds in a field.
pub enum Search {
    No,
    /// The text as it is.
    Text,
    /// The text, or each text of a list, and its name in either language.
    Named(fn(&str, Lang) -> &str),
    /// Every value as either language shows it, at any depth, never a secret's.
    Values,
    /// Each item's fields, by their own `search` (an array of `Each`).
    Items,
}

/// One column of the table.
pub struct ColumnDesc {
    /// Its header, in English and Chinese.
    pub header: [&'static str; 2],
    /// The class of its cell.
    pub class: Option<&'static str>,
    pub cell: Cell,
    /// The column it sorts by, and how its rows are ordered.
    pub sort: Option<(Column, SortKey)>,
}

impl ColumnDesc {
    /// A column headed by `header` (English, Chinese), its cells drawn by `cell`.
    pub const fn new(header: [&'static str; 2], cell: Cell) -> ColumnDesc {
        ColumnDesc {
            header,
            class: None,
            cell,
            sort: None,
        }
    }

    /// The same column, its cells of this class.
    pub const fn class(self, class: &'static str) -> ColumnDesc {
        ColumnDesc {
            class: Some(class),
            ..self
        }
    }

    /// The same column, sorting by `column` in the order of `key`.
    pub const fn sorts(self, column: Column, key: SortKey) -> ColumnDesc {
        ColumnDesc {
            sort: Some((column, key)),
            ..self
        }
    }
}

/// How a cell shows its row. Every value is written as text, never as markup.
pub enum Cell {
    /// A text field, or `absent` when it has none.
    Text(&'static str, &'static str),
    /// The row in words.
    Words(fn(&Row, Lang) -> String),
    /// An integration type's badge: `<span class="badge badge-{type}">` and its name.
    Badge(&'static str),
    /// A link to `route` (the address of the row), its words the `text` field, else the
    /// `fallback` field; plain text when there is no address. Whether a table links at all
    /// is decided once, by asking `route` of an empty row: it may depend on the page (its
    /// organization known), not on the row.
    Link {
        text: &'static str,
        fallback: &'static str,
        route: fn(&RowContext, &Row) -> Option<crate::router::Route>,
    },
    /// An ID and its Copy button.
    Id(&'static str),
    /// A count, grouped by thousands, or "—".
    Count(&'static str),
    /// A `<time>`: a date (`date_only`) or a date and time in the reader's zone, or `absent`.
    Time {
        field: &'static str,
        date_only: bool,
        absent: [&'static str; 2],
    },
    /// A state in words with a visible mark when it is not the usual one: the class, whether
    /// it is marked, and the words.
    Status(fn(&Row, Lang) -> (String, bool, String)),
    /// Roles by the names the Atlas UI gives them.
    Roles(&'static str),
    /// `<ul class="…">`, an item per entry of an array field, each in words.
    Items {
        field: &'static str,
        class: &'static str,
        text: fn(&Value, Lang) -> String,
    },
    /// `<dl class="settings">`: the ID with its Copy button, then every remaining field.
    Settings {
        id: &'static str,
        rest: &'static str,
    },
    /// The list's own drawing of the cell, into an empty cell.
    With(fn(&web_sys::Element, &RowContext, &Row) -> Result<(), wasm_bindgen::JsValue>),
}

/// How a column orders its rows.
pub enum SortKey {
    /// A text field in lower case.
    Lower(&'static str),
    /// A text field in lower case, else the fallback field as it is.
    LowerOr(&'static str, &'static str),
    /// A text field as it is (IDs; ISO 8601 times in UTC, where text order is time order).
    Raw(&'static str),
    /// A count, zero-padded so that 10 sorts after 9; none first.
    Count(&'static str),
    /// The list's own key.
    With(fn(&Row) -> String),
}

/// What a row's links and words need beyond the row: the reader's language, the site, and
/// the IDs of the page.
pub struct RowContext {
    pub lang: Lang,
    pub locale: String,
    pub config: Option<crate::config::RuntimeConfig>,
    /// The page's owner: the project, organization or team whose list it is.
    pub owner_id: Option<String>,
    /// The organization the rows' teams belong to, when known.
    pub org_id: Option<String>,
}

/// A link to another page of the same owner: the page's list, and the link's words in
/// English and Chinese.
pub struct SeeAlso {
    pub list: List,
    pub words: [&'static str; 2],
}

/// A list page, described.
pub struct ListDescription {
    pub list: List,
    /// What the page shows: "Integrations", "集成".
    pub title: [&'static str; 2],
    /// Whose list it is, when not the endpoint's owner: a team's members are the team's.
    pub owner_words: Option<[&'static str; 2]>,
    /// What an empty table says.
    pub empty: [&'static str; 2],
    pub see_also: &'static [SeeAlso],
    pub fields: &'static [Field],
    pub columns: &'static [ColumnDesc],
    /// What an export writes besides the fields, from what the page filled in.
    pub export_more: Option<fn(&Row, &mut ExportFields)>,
    /// What the page does for this list alone.
    pub features: &'static [Feature],
}

impl ListDescription {
    pub fn has(&self, feature: Feature) -> bool {
        self.features.contains(&feature)
    }

    /// The page's address for these IDs, below the site (the endpoint table's `page`).
    pub fn href(&self, ids: &[String], encode: fn(&str) -> String) -> String {
        Endpoint::of(self.list).page_href(ids, encode)
    }

    /// The IDs of a path below the site, when it is this page's.
    pub fn ids_of(&self, segments: &[&str], decode: fn(&str) -> String) -> Option<Vec<String>> {
        Endpoint::of(self.list).page_ids(segments, decode)
    }
}

/// What a list page does for one list alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// A team's own list: named from its organization's teams, under a link to them.
    TeamsOwn,
    /// The Status filter of a team's members.
    StatusFilter,
    /// Its rows' teams named from the organization's teams (`teamId` into `name`).
    TeamNames,
    /// Each integration's Alerts, from the project's alert configurations.
    AlertUse,
    /// `?integration=…&type=…` narrows it to the alerts that notify through one integration.
    NarrowedByIntegration,
}
