//! The spec reduced to what drift compares: schemas with their properties and values, operations with their parameters.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, Result};
use serde_json::Value;

use super::types::{Ty, fold, short_name};

/// What a schema is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// An object with properties.
    Object,
    /// A string enum.
    Enum,
    /// Anything else (a union, a primitive).
    Other,
}

/// A component schema.
#[derive(Debug, Clone)]
pub struct Schema {
    /// Object, enum or other.
    pub kind: SchemaKind,
    /// Its properties, in spec order.
    pub properties: Vec<Property>,
    /// Its enum values.
    pub enum_values: Vec<String>,
    /// `x-documented-as` on the schema.
    pub documented_as: Option<String>,
    /// `x-enum-documented-as`: wire value → documented spelling.
    pub enum_documented_as: BTreeMap<String, String>,
    /// For an `x-envelope` schema, the schema its items refer to.
    pub envelope_item: Option<String>,
    /// Whether a request body reaches this schema.
    pub in_request: bool,
}

impl Schema {
    /// The documented spellings of the enum values.
    pub fn documented_values(&self) -> impl Iterator<Item = &str> {
        self.enum_documented_as.values().map(String::as_str)
    }
}

/// A property of an object schema.
#[derive(Debug, Clone)]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// `x-documented-as` on the property.
    pub documented_as: Option<String>,
}

/// An operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path template.
    pub path: String,
    /// Its parameters, references resolved.
    pub parameters: Vec<Parameter>,
    /// Status → body type (`Unknown` without a JSON body).
    pub responses: BTreeMap<String, Ty>,
    /// Whether a security scheme applies (the `Authorization` header).
    pub secured: bool,
}

/// A parameter of an operation.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// The name.
    pub name: String,
    /// `path`, `query`, `header` or `cookie`.
    pub location: String,
    /// Whether it is required.
    pub required: bool,
    /// Its type.
    pub ty: Ty,
}

/// The parts of the spec drift compares.
#[derive(Debug, Clone, Default)]
pub struct SpecModel {
    /// Component schemas by name.
    pub schemas: BTreeMap<String, Schema>,
    /// Every operation, in path order.
    pub operations: Vec<Operation>,
}

fn ref_name(value: &Value) -> Option<&str> {
    value.get("$ref")?.as_str()?.rsplit('/').next()
}

/// The drift type of a schema object.
pub fn ty_of(schema: &Value) -> Ty {
    if let Some(name) = ref_name(schema) {
        return Ty::Named(name.to_owned());
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => Ty::String,
        Some("integer") => Ty::Integer,
        Some("number") => Ty::Number,
        Some("boolean") => Ty::Boolean,
        Some("array") => Ty::Array(Box::new(schema.get("items").map_or(Ty::Unknown, ty_of))),
        Some("object") => {
            let has_properties = schema
                .get("properties")
                .and_then(Value::as_object)
                .is_some_and(|properties| !properties.is_empty());
            if !has_properties
                && schema
                    .get("additionalProperties")
                    .is_some_and(|extra| extra != &Value::Bool(false))
            {
                Ty::Map
            } else {
                Ty::Object
            }
        }
        _ => Ty::Unknown,
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

impl SpecModel {
    /// Reads the spec from its YAML (or JSON) text.
    pub fn parse(yaml: &str) -> Result<SpecModel> {
        let root: Value = serde_norway::from_str(yaml).context("the spec is not valid YAML")?;
        Ok(SpecModel::from_value(&root))
    }

    /// Reads the spec from its JSON value.
    pub fn from_value(root: &Value) -> SpecModel {
        let mut model = SpecModel::default();
        let empty = serde_json::Map::new();
        let schemas = root
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (name, schema) in schemas {
            model.schemas.insert(name.clone(), read_schema(schema));
        }
        let global_security = root
            .get("security")
            .and_then(Value::as_array)
            .is_some_and(|list| !list.is_empty());
        let paths = root
            .get("paths")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut request_roots = Vec::new();
        for (path, item) in paths {
            let shared: Vec<&Value> = item
                .get("parameters")
                .and_then(Value::as_array)
                .map(|list| list.iter().collect())
                .unwrap_or_default();
            for method in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                let mut parameters = Vec::new();
                let own = operation.get("parameters").and_then(Value::as_array);
                for parameter in shared.iter().copied().chain(own.into_iter().flatten()) {
                    let parameter = resolve(root, parameter);
                    parameters.push(Parameter {
                        name: parameter.get("name").and_then(text).unwrap_or_default(),
                        location: parameter.get("in").and_then(text).unwrap_or_default(),
                        required: parameter
                            .get("required")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                        ty: parameter.get("schema").map_or(Ty::Unknown, ty_of),
                    });
                }
                if let Some(body) = operation.get("requestBody") {
                    let body = resolve(root, body);
                    collect_refs(body, &mut request_roots);
                }
                let mut responses = BTreeMap::new();
                if let Some(list) = operation.get("responses").and_then(Value::as_object) {
                    for (status, response) in list {
                        let response = resolve(root, response);
                        let ty = response
                            .pointer("/content/application~1json/schema")
                            .map_or(Ty::Unknown, ty_of);
                        responses.insert(status.clone(), ty);
                    }
                }
                let secured = match operation.get("security").and_then(Value::as_array) {
                    Some(list) => !list.is_empty(),
                    None => global_security,
                };
                model.operations.push(Operation {
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    parameters,
                    responses,
                    secured,
                });
            }
        }
        let mut seen = BTreeSet::new();
        while let Some(name) = request_roots.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(schema) = schemas.get(&name) {
                collect_refs(schema, &mut request_roots);
            }
        }
        for name in seen {
            if let Some(schema) = model.schemas.get_mut(&name) {
                schema.in_request = true;
            }
        }
        model
    }

    /// The schema a documented type name refers to: by name, ignoring case, through
    /// `x-documented-as`, as `ResourceCollection[T]` through `x-envelope`, or singular.
    pub fn resolve(&self, documented: &str) -> Option<String> {
        let short = short_name(documented);
        if let Some(inner) = short
            .strip_prefix("ResourceCollection[")
            .and_then(|rest| rest.strip_suffix(']'))
        {
            let item = self.resolve(inner)?;
            return self
                .schemas
                .iter()
                .find(|(_, schema)| schema.envelope_item.as_deref() == Some(item.as_str()))
                .map(|(name, _)| name.clone());
        }
        if self.schemas.contains_key(&short) {
            return Some(short);
        }
        let folded = fold(&short);
        let by_fold = |wanted: &str| {
            self.schemas
                .keys()
                .find(|name| fold(name) == wanted)
                .cloned()
                .or_else(|| {
                    self.schemas
                        .iter()
                        .find(|(_, schema)| {
                            schema
                                .documented_as
                                .as_deref()
                                .is_some_and(|d| fold(d) == wanted)
                        })
                        .map(|(name, _)| name.clone())
                })
        };
        if let Some(found) = by_fold(&folded) {
            return Some(found);
        }
        let singular = if let Some(stem) = folded.strip_suffix("ies") {
            format!("{stem}y")
        } else {
            folded.strip_suffix('s')?.to_owned()
        };
        by_fold(&singular)
    }
}

fn resolve<'a>(root: &'a Value, value: &'a Value) -> &'a Value {
    let mut current = value;
    for _ in 0..8 {
        let Some(reference) = current.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(pointer) = reference.strip_prefix('#') else {
            break;
        };
        match root.pointer(pointer) {
            Some(target) => current = target,
            None => break,
        }
    }
    current
}

fn collect_refs(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = ref_name(value) {
                into.push(name.to_owned());
            }
            for inner in map.values() {
                collect_refs(inner, into);
            }
        }
        Value::Array(list) => {
            for inner in list {
                collect_refs(inner, into);
            }
        }
        _ => {}
    }
}

fn read_schema(schema: &Value) -> Schema {
    let enum_values: Vec<String> = schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(text).collect())
        .unwrap_or_default();
    let properties: Vec<Property> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(name, property)| Property {
                    name: name.clone(),
                    ty: ty_of(property),
                    documented_as: property.get("x-documented-as").and_then(text),
                })
                .collect()
        })
        .unwrap_or_default();
    let kind = if !enum_values.is_empty() {
        SchemaKind::Enum
    } else if schema.get("properties").is_some() {
        SchemaKind::Object
    } else {
        SchemaKind::Other
    };
    let enum_documented_as = schema
        .get("x-enum-documented-as")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(wire, documented)| Some((wire.clone(), text(documented)?)))
                .collect()
        })
        .unwrap_or_default();
    let envelope_item = schema
        .get("x-envelope")
        .and_then(|envelope| envelope.get("parameter"))
        .and_then(Value::as_str)
        .and_then(|parameter| schema.pointer(&format!("/properties/{parameter}/items")))
        .and_then(ref_name)
        .map(str::to_owned);
    Schema {
        kind,
        properties,
        enum_values,
        documented_as: schema.get("x-documented-as").and_then(text),
        enum_documented_as,
        envelope_item,
        in_request: false,
    }
}
