//! The benchmark inputs: the recorded US offer catalog and a synthetic 100,000-offer collection.

use std::fmt::{self, Write as _};
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::value::RawValue;

/// Number of offers in the synthetic collection.
pub(crate) const SYNTHETIC_OFFERS: usize = 100_000;

/// The recorded payload, relative to the shared directory.
const RECORDED: &str = "payloads/01_offers-market-us.recorded.json";

/// The UTF-8 byte-order mark, stripped before the recorded payload is cut into templates.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Length of a GUID in its textual form; every synthetic id has it.
const GUID_LEN: usize = 36;

/// The shared material: `$PARTNER_SHARED_DIR`, else `<workspace>/../shared`.
pub(crate) fn shared_dir() -> PathBuf {
    match std::env::var_os("PARTNER_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    }
}

/// Path of the recorded 274-offer payload.
pub(crate) fn recorded_path() -> PathBuf {
    shared_dir().join(RECORDED)
}

/// Reads the recorded payload, or says why the benchmarks on it are skipped and returns `None`.
pub(crate) fn load_recorded() -> Option<Vec<u8>> {
    let path = recorded_path();
    match std::fs::read(&path) {
        Ok(body) => Some(body),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "note: {} not found ({error}); skipping the benchmarks on the recorded payload \
                 and building the synthetic input from the in-code template \
                 (set PARTNER_SHARED_DIR to the shared material to include them)",
                path.display()
            );
            None
        }
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    }
}

/// Where the offers of the synthetic collection come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// The 274 recorded offers, minified, cycled with rewritten ids.
    Recorded,
    /// The in-code template offer, with rewritten ids.
    Template,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Recorded => "the 274 recorded offers, minified and cycled, ids rewritten",
            Source::Template => "the in-code template offer, ids rewritten",
        })
    }
}

/// A generated collection body.
pub(crate) struct Synthetic {
    /// The compact JSON text of a `ResourceCollection<Offer>` holding the offers.
    pub(crate) body: Vec<u8>,
    /// Where its offers come from.
    pub(crate) source: Source,
}

/// Builds a compact collection of `count` offers, deterministically.
///
/// With the recorded payload, offer `n` is recorded offer `n % 274` with every occurrence of its
/// own id (its `id`, `uri` and `links.self.uri`) replaced by a GUID made from `n`; otherwise the
/// in-code template is used the same way. No clock and no randomness: every run builds the same
/// bytes.
pub(crate) fn synthetic(recorded: Option<&[u8]>, count: usize) -> Synthetic {
    let (templates, source) = match recorded {
        Some(body) => (templates_from(body), Source::Recorded),
        None => (vec![Template::new(&template_offer())], Source::Template),
    };
    let head = format!("{{\"totalCount\":{count},\"items\":[");
    let tail = "],\"links\":{\"self\":{\"uri\":\"/offers?country=US\",\"method\":\"GET\",\
                \"headers\":[]}},\"attributes\":{\"objectType\":\"Collection\"}}";
    let items: usize = (0..count)
        .map(|n| templates[n % templates.len()].len())
        .sum();
    let capacity = head.len() + items + count.saturating_sub(1) + tail.len();
    let mut out = String::with_capacity(capacity);
    out.push_str(&head);
    for n in 0..count {
        if n > 0 {
            out.push(',');
        }
        templates[n % templates.len()].write(&mut out, n);
    }
    out.push_str(tail);
    debug_assert_eq!(out.len(), capacity, "the capacity estimate is exact");
    Synthetic {
        body: out.into_bytes(),
        source,
    }
}

/// One offer cut at every occurrence of its own id.
struct Template {
    /// The text between the id occurrences; `parts.len() - 1` ids go between them.
    parts: Vec<String>,
}

impl Template {
    /// Cuts compact offer JSON at every occurrence of the offer's `id`.
    fn new(offer: &str) -> Self {
        #[derive(Deserialize)]
        struct IdOnly {
            id: String,
        }
        let IdOnly { id } = serde_json::from_str(offer).expect("every template offer has an id");
        assert!(!id.is_empty(), "template offer ids are not empty");
        Self {
            parts: offer.split(id.as_str()).map(str::to_owned).collect(),
        }
    }

    /// Length of the offer once written with a synthetic id.
    fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum::<usize>() + (self.parts.len() - 1) * GUID_LEN
    }

    /// Appends the offer with the id of offer `n`.
    fn write(&self, out: &mut String, n: usize) {
        let (first, rest) = self
            .parts
            .split_first()
            .expect("split yields one part at least");
        out.push_str(first);
        for part in rest {
            write_guid(out, n);
            out.push_str(part);
        }
    }
}

/// Appends the synthetic GUID of offer `n`, for example `0000002A-5EED-4000-8000-00000000002A`.
fn write_guid(out: &mut String, n: usize) {
    let n = n as u64;
    write!(out, "{:08X}-5EED-4000-8000-{:012X}", n & 0xFFFF_FFFF, n)
        .expect("writing to a String cannot fail");
}

/// Cuts the recorded payload into one template per offer, minified, in arrival order.
fn templates_from(body: &[u8]) -> Vec<Template> {
    #[derive(Deserialize)]
    struct Items<'a> {
        #[serde(borrow)]
        items: Vec<&'a RawValue>,
    }
    let body = body.strip_prefix(BOM).unwrap_or(body);
    let Items { items } =
        serde_json::from_slice(body).expect("the recorded payload is a collection");
    assert!(!items.is_empty(), "the recorded payload has offers");
    items
        .iter()
        .map(|raw| Template::new(&minify(raw.get())))
        .collect()
}

/// Removes the whitespace outside strings, keeping key order and every value byte for byte.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}

/// An offer shaped like the recorded ones (same keys, same nesting, similar size), for machines
/// without the shared material. Its id occurs three times, as in the recorded offers.
fn template_offer() -> String {
    const ID: &str = "00000000-5EED-4000-8000-000000000000";
    let prerequisites: Vec<String> = (0..20)
        .map(|k| format!("\"{:08X}-0FF3-4000-8000-{:012X}\"", 0xA000_0000_u32 + k, k))
        .collect();
    format!(
        concat!(
            "{{\"id\":\"{id}\",\"name\":\"Synthetic Storage Add-on\",",
            "\"description\":\"Additional storage for a synthetic suite, for benchmarks only\",",
            "\"minimumQuantity\":1,\"maximumQuantity\":10000000,\"rank\":0,",
            "\"uri\":\"/3c95518e-8c37-41e3-9627-0ca339200f53/Offers/{id}\",",
            "\"locale\":\"en-US\",\"country\":\"US\",",
            "\"category\":{{\"id\":\"\",\"name\":\"\",\"rank\":0,\"locale\":\"en-US\",",
            "\"country\":\"US\",\"attributes\":{{\"objectType\":\"OfferCategory\"}}}},",
            "\"limitUnitOfMeasure\":\"None\",\"limit\":0,\"termUnitOfMeasure\":\"Year\",",
            "\"term\":1,\"prerequisiteOffers\":[{prerequisites}],",
            "\"isAddOn\":true,\"hasAddOns\":false,\"isAvailableForPurchase\":true,",
            "\"billing\":\"license\",\"supportedBillingCycles\":[\"annual\",\"monthly\"],",
            "\"isAutoRenewable\":true,\"isInternal\":false,\"isMicrosoftProduct\":true,",
            "\"conversionTargetOffers\":[],\"reselleeQualifications\":[],",
            "\"resellerQualifications\":[],\"salesGroupId\":\"Default\",\"isTrial\":false,",
            "\"acquisitionType\":\"purchase\",\"supportedCatalogTypes\":[\"sandbox\",\"live\"],",
            "\"actions\":[\"Cancel\",\"Edit\"],",
            "\"product\":{{\"id\":\"00000000-0FF3-4000-8000-0000000000FF\",",
            "\"name\":\"Synthetic Storage Add-on\",\"unit\":\"Add-On Licenses\"}},",
            "\"unitType\":\"Add-On Licenses\",",
            "\"links\":{{\"learnMore\":{{\"method\":\"GET\",\"headers\":[]}},",
            "\"self\":{{\"uri\":\"/offers/{id}?country=US\",\"method\":\"GET\",\"headers\":[]}}}},",
            "\"attributes\":{{\"objectType\":\"Offer\"}}}}"
        ),
        id = ID,
        prerequisites = prerequisites.join(","),
    )
}

/// Formats a byte count as decimal megabytes with the exact count, e.g. `214.3 MB (214,312,345 B)`.
pub(crate) fn size(bytes: usize) -> String {
    let digits = bytes.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{:.1} MB ({grouped} B)", bytes as f64 / 1e6)
}
