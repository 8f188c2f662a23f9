//! Translates the IR into token streams, one per output file; decides nothing on its own.

mod client;
mod enums;
mod security;
mod structs;
mod wire;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Type, TypeDef};

/// How the emitted code refers to the world outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// The path of the model runtime crate, `::codegen_runtime` unless the runtime is re-exported
    /// under another path.
    pub runtime: String,
    /// The path of the client runtime, `::codegen_runtime::client` unless it is re-exported
    /// under another path.
    pub client_runtime: String,
    /// The path of the API's hand-written client policy (its implementation of the runtime's
    /// `Policy` trait), as the generated client module sees it, such as
    /// `crate::client::MyApi`.
    pub client_policy: String,
    /// The cargo feature that gates the client module, if any.
    pub client_feature: Option<String>,
    /// Whether the client implements the runtime's `ErrorBody` (with its default description)
    /// for every documented error body; turn it off when the policy's crate implements it by
    /// hand, as `partner-models` does.
    pub error_body_impls: bool,
    /// Whether collection operations get `into_stream`, which follows pages; the policy's crate
    /// then implements the runtime's `Page` for their envelopes.
    pub streams: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        Self {
            runtime: DEFAULT_RUNTIME.to_owned(),
            client_runtime: DEFAULT_CLIENT_RUNTIME.to_owned(),
            client_policy: DEFAULT_CLIENT_POLICY.to_owned(),
            client_feature: Some("client".to_owned()),
            error_body_impls: true,
            streams: true,
        }
    }
}

/// Where the model runtime is unless the options say otherwise; the derive assumes it too.
pub const DEFAULT_RUNTIME: &str = "::codegen_runtime";

/// Where the client runtime is unless the options say otherwise.
pub const DEFAULT_CLIENT_RUNTIME: &str = "::codegen_runtime::client";

/// Where the generated client looks for the API's policy unless the options say otherwise: a
/// type `ApiPolicy` at the root of the crate that includes the generated code.
pub const DEFAULT_CLIENT_POLICY: &str = "crate::ApiPolicy";

/// An output file as tokens, before formatting.
#[derive(Debug, Clone)]
pub struct EmittedFile {
    /// The path relative to the output directory, such as `models.rs`.
    pub path: String,
    /// The file's items.
    pub tokens: TokenStream,
}

/// Emits every output file for `api`.
pub fn emit(api: &Api, options: &EmitOptions) -> Vec<EmittedFile> {
    let context = Context::new(options);
    let has_client = !api.operations.is_empty();
    let client_module = has_client.then(|| {
        let gate = options
            .client_feature
            .as_deref()
            .map(|feature| quote!(#[cfg(feature = #feature)]));
        quote! { #gate pub(crate) mod client; }
    });
    let mut files = vec![
        EmittedFile {
            path: "mod.rs".to_owned(),
            tokens: quote! {
                #![doc = " Code generated from the spec; the hand-written crate root declares this module."]
                pub(crate) mod models;
                #client_module
            },
        },
        EmittedFile {
            path: "models.rs".to_owned(),
            tokens: models(api, &context),
        },
    ];
    if has_client {
        files.push(EmittedFile {
            path: "client.rs".to_owned(),
            tokens: client::emit_client(api, &context),
        });
    }
    files
}

/// What every emitter needs: the runtime path, parsed once.
pub(crate) struct Context {
    pub(crate) runtime: TokenStream,
    /// The runtime path when it is not the one the derive assumes, for its `crate` attribute.
    pub(crate) runtime_override: Option<String>,
    pub(crate) client: TokenStream,
    pub(crate) policy: TokenStream,
    pub(crate) error_body_impls: bool,
    pub(crate) streams: bool,
}

impl Context {
    fn new(options: &EmitOptions) -> Self {
        let runtime = options
            .runtime
            .parse()
            .unwrap_or_else(|_| quote!(::codegen_runtime));
        let runtime_override =
            (options.runtime != DEFAULT_RUNTIME).then(|| options.runtime.clone());
        let client = options
            .client_runtime
            .parse()
            .unwrap_or_else(|_| quote!(::codegen_runtime::client));
        let policy = options
            .client_policy
            .parse()
            .unwrap_or_else(|_| quote!(crate::ApiPolicy));
        Self {
            runtime,
            runtime_override,
            client,
            policy,
            error_body_impls: options.error_body_impls,
            streams: options.streams,
        }
    }
}

fn models(api: &Api, context: &Context) -> TokenStream {
    let items = api.types.iter().map(|def| match def {
        TypeDef::Struct(def) => structs::emit_struct(def, context),
        TypeDef::Envelope(def) => structs::emit_envelope(def, context),
        TypeDef::Enum(def) => enums::emit_enum(def, context),
        TypeDef::Union(def) => enums::emit_union(def, context),
        TypeDef::Alias(def) => {
            let name = ident(&def.name);
            let docs = docs(&def.docs);
            let target = context.ty(&def.target);
            quote! { #docs pub type #name = #target; }
        }
    });
    let title = format!(
        " Models generated from `{}` (version {}), one per schema.",
        api.title, api.version
    );
    quote! {
        #![doc = #title]
        #(#items)*
    }
}

/// An identifier; names were made legal by `names`, so this never fails.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = " line"]` attributes, one per line, with the leading space rustdoc expects.
pub(crate) fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// The type-level `#[lossless(...)]` attribute: the `rename_all` rule and the runtime path, when
/// either differs from what the derive assumes; nothing otherwise.
pub(crate) fn lossless_attribute(
    rule: Option<codegen_case::RenameRule>,
    context: &Context,
) -> Option<TokenStream> {
    let rename_all = rule.map(|rule| {
        let name = rule.name();
        quote!(rename_all = #name)
    });
    let krate = context
        .runtime_override
        .as_deref()
        .map(|path| quote!(crate = #path));
    let arguments: Vec<TokenStream> = rename_all.into_iter().chain(krate).collect();
    (!arguments.is_empty()).then(|| quote!(#[lossless(#(#arguments),*)]))
}

impl Context {
    /// The Rust type of a value, spelled with full paths so no schema name can shadow it.
    pub(crate) fn ty(&self, ty: &Type) -> TokenStream {
        self.ty_in(ty, None)
    }

    /// Like [`Context::ty`], with named types reached through the module path `models`.
    ///
    /// Free-form values are `RawJson` and objects with arbitrary keys `OrderedMap`, both from
    /// the runtime, so that every byte, key order and repeated key is written back.
    pub(crate) fn ty_in(&self, ty: &Type, models: Option<&TokenStream>) -> TokenStream {
        let runtime = &self.runtime;
        match ty {
            Type::String => quote!(::std::string::String),
            Type::Boolean => quote!(bool),
            Type::I32 => quote!(i32),
            Type::I64 => quote!(i64),
            Type::U32 => quote!(u32),
            Type::U64 => quote!(u64),
            Type::F64 => quote!(f64),
            Type::Any => quote!(#runtime::RawJson),
            Type::AnyObject => quote!(#runtime::OrderedMap<#runtime::RawJson>),
            Type::Named(named) => {
                let name = ident(&named.name);
                match models {
                    Some(models) => quote!(#models::#name),
                    None => quote!(#name),
                }
            }
            Type::List(item) => {
                let item = self.ty_in(item, models);
                quote!(::std::vec::Vec<#item>)
            }
            Type::Map(value) => {
                let value = self.ty_in(value, models);
                quote!(#runtime::OrderedMap<#value>)
            }
            Type::Nullable(inner) => {
                let inner = self.ty_in(inner, models);
                quote!(::std::option::Option<#inner>)
            }
            Type::Param(name) => {
                let name = ident(name);
                quote!(#name)
            }
        }
    }
}
