//! Lowers schemas: component schemas into named types, inline schemas into field types.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, ReferenceOr, Schema, SchemaKind,
    Type as OaType, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::Extensions;
use super::share::Place;
use super::{EnvelopeDraft, Lowerer, SchemaRef, doc_lines};
use crate::ir::{
    Alias, Enum, EnumKind, Envelope, EnvelopeInstance, Field, Named, NamedKind, Struct, Type,
    TypeDef, Union, UnionVariant, Variant,
};
use crate::names::{Scope, nested_type_name, snake_name, type_name, variant_name};
use crate::spec::escape;

/// The name every struct reserves for its catch-all of unknown fields.
pub(crate) const EXTRA_FIELD: &str = "extra";

/// Returns the envelope name a schema declares with `x-envelope`, if any.
pub(crate) fn envelope_name<'s>(extensions: &Extensions, schema: &'s Schema) -> Option<&'s str> {
    Extensions::find(&extensions.envelope, &schema.schema_data.extensions)?
        .1
        .get("name")?
        .as_str()
}

/// Whether a schema declares an envelope instance.
fn is_envelope(extensions: &Extensions, schema: &Schema) -> bool {
    Extensions::find(&extensions.envelope, &schema.schema_data.extensions).is_some()
}

/// How a schema becomes a Rust type.
enum Shape<'a> {
    /// An object with properties (or an `allOf` of objects).
    Struct(Vec<Property<'a>>, Vec<String>),
    /// An enum of strings, integers or booleans: its kind and the JSON text of each value.
    Enum(EnumKind, Vec<String>),
    /// A union of several schemas.
    Union(UnionPlan<'a>),
    /// Anything else: an alias of another type.
    Other,
}

/// The branches of a union, before they are lowered.
struct UnionPlan<'a> {
    /// The keyword the branches are listed under (`oneOf`, `anyOf`), or `None` for a
    /// discriminated parent whose branches are the schemas that extend it.
    keyword: Option<&'static str>,
    /// Each branch with its position in the keyword's list.
    branches: Vec<(usize, SchemaRef<'a>)>,
    /// The discriminator, if the schema has one; the tags are worked out only when the union
    /// is lowered, since deciding shapes (for every reference) does not need them.
    discriminator: Option<&'a openapiv3::Discriminator>,
    /// For an `allOf` of this union and objects, what each branch is merged with.
    distribution: Option<Distribution<'a>>,
}

/// An `allOf` of one union and objects, distributed over the union: each branch, merged with
/// the object parts, is a variant of its own.
struct Distribution<'a> {
    /// Where the union's branches are listed.
    union_at: Declared<'a>,
    /// The parts of the `allOf` in order, the union's place among them included.
    parts: Vec<AllOfPart<'a>>,
}

/// One part of an `allOf` that is distributed over its union.
enum AllOfPart<'a> {
    /// The union, whose branch takes this place.
    Union,
    /// An object part.
    Object {
        /// Where it is declared.
        at: Declared<'a>,
        properties: Vec<Property<'a>>,
        required: Vec<String>,
    },
}

/// Where a schema inside an `allOf` is written: in place (at its position in the list), or in
/// the component schema a `$ref` leads to.
#[derive(Clone, Copy)]
enum Declared<'a> {
    /// In the `allOf` list, at this position.
    Part(usize),
    /// In the component schema with this key.
    Component(&'a str),
}

impl Declared<'_> {
    /// The JSON pointer of the schema, for an `allOf` at `pointer`.
    fn pointer(self, pointer: &str) -> String {
        match self {
            Self::Part(index) => format!("{pointer}/allOf/{index}"),
            Self::Component(key) => format!("#/components/schemas/{}", escape(key)),
        }
    }
}

/// What an `allOf` of one union and objects is.
enum UnionAllOf<'a> {
    /// The object parts add no property and require none: the value is the union's, at this
    /// position of the list.
    Union(usize, SchemaRef<'a>),
    /// The union distributed over its branches.
    Distributed(UnionPlan<'a>),
    /// A branch of the union is not an object, so that no branch can be merged.
    Untypable {
        /// Where the union's branches are listed.
        union_at: Declared<'a>,
        /// The keyword they are listed under.
        keyword: &'static str,
        /// The position of the branch in that list.
        index: usize,
        /// What the branch is, when it says (`a string`).
        kind: Option<&'static str>,
    },
}

impl UnionPlan<'_> {
    /// The tag property and, per branch, the values that select it.
    fn tags(&self, lowerer: &Lowerer<'_>) -> Option<(String, Vec<Vec<String>>)> {
        match self.discriminator {
            Some(discriminator) => discriminated_tags(lowerer, &self.branches, discriminator),
            None if self.keyword.is_some() => inferred_tags(lowerer, &self.branches),
            None => None,
        }
    }
}

/// One property of an object.
#[derive(Clone, Copy)]
struct Property<'a> {
    key: &'a str,
    schema: SchemaRef<'a>,
}

/// Lowers the component schema `key` into a named type.
pub(crate) fn lower_component<'a>(
    lowerer: &mut Lowerer<'a>,
    key: &'a str,
    schema: &'a ReferenceOr<Schema>,
) {
    let pointer = format!("#/components/schemas/{}", escape(key));
    let name = lowerer.names[key].clone();
    match schema {
        ReferenceOr::Reference { reference } => {
            let target = lower_type(lowerer, SchemaRef::Ref(reference), &name, "", &pointer);
            let docs = vec![format!("Another name for the `{key}` schema's target.")];
            insert(
                lowerer,
                TypeDef::Alias(Alias {
                    name,
                    source: pointer,
                    docs,
                    target,
                }),
            );
        }
        ReferenceOr::Item(schema) => {
            if is_envelope(&lowerer.extensions, schema) {
                lower_envelope_instance(lowerer, key, schema, &name, &pointer);
            } else {
                lower_named(lowerer, schema, name, &pointer, &fallback_docs(key));
            }
        }
    }
}

fn fallback_docs(key: &str) -> String {
    format!("The `{key}` schema.")
}

fn insert(lowerer: &mut Lowerer<'_>, def: TypeDef) {
    lowerer.types.insert(def.name().to_owned(), def);
}

/// Lowers a schema into the named type `name`, whatever its shape.
fn lower_named<'a>(
    lowerer: &mut Lowerer<'a>,
    schema: &'a Schema,
    name: String,
    pointer: &str,
    fallback: &str,
) {
    let docs = schema_docs(&lowerer.extensions, schema, fallback);
    let def = match shape(lowerer, schema) {
        Shape::Struct(properties, required) => TypeDef::Struct(lower_struct(
            lowerer,
            &name,
            pointer,
            docs,
            &properties,
            &required,
        )),
        Shape::Enum(kind, values) => TypeDef::Enum(lower_enum(
            lowerer,
            name.clone(),
            pointer,
            docs,
            (kind, &values),
            &schema.schema_data.extensions,
        )),
        Shape::Union(plan) => TypeDef::Union(lower_union(lowerer, &name, pointer, docs, plan)),
        Shape::Other => {
            let mut target = lower_unnamed(lowerer, schema, &name, "", pointer);
            if lowerer.null_aliases.contains(&name) {
                target = or_null(lowerer, target);
            }
            TypeDef::Alias(Alias {
                name: name.clone(),
                source: pointer.to_owned(),
                docs,
                target,
            })
        }
    };
    insert(lowerer, def);
}

fn schema_docs(extensions: &Extensions, schema: &Schema, fallback: &str) -> Vec<String> {
    let data = &schema.schema_data;
    let mut docs = doc_lines(
        data.description.as_deref().or(data.title.as_deref()),
        || fallback.to_owned(),
    );
    if let Some(documented) = Extensions::find(&extensions.documented_as, &data.extensions)
        .and_then(|(_, value)| value.as_str())
    {
        docs.push(String::new());
        docs.push(format!("The documents spell it `{documented}`."));
    }
    docs
}

/// Decides the shape of a schema.
fn shape<'a>(lowerer: &Lowerer<'a>, schema: &'a Schema) -> Shape<'a> {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::Object(object)) if schema.schema_data.discriminator.is_some() => {
            match parent_union(lowerer, schema) {
                Some(plan) => Shape::Union(plan),
                None if !object.properties.is_empty() => {
                    Shape::Struct(properties_of(&object.properties), object.required.clone())
                }
                None => Shape::Other,
            }
        }
        SchemaKind::Type(OaType::Object(object)) if !object.properties.is_empty() => {
            Shape::Struct(properties_of(&object.properties), object.required.clone())
        }
        SchemaKind::Any(any) if !any.properties.is_empty() => {
            Shape::Struct(properties_of(&any.properties), any.required.clone())
        }
        SchemaKind::Type(OaType::String(string))
            if string.enumeration.iter().any(Option::is_some) =>
        {
            Shape::Enum(
                EnumKind::String,
                distinct(string.enumeration.iter().flatten().cloned()),
            )
        }
        SchemaKind::Type(OaType::Integer(integer))
            if integer.enumeration.iter().any(Option::is_some) =>
        {
            Shape::Enum(
                EnumKind::Integer,
                distinct(integer.enumeration.iter().flatten().map(i64::to_string)),
            )
        }
        SchemaKind::Type(OaType::Boolean(boolean))
            if boolean.enumeration.iter().any(Option::is_some) =>
        {
            Shape::Enum(
                EnumKind::Boolean,
                distinct(boolean.enumeration.iter().flatten().map(bool::to_string)),
            )
        }
        SchemaKind::AllOf { all_of } if all_of.len() > 1 => match merge_all_of(lowerer, all_of) {
            Some((properties, required)) => Shape::Struct(properties, required),
            None => match union_all_of(lowerer, schema, all_of) {
                Some(UnionAllOf::Distributed(plan)) => Shape::Union(plan),
                _ => Shape::Other,
            },
        },
        SchemaKind::OneOf { one_of: branches } => union_plan(lowerer, schema, "oneOf", branches),
        SchemaKind::AnyOf { any_of: branches } => union_plan(lowerer, schema, "anyOf", branches),
        _ => Shape::Other,
    }
}

/// The values of an enum in spec order, each once.
fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// Whether a schema says nothing about the value's type: only docs, `nullable` and the like.
fn is_annotation(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default())
}

/// The branches of a `oneOf`/`anyOf` that say something about the value: `null` and
/// annotation-only branches dropped.
fn meaningful<'a>(
    lowerer: &Lowerer<'a>,
    branches: &'a [ReferenceOr<Schema>],
) -> Vec<(usize, SchemaRef<'a>)> {
    branches
        .iter()
        .enumerate()
        .filter(|(_, branch)| {
            !lowerer
                .deref((*branch).into())
                .is_some_and(|schema| is_null_schema(schema) || is_annotation(schema))
        })
        .map(|(index, branch)| (index, through_wrapper(branch.into())))
        .collect()
}

/// The reference a union branch wraps when the branch is only `allOf: [$ref]` (what 3.1's `$ref`
/// with siblings becomes, such as an `x-` extension), so that the branch is named, tagged and
/// typed as the schema it names; a wrapper that adds `nullable`, a discriminator, a title or a
/// description (which name and document the variant) is kept.
fn through_wrapper(branch: SchemaRef<'_>) -> SchemaRef<'_> {
    if let SchemaRef::Inline(schema) = branch
        && let SchemaKind::AllOf { all_of } = &schema.schema_kind
        && let [ReferenceOr::Reference { reference }] = all_of.as_slice()
        && !schema.schema_data.nullable
        && schema.schema_data.discriminator.is_none()
        && schema.schema_data.title.is_none()
        && schema.schema_data.description.is_none()
    {
        return SchemaRef::Ref(reference);
    }
    branch
}

/// A union of the meaningful branches when there are at least two.
fn union_plan<'a>(
    lowerer: &Lowerer<'a>,
    schema: &'a Schema,
    keyword: &'static str,
    branches: &'a [ReferenceOr<Schema>],
) -> Shape<'a> {
    let branches = meaningful(lowerer, branches);
    if branches.len() < 2 {
        return Shape::Other;
    }
    Shape::Union(UnionPlan {
        keyword: Some(keyword),
        branches,
        discriminator: schema.schema_data.discriminator.as_ref(),
        distribution: None,
    })
}

/// A parent schema with a `discriminator` and no `oneOf`: a union of the component schemas
/// that extend it with `allOf`, when there are any.
fn parent_union<'a>(lowerer: &Lowerer<'a>, parent: &'a Schema) -> Option<UnionPlan<'a>> {
    let discriminator = parent.schema_data.discriminator.as_ref()?;
    let schemas = lowerer.schemas?;
    let mut branches = Vec::new();
    for (index, (key, child)) in schemas.iter().enumerate() {
        let ReferenceOr::Item(child) = child else {
            continue;
        };
        let SchemaKind::AllOf { all_of } = &child.schema_kind else {
            continue;
        };
        let extends = all_of.iter().any(|branch| match branch {
            ReferenceOr::Reference { reference } => lowerer
                .resolve(reference)
                .is_some_and(|(_, target)| matches!(target, ReferenceOr::Item(target) if std::ptr::eq(target, parent))),
            ReferenceOr::Item(_) => false,
        });
        if extends {
            branches.push((index, SchemaRef::Component(key)));
        }
    }
    if branches.is_empty() {
        return None;
    }
    Some(UnionPlan {
        keyword: None,
        branches,
        discriminator: Some(discriminator),
        distribution: None,
    })
}

/// The tag values of a discriminated union: the `mapping` entries that name a branch, else the
/// values the branch fixes its discriminator property to (see [`single_values`]), else the
/// branch's component key. Fixed values that another branch's tags share give way to the
/// component key. `None` when a branch is left without a value.
fn discriminated_tags(
    lowerer: &Lowerer<'_>,
    branches: &[(usize, SchemaRef<'_>)],
    discriminator: &openapiv3::Discriminator,
) -> Option<(String, Vec<Vec<String>>)> {
    let property = &discriminator.property_name;
    let mut tags = Vec::with_capacity(branches.len());
    // The component key of each branch whose tags are the values it fixes.
    let mut fixed: Vec<Option<&str>> = Vec::with_capacity(branches.len());
    for (_, branch) in branches {
        let key = lowerer.component_key(*branch);
        let mapped: Vec<String> = match key {
            Some(key) => discriminator
                .mapping
                .iter()
                .filter(|(_, target)| {
                    target.as_str() == key
                        || lowerer
                            .resolve(target)
                            .is_some_and(|(found, _)| found == key)
                })
                .map(|(value, _)| value.clone())
                .collect(),
            None => Vec::new(),
        };
        let own = mapped
            .is_empty()
            .then(|| single_values(lowerer, *branch, property))
            .flatten();
        let (values, fixes) = match (mapped, own, key) {
            (mapped, _, _) if !mapped.is_empty() => (mapped, None),
            (_, Some(own), key) => (own, key),
            (_, None, Some(key)) => (vec![key.to_owned()], None),
            (_, None, None) => return None,
        };
        tags.push(values);
        fixed.push(fixes);
    }
    let chosen = tags.clone();
    for (index, key) in fixed.into_iter().enumerate() {
        let Some(key) = key else { continue };
        let shared = chosen.iter().enumerate().any(|(other, values)| {
            other != index && values.iter().any(|value| chosen[index].contains(value))
        });
        if shared {
            tags[index] = vec![key.to_owned()];
        }
    }
    Some((property.clone(), tags))
}

/// Finds a property every branch fixes to its own single string value (`enum: [card]` or
/// `const`), so that the union can be read by it.
pub(crate) fn inferred_tags(
    lowerer: &Lowerer<'_>,
    branches: &[(usize, SchemaRef<'_>)],
) -> Option<(String, Vec<Vec<String>>)> {
    let first = lowerer.deref(branches.first()?.1)?;
    let Shape::Struct(properties, _) = shape(lowerer, first) else {
        return None;
    };
    'candidates: for property in properties {
        let mut tags: Vec<Vec<String>> = Vec::with_capacity(branches.len());
        for (_, branch) in branches {
            let Some(values) = single_values(lowerer, *branch, property.key) else {
                continue 'candidates;
            };
            if tags.iter().flatten().any(|known| values.contains(known)) {
                continue 'candidates;
            }
            tags.push(values);
        }
        return Some((property.key.to_owned(), tags));
    }
    None
}

/// The values a branch allows for the string property `key` when it lists them in an enum
/// (and it is an object that requires the property or lists one value).
fn single_values(lowerer: &Lowerer<'_>, branch: SchemaRef<'_>, key: &str) -> Option<Vec<String>> {
    let schema = lowerer.deref(branch)?;
    let Shape::Struct(properties, required) = shape(lowerer, schema) else {
        return None;
    };
    let property = properties.iter().find(|property| property.key == key)?;
    let target = lowerer.deref(property.schema)?;
    let SchemaKind::Type(OaType::String(string)) = &target.schema_kind else {
        return None;
    };
    let values: Vec<String> = distinct(string.enumeration.iter().flatten().cloned());
    let fixed = values.len() == 1 || required.iter().any(|name| name == key);
    (!values.is_empty() && fixed).then_some(values)
}

fn properties_of<'a>(
    properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
) -> Vec<Property<'a>> {
    properties
        .iter()
        .map(|(key, schema)| Property {
            key,
            schema: schema.into(),
        })
        .collect()
}

/// The properties and required keys of a schema that is an object (an `allOf` of objects
/// included); `None` otherwise.
fn object_parts<'a>(
    lowerer: &Lowerer<'a>,
    schema: &'a Schema,
) -> Option<(Vec<Property<'a>>, Vec<String>)> {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::Object(object)) => {
            Some((properties_of(&object.properties), object.required.clone()))
        }
        SchemaKind::Any(any) if any.typ.as_deref().is_none_or(|typ| typ == "object") => {
            Some((properties_of(&any.properties), any.required.clone()))
        }
        SchemaKind::AllOf { all_of } => merge_all_of(lowerer, all_of),
        _ => None,
    }
}

/// Merges the properties of an `allOf` whose branches are all objects; `None` otherwise.
fn merge_all_of<'a>(
    lowerer: &Lowerer<'a>,
    branches: &'a [ReferenceOr<Schema>],
) -> Option<(Vec<Property<'a>>, Vec<String>)> {
    let mut properties: Vec<Property<'a>> = Vec::new();
    let mut required = Vec::new();
    for branch in branches {
        let schema = lowerer.deref(branch.into())?;
        let (branch_properties, branch_required) = object_parts(lowerer, schema)?;
        for property in branch_properties {
            if !properties.iter().any(|known| known.key == property.key) {
                properties.push(property);
            }
        }
        required.extend(branch_required);
    }
    Some((properties, required))
}

/// Reads an `allOf` whose parts are one union (a `oneOf`/`anyOf` with at least two meaningful
/// branches, in place or through a `$ref`) and, besides it, only objects; `None` for any other.
///
/// The `allOf` is distributed over the union, as typify does: each branch merged with the object
/// parts is a variant (see [`distributed_variant`]). That needs every branch to be an object.
fn union_all_of<'a>(
    lowerer: &Lowerer<'a>,
    schema: &'a Schema,
    all_of: &'a [ReferenceOr<Schema>],
) -> Option<UnionAllOf<'a>> {
    let mut parts = Vec::with_capacity(all_of.len());
    let mut union = None;
    for (index, part) in all_of.iter().enumerate() {
        let (key, target) = deref_keyed(lowerer, part.into())?;
        let at = key.map_or(Declared::Part(index), Declared::Component);
        let branches = match &target.schema_kind {
            SchemaKind::OneOf { one_of } => Some(("oneOf", meaningful(lowerer, one_of))),
            SchemaKind::AnyOf { any_of } => Some(("anyOf", meaningful(lowerer, any_of))),
            _ => None,
        };
        match branches {
            Some((keyword, branches)) if branches.len() >= 2 => {
                if union.is_some() {
                    return None;
                }
                union = Some((index, part, at, target, keyword, branches));
                parts.push(AllOfPart::Union);
            }
            _ => {
                let (properties, required) = object_parts(lowerer, target)?;
                parts.push(AllOfPart::Object {
                    at,
                    properties,
                    required,
                });
            }
        }
    }
    let (index, part, union_at, target, keyword, branches) = union?;
    let adds_nothing = parts.iter().all(|part| match part {
        AllOfPart::Union => true,
        AllOfPart::Object {
            properties,
            required,
            ..
        } => properties.is_empty() && required.is_empty(),
    });
    if adds_nothing {
        return Some(UnionAllOf::Union(index, part.into()));
    }
    for (branch_index, branch) in &branches {
        let branch = lowerer.deref(*branch);
        if branch.is_none_or(|branch| object_parts(lowerer, branch).is_none()) {
            return Some(UnionAllOf::Untypable {
                union_at,
                keyword,
                index: *branch_index,
                kind: branch.and_then(json_kind),
            });
        }
    }
    Some(UnionAllOf::Distributed(UnionPlan {
        keyword: Some(keyword),
        branches,
        discriminator: target
            .schema_data
            .discriminator
            .as_ref()
            .or(schema.schema_data.discriminator.as_ref()),
        distribution: Some(Distribution { union_at, parts }),
    }))
}

/// What kind of JSON value a schema that is not an object describes, for a diagnostic.
fn json_kind(schema: &Schema) -> Option<&'static str> {
    let typ = match &schema.schema_kind {
        SchemaKind::Type(OaType::String(_)) => "string",
        SchemaKind::Type(OaType::Integer(_)) => "integer",
        SchemaKind::Type(OaType::Number(_)) => "number",
        SchemaKind::Type(OaType::Boolean(_)) => "boolean",
        SchemaKind::Type(OaType::Array(_)) => "array",
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => "union",
        SchemaKind::AllOf { .. } => "allOf",
        SchemaKind::Not { .. } => "not",
        SchemaKind::Any(any) => any.typ.as_deref()?,
        SchemaKind::Type(OaType::Object(_)) => return None,
    };
    Some(match typ {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean",
        "array" => "a list",
        "union" => "a union",
        "allOf" => "an `allOf` whose parts are not all objects",
        "not" => "a `not`",
        _ => return None,
    })
}

/// Follows references as [`Lowerer::deref`] does, with the key of the last component schema
/// passed through (`None` for a schema written in place).
fn deref_keyed<'a>(
    lowerer: &Lowerer<'a>,
    schema: SchemaRef<'a>,
) -> Option<(Option<&'a str>, &'a Schema)> {
    let mut key = None;
    let mut current = schema;
    for _ in 0..32 {
        let (found, target) = match current {
            SchemaRef::Inline(schema) => return Some((key, schema)),
            SchemaRef::Ref(reference) => lowerer.resolve(reference)?,
            SchemaRef::Component(name) => {
                let (found, target) = lowerer.schemas?.get_key_value(name)?;
                (found.as_str(), target)
            }
        };
        key = Some(found);
        current = target.into();
    }
    None
}

/// Whether a value may be `null`: `nullable`, a `oneOf`/`anyOf` with a branch that may be
/// `null`, or an `allOf` whose every part that says something about the value may be `null` (the
/// wrapper 3.1's `$ref` with a description becomes). A required property that may be `null` is
/// an `Option` all the same.
fn is_nullable(lowerer: &Lowerer<'_>, schema: SchemaRef<'_>) -> bool {
    nullable_within(lowerer, schema, 0)
}

/// [`is_nullable`], at most 32 schemas deep (a cycle of wrappers says nothing about `null`).
fn nullable_within(lowerer: &Lowerer<'_>, schema: SchemaRef<'_>, depth: usize) -> bool {
    let Some(schema) = lowerer.deref(schema) else {
        return false;
    };
    if schema.schema_data.nullable || is_null_schema(schema) {
        return true;
    }
    if depth > 32 {
        return false;
    }
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of: branches } | SchemaKind::AnyOf { any_of: branches } => branches
            .iter()
            .any(|branch| nullable_within(lowerer, branch.into(), depth + 1)),
        SchemaKind::AllOf { all_of } => {
            let parts = meaningful(lowerer, all_of);
            !parts.is_empty()
                && parts
                    .iter()
                    .all(|(_, part)| nullable_within(lowerer, *part, depth + 1))
        }
        _ => false,
    }
}

fn is_null_schema(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if any.typ.as_deref() == Some("null"))
}

/// The Rust integer of a `format`: `int32` and `uint32` fit in 32 bits, `uint64` needs an
/// unsigned 64-bit integer (its upper half does not fit in `i64`); anything else is `i64`.
fn integer_type(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Type {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Type::I32,
        VariantOrUnknownOrEmpty::Unknown(format) if format == "uint32" => Type::U32,
        VariantOrUnknownOrEmpty::Unknown(format) if format == "uint64" => Type::U64,
        _ => Type::I64,
    }
}

/// Lowers an object's properties into a struct named `name`.
fn lower_struct<'a>(
    lowerer: &mut Lowerer<'a>,
    name: &str,
    pointer: &str,
    docs: Vec<String>,
    properties: &[Property<'a>],
    required: &[String],
) -> Struct {
    let placed: Vec<(Property<'a>, String)> = properties
        .iter()
        .map(|property| {
            let at = format!("{pointer}/properties/{}", escape(property.key));
            (*property, at)
        })
        .collect();
    warn_undeclared(lowerer, pointer, properties, required);
    lower_struct_at(lowerer, name, pointer, docs, &placed, required)
}

/// Reports each key of `required` that no property declares (it is kept with unknown fields).
fn warn_undeclared(
    lowerer: &mut Lowerer<'_>,
    pointer: &str,
    properties: &[Property<'_>],
    required: &[String],
) {
    for key in required {
        if !properties.iter().any(|property| property.key == key) {
            lowerer.warn(pointer, format!("`{key}` is required but not a declared property; it is kept with the unknown fields"));
        }
    }
}

/// Lowers properties, each with the pointer of its schema (where it is declared), into a struct
/// named `name`, the owner of the inline types they make.
fn lower_struct_at<'a>(
    lowerer: &mut Lowerer<'a>,
    name: &str,
    pointer: &str,
    docs: Vec<String>,
    properties: &[(Property<'a>, String)],
    required: &[String],
) -> Struct {
    let mut scope = Scope::with_reserved(&[EXTRA_FIELD]);
    let mut fields = Vec::with_capacity(properties.len());
    for (property, field_pointer) in properties {
        let ty = lower_type(lowerer, property.schema, name, property.key, field_pointer);
        let fallback = || format!("The `{}` property.", property.key);
        let field_docs = match property.schema {
            SchemaRef::Inline(schema) => schema_docs(&lowerer.extensions, schema, &fallback()),
            reference => match lowerer
                .component_key(reference)
                .and_then(|key| Some((key, lowerer.schemas?.get(key)?)))
            {
                Some((key, ReferenceOr::Item(target))) => {
                    schema_docs(&lowerer.extensions, target, &fallback_docs(key))
                }
                _ => vec![fallback()],
            },
        };
        fields.push(Field {
            name: scope.claim(snake_name(property.key)),
            wire: property.key.to_owned(),
            docs: field_docs,
            ty,
            required: required.iter().any(|key| key == property.key)
                && !is_nullable(lowerer, property.schema),
            boxed: false,
        });
    }
    Struct {
        name: name.to_owned(),
        source: pointer.to_owned(),
        docs,
        fields,
        has_default: false,
    }
}

/// Reads a list-valued extension, reporting a wrong shape or length.
fn parallel_list<'v>(
    lowerer: &mut Lowerer<'_>,
    extensions: &'v IndexMap<String, Value>,
    names: &[String],
    len: usize,
    pointer: &str,
) -> Option<(String, &'v Vec<Value>)> {
    let (key, value) = Extensions::find(names, extensions)?;
    let pointer = format!("{pointer}/{}", escape(&key));
    match value.as_array() {
        Some(list) if list.len() == len => Some((key, list)),
        Some(list) => {
            lowerer.error(
                pointer,
                format!("has {} entries but the enum has {len} values", list.len()),
            );
            None
        }
        None => {
            lowerer.error(pointer, "must be a list parallel to `enum`");
            None
        }
    }
}

/// Lowers a string enum.
fn lower_enum(
    lowerer: &mut Lowerer<'_>,
    name: String,
    pointer: &str,
    docs: Vec<String>,
    (kind, values): (EnumKind, &[String]),
    extensions: &IndexMap<String, Value>,
) -> Enum {
    let names = lowerer.extensions.clone();
    let descriptions = parallel_list(
        lowerer,
        extensions,
        &names.enum_descriptions,
        values.len(),
        pointer,
    )
    .map(|(_, list)| list.clone());
    let positions = parallel_list(
        lowerer,
        extensions,
        &names.enum_positions,
        values.len(),
        pointer,
    );
    let positions_pointer = positions
        .as_ref()
        .map(|(key, _)| format!("{pointer}/{}", escape(key)))
        .unwrap_or_default();
    let positions = positions.map(|(_, list)| list.clone());
    let varnames = parallel_list(
        lowerer,
        extensions,
        &names.enum_names,
        values.len(),
        pointer,
    )
    .map(|(_, list)| list.clone());
    let documented = Extensions::find(&names.enum_documented_as, extensions);
    if let Some((key, value)) = &documented
        && !value.is_object()
    {
        lowerer.error(
            format!("{pointer}/{}", escape(key)),
            "must be a map from wire value to documented spelling",
        );
    }
    let documented = documented.map(|(_, value)| value);
    let mut scope = Scope::default();
    let mut variants = Vec::with_capacity(values.len());
    for (index, wire) in values.iter().enumerate() {
        let text_at = |list: &Option<Vec<Value>>| {
            list.as_ref()
                .and_then(|list| list[index].as_str().map(str::to_owned))
        };
        let position = match positions.as_ref().map(|list| &list[index]) {
            None => None,
            Some(value) => match value.as_i64() {
                Some(position) => Some(position),
                None => {
                    lowerer.error(format!("{positions_pointer}/{index}"), "must be an integer");
                    None
                }
            },
        };
        let rust = match text_at(&varnames) {
            Some(name) => variant_name(&name),
            None => literal_variant_name(kind, wire),
        };
        let mut variant_docs = doc_lines(text_at(&descriptions).as_deref(), || {
            format!("The value `{wire}`.")
        });
        if let Some(spelling) = documented
            .and_then(|map| map.get(wire.as_str()))
            .and_then(Value::as_str)
        {
            variant_docs.push(String::new());
            variant_docs.push(format!("The documents spell it `{spelling}`."));
        }
        variants.push(Variant {
            name: scope.claim(rust),
            wire: (*wire).to_owned(),
            docs: variant_docs,
            position,
        });
    }
    if let Some(positions) = positions {
        let mut seen: Vec<i64> = positions.iter().filter_map(Value::as_i64).collect();
        seen.sort_unstable();
        if seen.windows(2).any(|pair| pair[0] == pair[1]) {
            lowerer.error(positions_pointer.clone(), "positions must be distinct");
        }
    }
    let other = other_name(&mut scope);
    Enum {
        name,
        source: pointer.to_owned(),
        docs,
        kind,
        variants,
        other,
    }
}

/// The Rust name of an enum value: a string's own words, `Value512` or `Minus1` for an
/// integer, `True` or `False` for a boolean.
fn literal_variant_name(kind: EnumKind, wire: &str) -> String {
    match kind {
        EnumKind::String | EnumKind::Boolean => variant_name(wire),
        EnumKind::Integer => match wire.strip_prefix('-') {
            Some(magnitude) => format!("Minus{magnitude}"),
            None => format!("Value{wire}"),
        },
    }
}

/// The name of a union's catch-all variant: the first of a few that no variant took.
pub(crate) fn other_name(scope: &mut Scope) -> String {
    ["Other", "Unlisted", "OtherValue"]
        .into_iter()
        .find(|candidate| !scope.contains(candidate))
        .map_or_else(|| scope.claim("Other".into()), str::to_owned)
}

/// Lowers a union: one variant per branch, named after the type it holds (or its title, its tag
/// value, its JSON type), with inline branches named after the union and the variant.
fn lower_union<'a>(
    lowerer: &mut Lowerer<'a>,
    name: &str,
    pointer: &str,
    docs: Vec<String>,
    plan: UnionPlan<'a>,
) -> Union {
    let tag = plan.tags(lowerer);
    let mut scope = Scope::default();
    let mut variants = Vec::with_capacity(plan.branches.len());
    for (position, (index, branch)) in plan.branches.iter().enumerate() {
        let branch_pointer = match (plan.keyword, &plan.distribution) {
            (Some(keyword), Some(distribution)) => format!(
                "{}/{keyword}/{index}",
                distribution.union_at.pointer(pointer)
            ),
            (Some(keyword), None) => format!("{pointer}/{keyword}/{index}"),
            (None, _) => match lowerer.component_key(*branch) {
                Some(key) => format!("#/components/schemas/{}", escape(key)),
                None => pointer.to_owned(),
            },
        };
        let tags: Vec<String> = tag
            .as_ref()
            .map(|(_, tags)| tags[position].clone())
            .unwrap_or_default();
        let key = lowerer.component_key(*branch);
        let schema = lowerer.deref(*branch);
        let variant = match (key, schema) {
            (Some(key), _) => lowerer.names[key].clone(),
            (None, Some(schema)) => match (&schema.schema_data.title, tags.first()) {
                (Some(title), _) => type_name(title),
                (None, Some(tag)) => variant_name(tag),
                (None, None) => kind_name(schema).to_owned(),
            },
            (None, None) => "Value".to_owned(),
        };
        let variant = scope.claim(variant);
        let ty = match &plan.distribution {
            Some(distribution) => distributed_variant(
                lowerer,
                (name, pointer),
                (&variant, *branch, &branch_pointer),
                distribution,
            ),
            None => lower_type(lowerer, *branch, name, &variant, &branch_pointer),
        };
        let fallback = match (key, schema.map(kind_name)) {
            (Some(key), _) => fallback_docs(key),
            (None, Some("String")) => "The value as a JSON string.".to_owned(),
            (None, Some("Integer")) => "The value as a JSON integer.".to_owned(),
            (None, Some("Number")) => "The value as a JSON number.".to_owned(),
            (None, Some("Boolean")) => "The value as a JSON boolean.".to_owned(),
            (None, Some("List")) => "The value as a JSON array.".to_owned(),
            (None, _) => format!("The `{variant}` form."),
        };
        let variant_docs = match schema {
            Some(schema) => schema_docs(&lowerer.extensions, schema, &fallback),
            None => vec![fallback],
        };
        let boxed = is_boxed(&ty);
        variants.push(UnionVariant {
            name: variant,
            docs: variant_docs,
            ty,
            boxed,
            tags,
        });
    }
    let other = other_name(&mut scope);
    Union {
        name: name.to_owned(),
        source: pointer.to_owned(),
        docs,
        tag: tag.map(|(property, _)| property),
        variants,
        other,
    }
}

/// Lowers one branch of the union `name` (the `allOf` at `pointer`, distributed) into the struct
/// of its variant `variant`: the branch's properties and those of the object parts, in the order
/// of the `allOf` (the first declaration of a key wins), their required keys joined, each field
/// lowered at the pointer where its property is declared (so that a referenced component's
/// diagnostics are its own, reported once). The struct is named after the union and the
/// variant, comes from the branch's pointer, has the branch's docs (else a line naming the
/// properties every form adds), and is shared like any inline type: the inline types its fields
/// make are its own, as a merged `allOf`'s are.
fn distributed_variant<'a>(
    lowerer: &mut Lowerer<'a>,
    (name, pointer): (&str, &str),
    (variant, branch, branch_pointer): (&str, SchemaRef<'a>, &str),
    distribution: &Distribution<'a>,
) -> Type {
    let Some((key, schema)) = deref_keyed(lowerer, branch) else {
        return Type::Any;
    };
    let Some((own, own_required)) = object_parts(lowerer, schema) else {
        return Type::Any;
    };
    let own_at = match key {
        Some(key) => Declared::Component(key).pointer(pointer),
        None => branch_pointer.to_owned(),
    };
    let parts: Vec<(&[Property<'a>], &[String], String)> = distribution
        .parts
        .iter()
        .map(|part| match part {
            AllOfPart::Union => (own.as_slice(), own_required.as_slice(), own_at.clone()),
            AllOfPart::Object {
                at,
                properties,
                required,
            } => (
                properties.as_slice(),
                required.as_slice(),
                at.pointer(pointer),
            ),
        })
        .collect();
    let every: Vec<Property<'a>> = parts
        .iter()
        .flat_map(|(properties, _, _)| properties.iter().copied())
        .collect();
    let mut placed: Vec<(Property<'a>, String)> = Vec::new();
    let mut required: Vec<String> = Vec::new();
    let mut added: Vec<&str> = Vec::new();
    for (part, (properties, part_required, at)) in distribution.parts.iter().zip(&parts) {
        warn_undeclared(lowerer, at, &every, part_required);
        for property in *properties {
            if placed.iter().any(|(known, _)| known.key == property.key) {
                continue;
            }
            if matches!(part, AllOfPart::Object { .. }) {
                added.push(property.key);
            }
            let field_pointer = format!("{at}/properties/{}", escape(property.key));
            placed.push((*property, field_pointer));
        }
        for key in *part_required {
            if !required.contains(key) {
                required.push(key.clone());
            }
        }
    }
    let fallback = if added.is_empty() {
        format!("The `{variant}` form of `{name}`.")
    } else {
        let keys: Vec<String> = added.iter().map(|key| format!("`{key}`")).collect();
        format!(
            "The `{variant}` form of `{name}`, with the properties every form has ({}).",
            keys.join(", ")
        )
    };
    let docs = schema_docs(&lowerer.extensions, schema, &fallback);
    let struct_name = lowerer.type_scope.claim(nested_type_name(name, variant));
    let def = lower_struct_at(
        lowerer,
        &struct_name,
        branch_pointer,
        docs,
        &placed,
        &required,
    );
    insert(lowerer, TypeDef::Struct(def));
    let place = Place {
        owner: name,
        role: variant,
        title: match key {
            Some(_) => None,
            None => schema.schema_data.title.as_deref(),
        },
    };
    let struct_name = lowerer.sharing.share(
        &mut lowerer.types,
        &mut lowerer.type_scope,
        struct_name,
        place,
    );
    Type::Named(Named {
        name: struct_name,
        kind: NamedKind::Struct,
    })
}

/// Whether a union variant holding `ty` keeps it behind a `Box`: a named struct or union, which
/// may be large or hold the union itself; an enum is small and never does.
pub(crate) fn is_boxed(ty: &Type) -> bool {
    matches!(ty, Type::Named(named) if named.kind != NamedKind::Enum)
}

/// A variant name for an inline branch from its JSON type.
fn kind_name(schema: &Schema) -> &'static str {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(string)) if !string.enumeration.is_empty() => "Choice",
        SchemaKind::Type(OaType::String(_)) => "String",
        SchemaKind::Type(OaType::Integer(_)) => "Integer",
        SchemaKind::Type(OaType::Number(_)) => "Number",
        SchemaKind::Type(OaType::Boolean(_)) => "Boolean",
        SchemaKind::Type(OaType::Array(_)) => "List",
        SchemaKind::Type(OaType::Object(_)) => "Object",
        SchemaKind::Any(any) if !any.properties.is_empty() => "Object",
        _ => "Value",
    }
}

/// Lowers a component schema that declares `x-envelope` into an instance of the envelope.
fn lower_envelope_instance<'a>(
    lowerer: &mut Lowerer<'a>,
    key: &'a str,
    schema: &'a Schema,
    alias: &str,
    pointer: &str,
) {
    let Some((extension_name, extension)) =
        Extensions::find(&lowerer.extensions.envelope, &schema.schema_data.extensions)
    else {
        return;
    };
    let ext_pointer = format!("{pointer}/{}", escape(&extension_name));
    let (Some(envelope), Some(parameter)) = (
        extension.get("name").and_then(Value::as_str),
        extension.get("parameter").and_then(Value::as_str),
    ) else {
        lowerer.error(
            ext_pointer,
            "must be a map with string entries `name` and `parameter`",
        );
        return;
    };
    let Shape::Struct(properties, required) = shape(lowerer, schema) else {
        lowerer.error(ext_pointer, "an envelope must be an object with properties");
        return;
    };
    let docs = schema_docs(&lowerer.extensions, schema, &fallback_docs(key));
    let mut fields = lower_struct(
        lowerer,
        alias,
        pointer,
        docs.clone(),
        &properties,
        &required,
    )
    .fields;
    let generic = lowerer.envelope_names[envelope].clone();
    let param = if lowerer.type_scope.contains("T") {
        format!("{generic}Item")
    } else {
        "T".to_owned()
    };
    let Some(field) = fields.iter_mut().find(|field| field.wire == parameter) else {
        lowerer.error(
            ext_pointer,
            format!("parameter `{parameter}` is not a property of the schema"),
        );
        return;
    };
    let item = match std::mem::replace(&mut field.ty, Type::Param(param.clone())) {
        Type::List(item) => {
            field.ty = Type::List(Box::new(Type::Param(param.clone())));
            *item
        }
        other => other,
    };
    field.docs = vec![format!(
        "The `{parameter}` of this envelope, typed by its parameter."
    )];
    let instance = EnvelopeInstance {
        alias: alias.to_owned(),
        source: pointer.to_owned(),
        docs,
        item,
    };
    match lowerer.envelopes.get_mut(&generic) {
        None => {
            lowerer.envelopes.insert(
                generic.clone(),
                EnvelopeDraft {
                    envelope: Envelope {
                        name: generic,
                        param,
                        docs: Vec::new(),
                        fields,
                        instances: vec![instance],
                        has_default: false,
                    },
                    first: key.to_owned(),
                },
            );
        }
        Some(draft) => {
            if let Some(difference) = first_difference(&draft.envelope.fields, &fields) {
                let first = draft.first.clone();
                lowerer.error(
                    ext_pointer,
                    format!("envelope `{envelope}` must have the same fields in every schema, but this one differs from `{first}` in {difference}"),
                );
                return;
            }
            draft.envelope.instances.push(instance);
        }
    }
}

/// Describes the first field where two envelope instances differ.
fn first_difference(expected: &[Field], found: &[Field]) -> Option<String> {
    for (index, field) in found.iter().enumerate() {
        match expected.get(index) {
            None => return Some(format!("extra field `{}`", field.wire)),
            Some(known) if known != field => return Some(format!("field `{}`", field.wire)),
            Some(_) => {}
        }
    }
    expected
        .get(found.len())
        .map(|field| format!("missing field `{}`", field.wire))
}

/// Lowers a schema used as a value (a property, an item, a body) into a type.
///
/// Inline objects, enums and unions become named types called after `owner` and `role`.
pub(crate) fn lower_type<'a>(
    lowerer: &mut Lowerer<'a>,
    schema: SchemaRef<'a>,
    owner: &str,
    role: &str,
    pointer: &str,
) -> Type {
    match schema {
        SchemaRef::Ref(reference) => match lowerer.resolve(reference) {
            Some((key, _)) => Type::Named(Named {
                name: lowerer.names[key].clone(),
                kind: component_kind(lowerer, key, 0),
            }),
            None if !reference.starts_with('#') => {
                lowerer.error(
                    pointer,
                    format!(
                        "reference `{reference}` points into another document, which is not read; \
                         bundle the description into one file first (for example with \
                         `redocly bundle`)"
                    ),
                );
                Type::Any
            }
            None => {
                lowerer.error(
                    pointer,
                    format!("reference `{reference}` does not name a component schema"),
                );
                Type::Any
            }
        },
        SchemaRef::Inline(schema) => lower_unnamed(lowerer, schema, owner, role, pointer),
        SchemaRef::Component(key) => Type::Named(Named {
            name: lowerer.names[key].clone(),
            kind: component_kind(lowerer, key, 0),
        }),
    }
}

/// Lowers an inline schema into a type, naming any type it has to create.
fn lower_unnamed<'a>(
    lowerer: &mut Lowerer<'a>,
    schema: &'a Schema,
    owner: &str,
    role: &str,
    pointer: &str,
) -> Type {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(_))
        | SchemaKind::Type(OaType::Object(_))
        | SchemaKind::Any(_)
        | SchemaKind::OneOf { .. }
        | SchemaKind::AnyOf { .. }
        | SchemaKind::AllOf { .. } => {}
        SchemaKind::Type(OaType::Integer(integer)) => return integer_type(&integer.format),
        SchemaKind::Type(OaType::Number(_)) => return Type::F64,
        SchemaKind::Type(OaType::Boolean(_)) => return Type::Boolean,
        SchemaKind::Type(OaType::Array(array)) => {
            return match &array.items {
                Some(items) => Type::List(Box::new(lower_element(
                    lowerer,
                    items.into(),
                    owner,
                    &format!("{role} item"),
                    &format!("{pointer}/items"),
                ))),
                None => Type::List(Box::new(Type::Any)),
            };
        }
        SchemaKind::Not { .. } => {
            lowerer.untyped(
                pointer,
                "`not` is not checked; the value is kept as untyped json",
            );
            return Type::Any;
        }
    }
    let is_named_shape = !matches!(shape(lowerer, schema), Shape::Other);
    if is_named_shape {
        let name = lowerer.type_scope.claim(nested_type_name(owner, role));
        lower_named(
            lowerer,
            schema,
            name.clone(),
            pointer,
            &format!("The `{role}` of `{owner}`."),
        );
        let place = Place {
            owner,
            role,
            title: schema.schema_data.title.as_deref(),
        };
        let name = lowerer
            .sharing
            .share(&mut lowerer.types, &mut lowerer.type_scope, name, place);
        let kind = match lowerer.types.get(&name) {
            Some(TypeDef::Enum(_)) => NamedKind::Enum,
            Some(TypeDef::Union(_)) => NamedKind::Union,
            _ => NamedKind::Struct,
        };
        return Type::Named(Named { name, kind });
    }
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(_)) => Type::String,
        SchemaKind::Type(OaType::Object(object)) => map_type(
            lowerer,
            object.additional_properties.as_ref(),
            owner,
            role,
            pointer,
        ),
        SchemaKind::Any(any) => {
            if let Some(items) = &any.items {
                return Type::List(Box::new(lower_element(
                    lowerer,
                    items.into(),
                    owner,
                    &format!("{role} item"),
                    &format!("{pointer}/items"),
                )));
            }
            match any.typ.as_deref() {
                Some("object") => map_type(
                    lowerer,
                    any.additional_properties.as_ref(),
                    owner,
                    role,
                    pointer,
                ),
                Some("string") => Type::String,
                Some("integer") => Type::I64,
                Some("number") => Type::F64,
                Some("boolean") => Type::Boolean,
                _ => Type::Any,
            }
        }
        SchemaKind::OneOf { one_of: branches }
        | SchemaKind::AnyOf { any_of: branches }
        | SchemaKind::AllOf { all_of: branches } => {
            let keyword = match &schema.schema_kind {
                SchemaKind::OneOf { .. } => "oneOf",
                SchemaKind::AnyOf { .. } => "anyOf",
                _ => "allOf",
            };
            let branches = meaningful(lowerer, branches);
            if let [(index, single)] = branches.as_slice() {
                // The branch's own pointer: a type made for it comes from there, not from the
                // wrapper, which may be a component of its own (an alias of that type).
                let branch_pointer = format!("{pointer}/{keyword}/{index}");
                return lower_type(lowerer, *single, owner, role, &branch_pointer);
            }
            if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
                match union_all_of(lowerer, schema, all_of) {
                    Some(UnionAllOf::Union(index, part)) => {
                        let part_pointer = format!("{pointer}/allOf/{index}");
                        return lower_type(lowerer, part, owner, role, &part_pointer);
                    }
                    Some(UnionAllOf::Untypable {
                        union_at,
                        keyword,
                        index,
                        kind,
                    }) => {
                        let branch = format!("{}/{keyword}/{index}", union_at.pointer(pointer));
                        let what = match kind {
                            Some(kind) => format!("is {kind}, not an object"),
                            None => "is not an object".to_owned(),
                        };
                        lowerer.untyped(
                            pointer,
                            format!(
                                "an `allOf` of a union and objects is kept as untyped json: the union's branch `{branch}` {what}, so no branch can be merged with the objects"
                            ),
                        );
                        return Type::Any;
                    }
                    Some(UnionAllOf::Distributed(_)) | None => {}
                }
            }
            if !branches.is_empty() {
                lowerer.untyped(
                    pointer,
                    "an `allOf` whose parts are not all objects is kept as untyped json",
                );
            }
            Type::Any
        }
        _ => Type::Any,
    }
}

fn map_type<'a>(
    lowerer: &mut Lowerer<'a>,
    additional: Option<&'a AdditionalProperties>,
    owner: &str,
    role: &str,
    pointer: &str,
) -> Type {
    match additional {
        Some(AdditionalProperties::Schema(schema)) => {
            let value_pointer = format!("{pointer}/additionalProperties");
            match lower_element(
                lowerer,
                (&**schema).into(),
                owner,
                &format!("{role} value"),
                &value_pointer,
            ) {
                Type::Any => Type::AnyObject,
                value => Type::Map(Box::new(value)),
            }
        }
        _ => Type::AnyObject,
    }
}

/// Lowers a list item or a map value: [`lower_type`], and an `Option` of it when the schema
/// allows `null` and the type does not keep it already, since nothing else would.
fn lower_element<'a>(
    lowerer: &mut Lowerer<'a>,
    schema: SchemaRef<'a>,
    owner: &str,
    role: &str,
    pointer: &str,
) -> Type {
    let ty = lower_type(lowerer, schema, owner, role, pointer);
    if is_nullable(lowerer, schema) {
        or_null(lowerer, ty)
    } else {
        ty
    }
}

/// The type, or an `Option` of it when it does not take `null` itself. Raw JSON, an `Option` and
/// the alias of a nullable component already do, and so do enums and unions: their catch-all
/// keeps a `null` as it arrived and writes it back.
fn or_null(lowerer: &Lowerer<'_>, ty: Type) -> Type {
    match ty {
        Type::Any | Type::Nullable(_) => ty,
        Type::Named(named)
            if matches!(named.kind, NamedKind::Enum | NamedKind::Union)
                || lowerer.null_aliases.contains(&named.name) =>
        {
            Type::Named(named)
        }
        other => Type::Nullable(Box::new(other)),
    }
}

/// The Rust names of the component schemas that are aliases (neither a struct, an enum nor a
/// union) and allow `null`: their alias is an `Option` of the type, since an alias has no other
/// way to keep the `null`. A struct, enum or union component that allows `null` is not one: the
/// places that use it keep the `null` (an optional field, an `Option` item or map value).
pub(crate) fn null_aliases(lowerer: &Lowerer<'_>) -> BTreeSet<String> {
    let Some(schemas) = lowerer.schemas else {
        return BTreeSet::new();
    };
    schemas
        .keys()
        .filter(|key| {
            component_kind(lowerer, key, 0) == NamedKind::Alias
                && is_nullable(lowerer, SchemaRef::Component(key))
        })
        .map(|key| lowerer.names[key.as_str()].clone())
        .collect()
}

/// The kind of a component schema, following aliases.
fn component_kind(lowerer: &Lowerer<'_>, key: &str, depth: usize) -> NamedKind {
    let Some(schema) = lowerer.schemas.and_then(|schemas| schemas.get(key)) else {
        return NamedKind::Alias;
    };
    if depth > 32 {
        return NamedKind::Alias;
    }
    match schema {
        ReferenceOr::Reference { reference } => match lowerer.resolve(reference) {
            Some((target, _)) => component_kind(lowerer, target, depth + 1),
            None => NamedKind::Alias,
        },
        ReferenceOr::Item(schema) => {
            if is_envelope(&lowerer.extensions, schema) {
                return NamedKind::Struct;
            }
            match shape(lowerer, schema) {
                Shape::Struct(..) => NamedKind::Struct,
                Shape::Enum(..) => NamedKind::Enum,
                Shape::Union(_) => NamedKind::Union,
                Shape::Other => NamedKind::Alias,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::TypeDef;

    /// The tags of each variant of the union `name` lowered from the YAML `spec`.
    fn tags(spec: &str, name: &str) -> Vec<(String, Vec<String>)> {
        let spec = crate::spec::parse(spec, "t.yaml", false).expect("parses");
        let lowered = super::super::lower(&spec).expect("lowers");
        let union = lowered.api.types.iter().find_map(|def| match def {
            TypeDef::Union(union) if union.name == name => Some(union),
            _ => None,
        });
        let union = union.unwrap_or_else(|| panic!("no union {name}"));
        union
            .variants
            .iter()
            .map(|variant| (variant.name.clone(), variant.tags.clone()))
            .collect()
    }

    const ITEMS: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Item:
      oneOf:
        - $ref: '#/components/schemas/MessageItem'
        - $ref: '#/components/schemas/Filter'
        - $ref: '#/components/schemas/Note'
        - $ref: '#/components/schemas/Mapped'
      discriminator:
        propertyName: type
        mapping:
          mapped: '#/components/schemas/Mapped'
    MessageItem:
      type: object
      properties:
        type: {type: string, enum: [message]}
    Filter:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [eq, ne]}
    Note:
      type: object
      properties:
        type: {type: string}
    Mapped:
      type: object
      properties:
        type: {type: string, enum: [ignored]}
";

    #[test]
    fn a_branch_without_a_mapping_entry_is_tagged_by_the_values_it_fixes() {
        assert_eq!(
            tags(ITEMS, "Item"),
            [
                ("MessageItem".to_owned(), vec!["message".to_owned()]),
                ("Filter".to_owned(), vec!["eq".to_owned(), "ne".to_owned()]),
                ("Note".to_owned(), vec!["Note".to_owned()]),
                ("Mapped".to_owned(), vec!["mapped".to_owned()]),
            ]
        );
    }

    /// A union whose second branch is a `$ref` with an extension beside it, which 3.1 translates
    /// into `allOf: [$ref]`; `{third}` is replaced by a third branch or nothing.
    const WRAPPED: &str = "
openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Event:
      anyOf:
        - $ref: '#/components/schemas/Started'
        - $ref: '#/components/schemas/Stopped'
          x-skip: [go]
{third}
    Started:
      type: object
      required: [type]
      properties:
        type: {const: started}
    Stopped:
      type: object
      required: [type]
      properties:
        type: {const: stopped}
";

    #[test]
    fn a_branch_that_only_wraps_a_reference_is_named_and_tagged_as_its_target() {
        assert_eq!(
            tags(&WRAPPED.replace("{third}\n", ""), "Event"),
            [
                ("Started".to_owned(), vec!["started".to_owned()]),
                ("Stopped".to_owned(), vec!["stopped".to_owned()]),
            ]
        );
        // A wrapper with a title is named by it and kept; `stopped` is then no branch's own
        // value, so the union is read by fit.
        let titled = "        - $ref: '#/components/schemas/Stopped'\n          title: Halted";
        assert_eq!(
            tags(&WRAPPED.replace("{third}", titled), "Event"),
            [
                ("Started".to_owned(), Vec::new()),
                ("Stopped".to_owned(), Vec::new()),
                ("Halted".to_owned(), Vec::new()),
            ]
        );
    }

    const DISTRIBUTED: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Sent:
      allOf:
        - anyOf:
            - $ref: '#/components/schemas/Ping'
            - type: object
              required: [type]
              properties:
                type: {type: string, enum: [pong]}
        - type: object
          properties:
            lane: {type: string}
    Bare:
      allOf:
        - $ref: '#/components/schemas/Either'
        - {minProperties: 1, description: Says nothing a Rust type keeps.}
    Either:
      oneOf:
        - $ref: '#/components/schemas/Ping'
        - {type: string}
    Ping:
      type: object
      properties:
        type: {type: string, enum: [ping]}
";

    #[test]
    fn a_distributed_union_is_tagged_by_what_its_branches_fix() {
        assert_eq!(
            tags(DISTRIBUTED, "Sent"),
            [
                ("Ping".to_owned(), vec!["ping".to_owned()]),
                ("Pong".to_owned(), vec!["pong".to_owned()]),
            ]
        );
    }

    #[test]
    fn object_parts_that_add_nothing_leave_the_union_as_it_is() {
        let spec = crate::spec::parse(DISTRIBUTED, "t.yaml", false).expect("parses");
        let lowered = super::super::lower(&spec).expect("lowers");
        assert!(lowered.warnings.is_empty(), "{:?}", lowered.warnings);
        let bare = lowered.api.types.iter().find(|def| def.name() == "Bare");
        let Some(TypeDef::Alias(alias)) = bare else {
            panic!("`Bare` is an alias: {bare:?}");
        };
        assert!(
            matches!(&alias.target, crate::ir::Type::Named(named) if named.name == "Either"),
            "{alias:?}"
        );
    }

    #[test]
    fn values_two_branches_both_fix_give_way_to_the_component_keys() {
        let spec = ITEMS.replace("enum: [eq, ne]", "enum: [message, ne]");
        assert_eq!(
            tags(&spec, "Item")[..2],
            [
                ("MessageItem".to_owned(), vec!["MessageItem".to_owned()]),
                ("Filter".to_owned(), vec!["Filter".to_owned()]),
            ]
        );
    }
}
