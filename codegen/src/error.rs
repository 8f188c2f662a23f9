//! The one error type of the generator, with diagnostics that point into the spec.

use std::fmt;

/// A problem found in the spec, located by a JSON pointer such as `#/components/schemas/Offer`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where in the spec the problem is, as a JSON pointer fragment.
    pub pointer: String,
    /// What is wrong, in lowercase without a trailing period.
    pub message: String,
    /// What a warning means for the generated code; errors are always [`Loss::None`].
    pub loss: Loss,
}

/// What a warning costs the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Loss {
    /// Nothing: the construct is generated, the warning is advice (or this is an error).
    None,
    /// A value the spec types is kept as raw JSON: nothing is lost at run time, but nothing is
    /// typed either.
    Untyped,
    /// A part of the spec is not generated at all (an operation's callbacks, a body that is not
    /// JSON).
    Skipped,
}

impl Diagnostic {
    /// Creates a diagnostic at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
            loss: Loss::None,
        }
    }

    /// Marks what this warning costs the generated code.
    pub fn with_loss(mut self, loss: Loss) -> Self {
        self.loss = loss;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// Everything that can stop generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec file could not be read; the I/O error is its [`source`](std::error::Error::source).
    #[error("cannot read {path}")]
    Read {
        /// The path that was read.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A generated file could not be written; the I/O error is its [`source`](std::error::Error::source).
    #[error("cannot write {path}")]
    Write {
        /// The path that was written.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A build-script generation ran without `OUT_DIR` and without an output directory.
    #[error("OUT_DIR is not set: run the builder from a build script, or give it `out_dir`")]
    NoOutDir,
    /// The spec is not well-formed YAML or JSON.
    #[error("{origin} is not valid {format}: {message}")]
    Syntax {
        /// The file or label the text came from.
        origin: String,
        /// `YAML` or `JSON`.
        format: &'static str,
        /// The parser's message, with line and column.
        message: String,
    },
    /// The file is empty, or holds only whitespace and comments.
    #[error("{origin} is empty: expected an OpenAPI 3.0 or 3.1 document")]
    Empty {
        /// The file or label the text came from.
        origin: String,
    },
    /// The document is valid YAML or JSON but not a mapping.
    #[error(
        "{origin}: the document is {found}, but an OpenAPI document is a mapping with an `openapi` key"
    )]
    NotAMapping {
        /// The file or label the text came from.
        origin: String,
        /// What the document is instead, such as `a list`.
        found: &'static str,
    },
    /// The document is a Swagger 2.0 description.
    #[error(
        "{origin}#/swagger is {found:?}: this is a Swagger 2.0 description, and only OpenAPI 3.0.x and 3.1.x are read; convert it first (for example with `npx swagger2openapi`)"
    )]
    Swagger {
        /// The file or label the text came from.
        origin: String,
        /// The `swagger` version found.
        found: String,
    },
    /// The spec declares an OpenAPI version this generator does not read.
    #[error("{origin}#/openapi is {found:?}, but only OpenAPI 3.0.x and 3.1.x are supported{}", version_hint(.found))]
    UnsupportedVersion {
        /// The file or label the text came from.
        origin: String,
        /// The version string found (empty when missing).
        found: String,
    },
    /// The spec does not have the shape of an OpenAPI document; every place found is listed.
    #[error("{origin} does not have the shape of an OpenAPI 3.0 document ({}):\n{}", count(.problems), list(origin, .problems))]
    Shape {
        /// The file or label the text came from.
        origin: String,
        /// Each place where the shape is wrong, with what was expected there.
        problems: Vec<Diagnostic>,
    },
    /// The spec is a valid document, but the generator found problems in it.
    #[error("{origin}: {} in the spec:\n{}", count(.diagnostics), list(origin, .diagnostics))]
    Invalid {
        /// The file or label the text came from.
        origin: String,
        /// Every problem, each located by a JSON pointer.
        diagnostics: Vec<Diagnostic>,
    },
    /// The emitted code did not parse; this is a bug in the generator.
    #[error("generated {file} does not parse as rust: {message}")]
    Render {
        /// The output file.
        file: String,
        /// The parser's message.
        message: String,
    },
}

/// One problem per line, each as `file#/pointer: message`.
fn list(origin: &str, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| format!("  {origin}{diagnostic}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `1 problem`, `3 problems`.
fn count(diagnostics: &[Diagnostic]) -> String {
    match diagnostics.len() {
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    }
}

/// What to do about a version that is neither 3.0.x nor 3.1.x.
fn version_hint(found: &str) -> &'static str {
    if found.is_empty() {
        ": add `openapi: 3.0.3` at the top level"
    } else if found.starts_with("3.") && !found.starts_with("3.0.") && !found.starts_with("3.1.") {
        ": OpenAPI 3.2 and later are not read yet (3.2 adds constructs, such as the `query` method and streamed items, that 3.0 cannot say)"
    } else {
        ""
    }
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The error and its causes joined by `: `, as `anyhow` prints them under `{:#}`.
    fn chain(error: &dyn std::error::Error) -> String {
        let mut text = error.to_string();
        let mut cause = error.source();
        while let Some(next) = cause {
            text.push_str(": ");
            text.push_str(&next.to_string());
            cause = next.source();
        }
        text
    }

    fn read_error() -> Error {
        Error::Read {
            path: "spec/api.yaml".into(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        }
    }

    #[test]
    fn read_says_this_layer_and_leaves_the_cause_to_source() {
        let error = read_error();
        assert_eq!(error.to_string(), "cannot read spec/api.yaml");
        assert_eq!(
            std::error::Error::source(&error).map(ToString::to_string),
            Some("no such file".to_owned())
        );
        assert_eq!(chain(&error), "cannot read spec/api.yaml: no such file");
    }

    #[test]
    fn every_cause_appears_once_in_the_chain() {
        let errors = [
            read_error(),
            Error::Syntax {
                origin: "api.yaml".into(),
                format: "YAML",
                message: "did not find expected key at line 3 column 1".into(),
            },
            Error::UnsupportedVersion {
                origin: "api.yaml".into(),
                found: "3.2.0".into(),
            },
            Error::Shape {
                origin: "api.yaml".into(),
                problems: vec![Diagnostic::new(
                    "#/paths",
                    "invalid type: string \"x\", expected a map",
                )],
            },
            Error::Invalid {
                origin: "api.yaml".into(),
                diagnostics: vec![Diagnostic::new("#/paths/~1x/get", "missing responses")],
            },
            Error::Render {
                file: "models.rs".into(),
                message: "expected `;`".into(),
            },
        ];
        for error in &errors {
            let mut layers = vec![error.to_string()];
            let mut cause = std::error::Error::source(error);
            while let Some(next) = cause {
                let text = next.to_string();
                for layer in &layers {
                    assert!(
                        !layer.contains(&text),
                        "{layer:?} repeats its cause {text:?}"
                    );
                }
                layers.push(text);
                cause = next.source();
            }
        }
    }

    #[test]
    fn display_texts_are_pinned() {
        let invalid = Error::Invalid {
            origin: "api.yaml".into(),
            diagnostics: vec![
                Diagnostic::new(
                    "#/components/schemas/A",
                    "unresolved reference `#/components/schemas/B`",
                ),
                Diagnostic::new("#/paths/~1x/get", "missing responses"),
            ],
        };
        assert_eq!(
            invalid.to_string(),
            "api.yaml: 2 problems in the spec:\n  api.yaml#/components/schemas/A: unresolved reference `#/components/schemas/B`\n  api.yaml#/paths/~1x/get: missing responses"
        );
        let version = Error::UnsupportedVersion {
            origin: "api.yaml".into(),
            found: "3.2.0".into(),
        };
        assert_eq!(
            version.to_string(),
            "api.yaml#/openapi is \"3.2.0\", but only OpenAPI 3.0.x and 3.1.x are supported: OpenAPI 3.2 and later are not read yet (3.2 adds constructs, such as the `query` method and streamed items, that 3.0 cannot say)"
        );
        let shape = Error::Shape {
            origin: "api.yaml".into(),
            problems: vec![Diagnostic::new(
                "#/paths/~1pets/get/responses",
                "invalid type: string \"x\", expected a map",
            )],
        };
        assert_eq!(
            shape.to_string(),
            "api.yaml does not have the shape of an OpenAPI 3.0 document (1 problem):\n  api.yaml#/paths/~1pets/get/responses: invalid type: string \"x\", expected a map"
        );
        let syntax = Error::Syntax {
            origin: "api.yaml".into(),
            format: "YAML",
            message: "did not find expected key at line 3 column 1".into(),
        };
        assert_eq!(
            syntax.to_string(),
            "api.yaml is not valid YAML: did not find expected key at line 3 column 1"
        );
        let render = Error::Render {
            file: "models.rs".into(),
            message: "expected `;`".into(),
        };
        assert_eq!(
            render.to_string(),
            "generated models.rs does not parse as rust: expected `;`"
        );
    }
}
