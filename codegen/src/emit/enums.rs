//! Emits string enums (with a catch-all variant) and unions of JSON primitives.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use codegen_case::RenameRule;

use super::structs::best_rule;
use super::{Context, docs, ident, lossless_attribute};
use crate::ir::{Enum, Type, Union};

pub(crate) fn emit_enum(def: &Enum, context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(&def.name);
    let enum_docs = docs(&def.docs);
    let other = ident(&def.other);
    let names: Vec<(&str, &str)> = def
        .variants
        .iter()
        .map(|variant| (variant.name.as_str(), variant.wire.as_str()))
        .collect();
    let rule = best_rule(&names, RenameRule::apply_to_variant);
    let attribute = lossless_attribute(rule, context);
    let all_positioned = def
        .variants
        .iter()
        .all(|variant| variant.position.is_some());
    let variants = def.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let variant_docs = docs(&variant.docs);
        let wire = variant.wire.as_str();
        let derived = match rule {
            Some(rule) => rule.apply_to_variant(&variant.name),
            None => variant.name.clone(),
        };
        let rename = (derived != wire).then(|| quote!(rename = #wire));
        let position = variant.position.filter(|_| all_positioned).map(|position| {
            let position = Literal::i64_unsuffixed(position);
            quote!(position = #position)
        });
        let arguments: Vec<TokenStream> = rename.into_iter().chain(position).collect();
        let attribute = (!arguments.is_empty()).then(|| quote!(#[lossless(#(#arguments),*)]));
        quote! { #variant_docs #attribute #variant_name, }
    });
    quote! {
        #enum_docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, #runtime::Lossless)]
        #attribute
        pub enum #name {
            #(#variants)*
            #[doc = " A value the spec does not list, kept exactly as the service sent it."]
            #[lossless(other)]
            #other(#runtime::OtherValue),
        }
    }
}

pub(crate) fn emit_union(def: &Union, context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let serde = quote!(#runtime::__private::serde);
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
    let integer = find(&|ty| matches!(ty, Type::I32 | Type::I64 | Type::U32 | Type::U64));
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
            None => quote!(::std::result::Result::Err(E::invalid_value(#serde::de::Unexpected::Signed(value), &self))),
        };
        let fallback_unsigned = match number {
            Some(number) => {
                let number = ident(&number.name);
                quote!(::std::result::Result::Ok(#name::#number(value as f64)))
            }
            None => quote!(::std::result::Result::Err(E::invalid_value(#serde::de::Unexpected::Unsigned(value), &self))),
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
            fn visit_i64<E: #serde::de::Error>(self, value: i64) -> ::std::result::Result<Self::Value, E> {
                #signed
            }
            fn visit_u64<E: #serde::de::Error>(self, value: u64) -> ::std::result::Result<Self::Value, E> {
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
                fn visit_i64<E: #serde::de::Error>(self, value: i64) -> ::std::result::Result<Self::Value, E> {
                    ::std::result::Result::Ok(#name::#variant_name(value as f64))
                }
                fn visit_u64<E: #serde::de::Error>(self, value: u64) -> ::std::result::Result<Self::Value, E> {
                    ::std::result::Result::Ok(#name::#variant_name(value as f64))
                }
            }
        });
        quote! {
            fn visit_f64<E: #serde::de::Error>(self, value: f64) -> ::std::result::Result<Self::Value, E> {
                ::std::result::Result::Ok(#name::#variant_name(value))
            }
            #integers
        }
    });
    let string_visits = string.map(|variant| {
        let variant_name = ident(&variant.name);
        quote! {
            fn visit_str<E: #serde::de::Error>(self, value: &str) -> ::std::result::Result<Self::Value, E> {
                ::std::result::Result::Ok(#name::#variant_name(::std::borrow::ToOwned::to_owned(value)))
            }
            fn visit_string<E: #serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<Self::Value, E> {
                ::std::result::Result::Ok(#name::#variant_name(value))
            }
        }
    });
    let boolean_visits = boolean.map(|variant| {
        let variant_name = ident(&variant.name);
        quote! {
            fn visit_bool<E: #serde::de::Error>(self, value: bool) -> ::std::result::Result<Self::Value, E> {
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

        impl #serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: #serde::Serializer,
            {
                match self {
                    #(Self::#variants(value) => #serde::Serialize::serialize(value, serializer),)*
                }
            }
        }

        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: #serde::Deserializer<'de>,
            {
                struct Visitor;
                impl<'de> #serde::de::Visitor<'de> for Visitor {
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
