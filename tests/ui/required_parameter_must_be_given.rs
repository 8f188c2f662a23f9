//! A required path parameter is an argument of the client method, so a call cannot forget it.

fn main() {
    let client = partner_models::Client::builder()
        .bearer_token("not-a-real-token")
        .build()
        .expect("the client builds");
    let _ = client.get_offer();
}
