//! The room's commands through the real binary: `steward whatif FILE --leaves ID…` (what
//! would break if those people left today, as text and JSON, with its exit codes, on the
//! example plan and on every built-in template) and `steward init --name`.

#[path = "common/cli.rs"]
mod cli_common;

use std::path::Path;

use cli_common::{steward, write};
use serde_json::Value;
use steward::model::whatif;

/// `steward whatif PLAN --leaves …` with these arguments: (exit code, stdout, stderr).
/// What would break does not depend on the day, so whatif takes no `--today`.
fn run(plan: &Path, args: &[&str]) -> (i32, String, String) {
    let out = steward()
        .arg("whatif")
        .arg(plan)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

fn example(dir: &Path) -> std::path::PathBuf {
    write(dir, "plan.toml", steward::templates::EXAMPLE)
}

#[test]
fn the_accountable_owner_leaving_breaks_her_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = example(dir.path());
    let (code, out, err) = run(&plan, &["--leaves", "ana"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.starts_with("If Ana Ruiz leaves today:\n"), "{out}");
    assert!(out.contains("A accountable  Facebook page"), "{out}");
    assert!(
        out.contains("✖ Facebook page would lose its accountable owner"),
        "{out}"
    );
    assert!(err.is_empty(), "{err}");
}

#[test]
fn someone_who_holds_nothing_essential_breaks_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = example(dir.path());
    // The agency does work, but always beside someone on staff.
    let (code, out, _) = run(&plan, &["--leaves", "pixel"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("Nothing would break.\n"), "{out}");
}

#[test]
fn several_people_leave_together_and_names_work_as_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = example(dir.path());
    let (code, out, _) = run(
        &plan,
        &[
            "--leaves",
            "Sam Okafor",
            "--leaves",
            "lily",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["version"], 1);
    assert_eq!(v["file"], plan.display().to_string());
    let leaving: Vec<&str> = v["leaving"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(leaving, ["sam", "lily"]);
    assert_eq!(v["leaving"][0]["holds"]["lead"], true);
    let breaks = v["breaks"].as_array().expect("a list");
    assert!(
        breaks
            .iter()
            .any(|b| b["row"].is_null() && b["loses"] == "lead"),
        "{out}"
    );
    assert!(
        breaks
            .iter()
            .any(|b| b["row"] == "x" && b["loses"] == "only-responsible"),
        "Lily is X's only responsible: {out}"
    );
}

#[test]
fn an_unknown_person_or_a_department_is_exit_2_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = example(dir.path());
    let (code, out, err) = run(&plan, &["--leaves", "anaa"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("there is no person `anaa` (did you mean `ana`?)"),
        "{err}"
    );
    let (code, _, err) = run(&plan, &["--leaves", "marketing"]);
    assert_eq!(code, 2);
    assert!(err.contains("is a department"), "{err}");
    let (code, _, err) = run(&dir.path().join("missing.toml"), &["--leaves", "ana"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");
    let broken = write(dir.path(), "broken.toml", "[plan\n");
    let (code, _, err) = run(&broken, &["--leaves", "ana"]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.toml"), "{err}");
}

/// For every person of every template and of the example: the exit code says whether
/// anything would break, the text names each row that would, and the JSON lists the
/// same breaks as the library finds.
#[test]
fn every_template_and_every_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut plans: Vec<(&str, &str)> = steward::templates::TEMPLATES
        .iter()
        .map(|t| (t.name, t.text))
        .collect();
    plans.push(("example", steward::templates::EXAMPLE));
    let mut broke = 0;
    for (name, text) in plans {
        let path = write(dir.path(), &format!("{name}.toml"), text);
        let plan = steward::store::parse(text).expect("a template parses");
        for person in &plan.people {
            let report = whatif::leaving(&plan, std::slice::from_ref(&person.id));
            let (code, out, err) = run(&path, &["--leaves", &person.id]);
            assert_eq!(
                code,
                i32::from(!report.breaks.is_empty()),
                "{name}, {}: {out}{err}",
                person.id
            );
            for b in &report.breaks {
                let row = b
                    .row
                    .as_deref()
                    .and_then(|r| plan.row(r))
                    .map_or("the plan", |r| r.name.as_str());
                assert!(
                    out.contains(&format!("{row} would lose {}", b.loss.words())),
                    "{name}, {}: {out}",
                    person.id
                );
            }
            let (_, json, _) = run(&path, &["--leaves", &person.id, "--format", "json"]);
            let v: Value = serde_json::from_str(&json).expect("one JSON object");
            let loses: Vec<&str> = v["breaks"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|b| b["loses"].as_str().expect("a loss"))
                .collect();
            let expected: Vec<&str> = report.breaks.iter().map(|b| b.loss.code()).collect();
            assert_eq!(loses, expected, "{name}, {}", person.id);
            broke += usize::from(!report.breaks.is_empty());
        }
    }
    assert!(broke > 5, "the templates have owners whose leaving matters");
}

#[test]
fn init_names_the_plan_and_changes_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    for t in steward::templates::TEMPLATES {
        let file = dir.path().join(format!("{}.toml", t.name));
        let out = steward()
            .arg("init")
            .arg(&file)
            .args(["--template", t.name, "--name", "Riverside Dental"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", t.name);
        let text = std::fs::read_to_string(&file).expect("written");
        let plan = steward::store::parse(&text).expect("parses");
        assert_eq!(plan.settings.name.as_deref(), Some("Riverside Dental"));
        // Only the name's line differs from the template.
        let differ: Vec<(&str, &str)> = t
            .text
            .lines()
            .zip(text.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(differ.len(), 1, "{}: {differ:?}", t.name);
        assert!(
            differ[0].1.starts_with("name = \"Riverside Dental\""),
            "{differ:?}"
        );
        // A comment after the name stays in its column.
        let (before, after) = differ[0];
        if let Some(at) = before.find('#') {
            assert_eq!(after.find('#'), Some(at), "{}:\n{before}\n{after}", t.name);
        }
        assert_eq!(t.text.lines().count(), text.lines().count());
    }
    let out = steward()
        .arg("init")
        .arg(dir.path().join("x.toml"))
        .args(["--name", "  "])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("x.toml").exists(), "nothing written");
}
