//! Compiles the generated client of a spec with every kind of security scheme and a templated
//! server, and checks against a loopback server that each credential lands where its scheme says.
#[path = "models.rs"]
mod models;
#[path = "client.rs"]
mod client;

use client::security::Credentials as _;
use client::servers::{Local, Production, Region};
use codegen_runtime::client::{Error, Token, TokenFuture, TokenSource};
use std::sync::{Arc, Mutex};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The standard conventions: no policy of this API's own.
pub type ApiPolicy = codegen_runtime::client::StandardPolicy;

/// A token source that records the OAuth scopes each call asks it for.
#[derive(Clone, Default)]
struct ScopeRecorder(Arc<Mutex<Vec<Vec<&'static str>>>>);

impl TokenSource for ScopeRecorder {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async { Ok(Token::new("o")) })
    }

    fn token_for(&self, scopes: &[&'static str]) -> TokenFuture<'_> {
        self.0.lock().expect("not poisoned").push(scopes.to_vec());
        self.token()
    }
}

#[tokio::main]
async fn main() {
    assert_eq!(client::DEFAULT_BASE_URL, "https://eu-west.vault.example/v1");
    assert_eq!(Production::default().url(), client::DEFAULT_BASE_URL, "the defaults");
    let us = Production { region: Region::UsEast, base: "v2".into() };
    assert_eq!(us.url(), "https://us-east.vault.example/v2");

    let server = MockServer::start().await;
    let answer = |status| ResponseTemplate::new(status);
    Mock::given(method("GET")).and(path("/secrets")).and(header("authorization", "Bearer jwt"))
        .respond_with(answer(200).set_body_raw("[\"a\"]", "application/json")).expect(1).mount(&server).await;
    Mock::given(method("POST")).and(path("/secrets")).and(header("x-api-key", "k"))
        .respond_with(answer(204)).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/secrets/search")).and(query_param("key", "q"))
        .respond_with(answer(204)).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/session")).and(header("cookie", "session_id=c"))
        .respond_with(answer(204)).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/both")).and(header("x-api-key", "k")).and(header("authorization", "Basic dTpw"))
        .respond_with(answer(204)).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/delegated")).and(header("authorization", "Bearer o"))
        .respond_with(answer(204)).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/health"))
        .respond_with(answer(204)).expect(1).mount(&server).await;

    // The local server's template, its port filled with the loopback server's.
    let local = Local { port: server.address().port().to_string() }.url();
    let recorder = ScopeRecorder::default();
    let full = client::Client::builder()
        .base_url(local)
        .bearer("jwt")
        .api_key("k")
        .basic("u", "p")
        .query_key("q")
        .session("c")
        .oauth_tokens(recorder.clone())
        .build()
        .expect("builds");
    assert_eq!(full.list_secrets().send().await.expect("bearer"), ["a"]);
    full.add_secret("s").send().await.expect("the api key, the first alternative");
    full.search_secrets().send().await.expect("the key in the query");
    full.read_session().send().await.expect("the cookie");
    full.read_both().send().await.expect("the key and the user together");
    full.read_delegated().send().await.expect("the oauth token");
    assert_eq!(*recorder.0.lock().expect("not poisoned"), [["secrets:read"]], "the source was asked for the operation's scopes");
    full.health().send().await.expect("no credentials");
    let health = server.received_requests().await.expect("recorded").into_iter().find(|request| request.url.path() == "/health").expect("health was called");
    assert!(!health.headers.contains_key("authorization") && !health.headers.contains_key("x-api-key"), "health takes none");

    let anonymous = client::Client::builder().base_url(server.uri()).build().expect("builds");
    let before = server.received_requests().await.expect("recorded").len();
    let error = anonymous.read_both().send().await.expect_err("no key nor user");
    assert!(matches!(error, Error::MissingCredentials { operation: "readBoth", .. }), "{error}");
    assert_eq!(server.received_requests().await.expect("recorded").len(), before, "nothing was sent");
    let error = anonymous.add_secret("s").send().await.expect_err("neither alternative");
    assert_eq!(error.to_string(), "addSecret: no credentials for it: supply `api_key` or `basic` on the client builder");
    assert!(anonymous.read_session().send().await.is_err(), "anonymous is allowed, but the mock wants the cookie");
}
