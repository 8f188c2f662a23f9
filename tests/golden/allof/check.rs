//! Compiles an allOf merged into one struct and a single-element allOf kept as an alias.
#[path = "models.rs"]
mod models;

fn main() {
    let pet: models::Pet = serde_json::from_str(r#"{"id":7,"name":"Rex"}"#).expect("decodes");
    assert_eq!((pet.id, pet.name.as_str()), (7, "Rex"));
    let wrapped: models::Wrapped = serde_json::from_str(r#"{"name":"Tom"}"#).expect("decodes");
    let _: &models::NewPet = &wrapped;
    assert!(serde_json::from_str::<models::Pet>(r#"{"name":"Rex"}"#).is_err());
}
