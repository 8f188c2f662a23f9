//! One set of typed checks per model, so tables can name a model once and use it every way.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The checks the tests run on a body, each bound to one model type.
#[derive(Clone, Copy)]
pub struct Codec {
    /// Decodes, encodes again and compares the JSON values; the error names the difference.
    pub roundtrip: fn(&str) -> Result<(), String>,
    /// Decodes and returns the model's `Debug` text (typed values and unknown fields, not
    /// remembered spellings).
    pub debug: fn(&str) -> Result<String, String>,
    /// Decodes, reporting only the decoding error.
    pub decode: fn(&[u8]) -> Result<(), partner_models::DecodeError>,
}

/// The checks for model `T`.
pub const fn codec<T: DeserializeOwned + Serialize + Debug>() -> Codec {
    Codec {
        roundtrip: roundtrip::<T>,
        debug: debug::<T>,
        decode: decode::<T>,
    }
}

fn roundtrip<T: DeserializeOwned + Serialize>(json: &str) -> Result<(), String> {
    crate::check_roundtrip::<T>(json).map(drop)
}

fn debug<T: DeserializeOwned + Debug>(json: &str) -> Result<String, String> {
    partner_models::from_str::<T>(json)
        .map(|model| format!("{model:?}"))
        .map_err(|error| format!("does not decode: {error}"))
}

fn decode<T: DeserializeOwned>(json: &[u8]) -> Result<(), partner_models::DecodeError> {
    partner_models::from_slice::<T>(json).map(drop)
}
