//! Lowers `components.securitySchemes` and each operation's `security` requirements.

use openapiv3::{APIKeyLocation, OAuth2Flows, OpenAPI, ReferenceOr, SecurityScheme as OaScheme};

use super::{Lowerer, doc_lines};
use crate::ir::{KeyLocation, SchemeKind, SecurityRequirement, SecurityScheme};
use crate::names::{Scope, snake_name};
use crate::spec::escape;

/// The client builder's own methods, which a scheme's method must not shadow (an inherent method
/// wins over a trait method of the same name).
const BUILDER_METHODS: &[&str] = &[
    "new",
    "policy",
    "base_url",
    "api_version",
    "setting",
    "bearer_token",
    "token_source",
    "credential",
    "retry_policy",
    "timeout",
    "connect_timeout",
    "proxy",
    "root_certificate_pem",
    "no_proxy",
    "header",
    "build",
];

/// Lowers every security scheme the spec declares, sorted by key; schemes the client cannot send
/// (HTTP schemes other than `basic` and `bearer`, references that do not resolve) are reported
/// as skipped.
pub(crate) fn lower_schemes(lowerer: &mut Lowerer<'_>, doc: &OpenAPI) -> Vec<SecurityScheme> {
    let Some(components) = &doc.components else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = components.security_schemes.keys().collect();
    keys.sort();
    let mut methods = Scope::with_reserved(BUILDER_METHODS);
    let mut schemes = Vec::new();
    for key in keys {
        let pointer = format!("#/components/securitySchemes/{}", escape(key));
        let Some(scheme) = resolve(doc, &components.security_schemes[key]) else {
            lowerer.skipped(
                &pointer,
                "the reference names no security scheme; calls that need it cannot be made",
            );
            continue;
        };
        let (kind, description) = match kind_of(scheme) {
            Ok(found) => found,
            Err(reason) => {
                lowerer.skipped(&pointer, reason);
                continue;
            }
        };
        let base = snake_name(key);
        let wanted = if BUILDER_METHODS.contains(&base.as_str()) {
            format!("{base}_credential")
        } else {
            base
        };
        let method = methods.claim(wanted);
        let tokens_method = matches!(
            kind,
            SchemeKind::Bearer { .. }
                | SchemeKind::OAuth2 { .. }
                | SchemeKind::OpenIdConnect { .. }
        )
        .then(|| methods.claim(format!("{}_tokens", method.trim_end_matches('_'))));
        let docs = doc_lines(description, || format!("The `{key}` security scheme."));
        schemes.push(SecurityScheme {
            key: key.clone(),
            constant: method.trim_end_matches('_').to_uppercase(),
            method,
            tokens_method,
            docs,
            kind,
        });
    }
    schemes
}

/// The requirements of one operation: its own `security`, or the top-level one; alternatives
/// that name a scheme the client cannot send are dropped and reported. `None` when the spec
/// says nothing, or nothing the client can send.
pub(crate) fn requirements(
    lowerer: &mut Lowerer<'_>,
    own: Option<&Vec<openapiv3::SecurityRequirement>>,
    operation_pointer: &str,
) -> Option<Vec<SecurityRequirement>> {
    let doc = lowerer.doc;
    let (declared, pointer) = match own {
        Some(own) => (own, format!("{operation_pointer}/security")),
        None => (doc.security.as_ref()?, "#/security".to_owned()),
    };
    let kind = |key: &str| {
        doc.components
            .as_ref()
            .and_then(|components| components.security_schemes.get(key))
            .and_then(|scheme| resolve(doc, scheme))
            .and_then(|scheme| kind_of(scheme).ok())
            .map(|(kind, _)| kind)
    };
    let mut kept = Vec::new();
    for (index, alternative) in declared.iter().enumerate() {
        let kinds: Vec<Option<SchemeKind>> = alternative.keys().map(|key| kind(key)).collect();
        let unusable = alternative
            .keys()
            .zip(&kinds)
            .find_map(|(key, kind)| kind.is_none().then_some(key));
        if let Some(key) = unusable {
            lowerer.skipped(
                format!("{pointer}/{index}"),
                format!("names `{key}`, which is not a security scheme the client can send; this alternative is left out"),
            );
            continue;
        }
        // Only OAuth 2 and OpenID Connect tokens carry scopes; 3.1 lets other schemes list
        // roles, which the client has no way to send.
        let schemes = alternative
            .iter()
            .zip(kinds)
            .map(|((key, scopes), kind)| {
                let scoped = matches!(
                    kind,
                    Some(SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. })
                );
                (
                    key.clone(),
                    if scoped { scopes.clone() } else { Vec::new() },
                )
            })
            .collect();
        kept.push(SecurityRequirement { schemes });
    }
    (declared.is_empty() || !kept.is_empty()).then_some(kept)
}

/// Follows a reference to another entry of `components.securitySchemes`.
fn resolve<'a>(doc: &'a OpenAPI, scheme: &'a ReferenceOr<OaScheme>) -> Option<&'a OaScheme> {
    let mut current = scheme;
    for _ in 0..8 {
        match current {
            ReferenceOr::Item(scheme) => return Some(scheme),
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/securitySchemes/")?;
                let key = key.replace("~1", "/").replace("~0", "~");
                current = doc.components.as_ref()?.security_schemes.get(&key)?;
            }
        }
    }
    None
}

/// How a scheme's credential is sent, with its description; or why the client cannot send it.
fn kind_of(scheme: &OaScheme) -> Result<(SchemeKind, Option<&str>), String> {
    match scheme {
        OaScheme::HTTP {
            scheme,
            bearer_format,
            description,
            ..
        } => match scheme.to_ascii_lowercase().as_str() {
            "bearer" => Ok((
                SchemeKind::Bearer {
                    format: bearer_format.clone(),
                },
                description.as_deref(),
            )),
            "basic" => Ok((SchemeKind::Basic, description.as_deref())),
            other => Err(format!(
                "the http scheme `{other}` is not supported (only `basic` and `bearer`); set its `Authorization` header with `Builder::header`"
            )),
        },
        OaScheme::APIKey {
            location,
            name,
            description,
            ..
        } => Ok((
            SchemeKind::ApiKey {
                location: match location {
                    APIKeyLocation::Header => KeyLocation::Header,
                    APIKeyLocation::Query => KeyLocation::Query,
                    APIKeyLocation::Cookie => KeyLocation::Cookie,
                },
                name: name.clone(),
            },
            description.as_deref(),
        )),
        OaScheme::OAuth2 {
            flows, description, ..
        } => {
            let (flows, scopes) = oauth_flows(flows);
            Ok((SchemeKind::OAuth2 { flows, scopes }, description.as_deref()))
        }
        OaScheme::OpenIDConnect {
            open_id_connect_url,
            description,
            ..
        } => Ok((
            SchemeKind::OpenIdConnect {
                url: open_id_connect_url.clone(),
            },
            description.as_deref(),
        )),
    }
}

/// Pairs of texts: (flow, URL) or (scope, description).
type Pairs = Vec<(String, String)>;

/// The flows of an OAuth 2 scheme as (flow, URL), and every scope any of them offers, sorted.
fn oauth_flows(flows: &OAuth2Flows) -> (Pairs, Pairs) {
    let mut named = Vec::new();
    let mut scopes = std::collections::BTreeMap::new();
    if let Some(flow) = &flows.implicit {
        named.push(("implicit".to_owned(), flow.authorization_url.clone()));
        scopes.extend(flow.scopes.clone());
    }
    if let Some(flow) = &flows.password {
        named.push(("password".to_owned(), flow.token_url.clone()));
        scopes.extend(flow.scopes.clone());
    }
    if let Some(flow) = &flows.client_credentials {
        named.push(("clientCredentials".to_owned(), flow.token_url.clone()));
        scopes.extend(flow.scopes.clone());
    }
    if let Some(flow) = &flows.authorization_code {
        named.push(("authorizationCode".to_owned(), flow.token_url.clone()));
        scopes.extend(flow.scopes.clone());
    }
    (named, scopes.into_iter().collect())
}
