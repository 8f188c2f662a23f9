//! An integer enum value beyond both `i64` and `u64` is refused, not written as another number.
use codegen_runtime::{Lossless, OtherValue};

#[derive(Lossless)]
enum Huge {
    #[lossless(value = 18446744073709551616)]
    TooBig,
    #[lossless(other)]
    Other(OtherValue),
}

fn main() {}
