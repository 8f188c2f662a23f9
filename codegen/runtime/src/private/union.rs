//! Union machinery: how a value is matched to one variant of a `oneOf`/`anyOf` union.
//!
//! A union reads its value once as [`RawJson`], looks at its outline (its JSON kind, the keys
//! of an object, the text of a string, the value of an integer) and then decodes the value as
//! the variant that fits best. Every type a union can hold says how well a value fits it
//! ([`UnionMember`]): the derive implements it for structs, enums and unions, and this module for
//! the primitives, lists, maps and raw JSON. A value no variant accepts is kept in the union's
//! catch-all, so reading and writing a union never loses a byte: a number variant takes only
//! what it writes back as the same text (`5` and `1.5`, not `5.0` or `1e3`).

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde::{Deserialize, Serialize, Serializer};

use super::enums::{WireEnum, match_spelling};
use super::numbers::{UnionFloat, decode_exact};
use crate::{OrderedMap, RawJson};

/// What a union knows of a value before it picks a variant.
#[derive(Debug, Clone, PartialEq)]
pub enum Outline<'a> {
    /// JSON `null`.
    Null,
    /// A JSON boolean.
    Bool(bool),
    /// A JSON number without fraction or exponent.
    Integer(i128),
    /// Any other JSON number.
    Number,
    /// A JSON string, unescaped.
    String(Cow<'a, str>),
    /// A JSON array.
    Array,
    /// A JSON object: its keys in order, and the value of the tag key when it is a string.
    Object {
        /// The keys, in order.
        keys: Vec<Cow<'a, str>>,
        /// The string value of the key the union is tagged by, if any.
        tag: Option<Cow<'a, str>>,
    },
}

impl<'a> Outline<'a> {
    /// Reads the outline of `raw`, noting the string value of `tag` when the value is an object.
    pub fn of(raw: &'a RawJson, tag: Option<&str>) -> Self {
        let mut deserializer = serde_json::Deserializer::from_str(raw.get());
        OutlineSeed { tag }
            .deserialize(&mut deserializer)
            .unwrap_or(Self::Null)
    }

    /// Whether an object has every key in `required`.
    fn has_keys(&self, required: &[&str]) -> bool {
        match self {
            Self::Object { keys, .. } => required
                .iter()
                .all(|wanted| keys.iter().any(|key| key == wanted)),
            _ => false,
        }
    }
}

struct OutlineSeed<'t> {
    tag: Option<&'t str>,
}

impl<'de> DeserializeSeed<'de> for OutlineSeed<'_> {
    type Value = Outline<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OutlineSeed<'_> {
    type Value = Outline<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Outline::Null)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Outline::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Outline::Integer(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Outline::Integer(value.into()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Outline::Number)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Outline::String(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Outline::String(Cow::Owned(value.to_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Outline::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys = Vec::new();
        let mut tag = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if tag.is_none() && self.tag == Some(key.as_ref()) {
                tag = map.next_value::<TagValue<'de>>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
            keys.push(key);
        }
        Ok(Outline::Object { keys, tag })
    }
}

/// The value of a tag key: its text when it is a string, nothing otherwise.
struct TagValue<'de>(Option<Cow<'de, str>>);

impl<'de> Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagVisitor;
        impl<'de> Visitor<'de> for TagVisitor {
            type Value = TagValue<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("any JSON value")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(TagValue(Some(Cow::Borrowed(value))))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(TagValue(Some(Cow::Owned(value.to_owned()))))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }
        }
        deserializer.deserialize_any(TagVisitor)
    }
}

/// How well a value fits a type a union may hold: `None` when it cannot be one, otherwise a
/// score where higher is a better fit.
///
/// The scores: raw JSON takes anything at 0; a primitive, a list or a map takes its JSON kind
/// at 1 (a float takes an integer at 0, so an integer variant wins it); an enum takes any string
/// at 1 and a listed one at 3; a struct takes an object that has all its required keys at 1
/// plus one per key it declares.
pub trait UnionMember {
    /// Whether the type's own `Serialize` and `Deserialize` are how a union writes and reads it:
    /// true for all but floats and the lists, options and boxes of them.
    const PLAIN: bool = true;

    /// Scores `outline` for this type.
    fn fit(outline: &Outline<'_>) -> Option<u32>;

    /// Reads the value from its raw JSON; `None` when it does not decode, or when it would not
    /// be written back as the same text.
    #[inline]
    fn decode(raw: &RawJson) -> Option<Self>
    where
        Self: DeserializeOwned,
    {
        raw.parse().ok()
    }

    /// Writes the value as a union holding it does.
    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        Self: Serialize,
    {
        self.serialize(serializer)
    }
}

/// Writes a value as a union holding it does, as an element of a list or an option.
struct Member<'a, T>(&'a T);

impl<T: UnionMember + Serialize> Serialize for Member<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

macro_rules! integer_members {
    ($($ty:ty),*) => {$(
        impl UnionMember for $ty {
            fn fit(outline: &Outline<'_>) -> Option<u32> {
                match outline {
                    Outline::Integer(value) if <$ty>::try_from(*value).is_ok() => Some(1),
                    _ => None,
                }
            }
        }
    )*};
}

integer_members!(i8, i16, i32, i64, u8, u16, u32, u64);

/// How well a value fits a float: any number, an integer below an integer variant.
fn fit_float(outline: &Outline<'_>) -> Option<u32> {
    match outline {
        Outline::Number => Some(1),
        Outline::Integer(_) => Some(0),
        _ => None,
    }
}

macro_rules! float_members {
    ($($ty:ty),*) => {$(
        /// A float variant has no memory of how its number was spelled: it writes an integral
        /// value as an integer and takes only what it writes back as the same text.
        impl UnionMember for $ty {
            const PLAIN: bool = false;

            fn fit(outline: &Outline<'_>) -> Option<u32> {
                fit_float(outline)
            }

            #[inline]
            fn decode(raw: &RawJson) -> Option<Self> {
                decode_exact(raw)
            }

            #[inline]
            fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                UnionFloat(*self).serialize(serializer)
            }
        }
    )*};
}

float_members!(f64, f32);

impl UnionMember for bool {
    fn fit(outline: &Outline<'_>) -> Option<u32> {
        matches!(outline, Outline::Bool(_)).then_some(1)
    }
}

impl UnionMember for String {
    fn fit(outline: &Outline<'_>) -> Option<u32> {
        matches!(outline, Outline::String(_)).then_some(1)
    }
}

impl<T: UnionMember + Serialize + DeserializeOwned> UnionMember for Vec<T> {
    const PLAIN: bool = T::PLAIN;

    fn fit(outline: &Outline<'_>) -> Option<u32> {
        matches!(outline, Outline::Array).then_some(1)
    }

    #[inline]
    fn decode(raw: &RawJson) -> Option<Self> {
        if T::PLAIN {
            return raw.parse().ok();
        }
        let elements: Vec<RawJson> = raw.parse().ok()?;
        elements.iter().map(T::decode).collect()
    }

    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if T::PLAIN {
            return self.serialize(serializer);
        }
        serializer.collect_seq(self.iter().map(Member))
    }
}

impl<T> UnionMember for OrderedMap<T> {
    fn fit(outline: &Outline<'_>) -> Option<u32> {
        matches!(outline, Outline::Object { .. }).then_some(1)
    }
}

impl UnionMember for RawJson {
    fn fit(_: &Outline<'_>) -> Option<u32> {
        Some(0)
    }
}

impl<T: UnionMember + Serialize + DeserializeOwned> UnionMember for Box<T> {
    const PLAIN: bool = T::PLAIN;

    fn fit(outline: &Outline<'_>) -> Option<u32> {
        T::fit(outline)
    }

    #[inline]
    fn decode(raw: &RawJson) -> Option<Self> {
        T::decode(raw).map(Box::new)
    }

    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        T::write(self, serializer)
    }
}

impl<T: UnionMember + Serialize + DeserializeOwned> UnionMember for Option<T> {
    const PLAIN: bool = T::PLAIN;

    fn fit(outline: &Outline<'_>) -> Option<u32> {
        match outline {
            Outline::Null => Some(1),
            _ => T::fit(outline),
        }
    }

    #[inline]
    fn decode(raw: &RawJson) -> Option<Self> {
        if T::PLAIN || raw.get() == "null" {
            return raw.parse().ok();
        }
        T::decode(raw).map(Some)
    }

    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) if !T::PLAIN => serializer.serialize_some(&Member(value)),
            _ => self.serialize(serializer),
        }
    }
}

/// How well a value fits a struct: every required key must be there; each declared key present
/// adds one.
pub fn fit_object(outline: &Outline<'_>, fields: &[&str], required: &[&str]) -> Option<u32> {
    let Outline::Object { keys, .. } = outline else {
        return None;
    };
    if !outline.has_keys(required) {
        return None;
    }
    let known = keys
        .iter()
        .filter(|key| fields.contains(&key.as_ref()))
        .count();
    Some(1 + u32::try_from(known).unwrap_or(u32::MAX - 1))
}

/// How well a value fits a string enum: any string, a listed one better.
pub fn fit_enum<E: WireEnum>(outline: &Outline<'_>) -> Option<u32> {
    match outline {
        Outline::String(text) => Some(if match_spelling::<E>(text).is_some() {
            3
        } else {
            1
        }),
        Outline::Integer(value) if !E::POSITIONS.is_empty() => Some(
            if E::POSITIONS
                .iter()
                .any(|position| i128::from(*position) == *value)
            {
                3
            } else {
                1
            },
        ),
        _ => None,
    }
}

/// How well a value fits an enum of literal values (integers or booleans): its JSON kind, a
/// listed value better.
pub fn fit_literal(outline: &Outline<'_>, raw_values: &[&str]) -> Option<u32> {
    let listed = |text: &str| raw_values.contains(&text);
    match outline {
        Outline::Integer(value) => Some(if listed(&value.to_string()) { 3 } else { 1 }),
        Outline::Bool(value) => Some(if listed(if *value { "true" } else { "false" }) {
            3
        } else {
            1
        }),
        _ => None,
    }
}

/// One variant of an untagged union: how well a value fits it, and how to read it.
pub struct Candidate<T> {
    /// Scores a value for the variant.
    pub fit: fn(&Outline<'_>) -> Option<u32>,
    /// Reads the variant from the value's text; `None` when it does not decode.
    pub decode: fn(&RawJson) -> Option<T>,
}

/// Reads one variant from raw JSON, `None` when it does not decode (or, for a number, would not
/// be written back as the same text).
#[inline]
pub fn decode_as<T: UnionMember + DeserializeOwned, U>(
    raw: &RawJson,
    wrap: fn(T) -> U,
) -> Option<U> {
    T::decode(raw).map(wrap)
}

/// Reads an untagged union: the variants that fit are tried from the best fit down (in
/// declaration order among equals), and the first that decodes wins; a value none accepts goes
/// to `other`.
pub fn read_untagged<T>(raw: RawJson, candidates: &[Candidate<T>], other: fn(RawJson) -> T) -> T {
    let outline = Outline::of(&raw, None);
    let mut fitting: Vec<(u32, usize)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(index, candidate)| Some(((candidate.fit)(&outline)?, index)))
        .collect();
    fitting.sort_by_key(|(score, index)| (std::cmp::Reverse(*score), *index));
    for (_, index) in fitting {
        if let Some(value) = (candidates[index].decode)(&raw) {
            return value;
        }
    }
    other(raw)
}

/// One tag value of a tagged union and the variant it selects.
pub struct TagCase<T> {
    /// The tag's value.
    pub value: &'static str,
    /// Reads the variant from the value's text; `None` when it does not decode.
    pub decode: fn(&RawJson) -> Option<T>,
}

/// Reads a union tagged by the string property `tag`: the variant named by its value is read,
/// and a value with no tag, an unlisted tag, or a body that variant does not accept goes to
/// `other`.
pub fn read_tagged<T>(raw: RawJson, tag: &str, cases: &[TagCase<T>], other: fn(RawJson) -> T) -> T {
    let decode = match Outline::of(&raw, Some(tag)) {
        Outline::Object {
            tag: Some(value), ..
        } => cases
            .iter()
            .find(|case| case.value == value.as_ref())
            .map(|case| case.decode),
        _ => None,
    };
    match decode.and_then(|decode| decode(&raw)) {
        Some(value) => value,
        None => other(raw),
    }
}

/// How well a value fits a tagged union: an object that has the tag key fits at 2.
pub fn fit_tagged(outline: &Outline<'_>, tag: &str) -> Option<u32> {
    outline.has_keys(&[tag]).then_some(2)
}
