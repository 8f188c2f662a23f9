//! `cargo xtask drift --docs`: compares the source documents with the spec and reports every difference.

pub mod accepted;
pub mod compare;
pub mod extract;
pub mod report;
pub mod spec_model;
pub mod types;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

/// The accepted differences, relative to the workspace root.
pub const ACCEPTED: &str = "spec/drift-accepted.yaml";

/// How bad a difference is for users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The documents add something to a response, or say less than the spec: the models cope.
    Info,
    /// The documents add something to a request, or disagree about a type or an operation.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Error => "error",
        })
    }
}

/// What kind of difference a finding is; its name is part of the fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A documented type has no schema in the spec.
    TypeMissing,
    /// A documented property is absent from the spec's schema.
    PropertyMissing,
    /// A property of the spec is documented nowhere.
    PropertyUndocumented,
    /// The documents and the spec give a property, parameter or body different types.
    TypeMismatch,
    /// The documents spell a name in another case than the spec, with no annotation saying so.
    Casing,
    /// A documented enum value is absent from the spec's enum.
    EnumValueMissing,
    /// An enum value of the spec is documented nowhere while its siblings are.
    EnumValueUndocumented,
    /// A documented operation is absent from the spec.
    OperationMissing,
    /// A documented parameter or request header is absent from the spec's operation.
    ParameterMissing,
    /// A parameter of the spec's operation is documented nowhere while the operation is.
    ParameterUndocumented,
    /// The documents require a parameter that the spec leaves optional.
    ParameterRequired,
    /// A documented response status is absent from the spec's operation.
    ResponseMissing,
}

impl Kind {
    /// Every kind, for parsing the accepted file.
    pub const ALL: [Kind; 12] = [
        Kind::TypeMissing,
        Kind::PropertyMissing,
        Kind::PropertyUndocumented,
        Kind::TypeMismatch,
        Kind::Casing,
        Kind::EnumValueMissing,
        Kind::EnumValueUndocumented,
        Kind::OperationMissing,
        Kind::ParameterMissing,
        Kind::ParameterUndocumented,
        Kind::ParameterRequired,
        Kind::ResponseMissing,
    ];

    /// The stable name used in fingerprints and in the accepted file.
    pub fn name(self) -> &'static str {
        match self {
            Kind::TypeMissing => "type-missing",
            Kind::PropertyMissing => "property-missing",
            Kind::PropertyUndocumented => "property-undocumented",
            Kind::TypeMismatch => "type-mismatch",
            Kind::Casing => "casing",
            Kind::EnumValueMissing => "enum-value-missing",
            Kind::EnumValueUndocumented => "enum-value-undocumented",
            Kind::OperationMissing => "operation-missing",
            Kind::ParameterMissing => "parameter-missing",
            Kind::ParameterUndocumented => "parameter-undocumented",
            Kind::ParameterRequired => "parameter-required",
            Kind::ResponseMissing => "response-missing",
        }
    }

    /// The kind with this stable name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// The identity of a finding: it survives re-wording of the documents and moving lines.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint {
    /// What kind of difference.
    pub kind: Kind,
    /// The spec's type (or `METHOD path` for operations), as the spec names it when it can.
    pub subject: String,
    /// The property, parameter, enum value or status; empty for a whole type or operation.
    pub member: String,
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.member.is_empty() {
            write!(f, "{} {}", self.kind.name(), self.subject)
        } else {
            write!(f, "{} {}.{}", self.kind.name(), self.subject, self.member)
        }
    }
}

/// One difference between the documents and the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Its identity.
    pub fingerprint: Fingerprint,
    /// Error or information.
    pub severity: Severity,
    /// What differs, in words.
    pub message: String,
    /// Where the documents say so, as `file:line`, sorted.
    pub locations: Vec<String>,
    /// The reason from the accepted file, when the difference was decided on purpose.
    pub accepted: Option<String>,
}

/// A document, or a part of one, that could not be read: never counted as a pass.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Failure {
    /// The document.
    pub file: String,
    /// The line (1-based) where reading failed, 0 for the whole file.
    pub line: usize,
    /// What could not be read.
    pub message: String,
}

/// An accepted entry that matches no finding any more.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stale {
    /// The entry's fingerprint.
    pub fingerprint: Fingerprint,
    /// Its reason.
    pub reason: String,
}

/// Everything one run found.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The documents read, with how many types and operations each gave.
    pub documents: Vec<(String, usize, usize)>,
    /// Every finding, sorted by fingerprint.
    pub findings: Vec<Finding>,
    /// Documents or tables that could not be read.
    pub failures: Vec<Failure>,
    /// Accepted entries that no longer match.
    pub stale: Vec<Stale>,
}

impl Outcome {
    /// Findings of this severity that are not accepted.
    pub fn unaccepted(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == severity && finding.accepted.is_none())
            .count()
    }

    /// Findings that are accepted.
    pub fn accepted(&self) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.accepted.is_some())
            .count()
    }

    /// Whether the run passes: no extraction failure and no unaccepted error; with `strict`, also
    /// no unaccepted information and no stale accepted entry.
    pub fn passes(&self, strict: bool) -> bool {
        self.failures.is_empty()
            && self.unaccepted(Severity::Error) == 0
            && (!strict || (self.unaccepted(Severity::Info) == 0 && self.stale.is_empty()))
    }
}

/// Options of `drift --docs`.
#[derive(Debug, Clone)]
pub struct DocsOptions {
    /// The documents to read.
    pub documents: Vec<PathBuf>,
    /// The spec.
    pub spec: PathBuf,
    /// The accepted differences; `None` accepts nothing.
    pub accepted: Option<PathBuf>,
}

/// Reads the documents and the spec, compares them, and applies the accepted file.
pub fn run_docs(options: &DocsOptions) -> Result<Outcome> {
    let spec_text = std::fs::read_to_string(&options.spec)
        .with_context(|| format!("cannot read {}", options.spec.display()))?;
    let model = spec_model::SpecModel::parse(&spec_text)
        .with_context(|| format!("cannot read the spec {}", options.spec.display()))?;
    let mut outcome = Outcome::default();
    let mut documents = Vec::new();
    for path in &options.documents {
        let file = display_path(path);
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let document = extract::extract(&file, &text, &model);
                    outcome.documents.push((
                        file.clone(),
                        document.types.len(),
                        document.operations.len(),
                    ));
                    outcome.failures.extend(document.failures.iter().cloned());
                    documents.push(document);
                }
                Err(_) => outcome.failures.push(Failure {
                    file,
                    line: 0,
                    message: "the document is not UTF-8 text".to_owned(),
                }),
            },
            Err(error) => outcome.failures.push(Failure {
                file,
                line: 0,
                message: format!("cannot read the document: {error}"),
            }),
        }
    }
    outcome.findings = compare::compare(&documents, &model);
    if let Some(path) = &options.accepted {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let entries = accepted::parse(&text)
            .with_context(|| format!("cannot read the accepted differences {}", path.display()))?;
        outcome.stale = accepted::apply(&entries, &mut outcome.findings);
    }
    outcome.failures.sort();
    Ok(outcome)
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}
