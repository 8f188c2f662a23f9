//! Resolves `$recursiveRef` and `$dynamicRef` statically: to the one schema they mean wherever they are reached from.
//!
//! Both keywords name a schema through the *dynamic scope*: `$recursiveRef: "#"` the schema
//! resource it is in (the component schema, or the schema with the nearest `$id`), unless an
//! outer resource that also has `$recursiveAnchor: true` led there; `$dynamicRef: "#name"` the
//! schema with that `$anchor`/`$dynamicAnchor`, unless an outer resource with the same
//! `$dynamicAnchor` led there. OpenAPI 3.0 has no such reference, so one is resolved only when
//! no other resource carrying the anchor can refer, directly or through others, to the resource
//! the reference is in: then every path through the document gives the same target.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use indexmap::IndexMap;

use super::node::Node;

/// The resource of places outside every component schema: the document itself.
const DOCUMENT: &str = "#";

/// Why a `$recursiveRef` or `$dynamicRef` has no static target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unresolved {
    /// It is outside every component schema, where `#` names the document, not a schema.
    Outside,
    /// Its value is not one this translation reads (`#` for `$recursiveRef`; `#name`, `#` or
    /// `#/pointer` for `$dynamicRef`).
    Unsupported(String),
    /// No schema carries the anchor.
    NoAnchor(String),
    /// Several schemas carry the anchor, none of them in the reference's own resource.
    Ambiguous(String),
    /// The schema at this pointer carries the same anchor and can lead to the reference, which
    /// then means that schema instead.
    Overridden(String),
    /// The target is the schema at this pointer, which is neither a component schema nor a
    /// `$defs` entry, so no 3.0 reference can name it.
    Inner(String),
}

/// What the pass over the original document learns about schema resources and references.
#[derive(Debug, Default)]
pub(crate) struct Scopes {
    /// The schemas that carry a string `$id`, each the root of a resource of its own.
    ids: BTreeSet<String>,
    /// The schemas with `$recursiveAnchor: true`.
    recursive: BTreeSet<String>,
    /// Each `$dynamicAnchor` name → the schemas that carry it.
    dynamic: BTreeMap<String, Vec<String>>,
    /// Each `$anchor` name → the schemas that carry it.
    anchors: BTreeMap<String, Vec<String>>,
    /// Each `$ref` and `$dynamicRef`: where it is and its value.
    references: Vec<(String, String)>,
    /// Each resource → the resources its references lead to; built on first use.
    graph: OnceCell<BTreeMap<String, BTreeSet<String>>>,
}

impl Scopes {
    /// Notes what the object at `pointer` of the original document says about resources.
    pub(crate) fn observe(&mut self, entries: &IndexMap<String, Node>, pointer: &str) {
        let text = |key: &str| entries.get(key).and_then(Node::as_str);
        if text("$id").is_some() {
            self.ids.insert(pointer.to_owned());
        }
        if matches!(entries.get("$recursiveAnchor"), Some(Node::Bool(true))) {
            self.recursive.insert(pointer.to_owned());
        }
        if let Some(name) = text("$dynamicAnchor") {
            let holders = self.dynamic.entry(name.to_owned()).or_default();
            holders.push(pointer.to_owned());
        }
        if let Some(name) = text("$anchor") {
            let holders = self.anchors.entry(name.to_owned()).or_default();
            holders.push(pointer.to_owned());
        }
        for keyword in ["$ref", "$dynamicRef"] {
            if let Some(value) = text(keyword) {
                self.references.push((pointer.to_owned(), value.to_owned()));
            }
        }
    }

    /// The pointer of the schema a `$recursiveRef: "#"` at `at` always means.
    pub(crate) fn recursive(&self, at: &str) -> Result<String, Unresolved> {
        let home = self.resource(at);
        if home == DOCUMENT {
            return Err(Unresolved::Outside);
        }
        if self.recursive.contains(&home)
            && let Some(other) = self.recursive.iter().find(|other| {
                let outer = self.resource(other);
                outer != home && self.reaches(&outer, &home)
            })
        {
            return Err(Unresolved::Overridden(other.clone()));
        }
        Ok(home)
    }

    /// The pointer of the schema a `$dynamicRef: value` at `at` always means.
    pub(crate) fn dynamic(&self, value: &str, at: &str) -> Result<String, Unresolved> {
        let Some(name) = value.strip_prefix('#') else {
            return Err(Unresolved::Unsupported(value.to_owned()));
        };
        let home = self.resource(at);
        if name.is_empty() {
            return if home == DOCUMENT {
                Err(Unresolved::Outside)
            } else {
                Ok(home)
            };
        }
        if name.starts_with('/') {
            return Ok(value.to_owned());
        }
        let dynamic = self.dynamic.get(name).map(Vec::as_slice).unwrap_or(&[]);
        let plain = self.anchors.get(name).map(Vec::as_slice).unwrap_or(&[]);
        let holders: Vec<&String> = dynamic.iter().chain(plain).collect();
        let initial = match holders.iter().find(|holder| self.resource(holder) == home) {
            Some(local) => (*local).clone(),
            None => match holders.as_slice() {
                [] => return Err(Unresolved::NoAnchor(name.to_owned())),
                [only] => (*only).clone(),
                _ => return Err(Unresolved::Ambiguous(name.to_owned())),
            },
        };
        if dynamic.contains(&initial) {
            let target = self.resource(&initial);
            if let Some(other) = dynamic.iter().find(|other| {
                let outer = self.resource(other);
                outer != target && self.reaches(&outer, &home)
            }) {
                return Err(Unresolved::Overridden(other.clone()));
            }
        }
        Ok(initial)
    }

    /// The resource the place at `pointer` belongs to: the deepest schema with `$id` above it,
    /// else its component schema, else the document.
    fn resource(&self, pointer: &str) -> String {
        let mut resource = component_root(pointer).unwrap_or(DOCUMENT).to_owned();
        for id in &self.ids {
            if id.len() > resource.len() && within(pointer, id) {
                resource.clone_from(id);
            }
        }
        resource
    }

    /// Whether a path of references leads from the resource `from` into the resource `to` (or
    /// they are the same).
    fn reaches(&self, from: &str, to: &str) -> bool {
        let graph = self.graph.get_or_init(|| self.graph());
        let mut seen = BTreeSet::from([from]);
        let mut queue = VecDeque::from([from]);
        while let Some(resource) = queue.pop_front() {
            if resource == to {
                return true;
            }
            for next in graph.get(resource).into_iter().flatten() {
                if seen.insert(next) {
                    queue.push_back(next);
                }
            }
        }
        false
    }

    /// Each resource → the resources its references may lead to. An anchor leads to every
    /// schema carrying it, and a reference outside the document to every schema with `$id`
    /// (it may name one by its URI), so the graph holds at least every real path.
    fn graph(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (at, value) in &self.references {
            let targets: Vec<String> = match value.strip_prefix('#') {
                Some("") => Vec::new(),
                Some(name) if name.starts_with('/') => vec![value.clone()],
                Some(name) => [self.dynamic.get(name), self.anchors.get(name)]
                    .into_iter()
                    .flatten()
                    .flatten()
                    .cloned()
                    .collect(),
                None => self.ids.iter().cloned().collect(),
            };
            let from = self.resource(at);
            for target in targets {
                let to = self.resource(&target);
                if to != from {
                    graph.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        graph
    }
}

/// The pointer of the component schema that holds `pointer`, if one does.
pub(crate) fn component_root(pointer: &str) -> Option<&str> {
    const SCHEMAS: &str = "#/components/schemas/";
    let rest = pointer.strip_prefix(SCHEMAS)?;
    let end = SCHEMAS.len() + rest.find('/').unwrap_or(rest.len());
    Some(&pointer[..end])
}

/// Whether `pointer` is `base` or a place inside it.
fn within(pointer: &str, base: &str) -> bool {
    pointer
        .strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scopes of a document given as JSON text, observed at every object.
    fn scopes(json: &str) -> Scopes {
        fn walk(scopes: &mut Scopes, node: &Node, pointer: &str) {
            match node {
                Node::Object(entries) => {
                    scopes.observe(entries, pointer);
                    for (key, value) in entries {
                        walk(
                            scopes,
                            value,
                            &format!("{pointer}/{}", super::super::escape(key)),
                        );
                    }
                }
                Node::Array(items) => {
                    for (index, item) in items.iter().enumerate() {
                        walk(scopes, item, &format!("{pointer}/{index}"));
                    }
                }
                _ => {}
            }
        }
        let node: Node = serde_json::from_str(json).expect("test json");
        let mut scopes = Scopes::default();
        walk(&mut scopes, &node, "#");
        scopes
    }

    const TREE: &str = "#/components/schemas/Tree";

    #[test]
    fn a_recursive_reference_means_its_component_unless_another_anchored_one_leads_there() {
        let alone = scopes(
            r##"{"components":{"schemas":{"Tree":{"$recursiveAnchor":true,"properties":{"kids":{"items":{"$recursiveRef":"#"}}}}}}}"##,
        );
        let at = "#/components/schemas/Tree/properties/kids/items";
        assert_eq!(alone.recursive(at), Ok(TREE.to_owned()));
        assert_eq!(alone.recursive("#/paths/~1a"), Err(Unresolved::Outside));
        let extended = scopes(
            r##"{"components":{"schemas":{
                "Tree":{"$recursiveAnchor":true,"properties":{"kids":{"items":{"$recursiveRef":"#"}}}},
                "Tagged":{"$recursiveAnchor":true,"allOf":[{"$ref":"#/components/schemas/Tree"}]},
                "Other":{"$recursiveAnchor":true,"properties":{"tree":{"$ref":"#/components/schemas/Plain"}}},
                "Plain":{"properties":{"kids":{"items":{"$recursiveRef":"#"}}}}}}}"##,
        );
        assert_eq!(
            extended.recursive(at),
            Err(Unresolved::Overridden(
                "#/components/schemas/Tagged".to_owned()
            ))
        );
        assert_eq!(
            extended.recursive("#/components/schemas/Plain/properties/kids/items"),
            Ok("#/components/schemas/Plain".to_owned()),
            "without `$recursiveAnchor` it is `$ref: \"#\"`"
        );
    }

    #[test]
    fn a_dynamic_reference_means_the_anchor_unless_another_holder_leads_there() {
        let single = scopes(
            r##"{"components":{"schemas":{
                "Tree":{"$dynamicAnchor":"node","properties":{"kids":{"items":{"$dynamicRef":"#node"}},"leaf":{"$dynamicRef":"#leaf"},"self":{"$dynamicRef":"#"}},
                  "$defs":{"Leaf":{"$anchor":"leaf"}}},
                "User":{"properties":{"tree":{"$dynamicRef":"#node"}}}}}}"##,
        );
        let at = "#/components/schemas/Tree/properties/kids/items";
        assert_eq!(single.dynamic("#node", at), Ok(TREE.to_owned()));
        assert_eq!(
            single.dynamic("#leaf", at),
            Ok("#/components/schemas/Tree/$defs/Leaf".to_owned())
        );
        assert_eq!(single.dynamic("#", at), Ok(TREE.to_owned()));
        assert_eq!(
            single.dynamic("#/components/schemas/User", at),
            Ok("#/components/schemas/User".to_owned())
        );
        assert_eq!(
            single.dynamic("#node", "#/components/schemas/User/properties/tree"),
            Ok(TREE.to_owned()),
            "the one component that carries the anchor"
        );
        assert_eq!(
            single.dynamic("#none", at),
            Err(Unresolved::NoAnchor("none".to_owned()))
        );
        assert_eq!(
            single.dynamic("other.json#node", at),
            Err(Unresolved::Unsupported("other.json#node".to_owned()))
        );
        let generic = scopes(
            r##"{"components":{"schemas":{
                "List":{"$dynamicAnchor":"item","properties":{"items":{"items":{"$dynamicRef":"#item"}}}},
                "Names":{"$dynamicAnchor":"item","allOf":[{"$ref":"#/components/schemas/List"}]},
                "Free":{"properties":{"x":{"$dynamicRef":"#item"}}}}}}"##,
        );
        assert_eq!(
            generic.dynamic("#item", "#/components/schemas/List/properties/items/items"),
            Err(Unresolved::Overridden(
                "#/components/schemas/Names".to_owned()
            ))
        );
        assert_eq!(
            generic.dynamic("#item", "#/components/schemas/Free/properties/x"),
            Err(Unresolved::Ambiguous("item".to_owned()))
        );
    }

    #[test]
    fn an_id_starts_a_resource_of_its_own() {
        let scopes = scopes(
            r##"{"components":{"schemas":{"Tree":{"$recursiveAnchor":true,"properties":{"node":{"$id":"node","properties":{"next":{"$recursiveRef":"#"}}}}}}}}"##,
        );
        assert_eq!(
            scopes.recursive("#/components/schemas/Tree/properties/node/properties/next"),
            Ok("#/components/schemas/Tree/properties/node".to_owned())
        );
        assert_eq!(
            component_root("#/components/schemas/Tree/properties/node"),
            Some(TREE)
        );
        assert_eq!(component_root("#/components/schemas"), None);
    }
}
