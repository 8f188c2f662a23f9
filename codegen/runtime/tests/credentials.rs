//! Credentials by security scheme against a loopback server: each lands where its scheme says,
//! the first alternative at hand is sent, a missing one fails before anything is sent, and an
//! operation that takes none sends none.
#![cfg(feature = "client")]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen_runtime::client::{
    BuildError, Builder, Call, CallOptions, Credential, Error, KeyLocation, Method, RetryPolicy,
    Scheme, StandardPolicy, Token, TokenError, TokenFuture, TokenSource, Transport,
};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BEARER: Scheme = Scheme::bearer("bearer");
const BASIC: Scheme = Scheme::basic("basic");
const HEADER_KEY: Scheme = Scheme::api_key("header_key", KeyLocation::Header, "X-API-Key");
const QUERY_KEY: Scheme = Scheme::api_key("query_key", KeyLocation::Query, "key");
const COOKIE_KEY: Scheme = Scheme::api_key("cookie_key", KeyLocation::Cookie, "session_id");

/// An operation's requirements, the header to look at, and what it must hold.
type Case = (
    &'static [&'static [Scheme]],
    &'static str,
    Option<&'static str>,
);

/// A client of an API whose one operation, `GET /things`, takes `security`.
#[derive(Clone, Debug)]
struct Api {
    transport: Transport<StandardPolicy>,
}

impl Api {
    fn builder(server: &MockServer) -> Builder<Self, StandardPolicy> {
        Builder::new(|transport| Self { transport })
            .base_url(server.uri())
            .retry_policy(RetryPolicy::never())
    }

    async fn things(
        &self,
        security: &'static [&'static [Scheme]],
    ) -> Result<(), Error<StandardPolicy>> {
        let call = Call::new("listThings", Method::GET, "/things").security(security);
        self.transport
            .execute_empty(call, CallOptions::default())
            .await
            .map(|_| ())
    }
}

/// Answers every `GET /things` with 204.
async fn serve(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
}

/// The only request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1, "one request");
    received.remove(0)
}

fn header_of<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

#[tokio::test]
async fn each_credential_lands_where_its_scheme_says() {
    let cases: [Case; 5] = [
        (&[&[BEARER]], "authorization", Some("Bearer t-1")),
        // `user:pass` in base64.
        (&[&[BASIC]], "authorization", Some("Basic dXNlcjpwYXNz")),
        (&[&[HEADER_KEY]], "x-api-key", Some("h-key")),
        (&[&[COOKIE_KEY]], "cookie", Some("session_id=c-key")),
        (&[&[QUERY_KEY]], "authorization", None),
    ];
    for (security, name, expected) in cases {
        let server = MockServer::start().await;
        serve(&server).await;
        let api = Api::builder(&server)
            .credential(BEARER, Credential::bearer("t-1"))
            .credential(BASIC, Credential::basic("user", "pass"))
            .credential(HEADER_KEY, Credential::key("h-key"))
            .credential(QUERY_KEY, Credential::key("q-key"))
            .credential(COOKIE_KEY, Credential::key("c-key"))
            .build()
            .expect("a client");
        api.things(security).await.expect("sent");
        let request = only_request(&server).await;
        assert_eq!(
            header_of(&request, name),
            expected,
            "{}",
            security[0][0].name()
        );
        let others = ["authorization", "x-api-key", "cookie"]
            .into_iter()
            .filter(|other| *other != name)
            .filter(|other| request.headers.contains_key(*other))
            .collect::<Vec<_>>();
        assert!(
            others.is_empty(),
            "{}: also sent {others:?}",
            security[0][0].name()
        );
        let query = request.url.query().unwrap_or_default().to_owned();
        let expected_query = if security[0][0] == QUERY_KEY {
            "key=q-key"
        } else {
            ""
        };
        assert_eq!(query, expected_query, "{}", security[0][0].name());
    }
}

#[tokio::test]
async fn the_first_alternative_at_hand_is_sent_and_a_pair_goes_together() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(header("x-api-key", "h-key"))
        .and(query_param("key", "q-key"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let api = Api::builder(&server)
        .credential(HEADER_KEY, Credential::key("h-key"))
        .credential(QUERY_KEY, Credential::key("q-key"))
        .build()
        .expect("a client");
    api.things(&[&[BASIC], &[HEADER_KEY, QUERY_KEY], &[HEADER_KEY]])
        .await
        .expect("the second alternative is at hand");
}

#[tokio::test]
async fn a_missing_credential_fails_before_sending() {
    let server = MockServer::start().await;
    serve(&server).await;
    let api = Api::builder(&server)
        .credential(HEADER_KEY, Credential::key("h-key"))
        .build()
        .expect("a client");
    let error = api
        .things(&[&[BASIC], &[HEADER_KEY, QUERY_KEY]])
        .await
        .expect_err("no alternative is at hand");
    assert!(
        matches!(
            &error,
            Error::MissingCredentials {
                operation: "listThings",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "listThings: no credentials for it: supply `basic` or `header_key` and `query_key` on the client builder"
    );
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty(), "nothing is sent: {received:?}");
}

#[tokio::test]
async fn an_operation_that_takes_none_sends_none() {
    let server = MockServer::start().await;
    serve(&server).await;
    let api = Api::builder(&server)
        .bearer_token("general")
        .credential(BEARER, Credential::bearer("t-1"))
        .credential(HEADER_KEY, Credential::key("h-key"))
        .credential(QUERY_KEY, Credential::key("q-key"))
        .credential(COOKIE_KEY, Credential::key("c-key"))
        .build()
        .expect("a client");
    api.things(&[]).await.expect("sent");
    let request = only_request(&server).await;
    for name in ["authorization", "x-api-key", "cookie"] {
        assert!(!request.headers.contains_key(name), "{name} was sent");
    }
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn an_optional_credential_is_sent_when_given_and_left_out_when_not() {
    let server = MockServer::start().await;
    serve(&server).await;
    let optional: &'static [&'static [Scheme]] = &[&[COOKIE_KEY], &[]];
    let anonymous = Api::builder(&server).build().expect("a client");
    anonymous.things(optional).await.expect("sent without");
    let known = Api::builder(&server)
        .credential(COOKIE_KEY, Credential::key("c-key"))
        .build()
        .expect("a client");
    known.things(optional).await.expect("sent with");
    let received = server.received_requests().await.expect("recording is on");
    let cookies: Vec<Option<&str>> = received
        .iter()
        .map(|request| header_of(request, "cookie"))
        .collect();
    assert_eq!(cookies, [None, Some("session_id=c-key")]);
}

#[tokio::test]
async fn a_bearer_scheme_falls_back_on_the_clients_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(header("authorization", "Bearer general"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let api = Api::builder(&server)
        .bearer_token("general")
        .build()
        .expect("a client");
    api.things(&[&[BEARER]]).await.expect("sent");
}

/// A token source that hands out `s1`, `s2`, ... and counts refusals.
#[derive(Default)]
struct Counting {
    issued: AtomicUsize,
    refused: Arc<AtomicUsize>,
}

impl TokenSource for Counting {
    fn token(&self) -> TokenFuture<'_> {
        let number = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok::<_, TokenError>(Token::new(format!("s{number}"))) })
    }

    fn refused(&self, _: &Token) {
        self.refused.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_schemes_own_token_source_is_told_of_a_refusal_and_asked_again() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(header("authorization", "Bearer s1"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(header("authorization", "Bearer s2"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let source = Counting::default();
    let refused = Arc::clone(&source.refused);
    let api = Api::builder(&server)
        .credential(BEARER, Credential::tokens(source))
        .build()
        .expect("a client");
    api.things(&[&[BEARER]])
        .await
        .expect("the second token gets through");
    assert_eq!(refused.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_credential_that_does_not_fit_its_scheme_is_refused_at_build() {
    let server = MockServer::start().await;
    let error = Api::builder(&server)
        .credential(HEADER_KEY, Credential::basic("user", "pass"))
        .build()
        .expect_err("a user and password for an api key");
    assert!(matches!(&error, BuildError::Credential { scheme, .. } if scheme == "header_key"));
    assert_eq!(
        error.to_string(),
        "the credential for `header_key` does not fit it: it takes an api key"
    );
}
