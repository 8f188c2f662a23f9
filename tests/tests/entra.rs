//! The `azure-identity` feature: an Azure SDK credential becomes Partner Center's token source.
//! A stand-in credential fetches from a loopback token endpoint, as a client-secret credential
//! fetches from Entra ID; the client asks for Partner Center's scope, reuses the token across
//! calls, and replaces it once when the service refuses it.

use std::sync::{Arc, Mutex};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::time::{Duration, OffsetDateTime};
use partner_models::Client;
use partner_models::client::{PARTNER_CENTER_SCOPE, RetryPolicy, entra_id_tokens};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Fetches a token from a loopback endpoint the way a client-secret credential does, and
/// records the scopes it was asked for.
#[derive(Debug)]
struct StandIn {
    endpoint: String,
    scopes: Arc<Mutex<Vec<String>>>,
}

#[async_trait::async_trait]
impl TokenCredential for StandIn {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        self.scopes
            .lock()
            .expect("not poisoned")
            .extend(scopes.iter().map(|scope| (*scope).to_owned()));
        let form = format!(
            "grant_type=client_credentials&client_id=app&client_secret=s3cret&scope={}",
            scopes.join(" ")
        );
        let answer = reqwest::Client::new()
            .post(&self.endpoint)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .expect("the stand-in endpoint answers")
            .bytes()
            .await
            .expect("a body");
        let body: serde_json::Value = serde_json::from_slice(&answer).expect("json");
        let token = body["access_token"].as_str().expect("a token").to_owned();
        let lifetime = body["expires_in"].as_i64().expect("a lifetime");
        Ok(AccessToken::new(
            token,
            OffsetDateTime::now_utc() + Duration::seconds(lifetime),
        ))
    }
}

#[tokio::test]
async fn an_entra_credential_authenticates_partner_center_calls() {
    let identity = MockServer::start().await;
    let issued = Arc::new(Mutex::new(0_u32));
    let counter = Arc::clone(&issued);
    Mock::given(method("POST"))
        .and(path("/tenant/oauth2/v2.0/token"))
        .respond_with(move |_: &wiremock::Request| {
            let mut issued = counter.lock().expect("not poisoned");
            *issued += 1;
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "token_type": "Bearer",
                "expires_in": 3599,
                "access_token": format!("entra-{issued}"),
            }))
        })
        .mount(&identity)
        .await;
    let service = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/offers/A"))
        .and(header("authorization", "Bearer entra-1"))
        .respond_with(ResponseTemplate::new(401))
        .with_priority(1)
        .up_to_n_times(1)
        .mount(&service)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/offers/A"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "A"})))
        .mount(&service)
        .await;

    let scopes = Arc::new(Mutex::new(Vec::new()));
    let credential = Arc::new(StandIn {
        endpoint: format!("{}/tenant/oauth2/v2.0/token", identity.uri()),
        scopes: Arc::clone(&scopes),
    });
    let client = Client::builder()
        .base_url(service.uri())
        .token_source(entra_id_tokens(credential))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("builds");
    for _ in 0..3 {
        let offer = client.get_offer("A").send().await.expect("authenticated");
        assert_eq!(offer.id.as_deref(), Some("A"));
    }
    assert_eq!(
        *issued.lock().expect("not poisoned"),
        2,
        "one token, refused once by the service and replaced, then reused"
    );
    assert!(
        scopes
            .lock()
            .expect("not poisoned")
            .iter()
            .all(|scope| scope == PARTNER_CENTER_SCOPE),
        "{scopes:?}"
    );
    let sent: Vec<String> = service
        .received_requests()
        .await
        .expect("recorded")
        .iter()
        .filter_map(|request| {
            request
                .headers
                .get("authorization")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        sent,
        [
            "Bearer entra-1",
            "Bearer entra-2",
            "Bearer entra-2",
            "Bearer entra-2"
        ]
    );
}
