//! Every model carries the unknown fields it received: a struct literal must say what goes there.

fn main() {
    let _ = partner_models::InventoryCheckRequest {
        target_items: None,
        inventory_context: None,
        links: None,
    };
}
