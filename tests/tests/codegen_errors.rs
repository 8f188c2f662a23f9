//! Bad specs fail with every problem listed, each located by a JSON pointer; nothing panics.

use codegen::{Error, spec};

fn generate(text: &str) -> Result<codegen::Generation, Error> {
    let spec = spec::parse(text, "test.yaml", false)?;
    codegen::generate(&spec, &codegen::Options::default())
}

fn problems(text: &str) -> Vec<String> {
    match generate(text) {
        Err(Error::Invalid { diagnostics, .. }) => {
            diagnostics.iter().map(ToString::to_string).collect()
        }
        Err(other) => panic!("expected problems in the spec, got: {other}"),
        Ok(_) => panic!("expected problems in the spec, but it generated"),
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn every_problem_is_reported_with_its_pointer() {
    let text = format!(
        "{HEAD}paths:
  /pets/{{id}}:
    get:
      operationId: getPet
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Missing'}}
components:
  schemas:
    Cycle:
      type: string
      enum: [a, b]
      x-enum-positions: [1]
    Pet:
      type: object
      properties:
        owner: {{$ref: '#/components/schemas/Nobody'}}
"
    );
    assert_eq!(
        problems(&text),
        vec![
            "#/components/schemas/Cycle/x-enum-positions: has 1 entries but the enum has 2 values",
            "#/components/schemas/Pet/properties/owner: reference `#/components/schemas/Nobody` does not name a component schema",
            "#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema: reference `#/components/schemas/Missing` does not name a component schema",
        ]
    );
}

#[test]
fn undeclared_path_placeholders_become_string_parameters() {
    let text = format!(
        "{HEAD}paths:
  /pets/{{id}}:
    get:
      operationId: getPet
      responses:
        '204': {{description: ok}}
"
    );
    let generation = generate(&text).expect("generates");
    let warnings: Vec<String> = generation
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        vec![
            "#/paths/~1pets~1{id}/get: path placeholder `{id}` has no path parameter; it is taken as a required string"
        ]
    );
    let param = &generation.api.operations[0].params[0];
    assert_eq!(
        (param.wire.as_str(), param.required, &param.ty),
        ("id", true, &codegen::ir::Type::String)
    );
}

#[test]
fn envelopes_must_agree_on_their_fields() {
    let text = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A:
      type: object
      x-envelope: {{name: Page, parameter: items}}
      properties:
        items: {{type: array, items: {{type: string}}}}
        total: {{type: integer}}
    B:
      type: object
      x-envelope: {{name: Page, parameter: items}}
      properties:
        items: {{type: array, items: {{type: integer}}}}
        total: {{type: string}}
    C:
      type: object
      x-envelope: {{name: Page}}
      properties:
        items: {{type: array, items: {{type: integer}}}}
"
    );
    assert_eq!(
        problems(&text),
        vec![
            "#/components/schemas/B/x-envelope: envelope `Page` must have the same fields in every schema, but this one differs from `A` in field `total`",
            "#/components/schemas/C/x-envelope: must be a map with string entries `name` and `parameter`",
        ]
    );
}

#[test]
fn openapi_32_is_refused_explicitly() {
    let error = generate("openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
        .map(drop)
        .expect_err("3.2 is refused");
    assert_eq!(
        error.to_string(),
        "test.yaml#/openapi is \"3.2.0\", but only OpenAPI 3.0.x and 3.1.x are supported: OpenAPI 3.2 and later are not read yet (3.2 adds constructs, such as the `query` method and streamed items, that 3.0 cannot say)"
    );
}

#[test]
fn openapi_31_errors_point_into_the_document_as_written() {
    let error = generate(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    A:\n      type: [object, 'null']\n      properties:\n        b: {$ref: '#/components/schemas/Missing', description: d}\n",
    )
    .map(drop)
    .expect_err("the reference dangles");
    assert_eq!(
        error.to_string(),
        "test.yaml: 1 problem in the spec:\n  test.yaml#/components/schemas/A/properties/b: reference `#/components/schemas/Missing` does not name a component schema"
    );
}

#[test]
fn malformed_documents_name_the_place() {
    let error = generate(&format!(
        "{HEAD}paths:\n  /x:\n    get:\n      parameters: 5\n      responses: {{}}\n"
    ))
    .map(drop)
    .expect_err("parameters must be a list");
    assert!(
        error
            .to_string()
            .contains("\n  test.yaml#/paths/~1x/get/parameters: invalid type"),
        "{error}"
    );
    let error = generate("openapi: 3.0.3\ninfo: [\n")
        .map(drop)
        .expect_err("not yaml");
    assert!(
        error
            .to_string()
            .starts_with("test.yaml is not valid YAML: "),
        "{error}"
    );
}

#[test]
fn loosely_typed_constructs_are_kept_and_reported() {
    let text = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Shape:
      type: object
      properties:
        either:
          oneOf:
            - {{type: object, properties: {{a: {{type: string}}}}}}
            - {{type: object, properties: {{b: {{type: string}}}}}}
        both:
          allOf:
            - {{type: object, properties: {{a: {{type: string}}}}}}
            - {{type: string}}
        never:
          not: {{type: string}}
"
    );
    let generation = generate(&text).expect("generates");
    let warnings: Vec<String> = generation
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        vec![
            "#/components/schemas/Shape/properties/both: an `allOf` whose parts are not all objects is kept as untyped json",
            "#/components/schemas/Shape/properties/never: `not` is not checked; the value is kept as untyped json",
        ]
    );
    let models = &generation
        .files
        .iter()
        .find(|file| file.path == "models.rs")
        .expect("models")
        .contents;
    assert!(
        models.contains("pub either: ::std::option::Option<ShapeEither>"),
        "a union is typed: {models}"
    );
    assert!(
        models.contains("pub both: ::std::option::Option<::codegen_runtime::RawJson>"),
        "{models}"
    );
}
