//! Fuzz target: every model decoder on arbitrary bytes; what a model accepts writes back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_models as pm;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes `data` as `T`; when accepted, the re-encoded JSON must equal the input's JSON.
fn check<T: DeserializeOwned + Serialize>(data: &[u8]) {
    let Ok(model) = pm::from_slice::<T>(data) else { return };
    let written = serde_json::to_value(&model).expect("an accepted model encodes");
    let text = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let expected: serde_json::Value = serde_json::from_slice(text).expect("an accepted body is json");
    assert_eq!(expected, written, "the round trip changed the body");
}

fuzz_target!(|data: &[u8]| {
    check::<pm::OfferCollection>(data);
    check::<pm::Offer>(data);
    check::<pm::SkuCollection>(data);
    check::<pm::Availability>(data);
    check::<pm::Product>(data);
    check::<pm::InventoryCheckRequest>(data);
    check::<Vec<pm::InventoryItem>>(data);
    check::<pm::PartnerCenterError>(data);
    check::<pm::ThrottlingError>(data);
});
