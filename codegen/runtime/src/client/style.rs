//! Parameter styles: how a value goes into a path segment, a query string, a header, a cookie
//! or a form body, as OpenAPI's `style` and `explode` say (RFC 6570 for most of them).

use percent_encoding::utf8_percent_encode;

use super::value::Node;

/// How a parameter or a form property is written, as OpenAPI's `style` names it; generated code
/// passes the style the description gives (or its location's default) with `explode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Style {
    /// `blue,black` (path and header): values joined by commas.
    Simple,
    /// `.blue.black` (path): each value after a dot.
    Label,
    /// `;color=blue,black` (path): a name and its values after a semicolon.
    Matrix,
    /// `color=blue,black`, or exploded `color=blue&color=black` (query, cookie, form body).
    Form,
    /// `color=blue%20black` (query): an array joined by spaces.
    SpaceDelimited,
    /// `color=blue|black` (query): an array joined by pipes.
    PipeDelimited,
    /// `color[R]=100&color[G]=200` (query, form body): nested objects in brackets; arrays as
    /// `name[]=a` for plain values and `name[0][key]=v` for objects, as Stripe reads them.
    DeepObject,
}

/// The name-value pairs of `node` under `name`, for a query string, a cookie or a form body:
/// `Form`, `SpaceDelimited`, `PipeDelimited` or `DeepObject` (any other style is read as
/// `Form`). An absent value (`null`) gives no pair; an empty array or object gives `name=`.
pub(crate) fn pairs(
    name: &str,
    style: Style,
    explode: bool,
    node: &Node,
    out: &mut Vec<(String, String)>,
) {
    let delimiter = match style {
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    match node {
        Node::Null => {}
        Node::Scalar(text) => out.push((name.to_owned(), text.clone())),
        Node::List(items) if items.is_empty() => out.push((name.to_owned(), String::new())),
        Node::Object(entries) if entries.is_empty() => out.push((name.to_owned(), String::new())),
        _ if style == Style::DeepObject => deep(name, node, out),
        Node::List(items) if explode => out.extend(
            items
                .iter()
                .filter(|item| **item != Node::Null)
                .map(|item| (name.to_owned(), flat(item, delimiter, &same))),
        ),
        Node::Object(entries) if explode => out.extend(
            entries
                .iter()
                .filter(|(_, value)| *value != Node::Null)
                .map(|(key, value)| (key.clone(), flat(value, delimiter, &same))),
        ),
        Node::List(_) | Node::Object(_) => {
            out.push((name.to_owned(), flat(node, delimiter, &same)));
        }
    }
}

/// Nested brackets: `name[key]=v`, `name[]=v` for plain array items, `name[0][key]=v` for
/// arrays of objects or arrays.
fn deep(name: &str, node: &Node, out: &mut Vec<(String, String)>) {
    match node {
        Node::Null => {}
        Node::Scalar(text) => out.push((name.to_owned(), text.clone())),
        Node::List(items) if items.is_empty() => out.push((name.to_owned(), String::new())),
        Node::Object(entries) if entries.is_empty() => out.push((name.to_owned(), String::new())),
        Node::List(items) => {
            for (index, item) in items.iter().enumerate() {
                match item {
                    Node::Scalar(text) => out.push((format!("{name}[]"), text.clone())),
                    other => deep(&format!("{name}[{index}]"), other, out),
                }
            }
        }
        Node::Object(entries) => {
            for (key, value) in entries {
                deep(&format!("{name}[{key}]"), value, out);
            }
        }
    }
}

/// The text of `node` for a path segment (`Simple`, `Label`, `Matrix`) or a header (`Simple`),
/// each value passed through `encode` and the delimiters kept as they are.
pub(crate) fn text(
    name: &str,
    style: Style,
    explode: bool,
    node: &Node,
    encode: &dyn Fn(&str) -> String,
) -> String {
    let name = encode(name);
    match style {
        Style::Label => {
            let joined = match node {
                Node::Null => String::new(),
                Node::Object(entries) if explode => entries
                    .iter()
                    .filter(|(_, value)| *value != Node::Null)
                    .map(|(key, value)| format!("{}={}", encode(key), flat(value, ",", encode)))
                    .collect::<Vec<_>>()
                    .join("."),
                other => flat(other, ".", encode),
            };
            format!(".{joined}")
        }
        Style::Matrix => match node {
            Node::Null => format!(";{name}"),
            Node::List(items) if items.is_empty() => format!(";{name}"),
            Node::Object(entries) if entries.is_empty() => format!(";{name}"),
            Node::List(items) if explode => items
                .iter()
                .map(|item| format!(";{name}={}", flat(item, ",", encode)))
                .collect(),
            Node::Object(entries) if explode => entries
                .iter()
                .filter(|(_, value)| *value != Node::Null)
                .map(|(key, value)| format!(";{}={}", encode(key), flat(value, ",", encode)))
                .collect(),
            other => format!(";{name}={}", flat(other, ",", encode)),
        },
        _ => match node {
            Node::Object(entries) if explode => entries
                .iter()
                .filter(|(_, value)| *value != Node::Null)
                .map(|(key, value)| format!("{}={}", encode(key), flat(value, ",", encode)))
                .collect::<Vec<_>>()
                .join(","),
            other => flat(other, ",", encode),
        },
    }
}

/// A value as one delimited text: an array's items, or an object's keys and values in turn.
fn flat(node: &Node, delimiter: &str, encode: &dyn Fn(&str) -> String) -> String {
    match node {
        Node::Null => String::new(),
        Node::Scalar(text) => encode(text),
        Node::List(items) => items
            .iter()
            .filter(|item| **item != Node::Null)
            .map(|item| flat(item, delimiter, encode))
            .collect::<Vec<_>>()
            .join(delimiter),
        Node::Object(entries) => entries
            .iter()
            .filter(|(_, value)| *value != Node::Null)
            .flat_map(|(key, value)| [encode(key), flat(value, delimiter, encode)])
            .collect::<Vec<_>>()
            .join(delimiter),
    }
}

/// Text as it is.
pub(crate) fn same(text: &str) -> String {
    text.to_owned()
}

/// Text percent-encoded for a path segment: everything but RFC 3986 unreserved characters.
pub(crate) fn segment(text: &str) -> String {
    utf8_percent_encode(text, super::address::SEGMENT).to_string()
}

/// What a cookie value cannot hold as it is: controls, space, `"`, `;`, `\\` and `%`.
const COOKIE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// The `Cookie` header of these pairs: `name=value; name=value`, values percent-encoded where
/// a cookie cannot hold a character.
pub(crate) fn cookie_header(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, COOKIE)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::{Node, Style, pairs, same, segment, text};

    /// The values of OpenAPI's style examples: `color` as a string, an array and an object.
    fn string() -> Node {
        Node::of("blue").expect("a string")
    }

    fn array() -> Node {
        Node::of(&["blue", "black", "brown"]).expect("an array")
    }

    fn object() -> Node {
        let raw = crate::RawJson::from_text(r#"{"R":100,"G":200,"B":150}"#).expect("json");
        Node::of(&raw).expect("an object")
    }

    fn empty() -> Node {
        Node::of(&Vec::<String>::new()).expect("an empty array")
    }

    /// A query string as a person writes it: pairs joined by `&`, nothing encoded.
    fn query(style: Style, explode: bool, node: &Node) -> String {
        let mut out = Vec::new();
        pairs("color", style, explode, node, &mut out);
        out.iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    fn path(style: Style, explode: bool, node: &Node) -> String {
        text("color", style, explode, node, &same)
    }

    #[test]
    fn path_styles_follow_the_openapi_table() {
        let table = [
            (Style::Simple, false, string(), "blue"),
            (Style::Simple, false, array(), "blue,black,brown"),
            (Style::Simple, false, object(), "R,100,G,200,B,150"),
            (Style::Simple, true, array(), "blue,black,brown"),
            (Style::Simple, true, object(), "R=100,G=200,B=150"),
            (Style::Label, false, empty(), "."),
            (Style::Label, false, string(), ".blue"),
            (Style::Label, false, array(), ".blue.black.brown"),
            (Style::Label, false, object(), ".R.100.G.200.B.150"),
            (Style::Label, true, array(), ".blue.black.brown"),
            (Style::Label, true, object(), ".R=100.G=200.B=150"),
            (Style::Matrix, false, empty(), ";color"),
            (Style::Matrix, false, string(), ";color=blue"),
            (Style::Matrix, false, array(), ";color=blue,black,brown"),
            (Style::Matrix, false, object(), ";color=R,100,G,200,B,150"),
            (
                Style::Matrix,
                true,
                array(),
                ";color=blue;color=black;color=brown",
            ),
            (Style::Matrix, true, object(), ";R=100;G=200;B=150"),
        ];
        for (style, explode, node, expected) in table {
            assert_eq!(
                path(style, explode, &node),
                expected,
                "{style:?}, explode {explode}, {node:?}"
            );
        }
    }

    #[test]
    fn query_styles_follow_the_openapi_table() {
        let table = [
            (Style::Form, false, empty(), "color="),
            (Style::Form, false, string(), "color=blue"),
            (Style::Form, false, array(), "color=blue,black,brown"),
            (Style::Form, false, object(), "color=R,100,G,200,B,150"),
            (Style::Form, true, empty(), "color="),
            (Style::Form, true, string(), "color=blue"),
            (
                Style::Form,
                true,
                array(),
                "color=blue&color=black&color=brown",
            ),
            (Style::Form, true, object(), "R=100&G=200&B=150"),
            (
                Style::SpaceDelimited,
                false,
                array(),
                "color=blue black brown",
            ),
            (
                Style::SpaceDelimited,
                false,
                object(),
                "color=R 100 G 200 B 150",
            ),
            (
                Style::PipeDelimited,
                false,
                array(),
                "color=blue|black|brown",
            ),
            (
                Style::PipeDelimited,
                false,
                object(),
                "color=R|100|G|200|B|150",
            ),
            (
                Style::DeepObject,
                true,
                object(),
                "color[R]=100&color[G]=200&color[B]=150",
            ),
            (
                Style::DeepObject,
                true,
                array(),
                "color[]=blue&color[]=black&color[]=brown",
            ),
        ];
        for (style, explode, node, expected) in table {
            assert_eq!(
                query(style, explode, &node),
                expected,
                "{style:?}, explode {explode}, {node:?}"
            );
        }
    }

    #[test]
    fn an_absent_value_sends_nothing() {
        let none = Node::of(&Option::<String>::None).expect("null");
        assert_eq!(query(Style::Form, true, &none), "");
        assert_eq!(query(Style::DeepObject, true, &none), "");
    }

    #[test]
    fn path_values_are_encoded_and_delimiters_kept() {
        let node = Node::of(&["a/b", "c,d"]).expect("an array");
        assert_eq!(
            text("x", Style::Matrix, false, &node, &segment),
            ";x=a%2Fb,c%2Cd"
        );
        assert_eq!(
            text("x", Style::Label, false, &node, &segment),
            ".a%2Fb.c%2Cd"
        );
    }
}
