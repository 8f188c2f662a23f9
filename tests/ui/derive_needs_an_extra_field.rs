//! A `Lossless` struct must have somewhere to keep the fields it does not declare.
use codegen_runtime::Lossless;

#[derive(Lossless)]
struct Pet {
    name: String,
}

fn main() {}
