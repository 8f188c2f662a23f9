//! Compiles the generated client of a spec with every kind of body and parameter style, and
//! checks what each call puts on the wire against a loopback server.
#[path = "models.rs"]
mod models;
#[path = "client.rs"]
mod client;

use codegen_runtime::client::FilePart;
use wiremock::matchers::{body_bytes, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The API brings no policy of its own.
pub type ApiPolicy = codegen_runtime::client::StandardPolicy;

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    let client = client::Client::builder().base_url(server.uri()).build().expect("builds");

    // A form body: deepObject for maps, arrays of objects and arrays of strings, a
    // pipe-delimited array, numbers as written.
    let expected = "amount=1000&rate=0.5&metadata[order]=6735&metadata[note]=a+b\
                    &items[0][price]=p_1&items[0][quantity]=2&expand[]=customer&tags=x%7Cy";
    Mock::given(method("POST"))
        .and(path("/v1/charges"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(expected))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"ch_1"}"#, "application/json"))
        .mount(&server)
        .await;
    let mut metadata = codegen_runtime::OrderedMap::new();
    metadata.insert("order".to_owned(), "6735".to_owned());
    metadata.insert("note".to_owned(), "a b".to_owned());
    let form = models::CreateChargeBody {
        amount: 1000,
        rate: Some(0.5),
        metadata: Some(metadata),
        items: Some(vec![models::Item { price: Some("p_1".into()), quantity: Some(2), ..Default::default() }]),
        expand: Some(vec!["customer".into()]),
        tags: Some(vec!["x".into(), "y".into()]),
        ..Default::default()
    };
    let charge = client.create_charge(form.clone()).send().await.expect("the form matches");
    assert_eq!(charge.id.as_deref(), Some("ch_1"));

    // A multipart body: a field, a file with its name and type, an array of plain values.
    Mock::given(method("POST"))
        .and(path("/v1/files"))
        .and(|request: &Request| {
            let text = String::from_utf8_lossy(&request.body);
            let content_type = request.headers.get("content-type").and_then(|value| value.to_str().ok()).unwrap_or_default();
            content_type.starts_with("multipart/form-data; boundary=")
                && text.contains("Content-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n")
                && text.contains("Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
                && text.matches("name=\"labels\"").count() == 2
                && !text.contains("attachments")
                && text.contains("Content-Disposition: form-data; name=\"image\"; filename=\"b.png\"\r\nContent-Type: image/png\r\n")
        })
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"file_1"}"#, "application/json"))
        .mount(&server)
        .await;
    let upload = client::UploadFileForm {
        purpose: "fine-tune".into(),
        file: FilePart::new("a.txt", "hello").content_type("text/plain"),
        attachments: Vec::new(),
        labels: Some(vec!["l1".into(), "l2".into()]),
        image: vec![FilePart::new("b.png", vec![137_u8, 80]).content_type("image/png")],
    };
    let stored = client.upload_file(upload).send().await.expect("the multipart form matches");
    assert_eq!(stored.id.as_deref(), Some("file_1"));

    // Bytes in, in a matrix path; bytes out, from a label path.
    Mock::given(method("PUT"))
        .and(path("/v1/blobs/;key=a,b"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(vec![0_u8, 1, 255]))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/blobs/.a.b"))
        .and(header("accept", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![9_u8, 8, 7], "application/octet-stream"))
        .mount(&server)
        .await;
    let key = vec!["a".to_owned(), "b".to_owned()];
    client.put_blob(key.clone(), vec![0, 1, 255]).send().await.expect("the bytes match");
    let blob = client.get_blob(key).send().await.expect("bytes come back");
    assert_eq!(blob, [9, 8, 7]);

    // Text in and out, with a pipe-delimited and a deepObject query, a list header and a cookie.
    Mock::given(method("POST"))
        .and(path("/v1/notes"))
        .and(query_param("ids", "1|2"))
        .and(query_param("filter[author]", "ann"))
        .and(query_param("filter[year]", "2024"))
        .and(|request: &Request| request.headers.get("x-tags").is_some_and(|tags| tags.as_bytes() == b"a,b"))
        .and(header("cookie", "session=s1"))
        .and(header("content-type", "text/plain"))
        .and(header("accept", "text/html"))
        .and(body_string("hello"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<p>hello</p>", "text/html"))
        .mount(&server)
        .await;
    let note = client
        .add_note()
        .ids(vec![1, 2])
        .filter(models::Filter { author: Some("ann".into()), year: Some(2024), ..Default::default() })
        .x_tags(vec!["a".into(), "b".into()])
        .session("s1")
        .body("hello")
        .send()
        .await
        .expect("the note matches");
    assert_eq!(note, "<p>hello</p>");

    // The generated test doubles match form and multipart bodies byte for byte.
    let doubles = MockServer::start().await;
    let mocked = client::Client::builder().base_url(doubles.uri()).build().expect("builds");
    let answer = models::Charge { id: Some("ch_2".into()), ..Default::default() };
    mocked.create_charge(form.clone()).mock().respond(&answer).times(1).mount(&doubles).await;
    let charge = mocked.create_charge(form).send().await.expect("the double answers");
    assert_eq!(charge.id.as_deref(), Some("ch_2"));
    mocked.get_blob(vec!["k".into()]).mock().respond_raw(vec![1_u8, 2], "application/octet-stream").mount(&doubles).await;
    assert_eq!(mocked.get_blob(vec!["k".into()]).send().await.expect("bytes"), [1, 2]);
}
