//! Peak heap bytes of decoding the 100,000-offer body: lossless, baseline, `Value`, `IgnoredAny`.
//!
//! Run with `cargo bench -p partner-models --bench peak_memory`. A counting global allocator
//! (`cap::Cap` with its `stats` feature: current and peak heap bytes, `realloc` counted as the
//! size difference) wraps the system allocator. The crate forbids `unsafe` code, so the allocator
//! comes from a dependency rather than from this file, and since `cap` cannot reset its peak,
//! every measurement runs in a fresh child process of this binary: the parent builds the body
//! once and pipes it in; the child reads it into a buffer of exactly its size, notes the heap in
//! use (the input and little else), parses it from `&[u8]`, and reports the peak above that.

mod support;

use std::alloc::System;
use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

use cap::Cap;
use divan::black_box;
use serde::de::{DeserializeOwned, IgnoredAny};

use support::baseline;
use support::input::{self, SYNTHETIC_OFFERS};

/// The counting allocator: tracks the bytes in use and the most ever in use.
#[global_allocator]
static ALLOC: Cap<System> = Cap::new(System, usize::MAX);

/// The argument that makes this binary a measuring child: `--measure <parser> <body length>`.
const CHILD_FLAG: &str = "--measure";

/// What the body is decoded into.
#[derive(Clone, Copy, Debug)]
enum Parser {
    /// `partner_models::OfferCollection`, the lossless models.
    Lossless,
    /// The plain derive baseline.
    Baseline,
    /// `serde_json::Value`.
    Value,
    /// `serde::de::IgnoredAny`, which builds nothing.
    IgnoredAny,
}

impl Parser {
    /// Every parser, in table order.
    const ALL: [Parser; 4] = [
        Parser::Lossless,
        Parser::Baseline,
        Parser::Value,
        Parser::IgnoredAny,
    ];

    /// The name used on the command line and in the table.
    fn name(self) -> &'static str {
        match self {
            Parser::Lossless => "lossless",
            Parser::Baseline => "baseline",
            Parser::Value => "value",
            Parser::IgnoredAny => "ignored_any",
        }
    }

    /// The parser called `name`.
    fn from_name(name: &str) -> Option<Parser> {
        Parser::ALL.into_iter().find(|parser| parser.name() == name)
    }

    /// Decodes `body`, measuring the heap around it.
    fn measure(self, body: &[u8]) -> Measurement {
        match self {
            Parser::Lossless => measure::<partner_models::OfferCollection>(body, |collection| {
                collection.items.len()
            }),
            Parser::Baseline => {
                measure::<baseline::OfferCollection>(body, |collection| collection.items.len())
            }
            Parser::Value => measure::<serde_json::Value>(body, |value| {
                value["items"].as_array().map_or(0, Vec::len)
            }),
            Parser::IgnoredAny => measure::<IgnoredAny>(body, |_| SYNTHETIC_OFFERS),
        }
    }
}

/// What one child measured, in bytes.
#[derive(Debug)]
struct Measurement {
    /// Most heap in use during the parse, minus the heap in use just before it (the input).
    peak_above_input: usize,
    /// Heap still in use once the parse returned, minus the heap before it: the decoded value.
    retained: usize,
    /// Bytes allocated during the parse, freed or not.
    allocated_total: usize,
    /// How far the recorded peak already was above the heap in use before the parse started;
    /// when the parse's own peak is lower, `peak_above_input` shows this instead.
    slack_before: usize,
    /// Items the parse produced, to show it decoded the whole body.
    items: usize,
    /// Peak resident set of the child process, from `VmHWM`, in bytes (input and binary included).
    peak_rss: usize,
}

impl Measurement {
    /// The line a child prints for its parent.
    fn to_line(&self) -> String {
        format!(
            "{} {} {} {} {} {}",
            self.peak_above_input,
            self.retained,
            self.allocated_total,
            self.slack_before,
            self.items,
            self.peak_rss
        )
    }

    /// Reads the line a child printed.
    fn from_line(line: &str) -> Measurement {
        let numbers: Vec<usize> = line
            .split_whitespace()
            .map(|field| field.parse().expect("the child prints numbers"))
            .collect();
        let [
            peak_above_input,
            retained,
            allocated_total,
            slack_before,
            items,
            peak_rss,
        ] = numbers[..]
        else {
            panic!("the child prints six numbers, not {line:?}");
        };
        Measurement {
            peak_above_input,
            retained,
            allocated_total,
            slack_before,
            items,
            peak_rss,
        }
    }
}

/// Parses `body` into `T` between two readings of the counting allocator.
fn measure<T: DeserializeOwned>(body: &[u8], items: impl Fn(&T) -> usize) -> Measurement {
    let before = ALLOC.allocated();
    let slack_before = ALLOC.max_allocated().saturating_sub(before);
    let total_before = ALLOC.total_allocated();
    let value: T = serde_json::from_slice(black_box(body)).expect("the body decodes");
    let peak = ALLOC.max_allocated();
    let after = ALLOC.allocated();
    let allocated_total = ALLOC.total_allocated() - total_before;
    let items = items(&value);
    drop(black_box(value));
    Measurement {
        peak_above_input: peak.saturating_sub(before),
        retained: after.saturating_sub(before),
        allocated_total,
        slack_before,
        items,
        peak_rss: peak_rss(),
    }
}

/// The peak resident set size of this process (`VmHWM`), or 0 where `/proc` does not say.
fn peak_rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().strip_suffix("kB"))
        .and_then(|kib| kib.trim().parse::<usize>().ok())
        .map_or(0, |kib| kib * 1024)
}

/// The child: reads `length` bytes from stdin, decodes them with `parser`, prints one line.
fn child(parser: Parser, length: usize) {
    let mut body = vec![0_u8; length];
    std::io::stdin()
        .lock()
        .read_exact(&mut body)
        .expect("the parent sends the whole body");
    let measurement = parser.measure(&body);
    println!("{}", measurement.to_line());
}

/// The parent: builds the body once, runs one child per parser, prints the table.
fn parent() {
    let recorded = input::load_recorded();
    let synthetic = input::synthetic(recorded.as_deref(), SYNTHETIC_OFFERS);
    drop(recorded);
    let body = synthetic.body;
    println!(
        "input: {SYNTHETIC_OFFERS} offers, {} ({})",
        input::size(body.len()),
        synthetic.source
    );
    println!("each row: a fresh process reads the body, then parses it from &[u8]\n");
    let exe = std::env::current_exe().expect("the bench knows its own path");
    let mut rows = Vec::with_capacity(Parser::ALL.len());
    for parser in Parser::ALL {
        let mut process = Command::new(&exe)
            .args([CHILD_FLAG, parser.name(), &body.len().to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the bench can start itself");
        process
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(&body)
            .expect("the child reads the body");
        let output = process.wait_with_output().expect("the child finishes");
        assert!(output.status.success(), "{} child failed", parser.name());
        let measurement = Measurement::from_line(String::from_utf8_lossy(&output.stdout).trim());
        assert_eq!(
            measurement.items,
            SYNTHETIC_OFFERS,
            "{} decoded every offer",
            parser.name()
        );
        rows.push((parser, measurement));
    }
    print_table(body.len(), &rows);
}

/// Prints the measurements as a Markdown table.
fn print_table(input_len: usize, rows: &[(Parser, Measurement)]) {
    let mb = |bytes: usize| format!("{:.1} MB", bytes as f64 / 1e6);
    println!(
        "| parser | input | peak heap above input | peak / input | retained after parse | \
         allocated during parse | peak RSS of process |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (parser, m) in rows {
        println!(
            "| {} | {} | {} ({} B) | {:.2}x | {} | {} | {} |",
            parser.name(),
            mb(input_len),
            mb(m.peak_above_input),
            m.peak_above_input,
            m.peak_above_input as f64 / input_len as f64,
            mb(m.retained),
            mb(m.allocated_total),
            mb(m.peak_rss),
        );
    }
    let slack = rows.iter().map(|(_, m)| m.slack_before).max().unwrap_or(0);
    println!(
        "\n(before each parse the recorded peak was at most {slack} B above the heap in use, \
         so a peak below that would read as {slack} B)"
    );
}

/// Runs as a measuring child when given `--measure`, else as the parent.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|arg| arg == CHILD_FLAG) {
        Some(at) => {
            let parser = args
                .get(at + 1)
                .and_then(|name| Parser::from_name(name))
                .expect("--measure names a parser");
            let length = args
                .get(at + 2)
                .and_then(|length| length.parse().ok())
                .expect("--measure gives the body length");
            child(parser, length);
        }
        None => parent(),
    }
}
