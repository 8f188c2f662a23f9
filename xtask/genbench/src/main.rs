//! Times `codegen` against progenitor 0.15.1 on every OpenAPI 3.0 file of the shared corpus.
//!
//! The parent process lists the corpus and, for each file and each generator, runs itself as a
//! child (`--child <tool> <file>`), so that a panic, a stack overflow or a hang of one generator
//! on one file is recorded as "not handled" and cannot take the rest of the run down. Inside the
//! child everything is timed in-process from the spec text in memory: one untimed warm-up run,
//! then timed runs until both `--min-runs` runs and `--budget-ms` milliseconds are reached (or
//! `--max-runs`). The parent prints one Markdown table.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};

/// Run settings, from the command line.
#[derive(Debug, Clone)]
struct Settings {
    min_runs: usize,
    max_runs: usize,
    budget: Duration,
    timeout: Duration,
    /// Only files whose name contains one of these (all when empty).
    filters: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            min_runs: 5,
            max_runs: 1000,
            budget: Duration::from_secs(1),
            timeout: Duration::from_secs(600),
            filters: Vec::new(),
        }
    }
}

const USAGE: &str = "usage: cargo run --release --manifest-path xtask/genbench/Cargo.toml -- [options] [file-filter...]

  --min-runs N     timed runs at least (default 5)
  --max-runs N     timed runs at most (default 1000)
  --budget-ms N    keep running until this much time is spent, past --min-runs (default 1000)
  --timeout-s N    give up on one generator and file after this long (default 600)

The corpus is $PARTNER_SHARED_DIR/corpus (default ../shared/corpus beside the checkout);
only its top-level *.json and *.yaml files are read, so v3.1/ is skipped.";

/// The two generators compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    Ours,
    Progenitor,
}

impl Tool {
    fn arg(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::Progenitor => "progenitor",
        }
    }
}

/// What one child measured: medians per phase and of the total, in nanoseconds.
#[derive(Debug, Clone, Default)]
struct Measured {
    runs: usize,
    lines: usize,
    total: u128,
    phases: Vec<(String, u128)>,
}

/// The outcome of one generator on one file.
#[derive(Debug, Clone)]
enum Outcome {
    Handled(Measured),
    NotHandled(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..])
    } else {
        parent(&args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn parse_settings(args: &[String]) -> Result<Settings> {
    let mut settings = Settings::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64> {
            let value = args
                .next()
                .with_context(|| format!("{name} needs a value"))?;
            value
                .parse()
                .with_context(|| format!("{name} takes a whole number, not {value:?}"))
        };
        match arg.as_str() {
            "--min-runs" => settings.min_runs = number(arg)?.max(1) as usize,
            "--max-runs" => settings.max_runs = number(arg)?.max(1) as usize,
            "--budget-ms" => settings.budget = Duration::from_millis(number(arg)?),
            "--timeout-s" => settings.timeout = Duration::from_secs(number(arg)?),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            flag if flag.starts_with('-') => bail!("unknown option {flag}\n\n{USAGE}"),
            filter => settings.filters.push(filter.to_owned()),
        }
    }
    settings.max_runs = settings.max_runs.max(settings.min_runs);
    Ok(settings)
}

/// The corpus directory: `$PARTNER_SHARED_DIR/corpus`, or `../shared/corpus` beside the checkout.
fn corpus_dir() -> Result<PathBuf> {
    let shared = match std::env::var_os("PARTNER_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            // Read at run time (cargo run sets it), with the compiled-in path as a fallback.
            let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
                .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
            let root = manifest_dir
                .parent()
                .and_then(Path::parent)
                .context("the genbench directory has no workspace root above it")?;
            root.join("..").join("shared")
        }
    };
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        bail!(
            "{} is not a directory; set PARTNER_SHARED_DIR to the shared material",
            corpus.display()
        );
    }
    Ok(corpus)
}

/// The corpus files to run: top-level `*.json` and `*.yaml`, sorted by name.
fn corpus_files(dir: &Path, filters: &[String]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        let is_spec = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| ext == "json" || ext == "yaml");
        let name = file_name(&path);
        let wanted = filters.is_empty() || filters.iter().any(|filter| name.contains(filter));
        if path.is_file() && is_spec && wanted {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parent(args: &[String]) -> Result<()> {
    let settings = parse_settings(args)?;
    let corpus = corpus_dir()?;
    let files = corpus_files(&corpus, &settings.filters)?;
    if files.is_empty() {
        bail!("no *.json or *.yaml file in {}", corpus.display());
    }
    let exe = std::env::current_exe().context("cannot find this program's path")?;
    let started = Instant::now();
    let load_before = load_average();
    eprintln!(
        "corpus {}; {} files; runs: at least {}, until {} ms, at most {}",
        corpus.display(),
        files.len(),
        settings.min_runs,
        settings.budget.as_millis(),
        settings.max_runs
    );
    let mut rows = Vec::new();
    for file in &files {
        let bytes = std::fs::metadata(file)
            .with_context(|| format!("cannot read {}", file.display()))?
            .len();
        let mut outcomes = Vec::new();
        for tool in [Tool::Ours, Tool::Progenitor] {
            eprint!("{} / {} ... ", file_name(file), tool.arg());
            let outcome = run_child(&exe, tool, file, &settings)?;
            match &outcome {
                Outcome::Handled(measured) => eprintln!(
                    "{} median over {} runs",
                    millis(measured.total),
                    measured.runs
                ),
                Outcome::NotHandled(reason) => eprintln!("not handled: {reason}"),
            }
            outcomes.push(outcome);
        }
        rows.push((file_name(file), bytes, outcomes));
    }
    let load_after = load_average();
    println!("{}", table(&rows));
    println!(
        "Wall time {:.0} s; 1-minute load average {} at the start, {} at the end; {} CPUs available.",
        started.elapsed().as_secs_f64(),
        load_before,
        load_after,
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    Ok(())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Runs one generator on one file in a child process and reads what it measured.
fn run_child(exe: &Path, tool: Tool, file: &Path, settings: &Settings) -> Result<Outcome> {
    let stderr_path = std::env::temp_dir().join(format!(
        "genbench-{}-{}.stderr",
        std::process::id(),
        tool.arg()
    ));
    let stderr = std::fs::File::create(&stderr_path)
        .with_context(|| format!("cannot create {}", stderr_path.display()))?;
    let mut child = Command::new(exe)
        .arg("--child")
        .arg(tool.arg())
        .arg(file)
        .args(["--min-runs", &settings.min_runs.to_string()])
        .args(["--max-runs", &settings.max_runs.to_string()])
        .args(["--budget-ms", &settings.budget.as_millis().to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .context("cannot start a child run")?;
    let deadline = Instant::now() + settings.timeout;
    let status = loop {
        if let Some(status) = child.try_wait().context("cannot wait for a child run")? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            // Our own child, by its handle.
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = String::new();
    if let Some(mut pipe) = child.stdout.take() {
        pipe.read_to_string(&mut stdout)
            .context("cannot read a child's output")?;
    }
    let stderr_text = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let _ = std::fs::remove_file(&stderr_path);
    let Some(status) = status else {
        return Ok(Outcome::NotHandled(format!(
            "no result within {} s",
            settings.timeout.as_secs()
        )));
    };
    if let Some(line) = stdout.lines().find(|line| line.starts_with("ok ")) {
        return parse_measured(line).map(Outcome::Handled);
    }
    if let Some(reason) = stdout.lines().find_map(|line| line.strip_prefix("fail ")) {
        return Ok(Outcome::NotHandled(reason.to_owned()));
    }
    let last = stderr_text
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("no message");
    Ok(Outcome::NotHandled(format!("crashed ({status}): {last}")))
}

/// Reads `ok runs=5 lines=120 total=123 parse=45 lower=...` (nanoseconds).
fn parse_measured(line: &str) -> Result<Measured> {
    let mut measured = Measured::default();
    for pair in line.split_whitespace().skip(1) {
        let (key, value) = pair
            .split_once('=')
            .with_context(|| format!("malformed child output {line:?}"))?;
        let value: u128 = value
            .parse()
            .with_context(|| format!("malformed child output {line:?}"))?;
        match key {
            "runs" => measured.runs = value as usize,
            "lines" => measured.lines = value as usize,
            "total" => measured.total = value,
            phase => measured.phases.push((phase.to_owned(), value)),
        }
    }
    Ok(measured)
}

fn millis(nanos: u128) -> String {
    let ms = nanos as f64 / 1e6;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn phases(measured: &Measured) -> String {
    measured
        .phases
        .iter()
        .map(|(name, nanos)| format!("{name} {}", millis(*nanos)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn group(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The Markdown table of all files.
fn table(rows: &[(String, u64, Vec<Outcome>)]) -> String {
    let mut out = String::new();
    out.push_str("| file | bytes | ours (median) | progenitor (median) | ours / progenitor | lines ours | lines progenitor | µs per line, ours / progenitor | runs ours / progenitor |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (name, bytes, outcomes) in rows {
        let cell = |outcome: &Outcome| match outcome {
            Outcome::Handled(measured) => millis(measured.total),
            Outcome::NotHandled(_) => "not handled".to_owned(),
        };
        let lines = |outcome: &Outcome| match outcome {
            Outcome::Handled(measured) => group(measured.lines as u64),
            Outcome::NotHandled(_) => "–".to_owned(),
        };
        let runs = |outcome: &Outcome| match outcome {
            Outcome::Handled(measured) => measured.runs.to_string(),
            Outcome::NotHandled(_) => "–".to_owned(),
        };
        let ratio = match (&outcomes[0], &outcomes[1]) {
            (Outcome::Handled(ours), Outcome::Handled(theirs)) if theirs.total > 0 => {
                format!("{:.2}", ours.total as f64 / theirs.total as f64)
            }
            _ => "–".to_owned(),
        };
        let per_line = |outcome: &Outcome| match outcome {
            Outcome::Handled(measured) if measured.lines > 0 => {
                format!("{:.2}", measured.total as f64 / 1e3 / measured.lines as f64)
            }
            _ => "–".to_owned(),
        };
        let _ = writeln!(
            out,
            "| `{name}` | {} | {} | {} | {ratio} | {} | {} | {} / {} | {} / {} |",
            group(*bytes),
            cell(&outcomes[0]),
            cell(&outcomes[1]),
            lines(&outcomes[0]),
            lines(&outcomes[1]),
            per_line(&outcomes[0]),
            per_line(&outcomes[1]),
            runs(&outcomes[0]),
            runs(&outcomes[1]),
        );
    }
    out.push_str("\nPhases (medians of each phase over the same runs):\n\n");
    for (name, _, outcomes) in rows {
        for (tool, outcome) in [Tool::Ours, Tool::Progenitor].iter().zip(outcomes) {
            let text = match outcome {
                Outcome::Handled(measured) => phases(measured),
                Outcome::NotHandled(reason) => format!("not handled: {reason}"),
            };
            let _ = writeln!(out, "- `{name}`, {}: {text}", tool.arg());
        }
    }
    out
}

// ---- the child: one generator, one file ------------------------------------------------------

/// The message of the last panic, caught by the hook instead of printed.
static PANIC_MESSAGE: Mutex<Option<String>> = Mutex::new(None);

fn child(args: &[String]) -> Result<()> {
    let (tool, file, rest) = match args {
        [tool, file, rest @ ..] => (tool.as_str(), PathBuf::from(file), rest),
        _ => bail!("--child needs a tool and a file"),
    };
    let settings = parse_settings(rest)?;
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let is_json = file.extension().is_some_and(|ext| ext == "json");
    let origin = file_name(&file);
    std::panic::set_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(text) => (*text).to_owned(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "a panic without a message".to_owned()),
        };
        // Registry paths name the machine; keep them from the crate's directory on.
        let place = info
            .location()
            .map(|location| {
                let file = location.file();
                let file = file
                    .find("/registry/src/")
                    .and_then(|at| file[at + "/registry/src/".len()..].split_once('/'))
                    .map_or(file, |(_, rest)| rest);
                format!(" at {file}:{}", location.line())
            })
            .unwrap_or_default();
        if let Ok(mut slot) = PANIC_MESSAGE.lock() {
            *slot = Some(format!("{message}{place}"));
        }
    }));
    let run: Box<dyn Fn(bool) -> Result<Run, String>> = match tool {
        "ours" => Box::new(move |warm_up| ours(&text, &origin, is_json, warm_up)),
        "progenitor" => Box::new(move |_| progenitor(&text, is_json)),
        other => bail!("unknown tool {other}"),
    };
    match measure(&*run, &settings) {
        Ok(measured) => {
            let mut line = format!(
                "ok runs={} lines={} total={}",
                measured.runs, measured.lines, measured.total
            );
            for (phase, nanos) in &measured.phases {
                let _ = write!(line, " {phase}={nanos}");
            }
            println!("{line}");
        }
        Err(reason) => println!("fail {}", reason.replace('\n', " ")),
    }
    Ok(())
}

/// One timed run: its phases in order and the generated line count.
struct Run {
    phases: Vec<(&'static str, Duration)>,
    lines: usize,
}

/// Runs once untimed, then times runs until the settings are satisfied; medians per phase.
fn measure(
    run: &dyn Fn(bool) -> Result<Run, String>,
    settings: &Settings,
) -> Result<Measured, String> {
    let guarded =
        |warm_up: bool| match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(warm_up)
        })) {
            Ok(result) => result,
            Err(_) => Err(format!(
                "panicked: {}",
                PANIC_MESSAGE
                    .lock()
                    .ok()
                    .and_then(|mut slot| slot.take())
                    .unwrap_or_else(|| "no message".to_owned())
            )),
        };
    let warm = guarded(true)?;
    let lines = warm.lines;
    let names: Vec<&'static str> = warm.phases.iter().map(|(name, _)| *name).collect();
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); names.len()];
    let mut totals = Vec::new();
    let started = Instant::now();
    while totals.len() < settings.min_runs
        || (started.elapsed() < settings.budget && totals.len() < settings.max_runs)
    {
        let timed = guarded(false)?;
        let mut total = Duration::ZERO;
        for (index, (_, spent)) in timed.phases.iter().enumerate() {
            samples[index].push(*spent);
            total += *spent;
        }
        totals.push(total);
    }
    Ok(Measured {
        runs: totals.len(),
        lines,
        total: median(&mut totals).as_nanos(),
        phases: names
            .iter()
            .zip(samples.iter_mut())
            .map(|(name, spent)| ((*name).to_owned(), median(spent).as_nanos()))
            .collect(),
    })
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    match samples.len() {
        0 => Duration::ZERO,
        len if len % 2 == 1 => samples[len / 2],
        len => (samples[len / 2 - 1] + samples[len / 2]) / 2,
    }
}

fn line_count(text: &str) -> usize {
    text.lines().count()
}

/// Our pipeline, phase by phase: the calls `codegen::generate` makes, after `codegen::spec::parse`.
///
/// On the warm-up run it also checks that the phases still add up to `codegen::generate`.
fn ours(text: &str, origin: &str, is_json: bool, warm_up: bool) -> Result<Run, String> {
    let options = codegen::Options {
        source_label: origin.to_owned(),
        ..codegen::Options::default()
    };
    let t0 = Instant::now();
    let spec = codegen::spec::parse(text, origin, is_json).map_err(|error| error.to_string())?;
    let t1 = Instant::now();
    let lowered = codegen::lower::lower(&spec).map_err(|error| error.to_string())?;
    let t2 = Instant::now();
    let emitted = codegen::emit::emit(&lowered.api, &options.emit);
    let t3 = Instant::now();
    let mut files = emitted
        .into_iter()
        .map(|file| codegen::render::render(file, &options.source_label))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| error.to_string())?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let t4 = Instant::now();
    let lines = files.iter().map(|file| line_count(&file.contents)).sum();
    if warm_up {
        let whole = codegen::generate(&spec, &options).map_err(|error| error.to_string())?;
        if whole.files != files {
            return Err(
                "the phase split no longer matches codegen::generate; update genbench".into(),
            );
        }
    }
    Ok(Run {
        phases: vec![
            ("parse", t1 - t0),
            ("lower", t2 - t1),
            ("emit", t3 - t2),
            ("format", t4 - t3),
        ],
        lines,
    })
}

/// Progenitor the way its README's `build.rs` uses it: parse the document into `openapiv3`,
/// `Generator::generate_tokens`, then `syn::parse2` and `prettyplease::unparse`.
fn progenitor(text: &str, is_json: bool) -> Result<Run, String> {
    let t0 = Instant::now();
    let spec: openapiv3::OpenAPI = if is_json {
        serde_json::from_str(text).map_err(|error| format!("parse: {error}"))?
    } else {
        // The way ours reads YAML (streamed into JSON text), which carries the integers beyond
        // 64 bits of the corpus through where a direct `serde_norway` read into `openapiv3` fails.
        let mut json = Vec::with_capacity(text.len());
        serde_transcode::transcode(
            serde_norway::Deserializer::from_str(text),
            &mut serde_json::Serializer::new(&mut json),
        )
        .map_err(|error| format!("parse: {error}"))?;
        serde_json::from_slice(&json).map_err(|error| format!("parse: {error}"))?
    };
    let t1 = Instant::now();
    let mut generator = progenitor::Generator::new(&progenitor::GenerationSettings::default());
    let tokens = generator
        .generate_tokens(&spec)
        .map_err(|error| format!("generate_tokens: {error}"))?;
    let t2 = Instant::now();
    let file: syn::File =
        syn::parse2(tokens).map_err(|error| format!("output does not parse: {error}"))?;
    let formatted = prettyplease::unparse(&file);
    let t3 = Instant::now();
    Ok(Run {
        phases: vec![
            ("parse", t1 - t0),
            ("generate_tokens", t2 - t1),
            ("format", t3 - t2),
        ],
        lines: line_count(&formatted),
    })
}
