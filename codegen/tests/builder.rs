//! The build-script builder: files and an include file in the output directory, readable errors.

use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-builder-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn spec(text: &str, dir: &std::path::Path) -> PathBuf {
    let path = dir.join("api.yaml");
    std::fs::write(&path, text).expect("spec written");
    path
}

const SPEC: &str = "openapi: 3.0.3
info: {title: Kennel, version: '1'}
paths:
  /dogs:
    get:
      operationId: listDogs
      responses:
        '200':
          description: the dogs
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Dog'}}
components:
  schemas:
    Dog:
      type: object
      properties:
        name: {type: string}
";

#[test]
fn writes_the_files_and_an_include_file_that_declares_them() {
    let dir = scratch("files");
    let built = codegen::Builder::new(spec(SPEC, &dir))
        .out_dir(&dir)
        .generate()
        .expect("generates");
    let include = std::fs::read_to_string(&built.include).expect("include file");
    let models = dir.join("generated/models.rs");
    assert!(models.is_file());
    assert!(
        include.contains(&format!(
            "#[path = {:?}]\npub mod models;",
            models.display().to_string()
        )),
        "{include}"
    );
    assert!(
        include.contains("#[cfg(feature = \"client\")]\n#[path = "),
        "{include}"
    );
    assert!(!include.contains("pub mod mod;"), "{include}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn models_only_leaves_the_client_out() {
    let dir = scratch("models-only");
    let built = codegen::Builder::new(spec(SPEC, &dir))
        .out_dir(&dir)
        .name("kennel")
        .client(false)
        .generate()
        .expect("generates");
    assert_eq!(built.include, dir.join("kennel.rs"));
    assert!(!dir.join("kennel/client.rs").exists());
    let include = std::fs::read_to_string(&built.include).expect("include file");
    assert!(!include.contains("client"), "{include}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_spec_is_an_error_that_names_the_file_and_the_place() {
    let dir = scratch("broken");
    let path = spec(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses: 7\n",
        &dir,
    );
    let error = codegen::Builder::new(&path)
        .out_dir(&dir)
        .generate()
        .expect_err("the spec is broken");
    let text = error.to_string();
    assert!(
        text.contains(&format!("{}#/paths/~1x/get/responses", path.display())),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_out_dir_it_says_where_to_run_it() {
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let dir = scratch("no-out-dir");
    let error = codegen::Builder::new(spec(SPEC, &dir))
        .generate()
        .expect_err("no OUT_DIR");
    assert_eq!(
        error.to_string(),
        "OUT_DIR is not set: run the builder from a build script, or give it `out_dir`"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
