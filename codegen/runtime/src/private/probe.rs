//! Tells enum fields from plain ones at compile time, so the derive needs no attribute for it.
//!
//! The derive cannot see whether a field's type is an enum. It writes
//! `Probe::<T>::NEW.read_optional(...)` (or another reader or writer): method lookup tries the
//! methods that take `Probe<T>` by value before those that take `&Probe<T>`, so an enum
//! (`T: WireEnum`) gets [`EnumKind`]'s methods, `f64` and `f32` get the number readers and
//! writers, also through [`EnumKind`] (its impls for them, which remember integers), and anything
//! else, generic parameters included, [`PlainKind`]'s. Both traits have the same methods, so the derived code is the same either
//! way, and each field costs one call to check: the reader also refuses a duplicate and fills
//! the slot, and the writer takes the plain path (the canonical key, no memory to consult) when
//! `extra` recorded nothing, so the derived code holds no per-field branches of its own.

use std::marker::PhantomData;

use serde::de::MapAccess;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use super::duplicate_field;
use super::enums::WireEnum;
use super::fields;
use super::numbers;
use crate::Extra;

/// The compile-time question "is `T` an enum?".
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    /// Asks about `T`.
    pub const NEW: Self = Self(PhantomData);
}

/// Stores a field's value in its slot, or refuses a second value for it.
#[inline]
fn fill<'de, A: MapAccess<'de>, T>(
    slot: &mut Option<T>,
    key: &str,
    read: impl FnOnce() -> Result<T, A::Error>,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate_field(key));
    }
    *slot = Some(read()?);
    Ok(())
}

/// Reads and writes enum fields (or lists of them), keeping spellings, and `f64` and `f32`
/// fields, keeping integers; found first, as its methods take `Probe<T>` by value.
pub trait EnumKind<T> {
    /// Reads an optional enum field into `slot`, remembering a non-canonical spelling.
    fn read_optional<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<Option<T>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>;

    /// Reads a required enum field into `slot`, remembering a non-canonical spelling.
    fn read_required<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<T>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>;

    /// Reads an optional list of enum values into `slot`, remembering each non-canonical
    /// spelling.
    fn read_optional_list<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<Option<Vec<T>>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>;

    /// Reads a required list of enum values into `slot`; `null` reads as an empty list and is
    /// remembered.
    fn read_required_list<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<Vec<T>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>;

    /// Writes an optional enum field in the spelling it arrived in.
    fn write_optional<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error>;

    /// Writes a required enum field in the spelling it arrived in.
    fn write_required<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &T,
    ) -> Result<(), M::Error>;

    /// Writes an optional list of enum values, each in the spelling it arrived in.
    fn write_optional_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<T>>,
    ) -> Result<(), M::Error>;

    /// Writes a required list of enum values, each in the spelling it arrived in.
    fn write_required_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[T],
    ) -> Result<(), M::Error>;
}

impl<E: WireEnum> EnumKind<E> for Probe<E> {
    #[inline]
    fn read_optional<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<Option<E>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error> {
        fill::<A, _>(slot, key, || fields::read_optional_enum(map, extra, field))
    }

    #[inline]
    fn read_required<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<E>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error> {
        fill::<A, _>(slot, key, || fields::read_required_enum(map, extra, field))
    }

    #[inline]
    fn read_optional_list<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<Option<Vec<E>>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error> {
        fill::<A, _>(slot, key, || {
            fields::read_optional_enum_list(map, extra, field)
        })
    }

    #[inline]
    fn read_required_list<'de, A: MapAccess<'de>>(
        self,
        slot: &mut Option<Vec<E>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error> {
        fill::<A, _>(slot, key, || {
            fields::read_required_enum_list(map, extra, field)
        })
    }

    #[inline(always)]
    fn write_optional<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<E>,
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return match value {
                Some(value) => map.serialize_entry(key, &fields::EnumOut(value)),
                None => Ok(()),
            };
        }
        fields::write_optional_enum(map, extra, field, key, value)
    }

    #[inline(always)]
    fn write_required<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &E,
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return map.serialize_entry(key, &fields::EnumOut(value));
        }
        fields::write_required_enum(map, extra, field, key, value)
    }

    #[inline(always)]
    fn write_optional_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<E>>,
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return match value {
                Some(values) => map.serialize_entry(key, &fields::EnumSliceOut(values)),
                None => Ok(()),
            };
        }
        fields::write_optional_enum_list(map, extra, field, key, value)
    }

    #[inline(always)]
    fn write_required_list<M: SerializeMap>(
        self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[E],
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return map.serialize_entry(key, &fields::EnumSliceOut(value));
        }
        fields::write_required_enum_list(map, extra, field, key, value)
    }
}

/// `f64` and `f32` fields (or lists of them) take [`EnumKind`]'s by-value methods too: they keep
/// integers integral (no type is both an enum and a float, and one trait for both kinds spares
/// `rustc` a third candidate at every field).
macro_rules! number_kind {
    ($F:ty) => {
        impl EnumKind<$F> for Probe<$F> {
            #[inline]
            fn read_optional<'de, A: MapAccess<'de>>(
                self,
                slot: &mut Option<Option<$F>>,
                map: &mut A,
                extra: &mut Extra,
                field: u16,
                key: &str,
            ) -> Result<(), A::Error> {
                fill::<A, _>(slot, key, || numbers::read_optional(map, extra, field))
            }

            #[inline]
            fn read_required<'de, A: MapAccess<'de>>(
                self,
                slot: &mut Option<$F>,
                map: &mut A,
                extra: &mut Extra,
                field: u16,
                key: &str,
            ) -> Result<(), A::Error> {
                fill::<A, _>(slot, key, || numbers::read_required(map, extra, field))
            }

            #[inline]
            fn read_optional_list<'de, A: MapAccess<'de>>(
                self,
                slot: &mut Option<Option<Vec<$F>>>,
                map: &mut A,
                extra: &mut Extra,
                field: u16,
                key: &str,
            ) -> Result<(), A::Error> {
                fill::<A, _>(slot, key, || numbers::read_optional_list(map, extra, field))
            }

            #[inline]
            fn read_required_list<'de, A: MapAccess<'de>>(
                self,
                slot: &mut Option<Vec<$F>>,
                map: &mut A,
                extra: &mut Extra,
                field: u16,
                key: &str,
            ) -> Result<(), A::Error> {
                fill::<A, _>(slot, key, || numbers::read_required_list(map, extra, field))
            }

            #[inline(always)]
            fn write_optional<M: SerializeMap>(
                self,
                map: &mut M,
                extra: &Extra,
                field: u16,
                key: &str,
                value: &Option<$F>,
            ) -> Result<(), M::Error> {
                if extra.is_pristine() {
                    return match value {
                        Some(value) => map.serialize_entry(key, value),
                        None => Ok(()),
                    };
                }
                numbers::write_optional(map, extra, field, key, *value)
            }

            #[inline(always)]
            fn write_required<M: SerializeMap>(
                self,
                map: &mut M,
                extra: &Extra,
                field: u16,
                key: &str,
                value: &$F,
            ) -> Result<(), M::Error> {
                if extra.is_pristine() {
                    return map.serialize_entry(key, value);
                }
                numbers::write_required(map, extra, field, key, *value)
            }

            #[inline(always)]
            fn write_optional_list<M: SerializeMap>(
                self,
                map: &mut M,
                extra: &Extra,
                field: u16,
                key: &str,
                value: &Option<Vec<$F>>,
            ) -> Result<(), M::Error> {
                if extra.is_pristine() {
                    return match value {
                        Some(values) => map.serialize_entry(key, values),
                        None => Ok(()),
                    };
                }
                numbers::write_optional_list(map, extra, field, key, value.as_deref())
            }

            #[inline(always)]
            fn write_required_list<M: SerializeMap>(
                self,
                map: &mut M,
                extra: &Extra,
                field: u16,
                key: &str,
                value: &[$F],
            ) -> Result<(), M::Error> {
                if extra.is_pristine() {
                    return map.serialize_entry(key, value);
                }
                numbers::write_required_list(map, extra, field, key, value)
            }
        }
    };
}

number_kind!(f64);
number_kind!(f32);
// A nullable number, as the item of a list (`Vec<Option<f64>>`): `null` items stay `null`.
number_kind!(Option<f64>);
number_kind!(Option<f32>);

/// Reads and writes fields of any other type (or lists of it); found second, as its methods
/// take `&Probe<T>`.
pub trait PlainKind<T> {
    /// Reads an optional field into `slot`; `null` reads as absent and is remembered.
    fn read_optional<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<Option<T>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>;

    /// Reads a required field into `slot`.
    fn read_required<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<T>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>;

    /// Reads an optional list into `slot` as a tightly sized vector; `null` reads as absent and
    /// is remembered.
    fn read_optional_list<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<Option<Vec<T>>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>;

    /// Reads a required list into `slot`; `null` reads as an empty list and is remembered.
    fn read_required_list<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<Vec<T>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>;

    /// Writes an optional field: its value, the `null` it arrived as, or nothing.
    fn write_optional<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error>
    where
        T: Serialize;

    /// Writes a required field.
    fn write_required<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &T,
    ) -> Result<(), M::Error>
    where
        T: Serialize;

    /// Writes an optional list.
    fn write_optional_list<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<T>>,
    ) -> Result<(), M::Error>
    where
        T: Serialize;

    /// Writes a required list, as `null` again when it arrived so and is still empty.
    fn write_required_list<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[T],
    ) -> Result<(), M::Error>
    where
        T: Serialize;
}

impl<T> PlainKind<T> for Probe<T> {
    #[inline]
    fn read_optional<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<Option<T>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        fill::<A, _>(slot, key, || fields::read_optional(map, extra, field))
    }

    #[inline]
    fn read_required<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<T>,
        map: &mut A,
        _extra: &mut Extra,
        _field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        fill::<A, _>(slot, key, || map.next_value())
    }

    #[inline]
    fn read_optional_list<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<Option<Vec<T>>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        fill::<A, _>(slot, key, || fields::read_optional_list(map, extra, field))
    }

    #[inline]
    fn read_required_list<'de, A: MapAccess<'de>>(
        &self,
        slot: &mut Option<Vec<T>>,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        fill::<A, _>(slot, key, || fields::read_required_list(map, extra, field))
    }

    #[inline(always)]
    fn write_optional<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        if extra.is_pristine() {
            return match value {
                Some(value) => map.serialize_entry(key, value),
                None => Ok(()),
            };
        }
        fields::write_optional(map, extra, field, key, value)
    }

    #[inline(always)]
    fn write_required<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &T,
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        if extra.is_pristine() {
            return map.serialize_entry(key, value);
        }
        fields::write_required(map, extra, field, key, value)
    }

    #[inline(always)]
    fn write_optional_list<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<T>>,
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        if extra.is_pristine() {
            return match value {
                Some(value) => map.serialize_entry(key, value),
                None => Ok(()),
            };
        }
        fields::write_optional(map, extra, field, key, value)
    }

    #[inline(always)]
    fn write_required_list<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[T],
    ) -> Result<(), M::Error>
    where
        T: Serialize,
    {
        if extra.is_pristine() {
            return map.serialize_entry(key, value);
        }
        fields::write_required_list(map, extra, field, key, value)
    }
}
