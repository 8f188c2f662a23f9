//! A one-operation API with the runtime's standard policy, shared by the transport and token
//! tests.

use codegen_runtime::client::{
    Builder, Call, CallOptions, Error, Method, RetryPolicy, StandardPolicy, Transport,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of an API that brings no policy of its own: `GET /pets`.
#[derive(Clone, Debug)]
pub(crate) struct Api {
    transport: Transport<StandardPolicy>,
}

impl Api {
    /// A builder whose calls are not retried, so that every request a test sees is one it made.
    pub(crate) fn builder() -> Builder<Self, StandardPolicy> {
        Builder::new(|transport| Self { transport }).retry_policy(RetryPolicy::never())
    }

    /// Lists the pets, as JSON.
    pub(crate) async fn pets(&self) -> Result<serde_json::Value, Error<StandardPolicy>> {
        let call = Call::new("listPets", Method::GET, "/pets");
        let response = self.transport.execute(call, CallOptions::default()).await?;
        Ok(response.into_body())
    }
}

/// Answers every `GET /pets` on `server` with `body`.
#[allow(
    dead_code,
    reason = "the token tests answer by header and do not use it"
)]
pub(crate) async fn serve_pets(server: &MockServer, body: serde_json::Value) {
    Mock::given(method("GET"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}
