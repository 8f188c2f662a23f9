//! Compiles inline objects, enums, string maps and free-form values, and round-trips them.
#[path = "models.rs"]
mod models;

fn main() {
    let json = r#"{"status":"shipped","address":{"city":"Oslo"},"lines":[{"sku":"A","quantity":2}],"labels":{"gift":"yes"},"attributes":{"n":1,"b":[true]},"anything":[1,{"x":null}]}"#;
    let order: models::Order = serde_json::from_str(json).expect("decodes");
    assert_eq!(order.status, Some(models::OrderStatus::Shipped));
    assert_eq!(order.address.as_ref().and_then(|address| address.city.as_deref()), Some("Oslo"));
    let lines: &Vec<models::OrderLinesItem> = order.lines.as_ref().expect("lines");
    assert_eq!(lines[0].quantity, Some(2));
    assert_eq!(order.labels.as_ref().and_then(|labels| labels.get("gift")).map(String::as_str), Some("yes"));
    assert_eq!(serde_json::to_value(&order).expect("encodes"), serde_json::from_str::<serde_json::Value>(json).expect("json"));
}
