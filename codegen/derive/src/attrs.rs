//! Reads the `#[lossless(...)]` attributes of a type and of its fields and variants.

use codegen_case::RenameRule;
use syn::{Attribute, LitInt, LitStr, Path};

/// What the type-level attribute says.
#[derive(Default)]
pub(crate) struct TypeAttrs {
    /// The rule that turns member names into wire names.
    pub(crate) rename_all: Option<RenameRule>,
    /// The path of the runtime crate.
    pub(crate) krate: Option<Path>,
    /// The property a union is tagged by.
    pub(crate) tag: Option<String>,
}

/// What a field's or variant's attribute says.
#[derive(Default)]
pub(crate) struct MemberAttrs {
    /// The wire name, overriding `rename_all`.
    pub(crate) rename: Option<String>,
    /// The field keeps unknown fields.
    pub(crate) extra: bool,
    /// The variant is the catch-all.
    pub(crate) other: bool,
    /// The integer the service may send for the variant.
    pub(crate) position: Option<i64>,
    /// The tag values that select a union variant.
    pub(crate) tags: Vec<String>,
    /// The literal JSON value of a variant of an integer or boolean enum.
    pub(crate) value: Option<LiteralValue>,
}

/// The JSON literal a variant of an integer or boolean enum stands for.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum LiteralValue {
    /// A JSON integer.
    Integer(i128),
    /// A JSON boolean.
    Boolean(bool),
}

impl LiteralValue {
    /// The value's JSON text.
    pub(crate) fn json(self) -> String {
        match self {
            Self::Integer(value) => value.to_string(),
            Self::Boolean(value) => value.to_string(),
        }
    }
}

fn lossless(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("lossless"))
}

/// Reads the type-level attributes.
pub(crate) fn type_attrs(attrs: &[Attribute]) -> syn::Result<TypeAttrs> {
    let mut out = TypeAttrs::default();
    for attr in lossless(attrs) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let rule: LitStr = meta.value()?.parse()?;
                out.rename_all = Some(RenameRule::from_name(&rule.value()).ok_or_else(|| {
                    syn::Error::new_spanned(
                        &rule,
                        format!("unknown rename rule `{}`", rule.value()),
                    )
                })?);
                Ok(())
            } else if meta.path.is_ident("crate") {
                let path: LitStr = meta.value()?.parse()?;
                out.krate = Some(path.parse()?);
                Ok(())
            } else if meta.path.is_ident("tag") {
                let tag: LitStr = meta.value()?.parse()?;
                out.tag = Some(tag.value());
                Ok(())
            } else {
                Err(meta
                    .error("unknown `lossless` attribute; expected `rename_all`, `crate` or `tag`"))
            }
        })?;
    }
    Ok(out)
}

/// Reads a field's or a variant's attributes.
pub(crate) fn member_attrs(attrs: &[Attribute]) -> syn::Result<MemberAttrs> {
    let mut out = MemberAttrs::default();
    for attr in lossless(attrs) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let name: LitStr = meta.value()?.parse()?;
                out.rename = Some(name.value());
            } else if meta.path.is_ident("extra") {
                out.extra = true;
            } else if meta.path.is_ident("other") {
                out.other = true;
            } else if meta.path.is_ident("position") {
                let input = meta.value()?;
                let negative = input.parse::<Option<syn::Token![-]>>()?.is_some();
                let position: LitInt = input.parse()?;
                let position: i64 = position.base10_parse()?;
                out.position = Some(if negative { -position } else { position });
            } else if meta.path.is_ident("tag") {
                let tag: LitStr = meta.value()?.parse()?;
                out.tags.push(tag.value());
            } else if meta.path.is_ident("value") {
                let input = meta.value()?;
                if input.peek(syn::LitBool) {
                    let value: syn::LitBool = input.parse()?;
                    out.value = Some(LiteralValue::Boolean(value.value));
                } else {
                    let negative = input.parse::<Option<syn::Token![-]>>()?.is_some();
                    let value: LitInt = input.parse()?;
                    let value: i128 = value.base10_parse()?;
                    out.value = Some(LiteralValue::Integer(if negative { -value } else { value }));
                }
            } else {
                return Err(meta.error(
                    "unknown `lossless` attribute; expected `rename`, `extra`, `other`, `position`, `tag` or `value`",
                ));
            }
            Ok(())
        })?;
    }
    Ok(out)
}
