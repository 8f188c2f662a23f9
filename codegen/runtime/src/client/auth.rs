//! Bearer tokens: a trait for callers' own OAuth flows, a static implementation, and redaction.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

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
