//! The runtime on a real model: tight lists, keys that cannot be borrowed, and the two writers.

use partner_models::{Offer, SupportedBillingCycles};

fn offer_with_lists(length: usize) -> String {
    let actions: Vec<String> = (0..length).map(|n| format!("action{n}")).collect();
    let cycles: Vec<&str> = ["monthly", "annual"]
        .into_iter()
        .cycle()
        .take(length)
        .collect();
    serde_json::json!({ "actions": actions, "supportedBillingCycles": cycles }).to_string()
}

#[test]
fn lists_are_sized_to_their_length() {
    for length in 0..=12 {
        let text = offer_with_lists(length);
        let offer: Offer = serde_json::from_str(&text).expect("decodes");
        let actions = offer.actions.as_ref().expect("actions present");
        let cycles = offer
            .supported_billing_cycles
            .as_ref()
            .expect("cycles present");
        // Exact by construction up to three elements; beyond, `shrink_to_fit` on the global
        // allocator trims the capacity to the length.
        assert_eq!((actions.len(), actions.capacity()), (length, length));
        assert_eq!((cycles.len(), cycles.capacity()), (length, length));
        if length > 1 {
            assert_eq!(actions[length - 1], format!("action{}", length - 1));
            assert_eq!(cycles[1], SupportedBillingCycles::Annual);
        }
        assert_eq!(serde_json::to_string(&offer).expect("encodes"), text);
    }
}

#[test]
fn keys_that_cannot_be_borrowed_are_read_too() {
    let escaped = r#"{"\u0069d":"A","na\u006De":"B","ne\u0077":1,"Descr\u0069ption":"C"}"#;
    let offer: Offer = serde_json::from_str(escaped).expect("decodes");
    assert_eq!(offer.id.as_deref(), Some("A"));
    assert_eq!(offer.name.as_deref(), Some("B"));
    assert_eq!(offer.description.as_deref(), Some("C"));
    assert_eq!(offer.extra.get("new").map(|raw| raw.get()), Some("1"));
    assert_eq!(
        serde_json::to_string(&offer).expect("encodes"),
        r#"{"id":"A","name":"B","new":1,"Description":"C"}"#,
        "keys unescaped, in the order they arrived"
    );
    let from_reader: Offer =
        serde_json::from_reader(escaped.as_bytes()).expect("decodes from a reader");
    assert_eq!(from_reader, offer);
}

#[test]
fn the_pristine_and_the_remembering_writers_agree() {
    let canonical = r#"{"acquisitionType":"purchase","actions":["Cancel"],"category":{"id":"c","name":"n"},"supportedBillingCycles":["monthly"],"term":1}"#;
    let pristine: Offer = serde_json::from_str(canonical).expect("decodes");
    assert!(pristine.extra.is_pristine());
    let with_unknown = canonical.replacen('{', r#"{"later":1,"#, 1);
    let mut remembering: Offer = serde_json::from_str(&with_unknown).expect("decodes");
    assert!(!remembering.extra.is_pristine());
    assert_eq!(
        serde_json::to_string(&remembering).expect("encodes"),
        with_unknown,
        "the unknown field stays where it arrived"
    );
    remembering.extra.remove("later");
    assert!(!remembering.extra.is_pristine());
    assert_eq!(
        serde_json::to_string(&remembering).expect("encodes"),
        canonical
    );
    assert_eq!(
        serde_json::to_string(&pristine).expect("encodes"),
        canonical
    );
}
