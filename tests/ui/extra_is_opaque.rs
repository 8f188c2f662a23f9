//! The wire memory of a model cannot be forged from outside; it is filled only by decoding.

fn main() {
    let _ = partner_models::Extra { inner: None };
}
