//! Generates the petstore models and client at build time: from the corpus's
//! `oai-petstore-expanded.yaml` when the shared material is there, else from `spec.yaml` beside
//! this file, a petstore of our own with the same operations and schemas.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=PARTNER_SHARED_DIR");
    let shared = std::env::var_os("PARTNER_SHARED_DIR")
        .map_or_else(|| PathBuf::from("../../../shared"), PathBuf::from);
    let corpus = shared.join("corpus/oai-petstore-expanded.yaml");
    let spec = if corpus.is_file() {
        corpus
    } else {
        println!("cargo:rerun-if-changed={}", corpus.display());
        PathBuf::from("spec.yaml")
    };
    println!("cargo:rustc-env=PETSTORE_SPEC={}", spec.display());
    codegen::Builder::new(spec)
        .client_feature(None)
        .generate_or_exit();
}
