//! Emits string enums (with a catch-all variant) and unions of JSON primitives.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use codegen_case::RenameRule;

use super::structs::best_rule;
use super::{Context, docs, ident, lossless_attribute};
use crate::ir::{Enum, EnumKind, Union};

pub(crate) fn emit_enum(def: &Enum, context: &Context) -> TokenStream {
    if def.kind != EnumKind::String {
        return emit_literal_enum(def, context);
    }
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

/// An enum of integer or boolean values: each variant names its JSON value.
fn emit_literal_enum(def: &Enum, context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(&def.name);
    let enum_docs = docs(&def.docs);
    let other = ident(&def.other);
    let attribute = lossless_attribute(None, context);
    let variants = def.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let variant_docs = docs(&variant.docs);
        let value: TokenStream = variant.wire.parse().unwrap_or_else(|_| quote!(0));
        quote! { #variant_docs #[lossless(value = #value)] #variant_name, }
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
    let name = ident(&def.name);
    let union_docs = docs(&def.docs);
    let other = ident(&def.other);
    let tag = def
        .tag
        .as_deref()
        .map(|tag| quote!(#[lossless(tag = #tag)]));
    let variants = def.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let variant_docs = docs(&variant.docs);
        let ty = context.ty(&variant.ty);
        let ty = if variant.boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        };
        let tags = &variant.tags;
        let attribute = (!tags.is_empty()).then(|| quote!(#[lossless(#(tag = #tags),*)]));
        quote! { #variant_docs #attribute #variant_name(#ty), }
    });
    let crate_attribute = lossless_attribute(None, context);
    quote! {
        #union_docs
        #[derive(Clone, Debug, PartialEq, #runtime::Lossless)]
        #crate_attribute
        #tag
        pub enum #name {
            #(#variants)*
            #[doc = " A value no variant accepts, kept exactly as the service sent it."]
            #[lossless(other)]
            #other(#runtime::RawJson),
        }
    }
}
