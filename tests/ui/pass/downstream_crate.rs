//! A downstream crate builds a request, matches an enum with a catch-all arm, pages through offers and reads unknown fields.

use futures_util::StreamExt as _;
use partner_models::{Client, InventoryCheckRequest, InventoryItem, Offer, SupportedBillingCycles};

fn inventory_request() -> InventoryCheckRequest {
    InventoryCheckRequest {
        target_items: Some(vec![InventoryItem {
            product_id: "DZH318Z0BQ3Q".to_owned(),
            sku_id: Some("0001".to_owned()),
            ..InventoryItem::default()
        }]),
        ..InventoryCheckRequest::default()
    }
}

fn describe(cycle: &SupportedBillingCycles) -> &'static str {
    match cycle {
        SupportedBillingCycles::Monthly => "monthly",
        SupportedBillingCycles::Annual => "annual",
        _ => "another cycle",
    }
}

async fn offer_names(client: &Client) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut names = Vec::new();
    let mut offers = client.list_offers("US").into_stream();
    while let Some(offer) = offers.next().await {
        let offer: Offer = offer?;
        names.push(offer.name.unwrap_or_default());
    }
    Ok(names)
}

fn main() {
    let offer: Offer = partner_models::from_str(
        r#"{"id":"a1","name":"Mail","someNewField":{"tier":2},"supportedBillingCycles":["monthly","fortnightly"]}"#,
    )
    .expect("the offer decodes");
    let unknown = offer.extra.get("someNewField").map(|raw| raw.get());
    assert_eq!(unknown, Some(r#"{"tier":2}"#));
    let cycles: Vec<&str> = offer.supported_billing_cycles.iter().flatten().map(describe).collect();
    assert_eq!(cycles, ["monthly", "another cycle"]);
    let body = serde_json::to_string(&inventory_request()).expect("the request encodes");
    assert!(body.contains("DZH318Z0BQ3Q"), "{body}");
    let client = Client::builder()
        .bearer_token("not-a-real-token")
        .build()
        .expect("the client builds");
    // Paging compiles; the future is never polled, so nothing goes on the network.
    let _pending = offer_names(&client);
}
