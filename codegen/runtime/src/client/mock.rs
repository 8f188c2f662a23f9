//! Test doubles for generated clients: any request builder's `mock()` describes its own call as
//! a `wiremock` expectation with a typed answer (the runtime's `mock` feature).

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde::Serialize;
pub use wiremock::MockServer;
use wiremock::matchers::{body_bytes, header, method, path};
use wiremock::{Match, Mock, MockBuilder, ResponseTemplate};

use super::{Call, Method, Page, Policy, Target, Transport};

/// A request a test server expects, built from a request builder (`.mock()`) so that the test
/// names the operation and its parameters, never a path or a header, and an answer typed by the
/// operation: its success body `T` or its error body `E`.
///
/// It matches the method, the path (client settings and path parameters filled in as the client
/// fills them), exactly the query pairs the call sends (a request with one more optional
/// parameter is another request), and the request body byte for byte; headers are not matched. A next page of a collection is a request of its own: mount its answer with the
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
    transport: Transport<P>,
    request: Result<Request, String>,
    answer: Option<ResponseTemplate>,
    times: Option<u64>,
    types: PhantomData<Types<T, P, E>>,
}

/// The types an expectation is for, held without owning a value of any.
type Types<T, P, E> = fn() -> (T, P, E);

/// The method, address and body a call is sent with.
struct Request {
    method: Method,
    target: Target,
    body: Option<Vec<u8>>,
}

impl Request {
    /// A mock that matches this request: method, path, exactly its query pairs (none more), the
    /// headers a page link asks for, and the body byte for byte.
    fn matcher(&self) -> MockBuilder {
        let mut mock = Mock::given(method(self.method.as_str()))
            .and(path(self.target.url.path()))
            .and(ExactQuery::of(&self.target.url));
        for (name, value) in &self.target.link_headers {
            mock = mock.and(header(name.as_str(), value.as_str()));
        }
        if let Some(body) = &self.body {
            mock = mock.and(body_bytes(body.clone()));
        }
        mock
    }
}

/// Matches a request whose query pairs are exactly these, in any order.
struct ExactQuery(Vec<(String, String)>);

impl ExactQuery {
    fn of(url: &reqwest::Url) -> Self {
        Self(sorted_pairs(url))
    }
}

fn sorted_pairs(url: &reqwest::Url) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

impl Match for ExactQuery {
    fn matches(&self, request: &wiremock::Request) -> bool {
        sorted_pairs(&request.url) == self.0
    }
}

impl<T, P: Policy, E> fmt::Debug for Expectation<T, P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Expectation");
        out.field("operation", &self.operation);
        match &self.request {
            Ok(request) => out
                .field("method", &request.method)
                .field("url", &request.target.url.as_str()),
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
            Some(Ok(payload)) => Ok(Some(payload.bytes.clone())),
            Some(Err(reason)) => Err(reason.clone()),
        };
        let request = transport
            .target::<crate::RawJson>(call)
            .map_err(|error| error.to_string())
            .and_then(|target| {
                Ok(Request {
                    method: call.method.clone(),
                    target,
                    body: body?,
                })
            });
        Self {
            operation: call.operation,
            transport: transport.clone(),
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

    /// Answers `200 OK` with `body` as it is, of media type `content_type`: the answer of an
    /// operation whose answer is text or bytes.
    pub fn respond_raw(mut self, body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        self.answer = Some(ResponseTemplate::new(200).set_body_raw(body.into(), content_type));
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
        let mut mock = request.matcher().respond_with(answer).named(operation);
        if let Some(times) = self.times {
            mock = mock.expect(times);
        }
        mock.mount(server).await;
    }
}

impl<T, P, E> Expectation<T, P, E>
where
    T: Page + Serialize + Clone,
    P: Policy,
    E: Serialize,
{
    /// Mounts a collection answered by `pages` in order: the first for this call, and each
    /// next one for the request the page before it leads to (its link with the link's headers,
    /// or this call again with the page's query pairs), as `into_stream` follows them. The
    /// answer set on the expectation, if any, is not used; `times` counts the first page.
    ///
    /// # Panics
    ///
    /// When `pages` is empty, the call cannot be addressed, or a page before the last says there
    /// is no next page or leads where the client would not follow.
    pub async fn mount_pages(self, pages: &[T], server: &MockServer) {
        let operation = self.operation;
        let first = self
            .request
            .unwrap_or_else(|reason| panic!("cannot mock {operation}: {reason}"));
        let mut request = Request {
            method: first.method.clone(),
            target: Target {
                url: first.target.url.clone(),
                link_headers: first.target.link_headers.clone(),
            },
            body: first.body.clone(),
        };
        assert!(
            !pages.is_empty(),
            "mount_pages of {operation} needs at least one page"
        );
        for (index, page) in pages.iter().enumerate() {
            // Each page's request is matched exactly (query pairs and link headers), so pages
            // cannot answer one another's requests.
            let mut mock = request
                .matcher()
                .respond_with(json(200, page))
                .named(format!("{operation}, page {}", index + 1));
            if let (0, Some(times)) = (index, self.times) {
                mock = mock.expect(times);
            }
            mock.mount(server).await;
            if index + 1 == pages.len() {
                break;
            }
            let (_, next) = page.clone().into_parts();
            let next = match next {
                Ok(Some(next)) => next,
                Ok(None) => panic!(
                    "page {} of {operation} has no next page, but {} more were given",
                    index + 1,
                    pages.len() - index - 1
                ),
                Err(reason) => panic!("page {} of {operation}: {reason}", index + 1),
            };
            let target = self
                .transport
                .follow::<crate::RawJson>(operation, &first.target, next)
                .unwrap_or_else(|error| panic!("page {} of {operation}: {error}", index + 1));
            request = Request {
                method: Method::GET,
                target,
                body: None,
            };
        }
    }
}

fn json(status: u16, body: &impl Serialize) -> ResponseTemplate {
    let text = serde_json::to_string(body)
        .unwrap_or_else(|error| format!("{{\"unserializable\":\"{error}\"}}"));
    ResponseTemplate::new(status).set_body_raw(text, "application/json")
}
