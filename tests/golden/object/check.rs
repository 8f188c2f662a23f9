//! Compiles the generated models and checks that a pet round-trips, unknown fields included.
#[path = "models.rs"]
mod models;

fn main() {
    let json = r#"{"name":"Rex","age":3,"tags":null,"colour":"brown","chipped":true}"#;
    let pet: models::Pet = serde_json::from_str(json).expect("decodes");
    assert_eq!(pet.name, "Rex");
    assert_eq!(pet.age, Some(3));
    assert!(pet.tags.is_empty());
    assert_eq!(pet.extra.get("colour").map(|raw| raw.get()), Some("\"brown\""));
    let back: serde_json::Value = serde_json::to_value(&pet).expect("encodes");
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).expect("json"));
    let missing = serde_json::from_str::<models::Pet>(r#"{"tags":[]}"#).expect_err("name is required");
    assert!(missing.to_string().contains("missing field `name`"), "{missing}");
}
