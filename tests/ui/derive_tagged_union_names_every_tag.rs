//! In a tagged union every variant says which tag values select it.
use codegen_runtime::{Extra, Lossless, RawJson};

#[derive(Lossless)]
struct Card {
    brand: String,
    extra: Extra,
}

#[derive(Lossless)]
#[lossless(tag = "object")]
enum Source {
    #[lossless(tag = "card")]
    Card(Card),
    Wallet(Card),
    #[lossless(other)]
    Other(RawJson),
}

fn main() {}
