//! Compile-time guarantees of the generated crate, pinned with their compiler messages, and a downstream crate that compiles.

#[test]
fn compile_time_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("ui/pass/*.rs");
}
