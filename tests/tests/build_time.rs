//! The build-script path: the models `partner-models-build-time` generates in its `build.rs` are
//! the committed ones, byte for byte, and every payload round-trips through them.

use std::path::Path;

use golden_tests::payloads;

#[test]
fn build_time_files_are_the_committed_files() {
    let built = Path::new(partner_models_build_time::GENERATED_DIR);
    let committed = golden_tests::workspace_root().join("partner-models/src/generated");
    let at_build = std::fs::read_to_string(built.join("models.rs"))
        .unwrap_or_else(|error| panic!("{}/models.rs: {error}", built.display()));
    let in_repo = std::fs::read_to_string(committed.join("models.rs"))
        .unwrap_or_else(|error| panic!("{}/models.rs: {error}", committed.display()));
    assert!(
        at_build == in_repo,
        "models.rs generated at build time differs from the committed file"
    );
    assert!(
        !built.join("client.rs").exists(),
        "the build-time crate asked for models only"
    );
}

#[test]
fn every_valid_shared_payload_round_trips_through_build_time_models() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let files = payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    let valid: Vec<_> = files.iter().filter(|file| !file.invalid).collect();
    let failures: Vec<String> = valid
        .iter()
        .filter_map(|file| {
            let text = std::str::from_utf8(&file.bytes).map_err(|error| error.to_string());
            text.and_then(|text| (file.model.build_time_codec().roundtrip)(text))
                .err()
                .map(|problem| format!("{} as {:?}: {problem}", file.name, file.model))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(valid.len(), 37, "the shared material has 37 valid payloads");
}

#[test]
fn own_fixtures_round_trip_through_build_time_models() {
    let dir = golden_tests::fixtures::fixtures_dir();
    let mut checked = 0;
    for fixture in golden_tests::fixtures::FIXTURES {
        let text = std::fs::read_to_string(dir.join(fixture.file))
            .unwrap_or_else(|error| panic!("{}: {error}", fixture.file));
        if let Err(problem) = (fixture.build_time_codec.roundtrip)(&text) {
            panic!("{} as {}: {problem}", fixture.file, fixture.schema);
        }
        checked += 1;
    }
    assert!(checked > 0, "no fixtures found");
}
