//! `cargo run -p codegen -- --spec FILE --out DIR`: writes a standalone crate for any API.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use codegen::error::Loss;
use codegen::output::Mode;
use codegen::standalone::{CrateSettings, RuntimeSource, write_crate};

const USAGE: &str = "usage: codegen --spec FILE --out DIR [--crate-name NAME]
               [--runtime-path PATH | --runtime-version VERSION]
               [--operations ID,...] [--types NAME,...] [--report] [--check]

Writes a standalone crate with the typed, lossless models of an OpenAPI 3.0 or 3.1 description
and, behind its default `client` feature, a client of its operations. A 3.1 description is read
through a translation into 3.0; `--report` lists what that leaves untyped.

  --spec FILE              the description, YAML or JSON (`.json` is read as JSON)
  --out DIR                the crate's directory; created if missing, only changed files are written
  --crate-name NAME        the package name (default: the directory's name)
  --runtime-path PATH      depend on codegen-runtime at PATH (default: beside this generator)
  --runtime-version VER    depend on codegen-runtime VER from crates.io instead
  --operations ID,...      generate only these operations (by operationId)
  --types NAME,...         generate only these schemas (by key or Rust name) and what the
                           generated operations use; everything they reference comes along
  --report                 print one line per value kept as raw JSON (`untyped POINTER:
                           REASON`) and per part not generated (`skipped POINTER: REASON`)
  --check                  change nothing; print a diff and fail when the crate differs
  -h, --help               print this help";

/// The parsed command line.
struct Arguments {
    spec: PathBuf,
    out: PathBuf,
    crate_name: Option<String>,
    runtime: RuntimeSource,
    filter: codegen::Filter,
    report: bool,
    check: bool,
}

fn parse(args: &[String]) -> Result<Option<Arguments>, String> {
    let mut spec = None;
    let mut out = None;
    let mut crate_name = None;
    let mut runtime = None;
    let mut check = false;
    let mut report = false;
    let mut filter = codegen::Filter::default();
    let list = |text: String| -> Vec<String> {
        text.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--runtime-path" | "--runtime-version" if runtime.is_some() => {
                return Err("give --runtime-path or --runtime-version, not both".to_owned());
            }
            "--runtime-path" => {
                runtime = Some(RuntimeSource::Path(PathBuf::from(value("--runtime-path")?)));
            }
            "--runtime-version" => {
                runtime = Some(RuntimeSource::Version(value("--runtime-version")?));
            }
            "--operations" => filter.operations = Some(list(value("--operations")?)),
            "--types" => filter.types = Some(list(value("--types")?)),
            "--check" => check = true,
            "--report" => report = true,
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Some(Arguments {
        spec: spec.ok_or("--spec is required")?,
        out: out.ok_or("--out is required")?,
        crate_name,
        runtime: runtime.unwrap_or_default(),
        filter,
        report,
        check,
    }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arguments = match parse(&args) {
        Ok(Some(arguments)) => arguments,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("error: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn run(arguments: &Arguments) -> Result<(), String> {
    let started = Instant::now();
    let spec = codegen::spec::load(&arguments.spec).map_err(|error| chain(&error))?;
    let name = match &arguments.crate_name {
        Some(name) => name.clone(),
        None => std::path::absolute(&arguments.out)
            .ok()
            .and_then(|dir| {
                dir.file_name()
                    .map(|name| name.to_string_lossy().into_owned())
            })
            .ok_or_else(|| {
                format!(
                    "cannot name a crate after {}; give --crate-name",
                    arguments.out.display()
                )
            })?,
    };
    let settings = CrateSettings {
        name,
        runtime: arguments.runtime.clone(),
        spec_label: arguments.spec.display().to_string(),
        filter: arguments.filter.clone(),
    };
    let mode = if arguments.check {
        Mode::Check
    } else {
        Mode::Write
    };
    let written =
        write_crate(&spec, &arguments.out, &settings, mode).map_err(|error| chain(&error))?;
    let count = |loss: Loss| {
        written
            .generation
            .warnings
            .iter()
            .filter(|warning| warning.loss == loss)
            .count()
    };
    for warning in &written.generation.warnings {
        match (arguments.report, warning.loss) {
            (true, Loss::Untyped) => println!("untyped {}{warning}", settings.spec_label),
            (true, Loss::Skipped) => println!("skipped {}{warning}", settings.spec_label),
            _ => eprintln!("warning: {}{warning}", settings.spec_label),
        }
    }
    let diff = written.diff();
    if !diff.is_empty() {
        return Err(format!(
            "{diff}\nthe crate in {} is out of date with {}; run the command without --check",
            arguments.out.display(),
            settings.spec_label
        ));
    }
    let api = &written.generation.api;
    println!(
        "{verb} {}: {} types ({} enums), {} operations, {} untyped, {} skipped; {} written, {} unchanged, {} removed in {} ms",
        arguments.out.display(),
        api.types.len(),
        api.enum_count(),
        api.operations.len(),
        count(Loss::Untyped),
        count(Loss::Skipped),
        written.written(),
        written.unchanged(),
        written.removed(),
        started.elapsed().as_millis(),
        verb = if arguments.check { "checked" } else { "wrote" },
    );
    Ok(())
}

/// The error and each cause, joined by `: `.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        text.push_str(&format!(": {next}"));
        cause = next.source();
    }
    text
}
