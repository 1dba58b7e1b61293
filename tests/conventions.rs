//! The conventions of the command line that users of cargo, git and ripgrep type without
//! thinking, through the real binary: global options on either side of the command,
//! "did you mean", `-` for standard input and output, colour variables (through a pipe
//! and, in `terminal_colour.rs`, in a real terminal), help, completions, man pages, versioned JSON that fits its
//! schema, and load errors that point at the whole span.

#[path = "common/cli.rs"]
mod cli_common;
#[path = "common/schema.rs"]
mod schema;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

use cli_common::today::TODAY;
use cli_common::{steward, write};
use predicates::prelude::*;
use serde_json::Value;

use schema::Schemas;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8")
}

fn has_escape(s: &str) -> bool {
    s.contains('\u{1b}')
}

/// A plan with an error (no accountable) and a person who leaves within the notice on
/// `TODAY`, gone on 2027-01-01.
const PLAN: &str = "[plan]\nname = \"x\"\nlead = \"jo\"\n\n[people.jo]\nname = \"Jo\"\n\
                    leaving = 2027-01-01\n\n[channels.blog]\nname = \"Blog\"\n";

// ---- global options -------------------------------------------------------------

#[test]
fn today_goes_before_or_after_the_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(dir.path(), "plan.toml", PLAN);
    let leaving = |args: &[&str], env: Option<&str>| {
        let mut cmd = steward();
        if let Some(day) = env {
            cmd.env("STEWARD_TODAY", day);
        }
        let out = cmd.args(args).arg(&plan).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        let text = stdout(&out);
        if text.contains("departed-holder") {
            "gone"
        } else if text.contains("owner-leaving") {
            "leaving"
        } else {
            panic!("{args:?}: {text}")
        }
    };
    assert_eq!(leaving(&["--today", TODAY, "check"], None), "leaving");
    assert_eq!(leaving(&["check", "--today", TODAY], None), "leaving");
    assert_eq!(leaving(&["--today=2027-01-01", "check"], None), "gone");
    // On the command line it beats the environment, on either side.
    assert_eq!(
        leaving(&["--today", TODAY, "check"], Some("2027-01-01")),
        "leaving"
    );
    assert_eq!(
        leaving(&["check", "--today", TODAY], Some("2027-01-01")),
        "leaving"
    );
    assert_eq!(leaving(&["check"], Some("2027-01-01")), "gone");
    // After the command beats before it.
    assert_eq!(
        leaving(&["--today", TODAY, "check", "--today", "2027-01-01"], None),
        "gone"
    );
    // --color too, and both at once.
    for args in [
        ["--color", "never", "export", "--format", "json"],
        ["export", "--format", "json", "--color", "never"],
    ] {
        steward()
            .args(args)
            .args(["--today", TODAY])
            .arg(&plan)
            .assert()
            .code(0);
    }
}

#[test]
fn today_is_refused_where_it_would_do_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    steward()
        .current_dir(dir.path())
        .args(["--today", TODAY, "init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--today does nothing for `steward init`",
        ));
    for args in [
        &["templates", "--today", TODAY][..],
        &["init", "x.toml", "--today", TODAY],
        &["init", &format!("--today={TODAY}")],
    ] {
        steward()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "--today does nothing for `steward ",
            ))
            .stderr(predicate::str::contains("as a value").not());
    }
    assert!(!dir.path().join("x.toml").exists());
    assert!(!dir.path().join("steward.toml").exists());
    // From the environment it is no mistake: it is simply not used.
    steward()
        .env("STEWARD_TODAY", TODAY)
        .arg("templates")
        .assert()
        .code(0);
    let help = steward().args(["init", "--help"]).output().expect("runs");
    assert!(!stdout(&help).contains("--today"), "{}", stdout(&help));
}

// ---- did you mean ----------------------------------------------------------------

#[test]
fn a_mistyped_command_gets_did_you_mean() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (typed, meant) in [
        ("chekc", "check"),
        ("exprot", "export"),
        ("templtes", "templates"),
    ] {
        let out = steward()
            .current_dir(dir.path())
            .arg(typed)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("unrecognized subcommand '{typed}'"))
                && err.contains(&format!("a similar subcommand exists: '{meant}'")),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    // Followed by what the command takes, or asked for help: the same.
    for args in [
        &["chek", "plan.toml"][..],
        &["chekc", "--format", "json"],
        &["--today", "2026-01-01", "chek", "plan.toml"],
        &["help", "chekc"],
    ] {
        let out = steward()
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = stderr(&out);
        assert!(
            err.contains("a similar subcommand exists: 'check'"),
            "{args:?}: {err}"
        );
        // After help, the word is no plan to open.
        assert_eq!(
            err.contains("to open a plan called"),
            args[0] != "help",
            "{args:?}: {err}"
        );
    }
    // A word far from every command is a plan to open, as before.
    steward()
        .current_dir(dir.path())
        .arg("bakery")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    // A file of that name opens: the matrix is asked for (and needs a terminal here).
    write(dir.path(), "chekc", PLAN);
    steward()
        .current_dir(dir.path())
        .arg("chekc")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    steward().args(["frobnicate", "x"]).assert().code(2);
    // A plan before the command is not silently dropped.
    steward()
        .current_dir(dir.path())
        .args(["chekc", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the command comes first: `steward check chekc`",
        ));
}

// ---- diff with one argument ------------------------------------------------------

#[test]
fn one_argument_diff_is_an_error_unless_git_hands_an_unmerged_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(dir.path(), "plan.toml", PLAN);
    for format in ["text", "json"] {
        steward()
            .args(["diff", "--format", format])
            .arg(&plan)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("diff compares two plans"));
    }
    let git = |format: &str| {
        steward()
            .env("GIT_DIFF_PATH_COUNTER", "1")
            .env("GIT_DIFF_PATH_TOTAL", "1")
            .current_dir(dir.path())
            .args(["diff", "plan.toml", "--format", format])
            .output()
            .expect("runs")
    };
    let text = git("text");
    assert_eq!(text.status.code(), Some(0));
    assert_eq!(
        stdout(&text),
        "plan.toml: unmerged; resolve the conflict, then compare the plans\n"
    );
    let json = git("json");
    assert_eq!(json.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(v["unmerged"], true);
    Schemas::load().assert_valid("diff.schema.json", &v);
}

// ---- standard input and output ---------------------------------------------------

#[test]
fn a_dash_reads_standard_input_and_writes_standard_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(dir.path(), "plan.toml", PLAN);
    let out = steward()
        .args(["check", "-", "--format", "json", "--today", TODAY])
        .write_stdin(PLAN)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["file"], "<stdin>");
    steward()
        .args(["check", "-"])
        .write_stdin("[plan\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--> <stdin>:1:6"));
    let exported = steward()
        .args(["export", "-", "--format", "csv", "-o", "-"])
        .write_stdin(PLAN)
        .output()
        .expect("runs");
    assert_eq!(exported.status.code(), Some(0));
    assert!(stdout(&exported).starts_with("Channel or duty,"));
    assert!(!dir.path().join("-").exists(), "`-o -` is no file");
    // export | import, through two pipes.
    let imported = steward()
        .args(["import", "-", "-o", "-"])
        .write_stdin(exported.stdout.clone())
        .output()
        .expect("runs");
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    assert!(stdout(&imported).contains("[channels.blog]"));
    // One side of a diff.
    let edited = PLAN.replace("name = \"Blog\"", "name = \"Blog\"\naccountable = \"jo\"");
    steward()
        .args(["diff", "--today", TODAY])
        .arg(&plan)
        .arg("-")
        .write_stdin(edited)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("+ Jo: accountable"));
    steward()
        .args(["diff", "-", "-"])
        .write_stdin(PLAN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only one of the two"));
}

// ---- colour ----------------------------------------------------------------------

/// `check` of a plan with problems and clap's error for a bad command, through a pipe,
/// with `env` set: whether each is coloured.
fn coloured(env: &[(&str, &str)], args: &[&str]) -> (bool, bool) {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(dir.path(), "plan.toml", PLAN);
    let mut check = steward();
    let mut bad = steward();
    for (k, v) in env {
        check.env(k, v);
        bad.env(k, v);
    }
    let out = check
        .args(args)
        .args(["check", "--today", TODAY])
        .arg(&plan)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = bad
        .args(args)
        .args(["check", "--frobnicate"])
        .output()
        .expect("runs");
    assert_eq!(err.status.code(), Some(2));
    (has_escape(&stdout(&out)), has_escape(&stderr(&err)))
}

#[test]
fn colour_through_a_pipe_follows_the_flag_and_the_variables() {
    assert_eq!(coloured(&[], &[]), (false, false), "a pipe gets no colour");
    assert_eq!(coloured(&[], &["--color", "always"]), (true, true));
    assert_eq!(coloured(&[], &["--color=never"]), (false, false));
    assert_eq!(coloured(&[("CLICOLOR_FORCE", "1")], &[]), (true, true));
    assert_eq!(coloured(&[("FORCE_COLOR", "1")], &[]), (true, true));
    assert_eq!(
        coloured(&[("FORCE_COLOR", "")], &[]),
        (false, false),
        "empty is unset"
    );
    assert_eq!(
        coloured(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], &[]),
        (false, false),
        "NO_COLOR wins over the variables"
    );
    assert_eq!(
        coloured(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], &[]),
        (false, false)
    );
    assert_eq!(
        coloured(&[("NO_COLOR", "1")], &["--color", "always"]),
        (true, true),
        "the command line wins over the environment"
    );
    assert_eq!(
        coloured(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]),
        (false, false)
    );
}

// ---- help, completions, man ------------------------------------------------------

#[test]
fn help_lists_every_value_and_template_with_examples_and_wraps() {
    let help = |args: &[&str], columns: &str| {
        let out = steward()
            .env("COLUMNS", columns)
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        stdout(&out)
    };
    let top = Std::new(env!("CARGO_BIN_EXE_steward"))
        .arg("--help")
        .output()
        .expect("runs");
    let commands: Vec<String> = stdout(&top)
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 9, "{commands:?}");
    for command in &commands {
        let text = help(&[command, "--help"], "200");
        assert!(
            text.contains("Examples:\n  "),
            "{command} has examples:\n{text}"
        );
        let narrow = help(&[command, "--help"], "60");
        let widest = narrow.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        // Examples are kept as written; everything else wraps at 60.
        let prose = narrow
            .lines()
            .take_while(|l| *l != "Examples:")
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        assert!(
            prose <= 60,
            "{command} wraps at 60 columns ({widest}):\n{narrow}"
        );
    }
    let check = help(&["check", "--help"], "200");
    for value in ["text", "json"] {
        assert!(check.contains(&format!("- {value}:")), "{check}");
    }
    assert!(
        check.contains("--format <FORMAT>\n          How to print the problems"),
        "{check}"
    );
    let export = help(&["export", "--help"], "200");
    for value in ["md", "csv", "html", "json"] {
        assert!(export.contains(&format!("- {value}:")), "{export}");
    }
    let init = help(&["init", "--help"], "200");
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for t in steward::templates::TEMPLATES {
        let (_, summary) = t.title_and_summary();
        assert!(
            init.contains(&format!("- {}:", t.name)),
            "{}: {init}",
            t.name
        );
        assert!(words(&init).contains(&words(summary)), "{summary}: {init}");
    }
    let short = help(&["init", "-h"], "200");
    let names: Vec<&str> = steward::templates::TEMPLATES
        .iter()
        .map(|t| t.name)
        .collect();
    assert!(
        short.contains(&format!("[possible values: {}]", names.join(", "))),
        "{short}"
    );
}

#[test]
fn completions_are_written_for_every_shell_and_load_in_bash() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = steward()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(
            script.contains("steward") && script.len() > 1000,
            "{shell}: {script}"
        );
        for word in ["check", "export", "format", "today", "template"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
        if ["bash", "zsh", "fish"].contains(&shell) {
            for t in steward::templates::TEMPLATES {
                assert!(
                    script.contains(t.name),
                    "{shell} offers the template {}",
                    t.name
                );
            }
        }
    }
    steward()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "possible values: bash, elvish, fish, powershell, zsh",
        ));
    // A real bash loads the script and then completes steward's commands with it.
    let bin = Path::new(env!("CARGO_BIN_EXE_steward"));
    let script = format!(
        "source <('{}' completions bash) && complete -p steward && \
         COMP_WORDS=(steward che) COMP_CWORD=1 COMP_LINE='steward che' COMP_POINT=11 && \
         _steward steward che steward && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bin.display()
    );
    let out = Std::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .expect("bash runs");
    let said = stdout(&out);
    assert!(out.status.success(), "{said}{}", stderr(&out));
    assert!(
        said.contains("complete ") && said.contains(" steward\n"),
        "{said}"
    );
    assert!(
        said.lines().any(|l| l == "check"),
        "bash completes `che` to check: {said}"
    );
}

#[test]
fn the_man_pages_are_roff_that_groff_renders_cleanly() {
    let page = |args: &[&str]| {
        let out = steward().arg("man").args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        stdout(&out)
    };
    let top = page(&[]);
    assert!(top.contains(".TH steward 1"), "{top}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        ".SH EXAMPLES",
    ] {
        assert!(top.contains(section), "{section}: {top}");
    }
    let check = page(&["check"]);
    assert!(check.contains(".TH steward-check 1"), "{check}");
    assert!(check.contains("\\-\\-strict"), "{check}");
    steward().args(["man", "chekc"]).assert().code(2);
    // groff (groff-base on Debian; .ci/run installs it) renders every page without a
    // warning.
    for args in [&[][..], &["check"], &["diff"], &["init"]] {
        let roff = page(args);
        let dir = tempfile::tempdir().expect("tempdir");
        let file = write(dir.path(), "page.1", &roff);
        let out = match Std::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&file)
            .output()
        {
            Ok(out) => out,
            Err(e) => {
                assert!(
                    std::env::var("CI").is_err(),
                    "groff must be installed in CI: {e}"
                );
                eprintln!("SKIPPED: groff cannot be started ({e})");
                return;
            }
        };
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

// ---- JSON ------------------------------------------------------------------------

#[test]
fn every_json_output_has_version_1_and_fits_its_schema() {
    let schemas = Schemas::load();
    assert_eq!(
        schemas.names(),
        [
            "check.schema.json",
            "common.schema.json",
            "diff.schema.json",
            "export.schema.json",
            "whatif.schema.json"
        ]
    );
    let codes: Vec<&str> = steward::model::problem::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        schemas.get("common.schema.json")["$defs"]["problem"]["properties"]["code"]["enum"],
        serde_json::json!(codes),
        "the schema names every problem code"
    );
    let json = |args: &[&str]| -> Value {
        let out = steward().args(args).output().expect("runs");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {out:?}"
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        assert_eq!(v["version"], 1, "{args:?}");
        v
    };
    let example = fixture("spec-example.toml");
    let e2e = fixture("e2e/plan.toml");
    let dir = tempfile::tempdir().expect("tempdir");
    let example_plan = write(dir.path(), "example.toml", steward::templates::EXAMPLE);
    for plan in [&example, &e2e, &example_plan] {
        let plan = plan.to_str().expect("a UTF-8 path");
        let v = json(&["check", plan, "--format", "json", "--today", TODAY]);
        schemas.assert_valid("check.schema.json", &v);
        let v = json(&["export", plan, "--format", "json", "--today", TODAY]);
        schemas.assert_valid("export.schema.json", &v);
        for person in v["people"].as_array().expect("people") {
            let id = person["id"].as_str().expect("an id");
            let w = json(&["whatif", plan, "--leaves", id, "--format", "json"]);
            schemas.assert_valid("whatif.schema.json", &w);
        }
    }
    let example = example.to_str().expect("UTF-8");
    let e2e = e2e.to_str().expect("UTF-8");
    for (old, new) in [
        (example, e2e),
        (e2e, example),
        ("/dev/null", example),
        (e2e, "/dev/null"),
        (e2e, e2e),
    ] {
        let v = json(&["diff", old, new, "--format", "json", "--today", TODAY]);
        schemas.assert_valid("diff.schema.json", &v);
    }
    let template_dir = tempfile::tempdir().expect("tempdir");
    for t in steward::templates::TEMPLATES {
        let plan = write(template_dir.path(), &format!("{}.toml", t.name), t.text);
        let plan = plan.to_str().expect("UTF-8");
        let v = json(&["diff", e2e, plan, "--format", "json", "--today", TODAY]);
        schemas.assert_valid("diff.schema.json", &v);
    }
    // The schemas do say no: a wrong version or an unknown key is caught.
    let mut v = json(&["check", example, "--format", "json", "--today", TODAY]);
    v["version"] = 2.into();
    v["extra"] = true.into();
    assert_eq!(schemas.errors("check.schema.json", &v).len(), 2);
}

// ---- load errors and ids ---------------------------------------------------------

#[test]
fn a_duplicate_key_says_which_and_where_it_was_first_defined() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(
        dir.path(),
        "plan.toml",
        "[plan]\nname = \"x\"\n\n[people.sam]\nname = \"Sam\"\ntitle = \"Lead\"\nname = \"Sam O.\"\n",
    );
    let out = steward().arg("check").arg(&plan).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: duplicate key `name` in [people.sam]\n"),
        "{err}"
    );
    assert!(err.contains("plan.toml:7:1\n"), "{err}");
    assert!(
        err.contains("5 | name = \"Sam\"\n  | ---- first defined here\n"),
        "{err}"
    );
    assert!(
        err.contains("7 | name = \"Sam O.\"\n  | ^^^^ `name` defined again here\n"),
        "{err}"
    );
    assert!(
        err.contains("= note: `name` was first defined at 5:1"),
        "{err}"
    );
    let wrong = write(
        dir.path(),
        "wrong.toml",
        "[people.sam]\nname = \"S\"\nexternal = \"yes\"\n",
    );
    let out = steward().arg("check").arg(&wrong).output().expect("runs");
    let err = stderr(&out);
    assert!(
        err.contains("3 | external = \"yes\"\n  |            ^^^^^\n"),
        "{err}"
    );
}

#[test]
fn imported_names_in_any_script_get_ascii_ids() {
    let out = steward()
        .args(["import", "-"])
        .write_stdin("Channel or duty,Łukasz Čapek,Weiß,山田太郎,Şule Yılmaz\nBlog,A,R,C,I\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let plan = stdout(&out);
    for id in ["lukasz-capek", "weiss", "shan-tian-tai-lang", "sule-yilmaz"] {
        assert!(plan.contains(&format!("[people.{id}]")), "{id}:\n{plan}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(dir.path(), "plan.toml", &plan);
    steward().arg("check").arg(&file).assert().code(0);
    fs::remove_file(file).expect("remove");
}

#[test]
fn a_file_steward_cannot_read_or_write_is_said_in_plain_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "plan.toml", PLAN);
    steward()
        .current_dir(dir.path())
        .args([
            "export",
            "plan.toml",
            "--format",
            "md",
            "-o",
            "nowhere/out.md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot write nowhere/out.md: there is no folder nowhere",
        ));
    let folder = fs::File::open(dir.path()).expect("the folder");
    let out = Std::new(env!("CARGO_BIN_EXE_steward"))
        .args(["check", "-"])
        .stdin(folder)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read <stdin>: it is a folder") && !err.contains("os error"),
        "{err}"
    );
}
