//! Compiles the models of every numeric and string format and checks that the widest values and
//! the exact texts survive a round trip.
#[path = "models.rs"]
mod models;

fn main() {
    let json = r#"{"small":-2147483648,"large":-9223372036854775808,"count":4294967295,"total":18446744073709551615,"plain":9007199254740993,"ratio":0.1,"exact":3.141592653589793,"at":"2024-02-29T23:59:60.5+01:00","day":"2024-02-29","id":"8BDBB60B-E526-43E9-92EF-AB760C8E0B72","blob":"AAEC/w=="}"#;
    let reading: models::Reading = serde_json::from_str(json).expect("decodes");
    assert_eq!(reading.total, u64::MAX, "uint64 holds values past i64::MAX");
    assert_eq!(reading.count, Some(u32::MAX));
    assert_eq!(reading.small, Some(i32::MIN));
    assert_eq!(reading.large, Some(i64::MIN));
    let back: serde_json::Value = serde_json::to_value(&reading).expect("encodes");
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).expect("json"));
    assert_eq!(serde_json::to_string(&reading).expect("encodes"), json, "the same text, byte for byte");
    let negative = serde_json::from_str::<models::Reading>(r#"{"total":-1}"#).expect_err("uint64 is never negative");
    assert!(negative.to_string().contains("invalid value"), "{negative}");
}
