//! `OtherValue`: an enum value that the description does not list, kept as it arrived.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::RawJson;

/// An enum value that the description does not list, kept exactly as the service sent it.
///
/// Boxed, so that the rare unlisted value does not make every enum value larger.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OtherValue(Box<OtherRepr>);

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum OtherRepr {
    /// A JSON string, unescaped.
    Text(String),
    /// Any other JSON value, as compact JSON text.
    Json(String),
}

impl OtherValue {
    /// Wraps a string value.
    pub fn text(value: impl Into<String>) -> Self {
        Self(Box::new(OtherRepr::Text(value.into())))
    }

    /// Wraps any JSON value; a string is kept as its text.
    pub fn json(value: &RawJson) -> Self {
        match value.as_string() {
            Some(text) => Self::text(text),
            None => Self(Box::new(OtherRepr::Json(value.get().to_owned()))),
        }
    }

    /// Wraps the compact JSON text of a value that is not a string.
    pub(crate) fn json_text(text: String) -> Self {
        Self(Box::new(OtherRepr::Json(text)))
    }

    /// Wraps a value the reader already parsed.
    pub(crate) fn from_value(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::String(text) => Self::text(text),
            other => Self(Box::new(OtherRepr::Json(other.to_string()))),
        }
    }

    /// Returns the value when the service sent a string.
    pub fn as_str(&self) -> Option<&str> {
        match &*self.0 {
            OtherRepr::Text(text) => Some(text),
            OtherRepr::Json(_) => None,
        }
    }

    /// Returns the value as raw JSON: a string value is quoted and escaped again.
    pub fn to_json(&self) -> RawJson {
        match &*self.0 {
            OtherRepr::Text(text) => RawJson::from_serialize(text).unwrap_or_default(),
            OtherRepr::Json(json) => RawJson::from_text(json.as_str()).unwrap_or_default(),
        }
    }
}

impl fmt::Display for OtherValue {
    /// Writes a string value's text, or any other value's JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            OtherRepr::Text(text) | OtherRepr::Json(text) => f.write_str(text),
        }
    }
}

impl Serialize for OtherValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &*self.0 {
            OtherRepr::Text(text) => serializer.serialize_str(text),
            OtherRepr::Json(_) => self.to_json().serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_other_values() {
        let text = OtherValue::json(&RawJson::from_text(r#""Weekly""#).expect("valid"));
        assert_eq!(text.as_str(), Some("Weekly"));
        assert_eq!(text.to_json().get(), r#""Weekly""#);
        assert_eq!(text, OtherValue::text("Weekly"));
        let number = OtherValue::json(&RawJson::from_text("7").expect("valid"));
        assert_eq!(number.as_str(), None);
        assert_eq!(number.to_string(), "7");
        assert_eq!(serde_json::to_string(&number).expect("encodes"), "7");
    }
}
