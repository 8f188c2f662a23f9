//! Lowering tiny one-construct specs gives the committed IR dumps, so a lowering change shows as an IR diff.
//!
//! Each `tests/ir/<construct>/` holds a `spec.yaml` and the expected `ir.txt`: the warnings, one
//! per line, then the pretty `Debug` dump of the lowered `codegen::ir::Api` (or the error, when
//! lowering fails). Set `GOLDEN_BLESS=1` to rewrite the expected dumps.

use std::path::{Path, PathBuf};

use golden_tests::expect::{BLESS_VAR, compare_or_bless};

/// The constructs that must each have a case.
const CONSTRUCTS: &[&str] = &[
    "allof",
    "enums",
    "envelope",
    "freeform",
    "inline",
    "names",
    "nullable",
    "object",
    "operations",
    "recursive",
    "required",
    "servers",
    "union",
];

fn cases() -> Vec<PathBuf> {
    let root = golden_tests::workspace_root().join("tests/ir");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", root.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("spec.yaml").is_file())
        .collect();
    cases.sort();
    cases
}

fn case_name(case: &Path) -> &str {
    case.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default()
}

/// The dump of one case: warnings, then the IR (or the error lowering ended with).
fn dump(case: &Path) -> String {
    let name = case_name(case);
    let spec = codegen::spec::load(&case.join("spec.yaml"))
        .unwrap_or_else(|error| panic!("{name}: the spec does not load: {error}"));
    match codegen::lower::lower(&spec) {
        Ok(lowered) => {
            let mut text = String::from("# warnings\n");
            if lowered.warnings.is_empty() {
                text.push_str("(none)\n");
            }
            for warning in &lowered.warnings {
                text.push_str(&format!("{warning}\n"));
            }
            text.push_str(&format!("\n# ir\n{:#?}\n", lowered.api));
            text
        }
        Err(error) => format!("# error\n{error}\n"),
    }
}

#[test]
fn lowering_matches_the_committed_ir() {
    let all = cases();
    let names: Vec<&str> = all.iter().map(|case| case_name(case)).collect();
    for construct in CONSTRUCTS {
        assert!(
            names.contains(construct),
            "tests/ir/{construct}/spec.yaml is missing; found {names:?}"
        );
    }
    let mut drift = Vec::new();
    for case in &all {
        drift.extend(compare_or_bless(
            &case.join("ir.txt"),
            &dump(case),
            "lowered",
        ));
    }
    assert!(
        drift.is_empty(),
        "IR dumps differ (rerun with {BLESS_VAR}=1 to accept):\n{}",
        drift.join("\n")
    );
}

#[test]
fn ir_dumps_are_deterministic() {
    for case in cases() {
        assert_eq!(dump(&case), dump(&case), "{}", case.display());
    }
}

#[test]
fn every_case_lowers_without_errors() {
    for case in cases() {
        let spec = codegen::spec::load(&case.join("spec.yaml")).expect("the spec loads");
        if let Err(error) = codegen::lower::lower(&spec) {
            panic!("{}: {error}", case.display());
        }
    }
}
