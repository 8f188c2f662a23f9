//! The paging engine: reads a page, yields its items, finds the next page through the page
//! type's [`Page`] implementation, and stops at the last page or on a loop.

use std::collections::{BTreeSet, VecDeque};
use std::marker::PhantomData;

use super::{Call, CallOptions, Error, ErrorBody, ItemStream, Page, Policy, Target, Transport};

/// Streams every item of every page of `call`.
pub(super) fn stream<P: Policy, G: Page, E: ErrorBody>(
    transport: Transport<P>,
    call: Call,
    options: CallOptions,
) -> ItemStream<G::Item, P, E> {
    let state = Pages::<P, G, E> {
        transport,
        call,
        options,
        first: None,
        next: None,
        seen: BTreeSet::new(),
        buffer: VecDeque::new(),
        pending: None,
        done: false,
        page: PhantomData,
    };
    Box::pin(futures_util::stream::unfold(
        state,
        |mut state| async move {
            let item = state.next_item().await?;
            Some((item, state))
        },
    ))
}

/// The state of a paging stream.
struct Pages<P: Policy, G: Page, E: ErrorBody> {
    transport: Transport<P>,
    call: Call,
    options: CallOptions,
    /// The address of the first page, once it is read: query paging starts from it.
    first: Option<Target>,
    next: Option<Target>,
    seen: BTreeSet<String>,
    buffer: VecDeque<G::Item>,
    /// An error found after a page was read, yielded once that page's items are out.
    pending: Option<Error<P, E>>,
    done: bool,
    page: PhantomData<fn() -> G>,
}

impl<P: Policy, G: Page, E: ErrorBody> Pages<P, G, E> {
    /// The next item, fetching pages as needed; `None` at the end or after an error.
    async fn next_item(&mut self) -> Option<Result<G::Item, Error<P, E>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if let Some(error) = self.pending.take() {
                self.done = true;
                return Some(Err(error));
            }
            if self.done {
                return None;
            }
            if let Err(error) = self.fetch().await {
                self.done = true;
                return Some(Err(error));
            }
        }
    }

    async fn fetch(&mut self) -> Result<(), Error<P, E>> {
        let operation = self.call.operation;
        let target = match (&self.first, self.next.take()) {
            (None, _) => self.transport.target(&self.call)?,
            (Some(_), Some(target)) => target,
            (Some(_), None) => {
                self.done = true;
                return Ok(());
            }
        };
        let key = format!("{} {:?}", target.url, target.link_headers);
        if !self.seen.insert(key) {
            return Err(Error::Paging {
                operation,
                reason: "the next page repeats a page already read".into(),
            });
        }
        let answer = self
            .transport
            .send(&self.call, &self.options, &target)
            .await?;
        let first = self.first.get_or_insert(target);
        let page: G = super::decode(operation, &answer)?;
        let (items, next) = page.into_parts();
        self.buffer.extend(items);
        match next {
            Ok(None) => self.done = true,
            Ok(Some(next)) => match self.transport.follow(operation, first, next) {
                Ok(target) => self.next = Some(target),
                Err(error) => self.pending = Some(error),
            },
            Err(reason) => self.pending = Some(Error::Paging { operation, reason }),
        }
        Ok(())
    }
}
