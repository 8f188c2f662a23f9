//! Compiles the models of 3.1 components that are `anyOf: [X, {type: null}]` and checks that
//! each takes `null` at the top level, in a required property (through a `$ref` with a
//! description) and in lists and maps, and writes it back.
#[path = "models.rs"]
mod models;

use models::{Level, Metadata, Run, Usage, Usage2};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> T {
    let value: T = serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    assert_eq!(serde_json::to_string(&value).expect("encodes"), text);
    value
}

fn main() {
    assert_eq!(round_trip::<Metadata>("null"), None);
    assert_eq!(round_trip::<Metadata>(r#"{"a":"b"}"#).map(|map| map.len()), Some(1));
    assert_eq!(round_trip::<Usage>("null"), None, "a nullable object component takes null");
    let usage: Usage = round_trip(r#"{"tokens":12}"#);
    assert_eq!(usage.map(|usage: Usage2| usage.tokens), Some(12));
    assert_eq!(round_trip::<Level>("null"), None);

    let run: Run = round_trip(
        r#"{"metadata":null,"usage":null,"level":null,"steps":[{"tokens":1},null],"notes":{"a":null,"b":"x"}}"#,
    );
    assert_eq!(run.metadata, None, "a required reference with a description takes null");
    assert_eq!(run.usage, None);
    assert_eq!(run.steps.as_ref().map(|steps| steps[1].is_none()), Some(true));
    assert_eq!(run.notes.as_ref().and_then(|notes| notes.get("a")), Some(&None));
    let run: Run = round_trip(r#"{"usage":{"tokens":3},"metadata":{}}"#);
    assert_eq!(run.usage.map(|usage| usage.tokens), Some(3));
    assert_eq!(run.level, None);
    let missing = serde_json::from_str::<Run>(r#"{"level":1}"#).map(|run| run.metadata);
    assert_eq!(missing.expect("a nullable required property may be absent"), None);
}
