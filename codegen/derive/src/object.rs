//! Expands `Lossless` on a struct: a `Deserialize` visitor and a `Serialize` impl.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::{
    DeriveInput, FieldsNamed, GenericArgument, Generics, Ident, Path, PathArguments, Type,
    parse_quote,
};

use crate::attrs::{member_attrs, type_attrs};

/// A declared field, as the expansion needs it.
struct Field<'a> {
    ident: &'a Ident,
    wire: String,
    /// `Option<...>`: absent and `null` read as `None`.
    optional: bool,
    /// `Vec<...>` (inside the option, if any): read into a tight vector, `null` kept.
    list: bool,
    /// The type the probe asks about: the element of a list, the content of an option.
    item: &'a Type,
}

/// Returns the single type argument of `ty` when its last path segment is `name`.
fn unwrap_generic<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// The runtime path from the type's attribute, or the default.
pub(crate) fn runtime_path(krate: Option<Path>) -> Path {
    krate.unwrap_or_else(|| parse_quote!(::codegen_runtime))
}

/// Adds `bound` for every type parameter of `generics`.
pub(crate) fn with_bound(generics: &Generics, bound: TokenStream) -> Generics {
    let mut generics = generics.clone();
    let params: Vec<Ident> = generics
        .type_params()
        .map(|param| param.ident.clone())
        .collect();
    let clause = generics.make_where_clause();
    for param in params {
        clause.predicates.push(parse_quote!(#param: #bound));
    }
    generics
}

pub(crate) fn expand(input: &DeriveInput, named: &FieldsNamed) -> syn::Result<TokenStream> {
    let type_attrs = type_attrs(&input.attrs)?;
    if type_attrs.tag.is_some() {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`tag` belongs on a union: an enum whose variants each hold one value",
        ));
    }
    let runtime = runtime_path(type_attrs.krate);
    let mut fields = Vec::new();
    let mut extra: Option<&Ident> = None;
    let mut named_extra: Option<&Ident> = None;
    for field in &named.named {
        let Some(ident) = field.ident.as_ref() else {
            continue;
        };
        let attrs = member_attrs(&field.attrs)?;
        if attrs.other
            || attrs.position.is_some()
            || !attrs.tags.is_empty()
            || attrs.value.is_some()
        {
            return Err(syn::Error::new_spanned(
                ident,
                "`other`, `position`, `tag` and `value` belong on enum variants",
            ));
        }
        if attrs.extra {
            if extra.is_some() {
                return Err(syn::Error::new_spanned(
                    ident,
                    "only one field can be `#[lossless(extra)]`",
                ));
            }
            extra = Some(ident);
            continue;
        }
        let name = ident.to_string();
        let name = name.strip_prefix("r#").unwrap_or(&name);
        if name == "extra" && attrs.rename.is_none() {
            named_extra = Some(ident);
        }
        let wire = match (&attrs.rename, type_attrs.rename_all) {
            (Some(rename), _) => rename.clone(),
            (None, Some(rule)) => rule.apply_to_field(name),
            (None, None) => name.to_owned(),
        };
        let (optional, inner) = match unwrap_generic(&field.ty, "Option") {
            Some(inner) => (true, inner),
            None => (false, &field.ty),
        };
        let (list, item) = match unwrap_generic(inner, "Vec") {
            Some(item) => (true, item),
            None => (false, inner),
        };
        fields.push(Field {
            ident,
            wire,
            optional,
            list,
            item,
        });
    }
    let extra = match (extra, named_extra) {
        (Some(extra), _) => extra,
        (None, Some(extra)) => {
            fields.retain(|field| field.ident != extra);
            extra
        }
        (None, None) => {
            return Err(syn::Error::new_spanned(
                &input.ident,
                "a `Lossless` struct needs a field that keeps unknown fields: \
                 `extra: Extra`, or any `Extra` field marked `#[lossless(extra)]`",
            ));
        }
    };
    // Field positions are `u16`s and `u16::MAX` means "no field" at run time.
    if fields.len() >= usize::from(u16::MAX) {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "a `Lossless` struct can have at most 65534 fields",
        ));
    }
    let mut seen = BTreeMap::new();
    for field in &fields {
        if let Some(previous) = seen.insert(field.wire.as_str(), field.ident) {
            return Err(syn::Error::new_spanned(
                field.ident,
                format!(
                    "fields `{previous}` and `{}` both have the wire name `{}`",
                    field.ident, field.wire
                ),
            ));
        }
    }
    let serialize = serialize(input, &fields, extra, &runtime);
    let deserialize = deserialize(input, &fields, extra, &runtime);
    let member = union_member(input, &fields);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            use #runtime::__private as __lossless;
            #serialize
            #deserialize
            #member
        };
    })
}

fn position(index: usize) -> Literal {
    Literal::u16_unsuffixed(u16::try_from(index).unwrap_or(u16::MAX))
}

/// The name of a field's reader or writer: `read_` or `write_`, then by optionality and list.
fn accessor(prefix: &str, field: &Field<'_>) -> Ident {
    let kind = match (field.optional, field.list) {
        (true, false) => "optional",
        (true, true) => "optional_list",
        (false, false) => "required",
        (false, true) => "required_list",
    };
    format_ident!("{prefix}_{kind}")
}

/// Says how well a JSON object fits the struct when it is a variant of a union.
fn union_member(input: &DeriveInput, fields: &[Field<'_>]) -> TokenStream {
    let name = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let wires = fields.iter().map(|field| &field.wire);
    let required = fields
        .iter()
        .filter(|field| !field.optional)
        .map(|field| &field.wire);
    quote! {
        impl #impl_generics __lossless::UnionMember for #name #type_generics #where_clause {
            fn fit(outline: &__lossless::Outline<'_>) -> __lossless::Option<u32> {
                __lossless::fit_object(outline, &[#(#wires),*], &[#(#required),*])
            }
        }
    }
}

fn serialize(
    input: &DeriveInput,
    fields: &[Field<'_>],
    extra: &Ident,
    runtime: &Path,
) -> TokenStream {
    let name = &input.ident;
    let generics = with_bound(
        &input.generics,
        quote!(#runtime::__private::serde::Serialize),
    );
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let writes: Vec<TokenStream> = fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let ident = field.ident;
            let wire = &field.wire;
            let position = position(index);
            let item = field.item;
            let method = accessor("write", field);
            quote! {
                #position => __lossless::Probe::<#item>::NEW.#method(&mut map, memory, #position, #wire, &self.#ident),
            }
        })
        .collect();
    let count = position(fields.len());
    quote! {
        impl #impl_generics __lossless::serde::Serialize for #name #type_generics #where_clause {
            fn serialize<S>(&self, serializer: S) -> __lossless::Result<S::Ok, S::Error>
            where
                S: __lossless::serde::Serializer,
            {
                use __lossless::{EnumKind as _, PlainKind as _, SerializeMap as _};
                let mut map = serializer.serialize_map(__lossless::None)?;
                let mut order = __lossless::Order::new(&self.#extra, #count);
                let memory = order.memory();
                while let __lossless::Some(field) = order.step() {
                    let step = match field {
                        #(#writes)*
                        __lossless::UNKNOWN => order.unknown(&mut map),
                        _ => __lossless::Ok(()),
                    };
                    if let __lossless::Err(error) = step {
                        return __lossless::Err(error);
                    }
                }
                order.finish(&mut map)?;
                map.end()
            }
        }
    }
}

fn deserialize(
    input: &DeriveInput,
    fields: &[Field<'_>],
    extra: &Ident,
    runtime: &Path,
) -> TokenStream {
    let name = &input.ident;
    let (visitor_generics, type_generics, visitor_where) = input.generics.split_for_impl();
    let mut generics = with_bound(
        &input.generics,
        quote!(#runtime::__private::serde::Deserialize<'de>),
    );
    generics.params.insert(0, parse_quote!('de));
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let expecting = format!("an object of type `{name}`");
    let wires: Vec<&str> = fields.iter().map(|field| field.wire.as_str()).collect();
    let slots: Vec<Ident> = (0..fields.len())
        .map(|index| format_ident!("__slot_{index}"))
        .collect();
    let positions: Vec<Literal> = (0..fields.len()).map(position).collect();
    let reads: Vec<TokenStream> = fields
        .iter()
        .zip(&slots)
        .zip(&positions)
        .map(|((field, slot), position)| {
            let item = field.item;
            let method = accessor("read", field);
            quote! {
                __lossless::Probe::<#item>::NEW.#method(&mut #slot, &mut map, &mut extra, #position, key)
            }
        })
        .collect();
    let dispatch = match reads.split_last() {
        None => quote!(let _ = field;),
        Some((only, [])) => quote! { let _ = field; #only?; },
        Some((last, rest)) => {
            let rest_positions = &positions[..rest.len()];
            quote! {
                match field {
                    #(#rest_positions => #rest,)*
                    _ => #last,
                }?;
            }
        }
    };
    let finishes = fields.iter().zip(&slots).map(|(field, slot)| {
        let ident = field.ident;
        let wire = &field.wire;
        if field.optional {
            quote! { #ident: #slot.flatten(), }
        } else {
            quote! {
                #ident: match #slot {
                    __lossless::Some(value) => value,
                    __lossless::None => return __lossless::Err(__lossless::missing_field(#wire)),
                },
            }
        }
    });
    let words = fields.len().div_ceil(64);
    let count = position(fields.len());
    let key_match = key_match(&wires, &positions);
    let (visitor, visitor_value) = if input.generics.params.is_empty() {
        (
            quote!(
                struct __Visitor;
            ),
            quote!(__Visitor),
        )
    } else {
        (
            quote! {
                struct __Visitor #visitor_generics (__lossless::PhantomData<fn() -> #name #type_generics>) #visitor_where;
            },
            quote!(__Visitor(__lossless::PhantomData)),
        )
    };
    quote! {
        impl #impl_generics __lossless::serde::Deserialize<'de> for #name #type_generics #where_clause {
            fn deserialize<D>(deserializer: D) -> __lossless::Result<Self, D::Error>
            where
                D: __lossless::serde::Deserializer<'de>,
            {
                #visitor

                impl #impl_generics __lossless::Visitor<'de> for __Visitor #type_generics #where_clause {
                    type Value = #name #type_generics;

                    fn expecting(&self, formatter: &mut __lossless::Formatter<'_>) -> __lossless::FmtResult {
                        formatter.write_str(#expecting)
                    }

                    fn visit_map<A>(self, mut map: A) -> __lossless::Result<Self::Value, A::Error>
                    where
                        A: __lossless::MapAccess<'de>,
                    {
                        use __lossless::{EnumKind as _, PlainKind as _};
                        const FIELDS: &[&str] = &[#(#wires),*];
                        let mut extra = #runtime::Extra::default();
                        let mut arrivals = __lossless::Arrivals::<#words>::new(#count);
                        #(let mut #slots = __lossless::None;)*
                        let mut spill = __lossless::String::new();
                        while let __lossless::Some(key) = __lossless::next_key(&mut map, &mut spill)? {
                            let key = key.text(&spill);
                            let mut field: u16 = #key_match;
                            if field == __lossless::UNKNOWN {
                                field = __lossless::unmatched_key(&mut map, &mut extra, &mut arrivals, key, FIELDS)?;
                                if field == __lossless::UNKNOWN {
                                    continue;
                                }
                            }
                            #dispatch
                            arrivals.field(&mut extra, field);
                        }
                        arrivals.finish(&mut extra);
                        __lossless::Ok(#name {
                            #(#finishes)*
                            #extra: extra,
                        })
                    }
                }

                __lossless::serde::Deserializer::deserialize_map(deserializer, #visitor_value)
            }
        }
    }
}

/// Matches an object key against the wire names, by length first.
///
/// A `match` on string literals compares the key with every arm in turn; switching on the length
/// first leaves only the few names of that length to compare, so a key costs a jump and one or
/// two comparisons instead of up to one per field. Evaluates to the field's index, or
/// `UNKNOWN` for a key that names no field.
fn key_match(wires: &[&str], positions: &[Literal]) -> TokenStream {
    let mut by_length: BTreeMap<usize, Vec<(&str, &Literal)>> = BTreeMap::new();
    for (wire, position) in wires.iter().zip(positions) {
        by_length
            .entry(wire.len())
            .or_default()
            .push((wire, position));
    }
    if by_length.is_empty() {
        return quote!(__lossless::UNKNOWN);
    }
    let arms = by_length.iter().map(|(length, names)| {
        let names_arms = names.iter().map(|(wire, position)| {
            quote! { #wire => #position, }
        });
        quote! {
            #length => match key {
                #(#names_arms)*
                _ => __lossless::UNKNOWN,
            },
        }
    });
    quote! {
        match key.len() {
            #(#arms)*
            _ => __lossless::UNKNOWN,
        }
    }
}
