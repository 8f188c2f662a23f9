//! Addresses: path segments that cannot change the path, and next-page link resolution.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is encoded, so `/`, `?`, `#` and `%` in a
/// value stay inside its segment.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
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

/// Resolves the `uri` of a next-page link against the service.
///
/// A relative link must be an absolute path, appended to `base` (the base URL without a
/// trailing slash), after the policy has adjusted it; an absolute one must stay on the service's
/// own origin, so that the bearer token is never sent elsewhere.
pub(super) fn resolve_link(
    base_url: &reqwest::Url,
    base: &str,
    uri: &str,
    relative: impl FnOnce(&str) -> String,
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
    let path = relative(uri);
    reqwest::Url::parse(&format!("{base}{path}"))
        .map_err(|error| format!("the next link `{uri}` does not parse: {error}"))
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
        assert_eq!(encode_segment("é").as_deref(), Ok("%C3%A9"));
        assert!(encode_segment("..").is_err());
        assert!(encode_segment(".").is_err());
        assert!(encode_segment("").is_err());
    }

    #[test]
    fn links_resolve_relative_to_the_base_and_stay_on_its_origin() {
        let base_url = reqwest::Url::parse("http://127.0.0.1:9000/proxy").expect("base");
        let resolve = |uri: &str| {
            resolve_link(&base_url, "http://127.0.0.1:9000/proxy", uri, str::to_owned)
                .map(String::from)
        };
        assert_eq!(
            resolve("/pets?cursor=2").as_deref(),
            Ok("http://127.0.0.1:9000/proxy/pets?cursor=2")
        );
        assert_eq!(
            resolve("http://127.0.0.1:9000/pets?x=1").as_deref(),
            Ok("http://127.0.0.1:9000/pets?x=1")
        );
        assert!(resolve("https://elsewhere.example/pets").is_err());
        assert!(resolve("pets?x=1").is_err());
        let prefixed = resolve_link(&base_url, "http://127.0.0.1:9000/proxy", "/pets", |uri| {
            format!("/v2{uri}")
        });
        assert_eq!(
            prefixed.map(String::from).as_deref(),
            Ok("http://127.0.0.1:9000/proxy/v2/pets")
        );
    }
}
