//! Tells enum fields from plain ones at compile time, so the derive needs no attribute for it.
//!
//! The derive cannot see whether a field's type is an enum. It writes
//! `(&Probe::<T>::new()).access()`: method lookup tries `Probe<T>` before `&Probe<T>`, so an
//! enum (`T: WireEnum`) gets [`EnumAccess`] and anything else, generic parameters included,
//! [`PlainAccess`]. Both offer the same methods, so the derived code is the same either way.

use std::marker::PhantomData;

use serde::de::MapAccess;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use super::enums::WireEnum;
use super::fields;
use crate::Extra;

/// The compile-time question "is `T` an enum?".
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    /// Asks about `T`.
    #[inline]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Answers [`EnumAccess`] for enums; found first, as it takes `&Probe<T>`.
pub trait EnumKind<T> {
    /// The accessor for enum fields.
    fn access(&self) -> EnumAccess<T>;
}

impl<T: WireEnum> EnumKind<T> for Probe<T> {
    #[inline]
    fn access(&self) -> EnumAccess<T> {
        EnumAccess(PhantomData)
    }
}

/// Answers [`PlainAccess`] for everything else; found second, as it takes `&&Probe<T>`.
pub trait PlainKind<T> {
    /// The accessor for plain fields.
    fn access(&self) -> PlainAccess<T>;
}

impl<T> PlainKind<T> for &Probe<T> {
    #[inline]
    fn access(&self) -> PlainAccess<T> {
        PlainAccess(PhantomData)
    }
}

/// Reads and writes fields of a plain type `T` (or lists of it).
pub struct PlainAccess<T>(PhantomData<T>);

/// Reads and writes fields of an enum type `E` (or lists of it), keeping spellings.
pub struct EnumAccess<E>(PhantomData<E>);

impl<T> PlainAccess<T> {
    /// Reads an optional field; `null` reads as absent and is remembered.
    #[inline]
    pub fn read_optional<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<T>, A::Error>
    where
        T: Deserialize<'de>,
    {
        fields::read_optional(map, extra, field)
    }

    /// Reads a required field.
    #[inline]
    pub fn read_required<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        _extra: &mut Extra,
        _field: u16,
    ) -> Result<T, A::Error>
    where
        T: Deserialize<'de>,
    {
        map.next_value()
    }

    /// Reads an optional list into a tightly sized vector; `null` reads as absent.
    #[inline]
    pub fn read_optional_list<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<Vec<T>>, A::Error>
    where
        T: Deserialize<'de>,
    {
        fields::read_optional_list(map, extra, field)
    }

    /// Reads a required list; `null` reads as an empty list and is remembered.
    #[inline]
    pub fn read_required_list<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Vec<T>, A::Error>
    where
        T: Deserialize<'de>,
    {
        fields::read_required_list(map, extra, field)
    }

    /// Writes an optional field: its value, the `null` it arrived as, or nothing.
    #[inline]
    pub fn write_optional<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        fields::write_optional(map, extra, field, key, value)
    }

    /// Writes a required field.
    #[inline]
    pub fn write_required<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &T,
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        fields::write_required(map, extra, field, key, value)
    }

    /// Writes an optional list.
    #[inline]
    pub fn write_optional_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<T>>,
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        fields::write_optional(map, extra, field, key, value)
    }

    /// Writes a required list, as `null` again when it arrived so and is still empty.
    #[inline]
    pub fn write_required_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[T],
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        fields::write_required_list(map, extra, field, key, value)
    }
}

impl<E: WireEnum> EnumAccess<E> {
    /// Reads an optional enum field, remembering a non-canonical spelling.
    #[inline]
    pub fn read_optional<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<E>, A::Error> {
        fields::read_optional_enum(map, extra, field)
    }

    /// Reads a required enum field, remembering a non-canonical spelling.
    #[inline]
    pub fn read_required<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<E, A::Error> {
        fields::read_required_enum(map, extra, field)
    }

    /// Reads an optional list of enum values, remembering each non-canonical spelling.
    #[inline]
    pub fn read_optional_list<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<Vec<E>>, A::Error> {
        fields::read_optional_enum_list(map, extra, field)
    }

    /// Reads a required list of enum values; `null` reads as an empty list and is remembered.
    #[inline]
    pub fn read_required_list<'de, A: MapAccess<'de>>(
        self,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Vec<E>, A::Error> {
        fields::read_required_enum_list(map, extra, field)
    }

    /// Writes an optional enum field in the spelling it arrived in.
    #[inline]
    pub fn write_optional<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<E>,
    ) -> Result<(), M::Error> {
        fields::write_optional_enum(map, extra, field, key, value)
    }

    /// Writes a required enum field in the spelling it arrived in.
    #[inline]
    pub fn write_required<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &E,
    ) -> Result<(), M::Error> {
        fields::write_required_enum(map, extra, field, key, value)
    }

    /// Writes an optional list of enum values, each in the spelling it arrived in.
    #[inline]
    pub fn write_optional_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<E>>,
    ) -> Result<(), M::Error> {
        fields::write_optional_enum_list(map, extra, field, key, value)
    }

    /// Writes a required list of enum values, each in the spelling it arrived in.
    #[inline]
    pub fn write_required_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[E],
    ) -> Result<(), M::Error> {
        fields::write_required_enum_list(map, extra, field, key, value)
    }
}
