//! Generated code for tiny one-feature specs matches the committed files, compiles and runs.
//!
//! Each `tests/golden/<case>/` holds a `spec.yaml`, the expected `models.rs` (and `client.rs`
//! when the spec has operations, `report.txt` when generation warns: its lines as the command's
//! `--report` prints them), and a `check.rs` that trybuild compiles against them and runs.
//! Set `GOLDEN_BLESS=1` to rewrite the expected files.

use std::path::{Path, PathBuf};

const BLESS_VAR: &str = "GOLDEN_BLESS";

/// The generated files of a case that are committed.
const COMPARED: &[&str] = &["models.rs", "client.rs", REPORT];

/// The file of a case's warnings, absent when there are none.
const REPORT: &str = "report.txt";

fn cases() -> Vec<PathBuf> {
    let root = golden_tests::workspace_root().join("tests/golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", root.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("spec.yaml").is_file())
        .collect();
    cases.sort();
    cases
}

/// The committed files a case generates, as (file name, contents): the generated files, and
/// the report of its warnings when it has any.
fn generate(case: &Path) -> Vec<(String, String)> {
    let name = case
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    let label = format!("tests/golden/{name}/spec.yaml");
    let options = codegen::Options {
        source_label: label.clone(),
        ..codegen::Options::default()
    };
    let generation = codegen::generate_from_path(&case.join("spec.yaml"), &options)
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    let report: String = generation
        .warnings
        .iter()
        .map(|warning| {
            let kind = match warning.loss {
                codegen::error::Loss::Untyped => "untyped",
                codegen::error::Loss::Skipped => "skipped",
                codegen::error::Loss::None => "warning:",
            };
            format!("{kind} {label}{warning}\n")
        })
        .collect();
    let mut files: Vec<(String, String)> = generation
        .files
        .into_iter()
        .filter(|file| COMPARED.contains(&file.path.as_str()))
        .map(|file| (file.path, file.contents))
        .collect();
    if !report.is_empty() {
        files.push((REPORT.to_owned(), report));
    }
    files
}

#[test]
fn generated_code_matches_the_golden_files() {
    let bless = std::env::var_os(BLESS_VAR).is_some();
    let mut drift = Vec::new();
    let all = cases();
    assert!(
        all.len() >= 9,
        "expected the golden cases, found {}",
        all.len()
    );
    for case in all {
        let generated = generate(&case);
        for name in COMPARED {
            let expected_path = case.join(name);
            let produced = generated
                .iter()
                .find(|(file, _)| file == name)
                .map(|(_, contents)| contents.as_str());
            if bless {
                let outcome = match produced {
                    Some(contents) => std::fs::write(&expected_path, contents),
                    None if expected_path.exists() => std::fs::remove_file(&expected_path),
                    None => Ok(()),
                };
                outcome.unwrap_or_else(|error| {
                    panic!("cannot update {}: {error}", expected_path.display())
                });
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).ok();
            if expected.as_deref() != produced {
                let diff = similar::TextDiff::from_lines(
                    expected.as_deref().unwrap_or_default(),
                    produced.unwrap_or_default(),
                )
                .unified_diff()
                .header("expected", "generated")
                .to_string();
                drift.push(format!("{}:\n{diff}", expected_path.display()));
            }
        }
    }
    assert!(
        drift.is_empty(),
        "golden files differ (rerun with {BLESS_VAR}=1 to accept):\n{}",
        drift.join("\n")
    );
}

#[test]
fn golden_files_compile_and_behave() {
    let cases = trybuild::TestCases::new();
    cases.pass("golden/*/check.rs");
}

#[test]
fn generation_is_deterministic() {
    for case in cases() {
        assert_eq!(generate(&case), generate(&case), "{}", case.display());
    }
    let spec = golden_tests::workspace_root().join("spec/partner-center.yaml");
    let first =
        codegen::generate_from_path(&spec, &codegen::Options::default()).expect("spec generates");
    let second =
        codegen::generate_from_path(&spec, &codegen::Options::default()).expect("spec generates");
    assert_eq!(first.files, second.files);
}
