//! Bodies other than JSON against a loopback server: a form, a multipart form with a file and
//! raw bytes going out; text and bytes coming back; parameters in their styles.
#![cfg(feature = "client")]

use codegen_runtime::RawJson;
use codegen_runtime::client::{
    Builder, Call, CallOptions, FilePart, Method, Multipart, RetryPolicy, StandardPolicy, Style,
    Transport,
};
use serde::Serialize;
use wiremock::matchers::{body_bytes, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A transport to `server` that never retries.
fn transport(server: &MockServer) -> Transport<StandardPolicy> {
    Builder::new(|transport| transport)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("builds")
}

/// Matches a request whose header `name` is exactly `value`, commas included (wiremock's
/// `header` splits values at commas).
fn raw_header(name: &'static str, value: &'static str) -> impl Fn(&Request) -> bool {
    move |request: &Request| {
        request
            .headers
            .get(name)
            .is_some_and(|given| given.as_bytes() == value.as_bytes())
    }
}

/// A Stripe-like form: plain values, a map, an array of objects, an array of strings.
#[derive(Serialize)]
struct Checkout {
    mode: &'static str,
    amount: u64,
    metadata: std::collections::BTreeMap<&'static str, &'static str>,
    line_items: Vec<LineItem>,
    expand: Vec<&'static str>,
    coupon: Option<&'static str>,
}

#[derive(Serialize)]
struct LineItem {
    price: &'static str,
    quantity: u32,
}

#[tokio::test]
async fn a_form_body_goes_out_in_its_styles() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "mode=payment&amount=18446744073709551615&metadata[order]=6735\
             &line_items[0][price]=price_1&line_items[0][quantity]=2&expand[]=customer",
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"id":"cs_1"}"#, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let form = Checkout {
        mode: "payment",
        amount: u64::MAX,
        metadata: [("order", "6735")].into(),
        line_items: vec![LineItem {
            price: "price_1",
            quantity: 2,
        }],
        expand: vec!["customer"],
        coupon: None,
    };
    let fields = [
        ("metadata", Style::DeepObject, true),
        ("line_items", Style::DeepObject, true),
        ("expand", Style::DeepObject, true),
    ];
    let call = Call::new(
        "createCheckoutSession",
        Method::POST,
        "/v1/checkout/sessions",
    )
    .form(&form, &fields);
    let answer: serde_json::Value = transport(&server)
        .execute::<_, RawJson>(call, CallOptions::default())
        .await
        .expect("the form matches")
        .into_body();
    assert_eq!(answer["id"], "cs_1");
}

#[tokio::test]
async fn a_multipart_body_carries_fields_and_a_file() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/files"))
        .and(|request: &Request| {
            let Some(boundary) = request
                .headers
                .get("content-type")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.strip_prefix("multipart/form-data; boundary="))
            else {
                return false;
            };
            // The file's bytes are not UTF-8: the body is compared as bytes.
            let mut expected = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.bin\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .into_bytes();
            expected.extend_from_slice(&[0, 1, 255]);
            expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
            request.body == expected
        })
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"file_1"}"#, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let form = Multipart::new()
        .field("purpose", "assistants")
        .field("absent", &Option::<u8>::None)
        .file("file", &FilePart::new("notes.bin", vec![0_u8, 1, 255]));
    let call = Call::new("createFile", Method::POST, "/v1/files").multipart(Some(form));
    transport(&server)
        .execute::<serde_json::Value, RawJson>(call, CallOptions::default())
        .await
        .expect("the multipart body matches");
}

#[tokio::test]
async fn raw_bytes_go_out_and_text_and_bytes_come_back() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/blobs/k1"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(vec![0_u8, 159, 255]))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(vec![7_u8, 0, 200], "application/octet-stream"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/readme"))
        .and(header("accept", "text/markdown"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("# Hello, wörld", "text/markdown"))
        .mount(&server)
        .await;
    let api = transport(&server);
    let put = Call::new("putBlob", Method::PUT, "/blobs/{key}")
        .path("key", "k1")
        .bytes("application/octet-stream", Some(&[0_u8, 159, 255]))
        .accept("application/octet-stream");
    let bytes = api
        .execute_bytes::<RawJson>(put, CallOptions::default())
        .await
        .expect("bytes go out and come back");
    assert_eq!(bytes.status().as_u16(), 200);
    assert_eq!(bytes.into_body(), [7, 0, 200]);
    let get = Call::new("getReadme", Method::GET, "/readme").accept("text/markdown");
    let text = api
        .execute_text::<RawJson>(get, CallOptions::default())
        .await
        .expect("text comes back")
        .into_body();
    assert_eq!(text, "# Hello, wörld");
}

#[tokio::test]
async fn a_text_answer_that_is_not_utf8_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/readme"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![0xff_u8, 0xfe], "text/plain"))
        .mount(&server)
        .await;
    let call = Call::new("getReadme", Method::GET, "/readme").accept("text/plain");
    let error = transport(&server)
        .execute_text::<RawJson>(call, CallOptions::default())
        .await
        .expect_err("not text");
    assert!(
        matches!(
            error,
            codegen_runtime::client::Error::Decode { status: 200, .. }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn parameters_go_out_in_their_styles() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/;ids=1,2/.x.y"))
        .and(query_param("tags", "a b"))
        .and(query_param("filter[kind]", "dog"))
        .and(raw_header("x-ids", "R=100,G=200"))
        .and(raw_header("cookie", "theme=dark; size=a,b"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let color = RawJson::from_text(r#"{"R":100,"G":200}"#).expect("json");
    let call = Call::new("getItems", Method::GET, "/items/{ids}/{names}")
        .path_styled("ids", Style::Matrix, false, &[1, 2])
        .path_styled("names", Style::Label, false, &["x", "y"])
        .query_styled("tags", Style::SpaceDelimited, false, Some(&["a", "b"]))
        .query_styled(
            "filter",
            Style::DeepObject,
            true,
            Some(&serde_json::json!({"kind": "dog"})),
        )
        .query_styled("absent", Style::Form, true, Option::<&String>::None)
        .header_styled("x-ids", true, Some(&color))
        .cookie("theme", true, Some("dark"))
        .cookie("size", false, Some(&["a", "b"]));
    transport(&server)
        .execute::<serde_json::Value, RawJson>(call, CallOptions::default())
        .await
        .expect("the styled parameters match");
}

#[tokio::test]
async fn an_empty_simple_path_value_is_refused_before_sending() {
    let server = MockServer::start().await;
    let call = Call::new("getItem", Method::GET, "/items/{id}").path_styled(
        "id",
        Style::Simple,
        false,
        &Vec::<String>::new(),
    );
    let error = transport(&server)
        .execute::<serde_json::Value, RawJson>(call, CallOptions::default())
        .await
        .expect_err("an empty segment");
    assert!(
        matches!(
            error,
            codegen_runtime::client::Error::InvalidArgument { .. }
        ),
        "{error:?}"
    );
}
