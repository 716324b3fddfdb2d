//! Deserialisers for HOSTKEY's loosely typed JSON: ids as numbers or text,
//! server lists as arrays or maps, tag values as text or arrays, and empty
//! strings where a list is expected.

use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A number given as a number or as text (`18`, `"18"`, `"2.4"` rounds down); junk gives `None`.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(value_i64(&Value::deserialize(d)?))
}

/// Reads an integer from a JSON number or numeric text.
pub(crate) fn value_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.trunc() as i64)),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>()
                .ok()
                .or_else(|| s.parse::<f64>().ok().map(|f| f.trunc() as i64))
        }
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// Text from a JSON scalar; `null`, arrays and objects give `None`.
pub(crate) fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Text from any JSON value: scalars as text, `null` as `None`, arrays and
/// objects as compact JSON (HOSTKEY's `debug` and `message` fields vary).
pub fn opt_any_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(match &value {
        Value::Null => None,
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
        scalar => value_text(scalar),
    })
}

/// Server ids given as an array (`[34533, 32645]`) or as a map
/// (`{"34533": "34533"}`), as text.
pub fn id_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items.iter().filter_map(value_text).collect(),
        Value::Object(map) => map.keys().cloned().collect(),
        other => value_text(&other)
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect(),
    })
}

/// Texts given as a list, or as one text (`["CR deleted", …]`, `"119"`).
pub fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items.iter().filter_map(value_text).collect(),
        other => value_text(&other).into_iter().collect(),
    })
}

/// A list that HOSTKEY sends as `""` (or `null`) when empty.
pub fn list_or_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .map(|item| serde_json::from_value(item).map_err(serde::de::Error::custom))
            .collect(),
        Value::Object(map) => serde_json::from_value(Value::Object(map))
            .map(|one| vec![one])
            .map_err(serde::de::Error::custom),
        _ => Ok(Vec::new()),
    }
}

/// A tag value: text for most tags, a list for software's `os` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum TagValue {
    /// A single value (numbers and booleans are kept as text).
    Text(String),
    /// Several values (OS ids a software package supports).
    List(Vec<String>),
}

impl Default for TagValue {
    fn default() -> Self {
        TagValue::Text(String::new())
    }
}

impl TagValue {
    /// The value as one string (a list is joined with commas).
    pub fn as_text(&self) -> String {
        match self {
            TagValue::Text(s) => s.clone(),
            TagValue::List(items) => items.join(","),
        }
    }

    /// The values as a list (a single value is a one-item list; empty text gives none).
    pub fn items(&self) -> Vec<String> {
        match self {
            TagValue::Text(s) if s.is_empty() => Vec::new(),
            TagValue::Text(s) => vec![s.clone()],
            TagValue::List(items) => items.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for TagValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Array(items) => TagValue::List(items.iter().filter_map(value_text).collect()),
            Value::Null => TagValue::default(),
            Value::Object(map) => TagValue::Text(Value::Object(map).to_string()),
            scalar => TagValue::Text(value_text(&scalar).unwrap_or_default()),
        })
    }
}

/// Like [`opt_any_text`], with `null` as the empty string.
pub fn any_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_any_text(d)?.unwrap_or_default())
}
