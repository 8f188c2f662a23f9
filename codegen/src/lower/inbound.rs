//! Lowers the requests the service sends to you (webhooks, an operation's callbacks) into the
//! types of their payloads: one union of the payloads per set, so that a handler decodes a body
//! into it.

use indexmap::IndexMap;
use openapiv3::{Callback, PathItem, ReferenceOr};

use super::operation::json_media;
use super::schema::{inferred_tags, lower_type, other_name};
use super::{Lowerer, SchemaRef, doc_lines};
use crate::ir::{Alias, NamedKind, Type, TypeDef, Union, UnionVariant};
use crate::names::{Scope, nested_type_name, type_name};
use crate::spec::escape;

/// The extension a 3.0 document (and a 3.1 document, once translated) lists its webhooks under.
pub(crate) const WEBHOOKS_EXTENSION: &str = "x-webhooks";

/// One request the service sends: the name it goes by, its docs, and where its payload schema is.
struct Inbound<'a> {
    variant: String,
    docs: Vec<String>,
    owner: String,
    pointer: String,
    schema: SchemaRef<'a>,
}

/// Lowers the document's webhooks (`webhooks` of 3.1, `x-webhooks` of 3.0) into the `Webhook`
/// union of their payloads.
pub(crate) fn lower_webhooks<'a>(
    lowerer: &mut Lowerer<'a>,
    webhooks: &'a IndexMap<String, ReferenceOr<PathItem>>,
) {
    let base = format!("#/{WEBHOOKS_EXTENSION}");
    let mut entries = Vec::new();
    let mut variants = Scope::default();
    for (key, item) in webhooks {
        let pointer = format!("{base}/{}", escape(key));
        let ReferenceOr::Item(item) = item else {
            lowerer.skipped(
                &pointer,
                format!("webhook `{key}` is a reference; only webhooks written in place are typed"),
            );
            continue;
        };
        collect(
            lowerer,
            &mut entries,
            &mut variants,
            key,
            &pointer,
            item,
            &|variant| format!("{variant}Webhook"),
        );
    }
    let many = vec![
        "A webhook the service sends: the payload of each, by the webhook's name.".to_owned(),
        String::new(),
        "Serve the webhooks with a handler of your own and decode each request body into this"
            .to_owned(),
        "type.".to_owned(),
    ];
    let one = vec![
        "The payload of the one webhook the service sends; serve it with a handler of your own"
            .to_owned(),
        "and decode the request body into this type.".to_owned(),
    ];
    finish(lowerer, ("", "Webhook"), &base, (one, many), entries);
}

/// Lowers the callbacks of the operation `id` (type name `owner`) into the `{owner}Callback`
/// type: the union of their payloads, or the payload itself when there is one.
pub(crate) fn lower_callbacks<'a>(
    lowerer: &mut Lowerer<'a>,
    id: &str,
    owner: &str,
    pointer: &str,
    callbacks: &'a IndexMap<String, Callback>,
) {
    let base = format!("{pointer}/callbacks");
    let mut entries = Vec::new();
    let mut variants = Scope::default();
    for (name, callback) in callbacks {
        let callback_pointer = format!("{base}/{}", escape(name));
        for (expression, item) in callback {
            let item_pointer = format!("{callback_pointer}/{}", escape(expression));
            let payload_owner = format!("{owner}{}", type_name(name));
            let before = entries.len();
            collect(
                lowerer,
                &mut entries,
                &mut variants,
                name,
                &item_pointer,
                item,
                &|_| payload_owner.clone(),
            );
            for entry in &mut entries[before..] {
                entry.docs.push(String::new());
                entry
                    .docs
                    .push(format!("Sent to `{expression}` (the `{name}` callback)."));
            }
        }
    }
    let many = vec![
        format!("A request the service sends back after `{id}`: the payload of each of its"),
        "callbacks, by the callback's name.".to_owned(),
    ];
    let one = vec![format!(
        "The payload of the request the service sends back after `{id}`."
    )];
    finish(lowerer, (owner, "Callback"), &base, (one, many), entries);
}

/// Adds one entry per operation of `item` that sends a JSON body; reports the others.
/// `owner_of` names the owner of a payload written in place, from the entry's variant name.
fn collect<'a>(
    lowerer: &mut Lowerer<'a>,
    entries: &mut Vec<Inbound<'a>>,
    variants: &mut Scope,
    name: &str,
    pointer: &str,
    item: &'a PathItem,
    owner_of: &dyn Fn(&str) -> String,
) {
    let operations: Vec<(&str, &'a openapiv3::Operation)> = item.iter().collect();
    for (method, operation) in &operations {
        let operation_pointer = format!("{pointer}/{method}");
        let Some(body) = &operation.request_body else {
            lowerer.warn(
                &operation_pointer,
                format!("`{name}` ({method}) sends no body; there is no payload to type"),
            );
            continue;
        };
        let Some((media, schema)) = json_schema(lowerer, body) else {
            lowerer.skipped(
                format!("{operation_pointer}/requestBody"),
                format!(
                    "the payload of `{name}` ({method}) is not json; a handler reads its bytes itself"
                ),
            );
            continue;
        };
        let wanted = if operations.len() > 1 {
            format!("{}{}", type_name(name), type_name(method))
        } else {
            type_name(name)
        };
        let variant = variants.claim(wanted);
        let owner = owner_of(&variant);
        let docs = doc_lines(
            operation
                .description
                .as_deref()
                .or(operation.summary.as_deref()),
            || format!("The payload of `{name}` ({}).", method.to_uppercase()),
        );
        entries.push(Inbound {
            variant,
            docs,
            owner,
            pointer: format!(
                "{operation_pointer}/requestBody/content/{}/schema",
                escape(media)
            ),
            schema,
        });
    }
}

/// Makes the type named for `owner` and `role`: the one payload (its own type when written in
/// place, else an alias of it) with the docs `one`, or a union of several payloads with the
/// docs `many`.
fn finish<'a>(
    lowerer: &mut Lowerer<'a>,
    (owner, role): (&str, &str),
    source: &str,
    (one, many): (Vec<String>, Vec<String>),
    entries: Vec<Inbound<'a>>,
) {
    let wanted = nested_type_name(owner, role);
    if let [entry] = entries.as_slice() {
        let mut docs = one;
        docs.push(String::new());
        docs.extend(entry.docs.iter().cloned());
        let ty = lower_type(lowerer, entry.schema, owner, role, &entry.pointer);
        if let Type::Named(named) = &ty
            && named.name == wanted
            && let Some(def) = lowerer.types.get_mut(&wanted)
        {
            *def.docs_mut() = docs;
            return;
        }
        let name = lowerer.type_scope.claim(wanted);
        let alias = Alias {
            name: name.clone(),
            source: source.to_owned(),
            docs,
            target: ty,
        };
        lowerer.types.insert(name, TypeDef::Alias(alias));
        return;
    }
    if entries.is_empty() {
        return;
    }
    let branches: Vec<(usize, SchemaRef<'a>)> = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| (index, entry.schema))
        .collect();
    let tag = inferred_tags(lowerer, &branches);
    let mut scope = Scope::default();
    let mut variants = Vec::with_capacity(entries.len());
    for (position, entry) in entries.into_iter().enumerate() {
        let ty = lower_type(
            lowerer,
            entry.schema,
            &entry.owner,
            "Payload",
            &entry.pointer,
        );
        variants.push(UnionVariant {
            name: scope.claim(entry.variant),
            docs: entry.docs,
            boxed: matches!(&ty, Type::Named(named) if named.kind != NamedKind::Enum),
            ty,
            tags: tag
                .as_ref()
                .map(|(_, tags)| tags[position].clone())
                .unwrap_or_default(),
        });
    }
    let name = lowerer.type_scope.claim(wanted);
    let union = Union {
        name: name.clone(),
        source: source.to_owned(),
        docs: many,
        tag: tag.map(|(property, _)| property),
        variants,
        other: other_name(&mut scope),
    };
    lowerer.types.insert(name, TypeDef::Union(union));
}

/// The JSON media type of a request body and its schema.
fn json_schema<'a>(
    lowerer: &Lowerer<'a>,
    body: &'a ReferenceOr<openapiv3::RequestBody>,
) -> Option<(&'a str, SchemaRef<'a>)> {
    let body = match body {
        ReferenceOr::Item(body) => body,
        ReferenceOr::Reference { reference } => {
            let key = reference.strip_prefix("#/components/requestBodies/")?;
            match lowerer.doc.components.as_ref()?.request_bodies.get(key)? {
                ReferenceOr::Item(body) => body,
                ReferenceOr::Reference { .. } => return None,
            }
        }
    };
    let (media, content) = json_media(&body.content)?;
    Some((media.as_str(), content.schema.as_ref()?.into()))
}
