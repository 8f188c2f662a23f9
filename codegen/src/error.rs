//! The one error type of the generator, with diagnostics that point into the spec.

use std::fmt;

/// A problem found in the spec, located by a JSON pointer such as `#/components/schemas/Offer`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where in the spec the problem is, as a JSON pointer fragment.
    pub pointer: String,
    /// What is wrong, in lowercase without a trailing period.
    pub message: String,
}

impl Diagnostic {
    /// Creates a diagnostic at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
        }
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
    /// The spec declares an OpenAPI version this generator does not read.
    #[error("{origin}: #/openapi is {found:?}, but only OpenAPI 3.0.x is supported")]
    UnsupportedVersion {
        /// The file or label the text came from.
        origin: String,
        /// The version string found (empty when missing).
        found: String,
    },
    /// The spec does not have the shape of an OpenAPI document.
    #[error("{origin}: {pointer}: {message}")]
    Shape {
        /// The file or label the text came from.
        origin: String,
        /// Where the shape is wrong, as a JSON pointer fragment.
        pointer: String,
        /// What was expected there.
        message: String,
    },
    /// The spec is a valid document, but the generator found problems in it.
    #[error("{} problem{} in the spec:\n{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, list(.0))]
    Invalid(Vec<Diagnostic>),
    /// The emitted code did not parse; this is a bug in the generator.
    #[error("generated {file} does not parse as rust: {message}")]
    Render {
        /// The output file.
        file: String,
        /// The parser's message.
        message: String,
    },
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| format!("  {diagnostic}"))
        .collect::<Vec<_>>()
        .join("\n")
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
                found: "3.1.0".into(),
            },
            Error::Shape {
                origin: "api.yaml".into(),
                pointer: "#/paths".into(),
                message: "invalid type: string \"x\", expected a map".into(),
            },
            Error::Invalid(vec![Diagnostic::new(
                "#/paths/~1x/get",
                "missing responses",
            )]),
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
        let invalid = Error::Invalid(vec![
            Diagnostic::new(
                "#/components/schemas/A",
                "unresolved reference `#/components/schemas/B`",
            ),
            Diagnostic::new("#/paths/~1x/get", "missing responses"),
        ]);
        assert_eq!(
            invalid.to_string(),
            "2 problems in the spec:\n  #/components/schemas/A: unresolved reference `#/components/schemas/B`\n  #/paths/~1x/get: missing responses"
        );
        let version = Error::UnsupportedVersion {
            origin: "api.yaml".into(),
            found: "3.1.0".into(),
        };
        assert_eq!(
            version.to_string(),
            "api.yaml: #/openapi is \"3.1.0\", but only OpenAPI 3.0.x is supported"
        );
        let shape = Error::Shape {
            origin: "api.yaml".into(),
            pointer: "#/paths/~1pets/get/responses".into(),
            message: "invalid type: string \"x\", expected a map".into(),
        };
        assert_eq!(
            shape.to_string(),
            "api.yaml: #/paths/~1pets/get/responses: invalid type: string \"x\", expected a map"
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
