//! The corpus sample round trip: generated crates must write every sample back byte for byte.
//!
//! For one spec, [`run`] writes the command's standalone crate (models only), a small driver crate
//! beside it whose `main` dispatches from a Rust type name to `decode → encode` for the type of
//! every component schema, and a file of samples (`Type<TAB>json` lines, from
//! [`crate::samples`]). It runs the driver and sorts each sample into written back identically,
//! written back differently (a lossless failure), or rejected (a typing defect, counted apart).
//! The mapping from schema key to Rust type comes from the IR: each named type's `source` pointer,
//! and each envelope instance's alias.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::ir::TypeDef;
use codegen::output::Mode;
use codegen::standalone::{CrateSettings, RuntimeSource, write_crate};

use crate::json_tree::Tree;
use crate::samples::{self, SampleError, Settings};

/// Why a spec could not be put through the round trip at all.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// The spec does not load or generate.
    #[error("{spec}: {source}")]
    Generate {
        /// The spec file.
        spec: String,
        /// The generator's error.
        source: codegen::Error,
    },
    /// A file could not be written or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        source: std::io::Error,
    },
    /// The driver did not build or run.
    #[error("driver in {dir} failed:\n{stderr}")]
    Driver {
        /// The driver crate.
        dir: String,
        /// What cargo or the driver printed.
        stderr: String,
    },
}

/// One sample that did not come back identical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The component schema key.
    pub key: String,
    /// Its Rust type.
    pub type_name: String,
    /// Which sample of the schema (`required`, `extra`, `choice 2`, ...).
    pub label: String,
    /// The sample text.
    pub sample: String,
    /// What came back: the written text for a failure, the error for a rejection.
    pub detail: String,
}

/// What a byte difference amounts to, when it is one of the differences known today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difference {
    /// The same keys and values, in another order: declared fields are written in declaration
    /// order and unknown fields after them, whatever order they arrived in.
    KeyOrder,
    /// An integer literal in a `number` position comes back as a float (`5` as `5.0`), possibly
    /// with keys reordered too.
    IntegerAsFloat,
    /// Anything else: a lossless failure nobody has explained yet.
    Unexplained,
}

impl Difference {
    /// Classifies the difference between a sample and what was written back.
    pub fn of(expected: &str, written: &str) -> Self {
        let (Ok(expected), Ok(written)) = (Tree::parse(expected), Tree::parse(written)) else {
            return Self::Unexplained;
        };
        if equivalent(&expected, &written, false) {
            Self::KeyOrder
        } else if equivalent(&expected, &written, true) {
            Self::IntegerAsFloat
        } else {
            Self::Unexplained
        }
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::KeyOrder => "key order",
            Self::IntegerAsFloat => "integer as float",
            Self::Unexplained => "unexplained",
        }
    }
}

/// Whether two trees hold the same keys and values in any key order, numbers spelled the same
/// (or, with `float_ok`, an integer written back as the same float).
fn equivalent(expected: &Tree, written: &Tree, float_ok: bool) -> bool {
    match (expected, written) {
        (Tree::Object(left), Tree::Object(right)) => {
            left.len() == right.len()
                && left.iter().all(|(key, value)| {
                    written
                        .get(key)
                        .is_some_and(|other| equivalent(value, other, float_ok))
                })
        }
        (Tree::Array(left), Tree::Array(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .zip(right)
                    .all(|(value, other)| equivalent(value, other, float_ok))
        }
        (Tree::Number(left), Tree::Number(right)) => {
            left.to_string() == right.to_string()
                || (float_ok
                    && !left.is_f64()
                    && right.is_f64()
                    && right.to_string() == format!("{left}.0"))
        }
        _ => expected == written,
    }
}

/// What the round trip found for one spec.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    /// The spec file name.
    pub file: String,
    /// Component schemas in the spec.
    pub schemas: usize,
    /// Schemas with no generated type (key, reason).
    pub unmapped: Vec<String>,
    /// Schemas the generator could not sample.
    pub not_sampled: Vec<SampleError>,
    /// Samples run.
    pub samples: usize,
    /// Samples accepted and written back byte for byte.
    pub identical: usize,
    /// Samples the type rejected.
    pub rejected: Vec<Outcome>,
    /// Samples accepted but written back differently: lossless failures.
    pub failures: Vec<Outcome>,
}

impl FileReport {
    /// One table row: file, schemas, samples, identical, rejected, failures (and of those, key
    /// order, integer as float, unexplained).
    pub fn row(&self) -> String {
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.file,
            self.schemas,
            self.samples,
            self.identical,
            self.rejected.len(),
            self.failures.len(),
            self.failures_of(Difference::KeyOrder).len(),
            self.failures_of(Difference::IntegerAsFloat).len(),
            self.failures_of(Difference::Unexplained).len()
        )
    }

    /// The header of [`FileReport::row`]'s table.
    pub fn header() -> &'static str {
        "| file | schemas | samples | identical | rejected | failures | key order | integer as float | unexplained |\n\
         |---|---|---|---|---|---|---|---|---|"
    }

    /// The rejections grouped by error text with their count, most frequent first, with one
    /// example each; at most `limit` groups.
    pub fn rejection_summary(&self, limit: usize) -> String {
        let mut groups: BTreeMap<String, (usize, &Outcome)> = BTreeMap::new();
        for outcome in &self.rejected {
            let reason = normalise_error(&outcome.detail);
            groups.entry(reason).or_insert((0, outcome)).0 += 1;
        }
        let mut groups: Vec<(String, (usize, &Outcome))> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
        let mut text = String::new();
        for (reason, (count, example)) in groups.into_iter().take(limit) {
            let _ = writeln!(
                text,
                "  {count} x {reason}\n      e.g. {} ({}) {}: {}",
                example.key,
                example.type_name,
                example.label,
                shorten(&example.sample, 200)
            );
        }
        text
    }

    /// How many failures each kind of sample had (`reversed`, `extra`, `choice`, ...).
    pub fn failures_by_sample_kind(&self) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for failure in &self.failures {
            let kind = failure.label.split(' ').next().unwrap_or_default();
            *counts.entry(kind).or_default() += 1;
        }
        counts
            .iter()
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The failures of one kind of difference.
    pub fn failures_of(&self, kind: Difference) -> Vec<&Outcome> {
        self.failures
            .iter()
            .filter(|failure| Difference::of(&failure.sample, &failure.detail) == kind)
            .collect()
    }

    /// The failures: schema, sample label, expected and written text, at most `limit` of each
    /// kind of difference, with the count of each kind.
    pub fn failure_details(&self, limit: usize) -> String {
        let mut text = String::new();
        for kind in [
            Difference::Unexplained,
            Difference::IntegerAsFloat,
            Difference::KeyOrder,
        ] {
            let failures = self.failures_of(kind);
            if failures.is_empty() {
                continue;
            }
            let _ = writeln!(text, " {} x {}:", failures.len(), kind.name());
            for failure in failures.into_iter().take(limit) {
                let _ = writeln!(
                    text,
                    "  {} ({}) {}\n    expected: {}\n    written:  {}",
                    failure.key,
                    failure.type_name,
                    failure.label,
                    shorten(&failure.sample, 600),
                    shorten(&failure.detail, 600)
                );
            }
        }
        text
    }
}

/// Error texts without their positions and quoted values, so that alike errors group together.
fn normalise_error(error: &str) -> String {
    let mut text = String::new();
    let mut in_quote = false;
    for ch in error.chars() {
        match ch {
            '`' => {
                in_quote = !in_quote;
                text.push_str(if in_quote { "`…" } else { "`" });
            }
            _ if in_quote => {}
            _ if ch.is_ascii_digit() => {
                if !text.ends_with('N') {
                    text.push('N');
                }
            }
            _ => text.push(ch),
        }
    }
    shorten(&text, 160)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let head: String = text.chars().take(max).collect();
        format!("{head}…")
    }
}

/// Where the crates go and which cargo builds them.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The directory that holds the generated crates and their drivers.
    pub crates: PathBuf,
    /// The target directory all of them share.
    pub target: PathBuf,
    /// The runtime crate the generated crates name by path.
    pub runtime: PathBuf,
}

impl Layout {
    /// The layout under this workspace's `target/` (crates in `target/corpus-samples/`, the
    /// target directory `target/standalone-target/` shared with the standalone crate check).
    pub fn in_workspace() -> Self {
        let root = crate::workspace_root();
        Self {
            crates: root.join("target/corpus-samples"),
            target: root.join("target/standalone-target"),
            runtime: root.join("codegen/runtime"),
        }
    }
}

/// Runs the sample round trip for the spec at `spec_path`, naming its crate `name`.
pub fn run(spec_path: &Path, name: &str, layout: &Layout) -> Result<FileReport, HarnessError> {
    let generate_error = |source| HarnessError::Generate {
        spec: spec_path.display().to_string(),
        source,
    };
    let spec = codegen::spec::load(spec_path).map_err(generate_error)?;
    // The typed document written out keeps the spec's key order (its maps are ordered).
    let tree = serde_json::to_string(&spec.document)
        .and_then(|text| Tree::parse(&text))
        .map_err(|error| HarnessError::Io {
            path: spec_path.display().to_string(),
            source: std::io::Error::other(error),
        })?;
    let models_dir = layout.crates.join(name);
    let settings = CrateSettings {
        name: name.to_owned(),
        runtime: RuntimeSource::Path(layout.runtime.clone()),
        spec_label: spec_path.display().to_string(),
        filter: codegen::Filter::default(),
    };
    let written =
        write_crate(&spec, &models_dir, &settings, Mode::Write).map_err(generate_error)?;
    let types = component_types(&written.generation.api);

    let mut report = FileReport {
        file: spec_path
            .file_name()
            .map(|file| file.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..FileReport::default()
    };
    let keys = samples::component_keys(&tree);
    report.schemas = keys.len();
    let mut lines = String::new();
    let mut index: Vec<(String, String, String, String)> = Vec::new();
    let settings = Settings::default();
    for key in &keys {
        let Some(type_name) = types.get(key) else {
            report.unmapped.push(key.clone());
            continue;
        };
        match samples::component_samples(&tree, key, &settings) {
            Ok(found) => {
                for sample in found {
                    let text = sample.text();
                    lines.push_str(type_name);
                    lines.push('\t');
                    lines.push_str(&text);
                    lines.push('\n');
                    index.push((key.clone(), type_name.clone(), sample.label, text));
                }
            }
            Err(error) => report.not_sampled.push(error),
        }
    }
    report.samples = index.len();

    let driver_dir = layout.crates.join(format!("{name}-roundtrip"));
    let mut names: Vec<&String> = types.values().collect();
    names.sort();
    names.dedup();
    write_file(
        &driver_dir.join("Cargo.toml"),
        &driver_manifest(name, &models_dir, &layout.runtime),
    )?;
    write_file(&driver_dir.join("src/main.rs"), &driver_main(&names))?;
    let samples_file = driver_dir.join("samples.txt");
    write_file(&samples_file, &lines)?;

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--offline", "--quiet", "--"])
        .arg(&samples_file)
        .current_dir(&driver_dir)
        .env("CARGO_TARGET_DIR", &layout.target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|source| HarnessError::Io {
            path: "cargo".to_owned(),
            source,
        })?;
    let driver_failed = |stderr: String| HarnessError::Driver {
        dir: driver_dir.display().to_string(),
        stderr,
    };
    if !output.status.success() {
        return Err(driver_failed(
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let verdicts: Vec<&str> = stdout.lines().collect();
    if verdicts.len() != index.len() {
        return Err(driver_failed(format!(
            "{} verdicts for {} samples\n{}",
            verdicts.len(),
            index.len(),
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    for ((key, type_name, label, sample), verdict) in index.into_iter().zip(verdicts) {
        let (kind, detail) = verdict.split_once('\t').unwrap_or((verdict, ""));
        let outcome = Outcome {
            key,
            type_name,
            label,
            sample,
            detail: detail.to_owned(),
        };
        match kind {
            "same" => report.identical += 1,
            "rejected" => report.rejected.push(outcome),
            _ => {
                let mut outcome = outcome;
                if kind != "differs" {
                    // `panicked`, `unwritable` or `unknown`: not written back, so not lossless.
                    outcome.detail = format!("({kind}) {}", outcome.detail);
                }
                report.failures.push(outcome);
            }
        }
    }
    Ok(report)
}

/// The Rust type of every component schema, by schema key, from the IR's source pointers.
pub fn component_types(api: &codegen::ir::Api) -> BTreeMap<String, String> {
    let mut types = BTreeMap::new();
    let mut record = |source: &str, name: &str| {
        if let Some(escaped) = source.strip_prefix("#/components/schemas/")
            && !escaped.contains('/')
        {
            let key = escaped.replace("~1", "/").replace("~0", "~");
            types.insert(key, name.to_owned());
        }
    };
    for def in &api.types {
        match def {
            TypeDef::Struct(def) => record(&def.source, &def.name),
            TypeDef::Enum(def) => record(&def.source, &def.name),
            TypeDef::Union(def) => record(&def.source, &def.name),
            TypeDef::Alias(def) => record(&def.source, &def.name),
            TypeDef::Envelope(def) => {
                for instance in &def.instances {
                    record(&instance.source, &instance.alias);
                }
            }
        }
    }
    types
}

fn write_file(path: &Path, contents: &str) -> Result<(), HarnessError> {
    let io_error = |source| HarnessError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error)?;
    }
    if std::fs::read_to_string(path).is_ok_and(|known| known == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(io_error)
}

fn toml_path(path: &Path) -> String {
    serde_json::to_string(&path.display().to_string()).unwrap_or_default()
}

fn driver_manifest(name: &str, models: &Path, runtime: &Path) -> String {
    format!(
        "[package]\n\
         name = \"{name}-roundtrip\"\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         models = {{ package = \"{name}\", path = {models}, default-features = false }}\n\
         codegen-runtime = {{ path = {runtime} }}\n\
         serde = \"1\"\n\
         serde_json = \"1\"\n\
         \n\
         [profile.dev]\n\
         debug = 0\n\
         \n\
         [workspace]\n",
        models = toml_path(models),
        runtime = toml_path(runtime),
    )
}

fn driver_main(names: &[&String]) -> String {
    let mut arms = String::new();
    for name in names {
        let _ = writeln!(arms, "        \"{name}\" => round::<models::{name}>(json),");
    }
    format!(
        "//! Reads `Type<TAB>json` lines and writes each sample back through the named type.\n\
         \n\
         use std::io::Write;\n\
         \n\
         fn one_line(text: &str) -> String {{\n\
         \x20   text.replace(['\\n', '\\r', '\\t'], \" \")\n\
         }}\n\
         \n\
         fn round<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> String {{\n\
         \x20   match codegen_runtime::from_str::<T>(json) {{\n\
         \x20       Err(error) => format!(\"rejected\\t{{}}\", one_line(&error.to_string())),\n\
         \x20       Ok(value) => match serde_json::to_string(&value) {{\n\
         \x20           Ok(written) if written == json => \"same\".to_owned(),\n\
         \x20           Ok(written) => format!(\"differs\\t{{}}\", one_line(&written)),\n\
         \x20           Err(error) => format!(\"unwritable\\t{{}}\", one_line(&error.to_string())),\n\
         \x20       }},\n\
         \x20   }}\n\
         }}\n\
         \n\
         fn dispatch(ty: &str, json: &str) -> String {{\n\
         \x20   match ty {{\n\
         {arms}\
         \x20       _ => \"unknown\".to_owned(),\n\
         \x20   }}\n\
         }}\n\
         \n\
         fn main() {{\n\
         \x20   let path = std::env::args().nth(1).expect(\"a samples file\");\n\
         \x20   let text = std::fs::read_to_string(path).expect(\"a readable samples file\");\n\
         \x20   let mut out = std::io::BufWriter::new(std::io::stdout().lock());\n\
         \x20   for line in text.lines() {{\n\
         \x20       let (ty, json) = line.split_once('\\t').unwrap_or((line, \"\"));\n\
         \x20       let verdict = std::panic::catch_unwind(|| dispatch(ty, json))\n\
         \x20           .unwrap_or_else(|_| \"panicked\".to_owned());\n\
         \x20       writeln!(out, \"{{verdict}}\").expect(\"stdout\");\n\
         \x20   }}\n\
         }}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::Difference;

    #[test]
    fn differences_are_classified() {
        assert_eq!(
            Difference::of(r#"{"a":1,"b":2}"#, r#"{"b":2,"a":1}"#),
            Difference::KeyOrder
        );
        assert_eq!(
            Difference::of(r#"{"a":5,"b":[2]}"#, r#"{"b":[2],"a":5.0}"#),
            Difference::IntegerAsFloat
        );
        assert_eq!(
            Difference::of(r#"{"a":5}"#, r#"{"a":5.5}"#),
            Difference::Unexplained
        );
        assert_eq!(
            Difference::of(r#"{"a":1,"b":2}"#, r#"{"a":1}"#),
            Difference::Unexplained
        );
        assert_eq!(
            Difference::of(r#"{"a":"x"}"#, r#"{"a":"y"}"#),
            Difference::Unexplained
        );
        assert_eq!(Difference::of("1.0", "1"), Difference::Unexplained);
    }

    #[test]
    fn schema_keys_map_to_types_and_envelope_aliases() {
        let spec = crate::workspace_root().join("tests/golden/envelope/spec.yaml");
        let generation = codegen::generate_from_path(&spec, &codegen::Options::default())
            .expect("the envelope case generates");
        let types = super::component_types(&generation.api);
        let pairs: Vec<(&str, &str)> = types
            .iter()
            .map(|(key, name)| (key.as_str(), name.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Cat", "Cat"),
                ("CatPage", "CatPage"),
                ("Dog", "Dog"),
                ("DogPage", "DogPage"),
                ("Links", "Links")
            ]
        );
    }

    #[test]
    fn a_nullable_component_maps_to_its_alias_not_to_the_type_of_its_branch() {
        let spec = crate::workspace_root().join("tests/golden/nullable31/spec.yaml");
        let generation = codegen::generate_from_path(&spec, &codegen::Options::default())
            .expect("the nullable31 case generates");
        let types = super::component_types(&generation.api);
        assert_eq!(types.get("Usage").map(String::as_str), Some("Usage"));
        assert_eq!(types.get("Metadata").map(String::as_str), Some("Metadata"));
    }

    #[test]
    fn alike_errors_group_together() {
        assert_eq!(
            super::normalise_error("at `a.b` line 1 column 12: unknown `x`"),
            "at `…` line N column N: unknown `…`"
        );
    }
}
