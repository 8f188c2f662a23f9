//! Compiles `allOf`s of a union and objects, distributed over the union, and checks the variant
//! each value becomes, the catch-all, and that every value is written back byte for byte.
#[path = "models.rs"]
mod models;

use models::{Charge, Event, Label, Receipt, ReceiptPayment};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> T {
    let value: T = serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    assert_eq!(serde_json::to_string(&value).expect("encodes"), text);
    value
}

fn main() {
    // A discriminated `oneOf` with a `mapping`: still tagged, each variant with the `lane`.
    let Event::Created(created) = round_trip::<Event>(r#"{"type":"created","id":"x","lane":"l1"}"#)
    else {
        panic!("the mapping's `created` names `Created`");
    };
    assert_eq!((created.id.as_str(), created.lane.as_str()), ("x", "l1"));
    let Event::Deleted(deleted) =
        round_trip::<Event>(r#"{"lane":"l2","type":"gone","id":"y","permanent":true,"seen":1}"#)
    else {
        panic!("the mapping's `gone` names `Deleted`");
    };
    assert_eq!(deleted.permanent, Some(true));
    assert_eq!(deleted.extra.get("seen").map(|raw| raw.get()), Some("1"));
    assert!(
        matches!(round_trip::<Event>(r#"{"type":"created","id":"x"}"#), Event::Other(_)),
        "the `lane` every form requires is missing"
    );
    assert!(
        matches!(round_trip::<Event>(r#"{"type":"Created","id":"x","lane":"l1"}"#), Event::Other(_)),
        "a component key the mapping replaces is no tag"
    );

    // An `anyOf` through a `$ref`, read by fit, the object part first.
    let Charge::Card(card) = round_trip::<Charge>(r#"{"amount":5,"currency":"eur","number":"4242"}"#)
    else {
        panic!("a card number makes a card");
    };
    assert_eq!((card.amount, card.number.as_str()), (5, "4242"));
    assert!(matches!(
        round_trip::<Charge>(r#"{"iban":"DE00","amount":7,"currency":"chf"}"#),
        Charge::Transfer(transfer) if transfer.amount == 7 && transfer.iban == "DE00"
    ));
    assert!(
        matches!(round_trip::<Charge>(r#"{"iban":"DE00"}"#), Charge::Other(_)),
        "the `amount` every form requires is missing"
    );

    // The same union inline in a property, with the property's own object part.
    let receipt: Receipt = round_trip(r#"{"payment":{"iban":"FR00","receipt_number":3}}"#);
    assert!(matches!(
        receipt.payment,
        Some(ReceiptPayment::Transfer(transfer)) if transfer.receipt_number == 3
    ));

    // A branch that is a string cannot be merged with an object: the value stays raw JSON.
    let label: Label = round_trip(r#"{"number":"4242","color":"red"}"#);
    assert_eq!(label.get(), r#"{"number":"4242","color":"red"}"#);
    let _: Label = round_trip(r#""a text""#);
}
