//! Lowers the requests the service sends to you (webhooks, an operation's callbacks) into the
//! types of their payloads: one union of the payloads per set, so that a handler decodes a body
//! into it.

use indexmap::IndexMap;
use openapiv3::{Callback, OpenAPI, PathItem, ReferenceOr};

use super::operation::{json_media, resolve};
use super::schema::{inferred_tags, is_boxed, lower_type, other_name};
use super::{Lowerer, SchemaRef, doc_lines};
use crate::ir::{Alias, Type, TypeDef, Union, UnionVariant};
use crate::names::{Scope, nested_type_name, type_name};
use crate::spec::{WEBHOOKS_EXTENSION, escape};

/// The webhooks of a document, by name, each read as a path item on its own; `Err` holds why an
/// entry is not one, and a value that is no map of webhooks is one such entry with no name.
pub(crate) type Webhooks = Vec<(String, Result<ReferenceOr<PathItem>, String>)>;

/// Reads the webhooks a document lists under `x-webhooks` (where a 3.1 document's `webhooks`
/// are after translation), when it lists any.
pub(crate) fn read_webhooks(doc: &OpenAPI) -> Option<Webhooks> {
    let webhooks = doc.extensions.get(WEBHOOKS_EXTENSION)?;
    let Some(entries) = webhooks.as_object() else {
        return Some(vec![(
            String::new(),
            Err("is not a map of webhooks by name".to_owned()),
        )]);
    };
    Some(
        entries
            .iter()
            .map(|(key, item)| {
                let item = serde_json::from_value(item.clone())
                    .map_err(|error| format!("is not a path item: {error}"));
                (key.clone(), item)
            })
            .collect(),
    )
}

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
pub(crate) fn lower_webhooks<'a>(lowerer: &mut Lowerer<'a>, webhooks: &'a Webhooks) {
    let base = format!("#/{WEBHOOKS_EXTENSION}");
    let mut entries = Vec::new();
    let mut variants = Scope::default();
    for (key, item) in webhooks {
        let pointer = if key.is_empty() {
            base.clone()
        } else {
            format!("{base}/{}", escape(key))
        };
        let item = match item {
            Ok(ReferenceOr::Item(item)) => item,
            Ok(ReferenceOr::Reference { .. }) => {
                lowerer.skipped(
                    &pointer,
                    format!(
                        "webhook `{key}` is a reference; only webhooks written in place are typed"
                    ),
                );
                continue;
            }
            Err(reason) => {
                lowerer.skipped(
                    &pointer,
                    format!("the webhooks entry {reason}; it is not typed"),
                );
                continue;
            }
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
            let before = entries.len();
            collect(
                lowerer,
                &mut entries,
                &mut variants,
                name,
                &item_pointer,
                item,
                &|variant| format!("{owner}{variant}"),
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
    if operations.is_empty() {
        lowerer.skipped(
            pointer,
            format!(
                "`{name}` lists no operation (a path item `$ref` is not followed here); there is \
                 no payload to type"
            ),
        );
    }
    for (method, operation) in &operations {
        let operation_pointer = format!("{pointer}/{method}");
        let Some(body) = &operation.request_body else {
            lowerer.warn(
                &operation_pointer,
                format!("`{name}` ({method}) sends no body; there is no payload to type"),
            );
            continue;
        };
        let body_pointer = format!("{operation_pointer}/requestBody");
        let Some((body, body_pointer)) = resolve(
            lowerer,
            body,
            &body_pointer,
            "requestBodies",
            "request body",
            |components| &components.request_bodies,
        ) else {
            continue;
        };
        let Some((media, content)) = json_media(&body.content) else {
            lowerer.skipped(
                body_pointer,
                format!(
                    "the payload of `{name}` ({method}) is not json; a handler reads its bytes itself"
                ),
            );
            continue;
        };
        let media_pointer = format!("{body_pointer}/content/{}", escape(media));
        let Some(schema) = &content.schema else {
            lowerer.skipped(
                media_pointer,
                format!(
                    "the payload of `{name}` ({method}) has no schema; there is nothing to type"
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
            pointer: format!("{media_pointer}/schema"),
            schema: schema.into(),
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
        if let Some(def) = made_in_place(lowerer, entry.schema, &ty) {
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
        if let Some(def) = made_in_place(lowerer, entry.schema, &ty) {
            def.docs_mut().clone_from(&entry.docs);
        }
        variants.push(UnionVariant {
            name: scope.claim(entry.variant),
            docs: entry.docs,
            boxed: is_boxed(&ty),
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

/// The named type lowering made for a payload written in place (not a `$ref`), whose docs are
/// then the payload's own.
fn made_in_place<'l>(
    lowerer: &'l mut Lowerer<'_>,
    schema: SchemaRef<'_>,
    ty: &Type,
) -> Option<&'l mut TypeDef> {
    let (SchemaRef::Inline(_), Type::Named(named)) = (schema, ty) else {
        return None;
    };
    lowerer.types.get_mut(&named.name)
}

#[cfg(test)]
mod tests {
    use crate::error::Loss;
    use crate::ir::{Type, TypeDef, Union};

    /// Lowers the YAML `spec`; returns the types and the warnings as `loss pointer: message`.
    fn lower(spec: &str) -> (Vec<TypeDef>, Vec<String>) {
        let spec = crate::spec::parse(spec, "t.yaml", false).expect("parses");
        let lowered = super::super::lower(&spec).expect("lowers");
        let warnings = lowered
            .warnings
            .iter()
            .map(|warning| {
                format!(
                    "{:?} {}: {}",
                    warning.loss, warning.pointer, warning.message
                )
            })
            .collect();
        (lowered.api.types, warnings)
    }

    fn union<'t>(types: &'t [TypeDef], name: &str) -> &'t Union {
        types
            .iter()
            .find_map(|def| match def {
                TypeDef::Union(union) if union.name == name => Some(union),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no union {name}"))
    }

    #[test]
    fn x_webhooks_of_a_30_document_are_typed_and_what_is_not_is_reported() {
        let (types, warnings) = lower(
            "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
x-webhooks:
  order:
    post:
      requestBody: {$ref: '#/components/requestBodies/Order'}
      responses: {'200': {description: ok}}
    put:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string}}}
      responses: {'200': {description: ok}}
  ping:
    post:
      responses: {'200': {description: ok}}
  upload:
    post:
      requestBody:
        content:
          application/octet-stream: {schema: {type: string, format: binary}}
      responses: {'200': {description: ok}}
  broken: 7
components:
  requestBodies:
    Order:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Order'}
  schemas:
    Order:
      type: object
      properties: {id: {type: string}}
",
        );
        let webhook = union(&types, "Webhook");
        let names: Vec<&str> = webhook
            .variants
            .iter()
            .map(|variant| variant.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["OrderPut", "OrderPost"],
            "one variant per method, in path item order"
        );
        assert!(
            matches!(&webhook.variants[1].ty, Type::Named(named) if named.name == "Order"),
            "a request body given by `$ref` is followed: {:?}",
            webhook.variants[1].ty
        );
        let payload = types
            .iter()
            .find(|def| def.name() == "OrderPutWebhookPayload")
            .expect("a payload written in place is a type of its own");
        assert_eq!(
            payload.clone().docs_mut().as_slice(),
            ["The payload of `order` (PUT)."]
        );
        assert_eq!(
            warnings,
            [
                "Skipped #/x-webhooks/broken: the webhooks entry is not a path item: invalid \
                 type: integer `7`, expected struct PathItem; it is not typed",
                "None #/x-webhooks/ping/post: `ping` (post) sends no body; there is no payload \
                 to type",
                "Skipped #/x-webhooks/upload/post/requestBody: the payload of `upload` (post) is \
                 not json; a handler reads its bytes itself",
            ]
        );
    }

    #[test]
    fn one_callback_is_its_payload_type_and_a_referenced_path_item_is_reported() {
        let (types, warnings) = lower(
            "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /watch:
    post:
      operationId: watch
      responses: {'202': {description: ok}}
      callbacks:
        onEvent:
          '{$request.query.url}':
            post:
              description: Something happened.
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {at: {type: string}}}
              responses: {'200': {description: ok}}
        onOther:
          '{$request.query.other}': {$ref: '#/components/pathItems/Other'}
components:
  schemas:
    WatchCallback: {type: string}
",
        );
        let payload = types
            .iter()
            .find(|def| def.name() == "WatchCallback2")
            .expect("the payload takes the next free name");
        assert!(
            matches!(payload, TypeDef::Struct(_)),
            "no alias of an alias: {payload:?}"
        );
        assert_eq!(
            payload.clone().docs_mut().as_slice(),
            [
                "The payload of the request the service sends back after `watch`.",
                "",
                "Something happened.",
                "",
                "Sent to `{$request.query.url}` (the `onEvent` callback).",
            ]
        );
        assert!(
            !types.iter().any(|def| def.name() == "WatchCallback3"),
            "one type for the payload"
        );
        assert_eq!(
            warnings,
            [format!(
                "{:?} #/paths/~1watch/post/callbacks/onOther/{{$request.query.other}}: `onOther` \
                 lists no operation (a path item `$ref` is not followed here); there is no \
                 payload to type",
                Loss::Skipped
            )]
        );
    }
}
