//! Hand-written runtime that generated models call to read and write JSON without losing anything.
//!
//! The generated `Deserialize` impls keep every field the spec does not know, every key spelled
//! differently from the spec (the service binds keys case-insensitively), every explicit `null`,
//! and every enum value that arrived in another spelling or as an integer. The generated
//! `Serialize` impls use that memory to write the body back as it came. All of it lives in one
//! [`Extra`] per object, which costs a single null pointer when the wire matched the spec exactly.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Marks a scalar (non-list) position in the spelling memory.
const SCALAR: u32 = u32::MAX;

/// What a model kept from the wire beyond its typed fields.
///
/// It holds the fields the spec does not know, in the order they arrived, as raw JSON; they are
/// written back when the model is serialized. It also remembers, privately, how the wire spelled
/// known keys and enum values and where it sent `null`, so that a round trip gives the same JSON.
#[derive(Clone, Default)]
pub struct Extra {
    inner: Option<Box<ExtraInner>>,
}

#[derive(Clone, Default)]
struct ExtraInner {
    unknown: Vec<(String, Box<RawValue>)>,
    key_spellings: Vec<(u16, Box<str>)>,
    nulls: Vec<u16>,
    value_spellings: Vec<ValueSpelling>,
}

/// An enum value that the wire spelled differently from the spec's canonical spelling.
#[derive(Clone, PartialEq)]
struct ValueSpelling {
    field: u16,
    element: u32,
    variant: usize,
    raw: serde_json::Value,
}

impl PartialEq for ExtraInner {
    fn eq(&self, other: &Self) -> bool {
        let same_unknown = self.unknown.len() == other.unknown.len()
            && self
                .unknown
                .iter()
                .zip(&other.unknown)
                .all(|((ka, va), (kb, vb))| ka == kb && va.get() == vb.get());
        same_unknown
            && self.key_spellings == other.key_spellings
            && self.nulls == other.nulls
            && self.value_spellings == other.value_spellings
    }
}

impl Extra {
    /// Returns the number of unknown fields kept.
    pub fn len(&self) -> usize {
        self.inner.as_ref().map_or(0, |inner| inner.unknown.len())
    }

    /// Returns `true` when no unknown field was kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Returns the raw JSON of the unknown field `key`, if it was received.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value)
    }

    /// Parses the unknown field `key` into `T`; `None` when the field is absent.
    pub fn get_as<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Option<serde_json::Result<T>> {
        self.get(key).map(|raw| serde_json::from_str(raw.get()))
    }

    /// Iterates over the unknown fields in the order they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.inner
            .iter()
            .flat_map(|inner| inner.unknown.iter())
            .map(|(key, value)| (key.as_str(), &**value))
    }

    /// Sets the unknown field `key` to `value`, returning the previous value if there was one.
    pub fn insert(
        &mut self,
        key: impl Into<String>,
        value: Box<RawValue>,
    ) -> Option<Box<RawValue>> {
        let key = key.into();
        let unknown = &mut self.inner_mut().unknown;
        match unknown.iter_mut().find(|(name, _)| *name == key) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                unknown.push((key, value));
                None
            }
        }
    }

    /// Serializes `value` to JSON and sets it as the unknown field `key`.
    pub fn insert_json<T: Serialize + ?Sized>(
        &mut self,
        key: impl Into<String>,
        value: &T,
    ) -> serde_json::Result<Option<Box<RawValue>>> {
        Ok(self.insert(key, serde_json::value::to_raw_value(value)?))
    }

    /// Removes the unknown field `key`, returning its raw JSON if it was present.
    pub fn remove(&mut self, key: &str) -> Option<Box<RawValue>> {
        let inner = self.inner.as_mut()?;
        let position = inner.unknown.iter().position(|(name, _)| name == key)?;
        Some(inner.unknown.remove(position).1)
    }

    /// Forgets how the wire spelled known keys and enum values and where it sent `null`.
    ///
    /// Afterwards the model serializes in the spec's canonical form; unknown fields are kept.
    pub fn forget_spellings(&mut self) {
        if let Some(inner) = self.inner.as_mut() {
            inner.key_spellings.clear();
            inner.nulls.clear();
            inner.value_spellings.clear();
        }
    }

    /// Returns `true` when nothing was ever recorded: no unknown field arrived, and the wire
    /// matched the spec's spelling of every key and enum value and sent no `null`. Generated
    /// `Serialize` impls then write plain canonical entries. Once anything was recorded (even if
    /// later removed or forgotten) this stays `false` and the remembering path is taken, which
    /// writes the same bytes for the same content, only more slowly.
    #[doc(hidden)]
    #[inline]
    pub fn is_pristine(&self) -> bool {
        self.inner.is_none()
    }

    fn inner_mut(&mut self) -> &mut ExtraInner {
        self.inner.get_or_insert_with(Default::default)
    }

    /// Records that known field `field` arrived under the key spelling `key`.
    #[doc(hidden)]
    #[inline]
    pub fn note_key(&mut self, field: u16, key: &str) {
        self.inner_mut().key_spellings.push((field, key.into()));
    }

    /// Records that optional field `field` arrived as an explicit `null`.
    #[doc(hidden)]
    #[inline]
    pub fn note_null(&mut self, field: u16) {
        self.inner_mut().nulls.push(field);
    }

    /// Keeps an unknown field exactly as it arrived.
    #[doc(hidden)]
    #[inline]
    pub fn push_unknown(&mut self, key: String, value: Box<RawValue>) {
        self.inner_mut().unknown.push((key, value));
    }

    #[inline]
    fn note_value(&mut self, field: u16, element: u32, variant: usize, raw: serde_json::Value) {
        self.inner_mut().value_spellings.push(ValueSpelling {
            field,
            element,
            variant,
            raw,
        });
    }

    /// Returns the key spelling to write for known field `field`.
    #[doc(hidden)]
    #[inline]
    pub fn key<'a>(&'a self, field: u16, canonical: &'a str) -> &'a str {
        match &self.inner {
            None => canonical,
            Some(inner) => inner
                .key_spellings
                .iter()
                .find(|(index, _)| *index == field)
                .map_or(canonical, |(_, key)| key),
        }
    }

    #[inline]
    fn was_null(&self, field: u16) -> bool {
        self.inner
            .as_ref()
            .is_some_and(|inner| inner.nulls.contains(&field))
    }

    #[inline]
    fn value_spelling(
        &self,
        field: u16,
        element: u32,
        variant: usize,
    ) -> Option<&serde_json::Value> {
        self.inner
            .as_ref()?
            .value_spellings
            .iter()
            .find_map(|note| {
                (note.field == field && note.element == element && note.variant == variant)
                    .then_some(&note.raw)
            })
    }

    /// Writes every unknown field into `map`.
    #[doc(hidden)]
    #[inline]
    pub fn write_unknown<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.iter()
            .try_for_each(|(key, value)| map.serialize_entry(key, value))
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        let empty = ExtraInner::default();
        self.inner.as_deref().unwrap_or(&empty) == other.inner.as_deref().unwrap_or(&empty)
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(key, value)| (key, value.get())))
            .finish()
    }
}

/// An object key as it arrived: borrowed from the input, or, when the reader had to unescape
/// or copy it, spilled into a buffer the generated visitor owns.
///
/// A `Copy` enum with no owned variant (so no drop) keeps the per-key cost of a generated
/// visitor close to what `serde`'s derived field visitors pay; a `Cow` here measurably slowed
/// every key.
#[doc(hidden)]
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
#[doc(hidden)]
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
#[doc(hidden)]
#[inline]
pub fn fold_field(key: &str, fields: &[&str]) -> Option<u16> {
    fields
        .iter()
        .position(|name| name.eq_ignore_ascii_case(key))
        .and_then(|index| u16::try_from(index).ok())
}

/// Compares two enum spellings ignoring ASCII case and underscores (`one_time` = `OneTime`).
pub fn loose_eq(a: &str, b: &str) -> bool {
    let mut left = a.bytes().filter(|byte| *byte != b'_');
    let mut right = b.bytes().filter(|byte| *byte != b'_');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// Reads an optional field; `null` reads as absent and is remembered for the round trip.
#[doc(hidden)]
#[inline]
pub fn read_optional<'de, A, T>(
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
#[doc(hidden)]
#[inline]
pub fn read_optional_list<'de, A, T>(
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
#[doc(hidden)]
#[inline]
pub fn read_required_list<'de, A, T>(
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
fn collect_tight<T, Er>(
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
#[doc(hidden)]
#[inline]
pub fn read_optional_enum<'de, A, E>(
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
#[doc(hidden)]
#[inline]
pub fn read_required_enum<'de, A, E>(
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
#[doc(hidden)]
#[inline]
pub fn read_optional_enum_list<'de, A, E>(
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
#[doc(hidden)]
#[inline]
pub fn read_required_enum_list<'de, A, E>(
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
#[doc(hidden)]
#[inline]
pub fn read_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Extra,
    key: &str,
) -> Result<(), A::Error> {
    let value = map.next_value::<Box<RawValue>>()?;
    extra.push_unknown(key.to_owned(), value);
    Ok(())
}

/// Writes an optional field: its value, the `null` it arrived as, or nothing.
#[doc(hidden)]
#[inline]
pub fn write_optional<M, T>(
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
#[doc(hidden)]
#[inline]
pub fn write_required<M, T>(
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
#[doc(hidden)]
#[inline]
pub fn write_required_list<M, T>(
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
#[doc(hidden)]
#[inline]
pub fn write_optional_enum<M, E>(
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
#[doc(hidden)]
#[inline]
pub fn write_required_enum<M, E>(
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
#[doc(hidden)]
#[inline]
pub fn write_optional_enum_list<M, E>(
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
#[doc(hidden)]
#[inline]
pub fn write_required_enum_list<M, E>(
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

struct EnumOut<'a, E>(&'a E);

impl<E: WireEnum> Serialize for EnumOut<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_enum(self.0, serializer)
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

/// An enum value that the spec does not list, kept exactly as the service sent it.
///
/// Boxed, so that the rare unlisted value does not make every enum value larger.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OtherValue(Box<OtherRepr>);

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum OtherRepr {
    /// A JSON string, unescaped.
    Text(String),
    /// Any other JSON value, as compact JSON text.
    Json(String),
}

impl OtherValue {
    /// Wraps a string value.
    pub fn text(value: impl Into<String>) -> Self {
        Self(Box::new(OtherRepr::Text(value.into())))
    }

    /// Wraps any JSON value; strings are kept as text.
    pub fn json(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::String(text) => Self::text(text),
            other => Self(Box::new(OtherRepr::Json(other.to_string()))),
        }
    }

    /// Returns the value when the service sent a string.
    pub fn as_str(&self) -> Option<&str> {
        match &*self.0 {
            OtherRepr::Text(text) => Some(text),
            OtherRepr::Json(_) => None,
        }
    }

    /// Returns the value as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        match &*self.0 {
            OtherRepr::Text(text) => serde_json::Value::String(text.clone()),
            OtherRepr::Json(json) => serde_json::from_str(json).unwrap_or(serde_json::Value::Null),
        }
    }
}

impl fmt::Display for OtherValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            OtherRepr::Text(text) | OtherRepr::Json(text) => f.write_str(text),
        }
    }
}

impl Serialize for OtherValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &*self.0 {
            OtherRepr::Text(text) => serializer.serialize_str(text),
            OtherRepr::Json(_) => self.to_json().serialize(serializer),
        }
    }
}

/// A string enum generated from the spec: its documented values plus a catch-all.
///
/// Generated enums implement this; the hand-written functions below do the reading and
/// writing, so that every enum behaves the same way.
pub trait WireEnum: Sized {
    /// The enum's name, for error messages.
    const NAME: &'static str;
    /// The canonical wire spelling of each documented value, by variant index.
    const WIRE_VALUES: &'static [&'static str];
    /// The integer the service may send for each documented value, by variant index; empty when
    /// the enum is never sent as a number.
    const POSITIONS: &'static [i64];
    /// Returns the documented value with variant index `index`.
    fn from_index(index: usize) -> Self;
    /// Returns the variant index of a documented value, `None` for a value the spec does not list.
    fn index(&self) -> Option<usize>;
    /// Wraps a value the spec does not list.
    fn from_other(value: OtherValue) -> Self;
    /// Returns the value the spec does not list, if this is one.
    fn other(&self) -> Option<&OtherValue>;
}

/// Returns the canonical wire spelling of a documented value, or the text of an unlisted one.
pub fn enum_str<E: WireEnum>(value: &E) -> Cow<'_, str> {
    match (value.index(), value.other()) {
        (Some(index), _) => Cow::Borrowed(E::WIRE_VALUES[index]),
        (None, Some(other)) => match other.as_str() {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(other.to_string()),
        },
        (None, None) => Cow::Borrowed(""),
    }
}

/// Parses an enum from text: exact spelling first, then ignoring case and underscores.
pub fn parse_enum<E: WireEnum>(text: &str) -> E {
    match match_spelling::<E>(text) {
        Some((index, _)) => E::from_index(index),
        None => E::from_other(OtherValue::text(text)),
    }
}

/// Finds the documented value for `text`; the flag says whether the spelling was canonical.
#[inline]
fn match_spelling<E: WireEnum>(text: &str) -> Option<(usize, bool)> {
    if let Some(index) = E::WIRE_VALUES.iter().position(|wire| *wire == text) {
        return Some((index, true));
    }
    E::WIRE_VALUES
        .iter()
        .position(|wire| loose_eq(wire, text))
        .map(|index| (index, false))
}

/// Serializes a documented value in its canonical spelling, an unlisted one as it arrived.
#[inline]
pub fn serialize_enum<E: WireEnum, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match (value.index(), value.other()) {
        (Some(index), _) => serializer.serialize_str(E::WIRE_VALUES[index]),
        (None, Some(other)) => other.serialize(serializer),
        (None, None) => serializer.serialize_unit(),
    }
}

/// Deserializes an enum value; spellings other than the canonical one read as the known value.
pub fn deserialize_enum<'de, E: WireEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    let seed = EnumSeed::<E> {
        memo: None,
        nullable: false,
        kind: PhantomData,
    };
    seed.deserialize(deserializer)?
        .ok_or_else(|| de::Error::custom("null is not an enum value"))
}

/// Where the non-canonical spelling of a decoded enum value is written down.
struct Memo<'a> {
    extra: &'a mut Extra,
    field: u16,
    element: u32,
}

/// Reads one enum value in one pass: `null` is `None` when `nullable` (otherwise an unlisted
/// value), and a non-canonical spelling is written into the memo, if there is one.
struct EnumSeed<'a, E> {
    memo: Option<Memo<'a>>,
    nullable: bool,
    kind: PhantomData<E>,
}

impl<'de, E: WireEnum> DeserializeSeed<'de> for EnumSeed<'_, E> {
    type Value = Option<E>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<E: WireEnum> EnumSeed<'_, E> {
    /// The documented value at `index`, remembering `raw` when it was not the canonical spelling.
    #[inline]
    fn known(self, index: usize, raw: Option<serde_json::Value>) -> Option<E> {
        if let (Some(memo), Some(raw)) = (self.memo, raw) {
            memo.extra.note_value(memo.field, memo.element, index, raw);
        }
        Some(E::from_index(index))
    }

    fn other(value: serde_json::Value) -> Option<E> {
        Some(E::from_other(OtherValue::json(value)))
    }

    fn integer<Er: de::Error>(self, value: i128) -> Result<Option<E>, Er> {
        let position = i64::try_from(value)
            .ok()
            .and_then(|value| E::POSITIONS.iter().position(|known| *known == value));
        let raw = serde_json::Value::from(
            serde_json::Number::from_i128(value)
                .ok_or_else(|| Er::custom(format_args!("integer {value} does not fit in JSON")))?,
        );
        Ok(match position {
            Some(index) => self.known(index, Some(raw)),
            None => Self::other(raw),
        })
    }
}

impl<'de, E: WireEnum> Visitor<'de> for EnumSeed<'_, E> {
    type Value = Option<E>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a value of `{}`", E::NAME)
    }

    #[inline]
    fn visit_str<Er: de::Error>(self, text: &str) -> Result<Self::Value, Er> {
        Ok(match match_spelling::<E>(text) {
            Some((index, true)) => Some(E::from_index(index)),
            Some((index, false)) => self.known(index, Some(serde_json::Value::from(text))),
            None => Some(E::from_other(OtherValue::text(text))),
        })
    }

    fn visit_i64<Er: de::Error>(self, value: i64) -> Result<Self::Value, Er> {
        self.integer(i128::from(value))
    }

    fn visit_u64<Er: de::Error>(self, value: u64) -> Result<Self::Value, Er> {
        self.integer(i128::from(value))
    }

    fn visit_f64<Er: de::Error>(self, value: f64) -> Result<Self::Value, Er> {
        Ok(Self::other(serde_json::Value::from(value)))
    }

    fn visit_bool<Er: de::Error>(self, value: bool) -> Result<Self::Value, Er> {
        Ok(Self::other(serde_json::Value::Bool(value)))
    }

    fn visit_unit<Er: de::Error>(self) -> Result<Self::Value, Er> {
        Ok(if self.nullable {
            None
        } else {
            Self::other(serde_json::Value::Null)
        })
    }

    fn visit_none<Er: de::Error>(self) -> Result<Self::Value, Er> {
        self.visit_unit()
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Self::other(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Self::other(value))
    }
}

/// Reads an optional list of enum values, writing each non-canonical spelling into `extra`.
struct OptionalEnumListSeed<'a, E> {
    extra: &'a mut Extra,
    field: u16,
    kind: PhantomData<E>,
}

impl<'de, E: WireEnum> DeserializeSeed<'de> for OptionalEnumListSeed<'_, E> {
    type Value = Option<Vec<E>>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, E: WireEnum> Visitor<'de> for OptionalEnumListSeed<'_, E> {
    type Value = Option<Vec<E>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of `{}` values", E::NAME)
    }

    fn visit_unit<Er: de::Error>(self) -> Result<Self::Value, Er> {
        Ok(None)
    }

    fn visit_none<Er: de::Error>(self) -> Result<Self::Value, Er> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let extra = self.extra;
        let field = self.field;
        let values = collect_tight(|index| {
            let element = u32::try_from(index).map_err(|_| de::Error::custom("list too long"))?;
            let memo = Memo {
                extra: &mut *extra,
                field,
                element,
            };
            let seed = EnumSeed::<E> {
                memo: Some(memo),
                nullable: false,
                kind: PhantomData,
            };
            match seq.next_element_seed(seed)? {
                Some(Some(value)) => Ok(Some(value)),
                Some(None) => Err(de::Error::custom("null is not an enum value")),
                None => Ok(None),
            }
        })?;
        Ok(Some(values))
    }
}

/// A JSON value kept exactly as received (the spec leaves it free-form): every byte of it,
/// numbers and key order included, is written back. Parse it on demand.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// Serializes `value` into raw JSON.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Self> {
        serde_json::value::to_raw_value(value).map(Self)
    }

    /// Returns the JSON text exactly as received.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Parses the value into `T`.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(self.0.get())
    }

    /// Parses the value into a `serde_json::Value` (numbers beyond `f64` lose precision there).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or(serde_json::Value::Null)
    }

    /// Returns the text of a JSON string value, unescaped; `None` for any other value.
    pub fn as_string(&self) -> Option<String> {
        serde_json::from_str(self.0.get()).ok()
    }
}

impl Default for RawJson {
    /// JSON `null`.
    fn default() -> Self {
        Self(RawValue::NULL.to_owned())
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson {}

impl std::hash::Hash for RawJson {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Self)
    }
}

/// A JSON object with arbitrary keys, kept in arrival order with any repeated keys, so that it
/// is written back exactly; lookups see the last value of a repeated key, as JSON readers do.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct OrderedMap<T> {
    entries: Vec<(String, T)>,
}

impl<T> Default for OrderedMap<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<T> OrderedMap<T> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries, repeated keys counted each time.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key` (the last one, if the key was repeated).
    pub fn get(&self, key: &str) -> Option<&T> {
        self.entries
            .iter()
            .rev()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    /// The value of `key`, mutably (the last one, if the key was repeated).
    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        self.entries
            .iter_mut()
            .rev()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value` (replacing the last value of the key), returning the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: T) -> Option<T> {
        let key = key.into();
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Removes every entry of `key`, returning the last value.
    pub fn remove(&mut self, key: &str) -> Option<T> {
        let mut removed = None;
        while let Some(position) = self.entries.iter().position(|(name, _)| name == key) {
            removed = Some(self.entries.remove(position).1);
        }
        removed
    }

    /// Iterates over the entries in arrival order, repeated keys included.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }
}

impl<T: fmt::Debug> fmt::Debug for OrderedMap<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Into<String>, T> FromIterator<(K, T)> for OrderedMap<T> {
    fn from_iter<I: IntoIterator<Item = (K, T)>>(iter: I) -> Self {
        Self {
            entries: iter
                .into_iter()
                .map(|(key, value)| (key.into(), value))
                .collect(),
        }
    }
}

impl<T> IntoIterator for OrderedMap<T> {
    type Item = (String, T);
    type IntoIter = std::vec::IntoIter<(String, T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<T: Serialize> Serialize for OrderedMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrderedMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for MapVisitor<T> {
            type Value = OrderedMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    entries.push((key, value));
                }
                Ok(OrderedMap { entries })
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Offer, SupportedBillingCycles};

    fn offer_with_lists(length: usize) -> String {
        let actions: Vec<String> = (0..length).map(|n| format!("action{n}")).collect();
        let cycles: Vec<&str> = ["monthly", "annual"]
            .into_iter()
            .cycle()
            .take(length)
            .collect();
        serde_json::json!({ "actions": actions, "supportedBillingCycles": cycles }).to_string()
    }

    #[test]
    fn lists_are_sized_to_their_length() {
        for length in 0..=12 {
            let text = offer_with_lists(length);
            let offer: Offer = serde_json::from_str(&text).expect("decodes");
            let actions = offer.actions.as_ref().expect("actions present");
            let cycles = offer
                .supported_billing_cycles
                .as_ref()
                .expect("cycles present");
            // Exact by construction up to three elements; beyond, `shrink_to_fit` on the global
            // allocator trims the capacity to the length.
            assert_eq!((actions.len(), actions.capacity()), (length, length));
            assert_eq!((cycles.len(), cycles.capacity()), (length, length));
            if length > 1 {
                assert_eq!(actions[length - 1], format!("action{}", length - 1));
                assert_eq!(cycles[1], SupportedBillingCycles::Annual);
            }
            assert_eq!(serde_json::to_string(&offer).expect("encodes"), text);
        }
    }

    #[test]
    fn keys_that_cannot_be_borrowed_are_read_too() {
        let escaped = r#"{"\u0069d":"A","na\u006De":"B","ne\u0077":1,"Descr\u0069ption":"C"}"#;
        let offer: Offer = serde_json::from_str(escaped).expect("decodes");
        assert_eq!(offer.id.as_deref(), Some("A"));
        assert_eq!(offer.name.as_deref(), Some("B"));
        assert_eq!(offer.description.as_deref(), Some("C"));
        assert_eq!(offer.extra.get("new").map(|raw| raw.get()), Some("1"));
        assert_eq!(
            serde_json::to_string(&offer).expect("encodes"),
            r#"{"Description":"C","id":"A","name":"B","new":1}"#
        );
        let from_reader: Offer =
            serde_json::from_reader(escaped.as_bytes()).expect("decodes from a reader");
        assert_eq!(from_reader, offer);
    }

    #[test]
    fn the_pristine_and_the_remembering_writers_agree() {
        let canonical = r#"{"acquisitionType":"purchase","actions":["Cancel"],"category":{"id":"c","name":"n"},"supportedBillingCycles":["monthly"],"term":1}"#;
        let pristine: Offer = serde_json::from_str(canonical).expect("decodes");
        assert!(pristine.extra.is_pristine());
        let with_unknown = canonical.replacen('{', r#"{"later":1,"#, 1);
        let mut remembering: Offer = serde_json::from_str(&with_unknown).expect("decodes");
        assert!(!remembering.extra.is_pristine());
        assert_eq!(
            serde_json::to_string(&remembering).expect("encodes"),
            format!("{}{}", &canonical[..canonical.len() - 1], r#","later":1}"#)
        );
        remembering.extra.remove("later");
        assert!(!remembering.extra.is_pristine());
        assert_eq!(
            serde_json::to_string(&remembering).expect("encodes"),
            canonical
        );
        assert_eq!(
            serde_json::to_string(&pristine).expect("encodes"),
            canonical
        );
    }
}
