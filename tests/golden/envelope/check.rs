//! Compiles the generic envelope and checks that its aliases decode their own item types.
#[path = "models.rs"]
mod models;

fn main() {
    let json = r#"{"total":1,"items":[{"name":"Tom","indoor":true}],"links":{"next":"/cats?page=2"},"cursor":"x"}"#;
    let page: models::CatPage = serde_json::from_str(json).expect("decodes");
    let _: &models::Page<models::Cat> = &page;
    assert_eq!(page.items[0].name.as_deref(), Some("Tom"));
    assert_eq!(serde_json::to_value(&page).expect("encodes"), serde_json::from_str::<serde_json::Value>(json).expect("json"));
    let dogs: models::DogPage = serde_json::from_str(r#"{"items":[]}"#).expect("decodes");
    assert!(dogs.items.is_empty());
    let generic: models::Page<serde_json::Value> = serde_json::from_str(r#"{"items":[1,"a"]}"#).expect("decodes");
    assert_eq!(generic.items.len(), 2);
}
