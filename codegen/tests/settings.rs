//! The settings shared by xtask, build scripts and the command: type and operation filters (what
//! is kept brings along what it references; names that match nothing are errors that say where)
//! and the extension names lowering honours.

use codegen::ir::TypeDef;
use codegen::{Extensions, Filter, Options, generate, spec};

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Filter case, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: The pet.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /toys:
    get:
      operationId: listToys
      responses:
        '200':
          description: The toys.
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Toy'}}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner: {$ref: '#/components/schemas/Owner'}
        kind: {$ref: '#/components/schemas/Kind'}
    Owner:
      type: object
      properties:
        name: {type: string}
    Kind:
      type: string
      enum: [cat, dog]
    Toy:
      type: object
      properties:
        name: {type: string}
    Unused:
      type: object
      properties:
        note: {type: string}
"#;

fn names(filter: Filter, client: bool) -> (Vec<String>, Vec<String>) {
    let spec = spec::parse(SPEC, "filter.yaml", false).expect("parses");
    let options = Options {
        client,
        filter,
        ..Options::default()
    };
    let generation = generate(&spec, &options).expect("generates");
    let types = generation
        .api
        .types
        .iter()
        .map(|def| def.name().to_owned())
        .collect();
    let operations = generation
        .api
        .operations
        .iter()
        .map(|operation| operation.id.clone())
        .collect();
    (types, operations)
}

#[test]
fn no_filter_keeps_everything() {
    let (types, operations) = names(Filter::default(), true);
    assert_eq!(types, ["Kind", "Owner", "Pet", "Toy", "Unused"]);
    assert_eq!(operations, ["getPet", "listToys"]);
}

#[test]
fn an_operation_filter_keeps_every_schema_unless_types_are_filtered_too() {
    let filter = Filter {
        operations: Some(vec!["getPet".into()]),
        types: None,
    };
    let (types, operations) = names(filter, true);
    assert_eq!(operations, ["getPet"]);
    assert_eq!(types, ["Kind", "Owner", "Pet", "Toy", "Unused"]);

    let filter = Filter {
        operations: Some(vec!["getPet".into()]),
        types: Some(Vec::new()),
    };
    let (types, _) = names(filter, true);
    assert_eq!(
        types,
        ["Kind", "Owner", "Pet"],
        "what getPet answers, transitively"
    );
}

#[test]
fn a_type_filter_brings_what_the_types_reference() {
    let filter = Filter {
        operations: None,
        types: Some(vec!["Owner".into(), "Toy".into()]),
    };
    let (types, _) = names(filter.clone(), false);
    assert_eq!(
        types,
        ["Owner", "Toy"],
        "models only: no operation adds types"
    );
    let (types, _) = names(filter, true);
    assert_eq!(
        types,
        ["Kind", "Owner", "Pet", "Toy"],
        "with the client, every operation's types come along"
    );
}

#[test]
fn names_that_match_nothing_are_errors_with_a_pointer() {
    let spec = spec::parse(SPEC, "filter.yaml", false).expect("parses");
    let options = Options {
        filter: Filter {
            operations: Some(vec!["getPet".into(), "feedPet".into()]),
            types: Some(vec!["Pett".into()]),
        },
        ..Options::default()
    };
    let error = generate(&spec, &options).expect_err("unknown names");
    assert_eq!(
        error.to_string(),
        "filter.yaml: 2 problems in the spec:\n  \
         filter.yaml#/components/schemas: the type filter names `Pett`, but no schema or type has that name\n  \
         filter.yaml#/paths: the operation filter names `feedPet`, but no operation has that id"
    );
}

const ENUM_SPEC: &str = r#"
openapi: 3.0.3
info: {title: Extensions case, version: '1'}
paths: {}
components:
  schemas:
    Size:
      type: string
      enum: [s, m, l]
      x-enumNames: [Small, Medium, Large]
    Color:
      type: string
      enum: ['#f00', '#00f']
      x-our-names: [Red, Blue]
"#;

fn variants(extensions: Extensions, name: &str) -> Vec<String> {
    let spec = spec::parse(ENUM_SPEC, "enums.yaml", false).expect("parses");
    let options = Options {
        extensions,
        ..Options::default()
    };
    let generation = generate(&spec, &options).expect("generates");
    match generation.api.find(name) {
        Some(TypeDef::Enum(def)) => def.variants.iter().map(|v| v.name.clone()).collect(),
        other => panic!("{name} is {other:?}"),
    }
}

#[test]
fn other_generators_enum_name_spellings_are_honoured_by_default() {
    assert_eq!(
        variants(Extensions::default(), "Size"),
        ["Small", "Medium", "Large"]
    );
    assert_eq!(variants(Extensions::default(), "Color"), ["F00", "_00f"]);
}

#[test]
fn a_spec_of_its_own_extension_names_is_read_when_configured() {
    let extensions = Extensions {
        enum_names: vec!["x-our-names".into()],
        ..Extensions::default()
    };
    assert_eq!(variants(extensions.clone(), "Color"), ["Red", "Blue"]);
    assert_eq!(
        variants(extensions, "Size"),
        ["S", "M", "L"],
        "x-enumNames is no longer in the list"
    );
}

#[test]
fn a_bad_extension_is_reported_under_its_own_name() {
    let text = ENUM_SPEC.replace(
        "x-enumNames: [Small, Medium, Large]",
        "x-enumNames: [Small]",
    );
    let spec = spec::parse(&text, "enums.yaml", false).expect("parses");
    let error = generate(&spec, &Options::default()).expect_err("wrong length");
    assert_eq!(
        error.to_string(),
        "enums.yaml: 1 problem in the spec:\n  \
         enums.yaml#/components/schemas/Size/x-enumNames: has 1 entries but the enum has 3 values"
    );
}

/// The names of the types generated from `tests/ir/envelope/spec.yaml` under `filter`, with the
/// envelope's instance aliases after it.
fn envelope_names(filter: Filter) -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ir/envelope/spec.yaml");
    let spec = spec::load(&path).expect("loads");
    let options = Options {
        filter,
        ..Options::default()
    };
    let generation = generate(&spec, &options).expect("generates");
    let mut names = Vec::new();
    for def in &generation.api.types {
        names.push(def.name().to_owned());
        if let TypeDef::Envelope(envelope) = def {
            names.extend(
                envelope
                    .instances
                    .iter()
                    .map(|instance| instance.alias.clone()),
            );
        }
    }
    names
}

#[test]
fn an_envelope_instance_brings_its_envelope_and_item_only() {
    let filter = Filter {
        operations: None,
        types: Some(vec!["CatPage".into()]),
    };
    assert_eq!(envelope_names(filter), ["Cat", "Links", "Page", "CatPage"]);
}

#[test]
fn an_envelope_named_by_its_rust_name_keeps_every_instance() {
    let filter = Filter {
        operations: None,
        types: Some(vec!["Page".into()]),
    };
    assert_eq!(
        envelope_names(filter),
        ["Cat", "Dog", "Links", "Page", "CatPage", "DogPage"]
    );
}

#[test]
fn an_operation_filter_with_the_client_off_narrows_the_models() {
    let filter = Filter {
        operations: Some(vec!["getPet".into()]),
        types: Some(vec!["Toy".into()]),
    };
    let (types, operations) = names(filter, false);
    assert!(operations.is_empty(), "models only");
    assert_eq!(types, ["Toy"], "the operations were checked, then left out");
}
