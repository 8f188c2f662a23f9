//! `RawJson`: one JSON value kept as the exact text it arrived as.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A JSON value kept exactly as received: every byte of it, numbers and key order included, is
/// written back. Parse it on demand.
///
/// It is the one raw-JSON type of the runtime: free-form fields, unknown fields in
/// [`Extra`](crate::Extra) and unlisted enum values that were not strings all use it.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// Serializes `value` into raw JSON.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Self> {
        serde_json::value::to_raw_value(value).map(Self)
    }

    /// Checks that `text` is one JSON value and keeps it as it is.
    pub fn from_text(text: impl Into<String>) -> serde_json::Result<Self> {
        RawValue::from_string(text.into()).map(Self)
    }

    /// Returns the JSON text exactly as received.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Parses the value into `T`.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(self.0.get())
    }

    /// Parses the value into a `serde_json::Value` (numbers beyond `f64` lose precision there).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or(serde_json::Value::Null)
    }

    /// Returns the text of a JSON string value, unescaped; `None` for any other value.
    pub fn as_string(&self) -> Option<String> {
        serde_json::from_str(self.0.get()).ok()
    }

    /// Borrows the value as `serde_json`'s raw value.
    pub fn as_raw_value(&self) -> &RawValue {
        &self.0
    }
}

impl Default for RawJson {
    /// JSON `null`.
    fn default() -> Self {
        Self(RawValue::NULL.to_owned())
    }
}

impl From<Box<RawValue>> for RawJson {
    fn from(raw: Box<RawValue>) -> Self {
        Self(raw)
    }
}

impl From<RawJson> for Box<RawValue> {
    fn from(raw: RawJson) -> Self {
        raw.0
    }
}

impl From<&serde_json::Value> for RawJson {
    fn from(value: &serde_json::Value) -> Self {
        Self::from_text(value.to_string()).unwrap_or_default()
    }
}

impl FromStr for RawJson {
    type Err = serde_json::Error;

    /// Checks that `text` is one JSON value and keeps it as it is.
    fn from_str(text: &str) -> serde_json::Result<Self> {
        Self::from_text(text)
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson {}

impl std::hash::Hash for RawJson {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_exact_text() {
        let text = r#"{"b":1.50,"a":[1e3]}"#;
        let raw: RawJson = text.parse().expect("valid");
        assert_eq!(raw.get(), text);
        assert_eq!(serde_json::to_string(&raw).expect("encodes"), text);
        let decoded: RawJson = serde_json::from_str(text).expect("decodes");
        assert_eq!(decoded, raw);
        assert_eq!(decoded.to_string(), text);
    }

    #[test]
    fn refuses_what_is_not_one_value() {
        assert!(RawJson::from_text("1 2").is_err());
        assert!(RawJson::from_text("").is_err());
    }

    #[test]
    fn strings_unescape_on_demand() {
        let raw = RawJson::from_text(r#""a\u0062""#).expect("valid");
        assert_eq!(raw.as_string().as_deref(), Some("ab"));
        assert_eq!(RawJson::default().get(), "null");
        assert_eq!(RawJson::from(&serde_json::json!([1])).get(), "[1]");
    }
}
