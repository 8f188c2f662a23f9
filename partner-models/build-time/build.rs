//! Generates Partner Center's models and client from the spec at build time, as a user's build
//! script would, with the same settings `cargo xtask generate` uses.

fn main() {
    let options = codegen::Options {
        emit: codegen::EmitOptions {
            // The hand-written policy file (shared with partner-models) names the client's
            // policy and implements `ErrorBody` for Partner Center's error body itself.
            client_policy: "crate::client::PartnerCenter".to_owned(),
            error_body_impls: false,
            ..codegen::EmitOptions::default()
        },
        source_label: "spec/partner-center.yaml".to_owned(),
        ..codegen::Options::default()
    };
    codegen::Builder::new("../../spec/partner-center.yaml")
        .options(options)
        .generate_or_exit();
}
