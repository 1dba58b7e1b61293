//! The command line: `steward [FILE]`, `check`, `export`, `init`, `templates`, `import`,
//! `diff`, `whatif`, `completions`, `man`.
//!
//! Exit codes, for every command: 0 fine; 1 `check` found errors (with `--strict`,
//! errors or warnings), `diff` found the plans differ, or `whatif` found something that
//! would break; 2 the input could not be read, parsed or understood (clap's own errors
//! included).
//!
//! It is one file though long: each command is a short function from its arguments to
//! an exit code, over the few helpers they share (`load`, `emit`, `create_new`); the work
//! itself is the library's. What clap is told (the types, their help and examples) is
//! in `cli/args.rs`.

mod args;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::ColorChoice;
use chrono::NaiveDate;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory as _, FromArgMatches as _};

use crate::model::Plan;
use crate::model::problem::Counts;
use crate::model::rules;
use crate::report::{self, Paint};
use crate::store::{self, Loaded};
use crate::{export, templates, text};
pub use args::Cli;
use args::{CheckFormat, Command, ExportFormat};

/// How messages name standard input, which `-` stands for.
const STDIN: &str = "<stdin>";

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
    let args: Vec<OsString> = std::env::args_os().collect();
    // clap's own help and errors come before `--color` is read: they follow it too.
    choose_colour(color_asked(&args));
    let mut command = Cli::command();
    let matches = match command.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        // `steward chek plan.toml`, `steward chekc --format json`, `steward help chekc`:
        // clap takes the word for the plan, then trips on what follows it.
        Err(e) => {
            // Help and the version are no errors: clap prints them to standard output.
            let mistyped = if e.use_stderr() {
                first_word(&args).and_then(|(w, help)| {
                    let mut e = mistyped_command(&command, w)?;
                    // After `help`, the word cannot be a plan to open.
                    if help {
                        e.remove(ContextKind::Suggested);
                    }
                    Some(e)
                })
            } else {
                None
            };
            let said = mistyped.or_else(|| today_where_it_does_nothing(&command, &e, &args));
            return clap_exit(&said.unwrap_or(e));
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e.format(&mut command)),
    };
    choose_colour(cli.color.as_choice());
    let today = match day(&cli, &matches) {
        Ok(day) => day,
        Err(e) => return clap_exit(&e.format(&mut command)),
    };
    match (&cli.command, &cli.file) {
        (None, Some(file)) => {
            if let Some(e) = mistyped_command(&command, file) {
                return clap_exit(&e);
            }
        }
        // `steward plan.toml check`: the plan belongs after the command.
        (Some(sub), Some(file)) => {
            let file = text::path(file);
            let e = clap::Error::raw(
                ErrorKind::ArgumentConflict,
                format!(
                    "a plan before the command opens the matrix; the command comes first: \
                     `steward {} {file}`",
                    sub.name()
                ),
            );
            return clap_exit(&e.format(&mut command));
        }
        _ => {}
    }
    match run(cli, today) {
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

fn clap_exit(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// The colour choice for everything steward and clap print: `--color` when given, else
/// `FORCE_COLOR` (set and not empty, as force-color.org says) unless `NO_COLOR` is; the
/// rest (`NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, a terminal, `TERM`) anstream decides
/// per stream.
fn choose_colour(asked: ColorChoice) {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let choice = if asked == ColorChoice::Auto && set("FORCE_COLOR") && !set("NO_COLOR") {
        ColorChoice::Always
    } else {
        asked
    };
    choice.write_global();
}

/// `--color WHEN` or `--color=WHEN` among the arguments, before a `--`; the last wins.
fn color_asked(args: &[OsString]) -> ColorChoice {
    let mut asked = ColorChoice::Auto;
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word {
            Some("--") => break,
            Some("--color") => words.next().flatten(),
            Some(w) => w.strip_prefix("--color="),
            None => None,
        };
        asked = match value {
            Some("always") => ColorChoice::Always,
            Some("never") => ColorChoice::Never,
            Some("auto") => ColorChoice::Auto,
            _ => asked,
        };
    }
    asked
}

/// The day to check plans on: `--today` after the command, else before it, else
/// `STEWARD_TODAY`, else the system's date. Before a command that does not check a plan
/// on a day (`init`, `templates`…), `--today` is refused, as it would do nothing.
fn day(cli: &Cli, matches: &ArgMatches) -> Result<NaiveDate, clap::Error> {
    let typed = |m: &ArgMatches| m.value_source("today") == Some(ValueSource::CommandLine);
    let before = cli.day.today;
    let after = cli.command.as_ref().and_then(Command::day);
    let chosen = match (&cli.command, after) {
        (None, _) => before,
        (Some(_), Some(after)) => match matches.subcommand() {
            Some((_, sub)) if typed(sub) => after.today,
            _ if typed(matches) => before,
            _ => after.today.or(before),
        },
        (Some(command), None) => {
            if typed(matches) {
                return Err(today_does_nothing(command.name()));
            }
            None
        }
    };
    Ok(chosen.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

/// `steward init x.toml --today …`: clap knows no `--today` after `init`, and would tip
/// to pass it as a value; the message says what the day is for instead.
fn today_where_it_does_nothing(
    command: &clap::Command,
    e: &clap::Error,
    args: &[OsString],
) -> Option<clap::Error> {
    let today = |a: &OsString| {
        let a = a.to_string_lossy();
        a == "--today" || a.starts_with("--today=")
    };
    if e.kind() != ErrorKind::UnknownArgument || !args.iter().any(today) {
        return None;
    }
    let word = first_word(args)?.0.to_str()?;
    command.find_subcommand(word)?;
    Some(today_does_nothing(word).format(&mut command.clone()))
}

/// `--today` given to a command it does nothing for.
fn today_does_nothing(command: &str) -> clap::Error {
    clap::Error::raw(
        ErrorKind::ArgumentConflict,
        format!(
            "--today does nothing for `steward {command}`; it is for the matrix, `check`, \
             `export` and `diff`"
        ),
    )
}

/// The first word on the command line that is neither an option nor the value of a
/// global one (`--today DAY`, `--color WHEN`), after `help` if that is the first.
/// Also whether `help` came before it.
fn first_word(args: &[OsString]) -> Option<(&Path, bool)> {
    let mut after_option = false;
    let mut words = args.iter().skip(1).filter(|a| {
        let s = a.to_string_lossy();
        let value = after_option;
        after_option = matches!(s.as_ref(), "--today" | "--color");
        !value && !s.starts_with('-')
    });
    let first = words.next()?;
    let help = first == "help";
    let word = if help { words.next()? } else { first };
    Some((Path::new(word), help))
}

/// `steward chekc`: a word that names no file but is a command mistyped, as clap would
/// say it. A file of that name, or a path, opens as always.
fn mistyped_command(command: &clap::Command, file: &Path) -> Option<clap::Error> {
    let word = file.to_str()?;
    if word.contains(['/', '.']) || file.exists() {
        return None;
    }
    let names: Vec<&str> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(clap::Command::get_name)
        .collect();
    if names.contains(&word) {
        return None;
    }
    let guess = text::nearest(word, names.iter().copied())?;
    let mut e = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(command);
    e.insert(
        ContextKind::InvalidSubcommand,
        ContextValue::String(text::one_line(word)),
    );
    e.insert(
        ContextKind::SuggestedSubcommand,
        ContextValue::String(guess.to_string()),
    );
    e.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(vec![
            format!(
                "to open a plan called '{}', write './{}'",
                text::one_line(word),
                text::one_line(word)
            )
            .into(),
        ]),
    );
    let mut command = command.clone();
    e.insert(
        ContextKind::Usage,
        ContextValue::StyledStr(command.render_usage()),
    );
    Some(e)
}

fn run(cli: Cli, today: NaiveDate) -> Result<u8, Failure> {
    match cli.command {
        None => open(cli.file, today),
        Some(Command::Check {
            file,
            format,
            strict,
            ..
        }) => check(file, format, strict, today),
        Some(Command::Export {
            file,
            format,
            output,
            changes_since,
            ..
        }) => export(
            file,
            format,
            output.as_deref(),
            changes_since.as_deref(),
            today,
        ),
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
        Some(Command::View { file, present, .. }) => view(&file, present, today),
        Some(Command::Templates) => list_templates(),
        Some(Command::Import { file, output }) => import(&file, output.as_deref()),
        Some(Command::Diff {
            files,
            format,
            exit_zero,
            ..
        }) => diff(&files, format, exit_zero, today),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man { command }) => man(command.as_deref()),
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
    let label = label(&path);
    match format {
        CheckFormat::Text => emit(&report::problems(
            &label,
            &loaded.text,
            &problems,
            Paint::stdout(),
        ))?,
        CheckFormat::Json => emit(&export::check_text(&label, &problems))?,
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
    changes_since: Option<&Path>,
    today: NaiveDate,
) -> Result<u8, Failure> {
    if changes_since.is_some() && format != ExportFormat::Html {
        return Err(Failure::new(
            "error: --changes-since is for the handout: use it with --format html",
        ));
    }
    let path = existing_plan(file)?;
    let loaded = load(&path)?;
    let problems = rules::check(&loaded.plan, today);
    let plan = &loaded.plan;
    // What changed since an older plan, in sentences for the handout's readers.
    let changes = match changes_since {
        None => None,
        Some(old) => {
            let before = load(old)?.plan;
            let diff = crate::diff::compare(Some(&before), Some(plan), today);
            let lines: Vec<String> = if diff.is_empty() {
                vec!["Nothing changed in who does what.".into()]
            } else {
                crate::diff::words(&diff, &before, plan, today)
            };
            Some((format!("What changed since {}", label(old)), lines))
        }
    };
    let text = match format {
        ExportFormat::Md => export::markdown::document(plan, &problems, today),
        ExportFormat::Csv => export::csv::table(plan),
        ExportFormat::Html => export::html::handout(
            plan,
            &problems,
            today,
            changes.as_ref().map(|(t, l)| (t.as_str(), l.as_slice())),
        ),
        ExportFormat::Json => export::to_string(&export::plan_json(plan, &problems)),
    };
    match output.filter(|out| !is_stdio(out)) {
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
                    store::ExportError::Io(e) => cannot_write(out, &e),
                })
            })?;
        }
    }
    Ok(0)
}

fn init(file: &Path, template: &str, name: Option<&str>) -> Result<u8, Failure> {
    // clap has checked the name against the table already.
    let Some(chosen) = templates::find(template) else {
        return Err(Failure::new(format!(
            "error: there is no template `{}`",
            text::one_line(template)
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
            &label(file),
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
    let read = if is_stdio(file) {
        crate::import::from_read(read_stdin())
    } else {
        crate::import::read(file)
    };
    let plan = read.map_err(|e| Failure::new(e.message(Path::new(&label(file)))))?;
    let text = store::to_toml(&plan);
    // What is written must read back as the same plan; if it would not, nothing is.
    if store::parse(&text).ok().as_ref() != Some(&plan) {
        return Err(Failure::new(format!(
            "error: the plan made of {} does not read back the same; nothing was written \
             (this is a bug in steward: please report it with the file)",
            text::path(file)
        )));
    }
    let Some(out) = output.filter(|out| !is_stdio(out)) else {
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
    let (old, new, old_label, new_label) = match files {
        [old, new] => (old, new, label(old), label(new)),
        [path, old, _, _, new, _, _] => (old, new, label(path), label(path)),
        [path, old, _, _, new, _, _, new_path, _] => (old, new, label(path), label(new_path)),
        [path] if git_external_diff() => return unmerged(path, format),
        other => {
            return Err(Failure::new(format!(
                "error: diff compares two plans: `steward diff OLD NEW` (or the 7 arguments \
                 git gives an external diff command); got {} argument{}",
                other.len(),
                text::plural(other.len())
            )));
        }
    };
    if is_stdio(old) && is_stdio(new) {
        return Err(Failure::new(
            "error: only one of the two plans can be standard input (`-`)",
        ));
    }
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
            emit(&crate::diff::text(
                &changes,
                &old_plan,
                &new_plan,
                &title,
                diff_paint(),
            ))?;
        }
        CheckFormat::Json => emit(&export::to_string(&crate::diff::json(
            &changes, &old_plan, &new_plan, old_file, new_file,
        )))?,
    }
    Ok(u8::from(!changes.is_empty() && !exit_zero))
}

/// Whether git runs steward as an external diff command: git sets these for every path
/// it hands one (`GIT_DIFF_PATH_COUNTER` of `GIT_DIFF_PATH_TOTAL`), and passes a path
/// alone when it is unmerged.
fn git_external_diff() -> bool {
    std::env::var_os("GIT_DIFF_PATH_TOTAL").is_some()
        && std::env::var_os("GIT_DIFF_PATH_COUNTER").is_some()
}

/// A path git could not compare because it has a merge conflict: said, not compared, and
/// not a failure (git would stop at it).
fn unmerged(path: &Path, format: CheckFormat) -> Result<u8, Failure> {
    let label = label(path);
    match format {
        CheckFormat::Text => emit(&format!(
            "{}: unmerged; resolve the conflict, then compare the plans\n",
            text::safe(&label)
        ))?,
        CheckFormat::Json => emit(&export::to_string(&crate::diff::json::unmerged(&label)))?,
    }
    Ok(0)
}

/// The diff's colour: standard output's, and also when git pipes it into its pager
/// (`GIT_PAGER_IN_USE`), which shows colour, unless colour is refused.
fn diff_paint() -> Paint {
    let paint = Paint::stdout();
    let git_pager = std::env::var_os("GIT_PAGER_IN_USE").is_some_and(|v| v == "true");
    if paint.color || !git_pager || ColorChoice::global() != ColorChoice::Auto {
        return paint;
    }
    let refused = |name: &str| match std::env::var_os(name) {
        Some(v) if name == "CLICOLOR" => v == "0",
        Some(v) => !v.is_empty(),
        None => false,
    };
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    Paint {
        color: !refused("NO_COLOR") && !refused("CLICOLOR") && !dumb,
    }
}

fn completions(shell: clap_complete::Shell) -> Result<u8, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "steward", &mut out);
    emit(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

/// The man page in roff: steward's own, or one command's (`steward man check`).
fn man(command: Option<&str>) -> Result<u8, Failure> {
    let top = Cli::command();
    let page = match command {
        None => top,
        Some(name) => {
            let Some(sub) = top.find_subcommand(name) else {
                return Err(Failure::new(format!(
                    "error: steward has no command `{}`",
                    text::one_line(name)
                )));
            };
            let name = format!("steward-{}", sub.get_name());
            sub.clone()
                .name(name.clone())
                .bin_name(format!("steward {}", sub.get_name()))
                .display_name(name)
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .manual("steward manual")
        .render(&mut out)
        .map_err(|e| Failure::new(format!("error: cannot write the man page: {e}")))?;
    // clap_mangen heads the text after the options EXTRA; steward's is its examples.
    let page = String::from_utf8_lossy(&out).replacen(".SH EXTRA\n", ".SH EXAMPLES\n", 1);
    emit(&page)?;
    Ok(0)
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
    let (file, loaded) = open_on_screen(&path)?;
    let ending = crate::tui::run(file, loaded, today, note, screen_theme())
        .map_err(|e| stopped("the matrix", &e))?;
    Ok(exit_code(ending))
}

/// `steward view FILE`: the mirror of a plan edited in another steward.
fn view(path: &Path, present: bool, today: NaiveDate) -> Result<u8, Failure> {
    if !io::stdout().is_terminal() {
        return Err(Failure::new(
            "error: the mirror needs a terminal, and standard output is not one",
        ));
    }
    let (file, loaded) = open_on_screen(path)?;
    let ending = crate::tui::mirror::run(&file, loaded, present, today, screen_theme())
        .map_err(|e| stopped("the mirror", &e))?;
    Ok(exit_code(ending))
}

/// A plan opened for the screen (the matrix or a mirror); when it cannot be read, the
/// message says so, and that a recovery file is waiting when one is.
fn open_on_screen(path: &Path) -> Result<(store::PlanFile, store::Loaded), Failure> {
    store::PlanFile::open(path).map_err(|e| {
        let message = report::load_error(&e, Paint::stderr());
        let gone = matches!(&e, store::LoadError::Io { source, .. }
            if source.kind() == io::ErrorKind::NotFound);
        match store::recovery::waiting(path) {
            // With no plan to open, the way to the edits is a new plan in its place.
            Some(note) if gone => Failure::new(format!(
                "{}\n{note}\nhelp: the plan is gone: make a new one in its place \
                 (steward init {} --template blank) and open it; steward then offers the \
                 edits back and keeps both versions",
                message.trim_end(),
                text::path(path)
            )),
            Some(note) => Failure::new(format!("{}\n{note}", message.trim_end())),
            None => Failure::new(message),
        }
    })
}

/// The screen's colours, as the command line decided them; crossterm, under the screen,
/// reads `NO_COLOR` by itself, so it is told the decision is steward's.
fn screen_theme() -> crate::tui::Theme {
    let theme = crate::tui::Theme {
        color: Paint::stdout().color,
    };
    ratatui::crossterm::style::force_color_output(theme.color);
    theme
}

fn stopped(what: &str, e: &io::Error) -> Failure {
    Failure::new(format!(
        "error: {what} stopped: {}",
        text::safe(&e.to_string())
    ))
}

/// How a screen ended, as an exit status.
fn exit_code(ending: crate::tui::Ending) -> u8 {
    match ending {
        crate::tui::Ending::Quit => 0,
        // As a shell reports a process a signal stopped.
        crate::tui::Ending::Signal(sig) => 128 + u8::try_from(sig).unwrap_or(0),
    }
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
    match (store::create_new(path, contents), kind) {
        (Ok(()), _) => Ok(true),
        (Err(e), NewFile::DefaultPlan) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        (Err(e), NewFile::Output(command)) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(Failure::new(exists_already(path, command)))
        }
        (Err(e), NewFile::Output(_)) => Err(Failure::new(cannot_write(path, &e))),
        (Err(e), NewFile::DefaultPlan) => Err(Failure::new(format!(
            "error: cannot create the default plan {}: {}",
            text::path(path),
            store::write_reason(path, &e)
        ))),
    }
}

/// `import -o`: a new file, never over one; a FIFO or a device as a stream.
fn create_output(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    store::create_output(path, contents).map_err(|e| {
        Failure::new(if e.kind() == io::ErrorKind::AlreadyExists {
            exists_already(path, "import")
        } else {
            cannot_write(path, &e)
        })
    })
}

/// Why `path` could not be written, as the error says it.
fn cannot_write(path: &Path, e: &io::Error) -> String {
    format!(
        "error: cannot write {}: {}",
        text::path(path),
        store::write_reason(path, e)
    )
}

/// A file is at `path` already, and `steward command` writes only new ones.
fn exists_already(path: &Path, command: &str) -> String {
    format!(
        "error: {} already exists; `steward {command}` never overwrites a file \
         (name another file, or move this one away)",
        text::path(path)
    )
}

/// Whether `path` is `-`: standard input, or for `-o` standard output.
fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How messages and JSON name the file at `path`.
fn label(path: &Path) -> String {
    if is_stdio(path) {
        STDIN.to_string()
    } else {
        path.display().to_string()
    }
}

/// Standard input's bytes, through the same cap as a plan file's.
fn read_stdin() -> Result<Vec<u8>, store::LoadError> {
    store::read_capped(io::stdin().lock(), Path::new(STDIN))
}

/// The plan at `path`, or on standard input for `-`.
fn load(path: &Path) -> Result<Loaded, Failure> {
    let loaded = if is_stdio(path) {
        read_stdin().and_then(|bytes| {
            store::from_bytes(&bytes).map_err(|(text, error)| store::LoadError::Invalid {
                path: PathBuf::from(STDIN),
                text,
                error,
            })
        })
    } else {
        store::load(path)
    };
    loaded.map_err(|e| Failure::new(report::load_error(&e, Paint::stderr())))
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
    store::write_stdout(s.as_bytes()).map_err(|e| {
        Failure::new(format!(
            "error: cannot write to standard output: {}",
            store::io_reason(&e)
        ))
    })
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

    #[test]
    fn color_is_read_before_clap_parses() {
        let args = |s: &str| -> Vec<OsString> { s.split(' ').map(OsString::from).collect() };
        assert_eq!(color_asked(&args("steward check")), ColorChoice::Auto);
        assert_eq!(
            color_asked(&args("steward --color never chekc")),
            ColorChoice::Never
        );
        assert_eq!(
            color_asked(&args("steward check --color=always x")),
            ColorChoice::Always
        );
        assert_eq!(
            color_asked(&args("steward -- --color=always")),
            ColorChoice::Auto
        );
        assert_eq!(
            color_asked(&args("steward --color=never --color auto")),
            ColorChoice::Auto
        );
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
