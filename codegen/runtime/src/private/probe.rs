//! Tells enum fields from plain ones at compile time, so the derive needs no attribute for it.
//!
//! The derive cannot see whether a field's type is an enum. It writes
//! `Probe::<T>::NEW.required()` (or another shape, or `required_out(&value)` to write): method
//! lookup tries the methods that take `Probe<T>` by value before those that take `&Probe<T>`, so
//! an enum (`T: WireEnum`) gets [`EnumKind`]'s methods, `f64` and `f32` get them too (their
//! readers and writers remember integers), and anything else, generic parameters included,
//! [`PlainKind`]'s. Both traits have the same methods; they differ in the kind of slot or writer
//! they return ([`Noted`] or [`Plain`]), and the slot or writer does the rest.

use std::marker::PhantomData;

use super::enums::WireEnum;
use super::slots::{
    Noted, Optional, OptionalList, OptionalListOut, OptionalOut, Plain, Required, RequiredList,
    RequiredListOut, RequiredOut,
};

/// The compile-time question "is `T` an enum?".
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    /// Asks about `T`.
    pub const NEW: Self = Self(PhantomData);
}

/// The slots and writers of enum fields (or lists of them), which keep spellings, and of `f64`
/// and `f32` fields, which keep integers; found first, as its methods take `Probe<T>` by value.
pub trait EnumKind<T>: Sized {
    /// A required field's slot.
    #[inline(always)]
    fn required(self) -> Required<Noted, T> {
        Required::new()
    }

    /// An optional field's slot.
    #[inline(always)]
    fn optional(self) -> Optional<Noted, T> {
        Optional::new()
    }

    /// A required list's slot.
    #[inline(always)]
    fn required_list(self) -> RequiredList<Noted, T> {
        RequiredList::new()
    }

    /// An optional list's slot.
    #[inline(always)]
    fn optional_list(self) -> OptionalList<Noted, T> {
        OptionalList::new()
    }

    /// A required field's writer.
    #[inline(always)]
    fn required_out(self, value: &T) -> RequiredOut<'_, Noted, T> {
        RequiredOut::new(value)
    }

    /// An optional field's writer.
    #[inline(always)]
    fn optional_out(self, value: &Option<T>) -> OptionalOut<'_, Noted, T> {
        OptionalOut::new(value)
    }

    /// A required list's writer.
    #[inline(always)]
    fn required_list_out(self, value: &Vec<T>) -> RequiredListOut<'_, Noted, T> {
        RequiredListOut::new(value)
    }

    /// An optional list's writer.
    #[inline(always)]
    fn optional_list_out(self, value: &Option<Vec<T>>) -> OptionalListOut<'_, Noted, T> {
        OptionalListOut::new(value)
    }
}

impl<E: WireEnum> EnumKind<E> for Probe<E> {}
impl EnumKind<f64> for Probe<f64> {}
impl EnumKind<f32> for Probe<f32> {}
// A nullable number, as the item of a list (`Vec<Option<f64>>`): `null` items stay `null`.
impl EnumKind<Option<f64>> for Probe<Option<f64>> {}
impl EnumKind<Option<f32>> for Probe<Option<f32>> {}

/// The slots and writers of fields of any other type (or lists of it); found second, as its
/// methods take `&Probe<T>`.
pub trait PlainKind<T> {
    /// A required field's slot.
    #[inline(always)]
    fn required(&self) -> Required<Plain, T> {
        Required::new()
    }

    /// An optional field's slot.
    #[inline(always)]
    fn optional(&self) -> Optional<Plain, T> {
        Optional::new()
    }

    /// A required list's slot.
    #[inline(always)]
    fn required_list(&self) -> RequiredList<Plain, T> {
        RequiredList::new()
    }

    /// An optional list's slot.
    #[inline(always)]
    fn optional_list(&self) -> OptionalList<Plain, T> {
        OptionalList::new()
    }

    /// A required field's writer.
    #[inline(always)]
    fn required_out<'a>(&self, value: &'a T) -> RequiredOut<'a, Plain, T> {
        RequiredOut::new(value)
    }

    /// An optional field's writer.
    #[inline(always)]
    fn optional_out<'a>(&self, value: &'a Option<T>) -> OptionalOut<'a, Plain, T> {
        OptionalOut::new(value)
    }

    /// A required list's writer.
    #[inline(always)]
    fn required_list_out<'a>(&self, value: &'a Vec<T>) -> RequiredListOut<'a, Plain, T> {
        RequiredListOut::new(value)
    }

    /// An optional list's writer.
    #[inline(always)]
    fn optional_list_out<'a>(&self, value: &'a Option<Vec<T>>) -> OptionalListOut<'a, Plain, T> {
        OptionalListOut::new(value)
    }
}

impl<T> PlainKind<T> for Probe<T> {}
