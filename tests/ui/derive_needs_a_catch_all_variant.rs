//! A `Lossless` enum must have a variant that keeps values it does not list.
use codegen_runtime::Lossless;

#[derive(Lossless)]
enum Kind {
    Dog,
    Cat,
}

fn main() {}
