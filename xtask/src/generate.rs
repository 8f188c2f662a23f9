//! `cargo xtask generate [--check]`: the only code that writes `partner-models/src/generated/`.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

/// The spec, relative to the workspace root.
pub const SPEC: &str = "spec/partner-center.yaml";
/// The output directory, relative to the workspace root.
pub const OUTPUT: &str = "partner-models/src/generated";
/// The client policy the generated client names: Partner Center's, hand-written in
/// `partner-models/src/client/policy.rs`.
pub const POLICY: &str = "crate::client::PartnerCenter";

/// Whether to write the files or only compare them: the writer's own mode.
pub use codegen::output::Mode;

/// What a run did, for the one-line summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Component schemas in the spec.
    pub schemas: usize,
    /// Named Rust types emitted (schemas, inline types, envelopes).
    pub types: usize,
    /// Enums among them.
    pub enums: usize,
    /// Operations in the spec.
    pub operations: usize,
    /// Files written (or, in check mode, that would be).
    pub written: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{OUTPUT}: {} schemas -> {} types ({} enums), {} operations; {} written, {} unchanged, {} removed in {} ms",
            self.schemas,
            self.types,
            self.enums,
            self.operations,
            self.written,
            self.unchanged,
            self.removed,
            self.elapsed.as_millis()
        )
    }
}

/// The variable that names the xtask package directory; cargo sets it for the process it runs.
pub const MANIFEST_DIR_VAR: &str = "CARGO_MANIFEST_DIR";

/// Returns the workspace root: the parent of the xtask directory that `CARGO_MANIFEST_DIR` names
/// when the command runs.
///
/// The value is read at run time, not compiled in: with a shared target directory cargo may
/// reuse a binary built from another checkout, and a compiled-in path would then check that
/// checkout instead of this one.
pub fn workspace_root() -> Result<PathBuf> {
    root_from(std::env::var_os(MANIFEST_DIR_VAR))
}

/// The workspace root for a value of `CARGO_MANIFEST_DIR`, or why there is none.
fn root_from(manifest_dir: Option<OsString>) -> Result<PathBuf> {
    let Some(manifest_dir) = manifest_dir.filter(|dir| !dir.is_empty()) else {
        bail!(
            "{MANIFEST_DIR_VAR} is not set; run this as `cargo xtask`, which sets it to the xtask directory of the checkout"
        );
    };
    let manifest_dir = PathBuf::from(manifest_dir);
    match manifest_dir.parent() {
        Some(root) if !root.as_os_str().is_empty() => Ok(root.to_path_buf()),
        _ => bail!(
            "{MANIFEST_DIR_VAR} is {}, which has no parent directory to be the workspace root",
            manifest_dir.display()
        ),
    }
}

/// How the generated code of `partner-models` names its surroundings: the runtime crates by
/// their defaults, and Partner Center's hand-written client policy.
fn options() -> codegen::Options {
    codegen::Options {
        emit: codegen::EmitOptions {
            client_policy: POLICY.to_owned(),
            error_body_impls: false,
            ..codegen::EmitOptions::default()
        },
        source_label: SPEC.to_owned(),
        ..codegen::Options::default()
    }
}

/// Generates the models from the spec under `root`, writing or checking them.
pub fn run(root: &Path, mode: Mode) -> Result<Report> {
    let started = Instant::now();
    let spec_path = root.join(SPEC);
    let spec = codegen::spec::load(&spec_path)?;
    let schemas = spec
        .document
        .components
        .as_ref()
        .map_or(0, |components| components.schemas.len());
    let generation = codegen::generate(&spec, &options())?;
    for warning in &generation.warnings {
        eprintln!("warning: {warning}");
    }
    let synced = codegen::output::sync(&root.join(OUTPUT), &generation.files, mode, OUTPUT)?;
    let report = Report {
        schemas,
        types: generation.api.types.len(),
        enums: generation.api.enum_count(),
        operations: generation.api.operations.len(),
        written: synced.written.len(),
        unchanged: synced.unchanged.len(),
        removed: synced.removed.len(),
        elapsed: started.elapsed(),
    };
    if !synced.diff.is_empty() {
        bail!(
            "{}\ngenerated code is out of date with {SPEC}; run `cargo xtask generate`",
            synced.diff
        );
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_parent_of_the_manifest_dir_given_at_run_time() {
        let root = root_from(Some(OsString::from("/checkouts/b/xtask"))).expect("has a parent");
        assert_eq!(root, Path::new("/checkouts/b"));
    }

    #[test]
    fn a_missing_manifest_dir_is_a_clear_error() {
        for value in [None, Some(OsString::new())] {
            let error = root_from(value).expect_err("no directory");
            assert_eq!(
                error.to_string(),
                "CARGO_MANIFEST_DIR is not set; run this as `cargo xtask`, which sets it to the xtask directory of the checkout"
            );
        }
        let error = root_from(Some(OsString::from("/"))).expect_err("no parent");
        assert_eq!(
            error.to_string(),
            "CARGO_MANIFEST_DIR is /, which has no parent directory to be the workspace root"
        );
    }

    #[test]
    fn a_missing_spec_names_its_cause_once() {
        let root = std::env::temp_dir().join(format!("xtask-no-spec-{}", std::process::id()));
        let error = run(&root, Mode::Check).expect_err("there is no spec");
        let spec = root.join(SPEC);
        let expected_cause = std::fs::read_to_string(&spec)
            .expect_err("there is no spec")
            .to_string();
        assert_eq!(
            format!("{error:#}"),
            format!("cannot read {}: {expected_cause}", spec.display())
        );
        assert_eq!(error.to_string(), format!("cannot read {}", spec.display()));
    }
}
