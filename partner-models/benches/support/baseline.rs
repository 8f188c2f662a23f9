//! The hand-written baseline: plain `#[derive(Deserialize, Serialize)]` twins of the generated models.
//!
//! Same fields, same types and same field order as `partner_models::Offer` and everything it
//! contains, so that both write identical JSON; but no `extra` (unknown fields are skipped), no
//! memory of key or enum spellings or of explicit `null`s, no `#[serde(flatten)]`. Optional
//! properties are `Option<T>` and are left out when `None`, as a typical hand-written client does.
//!
//! Enums are plain derived enums, one unit variant per documented value renamed to its wire
//! spelling, plus a `#[serde(other)] Other` catch-all that keeps no text (the catch-all is called
//! `Other` rather than `Unknown` because `SupportedBillingCycles` documents an `unknown` value).

use serde::{Deserialize, Serialize};

/// `ResourceCollection<T>`: one page of resources in the common collection envelope.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResourceCollection<T> {
    /// Item count reported by the service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) total_count: Option<i32>,
    /// The items of the page.
    pub(crate) items: Vec<T>,
    /// Navigation links of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) links: Option<ResourceLinks>,
    /// Metadata of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) attributes: Option<ResourceAttributes>,
}

/// The baseline twin of `partner_models::OfferCollection`.
pub(crate) type OfferCollection = ResourceCollection<Offer>;

/// `Offer`: an item of the legacy reseller catalog.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Offer {
    /// How the offer is obtained.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) acquisition_type: Option<AcquisitionType>,
    /// Operations allowed on subscriptions of the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) actions: Option<Vec<String>>,
    /// Extra service-defined values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) additional_properties: Option<serde_json::Map<String, serde_json::Value>>,
    /// Attestation the partner must give.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) attestation_properties: Option<OfferAttestationProperties>,
    /// Resource metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) attributes: Option<ResourceAttributes>,
    /// How purchases are billed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) billing: Option<BillingType>,
    /// Grouping of offers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) category: Option<OfferCategory>,
    /// Offers a subscription may be converted into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) conversion_target_offers: Option<Vec<String>>,
    /// Market of the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) country: Option<String>,
    /// What the offer contains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    /// Whether add-ons can be bought on top.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) has_add_ons: Option<bool>,
    /// Identifier of the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    /// Whether the offer is an add-on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_add_on: Option<bool>,
    /// Whether subscriptions renew by themselves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_auto_renewable: Option<bool>,
    /// Whether the offer can be bought now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_available_for_purchase: Option<bool>,
    /// Whether the offer is internal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_internal: Option<bool>,
    /// Whether Microsoft publishes the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_microsoft_product: Option<bool>,
    /// Whether the offer is a trial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_trial: Option<bool>,
    /// Purchase limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) limit: Option<i32>,
    /// How the limit is counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) limit_unit_of_measure: Option<LimitUnitOfMeasure>,
    /// Links of the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) links: Option<OfferLinks>,
    /// Language of the texts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) locale: Option<String>,
    /// Largest orderable quantity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) maximum_quantity: Option<i32>,
    /// Smallest orderable quantity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) minimum_quantity: Option<i32>,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    /// Back-end order service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) order_service: Option<String>,
    /// Qualifications the partner needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) partner_qualifications: Option<Vec<String>>,
    /// Offers the customer must already own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) prerequisite_offers: Option<Vec<String>>,
    /// Product line of the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) product: Option<OfferProduct>,
    /// Provider identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) provider_id: Option<String>,
    /// Provider location identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) provider_location_id: Option<String>,
    /// Provider name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) provider_name: Option<String>,
    /// Sort position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) rank: Option<i32>,
    /// Qualifications the customer must hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) resellee_qualifications: Option<Vec<String>>,
    /// Qualifications the partner must hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reseller_qualifications: Option<Vec<String>>,
    /// Order grouping key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sales_group_id: Option<String>,
    /// Billing cycles the offer can be bought with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) supported_billing_cycles: Option<Vec<SupportedBillingCycles>>,
    /// Catalogs listing the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) supported_catalog_types: Option<Vec<SupportedCatalogTypes>>,
    /// Term length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) term: Option<i32>,
    /// Unit of the term length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) term_unit_of_measure: Option<TermUnitOfMeasure>,
    /// Unit being sold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unit_type: Option<String>,
    /// Offers a subscription may be upgraded to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) upgrade_target_offers: Option<Vec<String>>,
    /// Catalog address of the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) uri: Option<String>,
}

/// `OfferAttestationProperties`: attestation the partner must give.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OfferAttestationProperties {
    /// Kind of attestation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) attestation_type: Option<String>,
    /// Whether the purchase is refused without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) enforce_attestation: Option<bool>,
}

/// `OfferCategory`: grouping of offers.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OfferCategory {
    /// Identifier of the category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    /// Sort position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) rank: Option<i32>,
    /// Language of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) locale: Option<String>,
    /// Market of the category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) country: Option<String>,
    /// Navigation links.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) links: Option<ResourceLinks>,
    /// Resource metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) attributes: Option<ResourceAttributes>,
}

/// `OfferLinks`: links attached to an offer.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OfferLinks {
    /// The learn-more page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) learn_more: Option<Link>,
    /// The offer itself.
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub(crate) self_: Option<Link>,
    /// Next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) next: Option<Link>,
    /// Previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) previous: Option<Link>,
}

/// `OfferProduct`: the product line of an offer.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OfferProduct {
    /// Identifier of the product line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    /// Kind of product.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub(crate) type_: Option<String>,
    /// Unit the product is sold in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unit: Option<String>,
}

/// `Link`: a hyperlink with the request needed to follow it.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Link {
    /// Target address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) uri: Option<String>,
    /// HTTP verb.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) method: Option<String>,
    /// Extra request headers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) headers: Option<Vec<KeyValuePair>>,
    /// Request body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<String>,
}

/// `KeyValuePair`: a name and a value, both required.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct KeyValuePair {
    /// Name part.
    pub(crate) key: String,
    /// Value part.
    pub(crate) value: String,
}

/// `ResourceAttributes`: metadata of a resource.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResourceAttributes {
    /// Version tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) etag: Option<String>,
    /// Resource type name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) object_type: Option<String>,
}

/// `ResourceLinks`: navigation links of a resource or page.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResourceLinks {
    /// The resource itself.
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub(crate) self_: Option<Link>,
    /// Next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) next: Option<Link>,
    /// Previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) previous: Option<Link>,
}

/// `AcquisitionType`: how an offer is obtained.
#[derive(Debug, Deserialize, Serialize)]
pub(crate) enum AcquisitionType {
    /// `purchase`.
    #[serde(rename = "purchase")]
    Purchase,
    /// `referral`.
    #[serde(rename = "referral")]
    Referral,
    /// Any other value; its text is not kept.
    #[serde(other)]
    Other,
}

/// `BillingType`: how purchases are billed.
#[derive(Debug, Deserialize, Serialize)]
pub(crate) enum BillingType {
    /// `license`.
    #[serde(rename = "license")]
    License,
    /// `none`.
    #[serde(rename = "none")]
    None,
    /// `usage`.
    #[serde(rename = "usage")]
    Usage,
    /// Any other value; its text is not kept.
    #[serde(other)]
    Other,
}

/// `LimitUnitOfMeasure`: how the purchase limit is counted.
#[derive(Debug, Deserialize, Serialize)]
pub(crate) enum LimitUnitOfMeasure {
    /// `None`.
    #[serde(rename = "None")]
    None,
    /// `Concurrent`.
    #[serde(rename = "Concurrent")]
    Concurrent,
    /// `Lifetime`.
    #[serde(rename = "Lifetime")]
    Lifetime,
    /// Any other value; its text is not kept.
    #[serde(other)]
    Other,
}

/// `SupportedBillingCycles`: a billing cycle an offer can be bought with.
#[derive(Debug, Deserialize, Serialize)]
pub(crate) enum SupportedBillingCycles {
    /// `unknown`.
    #[serde(rename = "unknown")]
    Unknown,
    /// `monthly`.
    #[serde(rename = "monthly")]
    Monthly,
    /// `annual`.
    #[serde(rename = "annual")]
    Annual,
    /// `none`.
    #[serde(rename = "none")]
    None,
    /// `one_time`.
    #[serde(rename = "one_time")]
    OneTime,
    /// `triennial`.
    #[serde(rename = "triennial")]
    Triennial,
    /// Any other value; its text is not kept.
    #[serde(other)]
    Other,
}

/// `SupportedCatalogTypes`: a catalog in which an offer is published.
#[derive(Debug, Deserialize, Serialize)]
pub(crate) enum SupportedCatalogTypes {
    /// `live`.
    #[serde(rename = "live")]
    Live,
    /// `sandbox`.
    #[serde(rename = "sandbox")]
    Sandbox,
    /// Any other value; its text is not kept.
    #[serde(other)]
    Other,
}

/// `TermUnitOfMeasure`: unit of a term length.
#[derive(Debug, Deserialize, Serialize)]
pub(crate) enum TermUnitOfMeasure {
    /// `Year`.
    #[serde(rename = "Year")]
    Year,
    /// `Month`.
    #[serde(rename = "Month")]
    Month,
    /// `Day`.
    #[serde(rename = "Day")]
    Day,
    /// Any other value; its text is not kept.
    #[serde(other)]
    Other,
}
