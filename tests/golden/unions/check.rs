//! Compiles the generated unions and checks the variant each value becomes, the catch-all, and
//! that every value is written back byte for byte.
#[path = "models.rs"]
mod models;

use models::{Drawing, DrawingPartsItem, Event, Item, Owner, OwnerOrId, Pet, Shape};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> T {
    let value: T = serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    assert_eq!(serde_json::to_string(&value).expect("encodes"), text);
    value
}

fn main() {
    let owner: Owner = round_trip(
        r#"{"id":"o1","pets":[{"pet_type":"cat","name":"Tom","indoor":true},{"pet_type":"dog","name":"Rex","good":true,"tricks":3},{"pet_type":"parrot","name":"Polly"},{"pet_type":"dog","name":"No good field"}]}"#,
    );
    let pets = owner.pets.expect("pets");
    assert!(matches!(&pets[0], Pet::Cat(cat) if cat.indoor == Some(true)));
    let Pet::Dog(dog) = &pets[1] else {
        panic!("expected a dog, got {:?}", pets[1]);
    };
    assert_eq!(dog.extra.get("tricks").map(|raw| raw.get()), Some("3"));
    assert!(matches!(&pets[2], Pet::Other(_)), "an unlisted tag");
    assert!(matches!(&pets[3], Pet::Other(_)), "a dog without its required field");

    assert_eq!(round_trip::<OwnerOrId>(r#""o1""#), OwnerOrId::String("o1".into()));
    assert!(matches!(round_trip::<OwnerOrId>(r#"{"id":"o1"}"#), OwnerOrId::Owner(_)));
    assert!(matches!(round_trip::<OwnerOrId>("42"), OwnerOrId::Other(_)));

    let drawing: Drawing = round_trip(
        r#"{"owner":{"id":"o2","pets":[]},"parts":[{"kind":"circle","radius":1.5},"a label",[{"kind":"square","width":2.5,"height":2.5},{"kind":"hexagon"}],{"kind":"rect"},7]}"#,
    );
    assert!(matches!(drawing.owner, Some(OwnerOrId::Owner(_))));
    let parts = drawing.parts.expect("parts");
    assert!(matches!(&parts[0], DrawingPartsItem::Shape(shape) if matches!(**shape, Shape::Circle(_))));
    assert_eq!(parts[1], DrawingPartsItem::String("a label".into()));
    let DrawingPartsItem::List(group) = &parts[2] else {
        panic!("expected a group, got {:?}", parts[2]);
    };
    assert!(matches!(group[0], Shape::Rect(_)));
    assert!(matches!(group[1], Shape::Other(_)));
    assert!(
        matches!(&parts[3], DrawingPartsItem::Shape(shape) if matches!(**shape, Shape::Other(_))),
        "a rect without its sizes is still a shape, kept raw: {:?}",
        parts[3]
    );
    assert!(matches!(&parts[4], DrawingPartsItem::Other(_)));

    assert!(matches!(
        round_trip::<Event>(r#"{"type":"Deleted","id":"x","permanent":false}"#),
        Event::Deleted(_)
    ));
    assert!(matches!(round_trip::<Event>(r#"{"type":"created","id":"x"}"#), Event::Other(_)));

    let Item::MessageItem(message) = round_trip::<Item>(r#"{"type":"message","text":"hi"}"#) else {
        panic!("`type: message` is the branch that fixes it");
    };
    assert_eq!(message.text, "hi");
    assert!(matches!(
        round_trip::<Item>(r#"{"type":"tool_output","name":"search"}"#),
        Item::ToolCall(_)
    ));
    assert!(
        matches!(round_trip::<Item>(r#"{"type":"MessageItem","text":"hi"}"#), Item::Other(_)),
        "the component key is no tag of a branch that fixes its own"
    );
}
