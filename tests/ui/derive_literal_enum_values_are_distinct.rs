//! Two variants of an integer enum cannot stand for the same value.
use codegen_runtime::{Lossless, OtherValue};

#[derive(Lossless)]
enum BlockSize {
    #[lossless(value = 512)]
    Small,
    #[lossless(value = 512)]
    Tiny,
    #[lossless(other)]
    Other(OtherValue),
}

fn main() {}
