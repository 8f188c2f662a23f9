//! Compiles the generated union and checks both of its forms and its catch-all.
#[path = "models.rs"]
mod models;

use models::{Code, Failure};

fn main() {
    let number: Failure = serde_json::from_str(r#"{"code":60012}"#).expect("decodes");
    assert_eq!(number.code, Some(Code::Integer(60012)));
    let text: Failure = serde_json::from_str(r#"{"code":"E1"}"#).expect("decodes");
    assert_eq!(text.code, Some(Code::String("E1".into())));
    assert_eq!(serde_json::to_string(&text).expect("encodes"), r#"{"code":"E1"}"#);
    let other: Failure = serde_json::from_str(r#"{"code":true}"#).expect("decodes");
    assert!(matches!(other.code, Some(Code::Other(_))), "kept in the catch-all");
    assert_eq!(serde_json::to_string(&other).expect("encodes"), r#"{"code":true}"#);
}
