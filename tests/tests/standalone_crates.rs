//! The command's crates build: the small and medium corpus files (and a spec of our own) each give
//! a standalone crate that `cargo check` passes with no warnings, client included (its default
//! feature), and our own spec's crate checks without the client and with every feature (the test
//! doubles) too.
//!
//! The crates are written under `target/standalone/` and share one target directory, so the
//! runtime is compiled once. GitHub, Stripe, Twilio and OpenAI are left to the benchmark harness
//! (`xtask/genbench/checkbench.sh`): each takes minutes to check.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::output::Mode;
use codegen::standalone::{CrateSettings, RuntimeSource, write_crate};

/// The corpus files small enough to check on every run.
const CHECKED: &[&str] = &[
    "oai-callback-example.yaml",
    "oai-petstore-expanded.yaml",
    "oai-uspto.yaml",
    "oxide-propolis-server.json",
    "oxide-nexus.json",
];

fn check_crate(spec: &Path, name: &str, cargo_args: &[&str]) -> Result<(), String> {
    let root = golden_tests::workspace_root();
    let dir = root.join("target/standalone").join(name);
    let spec_doc = codegen::spec::load(spec).map_err(|error| error.to_string())?;
    let settings = CrateSettings {
        name: name.to_owned(),
        runtime: RuntimeSource::Path(root.join("codegen/runtime")),
        spec_label: spec.display().to_string(),
        filter: codegen::Filter::default(),
    };
    write_crate(&spec_doc, &dir, &settings, Mode::Write).map_err(|error| error.to_string())?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--message-format", "short"])
        .args(cargo_args)
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root.join("target/standalone-target"))
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() || stderr.contains("warning") {
        return Err(format!(
            "cargo check {} in {}:\n{stderr}",
            cargo_args.join(" "),
            dir.display()
        ));
    }
    Ok(())
}

#[test]
fn generated_crates_check_without_warnings() {
    let golden = golden_tests::workspace_root().join("tests/golden");
    let mut specs: Vec<(PathBuf, String)> = vec![
        (golden.join("object/spec.yaml"), "own-object".to_owned()),
        (golden.join("client/spec.yaml"), "own-client".to_owned()),
    ];
    if let Some(corpus) = golden_tests::shared_dir("corpus") {
        for file in CHECKED {
            let name = file.split('.').next().unwrap_or(file).to_owned();
            specs.push((corpus.join(file), name));
        }
    }
    let failures: Vec<String> = specs
        .iter()
        .filter_map(|(spec, name)| check_crate(spec, name, &[]).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_generated_crate_checks_without_its_client_and_with_its_test_doubles() {
    let spec = golden_tests::workspace_root().join("tests/golden/client/spec.yaml");
    if let Err(failure) = check_crate(&spec, "own-client-models-only", &["--no-default-features"]) {
        panic!("{failure}");
    }
    if let Err(failure) = check_crate(&spec, "own-client-mock", &["--all-features"]) {
        panic!("{failure}");
    }
}
