//! Compiles inline schemas the spec repeats as one shared type each, and round-trips them.
#[path = "models.rs"]
mod models;

fn main() {
    // One address value serves both places: the two inline copies are one type.
    let address = models::PostalAddress {
        city: Some("Oslo".to_owned()),
        ..Default::default()
    };
    let shipment = models::Shipment {
        destination: Some(address.clone()),
        tax_behavior: Some(models::TaxBehavior::Inclusive),
        note: Some(models::InvoiceMemo::Choice(models::EmptyString::Empty)),
        insured_value: Some(models::ShipmentInsuredValue::Choice(models::EmptyString::Empty)),
        ..Default::default()
    };
    let invoice = models::Invoice {
        billing_address: Some(address),
        tax_behavior: shipment.tax_behavior.clone(),
        memo: Some(models::InvoiceMemo::String("thanks".to_owned())),
        ..Default::default()
    };
    // Shapes that differ stay apart.
    let _: Option<models::ShipmentSpeed> = None;
    let _: Option<models::InvoiceRush> = None;
    let _: Option<models::ShipmentTracking> = None;
    let _: Option<models::InvoiceTracking> = None;
    for json in [
        r#"{"destination":{"city":"Oslo","region":{"code":"03","x":1}},"speed":"express","note":"","insured_value":5}"#,
        r#"{"billing_address":{"country":"NO"},"memo":"","rush":"overnight","tracking":{"url":"u"}}"#,
    ] {
        let value: serde_json::Value = serde_json::from_str(json).expect("json");
        let text = if value.get("destination").is_some() {
            let shipment: models::Shipment = serde_json::from_str(json).expect("decodes");
            serde_json::to_string(&shipment).expect("encodes")
        } else {
            let invoice: models::Invoice = serde_json::from_str(json).expect("decodes");
            serde_json::to_string(&invoice).expect("encodes")
        };
        assert_eq!(text, json);
    }
    let _ = invoice;
}
