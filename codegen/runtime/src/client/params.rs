//! The `Call` methods for parameters in any OpenAPI style: generated code passes the style and
//! explode that lowering decided, and these write the value as that style says.

use serde::Serialize;

use super::Call;
use super::style::{self, Style};
use super::value::Node;

impl Call {
    /// Serializes a value, or records why it cannot be, under the argument's name.
    fn node(&mut self, name: &'static str, value: &(impl Serialize + ?Sized)) -> Option<Node> {
        match Node::of(value) {
            Ok(node) => Some(node),
            Err(reason) => {
                self.invalid.push((name, reason));
                None
            }
        }
    }

    /// Fills `{placeholder}` with `value` in `style` (`Simple`, `Label` or `Matrix`), each value
    /// percent-encoded and the style's delimiters kept.
    pub fn path_styled(
        mut self,
        placeholder: &'static str,
        style: Style,
        explode: bool,
        value: &(impl Serialize + ?Sized),
    ) -> Self {
        if let Some(node) = self.node(placeholder, value) {
            let text = style::text(placeholder, style, explode, &node, &style::segment);
            if text.is_empty() || (style == Style::Simple && text.bytes().all(|byte| byte == b'.'))
            {
                self.invalid
                    .push((placeholder, format!("a path segment cannot be `{text}`")));
            } else {
                self.path_encoded.push((placeholder, text));
            }
        }
        self
    }

    /// Adds the query pairs of `value` in `style` (`Form`, `SpaceDelimited`, `PipeDelimited` or
    /// `DeepObject`) when it is given.
    pub fn query_styled<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        style: Style,
        explode: bool,
        value: Option<&T>,
    ) -> Self {
        if let Some(node) = value.and_then(|value| self.node(name, value)) {
            style::pairs(name, style, explode, &node, &mut self.query);
        }
        self
    }

    /// Adds the header `name` with `value` in the `Simple` style when it is given; it overrides
    /// what the client would send.
    pub fn header_styled<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        explode: bool,
        value: Option<&T>,
    ) -> Self {
        if let Some(node) = value.and_then(|value| self.node(name, value)) {
            let text = style::text(name, Style::Simple, explode, &node, &style::same);
            self.headers.push((name, text));
        }
        self
    }

    /// Adds the cookie `name` with `value` in the `Form` style when it is given.
    pub fn cookie<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        explode: bool,
        value: Option<&T>,
    ) -> Self {
        if let Some(node) = value.and_then(|value| self.node(name, value)) {
            style::pairs(name, Style::Form, explode, &node, &mut self.cookies);
        }
        self
    }
}
