//! Expands `Lossless` on an enum of unit variants with one catch-all variant.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::{DataEnum, DeriveInput, Fields, Ident};

use crate::attrs::{member_attrs, type_attrs};
use crate::object::runtime_path;

pub(crate) fn expand(input: &DeriveInput, data: &DataEnum) -> syn::Result<TokenStream> {
    let holds_values = data.variants.iter().any(|variant| {
        !matches!(variant.fields, Fields::Unit)
            && !member_attrs(&variant.attrs).is_ok_and(|attrs| attrs.other)
    });
    if holds_values {
        return crate::union::expand(input, data);
    }
    let literal = data
        .variants
        .iter()
        .any(|variant| member_attrs(&variant.attrs).is_ok_and(|attrs| attrs.value.is_some()));
    if literal {
        return crate::literal::expand(input, data);
    }
    let type_attrs = type_attrs(&input.attrs)?;
    if type_attrs.tag.is_some() {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`tag` belongs on a union: an enum whose variants each hold one value",
        ));
    }
    let runtime = runtime_path(type_attrs.krate);
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "a `Lossless` enum cannot be generic",
        ));
    }
    let mut variants: Vec<&Ident> = Vec::new();
    let mut wires: Vec<String> = Vec::new();
    let mut positions: Vec<Option<i64>> = Vec::new();
    let mut other: Option<&Ident> = None;
    for variant in &data.variants {
        let attrs = member_attrs(&variant.attrs)?;
        if attrs.extra {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "`extra` belongs on a struct field",
            ));
        }
        if !attrs.tags.is_empty() {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "`tag` belongs on a union variant, which holds one value",
            ));
        }
        if attrs.other {
            let Fields::Unnamed(fields) = &variant.fields else {
                return Err(syn::Error::new_spanned(
                    &variant.ident,
                    "the `other` variant holds one `OtherValue`, as in `Other(OtherValue)`",
                ));
            };
            if fields.unnamed.len() != 1 || other.is_some() {
                return Err(syn::Error::new_spanned(
                    &variant.ident,
                    "an enum has one `other` variant, holding one `OtherValue`",
                ));
            }
            other = Some(&variant.ident);
            continue;
        }
        if !matches!(variant.fields, Fields::Unit) {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "a `Lossless` enum has unit variants and one `#[lossless(other)]` variant",
            ));
        }
        let wire = match (attrs.rename, type_attrs.rename_all) {
            (Some(rename), _) => rename,
            (None, Some(rule)) => rule.apply_to_variant(&variant.ident.to_string()),
            (None, None) => variant.ident.to_string(),
        };
        if let Some(index) = wires.iter().position(|known| *known == wire) {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                format!(
                    "variants `{}` and `{}` both have the wire value `{wire}`",
                    variants[index], variant.ident
                ),
            ));
        }
        variants.push(&variant.ident);
        wires.push(wire);
        positions.push(attrs.position);
    }
    let Some(other) = other else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "a `Lossless` enum needs a catch-all variant: `#[lossless(other)] Other(OtherValue)`",
        ));
    };
    let positions: Vec<i64> = positions.iter().flatten().copied().collect();
    if !positions.is_empty() && positions.len() != variants.len() {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "give every variant a `position`, or none",
        ));
    }
    let name = &input.ident;
    let name_text = name.to_string();
    let indices: Vec<Literal> = (0..variants.len()).map(Literal::usize_unsuffixed).collect();
    let from_index = match variants.split_last() {
        Some((last, rest)) => {
            let rest_indices = &indices[..rest.len()];
            quote! {
                match index {
                    #(#rest_indices => Self::#rest,)*
                    _ => Self::#last,
                }
            }
        }
        None => quote! {
            let _ = index;
            Self::#other(#runtime::OtherValue::text(""))
        },
    };
    Ok(quote! {
        #[doc(hidden)]
        #[allow(unused_qualifications, clippy::all)]
        const _: () = {
            use #runtime::__private as __lossless;

            impl __lossless::WireEnum for #name {
                const NAME: &'static str = #name_text;
                const WIRE_VALUES: &'static [&'static str] = &[#(#wires),*];
                const POSITIONS: &'static [i64] = &[#(#positions),*];

                fn from_index(index: usize) -> Self {
                    #from_index
                }

                fn index(&self) -> __lossless::Option<usize> {
                    match self {
                        #(Self::#variants => __lossless::Some(#indices),)*
                        Self::#other(_) => __lossless::None,
                    }
                }

                fn from_other(value: #runtime::OtherValue) -> Self {
                    Self::#other(value)
                }

                fn other(&self) -> __lossless::Option<&#runtime::OtherValue> {
                    match self {
                        Self::#other(value) => __lossless::Some(value),
                        _ => __lossless::None,
                    }
                }
            }

            impl #name {
                /// Returns the canonical wire spelling, or the text of a value the type does not list.
                pub fn as_str(&self) -> __lossless::Cow<'_, str> {
                    __lossless::enum_str(self)
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, formatter: &mut __lossless::Formatter<'_>) -> __lossless::FmtResult {
                    formatter.write_str(&self.as_str())
                }
            }

            impl ::std::str::FromStr for #name {
                type Err = ::std::convert::Infallible;

                /// Parses the exact spelling first, then ignoring case and underscores; any
                /// other text is kept in the catch-all variant.
                fn from_str(text: &str) -> __lossless::Result<Self, Self::Err> {
                    __lossless::Ok(__lossless::parse_enum(text))
                }
            }

            impl __lossless::serde::Serialize for #name {
                fn serialize<S>(&self, serializer: S) -> __lossless::Result<S::Ok, S::Error>
                where
                    S: __lossless::serde::Serializer,
                {
                    __lossless::serialize_enum(self, serializer)
                }
            }

            impl __lossless::UnionMember for #name {
                fn fit(outline: &__lossless::Outline<'_>) -> __lossless::Option<u32> {
                    __lossless::fit_enum::<Self>(outline)
                }
            }

            impl<'de> __lossless::serde::Deserialize<'de> for #name {
                fn deserialize<D>(deserializer: D) -> __lossless::Result<Self, D::Error>
                where
                    D: __lossless::serde::Deserializer<'de>,
                {
                    __lossless::deserialize_enum(deserializer)
                }
            }
        };
    })
}
