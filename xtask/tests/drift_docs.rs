//! `drift --docs` on small documents of our own in each format, and on the real documents with the accepted list.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use xtask::drift::{self, DocsOptions, Kind, Outcome, Severity, report};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/drift")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A fresh scratch directory under the target directory.
fn scratch() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/drift-tests")
        .join(format!(
            "docs-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs drift on the given documents (name, text) against a spec text, with an optional accepted file.
fn run(documents: &[(&str, &str)], spec: &str, accepted: Option<&str>) -> Outcome {
    let dir = scratch();
    let spec_path = dir.join("spec.yaml");
    std::fs::write(&spec_path, spec).expect("write spec");
    let mut paths = Vec::new();
    for (name, text) in documents {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write document");
        paths.push(path);
    }
    let accepted = accepted.map(|text| {
        let path = dir.join("accepted.yaml");
        std::fs::write(&path, text).expect("write accepted");
        path
    });
    drift::run_docs(&DocsOptions {
        documents: paths,
        spec: spec_path,
        accepted,
    })
    .expect("drift runs")
}

fn fingerprints(outcome: &Outcome) -> Vec<String> {
    outcome
        .findings
        .iter()
        .map(|finding| finding.fingerprint.to_string())
        .collect()
}

fn only(outcome: &Outcome, wanted: &str) -> drift::Finding {
    let found: Vec<_> = outcome
        .findings
        .iter()
        .filter(|finding| finding.fingerprint.to_string() == wanted)
        .collect();
    assert_eq!(found.len(), 1, "{wanted} in {:?}", fingerprints(outcome));
    found[0].clone()
}

#[test]
fn each_format_agrees_with_a_matching_spec() {
    let spec = fixture("spec.yaml");
    for name in [
        "markdown.md",
        "rendered.txt",
        "rest-plain.txt",
        "rest-pipe.txt",
    ] {
        let outcome = run(&[(name, &fixture(name))], &spec, None);
        assert!(
            outcome.failures.is_empty(),
            "{name}: {:?}",
            outcome.failures
        );
        let errors: Vec<_> = outcome
            .findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .map(|finding| finding.message.clone())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(outcome.passes(false), "{name}");
        assert!(
            !outcome.documents.is_empty() && outcome.documents[0].1 > 0,
            "{name} gave no type"
        );
    }
}

#[test]
fn the_markdown_page_is_read_completely() {
    let outcome = run(
        &[("markdown.md", &fixture("markdown.md"))],
        &fixture("spec.yaml"),
        None,
    );
    assert_eq!(outcome.documents[0].1, 2, "Widget and WidgetOrder");
    assert!(outcome.findings.is_empty(), "{:?}", fingerprints(&outcome));
    assert!(outcome.passes(true));
}

#[test]
fn a_property_added_to_a_response_table_is_informational_and_fails_strict() {
    let doc = fixture("markdown.md").replace(
        "| labels   |",
        "| colour   | string           | The paint used.                                          |\n| labels   |",
    );
    let outcome = run(&[("markdown.md", &doc)], &fixture("spec.yaml"), None);
    let finding = only(&outcome, "property-missing Widget.colour");
    assert_eq!(finding.severity, Severity::Info);
    assert!(
        finding.message.contains("Widget.colour"),
        "{}",
        finding.message
    );
    assert!(
        finding.locations[0].ends_with("markdown.md:17"),
        "{:?}",
        finding.locations
    );
    assert!(outcome.passes(false));
    assert!(!outcome.passes(true));
}

#[test]
fn a_property_added_to_a_request_table_is_an_error() {
    let doc = fixture("markdown.md").replace(
        "| giftWrap |",
        "| coupon   | string  | A discount code.                |\n| giftWrap |",
    );
    let outcome = run(&[("markdown.md", &doc)], &fixture("spec.yaml"), None);
    let finding = only(&outcome, "property-missing WidgetOrder.coupon");
    assert_eq!(finding.severity, Severity::Error);
    assert!(!outcome.passes(false));
    let text = report::text(&outcome, false);
    assert!(text.contains("WidgetOrder.coupon"), "{text}");
    assert!(text.contains(": fail"), "{text}");
}

#[test]
fn a_changed_type_is_an_error() {
    let doc = fixture("rendered.txt").replace("size Int How large", "size String How large");
    let outcome = run(&[("rendered.txt", &doc)], &fixture("spec.yaml"), None);
    let finding = only(&outcome, "type-mismatch Widget.size");
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        finding
            .message
            .contains("documented as string, the spec has integer"),
        "{}",
        finding.message
    );
    let doc = fixture("markdown.md").replace(
        "| tags     | array of strings |",
        "| tags     | string           |",
    );
    let outcome = run(&[("markdown.md", &doc)], &fixture("spec.yaml"), None);
    only(&outcome, "type-mismatch Widget.tags");
}

#[test]
fn an_enum_value_removed_from_the_spec_is_reported_on_both_sides() {
    let spec = fixture("spec.yaml").replace("        - square\n", "");
    let outcome = run(
        &[("rest-plain.txt", &fixture("rest-plain.txt"))],
        &spec,
        None,
    );
    let finding = only(&outcome, "enum-value-missing Shape.square");
    assert_eq!(
        finding.severity,
        Severity::Info,
        "Shape is only in responses"
    );
    let spec = fixture("spec.yaml").replace("        - oval\n", "        - oval\n        - star\n");
    let outcome = run(
        &[("rest-plain.txt", &fixture("rest-plain.txt"))],
        &spec,
        None,
    );
    only(&outcome, "enum-value-undocumented Shape.star");
    // An annotation left behind does not hide the removal of the value it annotates.
    let spec = fixture("spec.yaml").replace("        - oval\n", "");
    let outcome = run(&[("markdown.md", &fixture("markdown.md"))], &spec, None);
    only(&outcome, "enum-value-missing Shape.Oval");
}

#[test]
fn a_parameter_added_to_a_rest_page_is_an_error() {
    let plain = fixture("rest-plain.txt").replace(
        "market\nquery\n",
        "colour\nquery\n\nstring\n\nPaint filter\n\nmarket\nquery\n",
    );
    let outcome = run(&[("rest-plain.txt", &plain)], &fixture("spec.yaml"), None);
    let finding = only(
        &outcome,
        "parameter-missing GET /v{version}/widgets/{widget_id}.colour",
    );
    assert_eq!(finding.severity, Severity::Error);
    let pipe = fixture("rest-pipe.txt").replace(
        "market\n|\nquery |",
        "colour\n|\nquery |\nstring |\nPaint filter |\nmarket\n|\nquery |",
    );
    let outcome = run(&[("rest-pipe.txt", &pipe)], &fixture("spec.yaml"), None);
    only(
        &outcome,
        "parameter-missing GET /v{version}/widgets/{widget_id}.colour",
    );
}

#[test]
fn rest_pages_check_required_flags_headers_and_operations() {
    let doc = fixture("rest-plain.txt").replace("market\nquery\n", "market\nquery True\n");
    let outcome = run(&[("rest-plain.txt", &doc)], &fixture("spec.yaml"), None);
    only(
        &outcome,
        "parameter-required GET /v{version}/widgets/{widget_id}.market",
    );
    let doc = fixture("rest-pipe.txt").replace("x-trace |", "x-debug |");
    let outcome = run(&[("rest-pipe.txt", &doc)], &fixture("spec.yaml"), None);
    only(
        &outcome,
        "parameter-missing GET /v{version}/widgets/{widget_id}.x-debug",
    );
    only(
        &outcome,
        "parameter-undocumented GET /v{version}/widgets/{widget_id}.x-trace",
    );
    let doc = fixture("rest-pipe.txt").replace("/widgets/{widget_id}", "/gadgets/{widget_id}");
    let outcome = run(&[("rest-pipe.txt", &doc)], &fixture("spec.yaml"), None);
    only(
        &outcome,
        "operation-missing GET /v{version}/gadgets/{widget_id}",
    );
}

#[test]
fn casing_differences_are_reported_unless_the_spec_records_them() {
    let doc = fixture("markdown.md").replace("| giftWrap |", "| GiftWrap |");
    let outcome = run(&[("markdown.md", &doc)], &fixture("spec.yaml"), None);
    only(&outcome, "casing WidgetOrder.giftWrap");
    // `Oval` is recorded by x-enum-documented-as, so it is no finding.
    assert!(
        !fingerprints(&outcome).iter().any(|f| f.contains("oval")),
        "{:?}",
        fingerprints(&outcome)
    );
    let spec =
        fixture("spec.yaml").replace("      x-enum-documented-as:\n        oval: Oval\n", "");
    let outcome = run(&[("markdown.md", &fixture("markdown.md"))], &spec, None);
    only(&outcome, "casing Shape.oval");
}

#[test]
fn an_untitled_rendered_table_is_identified_by_its_properties() {
    let outcome = run(
        &[("rendered.txt", &fixture("rendered.txt"))],
        &fixture("spec.yaml"),
        None,
    );
    assert_eq!(outcome.documents[0].1, 3, "Widget, WidgetOrder and Shape");
    assert!(outcome.findings.is_empty(), "{:?}", fingerprints(&outcome));
    let doc = fixture("rendered.txt").replace("size Int How large it is.\n", "");
    let outcome = run(&[("rendered.txt", &doc)], &fixture("spec.yaml"), None);
    only(&outcome, "property-undocumented Widget.size");
}

#[test]
fn accepted_entries_silence_findings_and_stale_ones_are_reported() {
    let doc = fixture("markdown.md").replace(
        "| tags     | array of strings |",
        "| tags     | string           |",
    );
    let accepted = "accepted:\n  - kind: type-mismatch\n    type: Widget\n    property: tags\n    reason: decided so in a test\n  - kind: property-missing\n    type: Widget\n    property: gone\n    reason: no longer true\n";
    let outcome = run(
        &[("markdown.md", &doc)],
        &fixture("spec.yaml"),
        Some(accepted),
    );
    let finding = only(&outcome, "type-mismatch Widget.tags");
    assert_eq!(finding.accepted.as_deref(), Some("decided so in a test"));
    assert_eq!(outcome.stale.len(), 1);
    assert_eq!(
        outcome.stale[0].fingerprint.to_string(),
        "property-missing Widget.gone"
    );
    assert!(outcome.passes(false));
    assert!(!outcome.passes(true), "stale entries fail strict runs");
}

#[test]
fn an_accepted_entry_needs_a_known_kind_and_a_reason() {
    let dir = scratch();
    std::fs::write(dir.join("spec.yaml"), fixture("spec.yaml")).expect("spec");
    std::fs::write(dir.join("doc.md"), fixture("markdown.md")).expect("doc");
    for (text, expected) in [
        (
            "accepted:\n  - kind: type-mismatch\n    type: Widget\n    property: tags\n",
            "reason",
        ),
        (
            "accepted:\n  - kind: renamed\n    type: Widget\n    reason: x\n",
            "unknown kind",
        ),
        ("something: else\n", "accepted"),
    ] {
        std::fs::write(dir.join("accepted.yaml"), text).expect("accepted");
        let error = drift::run_docs(&DocsOptions {
            documents: vec![dir.join("doc.md")],
            spec: dir.join("spec.yaml"),
            accepted: Some(dir.join("accepted.yaml")),
        })
        .expect_err("a bad accepted file is refused");
        assert!(format!("{error:#}").contains(expected), "{error:#}");
    }
}

#[test]
fn unreadable_documents_and_tables_are_extraction_failures() {
    let spec = fixture("spec.yaml");
    let outcome = run(
        &[("empty.txt", "Nothing to see here.\nNo tables at all.\n")],
        &spec,
        None,
    );
    assert_eq!(outcome.failures.len(), 1, "{:?}", outcome.failures);
    assert!(!outcome.passes(false));
    let broken =
        fixture("markdown.md").replace("| quantity | int     |", "| 42 quantity | int     |");
    let outcome = run(&[("markdown.md", &broken)], &spec, None);
    assert_eq!(outcome.failures.len(), 1, "{:?}", outcome.failures);
    assert_eq!(outcome.failures[0].line, 24);
    assert!(outcome.failures[0].file.ends_with("markdown.md"));
    assert!(!outcome.passes(false), "a failure is never a pass");
    let untitled = "Some prose.\n\nProperty Type Description\nalpha String One.\nbeta Int Two.\n";
    let outcome = run(&[("untitled.txt", untitled)], &spec, None);
    assert!(
        outcome.failures[0].message.contains("untitled table"),
        "{:?}",
        outcome.failures
    );
    let dir = scratch();
    let outcome = drift::run_docs(&DocsOptions {
        documents: vec![dir.join("missing.txt")],
        spec: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drift/spec.yaml"),
        accepted: None,
    })
    .expect("runs");
    assert_eq!(outcome.failures.len(), 1);
    assert!(!outcome.passes(false));
}

#[test]
fn fingerprints_survive_rewording_and_findings_are_sorted() {
    let doc = fixture("markdown.md").replace(
        "| tags     | array of strings |",
        "| tags     | string           |",
    );
    let reworded = doc
        .replace(
            "Unique name of the widget.",
            "The identifier, unique across the shop.",
        )
        .replace(
            "# Widget things\n",
            "# Widget things\n\nAn extra paragraph moves every line down.\n",
        );
    let first = run(&[("markdown.md", &doc)], &fixture("spec.yaml"), None);
    let second = run(&[("markdown.md", &reworded)], &fixture("spec.yaml"), None);
    assert_eq!(fingerprints(&first), fingerprints(&second));
    let spec = fixture("spec.yaml").replace("        quantity:\n          type: integer\n", "");
    let outcome = run(
        &[
            ("markdown.md", &doc),
            ("rest-plain.txt", &fixture("rest-plain.txt")),
        ],
        &spec,
        None,
    );
    let mut sorted = outcome.findings.clone();
    sorted.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    assert_eq!(sorted, outcome.findings);
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.fingerprint.kind == Kind::PropertyMissing)
    );
}

#[test]
fn the_json_report_carries_every_finding() {
    let doc = fixture("markdown.md").replace(
        "| tags     | array of strings |",
        "| tags     | string           |",
    );
    let outcome = run(&[("markdown.md", &doc)], &fixture("spec.yaml"), None);
    let json = report::json(&outcome, false);
    assert_eq!(json["pass"], false);
    assert_eq!(json["summary"]["unaccepted_errors"], 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["kind"], "type-mismatch");
    assert_eq!(finding["type"], "Widget");
    assert_eq!(finding["property"], "tags");
    assert_eq!(finding["severity"], "error");
}

/// The real documents beside the checkout, or `None` (skip) when they are absent and not required.
fn shared_docs() -> Option<Vec<PathBuf>> {
    let dir = std::env::var_os("PARTNER_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
        .join("docs");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("PARTNER_REQUIRE_SHARED").is_none(),
            "{} is missing and PARTNER_REQUIRE_SHARED is set",
            dir.display()
        );
        eprintln!(
            "skipping: {} not found (set PARTNER_SHARED_DIR)",
            dir.display()
        );
        return None;
    }
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("docs directory")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    docs.sort();
    Some(docs)
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_real_documents_pass_with_the_accepted_list() {
    let Some(docs) = shared_docs() else {
        return;
    };
    let outcome = drift::run_docs(&DocsOptions {
        documents: docs,
        spec: workspace().join("spec/partner-center.yaml"),
        accepted: Some(workspace().join(drift::ACCEPTED)),
    })
    .expect("runs");
    assert!(outcome.passes(true), "{}", report::text(&outcome, true));
    assert_eq!(outcome.documents.len(), 5);
}

#[test]
fn a_changed_copy_of_the_real_documents_or_spec_fails() {
    let Some(docs) = shared_docs() else {
        return;
    };
    let dir = scratch();
    let mut copies = Vec::new();
    for doc in &docs {
        let name = doc.file_name().expect("file name");
        let mut text = std::fs::read_to_string(doc).expect("document");
        if name.to_string_lossy().starts_with("000_") {
            text = text.replace(
                "| isTrial                     |",
                "| freeMonths                  | int                       | Months given for free. |\n| isTrial                     |",
            );
        }
        let copy = dir.join(name);
        std::fs::write(&copy, text).expect("copy");
        copies.push(copy);
    }
    let outcome = drift::run_docs(&DocsOptions {
        documents: copies,
        spec: workspace().join("spec/partner-center.yaml"),
        accepted: Some(workspace().join(drift::ACCEPTED)),
    })
    .expect("runs");
    only(&outcome, "property-missing Offer.freeMonths");
    assert!(!outcome.passes(true));
    let spec = std::fs::read_to_string(workspace().join("spec/partner-center.yaml")).expect("spec");
    let marker = "        salesGroupId:\n";
    let start = spec.find(marker).expect("salesGroupId in the spec");
    // The property is three lines: its name, its type and its description.
    let length: usize = spec[start..]
        .split_inclusive('\n')
        .take(3)
        .map(str::len)
        .sum();
    let shortened = format!("{}{}", &spec[..start], &spec[start + length..]);
    assert!(!shortened.contains("salesGroupId:"));
    std::fs::write(dir.join("spec.yaml"), shortened).expect("spec copy");
    let outcome = drift::run_docs(&DocsOptions {
        documents: docs,
        spec: dir.join("spec.yaml"),
        accepted: Some(workspace().join(drift::ACCEPTED)),
    })
    .expect("runs");
    let finding = only(&outcome, "property-missing Offer.salesGroupId");
    assert!(finding.message.contains("Offer.salesGroupId"));
    assert!(!outcome.passes(true));
}
