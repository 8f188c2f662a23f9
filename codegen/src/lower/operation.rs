//! Lowers paths and operations: parameters, request bodies and typed responses.

use std::collections::BTreeMap;

use openapiv3::{
    OpenAPI, Parameter as OaParameter, ParameterSchemaOrContent, ReferenceOr, RequestBody,
    Response as OaResponse, StatusCode,
};
use serde_json::Value;

use super::{Extensions, Lowerer, SchemaRef, doc_lines};
use crate::ir::{Body, Location, Operation, Parameter, Response, Type};
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
            if !operation.callbacks.is_empty() {
                let names: Vec<&str> = operation.callbacks.keys().map(String::as_str).collect();
                lowerer.skipped(
                    format!("{pointer}/callbacks"),
                    format!(
                        "callbacks are not generated ({}): they are requests the service sends \
                         to you, so serve them with a handler of your own",
                        names.join(", ")
                    ),
                );
            }
            let owner = type_name(&id);
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
            });
        }
    }
    name_builders(&lowerer.type_scope, &mut operations);
    operations
}

/// Names the request builders once every type is named: a builder takes its operation's name,
/// or that name with `Request` when a model already has it (so models and builders can share a
/// crate root), or a numbered name when both are taken.
fn name_builders(types: &Scope, operations: &mut [Operation]) {
    let mut builders = types.clone();
    builders.claim("Client".to_owned());
    for operation in operations {
        let base = std::mem::take(&mut operation.builder);
        let name = if builders.contains(&base) {
            format!("{base}Request")
        } else {
            base
        };
        operation.builder = builders.claim(name);
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
    let location = match param {
        OaParameter::Path { .. } => Location::Path,
        OaParameter::Query { .. } => Location::Query,
        OaParameter::Header { .. } => Location::Header,
        OaParameter::Cookie { .. } => Location::Cookie,
    };
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
    })
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Follows a reference to `#/components/<section>/<name>`; returns the item and where it is.
fn resolve<'a, T>(
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
fn json_media<M>(content: &indexmap::IndexMap<String, M>) -> Option<(&String, &M)> {
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
    let Some((media, content)) = json_media(&body.content) else {
        if let Some(media) = body.content.keys().next() {
            lowerer.skipped(
                &pointer,
                format!("request body `{media}` is not json; the operation takes no typed body"),
            );
        }
        return None;
    };
    let ty = match &content.schema {
        Some(schema) => super::schema::lower_type(
            lowerer,
            schema.into(),
            owner,
            "Body",
            &format!("{pointer}/content/{}/schema", escape(media)),
        ),
        None => Type::Any,
    };
    Some(Body {
        media_type: media.clone(),
        ty,
        required: body.required,
    })
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
    let ty = json_media(&response.content).map(|(media, content)| match &content.schema {
        Some(schema) => super::schema::lower_type(
            lowerer,
            schema.into(),
            owner,
            &role,
            &format!("{pointer}/content/{}/schema", escape(media)),
        ),
        None => Type::Any,
    });
    if ty.is_none()
        && let Some(media) = response.content.keys().next()
    {
        lowerer.skipped(
            format!("{pointer}/content"),
            format!("response body `{media}` is not json; the `{status}` answer is not decoded"),
        );
    }
    Some(Response {
        status: status.to_owned(),
        docs: doc_lines(Some(&response.description), || {
            format!("The `{status}` response.")
        }),
        ty,
    })
}
