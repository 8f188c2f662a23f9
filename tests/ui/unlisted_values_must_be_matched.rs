//! A match over a generated enum must handle the catch-all, so unlisted values are never ignored.

fn describe(billing: partner_models::BillingType) -> &'static str {
    match billing {
        partner_models::BillingType::License => "license",
        partner_models::BillingType::None => "none",
        partner_models::BillingType::Usage => "usage",
    }
}

fn main() {
    let _ = describe(partner_models::BillingType::Usage);
}
