//! Field readers and writers: keys, optional and required fields, lists, enum fields, unknowns.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use super::SCALAR;
use super::enums::{EnumSeed, Memo, OptionalEnumListSeed, WireEnum, serialize_enum};
use crate::{Extra, RawJson};

/// An object key as it arrived: borrowed from the input, or, when the reader had to unescape
/// or copy it, spilled into a buffer the generated visitor owns.
///
/// A `Copy` enum with no owned variant (so no drop) keeps the per-key cost of a generated
/// visitor close to what `serde`'s derived field visitors pay; a `Cow` here measurably slowed
/// every key.
#[derive(Clone, Copy)]
pub enum Key<'de> {
    /// The key, borrowed from the input.
    Borrowed(&'de str),
    /// The key is in the spill buffer given to [`KeySeed`].
    Spilled,
}

impl<'de> Key<'de> {
    /// Returns the key text, from the input or from `spill`.
    #[inline]
    pub fn text<'a>(self, spill: &'a str) -> &'a str
    where
        'de: 'a,
    {
        match self {
            Key::Borrowed(text) => text,
            Key::Spilled => spill,
        }
    }
}

/// Reads an object key, copying it into the spill buffer only when it cannot be borrowed.
pub struct KeySeed<'a>(pub &'a mut String);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        self.0.clear();
        self.0.push_str(v);
        Ok(Key::Spilled)
    }
}

/// Finds the known field whose name equals `key` ignoring ASCII case.
#[inline]
pub fn fold_field(key: &str, fields: &[&str]) -> Option<u16> {
    fields
        .iter()
        .position(|name| name.eq_ignore_ascii_case(key))
        .and_then(|index| u16::try_from(index).ok())
}

/// Reads an optional field; `null` reads as absent and is remembered for the round trip.
#[inline]
pub(super) fn read_optional<'de, A, T>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Option<T>, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    let value = map.next_value::<Option<T>>()?;
    if value.is_none() {
        extra.note_null(field);
    }
    Ok(value)
}

/// Reads an optional list field into a vector sized to its length; `null` reads as absent and
/// is remembered for the round trip.
#[inline]
pub(super) fn read_optional_list<'de, A, T>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Option<Vec<T>>, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    let value = map.next_value_seed(OptionalListSeed::<T>(PhantomData))?;
    if value.is_none() {
        extra.note_null(field);
    }
    Ok(value)
}

/// Reads a required list field; `null` reads as an empty list and is remembered.
#[inline]
pub(super) fn read_required_list<'de, A, T>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Vec<T>, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    Ok(read_optional_list(map, extra, field)?.unwrap_or_default())
}

/// Collects list elements into a vector whose capacity is its length.
///
/// `next` yields the element at the given index, or `None` at the end. Most lists on the wire
/// are short; a growing `Vec` would reserve room for four elements or more and keep it, which
/// across thousands of objects is memory that must be allocated, touched and freed for nothing.
/// A list of up to three elements is moved from locals into an exactly sized vector; a longer
/// one grows as usual and gives back its unused capacity at the end (`shrink_to_fit`, which may
/// move a long list once more).
#[inline]
pub(super) fn collect_tight<T, Er>(
    mut next: impl FnMut(usize) -> Result<Option<T>, Er>,
) -> Result<Vec<T>, Er> {
    let Some(first) = next(0)? else {
        return Ok(Vec::new());
    };
    let Some(second) = next(1)? else {
        return Ok(vec![first]);
    };
    let Some(third) = next(2)? else {
        return Ok(vec![first, second]);
    };
    let Some(fourth) = next(3)? else {
        return Ok(vec![first, second, third]);
    };
    let mut values = Vec::with_capacity(8);
    values.extend([first, second, third, fourth]);
    while let Some(value) = next(values.len())? {
        values.push(value);
    }
    values.shrink_to_fit();
    Ok(values)
}

/// Reads `null` as `None` and an array as a tightly sized vector.
struct OptionalListSeed<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for OptionalListSeed<T> {
    type Value = Option<Vec<T>>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalListSeed<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_unit<Er: de::Error>(self) -> Result<Self::Value, Er> {
        Ok(None)
    }

    fn visit_none<Er: de::Error>(self) -> Result<Self::Value, Er> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer
            .deserialize_seq(ListVisitor(PhantomData))
            .map(Some)
    }
}

/// Reads an array into a tightly sized vector.
struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    #[inline]
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        collect_tight(|_| seq.next_element())
    }
}

/// Reads an optional enum field, remembering a non-canonical spelling.
#[inline]
pub(super) fn read_optional_enum<'de, A, E>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Option<E>, A::Error>
where
    A: MapAccess<'de>,
    E: WireEnum,
{
    let memo = Memo {
        extra: &mut *extra,
        field,
        element: SCALAR,
    };
    let value = map.next_value_seed(EnumSeed::<E> {
        memo: Some(memo),
        nullable: true,
        kind: PhantomData,
    })?;
    if value.is_none() {
        extra.note_null(field);
    }
    Ok(value)
}

/// Reads a required enum field, remembering a non-canonical spelling.
#[inline]
pub(super) fn read_required_enum<'de, A, E>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<E, A::Error>
where
    A: MapAccess<'de>,
    E: WireEnum,
{
    let memo = Memo {
        extra,
        field,
        element: SCALAR,
    };
    let value = map.next_value_seed(EnumSeed::<E> {
        memo: Some(memo),
        nullable: false,
        kind: PhantomData,
    })?;
    value.ok_or_else(|| de::Error::custom("null is not an enum value"))
}

/// Reads an optional list of enum values, remembering each non-canonical spelling.
#[inline]
pub(super) fn read_optional_enum_list<'de, A, E>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Option<Vec<E>>, A::Error>
where
    A: MapAccess<'de>,
    E: WireEnum,
{
    let value = map.next_value_seed(OptionalEnumListSeed::<E> {
        extra: &mut *extra,
        field,
        kind: PhantomData,
    })?;
    if value.is_none() {
        extra.note_null(field);
    }
    Ok(value)
}

/// Reads a required list of enum values; `null` reads as an empty list and is remembered.
#[inline]
pub(super) fn read_required_enum_list<'de, A, E>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Vec<E>, A::Error>
where
    A: MapAccess<'de>,
    E: WireEnum,
{
    Ok(read_optional_enum_list(map, extra, field)?.unwrap_or_default())
}

/// Keeps an unknown field's value exactly as it arrived.
#[inline]
pub fn read_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Extra,
    key: &str,
) -> Result<(), A::Error> {
    let value = map.next_value::<RawJson>()?;
    extra.push_unknown(key.to_owned(), value);
    Ok(())
}

/// Writes an optional field: its value, the `null` it arrived as, or nothing.
#[inline]
pub(super) fn write_optional<M, T>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: &Option<T>,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    T: Serialize,
{
    match value {
        Some(value) => map.serialize_entry(extra.key(field, key), value),
        None if extra.was_null(field) => map.serialize_entry(extra.key(field, key), &()),
        None => Ok(()),
    }
}

/// Writes a required field.
#[inline]
pub(super) fn write_required<M, T>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: &T,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    T: Serialize + ?Sized,
{
    map.serialize_entry(extra.key(field, key), value)
}

/// Writes a required list field, as `null` again when it arrived as `null` and is still empty.
#[inline]
pub(super) fn write_required_list<M, T>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: &[T],
) -> Result<(), M::Error>
where
    M: SerializeMap,
    T: Serialize,
{
    if value.is_empty() && extra.was_null(field) {
        map.serialize_entry(extra.key(field, key), &())
    } else {
        map.serialize_entry(extra.key(field, key), value)
    }
}

/// Writes an optional enum field in the spelling it arrived in, if it still holds that value.
#[inline]
pub(super) fn write_optional_enum<M, E>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: &Option<E>,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    E: WireEnum,
{
    match value {
        Some(value) => write_required_enum(map, extra, field, key, value),
        None => write_optional::<M, ()>(map, extra, field, key, &None),
    }
}

/// Writes a required enum field in the spelling it arrived in, if it still holds that value.
#[inline]
pub(super) fn write_required_enum<M, E>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: &E,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    E: WireEnum,
{
    let key = extra.key(field, key);
    match value
        .index()
        .and_then(|variant| extra.value_spelling(field, SCALAR, variant))
    {
        Some(raw) => map.serialize_entry(key, raw),
        None => map.serialize_entry(key, &EnumOut(value)),
    }
}

/// Writes an optional list of enum values, each in the spelling it arrived in.
#[inline]
pub(super) fn write_optional_enum_list<M, E>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: &Option<Vec<E>>,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    E: WireEnum,
{
    match value {
        Some(values) => write_required_enum_list(map, extra, field, key, values),
        None => write_optional::<M, ()>(map, extra, field, key, &None),
    }
}

/// Writes a required list of enum values, each in the spelling it arrived in.
#[inline]
pub(super) fn write_required_enum_list<M, E>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    values: &[E],
) -> Result<(), M::Error>
where
    M: SerializeMap,
    E: WireEnum,
{
    if values.is_empty() && extra.was_null(field) {
        return map.serialize_entry(extra.key(field, key), &());
    }
    map.serialize_entry(
        extra.key(field, key),
        &EnumListOut {
            values,
            extra,
            field,
        },
    )
}

/// Writes an enum value as its own impl does.
pub(super) struct EnumOut<'a, E>(pub(super) &'a E);

impl<E: WireEnum> Serialize for EnumOut<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_enum(self.0, serializer)
    }
}

/// Writes a list of enum values in their canonical spellings, as a `Vec` of them writes itself.
pub(super) struct EnumSliceOut<'a, E>(pub(super) &'a [E]);

impl<E: WireEnum> Serialize for EnumSliceOut<'_, E> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for value in self.0 {
            seq.serialize_element(&EnumOut(value))?;
        }
        seq.end()
    }
}

struct EnumListOut<'a, E> {
    values: &'a [E],
    extra: &'a Extra,
    field: u16,
}

impl<E: WireEnum> Serialize for EnumListOut<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.values.len()))?;
        for (element, value) in self.values.iter().enumerate() {
            let spelled = u32::try_from(element).ok().and_then(|element| {
                value
                    .index()
                    .and_then(|variant| self.extra.value_spelling(self.field, element, variant))
            });
            match spelled {
                Some(raw) => seq.serialize_element(raw)?,
                None => seq.serialize_element(&EnumOut(value))?,
            }
        }
        seq.end()
    }
}
