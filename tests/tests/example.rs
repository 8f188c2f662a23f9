//! The `catalog` example, run against a local server that serves the recorded US catalog,
//! gzip-compressed as the service sends it to clients that offer compression.

#[path = "../../partner-models/examples/catalog.rs"]
#[allow(
    dead_code,
    reason = "the example's `main` is not called here; its `run` is"
)]
mod catalog;

use wiremock::matchers::{header_regex, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_example_prints_the_274_recorded_offers_and_one_offer() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let server = MockServer::start().await;
    for (route, file) in [
        ("/v1/offers", "01_offers-market-us.recorded.json"),
        (
            "/v1/offers/8BDBB60B-E526-43E9-92EF-AB760C8E0B72",
            "02_offer-by-id.recorded.json",
        ),
    ] {
        let body = std::fs::read(dir.join(file)).unwrap_or_else(|error| panic!("{file}: {error}"));
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, &body).expect("compresses");
        let compressed = encoder.finish().expect("compresses");
        Mock::given(method("GET"))
            .and(path(route))
            .and(query_param("country", "US"))
            .and(header_regex("accept-encoding", "gzip"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("content-encoding", "gzip")
                    .set_body_raw(compressed, "application/json"),
            )
            .mount(&server)
            .await;
    }
    let args = ["--offer", "8BDBB60B-E526-43E9-92EF-AB760C8E0B72"].map(String::from);
    let base_url = server.uri();
    let request = catalog::request_from(args, |name| match name {
        "PARTNER_CENTER_TOKEN" => Some("local".to_owned()),
        "PARTNER_CENTER_BASE_URL" => Some(base_url.clone()),
        _ => None,
    })
    .expect("the arguments parse");
    let mut out = Vec::new();
    catalog::run(&request, &mut out)
        .await
        .expect("the example runs");
    let out = String::from_utf8(out).expect("utf-8 output");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("id "), "{}", lines[0]);
    assert_eq!(lines[275], "274 offers in US");
    assert!(
        lines[1..275].iter().all(|line| line.len() > 38),
        "every offer has a row"
    );
    assert!(out.contains("annual,monthly"), "billing cycles are printed");
    assert!(
        out.contains("8BDBB60B-E526-43E9-92EF-AB760C8E0B72: Microsoft 365 E5"),
        "{out}"
    );
}

#[test]
fn the_example_needs_a_token_and_knows_its_arguments() {
    let none = |_: &str| None;
    assert_eq!(
        catalog::request_from(Vec::new(), none),
        Err("set PARTNER_CENTER_TOKEN to a bearer token".to_owned())
    );
    let token = |name: &str| (name == "PARTNER_CENTER_TOKEN").then(|| "t".to_owned());
    let request =
        catalog::request_from(["--country", "DE"].map(String::from), token).expect("parses");
    assert_eq!(request.country, "DE");
    assert_eq!(request.base_url, partner_models::client::DEFAULT_BASE_URL);
    assert!(catalog::request_from(["--bogus".to_owned()], token).is_err());
}
