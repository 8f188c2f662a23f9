//! serde's `rename_all` rules, written once so that the generator and the derive agree on them.
//!
//! The generator picks the rule that names most of a type's members and writes `rename` only for
//! the rest; the derive applies the same rule to every member without its own `rename`. Both
//! use this crate, so a rule can never mean one thing to one and another to the other.

/// A case convention, as serde's `rename_all` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RenameRule {
    /// `lowercase`: `fooBar` → `foobar`.
    LowerCase,
    /// `UPPERCASE`.
    UpperCase,
    /// `PascalCase`.
    PascalCase,
    /// `camelCase`.
    CamelCase,
    /// `snake_case`.
    SnakeCase,
    /// `SCREAMING_SNAKE_CASE`.
    ScreamingSnakeCase,
    /// `kebab-case`.
    KebabCase,
    /// `SCREAMING-KEBAB-CASE`.
    ScreamingKebabCase,
}

/// Every rule, in the order a generator should prefer them when two name equally many members.
pub const RULES: &[RenameRule] = &[
    RenameRule::CamelCase,
    RenameRule::SnakeCase,
    RenameRule::PascalCase,
    RenameRule::ScreamingSnakeCase,
    RenameRule::KebabCase,
    RenameRule::ScreamingKebabCase,
    RenameRule::LowerCase,
    RenameRule::UpperCase,
];

impl RenameRule {
    /// Parses a rule from the string serde's `rename_all` takes.
    pub fn from_name(name: &str) -> Option<Self> {
        RULES.iter().copied().find(|rule| rule.name() == name)
    }

    /// The string serde's `rename_all` takes for this rule.
    pub fn name(self) -> &'static str {
        match self {
            Self::LowerCase => "lowercase",
            Self::UpperCase => "UPPERCASE",
            Self::PascalCase => "PascalCase",
            Self::CamelCase => "camelCase",
            Self::SnakeCase => "snake_case",
            Self::ScreamingSnakeCase => "SCREAMING_SNAKE_CASE",
            Self::KebabCase => "kebab-case",
            Self::ScreamingKebabCase => "SCREAMING-KEBAB-CASE",
        }
    }

    /// Applies the rule to a field name written in `snake_case`, as serde does.
    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            Self::LowerCase | Self::SnakeCase => field.to_owned(),
            Self::UpperCase | Self::ScreamingSnakeCase => field.to_ascii_uppercase(),
            Self::PascalCase => pascal(field),
            Self::CamelCase => {
                let pascal = pascal(field);
                lower_first(&pascal)
            }
            Self::KebabCase => field.replace('_', "-"),
            Self::ScreamingKebabCase => field.replace('_', "-").to_ascii_uppercase(),
        }
    }

    /// Applies the rule to a variant name written in `PascalCase`, as serde does.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            Self::PascalCase => variant.to_owned(),
            Self::LowerCase => variant.to_ascii_lowercase(),
            Self::UpperCase => variant.to_ascii_uppercase(),
            Self::CamelCase => lower_first(variant),
            Self::SnakeCase => snake(variant),
            Self::ScreamingSnakeCase => snake(variant).to_ascii_uppercase(),
            Self::KebabCase => snake(variant).replace('_', "-"),
            Self::ScreamingKebabCase => snake(variant).replace('_', "-").to_ascii_uppercase(),
        }
    }
}

/// `foo_bar` → `FooBar`: each underscore is dropped and the letter after it capitalised.
fn pascal(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Lowercases the first character.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `FooBar` → `foo_bar`: an underscore before every uppercase letter but the first.
fn snake(variant: &str) -> String {
    let mut out = String::with_capacity(variant.len() + 4);
    for (index, ch) in variant.char_indices() {
        if index > 0 && ch.is_uppercase() {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_serde() {
        let cases = [
            (
                RenameRule::CamelCase,
                "billing_cycle_type",
                "billingCycleType",
            ),
            (RenameRule::PascalCase, "billing_cycle", "BillingCycle"),
            (RenameRule::SnakeCase, "billing_cycle", "billing_cycle"),
            (
                RenameRule::ScreamingSnakeCase,
                "billing_cycle",
                "BILLING_CYCLE",
            ),
            (RenameRule::KebabCase, "billing_cycle", "billing-cycle"),
            (
                RenameRule::ScreamingKebabCase,
                "billing_cycle",
                "BILLING-CYCLE",
            ),
            (RenameRule::LowerCase, "billing_cycle", "billing_cycle"),
            (RenameRule::UpperCase, "billing_cycle", "BILLING_CYCLE"),
            (RenameRule::CamelCase, "id", "id"),
        ];
        for (rule, field, wire) in cases {
            assert_eq!(rule.apply_to_field(field), wire, "{rule:?}");
        }
    }

    #[test]
    fn variants_follow_serde() {
        let cases = [
            (RenameRule::CamelCase, "OneTime", "oneTime"),
            (RenameRule::SnakeCase, "OneTime", "one_time"),
            (RenameRule::LowerCase, "OneTime", "onetime"),
            (RenameRule::UpperCase, "OneTime", "ONETIME"),
            (RenameRule::ScreamingSnakeCase, "OneTime", "ONE_TIME"),
            (RenameRule::KebabCase, "OneTime", "one-time"),
            (RenameRule::PascalCase, "OneTime", "OneTime"),
        ];
        for (rule, variant, wire) in cases {
            assert_eq!(rule.apply_to_variant(variant), wire, "{rule:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for rule in RULES {
            assert_eq!(RenameRule::from_name(rule.name()), Some(*rule));
        }
        assert_eq!(RenameRule::from_name("Title Case"), None);
    }
}
