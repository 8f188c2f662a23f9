//! The methods every generated request builder shares, written once: `header`, `timeout`,
//! `retry_policy`, `send`, `send_with_response`, for collections `into_stream`, and with the
//! `mock` feature `mock`.

/// Writes the shared methods of a generated request builder; generated code calls it through
/// `codegen_runtime::client::request_builder!`, once per operation.
///
/// The input reads like an `impl` block of associated types, so that it is formatted as one:
/// `Output` is the answer (`()` sends without decoding a body), `Policy` the API's policy,
/// `Error` the operation's documented error body (the policy's when absent), and `Item` the item
/// type of a collection, which adds `into_stream`. `type Answer = text;` keeps an answer that is
/// not JSON as a `String`, `type Answer = bytes;` as a `Vec<u8>`. The builder must have the fields `client`
/// (whose `transport` is the runtime's `Transport`) and `options` (`CallOptions`), and a method
/// `call(&self) -> Call`.
#[doc(hidden)]
#[macro_export]
macro_rules! __request_builder {
    (impl $builder:ident {
        type Output = ();
        type Policy = $policy:ty;
        $(type Error = $error:ty;)?
    }) => {
        $crate::__request_builder!(@methods $builder, (), execute_empty, $policy $(, $error)?; {});
    };
    (impl $builder:ident {
        type Output = $output:ty;
        type Policy = $policy:ty;
        $(type Error = $error:ty;)?
        type Answer = text;
    }) => {
        $crate::__request_builder!(@methods $builder, $output, execute_text, $policy $(, $error)?; {});
    };
    (impl $builder:ident {
        type Output = $output:ty;
        type Policy = $policy:ty;
        $(type Error = $error:ty;)?
        type Answer = bytes;
    }) => {
        $crate::__request_builder!(@methods $builder, $output, execute_bytes, $policy $(, $error)?; {});
    };
    (impl $builder:ident {
        type Output = $output:ty;
        type Policy = $policy:ty;
        $(type Error = $error:ty;)?
        type Item = $item:ty;
    }) => {
        $crate::__request_builder!(@methods $builder, $output, execute, $policy $(, $error)?; {
            /// Streams every item of every page, following each page's link to the next.
            pub fn into_stream(self) -> $crate::client::ItemStream<$item, $policy $(, $error)?> {
                let call = self.call();
                self.client.transport.paginate::<$output, _>(call, self.options)
            }
        });
    };
    (impl $builder:ident {
        type Output = $output:ty;
        type Policy = $policy:ty;
        $(type Error = $error:ty;)?
    }) => {
        $crate::__request_builder!(@methods $builder, $output, execute, $policy $(, $error)?; {});
    };
    (@methods $builder:ident, $output:ty, $execute:ident, $policy:ty $(, $error:ty)?; { $($more:tt)* }) => {
        impl<'a> $builder<'a> {
            /// Adds a header to this call, or overrides one the client would send.
            pub fn header(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.options = self.options.header(name, value);
                self
            }

            /// Sets the time limit of each attempt of this call.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options = self.options.timeout(timeout);
                self
            }

            /// Sets how this call is retried.
            pub fn retry_policy(mut self, policy: $crate::client::RetryPolicy) -> Self {
                self.options = self.options.retry_policy(policy);
                self
            }

            /// Sends the request and decodes the answer, once the returned future is awaited.
            pub fn send(self) -> $crate::client::BodyFuture<'a, $output, $policy $(, $error)?> {
                self.send_with_response().into_body()
            }

            /// Sends the request and decodes the answer, keeping its status and headers, once
            /// the returned future is awaited.
            pub fn send_with_response(
                self,
            ) -> $crate::client::ResponseFuture<'a, $output, $policy $(, $error)?> {
                let call = self.call();
                self.client.transport.$execute(call, self.options)
            }

            $crate::__request_mock!($output, $policy $(, $error)?);

            $($more)*
        }
    };
}

/// Writes a request builder's `mock()`, with the runtime's `mock` feature.
#[cfg(feature = "mock")]
#[doc(hidden)]
#[macro_export]
macro_rules! __request_mock {
    ($output:ty, $policy:ty $(, $error:ty)?) => {
        /// Describes this call as a request a test server expects, to be given an answer typed
        /// by this operation and mounted (the runtime's `mock` feature).
        pub fn mock(&self) -> $crate::client::mock::Expectation<$output, $policy $(, $error)?> {
            $crate::client::mock::Expectation::for_call(&self.client.transport, &self.call())
        }
    };
}

/// Writes nothing without the runtime's `mock` feature.
#[cfg(not(feature = "mock"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __request_mock {
    ($($anything:tt)*) => {};
}
