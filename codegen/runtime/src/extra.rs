//! `Extra`: what a lossless model kept from the wire beyond its typed fields.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::RawJson;

/// What a model kept from the wire beyond its typed fields.
///
/// It holds the fields the model does not declare, in the order they arrived, as [`RawJson`];
/// they are written back when the model is serialized. It also remembers, privately, how the
/// wire spelled known keys and enum values, where it sent `null`, which numbers of floating-point
/// fields it wrote as integers, and the order of the keys when it was not the canonical one
/// (declared fields in declaration order, then unknown fields), so that a round trip gives the
/// same JSON.
///
/// Equality and `Debug` both see the unknown fields only: two models that hold the same values
/// compare equal even when one arrived as `{"Id":"a"}` and the other as `{"id":"a"}`. The
/// remembered spellings change how a model is written, not what it holds.
///
/// An `Extra` that recorded nothing is one null pointer.
#[derive(Clone, Default)]
pub struct Extra {
    inner: Option<Box<ExtraInner>>,
}

#[derive(Clone, Default)]
struct ExtraInner {
    unknown: Vec<(String, RawJson)>,
    key_spellings: Vec<(u16, Box<str>)>,
    nulls: Vec<u16>,
    value_spellings: Vec<ValueSpelling>,
    /// The keys in the order they arrived, when that was not the canonical order: declared
    /// field indices, and `UNKNOWN` for the next unknown field; complete (every declared field
    /// once, those that never arrived last) once the reader finished. Empty when it was
    /// canonical.
    order: Vec<u16>,
    /// The number of declared fields of the struct `order` was completed for; 0 until then.
    order_fields: u16,
    /// Floating-point values that arrived as integers: field, element, the value's bits.
    integers: Vec<(u16, u32, u64)>,
}

/// An enum value that the wire spelled differently from its canonical spelling.
#[derive(Clone)]
struct ValueSpelling {
    field: u16,
    element: u32,
    variant: usize,
    raw: serde_json::Value,
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
    pub fn get(&self, key: &str) -> Option<&RawJson> {
        self.iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value)
    }

    /// Parses the unknown field `key` into `T`; `None` when the field is absent.
    pub fn get_as<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Option<serde_json::Result<T>> {
        self.get(key).map(RawJson::parse)
    }

    /// Iterates over the unknown fields in the order they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawJson)> {
        self.inner
            .iter()
            .flat_map(|inner| inner.unknown.iter())
            .map(|(key, value)| (key.as_str(), value))
    }

    /// Sets the unknown field `key` to `value`, returning the previous value if there was one.
    pub fn insert(&mut self, key: impl Into<String>, value: RawJson) -> Option<RawJson> {
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
    ) -> serde_json::Result<Option<RawJson>> {
        Ok(self.insert(key, RawJson::from_serialize(value)?))
    }

    /// Removes the unknown field `key`, returning its raw JSON if it was present.
    pub fn remove(&mut self, key: &str) -> Option<RawJson> {
        let inner = self.inner.as_mut()?;
        let position = inner.unknown.iter().position(|(name, _)| name == key)?;
        // The recorded order names unknown fields by their turn; the removed one gives up its.
        if let Some(step) = inner
            .order
            .iter()
            .enumerate()
            .filter(|(_, step)| **step == crate::__private::UNKNOWN)
            .nth(position)
            .map(|(step, _)| step)
        {
            inner.order.remove(step);
        }
        Some(inner.unknown.remove(position).1)
    }

    /// Forgets how the wire spelled known keys, enum values and integral numbers, where it sent
    /// `null` and the order its keys came in.
    ///
    /// Afterwards the model serializes in its canonical form; unknown fields are kept.
    pub fn forget_spellings(&mut self) {
        if let Some(inner) = self.inner.as_mut() {
            inner.key_spellings.clear();
            inner.nulls.clear();
            inner.value_spellings.clear();
            inner.order.clear();
            inner.order_fields = 0;
            inner.integers.clear();
        }
    }

    /// Returns `true` when nothing was ever recorded: no unknown field arrived, and the wire
    /// matched the canonical spelling of every key and enum value and sent no `null`.
    ///
    /// Once anything was recorded (even if later removed or forgotten) this stays `false`.
    /// Serialization writes each field's plain canonical entry while no key spelling, `null`,
    /// enum value spelling or integer is remembered, unknown fields and key order or not, and
    /// takes the remembering path otherwise, which writes the same bytes for the same content,
    /// only more slowly.
    #[inline]
    pub fn is_pristine(&self) -> bool {
        self.inner.is_none()
    }

    fn inner_mut(&mut self) -> &mut ExtraInner {
        self.inner.get_or_insert_with(Default::default)
    }

    /// Records that known field `field` arrived under the key spelling `key`.
    #[inline]
    pub(crate) fn note_key(&mut self, field: u16, key: &str) {
        self.inner_mut().key_spellings.push((field, key.into()));
    }

    /// Records that field `field` arrived as an explicit `null`.
    #[inline]
    pub(crate) fn note_null(&mut self, field: u16) {
        self.inner_mut().nulls.push(field);
    }

    /// Keeps an unknown field exactly as it arrived.
    #[inline]
    pub(crate) fn push_unknown(&mut self, key: String, value: RawJson) {
        self.inner_mut().unknown.push((key, value));
    }

    /// Records that element `element` of field `field` spelled documented value `variant` as
    /// `raw`.
    #[inline]
    pub(crate) fn note_value(
        &mut self,
        field: u16,
        element: u32,
        variant: usize,
        raw: serde_json::Value,
    ) {
        self.inner_mut().value_spellings.push(ValueSpelling {
            field,
            element,
            variant,
            raw,
        });
    }

    /// Starts the recorded arrival order at the first key out of canonical order: the declared
    /// fields `before` that key (they arrived in declaration order), then `unknowns` unknown
    /// fields, with room for `capacity` steps.
    #[cold]
    pub(crate) fn start_order(
        &mut self,
        before: impl Iterator<Item = u16>,
        unknowns: u32,
        capacity: usize,
    ) {
        let order = &mut self.inner_mut().order;
        order.clear();
        order.reserve(capacity);
        order.extend(before);
        order.extend((0..unknowns).map(|_| crate::__private::UNKNOWN));
    }

    /// Appends a key to the recorded arrival order: a declared field index, or `UNKNOWN` for
    /// the next unknown field.
    #[inline]
    pub(crate) fn push_order(&mut self, step: u16) {
        self.inner_mut().order.push(step);
    }

    /// Completes the recorded arrival order of a struct with `fields` declared fields: appends
    /// those that never arrived (`absent`, in declaration order), so that it names each
    /// declared field once.
    #[cold]
    pub(crate) fn complete_order(&mut self, absent: impl Iterator<Item = u16>, fields: u16) {
        let inner = self.inner_mut();
        inner.order.extend(absent);
        inner.order_fields = fields;
    }

    /// The recorded arrival order, when one was recorded for a struct of `fields` declared
    /// fields: each declared field once, and `UNKNOWN` for each unknown field.
    #[inline]
    pub(crate) fn order(&self, fields: usize) -> Option<&[u16]> {
        let inner = self.inner.as_ref()?;
        (!inner.order.is_empty() && usize::from(inner.order_fields) == fields)
            .then_some(inner.order.as_slice())
    }

    /// Whether a writer must consult this `Extra`: it remembers a key spelling, a `null`, an
    /// enum value's spelling or an integer. Unknown fields and the key order are the
    /// struct's writer's own business.
    #[inline]
    pub(crate) fn remembers_values(&self) -> bool {
        self.inner.as_ref().is_some_and(|inner| {
            !(inner.key_spellings.is_empty()
                && inner.nulls.is_empty()
                && inner.value_spellings.is_empty()
                && inner.integers.is_empty())
        })
    }

    /// An `Extra` that recorded nothing.
    #[inline]
    pub(crate) fn empty() -> &'static Extra {
        static EMPTY: Extra = Extra { inner: None };
        &EMPTY
    }

    /// The unknown field at `index` in arrival order.
    #[inline]
    pub(crate) fn unknown_at(&self, index: usize) -> Option<(&str, &RawJson)> {
        let (key, value) = self.inner.as_ref()?.unknown.get(index)?;
        Some((key, value))
    }

    /// Records that element `element` of floating-point field `field` arrived as an integer
    /// whose value is `value`.
    #[inline]
    pub(crate) fn note_integer(&mut self, field: u16, element: u32, value: f64) {
        self.inner_mut()
            .integers
            .push((field, element, value.to_bits()));
    }

    /// Whether element `element` of field `field` arrived as an integer and still holds the
    /// value it arrived with.
    #[inline]
    pub(crate) fn arrived_integer(&self, field: u16, element: u32, value: f64) -> bool {
        let bits = value.to_bits();
        self.inner
            .as_ref()
            .is_some_and(|inner| inner.integers.contains(&(field, element, bits)))
    }

    /// Returns the key spelling to write for known field `field`.
    #[inline]
    pub(crate) fn key<'a>(&'a self, field: u16, canonical: &'a str) -> &'a str {
        match &self.inner {
            None => canonical,
            Some(inner) => inner
                .key_spellings
                .iter()
                .find(|(index, _)| *index == field)
                .map_or(canonical, |(_, key)| key),
        }
    }

    /// Whether field `field` arrived as an explicit `null`.
    #[inline]
    pub(crate) fn was_null(&self, field: u16) -> bool {
        self.inner
            .as_ref()
            .is_some_and(|inner| inner.nulls.contains(&field))
    }

    /// The spelling element `element` of field `field` used for documented value `variant`.
    #[inline]
    pub(crate) fn value_spelling(
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
    #[inline]
    pub(crate) fn write_unknown<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.iter()
            .try_for_each(|(key, value)| map.serialize_entry(key, value))
    }
}

impl PartialEq for Extra {
    /// Compares the unknown fields, in order; remembered spellings and `null`s are not compared.
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Extra {
    /// Shows the unknown fields, as `Eq` compares them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_and_debug_see_the_same_things() {
        let mut remembered = Extra::default();
        remembered.note_key(0, "Id");
        remembered.note_null(1);
        let plain = Extra::default();
        assert_eq!(remembered, plain);
        assert_eq!(format!("{remembered:?}"), format!("{plain:?}"));
        assert!(!remembered.is_pristine());

        let mut unknown = Extra::default();
        unknown.insert("later", RawJson::from_text("1").expect("valid"));
        assert_ne!(unknown, plain);
        assert_eq!(format!("{unknown:?}"), r#"{"later": 1}"#);
    }

    #[test]
    fn insert_replaces_and_remove_takes() {
        let mut extra = Extra::default();
        assert!(extra.insert_json("a", &1).expect("encodes").is_none());
        let old = extra.insert_json("a", &[2, 3]).expect("encodes");
        assert_eq!(old.map(|raw| raw.get().to_owned()).as_deref(), Some("1"));
        assert_eq!(extra.get("a").map(RawJson::get), Some("[2,3]"));
        assert_eq!(
            extra.get_as::<Vec<u8>>("a").map(Result::ok),
            Some(Some(vec![2, 3]))
        );
        assert_eq!(extra.len(), 1);
        assert!(extra.remove("a").is_some());
        assert!(extra.is_empty());
    }
}
