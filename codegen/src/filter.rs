//! Narrows a lowered API to the operations and types a user asked for, and what they reference.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Diagnostic, Error, Result};
use crate::ir::{Api, Type, TypeDef};

/// Which parts of the spec to generate; the default generates everything.
///
/// Whatever is kept brings along every type it references, so the output always compiles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The operation ids to generate; `None` for every operation.
    pub operations: Option<Vec<String>>,
    /// The schemas to generate, by their key under `#/components/schemas` or their Rust name,
    /// besides what the generated operations reference; `None` for every schema.
    pub types: Option<Vec<String>>,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_everything(&self) -> bool {
        self.operations.is_none() && self.types.is_none()
    }
}

/// Removes from `api` what `filter` leaves out, and every operation when `client` is off;
/// names nothing that is not in the spec.
pub(crate) fn apply(api: &mut Api, filter: &Filter, client: bool, origin: &str) -> Result<()> {
    if filter.is_everything() {
        if !client {
            api.operations.clear();
        }
        return Ok(());
    }
    let mut problems = Vec::new();
    if let Some(wanted) = &filter.operations {
        let known: BTreeSet<&str> = api.operations.iter().map(|op| op.id.as_str()).collect();
        for id in wanted {
            if !known.contains(id.as_str()) {
                problems.push(Diagnostic::new(
                    "#/paths",
                    format!("the operation filter names `{id}`, but no operation has that id"),
                ));
            }
        }
        api.operations
            .retain(|operation| wanted.contains(&operation.id));
    }
    if !client {
        api.operations.clear();
    }
    let Some(wanted_types) = &filter.types else {
        return finish(problems, origin);
    };
    let graph = Graph::new(api);
    let mut roots: Vec<String> = Vec::new();
    for wanted in wanted_types {
        let source = format!("#/components/schemas/{}", escape_pointer(wanted));
        let found: Vec<&str> = api
            .types
            .iter()
            .flat_map(|def| graph.names_of(def))
            .filter(|(name, def_source)| name == wanted || *def_source == source)
            .map(|(name, _)| name)
            .collect();
        if found.is_empty() {
            problems.push(Diagnostic::new(
                "#/components/schemas",
                format!("the type filter names `{wanted}`, but no schema or type has that name"),
            ));
        }
        roots.extend(found.into_iter().map(str::to_owned));
    }
    // An envelope named itself brings every instance (and so every item type) along.
    let mut whole_envelopes = BTreeSet::new();
    for def in &api.types {
        if let TypeDef::Envelope(envelope) = def
            && roots.contains(&envelope.name)
        {
            whole_envelopes.insert(envelope.name.clone());
            roots.extend(
                envelope
                    .instances
                    .iter()
                    .map(|instance| instance.alias.clone()),
            );
        }
    }
    for operation in &api.operations {
        let mut types: Vec<&Type> = operation.params.iter().map(|param| &param.ty).collect();
        types.extend(operation.body.iter().flat_map(|body| body.types()));
        types.extend(
            operation
                .success
                .iter()
                .filter_map(|response| response.ty.as_ref()),
        );
        types.extend(
            operation
                .errors
                .iter()
                .filter_map(|response| response.ty.as_ref()),
        );
        types.extend(operation.paged_item.iter());
        for ty in types {
            named_in(ty, &mut roots);
        }
    }
    let kept = graph.reachable(roots);
    api.types.retain_mut(|def| match def {
        // Named itself, the envelope keeps all its instances; reached through some, only those.
        TypeDef::Envelope(envelope) if whole_envelopes.contains(&envelope.name) => true,
        TypeDef::Envelope(envelope) => {
            envelope
                .instances
                .retain(|instance| kept.contains(instance.alias.as_str()));
            !envelope.instances.is_empty()
        }
        other => kept.contains(other.name()),
    });
    finish(problems, origin)
}

fn finish(mut problems: Vec<Diagnostic>, origin: &str) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    problems.dedup();
    Err(Error::Invalid {
        origin: origin.to_owned(),
        diagnostics: problems,
    })
}

/// Escapes a schema key for a JSON pointer (`~` as `~0`, `/` as `~1`).
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Collects the names of the named types `ty` mentions.
fn named_in(ty: &Type, out: &mut Vec<String>) {
    match ty {
        Type::Named(named) => out.push(named.name.clone()),
        Type::List(item) | Type::Map(item) | Type::Nullable(item) => named_in(item, out),
        Type::String
        | Type::Boolean
        | Type::I32
        | Type::I64
        | Type::U32
        | Type::U64
        | Type::F64
        | Type::Any
        | Type::AnyObject
        | Type::Param(_) => {}
    }
}

/// Which named types each named type mentions; an envelope instance's alias mentions its envelope
/// and its item.
struct Graph {
    edges: BTreeMap<String, Vec<String>>,
}

impl Graph {
    fn new(api: &Api) -> Self {
        let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for def in &api.types {
            let mut out = Vec::new();
            match def {
                TypeDef::Struct(def) => def.fields.iter().for_each(|f| named_in(&f.ty, &mut out)),
                TypeDef::Enum(_) => {}
                TypeDef::Union(def) => def.variants.iter().for_each(|v| named_in(&v.ty, &mut out)),
                TypeDef::Alias(def) => named_in(&def.target, &mut out),
                TypeDef::Envelope(def) => {
                    def.fields.iter().for_each(|f| named_in(&f.ty, &mut out));
                    for instance in &def.instances {
                        let mut item = vec![def.name.clone()];
                        named_in(&instance.item, &mut item);
                        edges.insert(instance.alias.clone(), item);
                    }
                }
            }
            edges.insert(def.name().to_owned(), out);
        }
        Self { edges }
    }

    /// Every name `def` answers to, with the spec location it came from.
    fn names_of<'d>(&self, def: &'d TypeDef) -> Vec<(&'d str, &'d str)> {
        match def {
            TypeDef::Struct(def) => vec![(def.name.as_str(), def.source.as_str())],
            TypeDef::Enum(def) => vec![(def.name.as_str(), def.source.as_str())],
            TypeDef::Union(def) => vec![(def.name.as_str(), def.source.as_str())],
            TypeDef::Alias(def) => vec![(def.name.as_str(), def.source.as_str())],
            TypeDef::Envelope(def) => std::iter::once((def.name.as_str(), ""))
                .chain(
                    def.instances
                        .iter()
                        .map(|instance| (instance.alias.as_str(), instance.source.as_str())),
                )
                .collect(),
        }
    }

    /// The names reachable from `roots`, the roots included.
    fn reachable(&self, mut roots: Vec<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        while let Some(name) = roots.pop() {
            if let Some(next) = self.edges.get(&name) {
                if seen.insert(name) {
                    roots.extend(next.iter().cloned());
                }
            } else {
                seen.insert(name);
            }
        }
        seen
    }
}
