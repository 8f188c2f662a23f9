//! A misspelt `lossless` attribute is an error, not silently ignored.
use codegen_runtime::{Extra, Lossless};

#[derive(Lossless)]
#[lossless(rename_al = "camelCase")]
struct Pet {
    #[lossless(rename = "petName")]
    name: String,
    extra: Extra,
}

fn main() {}
