//! Credentials by security scheme: what a generated client declares of each scheme, what the
//! caller supplies, and which of them each call sends.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use super::auth::{StaticToken, Token, TokenError, TokenSource};

/// A security scheme of an API, as the generated client declares it: the name calls use, how
/// its credential is sent, and the OAuth scopes a call asks of it ([`Scheme::with_scopes`]; two
/// values of one scheme that ask for different scopes are not equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    name: &'static str,
    kind: SchemeKind,
    scopes: &'static [&'static str],
}

/// How a scheme's credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`, tokens from a [`TokenSource`] (HTTP bearer, OAuth 2,
    /// OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// A key in a header, a query pair or a cookie of this name.
    ApiKey(KeyLocation, &'static str),
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query pair.
    Query,
    /// A cookie.
    Cookie,
}

impl Scheme {
    /// A scheme named `name` (its key in the description) that sends bearer tokens.
    pub const fn bearer(name: &'static str) -> Self {
        Self {
            name,
            kind: SchemeKind::Bearer,
            scopes: &[],
        }
    }

    /// A scheme named `name` that sends a user and password (HTTP basic).
    pub const fn basic(name: &'static str) -> Self {
        Self {
            name,
            kind: SchemeKind::Basic,
            scopes: &[],
        }
    }

    /// A scheme named `name` that sends a key in the header, query pair or cookie `key_name`.
    pub const fn api_key(
        name: &'static str,
        location: KeyLocation,
        key_name: &'static str,
    ) -> Self {
        Self {
            name,
            kind: SchemeKind::ApiKey(location, key_name),
            scopes: &[],
        }
    }

    /// The scheme's key in the description.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// How its credential is sent.
    pub const fn kind(&self) -> SchemeKind {
        self.kind
    }

    /// The same scheme, asking for the OAuth `scopes` an operation's security requirement
    /// lists; a token source is given them (see [`TokenSource::token_for`]).
    pub const fn with_scopes(self, scopes: &'static [&'static str]) -> Self {
        Self { scopes, ..self }
    }

    /// The OAuth scopes a call asks of this scheme; empty unless the requirement lists some.
    pub const fn scopes(&self) -> &'static [&'static str] {
        self.scopes
    }
}

/// A credential the caller supplies for one scheme; its `Debug` never shows the secret.
#[derive(Clone)]
pub enum Credential {
    /// Bearer tokens, asked for before each attempt.
    Tokens(Arc<dyn TokenSource>),
    /// A user and password.
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
    /// An API key.
    Key(String),
}

impl Credential {
    /// A fixed bearer token.
    pub fn bearer(token: impl Into<String>) -> Self {
        Self::tokens(StaticToken::new(token))
    }

    /// Bearer tokens from `source`, which is told when the service refuses one.
    pub fn tokens(source: impl TokenSource + 'static) -> Self {
        Self::Tokens(Arc::new(source))
    }

    /// A user and password for HTTP basic authentication.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self::Basic {
            user: user.into(),
            password: password.into(),
        }
    }

    /// An API key.
    pub fn key(key: impl Into<String>) -> Self {
        Self::Key(key.into())
    }

    /// Whether this credential can be sent the way `kind` says.
    pub(crate) fn fits(&self, kind: SchemeKind) -> bool {
        matches!(
            (self, kind),
            (Self::Tokens(_), SchemeKind::Bearer)
                | (Self::Basic { .. }, SchemeKind::Basic)
                | (Self::Key(_), SchemeKind::ApiKey(..))
        )
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Tokens(_) => f.write_str("Tokens([redacted])"),
            Self::Basic { user, .. } => f
                .debug_struct("Basic")
                .field("user", user)
                .field("password", &"[redacted]")
                .finish(),
            Self::Key(_) => f.write_str("Key([redacted])"),
        }
    }
}

/// The credentials a client was given: per scheme, and the bearer tokens of
/// `Builder::bearer_token`/`token_source`, which serve any bearer scheme given nothing of its own.
#[derive(Clone, Default)]
pub(crate) struct Wallet {
    pub(crate) by_scheme: BTreeMap<&'static str, Credential>,
    pub(crate) tokens: Option<Arc<dyn TokenSource>>,
}

/// One credential to send with a call.
pub(crate) enum Apply<'a> {
    /// A token source and the scopes the call asks of it.
    Bearer(&'a Arc<dyn TokenSource>, &'static [&'static str]),
    Basic(&'a str, &'a str),
    Key(KeyLocation, &'static str, &'a str),
}

impl Wallet {
    /// The credential for `scheme`, if the client has one.
    fn find(&self, scheme: &Scheme) -> Option<Apply<'_>> {
        match (self.by_scheme.get(scheme.name), scheme.kind) {
            (Some(Credential::Tokens(source)), SchemeKind::Bearer) => {
                Some(Apply::Bearer(source, scheme.scopes))
            }
            (None, SchemeKind::Bearer) => self
                .tokens
                .as_ref()
                .map(|source| Apply::Bearer(source, scheme.scopes)),
            (Some(Credential::Basic { user, password }), SchemeKind::Basic) => {
                Some(Apply::Basic(user, password))
            }
            (Some(Credential::Key(key)), SchemeKind::ApiKey(location, name)) => {
                Some(Apply::Key(location, name, key))
            }
            _ => None,
        }
    }

    /// What a call sends: for a call that names its requirements, the first alternative whose
    /// credentials are all at hand (none for no alternative or an empty one), or `Err` with the
    /// alternatives when none is; for a call that names none, the bearer tokens if any.
    pub(crate) fn choose(
        &self,
        requirements: Option<&'static [&'static [Scheme]]>,
    ) -> Result<Vec<Apply<'_>>, String> {
        let Some(alternatives) = requirements else {
            return Ok(self
                .tokens
                .iter()
                .map(|source| Apply::Bearer(source, &[]))
                .collect());
        };
        if alternatives.is_empty() {
            return Ok(Vec::new());
        }
        for alternative in alternatives {
            let found: Option<Vec<Apply<'_>>> =
                alternative.iter().map(|scheme| self.find(scheme)).collect();
            if let Some(found) = found {
                return Ok(found);
            }
        }
        let described: Vec<String> = alternatives
            .iter()
            .map(|alternative| {
                let names: Vec<&str> = alternative.iter().map(Scheme::name).collect();
                format!("`{}`", names.join("` and `"))
            })
            .collect();
        Err(described.join(" or "))
    }
}

/// What the credentials of one attempt add to the request.
#[derive(Default)]
pub(crate) struct Applied {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) cookies: Vec<String>,
    /// The bearer token sent and its source, told when the service refuses it.
    pub(crate) token: Option<(Token, Arc<dyn TokenSource>)>,
}

/// Gets the tokens of `chosen` and lays every credential out as headers, query pairs and
/// cookies; `Err(name)` when a value cannot be a header.
pub(crate) async fn apply(chosen: &[Apply<'_>]) -> Result<Applied, Result<TokenError, String>> {
    let mut applied = Applied::default();
    let sensitive = |name: &str, value: String| {
        let mut value = HeaderValue::try_from(value).map_err(|_| Err(name.to_owned()))?;
        value.set_sensitive(true);
        Ok(value)
    };
    for credential in chosen {
        match credential {
            Apply::Bearer(source, scopes) => {
                let token = source.token_for(scopes).await.map_err(Ok)?;
                let value = sensitive("authorization", format!("Bearer {}", token.expose()))?;
                applied
                    .headers
                    .push((reqwest::header::AUTHORIZATION, value));
                if applied.token.is_none() {
                    applied.token = Some((token, Arc::clone(source)));
                }
            }
            Apply::Basic(user, password) => {
                let encoded = base64(format!("{user}:{password}").as_bytes());
                let value = sensitive("authorization", format!("Basic {encoded}"))?;
                applied
                    .headers
                    .push((reqwest::header::AUTHORIZATION, value));
            }
            Apply::Key(KeyLocation::Header, name, key) => {
                let header = HeaderName::try_from(*name).map_err(|_| Err((*name).to_owned()))?;
                applied
                    .headers
                    .push((header, sensitive(name, (*key).to_owned())?));
            }
            Apply::Key(KeyLocation::Query, name, key) => {
                applied.query.push((name, (*key).to_owned()));
            }
            Apply::Key(KeyLocation::Cookie, name, key) => {
                applied.cookies.push(format!("{name}={key}"));
            }
        }
    }
    Ok(applied)
}

/// Standard base64 with padding (RFC 4648, section 4), for basic credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |group, (index, byte)| {
            group | u32::from(*byte) << (16 - 8 * index)
        });
        for index in 0..4 {
            if index <= chunk.len() {
                let sextet = (group >> (18 - 6 * index)) & 0x3f;
                out.push(char::from(ALPHABET[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Fills a server URL template's `{variable}`s with `values`, for the generated server types.
pub fn server_url(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |url, (name, value)| {
            url.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn the_first_alternative_at_hand_is_chosen() {
        const KEY: Scheme = Scheme::api_key("key", KeyLocation::Header, "X-Key");
        const BASIC: Scheme = Scheme::basic("basic");
        let mut wallet = Wallet::default();
        wallet
            .by_scheme
            .insert("basic", Credential::basic("u", "p"));
        let chosen = wallet
            .choose(Some(&[&[KEY], &[BASIC]]))
            .expect("basic is at hand");
        assert!(matches!(chosen.as_slice(), [Apply::Basic("u", "p")]));
        assert_eq!(
            wallet.choose(Some(&[&[KEY, BASIC]])).err().as_deref(),
            Some("`key` and `basic`")
        );
        assert!(
            wallet
                .choose(Some(&[&[KEY], &[]]))
                .expect("none is allowed")
                .is_empty()
        );
        assert!(wallet.choose(Some(&[])).expect("none is needed").is_empty());
    }

    #[test]
    fn a_bearer_scheme_carries_the_scopes_its_call_asks_for() {
        const OAUTH: Scheme = Scheme::bearer("oauth");
        let wallet = Wallet {
            tokens: Some(Arc::new(StaticToken::new("t"))),
            ..Wallet::default()
        };
        let scoped = wallet
            .choose(Some(const { &[&[OAUTH.with_scopes(&["read", "write"])]] }))
            .expect("the client's tokens serve any bearer scheme");
        assert!(matches!(
            scoped.as_slice(),
            [Apply::Bearer(_, ["read", "write"])]
        ));
        let plain = wallet.choose(Some(&[&[OAUTH]])).expect("at hand");
        assert!(matches!(plain.as_slice(), [Apply::Bearer(_, [])]));
        assert_eq!(OAUTH.with_scopes(&["read"]).name(), "oauth");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let shown = format!(
            "{:?} {:?} {:?}",
            Credential::basic("me", "hunter2"),
            Credential::key("k-secret"),
            Credential::bearer("t-secret")
        );
        assert!(
            !shown.contains("hunter2") && !shown.contains("secret"),
            "{shown}"
        );
    }
}
