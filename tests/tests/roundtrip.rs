//! Every real payload decodes into its model and writes back as the same JSON value.

use golden_tests::payloads;

#[test]
fn every_valid_shared_payload_round_trips_exactly() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let files = payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    let valid: Vec<_> = files.iter().filter(|file| !file.invalid).collect();
    let failures: Vec<String> = valid
        .iter()
        .filter_map(|file| {
            let text = std::str::from_utf8(&file.bytes).map_err(|error| error.to_string());
            text.and_then(|text| file.model.roundtrip(text))
                .err()
                .map(|problem| format!("{} as {:?}: {problem}", file.name, file.model))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} payloads changed:\n{}",
        failures.len(),
        valid.len(),
        failures.join("\n")
    );
    assert_eq!(valid.len(), 37, "the shared material has 37 valid payloads");
}

/// Reads one shared payload by prefix, or `None` (after saying so) when the material is absent.
fn payload(prefix: &str) -> Option<Vec<u8>> {
    let dir = golden_tests::shared_dir("payloads")?;
    let files = payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    files
        .into_iter()
        .find(|file| file.name.starts_with(prefix))
        .map(|file| file.bytes)
}

#[test]
fn recorded_offers_land_in_typed_fields() {
    use partner_models::{
        AcquisitionType, BillingType, LimitUnitOfMeasure, OfferCollection, SupportedBillingCycles,
        SupportedCatalogTypes,
    };
    let Some(bytes) = payload("01_") else { return };
    let offers: OfferCollection = partner_models::from_slice(&bytes).expect("01 decodes");
    assert_eq!(offers.items.len(), 274);
    assert_eq!(offers.total_count, Some(274));
    assert!(offers.extra.is_empty());
    let first = &offers.items[0];
    assert!(
        first.extra.is_empty(),
        "undeclared fields: {:?}",
        first.extra
    );
    assert_eq!(first.billing, Some(BillingType::License));
    assert_eq!(first.acquisition_type, Some(AcquisitionType::Purchase));
    assert_eq!(
        first.supported_billing_cycles,
        Some(vec![
            SupportedBillingCycles::Annual,
            SupportedBillingCycles::Monthly
        ])
    );
    assert_eq!(
        first.supported_catalog_types,
        Some(vec![
            SupportedCatalogTypes::Sandbox,
            SupportedCatalogTypes::Live
        ])
    );
    assert_eq!(
        first
            .category
            .as_ref()
            .and_then(|category| category.id.as_deref()),
        Some("")
    );
    let lifetime = offers
        .items
        .iter()
        .filter(|offer| offer.limit_unit_of_measure == Some(LimitUnitOfMeasure::Lifetime))
        .count();
    assert_eq!(lifetime, 17);
    assert!(offers.items.iter().all(|offer| offer.extra.is_empty()));
    let self_link = offers
        .links
        .as_ref()
        .and_then(|links| links.self_.as_ref())
        .and_then(|link| link.uri.as_deref());
    assert_eq!(self_link, Some("/offers?country=US"));
}

#[test]
fn pascal_case_request_keys_bind_to_fields_and_keep_their_spelling() {
    let Some(bytes) = payload("33_") else { return };
    let request: partner_models::InventoryCheckRequest =
        partner_models::from_slice(&bytes).expect("33 decodes");
    let items = request.target_items.as_deref().unwrap_or_default();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].product_id, "DZH318Z0BQ3P");
    let context = request.inventory_context.as_ref().expect("context");
    assert_eq!(
        context.get("armRegionName").map(String::as_str),
        Some("Europe")
    );
    assert!(request.extra.is_empty());
    let written = serde_json::to_string(&request).expect("encodes");
    assert!(
        written.contains("\"TargetItems\":[{\"ProductId\":\"DZH318Z0BQ3P\"}]"),
        "{written}"
    );
    assert!(written.contains("\"InventoryContext\":{"), "{written}");
}

#[test]
fn error_codes_arrive_as_numbers() {
    let Some(bytes) = payload("44_") else { return };
    let error: partner_models::PartnerCenterError =
        partner_models::from_slice(&bytes).expect("44 decodes");
    assert_eq!(error.code, Some(partner_models::ErrorCode::Integer(60012)));
    assert_eq!(error.source.as_deref(), Some("PartnerFD"));
}
