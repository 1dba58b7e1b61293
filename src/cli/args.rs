//! What clap is told: the commands, their options, every value with what it means, and
//! an example or two for each, so that `--help`, the man page and the shell completions
//! all say the same.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::{templates, text};

const EXAMPLES: &str = "\
Examples:
  steward                          open ./steward.toml, else your default plan
  steward plan.toml                open plan.toml in the matrix
  steward check plan.toml          list its problems; exit 1 on errors
  steward init plan.toml --template agency

Each command has its own help: steward help check, steward check --help.";

/// Who owns each of our social media channels? A RACI matrix for a small business's
/// channels, with every channel that has no accountable owner, or several, pointed out.
#[derive(Debug, Parser)]
#[command(
    name = "steward",
    version,
    override_usage = "steward [OPTIONS] [FILE]\n       steward [OPTIONS] <COMMAND>",
    after_help = EXAMPLES,
    max_term_width = 100,
    subcommand_value_name = "COMMAND"
)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,

    /// The plan to open in the matrix. Without it: ./steward.toml if present, else your
    /// default plan (created from the built-in example on first run).
    #[arg(value_name = "FILE")]
    pub(super) file: Option<PathBuf>,

    #[command(flatten)]
    pub(super) day: Day,

    #[command(flatten)]
    pub(super) color: colorchoice_clap::Color,
}

/// `--today`, for the commands that check a plan on a day.
#[derive(Debug, Clone, Copy, Args)]
pub(super) struct Day {
    /// Check the plan as of this day instead of today (YYYY-MM-DD): it decides which
    /// reviews are stale and who has left or is leaving.
    #[arg(long, env = "STEWARD_TODAY", value_parser = parse_day, value_name = "DATE")]
    pub(super) today: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Print the plan's problems, compiler style. Exit 1 when there are errors.
    #[command(after_help = "\
Examples:
  steward check plan.toml
  steward check plan.toml --strict              exit 1 on warnings too
  steward check plan.toml --format json | jq '.problems[].code'
  cat plan.toml | steward check -               the plan on standard input")]
    Check {
        /// The plan; `-` reads it from standard input (default: ./steward.toml, else
        /// your default plan; never created).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// How to print the problems.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 1 on warnings too, not only on errors.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        day: Day,
    },
    /// Print the plan's matrix and problems: Markdown for a handbook or wiki, CSV for a
    /// spreadsheet, HTML for the printed workshop handout, JSON for other programs.
    #[command(after_help = "\
Examples:
  steward export plan.toml --format md > plan.md
  steward export plan.toml --format html -o handout.html
  steward export plan.toml --format json | jq '.channels[].accountable'")]
    Export {
        /// The plan; `-` reads it from standard input (default: as for `check`).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// What to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output, all at once (never over the
        /// plan itself); `-` is standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// With `--format html`: a section on what changed since this older plan (a
        /// file, or `git show HEAD~1:plan.toml` saved to one).
        #[arg(long, value_name = "OLD")]
        changes_since: Option<PathBuf>,
        #[command(flatten)]
        day: Day,
    },
    /// Write a starter plan. Never overwrites a file.
    #[command(after_help = "\
Examples:
  steward init                                  ./steward.toml from the solo template
  steward init plan.toml --template hub-and-spoke --name \"Harbour Bakery\"")]
    Init {
        /// Where to write it.
        #[arg(default_value = "steward.toml", value_name = "FILE")]
        file: PathBuf,
        /// Which starter plan (`steward templates` describes each).
        #[arg(long, default_value = templates::DEFAULT, value_name = "NAME", value_parser = template_names())]
        template: String,
        /// The business's name, for the plan's title.
        #[arg(long, value_name = "BUSINESS")]
        name: Option<String>,
    },
    /// List the starter plans `init` can write.
    #[command(after_help = "\
Examples:
  steward templates
  steward init plan.toml --template centralized")]
    Templates,
    /// Make a plan of a RACI matrix saved from a spreadsheet as CSV.
    #[command(after_help = "\
Examples:
  steward import raci.csv -o plan.toml
  steward export old.toml --format csv | steward import - > new.toml")]
    Import {
        /// The CSV file: parties across the first row, channels down the first column;
        /// `-` reads it from standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Write the plan to this new file (never overwrites) instead of standard output;
        /// `-` is standard output.
        #[arg(short, long, value_name = "PLAN")]
        output: Option<PathBuf>,
    },
    /// What would break if these people left today: rows that lose their accountable,
    /// their only responsible, their last login on staff, and the plan its lead. Exit 1
    /// when something would.
    #[command(after_help = "\
Examples:
  steward whatif plan.toml --leaves ana
  steward whatif plan.toml --leaves \"Ana Ruiz\" --leaves sam --format json")]
    Whatif {
        /// The plan.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Someone who leaves, by id (or name); once per person.
        #[arg(long = "leaves", required = true, value_name = "PERSON")]
        leaves: Vec<String>,
        /// How to print what would break.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// A live mirror of a plan being edited in another steward, for a second screen: it
    /// shows the editor's unsaved edits within half a second, takes no lock and writes
    /// nothing.
    #[command(after_help = "\
Examples:
  steward view plan.toml              beside `steward plan.toml` in another terminal
  steward view plan.toml --present    the mirror in presenter mode, for a projector")]
    View {
        /// The plan another steward edits.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Start in presenter mode (P switches it, as in the editor).
        #[arg(long)]
        present: bool,
        #[command(flatten)]
        day: Day,
    },
    /// Show what changed in responsibilities between two plans. Exit 1 when they differ.
    ///
    /// Who gained or lost which role; channels, duties, people and departments added,
    /// removed or renamed; the problems that appeared or were fixed. Comments, layout and
    /// the order of entries do not count. git can run it as a diff driver or difftool
    /// (see the README).
    #[command(after_help = "\
Examples:
  steward diff old.toml new.toml
  git show HEAD~1:plan.toml | steward diff - plan.toml
  git difftool -x 'steward diff' -y")]
    Diff {
        /// OLD NEW (one of them may be `-`, standard input), or the 7 or 9 arguments git
        /// gives an external diff command.
        #[arg(required = true, value_name = "OLD NEW")]
        files: Vec<PathBuf>,
        /// How to print the changes.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 0 when the plans differ too (git before 2.46 takes any other exit code of
        /// an external diff command as a failure).
        #[arg(long)]
        exit_zero: bool,
        #[command(flatten)]
        day: Day,
    },
    /// Print a completion script for a shell.
    #[command(after_help = "\
Examples:
  source <(steward completions bash)            in ~/.bashrc
  steward completions zsh > ~/.zfunc/_steward
  steward completions fish > ~/.config/fish/completions/steward.fish")]
    Completions {
        /// The shell to complete steward's commands and options in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "\
Examples:
  steward man | man -l -
  steward man > ~/.local/share/man/man1/steward.1
  steward man check | man -l -")]
    Man {
        /// A command's own page (`steward-check`) instead of steward's.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
}

impl Command {
    /// `--today` after the command, when the command takes it.
    pub(super) fn day(&self) -> Option<Day> {
        match self {
            Command::Check { day, .. }
            | Command::Export { day, .. }
            | Command::View { day, .. }
            | Command::Diff { day, .. } => Some(*day),
            _ => None,
        }
    }

    /// The command's name, as typed.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::Export { .. } => "export",
            Command::Init { .. } => "init",
            Command::Templates => "templates",
            Command::Import { .. } => "import",
            Command::Whatif { .. } => "whatif",
            Command::View { .. } => "view",
            Command::Diff { .. } => "diff",
            Command::Completions { .. } => "completions",
            Command::Man { .. } => "man",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum CheckFormat {
    /// For people: compiler-style messages and a summary line.
    Text,
    /// For programs: one JSON object, `"version": 1` (schemas under assets/schemas).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ExportFormat {
    /// The matrix as a Markdown table, a legend and the problems.
    Md,
    /// The matrix only, one record per row, for a spreadsheet or for reading back in.
    Csv,
    /// A self-contained page to print as the workshop handout.
    Html,
    /// Everything, for other programs, `"version": 1`.
    Json,
}

/// The template names, each with its summary: `--help` lists them, clap refuses any
/// other and suggests the nearest, and the shell completions offer them.
fn template_names() -> PossibleValuesParser {
    PossibleValuesParser::new(templates::TEMPLATES.iter().map(|t| {
        let (_, summary) = t.title_and_summary();
        PossibleValue::new(t.name).help(summary)
    }))
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    text::parse_date(s)
        .ok_or_else(|| format!("`{}` is not a date like 2026-11-23", text::one_line(s)))
}
