//! Request bodies other than JSON: multipart forms with files, and the encoded bytes every body
//! becomes before it is sent.

use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

use super::value::Node;
use super::{Call, CallOptions, Error, ErrorBody, Policy, ResponseFuture, Transport, form};

/// A request body ready to send, again on every attempt: its media type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Payload {
    /// The `Content-Type` it is sent with.
    pub(crate) content_type: String,
    /// The bytes.
    pub(crate) bytes: Vec<u8>,
}

/// A file sent as one part of a multipart form: its file name, media type and bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The file name the part says it carries, such as `photo.png`.
    pub name: String,
    /// Its media type, `application/octet-stream` unless set.
    pub content_type: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// A file named `name` holding `bytes`, of media type `application/octet-stream`.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            name: name.into(),
            content_type: "application/octet-stream".to_owned(),
            bytes: bytes.into(),
        }
    }

    /// Sets the media type, such as `image/png`.
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A `multipart/form-data` body: fields and files, in the order they are added.
#[derive(Debug, Clone, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    error: Option<String>,
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the field `name`: a string, number or boolean as its text, an array of them as one
    /// part per item, anything else as a JSON part; an absent value (`None`) adds nothing.
    #[must_use]
    pub fn field(mut self, name: &str, value: &(impl Serialize + ?Sized)) -> Self {
        let text = |name: &str, text: &str| Part {
            name: name.to_owned(),
            file_name: None,
            content_type: None,
            bytes: text.as_bytes().to_vec(),
        };
        match Node::of(value) {
            Err(reason) => self.error = Some(format!("field `{name}`: {reason}")),
            Ok(Node::Null) => {}
            Ok(Node::Scalar(value)) => self.parts.push(text(name, &value)),
            Ok(Node::List(items)) if items.iter().all(|item| item.as_scalar().is_some()) => {
                self.parts.extend(
                    items
                        .iter()
                        .filter_map(Node::as_scalar)
                        .map(|item| text(name, item)),
                )
            }
            Ok(_) => match serde_json::to_vec(value) {
                Ok(bytes) => self.parts.push(Part {
                    name: name.to_owned(),
                    file_name: None,
                    content_type: Some("application/json".to_owned()),
                    bytes,
                }),
                Err(error) => self.error = Some(format!("field `{name}`: {error}")),
            },
        }
        self
    }

    /// Adds the file `file` as the part `name`.
    #[must_use]
    pub fn file(mut self, name: &str, file: &FilePart) -> Self {
        self.parts.push(Part {
            name: name.to_owned(),
            file_name: Some(file.name.clone()),
            content_type: Some(file.content_type.clone()),
            bytes: file.bytes.clone(),
        });
        self
    }

    /// Adds each of `files` as a part `name`: none for an absent optional file.
    #[must_use]
    pub fn files<'f>(self, name: &str, files: impl IntoIterator<Item = &'f FilePart>) -> Self {
        files
            .into_iter()
            .fold(self, |form, file| form.file(name, file))
    }

    /// The body's bytes, between boundaries that no part contains; the same form always
    /// encodes to the same bytes, so that a retry or a test double sees them again.
    pub(crate) fn encode(self) -> Result<Payload, String> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut hasher = DefaultHasher::new();
        for part in &self.parts {
            part.name.hash(&mut hasher);
            part.bytes.hash(&mut hasher);
        }
        let seed = hasher.finish();
        let boundary = (0_u64..)
            .map(|salt| format!("codegen-boundary-{:016x}", seed.wrapping_add(salt)))
            .find(|boundary| {
                !self
                    .parts
                    .iter()
                    .any(|part| contains(&part.bytes, boundary.as_bytes()))
            })
            .unwrap_or_default();
        let mut bytes = Vec::new();
        for part in &self.parts {
            bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let mut disposition = format!("form-data; name=\"{}\"", quoted(&part.name));
            if let Some(file_name) = &part.file_name {
                disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
            }
            bytes.extend_from_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
            if let Some(content_type) = &part.content_type {
                bytes.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
            }
            bytes.extend_from_slice(b"\r\n");
            bytes.extend_from_slice(&part.bytes);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok(Payload {
            content_type: format!("multipart/form-data; boundary={boundary}"),
            bytes,
        })
    }
}

impl Call {
    /// Sets a form body (`application/x-www-form-urlencoded`): `body`'s properties in order,
    /// each in the style `fields` gives it (exploded `Form` when not listed).
    pub fn form(mut self, body: &(impl Serialize + ?Sized), fields: &[form::FormField]) -> Self {
        self.body = Some(form::encode(body, fields).map(|text| Payload {
            content_type: "application/x-www-form-urlencoded".to_owned(),
            bytes: text.into_bytes(),
        }));
        self
    }

    /// Sets a form body when one is given.
    pub fn form_opt(
        self,
        body: Option<&(impl Serialize + ?Sized)>,
        fields: &[form::FormField],
    ) -> Self {
        match body {
            Some(body) => self.form(body, fields),
            None => self,
        }
    }

    /// Sets a `multipart/form-data` body when one is given.
    pub fn multipart(mut self, body: Option<Multipart>) -> Self {
        if let Some(body) = body {
            self.body = Some(body.encode());
        }
        self
    }

    /// Sets a body of raw bytes sent as `content_type`, such as `application/octet-stream`.
    pub fn bytes(mut self, content_type: &str, body: Option<&[u8]>) -> Self {
        if let Some(body) = body {
            self.body = Some(Ok(Payload {
                content_type: content_type.to_owned(),
                bytes: body.to_vec(),
            }));
        }
        self
    }

    /// Sets a text body sent as `content_type`, such as `text/plain`.
    pub fn text(self, content_type: &str, body: Option<&str>) -> Self {
        self.bytes(content_type, body.map(str::as_bytes))
    }

    /// Asks for the answer in `media_type` (`Accept`), for an operation whose answer is not JSON.
    pub fn accept(mut self, media_type: &'static str) -> Self {
        self.accept = Some(media_type);
        self
    }
}

impl<P: Policy> Transport<P> {
    /// Sends `call` and keeps its answer's body as text, keeping status and headers.
    pub fn execute_text<E: ErrorBody>(
        &self,
        call: Call,
        options: CallOptions,
    ) -> ResponseFuture<'_, String, P, E> {
        ResponseFuture::new(async move {
            let target = self.target(&call)?;
            let answer = self.send(&call, &options, &target).await?;
            match String::from_utf8(answer.body.clone()) {
                Ok(text) => Ok(answer.into_response(text)),
                Err(error) => Err(Error::Decode {
                    operation: call.operation,
                    status: answer.status.as_u16(),
                    source: crate::DecodeError {
                        path: String::new(),
                        message: format!("the text answer is not utf-8: {error}"),
                        line: 0,
                        column: 0,
                    },
                }),
            }
        })
    }

    /// Sends `call` and keeps its answer's body as bytes, keeping status and headers.
    pub fn execute_bytes<E: ErrorBody>(
        &self,
        call: Call,
        options: CallOptions,
    ) -> ResponseFuture<'_, Vec<u8>, P, E> {
        ResponseFuture::new(async move {
            let target = self.target(&call)?;
            let mut answer = self.send(&call, &options, &target).await?;
            let body = std::mem::take(&mut answer.body);
            Ok(answer.into_response(body))
        })
    }
}

/// A name or file name inside quotes, its quotes and line breaks percent-encoded as browsers do.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::{FilePart, Multipart};

    #[test]
    fn fields_and_files_become_parts() {
        let payload = Multipart::new()
            .field("purpose", "fine-tune")
            .field("sizes", &[1, 2])
            .field("absent", &Option::<String>::None)
            .field("meta", &std::collections::BTreeMap::from([("k", "v")]))
            .file(
                "file",
                &FilePart::new("a \"b\".txt", "hello").content_type("text/plain"),
            )
            .encode()
            .expect("encodes");
        let boundary = payload
            .content_type
            .strip_prefix("multipart/form-data; boundary=")
            .expect("a boundary");
        let text = String::from_utf8(payload.bytes).expect("utf-8");
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"sizes\"\r\n\r\n1\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"sizes\"\r\n\r\n2\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{{\"k\":\"v\"}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n\
             --{b}--\r\n",
            b = boundary
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn the_boundary_is_stable_and_only_between_parts() {
        let form = || {
            Multipart::new()
                .field("g", "--codegen-boundary-0000000000000000")
                .file("f", &FilePart::new("x", "data"))
        };
        let payload = form().encode().expect("encodes");
        assert_eq!(payload, form().encode().expect("encodes"), "deterministic");
        let boundary = payload.content_type.rsplit('=').next().expect("boundary");
        let text = String::from_utf8(payload.bytes.clone()).expect("utf-8");
        assert_eq!(text.matches(&format!("--{boundary}")).count(), 3);
    }
}
