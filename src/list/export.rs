//! The rows on screen as a CSV or JSON file, masked exactly as shown.

use serde_json::{Map, Value};
use wasm_bindgen::JsCast;

use crate::list::description::{Absent, ListDescription, Read, Row};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// Where the rows came from, for the file's name and the JSON's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    /// The list's name (`integrations`, `project_events`), or the page's (`org-changes`).
    pub kind: &'static str,
    pub owner_id: String,
    pub page_num: u32,
    pub items_per_page: u32,
    pub total_count: Option<u64>,
    /// UTC, to the second: `2026-11-23T00:49:26Z`.
    pub exported_at: String,
}

/// `atlas-integrations-<id>-page-2-20261123T004926Z.csv`: what, whose, which page, when.
pub fn file_name(origin: &Origin, format: Format) -> String {
    let what = format!(
        "{}-{}-page-{}",
        origin.kind, origin.owner_id, origin.page_num
    );
    file_name_of(&what, &origin.exported_at, format)
}

/// `atlas-<what>-20261123T004926Z.csv`, from the time of the export (`exported_at`, UTC).
pub fn file_name_of(what: &str, exported_at: &str, format: Format) -> String {
    let stamp: String = exported_at
        .chars()
        .filter(|ch| !matches!(ch, '-' | ':'))
        .collect();
    format!("atlas-{what}-{stamp}.{}", format.extension())
}

pub fn contents(list: &ListDescription, origin: &Origin, rows: &[Row], format: Format) -> String {
    match format {
        Format::Csv => csv(list, rows),
        Format::Json => json_document(list, origin, rows),
    }
}

/// The row's fields as an export writes them: API names, masked values, in the description's
/// order; the remaining fields of an item each under its own name; then what the page added.
pub fn export_fields(list: &ListDescription, row: &Row) -> Vec<(String, Value)> {
    let mut fields = Vec::new();
    for field in list.fields.iter().filter(|field| field.export) {
        match (row.get(field.name), &field.read) {
            (Some(Value::Object(rest)), Read::Rest) => fields.extend(
                rest.iter()
                    .map(|(name, value)| (name.clone(), value.clone())),
            ),
            (Some(value), _) => fields.push((field.name.to_string(), value.clone())),
            (None, Read::Later) => fields.push((field.name.to_string(), Value::Null)),
            (None, _) => {}
        }
    }
    if let Some(more) = list.export_more {
        more(row, &mut fields);
    }
    fields
}

/// The columns an export always has, even with no rows: every field it writes but the
/// remaining fields and those an item may leave out.
fn always_written(list: &ListDescription) -> Vec<&'static str> {
    list.fields
        .iter()
        .filter(|field| {
            field.export
                && !matches!(
                    field.read,
                    Read::Rest | Read::Text(Absent::Omit) | Read::AnyAsText(Absent::Omit)
                )
        })
        .map(|field| field.name)
        .collect()
}

/// RFC 4180: one column per field name, in the order names first appear; CRLF line ends. It
/// starts with a byte order mark, so that spreadsheets read it as UTF-8.
pub fn csv(list: &ListDescription, rows: &[Row]) -> String {
    let rows: Vec<Vec<(String, Value)>> = rows.iter().map(|row| export_fields(list, row)).collect();
    let mut columns: Vec<&str> = always_written(list);
    for (name, _) in rows.iter().flatten() {
        if !columns.contains(&name.as_str()) {
            columns.push(name);
        }
    }
    let mut out = String::from("\u{feff}");
    out += &csv_line(columns.iter().map(|name| name.to_string()));
    for fields in &rows {
        out += &csv_line(columns.iter().map(|column| {
            fields
                .iter()
                .find(|(name, _)| name == column)
                .map(|(_, value)| cell_text(value))
                .unwrap_or_default()
        }));
    }
    out
}

fn cell_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn csv_line(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells.map(|cell| csv_cell(&cell)).collect();
    cells.join(",") + "\r\n"
}

/// Quotes what needs quoting, and defuses a cell a spreadsheet would run as a formula.
pub fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\0']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn json_document(list: &ListDescription, origin: &Origin, rows: &[Row]) -> String {
    let results: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut fields = Map::new();
            for (name, value) in export_fields(list, row) {
                fields.insert(name, value);
            }
            Value::Object(fields)
        })
        .collect();
    let mut document = Map::new();
    let mut put = |name: &str, value: Value| document.insert(name.to_string(), value);
    put("kind", origin.kind.into());
    put("ownerId", origin.owner_id.clone().into());
    put("pageNum", origin.page_num.into());
    put("itemsPerPage", origin.items_per_page.into());
    put("totalCount", origin.total_count.into());
    put("exportedAt", origin.exported_at.clone().into());
    put("results", results.into());
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// Now, in UTC, to the second.
pub fn utc_now() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // `2026-11-23T00:49:26.123Z` → `2026-11-23T00:49:26Z`
    match iso.split_once('.') {
        Some((seconds, _)) => format!("{seconds}Z"),
        None => iso,
    }
}

/// Hands `contents` to the browser as a download named `name`.
pub fn download(name: &str, contents: &str, format: Format) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&contents.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(format.media_type());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Some browsers read the blob after `click` returns: let it go a moment later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::rows::tests::rows;
    use crate::lists::{INTEGRATIONS, PROJECTS, TEAMS};
    use atlas_panel_common::endpoint::List;
    use serde_json::json;

    fn origin() -> Origin {
        Origin {
            kind: "integrations",
            owner_id: "6500000000000000000000a1".into(),
            page_num: 2,
            items_per_page: 10,
            total_count: Some(12),
            exported_at: "2026-11-23T00:49:26Z".into(),
        }
    }

    fn integrations() -> Vec<Row> {
        rows(
            List::Integrations,
            r#"[
            {"type":"PAGER_DUTY","region":"EU","serviceKey":"clear-service-key-1234"},
            {"type":"SLACK","apiToken":"xoxb-clear-token-9876","channelName":"=HYPERLINK(\"x\"),1","teamName":"Ops"},
            {"type":"DATADOG","region":"US","apiKey":"clear","sendDatabaseMetrics":true}
        ]"#,
        )
    }

    #[test]
    fn names_the_file_by_what_whose_which_page_and_when() {
        assert_eq!(
            file_name(&origin(), Format::Csv),
            "atlas-integrations-6500000000000000000000a1-page-2-20261123T004926Z.csv"
        );
        assert!(file_name(&origin(), Format::Json).ends_with("Z.json"));
    }

    #[test]
    fn writes_one_column_per_field_masked_as_shown() {
        let csv = csv(&INTEGRATIONS, &integrations());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}type,region,serviceKey,apiToken,channelName,teamName,apiKey,sendDatabaseMetrics"
        );
        assert_eq!(lines[1], "PAGER_DUTY,EU,********1234,,,,,");
        assert_eq!(
            lines[2],
            r#"SLACK,,,********9876,"'=HYPERLINK(""x""),1",Ops,,"#
        );
        assert_eq!(lines[3], "DATADOG,US,,,,,********,true");
        assert_eq!(lines[4], "");
        assert!(!csv.contains("clear"));
        assert_eq!(super::csv(&TEAMS, &[]), "\u{feff}name,id\r\n");
    }

    #[test]
    fn exports_projects_with_every_column_even_when_absent() {
        let projects = crate::list::rows::tests::projects();
        let csv = csv(&PROJECTS, &projects);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "\u{feff}name,id,orgId,clusterCount,created");
        assert_eq!(
            lines[1],
            "prod-eu-payments,6500000000000000000000a3,6500000000000000000000c1,10,2023-05-01T08:00:00Z"
        );
        // No count and no date are empty cells.
        assert_eq!(
            lines[3],
            "dev-us-search,6500000000000000000000a2,6500000000000000000000c1,,"
        );
        let origin = Origin {
            kind: "projects",
            owner_id: "6500000000000000000000c1".into(),
            ..origin()
        };
        assert_eq!(
            file_name(&origin, Format::Json),
            "atlas-projects-6500000000000000000000c1-page-2-20261123T004926Z.json"
        );
        let document: Value =
            serde_json::from_str(&json_document(&PROJECTS, &origin, &projects)).unwrap();
        assert_eq!(document["results"][0]["clusterCount"], 10);
        assert_eq!(document["results"][2]["clusterCount"], Value::Null);
        assert_eq!(document["results"][2]["created"], Value::Null);
        assert_eq!(document["results"][1]["orgId"], "6500000000000000000000c1");
    }

    #[test]
    fn quotes_and_defuses_cells() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\0=1"), "'\0=1");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn writes_json_with_where_and_when() {
        let teams = rows(
            List::Teams,
            r#"[{"id":"6500000000000000000000b1","name":"Ops"}]"#,
        );
        let origin = Origin {
            kind: "teams",
            ..origin()
        };
        let document: Value =
            serde_json::from_str(&json_document(&TEAMS, &origin, &teams)).unwrap();
        assert_eq!(document["kind"], "teams");
        assert_eq!(document["pageNum"], 2);
        assert_eq!(document["totalCount"], 12);
        assert_eq!(document["exportedAt"], "2026-11-23T00:49:26Z");
        assert_eq!(
            document["results"],
            json!([{"id": "6500000000000000000000b1", "name": "Ops"}])
        );
        let integrations: Value =
            serde_json::from_str(&json_document(&INTEGRATIONS, &origin, &integrations())).unwrap();
        assert_eq!(integrations["results"][0]["serviceKey"], "********1234");
        assert_eq!(integrations["results"][2]["sendDatabaseMetrics"], true);
        assert!(!integrations.to_string().contains("clear"));
    }
}
