//! The generator handles ten real public specs: every 3.0 one generates, the 3.1 one is refused.

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
fn the_openapi_31_corpus_spec_is_refused() {
    let Some(dir) = golden_tests::shared_dir("corpus") else {
        return;
    };
    let path = dir.join("v3.1").join("openai-2026-08-3.1.yaml");
    let error = codegen::generate_from_path(&path, &codegen::Options::default())
        .map(drop)
        .expect_err("3.1 is refused");
    assert!(
        matches!(error, codegen::Error::UnsupportedVersion { ref found, .. } if found == "3.1.0"),
        "{error}"
    );
}
