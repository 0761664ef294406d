//! The one reader of a list's items: each field read from the item as its description says,
//! a field of the wrong type refusing the whole item. The items of a list that can carry
//! secrets (the endpoint table says which) are masked before anything is read, so a clear
//! secret never lives in the panel's state, whatever the proxy did.

use atlas_panel_common::mask::mask_fields;
use serde_json::{Map, Value};

use crate::list::description::{Absent, Field, Read, Row, WrongType};

/// Reads `item` by `fields`, masked first when `masked`.
pub fn read_item(
    fields: &[Field],
    mut item: Map<String, Value>,
    masked: bool,
) -> Result<Row, WrongType> {
    if masked {
        // At every depth: the items an `Each` field reads are masked with it.
        mask_fields(&mut item);
    }
    read_row(fields, item)
}

/// Reads `item` by `fields`, as it is.
pub fn read_row(fields: &[Field], mut item: Map<String, Value>) -> Result<Row, WrongType> {
    let mut row = Map::new();
    for field in fields {
        if matches!(field.read, Read::Rest | Read::Later) {
            continue;
        }
        let value = take(&mut item, field.from)?;
        if let Some(value) = read_value(&field.read, value, &mut item)? {
            row.insert(field.name.to_string(), value);
        }
    }
    if let Some(rest) = fields.iter().find(|field| matches!(field.read, Read::Rest)) {
        row.insert(rest.name.to_string(), Value::Object(item));
    }
    Ok(Row(std::sync::Arc::new(row)))
}

/// Takes `from` out of the item: a key, or `parent.key` in an object that may be absent.
fn take(item: &mut Map<String, Value>, from: &str) -> Result<Option<Value>, WrongType> {
    let Some((parent, key)) = from.split_once('.') else {
        return Ok(item.remove(from));
    };
    match item.remove(parent) {
        Some(Value::Object(mut parent)) => Ok(parent.remove(key)),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(WrongType),
    }
}

fn absent(absent: Absent) -> Option<Value> {
    match absent {
        Absent::Null => Some(Value::Null),
        Absent::Omit => None,
        Absent::Text(text) => Some(Value::from(text)),
    }
}

/// The value a field holds in the row (`None`: left out), or the item's refusal.
fn read_value(
    read: &Read,
    value: Option<Value>,
    item: &mut Map<String, Value>,
) -> Result<Option<Value>, WrongType> {
    Ok(match (read, value) {
        (Read::Text(_) | Read::TextNotNull | Read::AnyAsText(_), Some(Value::String(text))) => {
            Some(Value::String(text))
        }
        (Read::Text(when) | Read::AnyAsText(when), Some(Value::Null) | None) => absent(*when),
        (Read::AnyAsText(_), Some(other)) => Some(Value::String(other.to_string())),
        (Read::TextNotNull, None) => Some(Value::from("")),
        (Read::Count, Some(Value::Null) | None) => Some(Value::Null),
        (Read::Count, Some(Value::Number(number))) => {
            Some(Value::from(number.as_u64().ok_or(WrongType)?))
        }
        (Read::Flag, Some(Value::Bool(flag))) => Some(Value::Bool(flag)),
        (Read::Flag, Some(Value::Null) | None) => Some(Value::Bool(false)),
        (Read::Texts, value) => Some(texts(value)?),
        (Read::Each(fields), value) => Some(each(fields, value)?),
        (Read::FirstText(names), value) => {
            // The field named first is taken out already; the others are looked for in turn.
            let mut found = text(value)?;
            for name in names.iter().skip(1) {
                if found.as_deref().is_some_and(|text| !text.is_empty()) {
                    break;
                }
                found = text(item.remove(*name))?;
            }
            Some(
                found
                    .filter(|text| !text.is_empty())
                    .map_or(Value::Null, Value::String),
            )
        }
        (Read::With(read), value) => Some(read(value)?),
        (Read::Rest | Read::Later, _) => None,
        _ => return Err(WrongType),
    })
}

/// A string, or nothing when absent or `null`.
fn text(value: Option<Value>) -> Result<Option<String>, WrongType> {
    match value {
        Some(Value::String(text)) => Ok(Some(text)),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(WrongType),
    }
}

/// An array of strings; absent or `null` is empty.
pub fn texts(value: Option<Value>) -> Result<Value, WrongType> {
    match value {
        Some(Value::Array(items)) => {
            if items.iter().all(Value::is_string) {
                Ok(Value::Array(items))
            } else {
                Err(WrongType)
            }
        }
        Some(Value::Null) | None => Ok(Value::Array(Vec::new())),
        Some(_) => Err(WrongType),
    }
}

/// An array of objects, each read by `fields`; absent or `null` is empty.
fn each(fields: &[Field], value: Option<Value>) -> Result<Value, WrongType> {
    let items = match value {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => return Ok(Value::Array(Vec::new())),
        Some(_) => return Err(WrongType),
    };
    let mut read = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(item) = item else {
            return Err(WrongType);
        };
        let row = read_row(fields, item)?.0;
        read.push(Value::Object(
            std::sync::Arc::try_unwrap(row).unwrap_or_else(|shared| (*shared).clone()),
        ));
    }
    Ok(Value::Array(read))
}
