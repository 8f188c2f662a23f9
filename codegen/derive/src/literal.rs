//! Expands `Lossless` on an enum of integer or boolean values with one catch-all variant.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::{DataEnum, DeriveInput, Fields, Ident};

use crate::attrs::{LiteralValue, member_attrs, type_attrs};
use crate::object::runtime_path;

pub(crate) fn expand(input: &DeriveInput, data: &DataEnum) -> syn::Result<TokenStream> {
    let type_attrs = type_attrs(&input.attrs)?;
    let runtime = runtime_path(type_attrs.krate);
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "a `Lossless` enum cannot be generic",
        ));
    }
    if type_attrs.rename_all.is_some() || type_attrs.tag.is_some() {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "an enum of integer or boolean values takes no `rename_all` or `tag`",
        ));
    }
    let mut variants: Vec<(&Ident, LiteralValue, TokenStream)> = Vec::new();
    let mut other: Option<&Ident> = None;
    for variant in &data.variants {
        let attrs = member_attrs(&variant.attrs)?;
        if attrs.other {
            let holds_one =
                matches!(&variant.fields, Fields::Unnamed(fields) if fields.unnamed.len() == 1);
            if !holds_one || other.is_some() {
                return Err(syn::Error::new_spanned(
                    &variant.ident,
                    "an enum has one `other` variant, holding one `OtherValue`",
                ));
            }
            other = Some(&variant.ident);
            continue;
        }
        let Some(value) = attrs.value else {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "give every variant of an integer or boolean enum its `value`",
            ));
        };
        if attrs.rename.is_some()
            || attrs.position.is_some()
            || !matches!(variant.fields, Fields::Unit)
        {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "a variant of an integer or boolean enum is a unit variant with a `value`",
            ));
        }
        let write = match value {
            LiteralValue::Boolean(value) => quote!(serializer.serialize_bool(#value)),
            LiteralValue::Integer(integer) => {
                match (i64::try_from(integer), u64::try_from(integer)) {
                    (Ok(signed), _) => {
                        let signed = Literal::i64_suffixed(signed);
                        quote!(serializer.serialize_i64(#signed))
                    }
                    (Err(_), Ok(unsigned)) => {
                        let unsigned = Literal::u64_suffixed(unsigned);
                        quote!(serializer.serialize_u64(#unsigned))
                    }
                    (Err(_), Err(_)) => {
                        return Err(syn::Error::new_spanned(
                            &variant.ident,
                            "an integer enum value must fit in `i64` or `u64`",
                        ));
                    }
                }
            }
        };
        if let Some((known, ..)) = variants.iter().find(|(_, known, _)| *known == value) {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                format!(
                    "variants `{known}` and `{}` both have the value `{}`",
                    variant.ident,
                    value.json()
                ),
            ));
        }
        variants.push((&variant.ident, value, write));
    }
    let Some(other) = other else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "a `Lossless` enum needs a catch-all variant: `#[lossless(other)] Other(OtherValue)`",
        ));
    };
    let name = &input.ident;
    let idents: Vec<&Ident> = variants.iter().map(|(ident, ..)| *ident).collect();
    let texts: Vec<String> = variants.iter().map(|(_, value, _)| value.json()).collect();
    let writes = variants.iter().map(|(.., write)| write);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(unused_qualifications, clippy::all)]
        const _: () = {
            use #runtime::__private as __lossless;

            impl #name {
                /// Returns the value's JSON text: a listed value, or what the service sent.
                pub fn as_str(&self) -> __lossless::Cow<'_, str> {
                    match self {
                        #(Self::#idents => __lossless::Cow::Borrowed(#texts),)*
                        Self::#other(value) => __lossless::Cow::Owned(value.to_string()),
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, formatter: &mut __lossless::Formatter<'_>) -> __lossless::FmtResult {
                    formatter.write_str(&self.as_str())
                }
            }

            impl __lossless::serde::Serialize for #name {
                fn serialize<S>(&self, serializer: S) -> __lossless::Result<S::Ok, S::Error>
                where
                    S: __lossless::serde::Serializer,
                {
                    match self {
                        #(Self::#idents => #writes,)*
                        Self::#other(value) => __lossless::serde::Serialize::serialize(value, serializer),
                    }
                }
            }

            impl<'de> __lossless::serde::Deserialize<'de> for #name {
                fn deserialize<D>(deserializer: D) -> __lossless::Result<Self, D::Error>
                where
                    D: __lossless::serde::Deserializer<'de>,
                {
                    let raw = <#runtime::RawJson as __lossless::serde::Deserialize<'de>>::deserialize(deserializer)?;
                    __lossless::Ok(match raw.get() {
                        #(#texts => Self::#idents,)*
                        _ => Self::#other(#runtime::OtherValue::json(&raw)),
                    })
                }
            }

            impl __lossless::UnionMember for #name {
                fn fit(outline: &__lossless::Outline<'_>) -> __lossless::Option<u32> {
                    __lossless::fit_literal(outline, &[#(#texts),*])
                }
            }
        };
    })
}
