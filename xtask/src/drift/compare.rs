//! Compares what the documents say with the spec and turns every difference into a finding.

use std::collections::{BTreeMap, BTreeSet};

use super::extract::{DocOperation, DocProperty, Document};
use super::spec_model::{Schema, SchemaKind, SpecModel};
use super::types::{Ty, fold, short_name};
use super::{Finding, Fingerprint, Kind, Severity};

/// Every difference between the documents and the spec, sorted by fingerprint, one finding per
/// fingerprint with all its locations.
pub fn compare(documents: &[Document], model: &SpecModel) -> Vec<Finding> {
    let mut run = Comparison {
        model,
        findings: BTreeMap::new(),
        documented_properties: BTreeMap::new(),
        documented_values: BTreeMap::new(),
    };
    for document in documents {
        for ty in &document.types {
            let at = format!("{}:{}", document.file, ty.line);
            if !ty.resolved {
                run.add(
                    Kind::TypeMissing,
                    &ty.name,
                    "",
                    Severity::Info,
                    format!("type {} is documented but missing from the spec", ty.name),
                    &at,
                );
                continue;
            }
            let Some(schema) = model.schemas.get(&ty.name) else {
                continue;
            };
            if !ty.properties.is_empty() {
                run.documented_properties
                    .entry(ty.name.clone())
                    .or_default()
                    .1
                    .insert(at.clone());
            }
            for property in &ty.properties {
                let at = format!("{}:{}", document.file, property.line);
                run.property(&ty.name, schema, property, &at);
            }
            if !ty.values.is_empty() {
                run.values(&ty.name, &ty.values, &at);
            }
        }
        for operation in &document.operations {
            run.operation(&document.file, operation);
        }
    }
    run.undocumented();
    run.findings.into_values().collect()
}

struct Comparison<'a> {
    model: &'a SpecModel,
    findings: BTreeMap<Fingerprint, Finding>,
    /// Schema → (its properties documented somewhere, where its tables are).
    documented_properties: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    /// Enum → (its values documented somewhere, where they are documented).
    documented_values: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
}

impl Comparison<'_> {
    fn add(
        &mut self,
        kind: Kind,
        subject: &str,
        member: &str,
        severity: Severity,
        message: String,
        at: &str,
    ) {
        let fingerprint = Fingerprint {
            kind,
            subject: subject.to_owned(),
            member: member.to_owned(),
        };
        let finding = self
            .findings
            .entry(fingerprint.clone())
            .or_insert_with(|| Finding {
                fingerprint,
                severity,
                message,
                locations: Vec::new(),
                accepted: None,
            });
        if !at.is_empty() && !finding.locations.iter().any(|known| known == at) {
            finding.locations.push(at.to_owned());
            finding.locations.sort();
        }
    }

    fn property(&mut self, owner: &str, schema: &Schema, property: &DocProperty, at: &str) {
        let documented = property.name.as_str();
        let found = schema
            .properties
            .iter()
            .find(|candidate| candidate.name == documented)
            .or_else(|| {
                schema.properties.iter().find(|candidate| {
                    candidate.documented_as.as_deref() == Some(documented)
                        || matches!(&candidate.ty, Ty::Named(target)
                            if candidate.name.eq_ignore_ascii_case(documented)
                                && self.model.schemas.get(target).and_then(|s| s.documented_as.as_deref()) == Some(documented))
                })
            });
        let found = match found {
            Some(found) => found,
            None => match schema
                .properties
                .iter()
                .find(|candidate| fold(&candidate.name) == fold(documented))
            {
                Some(found) => {
                    self.add(
                        Kind::Casing,
                        owner,
                        &found.name,
                        Severity::Info,
                        format!("{owner}.{} is documented as `{documented}`, with no x-documented-as saying so", found.name),
                        at,
                    );
                    found
                }
                None => {
                    let severity = if schema.in_request {
                        Severity::Error
                    } else {
                        Severity::Info
                    };
                    let direction = if schema.in_request {
                        "a request type"
                    } else {
                        "a response type"
                    };
                    self.add(
                        Kind::PropertyMissing,
                        owner,
                        documented,
                        severity,
                        format!(
                            "{owner}.{documented} ({}) is documented but missing from the spec ({direction})",
                            property.ty
                        ),
                        at,
                    );
                    return;
                }
            },
        };
        let name = found.name.clone();
        let spec_ty = found.ty.clone();
        self.documented_properties
            .entry(owner.to_owned())
            .or_default()
            .0
            .insert(name.clone());
        if !self.compatible(&property.ty, &spec_ty) {
            self.add(
                Kind::TypeMismatch,
                owner,
                &name,
                Severity::Error,
                format!(
                    "{owner}.{name} is documented as {}, the spec has {spec_ty}",
                    property.ty
                ),
                at,
            );
        }
        if let Some(target) = self.enum_target(&spec_ty) {
            let values = if property.values.is_empty() {
                values_in(&property.description)
            } else {
                property.values.clone()
            };
            if !values.is_empty() {
                self.values(&target, &values, at);
            }
        }
    }

    fn enum_target(&self, ty: &Ty) -> Option<String> {
        match ty {
            Ty::Array(inner) => self.enum_target(inner),
            Ty::Named(name) => self
                .model
                .schemas
                .get(name)
                .filter(|schema| schema.kind == SchemaKind::Enum)
                .map(|_| name.clone()),
            _ => None,
        }
    }

    fn values(&mut self, owner: &str, values: &[String], at: &str) {
        let model = self.model;
        let Some(schema) = model.schemas.get(owner) else {
            return;
        };
        if schema.kind != SchemaKind::Enum {
            return;
        }
        for value in values {
            let wire = schema
                .enum_values
                .iter()
                .find(|wire| *wire == value)
                .or_else(|| {
                    schema
                        .enum_documented_as
                        .iter()
                        .find(|(wire, documented)| {
                            *documented == value && schema.enum_values.contains(wire)
                        })
                        .map(|(wire, _)| wire)
                })
                .cloned();
            let wire = match wire {
                Some(wire) => wire,
                None => match schema
                    .enum_values
                    .iter()
                    .find(|wire| fold(wire) == fold(value))
                {
                    Some(wire) => {
                        self.add(
                            Kind::Casing,
                            owner,
                            wire,
                            Severity::Info,
                            format!("{owner} value `{wire}` is documented as `{value}`, with no x-enum-documented-as saying so"),
                            at,
                        );
                        wire.clone()
                    }
                    None => {
                        let severity = if schema.in_request {
                            Severity::Error
                        } else {
                            Severity::Info
                        };
                        self.add(
                            Kind::EnumValueMissing,
                            owner,
                            value,
                            severity,
                            format!("{owner} value `{value}` is documented but missing from the spec's enum"),
                            at,
                        );
                        continue;
                    }
                },
            };
            let entry = self.documented_values.entry(owner.to_owned()).or_default();
            entry.0.insert(wire);
            entry.1.insert(at.to_owned());
        }
    }

    /// Whether a documented type agrees with the spec's.
    fn compatible(&self, documented: &Ty, spec: &Ty) -> bool {
        match (documented, spec) {
            (Ty::Unknown, _) | (_, Ty::Unknown) => true,
            (Ty::Array(documented), Ty::Array(spec)) => self.compatible(documented, spec),
            (Ty::Named(documented), spec) => match self.model.resolve(documented) {
                Some(name) => match spec {
                    Ty::Named(spec) => {
                        *spec == name
                            || self
                                .model
                                .schemas
                                .get(spec)
                                .and_then(|s| s.documented_as.as_deref())
                                .is_some_and(|as_documented| {
                                    fold(as_documented) == fold(&short_name(documented))
                                })
                    }
                    Ty::String => self.kind(&name) == Some(SchemaKind::Enum),
                    _ => false,
                },
                None => {
                    matches!(spec, Ty::Named(spec) if fold(spec) == fold(&short_name(documented)))
                }
            },
            (documented, Ty::Named(spec)) => match self.kind(spec) {
                Some(SchemaKind::Enum) => *documented == Ty::String,
                Some(SchemaKind::Object) => *documented == Ty::Object,
                _ => true,
            },
            (Ty::Map | Ty::Object, Ty::Map | Ty::Object) => true,
            (documented, spec) => documented == spec,
        }
    }

    fn kind(&self, name: &str) -> Option<SchemaKind> {
        self.model.schemas.get(name).map(|schema| schema.kind)
    }

    fn operation(&mut self, file: &str, documented: &DocOperation) {
        let at = format!("{file}:{}", documented.line);
        let wanted = normalize_path(&documented.path);
        let model = self.model;
        let Some(spec) = model.operations.iter().find(|operation| {
            operation.method == documented.method && normalize_path(&operation.path) == wanted
        }) else {
            let subject = format!("{} {}", documented.method, documented.path);
            self.add(
                Kind::OperationMissing,
                &subject,
                "",
                Severity::Error,
                format!("operation {subject} is documented but missing from the spec"),
                &at,
            );
            return;
        };
        let subject = format!("{} {}", spec.method, spec.path);
        let documented_path = path_parameters(&documented.path);
        let spec_path = path_parameters(&spec.path);
        let mut seen = BTreeSet::new();
        for parameter in &documented.parameters {
            let at = format!("{file}:{}", parameter.line);
            if parameter.location == "header"
                && parameter.name.eq_ignore_ascii_case("authorization")
            {
                if !spec.secured {
                    self.add(
                        Kind::ParameterMissing,
                        &subject,
                        "Authorization",
                        Severity::Error,
                        format!("{subject}: the Authorization header is documented but no security scheme applies"),
                        &at,
                    );
                }
                continue;
            }
            let positional = (parameter.location == "path")
                .then(|| {
                    documented_path
                        .iter()
                        .position(|name| *name == parameter.name)
                })
                .flatten()
                .and_then(|position| spec_path.get(position));
            let same = |candidate: &super::spec_model::Parameter, folded: bool| {
                candidate.location == parameter.location
                    && match (positional, parameter.location.as_str()) {
                        (Some(name), _) => candidate.name == *name,
                        (None, "header") => candidate.name.eq_ignore_ascii_case(&parameter.name),
                        (None, _) if folded => fold(&candidate.name) == fold(&parameter.name),
                        (None, _) => candidate.name == parameter.name,
                    }
            };
            let found = spec
                .parameters
                .iter()
                .find(|candidate| same(candidate, false))
                .or_else(|| {
                    spec.parameters
                        .iter()
                        .find(|candidate| same(candidate, true))
                });
            let Some(found) = found else {
                self.add(
                    Kind::ParameterMissing,
                    &subject,
                    &parameter.name,
                    Severity::Error,
                    format!(
                        "{subject}: {} parameter `{}` is documented but missing from the spec",
                        parameter.location, parameter.name
                    ),
                    &at,
                );
                continue;
            };
            seen.insert((found.location.clone(), found.name.clone()));
            if found.name != parameter.name && parameter.location != "header" {
                self.add(
                    Kind::Casing,
                    &subject,
                    &found.name,
                    Severity::Info,
                    format!(
                        "{subject}: {} parameter `{}` is documented as `{}`",
                        found.location, found.name, parameter.name
                    ),
                    &at,
                );
            }
            if parameter.required && !found.required {
                self.add(
                    Kind::ParameterRequired,
                    &subject,
                    &found.name,
                    Severity::Error,
                    format!("{subject}: parameter `{}` is documented as required, the spec leaves it optional", found.name),
                    &at,
                );
            }
            if !self.compatible(&parameter.ty, &found.ty) {
                self.add(
                    Kind::TypeMismatch,
                    &subject,
                    &found.name,
                    Severity::Error,
                    format!(
                        "{subject}: parameter `{}` is documented as {}, the spec has {}",
                        found.name, parameter.ty, found.ty
                    ),
                    &at,
                );
            }
        }
        if !documented.parameters.is_empty() {
            for parameter in &spec.parameters {
                if !seen.contains(&(parameter.location.clone(), parameter.name.clone())) {
                    self.add(
                        Kind::ParameterUndocumented,
                        &subject,
                        &parameter.name,
                        Severity::Info,
                        format!(
                            "{subject}: {} parameter `{}` is in the spec but not documented",
                            parameter.location, parameter.name
                        ),
                        &at,
                    );
                }
            }
        }
        for response in &documented.responses {
            let at = format!("{file}:{}", response.line);
            match spec.responses.get(&response.status) {
                None => self.add(
                    Kind::ResponseMissing,
                    &subject,
                    &response.status,
                    Severity::Info,
                    format!(
                        "{subject}: response {} is documented but missing from the spec",
                        response.status
                    ),
                    &at,
                ),
                Some(ty) => {
                    if !self.compatible(&response.ty, ty) {
                        self.add(
                            Kind::TypeMismatch,
                            &subject,
                            &response.status,
                            Severity::Error,
                            format!(
                                "{subject}: response {} is documented as {}, the spec has {ty}",
                                response.status, response.ty
                            ),
                            &at,
                        );
                    }
                }
            }
        }
    }

    /// Properties and enum values of the spec that no document mentions, for the types and
    /// enums the documents do describe.
    fn undocumented(&mut self) {
        let model = self.model;
        let properties = std::mem::take(&mut self.documented_properties);
        for (owner, (documented, locations)) in &properties {
            let Some(schema) = model.schemas.get(owner) else {
                continue;
            };
            let at = locations.iter().next().cloned().unwrap_or_default();
            for property in &schema.properties {
                if !documented.contains(&property.name) {
                    self.add(
                        Kind::PropertyUndocumented,
                        owner,
                        &property.name,
                        Severity::Info,
                        format!(
                            "{owner}.{} is in the spec but documented nowhere",
                            property.name
                        ),
                        &at,
                    );
                }
            }
        }
        let values = std::mem::take(&mut self.documented_values);
        for (owner, (documented, locations)) in &values {
            let Some(schema) = model.schemas.get(owner) else {
                continue;
            };
            let at = locations.iter().next().cloned().unwrap_or_default();
            for value in &schema.enum_values {
                if !documented.contains(value) {
                    self.add(
                        Kind::EnumValueUndocumented,
                        owner,
                        value,
                        Severity::Info,
                        format!("{owner} value `{value}` is in the spec but documented nowhere"),
                        &at,
                    );
                }
            }
        }
    }
}

/// `/v{version}/Offers/{offer_id}` → `/v{}/offers/{}`.
fn normalize_path(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.trim_end_matches('/').chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            _ => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

fn path_parameters(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// Allowed values listed in a description: quoted words, or the list after `values are:`.
pub fn values_in(description: &str) -> Vec<String> {
    let mut quoted = Vec::new();
    let mut parts = description.split('"');
    parts.next();
    while let (Some(inside), _) = (parts.next(), parts.next()) {
        let inside = inside.trim();
        if !inside.is_empty()
            && inside
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            quoted.push(inside.to_owned());
        }
    }
    if !quoted.is_empty() {
        return quoted;
    }
    let lower = description.to_ascii_lowercase();
    let Some(start) = lower.find("values are:").map(|at| at + "values are:".len()) else {
        return Vec::new();
    };
    let list = &description[start..];
    let list = list.split('.').next().unwrap_or(list);
    let items: Vec<String> = list
        .split(',')
        .flat_map(|item| item.split(" or ").flat_map(|item| item.split(" and ")))
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect();
    if items
        .iter()
        .all(|item| item.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        items
    } else {
        Vec::new()
    }
}
