//! `cargo xtask drift --since REV`: classifies every spec change since a git revision for users of `partner-models`.
//!
//! The rules follow oasdiff's, read for a Rust crate whose enums have a catch-all variant:
//! removing a schema, property, enum value, operation or parameter is breaking, and so is
//! changing a type, making a parameter or property required (or no longer required: the Rust
//! type changes between `T` and `Option<T>`) and renaming an operation; adding a schema,
//! an optional property, an enum value, an operation, an optional parameter or a response, and
//! changing a description, is not. A breaking change passes only when the `partner-models`
//! version was bumped for it: the minor version while at 0.x, the major version from 1.0 on.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, Result, bail};
use serde_json::Value;

use crate::drift::spec_model::ty_of;
use crate::generate::SPEC;

/// The manifest of the crate whose version guards breaking changes.
pub const MODELS_MANIFEST: &str = "partner-models/Cargo.toml";

/// One change between the two specs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Whether code using `partner-models` may stop compiling or behave differently.
    pub breaking: bool,
    /// What changed, e.g. `Offer.name` or `GET /v{version}/offers`.
    pub subject: String,
    /// How it changed.
    pub message: String,
}

/// The result of a comparison.
#[derive(Debug, Clone)]
pub struct SinceOutcome {
    /// The revision compared against.
    pub revision: String,
    /// The `partner-models` version at the revision.
    pub old_version: String,
    /// The `partner-models` version now.
    pub new_version: String,
    /// Every change, breaking ones first, then by subject.
    pub changes: Vec<Change>,
}

impl SinceOutcome {
    /// Breaking changes.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|change| change.breaking).count()
    }

    /// `Ok` when nothing is breaking or the version was bumped for it, else why not.
    pub fn verdict(&self) -> std::result::Result<(), String> {
        let breaking = self.breaking();
        if breaking == 0 || bump_allows_breaking(&self.old_version, &self.new_version) {
            return Ok(());
        }
        Err(format!(
            "{breaking} breaking changes since {} while partner-models stays at {} (it was {} there); bump its version ({})",
            self.revision,
            self.new_version,
            self.old_version,
            if self.old_version.starts_with("0.") {
                "the minor version, as it is below 1.0"
            } else {
                "the major version"
            }
        ))
    }
}

/// The readable report.
pub fn text(outcome: &SinceOutcome) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "comparing {SPEC} with its state at {} (partner-models {} -> {})",
        outcome.revision, outcome.old_version, outcome.new_version
    );
    for change in &outcome.changes {
        let label = if change.breaking {
            "breaking"
        } else {
            "compatible"
        };
        let _ = writeln!(out, "{label:<10} {}: {}", change.subject, change.message);
    }
    let verdict = match outcome.verdict() {
        Ok(()) if outcome.breaking() > 0 => "pass (the version was bumped)".to_owned(),
        Ok(()) => "pass".to_owned(),
        Err(_) => "fail".to_owned(),
    };
    let _ = writeln!(
        out,
        "summary: {} changes, {} breaking: {verdict}",
        outcome.changes.len(),
        outcome.breaking()
    );
    out
}

/// Compares the spec in the working tree at `root` with the spec at git revision `revision`.
pub fn run(root: &Path, revision: &str) -> Result<SinceOutcome> {
    let old_spec = git_show(root, revision, SPEC)?;
    let new_spec =
        std::fs::read_to_string(root.join(SPEC)).with_context(|| format!("cannot read {SPEC}"))?;
    let old: Value = serde_norway::from_str(&old_spec)
        .with_context(|| format!("{SPEC} at {revision} is not valid YAML"))?;
    let new: Value =
        serde_norway::from_str(&new_spec).with_context(|| format!("{SPEC} is not valid YAML"))?;
    let old_version = manifest_version(
        &git_show(root, revision, MODELS_MANIFEST)?,
        &git_show(root, revision, "Cargo.toml")?,
    )
    .with_context(|| format!("no version in {MODELS_MANIFEST} at {revision}"))?;
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path)).with_context(|| format!("cannot read {path}"))
    };
    let new_version = manifest_version(&read(MODELS_MANIFEST)?, &read("Cargo.toml")?)
        .with_context(|| format!("no version in {MODELS_MANIFEST}"))?;
    Ok(SinceOutcome {
        revision: revision.to_owned(),
        old_version,
        new_version,
        changes: compare_specs(&old, &new),
    })
}

fn git_show(root: &Path, revision: &str, path: &str) -> Result<String> {
    let output = Command::new("git")
        .current_dir(root)
        .args(["show", &format!("{revision}:{path}")])
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "cannot read {path} at {revision}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("{path} at {revision} is not UTF-8"))
}

/// The package version in a manifest, following `version.workspace = true` to the workspace's.
pub fn manifest_version(manifest: &str, workspace: &str) -> Option<String> {
    match section_value(manifest, "package", "version") {
        Some(Field::Text(version)) => Some(version),
        Some(Field::Workspace) => match section_value(workspace, "workspace.package", "version") {
            Some(Field::Text(version)) => Some(version),
            _ => None,
        },
        None => None,
    }
}

enum Field {
    Text(String),
    Workspace,
}

fn section_value(toml: &str, section: &str, key: &str) -> Option<Field> {
    let mut current = String::new();
    for line in toml.lines() {
        let line = line.trim();
        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            current = name.trim().to_owned();
            continue;
        }
        if current != section {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim();
        if name == format!("{key}.workspace") && value == "true" {
            return Some(Field::Workspace);
        }
        if name == key {
            if value.contains("workspace") {
                return Some(Field::Workspace);
            }
            return Some(Field::Text(value.trim_matches('"').to_owned()));
        }
    }
    None
}

fn parse_version(version: &str) -> Option<(u64, u64, u64)> {
    let core = version.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(str::parse::<u64>);
    Some((
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    ))
}

/// Whether going from `old` to `new` is a semver bump that allows breaking changes: a major
/// bump, or a minor bump while below 1.0 (cargo's and cargo-semver-checks' reading).
pub fn bump_allows_breaking(old: &str, new: &str) -> bool {
    let (Some(old), Some(new)) = (parse_version(old), parse_version(new)) else {
        return false;
    };
    if old.0 == 0 {
        new.0 > 0 || new.1 > old.1
    } else {
        new.0 > old.0
    }
}

/// Every change from `old` to `new`, breaking first, then by subject and message.
pub fn compare_specs(old: &Value, new: &Value) -> Vec<Change> {
    let mut changes = BTreeSet::new();
    let mut add = |breaking: bool, subject: &str, message: String| {
        changes.insert(Change {
            breaking,
            subject: subject.to_owned(),
            message,
        });
    };
    let old_schemas = components(old, "schemas");
    let new_schemas = components(new, "schemas");
    for (name, before) in &old_schemas {
        let Some(after) = new_schemas.get(name) else {
            add(true, name, "schema removed".to_owned());
            continue;
        };
        let found = changes_of_schema(name, before, after, &mut add);
        if found == 0 && before != after {
            add(false, name, "description or annotations changed".to_owned());
        }
    }
    for name in new_schemas.keys() {
        if !old_schemas.contains_key(name) {
            add(false, name, "schema added".to_owned());
        }
    }
    let old_operations = operations(old);
    let new_operations = operations(new);
    for (key, before) in &old_operations {
        let Some(after) = new_operations.get(key) else {
            add(true, key, "operation removed".to_owned());
            continue;
        };
        let found = changes_of_operation(key, old, before, new, after, &mut add);
        if found == 0 && before != after {
            add(false, key, "description or annotations changed".to_owned());
        }
    }
    for key in new_operations.keys() {
        if !old_operations.contains_key(key) {
            add(false, key, "operation added".to_owned());
        }
    }
    let mut changes: Vec<Change> = changes.into_iter().collect();
    changes.sort_by(|a, b| b.breaking.cmp(&a.breaking).then_with(|| a.cmp(b)));
    changes
}

fn components<'a>(root: &'a Value, kind: &str) -> BTreeMap<String, &'a Value> {
    root.pointer(&format!("/components/{kind}"))
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(name, value)| (name.clone(), value))
                .collect()
        })
        .unwrap_or_default()
}

fn strings(value: Option<&Value>) -> BTreeSet<String> {
    value
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|item| match item {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn properties(schema: &Value) -> BTreeMap<String, &Value> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(name, value)| (name.clone(), value))
                .collect()
        })
        .unwrap_or_default()
}

/// Records the changes of one schema; returns how many were found.
fn changes_of_schema(
    name: &str,
    before: &Value,
    after: &Value,
    add: &mut impl FnMut(bool, &str, String),
) -> usize {
    let mut found: Vec<(bool, String, String)> = Vec::new();
    let note = |found: &mut Vec<(bool, String, String)>,
                breaking: bool,
                subject: &str,
                message: String| {
        found.push((breaking, subject.to_owned(), message));
    };
    let (old_ty, new_ty) = (ty_of(before), ty_of(after));
    if old_ty != new_ty {
        note(
            &mut found,
            true,
            name,
            format!("type changed from {old_ty} to {new_ty}"),
        );
    }
    let old_values = strings(before.get("enum"));
    let new_values = strings(after.get("enum"));
    for value in old_values.difference(&new_values) {
        note(
            &mut found,
            true,
            name,
            format!(
                "enum value `{value}` removed (its variant disappears; a request can no longer send it)"
            ),
        );
    }
    for value in new_values.difference(&old_values) {
        note(
            &mut found,
            false,
            name,
            format!("enum value `{value}` added (matches keep a catch-all arm)"),
        );
    }
    let old_properties = properties(before);
    let new_properties = properties(after);
    let old_required = strings(before.get("required"));
    let new_required = strings(after.get("required"));
    for (property, old_schema) in &old_properties {
        let subject = format!("{name}.{property}");
        let Some(new_schema) = new_properties.get(property) else {
            note(&mut found, true, &subject, "property removed".to_owned());
            continue;
        };
        let before_property = found.len();
        let (old_ty, new_ty) = (ty_of(old_schema), ty_of(new_schema));
        if old_ty != new_ty {
            note(
                &mut found,
                true,
                &subject,
                format!("type changed from {old_ty} to {new_ty}"),
            );
        }
        match (
            old_required.contains(property),
            new_required.contains(property),
        ) {
            (false, true) => note(
                &mut found,
                true,
                &subject,
                "property made required".to_owned(),
            ),
            (true, false) => note(
                &mut found,
                true,
                &subject,
                "property no longer required (its Rust type becomes an Option)".to_owned(),
            ),
            _ => {}
        }
        let old_values = strings(
            old_schema
                .get("enum")
                .or_else(|| old_schema.pointer("/items/enum")),
        );
        let new_values = strings(
            new_schema
                .get("enum")
                .or_else(|| new_schema.pointer("/items/enum")),
        );
        for value in old_values.difference(&new_values) {
            note(
                &mut found,
                true,
                &subject,
                format!("enum value `{value}` removed"),
            );
        }
        for value in new_values.difference(&old_values) {
            note(
                &mut found,
                false,
                &subject,
                format!("enum value `{value}` added"),
            );
        }
        if found.len() == before_property && old_schema != new_schema {
            note(
                &mut found,
                false,
                &subject,
                "description or annotations changed".to_owned(),
            );
        }
    }
    for property in new_properties.keys() {
        if !old_properties.contains_key(property) {
            let subject = format!("{name}.{property}");
            if new_required.contains(property) {
                note(
                    &mut found,
                    true,
                    &subject,
                    "required property added".to_owned(),
                );
            } else {
                note(&mut found, false, &subject, "property added".to_owned());
            }
        }
    }
    let count = found.len();
    for (breaking, subject, message) in found {
        add(breaking, &subject, message);
    }
    count
}

fn operations(root: &Value) -> BTreeMap<String, &Value> {
    let mut out = BTreeMap::new();
    if let Some(paths) = root.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                if let Some(operation) = item.get(method) {
                    out.insert(format!("{} {path}", method.to_ascii_uppercase()), operation);
                }
            }
        }
    }
    out
}

fn resolve<'a>(root: &'a Value, value: &'a Value) -> &'a Value {
    match value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
    {
        Some(target) => target,
        None => value,
    }
}

fn parameters<'a>(root: &'a Value, operation: &'a Value) -> BTreeMap<(String, String), &'a Value> {
    operation
        .get("parameters")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|parameter| resolve(root, parameter))
                .map(|parameter| {
                    let text = |key: &str| {
                        parameter
                            .get(key)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned()
                    };
                    ((text("in"), text("name")), parameter)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn responses<'a>(root: &'a Value, operation: &'a Value) -> BTreeMap<String, &'a Value> {
    operation
        .get("responses")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(status, response)| (status.clone(), resolve(root, response)))
                .collect()
        })
        .unwrap_or_default()
}

/// Records the changes of one operation; returns how many were found.
fn changes_of_operation(
    key: &str,
    old_root: &Value,
    before: &Value,
    new_root: &Value,
    after: &Value,
    add: &mut impl FnMut(bool, &str, String),
) -> usize {
    let mut found = 0;
    let mut note = |breaking: bool, message: String| {
        found += 1;
        add(breaking, key, message);
    };
    let id = |operation: &Value| {
        operation
            .get("operationId")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if id(before) != id(after) {
        note(
            true,
            format!(
                "operationId changed from {} to {} (the client method is renamed)",
                id(before).unwrap_or_default(),
                id(after).unwrap_or_default()
            ),
        );
    }
    let old_parameters = parameters(old_root, before);
    let new_parameters = parameters(new_root, after);
    let required = |parameter: &Value| {
        parameter
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let schema_ty = |parameter: &Value| parameter.get("schema").map(ty_of);
    for ((location, name), old) in &old_parameters {
        let Some(new) = new_parameters.get(&(location.clone(), name.clone())) else {
            note(true, format!("{location} parameter `{name}` removed"));
            continue;
        };
        match (required(old), required(new)) {
            (false, true) => note(true, format!("{location} parameter `{name}` made required")),
            (true, false) => note(
                true,
                format!(
                    "{location} parameter `{name}` made optional (the client method's signature changes)"
                ),
            ),
            _ => {}
        }
        if schema_ty(old) != schema_ty(new) {
            note(true, format!("{location} parameter `{name}` changed type"));
        }
    }
    for ((location, name), new) in &new_parameters {
        if !old_parameters.contains_key(&(location.clone(), name.clone())) {
            if required(new) {
                note(
                    true,
                    format!("required {location} parameter `{name}` added"),
                );
            } else {
                note(
                    false,
                    format!("optional {location} parameter `{name}` added"),
                );
            }
        }
    }
    let body = |operation: &Value, root: &Value| {
        operation
            .get("requestBody")
            .map(|body| resolve(root, body))
            .and_then(|body| body.pointer("/content/application~1json/schema"))
            .map(ty_of)
    };
    if body(before, old_root) != body(after, new_root) {
        note(true, "request body changed type".to_owned());
    }
    let old_responses = responses(old_root, before);
    let new_responses = responses(new_root, after);
    let response_ty = |response: &Value| {
        response
            .pointer("/content/application~1json/schema")
            .map(ty_of)
    };
    for (status, old) in &old_responses {
        match new_responses.get(status) {
            None => note(
                status.starts_with('2'),
                format!("response {status} removed"),
            ),
            Some(new) if response_ty(old) != response_ty(new) => {
                note(true, format!("response {status} changed type"));
            }
            Some(_) => {}
        }
    }
    for status in new_responses.keys() {
        if !old_responses.contains_key(status) {
            note(false, format!("response {status} added"));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_semver() {
        assert!(bump_allows_breaking("0.1.0", "0.2.0"));
        assert!(!bump_allows_breaking("0.1.0", "0.1.1"));
        assert!(bump_allows_breaking("0.9.3", "1.0.0"));
        assert!(!bump_allows_breaking("1.2.0", "1.3.0"));
        assert!(bump_allows_breaking("1.2.0", "2.0.0"));
        assert!(!bump_allows_breaking("0.1.0", "0.1.0"));
    }

    #[test]
    fn reads_workspace_versions() {
        let manifest = "[package]\nname = \"partner-models\"\nversion.workspace = true\n";
        let workspace = "[workspace]\nmembers = []\n\n[workspace.package]\nversion = \"0.3.1\"\n";
        assert_eq!(
            manifest_version(manifest, workspace).as_deref(),
            Some("0.3.1")
        );
        let own = "[package]\nname = \"x\"\nversion = \"1.2.3\"\n";
        assert_eq!(manifest_version(own, "").as_deref(), Some("1.2.3"));
    }
}
