//! Generates Partner Center's models from the spec at build time, as a user's build script would.

fn main() {
    codegen::Builder::new("../../spec/partner-center.yaml")
        .source_label("spec/partner-center.yaml")
        .client(false)
        .generate_or_exit();
}
