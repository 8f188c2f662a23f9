//! Key order: the reader notes when keys arrive out of canonical order, the writer follows it.
//!
//! The canonical order is the declared fields in declaration order, then the unknown fields in
//! the order they arrived. While keys arrive in it the reader records nothing (the common case
//! costs two comparisons per key and no allocation). At the first key out of it the reader
//! writes into `Extra` the fields and unknown fields that came before that key, then appends
//! every further key; when the object ends it appends the declared fields that never arrived, in
//! declaration order, so that the record names every declared field exactly once. The writer is
//! then one loop over a slice of field indices, the record or a static canonical order alike:
//! no search, no comparison of keys, no allocation. Unknown fields are steps of
//! that loop too (`UNKNOWN`, the next one in arrival order); those inserted since are written
//! after it.

use serde::ser::SerializeMap;

use super::UNKNOWN;
use crate::Extra;

/// The canonical order of the structs of up to 1,024 declared fields: `0, 1, …, 1023`.
static CANONICAL: [u16; 1024] = {
    let mut order = [0; 1024];
    let mut field = 0;
    while field < 1024 {
        order[field] = field as u16;
        field += 1;
    }
    order
};

/// Watches the order in which a visitor's keys arrive, for a struct of at most `64 * WORDS`
/// declared fields.
pub struct Arrivals<const WORDS: usize> {
    /// The declared fields that arrived so far, one bit each.
    seen: [u64; WORDS],
    /// The number of declared fields.
    count: u16,
    /// The lowest declared field index that may still come in canonical order.
    next: u16,
    /// Unknown fields seen before the order broke.
    unknowns: u32,
    /// Whether a key came out of canonical order; from then on every key is recorded.
    broken: bool,
}

impl<const WORDS: usize> Arrivals<WORDS> {
    /// Watches the keys of a struct with `count` declared fields.
    #[inline]
    pub fn new(count: u16) -> Self {
        Self {
            seen: [0; WORDS],
            count,
            next: 0,
            unknowns: 0,
            broken: false,
        }
    }

    /// Whether declared field `field` arrived.
    #[inline]
    fn has_seen(&self, field: u16) -> bool {
        self.seen
            .get(usize::from(field / 64))
            .is_some_and(|word| word & (1 << (field % 64)) != 0)
    }

    /// Notes that declared field `field` arrived.
    #[inline]
    pub fn field(&mut self, extra: &mut Extra, field: u16) {
        if let Some(word) = self.seen.get_mut(usize::from(field / 64)) {
            *word |= 1 << (field % 64);
        }
        if !self.broken && self.unknowns == 0 && field >= self.next {
            self.next = field.saturating_add(1);
        } else {
            if !self.broken {
                self.start(extra, Some(field));
            }
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

    /// Starts the record at the first key out of canonical order (`field`, already marked as
    /// seen): the declared fields that came before it, in declaration order, then the unknown
    /// fields that came before it.
    #[cold]
    fn start(&mut self, extra: &mut Extra, field: Option<u16>) {
        self.broken = true;
        let before = (0..self.count).filter(|&index| Some(index) != field && self.has_seen(index));
        extra.start_order(
            before,
            self.unknowns,
            usize::from(self.count) + self.unknowns as usize,
        );
    }

    /// Completes the record at the end of the object: appends the declared fields that never
    /// arrived, in declaration order.
    #[inline]
    pub fn finish(self, extra: &mut Extra) {
        if self.broken {
            self.complete(extra);
        }
    }

    #[cold]
    fn complete(&self, extra: &mut Extra) {
        let absent = (0..self.count).filter(|&index| !self.has_seen(index));
        extra.complete_order(absent, self.count);
    }
}

/// The order a struct writes its fields in: the recorded one, else the canonical one.
pub struct Order<'a> {
    extra: &'a Extra,
    /// The recorded order, or the canonical one (its first 1,024 fields).
    steps: &'a [u16],
    /// The next step.
    next: usize,
    /// The number of declared fields when `steps` is the canonical order, else 0: a struct
    /// of more than 1,024 fields counts the rest.
    wide: usize,
    /// The next unknown field to write.
    unknown: usize,
}

impl<'a> Order<'a> {
    /// The order of a struct with `count` declared fields whose unknown fields and recorded
    /// order are in `extra`.
    #[inline]
    pub fn new(extra: &'a Extra, count: u16) -> Self {
        let count = usize::from(count);
        let (steps, wide) = match extra.order(count) {
            Some(recorded) => (recorded, 0),
            None => (&CANONICAL[..count.min(CANONICAL.len())], count),
        };
        Self {
            extra,
            steps,
            next: 0,
            wide,
            unknown: 0,
        }
    }

    /// The next declared field to write, or `UNKNOWN` for the next unknown field
    /// ([`Order::unknown`]); `None` at the end.
    #[inline]
    pub fn step(&mut self) -> Option<u16> {
        match self.steps.get(self.next) {
            Some(&field) => {
                self.next += 1;
                Some(field)
            }
            None => self.step_wide(),
        }
    }

    /// [`Order::step`] past the first 1,024 fields of the canonical order.
    #[cold]
    fn step_wide(&mut self) -> Option<u16> {
        let field = u16::try_from(self.next)
            .ok()
            .filter(|_| self.next < self.wide)?;
        self.next += 1;
        Some(field)
    }

    /// What the fields' writers consult: `extra` when it remembers a key spelling, a `null`,
    /// an enum value's spelling or an integer, else an `Extra` that remembers nothing, so that
    /// each writer takes its plain path.
    #[inline]
    pub fn memory(&self) -> &'a Extra {
        if self.extra.remembers_values() {
            self.extra
        } else {
            Extra::empty()
        }
    }

    /// Writes the next unknown field in arrival order, if one is left.
    #[inline]
    pub fn unknown<M: SerializeMap>(&mut self, map: &mut M) -> Result<(), M::Error> {
        match self.extra.unknown_at(self.unknown) {
            Some((key, value)) => {
                self.unknown += 1;
                map.serialize_entry(key, value)
            }
            None => Ok(()),
        }
    }

    /// Writes the unknown fields the steps did not name (all of them in canonical order, or
    /// those inserted since the record).
    #[inline]
    pub fn finish<M: SerializeMap>(mut self, map: &mut M) -> Result<(), M::Error> {
        while let Some((key, value)) = self.extra.unknown_at(self.unknown) {
            self.unknown += 1;
            map.serialize_entry(key, value)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(extra: &Extra, count: u16) -> Vec<u16> {
        let mut order = Order::new(extra, count);
        std::iter::from_fn(|| order.step()).collect()
    }

    #[test]
    fn the_canonical_order_counts_past_the_static_table() {
        let extra = Extra::default();
        assert_eq!(steps(&extra, 0), Vec::<u16>::new());
        assert_eq!(steps(&extra, 3), vec![0, 1, 2]);
        assert_eq!(steps(&extra, 1030), (0..1030).collect::<Vec<u16>>());
    }

    #[test]
    fn a_record_is_followed_only_for_its_field_count() {
        let mut extra = Extra::default();
        let mut arrivals = Arrivals::<1>::new(3);
        arrivals.field(&mut extra, 2);
        arrivals.unknown(&mut extra);
        arrivals.field(&mut extra, 0);
        arrivals.finish(&mut extra);
        assert_eq!(steps(&extra, 3), vec![2, UNKNOWN, 0, 1]);
        assert_eq!(steps(&extra, 4), vec![0, 1, 2, 3]);
    }
}
