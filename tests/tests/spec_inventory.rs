//! The spec covers everything the documents and payloads describe, and the crate exports it.

use serde_json::Value;

// The names downstream code relies on, re-exported at the crate root; a missing one fails the build.
#[allow(unused_imports, reason = "the import itself is the check")]
use partner_models::{
    AcquisitionType, Availability, BillingCycleType, InventoryCheckRequest, InventoryItem,
    InventoryRestriction, ItemType, KeyValuePair, Link, Offer, OfferAttestationProperties,
    OfferCategory, OfferLinks, OfferProduct, Product, ProductLinks, RenewalInstruction,
    RenewalOption, ResourceAttributes, ResourceCollection, ResourceLinks, Sku,
    SupportedBillingCycles, SupportedCatalogTypes, Term,
};

fn spec() -> Value {
    let path = golden_tests::workspace_root().join("spec/partner-center.yaml");
    let spec = codegen::spec::load(&path).unwrap_or_else(|error| panic!("{error}"));
    serde_json::to_value(&spec.document).expect("the document serializes")
}

const SCHEMAS: &[&str] = &[
    "AcquisitionType",
    "Availability",
    "AvailabilityCollection",
    "BillingCycleType",
    "BillingType",
    "CancellationPolicy",
    "Conversion",
    "ConversionCollection",
    "Currency",
    "ErrorCode",
    "InventoryCheckRequest",
    "InventoryItem",
    "InventoryRestriction",
    "ItemType",
    "KeyValuePair",
    "LimitUnitOfMeasure",
    "Link",
    "MinimumPurchaseCommitment",
    "Offer",
    "OfferAttestationProperties",
    "OfferCategory",
    "OfferCategoryCollection",
    "OfferCollection",
    "OfferLinks",
    "OfferProduct",
    "PartnerCenterError",
    "PricingPolicy",
    "Product",
    "ProductCollection",
    "ProductLinks",
    "RefundOption",
    "RenewalInstruction",
    "RenewalOption",
    "ResourceAttributes",
    "ResourceLinks",
    "Segment",
    "Sku",
    "SkuAttestationProperties",
    "SkuCollection",
    "SkuLinks",
    "SpecializedOfferProperties",
    "SupportedBillingCycles",
    "SupportedCatalogTypes",
    "Term",
    "TermUnitOfMeasure",
    "ThrottlingError",
    "Upgrade",
    "UpgradeCollection",
    "UpgradeError",
];

/// The union of the resource page and the REST reference, plus what the payloads add.
const OFFER_PROPERTIES: &[&str] = &[
    "acquisitionType",
    "actions",
    "additionalProperties",
    "attestationProperties",
    "attributes",
    "billing",
    "category",
    "conversionTargetOffers",
    "country",
    "description",
    "hasAddOns",
    "id",
    "isAddOn",
    "isAutoRenewable",
    "isAvailableForPurchase",
    "isInternal",
    "isMicrosoftProduct",
    "isTrial",
    "limit",
    "limitUnitOfMeasure",
    "links",
    "locale",
    "maximumQuantity",
    "minimumQuantity",
    "name",
    "orderService",
    "partnerQualifications",
    "prerequisiteOffers",
    "product",
    "providerId",
    "providerLocationId",
    "providerName",
    "rank",
    "reselleeQualifications",
    "resellerQualifications",
    "salesGroupId",
    "supportedBillingCycles",
    "supportedCatalogTypes",
    "term",
    "termUnitOfMeasure",
    "unitType",
    "upgradeTargetOffers",
    "uri",
];

const OPERATIONS: &[(&str, &str, &str)] = &[
    ("getOffer", "get", "/v{version}/offers/{offer_id}"),
    ("listOffers", "get", "/v{version}/offers"),
    (
        "listCustomerOffers",
        "get",
        "/v{version}/customers/{customer_id}/offers",
    ),
    ("listOfferCategories", "get", "/v{version}/offercategories"),
    (
        "listOfferAddOns",
        "get",
        "/v{version}/offers/{offer_id}/addons",
    ),
    ("listProducts", "get", "/v{version}/products"),
    ("getProduct", "get", "/v{version}/products/{product_id}"),
    ("listSkus", "get", "/v{version}/products/{product_id}/skus"),
    (
        "getSku",
        "get",
        "/v{version}/products/{product_id}/skus/{sku_id}",
    ),
    (
        "listAvailabilities",
        "get",
        "/v{version}/products/{product_id}/skus/{sku_id}/availabilities",
    ),
    (
        "getAvailability",
        "get",
        "/v{version}/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}",
    ),
    (
        "listCustomerProducts",
        "get",
        "/v{version}/customers/{customer_id}/products",
    ),
    (
        "getCustomerProduct",
        "get",
        "/v{version}/customers/{customer_id}/products/{product_id}",
    ),
    (
        "listCustomerSkus",
        "get",
        "/v{version}/customers/{customer_id}/products/{product_id}/skus",
    ),
    (
        "getCustomerSku",
        "get",
        "/v{version}/customers/{customer_id}/products/{product_id}/skus/{sku_id}",
    ),
    (
        "listCustomerAvailabilities",
        "get",
        "/v{version}/customers/{customer_id}/products/{product_id}/skus/{sku_id}/availabilities",
    ),
    (
        "getCustomerAvailability",
        "get",
        "/v{version}/customers/{customer_id}/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}",
    ),
    (
        "checkInventory",
        "post",
        "/v{version}/extensions/product/checkinventory",
    ),
];

#[test]
fn every_schema_is_present() {
    let spec = spec();
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let missing: Vec<&&str> = SCHEMAS
        .iter()
        .filter(|name| !schemas.contains_key(**name))
        .collect();
    assert!(missing.is_empty(), "missing schemas: {missing:?}");
    let offer = spec["components"]["schemas"]["Offer"]["properties"]
        .as_object()
        .expect("offer properties");
    let mut declared: Vec<&str> = offer.keys().map(String::as_str).collect();
    declared.sort_unstable();
    assert_eq!(declared, OFFER_PROPERTIES);
}

#[test]
fn enums_list_the_documented_values_in_wire_spelling() {
    let spec = spec();
    let values = |name: &str| -> Vec<String> {
        spec["components"]["schemas"][name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} is an enum"))
            .iter()
            .filter_map(|value| value.as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(
        values("SupportedBillingCycles"),
        [
            "unknown",
            "monthly",
            "annual",
            "none",
            "one_time",
            "triennial"
        ]
    );
    assert_eq!(
        values("BillingCycleType"),
        [
            "unknown",
            "monthly",
            "annual",
            "none",
            "one_time",
            "triennial"
        ]
    );
    assert_eq!(values("SupportedCatalogTypes"), ["live", "sandbox"]);
    assert_eq!(values("AcquisitionType"), ["purchase", "referral"]);
    assert_eq!(values("BillingType"), ["license", "none", "usage"]);
    assert_eq!(
        values("LimitUnitOfMeasure"),
        ["None", "Concurrent", "Lifetime"]
    );
}

#[test]
fn every_operation_is_present_with_headers_and_typed_errors() {
    let spec = spec();
    let paths = spec["paths"].as_object().expect("paths");
    let mut found = Vec::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("path item") {
            let Some(id) = operation["operationId"].as_str() else {
                continue;
            };
            found.push((id.to_owned(), method.clone(), path.clone()));
            let params: Vec<&str> = operation["parameters"]
                .as_array()
                .map(|params| {
                    params
                        .iter()
                        .filter_map(|param| param["$ref"].as_str())
                        .collect()
                })
                .unwrap_or_default();
            for header in [
                "CorrelationId",
                "CorrelationVector",
                "RequestId",
                "ApiVersion",
            ] {
                let wanted = format!("#/components/parameters/{header}");
                assert!(params.contains(&wanted.as_str()), "{id} lacks {header}");
            }
            let responses = operation["responses"].as_object().expect("responses");
            for status in ["200", "400", "401", "403", "404", "429", "default"] {
                assert!(
                    responses.contains_key(status),
                    "{id} lacks a {status} response"
                );
            }
            assert!(
                operation["description"].is_string(),
                "{id} lacks a description"
            );
        }
    }
    found.sort();
    let mut expected: Vec<(String, String, String)> = OPERATIONS
        .iter()
        .map(|(id, method, path)| ((*id).into(), (*method).into(), (*path).into()))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
    assert_eq!(
        spec["components"]["securitySchemes"]["bearerAuth"]["scheme"],
        "bearer"
    );
}

#[test]
fn every_schema_and_property_is_described() {
    let spec = spec();
    let mut undescribed = Vec::new();
    for (name, schema) in spec["components"]["schemas"].as_object().expect("schemas") {
        if !schema["description"].is_string() {
            undescribed.push(name.clone());
        }
        for (property, definition) in schema["properties"].as_object().into_iter().flatten() {
            if definition.get("$ref").is_none() && !definition["description"].is_string() {
                undescribed.push(format!("{name}.{property}"));
            }
        }
    }
    assert!(undescribed.is_empty(), "no description: {undescribed:?}");
}
