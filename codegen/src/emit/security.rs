//! Emits the client's `security` module (one constant and one builder method per security
//! scheme), each call's requirements, and the `servers` module (one type per server template).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Context, docs, ident};
use crate::ir::{
    Api, KeyLocation, Operation, SchemeKind, SecurityScheme, Server, ServerChoice, ServerVariable,
};

/// The `security` module: a constant describing each scheme for the runtime, and the
/// `Credentials` trait that supplies each on the client builder.
pub(crate) fn emit_security(api: &Api, context: &Context) -> TokenStream {
    if api.security_schemes.is_empty() {
        return TokenStream::new();
    }
    let client = &context.client;
    let policy = &context.policy;
    let constants = api
        .security_schemes
        .iter()
        .map(|scheme| constant(scheme, context));
    let signatures: Vec<(TokenStream, TokenStream)> = api
        .security_schemes
        .iter()
        .flat_map(|scheme| methods(scheme, context))
        .collect();
    let declarations = signatures.iter().map(|(docs, signature)| {
        quote! {
            #docs
            #signature;
        }
    });
    let definitions = signatures.iter().map(|(_, signature)| signature);
    let bodies = api
        .security_schemes
        .iter()
        .flat_map(|scheme| bodies(scheme, context));
    let definitions = definitions.zip(bodies).map(|(signature, body)| {
        quote! {
            #signature {
                #body
            }
        }
    });
    quote! {
        #[doc = " The ways the API takes credentials: a constant per security scheme, and the builder"]
        #[doc = " methods that supply them (bring [`Credentials`] into scope to call them)."]
        pub mod security {
            #(#constants)*

            #[doc = " Supplies the credentials of each security scheme on the client builder."]
            pub trait Credentials: ::std::marker::Sized {
                #(#declarations)*
            }

            impl Credentials for #client::Builder<super::Client, #policy> {
                #(#definitions)*
            }
        }
    }
}

/// How a scheme's credential is sent, as a doc line.
fn how_sent(scheme: &SecurityScheme) -> Vec<String> {
    match &scheme.kind {
        SchemeKind::Bearer { format: None } => {
            vec!["Sent as an `Authorization: Bearer` header.".to_owned()]
        }
        SchemeKind::Bearer {
            format: Some(format),
        } => vec![format!(
            "Sent as an `Authorization: Bearer` header; the token is a {format}."
        )],
        SchemeKind::Basic => vec!["Sent as an `Authorization: Basic` header.".to_owned()],
        SchemeKind::ApiKey { location, name } => vec![match location {
            KeyLocation::Header => format!("Sent as the `{name}` header."),
            KeyLocation::Query => format!("Sent as the `{name}` query parameter."),
            KeyLocation::Cookie => format!("Sent as the `{name}` cookie."),
        }],
        SchemeKind::OAuth2 { flows, scopes } => {
            let mut lines = vec![
                "An OAuth 2 access token, sent as an `Authorization: Bearer` header; the caller gets it"
                    .to_owned(),
                "(a token source can refresh it).".to_owned(),
            ];
            for (flow, url) in flows {
                lines.push(String::new());
                lines.push(format!("Flow `{flow}`: <{url}>."));
            }
            if !scopes.is_empty() {
                lines.push(String::new());
                lines.push("Scopes:".to_owned());
                for (scope, description) in scopes {
                    lines.push(format!("- `{scope}`: {description}"));
                }
            }
            lines
        }
        SchemeKind::OpenIdConnect { url } => vec![
            "An OpenID Connect token, sent as an `Authorization: Bearer` header; the caller gets"
                .to_owned(),
            format!("it (a token source can refresh it). Discovery: <{url}>."),
        ],
    }
}

fn constant(scheme: &SecurityScheme, context: &Context) -> TokenStream {
    let client = &context.client;
    let name = ident(&scheme.constant);
    let key = scheme.key.as_str();
    let mut lines = scheme.docs.clone();
    lines.push(String::new());
    lines.extend(how_sent(scheme));
    let lines = docs(&lines);
    let value = match &scheme.kind {
        SchemeKind::Basic => quote!(#client::Scheme::basic(#key)),
        SchemeKind::ApiKey { location, name } => {
            let location = match location {
                KeyLocation::Header => quote!(Header),
                KeyLocation::Query => quote!(Query),
                KeyLocation::Cookie => quote!(Cookie),
            };
            quote!(#client::Scheme::api_key(#key, #client::KeyLocation::#location, #name))
        }
        SchemeKind::Bearer { .. }
        | SchemeKind::OAuth2 { .. }
        | SchemeKind::OpenIdConnect { .. } => {
            quote!(#client::Scheme::bearer(#key))
        }
    };
    quote! {
        #lines
        pub const #name: #client::Scheme = #value;
    }
}

/// The docs and signature of each builder method of a scheme.
fn methods(scheme: &SecurityScheme, context: &Context) -> Vec<(TokenStream, TokenStream)> {
    let client = &context.client;
    let method = ident(&scheme.method);
    let constant = &scheme.constant;
    let text = quote!(impl ::std::convert::Into<::std::string::String>);
    let mut out = Vec::new();
    match &scheme.kind {
        SchemeKind::Basic => out.push((
            docs(&[format!(
                "Authenticates the calls that take [`{constant}`] with this user and password."
            )]),
            quote!(fn #method(self, user: #text, password: #text) -> Self),
        )),
        SchemeKind::ApiKey { .. } => out.push((
            docs(&[format!(
                "Authenticates the calls that take [`{constant}`] with this key."
            )]),
            quote!(fn #method(self, key: #text) -> Self),
        )),
        SchemeKind::Bearer { .. }
        | SchemeKind::OAuth2 { .. }
        | SchemeKind::OpenIdConnect { .. } => {
            out.push((
                docs(&[format!(
                    "Authenticates the calls that take [`{constant}`] with a fixed bearer token."
                )]),
                quote!(fn #method(self, token: #text) -> Self),
            ));
            if let Some(tokens) = &scheme.tokens_method {
                let tokens = ident(tokens);
                out.push((
                    docs(&[format!(
                        "Authenticates the calls that take [`{constant}`] with tokens from `source`, asked before each attempt."
                    )]),
                    quote!(fn #tokens(self, source: impl #client::TokenSource + 'static) -> Self),
                ));
            }
        }
    }
    out
}

/// The body of each builder method of a scheme, in the order of [`methods`].
fn bodies(scheme: &SecurityScheme, context: &Context) -> Vec<TokenStream> {
    let client = &context.client;
    let constant = ident(&scheme.constant);
    match &scheme.kind {
        SchemeKind::Basic => {
            vec![quote!(self.credential(#constant, #client::Credential::basic(user, password)))]
        }
        SchemeKind::ApiKey { .. } => {
            vec![quote!(self.credential(#constant, #client::Credential::key(key)))]
        }
        SchemeKind::Bearer { .. }
        | SchemeKind::OAuth2 { .. }
        | SchemeKind::OpenIdConnect { .. } => {
            let mut bodies =
                vec![quote!(self.credential(#constant, #client::Credential::bearer(token)))];
            if scheme.tokens_method.is_some() {
                bodies
                    .push(quote!(self.credential(#constant, #client::Credential::tokens(source))));
            }
            bodies
        }
    }
}

/// The `.security(...)` of an operation's call, when the spec names its requirements.
pub(crate) fn call_security(api: &Api, operation: &Operation) -> TokenStream {
    let Some(requirements) = &operation.security else {
        return TokenStream::new();
    };
    let alternatives = requirements.iter().map(|requirement| {
        let schemes = requirement.schemes.iter().filter_map(|(key, scopes)| {
            let scheme = api
                .security_schemes
                .iter()
                .find(|scheme| scheme.key == *key)?;
            let constant = ident(&scheme.constant);
            Some(if scopes.is_empty() {
                quote!(security::#constant)
            } else {
                quote!(security::#constant.with_scopes(&[#(#scopes),*]))
            })
        });
        quote!(&[#(#schemes),*])
    });
    let scoped = requirements
        .iter()
        .flat_map(|requirement| &requirement.schemes)
        .any(|(_, scopes)| !scopes.is_empty());
    if scoped {
        // A `const` block: a call to `with_scopes` is not promoted to a `'static` borrow.
        quote!(.security(const { &[#(#alternatives),*] }))
    } else {
        quote!(.security(&[#(#alternatives),*]))
    }
}

/// Doc lines naming the OAuth scopes an operation asks for, per alternative of its requirements.
pub(crate) fn scope_docs(operation: &Operation) -> Vec<String> {
    let Some(requirements) = &operation.security else {
        return Vec::new();
    };
    let asked: Vec<String> = requirements
        .iter()
        .filter_map(|requirement| {
            let schemes: Vec<String> = requirement
                .schemes
                .iter()
                .filter(|(_, scopes)| !scopes.is_empty())
                .map(|(key, scopes)| {
                    let scopes: Vec<String> =
                        scopes.iter().map(|scope| format!("`{scope}`")).collect();
                    format!("{} of `{key}`", scopes.join(", "))
                })
                .collect();
            (!schemes.is_empty()).then(|| schemes.join(" and "))
        })
        .collect();
    if asked.is_empty() {
        return Vec::new();
    }
    vec![
        String::new(),
        format!("OAuth scopes: {}.", asked.join("; or ")),
    ]
}

/// The `servers` module: one type per server whose URL has variables, with their values.
pub(crate) fn emit_servers(api: &Api, context: &Context) -> TokenStream {
    let templated: Vec<&Server> = api
        .servers
        .iter()
        .filter(|server| !server.variables.is_empty())
        .collect();
    if templated.is_empty() {
        return TokenStream::new();
    }
    let client = &context.client;
    let servers = templated.iter().map(|server| {
        let name = ident(&server.name);
        let url = server.url.as_str();
        let mut lines = server.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(
            "The server `{url}`, with its variables; its `Default` is the description's defaults."
        ));
        let lines = docs(&lines);
        let fields = server.variables.iter().map(|variable| {
            let field = ident(&variable.field);
            let ty = variable_type(variable);
            let line = format!(" The `{}` variable.", variable.name);
            quote! {
                #[doc = #line]
                pub #field: #ty,
            }
        });
        let defaults = server.variables.iter().map(|variable| {
            let field = ident(&variable.field);
            match &variable.choice {
                Some(choice) => {
                    let ty = ident(&choice.name);
                    let variant = ident(&choice.default);
                    quote!(#field: #ty::#variant,)
                }
                None => {
                    let default = variable.default.as_str();
                    quote!(#field: ::std::string::String::from(#default),)
                }
            }
        });
        let values = server.variables.iter().map(|variable| {
            let field = ident(&variable.field);
            let wire = variable.name.as_str();
            quote!((#wire, self.#field.as_str()))
        });
        let copy = server
            .variables
            .iter()
            .all(|variable| variable.choice.is_some())
            .then(|| quote!(Copy,));
        quote! {
            #lines
            #[derive(Clone, #copy Debug, PartialEq, Eq)]
            pub struct #name {
                #(#fields)*
            }

            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self {
                        #(#defaults)*
                    }
                }
            }

            impl #name {
                #[doc = " The URL template."]
                pub const TEMPLATE: &'static str = #url;

                #[doc = " The address with these variables, for the client builder's `base_url`."]
                pub fn url(&self) -> ::std::string::String {
                    #client::server_url(Self::TEMPLATE, &[#(#values),*])
                }
            }
        }
    });
    let mut seen = std::collections::BTreeSet::new();
    let choices = templated
        .iter()
        .flat_map(|server| &server.variables)
        .filter_map(|variable| Some((variable, variable.choice.as_ref()?)))
        .filter(|(_, choice)| seen.insert(choice.name.clone()))
        .map(|(variable, choice)| choice_enum(variable, choice));
    quote! {
        #[doc = " The servers whose addresses have variables: fill them, then pass `url()` to the client"]
        #[doc = " builder's `base_url`."]
        pub mod servers {
            #(#servers)*

            #(#choices)*
        }
    }
}

fn variable_type(variable: &ServerVariable) -> TokenStream {
    match &variable.choice {
        Some(choice) => {
            let name = ident(&choice.name);
            quote!(#name)
        }
        None => quote!(::std::string::String),
    }
}

fn choice_enum(variable: &ServerVariable, choice: &ServerChoice) -> TokenStream {
    let name = ident(&choice.name);
    let line = format!(" The values of the `{}` server variable.", variable.name);
    let variants = choice.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        let value_doc = format!(" `{value}`");
        quote! {
            #[doc = #value_doc]
            #variant,
        }
    });
    let arms = choice.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote!(Self::#variant => #value,)
    });
    quote! {
        #[doc = #line]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            #[doc = " The value as the URL takes it."]
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}
