//! Entry points that decode a response body into a model, with errors that name the field path.

use serde::de::DeserializeOwned;

/// The UTF-8 byte-order mark some services start their bodies with.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A body that could not be decoded into the expected model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message} at line {line} column {column}", if path.is_empty() { "." } else { path.as_str() })]
pub struct DecodeError {
    /// The field path where decoding failed, such as `items[12].category.rank`; empty at the root.
    pub path: String,
    /// What was wrong and what was expected.
    pub message: String,
    /// The 1-based line of the body where decoding failed (0 when unknown).
    pub line: usize,
    /// The column of the body where decoding failed: 1-based, or 0 at the start of a line (and
    /// when unknown).
    pub column: usize,
}

/// Decodes a JSON body into `T`, accepting a leading UTF-8 byte-order mark.
///
/// The body is decoded at full speed first; only a body that fails is decoded again with path
/// tracking, to say where it failed. The fast decode checks the whole body for valid UTF-8 in
/// one pass and then reads it as text: `serde_json` reading bytes would check every string on
/// its own, which costs more than one pass over the body.
pub fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let body = body.strip_prefix(BOM).unwrap_or(body);
    if let Ok(text) = std::str::from_utf8(body)
        && let Ok(value) = serde_json::from_str(text)
    {
        return Ok(value);
    }
    decode_with_path(body)
}

/// Decodes a JSON text into `T`, accepting a leading byte-order mark.
pub fn from_str<T: DeserializeOwned>(body: &str) -> Result<T, DecodeError> {
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(body);
    if let Ok(value) = serde_json::from_str(body) {
        return Ok(value);
    }
    decode_with_path(body.as_bytes())
}

/// Decodes a body that failed the fast decode again, tracking the path, to say where it failed.
fn decode_with_path<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(path_error)?;
    deserializer.end().map_err(|error| DecodeError {
        path: String::new(),
        message: strip_position(&error),
        line: error.line(),
        column: error.column(),
    })?;
    Ok(value)
}

fn path_error(error: serde_path_to_error::Error<serde_json::Error>) -> DecodeError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    DecodeError {
        path: if path == "." { String::new() } else { path },
        message: strip_position(&inner),
        line: inner.line(),
        column: inner.column(),
    }
}

/// Returns serde_json's message without its trailing " at line L column C".
fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) if error.line() > 0 => text[..at].to_owned(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_path_and_position() {
        let error = DecodeError {
            path: "items[12].category.rank".into(),
            message: "invalid type: string \"x\", expected i32".into(),
            line: 3,
            column: 7,
        };
        assert_eq!(
            error.to_string(),
            "items[12].category.rank: invalid type: string \"x\", expected i32 at line 3 column 7"
        );
    }

    #[test]
    fn display_marks_the_root_with_a_dot() {
        let error = from_slice::<Vec<u8>>(b"{}").expect_err("must fail");
        assert_eq!(
            error.to_string(),
            ".: invalid type: map, expected a sequence at line 1 column 0"
        );
    }

    #[test]
    fn accepts_a_byte_order_mark() {
        let value: Vec<u8> = from_slice(b"\xEF\xBB\xBF[1, 2]").expect("must succeed");
        assert_eq!(value, vec![1, 2]);
        let value: Vec<u8> = from_str("\u{FEFF}[1, 2]").expect("must succeed");
        assert_eq!(value, vec![1, 2]);
    }

    #[test]
    fn text_errors_name_the_path_too() {
        let error = from_str::<Vec<u8>>("\u{FEFF}[1, \"x\"]").expect_err("must fail");
        assert_eq!(error.path, "[1]");
        assert_eq!((error.line, error.column), (1, 7));
    }

    #[test]
    fn names_the_string_that_is_not_utf8() {
        let error = from_slice::<Vec<String>>(b"[\"a\", \"b\xFF\"]").expect_err("must fail");
        assert_eq!(error.path, "[1]");
        assert_eq!(error.message, "invalid unicode code point");
        assert_eq!((error.line, error.column), (1, 9));
    }

    #[test]
    fn rejects_trailing_garbage() {
        let error = from_slice::<Vec<u8>>(b"[1] x").expect_err("must fail");
        assert_eq!(error.message, "trailing characters");
        assert_eq!((error.line, error.column), (1, 5));
    }
}
