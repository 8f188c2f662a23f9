//! Compiles the generated client of a tiny spec and calls it against a loopback server.
#[path = "models.rs"]
mod models;
#[path = "client.rs"]
mod client;

use codegen_runtime::client::{CallInfo, ErrorBody, NextPage, Page, Policy};
use futures_util::StreamExt as _;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The tiny API's policy: a default base URL, the API version setting and `links.next` paging.
#[derive(Debug, Default)]
pub struct ApiPolicy;

/// An error body of the tiny API, which documents none.
#[derive(Debug, serde::Deserialize, serde::Serialize)]
pub struct Problem {
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

impl Policy for ApiPolicy {
    type ErrorBody = Problem;
    type ThrottlingBody = ();
    type Context = ();
    const USER_AGENT: &'static str = "golden-client";
    const API_VERSION_SETTING: Option<&'static str> = Some("apiVersion");

    fn begin(&self, _: &CallInfo<'_>) {}

    fn relative_link(&self, path: &str, settings: &codegen_runtime::client::Settings) -> String {
        format!("/v{}{path}", settings.get("apiVersion").unwrap_or("1"))
    }
}

impl<T: serde::de::DeserializeOwned + Send + 'static> Page for models::Page<T> {
    type Item = T;

    fn into_parts(self) -> (Vec<T>, Result<Option<NextPage>, String>) {
        let next = self.links.and_then(|links| links.next).map(|link| NextPage::Link {
            uri: link.uri.unwrap_or_default(),
            method: link.method,
            headers: link.headers.into_iter().flatten().map(|pair| (pair.key.unwrap_or_default(), pair.value.unwrap_or_default())).collect(),
        });
        (self.items, Ok(next))
    }
}

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/pets/a%2Fb"))
        .and(query_param("kind", "dog"))
        .and(query_param("tags", "x"))
        .and(header("x-trace", "t-1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"a/b","kind":"dog"}"#, "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/pets"))
        .and(query_param("limit", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"items":[{"id":"p1"}],"links":{"next":{"uri":"/pets?limit=1&page=2","method":"GET","headers":[{"key":"X-Page","value":"2"}]}}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/pets"))
        .and(header("x-page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"items":[{"id":"p2"}]}"#, "application/json"))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/pets"))
        .and(body_json(serde_json::json!({"id": "new"})))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    assert_eq!(client::DEFAULT_BASE_URL, "https://eu.pets.example", "the first server, its variable at the default");
    let client = client::Client::builder().base_url(server.uri()).bearer_token("t").build().expect("builds");
    let pet = client
        .get_pet("a/b")
        .kind(models::Kind::Dog)
        .tags(vec!["x".into()])
        .x_trace("t-1")
        .send()
        .await
        .expect("getPet succeeds");
    assert_eq!(pet.kind, Some(models::Kind::Dog));
    let ids: Vec<String> = client.list_pets(1).into_stream().map(|pet| pet.expect("a pet").id.unwrap_or_default()).collect().await;
    assert_eq!(ids, ["p1", "p2"]);
    client.add_pet(models::Pet { id: Some("new".into()), ..Default::default() }).send().await.expect("addPet succeeds");

    // The same operations answered by the generated test doubles: no path, query or header spelled.
    let doubles = MockServer::start().await;
    let mocked = client::Client::builder().base_url(doubles.uri()).bearer_token("t").build().expect("builds");
    let cat = models::Pet { id: Some("a/b".into()), kind: Some(models::Kind::Cat), ..Default::default() };
    mocked.get_pet("a/b").kind(models::Kind::Cat).mock().respond(&cat).times(1).mount(&doubles).await;
    mocked.add_pet(models::Pet { id: Some("c".into()), ..Default::default() }).mock().respond(&()).times(1).mount(&doubles).await;
    let answer = mocked.get_pet("a/b").kind(models::Kind::Cat).send().await.expect("the double answers");
    assert_eq!(answer.kind, Some(models::Kind::Cat));
    assert!(mocked.get_pet("a/b").kind(models::Kind::Dog).send().await.is_err(), "another kind is another request");
    mocked.add_pet(models::Pet { id: Some("c".into()), ..Default::default() }).send().await.expect("the body matches");
    assert!(mocked.add_pet(models::Pet { id: Some("d".into()), ..Default::default() }).send().await.is_err(), "another body is another request");
}
