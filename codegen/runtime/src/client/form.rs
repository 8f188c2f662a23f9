//! Form bodies (`application/x-www-form-urlencoded`): any `Serialize` object as name-value
//! pairs, each property in the style its description's `encoding` gives it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::style::{Style, pairs};
use super::value::Node;

/// What `application/x-www-form-urlencoded` leaves as it is: letters, digits and `*-._`.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// Names keep their brackets too (`metadata[key]`), as Stripe's own clients send them.
const NAME: &AsciiSet = &VALUE.remove(b'[').remove(b']');

/// How one property of a form body is written: its name, style and explode. Properties not
/// listed are written in the `Form` style, exploded, as OpenAPI's default says.
pub type FormField = (&'static str, Style, bool);

/// Encodes `value`, which must serialize as an object (or `null`, the empty form), as a form
/// body: the properties in their order, each in the style `fields` gives it.
pub(crate) fn encode(
    value: &(impl Serialize + ?Sized),
    fields: &[FormField],
) -> Result<String, String> {
    let mut out = Vec::new();
    match Node::of(value)? {
        Node::Null => {}
        Node::Object(entries) => {
            for (name, value) in &entries {
                let (style, explode) = fields
                    .iter()
                    .find(|(field, _, _)| field == name)
                    .map_or((Style::Form, true), |(_, style, explode)| {
                        (*style, *explode)
                    });
                pairs(name, style, explode, value, &mut out);
            }
        }
        Node::Scalar(_) | Node::List(_) => {
            return Err("a form body must be an object".to_owned());
        }
    }
    Ok(urlencoded(&out))
}

/// Joins pairs as `application/x-www-form-urlencoded` text: `name=value&...`, spaces as `+`.
pub(crate) fn urlencoded(pairs: &[(String, String)]) -> String {
    let encode = |text: &str, set: &'static AsciiSet| {
        utf8_percent_encode(text, set)
            .to_string()
            .replace("%20", "+")
    };
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name, NAME), encode(value, VALUE)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::{FormField, Style, encode};

    fn form(json: &str, fields: &[FormField]) -> String {
        let raw = crate::RawJson::from_text(json).expect("json");
        encode(&raw, fields).expect("encodes")
    }

    #[test]
    fn deep_objects_nest_in_brackets_as_stripe_reads_them() {
        let fields = [
            ("metadata", Style::DeepObject, true),
            ("items", Style::DeepObject, true),
            ("expand", Style::DeepObject, true),
        ];
        assert_eq!(
            form(
                r#"{"customer":"cus_1","metadata":{"order":"6735","note":"a b&c"},"items":[{"price":"p_1","quantity":2},{"price":"p_2","tax_rates":["t1","t2"]}],"expand":["customer","items.data"]}"#,
                &fields
            ),
            "customer=cus_1&metadata[order]=6735&metadata[note]=a+b%26c\
             &items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2\
             &items[1][tax_rates][]=t1&items[1][tax_rates][]=t2\
             &expand[]=customer&expand[]=items.data"
        );
    }

    #[test]
    fn unlisted_properties_are_exploded_forms() {
        assert_eq!(
            form(
                r#"{"tags":["a","b"],"color":{"R":100,"G":200},"name":"x"}"#,
                &[]
            ),
            "tags=a&tags=b&R=100&G=200&name=x"
        );
        assert_eq!(
            form(
                r#"{"tags":["a","b"],"color":{"R":100}}"#,
                &[("tags", Style::Form, false), ("color", Style::Form, false)]
            ),
            "tags=a%2Cb&color=R%2C100"
        );
        assert_eq!(
            form(
                r#"{"tags":["a","b"]}"#,
                &[("tags", Style::PipeDelimited, false)]
            ),
            "tags=a%7Cb"
        );
    }

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(
            form(
                r#"{"amount":12345678901234567890123,"rate":0.10,"small":1e-7}"#,
                &[]
            ),
            "amount=12345678901234567890123&rate=0.10&small=1e-7"
        );
    }

    #[test]
    fn empty_values_are_sent_and_absent_ones_are_not() {
        let fields = [("metadata", Style::DeepObject, true)];
        assert_eq!(
            form(
                r#"{"metadata":{},"tags":[],"note":"","gone":null}"#,
                &fields
            ),
            "metadata=&tags=&note="
        );
        assert_eq!(form("null", &[]), "");
        let raw = crate::RawJson::from_text("[1]").expect("json");
        assert!(encode(&raw, &[]).is_err(), "a form is an object");
    }
}
