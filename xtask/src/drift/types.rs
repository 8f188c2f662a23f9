//! The coarse type vocabulary both sides are reduced to before comparing, and the documents' type spellings.

use std::fmt;

/// A type as far as drift cares: the JSON shape, or the name of a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// A JSON number that may have a fraction.
    Number,
    /// A JSON boolean.
    Boolean,
    /// A free-form object.
    Object,
    /// An object with arbitrary keys (a dictionary).
    Map,
    /// An array of the inner type.
    Array(Box<Ty>),
    /// A named type, as written (documents) or as the schema is called (spec).
    Named(String),
    /// Not given, or not understood: compatible with anything.
    Unknown,
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::String => f.write_str("string"),
            Ty::Integer => f.write_str("integer"),
            Ty::Number => f.write_str("number"),
            Ty::Boolean => f.write_str("boolean"),
            Ty::Object => f.write_str("object"),
            Ty::Map => f.write_str("map"),
            Ty::Array(inner) => write!(f, "array of {inner}"),
            Ty::Named(name) => f.write_str(name),
            Ty::Unknown => f.write_str("unknown"),
        }
    }
}

/// Reads a type as the documents spell it: `int`, `Bool`, `string[]`, `Array of Term resources`,
/// `List of pricingPolicies`, `key/value pairs`, `Dictionary<String, String>`,
/// `SupportedBillingCycles[] (int32)`, `[OfferCategory](#offercategory)`,
/// `Contracts.V1.Models.Offer`, `ResourceCollection[Contracts.V1.Models.Offer]`.
pub fn parse_doc_type(text: &str) -> Ty {
    let mut text = strip_markdown_link(text.trim()).trim().to_owned();
    if let Some(open) = text.rfind(" (")
        && text.ends_with(')')
    {
        text.truncate(open);
    }
    let text = text.trim();
    if text.is_empty() {
        return Ty::Unknown;
    }
    let lower = text.to_ascii_lowercase();
    if let Some(inner) = text.strip_suffix("[]") {
        return Ty::Array(Box::new(parse_doc_type(inner)));
    }
    for prefix in ["array of ", "list of "] {
        if lower.starts_with(prefix) {
            let inner = text[prefix.len()..].trim();
            let inner = inner.strip_suffix(" resources").unwrap_or(inner).trim();
            let inner = match inner.to_ascii_lowercase().as_str() {
                "strings" => "string",
                "integers" | "ints" => "int",
                _ => inner,
            };
            return Ty::Array(Box::new(parse_doc_type(inner)));
        }
    }
    if lower == "key/value pairs" || lower.starts_with("dictionary<") {
        return Ty::Map;
    }
    match lower.as_str() {
        "string" | "guid" | "datetime" | "date" | "uri" => Ty::String,
        "int" | "integer" | "int32" | "int64" | "long" => Ty::Integer,
        "number" | "double" | "decimal" | "float" => Ty::Number,
        "bool" | "boolean" => Ty::Boolean,
        "object" => Ty::Object,
        "enum:" => Ty::Unknown,
        _ => Ty::Named(text.to_owned()),
    }
}

/// `[Text](target)` → `Text`; anything else unchanged.
pub fn strip_markdown_link(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix('[')
        && let Some(close) = rest.find("](")
        && text.ends_with(')')
    {
        return &rest[..close];
    }
    text
}

/// The short name of a documented type name: namespaces dropped outside brackets, so
/// `Contracts.V1.Models.Enums.OfferProduct` → `OfferProduct` and
/// `ResourceCollection[Contracts.V1.Models.Offer]` → `ResourceCollection[Offer]`;
/// `System.Collections.Generic.KeyValuePair[System.String,System.String]` → `KeyValuePair`.
pub fn short_name(name: &str) -> String {
    let name = name.trim();
    let (head, args) = match name.find('[') {
        Some(open) if name.ends_with(']') => (&name[..open], Some(&name[open + 1..name.len() - 1])),
        _ => (name, None),
    };
    let head = head.rsplit('.').next().unwrap_or(head);
    match args {
        Some(args) if head == "ResourceCollection" => {
            format!("ResourceCollection[{}]", short_name(args))
        }
        _ => head.to_owned(),
    }
}

/// Lower case without `_`, `-` and spaces: the key under which spellings are compared.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_spellings_of_the_documents() {
        assert_eq!(parse_doc_type("int"), Ty::Integer);
        assert_eq!(parse_doc_type("Bool"), Ty::Boolean);
        assert_eq!(parse_doc_type("string[]"), Ty::Array(Box::new(Ty::String)));
        assert_eq!(
            parse_doc_type("Array of Term resources"),
            Ty::Array(Box::new(Ty::Named("Term".into())))
        );
        assert_eq!(
            parse_doc_type("array of strings"),
            Ty::Array(Box::new(Ty::String))
        );
        assert_eq!(parse_doc_type("Dictionary<String, String>"), Ty::Map);
        assert_eq!(
            parse_doc_type("SupportedBillingCycles[] (int32)"),
            Ty::Array(Box::new(Ty::Named("SupportedBillingCycles".into())))
        );
        assert_eq!(parse_doc_type("integer (int32)"), Ty::Integer);
        assert_eq!(
            parse_doc_type("[OfferCategory](#offercategory)"),
            Ty::Named("OfferCategory".into())
        );
    }

    #[test]
    fn shortens_namespaced_names() {
        assert_eq!(
            short_name("Contracts.V1.Models.Enums.OfferProduct"),
            "OfferProduct"
        );
        assert_eq!(
            short_name("ResourceCollection[Contracts.V1.Models.Offer]"),
            "ResourceCollection[Offer]"
        );
        assert_eq!(
            short_name("System.Collections.Generic.KeyValuePair[System.String,System.String]"),
            "KeyValuePair"
        );
    }
}
