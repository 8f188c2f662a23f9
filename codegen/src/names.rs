//! Decides every Rust name once: the only module that recases with `heck`.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be used as plain identifiers (strict, reserved and edition keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that generated code never shadows but readers would trip over.
const PRELUDE_TYPES: &[&str] = &[
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err",
];

/// Replaces every character that cannot appear in an identifier with a word break.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Makes `name` a legal identifier: keywords get a trailing `_`, a leading digit a leading `_`.
fn legal(name: String, fallback: &str) -> String {
    let name = if name.is_empty() {
        fallback.to_owned()
    } else {
        name
    };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The Rust type name for a schema or inline type, such as `OfferCategory`.
///
/// `Self` and prelude names get a `Type` suffix, never a trailing `_`, so that the name stays
/// upper camel case.
pub fn type_name(raw: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    if name == "Self" || PRELUDE_TYPES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        legal(name, "Unnamed")
    }
}

/// The Rust field or function name for a property or operation, such as `is_add_on`.
pub fn snake_name(raw: &str) -> String {
    legal(words(raw).to_snake_case(), "field")
}

/// The Rust variant name for an enum value, such as `OneTime` for `one_time`; `Self` becomes
/// `SelfValue`.
pub fn variant_name(raw: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    if name == "Self" {
        "SelfValue".to_owned()
    } else {
        legal(name, "Empty")
    }
}

/// The Rust type name of an inline schema, from its owner's name and its own role.
pub fn nested_type_name(owner: &str, role: &str) -> String {
    type_name(&format!("{owner} {}", words(role)))
}

/// A set of names already taken in one scope; clashes get a numeric suffix, deterministically.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// Creates a scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Claims `name`, or `name2`, `name3`, ... when it is taken; returns the name claimed.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let separator = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{name}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(name)
    }

    /// Gives `name` back, so that it can be claimed again.
    pub fn release(&mut self, name: &str) {
        self.taken.remove(name);
    }

    /// Returns `true` when `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_upper_camel() {
        assert_eq!(type_name("OfferCategory"), "OfferCategory");
        assert_eq!(type_name("nullable-simple-user"), "NullableSimpleUser");
        assert_eq!(type_name("api.v2010.account"), "ApiV2010Account");
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(type_name("2fa"), "_2fa");
        assert_eq!(type_name("$$"), "Unnamed");
        assert_eq!(type_name("self"), "SelfType");
        assert_eq!(type_name("Self"), "SelfType");
    }

    #[test]
    fn fields_are_snake_with_keyword_escapes() {
        assert_eq!(snake_name("isAddOn"), "is_add_on");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("type"), "type_");
        assert_eq!(snake_name("$ref"), "ref_");
        assert_eq!(snake_name("+1"), "_1");
        assert_eq!(snake_name("@timestamp"), "timestamp");
        assert_eq!(snake_name("Parameter1.Name"), "parameter1_name");
        assert_eq!(snake_name("x-requestid"), "x_requestid");
        assert_eq!(snake_name("X-ID"), "x_id");
        assert_eq!(snake_name("offer_id"), "offer_id");
    }

    #[test]
    fn variants_are_upper_camel() {
        assert_eq!(variant_name("one_time"), "OneTime");
        assert_eq!(variant_name("Lifetime"), "Lifetime");
        assert_eq!(variant_name("None"), "None");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("1Year"), "_1year");
        assert_eq!(variant_name("hate/threatening"), "HateThreatening");
        assert_eq!(variant_name("self"), "SelfValue");
    }

    #[test]
    fn clashes_get_deterministic_suffixes() {
        let mut scope = Scope::with_reserved(&["extra"]);
        assert_eq!(scope.claim("extra".into()), "extra2");
        assert_eq!(scope.claim("id".into()), "id");
        assert_eq!(scope.claim("id".into()), "id2");
        assert_eq!(scope.claim("v1".into()), "v1");
        assert_eq!(scope.claim("v1".into()), "v1_2");
    }
}
