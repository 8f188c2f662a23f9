//! Bearer tokens: a trait for callers' own OAuth flows, a static and a caching implementation,
//! and redaction.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

/// A bearer token; its `Debug` and `Display` never show the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a bearer token (without the `Bearer ` prefix).
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// Returns the secret, for building the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([redacted])")
    }
}

/// Why a token could not be had; the message must not contain the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TokenError(pub String);

/// The future a [`TokenSource`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Token, TokenError>> + Send + 'a>>;

/// Yields bearer tokens; implement it to plug in an OAuth flow (refresh, caching, ...).
///
/// The client asks for a token before every attempt, so a source can refresh as it sees fit.
pub trait TokenSource: Send + Sync {
    /// Returns a token valid for the next request.
    fn token(&self) -> TokenFuture<'_>;

    /// Returns a token valid for the next request of an operation that asks for the OAuth
    /// `scopes` (as its security requirement lists them; empty when it lists none). Sources
    /// that fetch a token per set of scopes implement it; the default ignores the scopes and
    /// returns [`token`](TokenSource::token).
    fn token_for(&self, scopes: &[&'static str]) -> TokenFuture<'_> {
        let _ = scopes;
        self.token()
    }

    /// Tells the source that the service refused `token` (HTTP 401), so that the next
    /// [`token`](TokenSource::token) or [`token_for`](TokenSource::token_for) fetches a new one
    /// instead of a cached one (a source that caches per set of scopes drops the entry holding
    /// `token`). The client then retries the call once, asking for the same scopes. Sources
    /// without a cache need not implement it.
    fn refused(&self, token: &Token) {
        let _ = token;
    }
}

/// A token that never changes, for scripts, tests and short-lived tools.
#[derive(Clone)]
pub struct StaticToken(Token);

impl StaticToken {
    /// Wraps a fixed bearer token.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Token::new(secret))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken([redacted])")
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// What a [`CachedTokens`] fetch yields: a token and when it expires.
pub type FetchFuture =
    Pin<Box<dyn Future<Output = Result<(Token, SystemTime), TokenError>> + Send + 'static>>;

/// A token source over any way of fetching tokens (an OAuth client, a credential of a cloud
/// SDK): it keeps a token until shortly before it expires, refreshes it once for all concurrent
/// calls, and fetches a new one when the service refuses the cached one.
///
/// While a token is still valid but inside the refresh window, one call refreshes it and the
/// others go on with the current token instead of waiting; only when there is no valid token do
/// calls wait, for one shared fetch.
///
/// It keeps one token for every call, whatever OAuth scopes the call asks for: fetch a token
/// that grants all the scopes the client needs, or implement [`TokenSource::token_for`] on a
/// source of your own when tokens differ by scope.
pub struct CachedTokens {
    fetch: Box<dyn Fn() -> FetchFuture + Send + Sync>,
    refresh_before: Duration,
    cached: std::sync::Mutex<Option<(Token, SystemTime)>>,
    refreshing: tokio::sync::Mutex<()>,
}

impl CachedTokens {
    /// Fetches tokens with `fetch`, refreshing each five minutes before it expires.
    pub fn new(fetch: impl Fn() -> FetchFuture + Send + Sync + 'static) -> Self {
        Self {
            fetch: Box::new(fetch),
            refresh_before: Duration::from_secs(300),
            cached: std::sync::Mutex::new(None),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Sets how long before expiry a token is refreshed (five minutes by default).
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }

    /// The cached token and whether it is due for a refresh, if it is still valid.
    fn current(&self) -> Option<(Token, bool)> {
        let cached = self.cached.lock().ok()?;
        let (token, expires_at) = cached.as_ref()?;
        let now = SystemTime::now();
        if now >= *expires_at {
            return None;
        }
        let due = now + self.refresh_before >= *expires_at;
        Some((token.clone(), due))
    }

    /// Fetches a token and caches it.
    async fn fetch_and_keep(&self) -> Result<Token, TokenError> {
        let (token, expires_at) = (self.fetch)().await?;
        if let Ok(mut cached) = self.cached.lock() {
            *cached = Some((token.clone(), expires_at));
        }
        Ok(token)
    }

    async fn get(&self) -> Result<Token, TokenError> {
        match self.current() {
            Some((token, false)) => Ok(token),
            Some((token, true)) => match self.refreshing.try_lock() {
                // This call refreshes; if that fails, the current token still works.
                Ok(_guard) => Ok(self.fetch_and_keep().await.unwrap_or(token)),
                // Another call is refreshing: go on with the current token.
                Err(_) => Ok(token),
            },
            None => {
                let _guard = self.refreshing.lock().await;
                match self.current() {
                    Some((token, false)) => Ok(token),
                    _ => self.fetch_and_keep().await,
                }
            }
        }
    }
}

impl fmt::Debug for CachedTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedTokens")
            .field("refresh_before", &self.refresh_before)
            .finish_non_exhaustive()
    }
}

impl TokenSource for CachedTokens {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.get())
    }

    fn refused(&self, token: &Token) {
        if let Ok(mut cached) = self.cached.lock()
            && cached.as_ref().is_some_and(|(kept, _)| kept == token)
        {
            *cached = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let token = StaticToken::new("s3cr3t-value");
        assert_eq!(format!("{token:?}"), "StaticToken([redacted])");
        assert_eq!(
            format!("{:?}", Token::new("s3cr3t-value")),
            "Token([redacted])"
        );
    }
}
