//! Test doubles for generated clients: any request builder's `mock()` describes its own call as
//! a `wiremock` expectation with a typed answer (the runtime's `mock` feature).

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde::Serialize;
pub use wiremock::MockServer;
use wiremock::matchers::{body_bytes, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use super::{Call, Method, Policy, Transport};

/// A request a test server expects, built from a request builder (`.mock()`) so that the test
/// names the operation and its parameters, never a path or a header, and an answer typed by the
/// operation: its success body `T` or its error body `E`.
///
/// It matches the method, the path (client settings and path parameters filled in as the client
/// fills them), every query pair the call sends, and the request body byte for byte; headers are
/// not matched. A next page of a collection is a request of its own: mount its answer with the
/// builder of the request the page's link makes, or with `wiremock` directly.
///
/// ```ignore
/// let server = MockServer::start().await;
/// let client = Client::builder().base_url(server.uri()).bearer_token("t").build()?;
/// client.get_pet("rex").mock().respond(&pet).mount(&server).await;
/// let answer = client.get_pet("rex").send().await?;
/// ```
#[must_use = "an expectation does nothing until it is mounted"]
pub struct Expectation<T, P: Policy, E = <P as Policy>::ErrorBody> {
    operation: &'static str,
    request: Result<Request, String>,
    answer: Option<ResponseTemplate>,
    times: Option<u64>,
    types: PhantomData<Types<T, P, E>>,
}

/// The types an expectation is for, held without owning a value of any.
type Types<T, P, E> = fn() -> (T, P, E);

/// The method, path, query pairs and body a call is sent with.
struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl<T, P: Policy, E> fmt::Debug for Expectation<T, P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Expectation");
        out.field("operation", &self.operation);
        match &self.request {
            Ok(request) => out
                .field("method", &request.method)
                .field("path", &request.path)
                .field("query", &request.query),
            Err(reason) => out.field("unaddressable", reason),
        };
        out.field("times", &self.times).finish_non_exhaustive()
    }
}

impl<T: Serialize, P: Policy, E: Serialize> Expectation<T, P, E> {
    /// Describes `call` as the transport would send it; generated request builders call this
    /// from their `mock()`.
    #[doc(hidden)]
    pub fn for_call(transport: &Transport<P>, call: &Call) -> Self {
        let body = match &call.body {
            None => Ok(None),
            Some(Ok(bytes)) => Ok(Some(bytes.clone())),
            Some(Err(reason)) => Err(reason.clone()),
        };
        let request = transport
            .target::<crate::RawJson>(call)
            .map_err(|error| error.to_string())
            .and_then(|target| {
                Ok(Request {
                    method: call.method.clone(),
                    path: target.url.path().to_owned(),
                    query: target
                        .url
                        .query_pairs()
                        .map(|(name, value)| (name.into_owned(), value.into_owned()))
                        .collect(),
                    body: body?,
                })
            });
        Self {
            operation: call.operation,
            request,
            answer: None,
            times: None,
            types: PhantomData,
        }
    }

    /// Answers `200 OK` with `body` as JSON.
    pub fn respond(self, body: &T) -> Self {
        self.respond_with_status(200, body)
    }

    /// Answers with `status` and `body` as JSON.
    pub fn respond_with_status(mut self, status: u16, body: &T) -> Self {
        self.answer = Some(json(status, body));
        self
    }

    /// Answers `200 OK` with this JSON text as it is, such as a recorded payload.
    pub fn respond_json(mut self, text: impl Into<String>) -> Self {
        self.answer =
            Some(ResponseTemplate::new(200).set_body_raw(text.into(), "application/json"));
        self
    }

    /// Answers with `status` (such as 404) and the operation's error body.
    pub fn fail(mut self, status: u16, body: &E) -> Self {
        self.answer = Some(json(status, body));
        self
    }

    /// Answers `429 Too Many Requests` with `Retry-After` in whole seconds.
    pub fn throttle(mut self, retry_after: Duration) -> Self {
        self.answer = Some(
            ResponseTemplate::new(429)
                .insert_header("retry-after", retry_after.as_secs().to_string().as_str()),
        );
        self
    }

    /// Checks, when the server is dropped, that the call arrived exactly `times` times.
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }

    /// Mounts the expectation on `server`.
    ///
    /// # Panics
    ///
    /// When no answer was set, or the call cannot be addressed (a path parameter the client
    /// would refuse, such as `..`): both are mistakes in the test.
    pub async fn mount(self, server: &MockServer) {
        let operation = self.operation;
        let request = self
            .request
            .unwrap_or_else(|reason| panic!("cannot mock {operation}: {reason}"));
        let answer = self.answer.unwrap_or_else(|| {
            panic!("the {operation} expectation has no answer: call respond, fail or throttle")
        });
        let mut mock = Mock::given(method(request.method.as_str())).and(path(request.path));
        for (name, value) in request.query {
            mock = mock.and(query_param(name, value));
        }
        if let Some(body) = request.body {
            mock = mock.and(body_bytes(body));
        }
        let mut mock = mock.respond_with(answer).named(operation);
        if let Some(times) = self.times {
            mock = mock.expect(times);
        }
        mock.mount(server).await;
    }
}

fn json(status: u16, body: &impl Serialize) -> ResponseTemplate {
    let text = serde_json::to_string(body)
        .unwrap_or_else(|error| format!("{{\"unserializable\":\"{error}\"}}"));
    ResponseTemplate::new(status).set_body_raw(text, "application/json")
}
