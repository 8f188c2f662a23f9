//! What varies from one API to the next: the `Policy` an API crate implements, its error bodies
//! and its pages.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Method;
use crate::RawJson;

/// One API's conventions, implemented once by hand in the API's crate; the generated client
/// names it, and the runtime asks it whatever is not the same for every API.
///
/// Only the body types, the context type and the user agent are required; every hook has a
/// default that does nothing special.
pub trait Policy: fmt::Debug + Default + Send + Sync + 'static {
    /// The body of the service's error answers, unless an operation documents another.
    type ErrorBody: ErrorBody;
    /// The body of a throttled (HTTP 429) answer; `()` when the API documents none.
    type ThrottlingBody: DeserializeOwned + fmt::Debug + Send + Sync + 'static;
    /// What the policy remembers for one logical call (all its attempts), such as request ids.
    type Context: Send + Sync + 'static;

    /// The `User-Agent` sent with every request.
    const USER_AGENT: &'static str;
    /// The client setting that `Builder::api_version` sets, when the API has one.
    const API_VERSION_SETTING: Option<&'static str> = None;
    /// Whether `Builder::build` refuses a client without a token source; without one, calls
    /// carry no `Authorization` header.
    const REQUIRES_TOKEN: bool = true;

    /// The value stored for client setting `name` when the builder is given `value`.
    fn setting(&self, name: &str, value: String) -> String {
        let _ = name;
        value
    }

    /// Starts one logical call: what its attempts share.
    fn begin(&self, call: &CallInfo<'_>) -> Self::Context;

    /// The request id of a call, shown in its tracing span and its errors.
    fn request_id<'c>(&self, context: &'c Self::Context) -> Option<&'c str> {
        let _ = context;
        None
    }

    /// The context headers of attempt number `attempt` (1-based) of a call; the call's own
    /// headers and the caller's override them.
    fn context_headers(&self, context: &Self::Context, attempt: u32) -> Vec<(String, String)> {
        let _ = (context, attempt);
        Vec::new()
    }

    /// The tracing span of one attempt. It must declare a `status` field, recorded when the
    /// attempt ends.
    fn span(&self, attempt: &AttemptInfo<'_>) -> tracing::Span {
        tracing::info_span!(
            "api.call",
            operation = attempt.operation,
            method = %attempt.method,
            attempt = attempt.attempt,
            request_id = attempt.request_id.unwrap_or_default(),
            status = tracing::field::Empty,
        )
    }

    /// Turns the path of a relative next-page link into a path below the base URL; links that
    /// leave out a prefix the base URL does not have (such as an API version) add it here.
    fn relative_link(&self, path: &str, settings: &Settings) -> String {
        let _ = settings;
        path.to_owned()
    }
}

/// The conventions of an API whose crate brings no policy of its own, such as a crate the
/// `codegen` command writes: error and throttling bodies kept as raw JSON, no context headers,
/// no settings, and a bearer token only when one is given.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct StandardPolicy;

impl Policy for StandardPolicy {
    type ErrorBody = RawJson;
    type ThrottlingBody = RawJson;
    type Context = ();

    const USER_AGENT: &'static str = concat!("codegen-runtime/", env!("CARGO_PKG_VERSION"));
    const REQUIRES_TOKEN: bool = false;

    fn begin(&self, call: &CallInfo<'_>) {
        let _ = call;
    }
}

/// An error body of any shape, kept as the JSON it arrived as; described by the default.
impl ErrorBody for RawJson {}

/// A documented error body.
///
/// Both methods have defaults, so a generated client implements it for every documented error
/// body with one empty `impl`; an API's crate may implement it by hand instead (and then turns
/// off `EmitOptions::error_body_impls`).
pub trait ErrorBody: DeserializeOwned + Serialize + fmt::Debug + Send + Sync + 'static {
    /// Whether a decoded body really is this error, not some other JSON that happens to decode
    /// (a body whose fields are all optional decodes from any object). By default, any body is.
    fn is_error(&self) -> bool {
        true
    }

    /// A one-line description for the error message, such as `error 400013: not found`. By
    /// default, the body as compact JSON, cut after 200 characters.
    fn describe(&self) -> String {
        const LIMIT: usize = 200;
        let text = serde_json::to_string(self)
            .unwrap_or_else(|error| format!("an error body that cannot be shown: {error}"));
        match text.char_indices().nth(LIMIT) {
            Some((end, _)) => format!("{}...", &text[..end]),
            None => text,
        }
    }
}

/// One page of a collection answer: its items, and where the next page is.
pub trait Page: DeserializeOwned + Send + 'static {
    /// The type of one item.
    type Item: Send + 'static;

    /// The items of this page, and the next page: `Ok(None)` after the last one, an error when
    /// the page says there is a next one but not where.
    fn into_parts(self) -> (Vec<Self::Item>, Result<Option<NextPage>, String>);
}

/// Where the next page of a collection is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextPage {
    /// A link to follow: an absolute URL on the service's origin, or an absolute path.
    Link {
        /// The address.
        uri: String,
        /// The method the link asks for; only `GET` is followed.
        method: Option<String>,
        /// Headers to send with the next request, such as a continuation token.
        headers: Vec<(String, String)>,
    },
    /// The first request again, with these query pairs set (replacing pairs of the same
    /// name): an offset, a page number or a cursor.
    Query(Vec<(String, String)>),
}

/// What a policy sees of a call when it starts.
pub struct CallInfo<'a> {
    pub(super) operation: &'static str,
    pub(super) method: &'a Method,
    pub(super) given: &'a dyn Fn(&str) -> Option<String>,
}

impl CallInfo<'_> {
    /// The operation id.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        self.method
    }

    /// The value the caller gave for header `name` (any case), in the call or its options.
    pub fn given_header(&self, name: &str) -> Option<String> {
        (self.given)(name)
    }
}

impl fmt::Debug for CallInfo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallInfo")
            .field("operation", &self.operation)
            .field("method", self.method)
            .finish_non_exhaustive()
    }
}

/// What a policy sees of one attempt, to make its tracing span.
#[derive(Debug, Clone, Copy)]
pub struct AttemptInfo<'a> {
    /// The operation id.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: &'a Method,
    /// The attempt number, 1-based.
    pub attempt: u32,
    /// The call's request id, if the policy gives one.
    pub request_id: Option<&'a str>,
}

/// The client settings: values for parameters the spec marks as supplied by the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings(pub(super) BTreeMap<String, String>);

impl Settings {
    /// The value of setting `name`, if one was given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}
