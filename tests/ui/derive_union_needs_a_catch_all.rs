//! A `Lossless` union must have a variant that keeps a value no other variant accepts.
use codegen_runtime::Lossless;

#[derive(Lossless)]
enum IdOrCount {
    Id(String),
    Count(i64),
}

fn main() {}
