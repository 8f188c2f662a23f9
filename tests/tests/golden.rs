//! Generated code for tiny one-feature specs matches the committed files, compiles and runs.
//!
//! Each `tests/golden/<case>/` holds a `spec.yaml`, the expected `models.rs`, and a `check.rs`
//! that trybuild compiles against it and runs. Set `GOLDEN_BLESS=1` to rewrite the expected files.

use std::path::{Path, PathBuf};

const BLESS_VAR: &str = "GOLDEN_BLESS";

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", root.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("spec.yaml").is_file())
        .collect();
    cases.sort();
    cases
}

fn generate(case: &Path) -> String {
    let name = case
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    let options = codegen::Options {
        source_label: format!("tests/golden/{name}/spec.yaml"),
        ..codegen::Options::default()
    };
    let generation = codegen::generate_from_path(&case.join("spec.yaml"), &options)
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    assert!(
        generation.warnings.is_empty(),
        "{name}: unexpected warnings {:?}",
        generation.warnings
    );
    generation
        .files
        .into_iter()
        .find(|file| file.path == "models.rs")
        .map(|file| file.contents)
        .unwrap_or_else(|| panic!("{name}: no models.rs generated"))
}

#[test]
fn generated_code_matches_the_golden_files() {
    let bless = std::env::var_os(BLESS_VAR).is_some();
    let mut drift = Vec::new();
    let all = cases();
    assert!(
        all.len() >= 8,
        "expected the golden cases, found {}",
        all.len()
    );
    for case in all {
        let generated = generate(&case);
        let expected_path = case.join("models.rs");
        if bless {
            std::fs::write(&expected_path, &generated).unwrap_or_else(|error| {
                panic!("cannot write {}: {error}", expected_path.display())
            });
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != generated {
            let diff = similar::TextDiff::from_lines(&expected, &generated)
                .unified_diff()
                .header("expected", "generated")
                .to_string();
            drift.push(format!("{}:\n{diff}", expected_path.display()));
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
