//! The build-script path: the models and client `partner-models-build-time` generates in its
//! `build.rs` are the committed ones, byte for byte, every payload round-trips through them, and
//! the client pages through a loopback server.

use std::path::Path;

use golden_tests::payloads;

#[test]
fn build_time_files_are_the_committed_files() {
    let built = Path::new(partner_models_build_time::GENERATED_DIR);
    let committed = golden_tests::workspace_root().join("partner-models/src/generated");
    for file in ["models.rs", "client.rs", "mod.rs"] {
        let at_build = std::fs::read_to_string(built.join(file))
            .unwrap_or_else(|error| panic!("{}/{file}: {error}", built.display()));
        let in_repo = std::fs::read_to_string(committed.join(file))
            .unwrap_or_else(|error| panic!("{}/{file}: {error}", committed.display()));
        assert!(
            at_build == in_repo,
            "{file} generated at build time differs from the committed file"
        );
    }
}

#[tokio::test]
async fn the_build_time_client_pages_through_a_loopback_server() {
    use futures_util::StreamExt as _;
    use partner_models_build_time::Client;
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let offer = |id: &str| serde_json::json!({"id": id, "billing": "license"});
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .and(header("MS-ContinuationToken", "next-please"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "totalCount": 1, "items": [offer("B")], "links": {}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/offers"))
        .and(query_param("country", "US"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "totalCount": 1,
            "items": [offer("A")],
            "links": {"next": {"uri": "/offers?country=US&seek=2", "method": "GET",
                "headers": [{"key": "MS-ContinuationToken", "value": "next-please"}]}}
        })))
        .with_priority(10)
        .mount(&server)
        .await;
    assert_eq!(
        partner_models_build_time::client::DEFAULT_BASE_URL,
        partner_models::client::DEFAULT_BASE_URL
    );
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("build-time")
        .build()
        .expect("builds");
    let offers: Vec<partner_models_build_time::Offer> = client
        .list_offers("US")
        .into_stream()
        .map(|offer| offer.expect("every page decodes"))
        .collect()
        .await;
    let ids: Vec<&str> = offers
        .iter()
        .filter_map(|offer| offer.id.as_deref())
        .collect();
    assert_eq!(ids, ["A", "B"]);
    let requests = server.received_requests().await.expect("recorded");
    assert!(
        requests
            .iter()
            .all(|request| request.headers.contains_key("ms-requestid")),
        "the shared policy file adds Partner Center's context headers"
    );
}

#[test]
fn every_valid_shared_payload_round_trips_through_build_time_models() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let files = payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    let valid: Vec<_> = files.iter().filter(|file| !file.invalid).collect();
    let failures: Vec<String> = valid
        .iter()
        .filter_map(|file| {
            let text = std::str::from_utf8(&file.bytes).map_err(|error| error.to_string());
            text.and_then(|text| (file.model.build_time_codec().roundtrip)(text))
                .err()
                .map(|problem| format!("{} as {:?}: {problem}", file.name, file.model))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(valid.len(), 37, "the shared material has 37 valid payloads");
}

#[test]
fn own_fixtures_round_trip_through_build_time_models() {
    let dir = golden_tests::fixtures::fixtures_dir();
    let mut checked = 0;
    for fixture in golden_tests::fixtures::FIXTURES {
        let text = std::fs::read_to_string(dir.join(fixture.file))
            .unwrap_or_else(|error| panic!("{}: {error}", fixture.file));
        if let Err(problem) = (fixture.build_time_codec.roundtrip)(&text) {
            panic!("{} as {}: {problem}", fixture.file, fixture.schema);
        }
        checked += 1;
    }
    assert!(checked > 0, "no fixtures found");
}
