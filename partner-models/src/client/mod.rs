//! The async HTTP runtime under the generated client: configuration, request context, retries,
//! paging and decoding. Generated code describes each call; this module carries it out.

mod address;
mod auth;
mod error;
mod retry;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

pub use auth::{StaticToken, Token, TokenError, TokenFuture, TokenSource};
pub use error::Error;
pub use futures_core::Stream;
pub use reqwest::Method;
pub use retry::RetryPolicy;

pub use crate::generated::client::*;

/// The items of every page of a collection call, in order; it ends after the last page or
/// after the first error.
pub type ItemStream<T> = std::pin::Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>;

/// A value as compact JSON text, for parameters that are not plain text.
#[doc(hidden)]
pub fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The public Partner Center service.
pub const DEFAULT_BASE_URL: &str = "https://api.partnercenter.microsoft.com";
/// The API version the client calls unless told otherwise.
pub const DEFAULT_API_VERSION: &str = "v1";
/// The `User-Agent` sent with every request: this crate and its version.
pub const USER_AGENT: &str = concat!("partner-models/", env!("CARGO_PKG_VERSION"));

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL does not parse or is not http(s).
    #[error("invalid base url `{url}`: {reason}")]
    BaseUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No token source was configured.
    #[error("no token source: call `bearer_token` or `token_source`")]
    MissingToken,
    /// A default header has an invalid name or value.
    #[error("invalid default header `{name}`")]
    Header {
        /// The header name given.
        name: String,
    },
    /// The HTTP stack could not be set up.
    #[error("cannot set up the http client: {0}")]
    Http(#[source] reqwest::Error),
}

/// Configures a client; `C` is the generated client type it builds.
pub struct Builder<C> {
    wrap: fn(Transport) -> C,
    base_url: String,
    api_version: String,
    settings: BTreeMap<String, String>,
    tokens: Option<Arc<dyn TokenSource>>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    headers: Vec<(String, String)>,
}

impl<C> fmt::Debug for Builder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("settings", &self.settings)
            .field("tokens", &self.tokens.as_ref().map(|_| "[redacted]"))
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<C> Builder<C> {
    /// Starts a configuration whose `build` wraps the transport with `wrap`.
    pub fn new(wrap: fn(Transport) -> C) -> Self {
        Self {
            wrap,
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_version: DEFAULT_API_VERSION.to_owned(),
            settings: BTreeMap::new(),
            tokens: None,
            retry: RetryPolicy::default(),
            timeout: Some(Duration::from_secs(60)),
            connect_timeout: Some(Duration::from_secs(10)),
            headers: Vec::new(),
        }
    }

    /// Sets the service address, such as `http://127.0.0.1:8080` for a local server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sets the API version, `v1` (or `1`) by default.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Sets another client-wide setting that the spec marks with `x-client-setting`.
    pub fn setting(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.settings.insert(name.into(), value.into());
        self
    }

    /// Authenticates every call with a fixed bearer token.
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.token_source(StaticToken::new(token))
    }

    /// Authenticates every call with tokens from `source`, asked before each attempt.
    pub fn token_source(mut self, source: impl TokenSource + 'static) -> Self {
        self.tokens = Some(Arc::new(source));
        self
    }

    /// Sets how calls are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sets the time limit of each attempt (60 s by default); `None` waits forever.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the time limit for connecting (10 s by default).
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Adds a header sent with every call, such as `X-Locale`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        let base_url =
            reqwest::Url::parse(&self.base_url).map_err(|error| BuildError::BaseUrl {
                url: self.base_url.clone(),
                reason: error.to_string(),
            })?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(BuildError::BaseUrl {
                url: self.base_url,
                reason: "it must be an http or https url".into(),
            });
        }
        let tokens = self.tokens.ok_or(BuildError::MissingToken)?;
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let parsed = HeaderName::try_from(name.as_str())
                .ok()
                .zip(HeaderValue::try_from(value.as_str()).ok());
            let (name, value) = parsed.ok_or_else(|| BuildError::Header { name: name.clone() })?;
            headers.append(name, value);
        }
        let mut http = reqwest::Client::builder().user_agent(USER_AGENT);
        if let Some(timeout) = self.connect_timeout {
            http = http.connect_timeout(timeout);
        }
        let http = http.build().map_err(BuildError::Http)?;
        let version = self.api_version.trim_start_matches(['v', 'V']).to_owned();
        let mut settings = self.settings;
        settings
            .entry("apiVersion".to_owned())
            .or_insert(version.clone());
        Ok((self.wrap)(Transport {
            inner: Arc::new(Inner {
                http,
                base: base_url.as_str().trim_end_matches('/').to_owned(),
                base_url,
                version_prefix: format!("/v{version}"),
                settings,
                tokens,
                retry: self.retry,
                timeout: self.timeout,
                headers,
            }),
        }))
    }
}

/// Carries out calls: authentication, context headers, retries, decoding and paging.
///
/// Cheap to clone; clones share one connection pool.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: reqwest::Url,
    /// The base URL without a trailing slash, to which paths are appended.
    base: String,
    /// `/v1` for API version `v1`: what relative links may lack.
    version_prefix: String,
    settings: BTreeMap<String, String>,
    tokens: Arc<dyn TokenSource>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    headers: HeaderMap,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.inner.base)
            .field("settings", &self.inner.settings)
            .field("tokens", &"[redacted]")
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Options of one call: extra or overriding headers, a timeout, a retry policy.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
}

impl CallOptions {
    /// Adds a header, or overrides one the client would send (such as `ms-correlationid`).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the time limit of each attempt of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets how this call is retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
}

/// One call as generated code describes it; [`Transport`] carries it out.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Call {
    operation: &'static str,
    method: Method,
    template: &'static str,
    settings: Vec<(&'static str, &'static str, &'static str)>,
    path: Vec<(&'static str, String)>,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<Result<Vec<u8>, String>>,
}

impl Call {
    /// Describes a call of `operation` to the path `template`, such as `/v{version}/offers/{offer_id}`.
    pub fn new(operation: &'static str, method: Method, template: &'static str) -> Self {
        Self {
            operation,
            method,
            template,
            settings: Vec::new(),
            path: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Fills `{placeholder}` from the client setting `setting`, or `default` when unset.
    pub fn setting(
        mut self,
        placeholder: &'static str,
        setting: &'static str,
        default: &'static str,
    ) -> Self {
        self.settings.push((placeholder, setting, default));
        self
    }

    /// Fills `{placeholder}` with `value`, percent-encoded as one path segment.
    pub fn path(mut self, placeholder: &'static str, value: impl fmt::Display) -> Self {
        self.path.push((placeholder, value.to_string()));
        self
    }

    /// Adds a query pair when `value` is given.
    pub fn query(mut self, name: &'static str, value: Option<impl fmt::Display>) -> Self {
        if let Some(value) = value {
            self.query.push((name, value.to_string()));
        }
        self
    }

    /// Adds a header when `value` is given; it overrides what the client would send.
    pub fn header(mut self, name: &'static str, value: Option<impl fmt::Display>) -> Self {
        if let Some(value) = value {
            self.headers.push((name, value.to_string()));
        }
        self
    }

    /// Adds one query pair per value, under the same name.
    pub fn query_each(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = impl fmt::Display>,
    ) -> Self {
        self.query
            .extend(values.into_iter().map(|value| (name, value.to_string())));
        self
    }

    /// Sets the JSON body.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = Some(serde_json::to_vec(body).map_err(|error| error.to_string()));
        self
    }

    /// Sets the JSON body when one is given.
    pub fn json_opt(self, body: Option<&impl Serialize>) -> Self {
        match body {
            Some(body) => self.json(body),
            None => self,
        }
    }

    /// Whether repeating the call is safe.
    fn idempotent(&self) -> bool {
        !matches!(self.method, Method::POST | Method::PATCH)
    }
}

/// A successful answer.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

/// Where the next request goes: the call's own address, or a `links.next` address with the
/// link's headers.
struct Target {
    url: reqwest::Url,
    link_headers: Vec<(String, String)>,
}

impl Transport {
    /// Sends `call` and decodes a JSON answer into `T`.
    pub async fn execute<T: DeserializeOwned>(
        &self,
        call: Call,
        options: CallOptions,
    ) -> Result<T, Error> {
        let target = self.target(&call)?;
        let answer = self.send(&call, &options, &target).await?;
        decode(call.operation, &answer)
    }

    /// Sends `call` and ignores the answer's body.
    pub async fn execute_empty(&self, call: Call, options: CallOptions) -> Result<(), Error> {
        let target = self.target(&call)?;
        self.send(&call, &options, &target).await.map(drop)
    }

    /// Sends `call`, whose answer is a `ResourceCollection<T>`, and streams every item of every
    /// page, following `links.next` (with the link's headers) until there is none.
    pub fn paginate<T>(&self, call: Call, options: CallOptions) -> ItemStream<T>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let state = Pages {
            transport: self.clone(),
            call,
            options,
            next: None,
            started: false,
            seen: BTreeSet::new(),
            buffer: VecDeque::new(),
            pending: None,
            done: false,
        };
        Box::pin(futures_util::stream::unfold(
            state,
            |mut state| async move {
                let item = state.next_item().await?;
                Some((item, state))
            },
        ))
    }

    /// The address of a call: base URL, filled path template, query.
    fn target(&self, call: &Call) -> Result<Target, Error> {
        let mut path = String::with_capacity(call.template.len() + 32);
        let mut rest = call.template;
        while let Some(open) = rest.find('{') {
            path.push_str(&rest[..open]);
            let close = rest[open..]
                .find('}')
                .map(|close| open + close)
                .ok_or_else(|| Error::InvalidArgument {
                    operation: call.operation,
                    name: call.template.to_owned(),
                    reason: "unclosed placeholder in the path template".into(),
                })?;
            let placeholder = &rest[open + 1..close];
            let value = self.placeholder(call, placeholder)?;
            path.push_str(&address::encode_segment(&value).map_err(|reason| {
                Error::InvalidArgument {
                    operation: call.operation,
                    name: placeholder.to_owned(),
                    reason,
                }
            })?);
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        let mut url =
            reqwest::Url::parse(&format!("{}{path}", self.inner.base)).map_err(|error| {
                Error::InvalidArgument {
                    operation: call.operation,
                    name: "path".into(),
                    reason: error.to_string(),
                }
            })?;
        if !call.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &call.query {
                pairs.append_pair(name, value);
            }
        }
        Ok(Target {
            url,
            link_headers: Vec::new(),
        })
    }

    fn placeholder(&self, call: &Call, placeholder: &str) -> Result<String, Error> {
        if let Some((_, value)) = call.path.iter().find(|(name, _)| *name == placeholder) {
            return Ok(value.clone());
        }
        if let Some((_, setting, default)) = call
            .settings
            .iter()
            .find(|(name, _, _)| *name == placeholder)
        {
            return Ok(self
                .inner
                .settings
                .get(*setting)
                .cloned()
                .unwrap_or_else(|| (*default).to_owned()));
        }
        Err(Error::InvalidArgument {
            operation: call.operation,
            name: placeholder.to_owned(),
            reason: "the path template names a placeholder no argument fills".into(),
        })
    }

    /// Sends one logical call, retrying as the policy allows; returns the successful answer.
    async fn send(
        &self,
        call: &Call,
        options: &CallOptions,
        target: &Target,
    ) -> Result<Answer, Error> {
        let policy = options.retry.as_ref().unwrap_or(&self.inner.retry);
        let timeout = options.timeout.or(self.inner.timeout);
        let request_id = given_header(call, options, "ms-requestid")
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let correlation_id = given_header(call, options, "ms-correlationid")
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let vector_base = address::correlation_vector_base();
        let body = match &call.body {
            Some(Ok(body)) => Some(body.clone()),
            Some(Err(reason)) => {
                return Err(Error::InvalidArgument {
                    operation: call.operation,
                    name: "body".into(),
                    reason: reason.clone(),
                });
            }
            None => None,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = tracing::info_span!(
                "partner_center.call",
                operation = call.operation,
                method = %call.method,
                attempt,
                request_id = %request_id,
                status = tracing::field::Empty,
            );
            let context = Context {
                request_id: &request_id,
                correlation_id: &correlation_id,
                vector: format!("{vector_base}.{attempt}"),
            };
            let outcome = self
                .attempt(call, options, target, &context, body.as_deref(), timeout)
                .instrument(span.clone())
                .await;
            let retry_in = match outcome {
                Attempt::Done(result) => {
                    if let Ok(answer) = &result {
                        span.record("status", answer.status);
                    }
                    return result;
                }
                Attempt::Retryable { error, wait } => {
                    span.record("status", error.status().unwrap_or(0));
                    if !policy.allows_another(attempt, call.idempotent()) {
                        return Err(error);
                    }
                    let backoff = policy.backoff(attempt);
                    match wait {
                        Some(retry_after) if retry_after > policy.max_retry_after => {
                            return Err(error);
                        }
                        Some(retry_after) if attempt == 1 => retry_after,
                        Some(retry_after) => retry_after.max(backoff),
                        None => backoff,
                    }
                }
            };
            tracing::debug!(parent: &span, ?retry_in, "retrying");
            tokio::time::sleep(retry_in).await;
        }
    }

    async fn attempt(
        &self,
        call: &Call,
        options: &CallOptions,
        target: &Target,
        context: &Context<'_>,
        body: Option<&[u8]>,
        timeout: Option<Duration>,
    ) -> Attempt {
        let operation = call.operation;
        let token = match self.inner.tokens.token().await {
            Ok(token) => token,
            Err(source) => return Attempt::Done(Err(Error::Token { operation, source })),
        };
        let headers = match self.headers(call, options, target, context, &token) {
            Ok(headers) => headers,
            Err(error) => return Attempt::Done(Err(error)),
        };
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), target.url.clone())
            .headers(headers);
        if let Some(body) = body {
            request = request.body(body.to_vec());
        }
        if let Some(timeout) = timeout {
            request = request.timeout(timeout);
        }
        let transport_error = |source: reqwest::Error| match (source.is_timeout(), timeout) {
            (true, Some(timeout)) => Attempt::Done(Err(Error::Timeout { operation, timeout })),
            _ if source.is_connect() => Attempt::Retryable {
                error: Error::Transport { operation, source },
                wait: None,
            },
            _ => Attempt::Done(Err(Error::Transport { operation, source })),
        };
        let response = match request.send().await {
            Ok(response) => response,
            Err(source) => return transport_error(source),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(retry::parse_retry_after);
        let body = match response.bytes().await {
            Ok(body) => body.to_vec(),
            Err(source) => return transport_error(source),
        };
        match status {
            200..=299 => Attempt::Done(Ok(Answer { status, body })),
            429 => {
                let body = crate::from_slice::<crate::ThrottlingError>(&body)
                    .ok()
                    .map(Box::new);
                Attempt::Retryable {
                    error: Error::Throttled {
                        operation,
                        retry_after,
                        body,
                    },
                    wait: retry_after.or(Some(Duration::ZERO)),
                }
            }
            502..=504 => Attempt::Retryable {
                error: service_error(operation, status, context, &body),
                wait: None,
            },
            _ => Attempt::Done(Err(service_error(operation, status, context, &body))),
        }
    }

    /// The headers of one attempt: context first, then the call's, the link's and the caller's.
    fn headers(
        &self,
        call: &Call,
        options: &CallOptions,
        target: &Target,
        context: &Context<'_>,
        token: &Token,
    ) -> Result<HeaderMap, Error> {
        let invalid = |name: &str| Error::InvalidArgument {
            operation: call.operation,
            name: name.to_owned(),
            reason: "not a valid http header".into(),
        };
        let mut headers = self.inner.headers.clone();
        let mut set = |name: &str, value: &str| -> Result<(), Error> {
            let header = HeaderName::try_from(name).map_err(|_| invalid(name))?;
            let value = HeaderValue::try_from(value).map_err(|_| invalid(name))?;
            headers.insert(header, value);
            Ok(())
        };
        set("accept", "application/json")?;
        set("ms-correlationid", context.correlation_id)?;
        set("ms-requestid", context.request_id)?;
        set("ms-cv", &context.vector)?;
        if call.body.is_some() {
            set("content-type", "application/json")?;
        }
        for (name, value) in &call.headers {
            set(name, value)?;
        }
        for (name, value) in &target.link_headers {
            set(name, value)?;
        }
        for (name, value) in &options.headers {
            set(name, value)?;
        }
        let mut authorization = HeaderValue::try_from(format!("Bearer {}", token.expose()))
            .map_err(|_| invalid("authorization"))?;
        authorization.set_sensitive(true);
        headers.insert(reqwest::header::AUTHORIZATION, authorization);
        Ok(headers)
    }
}

/// The value the caller gave for header `name`, in the call or its options (the options win).
fn given_header(call: &Call, options: &CallOptions, name: &str) -> Option<String> {
    let from_options = options
        .headers
        .iter()
        .rev()
        .find(|(header, _)| header.eq_ignore_ascii_case(name));
    let from_call = call
        .headers
        .iter()
        .rev()
        .find(|(header, _)| header.eq_ignore_ascii_case(name));
    from_options
        .map(|(_, value)| value.clone())
        .or_else(|| from_call.map(|(_, value)| value.clone()))
}

/// The request context of one logical call.
struct Context<'a> {
    request_id: &'a str,
    correlation_id: &'a str,
    vector: String,
}

/// How one attempt ended.
enum Attempt {
    /// Finished: an answer, or an error not worth retrying.
    Done(Result<Answer, Error>),
    /// Failed in a way a retry may fix; `wait` is the delay the service asked for.
    Retryable {
        error: Error,
        wait: Option<Duration>,
    },
}

fn decode<T: DeserializeOwned>(operation: &'static str, answer: &Answer) -> Result<T, Error> {
    crate::from_slice(&answer.body).map_err(|source| Error::Decode {
        operation,
        status: answer.status,
        source,
    })
}

/// The error for a non-success answer: the Partner Center error body, or the raw body.
fn service_error(
    operation: &'static str,
    status: u16,
    context: &Context<'_>,
    body: &[u8],
) -> Error {
    match crate::from_slice::<crate::PartnerCenterError>(body) {
        Ok(error)
            if error.code.is_some() || error.description.is_some() || error.message.is_some() =>
        {
            Error::Api {
                operation,
                status,
                request_id: context.request_id.to_owned(),
                body: Box::new(error),
            }
        }
        _ => Error::UnexpectedStatus {
            operation,
            status,
            body: String::from_utf8_lossy(body).into_owned(),
        },
    }
}

/// The state of a paging stream.
struct Pages<T> {
    transport: Transport,
    call: Call,
    options: CallOptions,
    next: Option<Target>,
    started: bool,
    seen: BTreeSet<String>,
    buffer: VecDeque<T>,
    /// An error found after a page was read, yielded once that page's items are out.
    pending: Option<Error>,
    done: bool,
}

impl<T: DeserializeOwned> Pages<T> {
    /// The next item, fetching pages as needed; `None` at the end or after an error.
    async fn next_item(&mut self) -> Option<Result<T, Error>> {
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
            match self.fetch().await {
                Ok(()) => {}
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
    }

    async fn fetch(&mut self) -> Result<(), Error> {
        let operation = self.call.operation;
        let target = match (self.started, self.next.take()) {
            (false, _) => self.transport.target(&self.call)?,
            (true, Some(target)) => target,
            (true, None) => {
                self.done = true;
                return Ok(());
            }
        };
        self.started = true;
        let key = format!("{} {:?}", target.url, target.link_headers);
        if !self.seen.insert(key) {
            return Err(Error::Paging {
                operation,
                reason: "the next link repeats a page already read".into(),
            });
        }
        let answer = self
            .transport
            .send(&self.call, &self.options, &target)
            .await?;
        let page: crate::ResourceCollection<T> = decode(operation, &answer)?;
        self.buffer.extend(page.items);
        let next = page.links.and_then(|links| links.next);
        match next.map(|link| self.transport.follow(operation, &link)) {
            None => self.done = true,
            Some(Ok(target)) => self.next = Some(target),
            Some(Err(error)) => self.pending = Some(error),
        }
        Ok(())
    }
}

impl Transport {
    /// The address and headers of a `links.next` link.
    fn follow(&self, operation: &'static str, link: &crate::Link) -> Result<Target, Error> {
        let paging = |reason: String| Error::Paging { operation, reason };
        if let Some(method) = &link.method
            && !method.eq_ignore_ascii_case("GET")
        {
            return Err(paging(format!(
                "the next link asks for {method}, only GET is followed"
            )));
        }
        let uri = link
            .uri
            .as_deref()
            .ok_or_else(|| paging("the next link has no uri".into()))?;
        let url = address::resolve_link(
            &self.inner.base_url,
            &self.inner.base,
            &self.inner.version_prefix,
            uri,
        )
        .map_err(paging)?;
        let link_headers = link
            .headers
            .iter()
            .flatten()
            .map(|pair| (pair.key.clone(), pair.value.clone()))
            .collect();
        Ok(Target { url, link_headers })
    }
}
