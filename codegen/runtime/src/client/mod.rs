//! The async HTTP runtime under generated clients: configuration, request context, retries,
//! paging and decoding; generated code describes each call and this module carries it out.

mod address;
mod auth;
mod body;
mod credentials;
mod error;
mod form;
#[cfg(feature = "mock")]
pub mod mock;
mod paging;
mod params;
mod pending;
mod policy;
mod request_builder;
mod response;
mod retry;
mod style;
mod value;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

#[doc(hidden)]
pub use crate::__request_builder as request_builder;
pub use auth::{
    CachedTokens, FetchFuture, StaticToken, Token, TokenError, TokenFuture, TokenSource,
};
pub use body::{FilePart, Multipart};
pub use credentials::{Credential, KeyLocation, Scheme, SchemeKind, server_url};
pub use error::Error;
pub use form::FormField;
pub use futures_core::Stream;
pub use pending::{BodyFuture, ResponseFuture};
pub use policy::{
    AttemptInfo, CallInfo, ErrorBody, NextPage, Page, Policy, Settings, StandardPolicy,
};
pub use reqwest::Method;
pub use reqwest::StatusCode;
pub use reqwest::header::HeaderMap;
pub use response::Response;
pub use retry::RetryPolicy;
pub use style::Style;

/// The items of every page of a collection call, in order; it ends after the last page or
/// after the first error.
pub type ItemStream<T, P, E = <P as Policy>::ErrorBody> =
    std::pin::Pin<Box<dyn Stream<Item = Result<T, Error<P, E>>> + Send>>;

/// A value as compact JSON text, for parameters that are not plain text.
#[doc(hidden)]
pub fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

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
    /// No base URL was given, and the description names no absolute server to default to.
    #[error("no base url: call `base_url` (the api description names no absolute server)")]
    MissingBaseUrl,
    /// No token source was configured, and the policy requires one.
    #[error("no token source: call `bearer_token` or `token_source`")]
    MissingToken,
    /// A credential does not fit its scheme, such as a user and password for an API key.
    #[error("the credential for `{scheme}` does not fit it: {reason}")]
    Credential {
        /// The scheme's name.
        scheme: String,
        /// What the scheme takes.
        reason: String,
    },
    /// A default header has an invalid name or value.
    #[error("invalid default header `{name}`")]
    Header {
        /// The header name given.
        name: String,
    },
    /// The proxy address is not a URL a proxy can have.
    #[error("invalid proxy url `{url}`: {reason}")]
    Proxy {
        /// The address given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// A root certificate given to the builder is not PEM it can read.
    #[error("invalid root certificate: {reason}")]
    Certificate {
        /// Why it was refused.
        reason: String,
    },
    /// The HTTP stack could not be set up.
    #[error("cannot set up the http client")]
    Http(#[source] reqwest::Error),
}

/// Configures a client of the API whose policy is `P`; `C` is the generated client type it
/// builds.
pub struct Builder<C, P: Policy> {
    wrap: fn(Transport<P>) -> C,
    policy: P,
    base_url: Option<String>,
    settings: BTreeMap<String, String>,
    tokens: Option<Arc<dyn TokenSource>>,
    credentials: BTreeMap<&'static str, (Scheme, Credential)>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    headers: Vec<(String, String)>,
    proxy: ProxySetting,
    roots: Vec<Vec<u8>>,
}

/// Where a client's connections go.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ProxySetting {
    /// As `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` say, as reqwest reads them.
    FromEnvironment,
    /// Through this proxy, except for the hosts `NO_PROXY` names.
    Url(String),
    /// Straight to the service, whatever the environment says.
    Direct,
}

impl<C, P: Policy> fmt::Debug for Builder<C, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("policy", &self.policy)
            .field("base_url", &self.base_url)
            .field("settings", &self.settings)
            .field("tokens", &self.tokens.as_ref().map(|_| "[redacted]"))
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("proxy", &self.proxy)
            .finish_non_exhaustive()
    }
}

impl<C, P: Policy> Builder<C, P> {
    /// Starts a configuration whose `build` wraps the transport with `wrap`.
    pub fn new(wrap: fn(Transport<P>) -> C) -> Self {
        Self {
            wrap,
            policy: P::default(),
            base_url: None,
            settings: BTreeMap::new(),
            tokens: None,
            credentials: BTreeMap::new(),
            retry: RetryPolicy::default(),
            timeout: Some(Duration::from_secs(60)),
            connect_timeout: Some(Duration::from_secs(10)),
            headers: Vec::new(),
            proxy: ProxySetting::FromEnvironment,
            roots: Vec::new(),
        }
    }

    /// Replaces the policy, for a policy that has settings of its own.
    pub fn policy(mut self, policy: P) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the service address, such as `http://127.0.0.1:8080` for a local server; the
    /// generated client starts with the spec's first server, when it names one.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sets the API version, for an API whose policy names a version setting; otherwise it
    /// does nothing.
    pub fn api_version(self, version: impl Into<String>) -> Self {
        match P::API_VERSION_SETTING {
            Some(name) => self.setting(name, version),
            None => self,
        }
    }

    /// Sets a client-wide setting: a parameter the spec marks with `x-client-setting`.
    pub fn setting(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        let value = self.policy.setting(&name, value.into());
        self.settings.insert(name, value);
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

    /// Supplies the credential of one security scheme, sent with the calls whose requirements
    /// name it; generated clients offer one method per scheme that calls this. A bearer scheme
    /// given nothing of its own uses the tokens of [`bearer_token`](Self::bearer_token) or
    /// [`token_source`](Self::token_source).
    pub fn credential(mut self, scheme: Scheme, credential: Credential) -> Self {
        self.credentials.insert(scheme.name(), (scheme, credential));
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

    /// Sends every call through the proxy at `url` (such as `http://proxy.example:3128`), except
    /// to the hosts `NO_PROXY` names. Without this, the proxy environment variables decide
    /// (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, in either case, as reqwest reads
    /// them).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxySetting::Url(url.into());
        self
    }

    /// Trusts the certificate authorities in `pem` (one or more PEM certificates) too, besides
    /// the platform's roots, for a service or proxy behind a corporate or private authority.
    pub fn root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.roots.push(pem.into());
        self
    }

    /// Connects straight to the service, ignoring the proxy environment variables.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxySetting::Direct;
        self
    }

    /// Adds a header sent with every call.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        let given = self.base_url.ok_or(BuildError::MissingBaseUrl)?;
        let base_url = reqwest::Url::parse(&given).map_err(|error| BuildError::BaseUrl {
            url: given.clone(),
            reason: error.to_string(),
        })?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(BuildError::BaseUrl {
                url: given,
                reason: "it must be an http or https url".into(),
            });
        }
        let scheme_tokens = self
            .credentials
            .values()
            .any(|(scheme, _)| scheme.kind() == SchemeKind::Bearer);
        if P::REQUIRES_TOKEN && self.tokens.is_none() && !scheme_tokens {
            return Err(BuildError::MissingToken);
        }
        let mut wallet = credentials::Wallet {
            by_scheme: BTreeMap::new(),
            tokens: self.tokens,
        };
        for (name, (scheme, credential)) in self.credentials {
            if !credential.fits(scheme.kind()) {
                let reason = match scheme.kind() {
                    SchemeKind::Bearer => "it takes bearer tokens",
                    SchemeKind::Basic => "it takes a user and a password",
                    SchemeKind::ApiKey(..) => "it takes an api key",
                };
                return Err(BuildError::Credential {
                    scheme: name.to_owned(),
                    reason: reason.to_owned(),
                });
            }
            wallet.by_scheme.insert(name, credential);
        }
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let parsed = HeaderName::try_from(name.as_str())
                .ok()
                .zip(HeaderValue::try_from(value.as_str()).ok());
            let (name, value) = parsed.ok_or_else(|| BuildError::Header { name: name.clone() })?;
            headers.append(name, value);
        }
        let mut http = reqwest::Client::builder().user_agent(P::USER_AGENT);
        let mut roots = Vec::new();
        for pem in &self.roots {
            let bundle = reqwest::Certificate::from_pem_bundle(pem).map_err(|error| {
                BuildError::Certificate {
                    reason: error.to_string(),
                }
            })?;
            if bundle.is_empty() {
                return Err(BuildError::Certificate {
                    reason: "the text holds no PEM certificate".to_owned(),
                });
            }
            roots.extend(bundle);
        }
        if !roots.is_empty() {
            // Besides the platform's roots, not instead of them.
            http = http.tls_certs_merge(roots);
        }
        match self.proxy {
            ProxySetting::FromEnvironment => {}
            ProxySetting::Direct => http = http.no_proxy(),
            ProxySetting::Url(url) => {
                let proxy = reqwest::Proxy::all(&url)
                    .map_err(|error| BuildError::Proxy {
                        url: url.clone(),
                        reason: error.to_string(),
                    })?
                    .no_proxy(reqwest::NoProxy::from_env());
                http = http.proxy(proxy);
            }
        }
        if let Some(timeout) = self.connect_timeout {
            http = http.connect_timeout(timeout);
        }
        let http = http.build().map_err(BuildError::Http)?;
        Ok((self.wrap)(Transport {
            inner: Arc::new(Inner {
                http,
                policy: self.policy,
                base: base_url.as_str().trim_end_matches('/').to_owned(),
                base_url,
                settings: Settings(self.settings),
                wallet,
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
pub struct Transport<P: Policy> {
    inner: Arc<Inner<P>>,
}

impl<P: Policy> Clone for Transport<P> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

struct Inner<P> {
    http: reqwest::Client,
    policy: P,
    base_url: reqwest::Url,
    /// The base URL without a trailing slash, to which paths are appended.
    base: String,
    settings: Settings,
    /// The credentials the client was given.
    wallet: credentials::Wallet,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    headers: HeaderMap,
}

impl<P: Policy> fmt::Debug for Transport<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("policy", &self.inner.policy)
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
    /// Adds a header, or overrides one the client would send.
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
#[derive(Debug, Clone)]
pub struct Call {
    operation: &'static str,
    method: Method,
    template: &'static str,
    /// The operation's own server and the API's default it replaces.
    server: Option<(&'static str, &'static str)>,
    settings: Vec<(&'static str, &'static str, &'static str)>,
    path: Vec<(&'static str, String)>,
    /// Path placeholders filled with text already encoded, delimiters and all.
    path_encoded: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    /// The credentials each alternative needs, when the operation names its requirements.
    security: Option<&'static [&'static [Scheme]]>,
    cookies: Vec<(String, String)>,
    /// Arguments that could not be written, by name, with why.
    invalid: Vec<(&'static str, String)>,
    /// The media type the answer is asked in, `application/json` unless set.
    accept: Option<&'static str>,
    body: Option<Result<body::Payload, String>>,
}

impl Call {
    /// Describes a call of `operation` to the path `template`, such as `/v{version}/pets/{id}`.
    pub fn new(operation: &'static str, method: Method, template: &'static str) -> Self {
        Self {
            operation,
            method,
            template,
            server: None,
            settings: Vec::new(),
            path: Vec::new(),
            path_encoded: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            invalid: Vec::new(),
            accept: None,
            body: None,
            security: None,
        }
    }

    /// Names the credentials the operation takes: alternatives, of which the first whose
    /// credentials the client has is sent. No alternative, or an empty one, lets the call go
    /// without credentials. A call that names none sends the bearer tokens, if the client has
    /// them.
    pub fn security(mut self, alternatives: &'static [&'static [Scheme]]) -> Self {
        self.security = Some(alternatives);
        self
    }

    /// Sends the call to the operation's own server `url` while the client's base URL is the
    /// API's `default` (a base URL set by hand, such as a test server's, is kept).
    pub fn server(mut self, url: &'static str, default: &'static str) -> Self {
        self.server = Some((url, default));
        self
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
            self.query.push((name.to_owned(), value.to_string()));
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
        self.query.extend(
            values
                .into_iter()
                .map(|value| (name.to_owned(), value.to_string())),
        );
        self
    }

    /// Sets the JSON body.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = Some(
            serde_json::to_vec(body)
                .map(|bytes| body::Payload {
                    content_type: "application/json".to_owned(),
                    bytes,
                })
                .map_err(|error| error.to_string()),
        );
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

/// A successful answer, before decoding.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn into_response<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
            body,
        }
    }
}

/// Where the next request goes: the call's own address, or a next page's address with the
/// link's headers.
#[derive(Clone)]
struct Target {
    url: reqwest::Url,
    link_headers: Vec<(String, String)>,
}

impl<P: Policy> Transport<P> {
    /// The API's policy.
    pub fn policy(&self) -> &P {
        &self.inner.policy
    }

    /// The client settings.
    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// Sends `call` and decodes a JSON answer into `T`, keeping status and headers.
    pub fn execute<'a, T: DeserializeOwned + 'a, E: ErrorBody>(
        &'a self,
        call: Call,
        options: CallOptions,
    ) -> ResponseFuture<'a, T, P, E> {
        ResponseFuture::new(async move {
            let target = self.target(&call)?;
            let answer = self.send(&call, &options, &target).await?;
            let body = decode(call.operation, &answer)?;
            Ok(answer.into_response(body))
        })
    }

    /// Sends `call` and ignores the answer's body, keeping status and headers.
    pub fn execute_empty<E: ErrorBody>(
        &self,
        call: Call,
        options: CallOptions,
    ) -> ResponseFuture<'_, (), P, E> {
        ResponseFuture::new(async move {
            let target = self.target(&call)?;
            let answer = self.send(&call, &options, &target).await?;
            Ok(answer.into_response(()))
        })
    }

    /// Sends `call`, whose answer is a page of type `G`, and streams every item of every page,
    /// following [`Page::into_parts`]'s next page until there is none.
    pub fn paginate<G: Page, E: ErrorBody>(
        &self,
        call: Call,
        options: CallOptions,
    ) -> ItemStream<G::Item, P, E> {
        paging::stream::<P, G, E>(self.clone(), call, options)
    }

    /// The address of a call: base URL, filled path template, query.
    fn target<E: ErrorBody>(&self, call: &Call) -> Result<Target, Error<P, E>> {
        if let Some((name, reason)) = call.invalid.first() {
            return Err(Error::InvalidArgument {
                operation: call.operation,
                name: (*name).to_owned(),
                reason: reason.clone(),
            });
        }
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
            if let Some((_, text)) = call
                .path_encoded
                .iter()
                .find(|(name, _)| *name == placeholder)
            {
                path.push_str(text);
                rest = &rest[close + 1..];
                continue;
            }
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
        let base = match call.server {
            Some((own, default)) if default.trim_end_matches('/') == self.inner.base => {
                own.trim_end_matches('/')
            }
            _ => self.inner.base.as_str(),
        };
        let mut url = reqwest::Url::parse(&format!("{base}{path}")).map_err(|error| {
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

    fn placeholder<E: ErrorBody>(
        &self,
        call: &Call,
        placeholder: &str,
    ) -> Result<String, Error<P, E>> {
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
                .get(setting)
                .unwrap_or(default)
                .to_owned());
        }
        Err(Error::InvalidArgument {
            operation: call.operation,
            name: placeholder.to_owned(),
            reason: "the path template names a placeholder no argument fills".into(),
        })
    }

    /// Sends one logical call, retrying as the policy allows; returns the successful answer.
    async fn send<E: ErrorBody>(
        &self,
        call: &Call,
        options: &CallOptions,
        target: &Target,
    ) -> Result<Answer, Error<P, E>> {
        let retry = options.retry.as_ref().unwrap_or(&self.inner.retry);
        let timeout = options.timeout.or(self.inner.timeout);
        let policy = &self.inner.policy;
        let given = |name: &str| given_header(call, options, name);
        let context = policy.begin(&CallInfo {
            operation: call.operation,
            method: &call.method,
            given: &given,
        });
        let request_id = policy.request_id(&context);
        let body = match &call.body {
            Some(Ok(body)) => Some(body.bytes.clone()),
            Some(Err(reason)) => {
                return Err(Error::InvalidArgument {
                    operation: call.operation,
                    name: "body".into(),
                    reason: reason.clone(),
                });
            }
            None => None,
        };
        let credentials = self.inner.wallet.choose(call.security).map_err(|needed| {
            Error::MissingCredentials {
                operation: call.operation,
                needed,
            }
        })?;
        let mut attempt = 0;
        let mut reauthorized = false;
        loop {
            attempt += 1;
            let span = policy.span(&AttemptInfo {
                operation: call.operation,
                method: &call.method,
                attempt,
                request_id,
            });
            let sent = Sent {
                call,
                options,
                target,
                context: policy.context_headers(&context, attempt),
                request_id,
                body: body.as_deref(),
                timeout,
                credentials: &credentials,
            };
            let outcome = self.attempt(&sent).instrument(span.clone()).await;
            let retry_in = match outcome {
                Attempt::Done(result) => {
                    if let Ok(answer) = &result {
                        span.record("status", answer.status.as_u16());
                    }
                    return result;
                }
                Attempt::Unauthorized {
                    error,
                    token,
                    source,
                } => {
                    span.record("status", 401);
                    if reauthorized {
                        return Err(error);
                    }
                    tracing::debug!(parent: &span, "the token was refused; asking for a new one");
                    source.refused(&token);
                    reauthorized = true;
                    continue;
                }
                Attempt::Retryable { error, wait } => {
                    span.record("status", error.status().unwrap_or(0));
                    if !retry.allows_another(attempt, call.idempotent()) {
                        return Err(error);
                    }
                    let backoff = retry.backoff(attempt);
                    match wait {
                        Some(retry_after) if retry_after > retry.max_retry_after => {
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

    async fn attempt<E: ErrorBody>(&self, sent: &Sent<'_>) -> Attempt<P, E> {
        let operation = sent.call.operation;
        let applied = match credentials::apply(sent.credentials).await {
            Ok(applied) => applied,
            Err(Ok(source)) => return Attempt::Done(Err(Error::Token { operation, source })),
            Err(Err(name)) => {
                return Attempt::Done(Err(Error::InvalidArgument {
                    operation,
                    name,
                    reason: "the credential is not a valid http header".into(),
                }));
            }
        };
        let headers = match self.headers(sent, &applied) {
            Ok(headers) => headers,
            Err(error) => return Attempt::Done(Err(error)),
        };
        let mut url = sent.target.url.clone();
        if !applied.query.is_empty() {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(name, _)| !applied.query.iter().any(|(key, _)| key == name))
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect();
            url.query_pairs_mut()
                .clear()
                .extend_pairs(&kept)
                .extend_pairs(&applied.query);
        }
        let token = applied.token;
        let mut request = self
            .inner
            .http
            .request(sent.call.method.clone(), url)
            .headers(headers);
        if let Some(body) = sent.body {
            request = request.body(body.to_vec());
        }
        if let Some(timeout) = sent.timeout {
            request = request.timeout(timeout);
        }
        let timeout = sent.timeout;
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
        let status = response.status();
        let headers = response.headers().clone();
        let retry_after = headers
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(retry::parse_retry_after);
        let body = match response.bytes().await {
            Ok(body) => body.to_vec(),
            Err(source) => return transport_error(source),
        };
        let code = status.as_u16();
        match code {
            200..=299 => Attempt::Done(Ok(Answer {
                status,
                headers,
                request_id: sent.request_id.map(str::to_owned),
                body,
            })),
            429 => {
                let body = crate::from_slice::<P::ThrottlingBody>(&body)
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
                error: service_error(operation, code, sent.request_id, &body),
                wait: None,
            },
            401 => match token {
                Some((token, source)) => Attempt::Unauthorized {
                    error: service_error(operation, code, sent.request_id, &body),
                    token,
                    source,
                },
                None => Attempt::Done(Err(service_error(operation, code, sent.request_id, &body))),
            },
            _ => Attempt::Done(Err(service_error(operation, code, sent.request_id, &body))),
        }
    }

    /// The headers of one attempt: the policy's context first, then the call's, the link's and
    /// the caller's.
    fn headers<E: ErrorBody>(
        &self,
        sent: &Sent<'_>,
        credentials: &credentials::Applied,
    ) -> Result<HeaderMap, Error<P, E>> {
        let invalid = |name: &str| Error::InvalidArgument {
            operation: sent.call.operation,
            name: name.to_owned(),
            reason: "not a valid http header".into(),
        };
        let mut headers = self.inner.headers.clone();
        let mut set = |name: &str, value: &str| -> Result<(), Error<P, E>> {
            let header = HeaderName::try_from(name).map_err(|_| invalid(name))?;
            let value = HeaderValue::try_from(value).map_err(|_| invalid(name))?;
            headers.insert(header, value);
            Ok(())
        };
        set("accept", sent.call.accept.unwrap_or("application/json"))?;
        for (name, value) in &sent.context {
            set(name, value)?;
        }
        if let Some(Ok(body)) = &sent.call.body {
            set("content-type", &body.content_type)?;
        }
        if !sent.call.cookies.is_empty() {
            set("cookie", &style::cookie_header(&sent.call.cookies))?;
        }
        for (name, value) in &sent.call.headers {
            set(name, value)?;
        }
        for (name, value) in &sent.target.link_headers {
            set(name, value)?;
        }
        for (name, value) in &sent.options.headers {
            set(name, value)?;
        }
        for (name, value) in &credentials.headers {
            headers.insert(name.clone(), value.clone());
        }
        if !credentials.cookies.is_empty() {
            let given = headers
                .get(reqwest::header::COOKIE)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            let cookies = given
                .into_iter()
                .chain(credentials.cookies.iter().cloned())
                .collect::<Vec<String>>()
                .join("; ");
            let mut cookie = HeaderValue::try_from(cookies).map_err(|_| invalid("cookie"))?;
            cookie.set_sensitive(true);
            headers.insert(reqwest::header::COOKIE, cookie);
        }
        Ok(headers)
    }

    /// The address and headers of a next page.
    fn follow<E: ErrorBody>(
        &self,
        operation: &'static str,
        first: &Target,
        next: NextPage,
    ) -> Result<Target, Error<P, E>> {
        let paging = |reason: String| Error::Paging { operation, reason };
        match next {
            NextPage::Link {
                uri,
                method,
                headers,
            } => {
                if let Some(method) = &method
                    && !method.eq_ignore_ascii_case("GET")
                {
                    return Err(paging(format!(
                        "the next link asks for {method}, only GET is followed"
                    )));
                }
                let url =
                    address::resolve_link(&self.inner.base_url, &self.inner.base, &uri, |path| {
                        self.inner.policy.relative_link(path, &self.inner.settings)
                    })
                    .map_err(paging)?;
                Ok(Target {
                    url,
                    link_headers: headers,
                })
            }
            NextPage::Query(set) => {
                let mut url = first.url.clone();
                let kept: Vec<(String, String)> = url
                    .query_pairs()
                    .filter(|(name, _)| !set.iter().any(|(replaced, _)| replaced == name))
                    .map(|(name, value)| (name.into_owned(), value.into_owned()))
                    .collect();
                url.query_pairs_mut()
                    .clear()
                    .extend_pairs(kept.iter().chain(set.iter()));
                Ok(Target {
                    url,
                    link_headers: first.link_headers.clone(),
                })
            }
        }
    }
}

/// Everything one attempt sends.
struct Sent<'a> {
    call: &'a Call,
    options: &'a CallOptions,
    target: &'a Target,
    context: Vec<(String, String)>,
    request_id: Option<&'a str>,
    body: Option<&'a [u8]>,
    timeout: Option<Duration>,
    credentials: &'a [credentials::Apply<'a>],
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

/// How one attempt ended.
enum Attempt<P: Policy, E: ErrorBody> {
    /// Finished: an answer, or an error not worth retrying.
    Done(Result<Answer, Error<P, E>>),
    /// Failed in a way a retry may fix; `wait` is the delay the service asked for.
    Retryable {
        error: Error<P, E>,
        wait: Option<Duration>,
    },
    /// The service refused the token (HTTP 401); a fresh one from its source may get through.
    Unauthorized {
        error: Error<P, E>,
        token: Token,
        source: Arc<dyn TokenSource>,
    },
}

fn decode<T: DeserializeOwned, P: Policy, E: ErrorBody>(
    operation: &'static str,
    answer: &Answer,
) -> Result<T, Error<P, E>> {
    crate::from_slice(&answer.body).map_err(|source| Error::Decode {
        operation,
        status: answer.status.as_u16(),
        source,
    })
}

/// The error for a non-success answer: the documented error body, or the raw body.
fn service_error<P: Policy, E: ErrorBody>(
    operation: &'static str,
    status: u16,
    request_id: Option<&str>,
    body: &[u8],
) -> Error<P, E> {
    match crate::from_slice::<E>(body) {
        Ok(error) if error.is_error() => Error::Api {
            operation,
            status,
            request_id: request_id.unwrap_or_default().to_owned(),
            body: Box::new(error),
        },
        _ => Error::UnexpectedStatus {
            operation,
            status,
            body: String::from_utf8_lossy(body).into_owned(),
        },
    }
}
