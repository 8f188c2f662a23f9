//! Emits the client: a `Client` newtype over the runtime transport and one builder per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Context, docs, ident, wire};
use crate::ir::{Api, Body, NamedKind, Operation, Parameter, Type};

/// A parameter as the builder holds it: required ones are arguments of the client method.
struct Argument<'a> {
    param: Option<&'a Parameter>,
    body: Option<&'a Body>,
    name: proc_macro2::Ident,
    ty: &'a Type,
    required: bool,
    docs: &'a [String],
}

pub(crate) fn emit_client(api: &Api, context: &Context) -> TokenStream {
    let client = &context.client;
    let policy = &context.policy;
    let title = format!(
        " The client of `{}`: one method per operation, each returning a request builder.",
        api.title
    );
    let client_docs = format!(" A client of `{}`; cheap to clone.", api.title);
    let methods = api
        .operations
        .iter()
        .map(|operation| client_method(operation, context));
    let builders = api
        .operations
        .iter()
        .map(|operation| builder(api, operation, context));
    let multipart_forms = wire::multipart_forms(&api.operations, context);
    let (base_url, default_base_url, builder_docs) = match api.default_base_url() {
        Some(url) => {
            let mut lines = vec![" The address a client calls unless given another: the first server the description names.".to_owned()];
            let others: Vec<String> = api
                .servers
                .iter()
                .skip(1)
                .map(|server| server.url.clone())
                .collect();
            if !others.is_empty() {
                lines.push(String::new());
                lines.push(format!(
                    " The description names others too: `{}`.",
                    others.join("`, `")
                ));
            }
            (
                quote! {
                    #(#[doc = #lines])*
                    pub const DEFAULT_BASE_URL: &str = #url;
                },
                quote!(.base_url(DEFAULT_BASE_URL)),
                " Starts configuring a client; its base URL is [`DEFAULT_BASE_URL`] unless set.",
            )
        }
        None => (
            TokenStream::new(),
            TokenStream::new(),
            " Starts configuring a client; its base URL must be set, as the description names no absolute server.",
        ),
    };
    let error_bodies: std::collections::BTreeSet<String> = if context.error_body_impls {
        api.operations
            .iter()
            .filter_map(error_body)
            .filter_map(|body| match body {
                Type::Named(named) => Some(named.name.clone()),
                _ => None,
            })
            .collect()
    } else {
        std::collections::BTreeSet::new()
    };
    let error_body_impls = error_bodies.iter().map(|name| {
        let name = ident(name);
        quote! {
            impl #client::ErrorBody for super::models::#name {}
        }
    });
    let security = super::security::emit_security(api, context);
    let servers = super::security::emit_servers(api, context);
    quote! {
        #![doc = #title]

        #[doc = #client_docs]
        #[derive(Clone, Debug)]
        pub struct Client {
            transport: #client::Transport<#policy>,
        }

        #base_url

        #security

        #servers

        impl Client {
            #[doc = #builder_docs]
            pub fn builder() -> #client::Builder<Self, #policy> {
                #client::Builder::new(Self::from_transport)#default_base_url
            }

            #[doc = " Wraps an already configured transport."]
            pub fn from_transport(transport: #client::Transport<#policy>) -> Self {
                Self { transport }
            }

            #[doc = " The transport under this client."]
            pub fn transport(&self) -> &#client::Transport<#policy> {
                &self.transport
            }

            #(#methods)*
        }

        #(#error_body_impls)*

        #(#builders)*

        #multipart_forms
    }
}

fn arguments(operation: &Operation) -> Vec<Argument<'_>> {
    let mut arguments: Vec<Argument<'_>> = operation
        .params
        .iter()
        .filter(|param| param.client_setting.is_none())
        .map(|param| Argument {
            param: Some(param),
            body: None,
            name: ident(&param.name),
            ty: &param.ty,
            required: param.required,
            docs: &param.docs,
        })
        .collect();
    if let Some(body) = &operation.body {
        arguments.push(Argument {
            param: None,
            body: Some(body),
            name: ident("body"),
            ty: wire::body_value(body),
            required: body.required,
            docs: &[],
        });
    }
    arguments
}

/// The type a builder stores for an argument.
fn stored_type(argument: &Argument<'_>, context: &Context) -> TokenStream {
    let ty = argument
        .body
        .and_then(wire::body_type)
        .unwrap_or_else(|| context.ty_in(argument.ty, Some(&quote!(super::models))));
    if argument.required {
        ty
    } else {
        quote!(::std::option::Option<#ty>)
    }
}

/// The parameter type a setter or the client method takes, and how it is stored.
fn input(argument: &Argument<'_>, context: &Context) -> (TokenStream, TokenStream) {
    let name = &argument.name;
    if let Some(ty) = argument.body.and_then(wire::body_type) {
        return (ty, quote!(#name));
    }
    match argument.ty {
        Type::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(#name.into()),
        ),
        ty => (
            context.ty_in(ty, Some(&quote!(super::models))),
            quote!(#name),
        ),
    }
}

fn client_method(operation: &Operation, context: &Context) -> TokenStream {
    let client = &context.client;
    let name = ident(&operation.name);
    let builder = ident(&operation.builder);
    let mut method_lines = operation.docs.clone();
    method_lines.extend(super::security::scope_docs(operation));
    let method_docs = docs(&method_lines);
    let arguments = arguments(operation);
    let required: Vec<&Argument<'_>> = arguments
        .iter()
        .filter(|argument| argument.required)
        .collect();
    let inputs = required.iter().map(|argument| {
        let name = &argument.name;
        let (ty, _) = input(argument, context);
        quote!(#name: #ty)
    });
    let initialisers = arguments.iter().map(|argument| {
        let name = &argument.name;
        if argument.required {
            match argument.ty {
                Type::String if argument.body.and_then(wire::body_type).is_none() => {
                    quote!(#name: #name.into())
                }
                _ => quote!(#name),
            }
        } else {
            quote!(#name: ::std::option::Option::None)
        }
    });
    quote! {
        #method_docs
        pub fn #name(&self, #(#inputs),*) -> #builder<'_> {
            #builder {
                client: self,
                #(#initialisers,)*
                options: #client::CallOptions::default(),
            }
        }
    }
}

fn builder(api: &Api, operation: &Operation, context: &Context) -> TokenStream {
    let client = &context.client;
    let builder = ident(&operation.builder);
    let id = operation.id.as_str();
    let builder_docs = format!(" The `{id}` request: set optional parameters, then `send` it.");
    let arguments = arguments(operation);
    let fields = arguments.iter().map(|argument| {
        let name = &argument.name;
        let ty = stored_type(argument, context);
        quote!(#name: #ty,)
    });
    let setters = arguments
        .iter()
        .filter(|argument| !argument.required)
        .map(|argument| {
            let name = &argument.name;
            let setter_docs = if argument.docs.is_empty() {
                docs(&["Sets the request body.".to_owned()])
            } else {
                docs(argument.docs)
            };
            let (ty, store) = input(argument, context);
            quote! {
                #setter_docs
                pub fn #name(mut self, #name: #ty) -> Self {
                    self.#name = ::std::option::Option::Some(#store);
                    self
                }
            }
        });
    let call = call_expression(operation, &arguments, context);
    let security = super::security::call_security(api, operation);
    let policy = &context.policy;
    let error = error_body(operation).map(|body| {
        let body = context.ty_in(body, Some(&quote!(super::models)));
        quote!(type Error = #body;)
    });
    let (output, answer) = wire::output(operation, context);
    let pages = operation
        .paged_item
        .as_ref()
        .filter(|_| context.streams)
        .map(|item| {
            let item = context.ty_in(item, Some(&quote!(super::models)));
            quote!(type Item = #item;)
        });
    quote! {
        #[doc = #builder_docs]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields)*
            options: #client::CallOptions,
        }

        #client::request_builder! {
            impl #builder {
                type Output = #output;
                type Policy = #policy;
                #error
                #pages
                #answer
            }
        }

        impl #builder<'_> {
            #(#setters)*

            fn call(&self) -> #client::Call {
                #call #security
            }
        }
    }
}

/// The body type an operation documents for its errors: the one named type every documented
/// error answer (throttling aside) shares; `None` leaves it to the policy's default.
fn error_body(operation: &Operation) -> Option<&Type> {
    let mut bodies = operation
        .errors
        .iter()
        .filter(|response| response.status != "429")
        .filter_map(|response| response.ty.as_ref());
    let first = bodies.next()?;
    let named = matches!(first, Type::Named(named) if named.kind == NamedKind::Struct);
    (named && bodies.all(|body| body == first)).then_some(first)
}

/// The runtime `Call` that describes the request.
fn call_expression(
    operation: &Operation,
    arguments: &[Argument<'_>],
    context: &Context,
) -> TokenStream {
    let client = &context.client;
    let id = operation.id.as_str();
    let method = ident(&operation.method);
    let template = operation.path.as_str();
    let settings = operation.params.iter().filter_map(|param| {
        let setting = param.client_setting.as_deref()?;
        let placeholder = param.wire.as_str();
        let default = param.default.as_deref().unwrap_or_default();
        Some(quote!(.setting(#placeholder, #setting, #default)))
    });
    let parts = arguments
        .iter()
        .map(|argument| match (argument.param, argument.body) {
            (Some(param), _) => wire::parameter(param, &argument.name, argument.required, context),
            (None, Some(body)) => wire::body(body, argument.required, context),
            (None, None) => TokenStream::new(),
        });
    let accept = wire::accept(operation);
    let server = operation
        .server
        .as_deref()
        .map(|url| quote!(.server(#url, DEFAULT_BASE_URL)));
    quote! {
        #client::Call::new(#id, #client::Method::#method, #template)
            #server
            #(#settings)*
            #(#parts)*
            #accept
    }
}
