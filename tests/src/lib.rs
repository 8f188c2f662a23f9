//! Helpers shared by the golden tests: where the shared material is, and the round-trip check.

pub mod codec;
pub mod expect;
pub mod fixtures;
pub mod json_tree;
pub mod payloads;
pub mod perturb;
pub mod sample_roundtrip;
pub mod samples;

use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Set to a directory to read the shared material (`payloads/`, `corpus/`) from there.
pub const SHARED_DIR_VAR: &str = "PARTNER_SHARED_DIR";
/// Set (CI does) to turn a missing shared directory into a failure instead of a skip.
pub const REQUIRE_SHARED_VAR: &str = "PARTNER_REQUIRE_SHARED";

/// The workspace root: the parent of this crate's directory as cargo names it at run time.
///
/// Read at run time first, so that a test binary reused from another checkout through a shared
/// target directory still looks at this checkout; the compiled-in path is the fallback for a
/// binary run by hand.
pub fn workspace_root() -> PathBuf {
    let here = std::env::var_os("CARGO_MANIFEST_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    here.parent().map(PathBuf::from).unwrap_or(here)
}

/// The shared material beside the checkout (or where `PARTNER_SHARED_DIR` says).
///
/// Returns `None`, after saying so on stderr, when it is absent and not required; panics when it
/// is absent and `PARTNER_REQUIRE_SHARED` is set.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os(SHARED_DIR_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("..").join("shared"));
    let wanted = dir.join(what);
    if wanted.is_dir() {
        return Some(wanted);
    }
    if std::env::var_os(REQUIRE_SHARED_VAR).is_some() {
        panic!(
            "{} is missing and {REQUIRE_SHARED_VAR} is set",
            wanted.display()
        );
    }
    eprintln!(
        "skipping: {} not found (set {SHARED_DIR_VAR} to the shared material)",
        wanted.display()
    );
    None
}

/// Parses `json` into `T`, writes it back, and compares the two JSON values.
///
/// On a mismatch the error names the first differing JSON pointer and both values there.
pub fn check_roundtrip<T: DeserializeOwned + Serialize>(json: &str) -> Result<T, String> {
    let model: T =
        partner_models::from_str(json).map_err(|error| format!("does not decode: {error}"))?;
    let written =
        serde_json::to_value(&model).map_err(|error| format!("does not encode: {error}"))?;
    let expected: Value = serde_json::from_str(json.trim_start_matches('\u{feff}'))
        .map_err(|error| format!("is not json: {error}"))?;
    match first_difference(&expected, &written, String::new()) {
        None => Ok(model),
        Some(difference) => Err(difference),
    }
}

/// Finds the first JSON pointer at which two values differ, describing both sides.
pub fn first_difference(expected: &Value, found: &Value, pointer: String) -> Option<String> {
    let at = if pointer.is_empty() {
        "/".to_owned()
    } else {
        pointer.clone()
    };
    match (expected, found) {
        (Value::Object(left), Value::Object(right)) => {
            for (key, value) in left {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match right.get(key) {
                    Some(other) => {
                        if let Some(difference) = first_difference(value, other, child) {
                            return Some(difference);
                        }
                    }
                    None => return Some(format!("{child}: lost (was {value})")),
                }
            }
            right
                .keys()
                .find(|key| !left.contains_key(*key))
                .map(|key| format!("{pointer}/{key}: added (now {})", right[key]))
        }
        (Value::Array(left), Value::Array(right)) => {
            if left.len() != right.len() {
                return Some(format!("{at}: {} items became {}", left.len(), right.len()));
            }
            left.iter()
                .zip(right)
                .enumerate()
                .find_map(|(index, (a, b))| first_difference(a, b, format!("{pointer}/{index}")))
        }
        _ if expected == found => None,
        _ => Some(format!("{at}: {expected} became {found}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_are_located_by_pointer() {
        let a = json!({"items": [{"rank": 1}, {"a/b": true}]});
        let b = json!({"items": [{"rank": 1}, {"a/b": false}]});
        assert_eq!(
            first_difference(&a, &b, String::new()).as_deref(),
            Some("/items/1/a~1b: true became false")
        );
        let c = json!({"items": [{"rank": 1}]});
        assert_eq!(
            first_difference(&a, &c, String::new()).as_deref(),
            Some("/items: 2 items became 1")
        );
        assert_eq!(
            first_difference(&json!({"x": 1}), &json!({}), String::new()).as_deref(),
            Some("/x: lost (was 1)")
        );
        assert_eq!(
            first_difference(&json!({}), &json!({"y": null}), String::new()).as_deref(),
            Some("/y: added (now null)")
        );
        assert_eq!(first_difference(&a, &a, String::new()), None);
    }
}
