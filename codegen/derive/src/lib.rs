//! `#[derive(Lossless)]`: serde impls that keep what a type does not declare.
//!
//! On a struct with named fields and one [`Extra`] field, the derive writes `Serialize` and
//! `Deserialize` impls that keep unknown fields, remember keys spelled in another case, explicit
//! `null`s and enum spellings, and write all of it back. On an enum of unit variants plus one
//! catch-all variant holding an `OtherValue`, it writes the enum's wire spellings, lenient
//! parsing, `as_str`, `Display`, `FromStr`, `Serialize` and `Deserialize`.
//!
//! Attributes, all under `#[lossless(...)]`:
//!
//! - on the type: `rename_all = "camelCase"` (any of serde's rules), `crate = "::path"` (where
//!   the runtime is, `::codegen_runtime` by default);
//! - on a field: `rename = "wireName"`, `extra` (the field that keeps unknown fields; a field
//!   named `extra` is taken without it);
//! - on a variant: `rename = "wire-value"`, `position = 3` (the integer the service may send
//!   instead of the string), `other` (the catch-all variant).
//!
//! Whether a field holds an enum is found out at compile time, so no attribute says it. A field
//! whose type is a generic parameter is read as a plain value: an enum given as the parameter
//! is still read leniently, but a non-canonical spelling of it is written back canonically.
//!
//! Code that only the derive calls lives in the runtime's hidden `__private` module; the derive
//! writes only what varies from type to type.
//!
//! [`Extra`]: https://docs.rs/codegen-runtime/latest/codegen_runtime/struct.Extra.html

mod attrs;
mod enums;
mod literal;
mod object;
mod union;

use proc_macro::TokenStream;
use syn::{Data, DeriveInput, Fields, parse_macro_input};

/// Derives lossless `Serialize` and `Deserialize` impls; see the crate documentation.
#[proc_macro_derive(Lossless, attributes(lossless))]
pub fn derive_lossless(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let expanded = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => object::expand(&input, fields),
            _ => Err(syn::Error::new_spanned(
                &input.ident,
                "`Lossless` needs a struct with named fields",
            )),
        },
        Data::Enum(data) => enums::expand(&input, data),
        Data::Union(_) => Err(syn::Error::new_spanned(
            &input.ident,
            "`Lossless` cannot be derived for a union",
        )),
    };
    expanded
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
