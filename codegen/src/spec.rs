//! Reads an OpenAPI 3.0 document from YAML or JSON text, with errors that say where.

use std::path::Path;

use crate::error::{Error, Result};

/// A parsed spec: the typed document plus the raw tree (for extensions and pointers).
#[derive(Debug, Clone)]
pub struct Spec {
    /// A label for messages, usually the file path.
    pub origin: String,
    /// The typed document.
    pub document: openapiv3::OpenAPI,
}

/// Reads and parses the spec at `path`; `.json` files are read as JSON, anything else as YAML.
pub fn load(path: &Path) -> Result<Spec> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.display().to_string(),
        source,
    })?;
    let is_json = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    parse(&text, &path.display().to_string(), is_json)
}

/// Parses spec text; `origin` labels messages.
///
/// YAML is first turned into JSON text (keeping key order), so both formats take one path; the
/// document is then deserialized straight from that text, so maps keep the spec's order.
pub fn parse(text: &str, origin: &str, is_json: bool) -> Result<Spec> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json = if is_json {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(yaml_to_json(text, origin)?)
    };
    let head: Head = serde_json::from_str(&json).map_err(|error| Error::Syntax {
        origin: origin.to_owned(),
        format: if is_json { "JSON" } else { "YAML" },
        message: error.to_string(),
    })?;
    let found = match &head.openapi {
        Some(serde_json::Value::String(version)) => version.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    if !is_openapi_30(&found) {
        return Err(Error::UnsupportedVersion {
            origin: origin.to_owned(),
            found,
        });
    }
    let mut deserializer = serde_json::Deserializer::from_str(&json);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(document) => Ok(Spec {
            origin: origin.to_owned(),
            document,
        }),
        Err(error) => {
            let (pointer, message) = precise_shape_error(&json)
                .unwrap_or_else(|| (pointer_of(error.path()), without_position(error.inner())));
            Err(Error::Shape {
                origin: origin.to_owned(),
                pointer,
                message,
            })
        }
    }
}

/// Streams YAML text into JSON text, keeping the order of keys.
///
/// Streaming (rather than building a tree) also carries integers beyond 64 bits through; the
/// JSON reader then takes them as floats, as the 3.0 corpus needs.
fn yaml_to_json(text: &str, origin: &str) -> Result<String> {
    let mut json = Vec::with_capacity(text.len());
    let mut serializer = serde_json::Serializer::new(&mut json);
    serde_transcode::transcode(serde_norway::Deserializer::from_str(text), &mut serializer)
        .map_err(|error| Error::Syntax {
            origin: origin.to_owned(),
            format: "YAML",
            message: error.to_string(),
        })?;
    String::from_utf8(json).map_err(|error| Error::Syntax {
        origin: origin.to_owned(),
        format: "YAML",
        message: error.to_string(),
    })
}

/// The part of a document read before anything else: its declared version.
#[derive(serde::Deserialize)]
struct Head {
    openapi: Option<serde_json::Value>,
}

/// A serde_json message without its position (positions in converted YAML would mislead).
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Locates a shape error again through a JSON tree, which `openapiv3`'s flattened maps do not
/// hide from the path tracker (the streaming pass stops at `#/paths`).
fn precise_shape_error(json: &str) -> Option<(String, String)> {
    let tree: serde_json::Value = serde_json::from_str(json).ok()?;
    if let Some(paths) = tree.get("paths").and_then(serde_json::Value::as_object) {
        let items = paths
            .iter()
            .filter(|(key, item)| !key.starts_with("x-") && item.get("$ref").is_none());
        for (path, item) in items {
            if let Err(error) = serde_path_to_error::deserialize::<_, openapiv3::PathItem>(item) {
                let inner = pointer_of(error.path());
                let pointer = format!("#/paths/{}{}", escape(path), inner.trim_start_matches('#'));
                return Some((pointer, without_position(error.inner())));
            }
        }
    }
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(tree) {
        Ok(_) => None,
        Err(error) => Some((pointer_of(error.path()), without_position(error.inner()))),
    }
}

/// `openapiv3` silently accepts 3.1 documents and drops what it does not know, so check first.
fn is_openapi_30(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    matches!(parts.as_slice(), ["3", "0", patch] if !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

/// Turns a serde path into a JSON pointer fragment such as `#/paths/~1pets/get`.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => pointer.push_str(&escape(key)),
            Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}

/// Escapes one JSON pointer token (RFC 6901).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_openapi_31() {
        let error = parse(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "t.yaml",
            false,
        )
        .expect_err("must fail");
        assert!(matches!(error, Error::UnsupportedVersion { ref found, .. } if found == "3.1.0"));
    }

    #[test]
    fn refuses_a_missing_version() {
        let error = parse("{\"paths\": {}}", "t.json", true).expect_err("must fail");
        assert_eq!(
            error.to_string(),
            "t.json: #/openapi is \"\", but only OpenAPI 3.0.x is supported"
        );
    }

    #[test]
    fn shape_errors_carry_a_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses: 7\n";
        let error = parse(text, "t.yaml", false).expect_err("must fail");
        match error {
            Error::Shape { pointer, .. } => assert_eq!(pointer, "#/paths/~1pets/get/responses"),
            other => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn syntax_errors_name_the_format() {
        let error = parse("openapi: [", "t.yaml", false).expect_err("must fail");
        assert!(
            error.to_string().starts_with("t.yaml is not valid YAML: "),
            "{error}"
        );
    }

    #[test]
    fn accepts_3_0_x() {
        assert!(is_openapi_30("3.0.0"));
        assert!(is_openapi_30("3.0.3"));
        assert!(!is_openapi_30("3.1.0"));
        assert!(!is_openapi_30("3.0"));
        assert!(!is_openapi_30("2.0"));
    }
}
