//! Expands `Lossless` on a struct: `Serialize`, `Deserialize` and `ReadStruct` impls that hand
//! the runtime a tuple of per-field slots or writers.

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
    let all_wires = fields.iter().map(|field| &field.wire);
    let serialize = serialize(input, &fields, extra, &runtime);
    let deserialize = deserialize(input, &fields, extra, &runtime);
    let member = union_member(input, &fields);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            use #runtime::__private as __lossless;
            const FIELDS: &[&str] = &[#(#all_wires),*];
            #serialize
            #deserialize
            #member
        };
    })
}

fn position(index: usize) -> Literal {
    Literal::u16_unsuffixed(u16::try_from(index).unwrap_or(u16::MAX))
}

/// The method of [`Probe`] that makes a field's slot (`suffix` empty) or writer (`_out`), by
/// its optionality and list-ness.
///
/// [`Probe`]: https://docs.rs/codegen-runtime/latest/codegen_runtime/__private/struct.Probe.html
fn shape(field: &Field<'_>, suffix: &str) -> Ident {
    let kind = match (field.optional, field.list) {
        (true, false) => "optional",
        (true, true) => "optional_list",
        (false, false) => "required",
        (false, true) => "required_list",
    };
    format_ident!("{kind}{suffix}")
}

/// Nests `items` into tuples of at most 16: the items in groups of 16, the groups in groups of
/// 16, and so on, every element but the last of a level full, as the runtime's `Slots` and
/// `Writers` dispatch expects.
fn nest(items: Vec<TokenStream>) -> TokenStream {
    if items.len() <= GROUP {
        return quote!((#(#items,)*));
    }
    let groups = items
        .chunks(GROUP)
        .map(|chunk| quote!((#(#chunk,)*)))
        .collect();
    nest(groups)
}

/// The most elements in one tuple of slots or writers.
const GROUP: usize = 16;

/// Says how well a JSON object fits the struct when it is a variant of a union.
fn union_member(input: &DeriveInput, fields: &[Field<'_>]) -> TokenStream {
    let name = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let required = fields
        .iter()
        .filter(|field| !field.optional)
        .map(|field| &field.wire);
    quote! {
        impl #impl_generics __lossless::UnionMember for #name #type_generics #where_clause {
            fn fit(outline: &__lossless::Outline<'_>) -> __lossless::Option<u32> {
                __lossless::fit_object(outline, FIELDS, &[#(#required),*])
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
    let writers = fields
        .iter()
        .map(|field| {
            let ident = field.ident;
            let item = field.item;
            let method = shape(field, "_out");
            quote!(__lossless::Probe::<#item>::NEW.#method(&self.#ident))
        })
        .collect();
    let writers = nest(writers);
    quote! {
        impl #impl_generics __lossless::serde::Serialize for #name #type_generics #where_clause {
            fn serialize<S>(&self, serializer: S) -> __lossless::Result<S::Ok, S::Error>
            where
                S: __lossless::serde::Serializer,
            {
                use __lossless::{EnumKind as _, PlainKind as _};
                __lossless::serialize_struct(serializer, &self.#extra, &#writers, FIELDS)
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
    let (_, type_generics, _) = input.generics.split_for_impl();
    let mut generics = with_bound(
        &input.generics,
        quote!(#runtime::__private::serde::Deserialize<'de>),
    );
    generics.params.insert(0, parse_quote!('de));
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let expecting = format!("an object of type `{name}`");
    let wires: Vec<&str> = fields.iter().map(|field| field.wire.as_str()).collect();
    let positions: Vec<Literal> = (0..fields.len()).map(position).collect();
    let slots = nest(
        fields
            .iter()
            .map(|field| {
                let item = field.item;
                let method = shape(field, "");
                quote!(__lossless::Probe::<#item>::NEW.#method())
            })
            .collect(),
    );
    let values: Vec<Ident> = (0..fields.len())
        .map(|index| format_ident!("__value_{index}"))
        .collect();
    let pattern = nest(values.iter().map(|value| quote!(#value)).collect());
    let idents = fields.iter().map(|field| field.ident);
    let words = fields.len().div_ceil(64);
    let key_match = key_match(&wires, &positions);
    quote! {
        impl #impl_generics __lossless::ReadStruct<'de> for #name #type_generics #where_clause {
            const EXPECTING: &'static str = #expecting;

            fn read_map<A>(map: A) -> __lossless::Result<Self, A::Error>
            where
                A: __lossless::MapAccess<'de>,
            {
                use __lossless::{EnumKind as _, PlainKind as _};
                match __lossless::read_struct::<#words, _, _, _>(map, FIELDS, find_field, #slots) {
                    __lossless::Ok((#pattern, extra)) => __lossless::Ok(Self {
                        #(#idents: #values,)*
                        #extra: extra,
                    }),
                    __lossless::Err(error) => __lossless::Err(error),
                }
            }
        }

        /// The index of the declared field whose wire name is `key`, else `UNKNOWN`.
        fn find_field(key: &str) -> u16 {
            #key_match
        }

        impl #impl_generics __lossless::serde::Deserialize<'de> for #name #type_generics #where_clause {
            fn deserialize<D>(deserializer: D) -> __lossless::Result<Self, D::Error>
            where
                D: __lossless::serde::Deserializer<'de>,
            {
                __lossless::deserialize_struct(deserializer)
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
