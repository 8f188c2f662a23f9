//! `Node`: any `Serialize` value as a small tree with key order and exact number text, which the
//! parameter styles, the form encoder and multipart parts read.

use std::fmt;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A serialized value: strings unescaped, numbers and booleans as the JSON text the serializer
/// wrote (so no digit is lost), objects in key order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// JSON `null`: an absent value, which sends nothing.
    Null,
    /// A string, a number or a boolean, as text.
    Scalar(String),
    /// An array.
    List(Vec<Node>),
    /// An object, in key order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Serializes `value` into a tree; fails only when the value cannot be written as JSON.
    pub(crate) fn of(value: &(impl Serialize + ?Sized)) -> Result<Self, String> {
        let raw = serde_json::value::to_raw_value(value).map_err(|error| error.to_string())?;
        Self::parse(&raw)
    }

    fn parse(raw: &RawValue) -> Result<Self, String> {
        let text = raw.get().trim();
        let invalid = |error: serde_json::Error| error.to_string();
        match text.as_bytes().first() {
            None | Some(b'n') => Ok(Self::Null),
            Some(b'"') => Ok(Self::Scalar(
                serde_json::from_str::<String>(text).map_err(invalid)?,
            )),
            Some(b'[') => serde_json::from_str::<Vec<&RawValue>>(text)
                .map_err(invalid)?
                .into_iter()
                .map(Self::parse)
                .collect::<Result<_, _>>()
                .map(Self::List),
            Some(b'{') => serde_json::from_str::<Entries<'_>>(text)
                .map_err(invalid)?
                .0
                .into_iter()
                .map(|(key, value)| Ok((key, Self::parse(value)?)))
                .collect::<Result<_, String>>()
                .map(Self::Object),
            Some(_) => Ok(Self::Scalar(text.to_owned())),
        }
    }

    /// The value as one piece of text when it has no parts: a string, number or boolean.
    pub(crate) fn as_scalar(&self) -> Option<&str> {
        match self {
            Self::Scalar(text) => Some(text),
            _ => None,
        }
    }
}

/// The entries of a JSON object in their order, values still raw.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<'a>(std::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for EntriesVisitor<'a> {
            type Value = Entries<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::Node;

    fn scalar(text: &str) -> Node {
        Node::Scalar(text.to_owned())
    }

    #[test]
    fn objects_keep_key_order_and_numbers_their_text() {
        let raw = crate::RawJson::from_text(
            r#"{"z":1.10,"a":[12345678901234567890123,true],"m":null,"s":"x\"y"}"#,
        )
        .expect("json");
        assert_eq!(
            Node::of(&raw),
            Ok(Node::Object(vec![
                ("z".to_owned(), scalar("1.10")),
                (
                    "a".to_owned(),
                    Node::List(vec![scalar("12345678901234567890123"), scalar("true")])
                ),
                ("m".to_owned(), Node::Null),
                ("s".to_owned(), scalar("x\"y")),
            ]))
        );
        assert_eq!(Node::of(&0.1_f64), Ok(scalar("0.1")));
        assert_eq!(Node::of(&Option::<u8>::None), Ok(Node::Null));
    }
}
