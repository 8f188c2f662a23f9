//! Property: whatever JSON a model accepts, it writes back as the same JSON value; nothing panics.
//!
//! Inputs are random documents built from the spec's own vocabulary (property names, in other
//! cases too, and enum values) plus arbitrary keys and values, and byte-level mutations of real
//! payloads. A fixed seed per case keeps every run identical; `PROPERTY_CASES` raises the count.

use std::collections::BTreeSet;

use partner_models as pm;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A property check for one model: `Err` only when a decoded document does not write back as it came.
type Check = fn(&[u8]) -> Result<(), String>;

/// Decodes `input`; when the model accepts it, re-encodes and compares with the input's JSON value.
fn property<T: DeserializeOwned + Serialize>(input: &[u8]) -> Result<(), String> {
    let Ok(model) = pm::from_slice::<T>(input) else {
        return Ok(());
    };
    let written =
        serde_json::to_value(&model).map_err(|error| format!("does not encode: {error}"))?;
    let text = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let expected: Value =
        serde_json::from_slice(text).map_err(|error| format!("accepted invalid json: {error}"))?;
    match golden_tests::first_difference(&expected, &written, String::new()) {
        None => Ok(()),
        Some(difference) => Err(difference),
    }
}

const MODELS: &[(&str, Check)] = &[
    ("Offer", property::<pm::Offer>),
    ("OfferCollection", property::<pm::OfferCollection>),
    ("OfferCategory", property::<pm::OfferCategory>),
    ("Product", property::<pm::Product>),
    ("ProductCollection", property::<pm::ProductCollection>),
    ("Sku", property::<pm::Sku>),
    ("SkuCollection", property::<pm::SkuCollection>),
    ("Availability", property::<pm::Availability>),
    (
        "AvailabilityCollection",
        property::<pm::AvailabilityCollection>,
    ),
    (
        "InventoryCheckRequest",
        property::<pm::InventoryCheckRequest>,
    ),
    ("InventoryItems", property::<Vec<pm::InventoryItem>>),
    ("PartnerCenterError", property::<pm::PartnerCenterError>),
    ("ThrottlingError", property::<pm::ThrottlingError>),
    ("Link", property::<pm::Link>),
    ("UpgradeCollection", property::<pm::UpgradeCollection>),
];

/// Property names and enum values of the spec, to aim random documents at the models.
struct Vocabulary {
    keys: Vec<String>,
    values: Vec<String>,
}

fn vocabulary() -> Vocabulary {
    let path = golden_tests::workspace_root().join("spec/partner-center.yaml");
    let spec = codegen::spec::load(&path).unwrap_or_else(|error| panic!("{error}"));
    let spec = serde_json::to_value(&spec.document).expect("the document serializes");
    let mut keys = BTreeSet::new();
    let mut values = BTreeSet::new();
    for schema in spec["components"]["schemas"]
        .as_object()
        .expect("schemas")
        .values()
    {
        keys.extend(
            schema["properties"]
                .as_object()
                .into_iter()
                .flat_map(|properties| properties.keys().cloned()),
        );
        values.extend(
            schema["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|value| value.as_str().map(str::to_owned)),
        );
    }
    Vocabulary {
        keys: keys.into_iter().collect(),
        values: values.into_iter().collect(),
    }
}

/// Builds random JSON from a seeded generator.
struct Generator<'v> {
    rng: fastrand::Rng,
    vocabulary: &'v Vocabulary,
}

impl Generator<'_> {
    fn key(&mut self) -> String {
        let known = &self.vocabulary.keys[self.rng.usize(..self.vocabulary.keys.len())];
        match self.rng.u8(..20) {
            0..=12 => known.clone(),
            13..=14 => known.to_uppercase(),
            15 => known.to_lowercase(),
            16 => format!("{known}_"),
            _ => self.text(),
        }
    }

    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a", "Z", "_", " ", "\"", "\\", "\n", "é", "💡", "\u{0}", "/", "..", "null", "1",
        ];
        (0..self.rng.usize(0..6))
            .map(|_| PIECES[self.rng.usize(..PIECES.len())])
            .collect()
    }

    fn scalar(&mut self) -> Value {
        match self.rng.u8(..10) {
            0 => Value::Null,
            1 => Value::Bool(self.rng.bool()),
            2 => Value::from(self.rng.i64(-3..300)),
            3 => Value::from([i64::from(i32::MAX) + 1, i64::MIN, 999_999_999][self.rng.usize(..3)]),
            4 => Value::from(u64::MAX),
            5 => Value::from(self.rng.f64() * 1e6 - 5e5),
            6 | 7 => {
                let known = &self.vocabulary.values[self.rng.usize(..self.vocabulary.values.len())];
                Value::from(if self.rng.bool() {
                    known.clone()
                } else {
                    known.to_uppercase().replace('_', "")
                })
            }
            _ => Value::from(self.text()),
        }
    }

    fn value(&mut self, depth: usize) -> Value {
        if depth > 5 {
            return self.scalar();
        }
        match self.rng.u8(..10) {
            0..=4 => self.scalar(),
            5 | 6 => Value::Array(
                (0..self.rng.usize(0..4))
                    .map(|_| self.value(depth + 1))
                    .collect(),
            ),
            _ => self.object(depth + 1),
        }
    }

    fn object(&mut self, depth: usize) -> Value {
        let mut object = Map::new();
        for _ in 0..self.rng.usize(0..8) {
            let key = self.key();
            let value = self.value(depth);
            object.insert(key, value);
        }
        Value::Object(object)
    }

    /// A document: usually an object (what models read), sometimes an array or a scalar.
    fn document(&mut self) -> Vec<u8> {
        let value = match self.rng.u8(..10) {
            0 => Value::Array((0..self.rng.usize(0..4)).map(|_| self.object(1)).collect()),
            1 => self.scalar(),
            _ => {
                let mut root = self.object(0);
                if self.rng.bool() {
                    let items = (0..self.rng.usize(0..4)).map(|_| self.object(2)).collect();
                    root["items"] = Value::Array(items);
                }
                root
            }
        };
        if self.rng.bool() {
            serde_json::to_vec_pretty(&value).expect("encodes")
        } else {
            serde_json::to_vec(&value).expect("encodes")
        }
    }

    /// `body` with a few random bytes flipped, inserted, removed, or the end cut off.
    fn mutate(&mut self, body: &[u8]) -> Vec<u8> {
        let mut bytes = body.to_vec();
        for _ in 0..self.rng.usize(1..4) {
            if bytes.is_empty() {
                break;
            }
            let at = self.rng.usize(..bytes.len());
            match self.rng.u8(..4) {
                0 => bytes[at] = self.rng.u8(..),
                1 => bytes.insert(at, b"{}[]\",:0e-"[self.rng.usize(..10)]),
                2 => {
                    bytes.remove(at);
                }
                _ => bytes.truncate(at),
            }
        }
        bytes
    }
}

fn cases() -> usize {
    std::env::var("PROPERTY_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(1500)
}

fn check_all(input: &[u8], label: &str, failures: &mut Vec<String>) {
    for (name, check) in MODELS {
        if let Err(problem) = check(input) {
            failures.push(format!(
                "{label} as {name}: {problem}\n  input: {}",
                String::from_utf8_lossy(input)
            ));
        }
    }
}

#[test]
fn random_documents_round_trip_whenever_accepted() {
    let vocabulary = vocabulary();
    let mut failures = Vec::new();
    for case in 0..cases() {
        let mut generator = Generator {
            rng: fastrand::Rng::with_seed(case as u64),
            vocabulary: &vocabulary,
        };
        let document = generator.document();
        check_all(&document, &format!("case {case}"), &mut failures);
    }
    failures.truncate(10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mutated_payloads_never_panic_and_round_trip_whenever_accepted() {
    let vocabulary = vocabulary();
    let mut bodies: Vec<(String, Vec<u8>)> = Vec::new();
    let fixtures = golden_tests::workspace_root().join("tests/fixtures/models");
    for entry in std::fs::read_dir(&fixtures).expect("the fixtures are listable") {
        let path = entry.expect("a readable entry").path();
        bodies.push((
            path.display().to_string(),
            std::fs::read(&path).expect("a readable fixture"),
        ));
    }
    if let Some(dir) = golden_tests::shared_dir("payloads") {
        let files =
            golden_tests::payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
        bodies.extend(
            files
                .into_iter()
                .filter(|file| file.bytes.len() < 100_000)
                .map(|file| (file.name, file.bytes)),
        );
    }
    bodies.sort();
    let mut failures = Vec::new();
    for case in 0..cases() {
        let mut generator = Generator {
            rng: fastrand::Rng::with_seed(u64::MAX - case as u64),
            vocabulary: &vocabulary,
        };
        let (name, body) = &bodies[case % bodies.len()];
        let mutated = generator.mutate(body);
        check_all(
            &mutated,
            &format!("mutation {case} of {name}"),
            &mut failures,
        );
    }
    failures.truncate(10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn deep_nesting_never_overflows_the_stack() {
    let unknown_at = |depth: usize| {
        format!(
            r#"{{"id":"x","zzDeep":{}1{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    let subtypes_at = |depth: usize| {
        format!(
            r#"{{"id":"p","productType":{}{{}}{}}}"#,
            r#"{"subType":"#.repeat(depth),
            "}".repeat(depth)
        )
    };
    for depth in [64, 127, 128, 200, 10_000, 100_000] {
        // An unknown value is captured as raw text without recursing, so any depth is kept
        // exactly (in memory linear in its size) and written back without recursing either.
        let body = unknown_at(depth);
        let offer = pm::from_str::<pm::Offer>(&body)
            .unwrap_or_else(|error| panic!("depth {depth}: {error}"));
        assert_eq!(serde_json::to_string(&offer).expect("encodes"), body);
        // Typed nesting recurses, and serde_json's recursion limit stops it.
        let subtypes = pm::from_str::<pm::Product>(&subtypes_at(depth));
        if depth <= 64 {
            assert!(subtypes.is_ok(), "typed depth {depth} is accepted");
        }
        if depth >= 200 {
            let error = subtypes.expect_err("too deep").to_string();
            assert!(error.contains("recursion limit exceeded"), "{error}");
        }
    }
}
