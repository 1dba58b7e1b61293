//! `steward diff` through the real binary: exit codes, each kind of change named, the
//! JSON shape, and git's two ways of calling it (`difftool -x` and a diff driver).

#[path = "common/cli.rs"]
mod cli_common;

use cli_common::today::TODAY;
use cli_common::{steward, write};
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use steward::templates;

fn diff(old: &Path, new: &Path, extra: &[&str]) -> Output {
    steward()
        .args(["diff", "--today", TODAY])
        .args(extra)
        .arg(old)
        .arg(new)
        .output()
        .expect("runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

/// The example plan with `edit` applied to its text, which must change it.
fn example_with(edit: impl Fn(&str) -> String) -> String {
    let changed = edit(templates::EXAMPLE);
    assert_ne!(changed, templates::EXAMPLE, "the edit applies");
    changed
}

#[test]
fn reordered_entries_and_new_comments_mean_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(dir.path(), "old.toml", templates::EXAMPLE);
    // The same plan with its sections in reverse order, its lists reversed and every
    // comment replaced.
    let plan = steward::store::parse(templates::EXAMPLE).expect("parses");
    let mut reversed = plan.clone();
    reversed.departments.reverse();
    reversed.people.reverse();
    reversed.rows.reverse();
    for row in &mut reversed.rows {
        for role in steward::model::Role::ALL {
            let mut ids = row.holders(role).to_vec();
            ids.reverse();
            row.set_holders(role, ids);
        }
        row.admins.reverse();
    }
    let text = format!(
        "# rewritten by hand\n{}\n# the end\n",
        steward::store::to_toml(&reversed)
    );
    assert_ne!(text, templates::EXAMPLE);
    let new = write(dir.path(), "new.toml", &text);
    let out = diff(&old, &new, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        stdout(&out),
        "old.toml -> new.toml: no change in meaning\n"
            .replace("old.toml", &old.display().to_string())
            .replace("new.toml", &new.display().to_string())
    );
    let json: Value =
        serde_json::from_slice(&diff(&old, &new, &["--format", "json"]).stdout).expect("JSON");
    assert_eq!(json["same"], true);
}

#[test]
fn each_kind_of_change_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(dir.path(), "old.toml", templates::EXAMPLE);
    let new_text = example_with(|t| {
        t.replace(
            "[departments.kitchen]\nname = \"Kitchen\"",
            "[departments.sales]\nname = \"Sales\"",
        )
        .replace("name = \"Café\"", "name = \"Coffee shop\"")
        .replace(
            "name = \"Tom Walsh\"\ndepartment = \"cafe\"",
            "name = \"Tom Walsh\"\ndepartment = \"catering\"",
        )
        .replace(
            "name = \"Ben Carter\"\ndepartment = \"kitchen\"",
            "name = \"Ben Carter\"",
        )
        .replace(
            "[people.lily]\nname = \"Lily Chen\"",
            "[people.lily]\nname = \"Lily Chen-Park\"",
        )
        .replace("accountable = []\n", "accountable = \"lily\"\n")
        .replace("[duties.training]", "[duties.onboarding]")
            + "\n[people.jo]\nname = \"Jo Park\"\ndepartment = \"sales\"\n"
    });
    // Ben's people entry is removed entirely.
    let new_text = cut_table(&new_text, "[people.ben]");
    let new = write(dir.path(), "new.toml", &new_text);
    let out = diff(&old, &new, &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    for want in [
        "departments\n",
        "  + Sales (sales)\n",
        "  - Kitchen (kitchen)\n",
        "  ~ Coffee shop (cafe)\n      renamed: \"Café\" -> \"Coffee shop\"\n",
        "people\n",
        "  + Jo Park (jo), in Sales\n",
        "  - Ben Carter (ben)",
        "  ~ Lily Chen-Park (lily)\n      renamed: \"Lily Chen\" -> \"Lily Chen-Park\"\n",
        "  ~ Tom Walsh (tom)\n      moved: Coffee shop -> Catering\n",
        "channels and duties\n",
        "  + duty \"Training staff to post\" (onboarding)\n",
        "  - duty \"Training staff to post\" (training)\n",
        "  ~ channel \"TikTok @harbourbakes\" (tiktok)\n      + Lily Chen-Park: accountable\n",
        "problems\n",
        "  - error[no-accountable]: nobody is accountable for \"TikTok @harbourbakes\"\n",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(
        text.contains("  + error[unknown-reference]:") && text.contains("\"kitchen\""),
        "rows still naming the removed department now name an unknown id:\n{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
}

/// `text` without the table that starts with `header` (up to the next blank line).
fn cut_table(text: &str, header: &str) -> String {
    let start = text.find(header).expect("the table is there");
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |i| start + i + 2);
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn roles_gained_and_lost_and_problems_appearing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(dir.path(), "old.toml", templates::EXAMPLE);
    let new = write(
        dir.path(),
        "new.toml",
        example_with(|t| {
            t.replacen(
                "accountable = \"sam\"\nresponsible = [\"lily\", \"pixel\"]",
                "accountable = \"pixel\"\nresponsible = [\"lily\"]",
                1,
            )
            .replace("admins = [\"sam\", \"lily\"]", "admins = [\"sam\"]")
        }),
    );
    let out = diff(&old, &new, &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    for want in [
        "  ~ channel \"Instagram @harbourbakery\" (instagram)\n",
        "      + Pixel & Co: accountable\n",
        "      - Sam Okafor: accountable\n",
        "      - Pixel & Co: responsible\n",
        "      - Lily Chen: admin\n",
        "  + warning[accountable-external]:",
        "  + warning[single-admin]:",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(text.ends_with("1 change, 2 problems appeared\n"), "{text}");
}

#[test]
fn the_json_is_one_object_with_every_section() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(dir.path(), "old.toml", templates::EXAMPLE);
    let new = write(
        dir.path(),
        "new.toml",
        example_with(|t| {
            t.replace("accountable = []\n", "accountable = \"lily\"\n")
                .replace("lead = \"sam\"  ", "lead = \"nora\"")
                .replace(
                    "[people.pixel]\nname = \"Pixel & Co\"",
                    "[people.pixel]\nname = \"Pixel and Co\"",
                )
        }),
    );
    let out = diff(&old, &new, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "one line: {text}");
    let json: Value = serde_json::from_str(&text).expect("JSON");
    let keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "version",
            "old",
            "new",
            "same",
            "plan",
            "departments",
            "people",
            "rows",
            "problems"
        ]
    );
    assert_eq!(json["same"], false);
    assert_eq!(json["old"], old.display().to_string());
    assert_eq!(
        json["plan"],
        serde_json::json!([{"field": "lead", "old": "sam", "new": "nora"}])
    );
    assert_eq!(
        json["people"]["changed"],
        serde_json::json!([{"id": "pixel", "name": "Pixel and Co", "fields": [
            {"field": "name", "old": "Pixel & Co", "new": "Pixel and Co"}]}])
    );
    for section in ["departments", "people", "rows"] {
        for list in ["added", "removed", "changed"] {
            assert!(json[section][list].is_array(), "{section}.{list}: {json}");
        }
    }
    let tiktok = &json["rows"]["changed"][0];
    assert_eq!(tiktok["kind"], "channel");
    assert_eq!(tiktok["id"], "tiktok");
    assert_eq!(
        tiktok["gained"],
        serde_json::json!([{"party": "lily", "roles": ["accountable"]}])
    );
    assert_eq!(tiktok["lost"], serde_json::json!([]));
    let fixed = &json["problems"]["fixed"];
    assert!(
        fixed
            .as_array()
            .expect("list")
            .iter()
            .any(|p| p["code"] == "no-accountable"
                && p["row"] == "tiktok"
                && p["severity"] == "error"),
        "{fixed}"
    );
    for key in [
        "code", "severity", "message", "hint", "row", "party", "line", "column",
    ] {
        assert!(fixed[0].get(key).is_some(), "problem key {key}: {fixed}");
    }
}

#[test]
fn a_plan_that_cannot_be_read_exits_2_with_checks_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write(dir.path(), "good.toml", templates::EXAMPLE);
    let bad = write(dir.path(), "bad.toml", "[people.sam\nname = \"Sam\"\n");
    for (old, new) in [(&good, &bad), (&bad, &good)] {
        let out = diff(old, new, &["--format", "json"]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(out.stdout.is_empty(), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "{err}");
        assert!(
            err.contains("bad.toml:1:"),
            "names file, line and column: {err}"
        );
    }
    let missing = dir.path().join("missing.toml");
    let out = diff(&good, &missing, &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.toml: no such file"));

    let out = steward()
        .args(["diff", "a.toml", "b.toml", "c.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("got 3 arguments"));
}

#[test]
fn dev_null_is_an_added_or_deleted_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(
        dir.path(),
        "plan.toml",
        "[plan]\nlead = \"sam\"\n[people.sam]\nname = \"Sam\"\n[channels.ig]\nname = \"IG\"\naccountable = \"sam\"\n",
    );
    let null = Path::new("/dev/null");
    let out = diff(null, &plan, &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("{} (new plan)\n", plan.display())),
        "{text}"
    );
    assert!(
        text.contains("  + Sam (sam)\n")
            && text.contains("  + channel \"IG\" (ig)\n      accountable: Sam\n"),
        "{text}"
    );
    assert!(
        !text.contains("no-lead"),
        "an absent plan has no problems: {text}"
    );
    let json: Value =
        serde_json::from_slice(&diff(&plan, null, &["--format", "json"]).stdout).expect("JSON");
    assert_eq!(json["new"], Value::Null);
    assert_eq!(json["rows"]["removed"][0]["id"], "ig");
    assert_eq!(
        json["rows"]["removed"][0]["accountable"],
        serde_json::json!(["sam"])
    );
}

// ---- git ---------------------------------------------------------------------------

fn git(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env_remove("STEWARD_TODAY")
        .output()
        .expect("git runs (git is needed for these tests)")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A repository whose `plan.toml` is committed, then edited so that Lily answers for
/// the `tiktok` channel.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    git_ok(root, &["init", "-q"]);
    write(root, ".gitattributes", "plan.toml diff=steward\n");
    write(root, "plan.toml", templates::EXAMPLE);
    write(root, "notes.txt", "not a plan\n");
    git_ok(root, &["add", "."]);
    git_ok(root, &["commit", "-q", "-m", "plan"]);
    write(
        root,
        "plan.toml",
        templates::EXAMPLE.replace("accountable = []\n", "accountable = \"lily\"\n"),
    );
    write(root, "notes.txt", "still not a plan\n");
    dir
}

fn command() -> String {
    let bin = assert_cmd::cargo::cargo_bin("steward");
    format!("'{}' diff --today {TODAY}", bin.display())
}

#[test]
fn git_diff_driver_with_trusted_exit_code() {
    // `diff.<driver>.trustExitCode` is read by git 2.46 and later.
    let version = git_ok(Path::new("."), &["--version"]);
    let numbers: Vec<u32> = version
        .trim_start_matches("git version ")
        .split(|c: char| !c.is_ascii_digit())
        .take(2)
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    if numbers.as_slice() < [2, 46].as_slice() {
        eprintln!(
            "skipped: {} has no diff.<driver>.trustExitCode",
            version.trim()
        );
        return;
    }
    let dir = repo();
    let root = dir.path();
    git_ok(root, &["config", "diff.steward.command", &command()]);
    git_ok(root, &["config", "diff.steward.trustExitCode", "true"]);
    let shown = git_ok(root, &["diff"]);
    assert!(
        shown.contains("plan.toml\nchannels and duties\n  ~ channel \"TikTok @harbourbakes\" (tiktok)\n      + Lily Chen: accountable\n"),
        "{shown}"
    );
    assert!(
        shown.contains("-still not a plan") || shown.contains("+still not a plan"),
        "other files keep git's own diff: {shown}"
    );
    // git diff --exit-code follows steward: 1 when the plan means something else...
    let out = git(root, &["diff", "--exit-code", "--", "plan.toml"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // ...and 0 when only comments and layout changed.
    write(
        root,
        "plan.toml",
        format!("# a new comment\n{}\n\n", templates::EXAMPLE),
    );
    let out = git(root, &["diff", "--exit-code", "--", "plan.toml"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "plan.toml: no change in meaning\n"
    );
}

#[test]
fn git_diff_driver_without_trusted_exit_code_needs_exit_zero() {
    let dir = repo();
    let root = dir.path();
    // Without trustExitCode, git takes steward's exit 1 ("they differ") as a failure...
    git_ok(root, &["config", "diff.steward.command", &command()]);
    let out = git(root, &["diff", "--", "plan.toml"]);
    assert_eq!(out.status.code(), Some(128), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("external diff died"));
    // ...so the command there is `steward diff --exit-zero`.
    git_ok(
        root,
        &[
            "config",
            "diff.steward.command",
            &format!("{} --exit-zero", command()),
        ],
    );
    let shown = git_ok(root, &["diff"]);
    assert!(
        shown.contains("      + Lily Chen: accountable\n"),
        "{shown}"
    );
    // A committed deletion: the new side is /dev/null.
    git_ok(root, &["rm", "-q", "-f", "plan.toml"]);
    let shown = git_ok(root, &["diff", "--cached"]);
    assert!(shown.starts_with("plan.toml (deleted)\n"), "{shown}");
    assert!(shown.contains("  - Sam Okafor (sam)"), "{shown}");
    git_ok(root, &["reset", "-q"]);

    // An added plan, and a plan that no longer parses (git stops with steward's message).
    write(
        root,
        ".gitattributes",
        "*.plan.toml diff=steward\nplan.toml diff=steward\n",
    );
    write(root, "shop.plan.toml", "[people.sam]\nname = \"Sam\"\n");
    git_ok(root, &["add", "-N", "shop.plan.toml"]);
    let shown = git_ok(root, &["diff", "--", "shop.plan.toml"]);
    assert!(
        shown.starts_with("shop.plan.toml (new plan)\npeople\n  + Sam (sam)\n"),
        "{shown}"
    );
    write(root, "plan.toml", "[plan\n");
    let out = git(root, &["diff", "--", "plan.toml"]);
    assert_eq!(out.status.code(), Some(128), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: ") && err.contains("external diff died"),
        "{err}"
    );
}

#[test]
fn git_difftool_passes_two_files() {
    let dir = repo();
    let root = dir.path();
    let out = git(
        root,
        &["difftool", "-y", "-x", &command(), "--", "plan.toml"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "difftool goes on after exit 1: {out:?}"
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains(" -> plan.toml\n"), "{shown}");
    assert!(
        shown.contains("      + Lily Chen: accountable\n"),
        "{shown}"
    );
    let out = git(
        root,
        &[
            "difftool",
            "-y",
            "--trust-exit-code",
            "-x",
            &command(),
            "--",
            "plan.toml",
        ],
    );
    assert_ne!(
        out.status.code(),
        Some(0),
        "with --trust-exit-code a difference stops difftool: {out:?}"
    );
}

#[test]
fn git_diff_driver_titles_a_renamed_plan_with_both_paths() {
    let dir = repo();
    let root = dir.path();
    write(root, ".gitattributes", "*.toml diff=steward\n");
    git_ok(
        root,
        &[
            "config",
            "diff.steward.command",
            &format!("{} --exit-zero", command()),
        ],
    );
    git_ok(root, &["mv", "plan.toml", "shop.toml"]);
    git_ok(root, &["add", "shop.toml"]);
    // git gives nine arguments for a rename with changes: the new path comes eighth.
    let shown = git_ok(
        root,
        &["diff", "--cached", "-M", "--", "plan.toml", "shop.toml"],
    );
    assert!(
        shown.starts_with("plan.toml -> shop.toml\nchannels and duties\n"),
        "{shown}"
    );
    assert!(
        shown.contains("      + Lily Chen: accountable\n"),
        "{shown}"
    );
}
