//! Compiles self- and mutually-recursive types (boxed where needed) and decodes a chain.
#[path = "models.rs"]
mod models;

fn main() {
    let json = r#"{"id":"a","subKind":{"id":"b","subKind":{"id":"c"}},"related":[{"id":"d"}]}"#;
    let kind: models::Kind = serde_json::from_str(json).expect("decodes");
    let depth2 = kind.sub_kind.as_ref().and_then(|kind| kind.sub_kind.as_ref());
    assert_eq!(depth2.and_then(|kind| kind.id.as_deref()), Some("c"));
    assert_eq!(serde_json::to_string(&kind).expect("encodes"), json);
    let left: models::Left = serde_json::from_str(r#"{"right":{"left":{}}}"#).expect("decodes");
    assert!(left.right.is_some());
}
