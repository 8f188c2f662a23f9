//! An operation's own server against two loopback servers: the call goes there while the client
//! talks to the API's default server, and stays at a base URL set by hand.
#![cfg(feature = "client")]

use codegen_runtime::client::{
    Builder, Call, CallOptions, Method, RetryPolicy, StandardPolicy, Transport,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers `POST /files` with 204 exactly `times` times.
async fn files_server(times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/files"))
        .respond_with(ResponseTemplate::new(204))
        .expect(times)
        .mount(&server)
        .await;
    server
}

fn transport(base_url: &str) -> Transport<StandardPolicy> {
    Builder::new(|transport| transport)
        .base_url(base_url)
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("the client builds")
}

/// A text that lives as long as the test binary, as generated code's literals do.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

#[tokio::test]
async fn a_call_goes_to_its_own_server_while_the_client_uses_the_default() {
    let default = files_server(0).await;
    let own = files_server(1).await;
    let default_url = leak(format!("{}/", default.uri()));
    let call = Call::new("createFile", Method::POST, "/files").server(leak(own.uri()), default_url);
    transport(default_url)
        .execute_empty::<codegen_runtime::RawJson>(call, CallOptions::default())
        .await
        .expect("the own server answers");
}

#[tokio::test]
async fn a_base_url_set_by_hand_keeps_every_call() {
    let own = files_server(0).await;
    let mine = files_server(1).await;
    let call = Call::new("createFile", Method::POST, "/files")
        .server(leak(own.uri()), "https://api.example/");
    transport(&mine.uri())
        .execute_empty::<codegen_runtime::RawJson>(call, CallOptions::default())
        .await
        .expect("the hand-set server answers");
}
