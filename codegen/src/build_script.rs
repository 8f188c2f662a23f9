//! Generation from a build script: the spec in, files in `OUT_DIR`, and a file to `include!`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::{self, Mode};
use crate::{Generation, Options};

/// Generates code from a `build.rs`.
///
/// ```no_run
/// // in build.rs's `main`:
/// codegen::Builder::new("spec/api.yaml").generate_or_exit();
/// ```
///
/// ```ignore
/// // src/lib.rs: declares `models` (and `client`) from the generated files
/// include!(concat!(env!("OUT_DIR"), "/generated.rs"));
/// pub use models::*;
/// ```
///
/// The files are the same as `cargo xtask generate` or the command would write for the same
/// options, byte for byte; they land in `OUT_DIR/<name>/`, and `OUT_DIR/<name>.rs` declares each
/// as a module by its absolute path, so their inner docs and attributes stay valid.
#[derive(Debug, Clone)]
pub struct Builder {
    spec: PathBuf,
    options: Options,
    out_dir: Option<PathBuf>,
    name: String,
}

/// What a build-script run produced.
#[derive(Debug, Clone)]
pub struct Built {
    /// The file to `include!`: it declares one module per generated file.
    pub include: PathBuf,
    /// The directory the generated files are in.
    pub dir: PathBuf,
    /// The generation itself: the IR, the warnings and the files.
    pub generation: Generation,
}

impl Builder {
    /// Generates from the spec at `spec` (relative paths are relative to the package, where
    /// cargo runs build scripts), with the default options.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        let spec = spec.into();
        let options = Options {
            source_label: spec.display().to_string(),
            ..Options::default()
        };
        Self {
            spec,
            options,
            out_dir: None,
            name: "generated".to_owned(),
        }
    }

    /// Replaces every option at once, as `cargo xtask generate` and the command take them.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// How the preamble of each file names the spec (the spec's path by default).
    pub fn source_label(mut self, label: impl Into<String>) -> Self {
        self.options.source_label = label.into();
        self
    }

    /// Where generated code finds the model runtime (`::codegen_runtime` by default).
    pub fn runtime(mut self, path: impl Into<String>) -> Self {
        self.options.emit.runtime = path.into();
        self
    }

    /// The cargo feature that gates the client module; `None` compiles it always.
    pub fn client_feature(mut self, feature: Option<&str>) -> Self {
        self.options.emit.client_feature = feature.map(str::to_owned);
        self
    }

    /// Generates only what `filter` keeps (and what that references).
    pub fn filter(mut self, filter: crate::Filter) -> Self {
        self.options.filter = filter;
        self
    }

    /// Reads the extensions `extensions` names (for example a spec's own spelling of enum value
    /// names).
    pub fn extensions(mut self, extensions: crate::Extensions) -> Self {
        self.options.extensions = extensions;
        self
    }

    /// Whether to write and declare the client (on by default); models are always generated.
    pub fn client(mut self, client: bool) -> Self {
        self.options.client = client;
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Names the output: files go to `OUT_DIR/<name>/`, the include file is `OUT_DIR/<name>.rs`
    /// (`generated` by default).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Generates, writes what changed, and tells cargo to rerun when the spec changes; warnings
    /// become `cargo:warning` lines.
    pub fn generate(self) -> Result<Built> {
        println!("cargo:rerun-if-changed={}", self.spec.display());
        let out_dir = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let generation = crate::generate_from_path(&self.spec, &self.options)?;
        for warning in &generation.warnings {
            println!(
                "cargo:warning={}{warning}",
                self.spec.display().to_string().replace('\n', " ")
            );
        }
        let dir = out_dir.join(&self.name);
        let label = dir.display().to_string();
        output::sync(&dir, &generation.files, Mode::Write, &label)?;
        let include = out_dir.join(format!("{}.rs", self.name));
        let text = include_file(&dir, &generation, &self.options);
        if std::fs::read_to_string(&include).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&include, text).map_err(|source| Error::Write {
                path: include.display().to_string(),
                source,
            })?;
        }
        Ok(Built {
            include,
            dir,
            generation,
        })
    }

    /// Like [`Builder::generate`], but on failure prints the error (file, JSON pointer, what to
    /// do) and ends the build script with status 1: a readable build failure, not a panic.
    pub fn generate_or_exit(self) -> Built {
        match self.generate() {
            Ok(built) => built,
            Err(error) => {
                eprintln!("error: {error}");
                let mut cause = std::error::Error::source(&error);
                while let Some(next) = cause {
                    eprintln!("  caused by: {next}");
                    cause = next.source();
                }
                std::process::exit(1);
            }
        }
    }
}

/// The module declarations of the generated files, each by its absolute path.
fn include_file(dir: &Path, generation: &Generation, options: &Options) -> String {
    let mut text = format!(
        "// @generated by codegen's build-script builder from {}. Do not edit.\n",
        options.source_label
    );
    for file in &generation.files {
        let Some(module) = file.path.strip_suffix(".rs").filter(|stem| *stem != "mod") else {
            continue;
        };
        let path = dir.join(&file.path);
        let gate = match (&options.emit.client_feature, module) {
            (Some(feature), "client") => format!("#[cfg(feature = {feature:?})]\n"),
            _ => String::new(),
        };
        text.push_str(&format!(
            "\n/// The generated `{module}` module.\n{gate}#[path = {:?}]\npub mod {module};\n",
            path.display().to_string()
        ));
    }
    text
}
