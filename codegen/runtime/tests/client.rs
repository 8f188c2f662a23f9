//! The client runtime against a loopback server, for a tiny API of its own: a hand-written
//! policy with cursor paging, context headers per attempt, typed error bodies and responses.
#![cfg(feature = "client")]

use std::error::Error as _;
use std::time::Duration;

use codegen_runtime::client::{
    Builder, Call, CallInfo, CallOptions, Error, ErrorBody, ItemStream, Method, NextPage, Page,
    Policy, Response, RetryPolicy, Settings, StandardPolicy, TokenError, TokenFuture, TokenSource,
    Transport,
};
use futures_util::StreamExt as _;
use serde::{Deserialize, Serialize};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The tiny pets API's policy: a request id per call, an attempt header, cursor paging.
#[derive(Debug, Default)]
struct Pets;

/// What the attempts of one call share.
struct Ids {
    request_id: String,
}

/// The pets API's error body.
#[derive(Debug, Deserialize, Serialize)]
struct Problem {
    title: Option<String>,
}

impl ErrorBody for Problem {
    fn is_error(&self) -> bool {
        self.title.is_some()
    }

    fn describe(&self) -> String {
        self.title.clone().unwrap_or_default()
    }
}

/// The pets API's throttling body.
#[derive(Debug, Deserialize)]
struct SlowDown {
    wait: u32,
}

impl Policy for Pets {
    type ErrorBody = Problem;
    type ThrottlingBody = SlowDown;
    type Context = Ids;

    const USER_AGENT: &'static str = "pets-client/1";
    const API_VERSION_SETTING: Option<&'static str> = Some("version");

    fn setting(&self, name: &str, value: String) -> String {
        if name == "version" {
            value.to_uppercase()
        } else {
            value
        }
    }

    fn begin(&self, call: &CallInfo<'_>) -> Ids {
        Ids {
            request_id: call
                .given_header("x-request-id")
                .unwrap_or_else(|| format!("{}-{}", call.operation(), fastrand::u32(..))),
        }
    }

    fn request_id<'c>(&self, context: &'c Ids) -> Option<&'c str> {
        Some(&context.request_id)
    }

    fn context_headers(&self, context: &Ids, attempt: u32) -> Vec<(String, String)> {
        vec![
            ("x-request-id".to_owned(), context.request_id.clone()),
            ("x-attempt".to_owned(), attempt.to_string()),
        ]
    }

    fn relative_link(&self, path: &str, settings: &Settings) -> String {
        format!("/{}{path}", settings.get("version").unwrap_or("V0"))
    }
}

/// A pet.
#[derive(Debug, Deserialize, PartialEq)]
struct Pet {
    id: String,
}

/// A page of pets with a cursor to the next one.
#[derive(Debug, Deserialize)]
struct PetPage {
    pets: Vec<Pet>,
    cursor: Option<String>,
}

impl Page for PetPage {
    type Item = Pet;

    fn into_parts(self) -> (Vec<Pet>, Result<Option<NextPage>, String>) {
        let next = self
            .cursor
            .map(|cursor| NextPage::Query(vec![("cursor".to_owned(), cursor)]));
        (self.pets, Ok(next))
    }
}

/// A page of pets with a link to the next one.
#[derive(Debug, Deserialize)]
struct LinkedPage {
    pets: Vec<Pet>,
    next: Option<String>,
}

impl Page for LinkedPage {
    type Item = Pet;

    fn into_parts(self) -> (Vec<Pet>, Result<Option<NextPage>, String>) {
        let next = self.next.map(|uri| NextPage::Link {
            uri,
            method: None,
            headers: vec![("x-page".to_owned(), "next".to_owned())],
        });
        (self.pets, Ok(next))
    }
}

/// The client a generator would write for the pets API.
#[derive(Clone, Debug)]
struct Client {
    transport: Transport<Pets>,
}

impl Client {
    fn builder() -> Builder<Self, Pets> {
        Builder::new(|transport| Self { transport })
    }

    async fn get_pet(&self, id: &str) -> Result<Response<Pet>, Error<Pets>> {
        let call = Call::new("getPet", Method::GET, "/{version}/pets/{id}")
            .setting("version", "version", "V0")
            .path("id", id);
        self.transport.execute(call, CallOptions::default()).await
    }

    fn list_pets(&self, size: u32) -> ItemStream<Pet, Pets> {
        let call = Call::new("listPets", Method::GET, "/{version}/pets")
            .setting("version", "version", "V0")
            .query("size", Some(size));
        self.transport
            .paginate::<PetPage, _>(call, CallOptions::default())
    }

    fn list_linked(&self) -> ItemStream<Pet, Pets> {
        let call = Call::new("listLinked", Method::GET, "/{version}/linked")
            .setting("version", "version", "V0");
        self.transport
            .paginate::<LinkedPage, _>(call, CallOptions::default())
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

async fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_version("v2")
        .bearer_token("pets-secret")
        .retry_policy(fast_retries())
        .build()
        .expect("builds")
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json")
}

/// Every cause of `error`, outermost first, as `{:#}`-style reports print them.
fn chain(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut causes = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        causes.push(cause.to_string());
        source = cause.source();
    }
    causes
}

/// Checks that each cause's own text appears exactly once in the joined chain.
fn assert_each_cause_once(error: &(dyn std::error::Error + 'static)) {
    let causes = chain(error);
    let report = causes.join(": ");
    for cause in &causes[1..] {
        assert_eq!(
            report.matches(cause.as_str()).count(),
            1,
            "`{cause}` appears more than once in `{report}`"
        );
    }
}

#[tokio::test]
async fn a_call_carries_policy_headers_and_answers_with_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/V2/pets/a%2Fb"))
        .and(header("x-attempt", "1"))
        .and(header("user-agent", "pets-client/1"))
        .and(header("authorization", "Bearer pets-secret"))
        .respond_with(json(r#"{"id":"a/b"}"#).insert_header("x-continuation", "c-9"))
        .mount(&server)
        .await;
    let response = client(&server)
        .await
        .get_pet("a/b")
        .await
        .expect("succeeds");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.header("X-Continuation"), Some("c-9"));
    let request_id = response
        .request_id()
        .expect("the policy names one")
        .to_owned();
    assert!(request_id.starts_with("getPet-"), "{request_id}");
    assert_eq!(response.into_body(), Pet { id: "a/b".into() });
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(
        requests[0]
            .headers
            .get("x-request-id")
            .and_then(|value| value.to_str().ok()),
        Some(request_id.as_str())
    );
}

#[tokio::test]
async fn retries_keep_the_request_id_and_count_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(json(r#"{"id":"p"}"#))
        .mount(&server)
        .await;
    client(&server)
        .await
        .get_pet("p")
        .await
        .expect("the third attempt succeeds");
    let requests = server.received_requests().await.expect("recorded");
    let attempts: Vec<&str> = requests
        .iter()
        .filter_map(|request| request.headers.get("x-attempt")?.to_str().ok())
        .collect();
    assert_eq!(attempts, ["1", "2", "3"]);
    let ids: std::collections::BTreeSet<&str> = requests
        .iter()
        .filter_map(|request| request.headers.get("x-request-id")?.to_str().ok())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
}

#[tokio::test]
async fn cursor_paging_repeats_the_first_request_with_the_cursor() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/V2/pets"))
        .and(query_param("cursor", "c2"))
        .respond_with(json(r#"{"pets":[{"id":"3"}],"cursor":"c3"}"#))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/V2/pets"))
        .and(query_param("cursor", "c3"))
        .respond_with(json(r#"{"pets":[{"id":"4"}]}"#))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/V2/pets"))
        .and(query_param("size", "2"))
        .respond_with(json(r#"{"pets":[{"id":"1"},{"id":"2"}],"cursor":"c2"}"#))
        .with_priority(2)
        .mount(&server)
        .await;
    let ids: Vec<String> = client(&server)
        .await
        .list_pets(2)
        .map(|pet| pet.expect("a pet").id)
        .collect()
        .await;
    assert_eq!(ids, ["1", "2", "3", "4"]);
    let requests = server.received_requests().await.expect("recorded");
    let queries: Vec<&str> = requests
        .iter()
        .filter_map(|request| request.url.query())
        .collect();
    assert_eq!(queries, ["size=2", "size=2&cursor=c2", "size=2&cursor=c3"]);
}

#[tokio::test]
async fn a_cursor_that_repeats_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(r#"{"pets":[{"id":"1"}],"cursor":"same"}"#))
        .mount(&server)
        .await;
    let results: Vec<Result<Pet, Error<Pets>>> = client(&server).await.list_pets(1).collect().await;
    assert_eq!(results.len(), 3, "two pages, then the loop: {results:?}");
    assert!(
        matches!(results[2], Err(Error::Paging { .. })),
        "{results:?}"
    );
}

#[tokio::test]
async fn relative_links_go_through_the_policy_and_carry_their_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/V2/linked"))
        .and(header("x-page", "next"))
        .and(query_param("page", "2"))
        .respond_with(json(
            r#"{"pets":[{"id":"2"}],"next":"https://elsewhere.example/V2/linked"}"#,
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/V2/linked"))
        .respond_with(json(r#"{"pets":[{"id":"1"}],"next":"/linked?page=2"}"#))
        .with_priority(2)
        .mount(&server)
        .await;
    let results: Vec<Result<Pet, Error<Pets>>> =
        client(&server).await.list_linked().collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(
        results[1].as_ref().map(|pet| pet.id.as_str()).ok(),
        Some("2")
    );
    let error = results[2].as_ref().expect_err("the foreign link fails");
    assert!(
        error.to_string().contains("leaves the service's origin"),
        "{error}"
    );
}

#[tokio::test]
async fn errors_are_typed_by_the_error_body_or_kept_raw() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/V2/pets/missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_raw(r#"{"title":"no such pet"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/V2/pets/odd"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(r#"{"other":1}"#, "application/json"))
        .mount(&server)
        .await;
    let client = client(&server).await;
    let error = client.get_pet("missing").await.expect_err("404");
    assert_eq!(
        error.to_string(),
        "getPet: the service answered 404: no such pet"
    );
    match &error {
        Error::Api {
            status,
            body,
            request_id,
            ..
        } => {
            assert_eq!(*status, 404);
            assert_eq!(body.title.as_deref(), Some("no such pet"));
            assert!(request_id.starts_with("getPet-"), "{request_id}");
        }
        other => panic!("expected an api error, got {other:?}"),
    }
    let error = client.get_pet("odd").await.expect_err("400");
    assert!(
        matches!(&error, Error::UnexpectedStatus { status: 400, body, .. } if body == r#"{"other":1}"#),
        "{error:?}"
    );
}

#[tokio::test]
async fn throttling_decodes_the_policys_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0")
                .set_body_raw(r#"{"wait":7}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .await
        .get_pet("p")
        .await
        .expect_err("throttled");
    match error {
        Error::Throttled {
            body: Some(body),
            retry_after,
            ..
        } => {
            assert_eq!(body.wait, 7);
            assert_eq!(retry_after, Some(Duration::ZERO));
        }
        other => panic!("expected throttling, got {other:?}"),
    }
    assert_eq!(
        server
            .received_requests()
            .await
            .map(|requests| requests.len()),
        Some(4)
    );
}

struct Broken;

impl TokenSource for Broken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async { Err(TokenError("the vault is sealed".into())) })
    }
}

#[tokio::test]
async fn every_cause_is_printed_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(r#"{"id":7}"#))
        .mount(&server)
        .await;
    let client = client(&server).await;
    let decode = client.get_pet("p").await.expect_err("id is not text");
    assert!(matches!(decode, Error::Decode { .. }), "{decode:?}");
    assert_eq!(chain(&decode).len(), 2, "{:?}", chain(&decode));
    assert_each_cause_once(&decode);

    let token = Client::builder()
        .base_url(server.uri())
        .token_source(Broken)
        .build()
        .expect("builds")
        .get_pet("p")
        .await
        .expect_err("no token");
    assert_eq!(
        chain(&token),
        ["getPet: cannot get a bearer token", "the vault is sealed"]
    );
    assert_each_cause_once(&token);

    let unreachable = Client::builder()
        .base_url("http://127.0.0.1:9")
        .bearer_token("t")
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("builds")
        .get_pet("p")
        .await
        .expect_err("nothing listens on the discard port");
    assert!(
        matches!(unreachable, Error::Transport { .. }),
        "{unreachable:?}"
    );
    assert!(unreachable.source().is_some());
    assert_each_cause_once(&unreachable);
}

#[test]
fn the_builder_refuses_bad_configuration() {
    let nowhere = Client::builder()
        .bearer_token("t")
        .build()
        .expect_err("no base url");
    assert_eq!(
        nowhere.to_string(),
        "no base url: call `base_url` (the api description names no absolute server)"
    );
    let missing = Client::builder()
        .base_url("https://pets.example")
        .build()
        .expect_err("no token");
    assert_eq!(
        missing.to_string(),
        "no token source: call `bearer_token` or `token_source`"
    );
    let bad = Client::builder()
        .base_url("ftp://pets.example")
        .bearer_token("t")
        .build()
        .expect_err("not http");
    assert!(
        bad.to_string()
            .starts_with("invalid base url `ftp://pets.example`"),
        "{bad}"
    );
}

/// A client of an API that brings no policy of its own.
#[derive(Clone, Debug)]
struct PlainClient {
    transport: Transport<StandardPolicy>,
}

impl PlainClient {
    async fn get_pet(&self, id: &str) -> Result<Response<Pet>, Error<StandardPolicy>> {
        let call = Call::new("getPet", Method::GET, "/pets/{id}").path("id", id);
        self.transport.execute(call, CallOptions::default()).await
    }
}

#[tokio::test]
async fn the_standard_policy_needs_no_token_and_keeps_error_bodies_raw() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/a"))
        .respond_with(json(r#"{"id":"a","name":"Rex"}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/gone"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_raw(r#"{"message":"no such pet","code":7}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = Builder::<PlainClient, StandardPolicy>::new(|transport| PlainClient { transport })
        .base_url(server.uri())
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("no token needed");
    let pet = client.get_pet("a").await.expect("found").into_body();
    assert_eq!(pet.id, "a");
    let requests = server.received_requests().await.expect("recorded");
    assert!(
        requests
            .iter()
            .all(|request| !request.headers.contains_key("authorization")),
        "no token was given, so none is sent"
    );
    assert!(
        requests[0]
            .headers
            .get("user-agent")
            .is_some_and(|agent| agent
                .to_str()
                .unwrap_or_default()
                .starts_with("codegen-runtime/")),
        "{:?}",
        requests[0].headers
    );

    let gone = client.get_pet("gone").await.expect_err("404");
    let Error::Api { status, body, .. } = &gone else {
        panic!("{gone:?}");
    };
    assert_eq!(*status, 404);
    assert_eq!(body.get(), r#"{"message":"no such pet","code":7}"#);
    assert!(
        gone.to_string()
            .contains(r#"{"message":"no such pet","code":7}"#),
        "{gone}"
    );
}
