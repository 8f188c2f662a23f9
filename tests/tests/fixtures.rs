//! Hand-made fixtures in `tests/fixtures/models` round-trip exactly and together cover the whole spec.
//!
//! Each fixture is an invented body for one component schema of `spec/partner-center.yaml`. The
//! [`FIXTURES`] table names the generated model that reads it (whose name is also the schema's).
//! Two checks run over the table:
//!
//! * every fixture decodes into its model and encodes back to the same JSON value, and the table
//!   and the directory list exactly the same files;
//! * walking each fixture alongside its schema, the fixtures use every property of every object
//!   schema, every value of every enum schema and every `oneOf` alternative, and use no key, enum
//!   value or JSON type the spec does not declare at that place.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use golden_tests::fixtures::{FIXTURES, fixtures_dir};
use serde_json::{Map, Value};

/// Reads one fixture as text, or says why it cannot be read.
fn read_fixture(file: &str) -> Result<String, String> {
    let path = fixtures_dir().join(file);
    std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

/// Names of every file in the fixture directory.
fn files_on_disk() -> BTreeSet<String> {
    let dir = fixtures_dir();
    std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| {
            let entry =
                entry.unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn every_fixture_is_in_the_table_and_round_trips_exactly() {
    let on_disk = files_on_disk();
    let mut problems = Vec::new();
    let mut in_table = BTreeSet::new();
    for fixture in FIXTURES {
        if !in_table.insert(fixture.file) {
            problems.push(format!("{}: listed twice in FIXTURES", fixture.file));
        }
        if !on_disk.contains(fixture.file) {
            problems.push(format!(
                "{}: listed in FIXTURES but no such file",
                fixture.file
            ));
        }
    }
    problems.extend(
        on_disk
            .iter()
            .filter(|file| !in_table.contains(file.as_str()))
            .map(|file| format!("{file}: file has no entry in FIXTURES")),
    );
    problems.extend(
        FIXTURES
            .iter()
            .filter(|fixture| on_disk.contains(fixture.file))
            .filter_map(|fixture| {
                read_fixture(fixture.file)
                    .and_then(|text| (fixture.codec.roundtrip)(&text))
                    .err()
                    .map(|problem| format!("{} as {}: {problem}", fixture.file, fixture.schema))
            }),
    );
    assert!(
        problems.is_empty(),
        "{} fixture problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn fixtures_cover_every_property_enum_value_and_alternative_of_the_spec() {
    let path = golden_tests::workspace_root().join("spec/partner-center.yaml");
    let spec = codegen::spec::load(&path)
        .unwrap_or_else(|error| panic!("cannot load {}: {error}", path.display()));
    let document =
        serde_json::to_value(&spec.document).expect("an OpenAPI document converts to JSON");
    let schemas = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .expect("the spec has components.schemas");

    let mut walker = Walker::new(schemas);
    for fixture in FIXTURES {
        let value = read_fixture(fixture.file).and_then(|text| {
            serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}'))
                .map_err(|error| format!("not JSON: {error}"))
        });
        match (value, schemas.get(fixture.schema)) {
            (Ok(value), Some(schema)) => walker.walk(
                schema,
                Some(fixture.schema),
                &value,
                &format!("{}#", fixture.file),
            ),
            (Err(problem), _) => walker.problems.push(format!("{}: {problem}", fixture.file)),
            (_, None) => walker.problems.push(format!(
                "{}: no schema {} in the spec",
                fixture.file, fixture.schema
            )),
        }
    }

    let wanted = Wanted::from_schemas(schemas);
    let mut report = String::new();
    section(
        &mut report,
        "keys, values or types the spec does not declare",
        walker.problems.iter(),
    );
    section(
        &mut report,
        "properties no fixture uses",
        wanted
            .properties
            .difference(&walker.properties)
            .map(|(schema, property)| format!("{schema}.{property}")),
    );
    section(
        &mut report,
        "enum values no fixture uses",
        wanted
            .enum_values
            .difference(&walker.enum_values)
            .map(|(schema, value)| format!("{schema} = {value}")),
    );
    section(
        &mut report,
        "oneOf alternatives no fixture uses",
        wanted
            .alternatives
            .difference(&walker.alternatives)
            .map(|(schema, index)| format!("{schema}.oneOf[{index}]")),
    );
    assert!(
        report.is_empty(),
        "the fixtures do not cover the spec:\n{report}"
    );
    println!(
        "covered {}/{} properties, {}/{} enum values, {}/{} oneOf alternatives",
        walker.properties.len(),
        wanted.properties.len(),
        walker.enum_values.len(),
        wanted.enum_values.len(),
        walker.alternatives.len(),
        wanted.alternatives.len(),
    );
}

/// Appends a titled list to `report` when `items` is not empty.
fn section(report: &mut String, title: &str, items: impl Iterator<Item = impl std::fmt::Display>) {
    let lines: Vec<String> = items.map(|item| format!("  {item}")).collect();
    if !lines.is_empty() {
        writeln!(report, "{} {title}:\n{}", lines.len(), lines.join("\n"))
            .expect("writing to a String cannot fail");
    }
}

/// Everything the spec declares that the fixtures must use.
struct Wanted {
    /// (schema, property) for every property of every component schema with `properties`.
    properties: BTreeSet<(String, String)>,
    /// (schema, value) for every value of every component enum schema.
    enum_values: BTreeSet<(String, String)>,
    /// (schema, index) for every alternative of every component `oneOf` schema.
    alternatives: BTreeSet<(String, usize)>,
}

impl Wanted {
    /// Lists what the component schemas declare.
    fn from_schemas(schemas: &Map<String, Value>) -> Self {
        let mut wanted = Self {
            properties: BTreeSet::new(),
            enum_values: BTreeSet::new(),
            alternatives: BTreeSet::new(),
        };
        for (name, schema) in schemas {
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                wanted.properties.extend(
                    properties
                        .keys()
                        .map(|property| (name.clone(), property.clone())),
                );
            }
            if let Some(values) = schema.get("enum").and_then(Value::as_array) {
                wanted
                    .enum_values
                    .extend(values.iter().map(|value| (name.clone(), enum_text(value))));
            }
            if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
                wanted
                    .alternatives
                    .extend((0..alternatives.len()).map(|index| (name.clone(), index)));
            }
        }
        wanted
    }
}

/// The text of an enum value as reported: strings bare, anything else as JSON.
fn enum_text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

/// Walks fixture JSON alongside the spec's schemas, recording what is used and what is wrong.
struct Walker<'s> {
    /// `#/components/schemas` of the spec, as JSON.
    schemas: &'s Map<String, Value>,
    /// (schema, property) pairs the fixtures used.
    properties: BTreeSet<(String, String)>,
    /// (enum schema, value) pairs the fixtures used.
    enum_values: BTreeSet<(String, String)>,
    /// (`oneOf` schema, alternative index) pairs the fixtures used.
    alternatives: BTreeSet<(String, usize)>,
    /// Places where a fixture departs from its schema, one message each.
    problems: Vec<String>,
}

impl<'s> Walker<'s> {
    /// A walker over `schemas` that has seen nothing yet.
    fn new(schemas: &'s Map<String, Value>) -> Self {
        Self {
            schemas,
            properties: BTreeSet::new(),
            enum_values: BTreeSet::new(),
            alternatives: BTreeSet::new(),
            problems: Vec::new(),
        }
    }

    /// Walks `value` against `schema`; `name` is the component name when `schema` is a component.
    ///
    /// `at` locates `value` for messages, as `file#json-pointer`.
    fn walk(&mut self, schema: &'s Value, name: Option<&'s str>, value: &Value, at: &str) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match self.resolve(reference) {
                Some((target, resolved)) => self.walk(resolved, Some(target), value, at),
                None => self
                    .problems
                    .push(format!("{at}: cannot resolve {reference}")),
            }
            return;
        }
        if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
            self.walk_one_of(alternatives, name, value, at);
            return;
        }
        let format = schema.get("format").and_then(Value::as_str);
        if let Some(kind) = schema.get("type").and_then(Value::as_str)
            && !has_type(kind, format, value)
        {
            let format = format
                .map(|format| format!(" ({format})"))
                .unwrap_or_default();
            self.problems
                .push(format!("{at}: expected {kind}{format}, found {value}"));
            return;
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            match (values.contains(value), name) {
                (true, Some(name)) => {
                    self.enum_values.insert((name.to_owned(), enum_text(value)));
                }
                (true, None) => {}
                (false, _) => self.problems.push(format!(
                    "{at}: {value} is not one of {}",
                    Value::from(values.clone())
                )),
            }
        }
        match value {
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.walk(item_schema, None, item, &format!("{at}/{index}"));
                    }
                }
            }
            Value::Object(object) => self.walk_object(schema, name, object, at),
            _ => {}
        }
    }

    /// Walks `value` into the single `oneOf` alternative whose JSON type it has.
    fn walk_one_of(
        &mut self,
        alternatives: &'s [Value],
        name: Option<&'s str>,
        value: &Value,
        at: &str,
    ) {
        let matching: Vec<usize> = alternatives
            .iter()
            .enumerate()
            .filter(|(_, alternative)| self.admits(alternative, value))
            .map(|(index, _)| index)
            .collect();
        match matching.as_slice() {
            [index] => {
                if let Some(name) = name {
                    self.alternatives.insert((name.to_owned(), *index));
                }
                self.walk(&alternatives[*index], None, value, at);
            }
            [] => self
                .problems
                .push(format!("{at}: {value} matches no oneOf alternative")),
            several => self.problems.push(format!(
                "{at}: {value} matches several oneOf alternatives {several:?}"
            )),
        }
    }

    /// Whether `value` has the JSON type `schema` declares (after following `$ref`s).
    fn admits(&self, schema: &'s Value, value: &Value) -> bool {
        let mut schema = schema;
        while let Some((_, resolved)) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| self.resolve(reference))
        {
            schema = resolved;
        }
        schema
            .get("type")
            .and_then(Value::as_str)
            .is_none_or(|kind| has_type(kind, schema.get("format").and_then(Value::as_str), value))
    }

    /// Walks an object's keys: declared properties are recorded and walked, the rest must be
    /// allowed by `additionalProperties`; required properties must be present.
    fn walk_object(
        &mut self,
        schema: &'s Value,
        name: Option<&'s str>,
        object: &Map<String, Value>,
        at: &str,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let required = schema
            .get("required")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for key in required
            .iter()
            .filter_map(Value::as_str)
            .filter(|key| !object.contains_key(*key))
        {
            self.problems
                .push(format!("{at}: required property {key} is missing"));
        }
        for (key, child) in object {
            let child_at = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
            if let Some(property) = properties.and_then(|properties| properties.get(key)) {
                if let Some(name) = name {
                    self.properties.insert((name.to_owned(), key.clone()));
                }
                self.walk(property, None, child, &child_at);
                continue;
            }
            match schema.get("additionalProperties") {
                Some(Value::Bool(true)) => {}
                Some(extra) if extra.as_object().is_some_and(|extra| !extra.is_empty()) => {
                    self.walk(extra, None, child, &child_at);
                }
                Some(Value::Object(_)) => {}
                _ => {
                    let owner = name.unwrap_or("an inline schema");
                    self.problems
                        .push(format!("{child_at}: {key} is not a property of {owner}"));
                }
            }
        }
    }

    /// Finds the component a local `$ref` points at.
    fn resolve(&self, reference: &str) -> Option<(&'s str, &'s Value)> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        self.schemas
            .get_key_value(name)
            .map(|(name, schema)| (name.as_str(), schema))
    }
}

/// Whether `value` is of the OpenAPI `kind` (with its integer `format`, when given).
fn has_type(kind: &str, format: Option<&str>, value: &Value) -> bool {
    match kind {
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "number" => value.is_number(),
        "integer" => match format {
            Some("int32") => value
                .as_i64()
                .is_some_and(|number| i32::try_from(number).is_ok()),
            _ => value.is_i64() || value.is_u64(),
        },
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}
