//! Reads the source documents: Markdown or rendered resource pages with property tables, and rendered REST-reference pages.
//!
//! Three table layouts are understood, in any mix within one document:
//!
//! - pipe tables with one row per line (`| id | string | The id |`), titled by the nearest
//!   heading above them (`## Offer`, or a short line such as `OfferCategory`);
//! - rendered rows `name Type description` under a `Property Type Description` line, whose
//!   title is often lost: such a table is identified as the spec schema its properties match best;
//! - REST-reference tables with one cell per line, with or without `|` separators, under
//!   `URI Parameters`, `Request Header`, `Responses` and `Definitions`; a definition whose title
//!   was lost takes the next name of the `Definitions` index.

use std::collections::BTreeSet;

use super::Failure;
use super::spec_model::{SchemaKind, SpecModel};
use super::types::{Ty, fold, parse_doc_type, short_name};

/// What one document says.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The document, as given on the command line.
    pub file: String,
    /// Every documented type.
    pub types: Vec<DocType>,
    /// Every documented operation.
    pub operations: Vec<DocOperation>,
    /// Tables or lines that could not be read.
    pub failures: Vec<Failure>,
}

/// A documented type: an object with properties, or an enum with values.
#[derive(Debug, Clone)]
pub struct DocType {
    /// The spec's schema name when the documented name (or the table) resolves to one, else the
    /// documented name in PascalCase.
    pub name: String,
    /// Whether `name` is a schema of the spec.
    pub resolved: bool,
    /// The line of the table's header.
    pub line: usize,
    /// The documented properties.
    pub properties: Vec<DocProperty>,
    /// The documented values, for an enum.
    pub values: Vec<String>,
}

/// A documented property.
#[derive(Debug, Clone)]
pub struct DocProperty {
    /// The name as documented.
    pub name: String,
    /// The documented type.
    pub ty: Ty,
    /// The documented description, in which allowed values may be listed.
    pub description: String,
    /// Allowed values listed explicitly (REST-reference `enum:` bullets).
    pub values: Vec<String>,
    /// The line of the row.
    pub line: usize,
}

/// A documented operation.
#[derive(Debug, Clone)]
pub struct DocOperation {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path template without host and query, e.g. `/v{version}/offers/{offer_id}`.
    pub path: String,
    /// The line of the request line.
    pub line: usize,
    /// URI parameters and request headers.
    pub parameters: Vec<DocParameter>,
    /// Documented responses.
    pub responses: Vec<DocResponse>,
}

/// A documented URI parameter or request header.
#[derive(Debug, Clone)]
pub struct DocParameter {
    /// The name as documented.
    pub name: String,
    /// `path`, `query` or `header`.
    pub location: String,
    /// Whether the documents mark it required.
    pub required: bool,
    /// The documented type.
    pub ty: Ty,
    /// The line of the row.
    pub line: usize,
}

/// A documented response.
#[derive(Debug, Clone)]
pub struct DocResponse {
    /// The status code, e.g. `200`.
    pub status: String,
    /// The documented body type.
    pub ty: Ty,
    /// The line of the row.
    pub line: usize,
}

/// The known table headers, as words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    /// `Property Type Description` or `Name Type Description`.
    Properties,
    /// `Value Description` or `Value Position Description`.
    Values,
    /// `Name In Required Type Description`.
    Parameters,
    /// `Name Required Type Description`.
    Headers,
    /// `Name Description`: the index of definitions.
    Index,
}

fn header(line: &str) -> Option<Header> {
    let words: Vec<String> = line
        .split(|c: char| c == '|' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["property" | "name", "type", "description"] => Some(Header::Properties),
        ["value", "description"] | ["value", "position", "description"] => Some(Header::Values),
        ["name", "in", "required", "type", "description"] => Some(Header::Parameters),
        ["name", "required", "type", "description"] => Some(Header::Headers),
        ["name", "description"] => Some(Header::Index),
        _ => None,
    }
}

const SECTIONS: [&str; 5] = [
    "uri parameters",
    "request header",
    "request body",
    "responses",
    "definitions",
];

fn section(line: &str) -> Option<&'static str> {
    let lower = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .to_ascii_lowercase();
    SECTIONS.into_iter().find(|name| lower == *name)
}

fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.contains("---") && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_header_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_primitive(text: &str) -> bool {
    matches!(
        parse_doc_type(text),
        Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Object
    ) || text.ends_with("[]")
}

/// Splits a pipe row into trimmed cells, without the empty ends of `| a | b |`.
fn pipe_cells(line: &str) -> Vec<String> {
    let mut cells: Vec<String> = line.split('|').map(|cell| cell.trim().to_owned()).collect();
    if cells.first().is_some_and(String::is_empty) {
        cells.remove(0);
    }
    if cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// A short line that names what follows: `## Offer`, `OfferCategory`, `Renewal instruction`.
fn heading(line: &str) -> Option<String> {
    let text = line.trim();
    let text = text.trim_start_matches('#').trim();
    let words = text.split_whitespace().count();
    let first = text.chars().next()?;
    if !first.is_ascii_uppercase()
        || words == 0
        || words > 4
        || text.contains(['.', ':', '"', '(', '|', '*', '[', ','])
        || section(text).is_some()
        || header(text).is_some()
    {
        return None;
    }
    Some(text.to_owned())
}

/// `Dynamic SKU attributes` → `DynamicSKUAttributes`.
fn pascal(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// One cell of a REST-reference table, with its line.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    line: usize,
}

/// Reads one document.
pub fn extract(file: &str, text: &str, model: &SpecModel) -> Document {
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = Reader {
        file,
        lines: &lines,
        model,
        document: Document {
            file: file.to_owned(),
            ..Document::default()
        },
        index: Vec::new(),
        next_index: 0,
        used: BTreeSet::new(),
        consumed: 0,
    };
    reader.read();
    let mut document = reader.document;
    if document.types.is_empty() && document.operations.is_empty() && document.failures.is_empty() {
        document.failures.push(Failure {
            file: file.to_owned(),
            line: 0,
            message: "no property table, enum table or operation found".to_owned(),
        });
    }
    document
}

struct Reader<'a> {
    file: &'a str,
    lines: &'a [&'a str],
    model: &'a SpecModel,
    document: Document,
    /// The `Definitions` index of a REST reference.
    index: Vec<String>,
    /// The next index entry a headless definition takes.
    next_index: usize,
    /// Schemas already identified in this document, so an untitled table prefers another.
    used: BTreeSet<String>,
    /// The first line not yet taken by a REST table.
    consumed: usize,
}

impl Reader<'_> {
    fn fail(&mut self, line: usize, message: String) {
        self.document.failures.push(Failure {
            file: self.file.to_owned(),
            line,
            message,
        });
    }

    fn read(&mut self) {
        let rest = self.read_operations();
        let mut section_name: Option<&'static str> = None;
        let mut table_end = 0;
        let mut at = 0;
        while at < self.lines.len() {
            let line = self.lines[at];
            if let Some(name) = section(line) {
                section_name = Some(name);
                at += 1;
                continue;
            }
            let Some(kind) = header(line) else {
                at += 1;
                continue;
            };
            let pipe = line.contains('|');
            let body = if pipe
                && self
                    .lines
                    .get(at + 1)
                    .is_some_and(|next| is_separator(next))
            {
                at + 2
            } else {
                at + 1
            };
            let columns = pipe_cells(line).len();
            let single_line = pipe
                && self.lines.get(body).is_some_and(|first| {
                    let cells = pipe_cells(first);
                    cells.len() >= columns.saturating_sub(1).max(2)
                        && cells.iter().filter(|cell| !cell.is_empty()).count() >= 2
                });
            let end = if single_line {
                self.read_pipe_table(at, body, kind, table_end)
            } else if rest {
                self.read_rest_table(at, body, kind, section_name, pipe)
            } else if pipe {
                self.fail(at + 1, "a pipe table whose rows cannot be read".to_owned());
                body
            } else {
                self.read_rendered_table(at, body, kind, table_end)
            };
            table_end = end;
            at = end.max(at + 1);
        }
    }

    /// Reads `GET https://host/path?query` lines; returns whether the document is a REST reference.
    fn read_operations(&mut self) -> bool {
        for (number, line) in self.lines.iter().enumerate() {
            let mut words = line.split_whitespace();
            let (Some(method), Some(url), None) = (words.next(), words.next(), words.next()) else {
                continue;
            };
            if !matches!(method, "GET" | "POST" | "PUT" | "PATCH" | "DELETE") {
                continue;
            }
            let Some(after_scheme) = url.split_once("://").map(|(_, rest)| rest) else {
                continue;
            };
            let path = after_scheme
                .find('/')
                .map_or("/", |slash| &after_scheme[slash..]);
            let path = path.split('?').next().unwrap_or(path).to_owned();
            if !self
                .document
                .operations
                .iter()
                .any(|operation| operation.method == method && operation.path == path)
            {
                self.document.operations.push(DocOperation {
                    method: method.to_owned(),
                    path,
                    line: number + 1,
                    parameters: Vec::new(),
                    responses: Vec::new(),
                });
            }
        }
        !self.document.operations.is_empty()
    }

    /// The title above a table of a resource page: the nearest heading after the previous table.
    fn title_above(&self, header_at: usize, floor: usize) -> Option<String> {
        (floor..header_at)
            .rev()
            .find_map(|at| heading(self.lines[at]))
    }

    /// Reads a pipe table with one row per line; returns the line after it.
    fn read_pipe_table(
        &mut self,
        header_at: usize,
        body: usize,
        kind: Header,
        floor: usize,
    ) -> usize {
        let title = self.title_above(header_at, floor);
        let mut rows = Vec::new();
        let mut at = body;
        while at < self.lines.len() && self.lines[at].contains('|') {
            rows.push((pipe_cells(self.lines[at]), at + 1));
            at += 1;
        }
        if matches!(kind, Header::Parameters | Header::Headers | Header::Index) {
            let cells: Vec<Cell> = rows
                .iter()
                .flat_map(|(cells, line)| {
                    cells.iter().map(|text| Cell {
                        text: text.clone(),
                        line: *line,
                    })
                })
                .collect();
            match kind {
                Header::Parameters => self.read_parameters(&cells),
                Header::Headers => self.read_headers(&cells),
                _ => {
                    self.index = cells
                        .into_iter()
                        .map(|cell| cell.text)
                        .filter(|t| !t.is_empty())
                        .collect()
                }
            }
            return at;
        }
        let mut properties = Vec::new();
        let mut values = Vec::new();
        for (cells, line) in rows {
            let name = cells.first().map(String::as_str).unwrap_or_default();
            if !is_identifier(name) || (kind != Header::Values && cells.len() < 2) {
                self.fail(
                    line,
                    format!(
                        "cannot read the table row `{}`",
                        self.lines[line - 1].trim()
                    ),
                );
                continue;
            }
            match kind {
                Header::Values => values.push(name.to_owned()),
                _ => properties.push(DocProperty {
                    name: name.to_owned(),
                    ty: cells
                        .get(1)
                        .map_or(Ty::Unknown, |cell| parse_doc_type(cell)),
                    description: cells.get(2).cloned().unwrap_or_default(),
                    values: Vec::new(),
                    line,
                }),
            }
        }
        self.push_type(title, header_at + 1, properties, values);
        at
    }

    /// Reads rendered rows `name Type description` ended by a blank line; returns the line after.
    fn read_rendered_table(
        &mut self,
        header_at: usize,
        body: usize,
        kind: Header,
        floor: usize,
    ) -> usize {
        let title = self.title_above(header_at, floor);
        let mut properties: Vec<DocProperty> = Vec::new();
        let mut values = Vec::new();
        let mut at = body;
        while at < self.lines.len()
            && !self.lines[at].trim().is_empty()
            && header(self.lines[at]).is_none()
        {
            let line = self.lines[at].trim();
            match kind {
                Header::Values => match line.split_whitespace().next() {
                    Some(value) if is_identifier(value) => values.push(value.to_owned()),
                    _ => self.fail(at + 1, format!("cannot read the enum row `{line}`")),
                },
                _ => match rendered_row(line) {
                    Some((name, ty, description)) => properties.push(DocProperty {
                        name,
                        ty: parse_doc_type(&ty),
                        description,
                        values: Vec::new(),
                        line: at + 1,
                    }),
                    None => match properties.last_mut() {
                        Some(previous) => {
                            previous.description.push(' ');
                            previous.description.push_str(line);
                        }
                        None => self.fail(at + 1, format!("cannot read the table row `{line}`")),
                    },
                },
            }
            at += 1;
        }
        self.push_type(title, header_at + 1, properties, values);
        at
    }

    /// Reads a REST-reference table with one cell per line; returns the line after it.
    fn read_rest_table(
        &mut self,
        header_at: usize,
        body: usize,
        kind: Header,
        section_name: Option<&str>,
        pipe: bool,
    ) -> usize {
        let mut end = body;
        while end < self.lines.len() && !self.ends_rest_table(end) {
            end += 1;
        }
        let mut cells = self.rest_cells(body, end, pipe);
        if !pipe
            && kind == Header::Properties
            && section_name == Some("definitions")
            && dangling(&cells)
        {
            // The last row's type is also a definition's name, so it looked like the next
            // table's title: it belongs to this table, and the next table lost its title.
            if let Some(type_at) =
                (end..self.lines.len()).find(|at| !self.lines[*at].trim().is_empty())
                && header(self.lines[type_at]).is_none()
            {
                end = type_at + 1;
                cells = self.rest_cells(body, end, pipe);
            }
        }
        let title = self.rest_title(header_at, kind, section_name);
        self.consumed = end;
        match (kind, section_name) {
            (Header::Index, _) => {
                self.index = cells
                    .iter()
                    .map(|cell| cell.text.clone())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            (Header::Parameters, _) => self.read_parameters(&cells),
            (Header::Headers, _) => self.read_headers(&cells),
            (Header::Properties, Some("responses")) => self.read_responses(&cells),
            (Header::Values, _) => {
                let values = cells
                    .iter()
                    .filter(|cell| is_identifier(&cell.text))
                    .map(|cell| cell.text.clone())
                    .collect();
                self.push_type(title, header_at + 1, Vec::new(), values);
            }
            (Header::Properties, _) => {
                let properties = if pipe {
                    self.definition_rows_pipe(&cells)
                } else {
                    self.definition_rows_plain(&cells)
                };
                self.push_type(title, header_at + 1, properties, Vec::new());
            }
        }
        end
    }

    /// A REST table ends at a section heading, another header, or a title followed by a header.
    fn ends_rest_table(&self, at: usize) -> bool {
        let line = self.lines[at];
        if section(line).is_some() || header(line).is_some() {
            return true;
        }
        !line.trim().is_empty()
            && !line.contains('|')
            && (self.index.is_empty() || self.index.iter().any(|entry| entry == line.trim()))
            && self.lines[at + 1..]
                .iter()
                .find(|next| !next.trim().is_empty())
                .is_some_and(|next| header(next).is_some())
    }

    /// The title of a REST table: the line above when it names a definition, else the next
    /// index entry (the rendering lost the title).
    fn rest_title(
        &mut self,
        header_at: usize,
        kind: Header,
        section_name: Option<&str>,
    ) -> Option<String> {
        if section_name != Some("definitions") || kind == Header::Index {
            return None;
        }
        let above = (0..header_at)
            .rev()
            .find(|at| !self.lines[*at].trim().is_empty())
            .filter(|at| *at >= self.consumed)
            .map(|at| self.lines[at].trim().to_owned());
        if self.index.is_empty() {
            return above.filter(|line| section(line).is_none());
        }
        if let Some(above) = above
            && let Some(position) = self.index.iter().position(|entry| *entry == above)
        {
            self.next_index = position + 1;
            return Some(above);
        }
        let title = self.index.get(self.next_index).cloned();
        self.next_index += 1;
        title
    }

    fn rest_cells(&self, body: usize, end: usize, pipe: bool) -> Vec<Cell> {
        let mut cells = Vec::new();
        if pipe {
            let mut current = String::new();
            let mut line = body + 1;
            for at in body..end {
                let mut parts = self.lines[at].split('|').peekable();
                while let Some(part) = parts.next() {
                    if current.trim().is_empty() {
                        line = at + 1;
                    }
                    if !current.is_empty() && !part.trim().is_empty() {
                        current.push(' ');
                    }
                    current.push_str(part.trim());
                    if parts.peek().is_some() {
                        cells.push(Cell {
                            text: std::mem::take(&mut current),
                            line,
                        });
                    }
                }
            }
            if !current.trim().is_empty() {
                cells.push(Cell {
                    text: current,
                    line,
                });
            }
        } else {
            for at in body..end {
                let text = self.lines[at].trim();
                if text.is_empty() {
                    continue;
                }
                let words: Vec<&str> = text.split_whitespace().collect();
                let split = match words.as_slice() {
                    [location, "True"]
                        if matches!(*location, "path" | "query" | "header" | "body") =>
                    {
                        true
                    }
                    [name, "True"] => is_header_name(name),
                    [name, "enum:"] => is_identifier(name),
                    _ => false,
                };
                if split {
                    for word in words {
                        cells.push(Cell {
                            text: word.to_owned(),
                            line: at + 1,
                        });
                    }
                } else {
                    cells.push(Cell {
                        text: text.to_owned(),
                        line: at + 1,
                    });
                }
            }
        }
        cells
    }

    fn read_parameters(&mut self, cells: &[Cell]) {
        let cells: Vec<&Cell> = cells.iter().filter(|cell| !cell.text.is_empty()).collect();
        let mut parameters = Vec::new();
        let mut at = 0;
        while at + 1 < cells.len() {
            let location = cells[at + 1].text.as_str();
            if !matches!(location, "path" | "query" | "header" | "body")
                || !is_header_name(&cells[at].text)
            {
                at += 1;
                continue;
            }
            let mut next = at + 2;
            let required = cells.get(next).is_some_and(|cell| cell.text == "True");
            if required {
                next += 1;
            }
            let ty = cells
                .get(next)
                .filter(|cell| is_primitive(&cell.text))
                .map_or(Ty::Unknown, |cell| parse_doc_type(&cell.text));
            parameters.push(DocParameter {
                name: cells[at].text.clone(),
                location: location.to_owned(),
                required,
                ty,
                line: cells[at].line,
            });
            at = next;
        }
        if parameters.is_empty() {
            let line = cells.first().map_or(0, |cell| cell.line);
            self.fail(
                line,
                "a parameter table with no readable parameter".to_owned(),
            );
        }
        for operation in &mut self.document.operations {
            operation.parameters.extend(parameters.iter().cloned());
        }
    }

    fn read_headers(&mut self, cells: &[Cell]) {
        let cells: Vec<&Cell> = cells.iter().filter(|cell| !cell.text.is_empty()).collect();
        let mut headers = Vec::new();
        let mut at = 0;
        while at + 1 < cells.len() {
            if !is_header_name(&cells[at].text) {
                at += 1;
                continue;
            }
            let required = cells[at + 1].text == "True";
            let type_at = if required { at + 2 } else { at + 1 };
            match cells.get(type_at) {
                Some(cell) if is_primitive(&cell.text) => {
                    headers.push(DocParameter {
                        name: cells[at].text.clone(),
                        location: "header".to_owned(),
                        required,
                        ty: parse_doc_type(&cell.text),
                        line: cells[at].line,
                    });
                    at = type_at + 1;
                }
                _ => at += 1,
            }
        }
        if headers.is_empty() {
            let line = cells.first().map_or(0, |cell| cell.line);
            self.fail(
                line,
                "a request header table with no readable header".to_owned(),
            );
        }
        for operation in &mut self.document.operations {
            operation.parameters.extend(headers.iter().cloned());
        }
    }

    fn read_responses(&mut self, cells: &[Cell]) {
        let cells: Vec<&Cell> = cells.iter().filter(|cell| !cell.text.is_empty()).collect();
        let mut responses = Vec::new();
        for (at, cell) in cells.iter().enumerate() {
            let status = cell.text.split_whitespace().next().unwrap_or_default();
            if status.len() != 3 || !status.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let ty = cells
                .get(at + 1)
                .filter(|next| !next.text.contains(' '))
                .map_or(Ty::Unknown, |next| parse_doc_type(&next.text));
            responses.push(DocResponse {
                status: status.to_owned(),
                ty,
                line: cell.line,
            });
        }
        if responses.is_empty() {
            let line = cells.first().map_or(0, |cell| cell.line);
            self.fail(line, "a response table with no readable status".to_owned());
        }
        for operation in &mut self.document.operations {
            operation.responses.extend(responses.iter().cloned());
        }
    }

    /// Definition rows of a pipe rendering: three cells a row, empty cells kept.
    fn definition_rows_pipe(&mut self, cells: &[Cell]) -> Vec<DocProperty> {
        let mut properties = Vec::new();
        for row in cells.chunks(3) {
            let name = row[0].text.as_str();
            if name.is_empty() && row.iter().all(|cell| cell.text.is_empty()) {
                continue;
            }
            if !is_identifier(name) {
                self.fail(
                    row[0].line,
                    format!("cannot read the definition row `{name}`"),
                );
                continue;
            }
            let ty_text = row
                .get(1)
                .map(|cell| cell.text.as_str())
                .unwrap_or_default();
            let ty = if ty_text.ends_with('.') {
                Ty::Unknown
            } else {
                parse_doc_type(ty_text)
            };
            properties.push(DocProperty {
                name: name.to_owned(),
                ty,
                description: row.get(2).map(|cell| cell.text.clone()).unwrap_or_default(),
                values: Vec::new(),
                line: row[0].line,
            });
        }
        properties
    }

    /// Definition rows of a plain rendering: a name cell, then its type cell or `enum:` and bullets.
    fn definition_rows_plain(&mut self, cells: &[Cell]) -> Vec<DocProperty> {
        let mut properties = Vec::new();
        let mut at = 0;
        while at < cells.len() {
            let name = &cells[at];
            if !is_identifier(&name.text) {
                self.fail(
                    name.line,
                    format!("cannot read the definition row `{}`", name.text),
                );
                at += 1;
                continue;
            }
            let Some(ty) = cells.get(at + 1) else {
                self.fail(
                    name.line,
                    format!("the definition row `{}` has no type", name.text),
                );
                break;
            };
            let mut values = Vec::new();
            at += 2;
            if ty.text == "enum:" {
                while let Some(bullet) = cells.get(at).and_then(|cell| cell.text.strip_prefix('•'))
                {
                    let value = bullet.trim();
                    let value = value.split(" (").next().unwrap_or(value);
                    values.push(value.trim().to_owned());
                    at += 1;
                }
            }
            properties.push(DocProperty {
                name: name.text.clone(),
                ty: if ty.text == "enum:" {
                    Ty::String
                } else {
                    parse_doc_type(&ty.text)
                },
                description: String::new(),
                values,
                line: name.line,
            });
        }
        properties
    }

    /// Names a table (by its title, or by what it contains) and records it.
    fn push_type(
        &mut self,
        title: Option<String>,
        line: usize,
        properties: Vec<DocProperty>,
        mut values: Vec<String>,
    ) {
        if properties.is_empty() && values.is_empty() {
            self.fail(line, "a table with no readable row".to_owned());
            return;
        }
        let (name, resolved) = match &title {
            Some(title) => match self.model.resolve(title) {
                Some(name) => (name, true),
                None => (pascal(&short_name(title)), false),
            },
            None => match self.identify(&properties, &values) {
                Some(name) => (name, true),
                None => {
                    self.fail(
                        line,
                        "cannot tell which type this untitled table documents".to_owned(),
                    );
                    return;
                }
            },
        };
        let mut properties = properties;
        if resolved
            && values.is_empty()
            && self
                .model
                .schemas
                .get(&name)
                .is_some_and(|schema| schema.kind == SchemaKind::Enum)
        {
            values = properties.drain(..).map(|property| property.name).collect();
        }
        self.used.insert(name.clone());
        self.document.types.push(DocType {
            name,
            resolved,
            line,
            properties,
            values,
        });
    }

    /// The spec schema an untitled table documents: the one sharing the most properties (or
    /// values), at least half of the table's; ties go to a schema not yet seen in this document,
    /// then to the closest size, then by name.
    fn identify(&self, properties: &[DocProperty], values: &[String]) -> Option<String> {
        let mut best: Option<(Rank, String)> = None;
        let mut owners: std::collections::BTreeMap<String, usize> =
            std::collections::BTreeMap::new();
        for schema in self.model.schemas.values() {
            for property in &schema.properties {
                *owners.entry(fold(&property.name)).or_default() += 1;
            }
        }
        for (name, schema) in &self.model.schemas {
            let (score, size, wanted) = if values.is_empty() {
                let folded: BTreeSet<String> =
                    schema.properties.iter().map(|p| fold(&p.name)).collect();
                let matched: Vec<String> = properties
                    .iter()
                    .map(|p| fold(&p.name))
                    .filter(|name| folded.contains(name))
                    .collect();
                if matched.len() * 2 < properties.len() {
                    continue;
                }
                // A property few schemas have says more than `links` or `id`.
                let score = matched
                    .iter()
                    .map(|name| 1000 / owners.get(name).copied().unwrap_or(1).max(1))
                    .sum();
                (score, schema.properties.len(), 0)
            } else {
                if schema.kind != SchemaKind::Enum {
                    continue;
                }
                let exact = values
                    .iter()
                    .filter(|value| {
                        schema.enum_values.contains(value)
                            || schema.documented_values().any(|v| v == value.as_str())
                    })
                    .count();
                let folded: BTreeSet<String> = schema.enum_values.iter().map(|v| fold(v)).collect();
                let loose = values
                    .iter()
                    .filter(|value| folded.contains(&fold(value)))
                    .count();
                (loose * 2 + exact, schema.enum_values.len(), values.len())
            };
            if score == 0 || (!values.is_empty() && score < wanted) {
                continue;
            }
            let target = if values.is_empty() {
                properties.len()
            } else {
                wanted
            };
            let key = (
                score,
                !self.used.contains(name),
                std::cmp::Reverse(size.abs_diff(target)),
            );
            if best.as_ref().is_none_or(|(best_key, _)| key > *best_key) {
                best = Some((key, name.clone()));
            }
        }
        best.map(|(_, name)| name)
    }
}

/// How well a schema matches an untitled table: weighted overlap, not yet seen in this document,
/// closeness of size.
type Rank = (usize, bool, std::cmp::Reverse<usize>);

/// Whether plain definition cells end with a name that has no type cell.
fn dangling(cells: &[Cell]) -> bool {
    let mut at = 0;
    while at < cells.len() {
        if at + 1 >= cells.len() {
            return true;
        }
        at += 2;
        if cells[at - 1].text == "enum:" {
            while cells.get(at).is_some_and(|cell| cell.text.starts_with('•')) {
                at += 1;
            }
        }
    }
    false
}

/// Splits a rendered row `name Type description` where the type may be several words
/// (`Array of strings`, `key/value pairs`, `Dictionary<String, String>`, `List of X`).
fn rendered_row(line: &str) -> Option<(String, String, String)> {
    let (name, rest) = line.split_once(char::is_whitespace)?;
    if !is_identifier(name) {
        return None;
    }
    let rest = rest.trim_start();
    let lower = rest.to_ascii_lowercase();
    let take = |words: usize| -> (String, String) {
        let mut parts = rest.splitn(words + 1, char::is_whitespace);
        let ty: Vec<&str> = (0..words).filter_map(|_| parts.next()).collect();
        (
            ty.join(" "),
            parts.next().unwrap_or_default().trim().to_owned(),
        )
    };
    let (ty, description) = if lower.starts_with("dictionary<") {
        let close = rest.find('>')?;
        (
            rest[..=close].to_owned(),
            rest[close + 1..].trim().to_owned(),
        )
    } else if lower.starts_with("array of ") || lower.starts_with("list of ") {
        let (ty, description) = take(3);
        if description.starts_with("resources") {
            let (ty, description) = take(4);
            (ty, description)
        } else {
            (ty, description)
        }
    } else if lower.starts_with("key/value pairs") {
        take(2)
    } else {
        take(1)
    };
    let first = ty.split_whitespace().next().unwrap_or_default();
    let plausible = first
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && first.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '/' | '<' | '>' | ',' | '.' | '[' | ']')
        });
    plausible.then_some((name.to_owned(), ty, description))
}
