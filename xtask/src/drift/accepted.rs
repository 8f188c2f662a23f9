//! The accepted differences (`spec/drift-accepted.yaml`): findings the spec decided on purpose, each with its reason.
//!
//! ```yaml
//! accepted:
//!   - kind: type-mismatch
//!     type: Offer
//!     property: prerequisiteOffers
//!     reason: spec/README.md 2.3, every payload sends an array
//! ```

use anyhow::{Result, bail};
use serde_json::Value;

use super::{Finding, Fingerprint, Kind, Stale};

/// One accepted difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The finding it accepts.
    pub fingerprint: Fingerprint,
    /// Why the difference is intended.
    pub reason: String,
}

/// Reads the accepted file.
pub fn parse(yaml: &str) -> Result<Vec<Entry>> {
    let root: Value = serde_norway::from_str(yaml)?;
    let list = match root.get("accepted") {
        Some(Value::Array(list)) => list,
        Some(Value::Null) => return Ok(Vec::new()),
        _ => bail!("the file needs a top-level `accepted` list"),
    };
    let mut entries = Vec::new();
    for (index, item) in list.iter().enumerate() {
        let field = |name: &str| {
            item.get(name)
                .and_then(Value::as_str)
                .map(str::trim)
                .unwrap_or_default()
        };
        let number = index + 1;
        let Some(kind) = Kind::from_name(field("kind")) else {
            bail!("entry {number}: unknown kind `{}`", field("kind"));
        };
        if field("type").is_empty() {
            bail!("entry {number}: `type` is missing");
        }
        if field("reason").is_empty() {
            bail!("entry {number}: `reason` is missing; every accepted difference says why");
        }
        let entry = Entry {
            fingerprint: Fingerprint {
                kind,
                subject: field("type").to_owned(),
                member: field("property").to_owned(),
            },
            reason: field("reason").to_owned(),
        };
        if entries
            .iter()
            .any(|known: &Entry| known.fingerprint == entry.fingerprint)
        {
            bail!("entry {number}: `{}` is accepted twice", entry.fingerprint);
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// Marks the accepted findings and returns the entries that match none, sorted.
pub fn apply(entries: &[Entry], findings: &mut [Finding]) -> Vec<Stale> {
    let mut stale = Vec::new();
    for entry in entries {
        match findings
            .iter_mut()
            .find(|finding| finding.fingerprint == entry.fingerprint)
        {
            Some(finding) => finding.accepted = Some(entry.reason.clone()),
            None => stale.push(Stale {
                fingerprint: entry.fingerprint.clone(),
                reason: entry.reason.clone(),
            }),
        }
    }
    stale.sort();
    stale
}
