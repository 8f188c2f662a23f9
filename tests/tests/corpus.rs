//! The generator handles ten real public specs: nine 3.0 ones and one 3.1 one, all generate.

use std::path::PathBuf;

fn corpus_files() -> Option<Vec<PathBuf>> {
    let dir = golden_tests::shared_dir("corpus")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus is listable")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "json" || ext == "yaml")
        })
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn every_openapi_30_corpus_spec_generates_parseable_code() {
    let Some(files) = corpus_files() else { return };
    assert_eq!(files.len(), 9, "the corpus has nine 3.0 specs");
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        match codegen::generate_from_path(path, &codegen::Options::default()) {
            Ok(generation) => {
                let models = generation
                    .files
                    .iter()
                    .find(|file| file.path == "models.rs")
                    .expect("models.rs");
                eprintln!(
                    "{name}: {} types, {} operations, {} warnings, {} KiB of models",
                    generation.api.types.len(),
                    generation.api.operations.len(),
                    generation.warnings.len(),
                    models.contents.len() / 1024
                );
            }
            Err(error) => failures.push(format!("{name}: {error}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_openapi_31_corpus_spec_generates_with_its_losses_reported() {
    use codegen::error::Loss;
    let Some(dir) = golden_tests::shared_dir("corpus") else {
        return;
    };
    let path = dir.join("v3.1").join("openai-2026-08-3.1.yaml");
    let generation = codegen::generate_from_path(&path, &codegen::Options::default())
        .unwrap_or_else(|error| panic!("3.1 is read: {error}"));
    assert!(
        // 2,541 types once identical inline schemas share one type (3,722 before).
        generation.api.types.len() > 2000,
        "{}",
        generation.api.types.len()
    );
    assert!(generation.api.operations.len() > 250);
    let skipped: Vec<&str> = generation
        .warnings
        .iter()
        .filter(|warning| warning.loss == Loss::Skipped)
        .map(|warning| warning.pointer.as_str())
        .collect();
    assert!(skipped.is_empty(), "nothing is skipped: {skipped:?}");
    let webhook = generation.api.types.iter().find_map(|def| match def {
        codegen::ir::TypeDef::Union(union) if union.name == "Webhook" => Some(union),
        _ => None,
    });
    let webhook = webhook.expect("the webhooks' payloads are the `Webhook` union");
    assert_eq!(webhook.variants.len(), 16, "one variant per webhook");
    assert_eq!(
        webhook.tag.as_deref(),
        Some("type"),
        "the payloads are told apart by their `type`"
    );
    let recursive: Vec<&str> = generation
        .warnings
        .iter()
        .filter(|warning| warning.pointer.ends_with("/$recursiveRef"))
        .map(|warning| warning.pointer.as_str())
        .collect();
    assert!(
        recursive.is_empty(),
        "each `$recursiveRef` names its component: {recursive:?}"
    );
    let untyped: Vec<String> = generation
        .warnings
        .iter()
        .filter(|warning| warning.loss == Loss::Untyped)
        .map(ToString::to_string)
        .collect();
    assert!(untyped.is_empty(), "nothing is left untyped: {untyped:?}");
    // `allOf: [anyOf: [every event], {stream_id}]`: a union of each event with its `stream_id`.
    for name in [
        "ResponsesWebSocketStreamEvent",
        "BetaResponsesWebSocketStreamEvent",
    ] {
        let union = generation.api.types.iter().find_map(|def| match def {
            codegen::ir::TypeDef::Union(union) if union.name == name => Some(union),
            _ => None,
        });
        let union = union.unwrap_or_else(|| panic!("`{name}` is a union"));
        assert!(union.variants.len() > 40, "{name}: {:?}", union.variants);
        for variant in &union.variants {
            let holds_stream_id = generation
                .api
                .types
                .iter()
                .any(|def| match (def, &variant.ty) {
                    (codegen::ir::TypeDef::Struct(def), codegen::ir::Type::Named(named)) => {
                        def.name == named.name
                            && def.fields.iter().any(|field| field.wire == "stream_id")
                    }
                    _ => false,
                });
            assert!(
                holds_stream_id,
                "{name}::{} has its `stream_id`",
                variant.name
            );
        }
    }
    for (name, branch) in [
        ("CompoundFilterFiltersItem", "CompoundFilter"),
        ("BetaCompoundFilterFiltersItem", "BetaCompoundFilter"),
    ] {
        let union = generation.api.types.iter().find_map(|def| match def {
            codegen::ir::TypeDef::Union(union) if union.name == name => Some(union),
            _ => None,
        });
        let union = union.unwrap_or_else(|| panic!("`{name}` is a union"));
        assert!(
            union.variants.iter().any(|variant| matches!(
                &variant.ty,
                codegen::ir::Type::Named(named) if named.name == branch
            )),
            "`{name}` holds a `{branch}`: {:?}",
            union.variants
        );
    }
}

#[test]
fn the_openapi_30_corpus_spec_resolves_its_recursive_reference() {
    let Some(dir) = golden_tests::shared_dir("corpus") else {
        return;
    };
    let path = dir.join("openai-2025-04.yaml");
    let generation = codegen::generate_from_path(&path, &codegen::Options::default())
        .unwrap_or_else(|error| panic!("the 3.0 file is read: {error}"));
    let recursive: Vec<&str> = generation
        .warnings
        .iter()
        .filter(|warning| warning.pointer.ends_with("/$recursiveRef"))
        .map(|warning| warning.pointer.as_str())
        .collect();
    assert!(
        recursive.is_empty(),
        "the `$recursiveRef` names its component: {recursive:?}"
    );
    let union = generation.api.types.iter().find_map(|def| match def {
        codegen::ir::TypeDef::Union(union) if union.name == "CompoundFilterFiltersItem" => {
            Some(union)
        }
        _ => None,
    });
    let union = union.unwrap_or_else(|| panic!("`CompoundFilterFiltersItem` is a union"));
    assert!(
        union.variants.iter().any(|variant| matches!(
            &variant.ty,
            codegen::ir::Type::Named(named) if named.name == "CompoundFilter"
        )),
        "`CompoundFilterFiltersItem` holds a `CompoundFilter`: {:?}",
        union.variants
    );
}
