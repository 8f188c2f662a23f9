//! Key order: the reader notes when keys arrive out of canonical order, the writer follows it.
//!
//! The canonical order is the declared fields in declaration order, then the unknown fields in
//! the order they arrived. While keys arrive in it the reader records nothing (the common case
//! costs two comparisons per key and no allocation); from the first key out of it on, each key
//! is appended to `Extra`'s order, and when the object ends the fields that arrived before that
//! key are put in front. The writer is a loop over [`Order`]: it yields the declared fields in
//! the recorded order, writing each unknown field at its place itself, then the declared fields
//! the record does not name (absent on arrival, perhaps set since) in declaration order, then
//! the unknown fields not yet written (inserted since).

use serde::ser::SerializeMap;

use super::UNKNOWN;
use crate::Extra;

/// Watches the order in which a visitor's keys arrive, for a struct of at most `64 * WORDS`
/// declared fields.
pub struct Arrivals<const WORDS: usize> {
    /// The declared fields that arrived before the order broke, one bit each.
    seen: [u64; WORDS],
    /// The lowest declared field index that may still come in canonical order.
    next: u16,
    /// Unknown fields seen before the order broke.
    unknowns: u32,
    /// Whether a key came out of canonical order; from then on every key is recorded.
    broken: bool,
}

impl<const WORDS: usize> Default for Arrivals<WORDS> {
    #[inline]
    fn default() -> Self {
        Self {
            seen: [0; WORDS],
            next: 0,
            unknowns: 0,
            broken: false,
        }
    }
}

impl<const WORDS: usize> Arrivals<WORDS> {
    /// Notes that declared field `field` arrived.
    #[inline]
    pub fn field(&mut self, extra: &mut Extra, field: u16) {
        if !self.broken && self.unknowns == 0 && field >= self.next {
            self.next = field.saturating_add(1);
            if let Some(word) = self.seen.get_mut(usize::from(field / 64)) {
                *word |= 1 << (field % 64);
            }
        } else {
            self.broken = true;
            extra.push_order(field);
        }
    }

    /// Notes that an unknown field arrived.
    #[inline]
    pub fn unknown(&mut self, extra: &mut Extra) {
        if self.broken {
            extra.push_order(UNKNOWN);
        } else {
            self.unknowns = self.unknowns.saturating_add(1);
        }
    }

    /// Completes the record at the end of the object: puts the fields and unknown fields that
    /// arrived in canonical order before the first key out of it in front of the record.
    #[inline]
    pub fn finish(self, extra: &mut Extra) {
        if self.broken {
            let seen = self.seen;
            let before = (0..WORDS * 64)
                .filter(|&index| seen[index / 64] & (1 << (index % 64)) != 0)
                .filter_map(|index| u16::try_from(index).ok());
            extra.complete_order(before, self.unknowns, UNKNOWN);
        }
    }
}

/// The order a struct writes its fields in: the recorded one, else the canonical one.
pub struct Order<'a> {
    extra: &'a Extra,
    recorded: &'a [u16],
    /// The number of declared fields.
    count: u16,
    /// The next step of `recorded`.
    step: usize,
    /// The next declared field to consider once `recorded` is done.
    field: u16,
    /// The next unknown field to write.
    unknown: usize,
}

impl<'a> Order<'a> {
    /// The order for a struct with `count` declared fields whose unknown fields are in `extra`.
    #[inline]
    pub fn new(extra: &'a Extra, count: u16) -> Self {
        Self {
            extra,
            recorded: extra.order(),
            count,
            step: 0,
            field: 0,
            unknown: 0,
        }
    }

    /// Returns the next declared field to write, writing any unknown fields that come before
    /// it; `None` once everything is written.
    #[inline]
    pub fn next<M: SerializeMap>(&mut self, map: &mut M) -> Result<Option<u16>, M::Error> {
        // Nothing recorded: the declared fields in order, one comparison each.
        if self.recorded.is_empty() && self.field < self.count {
            let field = self.field;
            self.field += 1;
            return Ok(Some(field));
        }
        self.next_recorded(map)
    }

    /// [`Order::next`] past the declared fields or along a recorded order.
    #[inline]
    fn next_recorded<M: SerializeMap>(&mut self, map: &mut M) -> Result<Option<u16>, M::Error> {
        while let Some(&step) = self.recorded.get(self.step) {
            self.step += 1;
            if step != UNKNOWN {
                return Ok(Some(step));
            }
            if let Some((key, value)) = self.extra.unknown_at(self.unknown) {
                self.unknown += 1;
                map.serialize_entry(key, value)?;
            }
        }
        while self.field < self.count {
            let field = self.field;
            self.field += 1;
            if !self.recorded.contains(&field) {
                return Ok(Some(field));
            }
        }
        if !self.extra.is_pristine() {
            while let Some((key, value)) = self.extra.unknown_at(self.unknown) {
                self.unknown += 1;
                map.serialize_entry(key, value)?;
            }
        }
        Ok(None)
    }
}
