//! Turns an OpenAPI 3.0 or 3.1 description into typed, lossless Rust models.
//!
//! The pipeline is `spec` (read and check the document) → `lower` (decide everything, into the
//! plain-data [`ir`]) → `emit` (tokens) → `render` (formatted files). Only `spec` and `lower`
//! know `openapiv3`; only `names` knows `heck`; only `emit` and `render` know tokens.

#![deny(missing_docs)]

mod build_script;
pub mod emit;
pub mod error;
mod filter;
pub mod ir;
pub mod lower;
pub mod names;
pub mod output;
pub mod render;
pub mod spec;
pub mod standalone;

use std::path::Path;

pub use build_script::{Builder, Built};
pub use emit::EmitOptions;
pub use error::{Diagnostic, Error, Result};
pub use filter::Filter;
pub use lower::Extensions;
pub use render::GeneratedFile;

/// Everything one generation run produced.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The API as generated (lowered, then narrowed by the options), for summaries and
    /// inspection.
    pub api: ir::Api,
    /// Constructs kept as untyped JSON or not generated (lowering's, and the 3.1 translation's
    /// notes), each with where it is in the spec as written.
    pub warnings: Vec<Diagnostic>,
    /// The output files, sorted by path.
    pub files: Vec<GeneratedFile>,
}

/// Options of a generation run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How emitted code refers to the runtime.
    pub emit: EmitOptions,
    /// How the preamble names the spec, such as `spec/api.yaml`.
    pub source_label: String,
    /// Whether to generate the client (on by default); the models are always generated.
    pub client: bool,
    /// Which operations and types to generate (everything by default).
    pub filter: Filter,
    /// The names of the extensions lowering honours.
    pub extensions: Extensions,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            emit: EmitOptions::default(),
            source_label: "an OpenAPI description".to_owned(),
            client: true,
            filter: Filter::default(),
            extensions: Extensions::default(),
        }
    }
}

/// Generates the output files for the spec at `path`.
pub fn generate_from_path(path: &Path, options: &Options) -> Result<Generation> {
    generate(&spec::load(path)?, options)
}

/// Generates the output files for an already parsed spec.
pub fn generate(spec: &spec::Spec, options: &Options) -> Result<Generation> {
    let lowered = match lower::lower_with(spec, &options.extensions) {
        Ok(lowered) => lowered,
        Err(Error::Invalid {
            origin,
            mut diagnostics,
        }) => {
            spec.origins.restore(&mut diagnostics);
            return Err(Error::Invalid {
                origin,
                diagnostics,
            });
        }
        Err(error) => return Err(error),
    };
    let mut warnings = lowered.warnings;
    spec.origins.restore(&mut warnings);
    warnings.extend(spec.notes.iter().cloned());
    warnings.sort();
    warnings.dedup();
    let mut api = lowered.api;
    filter::apply(&mut api, &options.filter, options.client, &spec.origin)?;
    let mut files = emit::emit(&api, &options.emit)
        .into_iter()
        .map(|file| render::render(file, &options.source_label))
        .collect::<Result<Vec<_>>>()?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generation {
        api,
        warnings,
        files,
    })
}
