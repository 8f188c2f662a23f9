//! Integers in the float positions of values of any type, for containers that hold such values.
//!
//! A container generic over its values ([`OrderedMap`](crate::OrderedMap)) cannot tell an `f64`
//! from any other `T`. [`IntegerSeed`] reads a `T` through a deserializer that watches the one
//! request a float makes (`deserialize_f64` or `deserialize_f32`, also under an `Option`) and
//! notes the value when the wire answered with an integer; [`IntegerOut`] writes the `T` through a
//! serializer that writes that float as the integer again while it still holds the noted value.
//! Every other request and call passes through unchanged, so a `T` that is not a float reads and
//! writes as it always does.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::numbers::as_integer;

/// Reads a `T`, setting `integer` to the bits of the float it read when that float arrived as an
/// integer the `f64` holds exactly.
pub(crate) struct IntegerSeed<'a, T> {
    /// Where the bits of an integral float go.
    pub(crate) integer: &'a mut Option<u64>,
    /// The type read.
    pub(crate) kind: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for IntegerSeed<'_, T> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(Watch {
            inner: deserializer,
            integer: self.integer,
        })
    }
}

/// A deserializer that watches float requests and passes every other one through.
struct Watch<'a, D> {
    inner: D,
    integer: &'a mut Option<u64>,
}

/// Passes `deserialize_*` requests through to the inner deserializer unchanged.
macro_rules! pass_requests {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Watch<'_, D> {
    type Error = D::Error;

    #[inline]
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_f64(Spy {
            inner: visitor,
            integer: self.integer,
        })
    }

    #[inline]
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_f32(Spy {
            inner: visitor,
            integer: self.integer,
        })
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_option(OptionSpy {
            inner: visitor,
            integer: self.integer,
        })
    }

    pass_requests! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Passes `visit_*` calls through to the inner visitor unchanged.
macro_rules! pass_visits {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        #[inline]
        fn $method<E: de::Error>(self, $($arg: $ty),*) -> Result<V::Value, E> {
            self.inner.$method($($arg),*)
        }
    )*};
}

/// Passes every call but the integers and `visit_some` through to the inner visitor.
macro_rules! pass_the_rest {
    () => {
        pass_visits! {
            visit_bool(v: bool);
            visit_i128(v: i128);
            visit_u128(v: u128);
            visit_f32(v: f32);
            visit_f64(v: f64);
            visit_char(v: char);
            visit_str(v: &str);
            visit_borrowed_str(v: &'de str);
            visit_string(v: String);
            visit_bytes(v: &[u8]);
            visit_borrowed_bytes(v: &'de [u8]);
            visit_byte_buf(v: Vec<u8>);
            visit_none();
            visit_unit();
        }

        #[inline]
        fn visit_newtype_struct<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<V::Value, D::Error> {
            self.inner.visit_newtype_struct(deserializer)
        }

        #[inline]
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
            self.inner.visit_seq(seq)
        }

        #[inline]
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
            self.inner.visit_map(map)
        }

        #[inline]
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
            self.inner.visit_enum(data)
        }
    };
}

/// Watches the answer to a float request: an integer is noted, then passed on.
struct Spy<'a, V> {
    inner: V,
    integer: &'a mut Option<u64>,
}

impl<V> Spy<'_, V> {
    /// Notes an integer an `f64` holds exactly.
    #[inline]
    #[allow(clippy::cast_precision_loss)]
    fn note(&mut self, value: i128) {
        let float = value as f64;
        *self.integer = as_integer(float)
            .filter(|integer| i128::from(*integer) == value)
            .map(|_| float.to_bits());
    }
}

/// Notes an integer answer, then passes it on.
macro_rules! note_integers {
    ($($method:ident($ty:ty);)*) => {$(
        #[inline]
        fn $method<E: de::Error>(mut self, value: $ty) -> Result<V::Value, E> {
            self.note(i128::from(value));
            self.inner.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Spy<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    note_integers! {
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(deserializer)
    }

    pass_the_rest!();
}

/// Watches the answer to an `Option` request: the value inside `Some` is watched in turn.
struct OptionSpy<'a, V> {
    inner: V,
    integer: &'a mut Option<u64>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for OptionSpy<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Watch {
            inner: deserializer,
            integer: self.integer,
        })
    }

    pass_visits! {
        visit_i8(v: i8);
        visit_i16(v: i16);
        visit_i32(v: i32);
        visit_i64(v: i64);
        visit_u8(v: u8);
        visit_u16(v: u16);
        visit_u32(v: u32);
        visit_u64(v: u64);
    }

    pass_the_rest!();
}

/// Writes a `T` whose float, noted by [`IntegerSeed`] as `integer`, arrived as an integer: as
/// that integer while it still holds that value.
pub(crate) struct IntegerOut<'a, T: ?Sized> {
    /// The value written.
    pub(crate) value: &'a T,
    /// The bits of the integral float that arrived.
    pub(crate) integer: u64,
}

impl<T: Serialize + ?Sized> Serialize for IntegerOut<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Restore {
            inner: serializer,
            integer: self.integer,
        })
    }
}

/// A serializer that writes the noted float as an integer and passes every other call through.
struct Restore<S> {
    inner: S,
    integer: u64,
}

impl<S: Serializer> Restore<S> {
    /// Writes `value` as an integer when it is the float noted on arrival.
    #[inline]
    #[allow(clippy::cast_possible_truncation)]
    fn float(
        self,
        value: f64,
        write: impl FnOnce(S) -> Result<S::Ok, S::Error>,
    ) -> Result<S::Ok, S::Error> {
        if value.to_bits() == self.integer {
            self.inner.serialize_i64(value as i64)
        } else {
            write(self.inner)
        }
    }
}

/// Passes `serialize_*` calls through to the inner serializer unchanged.
macro_rules! pass_writes {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {$(
        #[inline]
        fn $method(self, $($arg: $ty),*) -> Result<$out, S::Error> {
            self.inner.$method($($arg),*)
        }
    )*};
}

impl<S: Serializer> Serializer for Restore<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = S::SerializeStruct;
    type SerializeStructVariant = S::SerializeStructVariant;

    #[inline]
    fn serialize_f64(self, value: f64) -> Result<S::Ok, S::Error> {
        self.float(value, |inner| inner.serialize_f64(value))
    }

    #[inline]
    fn serialize_f32(self, value: f32) -> Result<S::Ok, S::Error> {
        self.float(f64::from(value), |inner| inner.serialize_f32(value))
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(&IntegerOut {
            value,
            integer: self.integer,
        })
    }

    pass_writes! {
        serialize_bool(v: bool) -> S::Ok;
        serialize_i8(v: i8) -> S::Ok;
        serialize_i16(v: i16) -> S::Ok;
        serialize_i32(v: i32) -> S::Ok;
        serialize_i64(v: i64) -> S::Ok;
        serialize_i128(v: i128) -> S::Ok;
        serialize_u8(v: u8) -> S::Ok;
        serialize_u16(v: u16) -> S::Ok;
        serialize_u32(v: u32) -> S::Ok;
        serialize_u64(v: u64) -> S::Ok;
        serialize_u128(v: u128) -> S::Ok;
        serialize_char(v: char) -> S::Ok;
        serialize_str(v: &str) -> S::Ok;
        serialize_bytes(v: &[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(name: &'static str) -> S::Ok;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> S::Ok;
        serialize_seq(len: Option<usize>) -> S::SerializeSeq;
        serialize_tuple(len: usize) -> S::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> S::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> S::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> S::SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeStructVariant;
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(name, value)
    }

    #[inline]
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, value)
    }

    #[inline]
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.collect_str(value)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}
