//! Translates an OpenAPI 3.1 document into the 3.0 shape `openapiv3` and lowering read, noting every loss.
//!
//! The translation works on the raw tree ([`Node`]), before `openapiv3` sees it. What 3.0 can say
//! is rewritten into its 3.0 spelling (`type: [T, "null"]` → `type: T` + `nullable: true`,
//! `const` → a one-value `enum`, numeric `exclusiveMinimum` → `minimum` + flag, `$ref` with
//! siblings → an `allOf` wrapper that keeps them, `$defs` → component schemas, path item
//! references → the path items). What 3.0 cannot say is dropped with a note at its place in the
//! original document, marked with what it costs the generated code. Places the translation moves
//! are remembered ([`Origins`]) so that later diagnostics point into the original too.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use super::node::Node;
use super::scopes::{Scopes, Unresolved, component_root};
use super::{WEBHOOKS_EXTENSION, escape};
use crate::error::{Diagnostic, Loss};

/// The dialect a 3.1 document uses unless it says otherwise.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// Schema keywords that describe a value without constraining it; they stay on an `allOf`
/// wrapper around a `$ref`.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "example",
    "examples",
    "externalDocs",
];

/// A translated document, with its notes and where moved places came from.
#[derive(Debug)]
pub(crate) struct Translation {
    /// The document in the 3.0 shape.
    pub(crate) document: Node,
    /// Every lossy step, each at its place in the original document.
    pub(crate) notes: Vec<Diagnostic>,
    /// Where the places the translation moved came from.
    pub(crate) origins: Origins,
}

/// Maps pointers into a translated document back to the original document.
///
/// Each entry says that the subtree at a pointer of the translated document came from the subtree
/// at a pointer of the original; the longest entry that is a prefix of a pointer applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    moved: BTreeMap<String, String>,
}

impl Origins {
    /// The pointer into the original document of `pointer`, a pointer into the translated one.
    pub fn original(&self, pointer: &str) -> String {
        let mut end = pointer.len();
        loop {
            let prefix = &pointer[..end];
            if let Some(origin) = self.moved.get(prefix) {
                return format!("{origin}{}", &pointer[end..]);
            }
            match prefix.rfind('/') {
                Some(at) => end = at,
                None => return pointer.to_owned(),
            }
        }
    }

    /// Rewrites the pointer of each diagnostic, and each pointer its message quotes
    /// (`` `#/...` ``), to its place in the original document.
    pub fn restore(&self, diagnostics: &mut [Diagnostic]) {
        for diagnostic in diagnostics {
            diagnostic.pointer = self.original(&diagnostic.pointer);
            if diagnostic.message.contains("`#/") {
                diagnostic.message = self.quoted(&diagnostic.message);
            }
        }
    }

    /// The text with each pointer it quotes in backticks turned into the original's.
    fn quoted(&self, text: &str) -> String {
        let pieces: Vec<String> = text
            .split('`')
            .enumerate()
            .map(|(index, piece)| {
                if index % 2 == 1 && piece.starts_with("#/") {
                    self.original(piece)
                } else {
                    piece.to_owned()
                }
            })
            .collect();
        pieces.join("`")
    }

    fn record(&mut self, translated: String, original: &str) {
        if translated != original {
            self.moved.insert(translated, original.to_owned());
        }
    }
}

/// Translates a 3.1 document (its `openapi` already checked) into the 3.0 shape.
pub(crate) fn translate(document: Node) -> Translation {
    let mut translator = Translator::default();
    let document = translator.document(document);
    let mut notes = translator.notes;
    notes.sort();
    notes.dedup();
    Translation {
        document,
        notes,
        origins: translator.origins,
    }
}

/// Resolves the `$recursiveRef`s and `$dynamicRef`s an OpenAPI 3.0 document carries (keywords of
/// later drafts that 3.0 ignores) as the 3.1 translation does: each becomes the `$ref` to the
/// component schema it means wherever it is reached from, or is dropped with a note when no one
/// component is that. Nothing else of the document changes.
pub(crate) fn resolve_dynamic_references(document: Node) -> (Node, Vec<Diagnostic>) {
    let mut translator = Translator::default();
    translator.observe(&document, "#", false);
    let document = translator.resolve_in_place(document, "#", false);
    let mut notes = translator.notes;
    notes.sort();
    notes.dedup();
    (document, notes)
}

/// Whether the value under `key` of an object is data or an extension rather than more of the
/// document (an example, an enum's values, a default), so nothing in it is a keyword.
fn is_data_key(key: &str) -> bool {
    key.starts_with("x-") || matches!(key, "example" | "examples" | "enum" | "const" | "default")
}

/// The state of one translation.
#[derive(Default)]
struct Translator {
    notes: Vec<Diagnostic>,
    origins: Origins,
    /// The original pointer of each `$defs` entry → the reference to its new component.
    defs: BTreeMap<String, String>,
    /// Reusable path items (`#/components/pathItems/...` → the item, untranslated).
    path_items: BTreeMap<String, Node>,
    /// The keys of `components/schemas`, so hoisted `$defs` get names of their own.
    component_names: BTreeSet<String>,
    /// `#name` of each `$anchor` on a component schema or a `$defs` entry → the reference to it.
    anchors: BTreeMap<String, String>,
    /// The schema resources and references, to resolve `$recursiveRef` and `$dynamicRef`.
    scopes: Scopes,
}

impl Translator {
    fn note(&mut self, pointer: String, loss: Loss, message: impl Into<String>) {
        self.notes
            .push(Diagnostic::new(pointer, message).with_loss(loss));
    }

    /// Translates the whole document.
    fn document(&mut self, document: Node) -> Node {
        let Node::Object(mut root) = document else {
            return document;
        };
        root.insert("openapi".to_owned(), Node::String("3.0.3".to_owned()));
        if let Some(dialect) = root.shift_remove("jsonSchemaDialect")
            && dialect.as_str() != Some(DEFAULT_DIALECT)
        {
            self.note(
                "#/jsonSchemaDialect".to_owned(),
                Loss::None,
                "schemas are read as the OpenAPI 3.1 base dialect, whatever `jsonSchemaDialect` names",
            );
        }
        if let Some(info) = root.get_mut("info").and_then(Node::as_object_mut) {
            info.shift_remove("summary");
            if let Some(license) = info.get_mut("license").and_then(Node::as_object_mut)
                && let Some(identifier) = license.shift_remove("identifier")
                && !license.contains_key("name")
            {
                license.insert("name".to_owned(), identifier);
            }
        }
        if let Some(components) = root.get_mut("components").and_then(Node::as_object_mut)
            && let Some(Node::Object(items)) = components.shift_remove("pathItems")
        {
            for (name, item) in items {
                let pointer = format!("#/components/pathItems/{}", escape(&name));
                self.path_items.insert(pointer, item);
            }
        }
        if let Some(schemas) = root
            .get("components")
            .and_then(|components| components.as_object()?.get("schemas")?.as_object())
        {
            self.component_names = schemas.keys().cloned().collect();
        }
        let mut hoisted = Vec::new();
        for (key, value) in &root {
            if !key.starts_with("x-") {
                self.find_defs(value, &format!("#/{}", escape(key)), &mut hoisted);
            }
        }
        let path_items: Vec<(String, Node)> = self
            .path_items
            .iter()
            .map(|(pointer, item)| (pointer.clone(), item.clone()))
            .collect();
        for (pointer, item) in &path_items {
            self.find_defs(item, pointer, &mut hoisted);
        }
        root.entry("paths".to_owned())
            .or_insert_with(|| Node::Object(IndexMap::new()));
        let has_webhooks = root.contains_key("webhooks");
        let mut translated = IndexMap::with_capacity(root.len());
        for (key, value) in root {
            let pointer = format!("#/{}", escape(&key));
            if key == WEBHOOKS_EXTENSION && has_webhooks {
                self.note(
                    pointer,
                    Loss::Skipped,
                    "`x-webhooks` beside 3.1's `webhooks` is not read; the webhooks are",
                );
                continue;
            }
            if key == "webhooks" {
                // 3.0 has no webhooks; lowering reads them where 3.0 documents put them, so
                // they are translated at that place, which maps back to this one.
                let moved = format!("#/{WEBHOOKS_EXTENSION}");
                self.origins.record(moved.clone(), &pointer);
                let value = self.walk(value, &moved, &pointer);
                translated.insert(WEBHOOKS_EXTENSION.to_owned(), value);
                continue;
            }
            let value = if key.starts_with("x-") {
                value
            } else if key == "components" {
                self.components(value)
            } else {
                self.walk(value, &pointer, &pointer)
            };
            translated.insert(key, value);
        }
        if !hoisted.is_empty() {
            let mut schemas = Vec::new();
            for (key, schema, original) in hoisted {
                let pointer = format!("#/components/schemas/{}", escape(&key));
                self.origins.record(pointer.clone(), &original);
                schemas.push((key, self.schema(schema, &pointer, &original)));
            }
            let components = translated
                .entry("components".to_owned())
                .or_insert_with(|| Node::Object(IndexMap::new()));
            if let Some(components) = components.as_object_mut() {
                let section = components
                    .entry("schemas".to_owned())
                    .or_insert_with(|| Node::Object(IndexMap::new()));
                if let Some(section) = section.as_object_mut() {
                    section.extend(schemas);
                }
            }
        }
        Node::Object(translated)
    }

    /// Translates `components`: each schema, and the schemas inside the other sections.
    fn components(&mut self, components: Node) -> Node {
        let Node::Object(sections) = components else {
            return components;
        };
        let mut translated = IndexMap::with_capacity(sections.len());
        for (section, entries) in sections {
            let pointer = format!("#/components/{}", escape(&section));
            let entries = match (section.as_str(), entries) {
                ("schemas", Node::Object(schemas)) => Node::Object(
                    schemas
                        .into_iter()
                        .map(|(name, schema)| {
                            let pointer = format!("{pointer}/{}", escape(&name));
                            let schema = self.schema(schema, &pointer, &pointer);
                            (name, schema)
                        })
                        .collect(),
                ),
                (name, entries) if name.starts_with("x-") || name == "examples" => entries,
                (_, entries) => self.walk(entries, &pointer, &pointer),
            };
            translated.insert(section, entries);
        }
        Node::Object(translated)
    }

    /// Notes every `$defs` entry and decides its component name, so references to it can be
    /// rewritten wherever they are.
    fn find_defs(&mut self, node: &Node, pointer: &str, hoisted: &mut Vec<(String, Node, String)>) {
        match node {
            Node::Object(entries) => {
                self.scopes.observe(entries, pointer);
                if let Some(anchor) = entries.get("$anchor").and_then(Node::as_str) {
                    let target = if component_root(pointer) == Some(pointer) {
                        Some(pointer.to_owned())
                    } else {
                        self.defs.get(pointer).cloned()
                    };
                    if let Some(target) = target {
                        self.anchors.insert(format!("#{anchor}"), target);
                    }
                }
                for (key, value) in entries {
                    if is_data_key(key) {
                        continue;
                    }
                    let inner = format!("{pointer}/{}", escape(key));
                    if key == "$defs"
                        && let Some(defs) = value.as_object()
                    {
                        for (name, schema) in defs {
                            let original = format!("{inner}/{}", escape(name));
                            let key = self.def_name(name, hoisted);
                            self.defs.insert(
                                original.clone(),
                                format!("#/components/schemas/{}", escape(&key)),
                            );
                            hoisted.push((key, schema.clone(), original));
                        }
                    }
                    self.find_defs(value, &inner, hoisted);
                }
            }
            Node::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.find_defs(item, &format!("{pointer}/{index}"), hoisted);
                }
            }
            _ => {}
        }
    }

    /// Notes what every object of a document that is not translated (3.0) says about schema
    /// resources; `$defs` entries stay where they are there, so they are no reference's target.
    /// `names` says that the keys of the object at `pointer` are property names, not keywords.
    fn observe(&mut self, node: &Node, pointer: &str, names: bool) {
        match node {
            Node::Object(entries) => {
                if !names {
                    self.scopes.observe(entries, pointer);
                }
                for (key, value) in entries {
                    if names || !is_data_key(key) {
                        let inner = format!("{pointer}/{}", escape(key));
                        self.observe(value, &inner, !names && key == "properties");
                    }
                }
            }
            Node::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.observe(item, &format!("{pointer}/{index}"), false);
                }
            }
            _ => {}
        }
    }

    /// Resolves the `$recursiveRef`s and `$dynamicRef`s of a document that is not translated
    /// (3.0), in place; `names` says that the keys of the object at `pointer` are property names,
    /// not keywords.
    fn resolve_in_place(&mut self, node: Node, pointer: &str, names: bool) -> Node {
        match node {
            Node::Object(mut entries) => {
                if !names {
                    self.dynamic_reference(&mut entries, pointer);
                }
                Node::Object(
                    entries
                        .into_iter()
                        .map(|(key, value)| {
                            let value = if !names && is_data_key(&key) {
                                value
                            } else {
                                let inner = format!("{pointer}/{}", escape(&key));
                                self.resolve_in_place(value, &inner, !names && key == "properties")
                            };
                            (key, value)
                        })
                        .collect(),
                )
            }
            Node::Array(items) => Node::Array(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| {
                        self.resolve_in_place(item, &format!("{pointer}/{index}"), false)
                    })
                    .collect(),
            ),
            other => other,
        }
    }

    /// A component name for the `$defs` entry `name` that no schema and no other entry has.
    fn def_name(&self, name: &str, hoisted: &[(String, Node, String)]) -> String {
        let taken = |candidate: &str| {
            hoisted.iter().any(|(key, _, _)| key == candidate)
                || self.component_names.contains(candidate)
        };
        if !taken(name) {
            return name.to_owned();
        }
        (2..)
            .map(|suffix| format!("{name}{suffix}"))
            .find(|candidate| !taken(candidate))
            .unwrap_or_default()
    }

    /// Walks OpenAPI objects that are not schemas, translating each schema found under a
    /// `schema` key and inlining path item references. `out` is the place in the translated
    /// document, `original` the place in the original one.
    fn walk(&mut self, node: Node, out: &str, original: &str) -> Node {
        match node {
            Node::Object(mut entries) => {
                if let Some(reference) = entries.get("$ref").and_then(Node::as_str)
                    && let Some(item) = self.path_items.get(reference).cloned()
                {
                    let source = reference.to_owned();
                    entries.shift_remove("$ref");
                    if let Node::Object(item) = item {
                        for (key, value) in item {
                            entries.entry(key).or_insert(value);
                        }
                    }
                    self.origins.record(out.to_owned(), &source);
                    return self.walk(Node::Object(entries), out, &source);
                }
                Node::Object(
                    entries
                        .into_iter()
                        .map(|(key, value)| {
                            let out = format!("{out}/{}", escape(&key));
                            let original = format!("{original}/{}", escape(&key));
                            let value =
                                if key.starts_with("x-") || key == "example" || key == "examples" {
                                    value
                                } else if key == "schema" {
                                    self.schema(value, &out, &original)
                                } else {
                                    self.walk(value, &out, &original)
                                };
                            (key, value)
                        })
                        .collect(),
                )
            }
            Node::Array(items) => Node::Array(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| {
                        self.walk(
                            item,
                            &format!("{out}/{index}"),
                            &format!("{original}/{index}"),
                        )
                    })
                    .collect(),
            ),
            other => other,
        }
    }

    /// Translates one schema.
    fn schema(&mut self, node: Node, out: &str, original: &str) -> Node {
        let mut entries = match node {
            Node::Bool(true) => return Node::Object(IndexMap::new()),
            Node::Bool(false) => {
                let mut never = IndexMap::new();
                never.insert("not".to_owned(), Node::Object(IndexMap::new()));
                return Node::Object(never);
            }
            Node::Object(entries) => entries,
            other => return other,
        };
        entries.shift_remove("$comment");
        entries.shift_remove("$schema");
        entries.shift_remove("$defs");
        entries.shift_remove("$recursiveAnchor");
        if self.is_target(original) {
            entries.shift_remove("$dynamicAnchor");
        }
        self.dynamic_reference(&mut entries, original);
        if entries.contains_key("$ref") {
            return self.reference(entries, out, original);
        }
        self.drop_keywords(&mut entries, original);
        if let Some(value) = entries.shift_remove("const")
            && !entries.contains_key("enum")
        {
            if !entries.contains_key("type") && !matches!(value, Node::Null) {
                entries.insert(
                    "type".to_owned(),
                    Node::String(value.json_type().to_owned()),
                );
            }
            entries.insert("enum".to_owned(), Node::Array(vec![value]));
        }
        if let Some(Node::Array(mut examples)) = entries.shift_remove("examples")
            && !examples.is_empty()
            && !entries.contains_key("example")
        {
            entries.insert("example".to_owned(), examples.swap_remove(0));
        }
        exclusive_bound(
            &mut entries,
            "exclusiveMinimum",
            "minimum",
            |bound, known| bound >= known,
        );
        exclusive_bound(
            &mut entries,
            "exclusiveMaximum",
            "maximum",
            |bound, known| bound <= known,
        );
        self.content(&mut entries, original);
        if let Some(Node::Array(types)) = entries.get("type").cloned() {
            self.types(&mut entries, &types, out, original);
        }
        self.prefix_items(&mut entries, out, original);
        self.subschemas(entries, out, original)
    }

    /// Translates a schema with a `$ref`: alone it stays a reference; with siblings (which 3.1
    /// reads and 3.0 ignores) it becomes an `allOf` wrapper that keeps them.
    fn reference(
        &mut self,
        mut entries: IndexMap<String, Node>,
        out: &str,
        original: &str,
    ) -> Node {
        let target = entries.shift_remove("$ref").unwrap_or(Node::Null);
        let target = match target {
            Node::String(reference) => Node::String(
                self.defs
                    .get(&reference)
                    .or_else(|| self.anchors.get(&reference))
                    .cloned()
                    .unwrap_or(reference),
            ),
            other => other,
        };
        let mut reference = IndexMap::new();
        reference.insert("$ref".to_owned(), target);
        let mut nullable = false;
        match entries.shift_remove("type") {
            Some(Node::Array(types)) => {
                nullable = types.iter().any(|typ| typ.as_str() == Some("null"));
            }
            Some(Node::String(typ)) if typ == "null" => nullable = true,
            _ => {}
        }
        let (annotations, constraints): (IndexMap<String, Node>, IndexMap<String, Node>) = entries
            .into_iter()
            .partition(|(key, _)| key.starts_with("x-") || ANNOTATIONS.contains(&key.as_str()));
        if annotations.is_empty() && constraints.is_empty() && !nullable {
            return Node::Object(reference);
        }
        let mut branches = vec![Node::Object(reference)];
        self.origins.record(format!("{out}/allOf/0"), original);
        if !constraints.is_empty() {
            let branch_out = format!("{out}/allOf/1");
            self.origins.record(branch_out.clone(), original);
            branches.push(self.schema(Node::Object(constraints), &branch_out, original));
        }
        let mut wrapper = IndexMap::new();
        wrapper.insert("allOf".to_owned(), Node::Array(branches));
        if nullable {
            wrapper.insert("nullable".to_owned(), Node::Bool(true));
        }
        for (key, value) in annotations {
            match (key.as_str(), value) {
                ("examples", Node::Array(mut examples)) => {
                    if !examples.is_empty() {
                        wrapper
                            .entry("example".to_owned())
                            .or_insert_with(|| examples.swap_remove(0));
                    }
                }
                (_, value) => {
                    wrapper.insert(key, value);
                }
            }
        }
        Node::Object(wrapper)
    }

    /// Whether the schema at `original` can be named by a 3.0 reference: a component schema or
    /// a `$defs` entry (which becomes one).
    fn is_target(&self, original: &str) -> bool {
        component_root(original) == Some(original) || self.defs.contains_key(original)
    }

    /// The 3.0 reference to the schema at `target` in the original document.
    fn reference_to(&self, target: String) -> Result<String, Unresolved> {
        if component_root(&target) == Some(target.as_str()) {
            return Ok(target);
        }
        self.defs
            .get(&target)
            .cloned()
            .ok_or(Unresolved::Inner(target))
    }

    /// Replaces a `$recursiveRef` or `$dynamicRef` with the `$ref` it means wherever it is
    /// reached from, or drops it with a note when no one schema is that (see [`Scopes`]). Beside
    /// a `$ref` it is left for the `allOf` branch that [`Self::reference`] makes of the siblings.
    fn dynamic_reference(&mut self, entries: &mut IndexMap<String, Node>, original: &str) {
        for keyword in ["$recursiveRef", "$dynamicRef"] {
            if entries.contains_key("$ref") {
                return;
            }
            let Some(value) = entries.shift_remove(keyword) else {
                continue;
            };
            let text = value.as_str().unwrap_or_default();
            let target = match keyword {
                "$recursiveRef" if text == "#" => self
                    .scopes
                    .recursive(original)
                    .and_then(|target| self.reference_to(target)),
                "$recursiveRef" => Err(Unresolved::Unsupported(text.to_owned())),
                _ if text.starts_with("#/") => Ok(text.to_owned()),
                _ => self
                    .scopes
                    .dynamic(text, original)
                    .and_then(|target| self.reference_to(target)),
            };
            match target {
                Ok(target) => {
                    entries.insert("$ref".to_owned(), Node::String(target));
                }
                Err(reason) => self.note(
                    format!("{original}/{}", escape(keyword)),
                    Loss::Untyped,
                    format!(
                        "{}: what it describes is not typed, and values only it describes are \
                         kept as untyped json",
                        unresolved(keyword, text, &reason)
                    ),
                ),
            }
        }
    }

    /// Removes the keywords 3.0 has no place for, noting each with what it costs.
    fn drop_keywords(&mut self, entries: &mut IndexMap<String, Node>, original: &str) {
        const CHECKS: &[&str] = &[
            "propertyNames",
            "contains",
            "minContains",
            "maxContains",
            "dependentRequired",
            "$id",
            "contentSchema",
        ];
        const TYPED_ELSEWHERE: &[&str] = &[
            "if",
            "then",
            "else",
            "dependentSchemas",
            "patternProperties",
        ];
        if let Some(anchor) = entries.get("$anchor").and_then(Node::as_str)
            && self.anchors.contains_key(&format!("#{anchor}"))
        {
            entries.shift_remove("$anchor");
        }
        let keys: Vec<String> = entries.keys().cloned().collect();
        for key in keys {
            let pointer = format!("{original}/{}", escape(&key));
            let message = if key == "$anchor" || key == "$dynamicAnchor" {
                Some((
                    Loss::None,
                    format!(
                        "`{key}` is read only on a component schema or a `$defs` entry: \
                         references to this one are not resolved"
                    ),
                ))
            } else if CHECKS.contains(&key.as_str()) {
                Some((
                    Loss::None,
                    format!("`{key}` has no OpenAPI 3.0 equivalent: it is not checked"),
                ))
            } else if TYPED_ELSEWHERE.contains(&key.as_str()) {
                Some((
                    Loss::Untyped,
                    format!(
                        "`{key}` has no OpenAPI 3.0 equivalent: what it describes is not typed, \
                         and values only it describes are kept as untyped json"
                    ),
                ))
            } else if key == "unevaluatedProperties" || key == "unevaluatedItems" {
                match entries.get(&key) {
                    Some(Node::Bool(_)) => Some((
                        Loss::None,
                        format!("`{key}` has no OpenAPI 3.0 equivalent: it is not checked"),
                    )),
                    _ => Some((
                        Loss::Untyped,
                        format!(
                            "`{key}` has no OpenAPI 3.0 equivalent: values only it describes are \
                             kept as untyped json"
                        ),
                    )),
                }
            } else {
                None
            };
            if let Some((loss, message)) = message {
                entries.shift_remove(&key);
                self.note(pointer, loss, message);
            }
        }
    }

    /// Turns `contentEncoding`/`contentMediaType` on a string into the 3.0 `format`.
    fn content(&mut self, entries: &mut IndexMap<String, Node>, original: &str) {
        let encoding = entries.shift_remove("contentEncoding");
        let media_type = entries.shift_remove("contentMediaType");
        if encoding.is_none() && media_type.is_none() {
            return;
        }
        let format = match (
            encoding.as_ref().and_then(Node::as_str),
            media_type.as_ref().and_then(Node::as_str),
        ) {
            (Some("base64" | "base64url"), _) => Some("byte"),
            (Some(other), _) => {
                self.note(
                    format!("{original}/contentEncoding"),
                    Loss::None,
                    format!("content encoding `{other}` has no OpenAPI 3.0 format: the string is read as it is"),
                );
                None
            }
            (None, Some(media)) if is_text(media) => None,
            (None, Some(_)) => Some("binary"),
            (None, None) => None,
        };
        if let Some(format) = format {
            entries
                .entry("format".to_owned())
                .or_insert_with(|| Node::String(format.to_owned()));
        }
    }

    /// Translates a list of types: one non-null type stays that type (nullable if `null` is
    /// listed), several become a `oneOf` of one schema per type with the keywords that apply to it.
    fn types(
        &mut self,
        entries: &mut IndexMap<String, Node>,
        types: &[Node],
        out: &str,
        original: &str,
    ) {
        let mut names: Vec<&str> = Vec::new();
        for typ in types {
            match typ.as_str() {
                Some(name) if !names.contains(&name) => names.push(name),
                Some(_) => {}
                None => return,
            }
        }
        let nullable = names.contains(&"null");
        names.retain(|name| *name != "null");
        if nullable {
            entries.insert("nullable".to_owned(), Node::Bool(true));
        }
        match names.as_slice() {
            [] => {
                entries.insert("type".to_owned(), Node::String("null".to_owned()));
                entries.shift_remove("nullable");
            }
            [single] => {
                entries.insert("type".to_owned(), Node::String((*single).to_owned()));
            }
            several => {
                entries.shift_remove("type");
                let Some(slot) = ["oneOf", "anyOf"]
                    .into_iter()
                    .find(|slot| !entries.contains_key(*slot))
                else {
                    self.note(
                        format!("{original}/type"),
                        Loss::Untyped,
                        "a list of types beside both `oneOf` and `anyOf` has no OpenAPI 3.0 \
                         spelling: the value is kept as untyped json",
                    );
                    return;
                };
                let enumeration = match entries.shift_remove("enum") {
                    Some(Node::Array(values)) => Some(values),
                    _ => None,
                };
                let mut branches = Vec::new();
                for name in several {
                    let mut branch = IndexMap::new();
                    branch.insert("type".to_owned(), Node::String((*name).to_owned()));
                    let keys: Vec<String> = entries
                        .keys()
                        .filter(|key| applies_to(key, name, entries.get(*key)))
                        .cloned()
                        .collect();
                    for key in &keys {
                        if let Some(value) = entries.get(key) {
                            branch.insert(key.clone(), value.clone());
                        }
                    }
                    if let Some(values) = &enumeration {
                        let values: Vec<Node> = values
                            .iter()
                            .filter(|value| value.is_of_type(name))
                            .cloned()
                            .collect();
                        branch.insert("enum".to_owned(), Node::Array(values));
                    }
                    branches.push(branch);
                }
                for name in several {
                    entries.retain(|key, value| !applies_to(key, name, Some(value)));
                }
                let branches = branches
                    .into_iter()
                    .enumerate()
                    .map(|(index, branch)| {
                        let branch_out = format!("{out}/{slot}/{index}");
                        self.origins.record(branch_out.clone(), original);
                        self.schema(Node::Object(branch), &branch_out, original)
                    })
                    .collect();
                entries.insert(slot.to_owned(), Node::Array(branches));
            }
        }
    }

    /// Turns `prefixItems` whose schemas are all the same into `items`; different ones make the
    /// items untyped, noted.
    fn prefix_items(&mut self, entries: &mut IndexMap<String, Node>, out: &str, original: &str) {
        let Some(prefix) = entries.shift_remove("prefixItems") else {
            return;
        };
        let pointer = format!("{original}/prefixItems");
        let Node::Array(mut prefix) = prefix else {
            self.note(
                pointer,
                Loss::Untyped,
                "`prefixItems` must be a list: the items are kept as untyped json",
            );
            return;
        };
        let rest = entries.get("items").cloned();
        let closed = matches!(rest, None | Some(Node::Bool(false)));
        let same = prefix.windows(2).all(|pair| pair[0] == pair[1])
            && (closed || rest.as_ref() == prefix.first());
        if same && !prefix.is_empty() {
            let first = prefix.swap_remove(0);
            self.origins
                .record(format!("{out}/items"), &format!("{pointer}/0"));
            entries.insert("items".to_owned(), first);
            if !entries.contains_key("maxItems") && matches!(rest, Some(Node::Bool(false))) {
                entries.insert(
                    "maxItems".to_owned(),
                    Node::Number(prefix.len().saturating_add(1).into()),
                );
            }
        } else {
            entries.shift_remove("items");
            self.note(
                pointer,
                Loss::Untyped,
                "`prefixItems` gives positions different schemas, which OpenAPI 3.0 cannot say: \
                 the items are kept as untyped json",
            );
        }
    }

    /// Translates the schemas inside a schema.
    fn subschemas(&mut self, entries: IndexMap<String, Node>, out: &str, original: &str) -> Node {
        Node::Object(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let out = format!("{out}/{}", escape(&key));
                    let original = self
                        .origins
                        .moved
                        .get(&out)
                        .cloned()
                        .unwrap_or_else(|| format!("{original}/{}", escape(&key)));
                    let value = match (key.as_str(), value) {
                        ("properties", Node::Object(properties)) => Node::Object(
                            properties
                                .into_iter()
                                .map(|(name, schema)| {
                                    let out = format!("{out}/{}", escape(&name));
                                    let original = format!("{original}/{}", escape(&name));
                                    let schema = self.schema(schema, &out, &original);
                                    (name, schema)
                                })
                                .collect(),
                        ),
                        ("additionalProperties", Node::Bool(flag)) => Node::Bool(flag),
                        ("items" | "additionalProperties" | "not", schema) => {
                            self.schema(schema, &out, &original)
                        }
                        ("allOf" | "oneOf" | "anyOf", Node::Array(branches)) => Node::Array(
                            branches
                                .into_iter()
                                .enumerate()
                                .map(|(index, branch)| {
                                    let out = format!("{out}/{index}");
                                    let original = format!("{original}/{index}");
                                    self.schema(branch, &out, &original)
                                })
                                .collect(),
                        ),
                        (_, value) => value,
                    };
                    (key, value)
                })
                .collect(),
        )
    }
}

/// Why the `keyword: value` reference has no 3.0 spelling, for its note.
fn unresolved(keyword: &str, value: &str, reason: &Unresolved) -> String {
    match reason {
        Unresolved::Outside => {
            format!("`{keyword}` is outside every component schema, so `#` names no schema")
        }
        Unresolved::Unsupported(_) if keyword == "$recursiveRef" => {
            format!("`{keyword}: {value}` is not read: its value must be `#`")
        }
        Unresolved::Unsupported(_) => format!(
            "`{keyword}: {value}` is not read: only `#name`, `#` and `#/pointer` in this \
             document are"
        ),
        Unresolved::NoAnchor(name) => {
            format!("`{keyword}: {value}` names an anchor no schema carries (`{name}`)")
        }
        Unresolved::Ambiguous(name) => format!(
            "`{keyword}: {value}` names an anchor (`{name}`) that several components carry and \
             this one does not, so which it means depends on the path that reaches it"
        ),
        Unresolved::Overridden(other) => format!(
            "`{keyword}: {value}` means `{other}` when reached through it (it carries the same \
             anchor), a choice OpenAPI 3.0 cannot say"
        ),
        Unresolved::Inner(target) => format!(
            "`{keyword}: {value}` names `{target}`, which is neither a component schema nor a \
             `$defs` entry"
        ),
    }
}

/// Rewrites a numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1) into the bound and the 3.0
/// boolean flag; `stricter(bound, known)` says whether the exclusive bound is the stricter one.
fn exclusive_bound(
    entries: &mut IndexMap<String, Node>,
    exclusive: &str,
    inclusive: &str,
    stricter: fn(f64, f64) -> bool,
) {
    let Some(bound) = entries.get(exclusive).and_then(Node::as_f64) else {
        return;
    };
    let number = entries.shift_remove(exclusive).unwrap_or(Node::Null);
    let known = entries.get(inclusive).and_then(Node::as_f64);
    if known.is_none_or(|known| stricter(bound, known)) {
        entries.insert(inclusive.to_owned(), number);
        entries.insert(exclusive.to_owned(), Node::Bool(true));
    }
}

/// Whether a string whose media type is `media` is text (read as a string) rather than bytes.
fn is_text(media: &str) -> bool {
    let media = media.trim().to_ascii_lowercase();
    media.starts_with("text/") || media.contains("json") || media.contains("xml")
}

/// Whether the keyword `key` constrains values of the JSON type `name` (so it goes to that
/// type's branch when a list of types is split).
fn applies_to(key: &str, name: &str, value: Option<&Node>) -> bool {
    match key {
        "minLength" | "maxLength" | "pattern" | "contentMediaType" | "contentEncoding" => {
            name == "string"
        }
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            name == "number" || name == "integer"
        }
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" => name == "array",
        "properties"
        | "required"
        | "additionalProperties"
        | "minProperties"
        | "maxProperties"
        | "discriminator" => name == "object",
        "format" => match value.and_then(Node::as_str) {
            Some("int32" | "int64" | "uint32" | "uint64") => name == "integer",
            Some("float" | "double") => name == "number",
            Some(_) => name == "string",
            None => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Translates a document given as YAML-ish JSON text; returns it as JSON text and the notes.
    fn run(json: &str) -> (serde_json::Value, Vec<String>, Origins) {
        let node: Node = serde_json::from_str(json).expect("test json");
        let translation = translate(node);
        let text = serde_json::to_string(&translation.document).expect("serializes");
        let notes = translation
            .notes
            .iter()
            .map(|note| format!("{:?} {note}", note.loss))
            .collect();
        (
            serde_json::from_str(&text).expect("json"),
            notes,
            translation.origins,
        )
    }

    /// Translates one component schema `S`; returns it and the notes.
    fn schema(json: &str) -> (serde_json::Value, Vec<String>) {
        let (document, notes, _) = run(&format!(
            r#"{{"openapi":"3.1.0","info":{{"title":"t","version":"1"}},"components":{{"schemas":{{"S":{json}}}}}}}"#
        ));
        (document["components"]["schemas"]["S"].clone(), notes)
    }

    #[test]
    fn a_type_and_null_is_a_nullable_type() {
        let (translated, notes) = schema(r#"{"type":["string","null"],"maxLength":3}"#);
        assert_eq!(
            translated,
            serde_json::json!({"type":"string","maxLength":3,"nullable":true})
        );
        assert!(notes.is_empty(), "{notes:?}");
        let (translated, _) = schema(r#"{"type":["null"]}"#);
        assert_eq!(translated, serde_json::json!({"type":"null"}));
    }

    #[test]
    fn several_types_become_one_branch_each_with_their_keywords() {
        let (translated, notes) = schema(
            r#"{"type":["integer","string","null"],"description":"d","minimum":1,"minLength":2,"format":"int32","enum":[1,"a",null]}"#,
        );
        assert_eq!(
            translated,
            serde_json::json!({
                "description": "d",
                "nullable": true,
                "oneOf": [
                    {"type": "integer", "minimum": 1, "format": "int32", "enum": [1]},
                    {"type": "string", "minLength": 2, "enum": ["a"]}
                ]
            })
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn const_is_a_one_value_enum_and_examples_give_the_example() {
        let (translated, _) = schema(r#"{"const":"on","examples":["on","off"]}"#);
        assert_eq!(
            translated,
            serde_json::json!({"type":"string","enum":["on"],"example":"on"})
        );
    }

    #[test]
    fn numeric_exclusive_bounds_become_bounds_with_flags() {
        let (translated, _) =
            schema(r#"{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":10,"maximum":5}"#);
        assert_eq!(
            translated,
            serde_json::json!({"type":"number","maximum":5,"minimum":0,"exclusiveMinimum":true})
        );
        let (translated, _) = schema(r#"{"type":"number","exclusiveMinimum":true,"minimum":1}"#);
        assert_eq!(
            translated,
            serde_json::json!({"type":"number","exclusiveMinimum":true,"minimum":1})
        );
    }

    #[test]
    fn a_reference_keeps_its_siblings_in_an_all_of_wrapper() {
        let (translated, _) = schema(r##"{"$ref":"#/components/schemas/T"}"##);
        assert_eq!(
            translated,
            serde_json::json!({"$ref":"#/components/schemas/T"})
        );
        let (translated, _) = schema(
            r##"{"$ref":"#/components/schemas/T","description":"d","type":["object","null"],"examples":[1]}"##,
        );
        assert_eq!(
            translated,
            serde_json::json!({
                "allOf": [{"$ref": "#/components/schemas/T"}],
                "nullable": true,
                "description": "d",
                "example": 1
            })
        );
        let (translated, _) = schema(r##"{"$ref":"#/components/schemas/T","required":["a"]}"##);
        assert_eq!(
            translated,
            serde_json::json!({"allOf": [{"$ref": "#/components/schemas/T"}, {"required": ["a"]}]})
        );
    }

    #[test]
    fn prefix_items_are_items_when_all_the_same_and_untyped_otherwise() {
        let (translated, notes) = schema(
            r#"{"type":"array","prefixItems":[{"type":"integer"},{"type":"integer"}],"items":false}"#,
        );
        assert_eq!(
            translated,
            serde_json::json!({"type":"array","items":{"type":"integer"},"maxItems":2})
        );
        assert!(notes.is_empty(), "{notes:?}");
        let (translated, notes) =
            schema(r#"{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}]}"#);
        assert_eq!(translated, serde_json::json!({"type":"array"}));
        assert_eq!(
            notes,
            [
                "Untyped #/components/schemas/S/prefixItems: `prefixItems` gives positions different schemas, which OpenAPI 3.0 cannot say: the items are kept as untyped json"
            ]
        );
    }

    #[test]
    fn content_keywords_become_formats() {
        let (translated, _) = schema(r#"{"type":"string","contentEncoding":"base64"}"#);
        assert_eq!(
            translated,
            serde_json::json!({"type":"string","format":"byte"})
        );
        let (translated, _) = schema(r#"{"type":"string","contentMediaType":"image/png"}"#);
        assert_eq!(
            translated,
            serde_json::json!({"type":"string","format":"binary"})
        );
        let (translated, _) = schema(r#"{"type":"string","contentMediaType":"application/json"}"#);
        assert_eq!(translated, serde_json::json!({"type":"string"}));
    }

    #[test]
    fn keywords_without_a_30_meaning_are_dropped_with_a_note() {
        let (translated, notes) = schema(
            r#"{"type":"object","if":{"required":["a"]},"then":{},"patternProperties":{"^x":{}},"unevaluatedProperties":false,"properties":{"a":{"$anchor":"a"}}}"#,
        );
        assert_eq!(
            translated,
            serde_json::json!({"type":"object","properties":{"a":{}}})
        );
        assert_eq!(
            notes,
            [
                "Untyped #/components/schemas/S/if: `if` has no OpenAPI 3.0 equivalent: what it describes is not typed, and values only it describes are kept as untyped json",
                "Untyped #/components/schemas/S/patternProperties: `patternProperties` has no OpenAPI 3.0 equivalent: what it describes is not typed, and values only it describes are kept as untyped json",
                "None #/components/schemas/S/properties/a/$anchor: `$anchor` is read only on a component schema or a `$defs` entry: references to this one are not resolved",
                "Untyped #/components/schemas/S/then: `then` has no OpenAPI 3.0 equivalent: what it describes is not typed, and values only it describes are kept as untyped json",
                "None #/components/schemas/S/unevaluatedProperties: `unevaluatedProperties` has no OpenAPI 3.0 equivalent: it is not checked",
            ]
        );
    }

    #[test]
    fn top_level_31_fields_are_translated_or_noted() {
        let (document, notes, _) = run(
            r##"{"openapi":"3.1.0","jsonSchemaDialect":"https://json-schema.org/draft/2020-12/schema",
                "info":{"title":"t","version":"1","summary":"s","license":{"identifier":"MIT"}},
                "webhooks":{"newPet":{"post":{"requestBody":{"content":{"application/json":
                    {"schema":{"type":["string","null"]}}}},
                    "responses":{"200":{"description":"ok"}}}}}}"##,
        );
        assert_eq!(
            document,
            serde_json::json!({
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1", "license": {"name": "MIT"}},
                "x-webhooks": {"newPet": {"post": {
                    "requestBody": {"content": {"application/json":
                        {"schema": {"type": "string", "nullable": true}}}},
                    "responses": {"200": {"description": "ok"}}
                }}},
                "paths": {}
            })
        );
        assert_eq!(
            notes,
            [
                "None #/jsonSchemaDialect: schemas are read as the OpenAPI 3.1 base dialect, whatever `jsonSchemaDialect` names",
            ]
        );
    }

    #[test]
    fn webhooks_move_to_x_webhooks_and_their_pointers_map_back() {
        let (document, notes, origins) = run(
            r##"{"openapi":"3.1.0","info":{"title":"t","version":"1"},
                "x-webhooks":{"old":{}},
                "webhooks":{"direct":{"post":{"responses":{"200":{"description":"ok"}}}},
                            "shared":{"$ref":"#/components/pathItems/Shared"}},
                "components":{"pathItems":{"Shared":{"post":{"responses":{"200":{"description":"ok"}}}}}}}"##,
        );
        assert_eq!(
            document["x-webhooks"]["shared"]["post"]["responses"]["200"]["description"], "ok",
            "a referenced path item is inlined"
        );
        assert!(
            document["x-webhooks"].get("old").is_none(),
            "the 3.1 webhooks win"
        );
        assert_eq!(
            notes,
            [
                "Skipped #/x-webhooks: `x-webhooks` beside 3.1's `webhooks` is not read; the webhooks are"
            ]
        );
        assert_eq!(
            origins.original("#/x-webhooks/direct/post"),
            "#/webhooks/direct/post"
        );
        assert_eq!(
            origins.original("#/x-webhooks/shared/post"),
            "#/components/pathItems/Shared/post"
        );
    }

    #[test]
    fn defs_become_components_anchors_resolve_and_path_items_are_inlined() {
        let (document, notes, origins) = run(
            r##"{"openapi":"3.1.0","info":{"title":"t","version":"1"},
                "paths":{"/a":{"$ref":"#/components/pathItems/A"}},
                "components":{
                  "pathItems":{"A":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":["string","integer"]}}}},
                    "201":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/pathItems/A/get/responses/201/content/application~1json/schema/$defs/E","$defs":{"E":{"type":"boolean"}}}}}}}}}},
                  "schemas":{"S":{"type":"object","properties":{"d":{"$ref":"#/components/schemas/S/$defs/D"},"e":{"$ref":"#dee"},"f":{"$ref":"#top"}},"$anchor":"top","$defs":{"D":{"type":"string","$anchor":"dee"},"S":{"type":"integer"}}}}}}"##,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            document["components"]["schemas"],
            serde_json::json!({
                "S": {"type": "object", "properties": {
                    "d": {"$ref": "#/components/schemas/D"},
                    "e": {"$ref": "#/components/schemas/D"},
                    "f": {"$ref": "#/components/schemas/S"}
                }},
                "D": {"type": "string"},
                "S2": {"type": "integer"},
                "E": {"type": "boolean"}
            })
        );
        assert_eq!(
            document["paths"]["/a"]["get"]["responses"]["201"]["content"]["application/json"]["schema"],
            serde_json::json!({"$ref": "#/components/schemas/E"})
        );
        assert!(document["components"].get("pathItems").is_none());
        let schema = &document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"];
        assert_eq!(
            schema,
            &serde_json::json!({"oneOf": [{"type": "string"}, {"type": "integer"}]})
        );
        assert_eq!(
            origins
                .original("#/paths/~1a/get/responses/200/content/application~1json/schema/oneOf/1"),
            "#/components/pathItems/A/get/responses/200/content/application~1json/schema"
        );
        assert_eq!(
            origins.original("#/components/schemas/S2"),
            "#/components/schemas/S/$defs/S"
        );
    }

    #[test]
    fn pointers_a_message_quotes_are_restored_with_its_own() {
        let mut origins = Origins::default();
        origins.record(
            "#/components/schemas/S2".to_owned(),
            "#/components/schemas/S/$defs/S",
        );
        let mut diagnostics = vec![Diagnostic::new(
            "#/components/schemas/S2",
            "the branch `#/components/schemas/S2/allOf/0/oneOf/1` is a string, not `S2`",
        )];
        origins.restore(&mut diagnostics);
        assert_eq!(diagnostics[0].pointer, "#/components/schemas/S/$defs/S");
        assert_eq!(
            diagnostics[0].message,
            "the branch `#/components/schemas/S/$defs/S/allOf/0/oneOf/1` is a string, not `S2`"
        );
    }

    #[test]
    fn recursive_and_dynamic_references_become_references_to_their_schema() {
        let (document, notes, _) = run(r##"{"openapi":"3.1.0","info":{"title":"t","version":"1"},
                "paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$dynamicRef":"#node"}}}}}}}},
                "components":{"schemas":{
                  "Filter":{"$recursiveAnchor":true,"type":"object","properties":{"filters":{"type":"array","items":{"oneOf":[{"$ref":"#/components/schemas/Leaf"},{"$recursiveRef":"#"}]}}}},
                  "Leaf":{"type":"object","properties":{"key":{"type":"string"}}},
                  "Node":{"$dynamicAnchor":"node","type":"object","properties":{
                    "next":{"$dynamicRef":"#node","description":"d"},
                    "kid":{"$dynamicRef":"#kid"},
                    "root":{"$dynamicRef":"#/components/schemas/Node/$defs/Kid"}},
                    "$defs":{"Kid":{"$dynamicAnchor":"kid","type":"string"}}}}}}"##);
        assert!(notes.is_empty(), "{notes:?}");
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["Filter"]["properties"]["filters"]["items"]["oneOf"],
            serde_json::json!([
                {"$ref": "#/components/schemas/Leaf"},
                {"$ref": "#/components/schemas/Filter"}
            ])
        );
        assert_eq!(schemas["Filter"].get("$recursiveAnchor"), None);
        assert_eq!(
            schemas["Node"],
            serde_json::json!({"type": "object", "properties": {
                "next": {"allOf": [{"$ref": "#/components/schemas/Node"}], "description": "d"},
                "kid": {"$ref": "#/components/schemas/Kid"},
                "root": {"$ref": "#/components/schemas/Kid"}
            }})
        );
        assert_eq!(schemas["Kid"], serde_json::json!({"type": "string"}));
        assert_eq!(
            document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
            serde_json::json!({"$ref": "#/components/schemas/Node"}),
            "the one component that carries the anchor"
        );
    }

    #[test]
    fn recursive_and_dynamic_references_without_one_target_stay_untyped() {
        let (document, notes, _) = run(r##"{"openapi":"3.1.0","info":{"title":"t","version":"1"},
                "paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$recursiveRef":"#"}}}}}}}},
                "components":{"schemas":{
                  "Tree":{"$recursiveAnchor":true,"type":"object","properties":{"kids":{"type":"array","items":{"$recursiveRef":"#"}}}},
                  "LabelledTree":{"$recursiveAnchor":true,"allOf":[{"$ref":"#/components/schemas/Tree"},{"properties":{"label":{"type":"string"}}}]},
                  "Dog":{"type":"object","properties":{
                    "owner":{"$dynamicRef":"#person"},
                    "collar":{"type":"object","$dynamicAnchor":"collar","properties":{"spare":{"$dynamicRef":"#collar"}}}}}}}}"##);
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["Tree"]["properties"]["kids"],
            serde_json::json!({"type": "array", "items": {}})
        );
        assert_eq!(
            schemas["Dog"]["properties"]["collar"],
            serde_json::json!({"type": "object", "properties": {"spare": {}}})
        );
        assert_eq!(
            notes,
            [
                "None #/components/schemas/Dog/properties/collar/$dynamicAnchor: `$dynamicAnchor` is read only on a component schema or a `$defs` entry: references to this one are not resolved",
                "Untyped #/components/schemas/Dog/properties/collar/properties/spare/$dynamicRef: `$dynamicRef: #collar` names `#/components/schemas/Dog/properties/collar`, which is neither a component schema nor a `$defs` entry: what it describes is not typed, and values only it describes are kept as untyped json",
                "Untyped #/components/schemas/Dog/properties/owner/$dynamicRef: `$dynamicRef: #person` names an anchor no schema carries (`person`): what it describes is not typed, and values only it describes are kept as untyped json",
                "Untyped #/components/schemas/Tree/properties/kids/items/$recursiveRef: `$recursiveRef: #` means `#/components/schemas/LabelledTree` when reached through it (it carries the same anchor), a choice OpenAPI 3.0 cannot say: what it describes is not typed, and values only it describes are kept as untyped json",
                "Untyped #/paths/~1a/get/responses/200/content/application~1json/schema/$recursiveRef: `$recursiveRef` is outside every component schema, so `#` names no schema: what it describes is not typed, and values only it describes are kept as untyped json",
            ]
        );
    }

    #[test]
    fn extensions_and_examples_are_left_alone() {
        let (document, _, _) = run(
            r#"{"openapi":"3.1.0","info":{"title":"t","version":"1"},"x-meta":{"schema":{"type":["a","b"]}},
                "paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"example":{"schema":{"const":1}}}}}}}}}}"#,
        );
        assert_eq!(
            document["x-meta"],
            serde_json::json!({"schema":{"type":["a","b"]}})
        );
        assert_eq!(
            document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["example"],
            serde_json::json!({"schema":{"const":1}})
        );
    }

    #[test]
    fn boolean_schemas_are_any_or_nothing() {
        let (translated, _) = schema(
            r#"{"type":"object","properties":{"a":true,"b":false},"additionalProperties":false}"#,
        );
        assert_eq!(
            translated,
            serde_json::json!({"type":"object","properties":{"a":{},"b":{"not":{}}},"additionalProperties":false})
        );
    }
}
