//! Command-line entry of the maintainer tasks: `cargo xtask generate [--check]`.

use std::process::ExitCode;

use xtask::generate::{Mode, run, workspace_root};

const USAGE: &str = "usage: cargo xtask generate [--check]

  generate          regenerate partner-models/src/generated from spec/partner-center.yaml
  generate --check  change nothing; fail with a diff when the committed code has drifted";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate"] => Mode::Write,
        ["generate", "--check"] => Mode::Check,
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&workspace_root(), mode) {
        Ok(report) => {
            let verb = if mode == Mode::Check { "checked" } else { "generated" };
            println!("{verb} {report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
