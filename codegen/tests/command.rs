//! The command: writes a standalone crate that builds, reports what it did, and checks for drift.

use std::path::{Path, PathBuf};
use std::process::Command;

fn codegen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-command-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/object/spec.yaml")
}

#[test]
fn help_and_usage_errors() {
    let help = codegen().arg("--help").output().expect("runs");
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.starts_with("usage: codegen --spec FILE --out DIR"));
    assert!(
        text.contains("an OpenAPI 3.0 or 3.1 description"),
        "the help names both versions it reads: {text}"
    );
    let missing = codegen().arg("--spec").output().expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("error: --spec needs a value"));
    let unknown = codegen()
        .args(["--spec", "a", "--out", "b", "--fast"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).starts_with("error: unexpected argument `--fast`")
    );
}

#[test]
fn writes_a_crate_then_checks_it_and_finds_drift() {
    let out = scratch("write");
    let wrote = codegen()
        .arg("--spec")
        .arg(spec())
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "pets"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&wrote.stdout);
    assert!(
        wrote.status.success(),
        "{}",
        String::from_utf8_lossy(&wrote.stderr)
    );
    assert!(
        stdout.contains("; 4 written, 0 unchanged, 0 removed in "),
        "{stdout}"
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("name = \"pets\""), "{manifest}");
    assert!(
        manifest.contains("codegen-runtime = { path = "),
        "{manifest}"
    );
    assert!(out.join("src/generated/models.rs").is_file());

    let again = codegen()
        .arg("--spec")
        .arg(spec())
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "pets", "--check"])
        .output()
        .expect("runs");
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 written, 4 unchanged"));

    std::fs::write(out.join("src/generated/models.rs"), "// edited\n").expect("edit");
    let drift = codegen()
        .arg("--spec")
        .arg(spec())
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "pets", "--check"])
        .output()
        .expect("runs");
    assert_eq!(drift.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&drift.stderr);
    assert!(stderr.contains("-// edited"), "{stderr}");
    assert!(stderr.contains("is out of date with"), "{stderr}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_broken_spec_fails_with_the_place() {
    let out = scratch("broken");
    std::fs::create_dir_all(&out).expect("dir");
    let broken = out.join("broken.yaml");
    std::fs::write(
        &broken,
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n",
    )
    .expect("spec");
    let run = codegen()
        .arg("--spec")
        .arg(&broken)
        .arg("--out")
        .arg(out.join("crate"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with(&format!("error: {}#/swagger is \"2.0\"", broken.display())),
        "{stderr}"
    );
    assert!(!out.join("crate").exists());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn filters_narrow_the_crate_and_unknown_names_fail() {
    let out = scratch("filters");
    let client_spec =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/client/spec.yaml");
    let run = codegen()
        .arg("--spec")
        .arg(&client_spec)
        .arg("--out")
        .arg(&out)
        .args(["--operations", "getPet", "--types", ""])
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains(", 1 operations, 0 untyped, 0 skipped;"),
        "{stdout}"
    );
    let client = std::fs::read_to_string(out.join("src/generated/client.rs")).expect("client");
    assert!(client.contains("pub fn get_pet("), "{client}");
    assert!(!client.contains("pub fn list_pets("), "{client}");

    let unknown = codegen()
        .arg("--spec")
        .arg(&client_spec)
        .arg("--out")
        .arg(&out)
        .args(["--operations", "feedPet"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains(
            "#/paths: the operation filter names `feedPet`, but no operation has that id"
        ),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn report_lists_what_is_untyped_and_what_is_skipped() {
    let out = scratch("report");
    std::fs::create_dir_all(&out).expect("dir");
    let spec = out.join("lossy.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.3
info: {title: Lossy, version: '1'}
paths:
  /notes:
    post:
      operationId: subscribe
      callbacks:
        onNote:
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  text/plain:
                    schema: {type: string}
              responses:
                '200': {description: received}
      responses:
        '204': {description: subscribed}
components:
  schemas:
    Anything:
      not: {type: string}
"#,
    )
    .expect("spec");
    let run = codegen()
        .arg("--spec")
        .arg(&spec)
        .arg("--out")
        .arg(out.join("crate"))
        .arg("--report")
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    let label = spec.display();
    assert!(
        stdout.contains(&format!(
            "untyped {label}#/components/schemas/Anything: `not` is not checked; the value is kept as untyped json"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "skipped {label}#/paths/~1notes/post/callbacks/onNote/{{$request.body#~1url}}/post/requestBody: the payload of `onNote` (post) is not json; a handler reads its bytes itself"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(", 1 operations, 1 untyped, 1 skipped;"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&out);
}
