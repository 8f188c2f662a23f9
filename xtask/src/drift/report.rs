//! The report of `drift --docs`: readable text, or JSON for tools.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Outcome, Severity};

/// The readable report.
pub fn text(outcome: &Outcome, strict: bool) -> String {
    let mut out = String::new();
    for (file, types, operations) in &outcome.documents {
        let _ = writeln!(out, "read {file}: {types} types, {operations} operations");
    }
    for failure in &outcome.failures {
        let _ = writeln!(
            out,
            "extraction failure {}:{}: {}",
            failure.file, failure.line, failure.message
        );
    }
    for severity in [Severity::Error, Severity::Info] {
        for finding in outcome
            .findings
            .iter()
            .filter(|finding| finding.severity == severity && finding.accepted.is_none())
        {
            let _ = writeln!(
                out,
                "{severity:<5} {}: {} ({})",
                finding.fingerprint,
                finding.message,
                finding.locations.join(", ")
            );
        }
    }
    for finding in outcome
        .findings
        .iter()
        .filter(|finding| finding.accepted.is_some())
    {
        let _ = writeln!(
            out,
            "accepted {}: {}",
            finding.fingerprint,
            finding.accepted.as_deref().unwrap_or_default()
        );
    }
    for stale in &outcome.stale {
        let _ = writeln!(
            out,
            "stale accepted entry {}: matches no finding any more (reason was: {})",
            stale.fingerprint, stale.reason
        );
    }
    let _ = writeln!(
        out,
        "summary: {} findings, {} accepted, {} unaccepted errors, {} unaccepted informational, {} stale accepted, {} extraction failures: {}",
        outcome.findings.len(),
        outcome.accepted(),
        outcome.unaccepted(Severity::Error),
        outcome.unaccepted(Severity::Info),
        outcome.stale.len(),
        outcome.failures.len(),
        if outcome.passes(strict) {
            "pass"
        } else {
            "fail"
        }
    );
    out
}

/// The report as JSON.
pub fn json(outcome: &Outcome, strict: bool) -> Value {
    json!({
        "pass": outcome.passes(strict),
        "strict": strict,
        "documents": outcome.documents.iter().map(|(file, types, operations)| json!({
            "file": file, "types": types, "operations": operations,
        })).collect::<Vec<_>>(),
        "failures": outcome.failures.iter().map(|failure| json!({
            "file": failure.file, "line": failure.line, "message": failure.message,
        })).collect::<Vec<_>>(),
        "findings": outcome.findings.iter().map(|finding| json!({
            "kind": finding.fingerprint.kind.name(),
            "type": finding.fingerprint.subject,
            "property": finding.fingerprint.member,
            "severity": finding.severity.to_string(),
            "message": finding.message,
            "locations": finding.locations,
            "accepted": finding.accepted.is_some(),
            "reason": finding.accepted,
        })).collect::<Vec<_>>(),
        "stale": outcome.stale.iter().map(|stale| json!({
            "kind": stale.fingerprint.kind.name(),
            "type": stale.fingerprint.subject,
            "property": stale.fingerprint.member,
            "reason": stale.reason,
        })).collect::<Vec<_>>(),
        "summary": {
            "findings": outcome.findings.len(),
            "accepted": outcome.accepted(),
            "unaccepted_errors": outcome.unaccepted(Severity::Error),
            "unaccepted_info": outcome.unaccepted(Severity::Info),
            "stale": outcome.stale.len(),
            "failures": outcome.failures.len(),
        },
    })
}
