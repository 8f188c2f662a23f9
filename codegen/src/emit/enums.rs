//! Emits string enums (with a catch-all variant) and unions of JSON primitives.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Context, docs, ident};
use crate::ir::{Enum, Type, Union};

pub(crate) fn emit_enum(def: &Enum, context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(&def.name);
    let enum_docs = docs(&def.docs);
    let other = ident(&def.other);
    let variants: Vec<_> = def
        .variants
        .iter()
        .map(|variant| ident(&variant.name))
        .collect();
    let variant_docs = def.variants.iter().map(|variant| docs(&variant.docs));
    let wires = def.variants.iter().map(|variant| variant.wire.as_str());
    let positions: Vec<i64> = def
        .variants
        .iter()
        .filter_map(|variant| variant.position)
        .collect();
    let positions = if positions.len() == def.variants.len() {
        positions
    } else {
        Vec::new()
    };
    let positions = positions.into_iter().map(Literal::i64_suffixed);
    let indices: Vec<_> = (0..def.variants.len())
        .map(Literal::usize_suffixed)
        .collect();
    let enum_name = def.name.as_str();
    let (from_index_arms, last) = match variants.split_last() {
        Some((last, rest)) => (rest.to_vec(), last.clone()),
        None => (Vec::new(), other.clone()),
    };
    let from_index_last = if def.variants.is_empty() {
        quote!(_ => Self::#other(#runtime::OtherValue::text("")))
    } else {
        quote!(_ => Self::#last)
    };
    quote! {
        #enum_docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_docs #variants,)*
            #[doc = " A value the spec does not list, kept exactly as the service sent it."]
            #other(#runtime::OtherValue),
        }

        impl #runtime::WireEnum for #name {
            const NAME: &'static str = #enum_name;
            const WIRE_VALUES: &'static [&'static str] = &[#(#wires),*];
            const POSITIONS: &'static [i64] = &[#(#positions),*];

            fn from_index(index: usize) -> Self {
                match index {
                    #(#indices => Self::#from_index_arms,)*
                    #from_index_last,
                }
            }

            fn index(&self) -> ::std::option::Option<usize> {
                match self {
                    #(Self::#variants => ::std::option::Option::Some(#indices),)*
                    Self::#other(_) => ::std::option::Option::None,
                }
            }

            fn from_other(value: #runtime::OtherValue) -> Self {
                Self::#other(value)
            }

            fn other(&self) -> ::std::option::Option<&#runtime::OtherValue> {
                match self {
                    Self::#other(value) => ::std::option::Option::Some(value),
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl #name {
            #[doc = " Returns the canonical wire spelling, or the text of a value the spec does not list."]
            pub fn as_str(&self) -> ::std::borrow::Cow<'_, str> {
                #runtime::enum_str(self)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(&self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(#runtime::parse_enum(text))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                #runtime::serialize_enum(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                #runtime::deserialize_enum(deserializer)
            }
        }
    }
}

pub(crate) fn emit_union(def: &Union, context: &Context) -> TokenStream {
    let name = ident(&def.name);
    let union_docs = docs(&def.docs);
    let expecting = format!("a value of type `{}`", def.name);
    let variants: Vec<_> = def
        .variants
        .iter()
        .map(|variant| ident(&variant.name))
        .collect();
    let types = def.variants.iter().map(|variant| context.ty(&variant.ty));
    let variant_docs = def.variants.iter().map(|variant| {
        let line = match variant.ty {
            Type::String => " The value as a JSON string.",
            Type::Boolean => " The value as a JSON boolean.",
            Type::F64 => " The value as a JSON number.",
            _ => " The value as a JSON integer.",
        };
        quote!(#[doc = #line])
    });
    let find =
        |wanted: &dyn Fn(&Type) -> bool| def.variants.iter().find(|variant| wanted(&variant.ty));
    let integer = find(&|ty| matches!(ty, Type::I32 | Type::I64));
    let number = find(&|ty| matches!(ty, Type::F64));
    let string = find(&|ty| matches!(ty, Type::String));
    let boolean = find(&|ty| matches!(ty, Type::Boolean));
    let integer_visits = integer.map(|variant| {
        let variant_name = ident(&variant.name);
        let target = context.ty(&variant.ty);
        let fallback_signed = match number {
            Some(number) => {
                let number = ident(&number.name);
                quote!(::std::result::Result::Ok(#name::#number(value as f64)))
            }
            None => quote!(::std::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Signed(value), &self))),
        };
        let fallback_unsigned = match number {
            Some(number) => {
                let number = ident(&number.name);
                quote!(::std::result::Result::Ok(#name::#number(value as f64)))
            }
            None => quote!(::std::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Unsigned(value), &self))),
        };
        let signed = if variant.ty == Type::I64 {
            quote!(::std::result::Result::Ok(#name::#variant_name(value)))
        } else {
            quote! {
                match <#target as ::std::convert::TryFrom<i64>>::try_from(value) {
                    ::std::result::Result::Ok(value) => ::std::result::Result::Ok(#name::#variant_name(value)),
                    ::std::result::Result::Err(_) => #fallback_signed,
                }
            }
        };
        quote! {
            fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::std::result::Result<Self::Value, E> {
                #signed
            }
            fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::std::result::Result<Self::Value, E> {
                match <#target as ::std::convert::TryFrom<u64>>::try_from(value) {
                    ::std::result::Result::Ok(value) => ::std::result::Result::Ok(#name::#variant_name(value)),
                    ::std::result::Result::Err(_) => #fallback_unsigned,
                }
            }
        }
    });
    let number_visits = number.map(|variant| {
        let variant_name = ident(&variant.name);
        let integers = integer.is_none().then(|| {
            quote! {
                fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::std::result::Result<Self::Value, E> {
                    ::std::result::Result::Ok(#name::#variant_name(value as f64))
                }
                fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::std::result::Result<Self::Value, E> {
                    ::std::result::Result::Ok(#name::#variant_name(value as f64))
                }
            }
        });
        quote! {
            fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> ::std::result::Result<Self::Value, E> {
                ::std::result::Result::Ok(#name::#variant_name(value))
            }
            #integers
        }
    });
    let string_visits = string.map(|variant| {
        let variant_name = ident(&variant.name);
        quote! {
            fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<Self::Value, E> {
                ::std::result::Result::Ok(#name::#variant_name(::std::borrow::ToOwned::to_owned(value)))
            }
            fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<Self::Value, E> {
                ::std::result::Result::Ok(#name::#variant_name(value))
            }
        }
    });
    let boolean_visits = boolean.map(|variant| {
        let variant_name = ident(&variant.name);
        quote! {
            fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> ::std::result::Result<Self::Value, E> {
                ::std::result::Result::Ok(#name::#variant_name(value))
            }
        }
    });
    quote! {
        #union_docs
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variant_docs #variants(#types),)*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                match self {
                    #(Self::#variants(value) => ::serde::Serialize::serialize(value, serializer),)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        formatter.write_str(#expecting)
                    }

                    #integer_visits
                    #number_visits
                    #string_visits
                    #boolean_visits
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    }
}
