//! Perturbed real payloads and own fixtures still decode and write back exactly what came in.
//!
//! Each valid shared payload (and each own fixture in `tests/fixtures/models`) is walked alongside
//! its schema (`golden_tests::perturb`), then perturbed in several ways, and every perturbed body
//! must decode and re-encode to the same JSON value:
//!
//! * `unknown-fields`: two undeclared keys (a nested value of every JSON type, and a string) in
//!   every model object; the decoded model must also hold them as unknown fields;
//! * `unlisted-text` / `unlisted-integer`: every enum value replaced by a string, then an integer,
//!   that no enum lists;
//! * `upper` / `pascal` / `lower` / `position`: every known enum value respelled (`ONE_TIME`,
//!   `OneTime`, `one_time`, or its `x-enum-positions` integer); the decoded model must also equal
//!   the unperturbed one in everything but the remembered spelling (equal `Debug` text);
//! * `nulls-present@N` / `nulls-declared@N`: the optional properties of the first model object at
//!   depth N set to `null` (those present, then every declared one);
//! * `bom`: the body behind a UTF-8 byte-order mark;
//! * `key-upper` / `key-pascal`: every declared key of every model object respelled (`ISADDON`,
//!   `IsAddOn`); the decoded model must also equal the unperturbed one (equal `Debug` text);
//! * `combined`: PascalCase enum values, unknown fields and upper-case keys in one body.
//!
//! Failures are collected over every body and perturbation and reported together, each with the
//! body, the perturbation and the JSON pointer or field path where it went wrong.

use std::collections::{BTreeMap, BTreeSet};

use golden_tests::codec::Codec;
use golden_tests::fixtures::{FIXTURES, fixtures_dir};
use golden_tests::perturb::{self, EnumSite, Schemas, Survey};
use serde_json::Value;

/// One body to perturb, with its schema and its typed decoder.
struct Subject {
    /// File name, for messages.
    name: String,
    /// The schema of the whole body, as JSON.
    schema: Value,
    /// The body as it is on disk.
    text: String,
    /// The body parsed as a JSON value.
    body: Value,
    /// The typed checks of its model.
    codec: Codec,
}

/// What one run over a set of subjects did and found.
#[derive(Default)]
struct Report {
    /// Bodies perturbed.
    subjects: usize,
    /// (body, perturbation) pairs run.
    runs: usize,
    /// Runs per kind of perturbation (the name without its `@depth` suffix).
    runs_by_kind: BTreeMap<String, usize>,
    /// Model objects that received unknown fields.
    objects: usize,
    /// Enum values replaced, over all enum perturbations.
    enum_values: usize,
    /// Properties set to `null`, over all null perturbations.
    nulls: usize,
    /// Keys respelled, over all key perturbations.
    keys: usize,
    /// Enum values found (each is replaced by several perturbations).
    enum_sites: usize,
    /// Component schemas of the model objects that received unknown fields.
    object_schemas: BTreeSet<String>,
    /// Enum schemas whose values were respelled.
    enum_schemas: BTreeSet<String>,
    /// Every failure, as `body / perturbation: problem`.
    failures: Vec<String>,
}

impl Report {
    /// Records the outcome of one perturbation of `subject`.
    fn record(&mut self, subject: &Subject, perturbation: &str, outcome: Result<(), String>) {
        self.runs += 1;
        let kind = perturbation.split('@').next().unwrap_or(perturbation);
        *self.runs_by_kind.entry(kind.to_owned()).or_default() += 1;
        if let Err(problem) = outcome {
            self.failures
                .push(format!("{} / {perturbation}: {problem}", subject.name));
        }
    }

    /// Panics with every failure when there is any.
    fn assert_clean(&self) {
        assert!(
            self.failures.is_empty(),
            "{} of {} perturbed round trips failed:\n{}",
            self.failures.len(),
            self.runs,
            self.failures.join("\n")
        );
    }

    /// One line of counts.
    fn summary(&self) -> String {
        format!(
            "{} bodies, {} perturbed round trips, {} model objects given unknown fields, \
             {} enum values found and {} replacements made, {} properties set to null, \
             {} keys respelled; runs by kind {:?}",
            self.subjects,
            self.runs,
            self.objects,
            self.enum_sites,
            self.enum_values,
            self.nulls,
            self.keys,
            self.runs_by_kind
        )
    }
}

/// Loads the spec and returns its OpenAPI document as JSON.
fn spec_document() -> Value {
    let path = golden_tests::workspace_root().join("spec/partner-center.yaml");
    let spec = codegen::spec::load(&path)
        .unwrap_or_else(|error| panic!("cannot load {}: {error}", path.display()));
    serde_json::to_value(&spec.document).expect("an OpenAPI document converts to JSON")
}

/// Serializes a JSON value to text.
fn text_of(value: &Value) -> String {
    serde_json::to_string(value).expect("a JSON value serializes")
}

/// Runs every perturbation over `subject`, recording outcomes and counts in `report`.
fn perturb_subject(schemas: &Schemas<'_>, subject: &Subject, report: &mut Report) {
    report.subjects += 1;
    let survey = schemas.survey(&subject.schema, &subject.body);
    report.enum_sites += survey.enums.len();
    for problem in &survey.problems {
        report
            .failures
            .push(format!("{} / survey: {problem}", subject.name));
    }
    report.record(
        subject,
        "baseline",
        (subject.codec.roundtrip)(&text_of(&subject.body)),
    );
    let baseline = match (subject.codec.debug)(&text_of(&subject.body)) {
        Ok(debug) => debug,
        Err(problem) => {
            report.record(subject, "baseline", Err(problem));
            return;
        }
    };
    unknown_fields(subject, &survey, report);
    unlisted_enum_values(subject, &survey, report);
    enum_spellings(subject, &survey, &baseline, report);
    explicit_nulls(subject, &survey, report);
    key_spellings(subject, &survey, &baseline, report);
    combined(subject, &survey, report);
    // Perturbation 5: a byte-order mark before the body as it is on disk.
    let mut with_bom = String::from('\u{feff}');
    with_bom.push_str(&subject.text);
    report.record(subject, "bom", (subject.codec.roundtrip)(&with_bom));
}

/// Perturbation 1: undeclared keys in every model object survive and land in `extra`.
fn unknown_fields(subject: &Subject, survey: &Survey, report: &mut Report) {
    let perturbed = match perturb::add_unknown_fields(&subject.body, survey) {
        Ok(perturbed) => perturbed,
        Err(problem) => return report.record(subject, "unknown-fields", Err(problem)),
    };
    report.objects += survey.objects.len();
    report
        .object_schemas
        .extend(survey.objects.iter().map(|object| object.schema.clone()));
    let text = text_of(&perturbed);
    let outcome = (subject.codec.roundtrip)(&text).and_then(|()| {
        let debug = (subject.codec.debug)(&text)?;
        let kept = debug
            .matches(&format!("{:?}", perturb::UNKNOWN_NESTED_KEY))
            .count();
        if kept == survey.objects.len() {
            Ok(())
        } else {
            Err(format!(
                "{} model objects got {}, but {kept} models hold it as an unknown field",
                survey.objects.len(),
                perturb::UNKNOWN_NESTED_KEY
            ))
        }
    });
    report.record(subject, "unknown-fields", outcome);
}

/// Perturbation 2: values no enum lists, as a string and as an integer, survive.
fn unlisted_enum_values(subject: &Subject, survey: &Survey, report: &mut Report) {
    let replacements = [
        ("unlisted-text", Value::from(perturb::UNLISTED_TEXT)),
        ("unlisted-integer", Value::from(perturb::UNLISTED_INTEGER)),
    ];
    for (name, replacement) in replacements {
        if let Some(site) = survey.enums.iter().find(|site| {
            site.positions.contains(&perturb::UNLISTED_INTEGER)
                || site
                    .listed
                    .iter()
                    .any(|listed| perturb::same_spelling(listed, perturb::UNLISTED_TEXT))
        }) {
            report.record(
                subject,
                name,
                Err(format!(
                    "{}: {} lists {replacement}",
                    site.pointer, site.schema
                )),
            );
            continue;
        }
        run_enum_perturbation(subject, survey, name, None, report, |_| {
            Some(replacement.clone())
        });
    }
}

/// Perturbation 3: known enum values respelled (or sent as their position) survive, and read as
/// the same known values.
fn enum_spellings(subject: &Subject, survey: &Survey, baseline: &str, report: &mut Report) {
    type Respell = fn(&str) -> String;
    let spellings: [(&str, Respell); 3] = [
        ("upper", perturb::upper),
        ("pascal", perturb::pascal),
        ("lower", perturb::lower),
    ];
    for (name, respell) in spellings {
        run_enum_perturbation(subject, survey, name, Some(baseline), report, |site| {
            site.known
                .as_deref()
                .map(|known| Value::from(respell(known)))
        });
    }
    run_enum_perturbation(
        subject,
        survey,
        "position",
        Some(baseline),
        report,
        |site| site.position.map(Value::from),
    );
}

/// Replaces the enum values `with` picks, checks the round trip, and with `baseline` also that
/// the decoded model's `Debug` text equals the unperturbed one.
fn run_enum_perturbation(
    subject: &Subject,
    survey: &Survey,
    name: &str,
    baseline: Option<&str>,
    report: &mut Report,
    with: impl Fn(&EnumSite) -> Option<Value>,
) {
    if let Some(site) = survey.enums.iter().find(|site| {
        with(site)
            .as_ref()
            .and_then(Value::as_str)
            .is_some_and(|text| {
                site.listed
                    .iter()
                    .filter(|listed| perturb::same_spelling(listed, text))
                    .count()
                    > 1
            })
    }) {
        return report.record(
            subject,
            name,
            Err(format!(
                "{}: the respelling is ambiguous in {}",
                site.pointer, site.schema
            )),
        );
    }
    let (perturbed, replaced) = match perturb::replace_enums(&subject.body, survey, &with) {
        Ok(result) => result,
        Err(problem) => return report.record(subject, name, Err(problem)),
    };
    if replaced == 0 {
        return;
    }
    report.enum_values += replaced;
    if baseline.is_some() {
        report.enum_schemas.extend(
            survey
                .enums
                .iter()
                .filter(|site| with(site).is_some())
                .map(|site| site.schema.clone()),
        );
    }
    let text = text_of(&perturbed);
    let outcome = (subject.codec.roundtrip)(&text).and_then(|()| match baseline {
        None => Ok(()),
        Some(baseline) => {
            let debug = (subject.codec.debug)(&text)?;
            first_text_difference(baseline, &debug).map_or(Ok(()), Err)
        }
    });
    report.record(subject, name, outcome);
}

/// Perturbation 6: every declared key of every model object respelled (`LIMITUNITOFMEASURE`,
/// `LimitUnitOfMeasure`) binds to its field, writes back as it came, and reads the same values.
fn key_spellings(subject: &Subject, survey: &Survey, baseline: &str, report: &mut Report) {
    type Respell = fn(&str) -> String;
    let spellings: [(&str, Respell); 2] = [
        ("key-upper", perturb::upper),
        ("key-pascal", perturb::pascal),
    ];
    for (name, respell) in spellings {
        let (perturbed, renamed) = match perturb::respell_keys(&subject.body, survey, respell) {
            Ok(result) => result,
            Err(problem) => {
                report.record(subject, name, Err(problem));
                continue;
            }
        };
        report.keys += renamed;
        let text = text_of(&perturbed);
        let outcome = (subject.codec.roundtrip)(&text).and_then(|()| {
            let debug = (subject.codec.debug)(&text)?;
            first_text_difference(baseline, &debug).map_or(Ok(()), Err)
        });
        report.record(subject, name, outcome);
    }
}

/// Perturbation 7: enum values in PascalCase, unknown fields and upper-case keys, all at once.
fn combined(subject: &Subject, survey: &Survey, report: &mut Report) {
    let perturbed = perturb::replace_enums(&subject.body, survey, |site| {
        site.known
            .as_deref()
            .map(|known| Value::from(perturb::pascal(known)))
    })
    .and_then(|(body, _)| perturb::add_unknown_fields(&body, survey))
    .and_then(|body| perturb::respell_keys(&body, survey, perturb::upper));
    let outcome = perturbed.and_then(|(body, _)| (subject.codec.roundtrip)(&text_of(&body)));
    report.record(subject, "combined", outcome);
}

/// Perturbation 4: `null` for the optional properties of the first model object at each depth.
fn explicit_nulls(subject: &Subject, survey: &Survey, report: &mut Report) {
    for object in perturb::first_object_per_depth(survey) {
        for (kind, add_absent) in [("nulls-present", false), ("nulls-declared", true)] {
            let name = format!(
                "{kind}@{} ({} at {})",
                object.depth,
                object.schema,
                pointer_of(&object.pointer)
            );
            let (perturbed, nulled) =
                match perturb::null_optional(&subject.body, object, add_absent) {
                    Ok(result) => result,
                    Err(problem) => {
                        report.record(subject, &name, Err(problem));
                        continue;
                    }
                };
            if nulled == 0 {
                continue;
            }
            report.nulls += nulled;
            report.record(
                subject,
                &name,
                (subject.codec.roundtrip)(&text_of(&perturbed)),
            );
        }
    }
}

/// A JSON pointer for messages: `/` for the root.
fn pointer_of(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

/// Describes where two `Debug` texts first differ, or `None` when they are equal.
fn first_text_difference(expected: &str, found: &str) -> Option<String> {
    if expected == found {
        return None;
    }
    let at = expected
        .char_indices()
        .zip(found.chars())
        .find(|((_, a), b)| a != b)
        .map_or(expected.len().min(found.len()), |((index, _), _)| index);
    let window = |text: &str| -> String {
        let start = text.floor_char_boundary(at.saturating_sub(60));
        let end = text.ceil_char_boundary((at + 60).min(text.len()));
        text[start..end].to_owned()
    };
    Some(format!(
        "decoded model differs from the unperturbed one at byte {at} of its Debug text:\n  \
         expected …{}…\n  found    …{}…",
        window(expected),
        window(found)
    ))
}

/// The valid shared payloads as subjects, or `None` when the shared material is absent.
fn payload_subjects() -> Option<Vec<Subject>> {
    let dir = golden_tests::shared_dir("payloads")?;
    let files = golden_tests::payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    Some(
        files
            .into_iter()
            .filter(|file| !file.invalid)
            .map(|file| {
                let text = String::from_utf8(file.bytes)
                    .unwrap_or_else(|error| panic!("{} is not UTF-8: {error}", file.name));
                let body = serde_json::from_str(&text)
                    .unwrap_or_else(|error| panic!("{} is not JSON: {error}", file.name));
                let model = file.model;
                Subject {
                    name: format!("{} as {model:?}", file.name),
                    schema: model.schema(),
                    text,
                    body,
                    codec: model.codec(),
                }
            })
            .collect(),
    )
}

/// The own fixtures as subjects.
fn fixture_subjects() -> Vec<Subject> {
    let dir = fixtures_dir();
    FIXTURES
        .iter()
        .map(|fixture| {
            let path = dir.join(fixture.file);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            let body = serde_json::from_str(text.trim_start_matches('\u{feff}'))
                .unwrap_or_else(|error| panic!("{} is not JSON: {error}", fixture.file));
            Subject {
                name: format!("fixtures/models/{} as {}", fixture.file, fixture.schema),
                schema: serde_json::json!({
                    "$ref": format!("#/components/schemas/{}", fixture.schema)
                }),
                text,
                body,
                codec: fixture.codec,
            }
        })
        .collect()
}

/// Runs every perturbation over `subjects`.
fn run(subjects: &[Subject]) -> Report {
    let document = spec_document();
    let schemas = Schemas::new(&document).unwrap_or_else(|problem| panic!("{problem}"));
    let mut report = Report::default();
    for subject in subjects {
        perturb_subject(&schemas, subject, &mut report);
    }
    report
}

#[test]
fn perturbed_shared_payloads_round_trip_exactly() {
    let Some(subjects) = payload_subjects() else {
        return;
    };
    let report = run(&subjects);
    println!("shared payloads: {}", report.summary());
    println!("  object schemas perturbed: {:?}", report.object_schemas);
    println!("  enum schemas respelled: {:?}", report.enum_schemas);
    report.assert_clean();
    assert_eq!(
        report.subjects, 37,
        "the shared material has 37 valid payloads"
    );
    assert!(
        report.objects > 1000,
        "too few model objects: {}",
        report.summary()
    );
    assert!(
        report.enum_values > 1000,
        "too few enum values: {}",
        report.summary()
    );
    assert!(report.nulls > 100, "too few nulls: {}", report.summary());
}

#[test]
fn perturbed_own_fixtures_round_trip_exactly() {
    let report = run(&fixture_subjects());
    println!("own fixtures: {}", report.summary());
    report.assert_clean();
    let document = spec_document();
    let schemas = Schemas::new(&document).unwrap_or_else(|problem| panic!("{problem}"));
    let missing_objects: Vec<String> = schemas
        .object_schemas()
        .into_iter()
        .filter(|name| !report.object_schemas.contains(name))
        .collect();
    let missing_enums: Vec<String> = schemas
        .enum_schemas()
        .into_iter()
        .filter(|name| !report.enum_schemas.contains(name))
        .collect();
    assert!(
        missing_objects.is_empty() && missing_enums.is_empty(),
        "the fixtures leave schemas unperturbed: objects {missing_objects:?}, enums {missing_enums:?}"
    );
}

#[test]
fn the_survey_of_a_real_offer_is_complete() {
    let document = spec_document();
    let schemas = Schemas::new(&document).unwrap_or_else(|problem| panic!("{problem}"));
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let files = golden_tests::payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    let offer = files
        .iter()
        .find(|file| file.name.starts_with("02_"))
        .expect("payload 02 exists");
    let body: Value = serde_json::from_slice(&offer.bytes).expect("02 is JSON");
    let survey = schemas.survey(&offer.model.schema(), &body);
    let objects: Vec<(&str, &str, usize)> = survey
        .objects
        .iter()
        .map(|object| {
            (
                object.pointer.as_str(),
                object.schema.as_str(),
                object.depth,
            )
        })
        .collect();
    println!("{objects:#?}");
    let enums: Vec<(&str, &str, &Value)> = survey
        .enums
        .iter()
        .map(|site| (site.pointer.as_str(), site.schema.as_str(), &site.value))
        .collect();
    println!("{enums:#?}");
    assert!(survey.problems.is_empty(), "{:?}", survey.problems);
    assert_eq!(objects.first(), Some(&("", "Offer", 0)));
    assert!(objects.contains(&("/category", "OfferCategory", 1)));
    assert!(enums.contains(&("/billing", "BillingType", &Value::from("license"))));
    assert!(enums.contains(&(
        "/limitUnitOfMeasure",
        "LimitUnitOfMeasure",
        &Value::from("None")
    )));
}

/// Free-form values and string maps come back byte for byte: number spellings, integers beyond
/// 64 bits, key order and repeated keys, which a comparison of `serde_json::Value`s cannot see.
#[test]
fn free_form_values_and_string_maps_keep_every_byte() {
    /// Decodes a body with one model and encodes it again, as text.
    type Reencode = fn(&str) -> String;
    let bodies: [(&str, Reencode); 3] = [
        (
            r#"{"id":"0001","dynamicAttributes":{"zeta":1.10,"big":123456789012345678901234567890,"big":2,"exp":1E2,"text":"caf\u00e9","nested":{"b":[1.0,-0],"a":null}}}"#,
            |body| {
                serde_json::to_string(
                    &partner_models::from_str::<partner_models::Sku>(body).expect("decodes"),
                )
                .expect("encodes")
            },
        ),
        (
            r#"{"targetItems":[{"productId":"P1"}],"inventoryContext":{"zone":"1","armRegionName":"2","zone":"3"}}"#,
            |body| {
                let request =
                    partner_models::from_str::<partner_models::InventoryCheckRequest>(body)
                        .expect("decodes");
                let context = request.inventory_context.as_ref().expect("a context");
                assert_eq!(
                    context.get("zone").map(String::as_str),
                    Some("3"),
                    "lookups see the last repeated key"
                );
                serde_json::to_string(&request).expect("encodes")
            },
        ),
        (
            r#"{"code":"E1","parameters":{"limit":18446744073709551616,"when":"2019-01-11"}}"#,
            |body| {
                serde_json::to_string(
                    &partner_models::from_str::<partner_models::PartnerCenterError>(body)
                        .expect("decodes"),
                )
                .expect("encodes")
            },
        ),
    ];
    for (body, round_trip) in bodies {
        assert_eq!(round_trip(body), body);
    }
}
