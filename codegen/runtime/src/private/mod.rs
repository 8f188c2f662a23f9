//! The machinery that only derived and generated code calls; not public API, and it may change
//! in any release.
//!
//! The derive writes what varies per type (the fields, their wire names, the key match); every
//! step that is the same for all types (the spill buffer, the case-folding fallback, unknown
//! fields, duplicate and missing fields, the enum reader and writer) is here, once.

mod enums;
mod fields;
mod integral;
mod numbers;
mod order;
mod probe;
mod slots;
mod union;

pub use std::borrow::Cow;
pub use std::fmt::{Formatter, Result as FmtResult};
pub use std::marker::PhantomData;
pub use std::option::Option::{self, None, Some};
pub use std::result::Result::{self, Err, Ok};
pub use std::string::String;

pub use serde;
pub use serde::de::{Error as DeError, MapAccess, Visitor};
pub use serde::ser::SerializeMap;

pub use enums::{WireEnum, deserialize_enum, enum_str, loose_eq, parse_enum, serialize_enum};
pub use fields::{Key, KeySeed, fold_field, read_unknown};
pub use order::{Arrivals, Order};
pub use probe::{EnumKind, PlainKind, Probe};
pub use slots::{
    Noted, Optional, OptionalList, OptionalListOut, OptionalOut, Plain, ReadKind, ReadStruct,
    Required, RequiredList, RequiredListOut, RequiredOut, Slots, WriteKind, Writers,
    deserialize_struct, read_struct, serialize_struct,
};
pub use union::{
    Candidate, Outline, TagCase, UnionMember, decode_as, fit_enum, fit_literal, fit_object,
    fit_tagged, read_tagged, read_untagged,
};

pub(crate) use integral::{IntegerOut, IntegerSeed};

use crate::Extra;

/// Marks a scalar (non-list) position in the spelling memory.
const SCALAR: u32 = u32::MAX;

/// The field index that stands for "no declared field": a struct has at most 65,535 fields, so
/// their indices stop at 65,534.
pub const UNKNOWN: u16 = u16::MAX;

/// Reads the next object key, copying it into `spill` only when it cannot be borrowed.
#[inline]
pub fn next_key<'de, A: MapAccess<'de>>(
    map: &mut A,
    spill: &mut String,
) -> Result<Option<Key<'de>>, A::Error> {
    map.next_key_seed(KeySeed(spill))
}

/// Finds the declared field for a key that matched no wire name exactly.
///
/// The service binds keys without regard to ASCII case, so a key that differs only in case is
/// the field, and its spelling is remembered for the round trip. Any other key is an unknown
/// field: its value is kept in `extra`, its arrival noted in `arrivals`, and [`UNKNOWN`]
/// returned.
#[inline]
pub fn unmatched_key<'de, A: MapAccess<'de>, const WORDS: usize>(
    map: &mut A,
    extra: &mut Extra,
    arrivals: &mut Arrivals<WORDS>,
    key: &str,
    fields: &[&str],
) -> Result<u16, A::Error> {
    match fold_field(key, fields) {
        Some(field) => {
            extra.note_key(field, key);
            Ok(field)
        }
        None => {
            read_unknown(map, extra, key)?;
            arrivals.unknown(extra);
            Ok(UNKNOWN)
        }
    }
}

/// The error for a field that arrived twice.
#[cold]
pub fn duplicate_field<E: DeError>(key: &str) -> E {
    E::custom(format_args!("duplicate field `{key}`"))
}

/// Writes the unknown fields `extra` kept, after the declared ones.
#[inline]
pub fn write_unknown<M: SerializeMap>(map: &mut M, extra: &Extra) -> Result<(), M::Error> {
    if extra.is_pristine() {
        return Ok(());
    }
    extra.write_unknown(map)
}
