//! Reads an OpenAPI 3.0 or 3.1 document from YAML or JSON text, with errors that say where.

mod node;
mod scopes;
mod translate;

use std::path::Path;

use crate::error::{Diagnostic, Error, Result};

pub use translate::Origins;

/// The extension a 3.0 document lists its webhooks under, and where a 3.1 document's `webhooks`
/// are once translated, so that lowering reads both the same way.
pub(crate) const WEBHOOKS_EXTENSION: &str = "x-webhooks";

/// A parsed spec: the typed document plus the raw tree (for extensions and pointers).
#[derive(Debug, Clone)]
pub struct Spec {
    /// A label for messages, usually the file path.
    pub origin: String,
    /// The typed document (a 3.1 document translated into the 3.0 shape).
    pub document: openapiv3::OpenAPI,
    /// What reading cost: each step of the 3.1 translation that loses something, located in the
    /// original document; for 3.0, the later-draft keywords the document carries that are ignored
    /// or that no one schema answers.
    pub notes: Vec<Diagnostic>,
    /// Where the places the 3.1 translation moved came from, to locate later diagnostics in the
    /// original document (empty for 3.0).
    pub origins: Origins,
}

/// Keywords of later JSON Schema drafts that a 3.0 document may carry but 3.0 (and so the
/// typed document) ignores; what they describe is not typed. A `$recursiveRef` or `$dynamicRef`
/// is first resolved ([`DYNAMIC_KEYWORDS`]), so only one left beside a `$ref` is reported here.
const FOREIGN_KEYWORDS: &[&str] = &[
    "$recursiveRef",
    "$dynamicRef",
    "patternProperties",
    "prefixItems",
    "unevaluatedProperties",
    "dependentSchemas",
];

/// The references of later drafts a 3.0 document is read through the 3.1 resolution for: each
/// one that means one component schema wherever it is reached from becomes a `$ref` to it.
const DYNAMIC_KEYWORDS: &[&str] = &["$recursiveRef", "$dynamicRef"];

/// Reports each keyword of [`FOREIGN_KEYWORDS`] in a 3.0 document, as an untyped position at its
/// pointer. The text is searched first, so that a document without any is not parsed twice; a
/// key under `properties` is a property's name, not a keyword.
fn foreign_keywords(json: &str) -> Vec<Diagnostic> {
    if !FOREIGN_KEYWORDS
        .iter()
        .any(|keyword| json.contains(&format!("\"{keyword}\"")))
    {
        return Vec::new();
    }
    let Ok(tree) = serde_json::from_str::<node::Node>(json) else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    let mut pending = vec![(String::new(), &tree, false)];
    while let Some((pointer, node, names)) = pending.pop() {
        match node {
            node::Node::Object(entries) => {
                for (key, value) in entries {
                    let here = format!("{pointer}/{}", escape(key));
                    if !names && FOREIGN_KEYWORDS.contains(&key.as_str()) {
                        notes.push(
                            Diagnostic::new(
                                format!("#{here}"),
                                format!(
                                    "`{key}` is not an OpenAPI 3.0 keyword: it is ignored, and \
                                     what it describes is not typed"
                                ),
                            )
                            .with_loss(crate::error::Loss::Untyped),
                        );
                    }
                    pending.push((here, value, !names && key == "properties"));
                }
            }
            node::Node::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    pending.push((format!("{pointer}/{index}"), item, false));
                }
            }
            _ => {}
        }
    }
    notes.sort();
    notes
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
    if is_blank(text, is_json) {
        return Err(Error::Empty {
            origin: origin.to_owned(),
        });
    }
    let json = if is_json {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(yaml_to_json(text, origin)?)
    };
    let head = read_head(&json, origin, is_json)?;
    let found = match &head.openapi {
        Some(serde_json::Value::String(version)) => version.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    if head.openapi.is_none()
        && let Some(swagger) = &head.swagger
    {
        return Err(Error::Swagger {
            origin: origin.to_owned(),
            found: match swagger {
                serde_json::Value::String(version) => version.clone(),
                other => other.to_string(),
            },
        });
    }
    let is_31 = is_openapi_3x(&found, "1");
    if !is_openapi_3x(&found, "0") && !is_31 {
        return Err(Error::UnsupportedVersion {
            origin: origin.to_owned(),
            found,
        });
    }
    let duplicates = duplicate_keys(&json);
    if !duplicates.is_empty() {
        return Err(Error::Shape {
            origin: origin.to_owned(),
            problems: duplicates,
        });
    }
    let syntax = |error: serde_json::Error| Error::Syntax {
        origin: origin.to_owned(),
        format: if is_json { "JSON" } else { "YAML" },
        message: error.to_string(),
    };
    let (json, notes, origins) = if is_31 {
        let tree: node::Node = serde_json::from_str(&json).map_err(syntax)?;
        let translation = translate::translate(tree);
        let text = serde_json::to_string(&translation.document).map_err(syntax)?;
        (
            std::borrow::Cow::Owned(text),
            translation.notes,
            translation.origins,
        )
    } else if DYNAMIC_KEYWORDS
        .iter()
        .any(|keyword| json.contains(&format!("\"{keyword}\"")))
    {
        let tree: node::Node = serde_json::from_str(&json).map_err(syntax)?;
        let (tree, mut notes) = translate::resolve_dynamic_references(tree);
        let text = serde_json::to_string(&tree).map_err(syntax)?;
        notes.extend(foreign_keywords(&text));
        notes.sort();
        (std::borrow::Cow::Owned(text), notes, Origins::default())
    } else {
        let notes = foreign_keywords(&json);
        (json, notes, Origins::default())
    };
    let mut deserializer = serde_json::Deserializer::from_str(&json);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(document) => Ok(Spec {
            origin: origin.to_owned(),
            document,
            notes,
            origins,
        }),
        Err(error) => {
            let mut problems = shape_problems(&json);
            if problems.is_empty() {
                problems.push(Diagnostic::new(
                    pointer_of(error.path()),
                    without_position(error.inner()),
                ));
            }
            origins.restore(&mut problems);
            Err(Error::Shape {
                origin: origin.to_owned(),
                problems,
            })
        }
    }
}

/// Whether the text holds no document: nothing but whitespace (and, in YAML, comments and
/// document markers).
fn is_blank(text: &str, is_json: bool) -> bool {
    text.lines().map(str::trim).all(|line| {
        line.is_empty() || (!is_json && (line.starts_with('#') || line == "---" || line == "..."))
    })
}

/// Every key that appears twice in one mapping, with where.
///
/// YAML and JSON readers disagree about repeated keys (some keep the last, some refuse), and
/// `openapiv3` panics on some of them, so they are reported before the document is read.
fn duplicate_keys(json: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut path = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let seed = KeyCheck {
        path: &mut path,
        found: &mut found,
    };
    let _ = serde::de::DeserializeSeed::deserialize(seed, &mut deserializer);
    found
}

/// Walks a document, noting repeated keys; the path is the keys and indices above the value.
struct KeyCheck<'a> {
    path: &'a mut Vec<String>,
    found: &'a mut Vec<Diagnostic>,
}

impl KeyCheck<'_> {
    fn pointer(&self) -> String {
        let mut pointer = String::from("#");
        for token in self.path.iter() {
            pointer.push('/');
            pointer.push_str(&escape(token));
        }
        pointer
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for KeyCheck<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyCheck<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        loop {
            self.path.push(index.to_string());
            let seed = KeyCheck {
                path: &mut *self.path,
                found: &mut *self.found,
            };
            let more = seq.next_element_seed(seed)?;
            self.path.pop();
            if more.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                let pointer = self.pointer();
                self.found.push(Diagnostic::new(
                    pointer,
                    format!("the key `{key}` appears twice in this mapping; keep one"),
                ));
            }
            self.path.push(key);
            let seed = KeyCheck {
                path: &mut *self.path,
                found: &mut *self.found,
            };
            map.next_value_seed(seed)?;
            self.path.pop();
        }
        Ok(())
    }
}

/// Reads the declared version, refusing a document that is not a mapping.
fn read_head(json: &str, origin: &str, is_json: bool) -> Result<Head> {
    let found = match json.trim_start().bytes().next() {
        Some(b'{') => None,
        Some(b'[') => Some("a list"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        Some(_) => Some("a number"),
        None => Some("nothing"),
    };
    if let Some(found) = found
        && serde_json::from_str::<serde::de::IgnoredAny>(json).is_ok()
    {
        return Err(Error::NotAMapping {
            origin: origin.to_owned(),
            found,
        });
    }
    serde_json::from_str::<Head>(json).map_err(|error| Error::Syntax {
        origin: origin.to_owned(),
        format: if is_json { "JSON" } else { "YAML" },
        message: error.to_string(),
    })
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
    swagger: Option<serde_json::Value>,
}

/// A serde_json message without its position (positions in converted YAML would mislead), and
/// with `openapiv3`'s type names said as the OpenAPI objects they are.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => &text,
    };
    match text.split_once("expected struct ") {
        Some((before, name)) => format!("{before}expected an OpenAPI {name} object"),
        None => text.to_owned(),
    }
}

/// Finds every shape error by reading each path item and each component on its own, so that
/// one run lists them all (a single pass stops at the first, and `openapiv3`'s flattened maps hide
/// the place of an error inside `#/paths` from the path tracker). Falls back to the whole
/// document when no part fails alone.
fn shape_problems(json: &str) -> Vec<Diagnostic> {
    use openapiv3::{Parameter, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
    let Ok(tree) = serde_json::from_str::<serde_json::Value>(json) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if let Some(paths) = tree.get("paths").and_then(serde_json::Value::as_object) {
        let items = paths
            .iter()
            .filter(|(key, item)| !key.starts_with("x-") && item.get("$ref").is_none());
        for (path, item) in items {
            check::<openapiv3::PathItem>(item, &format!("#/paths/{}", escape(path)), &mut problems);
        }
    }
    if let Some(components) = tree
        .get("components")
        .and_then(serde_json::Value::as_object)
    {
        for (section, entries) in components {
            let Some(entries) = entries.as_object() else {
                continue;
            };
            for (name, entry) in entries {
                let pointer = format!("#/components/{}/{}", escape(section), escape(name));
                match section.as_str() {
                    "schemas" => check::<ReferenceOr<Schema>>(entry, &pointer, &mut problems),
                    "parameters" => check::<ReferenceOr<Parameter>>(entry, &pointer, &mut problems),
                    "responses" => check::<ReferenceOr<Response>>(entry, &pointer, &mut problems),
                    "requestBodies" => {
                        check::<ReferenceOr<RequestBody>>(entry, &pointer, &mut problems);
                    }
                    "securitySchemes" => {
                        check::<ReferenceOr<SecurityScheme>>(entry, &pointer, &mut problems);
                    }
                    _ => {}
                }
            }
        }
    }
    if problems.is_empty()
        && let Err(error) = serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(tree)
    {
        problems.push(Diagnostic::new(
            pointer_of(error.path()),
            without_position(error.inner()),
        ));
    }
    problems
}

/// Reads `value` as a `T`, noting where it fails under `base`.
fn check<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    base: &str,
    problems: &mut Vec<Diagnostic>,
) {
    if let Err(error) = serde_path_to_error::deserialize::<_, T>(value) {
        let inner = pointer_of(error.path());
        problems.push(Diagnostic::new(
            format!("{base}{}", inner.trim_start_matches('#')),
            without_position(error.inner()),
        ));
    }
}

/// Whether `version` is `3.<minor>.<patch>`; `openapiv3` silently accepts other versions and
/// drops what it does not know, so the version is checked first.
fn is_openapi_3x(version: &str, minor: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    matches!(parts.as_slice(), ["3", found, patch] if *found == minor && !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
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
    fn reads_openapi_31() {
        let spec = parse(
            "openapi: 3.1.0\ninfo: {title: t, version: '1', summary: s}\n",
            "t.yaml",
            false,
        )
        .expect("3.1 is read");
        assert_eq!(spec.document.openapi, "3.0.3");
        assert!(spec.notes.is_empty());
    }

    #[test]
    fn reports_later_keywords_a_30_document_carries() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Filter:\n      type: object\n      properties:\n        patternProperties: {type: string}\n        filters:\n          type: array\n          items:\n            anyOf:\n              - {type: string}\n              - {prefixItems: [{type: string}]}\n";
        let spec = parse(text, "t.yaml", false).expect("3.0 is read");
        let notes: Vec<(&str, crate::error::Loss)> = spec
            .notes
            .iter()
            .map(|note| (note.pointer.as_str(), note.loss))
            .collect();
        assert_eq!(
            notes,
            [(
                "#/components/schemas/Filter/properties/filters/items/anyOf/1/prefixItems",
                crate::error::Loss::Untyped
            )],
            "the keyword is reported, a property of the same name is not"
        );
        let plain = parse(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "t.yaml",
            false,
        )
        .expect("3.0 is read");
        assert!(plain.notes.is_empty());
    }

    #[test]
    fn resolves_the_recursive_references_a_30_document_carries() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$recursiveRef: '#'}\ncomponents:\n  schemas:\n    Leaf:\n      type: object\n      properties:\n        key: {type: string}\n    Filter:\n      $recursiveAnchor: true\n      type: object\n      properties:\n        $recursiveRef: {type: string}\n        filters:\n          type: array\n          items:\n            oneOf:\n              - $ref: '#/components/schemas/Leaf'\n              - $recursiveRef: '#'\n              - {$ref: '#/components/schemas/Leaf', $recursiveRef: '#'}\n";
        let spec = parse(text, "t.yaml", false).expect("3.0 is read");
        let filter = &spec
            .document
            .components
            .as_ref()
            .expect("components")
            .schemas["Filter"];
        let json = serde_json::to_value(filter).expect("serializes");
        assert_eq!(
            json["properties"]["filters"]["items"]["oneOf"],
            serde_json::json!([
                {"$ref": "#/components/schemas/Leaf"},
                {"$ref": "#/components/schemas/Filter"},
                {"$ref": "#/components/schemas/Leaf"}
            ])
        );
        assert_eq!(
            json["properties"]["$recursiveRef"],
            serde_json::json!({"type": "string"}),
            "a property of that name is left alone"
        );
        let notes: Vec<String> = spec.notes.iter().map(ToString::to_string).collect();
        assert_eq!(
            notes,
            [
                "#/components/schemas/Filter/properties/filters/items/oneOf/2/$recursiveRef: `$recursiveRef` is not an OpenAPI 3.0 keyword: it is ignored, and what it describes is not typed",
                "#/paths/~1a/get/responses/200/content/application~1json/schema/$recursiveRef: `$recursiveRef` is outside every component schema, so `#` names no schema: what it describes is not typed, and values only it describes are kept as untyped json",
            ]
        );
    }

    #[test]
    fn refuses_openapi_32() {
        let error = parse(
            "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "t.yaml",
            false,
        )
        .expect_err("must fail");
        assert!(matches!(error, Error::UnsupportedVersion { ref found, .. } if found == "3.2.0"));
    }

    #[test]
    fn shape_errors_of_31_point_into_the_original() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /pets: {$ref: '#/components/pathItems/Pets'}\ncomponents:\n  pathItems:\n    Pets:\n      get:\n        responses: 7\n";
        let error = parse(text, "t.yaml", false).expect_err("must fail");
        match error {
            Error::Shape { problems, .. } => {
                let pointers: Vec<&str> = problems
                    .iter()
                    .map(|problem| problem.pointer.as_str())
                    .collect();
                assert_eq!(pointers, ["#/components/pathItems/Pets/get/responses"]);
            }
            other => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn refuses_a_missing_version() {
        let error = parse("{\"paths\": {}}", "t.json", true).expect_err("must fail");
        assert_eq!(
            error.to_string(),
            "t.json#/openapi is \"\", but only OpenAPI 3.0.x and 3.1.x are supported: add `openapi: 3.0.3` at the top level"
        );
    }

    #[test]
    fn shape_errors_carry_a_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses: 7\n";
        let error = parse(text, "t.yaml", false).expect_err("must fail");
        match error {
            Error::Shape { problems, .. } => {
                let pointers: Vec<&str> = problems
                    .iter()
                    .map(|problem| problem.pointer.as_str())
                    .collect();
                assert_eq!(pointers, ["#/paths/~1pets/get/responses"]);
            }
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
    fn accepts_3_0_x_and_3_1_x() {
        assert!(is_openapi_3x("3.0.0", "0"));
        assert!(is_openapi_3x("3.0.3", "0"));
        assert!(is_openapi_3x("3.1.0", "1"));
        assert!(!is_openapi_3x("3.1.0", "0"));
        assert!(!is_openapi_3x("3.2.0", "1"));
        assert!(!is_openapi_3x("3.0", "0"));
        assert!(!is_openapi_3x("2.0", "0"));
    }
}
