//! `OrderedMap`: a JSON object with arbitrary keys, kept in arrival order.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::__private::{IntegerOut, IntegerSeed};

/// A JSON object with arbitrary keys, kept in arrival order with any repeated keys, so that it
/// is written back exactly; lookups see the last value of a repeated key, as JSON readers do.
///
/// A floating-point value (`OrderedMap<f64>`, `OrderedMap<Option<f32>>`, ...) that arrived as an
/// integer (`5`, within ±2^53) is written as `5` again as long as its entry holds that value; one
/// that arrived as `5.0`, and any value you set, is written as `serde_json` writes the float.
/// Equality, hashing and `Debug` see the entries only.
#[derive(Clone)]
pub struct OrderedMap<T> {
    entries: Vec<(String, T)>,
    /// The entries whose float arrived as an integer; `None` when there were none, so that a
    /// map costs one word more, not three.
    integers: Option<Box<Integers>>,
}

/// The entries whose float arrived as an integer, by index in order: the index and the float's
/// bits.
#[derive(Clone)]
struct Integers(Vec<(usize, u64)>);

impl<T> Default for OrderedMap<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            integers: None,
        }
    }
}

impl<T: PartialEq> PartialEq for OrderedMap<T> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl<T: Eq> Eq for OrderedMap<T> {}

impl<T: Hash> Hash for OrderedMap<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.entries.hash(state);
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
            if let Some(integers) = self.integers.as_mut() {
                // The entries after the removed one move up; so do their notes.
                integers.0.retain(|(index, _)| *index != position);
                for (index, _) in integers.0.iter_mut().filter(|(index, _)| *index > position) {
                    *index -= 1;
                }
            }
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
            integers: None,
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
        let Some(integers) = self.integers.as_deref() else {
            for (key, value) in &self.entries {
                map.serialize_entry(key, value)?;
            }
            return map.end();
        };
        let mut noted = integers.0.iter().peekable();
        for (index, (key, value)) in self.entries.iter().enumerate() {
            match noted.next_if(|(at, _)| *at == index) {
                Some(&(_, integer)) => map.serialize_entry(key, &IntegerOut { value, integer })?,
                None => map.serialize_entry(key, value)?,
            }
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
                let mut integers = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let mut integer = None;
                    let value = map.next_value_seed(IntegerSeed::<T> {
                        integer: &mut integer,
                        kind: PhantomData,
                    })?;
                    if let Some(bits) = integer {
                        integers.push((entries.len(), bits));
                    }
                    entries.push((key, value));
                }
                Ok(OrderedMap {
                    entries,
                    integers: (!integers.is_empty()).then(|| Box::new(Integers(integers))),
                })
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}
