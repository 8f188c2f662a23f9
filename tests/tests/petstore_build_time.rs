//! Build-time generation for an API other than Partner Center: `petstore-build-time` generates
//! the petstore client in its `build.rs` (from the corpus, or its own spec when the corpus is
//! absent), and here it calls a loopback server with the runtime's standard policy.

use codegen_runtime::client::Error;
use petstore_build_time::{Client, NewPet};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn pet(id: i64, name: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "name": name, "tag": "dog", "chipped": true})
}

#[tokio::test]
async fn the_build_time_petstore_client_calls_every_operation() {
    eprintln!("generated from {}", petstore_build_time::SPEC);
    assert!(
        petstore_build_time::client::DEFAULT_BASE_URL.ends_with("/api"),
        "the spec's server: {}",
        petstore_build_time::client::DEFAULT_BASE_URL
    );
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/pets"))
        .and(query_param("tags", "dog"))
        .and(query_param("limit", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!([pet(1, "Rex"), pet(2, "Ace")])),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/pets"))
        .and(body_json(serde_json::json!({"name": "Bo"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(pet(3, "Bo")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/pets/3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(pet(3, "Bo")))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/pets/3"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/pets/9"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(serde_json::json!({"code": 404, "message": "no pet 9"})),
        )
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .build()
        .expect("the standard policy needs no token");
    let pets = client
        .find_pets()
        .tags(vec!["dog".to_owned()])
        .limit(2)
        .send()
        .await
        .expect("listed");
    let names: Vec<&str> = pets.iter().map(|pet| pet.name.as_str()).collect();
    assert_eq!(names, ["Rex", "Ace"]);
    assert_eq!(
        serde_json::to_value(&pets[0]).expect("serializes"),
        pet(1, "Rex"),
        "the unknown field `chipped` is kept"
    );

    let new = NewPet {
        name: "Bo".to_owned(),
        ..NewPet::default()
    };
    let added = client.add_pet(new).send().await.expect("added");
    assert_eq!(added.id, 3);
    let found = client.find_pet_by_id(3).send().await.expect("found");
    assert_eq!(found.name, "Bo");
    client.delete_pet(3).send().await.expect("deleted");

    let missing = client.find_pet_by_id(9).send().await.expect_err("404");
    let Error::Api { status, body, .. } = &missing else {
        panic!("{missing:?}");
    };
    assert_eq!(*status, 404);
    assert_eq!((body.code, body.message.as_str()), (404, "no pet 9"));
    assert!(missing.to_string().contains("no pet 9"), "{missing}");
}
