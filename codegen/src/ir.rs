//! The intermediate representation: plain data between the spec reader and the code emitter.
//!
//! Everything here is decided: Rust names, wire names, docs, types, order. Nothing here knows
//! about `openapiv3`, tokens or recasing; the emitter only translates it.

/// The whole API, ready to emit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Api {
    /// The spec's title.
    pub title: String,
    /// The spec's own version string.
    pub version: String,
    /// Every named type, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Every operation, sorted by operation id.
    pub operations: Vec<Operation>,
    /// The servers the spec names, in its order; the first is the default base URL.
    pub servers: Vec<Server>,
    /// The security schemes of `components.securitySchemes`, sorted by key.
    pub security_schemes: Vec<SecurityScheme>,
}

impl Api {
    /// Finds a named type by its Rust name.
    pub fn find(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|def| def.name() == name)
    }

    /// The address a client calls unless told otherwise: the first server's URL with every
    /// variable at its default, when that is an absolute `http` or `https` URL with no
    /// placeholder left (a variable the spec uses but does not declare).
    pub fn default_base_url(&self) -> Option<String> {
        self.servers.first()?.absolute_default_url()
    }

    /// Counts the enums among the named types.
    pub fn enum_count(&self) -> usize {
        self.types
            .iter()
            .filter(|def| matches!(def, TypeDef::Enum(_)))
            .count()
    }
}

/// A server the API is offered at.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The Rust name of the type that fills its variables, unique among servers.
    pub name: String,
    /// The URL template, with `{name}` where a variable goes.
    pub url: String,
    /// What the spec says of it.
    pub docs: Vec<String>,
    /// The variables of the template, in the spec's order.
    pub variables: Vec<ServerVariable>,
}

impl Server {
    /// The URL with every variable replaced by its default.
    pub fn default_url(&self) -> String {
        self.variables
            .iter()
            .fold(self.url.clone(), |url, variable| {
                url.replace(&format!("{{{}}}", variable.name), &variable.default)
            })
    }

    /// [`Server::default_url`] when it is an absolute `http` or `https` URL with no placeholder
    /// left (a variable the spec uses but does not declare).
    pub fn absolute_default_url(&self) -> Option<String> {
        absolute_url(self.default_url())
    }
}

/// `url` when it is an absolute `http` or `https` URL with no placeholder left in it.
pub fn absolute_url(url: String) -> Option<String> {
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    (absolute && !url.contains(['{', '}'])).then_some(url)
}

/// A variable of a server URL template.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// Its name in the template.
    pub name: String,
    /// The Rust name of the field that holds it.
    pub field: String,
    /// The value used unless another is given.
    pub default: String,
    /// The values it may take, when the spec lists them.
    pub values: Vec<String>,
    /// The closed enum of its values, when the spec lists them and the default is one of them.
    pub choice: Option<ServerChoice>,
}

/// The values a server variable may take, as a Rust enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerChoice {
    /// The Rust name of the enum.
    pub name: String,
    /// Each value as (Rust variant name, value), in the spec's order.
    pub variants: Vec<(String, String)>,
    /// The Rust variant name of the default.
    pub default: String,
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeDef {
    /// An object with known fields.
    Struct(Struct),
    /// A string, integer or boolean enum with a catch-all for values the spec does not list.
    Enum(Enum),
    /// A value that is one of several types (`oneOf`/`anyOf`), with a catch-all.
    Union(Union),
    /// A generic object shared by several schemas that differ only in one item type.
    Envelope(Envelope),
    /// Another name for a type.
    Alias(Alias),
}

impl TypeDef {
    /// The Rust name of the type.
    pub fn name(&self) -> &str {
        match self {
            Self::Struct(def) => &def.name,
            Self::Enum(def) => &def.name,
            Self::Union(def) => &def.name,
            Self::Envelope(def) => &def.name,
            Self::Alias(def) => &def.name,
        }
    }

    /// The documentation lines of the type, to change them.
    pub fn docs_mut(&mut self) -> &mut Vec<String> {
        match self {
            Self::Struct(def) => &mut def.docs,
            Self::Enum(def) => &mut def.docs,
            Self::Union(def) => &mut def.docs,
            Self::Envelope(def) => &mut def.docs,
            Self::Alias(def) => &mut def.docs,
        }
    }
}

/// An object schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Struct {
    /// The Rust name.
    pub name: String,
    /// Where it comes from in the spec, as a JSON pointer.
    pub source: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The fields, in spec order.
    pub fields: Vec<Field>,
    /// Whether every field has a default value, so that the type can derive `Default`.
    pub has_default: bool,
}

/// A property of an object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// The Rust name.
    pub name: String,
    /// The JSON key.
    pub wire: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The value type (without the `Option` that an optional field adds).
    pub ty: Type,
    /// Whether the field must be present.
    pub required: bool,
    /// Whether the value is boxed to break a cycle of types.
    pub boxed: bool,
}

/// A value type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    /// A JSON string.
    String,
    /// A JSON boolean.
    Boolean,
    /// A JSON integer that fits in 32 bits.
    I32,
    /// A JSON integer that fits in 64 bits.
    I64,
    /// A JSON integer that is never negative and fits in 32 bits (`format: uint32`).
    U32,
    /// A JSON integer that is never negative and fits in 64 bits (`format: uint64`), up to
    /// 18446744073709551615.
    U64,
    /// A JSON number.
    F64,
    /// Any JSON value.
    Any,
    /// Any JSON object.
    AnyObject,
    /// A named type.
    Named(Named),
    /// A JSON array.
    List(Box<Type>),
    /// A JSON object with arbitrary keys and values of one type.
    Map(Box<Type>),
    /// A value that may also be `null` (`Option<T>`): `null` reads as `None` and is written back
    /// as `null`. Only where nothing else keeps the `null`: map values, list items and the target
    /// of a nullable component's alias; an optional field is an `Option` of its own.
    Nullable(Box<Type>),
    /// The type parameter of an envelope.
    Param(String),
}

impl Type {
    /// Whether this is a JSON string, boolean or number: a value without parts, which has a text
    /// form of its own.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Self::String
                | Self::Boolean
                | Self::I32
                | Self::I64
                | Self::U32
                | Self::U64
                | Self::F64
        )
    }
}

/// A reference to a named type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Named {
    /// The Rust name.
    pub name: String,
    /// What kind of type it is.
    pub kind: NamedKind,
}

/// The kinds of named types, as far as reading and writing them differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NamedKind {
    /// A struct, an envelope instance, or an alias of one.
    Struct,
    /// A string, integer or boolean enum.
    Enum,
    /// A union.
    Union,
    /// An alias of a non-struct type.
    Alias,
}

/// An enum: the values the spec lists, plus a catch-all.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Enum {
    /// The Rust name.
    pub name: String,
    /// Where it comes from in the spec, as a JSON pointer.
    pub source: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The JSON type of its values.
    pub kind: EnumKind,
    /// The documented values, in spec order.
    pub variants: Vec<Variant>,
    /// The Rust name of the catch-all variant that keeps unlisted values.
    pub other: String,
}

/// The JSON type of an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumKind {
    /// Strings, read leniently (case and underscores) and written in their canonical spelling.
    String,
    /// Integers, matched by their exact JSON text.
    Integer,
    /// Booleans.
    Boolean,
}

/// A documented enum value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The Rust name.
    pub name: String,
    /// The canonical wire spelling: the string's text, or the JSON text of an integer or
    /// boolean (`512`, `true`).
    pub wire: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The integer the service may send instead of the string.
    pub position: Option<i64>,
}

/// A value that is one of several types: a `oneOf` or `anyOf`, or a parent schema with a
/// `discriminator` that its children extend with `allOf`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Union {
    /// The Rust name.
    pub name: String,
    /// Where it comes from in the spec, as a JSON pointer.
    pub source: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The property whose string value names the variant, when the variants are told apart by
    /// one (a `discriminator`, or a property every variant fixes to its own single value);
    /// otherwise the variants are tried by how well the value fits them.
    pub tag: Option<String>,
    /// The variants, in spec order.
    pub variants: Vec<UnionVariant>,
    /// The Rust name of the catch-all variant that keeps a value no variant accepts.
    pub other: String,
}

/// One branch of a union.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnionVariant {
    /// The Rust name.
    pub name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The type it holds.
    pub ty: Type,
    /// Whether the value is boxed (structs and unions are, to keep the union small and to
    /// break cycles).
    pub boxed: bool,
    /// The tag values that select it, when the union is tagged.
    pub tags: Vec<String>,
}

/// A generic object shared by several schemas that differ only in one item type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Envelope {
    /// The Rust name of the generic type.
    pub name: String,
    /// The name of its type parameter.
    pub param: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The fields; the varying one uses [`Type::Param`].
    pub fields: Vec<Field>,
    /// Each schema that instantiates it, sorted by alias name.
    pub instances: Vec<EnvelopeInstance>,
    /// Whether every non-parameter required field has a default, so that it can derive `Default`.
    pub has_default: bool,
}

/// A schema that is an envelope around one item type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnvelopeInstance {
    /// The Rust alias name, such as `OfferCollection`.
    pub alias: String,
    /// Where it comes from in the spec, as a JSON pointer.
    pub source: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The item type.
    pub item: Type,
}

/// Another name for a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alias {
    /// The Rust name.
    pub name: String,
    /// Where it comes from in the spec, as a JSON pointer.
    pub source: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The aliased type.
    pub target: Type,
}

/// An HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's `operationId` (or one derived from method and path).
    pub id: String,
    /// The Rust method name.
    pub name: String,
    /// The Rust name of the request builder type.
    pub builder: String,
    /// The HTTP method, uppercase.
    pub method: String,
    /// The path template, such as `/v{version}/offers/{offer_id}`.
    pub path: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Parameters in path, query and header, in spec order.
    pub params: Vec<Parameter>,
    /// The JSON request body, if any.
    pub body: Option<Body>,
    /// The JSON answer of the success status, if any.
    pub success: Option<Response>,
    /// The documented error statuses and their JSON bodies.
    pub errors: Vec<Response>,
    /// The item type when the success body is an envelope instance whose pages can be
    /// followed; such an operation also streams its items across pages.
    pub paged_item: Option<Type>,
    /// The credentials the operation takes, when the spec says (its own `security`, or the
    /// top-level one): alternatives, the first one the client can satisfy is sent; an empty
    /// list, or an empty alternative, means it may be called without credentials.
    pub security: Option<Vec<SecurityRequirement>>,
    /// The absolute address the operation's own `servers` (or its path's) name first, with
    /// every variable at its default, when it is not the API's default base URL: calls go there
    /// while the client talks to that default.
    pub server: Option<String>,
}

/// A way an API takes credentials: one entry of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its key in `components.securitySchemes`, as calls name it.
    pub key: String,
    /// The Rust name of the builder method that supplies it, such as `api_key`.
    pub method: String,
    /// For a token scheme, the Rust name of the builder method that supplies a token source,
    /// such as `oauth_tokens`.
    pub tokens_method: Option<String>,
    /// The Rust name of the constant that describes it, such as `API_KEY`.
    pub constant: String,
    /// What the spec says of it.
    pub docs: Vec<String>,
    /// How the credential is sent.
    pub kind: SchemeKind,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (HTTP `bearer`).
    Bearer {
        /// The spec's `bearerFormat`, a hint such as `JWT`.
        format: Option<String>,
    },
    /// `Authorization: Basic <user:password in base64>` (HTTP `basic`).
    Basic,
    /// A key in a header, a query pair or a cookie (`apiKey`).
    ApiKey {
        /// Where the key goes.
        location: KeyLocation,
        /// The header, query or cookie name.
        name: String,
    },
    /// An OAuth 2 access token, sent as a bearer token; the client gets tokens from a token
    /// source the caller provides.
    OAuth2 {
        /// Each flow the spec names, as (flow, authorization or token URL).
        flows: Vec<(String, String)>,
        /// The scopes any flow offers, as (scope, description), sorted.
        scopes: Vec<(String, String)>,
    },
    /// An OpenID Connect token, sent as a bearer token.
    OpenIdConnect {
        /// The discovery document's URL.
        url: String,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query pair.
    Query,
    /// A cookie.
    Cookie,
}

/// One alternative of an operation's `security`: every scheme it names is sent together.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityRequirement {
    /// The schemes, by key in spec order, each with the OAuth scopes it asks for (none for a
    /// scheme whose credential carries no scopes: only OAuth 2 and OpenID Connect tokens do).
    pub schemes: Vec<(String, Vec<String>)>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A path segment.
    Path,
    /// A query string pair.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// An operation parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The wire name.
    pub wire: String,
    /// The Rust name.
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Whether it must be given.
    pub required: bool,
    /// Its type.
    pub ty: Type,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The client setting that supplies it, when it is not a per-call argument.
    pub client_setting: Option<String>,
    /// Its default value, as text.
    pub default: Option<String>,
    /// How its value is written on the wire.
    pub style: Style,
    /// Whether arrays and objects are written as one pair (or value) per item (`explode`).
    pub explode: bool,
}

/// How a parameter or a form property is written, as OpenAPI's `style` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `blue,black` (path and header).
    Simple,
    /// `.blue.black` (path).
    Label,
    /// `;color=blue,black` (path).
    Matrix,
    /// `color=blue,black`, or exploded `color=blue&color=black` (query, cookie, form body).
    Form,
    /// `color=blue%20black` (query).
    SpaceDelimited,
    /// `color=blue|black` (query).
    PipeDelimited,
    /// `color[R]=100&color[G]=200` (query, form body).
    DeepObject,
    /// The value as compact JSON text: a parameter described by `content` rather than `schema`.
    Json,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The media type.
    pub media_type: String,
    /// Whether it must be sent.
    pub required: bool,
    /// What it holds and how it is encoded.
    pub content: BodyContent,
}

impl Body {
    /// The value types the body names.
    pub fn types(&self) -> Vec<&Type> {
        match &self.content {
            BodyContent::Json(ty) | BodyContent::Form { ty, .. } => vec![ty],
            BodyContent::Multipart { parts, .. } => parts
                .iter()
                .filter_map(|part| match &part.kind {
                    PartKind::Value(ty) => Some(ty),
                    PartKind::File | PartKind::Files => None,
                })
                .collect(),
            BodyContent::Text | BodyContent::Binary => Vec::new(),
        }
    }
}

/// What a request body holds and how it goes on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyContent {
    /// A JSON value (`application/json` or any `+json` type).
    Json(Type),
    /// An object as `application/x-www-form-urlencoded` pairs.
    Form {
        /// The object's type.
        ty: Type,
        /// The properties the description's `encoding` names, in its order; the others are
        /// written in the `Form` style, exploded.
        fields: Vec<FormField>,
    },
    /// A `multipart/form-data` form of fields and files.
    Multipart {
        /// The Rust name of the form type the client declares.
        name: String,
        /// Its parts, in the order of the schema's properties.
        parts: Vec<Part>,
    },
    /// Text (`text/*`).
    Text,
    /// Bytes of any other media type.
    Binary,
}

/// How one property of a form body is written.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// The property's wire name.
    pub wire: String,
    /// Its style.
    pub style: Style,
    /// Whether it is exploded.
    pub explode: bool,
}

/// A part of a multipart form.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The wire name.
    pub wire: String,
    /// The Rust field name.
    pub name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Whether it must be sent.
    pub required: bool,
    /// What it holds.
    pub kind: PartKind,
}

/// What a multipart part holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// A value: its text when it is plain, JSON otherwise.
    Value(Type),
    /// One file (`format: binary`).
    File,
    /// Several files under one name (an array of `format: binary`).
    Files,
}

/// What an answer's body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Media {
    /// JSON, decoded into the response's type (or no body at all).
    #[default]
    Json,
    /// Text (`text/*`), kept as a string.
    Text,
    /// Anything else, kept as bytes.
    Binary,
}

/// A response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status code, a range such as `4XX`, or `default`.
    pub status: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The JSON body type, if the response has one.
    pub ty: Option<Type>,
    /// What the body is; `ty` is `None` unless it is JSON.
    pub media: Media,
    /// The media type of a body that is not JSON, such as `application/pdf`.
    pub media_type: Option<String>,
}

#[cfg(test)]
mod tests {
    fn server(url: &str, variables: &[(&str, &str)]) -> super::Server {
        super::Server {
            name: "Server".to_owned(),
            url: url.to_owned(),
            docs: Vec::new(),
            variables: variables
                .iter()
                .map(|(name, default)| super::ServerVariable {
                    name: (*name).to_owned(),
                    field: (*name).to_owned(),
                    default: (*default).to_owned(),
                    values: Vec::new(),
                    choice: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_default_base_url_is_the_first_server_with_its_defaults() {
        let api = super::Api {
            servers: vec![
                server(
                    "https://{region}.example/{base}/{region}",
                    &[("region", "eu"), ("base", "v2")],
                ),
                server("http://localhost", &[]),
            ],
            ..super::Api::default()
        };
        assert_eq!(
            api.default_base_url().as_deref(),
            Some("https://eu.example/v2/eu")
        );
    }

    #[test]
    fn a_relative_or_missing_server_gives_no_default() {
        let relative = super::Api {
            servers: vec![server("/api/v3", &[])],
            ..super::Api::default()
        };
        assert_eq!(relative.default_base_url(), None);
        assert_eq!(super::Api::default().default_base_url(), None);
        let undeclared = super::Api {
            servers: vec![server("https://{region}.example", &[])],
            ..super::Api::default()
        };
        assert_eq!(
            undeclared.default_base_url(),
            None,
            "a variable never declared"
        );
    }
}
