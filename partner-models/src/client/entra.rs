//! Microsoft Entra ID tokens for Partner Center from any Azure SDK credential (the
//! `azure-identity` feature).

use std::sync::Arc;
use std::time::SystemTime;

use azure_core::credentials::TokenCredential;
use codegen_runtime::client::{CachedTokens, FetchFuture, Token, TokenError};

/// The scope Partner Center tokens are asked for.
pub const PARTNER_CENTER_SCOPE: &str = "https://api.partnercenter.microsoft.com/.default";

/// Turns an Azure SDK credential (such as `azure_identity::ClientSecretCredential`, or a managed,
/// workload or CLI identity) into the client's token source: tokens for
/// [`PARTNER_CENTER_SCOPE`], kept until five minutes before they expire, refreshed once for all
/// concurrent calls, and replaced when the service refuses one (HTTP 401).
///
/// ```ignore
/// let credential =
///     azure_identity::ClientSecretCredential::new(&tenant, client_id, secret.into(), None)?;
/// let client = partner_models::Client::builder()
///     .token_source(partner_models::client::entra_id_tokens(credential))
///     .build()?;
/// ```
pub fn entra_id_tokens(credential: Arc<dyn TokenCredential>) -> CachedTokens {
    CachedTokens::new(move || -> FetchFuture {
        let credential = Arc::clone(&credential);
        Box::pin(async move {
            let access = credential
                .get_token(&[PARTNER_CENTER_SCOPE], None)
                .await
                .map_err(|error| {
                    TokenError(format!("cannot get a microsoft entra id token: {error}"))
                })?;
            let expires_at = SystemTime::from(access.expires_on);
            Ok((Token::new(access.token.secret()), expires_at))
        })
    })
}
