//! Lowers paths and operations: parameters, request bodies and typed responses.

use std::collections::BTreeMap;

use openapiv3::{
    CookieStyle, HeaderStyle, MediaType, OpenAPI, Parameter as OaParameter,
    ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr, RequestBody,
    Response as OaResponse, SchemaKind, StatusCode, StringFormat, Type as OaType,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::{Extensions, Lowerer, SchemaRef, doc_lines};
use crate::ir::{
    Body, BodyContent, FormField, Location, Media, Operation, Parameter, Part, PartKind, Response,
    Style, Type,
};
use crate::names::{Scope, snake_name, type_name};
use crate::spec::escape;

/// Names a builder's own fields and methods use, which parameters must not take.
const RESERVED_PARAMETER_NAMES: &[&str] = &[
    "body",
    "client",
    "options",
    "header",
    "timeout",
    "retry_policy",
    "send",
    "into_stream",
    "call",
];

/// Lowers every operation of every path, in spec order.
pub(crate) fn lower_operations<'a>(lowerer: &mut Lowerer<'a>, doc: &'a OpenAPI) -> Vec<Operation> {
    let mut scope = Scope::default();
    let mut operations = Vec::new();
    let mut first_use: BTreeMap<String, String> = BTreeMap::new();
    let default_server = doc.servers.first().and_then(absolute_url);
    for (path, item) in doc.paths.iter() {
        let path_pointer = format!("#/paths/{}", escape(path));
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                lowerer.error(
                    &path_pointer,
                    format!("path item references (`{reference}`) are not supported"),
                );
                continue;
            }
        };
        for (method, operation) in item.iter() {
            let pointer = format!("{path_pointer}/{method}");
            let id = operation
                .operation_id
                .clone()
                .unwrap_or_else(|| derived_id(method, path));
            if operation.operation_id.is_none() {
                lowerer.warn(&pointer, format!("no operationId; using `{id}`"));
            }
            if let Some(first) = first_use.get(&id) {
                lowerer.warn(
                    format!("{pointer}/operationId"),
                    format!(
                        "operationId `{id}` is already used at {first}; ids must be unique, so \
                         this operation's method gets a numbered name: give it an id of its own"
                    ),
                );
            } else {
                first_use.insert(id.clone(), pointer.clone());
            }
            let owner = type_name(&id);
            if !operation.callbacks.is_empty() {
                super::inbound::lower_callbacks(
                    lowerer,
                    &id,
                    &owner,
                    &pointer,
                    &operation.callbacks,
                );
            }
            let mut params: Vec<Parameter> = Vec::new();
            let declared = item
                .parameters
                .iter()
                .enumerate()
                .map(|(index, param)| (param, format!("{path_pointer}/parameters/{index}")))
                .chain(
                    operation
                        .parameters
                        .iter()
                        .enumerate()
                        .map(|(index, param)| (param, format!("{pointer}/parameters/{index}"))),
                );
            let mut names = Scope::with_reserved(RESERVED_PARAMETER_NAMES);
            for (param, param_pointer) in declared {
                let Some(param) = lower_parameter(lowerer, param, &owner, &param_pointer) else {
                    continue;
                };
                if let Some(existing) = params
                    .iter_mut()
                    .find(|known| known.wire == param.wire && known.location == param.location)
                {
                    *existing = Parameter {
                        name: existing.name.clone(),
                        ..param
                    };
                } else {
                    params.push(Parameter {
                        name: names.claim(param.name.clone()),
                        ..param
                    });
                }
            }
            for segment in path_placeholders(path) {
                if !params
                    .iter()
                    .any(|param| param.location == Location::Path && param.wire == segment)
                {
                    lowerer.warn(&pointer, format!("path placeholder `{{{segment}}}` has no path parameter; it is taken as a required string"));
                    params.push(Parameter {
                        wire: segment.to_owned(),
                        name: names.claim(snake_name(segment)),
                        location: Location::Path,
                        required: true,
                        ty: Type::String,
                        docs: vec![format!("The `{segment}` path segment.")],
                        client_setting: None,
                        default: None,
                        style: Style::Simple,
                        explode: false,
                    });
                }
            }
            let body = operation.request_body.as_ref().and_then(|body| {
                lower_body(lowerer, body, &owner, &format!("{pointer}/requestBody"))
            });
            let mut success = None;
            let mut errors = Vec::new();
            let mut statuses: Vec<(String, &'a ReferenceOr<OaResponse>)> = operation
                .responses
                .responses
                .iter()
                .map(|(status, response)| (status_text(status), response))
                .collect();
            statuses.sort_by(|a, b| a.0.cmp(&b.0));
            if let Some(default) = &operation.responses.default {
                statuses.push(("default".to_owned(), default));
            }
            for (status, response) in statuses {
                let response_pointer = format!("{pointer}/responses/{}", escape(&status));
                let Some(response) =
                    lower_response(lowerer, response, &status, &owner, &response_pointer)
                else {
                    continue;
                };
                if status.starts_with('2') && success.is_none() {
                    success = Some(response);
                } else if !status.starts_with('2') {
                    errors.push(response);
                }
            }
            let description = operation
                .description
                .as_deref()
                .or(operation.summary.as_deref());
            let mut docs = doc_lines(description, || {
                format!("Calls `{} {path}`.", method.to_uppercase())
            });
            if let (Some(summary), Some(_)) = (&operation.summary, &operation.description) {
                docs.insert(0, String::new());
                docs.insert(0, summary.trim().to_owned());
            }
            operations.push(Operation {
                name: scope.claim(snake_name(&id)),
                builder: type_name(&id),
                id,
                method: method.to_uppercase(),
                path: path.clone(),
                docs,
                params,
                body,
                success,
                errors,
                paged_item: None,
                security: super::security::requirements(
                    lowerer,
                    operation.security.as_ref(),
                    &pointer,
                ),
                server: if operation.servers.is_empty() {
                    own_server(
                        lowerer,
                        &item.servers,
                        &path_pointer,
                        default_server.as_deref(),
                    )
                } else {
                    own_server(
                        lowerer,
                        &operation.servers,
                        &pointer,
                        default_server.as_deref(),
                    )
                },
            });
        }
    }
    operations
}

/// The first of an operation's own `servers` (or its path's), when calls should go there rather
/// than to the API's default server; `owner` points at the operation or path that names them.
/// A server that is not an absolute URL, or one beside an API that names no absolute default
/// (so the client's base URL is the user's), is reported and not followed.
fn own_server(
    lowerer: &mut Lowerer<'_>,
    servers: &[openapiv3::Server],
    owner: &str,
    default_server: Option<&str>,
) -> Option<String> {
    let server = servers.first()?;
    let pointer = format!("{owner}/servers/0/url");
    let Some(url) = absolute_url(server) else {
        lowerer.warn(
            pointer,
            format!(
                "`{}` is not an absolute http(s) url: calls go to the client's base url",
                server.url
            ),
        );
        return None;
    };
    match default_server {
        Some(default) if default.trim_end_matches('/') == url.trim_end_matches('/') => None,
        Some(_) => Some(url),
        None => {
            lowerer.warn(
                pointer,
                format!(
                    "the description names no absolute default server, so calls go to the \
                     client's base url, not to `{url}`"
                ),
            );
            None
        }
    }
}

/// A server's URL with every variable at its default, when that is an absolute `http` or
/// `https` URL with no placeholder left ([`crate::ir::absolute_url`]).
fn absolute_url(server: &openapiv3::Server) -> Option<String> {
    let url = server
        .variables
        .iter()
        .flatten()
        .fold(server.url.clone(), |url, (name, variable)| {
            url.replace(&format!("{{{name}}}"), &variable.default)
        });
    crate::ir::absolute_url(url)
}

/// Names the request builders once every type is named: a builder takes its operation's name,
/// or that name with `Request` when a model already has it (so models and builders can share a
/// crate root), or a numbered name when both are taken.
pub(super) fn name_builders(types: &Scope, operations: &mut [Operation]) {
    let mut builders = types.clone();
    builders.claim("Client".to_owned());
    for operation in operations.iter_mut() {
        let base = std::mem::take(&mut operation.builder);
        let name = if builders.contains(&base) {
            format!("{base}Request")
        } else {
            base
        };
        operation.builder = builders.claim(name);
    }
    // Multipart forms are declared beside the builders, so they share their names.
    for operation in operations {
        if let Some(Body {
            content: BodyContent::Multipart { name, .. },
            ..
        }) = &mut operation.body
        {
            *name = builders.claim(format!("{}Form", operation.builder));
        }
    }
}

fn status_text(status: &StatusCode) -> String {
    status.to_string()
}

/// Derives an operation id from its method and path, such as `get_offers_offer_id`.
fn derived_id(method: &str, path: &str) -> String {
    let words: Vec<&str> = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    format!("{method}_{}", words.join("_"))
}

/// The `{name}` placeholders of a path template.
fn path_placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

fn lower_parameter<'a>(
    lowerer: &mut Lowerer<'a>,
    param: &'a ReferenceOr<OaParameter>,
    owner: &str,
    pointer: &str,
) -> Option<Parameter> {
    let (param, pointer) = resolve(
        lowerer,
        param,
        pointer,
        "parameters",
        "parameter",
        |components| &components.parameters,
    )?;
    let data = param.parameter_data_ref();
    let (location, style) = match param {
        OaParameter::Path { style, .. } => (
            Location::Path,
            match style {
                PathStyle::Simple => Style::Simple,
                PathStyle::Label => Style::Label,
                PathStyle::Matrix => Style::Matrix,
            },
        ),
        OaParameter::Query { style, .. } => (Location::Query, query_style(style)),
        OaParameter::Header {
            style: HeaderStyle::Simple,
            ..
        } => (Location::Header, Style::Simple),
        OaParameter::Cookie {
            style: CookieStyle::Form,
            ..
        } => (Location::Cookie, Style::Form),
    };
    let style = match &data.format {
        ParameterSchemaOrContent::Schema(_) => style,
        ParameterSchemaOrContent::Content(_) => Style::Json,
    };
    // OpenAPI's default: only the `form` style explodes unless told otherwise.
    let explode = data.explode.unwrap_or(style == Style::Form);
    let (ty, default) = match &data.format {
        ParameterSchemaOrContent::Schema(schema) => {
            let schema_ref: SchemaRef<'a> = schema.into();
            let default = lowerer
                .deref(schema_ref)
                .and_then(|schema| schema.schema_data.default.as_ref())
                .map(value_text);
            (
                super::schema::lower_type(
                    lowerer,
                    schema_ref,
                    owner,
                    &data.name,
                    &format!("{pointer}/schema"),
                ),
                default,
            )
        }
        ParameterSchemaOrContent::Content(_) => (Type::Any, None),
    };
    let client_setting =
        match Extensions::find(&lowerer.extensions.client_setting, &data.extensions) {
            None => None,
            Some((_, Value::String(setting))) => Some(setting.clone()),
            Some((key, _)) => {
                lowerer.error(
                    format!("{pointer}/{}", escape(&key)),
                    "must be the name of a client setting",
                );
                None
            }
        };
    Some(Parameter {
        wire: data.name.clone(),
        name: snake_name(&data.name),
        location,
        required: data.required || location == Location::Path,
        ty,
        docs: doc_lines(data.description.as_deref(), || {
            format!("The `{}` parameter.", data.name)
        }),
        client_setting,
        default,
        style,
        explode,
    })
}

fn query_style(style: &QueryStyle) -> Style {
    match style {
        QueryStyle::Form => Style::Form,
        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        QueryStyle::PipeDelimited => Style::PipeDelimited,
        QueryStyle::DeepObject => Style::DeepObject,
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Follows a reference to `#/components/<section>/<name>`; returns the item and where it is.
pub(super) fn resolve<'a, T>(
    lowerer: &mut Lowerer<'a>,
    value: &'a ReferenceOr<T>,
    pointer: &str,
    section: &str,
    what: &str,
    map: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
) -> Option<(&'a T, String)> {
    let reference = match value {
        ReferenceOr::Item(item) => return Some((item, pointer.to_owned())),
        ReferenceOr::Reference { reference } => reference,
    };
    let key = reference.strip_prefix(&format!("#/components/{section}/"));
    let found = key
        .zip(lowerer.doc.components.as_ref())
        .and_then(|(key, components)| map(components).get(key));
    match (key, found) {
        (Some(key), Some(ReferenceOr::Item(item))) => {
            Some((item, format!("#/components/{section}/{}", escape(key))))
        }
        _ => {
            lowerer.error(
                pointer,
                format!("reference `{reference}` does not name a component {what}"),
            );
            None
        }
    }
}

/// Picks the JSON media type of a content map: `application/json`, then any `+json`, then `*/*`.
pub(super) fn json_media<M>(content: &indexmap::IndexMap<String, M>) -> Option<(&String, &M)> {
    let exact = content.iter().find(|(media, _)| {
        media
            .split(';')
            .next()
            .is_some_and(|base| base.trim() == "application/json")
    });
    exact
        .or_else(|| {
            content
                .iter()
                .find(|(media, _)| media.contains("+json") || media.ends_with("/json"))
        })
        .or_else(|| content.iter().find(|(media, _)| media.as_str() == "*/*"))
}

/// The base of a media type, lowercase and without parameters: `text/plain; charset=utf-8`
/// is `text/plain`.
fn media_base(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// How a request body is sent, from the most structured its content map allows: JSON, a form,
/// multipart, text, then bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Encoding {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

fn encoding_of(media: &str) -> Encoding {
    let base = media_base(media);
    if base == "application/x-www-form-urlencoded" {
        Encoding::Form
    } else if base.starts_with("multipart/") {
        Encoding::Multipart
    } else if base.starts_with("text/") {
        Encoding::Text
    } else {
        Encoding::Binary
    }
}

fn lower_body<'a>(
    lowerer: &mut Lowerer<'a>,
    body: &'a ReferenceOr<RequestBody>,
    owner: &str,
    pointer: &str,
) -> Option<Body> {
    let (body, pointer) = resolve(
        lowerer,
        body,
        pointer,
        "requestBodies",
        "request body",
        |components| &components.request_bodies,
    )?;
    let (encoding, media, content) = match json_media(&body.content) {
        Some((media, content)) => (Encoding::Json, media, content),
        None => {
            let (media, content) = body
                .content
                .iter()
                .min_by_key(|(media, _)| encoding_of(media))?;
            (encoding_of(media), media, content)
        }
    };
    let schema_pointer = format!("{pointer}/content/{}/schema", escape(media));
    let typed = |lowerer: &mut Lowerer<'a>| match &content.schema {
        Some(schema) => {
            super::schema::lower_type(lowerer, schema.into(), owner, "Body", &schema_pointer)
        }
        None => Type::Any,
    };
    let content = match encoding {
        Encoding::Json => BodyContent::Json(typed(lowerer)),
        Encoding::Form => BodyContent::Form {
            ty: typed(lowerer),
            fields: form_fields(content),
        },
        Encoding::Multipart => match multipart_parts(lowerer, content, owner, &schema_pointer) {
            Some(parts) => BodyContent::Multipart {
                name: String::new(),
                parts,
            },
            None => {
                lowerer.untyped(
                    &schema_pointer,
                    format!(
                        "the `{media}` body is not an object of known properties; it is sent as \
                         bytes the caller encodes"
                    ),
                );
                BodyContent::Binary
            }
        },
        Encoding::Text => BodyContent::Text,
        Encoding::Binary => BodyContent::Binary,
    };
    Some(Body {
        media_type: media.clone(),
        required: body.required,
        content,
    })
}

/// The style of each property the `encoding` map of a form body names. `openapiv3` reads an
/// absent `explode` as `false`, so the `form` style (and no style) explodes, as OpenAPI's
/// default says, whatever it reads.
fn form_fields(content: &MediaType) -> Vec<FormField> {
    content
        .encoding
        .iter()
        .map(|(wire, encoding)| {
            let style = encoding.style.as_ref().map_or(Style::Form, query_style);
            FormField {
                wire: wire.clone(),
                style,
                explode: encoding.explode || style == Style::Form,
            }
        })
        .collect()
}

/// Whether a schema is `type: string, format: binary`: a file.
fn is_binary(schema: Option<&openapiv3::Schema>) -> bool {
    matches!(
        schema.map(|schema| &schema.schema_kind),
        Some(SchemaKind::Type(OaType::String(string)))
            if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
    )
}

/// Whether a schema holds files: an array of them, or a `oneOf`/`anyOf` whose every branch is a
/// file or an array of files (one file or several under one name, as OpenAI's `image` is).
fn files_of<'a>(lowerer: &Lowerer<'a>, schema: Option<&'a openapiv3::Schema>) -> bool {
    let array_of_files =
        |schema: Option<&'a openapiv3::Schema>| match schema.map(|schema| &schema.schema_kind) {
            Some(SchemaKind::Type(OaType::Array(array))) => is_binary(
                array
                    .items
                    .as_ref()
                    .and_then(|items| lowerer.deref(items.into())),
            ),
            _ => false,
        };
    match schema.map(|schema| &schema.schema_kind) {
        Some(SchemaKind::OneOf { one_of: branches } | SchemaKind::AnyOf { any_of: branches }) => {
            !branches.is_empty()
                && branches.iter().all(|branch| {
                    let branch = lowerer.deref(branch.into());
                    is_binary(branch) || array_of_files(branch)
                })
        }
        _ => array_of_files(schema),
    }
}

/// The parts of a multipart body whose schema is an object: `format: binary` properties (and
/// arrays of them) are files, the others values. `None` when the schema is not an object.
fn multipart_parts<'a>(
    lowerer: &mut Lowerer<'a>,
    content: &'a MediaType,
    owner: &str,
    pointer: &str,
) -> Option<Vec<Part>> {
    let schema = lowerer.deref(content.schema.as_ref()?.into())?;
    let SchemaKind::Type(OaType::Object(object)) = &schema.schema_kind else {
        return None;
    };
    let mut names = Scope::default();
    let parts = object
        .properties
        .iter()
        .map(|(wire, property)| {
            let property_ref: SchemaRef<'a> = property.into();
            let resolved = lowerer.deref(property_ref);
            let kind = if is_binary(resolved) {
                PartKind::File
            } else if files_of(lowerer, resolved) {
                PartKind::Files
            } else {
                PartKind::Value(super::schema::lower_type(
                    lowerer,
                    property_ref,
                    owner,
                    &format!("Body {wire}"),
                    &format!("{pointer}/properties/{}", escape(wire)),
                ))
            };
            Part {
                wire: wire.clone(),
                name: names.claim(snake_name(wire)),
                docs: doc_lines(
                    resolved.and_then(|schema| schema.schema_data.description.as_deref()),
                    || format!("The `{wire}` part."),
                ),
                required: object.required.contains(wire),
                kind,
            }
        })
        .collect();
    Some(parts)
}

fn lower_response<'a>(
    lowerer: &mut Lowerer<'a>,
    response: &'a ReferenceOr<OaResponse>,
    status: &str,
    owner: &str,
    pointer: &str,
) -> Option<Response> {
    let (response, pointer) = resolve(
        lowerer,
        response,
        pointer,
        "responses",
        "response",
        |components| &components.responses,
    )?;
    let role = if status.starts_with('2') {
        "Response".to_owned()
    } else {
        format!("{status} Error")
    };
    let json = json_media(&response.content);
    let ty = json.map(|(media, content)| match &content.schema {
        Some(schema) => super::schema::lower_type(
            lowerer,
            schema.into(),
            owner,
            &role,
            &format!("{pointer}/content/{}/schema", escape(media)),
        ),
        None => Type::Any,
    });
    // An answer that is not JSON is kept as text or bytes, whichever its first media type says.
    let other = response
        .content
        .keys()
        .next()
        .filter(|_| json.is_none())
        .map(|media| {
            let kind = if media_base(media).starts_with("text/") {
                Media::Text
            } else {
                Media::Binary
            };
            (kind, media.clone())
        });
    Some(Response {
        status: status.to_owned(),
        docs: doc_lines(Some(&response.description), || {
            format!("The `{status}` response.")
        }),
        ty,
        media: other.as_ref().map_or(Media::Json, |(kind, _)| *kind),
        media_type: other.map(|(_, media)| media),
    })
}
