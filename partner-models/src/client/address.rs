//! Addresses: path segments that cannot change the path, and `links.next` resolution.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is encoded, so `/`, `?`, `#` and `%` in a
/// value stay inside its segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes `value` as one path segment; empty and dot-only values are refused, since URL
/// normalisation would turn `.` and `..` into a different path.
pub(super) fn encode_segment(value: &str) -> Result<String, String> {
    if value.is_empty() {
        return Err("a path segment cannot be empty".into());
    }
    if value.bytes().all(|byte| byte == b'.') {
        return Err(format!("a path segment cannot be `{value}`"));
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// Resolves the `uri` of a `links.next` link against the service.
///
/// Relative links come with or without the version prefix (`/offers?...` and
/// `/v1/offers?...`); absolute ones must stay on the service's own origin, so that the bearer
/// token is never sent elsewhere.
pub(super) fn resolve_link(
    base_url: &reqwest::Url,
    base: &str,
    version_prefix: &str,
    uri: &str,
) -> Result<reqwest::Url, String> {
    if uri.starts_with("http://") || uri.starts_with("https://") {
        let url = reqwest::Url::parse(uri)
            .map_err(|error| format!("the next link `{uri}` does not parse: {error}"))?;
        if url.origin() != base_url.origin() {
            return Err(format!("the next link `{uri}` leaves the service's origin"));
        }
        return Ok(url);
    }
    if !uri.starts_with('/') {
        return Err(format!("the next link `{uri}` is not an absolute path"));
    }
    let path = if has_version_prefix(uri) {
        uri.to_owned()
    } else {
        format!("{version_prefix}{uri}")
    };
    reqwest::Url::parse(&format!("{base}{path}"))
        .map_err(|error| format!("the next link `{uri}` does not parse: {error}"))
}

/// Whether a path starts with a version segment such as `/v1/` (or is exactly `/v1`).
fn has_version_prefix(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/v").or_else(|| path.strip_prefix("/V")) else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(rest.as_bytes().get(digits), None | Some(b'/' | b'?' | b'#'))
}

/// A fresh correlation-vector base: 16 random base64 characters.
pub(super) fn correlation_vector_base() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..16)
        .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_escape() {
        assert_eq!(
            encode_segment("8BDBB60B-E526").as_deref(),
            Ok("8BDBB60B-E526")
        );
        assert_eq!(
            encode_segment("a/b?c#d%e").as_deref(),
            Ok("a%2Fb%3Fc%23d%25e")
        );
        assert_eq!(encode_segment("../admin").as_deref(), Ok("..%2Fadmin"));
        assert_eq!(
            encode_segment("MS-AZR-0145P").as_deref(),
            Ok("MS-AZR-0145P")
        );
        assert_eq!(encode_segment("é").as_deref(), Ok("%C3%A9"));
        assert!(encode_segment("..").is_err());
        assert!(encode_segment(".").is_err());
        assert!(encode_segment("").is_err());
    }

    #[test]
    fn links_resolve_with_or_without_the_version() {
        let base_url = reqwest::Url::parse("http://127.0.0.1:9000/proxy").expect("base");
        let resolve =
            |uri: &str| resolve_link(&base_url, "http://127.0.0.1:9000/proxy", "/v1", uri);
        assert_eq!(
            resolve("/offers?country=US&offset=2")
                .map(String::from)
                .as_deref(),
            Ok("http://127.0.0.1:9000/proxy/v1/offers?country=US&offset=2")
        );
        assert_eq!(
            resolve("/v1/customers?size=40")
                .map(String::from)
                .as_deref(),
            Ok("http://127.0.0.1:9000/proxy/v1/customers?size=40")
        );
        assert_eq!(
            resolve("/videos").map(String::from).as_deref(),
            Ok("http://127.0.0.1:9000/proxy/v1/videos")
        );
        assert_eq!(
            resolve("http://127.0.0.1:9000/v1/offers?x=1")
                .map(String::from)
                .as_deref(),
            Ok("http://127.0.0.1:9000/v1/offers?x=1")
        );
        assert!(resolve("https://elsewhere.example/v1/offers").is_err());
        assert!(resolve("offers?x=1").is_err());
    }
}
