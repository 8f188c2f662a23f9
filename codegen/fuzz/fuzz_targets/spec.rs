//! Any text, read as YAML and as JSON, either generates or fails with an error; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for is_json in [false, true] {
        if let Ok(spec) = codegen::spec::parse(text, "fuzz", is_json) {
            let _ = codegen::generate(&spec, &codegen::Options::default());
        }
    }
});
