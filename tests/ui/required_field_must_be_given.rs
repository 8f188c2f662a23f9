//! A property the spec marks required is a plain field: a struct literal cannot leave it out.

fn main() {
    let _ = partner_models::InventoryItem {
        sku_id: None,
        is_restricted: None,
        restrictions: None,
        extra: partner_models::Extra::default(),
    };
}
