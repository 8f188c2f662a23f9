//! The own fixtures in `tests/fixtures/models`: one table naming each file's model.

use std::path::PathBuf;

use crate::codec::{Codec, codec};

/// One fixture file and the model it is an instance of.
pub struct Fixture {
    /// File name inside `tests/fixtures/models`.
    pub file: &'static str,
    /// Name of the schema under `#/components/schemas` (and of the generated model) it follows.
    pub schema: &'static str,
    /// The typed checks of the model.
    pub codec: Codec,
    /// The same checks on the model as generated at build time (`partner-models-build-time`).
    pub build_time_codec: Codec,
}

/// Builds a [`Fixture`] whose schema name is the name of the `partner_models` type.
macro_rules! fixture {
    ($file:literal => $model:ident) => {
        Fixture {
            file: $file,
            schema: stringify!($model),
            codec: codec::<partner_models::$model>(),
            build_time_codec: codec::<partner_models_build_time::$model>(),
        }
    };
}

/// Every fixture file, with the model (and schema) it is written for.
pub const FIXTURES: &[Fixture] = &[
    // Shared utility resources.
    fixture!("Link.json" => Link),
    fixture!("KeyValuePair.json" => KeyValuePair),
    fixture!("ResourceAttributes.json" => ResourceAttributes),
    fixture!("ResourceLinks.json" => ResourceLinks),
    // Offer family.
    fixture!("Offer.json" => Offer),
    fixture!("OfferCategory.json" => OfferCategory),
    fixture!("OfferLinks.json" => OfferLinks),
    fixture!("OfferProduct.json" => OfferProduct),
    fixture!("OfferAttestationProperties.json" => OfferAttestationProperties),
    // Product family.
    fixture!("Product.json" => Product),
    fixture!("ItemType.json" => ItemType),
    fixture!("ProductLinks.json" => ProductLinks),
    fixture!("Sku.json" => Sku),
    fixture!("SkuLinks.json" => SkuLinks),
    fixture!("SkuAttestationProperties.json" => SkuAttestationProperties),
    fixture!("SpecializedOfferProperties.json" => SpecializedOfferProperties),
    fixture!("PricingPolicy.json" => PricingPolicy),
    fixture!("MinimumPurchaseCommitment.json" => MinimumPurchaseCommitment),
    fixture!("Currency.json" => Currency),
    fixture!("Availability.json" => Availability),
    fixture!("RenewalInstruction.json" => RenewalInstruction),
    fixture!("RenewalOption.json" => RenewalOption),
    fixture!("Term.json" => Term),
    fixture!("CancellationPolicy.json" => CancellationPolicy),
    fixture!("RefundOption.json" => RefundOption),
    // Inventory checks.
    fixture!("InventoryCheckRequest.json" => InventoryCheckRequest),
    fixture!("InventoryItem.json" => InventoryItem),
    fixture!("InventoryRestriction.json" => InventoryRestriction),
    // Subscription-adjacent shapes.
    fixture!("Conversion.json" => Conversion),
    fixture!("Upgrade.json" => Upgrade),
    fixture!("UpgradeError.json" => UpgradeError),
    // Collections.
    fixture!("OfferCollection.json" => OfferCollection),
    fixture!("OfferCategoryCollection.json" => OfferCategoryCollection),
    fixture!("ProductCollection.json" => ProductCollection),
    fixture!("SkuCollection.json" => SkuCollection),
    fixture!("AvailabilityCollection.json" => AvailabilityCollection),
    fixture!("ConversionCollection.json" => ConversionCollection),
    fixture!("UpgradeCollection.json" => UpgradeCollection),
    // Errors: `ErrorCode` as a number, then as a string.
    fixture!("PartnerCenterError.json" => PartnerCenterError),
    fixture!("PartnerCenterError.string-code.json" => PartnerCenterError),
    fixture!("ThrottlingError.json" => ThrottlingError),
];

/// The directory holding the fixtures.
pub fn fixtures_dir() -> PathBuf {
    crate::workspace_root().join("tests/fixtures/models")
}
