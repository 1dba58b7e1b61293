//! The real `steward` binary on real files: exit codes, load failures, the JSON shapes,
//! `init` and `templates`.

#[path = "common/cli.rs"]
mod cli_common;

use cli_common::today::TODAY;
use cli_common::{steward, write};
use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every template's name, from the table: the help and the errors list them all.
fn template_names() -> Vec<&'static str> {
    steward::templates::TEMPLATES
        .iter()
        .map(|t| t.name)
        .collect()
}

fn json(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("stdout is one JSON object")
}

/// Runs `steward check FILE` on a broken file and returns stderr, asserting exit 2 and
/// nothing on stdout.
fn load_failure(path: &Path) -> String {
    let out = steward()
        .args(["check", "--today", TODAY])
        .arg(path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    String::from_utf8(out.stderr).expect("stderr is UTF-8")
}

// ---- exit codes ------------------------------------------------------------------

#[test]
fn a_plan_with_errors_exits_1_and_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(
        dir.path(),
        "plan.toml",
        b"[plan]\nname = \"x\"\nlead = \"sam\"\n\n[people.sam]\nname = \"Sam\"\n\n\
          [channels.tiktok]\nname = \"TikTok\"\nresponsible = \"sam\"\n",
    );
    steward()
        .current_dir(dir.path())
        .args(["check", "plan.toml", "--today", TODAY])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[no-accountable]: nobody is accountable for \"TikTok\"",
        ))
        .stdout(predicate::str::contains("--> plan.toml:8:1"))
        .stdout(predicate::str::contains("8 | [channels.tiktok]"))
        .stdout(predicate::str::contains("= hint:"))
        .stdout(predicate::str::ends_with(
            "plan.toml: 1 error, 0 warnings, 3 infos\n",
        ));
    assert!(plan.exists());
}

#[test]
fn a_plan_with_only_warnings_exits_0_and_1_under_strict() {
    let plan = fixture("spec-example.toml");
    steward()
        .args(["check", "--today", TODAY])
        .arg(&plan)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[no-responsible]"));
    steward()
        .args(["check", "--strict", "--today", TODAY])
        .arg(&plan)
        .assert()
        .code(1);
}

#[test]
fn a_clean_plan_exits_0_even_under_strict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(
        dir.path(),
        "clean.toml",
        b"[plan]\nname = \"Solo\"\nlead = \"jo\"\n\n[people.jo]\nname = \"Jo\"\n\n\
          [people.kim]\nname = \"Kim\"\n\n\
          [channels.blog]\nname = \"Blog\"\nplatform = \"web\"\ngoal = \"Be found\"\n\
          last_reviewed = 2026-11-01\naccountable = \"jo\"\nresponsible = \"jo\"\n\
          informed = \"kim\"\nadmins = [\"jo\", \"kim\"]\n",
    );
    steward()
        .args(["check", "--strict", "--today", TODAY])
        .arg(&plan)
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("clean.toml: no problems\n"));
}

#[test]
fn today_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(
        dir.path(),
        "p.toml",
        b"[plan]\nname = \"x\"\nlead = \"jo\"\n[people.jo]\nname = \"Jo\"\nleaving = 2027-01-01\n",
    );
    // 39 days before leaving: within the 60 days' notice.
    steward()
        .env("STEWARD_TODAY", TODAY)
        .arg("check")
        .arg(&plan)
        .assert()
        .stdout(predicate::str::contains("warning[owner-leaving]"));
    // On the day itself the lead has left: an error.
    steward()
        .env("STEWARD_TODAY", "2027-01-01")
        .arg("check")
        .arg(&plan)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[departed-holder]"));
}

#[test]
fn a_bad_date_or_a_bad_argument_exits_2() {
    steward()
        .args(["check", "--today", "2026-13-01", "x.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a date like"));
    steward()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    steward().args(["frobnicate"]).assert().code(2);
}

// ---- load failures ---------------------------------------------------------------

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = load_failure(&dir.path().join("nope.toml"));
    assert!(
        err.contains("nope.toml") && err.contains("no such file"),
        "{err}"
    );
}

#[test]
fn a_folder_is_not_a_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = load_failure(dir.path());
    assert!(err.contains("is a folder, not a plan file"), "{err}");
}

#[test]
fn a_syntax_error_shows_file_line_column_and_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "broken.toml",
        b"[plan]\nname = \"x\"\n\n[people.sam\nname = \"Sam\"\n",
    );
    let err = load_failure(&path);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("broken.toml:4:"), "{err}");
    assert!(err.contains("4 | [people.sam"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn a_duplicate_key_is_refused_where_it_is_repeated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "dup.toml",
        b"[people.sam]\nname = \"Sam\"\nname = \"Samuel\"\n",
    );
    let err = load_failure(&path);
    assert!(err.contains("dup.toml:3:1"), "{err}");
    assert!(err.to_lowercase().contains("duplicate"), "{err}");
}

#[test]
fn a_wrong_type_says_what_was_expected_and_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "types.toml",
        b"[plan]\nname = \"x\"\nreview_every_days = \"often\"\n",
    );
    let err = load_failure(&path);
    assert!(err.contains("types.toml:3:21"), "{err}");
    assert!(err.contains("review_every_days"), "{err}");
    assert!(err.contains("found"), "{err}");
}

#[test]
fn a_role_list_of_numbers_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "roles.toml",
        b"[channels.ig]\nname = \"IG\"\naccountable = [1, 2]\n",
    );
    let err = load_failure(&path);
    assert!(err.contains("roles.toml:3:"), "{err}");
    assert!(err.contains("accountable"), "{err}");
}

#[test]
fn a_bad_date_in_the_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "date.toml",
        b"[people.ana]\nname = \"Ana\"\nleaving = \"31/01/2027\"\n",
    );
    let err = load_failure(&path);
    assert!(err.contains("date.toml:3:11"), "{err}");
    assert!(err.contains("leaving"), "{err}");
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "latin1.toml",
        b"[people.jose]\nname = \"Jos\xe9\"\n",
    );
    let err = load_failure(&path);
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(err.contains("latin1.toml:2:12"), "{err}");
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.toml");
    let file = fs::File::create(&path).expect("create");
    file.set_len(steward::store::MAX_PLAN_BYTES + 1)
        .expect("sparse file");
    let err = load_failure(&path);
    assert!(err.contains("huge.toml") && err.contains("bytes"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "bom.toml",
        b"\xEF\xBB\xBF[plan]\nname = \"x\"\n",
    );
    steward()
        .args(["check", "--today", TODAY])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[no-lead]"));
}

// ---- hostile content -------------------------------------------------------------

const HOSTILE: &[u8] = b"[plan]\nname = \"\\u001b]0;pwned\\u0007\"\nlead = \"ghost\"\n\n\
[people.eve]\nname = \"Eve \\u001b[2J\\u009b31m \\u202e gnp.exe\"\n\n\
[channels.x]\nname = \"X \\u001b[31mred\\u001b[0m\"\naccountable = [\"eve\", \"nobody\"]\n\
\"bad\\u001bkey\" = 1\n";

fn assert_no_raw_controls(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        assert!(
            c == '\n' || !steward::text::is_unsafe(c),
            "{what} holds {c:?}: {text}"
        );
    }
}

#[test]
fn nothing_in_a_plan_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "evil.toml", HOSTILE);
    let out = steward()
        .args(["check", "--today", TODAY])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_no_raw_controls(&out.stdout, "check");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\u{1b}"));
    let out = steward()
        .args(["check", "--today", TODAY, "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_no_raw_controls(&out.stdout, "check json");
    let v = json(&out.stdout);
    assert!(v["errors"].as_u64() >= Some(2), "{v}");
    let out = steward()
        .args(["export", "--today", TODAY, "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_no_raw_controls(&out.stdout, "export");
    // The JSON still carries the exact name for programs that read it.
    let v = json(&out.stdout);
    assert_eq!(
        v["people"][0]["name"],
        "Eve \u{1b}[2J\u{9b}31m \u{202e} gnp.exe"
    );
}

#[test]
fn a_load_failure_on_a_hostile_line_is_shown_safely() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "evil.toml",
        b"[plan]\nname = \"\x1b]0;pwned\x07\" oops\n",
    );
    let err = load_failure(&path);
    assert_no_raw_controls(err.as_bytes(), "stderr");
}

// ---- JSON shapes -----------------------------------------------------------------

#[test]
fn check_json_has_the_documented_shape() {
    let plan = fixture("spec-example.toml");
    let out = steward()
        .args(["check", "--format", "json", "--today", TODAY])
        .arg(&plan)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out.stdout);
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["version", "file", "errors", "warnings", "infos", "problems"]
    );
    assert_eq!(v["version"], 1);
    assert_eq!(v["file"], plan.display().to_string());
    assert_eq!(
        (
            v["errors"].as_u64(),
            v["warnings"].as_u64(),
            v["infos"].as_u64()
        ),
        (Some(0), Some(1), Some(1))
    );
    let p = &v["problems"][0];
    let keys: Vec<&str> = p
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "code", "severity", "message", "hint", "line", "column", "row", "party"
        ]
    );
    assert_eq!(p["code"], "no-responsible");
    assert_eq!(p["severity"], "warning");
    assert_eq!(p["row"], "policy");
    assert_eq!(p["party"], Value::Null);
    assert_eq!(p["line"], 40);
    assert_eq!(p["column"], 1);
}

#[test]
fn export_json_holds_the_whole_plan_in_file_order() {
    let out = steward()
        .args(["export", "--format", "json", "--today", TODAY])
        .arg(fixture("spec-example.toml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = json(&out.stdout);
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(v["version"], 1);
    assert_eq!(
        keys,
        [
            "version",
            "plan",
            "departments",
            "people",
            "channels",
            "duties",
            "problems"
        ]
    );
    assert_eq!(
        v["plan"],
        serde_json::json!({"name": "Harbour Bakery", "lead": "sam", "review_every_days": 90,
                           "leaving_notice_days": 60, "max_accountable": 5})
    );
    assert_eq!(
        v["departments"],
        serde_json::json!([{"id": "marketing", "name": "Marketing"},
                           {"id": "customer-service", "name": "Customer service"}])
    );
    assert_eq!(
        v["people"],
        serde_json::json!([
            {"id": "sam", "name": "Sam Okafor", "department": "marketing",
             "title": "Social media lead", "external": false, "leaving": null},
            {"id": "pixel", "name": "Pixel & Co", "department": null, "title": null,
             "external": true, "leaving": null},
            {"id": "ana", "name": "Ana Ruiz", "department": "customer-service", "title": null,
             "external": false, "leaving": "2027-01-31"}])
    );
    assert_eq!(
        v["channels"],
        serde_json::json!([{"id": "instagram", "name": "Instagram @harbourbakery",
            "goal": "Bring parents in after the school run", "last_reviewed": "2026-10-02",
            "accountable": ["sam"], "responsible": ["pixel", "ana"],
            "consulted": ["customer-service"], "informed": [], "platform": "instagram",
            "admins": ["sam", "ana"]}])
    );
    assert_eq!(
        v["duties"],
        serde_json::json!([{"id": "policy", "name": "Social media policy", "goal": null,
            "last_reviewed": null, "accountable": ["sam"], "responsible": [],
            "consulted": ["customer-service"], "informed": []}])
    );
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(2));
}

#[test]
fn export_writes_to_a_file_but_never_over_the_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(
        dir.path(),
        "plan.toml",
        fs::read(fixture("spec-example.toml")).expect("read"),
    );
    let before = fs::read(&plan).expect("read");
    steward()
        .current_dir(dir.path())
        .args([
            "export",
            "plan.toml",
            "--format",
            "json",
            "-o",
            "./plan.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the plan itself"));
    assert_eq!(fs::read(&plan).expect("read"), before);

    steward()
        .current_dir(dir.path())
        .args(["export", "plan.toml", "--format", "json", "-o", "out.json"])
        .assert()
        .code(0)
        .stdout("");
    let v: Value = serde_json::from_slice(&fs::read(dir.path().join("out.json")).expect("written"))
        .expect("JSON");
    assert_eq!(v["plan"]["name"], "Harbour Bakery");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().ends_with(steward::store::TEMP_SUFFIX))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn export_needs_a_known_format() {
    steward()
        .args(["export", "--format", "yaml"])
        .arg(fixture("spec-example.toml"))
        .assert()
        .code(2);
    steward()
        .arg("export")
        .arg(fixture("spec-example.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format"));
}

// ---- init, templates, the default plan ------------------------------------------

#[test]
fn templates_lists_every_template_with_its_summary() {
    let out = steward().arg("templates").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for name in [
        "solo",
        "agency",
        "hub-and-spoke",
        "centralized",
        "organic",
        "blank",
    ] {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} is listed: {text}"));
        assert!(line.contains(':'), "{line}");
    }
}

/// What a blank plan must report and nothing else: no lead, and each of its four duties
/// with nobody accountable, nobody responsible and no review yet.
const BLANK_PROBLEMS: &[(&str, &str)] = &[
    ("no-lead", ""),
    ("no-accountable", "policy"),
    ("no-responsible", "policy"),
    ("not-reviewed", "policy"),
    ("no-accountable", "crisis"),
    ("no-responsible", "crisis"),
    ("not-reviewed", "crisis"),
    ("no-accountable", "training"),
    ("no-responsible", "training"),
    ("not-reviewed", "training"),
    ("no-accountable", "logins"),
    ("no-responsible", "logins"),
    ("not-reviewed", "logins"),
];

#[test]
fn every_template_checks_without_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    for t in steward::templates::TEMPLATES {
        let file = format!("{}.toml", t.name);
        steward()
            .current_dir(dir.path())
            .args(["init", &file, "--template", t.name])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(format!("wrote {file}")));
        let out = steward()
            .current_dir(dir.path())
            .args(["check", &file, "--format", "json", "--today", TODAY])
            .output()
            .expect("runs");
        let v = json(&out.stdout);
        if t.name == "blank" {
            // Nobody is accountable yet: the errors a blank plan must have, and only those.
            assert_eq!(out.status.code(), Some(1), "{}: {v}", t.name);
            let problems: Vec<(&str, &str)> = v["problems"]
                .as_array()
                .expect("problems")
                .iter()
                .map(|p| {
                    let code = p["code"].as_str().expect("code");
                    (code, p["row"].as_str().unwrap_or_default())
                })
                .collect();
            assert_eq!(problems, BLANK_PROBLEMS, "{v}");
            assert_eq!(
                (&v["errors"], &v["warnings"], &v["infos"]),
                (&4.into(), &5.into(), &4.into())
            );
        } else {
            assert_eq!(out.status.code(), Some(0), "{}: {v}", t.name);
            assert_eq!(v["errors"], 0, "{}: {v}", t.name);
            // Only what a template shows on purpose: organic has no lead.
            let codes: Vec<&str> = v["problems"]
                .as_array()
                .expect("problems")
                .iter()
                .map(|p| p["code"].as_str().expect("code"))
                .collect();
            let meant: &[&str] = if t.name == "organic" {
                &["no-lead"]
            } else {
                &[]
            };
            assert_eq!(codes, meant, "{}: {v}", t.name);
        }
        let written = fs::read_to_string(dir.path().join(&file)).expect("read");
        assert_eq!(written, t.text);
    }
}

#[test]
fn init_writes_the_solo_template_by_default_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    steward()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    let path = dir.path().join("steward.toml");
    let solo = steward::templates::find("solo").expect("solo");
    assert_eq!(fs::read_to_string(&path).expect("written"), solo.text);

    fs::write(&path, "# mine\n").expect("write");
    steward()
        .current_dir(dir.path())
        .args(["init", "--template", "agency"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(&path).expect("read"), "# mine\n");
}

#[test]
fn init_with_an_unknown_template_suggests_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    steward()
        .current_dir(dir.path())
        .args(["init", "--template", "agncy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a similar value exists: 'agency'"))
        .stderr(predicate::str::contains(format!(
            "[possible values: {}]",
            template_names().join(", ")
        )));
    assert!(!dir.path().join("steward.toml").exists());
}

#[test]
fn check_without_a_file_uses_steward_toml_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    steward()
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", data.path())
        .env("HOME", data.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no default plan yet"));
    fs::copy(
        fixture("spec-example.toml"),
        dir.path().join("steward.toml"),
    )
    .expect("copy");
    steward()
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", data.path())
        .args(["check", "--today", TODAY])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "steward.toml: 0 errors, 1 warning, 1 info",
        ));
}

#[test]
fn the_matrix_needs_a_terminal() {
    steward()
        .arg(fixture("spec-example.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn help_and_version_exit_0() {
    steward()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("check"));
    steward()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("steward "));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("steward");
    let mut child = Std::new(bin)
        .args(["export", "--format", "json", "--today", TODAY])
        .arg(fixture("spec-example.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn export_of_a_plan_that_cannot_be_read_exits_2_with_checks_message_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = write(dir.path(), "broken.toml", b"[plan\nname = 1\n");
    let missing = dir.path().join("missing.toml");
    let folder = dir.path().join("folder.toml");
    fs::create_dir(&folder).expect("a folder");
    for plan in [&broken, &missing, &folder] {
        let message = load_failure(plan);
        for format in ["md", "csv", "html", "json"] {
            let out = dir.path().join(format!("out.{format}"));
            let result = steward()
                .args(["export", "--today", TODAY, "--format", format, "-o"])
                .arg(&out)
                .arg(plan)
                .output()
                .expect("runs");
            assert_eq!(result.status.code(), Some(2), "{format}: {result:?}");
            assert_eq!(
                String::from_utf8_lossy(&result.stderr),
                message,
                "export says what check says"
            );
            assert!(!out.exists(), "nothing is written for {format}");
        }
    }
}

#[test]
fn export_to_a_folder_that_cannot_be_written_exits_2_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(
        dir.path(),
        "plan.toml",
        steward::templates::EXAMPLE.as_bytes(),
    );
    let out = dir.path().join("no-such-folder").join("out.md");
    let result = steward()
        .args(["export", "--today", TODAY, "--format", "md", "-o"])
        .arg(&out)
        .arg(&plan)
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(2), "{result:?}");
    assert!(
        String::from_utf8_lossy(&result.stderr).contains("out.md"),
        "the message names the file: {result:?}"
    );
    assert!(!out.exists());
}
