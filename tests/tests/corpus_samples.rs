//! Every corpus crate writes back, byte for byte, the samples generated from its own schemas.
//!
//! The small and medium corpus files run on every test run; with `CORPUS_SAMPLES=all` the big
//! ones (GitHub, Stripe, Twilio, OpenAI; each compiles for minutes) run too; with
//! `CORPUS_SAMPLES=FILE,FILE` only the files named (as in the lists below, such as
//! `openai-2025-04.yaml` or `v3.1/openai-2026-08-3.1.yaml`) run. A sample the crate rejects is a
//! typing defect, and a sample accepted but written back differently is a lossless failure. Every
//! one is printed; the test fails on every rejection (no corpus file has one since 2026-12-03)
//! and on every difference that is not one of the two kinds known (`Difference::KeyOrder`,
//! `Difference::IntegerAsFloat`: see BENCHMARKS.md), and with `CORPUS_SAMPLES_STRICT=1` on those
//! too. The figures are in BENCHMARKS.md.

use golden_tests::sample_roundtrip::{Difference, FileReport, HarnessError, Layout, run};

/// Set to `all` to run the big corpus files too, or to a comma-separated list of the files to run.
const ALL_VAR: &str = "CORPUS_SAMPLES";
/// Set to fail on the known kinds of difference too.
const STRICT_VAR: &str = "CORPUS_SAMPLES_STRICT";

/// The corpus files small enough to run on every test run.
const SMALL: &[&str] = &[
    "oai-petstore-expanded.yaml",
    "oai-uspto.yaml",
    "oai-callback-example.yaml",
    "oxide-propolis-server.json",
    "oxide-nexus.json",
];

/// The corpus files that run only when asked.
const BIG: &[&str] = &[
    "github-api-2021.json",
    "stripe-spec3-2023-09.yaml",
    "twilio-api-v2010.json",
    "openai-2025-04.yaml",
    "v3.1/openai-2026-08-3.1.yaml",
];

fn print(report: &FileReport) {
    eprintln!(
        "{}: {} schemas, {} samples, {} identical, {} rejected, {} failures, {} unmapped, {} not sampled",
        report.file,
        report.schemas,
        report.samples,
        report.identical,
        report.rejected.len(),
        report.failures.len(),
        report.unmapped.len(),
        report.not_sampled.len()
    );
    if !report.failures.is_empty() {
        eprintln!(
            "written back differently (by sample: {}):\n{}",
            report.failures_by_sample_kind(),
            report.failure_details(3)
        );
    }
    if !report.rejected.is_empty() {
        eprintln!("rejected, by reason:\n{}", report.rejection_summary(12));
    }
    for error in report.not_sampled.iter().take(5) {
        eprintln!("  not sampled: {error}");
    }
    for key in report.unmapped.iter().take(5) {
        eprintln!("  no generated type: {key}");
    }
}

#[test]
fn corpus_crates_write_their_samples_back_byte_for_byte() {
    let Some(corpus) = golden_tests::shared_dir("corpus") else {
        return;
    };
    let chosen = std::env::var(ALL_VAR).unwrap_or_default();
    let files: Vec<&str> = match chosen.as_str() {
        "" => {
            eprintln!("the big corpus files are skipped: set {ALL_VAR}=all to run them");
            SMALL.to_vec()
        }
        "all" => SMALL.iter().chain(BIG).copied().collect(),
        list => {
            let named: Vec<&str> = list.split(',').map(str::trim).collect();
            let known: Vec<&str> = SMALL.iter().chain(BIG).copied().collect();
            let unknown: Vec<&&str> = named.iter().filter(|file| !known.contains(file)).collect();
            assert!(
                unknown.is_empty(),
                "{ALL_VAR} names files that are not corpus files of this test: {unknown:?}"
            );
            known
                .into_iter()
                .filter(|file| named.contains(file))
                .collect()
        }
    };
    let strict = std::env::var_os(STRICT_VAR).is_some();
    let layout = Layout::in_workspace();
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for file in files {
        let stem = file.rsplit('/').next().unwrap_or(file);
        let name = format!("{}-samples", stem.split('.').next().unwrap_or(stem));
        match run(&corpus.join(file), &name, &layout) {
            Ok(report) => {
                print(&report);
                rows.push(report.row());
                let failing = if strict {
                    report.failures.len()
                } else {
                    report.failures_of(Difference::Unexplained).len()
                };
                if failing > 0 {
                    failures.push(format!(
                        "{}: {failing} samples written back differently:\n{}",
                        report.file,
                        report.failure_details(20)
                    ));
                }
                if !report.rejected.is_empty() {
                    failures.push(format!(
                        "{}: {} samples rejected:\n{}",
                        report.file,
                        report.rejected.len(),
                        report.rejection_summary(12)
                    ));
                }
                if report.samples == 0 && report.schemas > 0 {
                    failures.push(format!("{}: no samples were run", report.file));
                }
            }
            Err(HarnessError::Generate {
                source: codegen::Error::UnsupportedVersion { found, .. },
                ..
            }) => eprintln!("{file}: refused by the generator (OpenAPI {found})"),
            Err(error) => failures.push(error.to_string()),
        }
    }
    eprintln!("{}\n{}", FileReport::header(), rows.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
