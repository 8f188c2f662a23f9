//! `cargo xtask test`: every check, with its own set-up, in the order CI runs them.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};

use crate::generate::{self, Mode, SPEC};
use crate::{drift, since};

/// The pinned external validator of the spec.
pub const VALIDATOR: &str = "openapi-spec-validator==0.7.2";

/// Validates the spec, checks the generated code is current, then runs the whole test suite.
pub fn run(root: &Path) -> Result<()> {
    println!("== validating {SPEC} with {VALIDATOR}");
    let validator = ensure_validator(root)?;
    let status = Command::new(&validator)
        .arg(root.join(SPEC))
        .status()
        .with_context(|| format!("cannot run {}", validator.display()))?;
    if !status.success() {
        bail!("{SPEC} is not a valid OpenAPI document");
    }

    println!("== checking generated code is current");
    let report = generate::run(root, Mode::Check)?;
    println!("checked {report}");

    println!("== comparing the source documents with the spec (drift --docs --strict)");
    check_docs(root)?;

    println!("== classifying spec changes since the base revision (drift --since)");
    check_since(root)?;

    println!("== building the models alone, without the client feature");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    run_step(
        Command::new(&cargo).current_dir(root).args([
            "build",
            "--quiet",
            "--locked",
            "-p",
            "partner-models",
            "--no-default-features",
        ]),
        "partner-models does not build without its client feature",
    )?;

    println!("== running the test suite");
    let mut child = Command::new(cargo)
        .current_dir(root)
        .args(["test", "--workspace", "--locked"])
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run cargo test")?;
    let mut tally = Tally::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.context("cannot read the output of cargo test")?;
            println!("{line}");
            tally.add(&line);
        }
    }
    let status = child.wait().context("cannot wait for cargo test")?;
    println!(
        "summary: {} passed, {} failed, {} skipped",
        tally.passed, tally.failed, tally.ignored
    );
    if !status.success() {
        bail!("the test suite failed");
    }
    Ok(())
}

/// Where the source documents are: `$PARTNER_SHARED_DIR/docs`, else `../shared/docs`.
fn docs_dir(root: &Path) -> PathBuf {
    std::env::var_os("PARTNER_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("..").join("shared"))
        .join("docs")
}

/// `drift --docs DIR/*.txt --strict` with the accepted list; a missing directory fails when
/// `PARTNER_REQUIRE_SHARED` is set (CI) and is skipped with a message otherwise.
fn check_docs(root: &Path) -> Result<()> {
    let dir = docs_dir(root);
    if !dir.is_dir() {
        if std::env::var_os("PARTNER_REQUIRE_SHARED").is_some() {
            bail!(
                "{} is missing and PARTNER_REQUIRE_SHARED is set",
                dir.display()
            );
        }
        println!(
            "skipping: {} not found (set PARTNER_SHARED_DIR)",
            dir.display()
        );
        return Ok(());
    }
    let mut documents: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    documents.sort();
    if documents.is_empty() {
        bail!("{} holds no .txt document", dir.display());
    }
    let outcome = drift::run_docs(&drift::DocsOptions {
        documents,
        spec: root.join(SPEC),
        accepted: Some(root.join(drift::ACCEPTED)),
    })?;
    print!("{}", drift::report::text(&outcome, true));
    if !outcome.passes(true) {
        bail!(
            "the source documents and the spec disagree beyond {}",
            drift::ACCEPTED
        );
    }
    Ok(())
}

/// `drift --since BASE`: the merge base with `origin/main` when that ref exists, else `HEAD~1`,
/// else nothing to compare with (said so).
fn check_since(root: &Path) -> Result<()> {
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .current_dir(root)
            .args(args)
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let base = if git(&["rev-parse", "--verify", "--quiet", "origin/main"]).is_some() {
        git(&["merge-base", "HEAD", "origin/main"])
    } else {
        git(&["rev-parse", "--verify", "--quiet", "HEAD~1"]).map(|_| "HEAD~1".to_owned())
    };
    let Some(base) = base else {
        println!("skipping: no origin/main and no parent commit to compare the spec with");
        return Ok(());
    };
    if git(&["cat-file", "-e", &format!("{base}:{SPEC}")]).is_none() {
        println!("skipping: {SPEC} does not exist at {base}");
        return Ok(());
    }
    let outcome = since::run(root, &base)?;
    print!("{}", since::text(&outcome));
    outcome.verdict().map_err(anyhow::Error::msg)
}

/// Totals of the `test result:` lines of a cargo test run.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl Tally {
    /// Adds the counts of one `test result: ok. 3 passed; 0 failed; 1 ignored; ...` line.
    fn add(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(count)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                "ignored" => self.ignored += count,
                _ => {}
            }
        }
    }
}

/// Installs the validator into a private virtual environment under `target/` once.
fn ensure_validator(root: &Path) -> Result<std::path::PathBuf> {
    let venv = root.join("target").join("spec-validator");
    let bin = venv.join("bin");
    let validator = bin.join("openapi-spec-validator");
    let stamp = venv.join("installed");
    if validator.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|text| text == VALIDATOR) {
        return Ok(validator);
    }
    let python = std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into());
    run_step(
        Command::new(&python).args(["-m", "venv"]).arg(&venv),
        "python3 with the venv module is needed to validate the spec",
    )?;
    run_step(
        Command::new(bin.join("python")).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            VALIDATOR,
        ]),
        "cannot install the spec validator from PyPI",
    )?;
    std::fs::write(&stamp, VALIDATOR)
        .with_context(|| format!("cannot write {}", stamp.display()))?;
    Ok(validator)
}

fn run_step(command: &mut Command, failure: &str) -> Result<()> {
    let status = command.status().with_context(|| failure.to_owned())?;
    if status.success() {
        Ok(())
    } else {
        bail!("{failure} ({status})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_adds_result_lines_and_ignores_others() {
        let mut tally = Tally::default();
        tally.add("test result: ok. 10 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        tally.add("test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1s");
        tally.add("test spec::tests::accepts_3_0_x ... ok");
        assert_eq!(
            tally,
            Tally {
                passed: 13,
                failed: 1,
                ignored: 2
            }
        );
    }
}
