//! Speed of the lossless offer models against `serde_json::Value`, `IgnoredAny` and a plain derive.
//!
//! Run with `cargo bench -p partner-models --bench offers`. Two inputs: the recorded US catalog
//! (274 offers, skipped with a note when the shared material is absent) and a synthetic body of
//! 100,000 offers. Every input and every model to serialize is prepared once, before divan starts;
//! only the parse or the write is timed, and the parsed value is dropped outside the timing except
//! in the `deserialize_and_drop` group, which times both. `BENCHMARKS.md` has the results.

mod support;

use std::fmt;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use serde::de::IgnoredAny;

use support::baseline;
use support::input::{self, SYNTHETIC_OFFERS};

/// Offers in the recorded payload.
const RECORDED_OFFERS: usize = 274;

/// A prepared input: its bytes and the models serialized from it.
struct Prepared {
    /// The JSON body as received.
    body: Vec<u8>,
    /// The body decoded by the lossless models.
    lossless: partner_models::OfferCollection,
    /// The body decoded by the baseline.
    baseline: baseline::OfferCollection,
    /// The body decoded as a `serde_json::Value`.
    value: serde_json::Value,
    /// Length of the compact JSON the lossless and baseline models write.
    written_len: usize,
    /// Length of the compact JSON the `Value` writes.
    value_written_len: usize,
}

/// Everything the benchmarks read, prepared once in `main`.
struct Inputs {
    /// The recorded payload, when the shared material is present.
    recorded: Option<Prepared>,
    /// The synthetic 100,000-offer body.
    synthetic: Prepared,
}

/// The prepared inputs.
static INPUTS: OnceLock<Inputs> = OnceLock::new();

/// Which input a benchmark runs on; the divan argument.
#[derive(Clone, Copy, Debug)]
enum Input {
    /// `01_offers-market-us.recorded.json`, 274 offers, as recorded (indented, CRLF).
    Recorded,
    /// The synthetic collection, 100,000 offers, compact.
    Synthetic,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Input::Recorded => "recorded_274",
            Input::Synthetic => "synthetic_100k",
        })
    }
}

impl Input {
    /// The prepared data of this input.
    fn get(self) -> &'static Prepared {
        let inputs = INPUTS.get().expect("inputs are prepared before divan runs");
        match self {
            Input::Recorded => inputs
                .recorded
                .as_ref()
                .expect("the recorded input is only listed when present"),
            Input::Synthetic => &inputs.synthetic,
        }
    }
}

/// The inputs present on this machine: the recorded one only with the shared material.
fn inputs() -> Vec<Input> {
    let inputs = INPUTS.get().expect("inputs are prepared before divan runs");
    let mut list = Vec::with_capacity(2);
    if inputs.recorded.is_some() {
        list.push(Input::Recorded);
    }
    list.push(Input::Synthetic);
    list
}

/// Decodes `body` every way, checks the baseline against the lossless models, keeps the models.
fn prepare(name: &str, body: Vec<u8>, offers: usize) -> Prepared {
    let lossless: partner_models::OfferCollection =
        serde_json::from_slice(&body).expect("the lossless models decode the input");
    let baseline: baseline::OfferCollection =
        serde_json::from_slice(&body).expect("the baseline decodes the input");
    let value: serde_json::Value = serde_json::from_slice(&body).expect("the input is JSON");
    assert_eq!(lossless.items.len(), offers, "{name}: lossless item count");
    assert_eq!(baseline.items.len(), offers, "{name}: baseline item count");
    let lossless_written = serde_json::to_vec(&lossless).expect("the lossless models encode");
    let baseline_written = serde_json::to_vec(&baseline).expect("the baseline encodes");
    // Same fields, same types, same order: the baseline must write exactly what the lossless
    // models write, or it would not be the same work.
    assert!(
        lossless_written == baseline_written,
        "{name}: the baseline writes different JSON from the lossless models"
    );
    // And the lossless models give back the JSON value that came in.
    let reread: serde_json::Value =
        serde_json::from_slice(&lossless_written).expect("the lossless output is JSON");
    assert!(
        reread == value,
        "{name}: the lossless round trip changed the JSON value"
    );
    let value_written_len = serde_json::to_vec(&value).expect("a Value encodes").len();
    Prepared {
        written_len: lossless_written.len(),
        value_written_len,
        body,
        lossless,
        baseline,
        value,
    }
}

/// Prepares and checks the inputs, prints their sizes, then runs divan.
fn main() {
    let recorded_body = input::load_recorded();
    let synthetic = input::synthetic(recorded_body.as_deref(), SYNTHETIC_OFFERS);
    let recorded = recorded_body.map(|body| prepare("recorded", body, RECORDED_OFFERS));
    let synthetic_source = synthetic.source;
    let synthetic = prepare("synthetic", synthetic.body, SYNTHETIC_OFFERS);
    if let Some(recorded) = &recorded {
        println!(
            "recorded_274:   {} ({}), written compact: {}",
            input::size(recorded.body.len()),
            input::recorded_path().display(),
            input::size(recorded.written_len),
        );
    }
    println!(
        "synthetic_100k: {} ({synthetic_source}), written compact: {}",
        input::size(synthetic.body.len()),
        input::size(synthetic.written_len),
    );
    println!("checked: the baseline writes the same bytes as the lossless models on every input");
    INPUTS
        .set(Inputs {
            recorded,
            synthetic,
        })
        .unwrap_or_else(|_| panic!("inputs are prepared once"));
    divan::main();
}

/// Decoding the body from `&[u8]`; throughput is in input bytes.
///
/// `max_time` bounds the 100,000-offer runs (about a second each) to roughly ten samples; the
/// recorded payload reaches the 100 samples long before.
#[divan::bench_group(sample_count = 100, max_time = 12)]
mod deserialize {
    use super::*;

    /// Times `parse` on the body of `input`, with the input size as the throughput counter.
    fn run<T>(bencher: Bencher, input: Input, parse: impl Fn(&[u8]) -> T + Sync) {
        let body = input.get().body.as_slice();
        bencher
            .counter(BytesCount::new(body.len()))
            .bench(|| parse(black_box(body)));
    }

    /// The lossless models through `serde_json::from_slice`, the same entry point as the others.
    #[divan::bench(args = inputs())]
    fn lossless(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            serde_json::from_slice::<partner_models::OfferCollection>(body)
                .expect("the input decodes")
        });
    }

    /// The lossless models through `partner_models::from_slice`, the crate's entry point: BOM
    /// check, one UTF-8 pass and `serde_json::from_str`, field-path errors only on failure.
    #[divan::bench(args = inputs())]
    fn lossless_from_slice(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            partner_models::from_slice::<partner_models::OfferCollection>(body)
                .expect("the input decodes")
        });
    }

    /// The plain derive baseline.
    #[divan::bench(args = inputs())]
    fn baseline(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            serde_json::from_slice::<baseline::OfferCollection>(body).expect("the input decodes")
        });
    }

    /// The plain derive baseline read the way `partner_models::from_slice` reads on success:
    /// one `std::str::from_utf8` pass over the body, then `serde_json::from_str`, which does not
    /// check each string again. The fair partner of `lossless_from_slice`.
    #[divan::bench(args = inputs())]
    fn baseline_str(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            let text = std::str::from_utf8(body).expect("the input is UTF-8");
            serde_json::from_str::<baseline::OfferCollection>(text).expect("the input decodes")
        });
    }

    /// A generic `serde_json::Value` tree.
    #[divan::bench(args = inputs())]
    fn value(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            serde_json::from_slice::<serde_json::Value>(body).expect("the input decodes")
        });
    }

    /// A `serde_json::Value` tree read like `baseline_str`: one UTF-8 pass, then `from_str`.
    #[divan::bench(args = inputs())]
    fn value_str(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            let text = std::str::from_utf8(body).expect("the input is UTF-8");
            serde_json::from_str::<serde_json::Value>(text).expect("the input decodes")
        });
    }

    /// Parsing without building anything: the floor.
    #[divan::bench(args = inputs())]
    fn ignored_any(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            serde_json::from_slice::<IgnoredAny>(body).expect("the input decodes")
        });
    }
}

/// Decoding the body and dropping the result, both timed; throughput is in input bytes.
///
/// `deserialize` leaves the drop, and whatever freeing work the allocator defers, outside the
/// timing; with glibc that deferred work (consolidating millions of freed small blocks) lands in
/// the next parse or not depending on what runs in between. Timing the whole life of the decoded
/// value makes the comparison independent of that.
#[divan::bench_group(sample_count = 100, max_time = 12)]
mod deserialize_and_drop {
    use super::*;

    /// Times `parse` on the body of `input` followed by dropping what it returned.
    fn run<T>(bencher: Bencher, input: Input, parse: impl Fn(&[u8]) -> T + Sync) {
        let body = input.get().body.as_slice();
        bencher
            .counter(BytesCount::new(body.len()))
            .bench(|| drop(black_box(parse(black_box(body)))));
    }

    /// The lossless models.
    #[divan::bench(args = inputs())]
    fn lossless(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            serde_json::from_slice::<partner_models::OfferCollection>(body)
                .expect("the input decodes")
        });
    }

    /// The plain derive baseline.
    #[divan::bench(args = inputs())]
    fn baseline(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            serde_json::from_slice::<baseline::OfferCollection>(body).expect("the input decodes")
        });
    }

    /// A generic `serde_json::Value` tree.
    #[divan::bench(args = inputs())]
    fn value(bencher: Bencher, input: Input) {
        run(bencher, input, |body| {
            serde_json::from_slice::<serde_json::Value>(body).expect("the input decodes")
        });
    }
}

/// Writing a decoded body with `serde_json::to_vec`; throughput is in output bytes.
#[divan::bench_group(sample_count = 100, max_time = 12)]
mod serialize {
    use super::*;

    /// Times writing `model` to a fresh `Vec<u8>`, with `written` bytes as the throughput counter.
    fn run<T: serde::Serialize + Sync>(bencher: Bencher, model: &T, written: usize) {
        bencher
            .counter(BytesCount::new(written))
            .bench(|| serde_json::to_vec(black_box(model)).expect("the model encodes"));
    }

    /// The lossless models.
    #[divan::bench(args = inputs())]
    fn lossless(bencher: Bencher, input: Input) {
        let prepared = input.get();
        run(bencher, &prepared.lossless, prepared.written_len);
    }

    /// The plain derive baseline.
    #[divan::bench(args = inputs())]
    fn baseline(bencher: Bencher, input: Input) {
        let prepared = input.get();
        run(bencher, &prepared.baseline, prepared.written_len);
    }

    /// A generic `serde_json::Value` tree.
    #[divan::bench(args = inputs())]
    fn value(bencher: Bencher, input: Input) {
        let prepared = input.get();
        run(bencher, &prepared.value, prepared.value_written_len);
    }
}
