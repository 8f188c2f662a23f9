//! Translates how lowering said each parameter and body goes on the wire into the runtime `Call`
//! methods that write it, and declares the form type of each multipart body.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Context, docs, ident};
use crate::ir::{Body, BodyContent, Location, Media, NamedKind, Operation, PartKind, Style, Type};

/// A string type, for text bodies, which have no schema of their own.
pub(crate) static STRING: Type = Type::String;

/// How a value becomes text in a path, query or header.
enum Text {
    /// It implements `Display`.
    Display,
    /// A list of displayable values.
    EachDisplay,
    /// Anything else.
    Other,
}

fn text_of(ty: &Type) -> Text {
    match ty {
        scalar if scalar.is_scalar() => Text::Display,
        Type::Named(named) if named.kind == NamedKind::Enum => Text::Display,
        Type::List(item) if matches!(text_of(item), Text::Display) => Text::EachDisplay,
        _ => Text::Other,
    }
}

/// Whether a parameter of this type is `Copy` in the builder: every scalar but text.
fn is_copy(ty: &Type) -> bool {
    ty.is_scalar() && *ty != Type::String
}

/// The runtime's name of a style.
fn style_tokens(style: Style, context: &Context) -> TokenStream {
    let client = &context.client;
    let variant = ident(match style {
        Style::Simple | Style::Json => "Simple",
        Style::Label => "Label",
        Style::Matrix => "Matrix",
        Style::Form => "Form",
        Style::SpaceDelimited => "SpaceDelimited",
        Style::PipeDelimited => "PipeDelimited",
        Style::DeepObject => "DeepObject",
    });
    quote!(#client::Style::#variant)
}

/// The `Call` method that writes one parameter, held in the builder field `name`. Plain values in
/// their location's default style take the `Display` path; everything else is serialized in its
/// style by the runtime.
pub(crate) fn parameter(
    param: &crate::ir::Parameter,
    name: &proc_macro2::Ident,
    required: bool,
    context: &Context,
) -> TokenStream {
    let client = &context.client;
    let wire = param.wire.as_str();
    let ty = &param.ty;
    let text = text_of(ty);
    let explode = param.explode;
    let style = style_tokens(param.style, context);
    // Lowering makes every path parameter required.
    if param.location == Location::Path {
        return match (param.style, text) {
            // Numbers and booleans are `Copy`: passed by value, as clippy asks.
            (Style::Simple, Text::Display) if is_copy(ty) => quote!(.path(#wire, self.#name)),
            (Style::Simple, Text::Display) => quote!(.path(#wire, &self.#name)),
            (Style::Json, _) => quote!(.path(#wire, #client::json_text(&self.#name))),
            _ => quote!(.path_styled(#wire, #style, #explode, &self.#name)),
        };
    }
    let value = if required {
        quote!(::std::option::Option::Some(&self.#name))
    } else {
        quote!(self.#name.as_ref())
    };
    let json = quote!(#value.map(#client::json_text));
    match (param.location, param.style, text) {
        (Location::Query, Style::Json, _) => quote!(.query(#wire, #json)),
        (Location::Query, Style::Form, Text::Display) => quote!(.query(#wire, #value)),
        (Location::Query, Style::Form, Text::EachDisplay) if explode => {
            let values = if required {
                quote!(self.#name.iter())
            } else {
                quote!(self.#name.iter().flatten())
            };
            quote!(.query_each(#wire, #values))
        }
        (Location::Query, _, _) => quote!(.query_styled(#wire, #style, #explode, #value)),
        (Location::Header, Style::Json, _) => quote!(.header(#wire, #json)),
        (Location::Header, _, Text::Display) => quote!(.header(#wire, #value)),
        (Location::Header, _, _) => quote!(.header_styled(#wire, #explode, #value)),
        (Location::Cookie, Style::Json, _) => quote!(.cookie(#wire, #explode, #json.as_ref())),
        (Location::Cookie, _, _) | (Location::Path, _, _) => {
            quote!(.cookie(#wire, #explode, #value))
        }
    }
}

/// The type a builder holds for a body that is not JSON or a form: bytes, or its multipart form.
pub(crate) fn body_type(body: &Body) -> Option<TokenStream> {
    match &body.content {
        BodyContent::Binary => Some(quote!(::std::vec::Vec<u8>)),
        BodyContent::Multipart { name, .. } => {
            let name = ident(name);
            Some(quote!(#name))
        }
        BodyContent::Json(_) | BodyContent::Form { .. } | BodyContent::Text => None,
    }
}

/// The value type of a body with one (JSON, form, text).
pub(crate) fn body_value(body: &Body) -> &Type {
    match &body.content {
        BodyContent::Json(ty) | BodyContent::Form { ty, .. } => ty,
        _ => &STRING,
    }
}

/// The `Call` method that writes the body held in the builder field `body`.
pub(crate) fn body(body: &Body, required: bool, context: &Context) -> TokenStream {
    let media = body.media_type.as_str();
    let borrowed = match (required, &body.content) {
        (true, BodyContent::Text) => quote!(::std::option::Option::Some(self.body.as_str())),
        (true, _) => quote!(::std::option::Option::Some(self.body.as_slice())),
        (false, _) => quote!(self.body.as_deref()),
    };
    match &body.content {
        BodyContent::Json(_) if required => quote!(.json(&self.body)),
        BodyContent::Json(_) => quote!(.json_opt(self.body.as_ref())),
        BodyContent::Form { fields, .. } => {
            let fields = fields.iter().map(|field| {
                let wire = field.wire.as_str();
                let style = style_tokens(field.style, context);
                let explode = field.explode;
                quote!((#wire, #style, #explode))
            });
            if required {
                quote!(.form(&self.body, &[#(#fields),*]))
            } else {
                quote!(.form_opt(self.body.as_ref(), &[#(#fields),*]))
            }
        }
        BodyContent::Text => quote!(.text(#media, #borrowed)),
        BodyContent::Binary => quote!(.bytes(#media, #borrowed)),
        BodyContent::Multipart { name, .. } => {
            let name = ident(name);
            if required {
                quote!(.multipart(::std::option::Option::Some(self.body.multipart())))
            } else {
                quote!(.multipart(self.body.as_ref().map(#name::multipart)))
            }
        }
    }
}

/// The form type of each multipart body: one field per part, files as the runtime's
/// `FilePart`, and the list of its parts.
pub(crate) fn multipart_forms(operations: &[Operation], context: &Context) -> TokenStream {
    let client = &context.client;
    let forms = operations.iter().filter_map(|operation| {
        let body = operation.body.as_ref()?;
        let BodyContent::Multipart { name, parts } = &body.content else {
            return None;
        };
        let form_docs = format!(
            " The `{}` form of the `{}` request.",
            body.media_type, operation.id
        );
        let name = ident(name);
        let fields = parts.iter().map(|part| {
            let field = ident(&part.name);
            let ty = match &part.kind {
                PartKind::Value(ty) => context.ty_in(ty, Some(&quote!(super::models))),
                PartKind::File => quote!(#client::FilePart),
                PartKind::Files => quote!(::std::vec::Vec<#client::FilePart>),
            };
            let ty = if part.required || part.kind == PartKind::Files {
                ty
            } else {
                quote!(::std::option::Option<#ty>)
            };
            let part_docs = docs(&part.docs);
            quote! {
                #part_docs
                pub #field: #ty,
            }
        });
        let adds = parts.iter().map(|part| {
            let field = ident(&part.name);
            let wire = part.wire.as_str();
            match &part.kind {
                PartKind::Value(_) => quote!(.field(#wire, &self.#field)),
                PartKind::File if part.required => quote!(.file(#wire, &self.#field)),
                PartKind::File | PartKind::Files => quote!(.files(#wire, &self.#field)),
            }
        });
        Some(quote! {
            #[doc = #form_docs]
            #[derive(Clone, Debug)]
            pub struct #name {
                #(#fields)*
            }

            impl #name {
                fn multipart(&self) -> #client::Multipart {
                    #client::Multipart::new()
                        #(#adds)*
                }
            }
        })
    });
    quote!(#(#forms)*)
}

/// The answer type of an operation, and the `request_builder!` line that keeps an answer that
/// is not JSON as text or bytes.
pub(crate) fn output(operation: &Operation, context: &Context) -> (TokenStream, TokenStream) {
    let success = operation.success.as_ref();
    match success.map(|success| success.media) {
        Some(Media::Text) => (
            quote!(::std::string::String),
            quote!(
                type Answer = text;
            ),
        ),
        Some(Media::Binary) => (
            quote!(::std::vec::Vec<u8>),
            quote!(
                type Answer = bytes;
            ),
        ),
        Some(Media::Json) | None => (
            success.and_then(|success| success.ty.as_ref()).map_or_else(
                || quote!(()),
                |ty| context.ty_in(ty, Some(&quote!(super::models))),
            ),
            TokenStream::new(),
        ),
    }
}

/// The `Accept` the call sends when its answer is not JSON.
pub(crate) fn accept(operation: &Operation) -> TokenStream {
    match operation
        .success
        .as_ref()
        .and_then(|success| success.media_type.as_deref())
    {
        Some(media) => quote!(.accept(#media)),
        None => TokenStream::new(),
    }
}
