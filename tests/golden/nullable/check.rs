//! Compiles the models of nullable components, map values and list items and checks that each
//! takes `null` where the schema allows it and writes it back, absent and `null` kept apart.
#[path = "models.rs"]
mod models;

use models::{Count, Files, Labels, Readings, Report, SameScores, Scores, Tags};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> T {
    let value: T = serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    assert_eq!(serde_json::to_string(&value).expect("encodes"), text);
    value
}

fn main() {
    assert_eq!(round_trip::<Scores>("null"), None, "a nullable map component takes null");
    assert_eq!(round_trip::<Scores>(r#"{"ann":5,"bo":1.5}"#).map(|scores| scores.len()), Some(2));
    assert_eq!(round_trip::<SameScores>("null"), None, "so does an allOf wrapper of it");
    assert_eq!(round_trip::<Count>("null"), None);
    assert_eq!(round_trip::<Count>("7"), Some(7));
    assert_eq!(round_trip::<Tags>("null"), None);
    assert_eq!(round_trip::<Tags>(r#"["a"]"#), Some(vec!["a".to_owned()]));

    let labels: Labels = round_trip(r#"{"colour":"red","size":null}"#);
    assert_eq!(labels.get("size"), Some(&None), "a nullable map value takes null");
    let files: Files = round_trip(r#"{"a.txt":{"size":3},"gone.txt":null}"#);
    assert_eq!(files.get("gone.txt"), Some(&None));
    assert!(serde_json::from_str::<Files>(r#"{"a.txt":7}"#).is_err(), "a value must still be an object");

    let readings: Readings = round_trip(r#"{"values":[5,null,1.5],"counts":{"a":1,"b":null}}"#);
    assert_eq!(readings.values, Some(vec![Some(5.0), None, Some(1.5)]), "a nullable item takes null");
    assert_eq!(readings.counts.as_ref().and_then(|counts| counts.get("b")), Some(&None));

    // Required properties that refer to nullable components take null, and an optional one is
    // one `Option`: absent and null are both `None`, and each is written back as it came.
    let report: Report = round_trip(
        r#"{"scores":null,"count":null,"wrapped":null,"labels":{},"tags":null,"history":[3,null],"same":null}"#,
    );
    assert_eq!(report.scores, None);
    assert_eq!(report.count, None);
    assert_eq!(report.wrapped, None);
    assert_eq!(report.tags, None);
    assert_eq!(report.history, Some(vec![Some(3), None]));
    let absent: Report = round_trip(r#"{"scores":{"x":2},"count":4,"wrapped":{},"labels":{"k":null}}"#);
    assert_eq!(absent.count, Some(4));
    assert_eq!(absent.tags, None);
    let written = Report { count: Some(1), ..Report::default() };
    assert_eq!(serde_json::to_string(&written).expect("encodes"), r#"{"count":1,"labels":{}}"#);
    assert!(serde_json::from_str::<Report>(r#"{"scores":null,"count":null,"wrapped":null}"#).is_err(), "labels is required and not nullable");
}
