//! Enum machinery: the `WireEnum` trait and the one-pass reader and writer every enum shares.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::fields::collect_tight;
use crate::{Extra, OrderedMap, OtherValue, RawJson};

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
pub(super) fn match_spelling<E: WireEnum>(text: &str) -> Option<(usize, bool)> {
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
pub(super) struct Memo<'a> {
    pub(super) extra: &'a mut Extra,
    pub(super) field: u16,
    pub(super) element: u32,
}

/// Reads one enum value in one pass: `null` is `None` when `nullable` (otherwise an unlisted
/// value), and a non-canonical spelling is written into the memo, if there is one.
pub(super) struct EnumSeed<'a, E> {
    pub(super) memo: Option<Memo<'a>>,
    pub(super) nullable: bool,
    pub(super) kind: PhantomData<E>,
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
        Some(E::from_other(OtherValue::from_value(value)))
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

    /// An object is kept with its keys in arrival order and its values as they were written.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = OrderedMap::<RawJson>::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let text = serde_json::to_string(&value).map_err(de::Error::custom)?;
        Ok(Some(E::from_other(OtherValue::json_text(text))))
    }

    /// An array is kept with its items as they were written.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value = Vec::<RawJson>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        let text = serde_json::to_string(&value).map_err(de::Error::custom)?;
        Ok(Some(E::from_other(OtherValue::json_text(text))))
    }
}

/// Reads an optional list of enum values, writing each non-canonical spelling into `extra`.
pub(super) struct OptionalEnumListSeed<'a, E> {
    pub(super) extra: &'a mut Extra,
    pub(super) field: u16,
    pub(super) kind: PhantomData<E>,
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
