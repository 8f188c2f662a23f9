//! Lowers an `openapiv3` document into the IR: resolves references, decides names, classifies.
//!
//! Lowering collects every problem it finds before failing, so one run reports them all, each
//! with a JSON pointer into the spec. Constructs it cannot type precisely are kept as
//! `serde_json::Value` (nothing is lost) and reported as warnings.

mod inbound;
mod operation;
mod schema;
mod security;
mod share;

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::error::{Diagnostic, Error, Result};
use crate::ir::{
    Api, Body, BodyContent, Envelope, NamedKind, Operation, PartKind, Server, ServerChoice,
    ServerVariable, Type, TypeDef,
};
use crate::names::Scope;
use crate::spec::Spec;

/// The result of lowering: the IR and the warnings about constructs kept loosely typed.
#[derive(Debug, Clone)]
pub struct Lowered {
    /// The API, ready to emit.
    pub api: Api,
    /// Constructs that were kept as untyped JSON, each with where it is.
    pub warnings: Vec<Diagnostic>,
}

/// The names of the extensions lowering honours, each a list of accepted spellings in order of
/// preference: the first one a schema or parameter has is read.
///
/// The defaults read this toolkit's own extensions and the spellings other generators use for the
/// same idea (`x-enumNames` from NSwag beside `x-enum-varnames` from openapi-generator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extensions {
    /// Rust names of enum values, a list parallel to `enum`.
    pub enum_names: Vec<String>,
    /// Descriptions of enum values, a list parallel to `enum`.
    pub enum_descriptions: Vec<String>,
    /// Integer positions of enum values (their numbers in the service), parallel to `enum`.
    pub enum_positions: Vec<String>,
    /// A map from enum wire value to the spelling the documents use.
    pub enum_documented_as: Vec<String>,
    /// The spelling the documents use for a schema.
    pub documented_as: Vec<String>,
    /// A parameter's client setting: the client supplies it, not each call.
    pub client_setting: Vec<String>,
    /// A schema that is one instance of a generic envelope (`name`, `parameter`, `item`).
    pub envelope: Vec<String>,
}

impl Default for Extensions {
    fn default() -> Self {
        let names = |list: &[&str]| list.iter().map(|name| (*name).to_owned()).collect();
        Self {
            enum_names: names(&["x-enum-varnames", "x-enumNames"]),
            enum_descriptions: names(&["x-enum-descriptions", "x-enumDescriptions"]),
            enum_positions: names(&["x-enum-positions"]),
            enum_documented_as: names(&["x-enum-documented-as"]),
            documented_as: names(&["x-documented-as"]),
            client_setting: names(&["x-client-setting"]),
            envelope: names(&["x-envelope"]),
        }
    }
}

impl Extensions {
    /// The first of `names` that `extensions` has, with its value.
    pub(crate) fn find<'v>(
        names: &[String],
        extensions: &'v IndexMap<String, serde_json::Value>,
    ) -> Option<(String, &'v serde_json::Value)> {
        names
            .iter()
            .find_map(|name| Some((name.clone(), extensions.get(name)?)))
    }
}

/// Lowers a parsed spec into the IR with the default extension names, or fails with every
/// problem found.
pub fn lower(spec: &Spec) -> Result<Lowered> {
    lower_with(spec, &Extensions::default())
}

/// Lowers a parsed spec into the IR, reading the extensions `extensions` names, or fails with
/// every problem found.
pub fn lower_with(spec: &Spec, extensions: &Extensions) -> Result<Lowered> {
    let doc = &spec.document;
    let webhooks = inbound::read_webhooks(doc);
    let mut lowerer = Lowerer::new(doc, extensions.clone());
    lowerer.name_components();
    lowerer.null_aliases = schema::null_aliases(&lowerer);
    lowerer.lower_components();
    let mut operations = operation::lower_operations(&mut lowerer, doc);
    if let Some(webhooks) = &webhooks {
        inbound::lower_webhooks(&mut lowerer, webhooks);
    }
    let sharing = std::mem::take(&mut lowerer.sharing);
    sharing.finish(&mut lowerer.types, &mut operations, &mut lowerer.type_scope);
    operation::name_builders(&lowerer.type_scope, &mut operations);
    let security_schemes = security::lower_schemes(&mut lowerer, doc);
    let servers = lower_servers(&mut lowerer, &doc.servers);
    lowerer.finish_envelopes();
    if !lowerer.errors.is_empty() {
        let mut errors = lowerer.errors;
        errors.sort();
        errors.dedup();
        return Err(Error::Invalid {
            origin: spec.origin.clone(),
            diagnostics: errors,
        });
    }
    let mut types: Vec<TypeDef> = lowerer.types.into_values().collect();
    unwrap_null_aliases(&mut types, &mut operations, &lowerer.null_aliases);
    box_cycles(&mut types);
    mark_defaults(&mut types);
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    mark_paged_operations(&mut operations, &types);
    let mut warnings = lowerer.warnings;
    warnings.sort();
    warnings.dedup();
    Ok(Lowered {
        api: Api {
            title: doc.info.title.clone(),
            version: doc.info.version.clone(),
            types,
            operations,
            servers,
            security_schemes,
        },
        warnings,
    })
}

/// A schema or a reference to one, whichever way `openapiv3` boxed it.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    /// A `$ref` string.
    Ref(&'a str),
    /// A schema written in place.
    Inline(&'a Schema),
    /// A component schema, by key (found by a search, not named by a `$ref`).
    Component(&'a str),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

/// A generic envelope being assembled from the schemas that declare it.
pub(crate) struct EnvelopeDraft {
    pub(crate) envelope: Envelope,
    /// The schema whose fields the others are compared with.
    pub(crate) first: String,
}

/// Lowering state shared by schema and operation lowering.
pub(crate) struct Lowerer<'a> {
    pub(crate) doc: &'a OpenAPI,
    pub(crate) schemas: Option<&'a IndexMap<String, ReferenceOr<Schema>>>,
    /// Component schema key → Rust type name.
    pub(crate) names: BTreeMap<&'a str, String>,
    /// Envelope name → Rust name of the generic type.
    pub(crate) envelope_names: BTreeMap<String, String>,
    pub(crate) type_scope: Scope,
    pub(crate) types: BTreeMap<String, TypeDef>,
    /// Inline types made so far, so that identical ones are made once.
    pub(crate) sharing: share::Sharing,
    pub(crate) envelopes: BTreeMap<String, EnvelopeDraft>,
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) extensions: Extensions,
    /// The Rust names of the nullable component aliases, whose alias is an `Option` (see
    /// [`schema::null_aliases`]).
    pub(crate) null_aliases: BTreeSet<String>,
}

impl<'a> Lowerer<'a> {
    fn new(doc: &'a OpenAPI, extensions: Extensions) -> Self {
        Self {
            doc,
            schemas: doc
                .components
                .as_ref()
                .map(|components| &components.schemas),
            names: BTreeMap::new(),
            envelope_names: BTreeMap::new(),
            type_scope: Scope::default(),
            types: BTreeMap::new(),
            sharing: share::Sharing::default(),
            envelopes: BTreeMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            extensions,
            null_aliases: BTreeSet::new(),
        }
    }

    pub(crate) fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.errors.push(Diagnostic::new(pointer, message));
    }

    pub(crate) fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Diagnostic::new(pointer, message));
    }

    /// Reports a value the spec types that is kept as raw JSON.
    pub(crate) fn untyped(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::new(pointer, message).with_loss(crate::error::Loss::Untyped));
    }

    /// Reports a part of the spec that is not generated.
    pub(crate) fn skipped(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::new(pointer, message).with_loss(crate::error::Loss::Skipped));
    }

    /// Decides the Rust name of every component schema and envelope, in key order.
    fn name_components(&mut self) {
        let Some(schemas) = self.schemas else { return };
        let keys: BTreeSet<&'a str> = schemas.keys().map(String::as_str).collect();
        let mut envelope_names = BTreeSet::new();
        for key in &keys {
            if let Some(ReferenceOr::Item(schema)) = schemas.get(*key)
                && let Some(name) = schema::envelope_name(&self.extensions, schema)
            {
                envelope_names.insert(name.to_owned());
            }
        }
        for name in envelope_names {
            let rust = self.type_scope.claim(crate::names::type_name(&name));
            self.envelope_names.insert(name, rust);
        }
        for key in keys {
            let rust = self.type_scope.claim(crate::names::type_name(key));
            self.names.insert(key, rust);
        }
    }

    fn lower_components(&mut self) {
        let Some(schemas) = self.schemas else { return };
        let mut keys: Vec<&'a String> = schemas.keys().collect();
        keys.sort();
        for key in keys {
            schema::lower_component(self, key, &schemas[key]);
        }
    }

    /// Turns every envelope draft into a type.
    fn finish_envelopes(&mut self) {
        for (_, draft) in std::mem::take(&mut self.envelopes) {
            let mut envelope = draft.envelope;
            envelope.instances.sort_by(|a, b| a.alias.cmp(&b.alias));
            let names: Vec<String> = envelope
                .instances
                .iter()
                .map(|instance| format!("`{}`", instance.alias))
                .collect();
            envelope.docs = vec![format!(
                "One generic shape shared by {} that differ only in the type of their items.",
                names.join(", ")
            )];
            self.types
                .insert(envelope.name.clone(), TypeDef::Envelope(envelope));
        }
    }

    /// Finds the component schema a `$ref` names, with its key.
    pub(crate) fn resolve(&self, reference: &str) -> Option<(&'a str, &'a ReferenceOr<Schema>)> {
        let key = reference.strip_prefix("#/components/schemas/")?;
        let key = key.replace("~1", "/").replace("~0", "~");
        let (key, schema) = self.schemas?.get_key_value(key.as_str())?;
        Some((key.as_str(), schema))
    }

    /// The key of the component schema a reference names.
    pub(crate) fn component_key(&self, schema: SchemaRef<'a>) -> Option<&'a str> {
        match schema {
            SchemaRef::Ref(reference) => self.resolve(reference).map(|(key, _)| key),
            SchemaRef::Component(key) => self
                .schemas?
                .get_key_value(key)
                .map(|(key, _)| key.as_str()),
            SchemaRef::Inline(_) => None,
        }
    }

    /// Follows references until an inline schema; `None` when a reference dangles or loops.
    pub(crate) fn deref(&self, schema: SchemaRef<'a>) -> Option<&'a Schema> {
        let mut current = schema;
        for _ in 0..32 {
            match current {
                SchemaRef::Inline(schema) => return Some(schema),
                SchemaRef::Ref(reference) => current = self.resolve(reference)?.1.into(),
                SchemaRef::Component(key) => current = self.schemas?.get(key)?.into(),
            }
        }
        None
    }
}

/// Marks the operations whose success body is an envelope instance, with the item type.
fn mark_paged_operations(operations: &mut [crate::ir::Operation], types: &[TypeDef]) {
    let instances: BTreeMap<&str, &Type> = types
        .iter()
        .filter_map(|def| match def {
            TypeDef::Envelope(envelope) => Some(envelope),
            _ => None,
        })
        .filter(|envelope| {
            envelope.fields.iter().any(
                |field| matches!(&field.ty, Type::List(item) if matches!(**item, Type::Param(_))),
            )
        })
        .flat_map(|envelope| {
            envelope
                .instances
                .iter()
                .map(|instance| (instance.alias.as_str(), &instance.item))
        })
        .collect();
    for operation in operations {
        if let Some(Type::Named(named)) = operation
            .success
            .as_ref()
            .and_then(|success| success.ty.as_ref())
        {
            operation.paged_item = instances
                .get(named.name.as_str())
                .map(|item| (*item).clone());
        }
    }
}

/// Types each optional field that holds a nullable component's alias (an `Option`) as what the
/// alias holds: the field's own `Option` keeps the `null` (and whether it was absent), so an
/// `Option<Option<T>>` would say nothing more. Parameters and optional multipart parts likewise:
/// the builder's `Option` says whether one is sent, and a URL or a part has no `null` to keep.
fn unwrap_null_aliases(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    null_aliases: &BTreeSet<String>,
) {
    let targets: BTreeMap<String, Type> = types
        .iter()
        .filter_map(|def| match def {
            TypeDef::Alias(alias) if null_aliases.contains(&alias.name) => {
                Some((alias.name.clone(), alias.target.clone()))
            }
            _ => None,
        })
        .collect();
    let unwrap = |ty: &mut Type| {
        let mut current = ty.clone();
        for _ in 0..32 {
            match current {
                Type::Named(named) => match targets.get(&named.name) {
                    Some(target) => current = target.clone(),
                    None => return,
                },
                Type::Nullable(inner) => {
                    *ty = *inner;
                    return;
                }
                _ => return,
            }
        }
    };
    for def in types.iter_mut() {
        let fields = match def {
            TypeDef::Struct(def) => &mut def.fields,
            TypeDef::Envelope(def) => &mut def.fields,
            _ => continue,
        };
        for field in fields.iter_mut().filter(|field| !field.required) {
            unwrap(&mut field.ty);
        }
    }
    for operation in operations.iter_mut() {
        for param in &mut operation.params {
            unwrap(&mut param.ty);
        }
        if let Some(Body {
            content: BodyContent::Multipart { parts, .. },
            ..
        }) = &mut operation.body
        {
            for part in parts.iter_mut().filter(|part| !part.required) {
                if let PartKind::Value(ty) = &mut part.kind {
                    unwrap(ty);
                }
            }
        }
    }
}

/// Boxes struct fields that close a cycle of direct (non-list, non-map) struct references.
fn box_cycles(types: &mut [TypeDef]) {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let aliases: BTreeMap<String, Type> = types
        .iter()
        .filter_map(|def| match def {
            TypeDef::Alias(alias) => Some((alias.name.clone(), alias.target.clone())),
            _ => None,
        })
        .collect();
    let direct = |ty: &Type| -> Option<String> {
        let mut ty = ty.clone();
        for _ in 0..32 {
            match ty {
                Type::Named(named) if named.kind == NamedKind::Struct => {
                    match aliases.get(&named.name) {
                        Some(target) => ty = target.clone(),
                        None => return Some(named.name),
                    }
                }
                // A nullable component's alias holds its value in place too.
                Type::Named(named) if named.kind == NamedKind::Alias => {
                    ty = aliases.get(&named.name)?.clone();
                }
                Type::Nullable(inner) => ty = *inner,
                _ => return None,
            }
        }
        None
    };
    for def in types.iter() {
        if let TypeDef::Struct(def) = def {
            let targets = def
                .fields
                .iter()
                .filter_map(|field| direct(&field.ty))
                .collect();
            edges.insert(def.name.clone(), targets);
        }
    }
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node.clone())
                && let Some(next) = edges.get(&node)
            {
                stack.extend(next.iter().cloned());
            }
        }
        false
    };
    for def in types.iter_mut() {
        if let TypeDef::Struct(def) = def {
            for field in &mut def.fields {
                if let Some(target) = direct(&field.ty) {
                    field.boxed = reaches(&target, &def.name);
                }
            }
        }
    }
}

/// Decides which structs can derive `Default`: those whose required fields all have defaults.
fn mark_defaults(types: &mut [TypeDef]) {
    let mut defaults: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = defaults.len();
        for def in types.iter() {
            let (name, fields) = match def {
                TypeDef::Struct(def) => (&def.name, &def.fields),
                TypeDef::Envelope(def) => (&def.name, &def.fields),
                TypeDef::Alias(alias) => {
                    if type_has_default(&alias.target, &defaults) {
                        defaults.insert(alias.name.clone());
                    }
                    continue;
                }
                _ => continue,
            };
            let envelope_aliases: Vec<&String> = match def {
                TypeDef::Envelope(def) => def
                    .instances
                    .iter()
                    .map(|instance| &instance.alias)
                    .collect(),
                _ => Vec::new(),
            };
            if fields
                .iter()
                .all(|field| !field.required || type_has_default(&field.ty, &defaults))
            {
                defaults.insert(name.clone());
                defaults.extend(envelope_aliases.into_iter().cloned());
            }
        }
        if defaults.len() == before {
            break;
        }
    }
    for def in types.iter_mut() {
        match def {
            TypeDef::Struct(def) => def.has_default = defaults.contains(&def.name),
            TypeDef::Envelope(def) => def.has_default = defaults.contains(&def.name),
            _ => {}
        }
    }
}

fn type_has_default(ty: &Type, defaults: &BTreeSet<String>) -> bool {
    match ty {
        Type::String
        | Type::Boolean
        | Type::I32
        | Type::I64
        | Type::U32
        | Type::U64
        | Type::F64
        | Type::Any
        | Type::AnyObject
        | Type::List(_)
        | Type::Map(_)
        | Type::Nullable(_) => true,
        Type::Named(named) => defaults.contains(&named.name),
        Type::Param(_) => true,
    }
}

/// The server entries, each named for the type that fills its variables, the variables in the
/// spec's order.
fn lower_servers(lowerer: &mut Lowerer<'_>, servers: &[openapiv3::Server]) -> Vec<Server> {
    let mut types = Scope::default();
    let mut choices: Vec<(String, ServerChoice)> = Vec::new();
    let mut lowered = Vec::new();
    for (index, server) in servers.iter().enumerate() {
        let docs: Vec<String> = doc_lines(server.description.as_deref(), String::new)
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect();
        let name = types.claim(server_name(server.description.as_deref(), index));
        let mut fields = Scope::default();
        let mut variables = Vec::new();
        for (key, variable) in server.variables.iter().flatten() {
            let pointer = format!("#/servers/{index}/variables/{}", crate::spec::escape(key));
            let listed = !variable.enumeration.is_empty();
            let default_listed = variable.enumeration.contains(&variable.default);
            if listed && !default_listed {
                lowerer.warn(
                    &pointer,
                    format!(
                        "the default `{}` is not one of its values; the variable is taken as free text",
                        variable.default
                    ),
                );
            }
            let choice = (listed && default_listed)
                .then(|| server_choice(&mut types, &mut choices, key, variable));
            variables.push(ServerVariable {
                name: key.clone(),
                field: fields.claim(crate::names::snake_name(key)),
                default: variable.default.clone(),
                values: variable.enumeration.clone(),
                choice,
            });
        }
        lowered.push(Server {
            name,
            url: server.url.clone(),
            docs,
            variables,
        });
    }
    lowered
}

/// The Rust name of a server: its description when that is a short name such as `Production
/// server`, else `Server` and its position.
fn server_name(description: Option<&str>, index: usize) -> String {
    let words: Vec<&str> = description
        .unwrap_or_default()
        .split_whitespace()
        .filter(|word| !word.eq_ignore_ascii_case("server"))
        .collect();
    let short = !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|word| word.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if short {
        crate::names::type_name(&words.join(" "))
    } else {
        format!("Server{}", index + 1)
    }
}

/// The enum of a listed variable's values: an existing one with the same values, or a new one
/// named after the variable.
fn server_choice(
    types: &mut Scope,
    choices: &mut Vec<(String, ServerChoice)>,
    key: &str,
    variable: &openapiv3::ServerVariable,
) -> ServerChoice {
    let mut variants = Scope::default();
    let values: Vec<(String, String)> = variable
        .enumeration
        .iter()
        .map(|value| {
            (
                variants.claim(crate::names::variant_name(value)),
                value.clone(),
            )
        })
        .collect();
    let default = values
        .iter()
        .find(|(_, value)| *value == variable.default)
        .map(|(name, _)| name.clone())
        .unwrap_or_default();
    let base = crate::names::type_name(key);
    let shared = choices
        .iter()
        .find(|(variable, choice)| variable == key && choice.variants == values);
    let name = match shared {
        Some((_, choice)) => choice.name.clone(),
        None => types.claim(base),
    };
    let choice = ServerChoice {
        name,
        variants: values,
        default,
    };
    if shared.is_none() {
        choices.push((key.to_owned(), choice.clone()));
    }
    choice
}

/// Splits a description into doc lines; falls back to `fallback` when there is none.
pub(crate) fn doc_lines(
    description: Option<&str>,
    fallback: impl FnOnce() -> String,
) -> Vec<String> {
    let lines: Vec<String> = description
        .unwrap_or_default()
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect();
    let start = lines.iter().position(|line| !line.is_empty());
    let end = lines.iter().rposition(|line| !line.is_empty());
    match (start, end) {
        (Some(start), Some(end)) => lines[start..=end].to_vec(),
        _ => vec![fallback()],
    }
}
