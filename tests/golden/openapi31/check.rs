//! Compiles the models of an OpenAPI 3.1 spec and checks that what 3.1 spells its own way (type
//! lists, `const`, `$ref` beside a description, `prefixItems`, `$defs`, `$recursiveRef`,
//! `$dynamicRef`) round-trips, and that webhook and callback payloads decode into their types.
#[path = "models.rs"]
mod models;

use models::{Bed, Edging, Plant, PlantKind, PlantTag, WatchPlantsCallback, Webhook};

fn main() {
    let json = r#"{"kind":"plant","name":"Fern","nickname":null,"height":12.5,"tag":7,"position":[3,4],"photo":"iVBORw==","sensor":{"id":"s1","battery":100},"watered":{"at":"2026-08-01T07:00:00Z","litres":null},"retired":null}"#;
    let plant: Plant = serde_json::from_str(json).expect("decodes");
    assert_eq!(plant.kind, PlantKind::Plant, "`const` is a one-value enum");
    assert_eq!(plant.nickname, None, "`type: [string, null]` is an optional string");
    assert_eq!(plant.tag, Some(PlantTag::Integer(7)), "a list of types is a union");
    assert_eq!(plant.position, Some(vec![3, 4]), "same `prefixItems` are typed items");
    assert_eq!(plant.sensor.as_ref().and_then(|sensor| sensor.battery), Some(100));
    assert_eq!(plant.watered.as_ref().and_then(|watered| watered.litres), None);
    assert_eq!(serde_json::to_string(&plant).expect("encodes"), json, "the same text, byte for byte");
    let coded: Plant = serde_json::from_str(r#"{"kind":"plant","name":"Basil","tag":"B-12"}"#).expect("decodes");
    assert_eq!(coded.tag, Some(PlantTag::String("B-12".into())));
    let unlisted = r#"{"kind":"plant","name":"Fern","tag":true}"#;
    let kept: Plant = serde_json::from_str(unlisted).expect("decodes");
    assert!(matches!(kept.tag, Some(PlantTag::Other(_))), "a value no type accepts is kept");
    assert_eq!(serde_json::to_string(&kept).expect("encodes"), unlisted);
    let beds = r#"{"beds":[{"beds":[],"border":{"material":"brick"}}],"plants":[]}"#;
    let bed: Bed = serde_json::from_str(beds).expect("decodes");
    let inner: &Bed = &bed.beds.as_ref().expect("beds")[0];
    assert_eq!(inner.beds, Some(vec![]), "`$recursiveRef: \"#\"` is the bed itself");
    let border: Option<&Edging> = inner.border.as_ref();
    assert_eq!(border.and_then(|edging| edging.material.as_deref()), Some("brick"), "`$dynamicRef` is the anchored schema");
    assert_eq!(serde_json::to_string(&bed).expect("encodes"), beds);

    let low = r#"{"kind":"sensor.low","sensor":{"id":"s1","battery":3},"at":"dawn"}"#;
    let event: Webhook = serde_json::from_str(low).expect("decodes");
    let Webhook::SensorLow(payload) = &event else { panic!("told apart by `kind`: {event:?}") };
    assert_eq!(payload.sensor.battery, Some(3));
    assert_eq!(serde_json::to_string(&event).expect("encodes"), low, "an unknown field is kept");
    let added: Webhook = serde_json::from_str(r#"{"kind":"plant","name":"Fern"}"#).expect("decodes");
    assert!(matches!(&added, Webhook::PlantAdded(plant) if plant.name == "Fern"), "{added:?}");
    let later = r#"{"kind":"plant.moved","bed":2}"#;
    let unknown: Webhook = serde_json::from_str(later).expect("decodes");
    assert!(matches!(unknown, Webhook::Other(_)), "a webhook the spec does not list is kept");
    assert_eq!(serde_json::to_string(&unknown).expect("encodes"), later);
    let watered: WatchPlantsCallback = serde_json::from_str(r#"{"plant":"Fern","litres":null}"#).expect("decodes");
    assert_eq!((watered.plant.as_str(), watered.litres), ("Fern", None));
}
