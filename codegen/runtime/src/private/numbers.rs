//! Floating-point fields that remember which of their numbers arrived as integers.
//!
//! A schema's `number` is an `f64` (or `f32`) in the model, and `serde_json` writes an `f64`
//! with a fraction (`5.0`) even when the wire sent `5`. These readers tell `visit_i64` and
//! `visit_u64` from `visit_f64` and note in `Extra` each value that arrived as an integer
//! (within ±2^53, where the float holds it exactly); the writers write such a value as an
//! integer again while the field still holds that same value. A value the user set, and one
//! that arrived with a fraction or an exponent, is written as `serde_json` writes the float.
//! A list of nullable numbers (`Vec<Option<f64>>`) does the same per item, its `null`s kept.
//!
//! A union has no memory of its own: its `f64` and `f32` variants write an integral value as an
//! integer ([`UnionFloat`]) and take only a number they write back as the same text
//! ([`decode_exact`]); any other spelling stays in the union's catch-all.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use super::SCALAR;
use super::fields::collect_tight;
use crate::{Extra, RawJson};

/// The largest magnitude up to which every integer is exactly an `f64`.
const EXACT: u64 = 1 << 53;

/// A floating-point type a `number` field can have.
pub(crate) trait Float: Copy + Serialize + for<'de> Deserialize<'de> {
    /// The nearest value of this type to `value`.
    fn from_f64(value: f64) -> Self;
    /// The value as an `f64`, exactly.
    fn to_f64(self) -> f64;
}

impl Float for f64 {
    #[inline]
    fn from_f64(value: f64) -> Self {
        value
    }

    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
}

impl Float for f32 {
    #[inline]
    #[allow(clippy::cast_possible_truncation)]
    fn from_f64(value: f64) -> Self {
        value as f32
    }

    #[inline]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

/// Where a number goes in the memory: its field and its element (`SCALAR` outside lists).
#[derive(Clone, Copy)]
pub(crate) struct Place {
    field: u16,
    element: u32,
}

/// What a number field or list element holds: a float, or an `Option` of one (a nullable list
/// item), whose `null` reads as `None` and is written back as `null`.
pub(crate) trait Number: Copy + Serialize {
    /// Reads one value, noting a float that arrived as an integer at `place`.
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        extra: &mut Extra,
        place: Place,
    ) -> Result<Self, D::Error>;

    /// Writes the value, a float as an integer again when it arrived as one at `place`.
    fn write<S: Serializer>(
        self,
        serializer: S,
        extra: &Extra,
        place: Place,
    ) -> Result<S::Ok, S::Error>;
}

macro_rules! numbers {
    ($($F:ty),*) => {$(
        impl Number for $F {
            #[inline]
            fn read<'de, D: Deserializer<'de>>(
                deserializer: D,
                extra: &mut Extra,
                place: Place,
            ) -> Result<Self, D::Error> {
                NumberSeed {
                    extra,
                    place,
                    kind: PhantomData,
                }
                .deserialize(deserializer)
            }

            #[inline]
            fn write<S: Serializer>(
                self,
                serializer: S,
                extra: &Extra,
                place: Place,
            ) -> Result<S::Ok, S::Error> {
                NumberOut {
                    value: self,
                    extra,
                    place,
                }
                .serialize(serializer)
            }
        }

        impl Number for Option<$F> {
            #[inline]
            fn read<'de, D: Deserializer<'de>>(
                deserializer: D,
                extra: &mut Extra,
                place: Place,
            ) -> Result<Self, D::Error> {
                OptionalSeed(NumberSeed {
                    extra,
                    place,
                    kind: PhantomData,
                })
                .deserialize(deserializer)
            }

            #[inline]
            fn write<S: Serializer>(
                self,
                serializer: S,
                extra: &Extra,
                place: Place,
            ) -> Result<S::Ok, S::Error> {
                match self {
                    Some(value) => value.write(serializer, extra, place),
                    None => serializer.serialize_none(),
                }
            }
        }
    )*};
}

numbers!(f64, f32);

/// Reads one [`Number`] at its place.
struct ElementSeed<'a, N> {
    extra: &'a mut Extra,
    place: Place,
    kind: PhantomData<N>,
}

impl<'de, N: Number> DeserializeSeed<'de> for ElementSeed<'_, N> {
    type Value = N;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<N, D::Error> {
        N::read(deserializer, self.extra, self.place)
    }
}

/// Writes one [`Number`] at its place.
struct ElementOut<'a, N> {
    value: N,
    extra: &'a Extra,
    place: Place,
}

impl<N: Number> Serialize for ElementOut<'_, N> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.write(serializer, self.extra, self.place)
    }
}

/// Reads one number, noting it when it arrived as an exactly representable integer.
struct NumberSeed<'a, F> {
    extra: &'a mut Extra,
    place: Place,
    kind: PhantomData<F>,
}

impl<'de, F: Float> DeserializeSeed<'de> for NumberSeed<'_, F> {
    type Value = F;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<F, D::Error> {
        deserializer.deserialize_f64(self)
    }
}

impl<F: Float> NumberSeed<'_, F> {
    #[inline]
    fn integer(self, magnitude: u64, value: f64) -> F {
        let number = F::from_f64(value);
        if magnitude <= EXACT && number.to_f64() == value {
            self.extra
                .note_integer(self.place.field, self.place.element, value);
        }
        number
    }
}

impl<'de, F: Float> Visitor<'de> for NumberSeed<'_, F> {
    type Value = F;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    #[inline]
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<F, E> {
        Ok(self.integer(v.unsigned_abs(), v as f64))
    }

    #[inline]
    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<F, E> {
        Ok(self.integer(v, v as f64))
    }

    #[inline]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<F, E> {
        Ok(F::from_f64(v))
    }
}

/// Reads `null` as `None`, anything else through the seed it wraps (a number, or an element).
struct OptionalSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for OptionalSeed<S> {
    type Value = Option<S::Value>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OptionalSeed<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// Reads `null` as `None` and an array of numbers as a tightly sized vector.
struct OptionalNumberListSeed<'a, N> {
    extra: &'a mut Extra,
    field: u16,
    kind: PhantomData<N>,
}

impl<'de, N: Number> DeserializeSeed<'de> for OptionalNumberListSeed<'_, N> {
    type Value = Option<Vec<N>>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, N: Number> Visitor<'de> for OptionalNumberListSeed<'_, N> {
    type Value = Option<Vec<N>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence of numbers")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }

    #[inline]
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let Self { extra, field, .. } = self;
        collect_tight(|element| {
            seq.next_element_seed(ElementSeed::<N> {
                extra: &mut *extra,
                place: Place {
                    field,
                    element: u32::try_from(element).unwrap_or(SCALAR),
                },
                kind: PhantomData,
            })
        })
        .map(Some)
    }
}

/// Reads a required number field.
#[inline]
pub(super) fn read_required<'de, A: MapAccess<'de>, N: Number>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<N, A::Error> {
    map.next_value_seed(ElementSeed {
        extra,
        place: Place {
            field,
            element: SCALAR,
        },
        kind: PhantomData,
    })
}

/// Reads an optional number field; `null` reads as absent and is remembered.
#[inline]
pub(super) fn read_optional<'de, A: MapAccess<'de>, N: Number>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Option<N>, A::Error> {
    let value = map.next_value_seed(OptionalSeed(ElementSeed {
        extra: &mut *extra,
        place: Place {
            field,
            element: SCALAR,
        },
        kind: PhantomData,
    }))?;
    if value.is_none() {
        extra.note_null(field);
    }
    Ok(value)
}

/// Reads an optional list of numbers; `null` reads as absent and is remembered.
#[inline]
pub(super) fn read_optional_list<'de, A: MapAccess<'de>, N: Number>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Option<Vec<N>>, A::Error> {
    let value = map.next_value_seed(OptionalNumberListSeed {
        extra: &mut *extra,
        field,
        kind: PhantomData,
    })?;
    if value.is_none() {
        extra.note_null(field);
    }
    Ok(value)
}

/// Reads a required list of numbers; `null` reads as an empty list and is remembered.
#[inline]
pub(super) fn read_required_list<'de, A: MapAccess<'de>, N: Number>(
    map: &mut A,
    extra: &mut Extra,
    field: u16,
) -> Result<Vec<N>, A::Error> {
    Ok(read_optional_list(map, extra, field)?.unwrap_or_default())
}

/// Writes a number as an integer when it arrived as one and still holds that value.
struct NumberOut<'a, F> {
    value: F,
    extra: &'a Extra,
    place: Place,
}

impl<F: Float> Serialize for NumberOut<'_, F> {
    #[inline]
    #[allow(clippy::cast_possible_truncation)]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.value.to_f64();
        if self
            .extra
            .arrived_integer(self.place.field, self.place.element, value)
        {
            serializer.serialize_i64(value as i64)
        } else {
            self.value.serialize(serializer)
        }
    }
}

/// Writes a list of numbers, each as an integer when it arrived as one.
struct NumberListOut<'a, N> {
    values: &'a [N],
    extra: &'a Extra,
    field: u16,
}

impl<N: Number> Serialize for NumberListOut<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.values.len()))?;
        for (element, value) in self.values.iter().enumerate() {
            seq.serialize_element(&ElementOut {
                value: *value,
                extra: self.extra,
                place: Place {
                    field: self.field,
                    element: u32::try_from(element).unwrap_or(SCALAR),
                },
            })?;
        }
        seq.end()
    }
}

/// Writes a required number field.
#[inline]
pub(super) fn write_required<M: SerializeMap, N: Number>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: N,
) -> Result<(), M::Error> {
    let out = ElementOut {
        value,
        extra,
        place: Place {
            field,
            element: SCALAR,
        },
    };
    map.serialize_entry(extra.key(field, key), &out)
}

/// Writes an optional number field: its value, the `null` it arrived as, or nothing.
#[inline]
pub(super) fn write_optional<M: SerializeMap, N: Number>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    value: Option<N>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => write_required(map, extra, field, key, value),
        None => super::fields::write_optional::<M, ()>(map, extra, field, key, &None),
    }
}

/// Writes a required list of numbers, as `null` again when it arrived so and is still empty.
#[inline]
pub(super) fn write_required_list<M: SerializeMap, N: Number>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    values: &[N],
) -> Result<(), M::Error> {
    if values.is_empty() && extra.was_null(field) {
        return map.serialize_entry(extra.key(field, key), &());
    }
    let out = NumberListOut {
        values,
        extra,
        field,
    };
    map.serialize_entry(extra.key(field, key), &out)
}

/// Writes an optional list of numbers: the list, the `null` it arrived as, or nothing.
#[inline]
pub(super) fn write_optional_list<M: SerializeMap, N: Number>(
    map: &mut M,
    extra: &Extra,
    field: u16,
    key: &str,
    values: Option<&[N]>,
) -> Result<(), M::Error> {
    match values {
        Some(values) => write_required_list(map, extra, field, key, values),
        None => super::fields::write_optional::<M, ()>(map, extra, field, key, &None),
    }
}

/// The value as an integer, when it is one that an `f64` holds exactly (within ±2^53) and not
/// negative zero, so that writing the integer reads back the same float.
#[inline]
#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
pub(crate) fn as_integer(value: f64) -> Option<i64> {
    let integer = value as i64;
    (integer.unsigned_abs() <= EXACT && (integer as f64).to_bits() == value.to_bits())
        .then_some(integer)
}

/// Writes a float held by a union variant: an integral value as an integer, anything else as
/// `serde_json` writes the float.
pub(super) struct UnionFloat<F>(pub(super) F);

impl<F: Float> Serialize for UnionFloat<F> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match as_integer(self.0.to_f64()) {
            Some(integer) => serializer.serialize_i64(integer),
            None => self.0.serialize(serializer),
        }
    }
}

/// Reads a float for a union variant, only when [`UnionFloat`] writes it back as the same text:
/// `5` and `1.5` are taken, `5.0`, `1e3`, `1.50` and integers the float cannot hold are not.
pub(super) fn decode_exact<F: Float>(raw: &RawJson) -> Option<F> {
    let text = raw.get();
    let value: F = serde_json::from_str(text).ok()?;
    // The longest float `serde_json` writes has 24 characters; a longer text cannot match.
    let mut buffer = [0_u8; 32];
    let mut rest = &mut buffer[..];
    serde_json::to_writer(&mut rest, &UnionFloat(value)).ok()?;
    let unused = rest.len();
    let written = buffer.len() - unused;
    (buffer[..written] == *text.as_bytes()).then_some(value)
}
