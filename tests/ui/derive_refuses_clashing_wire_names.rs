//! Two fields cannot share a wire name: one of them could never be read.
use codegen_runtime::{Extra, Lossless};

#[derive(Lossless)]
#[lossless(rename_all = "camelCase")]
struct Pet {
    pet_name: String,
    #[lossless(rename = "petName")]
    name: String,
    extra: Extra,
}

fn main() {}
