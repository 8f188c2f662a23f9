//! The derive on unions and on integer and boolean enums: the variant chosen, the catch-all,
//! and byte-exact round trips.

use codegen_runtime::{Extra, Lossless, OrderedMap, OtherValue, RawJson, from_str};

/// A card.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Card {
    object: String,
    brand: String,
    last4: Option<String>,
    extra: Extra,
}

/// A bank account.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct BankAccount {
    object: String,
    bank_name: Option<String>,
    routing_number: Option<String>,
    extra: Extra,
}

/// A payment source, tagged by `object`.
#[derive(Clone, Debug, PartialEq, Lossless)]
#[lossless(tag = "object")]
enum Source {
    #[lossless(tag = "card")]
    Card(Box<Card>),
    #[lossless(tag = "bank_account", tag = "bank")]
    BankAccount(Box<BankAccount>),
    #[lossless(other)]
    Other(RawJson),
}

/// A customer id, or the expanded customer.
#[derive(Clone, Debug, PartialEq, Lossless)]
enum CustomerOrId {
    Id(String),
    Customer(Box<Customer>),
    #[lossless(other)]
    Other(RawJson),
}

/// A customer.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Customer {
    id: String,
    email: Option<String>,
    sources: Option<Vec<Source>>,
    extra: Extra,
}

/// A size: one of a few integers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Lossless)]
enum Size {
    #[lossless(value = 512)]
    Small,
    #[lossless(value = 4096)]
    Large,
    #[lossless(value = -1)]
    Unlimited,
    #[lossless(other)]
    Other(OtherValue),
}

/// Only `true`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Lossless)]
enum Yes {
    #[lossless(value = true)]
    True,
    #[lossless(other)]
    Other(OtherValue),
}

/// An untagged union where the fields decide: the variant with the most known keys wins.
#[derive(Clone, Debug, PartialEq, Lossless)]
enum Shape {
    Circle(Circle),
    Rect(Rect),
    Number(f64),
    Count(i64),
    Size(Size),
    #[lossless(other)]
    Other(RawJson),
}

/// A circle.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Circle {
    radius: f64,
    label: Option<String>,
    extra: Extra,
}

/// A rectangle.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Rect {
    width: f64,
    height: f64,
    label: Option<String>,
    extra: Extra,
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> T {
    let value: T = from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    assert_eq!(serde_json::to_string(&value).expect("encodes"), text);
    value
}

#[test]
fn a_tagged_union_reads_the_variant_its_tag_names() {
    let card: Source = round_trip(r#"{"object":"card","brand":"visa","last4":"4242","x":1}"#);
    let Source::Card(card) = card else {
        panic!("expected a card, got {card:?}");
    };
    assert_eq!(card.brand, "visa");
    assert_eq!(card.extra.get("x").map(RawJson::get), Some("1"));
    assert!(matches!(
        round_trip::<Source>(r#"{"object":"bank","bank_name":"B"}"#),
        Source::BankAccount(_)
    ));
}

#[test]
fn a_tagged_union_keeps_unknown_tags_and_bodies_its_variant_refuses() {
    for text in [
        r#"{"object":"wallet","id":7}"#,
        r#"{"object":"card"}"#,
        r#"{"brand":"visa"}"#,
        r#"[1,2]"#,
        r#""card""#,
    ] {
        let source: Source = round_trip(text);
        assert!(matches!(source, Source::Other(_)), "{text}: {source:?}");
    }
}

#[test]
fn an_untagged_union_picks_by_kind_then_by_keys() {
    assert_eq!(
        round_trip::<CustomerOrId>(r#""cus_1""#),
        CustomerOrId::Id("cus_1".into())
    );
    let expanded: CustomerOrId = round_trip(
        r#"{"id":"cus_1","email":null,"sources":[{"object":"card","brand":"amex"},{"object":"x"}]}"#,
    );
    let CustomerOrId::Customer(customer) = expanded else {
        panic!("expected a customer");
    };
    let sources = customer.sources.expect("sources");
    assert!(matches!(sources[0], Source::Card(_)));
    assert!(matches!(sources[1], Source::Other(_)));
    assert!(matches!(
        round_trip::<CustomerOrId>("17"),
        CustomerOrId::Other(_)
    ));
    assert!(matches!(
        round_trip::<CustomerOrId>(r#"{"email":"no id"}"#),
        CustomerOrId::Other(_)
    ));
}

#[test]
fn required_keys_and_known_keys_decide_between_objects() {
    assert!(matches!(
        round_trip::<Shape>(r#"{"width":1.5,"height":2.5,"label":"r"}"#),
        Shape::Rect(_)
    ));
    assert!(matches!(
        round_trip::<Shape>(r#"{"radius":1.5,"label":"c"}"#),
        Shape::Circle(_)
    ));
    assert!(matches!(
        round_trip::<Shape>(r#"{"radius":2.5,"width":1}"#),
        Shape::Circle(_)
    ));
    assert!(matches!(round_trip::<Shape>("2.5"), Shape::Number(_)));
    assert!(matches!(
        round_trip::<Shape>("512"),
        Shape::Size(Size::Small)
    ));
    assert!(matches!(round_trip::<Shape>("513"), Shape::Count(513)));
    assert!(matches!(round_trip::<Shape>("null"), Shape::Other(_)));
}

#[test]
fn integer_and_boolean_enums_keep_unlisted_values_exactly() {
    assert_eq!(round_trip::<Size>("4096"), Size::Large);
    assert_eq!(round_trip::<Size>("-1"), Size::Unlimited);
    assert_eq!(round_trip::<Size>("512").to_string(), "512");
    for text in ["1024", "512.0", "5.12e2", r#""512""#, "null"] {
        let size: Size = round_trip(text);
        assert!(matches!(size, Size::Other(_)), "{text}: {size:?}");
    }
    assert_eq!(round_trip::<Yes>("true"), Yes::True);
    assert!(matches!(round_trip::<Yes>("false"), Yes::Other(_)));
    assert_eq!(round_trip::<Yes>("false").to_string(), "false");
}

#[test]
fn unions_and_literal_enums_write_what_they_hold() {
    let card = Source::Card(Box::new(Card {
        object: "card".into(),
        brand: "visa".into(),
        last4: None,
        extra: Extra::default(),
    }));
    assert_eq!(
        serde_json::to_string(&card).expect("encodes"),
        r#"{"object":"card","brand":"visa"}"#
    );
    assert_eq!(
        serde_json::to_string(&Size::Large).expect("encodes"),
        "4096"
    );
    assert_eq!(serde_json::to_string(&Yes::True).expect("encodes"), "true");
}

/// A filter operand: text, a number, or a list of numbers.
#[derive(Clone, Debug, PartialEq, Lossless)]
enum Operand {
    Text(String),
    Number(f64),
    Numbers(Vec<f64>),
    Weights(OrderedMap<f64>),
    #[lossless(other)]
    Other(RawJson),
}

/// A factor: `auto`, a single-precision number, or a nullable one in a box.
#[derive(Clone, Debug, PartialEq, Lossless)]
enum Factor {
    Auto(String),
    Value(f32),
    #[lossless(other)]
    Other(RawJson),
}

/// A comparison whose operand is a union.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Comparison {
    key: String,
    value: Operand,
    alternatives: Option<Vec<Operand>>,
    extra: Extra,
}

fn encode<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("encodes")
}

#[test]
fn a_number_variant_writes_back_the_integer_it_read() {
    for text in ["5", "-7", "0", "9007199254740992", "-9007199254740992"] {
        let operand: Operand = round_trip(text);
        assert!(matches!(operand, Operand::Number(_)), "{text}: {operand:?}");
    }
    assert_eq!(round_trip::<Operand>("5"), Operand::Number(5.0));
    for text in ["1.5", "-0.25", "-0.0", "1e-7", "1.7976931348623157e+308"] {
        let operand: Operand = round_trip(text);
        assert!(matches!(operand, Operand::Number(_)), "{text}: {operand:?}");
    }
    round_trip::<Comparison>(r#"{"key":"k","value":5,"alternatives":[1,2.5,"x",[3,4.5]]}"#);
    let numbers: Operand = round_trip("[5,-1,0.5]");
    assert_eq!(numbers, Operand::Numbers(vec![5.0, -1.0, 0.5]));
    // A map keeps its own memory: `5.0` stays a float there.
    let weights: Operand = round_trip(r#"{"a":5,"b":5.0,"c":0.5}"#);
    assert!(matches!(weights, Operand::Weights(_)), "{weights:?}");
    assert_eq!(round_trip::<Factor>("3"), Factor::Value(3.0));
    assert_eq!(round_trip::<Factor>("0.1"), Factor::Value(0.1));
}

#[test]
fn a_number_variant_takes_only_what_it_writes_back_the_same() {
    // Each of these would come back spelled otherwise from an `f64`: they stay raw.
    for text in [
        "5.0",
        "1e3",
        "1.50",
        "-0",
        "1.7976931348623157e308",
        "9007199254740993",
        "[5.0]",
        "[1,2E1]",
    ] {
        let operand: Operand = round_trip(text);
        assert!(matches!(operand, Operand::Other(_)), "{text}: {operand:?}");
    }
    for text in ["16777217", "1e-50", "0.30000000000000004"] {
        let factor: Factor = round_trip(text);
        assert!(matches!(factor, Factor::Other(_)), "{text}: {factor:?}");
    }
}

#[test]
fn a_number_variant_writes_an_integral_value_as_an_integer() {
    assert_eq!(encode(&Operand::Number(6.0)), "6");
    assert_eq!(encode(&Operand::Number(-6.0)), "-6");
    assert_eq!(encode(&Operand::Number(2.5)), "2.5");
    assert_eq!(encode(&Operand::Number(-0.0)), "-0.0");
    assert_eq!(encode(&Operand::Number(1e300)), "1e+300");
    assert_eq!(
        encode(&Operand::Number(9_007_199_254_740_994.0)),
        "9007199254740994.0"
    );
    assert_eq!(encode(&Operand::Numbers(vec![1.0, 0.5])), "[1,0.5]");
    assert_eq!(encode(&Factor::Value(4.0)), "4");
}
