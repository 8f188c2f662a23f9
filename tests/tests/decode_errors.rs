//! Bodies that do not decode give a `DecodeError` naming the field path, line and column; nothing panics.
//!
//! * The shared documentation examples published as invalid JSON all fail with a located error.
//! * The own broken fixtures in `tests/fixtures/broken` (valid JSON of the wrong shape, or broken
//!   JSON) fail at exactly the field path, line and column the table says, with the message it says.
//! * Every prefix of real payloads decodes to `Ok` or `Err`, never a panic, and only the whole body
//!   (give or take trailing whitespace) decodes.

use golden_tests::payloads::{self, Model};
use partner_models::DecodeError;

/// One broken fixture and the error it must give.
struct Broken {
    /// File name in `tests/fixtures/broken`.
    file: &'static str,
    /// The model it is decoded as.
    model: Model,
    /// The exact `DecodeError::path`.
    path: &'static str,
    /// A part of `DecodeError::message`.
    message: &'static str,
    /// The exact (line, column) of the error.
    at: (usize, usize),
}

/// Every broken fixture with the error it must give.
const BROKEN: &[Broken] = &[
    Broken {
        file: "offer-collection-rank-is-a-string.json",
        model: Model::OfferCollection,
        path: "items[2].category.rank",
        message: "invalid type: string \"first\", expected i32",
        at: (17, 81),
    },
    Broken {
        file: "offer-minimum-quantity-is-fractional.json",
        model: Model::Offer,
        path: "minimumQuantity",
        message: "invalid type: floating point `1.5`, expected i32",
        at: (4, 24),
    },
    Broken {
        file: "offer-maximum-quantity-overflows-int32.json",
        model: Model::Offer,
        path: "maximumQuantity",
        message: "invalid value: integer `99999999999`, expected i32",
        at: (5, 32),
    },
    Broken {
        file: "sku-billing-cycles-is-a-string.json",
        model: Model::Sku,
        path: "supportedBillingCycles",
        message: "invalid type: string \"monthly\", expected a list of `BillingCycleType` values",
        at: (5, 37),
    },
    Broken {
        file: "product-collection-items-is-an-object.json",
        model: Model::ProductCollection,
        path: "items",
        message: "invalid type: map, expected a sequence",
        at: (3, 11),
    },
    Broken {
        file: "offer-link-header-missing-value.json",
        model: Model::Offer,
        path: "links.learnMore.headers[1]",
        message: "missing field `value`",
        at: (9, 38),
    },
    Broken {
        file: "offer-duplicate-id.json",
        model: Model::Offer,
        path: "",
        message: "duplicate field `id`",
        at: (1, 44),
    },
    Broken {
        file: "offer-duplicate-id-in-another-case.json",
        model: Model::Offer,
        path: "",
        message: "duplicate field `ID`",
        at: (1, 44),
    },
    Broken {
        file: "inventory-check-context-has-a-number.json",
        model: Model::InventoryCheckRequest,
        path: "inventoryContext.armRegionName",
        message: "invalid type: integer `42`, expected a string",
        at: (3, 97),
    },
    Broken {
        file: "inventory-items-second-lacks-product-id.json",
        model: Model::InventoryItems,
        path: "[1]",
        message: "missing field `productId`",
        at: (3, 43),
    },
    Broken {
        file: "availability-collection-refund-sequence-is-text.json",
        model: Model::AvailabilityCollection,
        path: "items[0].terms[1].cancellationPolicies[0].refundOptions[0].sequenceId",
        message: "invalid type: string \"one\", expected i32",
        at: (14, 54),
    },
    Broken {
        file: "upgrade-collection-pascal-case-rank-is-a-string.json",
        model: Model::UpgradeCollection,
        path: "Items[0].TargetOffer.Category.Rank",
        message: "invalid type: string \"ten\", expected i32",
        at: (7, 59),
    },
    Broken {
        file: "offer-truncated.json",
        model: Model::Offer,
        path: "supportedBillingCycles[1]",
        message: "EOF while parsing a string",
        at: (4, 43),
    },
    Broken {
        file: "offer-description-spans-lines.json",
        model: Model::Offer,
        path: "description",
        message: "control character (\\u0000-\\u001F) found while parsing a string",
        at: (4, 0),
    },
    Broken {
        file: "offer-trailing-characters.json",
        model: Model::Offer,
        path: "",
        message: "trailing characters",
        at: (1, 33),
    },
];

/// Describes how `error` differs from what `broken` expects, or `None` when it matches.
fn mismatch(broken: &Broken, error: &DecodeError) -> Option<String> {
    let mut problems = Vec::new();
    if error.path != broken.path {
        problems.push(format!("path {:?}, expected {:?}", error.path, broken.path));
    }
    if !error.message.contains(broken.message) {
        problems.push(format!(
            "message {:?} lacks {:?}",
            error.message, broken.message
        ));
    }
    if (error.line, error.column) != broken.at {
        problems.push(format!(
            "at {:?}, expected {:?}",
            (error.line, error.column),
            broken.at
        ));
    }
    if error.to_string().is_empty() {
        problems.push("empty Display".to_owned());
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

#[test]
fn broken_fixtures_fail_where_the_table_says() {
    let dir = golden_tests::workspace_root().join("tests/fixtures/broken");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut in_table: Vec<String> = BROKEN.iter().map(|broken| broken.file.to_owned()).collect();
    in_table.sort();
    assert_eq!(
        on_disk, in_table,
        "tests/fixtures/broken and the BROKEN table list different files"
    );

    let mut failures = Vec::new();
    for broken in BROKEN {
        let path = dir.join(broken.file);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        match broken.model.decode(&bytes) {
            Ok(()) => failures.push(format!("{}: decodes as {:?}", broken.file, broken.model)),
            Err(error) => {
                println!("{}: {error}", broken.file);
                if let Some(problem) = mismatch(broken, &error) {
                    failures.push(format!("{}: {problem} ({error})", broken.file));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} broken fixture(s) failed differently:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn invalid_shared_payloads_fail_with_a_located_error() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let files = payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    let invalid: Vec<_> = files.iter().filter(|file| file.invalid).collect();
    let mut failures = Vec::new();
    for file in &invalid {
        match file.model.decode(&file.bytes) {
            Ok(()) => failures.push(format!("{}: decodes as {:?}", file.name, file.model)),
            Err(error) => {
                println!("{} as {:?}: {error}", file.name, file.model);
                if error.line == 0 {
                    failures.push(format!("{}: no line in {error:?}", file.name));
                }
                if error.to_string().is_empty() || error.message.is_empty() {
                    failures.push(format!("{}: empty message in {error:?}", file.name));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} invalid payload(s) misbehaved:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        invalid.len(),
        13,
        "the shared material has 13 invalid payloads"
    );
}

/// Decodes every `step`-th prefix of `file` (and the whole body) as its model.
///
/// Returns the number of prefixes tried and a description of every prefix that behaved wrongly:
/// a prefix shorter than the body without trailing whitespace must fail with a located error,
/// a longer one must decode.
fn decode_prefixes(file: &payloads::PayloadFile, step: usize) -> (usize, Vec<String>) {
    let bytes = &file.bytes;
    let complete = bytes
        .iter()
        .rposition(|byte| !byte.is_ascii_whitespace())
        .map_or(0, |last| last + 1);
    let mut tried = 0;
    let mut problems = Vec::new();
    for length in (0..bytes.len()).step_by(step).chain([bytes.len()]) {
        tried += 1;
        let outcome = file.model.decode(&bytes[..length]);
        match (&outcome, length >= complete) {
            (Ok(()), true) => {}
            (Err(error), false) if error.line > 0 && !error.message.is_empty() => {}
            _ => problems.push(format!(
                "{} cut at {length} of {} bytes: {outcome:?}",
                file.name,
                bytes.len()
            )),
        }
    }
    (tried, problems)
}

#[test]
fn truncated_payloads_never_panic() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let files = payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    let mut tried = 0;
    let mut problems = Vec::new();
    for prefix in ["02_", "34_"] {
        let file = files
            .iter()
            .find(|file| file.name.starts_with(prefix))
            .unwrap_or_else(|| panic!("no payload {prefix}"));
        let (count, found) = decode_prefixes(file, 1);
        tried += count;
        problems.extend(found);
    }
    println!("decoded {tried} prefixes of payloads 02 and 34");
    assert!(
        problems.is_empty(),
        "{} prefix(es) misbehaved:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn truncations_of_every_other_valid_payload_never_panic() {
    let Some(dir) = golden_tests::shared_dir("payloads") else {
        return;
    };
    let files = payloads::load(&dir).unwrap_or_else(|problems| panic!("{problems}"));
    let mut tried = 0;
    let mut problems = Vec::new();
    for file in files.iter().filter(|file| !file.invalid) {
        // The 800 kB offer list (01) is cut at 50 places only: each decode reads the whole prefix.
        let step = if file.bytes.len() > 100_000 {
            file.bytes.len() / 50
        } else {
            7
        };
        let (count, found) = decode_prefixes(file, step);
        tried += count;
        problems.extend(found);
    }
    println!("decoded {tried} prefixes of the valid payloads");
    assert!(
        problems.is_empty(),
        "{} prefix(es) misbehaved:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
