//! Compiles schemas whose names are keywords, symbols or prelude types, and checks the wire keys.
#[path = "models.rs"]
mod models;

fn main() {
    let json = r#"{"type":"t","self":"s","+1":1,"-1":2,"extra":"e","Parameter1.Name":"p","@timestamp":"now","$ref":"r"}"#;
    let option: models::OptionType = serde_json::from_str(json).expect("decodes");
    assert_eq!(option.type_.as_deref(), Some("t"));
    assert_eq!(option.self_.as_deref(), Some("s"));
    assert_eq!(option.extra2.as_deref(), Some("e"));
    assert!(option.extra.is_empty());
    assert_eq!(serde_json::to_value(&option).expect("encodes"), serde_json::from_str::<serde_json::Value>(json).expect("json"));
    let account: models::ApiV2010Account = serde_json::from_str(r#"{"sid":"AC1"}"#).expect("decodes");
    assert_eq!(account.sid.as_deref(), Some("AC1"));
    let marks: Vec<models::Marks> = serde_json::from_str(r#"["","1Year","hate/threatening","Other","other","new"]"#).expect("decodes");
    assert_eq!(marks[0], models::Marks::Empty);
    assert_eq!(marks[3], models::Marks::Other);
    assert_eq!(marks[4], models::Marks::Other2);
    assert!(matches!(marks[5], models::Marks::Unlisted(_)));
}
