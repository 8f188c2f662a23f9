//! The generated client against a real HTTP server on loopback: requests, paging, retries, errors.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use partner_models::Client;
use partner_models::client::{Error, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "test-token-123";

/// A retry policy fast enough for tests.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .retry_policy(quick_retries())
        .build()
        .expect("the client builds")
}

fn json_body(value: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(value.to_string(), "application/json")
}

fn offer(id: &str) -> Value {
    json!({"id": id, "name": format!("Offer {id}"), "supportedBillingCycles": ["annual", "monthly"], "billing": "license"})
}

fn page(items: &[&str], next: Option<(&str, Option<&str>)>) -> Value {
    let mut links = json!({"self": {"uri": "/offers?country=US", "method": "GET", "headers": []}});
    if let Some((uri, token)) = next {
        let headers = token.map_or_else(
            || json!([]),
            |token| json!([{"key": "MS-ContinuationToken", "value": token}]),
        );
        links["next"] = json!({"uri": uri, "method": "GET", "headers": headers});
    }
    json!({
        "totalCount": items.len(),
        "items": items.iter().map(|id| offer(id)).collect::<Vec<_>>(),
        "links": links,
        "attributes": {"objectType": "Collection"},
    })
}

fn header_of<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

#[tokio::test]
async fn a_call_sends_method_path_query_and_context_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/offers/8BDBB60B-E526"))
        .and(query_param("country", "US"))
        .respond_with(json_body(&offer("8BDBB60B-E526")))
        .expect(1)
        .mount(&server)
        .await;
    let offer = client(&server)
        .get_offer("8BDBB60B-E526")
        .country("US")
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(offer.id.as_deref(), Some("8BDBB60B-E526"));
    assert_eq!(offer.billing, Some(partner_models::BillingType::License));

    let requests = received(&server).await;
    let request = &requests[0];
    assert_eq!(
        header_of(request, "authorization"),
        Some("Bearer test-token-123")
    );
    assert_eq!(header_of(request, "accept"), Some("application/json"));
    let agent = header_of(request, "user-agent").expect("a user agent");
    assert!(agent.starts_with("partner-models/"), "{agent}");
    for name in ["ms-correlationid", "ms-requestid"] {
        let value = header_of(request, name).unwrap_or_else(|| panic!("{name} is sent"));
        assert_eq!(value.len(), 36, "{name} is a uuid: {value}");
    }
    let vector = header_of(request, "ms-cv").expect("MS-CV is sent");
    assert!(vector.ends_with(".1"), "{vector}");
}

#[tokio::test]
async fn query_parameters_and_per_call_headers_arrive() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/customers/c-1/offers"))
        .and(query_param("offer_category_id", "Enterprise_Key"))
        .and(query_param("offset", "20"))
        .and(query_param("size", "10"))
        .and(header("ms-correlationid", "mine"))
        .and(header("x-locale", "en-US"))
        .respond_with(json_body(&page(&["A"], None)))
        .expect(1)
        .mount(&server)
        .await;
    let offers = client(&server)
        .list_customer_offers("c-1")
        .offer_category_id("Enterprise_Key")
        .offset(20)
        .size(10)
        .ms_correlationid("mine")
        .header("X-Locale", "en-US")
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(offers.items.len(), 1);
}

#[tokio::test]
async fn the_inventory_check_posts_its_body_and_reads_a_bare_array() {
    let server = MockServer::start().await;
    let answer =
        json!([{"productId": "P1", "skuId": "0001", "isRestricted": false, "restrictions": []}]);
    Mock::given(method("POST"))
        .and(path("/v1/extensions/product/checkinventory"))
        .and(query_param("country", "US"))
        .and(header("content-type", "application/json"))
        .respond_with(json_body(&answer))
        .expect(1)
        .mount(&server)
        .await;
    let request = partner_models::InventoryCheckRequest {
        target_items: Some(vec![partner_models::InventoryItem {
            product_id: "P1".into(),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let items = client(&server)
        .check_inventory(request)
        .country("US")
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].is_restricted, Some(false));
    let body: Value =
        serde_json::from_slice(&received(&server).await[0].body).expect("a json body");
    assert_eq!(body, json!({"targetItems": [{"productId": "P1"}]}));
}

#[tokio::test]
async fn path_parameters_cannot_change_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json_body(&offer("x")))
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .get_offer("a/b?c#d%")
        .send()
        .await
        .expect("an encoded id is still one segment");
    let requests = received(&server).await;
    assert_eq!(requests[0].url.path(), "/v1/offers/a%2Fb%3Fc%23d%25");
    assert_eq!(requests[0].url.query(), None);
    for id in ["..", ".", ""] {
        let error = client
            .get_offer(id)
            .send()
            .await
            .expect_err("a dot segment is refused");
        assert!(
            matches!(error, Error::InvalidArgument { ref name, .. } if name == "offer_id"),
            "{error}"
        );
    }
    assert_eq!(received(&server).await.len(), 1, "refused ids send nothing");
}

#[tokio::test]
async fn paging_follows_three_pages_with_continuation_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .and(header("MS-ContinuationToken", "token-3"))
        .respond_with(json_body(&page(&["E", "F"], None)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .and(header("MS-ContinuationToken", "token-2"))
        .respond_with(json_body(&page(
            &["C", "D"],
            Some(("/v1/offers?country=US&seek=3", Some("token-3"))),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .and(query_param("country", "US"))
        .respond_with(json_body(&page(
            &["A", "B"],
            Some(("/offers?country=US&seek=2", Some("token-2"))),
        )))
        .with_priority(10)
        .expect(1)
        .mount(&server)
        .await;
    let ids: Vec<String> = client(&server)
        .list_offers("US")
        .into_stream()
        .map(|offer| offer.expect("every page decodes").id.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(ids, ["A", "B", "C", "D", "E", "F"]);
    let requests = received(&server).await;
    assert_eq!(
        requests[1].url.query(),
        Some("country=US&seek=2"),
        "a link without /v1 gets it"
    );
    let request_ids: BTreeSet<&str> = requests
        .iter()
        .filter_map(|request| header_of(request, "ms-requestid"))
        .collect();
    assert_eq!(request_ids.len(), 3, "each page is its own call");
}

#[tokio::test]
async fn paging_stops_on_a_repeating_next_link() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .respond_with(json_body(&page(&["A"], Some(("/offers?country=US", None)))))
        .mount(&server)
        .await;
    let results: Vec<Result<_, Error>> = client(&server)
        .list_offers("US")
        .into_stream()
        .collect()
        .await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let error = results[1].as_ref().expect_err("the loop is caught");
    assert!(matches!(error, Error::Paging { .. }), "{error}");
    assert_eq!(
        received(&server).await.len(),
        1,
        "the repeated page is not fetched again"
    );
}

#[tokio::test]
async fn paging_never_follows_a_link_to_another_host() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .respond_with(json_body(&page(
            &["A"],
            Some(("https://elsewhere.invalid/v1/offers", None)),
        )))
        .mount(&server)
        .await;
    let results: Vec<Result<_, Error>> = client(&server)
        .list_offers("US")
        .into_stream()
        .collect()
        .await;
    assert_eq!(results.len(), 2, "the page's item, then the error");
    assert!(results[0].is_ok());
    let error = results[1]
        .as_ref()
        .expect_err("the foreign link is refused");
    assert!(
        error.to_string().contains("leaves the service's origin"),
        "{error}"
    );
}

#[tokio::test]
async fn throttling_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_raw(r#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}"#, "application/json"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(json_body(&offer("A")))
        .mount(&server)
        .await;
    let started = Instant::now();
    let offer = client(&server)
        .get_offer("A")
        .send()
        .await
        .expect("the retry succeeds");
    assert_eq!(offer.id.as_deref(), Some("A"));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn throttling_beyond_the_retries_surfaces_the_429_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "0")
                .set_body_raw(
                    r#"{"statusCode":429,"message":"Rate limit is exceeded."}"#,
                    "application/json",
                ),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .get_offer("A")
        .send()
        .await
        .expect_err("throttled throughout");
    match error {
        Error::Throttled {
            retry_after, body, ..
        } => {
            assert_eq!(retry_after, Some(Duration::ZERO));
            assert_eq!(body.and_then(|body| body.status_code), Some(429));
        }
        other => panic!("expected a throttling error, got {other}"),
    }
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test]
async fn gateway_errors_are_retried_with_one_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(3)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(json_body(&offer("A")))
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .get_offer("A")
        .send()
        .await
        .expect("the fourth attempt succeeds");
    client
        .get_offer("A")
        .send()
        .await
        .expect("the next call succeeds at once");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 5);
    let ids: Vec<&str> = requests
        .iter()
        .map(|request| header_of(request, "ms-requestid").expect("an id"))
        .collect();
    assert!(
        ids[..4].iter().all(|id| *id == ids[0]),
        "one id across retries: {ids:?}"
    );
    assert_ne!(ids[4], ids[0], "the next call gets a new id");
    let vectors: Vec<&str> = requests[..4]
        .iter()
        .map(|request| header_of(request, "ms-cv").expect("a vector"))
        .collect();
    assert!(vectors[3].ends_with(".4"), "{vectors:?}");
}

#[tokio::test]
async fn exhausted_retries_surface_the_last_error() {
    let server = MockServer::start().await;
    let body = r#"{"code":503,"description":"Service is busy","source":"PartnerFD"}"#;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let error = client(&server)
        .get_offer("A")
        .send()
        .await
        .expect_err("always busy");
    assert_eq!(error.status(), Some(503));
    assert!(
        matches!(&error, Error::Api { body, .. } if body.description.as_deref() == Some("Service is busy")),
        "{error}"
    );
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test]
async fn posts_are_not_retried_unless_asked() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = client(&server);
    let request = partner_models::InventoryCheckRequest::default();
    client
        .check_inventory(request.clone())
        .send()
        .await
        .expect_err("busy");
    assert_eq!(received(&server).await.len(), 1);
    let eager = RetryPolicy {
        retry_non_idempotent: true,
        ..quick_retries()
    };
    client
        .check_inventory(request)
        .retry_policy(eager)
        .send()
        .await
        .expect_err("still busy");
    assert_eq!(received(&server).await.len(), 5);
}

#[tokio::test]
async fn error_bodies_decode_into_the_typed_error() {
    let server = MockServer::start().await;
    let body = json!({"code": 400013, "description": "Product not found.", "data": [], "source": "PartnerFD"});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_raw(body.to_string(), "application/json"))
        .mount(&server)
        .await;
    let error = client(&server)
        .get_product("NOPE")
        .send()
        .await
        .expect_err("not found");
    match &error {
        Error::Api {
            status,
            body,
            request_id,
            ..
        } => {
            assert_eq!(*status, 404);
            assert_eq!(body.code, Some(partner_models::ErrorCode::Integer(400013)));
            assert_eq!(request_id.len(), 36);
        }
        other => panic!("expected an api error, got {other}"),
    }
    assert_eq!(
        error.to_string(),
        "getProduct: the service answered 404: error 400013: Product not found."
    );
    assert_eq!(received(&server).await.len(), 1, "a 404 is not retried");
}

#[tokio::test]
async fn the_other_error_shape_and_raw_bodies_are_kept() {
    let server = MockServer::start().await;
    let body = json!({"code": 600061, "message": "Exists", "description": "Exists", "errorName": "AlreadyExists", "isRetryable": false, "parameters": {}});
    Mock::given(method("GET"))
        .and(path("/v1/products/A"))
        .respond_with(ResponseTemplate::new(409).set_body_raw(body.to_string(), "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/products/B"))
        .respond_with(ResponseTemplate::new(500).set_body_raw("<html>oops</html>", "text/html"))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client.get_product("A").send().await.expect_err("conflict");
    assert!(
        matches!(&error, Error::Api { body, .. } if body.error_name.as_deref() == Some("AlreadyExists") && body.is_retryable == Some(false)),
        "{error}"
    );
    let error = client
        .get_product("B")
        .send()
        .await
        .expect_err("server error");
    assert!(
        matches!(&error, Error::UnexpectedStatus { status: 500, body, .. } if body == "<html>oops</html>"),
        "{error}"
    );
}

#[tokio::test]
async fn an_answer_that_does_not_decode_names_the_field_path() {
    let server = MockServer::start().await;
    let body = json!({"items": [offer("A"), {"id": "B", "rank": "high"}]});
    Mock::given(method("GET"))
        .respond_with(json_body(&body))
        .mount(&server)
        .await;
    let error = client(&server)
        .list_offers("US")
        .send()
        .await
        .expect_err("rank is not a number");
    match &error {
        Error::Decode { source, status, .. } => {
            assert_eq!(*status, 200);
            assert_eq!(source.path, "items[1].rank");
        }
        other => panic!("expected a decode error, got {other}"),
    }
}

#[tokio::test]
async fn a_slow_server_triggers_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json_body(&offer("A")).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = client(&server)
        .get_offer("A")
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .expect_err("too slow");
    assert!(
        matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(100)),
        "{error}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the timeout cut the wait: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_token_never_shows_in_debug_or_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let client = client(&server);
    assert!(!format!("{client:?}").contains(TOKEN), "{client:?}");
    let builder = client.get_offer("A");
    assert!(!format!("{builder:?}").contains(TOKEN));
    let error = builder.send().await.expect_err("unauthorised");
    assert!(!format!("{error} {error:?}").contains(TOKEN), "{error:?}");
}

#[tokio::test]
async fn the_api_version_is_a_client_setting() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/offers/A"))
        .respond_with(json_body(&offer("A")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .api_version("v2")
        .build()
        .expect("builds");
    client.get_offer("A").send().await.expect("v2 path");
}

#[tokio::test]
async fn the_recorded_catalog_streams_its_274_offers() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let body = std::fs::read(dir.join("01_offers-market-us.recorded.json")).expect("payload 01");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .and(query_param("country", "US"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let offers: Vec<_> = client(&server)
        .list_offers("US")
        .into_stream()
        .collect()
        .await;
    assert_eq!(offers.len(), 274);
    assert!(offers.iter().all(Result::is_ok));
}
