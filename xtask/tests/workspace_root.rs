//! The built `xtask` binary checks the checkout that `CARGO_MANIFEST_DIR` names at run time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use xtask::generate::{MANIFEST_DIR_VAR, OUTPUT, SPEC};

/// The real checkout, as cargo names it to this test at run time.
fn real_root() -> PathBuf {
    let manifest_dir = std::env::var_os(MANIFEST_DIR_VAR).expect("cargo sets CARGO_MANIFEST_DIR");
    Path::new(&manifest_dir)
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}

/// A throwaway checkout with the spec and the generated files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let root = std::env::temp_dir().join(format!("xtask-root-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let source = real_root();
        copy(&source.join(SPEC), &root.join(SPEC));
        for entry in std::fs::read_dir(source.join(OUTPUT)).expect("generated directory exists") {
            let path = entry.expect("readable entry").path();
            let name = path.file_name().expect("file name");
            copy(&path, &root.join(OUTPUT).join(name));
        }
        std::fs::create_dir_all(root.join("xtask")).expect("can create xtask/");
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

/// Runs `xtask generate --check` with `CARGO_MANIFEST_DIR` set to `manifest_dir`, or unset.
fn check(manifest_dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(["generate", "--check"]);
    // Run from elsewhere, so that nothing can fall back on the current directory.
    command.current_dir(std::env::temp_dir());
    match manifest_dir {
        Some(dir) => command.env(MANIFEST_DIR_VAR, dir),
        None => command.env_remove(MANIFEST_DIR_VAR),
    };
    command.output().expect("the xtask binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_binary_checks_the_checkout_named_at_run_time() {
    let real = check(Some(&real_root().join("xtask")));
    assert!(real.status.success(), "{}", stderr(&real));

    let scratch = Scratch::new();
    let models = scratch.0.join(OUTPUT).join("models.rs");
    let text = std::fs::read_to_string(&models).expect("models.rs is readable");
    let edited = text.replacen(
        "/// A single name and value pair of strings.",
        "/// Edited by hand in the scratch checkout.",
        1,
    );
    assert_ne!(text, edited, "the edit must change models.rs");
    std::fs::write(&models, edited).expect("models.rs is writable");

    let scratch_run = check(Some(&scratch.0.join("xtask")));
    let message = stderr(&scratch_run);
    assert_eq!(scratch_run.status.code(), Some(1), "{message}");
    assert!(
        message.contains("-/// Edited by hand in the scratch checkout."),
        "{message}"
    );
    assert!(message.contains("run `cargo xtask generate`"), "{message}");

    let again = check(Some(&real_root().join("xtask")));
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn the_binary_refuses_to_guess_without_the_variable() {
    let output = check(None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: CARGO_MANIFEST_DIR is not set; run this as `cargo xtask`, which sets it to the xtask directory of the checkout\n"
    );
}
