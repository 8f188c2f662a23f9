//! The futures a request builder's `send` returns, boxed once here so that generated builders
//! hold no `async fn` of their own (each would be a coroutine for `cargo check` to lay out).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{Error, ErrorBody, Policy, Response};

/// What a call resolves to: the decoded answer with its status and headers, or the error.
type Outcome<T, P, E> = Result<Response<T>, Error<P, E>>;

/// A call on its way: resolves to the decoded answer with its status and headers, or the error.
///
/// Returned by a request builder's `send_with_response` and by the transport's `execute`
/// methods; the request is sent when the future is first polled.
#[must_use = "a request does nothing until it is awaited"]
pub struct ResponseFuture<'a, T, P: Policy, E: ErrorBody = <P as Policy>::ErrorBody> {
    future: Pin<Box<dyn Future<Output = Outcome<T, P, E>> + Send + 'a>>,
}

impl<'a, T, P: Policy, E: ErrorBody> ResponseFuture<'a, T, P, E> {
    /// Boxes the future that carries out a call.
    pub(crate) fn new(future: impl Future<Output = Outcome<T, P, E>> + Send + 'a) -> Self {
        Self {
            future: Box::pin(future),
        }
    }

    /// The same call, resolving to the answer's body alone.
    pub fn into_body(self) -> BodyFuture<'a, T, P, E> {
        BodyFuture { response: self }
    }
}

impl<T, P: Policy, E: ErrorBody> Future for ResponseFuture<'_, T, P, E> {
    type Output = Outcome<T, P, E>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        self.future.as_mut().poll(context)
    }
}

impl<T, P: Policy, E: ErrorBody> fmt::Debug for ResponseFuture<'_, T, P, E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("ResponseFuture")
    }
}

/// A call on its way: resolves to the decoded answer's body, or the error.
///
/// Returned by a request builder's `send`; the request is sent when the future is first polled.
#[must_use = "a request does nothing until it is awaited"]
pub struct BodyFuture<'a, T, P: Policy, E: ErrorBody = <P as Policy>::ErrorBody> {
    response: ResponseFuture<'a, T, P, E>,
}

impl<T, P: Policy, E: ErrorBody> Future for BodyFuture<'_, T, P, E> {
    type Output = Result<T, Error<P, E>>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.response)
            .poll(context)
            .map(|answer| answer.map(Response::into_body))
    }
}

impl<T, P: Policy, E: ErrorBody> fmt::Debug for BodyFuture<'_, T, P, E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("BodyFuture")
    }
}

/// Both futures can move to another thread (`tokio::spawn`), whatever the answer type.
const _: fn() = || {
    fn assert_send<T: Send>() {}
    assert_send::<ResponseFuture<'static, std::rc::Rc<()>, super::StandardPolicy>>();
    assert_send::<BodyFuture<'static, std::rc::Rc<()>, super::StandardPolicy>>();
};
