//! `drift --since REV` on a temporary git repository with two commits of a small spec.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use xtask::since;

const SPEC: &str = "openapi: 3.0.3
info:
  title: Widget shop
  version: 1.0.0
paths:
  /widgets:
    get:
      operationId: listWidgets
      parameters:
        - name: market
          in: query
          required: false
          schema:
            type: string
      responses:
        '200':
          description: The widgets.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Widget'
  /orders:
    post:
      operationId: placeOrder
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Order'
      responses:
        '200':
          description: Accepted.
components:
  schemas:
    Widget:
      type: object
      description: Something the shop sells.
      properties:
        id:
          type: string
        size:
          type: integer
    Shape:
      type: string
      enum:
        - round
        - square
    Order:
      type: object
      properties:
        widgetId:
          type: string
        shape:
          $ref: '#/components/schemas/Shape'
";

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=drift",
            "-c",
            "user.email=drift@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn manifest(version: &str) -> String {
    format!(
        "[workspace]\nmembers = [\"partner-models\"]\n\n[workspace.package]\nversion = \"{version}\"\n"
    )
}

/// A repository whose first commit has `SPEC` at version 0.1.0; the working tree then gets
/// `spec` and `version`.
fn repository(spec: &str, version: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/drift-tests")
        .join(format!(
            "since-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).expect("spec dir");
    std::fs::create_dir_all(dir.join("partner-models")).expect("crate dir");
    std::fs::write(
        dir.join("partner-models/Cargo.toml"),
        "[package]\nname = \"partner-models\"\nversion.workspace = true\n",
    )
    .expect("crate manifest");
    std::fs::write(dir.join("Cargo.toml"), manifest("0.1.0")).expect("manifest");
    std::fs::write(dir.join("spec/partner-center.yaml"), SPEC).expect("spec");
    git(&dir, &["init", "--quiet"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "--quiet", "-m", "first"]);
    std::fs::write(dir.join("spec/partner-center.yaml"), spec).expect("spec");
    std::fs::write(dir.join("Cargo.toml"), manifest(version)).expect("manifest");
    git(
        &dir,
        &["commit", "--quiet", "--allow-empty", "-am", "second"],
    );
    dir
}

fn changes(outcome: &since::SinceOutcome) -> Vec<String> {
    outcome
        .changes
        .iter()
        .map(|change| {
            format!(
                "{} {}: {}",
                if change.breaking {
                    "breaking"
                } else {
                    "compatible"
                },
                change.subject,
                change.message
            )
        })
        .collect()
}

#[test]
fn a_removed_property_is_breaking_and_fails_without_a_bump() {
    let spec = SPEC.replace("        size:\n          type: integer\n", "");
    let dir = repository(&spec, "0.1.0");
    let outcome = since::run(&dir, "HEAD~1").expect("runs");
    assert_eq!(
        changes(&outcome),
        ["breaking Widget.size: property removed"]
    );
    let error = outcome.verdict().expect_err("breaking without a bump");
    assert!(error.contains("1 breaking"), "{error}");
    assert!(since::text(&outcome).contains("fail"));
}

#[test]
fn an_added_property_is_not_breaking() {
    let spec = SPEC.replace(
        "        size:\n          type: integer\n",
        "        size:\n          type: integer\n        colour:\n          type: string\n",
    );
    let dir = repository(&spec, "0.1.0");
    let outcome = since::run(&dir, "HEAD~1").expect("runs");
    assert_eq!(
        changes(&outcome),
        ["compatible Widget.colour: property added"]
    );
    assert_eq!(outcome.verdict(), Ok(()));
}

#[test]
fn a_minor_bump_below_one_allows_a_breaking_change() {
    let spec = SPEC.replace(
        "        size:\n          type: integer\n",
        "        size:\n          type: string\n",
    );
    let dir = repository(&spec, "0.2.0");
    let outcome = since::run(&dir, "HEAD~1").expect("runs");
    assert_eq!(
        changes(&outcome),
        ["breaking Widget.size: type changed from integer to string"]
    );
    assert_eq!(
        (outcome.old_version.as_str(), outcome.new_version.as_str()),
        ("0.1.0", "0.2.0")
    );
    assert_eq!(outcome.verdict(), Ok(()));
    let dir = repository(&spec, "0.1.1");
    assert!(
        since::run(&dir, "HEAD~1").expect("runs").verdict().is_err(),
        "a patch bump is not enough"
    );
}

#[test]
fn enum_values_removed_are_breaking_and_added_are_not() {
    let spec = SPEC.replace("        - square\n", "        - oval\n");
    let dir = repository(&spec, "0.1.0");
    let outcome = since::run(&dir, "HEAD~1").expect("runs");
    let found = changes(&outcome);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("breaking Shape: enum value `square` removed"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("compatible Shape: enum value `oval` added"),
        "{found:?}"
    );
}

#[test]
fn operations_and_parameters_are_classified() {
    let spec = SPEC
        .replace("          required: false\n", "          required: true\n")
        .replace(
            "      operationId: placeOrder\n",
            "      operationId: submitOrder\n",
        );
    let dir = repository(&spec, "0.1.0");
    let found = changes(&since::run(&dir, "HEAD~1").expect("runs"));
    assert!(
        found.contains(&"breaking GET /widgets: query parameter `market` made required".to_owned()),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|change| change.starts_with("breaking POST /orders: operationId changed")),
        "{found:?}"
    );
    let spec = SPEC.replace("  /orders:\n", "  /orders-removed-for-test:\n");
    let dir = repository(&spec, "0.1.0");
    let found = changes(&since::run(&dir, "HEAD~1").expect("runs"));
    assert!(
        found.contains(&"breaking POST /orders: operation removed".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"compatible POST /orders-removed-for-test: operation added".to_owned()),
        "{found:?}"
    );
}

#[test]
fn a_description_change_is_not_breaking() {
    let spec = SPEC.replace(
        "Something the shop sells.",
        "An item of the shop's catalogue.",
    );
    let dir = repository(&spec, "0.1.0");
    let outcome = since::run(&dir, "HEAD~1").expect("runs");
    assert_eq!(
        changes(&outcome),
        ["compatible Widget: description or annotations changed"]
    );
    assert_eq!(outcome.verdict(), Ok(()));
    let outcome = since::run(&dir, "HEAD").expect("runs");
    assert!(outcome.changes.is_empty(), "the working tree equals HEAD");
}

#[test]
fn an_unknown_revision_is_an_error() {
    let dir = repository(SPEC, "0.1.0");
    let error = since::run(&dir, "no-such-revision").expect_err("unknown revision");
    assert!(
        format!("{error:#}").contains("no-such-revision"),
        "{error:#}"
    );
}
