//! The one table that says which model each shared payload decodes into.

use crate::codec::{Codec, codec};

/// The model a payload decodes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// A single `Offer`.
    Offer,
    /// `ResourceCollection<Offer>`.
    OfferCollection,
    /// `ResourceCollection<OfferCategory>`.
    OfferCategoryCollection,
    /// `ResourceCollection<Conversion>`.
    ConversionCollection,
    /// `ResourceCollection<Upgrade>`.
    UpgradeCollection,
    /// A single `Product`.
    Product,
    /// `ResourceCollection<Product>`.
    ProductCollection,
    /// A single `Sku`.
    Sku,
    /// `ResourceCollection<Sku>`.
    SkuCollection,
    /// A single `Availability`.
    Availability,
    /// `ResourceCollection<Availability>`.
    AvailabilityCollection,
    /// An `InventoryCheckRequest` body.
    InventoryCheckRequest,
    /// The bare array the inventory check answers with.
    InventoryItems,
    /// A collection of resources outside the catalog (invoices), kept as JSON items.
    ForeignCollection,
    /// The Partner Center error body.
    PartnerCenterError,
    /// The 429 body.
    ThrottlingError,
}

/// The checks of `model` bound to the types of the crate `$models` (the committed models, or
/// the same spec generated at build time).
macro_rules! codec_in {
    ($models:ident, $model:expr) => {{
        use $models as pm;
        match $model {
            Model::Offer => codec::<pm::Offer>(),
            Model::OfferCollection => codec::<pm::OfferCollection>(),
            Model::OfferCategoryCollection => codec::<pm::OfferCategoryCollection>(),
            Model::ConversionCollection => codec::<pm::ConversionCollection>(),
            Model::UpgradeCollection => codec::<pm::UpgradeCollection>(),
            Model::Product => codec::<pm::Product>(),
            Model::ProductCollection => codec::<pm::ProductCollection>(),
            Model::Sku => codec::<pm::Sku>(),
            Model::SkuCollection => codec::<pm::SkuCollection>(),
            Model::Availability => codec::<pm::Availability>(),
            Model::AvailabilityCollection => codec::<pm::AvailabilityCollection>(),
            Model::InventoryCheckRequest => codec::<pm::InventoryCheckRequest>(),
            Model::InventoryItems => codec::<Vec<pm::InventoryItem>>(),
            Model::ForeignCollection => codec::<pm::ResourceCollection<pm::RawJson>>(),
            Model::PartnerCenterError => codec::<pm::PartnerCenterError>(),
            Model::ThrottlingError => codec::<pm::ThrottlingError>(),
        }
    }};
}

impl Model {
    /// The typed checks of this model.
    pub fn codec(self) -> Codec {
        codec_in!(partner_models, self)
    }

    /// The typed checks of this model as generated at build time (`partner-models-build-time`).
    pub fn build_time_codec(self) -> Codec {
        codec_in!(partner_models_build_time, self)
    }

    /// Decodes `json` as this model and checks that it writes back unchanged.
    pub fn roundtrip(self, json: &str) -> Result<(), String> {
        (self.codec().roundtrip)(json)
    }

    /// Decodes `json` as this model and returns its `Debug` text, which shows typed values and
    /// unknown fields but not remembered spellings.
    pub fn debug(self, json: &str) -> Result<String, String> {
        (self.codec().debug)(json)
    }

    /// Decodes `json` as this model, reporting only whether it decodes.
    pub fn decode(self, json: &[u8]) -> Result<(), partner_models::DecodeError> {
        (self.codec().decode)(json)
    }

    /// The OpenAPI schema of this model as JSON, in the terms of `spec/partner-center.yaml`.
    ///
    /// Component models are a `$ref`; the bare inventory array and the foreign collection (whose
    /// items are arbitrary JSON) are written out.
    pub fn schema(self) -> serde_json::Value {
        let component =
            |name: &str| serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
        match self {
            Self::Offer => component("Offer"),
            Self::OfferCollection => component("OfferCollection"),
            Self::OfferCategoryCollection => component("OfferCategoryCollection"),
            Self::ConversionCollection => component("ConversionCollection"),
            Self::UpgradeCollection => component("UpgradeCollection"),
            Self::Product => component("Product"),
            Self::ProductCollection => component("ProductCollection"),
            Self::Sku => component("Sku"),
            Self::SkuCollection => component("SkuCollection"),
            Self::Availability => component("Availability"),
            Self::AvailabilityCollection => component("AvailabilityCollection"),
            Self::InventoryCheckRequest => component("InventoryCheckRequest"),
            Self::InventoryItems => serde_json::json!({
                "type": "array",
                "items": component("InventoryItem"),
            }),
            Self::ForeignCollection => serde_json::json!({
                "type": "object",
                "properties": {
                    "totalCount": {"type": "integer"},
                    "items": {"type": "array", "items": {}},
                    "links": component("ResourceLinks"),
                    "attributes": component("ResourceAttributes"),
                },
            }),
            Self::PartnerCenterError => component("PartnerCenterError"),
            Self::ThrottlingError => component("ThrottlingError"),
        }
    }
}

/// Every shared payload by file-name prefix, with its model; `*.invalid.json` files are the
/// documentation examples that are not valid JSON as published.
pub const PAYLOADS: &[(&str, Model)] = &[
    ("01_", Model::OfferCollection),
    ("02_", Model::Offer),
    ("03_", Model::OfferCategoryCollection),
    ("04_", Model::Offer),
    ("05_", Model::OfferCollection),
    ("06_", Model::OfferCollection),
    ("07_", Model::OfferCategoryCollection),
    ("08_", Model::ConversionCollection),
    ("09_", Model::UpgradeCollection),
    ("10_", Model::UpgradeCollection),
    ("11_", Model::ProductCollection),
    ("12_", Model::Product),
    ("13_", Model::ProductCollection),
    ("14_", Model::ProductCollection),
    ("15_", Model::Product),
    ("16_", Model::Product),
    ("17_", Model::SkuCollection),
    ("18_", Model::Product),
    ("19_", Model::SkuCollection),
    ("20_", Model::SkuCollection),
    ("21_", Model::SkuCollection),
    ("22_", Model::Sku),
    ("23_", Model::Sku),
    ("24_", Model::Sku),
    ("25_", Model::AvailabilityCollection),
    ("26_", Model::Availability),
    ("27_", Model::AvailabilityCollection),
    ("28_", Model::Availability),
    ("29_", Model::Availability),
    ("30_", Model::Availability),
    ("31_", Model::AvailabilityCollection),
    ("32_", Model::Availability),
    ("33_", Model::InventoryCheckRequest),
    ("34_", Model::InventoryItems),
    ("35_", Model::Product),
    ("36_", Model::Sku),
    ("37_", Model::Availability),
    ("38_", Model::SkuCollection),
    ("39_", Model::SkuCollection),
    ("40_", Model::AvailabilityCollection),
    ("41_", Model::ForeignCollection),
    ("42_", Model::ForeignCollection),
    ("43_", Model::PartnerCenterError),
    ("44_", Model::PartnerCenterError),
    ("45_", Model::PartnerCenterError),
    ("46_", Model::PartnerCenterError),
    ("47_", Model::PartnerCenterError),
    ("48_", Model::PartnerCenterError),
    ("49_", Model::PartnerCenterError),
    ("50_", Model::ThrottlingError),
];

/// A payload file found on disk, matched with its table entry.
#[derive(Debug, Clone)]
pub struct PayloadFile {
    /// The file name.
    pub name: String,
    /// The model it decodes into.
    pub model: Model,
    /// Whether it is one of the documentation examples published as invalid JSON.
    pub invalid: bool,
    /// The raw bytes.
    pub bytes: Vec<u8>,
}

/// Reads every `NN_*.json` file of `dir` and matches it with the table; errors list the files
/// the table does not cover and the entries no file matches.
pub fn load(dir: &std::path::Path) -> Result<Vec<PayloadFile>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json") && name.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    names.sort();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        match PAYLOADS.iter().find(|(prefix, _)| name.starts_with(prefix)) {
            Some((_, model)) => {
                let bytes = std::fs::read(dir.join(&name))
                    .map_err(|error| format!("cannot read {name}: {error}"))?;
                files.push(PayloadFile {
                    invalid: name.ends_with(".invalid.json"),
                    name,
                    model: *model,
                    bytes,
                });
            }
            None => problems.push(format!("{name} has no entry in the payload table")),
        }
    }
    for (prefix, _) in PAYLOADS {
        if !files.iter().any(|file| file.name.starts_with(prefix)) {
            problems.push(format!("no payload file starts with {prefix}"));
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems.join("\n"))
    }
}
