//! `cargo xtask generate --check` passes on the committed code, and catches a spec edit.

use std::path::{Path, PathBuf};

use xtask::generate::{Mode, OUTPUT, SPEC, run};

#[test]
fn committed_generated_code_is_current() {
    if let Err(error) = run(&golden_tests::workspace_root(), Mode::Check) {
        panic!("{error:#}");
    }
}

/// A throwaway copy of the spec and the generated files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let root = std::env::temp_dir().join(format!("partner-drift-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let source = golden_tests::workspace_root();
        copy(&source.join(SPEC), &root.join(SPEC));
        for entry in std::fs::read_dir(source.join(OUTPUT)).expect("generated directory exists") {
            let path = entry.expect("readable entry").path();
            let name = path.file_name().expect("file name");
            copy(&path, &root.join(OUTPUT).join(name));
        }
        Self(root)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().expect("has a parent")).expect("can create directories");
    std::fs::copy(from, to)
        .unwrap_or_else(|error| panic!("cannot copy {}: {error}", from.display()));
}

#[test]
fn check_fails_after_a_spec_edit_and_passes_after_regeneration() {
    let scratch = Scratch::new();
    run(&scratch.0, Mode::Check).expect("a fresh copy is current");

    let spec_path = scratch.0.join(SPEC);
    let spec = std::fs::read_to_string(&spec_path).expect("spec is readable");
    let edited = spec.replacen(
        "description: A single name and value pair of strings.",
        "description: A key and its value.",
        1,
    );
    assert_ne!(spec, edited, "the edit must change the spec");
    std::fs::write(&spec_path, edited).expect("spec is writable");

    let error = format!(
        "{:#}",
        run(&scratch.0, Mode::Check).expect_err("the edit makes the committed code stale")
    );
    assert!(
        error.contains("-/// A single name and value pair of strings."),
        "{error}"
    );
    assert!(error.contains("+/// A key and its value."), "{error}");
    assert!(error.contains("run `cargo xtask generate`"), "{error}");

    let report = run(&scratch.0, Mode::Write).expect("regeneration succeeds");
    assert_eq!(
        (report.written, report.unchanged),
        (1, 2),
        "models.rs changes; mod.rs and client.rs do not"
    );
    run(&scratch.0, Mode::Check).expect("regenerated code is current");

    std::fs::write(
        scratch.0.join(OUTPUT).join("stale.rs"),
        "//! Left behind.\n",
    )
    .expect("writable");
    let stale = format!(
        "{:#}",
        run(&scratch.0, Mode::Check).expect_err("a stale file is drift")
    );
    assert!(stale.contains("stale.rs is no longer generated"), "{stale}");
    let report = run(&scratch.0, Mode::Write).expect("regeneration succeeds");
    assert_eq!(report.removed, 1);
}
