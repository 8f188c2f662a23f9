//! Command-line entry of the maintainer tasks: `cargo xtask generate [--check]` and `cargo xtask test`.

use std::process::ExitCode;

use xtask::generate::{self, Mode, workspace_root};

const USAGE: &str = "usage: cargo xtask <generate [--check] | test>

  generate          regenerate partner-models/src/generated from spec/partner-center.yaml
  generate --check  change nothing; fail with a diff when the committed code has drifted
  test              validate the spec, check generated code, run every test";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        ["generate"] => run_generate(Mode::Write),
        ["generate", "--check"] => run_generate(Mode::Check),
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
