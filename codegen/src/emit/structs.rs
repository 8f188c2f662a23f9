//! Emits structs and generic envelopes as declarations that derive `Lossless`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Context, docs, ident, lossless_attribute};
use crate::ir::{Envelope, Field, Struct};

/// The declared type of a field: boxed when it closes a cycle, optional unless required.
fn field_type(field: &Field, context: &Context) -> TokenStream {
    let base = context.ty(&field.ty);
    let base = if field.boxed {
        quote!(::std::boxed::Box<#base>)
    } else {
        base
    };
    if field.required {
        base
    } else {
        quote!(::std::option::Option<#base>)
    }
}

/// A struct, or an envelope with its type parameter.
struct Shape<'a> {
    name: &'a str,
    param: Option<&'a str>,
    docs: &'a [String],
    fields: &'a [Field],
    has_default: bool,
}

pub(crate) fn emit_struct(def: &Struct, context: &Context) -> TokenStream {
    emit_shape(
        &Shape {
            name: &def.name,
            param: None,
            docs: &def.docs,
            fields: &def.fields,
            has_default: def.has_default,
        },
        context,
    )
}

pub(crate) fn emit_envelope(def: &Envelope, context: &Context) -> TokenStream {
    let generic = emit_shape(
        &Shape {
            name: &def.name,
            param: Some(&def.param),
            docs: &def.docs,
            fields: &def.fields,
            has_default: def.has_default,
        },
        context,
    );
    let name = ident(&def.name);
    let aliases = def.instances.iter().map(|instance| {
        let alias = ident(&instance.alias);
        let docs = docs(&instance.docs);
        let item = context.ty(&instance.item);
        quote! { #docs pub type #alias = #name<#item>; }
    });
    quote! { #generic #(#aliases)* }
}

fn emit_shape(shape: &Shape<'_>, context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(shape.name);
    let struct_docs = docs(shape.docs);
    let derive_default = shape.has_default.then(|| quote!(Default,));
    let generics = shape.param.map(|param| {
        let param = ident(param);
        quote!(<#param>)
    });
    let names: Vec<(&str, &str)> = shape
        .fields
        .iter()
        .map(|field| (field.name.as_str(), field.wire.as_str()))
        .collect();
    let rule = best_rule(&names, codegen_case::RenameRule::apply_to_field);
    let attribute = lossless_attribute(rule, context);
    let fields = shape.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let field_docs = docs(&field.docs);
        let ty = field_type(field, context);
        let rename = renamed(
            rule,
            &field.name,
            &field.wire,
            codegen_case::RenameRule::apply_to_field,
        );
        quote! { #field_docs #rename pub #field_name: #ty, }
    });
    quote! {
        #struct_docs
        #[derive(Clone, Debug, PartialEq, #derive_default #runtime::Lossless)]
        #attribute
        pub struct #name #generics {
            #(#fields)*
            #[doc = " Fields the spec does not know, kept as received and written back on serialization."]
            pub extra: #runtime::Extra,
        }
    }
}

/// The `rename_all` rule that names the most members, if any names more than the names as they
/// are; ties go to the rule listed first in [`codegen_case::RULES`].
pub(crate) fn best_rule(
    names: &[(&str, &str)],
    apply: fn(codegen_case::RenameRule, &str) -> String,
) -> Option<codegen_case::RenameRule> {
    let as_is = names.iter().filter(|(name, wire)| name == wire).count();
    let mut best: Option<(codegen_case::RenameRule, usize)> = None;
    for rule in codegen_case::RULES {
        let count = names
            .iter()
            .filter(|(name, wire)| apply(*rule, name) == *wire)
            .count();
        if count > as_is && best.is_none_or(|(_, most)| count > most) {
            best = Some((*rule, count));
        }
    }
    best.map(|(rule, _)| rule)
}

/// `#[lossless(rename = "...")]` when the rule (or the name as it is) does not give the wire name.
pub(crate) fn renamed(
    rule: Option<codegen_case::RenameRule>,
    name: &str,
    wire: &str,
    apply: fn(codegen_case::RenameRule, &str) -> String,
) -> Option<TokenStream> {
    let derived = match rule {
        Some(rule) => apply(rule, name),
        None => name.to_owned(),
    };
    (derived != wire).then(|| quote!(#[lossless(rename = #wire)]))
}
