//! Sample JSON documents generated from an OpenAPI component schema, for lossless round trips.
//!
//! The generator reads the spec as a plain JSON [`Tree`] (keys in the spec's order) and, for one
//! component schema, writes a handful of documents that exercise what the generated type promises
//! to keep: the required properties only, every optional property too, unknown extra fields in
//! every open object, explicit `null`s where the schema is `nullable`, one document with every
//! object's keys in reverse order, and one document per branch of every `oneOf`/`anyOf` and per
//! value of every enum (plus one value the enum does not list). Objects list their properties in
//! the spec's order, unknown fields last.
//!
//! Variation is driven by a *choice index* `k`: every place that can take several shapes (a union
//! branch, an enum value, a boundary integer, ...) takes shape `k mod n`. Running `k` from 0 to the
//! largest such `n` covers every shape of every choice point at least once, with no randomness.
//! Recursion is bounded twice: optional properties stop at [`Settings::optional_depth`] and once a
//! document holds [`Settings::node_budget`] values; required ones stop at
//! [`Settings::max_depth`], past which the schema cannot be sampled (an error, not a panic).

use serde_json::Number;

use crate::json_tree::Tree;

/// The key added to open objects as an unknown field.
pub const EXTRA_KEY: &str = "sampleExtraField";

/// The string an enum gets as a value it does not list.
pub const UNLISTED: &str = "sample-unlisted-value";

/// Limits of the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Depth (objects, arrays, references) up to which optional properties are filled in.
    pub optional_depth: usize,
    /// Depth past which a schema that still requires a value cannot be sampled.
    pub max_depth: usize,
    /// Values per document after which optional properties are left out.
    pub node_budget: usize,
    /// The largest number of choice indexes tried per schema.
    pub max_choices: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            optional_depth: 4,
            max_depth: 24,
            node_budget: 2_000,
            max_choices: 128,
        }
    }
}

/// One generated document.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// What the document exercises, such as `required`, `extra` or `choice 3`.
    pub label: String,
    /// The document.
    pub value: Tree,
}

impl Sample {
    /// The document as compact JSON text (keys in the tree's order, numbers as they were built).
    pub fn text(&self) -> String {
        self.value.to_text()
    }
}

/// Why a schema could not be sampled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct SampleError {
    /// Where in the spec, as a JSON pointer.
    pub pointer: String,
    /// What went wrong.
    pub message: String,
}

/// The keys of `#/components/schemas`, in the spec tree's order.
pub fn component_keys(spec: &Tree) -> Vec<String> {
    spec.pointer("/components/schemas")
        .and_then(Tree::as_object)
        .map(|schemas| schemas.iter().map(|(key, _)| key.clone()).collect())
        .unwrap_or_default()
}

/// Escapes one JSON pointer token (`~` as `~0`, `/` as `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Generates the sample documents of the component schema `key`, without duplicates.
pub fn component_samples(
    spec: &Tree,
    key: &str,
    settings: &Settings,
) -> Result<Vec<Sample>, SampleError> {
    let pointer = format!("#/components/schemas/{}", escape_token(key));
    let schema = resolve(spec, &pointer)?;
    let generator = Generator { spec, settings };
    let mut samples: Vec<Sample> = Vec::new();
    let mut push = |label: String, value: Tree| {
        if !samples.iter().any(|known| known.value == value) {
            samples.push(Sample { label, value });
        }
    };
    let mut walk = Walk::new(0, Mode::Required);
    push(
        "required".to_owned(),
        generator.value(schema, &pointer, 0, &mut walk)?,
    );
    let mut arity = walk.arity;
    let mut walk = Walk::new(0, Mode::Full);
    push(
        "full".to_owned(),
        generator.value(schema, &pointer, 0, &mut walk)?,
    );
    arity = arity.max(walk.arity);
    let nullable_seen = walk.nullable_seen;
    let mut walk = Walk::new(0, Mode::Extra);
    let extra = generator.value(schema, &pointer, 0, &mut walk)?;
    push("reversed".to_owned(), reversed(&extra));
    push("extra".to_owned(), extra);
    if nullable_seen {
        let mut walk = Walk::new(0, Mode::Nulls);
        push(
            "nulls".to_owned(),
            generator.value(schema, &pointer, 0, &mut walk)?,
        );
    }
    let mut choice = 1;
    while choice < arity.min(settings.max_choices) {
        let mut walk = Walk::new(choice, Mode::Full);
        let value = generator.value(schema, &pointer, 0, &mut walk)?;
        arity = arity.max(walk.arity);
        push(format!("choice {choice}"), value);
        choice += 1;
    }
    Ok(samples)
}

/// Finds the value a local reference (`#/...`) points at.
fn resolve<'s>(spec: &'s Tree, reference: &str) -> Result<&'s Tree, SampleError> {
    let Some(pointer) = reference.strip_prefix('#') else {
        return Err(SampleError {
            pointer: reference.to_owned(),
            message: "reference points into another document".to_owned(),
        });
    };
    spec.pointer(pointer).ok_or_else(|| SampleError {
        pointer: reference.to_owned(),
        message: "reference points at nothing".to_owned(),
    })
}

/// Which properties and extras a document gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Required properties only.
    Required,
    /// Every property.
    Full,
    /// Every property, plus an unknown field in every open object.
    Extra,
    /// Every property, `null` wherever the schema is nullable.
    Nulls,
}

/// The state of one document being generated.
struct Walk {
    choice: usize,
    mode: Mode,
    /// The largest number of shapes seen at one choice point.
    arity: usize,
    nullable_seen: bool,
    nodes: usize,
}

impl Walk {
    fn new(choice: usize, mode: Mode) -> Self {
        Self {
            choice,
            mode,
            arity: 1,
            nullable_seen: false,
            nodes: 0,
        }
    }

    /// Picks one of `n` shapes by the choice index.
    fn pick(&mut self, n: usize) -> usize {
        self.arity = self.arity.max(n);
        if n == 0 { 0 } else { self.choice % n }
    }
}

struct Generator<'s> {
    spec: &'s Tree,
    settings: &'s Settings,
}

impl<'s> Generator<'s> {
    fn optional_allowed(&self, depth: usize, walk: &Walk) -> bool {
        walk.mode != Mode::Required
            && depth < self.settings.optional_depth
            && walk.nodes < self.settings.node_budget
    }

    /// One value for `schema` (at `pointer`), `depth` levels down.
    fn value(
        &self,
        schema: &'s Tree,
        pointer: &str,
        depth: usize,
        walk: &mut Walk,
    ) -> Result<Tree, SampleError> {
        self.value_with(schema, pointer, depth, walk, &[])
    }

    /// One value for `schema`, with the properties named in `forced` required too (an `allOf`
    /// may require in one branch a property that another declares).
    fn value_with(
        &self,
        schema: &'s Tree,
        pointer: &str,
        depth: usize,
        walk: &mut Walk,
        forced: &[&'s str],
    ) -> Result<Tree, SampleError> {
        if depth > self.settings.max_depth {
            return Err(SampleError {
                pointer: pointer.to_owned(),
                message: format!(
                    "required values nest deeper than {} levels",
                    self.settings.max_depth
                ),
            });
        }
        walk.nodes += 1;
        if schema.as_object().is_none() {
            // `true` and `{}` accept anything; `false` nothing: take the same free value.
            return Ok(self.free_value(walk));
        }
        let object = schema;
        if let Some(reference) = object.get("$ref").and_then(Tree::as_str) {
            let target = resolve(self.spec, reference)?;
            return self.value_with(target, reference, depth + 1, walk, forced);
        }
        if object.get("nullable").and_then(Tree::as_bool) == Some(true) {
            walk.nullable_seen = true;
            if walk.mode == Mode::Nulls && depth > 0 {
                return Ok(Tree::Null);
            }
        }
        if let Some(values) = object.get("enum").and_then(Tree::as_array) {
            return Ok(self.enum_value(object, values, walk));
        }
        let union = ["oneOf", "anyOf"].into_iter().find_map(|keyword| {
            let branches = object.get(keyword)?.as_array()?;
            (!branches.is_empty()).then_some((keyword, branches))
        });
        let mut value = self.own_value(object, pointer, depth, walk, forced)?;
        if let Some(all_of) = object.get("allOf").and_then(Tree::as_array) {
            let mut forced = forced.to_vec();
            self.required_of(object, &mut forced, 0);
            for (index, branch) in all_of.iter().enumerate() {
                let branch_pointer = format!("{pointer}/allOf/{index}");
                let part = self.value_with(branch, &branch_pointer, depth + 1, walk, &forced)?;
                value = merge(value, part);
            }
        }
        if let Some((keyword, branches)) = union {
            let index = walk.pick(branches.len());
            let branch_pointer = format!("{pointer}/{keyword}/{index}");
            let mut part = self.value(&branches[index], &branch_pointer, depth + 1, walk)?;
            if let Some((property, tag)) = discriminator(object, &branches[index])
                && let Tree::Object(fields) = &mut part
            {
                set(fields, property, Tree::String(tag));
            }
            value = merge(value, part);
        }
        Ok(value.unwrap_or_else(|| self.free_value(walk)))
    }

    /// Collects the `required` keys of a schema and of its `allOf` branches, through references.
    fn required_of(&self, schema: &'s Tree, into: &mut Vec<&'s str>, hops: usize) {
        if hops > self.settings.max_depth {
            return;
        }
        if let Some(reference) = schema.get("$ref").and_then(Tree::as_str) {
            if let Ok(target) = resolve(self.spec, reference) {
                self.required_of(target, into, hops + 1);
            }
            return;
        }
        for key in schema
            .get("required")
            .and_then(Tree::as_array)
            .into_iter()
            .flatten()
            .filter_map(Tree::as_str)
        {
            if !into.contains(&key) {
                into.push(key);
            }
        }
        for branch in schema
            .get("allOf")
            .and_then(Tree::as_array)
            .into_iter()
            .flatten()
        {
            self.required_of(branch, into, hops + 1);
        }
    }

    /// The value the schema's own keywords describe (`type`, `properties`, `items`, ...), if any.
    fn own_value(
        &self,
        object: &'s Tree,
        pointer: &str,
        depth: usize,
        walk: &mut Walk,
        forced: &[&'s str],
    ) -> Result<Option<Tree>, SampleError> {
        let typ = match object.get("type") {
            Some(Tree::String(typ)) => typ.as_str(),
            // A list of types (3.1 style): take the first that is not null.
            Some(Tree::Array(types)) => types
                .iter()
                .filter_map(Tree::as_str)
                .find(|typ| *typ != "null")
                .unwrap_or("null"),
            _ if object.get("properties").is_some()
                || object.get("additionalProperties").is_some() =>
            {
                "object"
            }
            _ if object.get("items").is_some() => "array",
            _ => return Ok(None),
        };
        let value = match typ {
            "object" => Tree::Object(self.object_value(object, pointer, depth, walk, forced)?),
            "array" => self.array_value(object, pointer, depth, walk)?,
            "string" => Tree::String(self.string_value(object, walk)),
            "integer" => Tree::Number(integer_value(object, walk)),
            "number" => Tree::Number(number_value(object, walk)),
            "boolean" => Tree::Bool(walk.pick(2) == 0),
            "null" => Tree::Null,
            _ => return Ok(None),
        };
        Ok(Some(value))
    }

    fn object_value(
        &self,
        object: &'s Tree,
        pointer: &str,
        depth: usize,
        walk: &mut Walk,
        forced: &[&'s str],
    ) -> Result<Vec<(String, Tree)>, SampleError> {
        let mut required: Vec<&str> = forced.to_vec();
        required.extend(
            object
                .get("required")
                .and_then(Tree::as_array)
                .into_iter()
                .flatten()
                .filter_map(Tree::as_str),
        );
        let mut fields: Vec<(String, Tree)> = Vec::new();
        if let Some(properties) = object.get("properties").and_then(Tree::as_object) {
            for (key, property) in properties {
                let is_required = required.contains(&key.as_str());
                if !is_required && !self.optional_allowed(depth, walk) {
                    continue;
                }
                let property_pointer = format!("{pointer}/properties/{}", escape_token(key));
                let value = self.value(property, &property_pointer, depth + 1, walk)?;
                set(&mut fields, key.clone(), value);
            }
        }
        match object.get("additionalProperties") {
            Some(Tree::Bool(false)) => {}
            Some(additional @ Tree::Object(schema)) if !schema.is_empty() => {
                if self.optional_allowed(depth, walk) {
                    let value_pointer = format!("{pointer}/additionalProperties");
                    for key in ["sampleKeyOne", "sampleKeyTwo"] {
                        let value = self.value(additional, &value_pointer, depth + 1, walk)?;
                        set(&mut fields, key.to_owned(), value);
                    }
                }
            }
            _ => {
                if walk.mode == Mode::Extra {
                    set(&mut fields, EXTRA_KEY.to_owned(), extra_value());
                }
            }
        }
        Ok(fields)
    }

    fn array_value(
        &self,
        object: &'s Tree,
        pointer: &str,
        depth: usize,
        walk: &mut Walk,
    ) -> Result<Tree, SampleError> {
        let min = bound(object, "minItems").unwrap_or(0);
        let max = bound(object, "maxItems").unwrap_or(u64::MAX);
        let wanted = if self.optional_allowed(depth, walk) {
            min.max(1)
        } else {
            min
        };
        let count = usize::try_from(wanted.min(max))
            .unwrap_or(usize::MAX)
            .min(64);
        let items_pointer = format!("{pointer}/items");
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            let item = match object.get("items") {
                Some(schema) => self.value(schema, &items_pointer, depth + 1, walk)?,
                None => self.free_value(walk),
            };
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn string_value(&self, object: &Tree, walk: &mut Walk) -> String {
        let format = object.get("format").and_then(Tree::as_str).unwrap_or("");
        let mut text = match format {
            "date-time" => "2024-01-02T03:04:05Z".to_owned(),
            "date" => "2024-01-02".to_owned(),
            "time" => "03:04:05".to_owned(),
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6".to_owned(),
            "uri" | "url" | "uri-reference" => "https://example.com/sample".to_owned(),
            "email" => "sample@example.com".to_owned(),
            "hostname" => "example.com".to_owned(),
            "ipv4" => "192.0.2.1".to_owned(),
            "ipv6" => "2001:db8::1".to_owned(),
            "byte" => "c2FtcGxl".to_owned(),
            _ => {
                if walk.pick(2) == 0 {
                    "sample".to_owned()
                } else {
                    "line\nbreak \"quoted\" \u{e9}\u{1f600}".to_owned()
                }
            }
        };
        let min = bound(object, "minLength").unwrap_or(0);
        while (text.chars().count() as u64) < min {
            text.push('x');
        }
        if let Some(max) = bound(object, "maxLength") {
            let max = usize::try_from(max).unwrap_or(usize::MAX);
            if text.chars().count() > max {
                text = text.chars().take(max).collect();
            }
        }
        text
    }

    fn enum_value(&self, object: &Tree, values: &[Tree], walk: &mut Walk) -> Tree {
        let index = walk.pick(values.len() + 1);
        if let Some(value) = values.get(index) {
            return value.clone();
        }
        match values.iter().find(|value| **value != Tree::Null) {
            Some(Tree::Number(number)) if number.is_i64() || number.is_u64() => {
                let largest = values
                    .iter()
                    .filter_map(|value| value.as_number()?.as_i64())
                    .max()
                    .unwrap_or(0);
                Tree::Number(Number::from(largest.saturating_add(1)))
            }
            Some(Tree::Number(_)) => Tree::Number(Number::from(12345)),
            Some(Tree::Bool(flag)) => Tree::Bool(!flag),
            _ if object.get("type").and_then(Tree::as_str) == Some("integer") => {
                Tree::Number(Number::from(12345))
            }
            _ => Tree::String(UNLISTED.to_owned()),
        }
    }

    /// A value for a position that accepts anything: a nested structure, so that keeping it as
    /// raw JSON is tested.
    fn free_value(&self, walk: &mut Walk) -> Tree {
        match walk.pick(2) {
            0 => extra_value(),
            _ => Tree::String("free".to_owned()),
        }
    }
}

/// The value of the unknown field added to open objects.
fn extra_value() -> Tree {
    Tree::parse(EXTRA_TEXT).unwrap_or(Tree::Null)
}

/// The text of [`extra_value`].
pub const EXTRA_TEXT: &str = r#"{"nested":[1,"two",null,{"deep":true}],"number":1.25}"#;

/// Sets `key` in an object's entries, in place if present, last otherwise.
fn set(fields: &mut Vec<(String, Tree)>, key: String, value: Tree) {
    match fields.iter_mut().find(|(known, _)| *known == key) {
        Some(entry) => entry.1 = value,
        None => fields.push((key, value)),
    }
}

/// The same document with every object's keys in reverse order.
fn reversed(tree: &Tree) -> Tree {
    match tree {
        Tree::Object(entries) => Tree::Object(
            entries
                .iter()
                .rev()
                .map(|(key, value)| (key.clone(), reversed(value)))
                .collect(),
        ),
        Tree::Array(items) => Tree::Array(items.iter().map(reversed).collect()),
        other => other.clone(),
    }
}

fn bound(object: &Tree, keyword: &str) -> Option<u64> {
    object.get(keyword)?.as_number()?.as_u64()
}

/// Merges a part into a value: objects take the part's keys they lack; otherwise the part wins
/// unless it is missing.
fn merge(value: Option<Tree>, part: Tree) -> Option<Tree> {
    match (value, part) {
        (Some(Tree::Object(mut fields)), Tree::Object(more)) => {
            for (key, item) in more {
                if !fields.iter().any(|(known, _)| *known == key) {
                    fields.push((key, item));
                }
            }
            Some(Tree::Object(fields))
        }
        (Some(value @ Tree::Object(_)), _) => Some(value),
        (_, part) => Some(part),
    }
}

/// The discriminator property and the tag that names `branch`, when the schema has one.
fn discriminator(object: &Tree, branch: &Tree) -> Option<(String, String)> {
    let discriminator = object.get("discriminator")?;
    let property = discriminator.get("propertyName")?.as_str()?;
    let reference = branch.get("$ref")?.as_str()?;
    let mapped = discriminator
        .get("mapping")
        .and_then(Tree::as_object)
        .and_then(|mapping| {
            mapping
                .iter()
                .find(|(_, target)| target.as_str() == Some(reference))
                .map(|(tag, _)| tag.clone())
        });
    let tag =
        mapped.unwrap_or_else(|| reference.rsplit('/').next().unwrap_or(reference).to_owned());
    Some((property.to_owned(), tag))
}

/// Integers at the edges of the schema's format: a small one, the largest and the smallest.
fn integer_value(object: &Tree, walk: &mut Walk) -> Number {
    let format = object.get("format").and_then(Tree::as_str).unwrap_or("");
    let candidates: Vec<i128> = match format {
        "int32" => vec![7, i128::from(i32::MAX), i128::from(i32::MIN)],
        "uint32" => vec![7, i128::from(u32::MAX), 0],
        "uint64" => vec![7, i128::from(u64::MAX), 0],
        _ => vec![7, i128::from(i64::MAX), i128::from(i64::MIN)],
    };
    let minimum = object.get("minimum").and_then(as_i128);
    let maximum = object.get("maximum").and_then(as_i128);
    let exclusive = |keyword: &str| object.get(keyword).and_then(Tree::as_bool) == Some(true);
    let low = minimum.map(|min| {
        if exclusive("exclusiveMinimum") {
            min + 1
        } else {
            min
        }
    });
    let high = maximum.map(|max| {
        if exclusive("exclusiveMaximum") {
            max - 1
        } else {
            max
        }
    });
    let fits = |value: &i128| {
        low.is_none_or(|low| *value >= low) && high.is_none_or(|high| *value <= high)
    };
    let mut allowed: Vec<i128> = candidates.into_iter().filter(fits).collect();
    if allowed.is_empty() {
        allowed.extend(low.or(high));
    }
    if allowed.is_empty() {
        allowed.push(0);
    }
    let value = allowed[walk.pick(allowed.len())];
    if let Ok(small) = i64::try_from(value) {
        Number::from(small)
    } else {
        Number::from(u64::try_from(value).unwrap_or(u64::MAX))
    }
}

fn as_i128(value: &Tree) -> Option<i128> {
    let value = value.as_number()?;
    value
        .as_i64()
        .map(i128::from)
        .or_else(|| value.as_u64().map(i128::from))
        .or_else(|| value.as_f64().map(|float| float as i128))
}

/// Numbers as the wire may spell them: a fraction, an integer literal, a negative fraction.
fn number_value(object: &Tree, walk: &mut Walk) -> Number {
    let float = |keyword: &str| object.get(keyword)?.as_number()?.as_f64();
    let minimum = float("minimum");
    let maximum = float("maximum");
    let candidates = [
        Number::from_f64(1.5),
        Some(Number::from(5)),
        Number::from_f64(-0.25),
    ];
    let allowed: Vec<Number> = candidates
        .into_iter()
        .flatten()
        .filter(|number| {
            let float = number.as_f64().unwrap_or(0.0);
            minimum.is_none_or(|min| float >= min) && maximum.is_none_or(|max| float <= max)
        })
        .collect();
    match allowed.len() {
        0 => minimum
            .or(maximum)
            .and_then(Number::from_f64)
            .unwrap_or_else(|| Number::from(0)),
        n => allowed[walk.pick(n)].clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(spec: &str, key: &str) -> Vec<String> {
        let spec = Tree::parse(spec).expect("a spec");
        component_samples(&spec, key, &Settings::default())
            .expect("samples")
            .iter()
            .map(Sample::text)
            .collect()
    }

    #[test]
    fn an_object_gets_required_full_extra_and_reversed_documents() {
        let texts = samples(
            r#"{"components": {"schemas": {"Pet": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "age": {"type": "integer", "format": "int32"}}
            }}}}"#,
            "Pet",
        );
        assert_eq!(texts[0], r#"{"name":"sample"}"#);
        assert_eq!(texts[1], r#"{"name":"sample","age":7}"#);
        assert_eq!(
            texts[2],
            format!(
                r#"{{"{EXTRA_KEY}":{{"number":1.25,"nested":[1,"two",null,{{"deep":true}}]}},"age":7,"name":"sample"}}"#
            )
        );
        assert_eq!(
            texts[3],
            format!(r#"{{"name":"sample","age":7,"{EXTRA_KEY}":{EXTRA_TEXT}}}"#)
        );
        assert!(
            texts.iter().any(|text| text.contains("2147483647")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|text| text.contains("-2147483648")),
            "{texts:?}"
        );
    }

    #[test]
    fn every_enum_value_and_one_unlisted_value_is_sampled() {
        let texts = samples(
            r#"{"components": {"schemas": {"Kind": {"type": "string", "enum": ["dog", "cat"]}}}}"#,
            "Kind",
        );
        assert_eq!(texts, [r#""dog""#, r#""cat""#, &format!("\"{UNLISTED}\"")]);
    }

    #[test]
    fn every_union_branch_is_sampled_through_references() {
        let texts = samples(
            r##"{"components": {"schemas": {
                "Either": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "integer", "format": "uint64"}]},
                "A": {"type": "object", "required": ["a"], "properties": {"a": {"type": "boolean"}}}
            }}}"##,
            "Either",
        );
        assert!(texts.contains(&r#"{"a":true}"#.to_owned()), "{texts:?}");
        assert!(texts.contains(&u64::MAX.to_string()), "{texts:?}");
    }

    #[test]
    fn nullable_maps_and_min_items_are_respected() {
        let texts = samples(
            r#"{"components": {"schemas": {"Box": {
                "type": "object",
                "required": ["tags", "labels"],
                "properties": {
                    "tags": {"type": "array", "minItems": 2, "items": {"type": "string", "format": "date-time"}},
                    "labels": {"type": "object", "additionalProperties": {"type": "number"}},
                    "note": {"type": "string", "nullable": true}
                }
            }}}}"#,
            "Box",
        );
        assert_eq!(
            texts[0],
            r#"{"tags":["2024-01-02T03:04:05Z","2024-01-02T03:04:05Z"],"labels":{}}"#
        );
        assert!(
            texts.iter().any(|text| text.contains(r#""note":null"#)),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|text| text.contains(r#""sampleKeyOne":5"#)),
            "{texts:?}"
        );
    }

    #[test]
    fn recursion_is_bounded_and_a_required_cycle_is_an_error() {
        let spec = r##"{"components": {"schemas": {
            "Tree": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}}},
            "Loop": {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#/components/schemas/Loop"}}}
        }}}"##;
        let texts = samples(spec, "Tree");
        assert!(texts.iter().all(|text| text.len() < 10_000), "{texts:?}");
        let spec = Tree::parse(spec).expect("a spec");
        let error = component_samples(&spec, "Loop", &Settings::default()).expect_err("a cycle");
        assert!(error.message.contains("deeper"), "{error}");
    }

    #[test]
    fn a_discriminated_branch_carries_its_tag() {
        let texts = samples(
            r##"{"components": {"schemas": {
                "Shape": {
                    "oneOf": [{"$ref": "#/components/schemas/Circle"}],
                    "discriminator": {"propertyName": "kind", "mapping": {"round": "#/components/schemas/Circle"}}
                },
                "Circle": {"type": "object", "properties": {"kind": {"type": "string"}, "r": {"type": "number"}}}
            }}}"##,
            "Shape",
        );
        assert!(
            texts.iter().all(|text| text.contains(r#""kind":"round""#)),
            "{texts:?}"
        );
    }

    #[test]
    fn a_property_required_by_one_all_of_branch_and_declared_by_another_is_present() {
        let texts = samples(
            r##"{"components": {"schemas": {
                "Base": {"type": "object", "properties": {"model": {"type": "string"}}},
                "Full": {"allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"type": "object", "required": ["model"], "properties": {"id": {"type": "string"}}}
                ]}
            }}}"##,
            "Full",
        );
        assert_eq!(texts[0], r#"{"model":"sample"}"#);
    }

    #[test]
    fn the_same_spec_gives_the_same_samples() {
        let spec = r#"{"components": {"schemas": {"N": {"type": "number", "minimum": 0}}}}"#;
        assert_eq!(samples(spec, "N"), samples(spec, "N"));
        assert_eq!(samples(spec, "N"), ["1.5", "5"]);
    }
}
