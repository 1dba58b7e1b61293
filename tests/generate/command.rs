//! A seeded plan of any size, to try steward at scale and to measure it:
//!
//! ```text
//! cargo run --release --example generate -- SIZE [--wide] [--seed N] [-o FILE]
//! ```
//!
//! SIZE is `50x20`, `500x100`, `1mb` (1,500 rows and 300 people with long consulted
//! and informed lists: about 1 MB), `5000x1000`, or any `ROWSxPEOPLE`. The same size and seed
//! give the same plan on every machine. Without `-o` the plan goes to standard output.

mod plan;

use std::io::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: generate SIZE [--wide] [--seed N] [-o FILE]\n\
    SIZE: 50x20, 500x100, 1mb, 5000x1000, or ROWSxPEOPLE";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut spec = None;
    let mut wide = false;
    let mut seed = None;
    let mut out = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--wide" => wide = true,
            "--seed" => {
                let n = args.next().ok_or("--seed takes a number")?;
                seed = Some(n.parse::<u64>().map_err(|_| format!("not a seed: {n}"))?);
            }
            "-o" | "--output" => out = Some(args.next().ok_or("-o takes a file")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            size if spec.is_none() => {
                spec = Some(plan::Spec::named(size).ok_or(format!("not a size: {size}"))?);
            }
            other => return Err(format!("unexpected argument: {other}")),
        }
    }
    let mut spec = spec.ok_or("which size?")?;
    spec.wide |= wide;
    if let Some(seed) = seed {
        spec.seed = seed;
    }
    let text = plan::plan(&spec);
    if let Some(path) = out {
        return std::fs::write(&path, text).map_err(|e| format!("cannot write {path}: {e}"));
    }
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the plan: {e}"))
}
