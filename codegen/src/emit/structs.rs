//! Emits structs and generic envelopes with lossless `Serialize` and `Deserialize` impls.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Context, docs, ident, index};
use crate::ir::{Envelope, Field, NamedKind, Struct, Type};

/// How a field is read and written: enums keep their wire spelling, lists accept `null`.
enum Access {
    Plain,
    List,
    Enum,
    EnumList,
}

fn access(ty: &Type) -> Access {
    match ty {
        Type::Named(named) if named.kind == NamedKind::Enum => Access::Enum,
        Type::List(item) => match &**item {
            Type::Named(named) if named.kind == NamedKind::Enum => Access::EnumList,
            _ => Access::List,
        },
        _ => Access::Plain,
    }
}

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
    let name = ident(shape.name);
    let struct_docs = docs(shape.docs);
    let derive_default = shape.has_default.then(|| quote!(Default,));
    let generics = shape.param.map(|param| {
        let param = ident(param);
        quote!(<#param>)
    });
    let fields = shape.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let field_docs = docs(&field.docs);
        let ty = field_type(field, context);
        quote! { #field_docs pub #field_name: #ty, }
    });
    let serialize = serialize_impl(shape, context);
    let deserialize = deserialize_impl(shape, context);
    let runtime = &context.runtime;
    quote! {
        #struct_docs
        #[derive(Clone, Debug, PartialEq, #derive_default)]
        pub struct #name #generics {
            #(#fields)*
            #[doc = " Fields the spec does not know, kept as received and written back on serialization."]
            pub extra: #runtime::Extra,
        }
        #serialize
        #deserialize
    }
}

fn serialize_impl(shape: &Shape<'_>, context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(shape.name);
    let (impl_generics, type_generics) = match shape.param {
        Some(param) => {
            let param = ident(param);
            (quote!(<#param: ::serde::Serialize>), quote!(<#param>))
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let writes = shape.fields.iter().enumerate().map(|(position, field)| {
        let field_name = ident(&field.name);
        let wire = &field.wire;
        let position = index(position);
        let function = match (access(&field.ty), field.required) {
            (Access::Plain | Access::List, false) => quote!(write_optional),
            (Access::Plain, true) => quote!(write_required),
            (Access::List, true) => quote!(write_required_list),
            (Access::Enum, false) => quote!(write_optional_enum),
            (Access::Enum, true) => quote!(write_required_enum),
            (Access::EnumList, false) => quote!(write_optional_enum_list),
            (Access::EnumList, true) => quote!(write_required_enum_list),
        };
        quote! { #runtime::#function(&mut map, &self.extra, #position, #wire, &self.#field_name)?; }
    });
    let plain_writes = shape.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let wire = &field.wire;
        if field.required {
            quote! { map.serialize_entry(#wire, &self.#field_name)?; }
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = &self.#field_name {
                    map.serialize_entry(#wire, value)?;
                }
            }
        }
    });
    quote! {
        impl #impl_generics ::serde::Serialize for #name #type_generics {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                if self.extra.is_pristine() {
                    #(#plain_writes)*
                    return map.end();
                }
                #(#writes)*
                self.extra.write_unknown(&mut map)?;
                map.end()
            }
        }
    }
}

fn deserialize_impl(shape: &Shape<'_>, context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(shape.name);
    let expecting = format!("an object of type `{}`", shape.name);
    let (impl_generics, type_generics, visitor_decl, visitor_generics, visitor_new) =
        match shape.param {
            Some(param) => {
                let param = ident(param);
                (
                    quote!(<'de, #param: ::serde::Deserialize<'de>>),
                    quote!(<#param>),
                    quote!(struct Visitor<#param>(::std::marker::PhantomData<#param>);),
                    quote!(<#param>),
                    quote!(Visitor(::std::marker::PhantomData)),
                )
            }
            None => (
                quote!(<'de>),
                TokenStream::new(),
                quote!(
                    struct Visitor;
                ),
                TokenStream::new(),
                quote!(Visitor),
            ),
        };
    let wires: Vec<&str> = shape
        .fields
        .iter()
        .map(|field| field.wire.as_str())
        .collect();
    let slots: Vec<_> = (0..shape.fields.len())
        .map(|position| format_ident!("slot_{position}"))
        .collect();
    let slot_types = shape.fields.iter().map(|field| field_type(field, context));
    let positions: Vec<_> = (0..shape.fields.len()).map(index).collect();
    let reads = shape
        .fields
        .iter()
        .zip(&positions)
        .map(|(field, position)| {
            let function = match (access(&field.ty), field.required) {
                (Access::Plain, false) => quote!(#runtime::read_optional),
                (Access::List, false) => quote!(#runtime::read_optional_list),
                (Access::Plain, true) => {
                    return quote!(::serde::de::MapAccess::next_value(&mut map)?);
                }
                (Access::List, true) => quote!(#runtime::read_required_list),
                (Access::Enum, false) => quote!(#runtime::read_optional_enum),
                (Access::Enum, true) => quote!(#runtime::read_required_enum),
                (Access::EnumList, false) => quote!(#runtime::read_optional_enum_list),
                (Access::EnumList, true) => quote!(#runtime::read_required_enum_list),
            };
            quote!(#function(&mut map, &mut extra, #position)?)
        });
    let finishes = shape.fields.iter().zip(&slots).map(|(field, slot)| {
        let field_name = ident(&field.name);
        let wire = &field.wire;
        if field.required {
            quote! {
                #field_name: match #slot {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => {
                        return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::missing_field(#wire));
                    }
                },
            }
        } else {
            quote! { #field_name: #slot.flatten(), }
        }
    });
    let key_match = key_match(&wires, &positions);
    let slot_declarations = slots.iter().zip(slot_types).map(|(slot, ty)| {
        quote! { let mut #slot: ::std::option::Option<#ty> = ::std::option::Option::None; }
    });
    let bodies: Vec<TokenStream> = slots
        .iter()
        .zip(reads)
        .map(|(slot, read)| {
            quote! {
                if #slot.is_some() {
                    return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::custom(::std::format_args!("duplicate field `{}`", key)));
                }
                #slot = ::std::option::Option::Some(#read);
            }
        })
        .collect();
    let dispatch = match bodies.split_last() {
        None => quote!(let _ = field;),
        Some((only, [])) => quote! { let _ = field; #only },
        Some((last, rest)) => {
            let rest_positions = &positions[..rest.len()];
            quote! {
                match field {
                    #(#rest_positions => { #rest })*
                    _ => { #last }
                }
            }
        }
    };
    quote! {
        impl #impl_generics ::serde::Deserialize<'de> for #name #type_generics {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                #visitor_decl
                impl #impl_generics ::serde::de::Visitor<'de> for Visitor #visitor_generics {
                    type Value = #name #type_generics;

                    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        formatter.write_str(#expecting)
                    }

                    fn visit_map<A>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error>
                    where
                        A: ::serde::de::MapAccess<'de>,
                    {
                        const FIELDS: &[&str] = &[#(#wires),*];
                        let mut extra = #runtime::Extra::default();
                        #(#slot_declarations)*
                        let mut spill = ::std::string::String::new();
                        while let ::std::option::Option::Some(key) = ::serde::de::MapAccess::next_key_seed(&mut map, #runtime::KeySeed(&mut spill))? {
                            let key = key.text(&spill);
                            let known: ::std::option::Option<u16> = #key_match;
                            let field = match known {
                                ::std::option::Option::Some(field) => field,
                                ::std::option::Option::None => {
                                    let other = key;
                                    match #runtime::fold_field(other, FIELDS) {
                                        ::std::option::Option::Some(field) => {
                                            extra.note_key(field, other);
                                            field
                                        }
                                        ::std::option::Option::None => {
                                            #runtime::read_unknown(&mut map, &mut extra, key)?;
                                            continue;
                                        }
                                    }
                                }
                            };
                            #dispatch
                        }
                        ::std::result::Result::Ok(#name {
                            #(#finishes)*
                            extra,
                        })
                    }
                }
                deserializer.deserialize_map(#visitor_new)
            }
        }
    }
}

/// Matches an object key against the wire names of the fields, by length first.
///
/// A `match` on string literals compares the key with every arm in turn; switching on the length
/// first leaves only the few names of that length to compare, so a key costs a jump and one or
/// two comparisons instead of up to one per field. Evaluates to the field's index, if any.
fn key_match(wires: &[&str], positions: &[Literal]) -> TokenStream {
    let mut by_length: BTreeMap<usize, Vec<(&str, &Literal)>> = BTreeMap::new();
    for (wire, position) in wires.iter().zip(positions) {
        by_length
            .entry(wire.len())
            .or_default()
            .push((wire, position));
    }
    if by_length.is_empty() {
        return quote!(::std::option::Option::None);
    }
    let arms = by_length.iter().map(|(length, names)| {
        let names_arms = names.iter().map(|(wire, position)| {
            quote! { #wire => ::std::option::Option::Some(#position), }
        });
        quote! {
            #length => match key {
                #(#names_arms)*
                _ => ::std::option::Option::None,
            },
        }
    });
    quote! {
        match key.len() {
            #(#arms)*
            _ => ::std::option::Option::None,
        }
    }
}
