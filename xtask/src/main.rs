//! Command-line entry of the maintainer tasks: `cargo xtask generate [--check]`, `drift` and `test`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::generate::{self, Mode, workspace_root};
use xtask::{drift, since};

const USAGE: &str = "usage: cargo xtask <generate [--check] | drift ... | test>

  generate          regenerate partner-models/src/generated from spec/partner-center.yaml
  generate --check  change nothing; fail with a diff when the committed code has drifted
  drift --docs PATH... [--accepted FILE | --no-accepted] [--strict] [--format text|json]
                    compare the source documents with the spec; differences listed in
                    spec/drift-accepted.yaml (or FILE) are accepted; fails on an extraction
                    failure or an unaccepted error, and with --strict also on unaccepted
                    informational findings and stale accepted entries
  drift --since REV compare the spec with the spec at git revision REV; fails on a breaking
                    change unless the partner-models version was bumped for it
  test              validate the spec, check generated code, check drift, run every test";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        ["generate"] => run_generate(Mode::Write),
        ["generate", "--check"] => run_generate(Mode::Check),
        ["drift", "--since", revision] => {
            workspace_root().and_then(|root| run_since(&root, revision))
        }
        ["drift", rest @ ..] if rest.first() == Some(&"--docs") => match parse_docs(rest) {
            Some(arguments) => run_docs(arguments),
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        ["test"] => workspace_root().and_then(|root| xtask::test::run(&root)),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_generate(mode: Mode) -> anyhow::Result<()> {
    let report = generate::run(&workspace_root()?, mode)?;
    let verb = if mode == Mode::Check {
        "checked"
    } else {
        "generated"
    };
    println!("{verb} {report}");
    Ok(())
}

/// The arguments of `drift --docs`.
struct DocsArguments {
    documents: Vec<PathBuf>,
    accepted: Accepted,
    strict: bool,
    json: bool,
}

/// Which accepted file to read.
enum Accepted {
    Default,
    File(PathBuf),
    None,
}

fn parse_docs(arguments: &[&str]) -> Option<DocsArguments> {
    let mut parsed = DocsArguments {
        documents: Vec::new(),
        accepted: Accepted::Default,
        strict: false,
        json: false,
    };
    let mut rest = arguments.iter().skip(1);
    while let Some(argument) = rest.next() {
        match *argument {
            "--accepted" => parsed.accepted = Accepted::File(PathBuf::from(rest.next()?)),
            "--no-accepted" => parsed.accepted = Accepted::None,
            "--strict" => parsed.strict = true,
            "--format" => match *rest.next()? {
                "json" => parsed.json = true,
                "text" => parsed.json = false,
                _ => return None,
            },
            other if other.starts_with("--") => return None,
            document => parsed.documents.push(PathBuf::from(document)),
        }
    }
    (!parsed.documents.is_empty()).then_some(parsed)
}

fn run_docs(arguments: DocsArguments) -> anyhow::Result<()> {
    let root = workspace_root()?;
    let accepted = match arguments.accepted {
        Accepted::Default => Some(root.join(drift::ACCEPTED)),
        Accepted::File(path) => Some(path),
        Accepted::None => None,
    };
    let outcome = drift::run_docs(&drift::DocsOptions {
        documents: arguments.documents,
        spec: root.join(generate::SPEC),
        accepted,
    })?;
    if arguments.json {
        println!("{:#}", drift::report::json(&outcome, arguments.strict));
    } else {
        print!("{}", drift::report::text(&outcome, arguments.strict));
    }
    if outcome.passes(arguments.strict) {
        Ok(())
    } else {
        anyhow::bail!("the documents and the spec disagree (see the report above)")
    }
}

fn run_since(root: &Path, revision: &str) -> anyhow::Result<()> {
    let outcome = since::run(root, revision)?;
    print!("{}", since::text(&outcome));
    match outcome.verdict() {
        Ok(()) => Ok(()),
        Err(message) => anyhow::bail!(message),
    }
}
