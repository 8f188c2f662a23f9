//! Shares inline types: an inline schema whose type is identical to one made before reuses it,
//! and a type used in several places is named for what those places have in common.
//!
//! Specs repeat inline schemas: Stripe writes the same address object, the same
//! `enum: [""]` and the same `metadata` union into hundreds of request bodies. Each copy used to
//! become a type of its own, so a caller could not pass one address to two operations, and the
//! generated crate held thousands of identical types for `cargo check` to pay for. Sharing works
//! on the IR, bottom up: an inline type is lowered as before (its own inline types first), then
//! compared, docs and names aside, with the types already made. Since its inline types were
//! shared first, two copies of one schema compare equal even when they nest. Every copy is still
//! lowered, so each position still gets its own diagnostics.
//!
//! Names are decided once every type is known ([`Sharing::finish`]): a type used in one place
//! keeps its owner-and-role name (`PostCustomersBodyAddress`); a type used in several is named
//! after the `title` its places share, else after its single value when it is a one-value enum,
//! else after the property name its places share, and only then after its first place.

use std::collections::{BTreeMap, HashMap};

use crate::ir::{BodyContent, EnumKind, Operation, PartKind, Type, TypeDef};
use crate::names::{Scope, nested_type_name, type_name};

/// Roles that lowering makes up rather than reads from a property key; a type is not named after
/// one of these alone.
const MADE_UP_ROLES: &[&str] = &[
    "", "Body", "Choice", "String", "Integer", "Number", "Boolean", "List", "Object", "Value",
];

/// One place an inline type is used: the type (or operation) that holds it and its role there.
#[derive(Debug)]
struct Use {
    owner: String,
    role: String,
    title: Option<String>,
    /// The documentation this place gave the type.
    docs: Vec<String>,
}

/// An inline type that was kept, with what naming it needs.
#[derive(Debug)]
struct Inline {
    /// The name claimed while lowering.
    name: String,
    /// Every place it is used, first the one it was made for.
    uses: Vec<Use>,
}

impl Inline {
    /// Whether every place gave the type the same documentation.
    fn docs_agree(&self) -> bool {
        self.uses.iter().all(|used| used.docs == self.uses[0].docs)
    }
}

/// Inline types made so far, by shape.
#[derive(Debug, Default)]
pub(crate) struct Sharing {
    /// The shape of each kept inline type (the type with names of its own and docs blanked) →
    /// its index in `inline`.
    by_shape: HashMap<TypeDef, usize>,
    /// The kept inline types, in the order their names were claimed (owners before the types
    /// they hold).
    inline: Vec<Inline>,
    /// Owner name → the kept inline types with a use in that owner.
    used_by: HashMap<String, Vec<usize>>,
}

/// Where an inline type was just made, for [`Sharing::share`].
pub(crate) struct Place<'p> {
    /// The type or operation that holds it.
    pub(crate) owner: &'p str,
    /// Its role in the owner: a property key, a variant name, `Body`, ...
    pub(crate) role: &'p str,
    /// The schema's `title`, if any.
    pub(crate) title: Option<&'p str>,
}

impl Sharing {
    /// Takes the inline type `name`, just lowered into `types` for `place`: when an identical
    /// type was made before, removes it (releasing its name) and returns that type's name;
    /// otherwise keeps it and returns `name`.
    pub(crate) fn share(
        &mut self,
        types: &mut BTreeMap<String, TypeDef>,
        scope: &mut Scope,
        name: String,
        place: Place<'_>,
    ) -> String {
        let Some(def) = types.get_mut(&name) else {
            return name;
        };
        let this_use = Use {
            owner: place.owner.to_owned(),
            role: place.role.to_owned(),
            title: place.title.map(str::to_owned),
            docs: def.docs_mut().clone(),
        };
        let Some(key) = shape_key(def) else {
            return name;
        };
        if let Some(&index) = self.by_shape.get(&key) {
            types.remove(&name);
            scope.release(&name);
            // The copy's own inline types were shared already; their uses inside the copy go
            // with it.
            for held in self.used_by.remove(&name).unwrap_or_default() {
                self.inline[held].uses.retain(|used| used.owner != name);
            }
            let kept = &mut self.inline[index];
            kept.uses.push(this_use);
            let kept_name = kept.name.clone();
            self.used_by
                .entry(place.owner.to_owned())
                .or_default()
                .push(index);
            return kept_name;
        }
        let index = self.inline.len();
        self.by_shape.insert(key, index);
        self.inline.push(Inline {
            name: name.clone(),
            uses: vec![this_use],
        });
        self.used_by
            .entry(place.owner.to_owned())
            .or_default()
            .push(index);
        name
    }

    /// Names every kept inline type for its places, then renames it everywhere: in `types`,
    /// in `operations` and in `scope`, which ends up holding the final names.
    pub(crate) fn finish(
        self,
        types: &mut BTreeMap<String, TypeDef>,
        operations: &mut [Operation],
        scope: &mut Scope,
    ) {
        for inline in &self.inline {
            scope.release(&inline.name);
        }
        let index: HashMap<&str, usize> = self
            .inline
            .iter()
            .enumerate()
            .map(|(position, inline)| (inline.name.as_str(), position))
            .collect();
        let mut naming = Naming {
            inline: &self.inline,
            index,
            types,
            finals: vec![None; self.inline.len()],
        };
        for position in 0..self.inline.len() {
            naming.final_name(position, scope);
        }
        let finals: Vec<String> = naming.finals.into_iter().flatten().collect();
        let renames: HashMap<String, String> = self
            .inline
            .iter()
            .zip(&finals)
            .filter(|(inline, name)| inline.name != **name)
            .map(|(inline, name)| (inline.name.clone(), name.clone()))
            .collect();
        let shared_docs: Vec<(String, Vec<String>)> = self
            .inline
            .iter()
            .zip(&finals)
            .filter(|(inline, _)| !inline.docs_agree())
            .map(|(inline, name)| (name.clone(), shared_doc(inline, &renames)))
            .collect();
        let mut renamed = BTreeMap::new();
        for (name, mut def) in std::mem::take(types) {
            rename_def(&mut def, &renames);
            let name = renames.get(&name).cloned().unwrap_or(name);
            renamed.insert(name, def);
        }
        for (name, docs) in shared_docs {
            if let Some(def) = renamed.get_mut(&name) {
                *def.docs_mut() = docs;
            }
        }
        *types = renamed;
        for operation in operations {
            rename_operation(operation, &renames);
        }
    }
}

/// Final names of kept inline types, decided owners first.
struct Naming<'s> {
    inline: &'s [Inline],
    /// Name claimed while lowering → position in `inline`.
    index: HashMap<&'s str, usize>,
    types: &'s BTreeMap<String, TypeDef>,
    /// The final name of each kept inline type, once decided.
    finals: Vec<Option<String>>,
}

impl Naming<'_> {
    /// The final name of an owner: its own, unless it is a kept inline type.
    fn owner_name(&mut self, owner: &str, scope: &mut Scope) -> String {
        match self.index.get(owner) {
            Some(&position) => self.final_name(position, scope),
            None => owner.to_owned(),
        }
    }

    /// The final name of the kept inline type at `position`, claimed in `scope` the first time.
    fn final_name(&mut self, position: usize, scope: &mut Scope) -> String {
        if let Some(name) = &self.finals[position] {
            return name.clone();
        }
        let inline = &self.inline[position];
        let first = &inline.uses[0];
        let owner = self.owner_name(&first.owner, scope);
        let positional = nested_type_name(&owner, &first.role);
        let name = if inline.uses.len() < 2 {
            scope.claim(positional)
        } else {
            let chosen = self
                .shared_candidates(inline, scope)
                .into_iter()
                .flatten()
                .find(|candidate| !scope.contains(candidate));
            scope.claim(chosen.unwrap_or(positional))
        };
        self.finals[position] = Some(name.clone());
        name
    }

    /// The names a type used in several places may take, best first.
    fn shared_candidates(&mut self, inline: &Inline, scope: &mut Scope) -> [Option<String>; 3] {
        let first = &inline.uses[0];
        let common = |part: fn(&Use) -> Option<&str>| {
            let value = part(first)?;
            inline
                .uses
                .iter()
                .all(|used| part(used) == Some(value))
                .then(|| type_name(value))
        };
        let title = common(|used| used.title.as_deref());
        let role = common(|used| Some(used.role.as_str()).filter(|role| is_property(role)));
        let by_role = role.map(|role| {
            let owners: Vec<String> = inline
                .uses
                .iter()
                .map(|used| self.owner_name(&used.owner, scope))
                .collect();
            match common_words(owners.iter().map(String::as_str)) {
                Some(prefix) => format!("{prefix}{role}"),
                None => role,
            }
        });
        [title, single_value(self.types.get(&inline.name)), by_role]
    }
}

/// Whether a role is a property or parameter key rather than one lowering made up.
fn is_property(role: &str) -> bool {
    !MADE_UP_ROLES.contains(&role)
        && !role.ends_with("Response")
        && !role.ends_with("Error")
        && !role.ends_with(" item")
        && !role.ends_with(" value")
}

/// The words (of two or more) that every owner name starts with: `ReposGet` for
/// `ReposGetClones` and `ReposGetViews`.
fn common_words<'n>(mut owners: impl Iterator<Item = &'n str>) -> Option<String> {
    let first = owners.next()?;
    let mut words: Vec<&str> = upper_camel_words(first).collect();
    for owner in owners {
        let shared = words
            .iter()
            .zip(upper_camel_words(owner))
            .take_while(|(a, b)| **a == *b)
            .count();
        words.truncate(shared);
    }
    (words.len() >= 2).then(|| words.concat())
}

/// The words of an upper camel case name: `ReposGetClones` → `Repos`, `Get`, `Clones`.
fn upper_camel_words(name: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = name
        .char_indices()
        .filter(|(index, c)| *index == 0 || c.is_ascii_uppercase())
        .map(|(index, _)| index)
        .chain([name.len()])
        .collect();
    (0..starts.len().saturating_sub(1)).map(move |i| &name[starts[i]..starts[i + 1]])
}

/// The name of a one-value string enum after its value: `EmptyString` for `""`, `ListLiteral`
/// for `"list"`.
fn single_value(def: Option<&TypeDef>) -> Option<String> {
    match def? {
        TypeDef::Enum(def) if def.kind == EnumKind::String => match def.variants.as_slice() {
            [only] if only.wire.is_empty() => Some("EmptyString".to_owned()),
            [only] => Some(format!("{}Literal", type_name(&only.wire))),
            _ => None,
        },
        _ => None,
    }
}

/// The documentation of a type whose places describe it differently.
fn shared_doc(inline: &Inline, renames: &HashMap<String, String>) -> Vec<String> {
    let first = &inline.uses[0];
    let owner = renames.get(&first.owner).unwrap_or(&first.owner);
    let count = inline.uses.len();
    let line = match &first.title {
        Some(title) if inline.uses.iter().all(|used| used.title == first.title) => {
            format!("The `{title}` shape, used in {count} places.")
        }
        _ => format!(
            "A shape used in {count} places, first as the `{}` of `{owner}`.",
            first.role
        ),
    };
    vec![line]
}

/// The type with its own names and documentation blanked, for comparing shapes; `None` for
/// kinds that are never shared.
fn shape_key(def: &TypeDef) -> Option<TypeDef> {
    let mut key = def.clone();
    match &mut key {
        TypeDef::Struct(def) => {
            blank(&mut def.name, &mut def.source, &mut def.docs);
            def.fields.iter_mut().for_each(|field| field.docs.clear());
        }
        TypeDef::Enum(def) => {
            blank(&mut def.name, &mut def.source, &mut def.docs);
            def.variants
                .iter_mut()
                .for_each(|variant| variant.docs.clear());
        }
        TypeDef::Union(def) => {
            blank(&mut def.name, &mut def.source, &mut def.docs);
            def.variants
                .iter_mut()
                .for_each(|variant| variant.docs.clear());
        }
        TypeDef::Envelope(_) | TypeDef::Alias(_) => return None,
    }
    Some(key)
}

fn blank(name: &mut String, source: &mut String, docs: &mut Vec<String>) {
    name.clear();
    source.clear();
    docs.clear();
}

/// Renames a type and every name it mentions, in its references and in its documentation.
fn rename_def(def: &mut TypeDef, renames: &HashMap<String, String>) {
    if renames.is_empty() {
        return;
    }
    match def {
        TypeDef::Struct(def) => {
            rename_in(&mut def.name, renames);
            rename_docs(&mut def.docs, renames);
            for field in &mut def.fields {
                rename_type(&mut field.ty, renames);
                rename_docs(&mut field.docs, renames);
            }
        }
        TypeDef::Enum(def) => {
            rename_in(&mut def.name, renames);
            rename_docs(&mut def.docs, renames);
        }
        TypeDef::Union(def) => {
            rename_in(&mut def.name, renames);
            rename_docs(&mut def.docs, renames);
            for variant in &mut def.variants {
                rename_type(&mut variant.ty, renames);
                rename_docs(&mut variant.docs, renames);
            }
        }
        TypeDef::Envelope(def) => {
            for field in &mut def.fields {
                rename_type(&mut field.ty, renames);
            }
            for instance in &mut def.instances {
                rename_type(&mut instance.item, renames);
            }
        }
        TypeDef::Alias(def) => rename_type(&mut def.target, renames),
    }
}

/// Renames the types an operation names: its parameters, body and answers.
fn rename_operation(operation: &mut Operation, renames: &HashMap<String, String>) {
    if renames.is_empty() {
        return;
    }
    for param in &mut operation.params {
        rename_type(&mut param.ty, renames);
    }
    if let Some(body) = &mut operation.body {
        match &mut body.content {
            BodyContent::Json(ty) | BodyContent::Form { ty, .. } => {
                rename_type(ty, renames);
            }
            BodyContent::Multipart { parts, .. } => {
                for part in parts {
                    if let PartKind::Value(ty) = &mut part.kind {
                        rename_type(ty, renames);
                    }
                }
            }
            BodyContent::Text | BodyContent::Binary => {}
        }
    }
    let answers = operation.success.iter_mut().chain(&mut operation.errors);
    for ty in answers.filter_map(|response| response.ty.as_mut()) {
        rename_type(ty, renames);
    }
}

fn rename_type(ty: &mut Type, renames: &HashMap<String, String>) {
    match ty {
        Type::Named(named) => rename_in(&mut named.name, renames),
        Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => {
            rename_type(inner, renames);
        }
        _ => {}
    }
}

fn rename_in(name: &mut String, renames: &HashMap<String, String>) {
    if let Some(new) = renames.get(name.as_str()) {
        new.clone_into(name);
    }
}

/// Renames the names quoted in backticks in documentation lines (`` `PostCustomersBody` ``).
fn rename_docs(docs: &mut [String], renames: &HashMap<String, String>) {
    for line in docs.iter_mut().filter(|line| line.contains('`')) {
        let mut out = String::with_capacity(line.len());
        for (index, piece) in line.split('`').enumerate() {
            if index > 0 {
                out.push('`');
            }
            match renames.get(piece) {
                Some(new) if index % 2 == 1 => out.push_str(new),
                _ => out.push_str(piece),
            }
        }
        *line = out;
    }
}

#[cfg(test)]
mod tests {
    use super::{common_words, rename_docs};
    use std::collections::HashMap;

    #[test]
    fn docs_are_renamed_only_inside_backticks() {
        let renames = HashMap::from([("Old".to_owned(), "New".to_owned())]);
        let mut docs = vec!["The `Choice` of `Old`, not Old.".to_owned()];
        rename_docs(&mut docs, &renames);
        assert_eq!(docs, ["The `Choice` of `New`, not Old."]);
    }

    #[test]
    fn owners_share_a_prefix_of_two_words_or_none() {
        let prefix = |owners: &[&str]| common_words(owners.iter().copied());
        assert_eq!(
            prefix(&["ReposGetClones", "ReposGetViews"]).as_deref(),
            Some("ReposGet")
        );
        assert_eq!(prefix(&["PostCustomersBody", "PostInvoicesBody"]), None);
        assert_eq!(prefix(&["Reaction", "ReactionsCreate"]), None);
    }
}
