//! Expands `Lossless` on a union: an enum whose variants each hold one value, plus a catch-all.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataEnum, DeriveInput, Fields, Ident, Type};

use crate::attrs::{member_attrs, type_attrs};
use crate::object::runtime_path;

/// One variant that holds a value.
struct Member<'a> {
    ident: &'a Ident,
    ty: &'a Type,
    tags: Vec<String>,
}

pub(crate) fn expand(input: &DeriveInput, data: &DataEnum) -> syn::Result<TokenStream> {
    let type_attrs = type_attrs(&input.attrs)?;
    let runtime = runtime_path(type_attrs.krate);
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "a `Lossless` union cannot be generic",
        ));
    }
    if type_attrs.rename_all.is_some() {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`rename_all` names unit variants; a union's variants are read by their values",
        ));
    }
    let mut members: Vec<Member<'_>> = Vec::new();
    let mut other: Option<&Ident> = None;
    for variant in &data.variants {
        let attrs = member_attrs(&variant.attrs)?;
        if attrs.extra
            || attrs.rename.is_some()
            || attrs.position.is_some()
            || attrs.value.is_some()
        {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "a union variant takes `tag` or `other`, nothing else",
            ));
        }
        let single = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => fields.unnamed.first(),
            _ => None,
        };
        let Some(field) = single else {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "each variant of a union holds exactly one value, as in `Card(Card)`",
            ));
        };
        if attrs.other {
            if other.is_some() {
                return Err(syn::Error::new_spanned(
                    &variant.ident,
                    "a union has one `other` variant",
                ));
            }
            other = Some(&variant.ident);
            continue;
        }
        if type_attrs.tag.is_some() && attrs.tags.is_empty() {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "in a tagged union every variant names its tag values: `#[lossless(tag = \"...\")]`",
            ));
        }
        if type_attrs.tag.is_none() && !attrs.tags.is_empty() {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "a variant's `tag` needs the union's `#[lossless(tag = \"property\")]`",
            ));
        }
        for tag in &attrs.tags {
            if let Some(owner) = members.iter().find(|member| member.tags.contains(tag)) {
                return Err(syn::Error::new_spanned(
                    &variant.ident,
                    format!(
                        "variants `{}` and `{}` both have the tag `{tag}`",
                        owner.ident, variant.ident
                    ),
                ));
            }
        }
        members.push(Member {
            ident: &variant.ident,
            ty: &field.ty,
            tags: attrs.tags,
        });
    }
    let Some(other) = other else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "a `Lossless` union needs a catch-all variant: `#[lossless(other)] Other(RawJson)`",
        ));
    };
    let name = &input.ident;
    let idents: Vec<&Ident> = members.iter().map(|member| member.ident).collect();
    let types: Vec<&Type> = members.iter().map(|member| member.ty).collect();
    let (read, fit) = match &type_attrs.tag {
        Some(tag) => {
            let cases = members.iter().flat_map(|member| {
                let ident = member.ident;
                member.tags.iter().map(move |value| {
                    quote! {
                        __lossless::TagCase {
                            value: #value,
                            decode: |raw| __lossless::decode_as(raw, Self::#ident),
                        },
                    }
                })
            });
            (
                quote!(__lossless::read_tagged(raw, #tag, &[#(#cases)*], Self::#other)),
                quote!(__lossless::fit_tagged(outline, #tag)),
            )
        }
        None if members.is_empty() => (
            quote!(__lossless::read_untagged(raw, &[], Self::#other)),
            quote!(__lossless::None),
        ),
        None => (
            quote! {
                __lossless::read_untagged(raw, &[#(
                    __lossless::Candidate {
                        fit: <#types as __lossless::UnionMember>::fit,
                        decode: |raw| __lossless::decode_as(raw, Self::#idents),
                    },
                )*], Self::#other)
            },
            quote! {
                [#(<#types as __lossless::UnionMember>::fit(outline)),*]
                    .into_iter()
                    .flatten()
                    .max()
            },
        ),
    };
    Ok(quote! {
        #[doc(hidden)]
        #[allow(unused_qualifications, clippy::all)]
        const _: () = {
            use #runtime::__private as __lossless;

            impl __lossless::serde::Serialize for #name {
                fn serialize<S>(&self, serializer: S) -> __lossless::Result<S::Ok, S::Error>
                where
                    S: __lossless::serde::Serializer,
                {
                    match self {
                        #(Self::#idents(value) => __lossless::UnionMember::write(value, serializer),)*
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
                    __lossless::Ok(#read)
                }
            }

            impl __lossless::UnionMember for #name {
                fn fit(outline: &__lossless::Outline<'_>) -> __lossless::Option<u32> {
                    #fit
                }
            }
        };
    })
}
