//! Committed expectations: compare produced text with a file, or rewrite it under `GOLDEN_BLESS`.

use std::path::Path;

/// The variable that rewrites every committed expectation instead of comparing with it.
pub const BLESS_VAR: &str = "GOLDEN_BLESS";

/// Compares `produced` with the file at `expected`; returns a unified diff when they differ.
///
/// With `GOLDEN_BLESS` set, writes `produced` to the file instead and returns `None`.
pub fn compare_or_bless(expected: &Path, produced: &str, label: &str) -> Option<String> {
    if std::env::var_os(BLESS_VAR).is_some() {
        std::fs::write(expected, produced)
            .unwrap_or_else(|error| panic!("cannot update {}: {error}", expected.display()));
        return None;
    }
    let committed = std::fs::read_to_string(expected).unwrap_or_default();
    (committed != produced).then(|| {
        let diff = similar::TextDiff::from_lines(&committed, produced)
            .unified_diff()
            .header("expected", label)
            .to_string();
        format!("{}:\n{diff}", expected.display())
    })
}
