//! Field slots and field writers: what a derived struct reads into and writes from, dispatched
//! by generic code that `rustc` checks once.
//!
//! A derived visitor used to hold one local per field and a `match` arm per field that called
//! the field's reader, and the serializer an arm per field that called its writer. Checking
//! those calls, a few per field in every derived struct, was most of what checking a generated
//! crate cost. Now the derive builds one value per struct: a tuple of slots (reading) or of
//! writers (writing), one per field, each chosen by [`Probe`](super::Probe) at compile time.
//! The dispatch by field index, the duplicate and missing checks and the loop over the fields
//! in key order are generic code here, so the derived code is a tuple expression, a pattern and
//! a struct expression.
//!
//! Tuples hold at most 16 elements, so the derive nests them: the fields in groups of 16, the
//! groups in groups of 16, and so on. Every element but the last of a level is full, so an
//! element's index is the field index divided by the width of the first element (1 for a
//! field, 16 for a group of fields, 256 for a group of groups).

use std::marker::PhantomData;

use std::fmt;

use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::enums::WireEnum;
use super::order::{Arrivals, Order};
use super::{UNKNOWN, duplicate_field, fields, next_key, numbers, unmatched_key};
use crate::Extra;

/// The kind of a field whose value is read and written as serde does it.
pub struct Plain;

/// The kind of a field whose wire form `Extra` notes: an enum (its spelling) or a float
/// (whether it arrived as an integer).
pub struct Noted;

/// How a kind of value is read from a field.
pub trait ReadKind<'de, T> {
    /// Reads a required field.
    fn required<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<T, A::Error>;
    /// Reads an optional field; `null` reads as absent and is remembered.
    fn optional<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<T>, A::Error>;
    /// Reads a required list; `null` reads as empty and is remembered.
    fn required_list<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Vec<T>, A::Error>;
    /// Reads an optional list; `null` reads as absent and is remembered.
    fn optional_list<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<Vec<T>>, A::Error>;
}

/// How a kind of value is written to a field. Each writer takes the plain path (the canonical
/// key, nothing to consult) when `extra` remembers nothing.
pub trait WriteKind<T> {
    /// Writes a required field.
    fn required<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &T,
    ) -> Result<(), M::Error>;
    /// Writes an optional field: its value, the `null` it arrived as, or nothing.
    fn optional<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error>;
    /// Writes a required list.
    fn required_list<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[T],
    ) -> Result<(), M::Error>;
    /// Writes an optional list.
    fn optional_list<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<T>>,
    ) -> Result<(), M::Error>;
}

impl<'de, T: Deserialize<'de>> ReadKind<'de, T> for Plain {
    #[inline]
    fn required<A: MapAccess<'de>>(
        map: &mut A,
        _extra: &mut Extra,
        _field: u16,
    ) -> Result<T, A::Error> {
        map.next_value()
    }

    #[inline]
    fn optional<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<T>, A::Error> {
        fields::read_optional(map, extra, field)
    }

    #[inline]
    fn required_list<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Vec<T>, A::Error> {
        fields::read_required_list(map, extra, field)
    }

    #[inline]
    fn optional_list<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<Vec<T>>, A::Error> {
        fields::read_optional_list(map, extra, field)
    }
}

impl<T: Serialize> WriteKind<T> for Plain {
    #[inline(always)]
    fn required<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &T,
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return map.serialize_entry(key, value);
        }
        fields::write_required(map, extra, field, key, value)
    }

    #[inline(always)]
    fn optional<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return match value {
                Some(value) => map.serialize_entry(key, value),
                None => Ok(()),
            };
        }
        fields::write_optional(map, extra, field, key, value)
    }

    #[inline(always)]
    fn required_list<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &[T],
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return map.serialize_entry(key, value);
        }
        fields::write_required_list(map, extra, field, key, value)
    }

    #[inline(always)]
    fn optional_list<M: SerializeMap>(
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
        value: &Option<Vec<T>>,
    ) -> Result<(), M::Error> {
        if extra.is_pristine() {
            return match value {
                Some(value) => map.serialize_entry(key, value),
                None => Ok(()),
            };
        }
        fields::write_optional(map, extra, field, key, value)
    }
}

impl<'de, E: WireEnum> ReadKind<'de, E> for Noted {
    #[inline]
    fn required<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<E, A::Error> {
        fields::read_required_enum(map, extra, field)
    }

    #[inline]
    fn optional<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<E>, A::Error> {
        fields::read_optional_enum(map, extra, field)
    }

    #[inline]
    fn required_list<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Vec<E>, A::Error> {
        fields::read_required_enum_list(map, extra, field)
    }

    #[inline]
    fn optional_list<A: MapAccess<'de>>(
        map: &mut A,
        extra: &mut Extra,
        field: u16,
    ) -> Result<Option<Vec<E>>, A::Error> {
        fields::read_optional_enum_list(map, extra, field)
    }
}

impl<E: WireEnum> WriteKind<E> for Noted {
    #[inline(always)]
    fn required<M: SerializeMap>(
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
    fn optional<M: SerializeMap>(
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
    fn required_list<M: SerializeMap>(
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

    #[inline(always)]
    fn optional_list<M: SerializeMap>(
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
}

/// `f64` and `f32` (and their nullable forms, as list items) are [`Noted`] too: they keep
/// integers integral. No type is both an enum and a float, so the impls do not overlap.
macro_rules! noted_number {
    ($F:ty) => {
        impl<'de> ReadKind<'de, $F> for Noted {
            #[inline]
            fn required<A: MapAccess<'de>>(
                map: &mut A,
                extra: &mut Extra,
                field: u16,
            ) -> Result<$F, A::Error> {
                numbers::read_required(map, extra, field)
            }

            #[inline]
            fn optional<A: MapAccess<'de>>(
                map: &mut A,
                extra: &mut Extra,
                field: u16,
            ) -> Result<Option<$F>, A::Error> {
                numbers::read_optional(map, extra, field)
            }

            #[inline]
            fn required_list<A: MapAccess<'de>>(
                map: &mut A,
                extra: &mut Extra,
                field: u16,
            ) -> Result<Vec<$F>, A::Error> {
                numbers::read_required_list(map, extra, field)
            }

            #[inline]
            fn optional_list<A: MapAccess<'de>>(
                map: &mut A,
                extra: &mut Extra,
                field: u16,
            ) -> Result<Option<Vec<$F>>, A::Error> {
                numbers::read_optional_list(map, extra, field)
            }
        }

        impl WriteKind<$F> for Noted {
            #[inline(always)]
            fn required<M: SerializeMap>(
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
            fn optional<M: SerializeMap>(
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
            fn required_list<M: SerializeMap>(
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

            #[inline(always)]
            fn optional_list<M: SerializeMap>(
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
        }
    };
}

noted_number!(f64);
noted_number!(f32);
noted_number!(Option<f64>);
noted_number!(Option<f32>);

/// The slots of a struct's fields, or of a group of them: what a visitor reads into.
pub trait Slots<'de> {
    /// How many field indices this covers in its parent's dispatch: 1 for a field, and for a
    /// group 16 times its first element's width.
    const WIDTH: u32;
    /// What the slots hold when every required field arrived: the field values in order.
    type Values;

    /// Reads the value of the field at `index` (within this group; `field` is its index in the
    /// struct) into its slot; a second value for a field is an error.
    fn read<A: MapAccess<'de>>(
        &mut self,
        index: u32,
        map: &mut A,
        extra: &mut Extra,
        field: u16,
        key: &str,
    ) -> Result<(), A::Error>;

    /// The field values, or the index of the first required field that never arrived (`first`
    /// is the struct index of this group's first field).
    fn take(self, first: u32) -> Result<Self::Values, u32>;
}

/// Writes the fields of a struct, or of a group of them.
pub trait Writers {
    /// As [`Slots::WIDTH`].
    const WIDTH: u32;

    /// Writes the field at `index` (within this group; `field` is its index in the struct)
    /// under `key`, consulting `extra` for what the reader remembered.
    fn write<M: SerializeMap>(
        &self,
        index: u32,
        map: &mut M,
        extra: &Extra,
        field: u16,
        key: &str,
    ) -> Result<(), M::Error>;
}

/// The slots and writers of one field, by its shape; `K` is its kind ([`Plain`] or [`Noted`]),
/// `T` the value (the item of a list, the content of an option).
macro_rules! field_shape {
    ($(#[$doc:meta])* $Slot:ident, $Out:ident, $held:ty, $value:ty, $borrowed:ty, $method:ident,
     |$slot:ident, $first:ident| $take:expr) => {
        $(#[$doc])*
        pub struct $Slot<K, T>(Option<$held>, PhantomData<K>);

        impl<K, T> $Slot<K, T> {
            /// An empty slot.
            #[inline]
            pub const fn new() -> Self {
                Self(None, PhantomData)
            }
        }

        impl<K, T> Default for $Slot<K, T> {
            #[inline]
            fn default() -> Self {
                Self::new()
            }
        }

        impl<'de, K: ReadKind<'de, T>, T> Slots<'de> for $Slot<K, T> {
            const WIDTH: u32 = 1;
            type Values = $value;

            #[inline]
            fn read<A: MapAccess<'de>>(
                &mut self,
                _index: u32,
                map: &mut A,
                extra: &mut Extra,
                field: u16,
                key: &str,
            ) -> Result<(), A::Error> {
                if self.0.is_some() {
                    return Err(duplicate_field(key));
                }
                self.0 = Some(K::$method(map, extra, field)?);
                Ok(())
            }

            #[inline]
            fn take(self, $first: u32) -> Result<$value, u32> {
                let $slot = self.0;
                $take
            }
        }

        /// Writes one field of this shape.
        pub struct $Out<'a, K, T>(&'a $borrowed, PhantomData<K>);

        impl<'a, K, T> $Out<'a, K, T> {
            /// The writer of `value`.
            #[inline]
            pub const fn new(value: &'a $borrowed) -> Self {
                Self(value, PhantomData)
            }
        }

        impl<K: WriteKind<T>, T> Writers for $Out<'_, K, T> {
            const WIDTH: u32 = 1;

            #[inline(always)]
            fn write<M: SerializeMap>(
                &self,
                _index: u32,
                map: &mut M,
                extra: &Extra,
                field: u16,
                key: &str,
            ) -> Result<(), M::Error> {
                K::$method(map, extra, field, key, self.0)
            }
        }
    };
}

field_shape!(
    /// A required field's slot.
    Required, RequiredOut, T, T, T, required,
    |slot, first| slot.ok_or(first)
);
field_shape!(
    /// An optional field's slot: absent and `null` read as `None`.
    Optional, OptionalOut, Option<T>, Option<T>, Option<T>, optional,
    |slot, _first| Ok(slot.flatten())
);
field_shape!(
    /// A required list's slot.
    RequiredList, RequiredListOut, Vec<T>, Vec<T>, Vec<T>, required_list,
    |slot, first| slot.ok_or(first)
);
field_shape!(
    /// An optional list's slot.
    OptionalList, OptionalListOut, Option<Vec<T>>, Option<Vec<T>>, Option<Vec<T>>, optional_list,
    |slot, _first| Ok(slot.flatten())
);

/// A struct without declared fields.
impl<'de> Slots<'de> for () {
    const WIDTH: u32 = 1;
    type Values = ();

    #[inline]
    fn read<A: MapAccess<'de>>(
        &mut self,
        _index: u32,
        _map: &mut A,
        _extra: &mut Extra,
        _field: u16,
        _key: &str,
    ) -> Result<(), A::Error> {
        Ok(())
    }

    #[inline]
    fn take(self, _first: u32) -> Result<(), u32> {
        Ok(())
    }
}

impl Writers for () {
    const WIDTH: u32 = 1;

    #[inline]
    fn write<M: SerializeMap>(
        &self,
        _index: u32,
        _map: &mut M,
        _extra: &Extra,
        _field: u16,
        _key: &str,
    ) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Slots and writers for a tuple of up to 16 fields or groups.
macro_rules! group {
    ($First:ident $($Rest:ident)*; $($index:tt)+) => {
        impl<'de, $First: Slots<'de>, $($Rest: Slots<'de>),*> Slots<'de> for ($First, $($Rest,)*) {
            const WIDTH: u32 = $First::WIDTH.saturating_mul(16);
            type Values = ($First::Values, $($Rest::Values,)*);

            #[inline]
            fn read<A: MapAccess<'de>>(
                &mut self,
                index: u32,
                map: &mut A,
                extra: &mut Extra,
                field: u16,
                key: &str,
            ) -> Result<(), A::Error> {
                let width = $First::WIDTH;
                let within = index % width;
                match index / width {
                    $($index => self.$index.read(within, map, extra, field, key),)+
                    _ => Ok(()),
                }
            }

            #[inline]
            fn take(self, first: u32) -> Result<Self::Values, u32> {
                let width = $First::WIDTH;
                Ok(($(self.$index.take(first + $index * width)?,)+))
            }
        }

        impl<$First: Writers, $($Rest: Writers),*> Writers for ($First, $($Rest,)*) {
            const WIDTH: u32 = $First::WIDTH.saturating_mul(16);

            #[inline(always)]
            fn write<M: SerializeMap>(
                &self,
                index: u32,
                map: &mut M,
                extra: &Extra,
                field: u16,
                key: &str,
            ) -> Result<(), M::Error> {
                let width = $First::WIDTH;
                let within = index % width;
                match index / width {
                    $($index => self.$index.write(within, map, extra, field, key),)+
                    _ => Ok(()),
                }
            }
        }
    };
}

group!(S0; 0);
group!(S0 S1; 0 1);
group!(S0 S1 S2; 0 1 2);
group!(S0 S1 S2 S3; 0 1 2 3);
group!(S0 S1 S2 S3 S4; 0 1 2 3 4);
group!(S0 S1 S2 S3 S4 S5; 0 1 2 3 4 5);
group!(S0 S1 S2 S3 S4 S5 S6; 0 1 2 3 4 5 6);
group!(S0 S1 S2 S3 S4 S5 S6 S7; 0 1 2 3 4 5 6 7);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8; 0 1 2 3 4 5 6 7 8);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9; 0 1 2 3 4 5 6 7 8 9);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10; 0 1 2 3 4 5 6 7 8 9 10);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11; 0 1 2 3 4 5 6 7 8 9 10 11);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11 S12; 0 1 2 3 4 5 6 7 8 9 10 11 12);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11 S12 S13; 0 1 2 3 4 5 6 7 8 9 10 11 12 13);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11 S12 S13 S14; 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14);
group!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11 S12 S13 S14 S15; 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15);

/// A struct's own part of reading it: the derive implements this, the runtime's visitor calls
/// it, so that a derived struct has no visitor type of its own.
pub trait ReadStruct<'de>: Sized {
    /// What the visitor expects, for error messages: "an object of type `Name`".
    const EXPECTING: &'static str;

    /// Reads the struct from the entries of a map.
    fn read_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The visitor of every derived struct.
struct StructVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: ReadStruct<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(T::EXPECTING)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_map(map)
    }
}

/// Deserializes a derived struct from a map.
#[inline]
pub fn deserialize_struct<'de, T: ReadStruct<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructVisitor(PhantomData))
}

/// Reads a struct's entries: each declared field into its slot (found by `find`, which gives
/// a wire name's index in `wires` or `UNKNOWN`; a key that matches a wire name only in another
/// case is found too and its spelling remembered), each unknown field into the returned
/// `Extra`, and the order of the keys when it is not the canonical one.
///
/// `WORDS` is the number of 64-bit words that hold one bit per declared field.
#[inline(always)]
pub fn read_struct<'de, const WORDS: usize, A, S, F>(
    mut map: A,
    wires: &[&'static str],
    find: F,
    mut slots: S,
) -> Result<(S::Values, Extra), A::Error>
where
    A: MapAccess<'de>,
    S: Slots<'de>,
    F: Fn(&str) -> u16,
{
    let mut extra = Extra::default();
    let mut arrivals = Arrivals::<WORDS>::new(u16::try_from(wires.len()).unwrap_or(UNKNOWN));
    let mut spill = String::new();
    while let Some(key) = next_key(&mut map, &mut spill)? {
        let key = key.text(&spill);
        let mut field = find(key);
        if field == UNKNOWN {
            field = unmatched_key(&mut map, &mut extra, &mut arrivals, key, wires)?;
            if field == UNKNOWN {
                continue;
            }
        }
        slots.read(u32::from(field), &mut map, &mut extra, field, key)?;
        arrivals.field(&mut extra, field);
    }
    arrivals.finish(&mut extra);
    match slots.take(0) {
        Ok(values) => Ok((values, extra)),
        Err(missing) => {
            let wire = usize::try_from(missing)
                .ok()
                .and_then(|index| wires.get(index))
                .copied()
                .unwrap_or_default();
            Err(A::Error::missing_field(wire))
        }
    }
}

/// Writes a struct as a map: its declared fields (through `writers`, under the wire names in
/// `wires`) and the unknown fields `extra` kept, in the key order `extra` recorded, else in
/// declaration order with the unknown fields last.
#[inline(always)]
pub fn serialize_struct<S: Serializer, W: Writers>(
    serializer: S,
    extra: &Extra,
    writers: &W,
    wires: &[&'static str],
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    let count = u16::try_from(wires.len()).unwrap_or(UNKNOWN);
    let mut order = Order::new(extra, count);
    let memory = order.memory();
    while let Some(field) = order.step() {
        if field == UNKNOWN {
            order.unknown(&mut map)?;
        } else if let Some(wire) = wires.get(usize::from(field)) {
            writers.write(u32::from(field), &mut map, memory, field, wire)?;
        }
    }
    order.finish(&mut map)?;
    map.end()
}
