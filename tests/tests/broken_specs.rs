//! Broken specs of our own fail (or warn) with the message a user needs: the file, where, and what to do.
//!
//! Each file in `tests/broken/` is generated from; the outcome (the error's text, or the warnings
//! of a spec that still generates) is compared with the `.txt` beside it. `GOLDEN_BLESS=1`
//! rewrites them. Nothing may panic, on any of them.

use std::path::PathBuf;

use golden_tests::expect::{BLESS_VAR, compare_or_bless};

fn cases() -> Vec<PathBuf> {
    let dir = golden_tests::workspace_root().join("tests/broken");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "json")
        })
        .collect();
    cases.sort();
    cases
}

/// What a user sees: the error, or the warnings of a spec that still generates.
fn outcome(case: &std::path::Path) -> String {
    let name = case
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    let label = format!("tests/broken/{name}");
    let text = std::fs::read_to_string(case).unwrap_or_else(|error| panic!("{label}: {error}"));
    let is_json = name.ends_with(".json");
    let result = codegen::spec::parse(&text, &label, is_json)
        .and_then(|spec| codegen::generate(&spec, &codegen::Options::default()));
    match result {
        Err(error) => format!("error: {error}\n"),
        Ok(generation) => {
            let mut out = String::from("generated, with warnings:\n");
            for warning in &generation.warnings {
                out.push_str(&format!("  {label}{warning}\n"));
            }
            out
        }
    }
}

#[test]
fn each_broken_spec_says_what_is_wrong_and_where() {
    let all = cases();
    assert!(
        all.len() >= 12,
        "expected the broken-spec suite, found {}",
        all.len()
    );
    let mut drift = Vec::new();
    for case in &all {
        let produced = std::panic::catch_unwind(|| outcome(case))
            .unwrap_or_else(|_| panic!("{} made the generator panic", case.display()));
        drift.extend(compare_or_bless(
            &case.with_extension("txt"),
            &produced,
            "produced",
        ));
    }
    assert!(
        drift.is_empty(),
        "messages differ (rerun with {BLESS_VAR}=1 to accept):\n{}",
        drift.join("\n")
    );
}
