//! The command line: `steward [FILE]`, `check`, `export`, `init`, `templates`, `import`,
//! `diff`, `whatif`.
//!
//! Exit codes, for every command: 0 fine; 1 `check` found errors (with `--strict`,
//! errors or warnings), or `diff` found the plans differ; 2 the input could not be read,
//! parsed or understood.
//!
//! It is one file though long: each command is a short function from its arguments to
//! an exit code, over the few helpers they share (`load`, `emit`, `create_new`); the work
//! itself is the library's.

use std::fmt::Write as _;
use std::io::{self, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Plan;
use crate::model::problem::Counts;
use crate::model::rules;
use crate::report::{self, Paint};
use crate::store::{self, Loaded};
use crate::{export, templates, text};

/// Who owns each of our social media channels? A RACI matrix for a small business's
/// channels, with every channel that has no accountable owner, or several, pointed out.
#[derive(Debug, Parser)]
#[command(name = "steward", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// The plan to open. Without it: ./steward.toml if present, else your default plan
    /// (created from the built-in example on first run).
    file: Option<PathBuf>,

    /// The day to check the plan on, instead of today (YYYY-MM-DD).
    #[arg(long, global = true, env = "STEWARD_TODAY", value_parser = parse_day, value_name = "DATE")]
    today: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the plan's problems, compiler style. Exit 1 when there are errors.
    Check {
        /// The plan (default: as for `steward` without a command, never created).
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 1 on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Print the plan's matrix and problems: Markdown for a handbook or wiki, CSV for a
    /// spreadsheet, HTML for the printed workshop handout, JSON for other programs.
    Export {
        /// The plan (default: as for `check`).
        file: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output (never the plan itself).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Write a starter plan. Never overwrites a file.
    Init {
        /// Where to write it.
        #[arg(default_value = "steward.toml")]
        file: PathBuf,
        /// Which starter plan (see `steward templates`).
        #[arg(long, default_value = templates::DEFAULT, value_name = "NAME")]
        template: String,
        /// The business's name, for the plan's title.
        #[arg(long, value_name = "BUSINESS")]
        name: Option<String>,
    },
    /// List the starter plans `init` can write.
    Templates,
    /// Make a plan of a RACI matrix saved from a spreadsheet as CSV.
    Import {
        /// The CSV file: parties across the first row, channels down the first column.
        file: PathBuf,
        /// Write the plan to this new file (never overwrites) instead of standard output.
        #[arg(short, long, value_name = "PLAN")]
        output: Option<PathBuf>,
    },
    /// What would break if these people left today: rows that lose their accountable,
    /// their only responsible, their last login on staff, and the plan its lead. Exit 1
    /// when something would.
    Whatif {
        /// The plan.
        file: PathBuf,
        /// Someone who leaves, by id (or name); once per person.
        #[arg(long = "leaves", required = true, value_name = "PERSON")]
        leaves: Vec<String>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Show what changed in responsibilities between two plans. Exit 1 when they differ.
    ///
    /// Who gained or lost which role; channels, duties, people and departments added,
    /// removed or renamed; the problems that appeared or were fixed. Comments, layout and
    /// the order of entries do not count.
    Diff {
        /// OLD NEW, or the 7 arguments git gives an external diff command.
        #[arg(required = true, value_name = "OLD NEW")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 0 when the plans differ too (git before 2.46 takes any other exit code of
        /// an external diff command as a failure).
        #[arg(long)]
        exit_zero: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// The matrix as a Markdown table, a legend and the problems.
    Md,
    /// The matrix only, one record per row, for a spreadsheet or for reading back in.
    Csv,
    /// A self-contained page to print as the workshop handout.
    Html,
    /// Everything, for other programs.
    Json,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    text::parse_date(s)
        .ok_or_else(|| format!("`{}` is not a date like 2026-11-23", text::one_line(s)))
}

/// What went wrong, already worded for the user; it exits 2.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure(message.into())
    }
}

/// Runs steward with the process's arguments and returns its exit code.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            let mut err = io::stderr().lock();
            let _ = err.write_all(message.as_bytes());
            if !message.ends_with('\n') {
                let _ = err.write_all(b"\n");
            }
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match cli.command {
        None => open(cli.file, today),
        Some(Command::Check {
            file,
            format,
            strict,
        }) => check(file, format, strict, today),
        Some(Command::Export {
            file,
            format,
            output,
        }) => export(file, format, output.as_deref(), today),
        Some(Command::Init {
            file,
            template,
            name,
        }) => init(&file, &template, name.as_deref()),
        Some(Command::Whatif {
            file,
            leaves,
            format,
        }) => whatif(&file, &leaves, format),
        Some(Command::Templates) => list_templates(),
        Some(Command::Import { file, output }) => import(&file, output.as_deref()),
        Some(Command::Diff {
            files,
            format,
            exit_zero,
        }) => diff(&files, format, exit_zero, today),
    }
}

fn check(
    file: Option<PathBuf>,
    format: CheckFormat,
    strict: bool,
    today: NaiveDate,
) -> Result<u8, Failure> {
    let path = existing_plan(file)?;
    let loaded = load(&path)?;
    let problems = rules::check(&loaded.plan, today);
    let label = path.display().to_string();
    match format {
        CheckFormat::Text => {
            let paint = Paint::detect(io::stdout().is_terminal());
            emit(&report::problems(&label, &loaded.text, &problems, paint))?;
        }
        CheckFormat::Json => emit(&export::to_string(&export::check_json(&label, &problems)))?,
    }
    let counts = Counts::of(&problems);
    Ok(u8::from(
        counts.errors > 0 || (strict && counts.warnings > 0),
    ))
}

fn export(
    file: Option<PathBuf>,
    format: ExportFormat,
    output: Option<&Path>,
    today: NaiveDate,
) -> Result<u8, Failure> {
    let path = existing_plan(file)?;
    let loaded = load(&path)?;
    let problems = rules::check(&loaded.plan, today);
    let plan = &loaded.plan;
    let text = match format {
        ExportFormat::Md => export::markdown::document(plan, &problems, today),
        ExportFormat::Csv => export::csv::table(plan)
            .map_err(|e| Failure::new(format!("error: cannot write the CSV: {e}")))?,
        ExportFormat::Html => export::html::page(plan, &problems, today),
        ExportFormat::Json => export::to_string(&export::plan_json(plan, &problems)),
    };
    match output {
        // CSV keeps names exactly as they are, so on a terminal its escape sequences
        // are shown, not run; a pipe or a file gets the exact bytes.
        None if io::stdout().is_terminal() => emit(&terminal_safe(&text))?,
        None => emit(&text)?,
        Some(out) => {
            let shown = text::path(out);
            store::write_output(out, &path, text.as_bytes()).map_err(|e| {
                Failure::new(match e {
                    store::ExportError::IsThePlan => {
                        format!("error: {shown} is the plan itself; export writes to another file")
                    }
                    store::ExportError::Io(e) => {
                        format!("error: cannot write {shown}: {}", store::io_reason(&e))
                    }
                })
            })?;
        }
    }
    Ok(0)
}

fn init(file: &Path, template: &str, name: Option<&str>) -> Result<u8, Failure> {
    let Some(chosen) = templates::find(template) else {
        let names: Vec<&str> = templates::TEMPLATES.iter().map(|t| t.name).collect();
        let guess = text::nearest(template, names.iter().copied())
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        return Err(Failure::new(format!(
            "error: there is no template `{}`{guess}; the templates are: {}",
            text::one_line(template),
            names.join(", ")
        )));
    };
    let contents = match name {
        None => chosen.text.to_string(),
        Some(name) => named(chosen.text, name)?,
    };
    create_new(file, contents.as_bytes(), NewFile::Output("init"))?;
    let shown = text::path(file);
    emit(&format!(
        "wrote {shown} from the `{}` template\n\
         next: `steward {shown}` to edit it, `steward check {shown}` to check it\n",
        chosen.name
    ))?;
    Ok(0)
}

/// A template's text with the plan named `name`: the one settings edit, through the
/// same document mirror a save uses, so the rest of the text stays as it was.
fn named(template: &str, name: &str) -> Result<String, Failure> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Failure::new(
            "error: --name takes the business's name, in one line of text",
        ));
    }
    let mut editor = crate::tui::Editor::from_text(template, NaiveDate::default())
        .map_err(|e| Failure::new(format!("error: the template does not read: {e}")))?;
    let mut settings = editor.plan().settings.clone();
    settings.name = Some(name.to_string());
    editor
        .apply(
            crate::model::edit::Edit::Settings(settings),
            "named the plan",
        )
        .map_err(|e| Failure::new(format!("error: cannot name the plan: {e}")))?;
    Ok(editor.text())
}

/// `whatif FILE --leaves ID…`: exit 1 when something would break.
fn whatif(file: &Path, leaves: &[String], format: CheckFormat) -> Result<u8, Failure> {
    let loaded = load(file)?;
    let plan = &loaded.plan;
    let mut ids: Vec<String> = Vec::new();
    for typed in leaves {
        let id = person_id(plan, typed)
            .map_err(|why| Failure::new(format!("error: {why} in {}", text::path(file))))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let report = crate::model::whatif::leaving(plan, &ids);
    match format {
        CheckFormat::Text => emit(&export::whatif::text(plan, &report))?,
        CheckFormat::Json => emit(&export::to_string(&export::whatif::json(
            &file.display().to_string(),
            plan,
            &report,
        )))?,
    }
    Ok(u8::from(!report.breaks.is_empty()))
}

/// The person `typed` names: their id, or their name (case and accents aside).
fn person_id(plan: &Plan, typed: &str) -> Result<String, String> {
    if plan.person(typed).is_some() {
        return Ok(typed.to_string());
    }
    let want = text::folded(typed.trim());
    let by_name: Vec<&str> = plan
        .people
        .iter()
        .filter(|p| text::folded(&p.name) == want)
        .map(|p| p.id.as_str())
        .collect();
    if let [one] = by_name.as_slice() {
        return Ok((*one).to_string());
    }
    let shown = text::one_line(typed);
    if plan.department(typed).is_some() {
        return Err(format!(
            "`{shown}` is a department; --leaves names people (by id or name)"
        ));
    }
    let ids = plan.people.iter().map(|p| p.id.as_str());
    let names = plan.people.iter().map(|p| p.name.as_str());
    let by_name = text::nearest_by_words(typed, names)
        .and_then(|n| plan.people.iter().find(|p| p.name == n))
        .map(|p| p.id.as_str());
    let guess = text::nearest(typed, ids)
        .or(by_name)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    Err(format!("there is no person `{shown}`{guess}"))
}

fn list_templates() -> Result<u8, Failure> {
    let width = templates::TEMPLATES
        .iter()
        .map(|t| t.name.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for t in templates::TEMPLATES {
        let (title, summary) = t.title_and_summary();
        let default = if t.name == templates::DEFAULT {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(out, "{:width$}  {title}: {summary}{default}", t.name);
    }
    out.push_str("\nwrite one with: steward init [FILE] --template NAME\n");
    emit(&out)?;
    Ok(0)
}

fn import(file: &Path, output: Option<&Path>) -> Result<u8, Failure> {
    let plan = crate::import::read(file).map_err(|e| Failure::new(e.message(file)))?;
    let text = store::to_toml(&plan);
    // What is written must read back as the same plan; if it would not, nothing is.
    if store::parse(&text).ok().as_ref() != Some(&plan) {
        return Err(Failure::new(format!(
            "error: the plan made of {} does not read back the same; nothing was written \
             (this is a bug in steward: please report it with the file)",
            text::path(file)
        )));
    }
    let Some(out) = output else {
        emit(&text)?;
        return Ok(0);
    };
    create_output(out, text.as_bytes())?;
    let shown = text::path(out);
    // "person" and "people": a plural of its own.
    let counted =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    emit(&format!(
        "wrote {shown}: {}, {}, {}\nnext: `steward check {shown}` to see its problems, \
         `steward {shown}` to edit it\n",
        counted(plan.rows.len(), "channel", "channels"),
        counted(plan.people.len(), "person", "people"),
        counted(plan.departments.len(), "department", "departments"),
    ))?;
    Ok(0)
}

/// `diff OLD NEW`, or git's external diff calling convention: `PATH OLD-FILE OLD-HEX
/// OLD-MODE NEW-FILE NEW-HEX NEW-MODE`, two more (`NEW-PATH INFO`) for a rename, and only
/// `PATH` for a file with a merge conflict. `/dev/null` is an empty plan: an added or
/// deleted file.
fn diff(
    files: &[PathBuf],
    format: CheckFormat,
    exit_zero: bool,
    today: NaiveDate,
) -> Result<u8, Failure> {
    let shown = |p: &Path| p.display().to_string();
    let (old, new, old_label, new_label) = match files {
        [old, new] => (old, new, shown(old), shown(new)),
        [path, old, _, _, new, _, _] => (old, new, shown(path), shown(path)),
        [path, old, _, _, new, _, _, new_path, _] => (old, new, shown(path), shown(new_path)),
        [path] => {
            emit(&format!(
                "{}: unmerged; resolve the conflict, then compare the plans\n",
                text::safe(&shown(path))
            ))?;
            return Ok(0);
        }
        other => {
            return Err(Failure::new(format!(
                "error: diff compares two plans: `steward diff OLD NEW` (or the 7 arguments \
                 git gives an external diff command); got {} argument{}",
                other.len(),
                text::plural(other.len())
            )));
        }
    };
    let nothing = Path::new("/dev/null");
    let read = |path: &Path| -> Result<Option<Plan>, Failure> {
        if path == nothing {
            Ok(None)
        } else {
            load(path).map(|l| Some(l.plan))
        }
    };
    let (old_plan, new_plan) = (read(old)?, read(new)?);
    let old_file = old_plan.is_some().then_some(old_label.as_str());
    let new_file = new_plan.is_some().then_some(new_label.as_str());
    let changes = crate::diff::compare(old_plan.as_ref(), new_plan.as_ref(), today);
    let (old_plan, new_plan) = (old_plan.unwrap_or_default(), new_plan.unwrap_or_default());
    match format {
        CheckFormat::Text => {
            let title = match (old_file, new_file) {
                (None, Some(n)) => format!("{n} (new plan)"),
                (Some(o), None) => format!("{o} (deleted)"),
                (Some(o), Some(n)) if o == n => o.to_string(),
                (Some(o), Some(n)) => format!("{o} -> {n}"),
                (None, None) => "/dev/null".to_string(),
            };
            // git sets GIT_PAGER_IN_USE when it pipes into its pager, which shows colour.
            let git_pager = std::env::var_os("GIT_PAGER_IN_USE").is_some_and(|v| v == "true");
            let paint = Paint::detect(io::stdout().is_terminal() || git_pager);
            emit(&crate::diff::text(
                &changes, &old_plan, &new_plan, &title, paint,
            ))?;
        }
        CheckFormat::Json => emit(&export::to_string(&crate::diff::json(
            &changes, &old_plan, &new_plan, old_file, new_file,
        )))?,
    }
    Ok(u8::from(!changes.is_empty() && !exit_zero))
}

/// `steward` without a command: the matrix on a terminal.
fn open(file: Option<PathBuf>, today: NaiveDate) -> Result<u8, Failure> {
    if !io::stdout().is_terminal() {
        return Err(Failure::new(
            "error: steward's matrix needs a terminal, and standard output is not one; \
             in scripts use `steward check` or `steward export --format json`",
        ));
    }
    // The default plan in the data folder is named on screen: the user did not name it.
    let (path, note) = if let Some(path) = file {
        (path, None)
    } else {
        let path = default_plan(true)?;
        let note =
            (path != Path::new("steward.toml")).then(|| format!("your plan: {}", path.display()));
        (path, note)
    };
    let (file, loaded) = store::PlanFile::open(&path).map_err(|e| {
        let message = report::load_error(&e, Paint::detect(io::stderr().is_terminal()));
        match store::recovery::waiting(&path) {
            Some(note) => Failure::new(format!("{}\n{note}", message.trim_end())),
            None => Failure::new(message),
        }
    })?;
    let ending = crate::tui::run(file, loaded, today, note).map_err(|e| {
        Failure::new(format!(
            "error: the matrix stopped: {}",
            text::safe(&e.to_string())
        ))
    })?;
    Ok(match ending {
        crate::tui::Ending::Quit => 0,
        // As a shell reports a process a signal stopped.
        crate::tui::Ending::Signal(sig) => 128 + u8::try_from(sig).unwrap_or(0),
    })
}

/// The plan a command works on: FILE, else ./steward.toml, else the default plan if it
/// exists (a command never creates it: only opening the matrix does).
fn existing_plan(file: Option<PathBuf>) -> Result<PathBuf, Failure> {
    match file {
        Some(path) => Ok(path),
        None => default_plan(false),
    }
}

/// ./steward.toml if present, else the default plan in the platform's data folder,
/// created from the example when `create` is set and it does not exist yet.
fn default_plan(create: bool) -> Result<PathBuf, Failure> {
    let here = PathBuf::from("steward.toml");
    if here.exists() {
        return Ok(here);
    }
    let dirs = directories::ProjectDirs::from("", "", "steward").ok_or_else(|| {
        Failure::new("error: no FILE given, no ./steward.toml, and no home folder for a default plan; name a plan file")
    })?;
    let path = dirs.data_dir().join("plan.toml");
    if path.exists() {
        return Ok(path);
    }
    if !create {
        return Err(Failure::new(format!(
            "error: no FILE given, no ./steward.toml here, and no default plan yet at {}; \
             name a plan, run `steward init`, or run `steward` once to create the example",
            text::path(&path)
        )));
    }
    if create_new(&path, templates::EXAMPLE.as_bytes(), NewFile::DefaultPlan)? {
        let _ = writeln!(
            io::stderr(),
            "created your default plan from the example: {}",
            text::path(&path)
        );
    }
    Ok(path)
}

/// A file steward makes, never over one that is there.
enum NewFile {
    /// What `steward COMMAND` writes: a file already there is refused.
    Output(&'static str),
    /// The default plan, made on first run: one already there (another steward made it
    /// a moment ago) is used as it is.
    DefaultPlan,
}

/// Writes `contents` to a new file at `path`, never over one; returns whether it did.
///
/// # Errors
/// It cannot be written, or (for an output) a file is there already.
fn create_new(path: &Path, contents: &[u8], kind: NewFile) -> Result<bool, Failure> {
    let shown = text::path(path);
    match (store::create_new(path, contents), kind) {
        (Ok(()), _) => Ok(true),
        (Err(e), NewFile::DefaultPlan) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        (Err(e), NewFile::Output(command)) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(Failure::new(format!(
                "error: {shown} already exists; `steward {command}` never overwrites a file \
                 (name another file, or move this one away)"
            )))
        }
        (Err(e), NewFile::Output(_)) => {
            Err(Failure::new(format!("error: cannot write {shown}: {e}")))
        }
        (Err(e), NewFile::DefaultPlan) => Err(Failure::new(format!(
            "error: cannot create the default plan {shown}: {e}"
        ))),
    }
}

/// `import -o`: a new file, never over one; a FIFO or a device as a stream.
fn create_output(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    store::create_output(path, contents).map_err(|e| {
        let shown = text::path(path);
        Failure::new(if e.kind() == io::ErrorKind::AlreadyExists {
            format!(
                "error: {shown} already exists; `steward import` never overwrites a file \
                 (name another file, or move this one away)"
            )
        } else {
            format!("error: cannot write {shown}: {}", store::io_reason(&e))
        })
    })
}

fn load(path: &Path) -> Result<Loaded, Failure> {
    store::load(path).map_err(|e| {
        Failure::new(report::load_error(
            &e,
            Paint::detect(io::stderr().is_terminal()),
        ))
    })
}

/// The text with every unsafe character but the line ends made visible.
fn terminal_safe(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(body) => format!("{}\n", text::safe(body)),
            None => text::safe(line).into_owned(),
        })
        .collect()
}

/// Writes to standard output; a reader that went away (`| head`) is not an error.
fn emit(s: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::new(format!(
            "error: cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_on_a_terminal_shows_escapes_but_keeps_its_lines() {
        assert_eq!(
            terminal_safe("a\u{1b}[2J,\"x\ny\"\nb\u{202e},c\n"),
            "a\\u{1b}[2J,\"x\ny\"\nb\\u{202e},c\n"
        );
        assert_eq!(terminal_safe("no newline\t"), "no newline\\u{9}");
        assert_eq!(terminal_safe(""), "");
    }
}
