//! Walks a JSON body alongside its OpenAPI schema and derives perturbed bodies from it.
//!
//! [`Schemas::survey`] finds, in one body, every model object (a JSON object whose schema
//! declares `properties`) and every value whose schema is a string enum. The functions below
//! then build perturbed copies of the body: unknown fields at every model object, other enum
//! values or spellings at every enum value, and explicit `null`s for optional properties. The
//! spec is taken as JSON (the OpenAPI document converted with `serde_json::to_value`), so this
//! module names no parser type.

use serde_json::{Map, Value, json};

/// The key under which [`add_unknown_fields`] inserts a nested value of mixed types.
pub const UNKNOWN_NESTED_KEY: &str = "zzUnknownField";
/// The key under which [`add_unknown_fields`] inserts a plain string.
pub const UNKNOWN_TEXT_KEY: &str = "zzUnknownText";
/// The string no enum of the spec lists, used to replace enum values.
pub const UNLISTED_TEXT: &str = "zzNotListed";
/// The integer no enum of the spec lists (nor gives as a position), used to replace enum values.
pub const UNLISTED_INTEGER: i64 = 99;

/// The nested value inserted at [`UNKNOWN_NESTED_KEY`]: every JSON type, nested.
pub fn unknown_nested_value() -> Value {
    json!({"n": 1, "f": 1.5, "s": "x", "b": true, "z": null, "a": [1, {"k": "v"}]})
}

/// The component schemas of a spec, as JSON.
pub struct Schemas<'s> {
    /// `#/components/schemas` of the spec.
    schemas: &'s Map<String, Value>,
}

/// A JSON object whose schema declares `properties`: a generated model, not a free-form map.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelObject {
    /// JSON pointer of the object in the body (`""` for the root).
    pub pointer: String,
    /// The component schema it follows, or `inline` for a schema written in place.
    pub schema: String,
    /// How many model objects enclose it (0 for the outermost ones).
    pub depth: usize,
    /// Every property the schema declares, in the schema's order.
    pub properties: Vec<Property>,
}

/// One declared property of a [`ModelObject`].
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The name the schema declares.
    pub name: String,
    /// The key it is present under in the body (matched ignoring ASCII case), if present.
    pub present_as: Option<String>,
    /// Whether the schema lists it as `required`.
    pub required: bool,
}

/// A value whose schema is a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumSite {
    /// JSON pointer of the value in the body.
    pub pointer: String,
    /// The component name of the enum schema.
    pub schema: String,
    /// The value found there.
    pub value: Value,
    /// The listed value it reads as (exactly, else ignoring ASCII case and `_`), if any.
    pub known: Option<String>,
    /// The `x-enum-positions` integer of [`EnumSite::known`], when the spec gives positions.
    pub position: Option<i64>,
    /// Every value the enum lists.
    pub listed: Vec<String>,
    /// The enum's `x-enum-positions`, empty when the spec gives none.
    pub positions: Vec<i64>,
}

/// What [`Schemas::survey`] found in one body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Survey {
    /// Every model object, in document order (parents before children).
    pub objects: Vec<ModelObject>,
    /// Every enum value, in document order.
    pub enums: Vec<EnumSite>,
    /// Places the walk could not follow (unresolvable `$ref`, ambiguous `oneOf`).
    pub problems: Vec<String>,
}

impl<'s> Schemas<'s> {
    /// Reads `#/components/schemas` of an OpenAPI document given as JSON.
    pub fn new(document: &'s Value) -> Result<Self, String> {
        document
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|schemas| Self { schemas })
            .ok_or_else(|| "the document has no /components/schemas object".to_owned())
    }

    /// Names of the component schemas that declare `properties` (the model objects).
    pub fn object_schemas(&self) -> Vec<String> {
        self.schemas
            .iter()
            .filter(|(_, schema)| schema.get("properties").is_some_and(Value::is_object))
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Names of the component schemas that are string enums.
    pub fn enum_schemas(&self) -> Vec<String> {
        self.schemas
            .iter()
            .filter(|(_, schema)| is_string_enum(schema))
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Walks `value` alongside `schema` and lists its model objects and enum values.
    pub fn survey(&self, schema: &Value, value: &Value) -> Survey {
        let mut survey = Survey::default();
        self.walk(schema, None, value, "", 0, &mut survey);
        survey
    }

    /// Walks one value; `name` is the component name when `schema` is a component, `depth` the
    /// number of model objects around `value`.
    fn walk(
        &self,
        schema: &'s Value,
        name: Option<&'s str>,
        value: &Value,
        pointer: &str,
        depth: usize,
        survey: &mut Survey,
    ) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match self.resolve(reference) {
                Some((target, resolved)) => {
                    self.walk(resolved, Some(target), value, pointer, depth, survey);
                }
                None => survey
                    .problems
                    .push(format!("{pointer}: cannot resolve {reference}")),
            }
            return;
        }
        if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
            let matching: Vec<&Value> = alternatives
                .iter()
                .filter(|alternative| self.admits(alternative, value))
                .collect();
            match matching.as_slice() {
                [alternative] => self.walk(alternative, None, value, pointer, depth, survey),
                [] => {}
                _ => survey.problems.push(format!(
                    "{pointer}: several oneOf alternatives admit {value}"
                )),
            }
            return;
        }
        if is_string_enum(schema) {
            if value.is_string() {
                survey.enums.push(enum_site(schema, name, value, pointer));
            }
            return;
        }
        match value {
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        let child = format!("{pointer}/{index}");
                        self.walk(item_schema, None, item, &child, depth, survey);
                    }
                }
            }
            Value::Object(object) => self.walk_object(schema, name, object, pointer, depth, survey),
            _ => {}
        }
    }

    /// Walks an object: a model object when its schema declares `properties`, otherwise a map
    /// whose values follow `additionalProperties` (if that is a schema).
    fn walk_object(
        &self,
        schema: &'s Value,
        name: Option<&'s str>,
        object: &Map<String, Value>,
        pointer: &str,
        depth: usize,
        survey: &mut Survey,
    ) {
        let declared = schema.get("properties").and_then(Value::as_object);
        let mut child_depth = depth;
        if let Some(declared) = declared {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|names| names.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            survey.objects.push(ModelObject {
                pointer: pointer.to_owned(),
                schema: name.unwrap_or("inline").to_owned(),
                depth,
                properties: declared
                    .keys()
                    .map(|property| Property {
                        name: property.clone(),
                        present_as: present_key(object, property).map(str::to_owned),
                        required: required.contains(&property.as_str()),
                    })
                    .collect(),
            });
            child_depth += 1;
        }
        for (key, child) in object {
            let child_pointer = format!("{pointer}/{}", escape(key));
            let property = declared.and_then(|declared| declared_property(declared, key));
            let child_schema = match property {
                Some(property) => Some(property),
                None => schema
                    .get("additionalProperties")
                    .filter(|extra| extra.is_object()),
            };
            if let Some(child_schema) = child_schema {
                self.walk(
                    child_schema,
                    None,
                    child,
                    &child_pointer,
                    child_depth,
                    survey,
                );
            }
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
        match schema.get("type").and_then(Value::as_str) {
            Some("string") => value.is_string(),
            Some("boolean") => value.is_boolean(),
            Some("number") => value.is_number(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("array") => value.is_array(),
            Some("object") => value.is_object(),
            _ => true,
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

/// Whether `schema` is a string enum (not a `$ref` to one).
fn is_string_enum(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("string")
        && schema.get("enum").is_some_and(Value::is_array)
}

/// Describes the enum value `value` of the enum schema `schema`.
fn enum_site(schema: &Value, name: Option<&str>, value: &Value, pointer: &str) -> EnumSite {
    let listed: Vec<String> = schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let positions: Vec<i64> = schema
        .get("x-enum-positions")
        .and_then(Value::as_array)
        .map(|values| values.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    let text = value.as_str().unwrap_or_default();
    let index = listed
        .iter()
        .position(|listed| listed == text)
        .or_else(|| listed.iter().position(|listed| same_spelling(listed, text)));
    EnumSite {
        pointer: pointer.to_owned(),
        schema: name.unwrap_or("inline").to_owned(),
        value: value.clone(),
        known: index.map(|index| listed[index].clone()),
        position: index.and_then(|index| positions.get(index).copied()),
        listed,
        positions,
    }
}

/// Compares two enum spellings ignoring ASCII case and underscores, as the service does.
pub fn same_spelling(a: &str, b: &str) -> bool {
    let fold = |text: &str| -> String {
        text.chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    fold(a) == fold(b)
}

/// The key under which `property` is present in `object`: exactly, else ignoring ASCII case.
fn present_key<'o>(object: &'o Map<String, Value>, property: &str) -> Option<&'o str> {
    object
        .get_key_value(property)
        .or_else(|| {
            object
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(property))
        })
        .map(|(key, _)| key.as_str())
}

/// The declared property `key` names: exactly, else ignoring ASCII case.
fn declared_property<'s>(declared: &'s Map<String, Value>, key: &str) -> Option<&'s Value> {
    declared.get(key).or_else(|| {
        declared
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, schema)| schema)
    })
}

/// Escapes one key as a JSON pointer token.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The object at `pointer` of `value`, or why there is none.
fn object_at<'v>(
    value: &'v mut Value,
    pointer: &str,
) -> Result<&'v mut Map<String, Value>, String> {
    value
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| format!("{pointer}: no object there"))
}

/// Inserts [`UNKNOWN_NESTED_KEY`] and [`UNKNOWN_TEXT_KEY`] into every model object of `body`.
///
/// Fails when an object already has, or its schema declares, one of the keys.
pub fn add_unknown_fields(body: &Value, survey: &Survey) -> Result<Value, String> {
    let mut perturbed = body.clone();
    for object in &survey.objects {
        for key in [UNKNOWN_NESTED_KEY, UNKNOWN_TEXT_KEY] {
            if object
                .properties
                .iter()
                .any(|property| property.name.eq_ignore_ascii_case(key))
            {
                return Err(format!(
                    "{}: {} declares {key}",
                    object.pointer, object.schema
                ));
            }
        }
        let target = object_at(&mut perturbed, &object.pointer)?;
        if target.contains_key(UNKNOWN_NESTED_KEY) || target.contains_key(UNKNOWN_TEXT_KEY) {
            return Err(format!(
                "{}: already has an unknown test key",
                object.pointer
            ));
        }
        target.insert(UNKNOWN_NESTED_KEY.to_owned(), unknown_nested_value());
        target.insert(
            UNKNOWN_TEXT_KEY.to_owned(),
            Value::from(format!("unknown at {}", object.pointer)),
        );
    }
    Ok(perturbed)
}

/// Replaces every enum value for which `with` gives a replacement; returns the new body and the
/// number of values replaced.
pub fn replace_enums(
    body: &Value,
    survey: &Survey,
    with: impl Fn(&EnumSite) -> Option<Value>,
) -> Result<(Value, usize), String> {
    let mut perturbed = body.clone();
    let mut replaced = 0;
    for site in &survey.enums {
        if let Some(replacement) = with(site) {
            let slot = perturbed
                .pointer_mut(&site.pointer)
                .ok_or_else(|| format!("{}: no value there", site.pointer))?;
            *slot = replacement;
            replaced += 1;
        }
    }
    Ok((perturbed, replaced))
}

/// Sets the optional properties of `object` to `null`: the present ones, and with
/// `add_absent` also the declared ones that are absent (added under their declared name).
///
/// Returns the new body and the number of properties set to `null`.
pub fn null_optional(
    body: &Value,
    object: &ModelObject,
    add_absent: bool,
) -> Result<(Value, usize), String> {
    let mut perturbed = body.clone();
    let target = object_at(&mut perturbed, &object.pointer)?;
    let mut nulled = 0;
    for property in object
        .properties
        .iter()
        .filter(|property| !property.required)
    {
        let key = match &property.present_as {
            Some(key) => key,
            None if add_absent => &property.name,
            None => continue,
        };
        target.insert(key.clone(), Value::Null);
        nulled += 1;
    }
    Ok((perturbed, nulled))
}

/// Renames every present declared key of every model object to `respell(declared name)`;
/// returns the new body and the number of keys renamed.
///
/// Objects are visited children first, so that renaming a key never moves an object still to
/// be visited.
pub fn respell_keys(
    body: &Value,
    survey: &Survey,
    respell: impl Fn(&str) -> String,
) -> Result<(Value, usize), String> {
    let mut perturbed = body.clone();
    let mut renamed = 0;
    for object in survey.objects.iter().rev() {
        let target = object_at(&mut perturbed, &object.pointer)?;
        for property in &object.properties {
            let Some(key) = &property.present_as else {
                continue;
            };
            let spelled = respell(&property.name);
            if !spelled.eq_ignore_ascii_case(&property.name) {
                return Err(format!(
                    "{}: {spelled} is not a spelling of {}",
                    object.pointer, property.name
                ));
            }
            let value = target
                .remove(key)
                .ok_or_else(|| format!("{}: no key {key}", object.pointer))?;
            if target.insert(spelled.clone(), value).is_some() {
                return Err(format!("{}: {spelled} is there twice", object.pointer));
            }
            renamed += 1;
        }
    }
    Ok((perturbed, renamed))
}

/// The first model object (in document order) at each depth, outermost first.
pub fn first_object_per_depth(survey: &Survey) -> Vec<&ModelObject> {
    let mut firsts: Vec<&ModelObject> = Vec::new();
    for object in &survey.objects {
        if !firsts.iter().any(|first| first.depth == object.depth) {
            firsts.push(object);
        }
    }
    firsts.sort_by_key(|object| object.depth);
    firsts
}

/// `one_time` → `ONE_TIME`.
pub fn upper(text: &str) -> String {
    text.to_ascii_uppercase()
}

/// `Lifetime` → `lifetime`.
pub fn lower(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// `one_time` → `OneTime`, `annual` → `Annual`: each `_`-separated word capitalised, joined.
pub fn pascal(text: &str) -> String {
    text.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small spec with a model, a nested model, a string map, a free-form map and an enum.
    fn document() -> Value {
        json!({"components": {"schemas": {
            "Outer": {"type": "object", "required": ["inner"], "properties": {
                "inner": {"$ref": "#/components/schemas/Inner"},
                "cycles": {"type": "array", "items": {"$ref": "#/components/schemas/Cycle"}},
                "context": {"type": "object", "additionalProperties": {"type": "string"}},
                "free": {"type": "object", "additionalProperties": true}
            }},
            "Inner": {"type": "object", "properties": {
                "cycle": {"$ref": "#/components/schemas/Cycle"},
                "name": {"type": "string"}
            }},
            "Cycle": {"type": "string", "enum": ["one_time", "annual"], "x-enum-positions": [4, 2]}
        }}})
    }

    #[test]
    fn survey_finds_models_and_enums_but_not_maps() {
        let document = document();
        let schemas = Schemas::new(&document).expect("schemas");
        let body = json!({
            "Inner": {"cycle": "ONE_TIME", "name": "n"},
            "cycles": ["annual", "other"],
            "context": {"a": "b"},
            "free": {"x": {"y": 1}}
        });
        let survey = schemas.survey(&json!({"$ref": "#/components/schemas/Outer"}), &body);
        assert!(survey.problems.is_empty(), "{:?}", survey.problems);
        let objects: Vec<(&str, &str, usize)> = survey
            .objects
            .iter()
            .map(|object| {
                (
                    object.pointer.as_str(),
                    object.schema.as_str(),
                    object.depth,
                )
            })
            .collect();
        assert_eq!(objects, [("", "Outer", 0), ("/Inner", "Inner", 1)]);
        let inner = survey.objects[0]
            .properties
            .iter()
            .find(|property| property.name == "inner")
            .expect("inner is declared");
        assert_eq!(inner.present_as.as_deref(), Some("Inner"));
        assert!(inner.required);
        let enums: Vec<(&str, Option<&str>, Option<i64>)> = survey
            .enums
            .iter()
            .map(|site| (site.pointer.as_str(), site.known.as_deref(), site.position))
            .collect();
        assert_eq!(
            enums,
            [
                ("/Inner/cycle", Some("one_time"), Some(4)),
                ("/cycles/0", Some("annual"), Some(2)),
                ("/cycles/1", None, None)
            ]
        );

        let with_unknown = add_unknown_fields(&body, &survey).expect("perturbs");
        assert_eq!(
            with_unknown["Inner"][UNKNOWN_NESTED_KEY],
            unknown_nested_value()
        );
        assert!(with_unknown["context"].get(UNKNOWN_NESTED_KEY).is_none());
        assert!(with_unknown["free"].get(UNKNOWN_NESTED_KEY).is_none());

        let (nulled, count) = null_optional(&body, &survey.objects[0], false).expect("nulls");
        assert_eq!(count, 3, "inner is required");
        assert_eq!(nulled["cycles"], Value::Null);
        assert_eq!(nulled["Inner"], body["Inner"]);
        let (_, count) = null_optional(&body, &survey.objects[1], true).expect("nulls");
        assert_eq!(count, 2);

        let (respelled, count) = respell_keys(&body, &survey, upper).expect("respells");
        assert_eq!(count, 6);
        assert_eq!(respelled["INNER"]["CYCLE"], "ONE_TIME");
        assert_eq!(respelled["CONTEXT"], body["context"]);
        assert_eq!(respelled["FREE"], body["free"]);
    }

    #[test]
    fn spellings() {
        assert_eq!(pascal("one_time"), "OneTime");
        assert_eq!(pascal("annual"), "Annual");
        assert_eq!(pascal("Lifetime"), "Lifetime");
        assert_eq!(upper("one_time"), "ONE_TIME");
        assert_eq!(lower("Lifetime"), "lifetime");
        assert!(same_spelling("one_time", "OneTime"));
        assert!(!same_spelling("one_time", "onetimes"));
    }
}
