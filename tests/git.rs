//! steward as git's diff driver, textconv and difftool, set up exactly as the README's
//! "With git" block says, in a real repository: a change shown in responsibilities,
//! `--exit-code` meaning a change of meaning, `git log -p` through the Markdown export,
//! both difftool forms, and a merge conflict (git's one-argument form).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Repo {
    _dir: tempfile::TempDir,
    work: PathBuf,
    path: String,
}

impl Repo {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let work = dir.path().to_path_buf();
        let bin = Path::new(env!("CARGO_BIN_EXE_steward"));
        let path = format!(
            "{}:{}",
            bin.parent().expect("a folder").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let repo = Repo {
            _dir: dir,
            work,
            path,
        };
        repo.ok(&["init", "-q", "-b", "main"]);
        repo.ok(&["config", "user.email", "git-test@example.com"]);
        repo.ok(&["config", "user.name", "Test"]);
        repo
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .current_dir(&self.work)
            .env("PATH", &self.path)
            .env("HOME", &self.work)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_PAGER", "cat")
            .env("STEWARD_TODAY", "2026-11-23")
            .env_remove("NO_COLOR")
            .env_remove("GIT_DIFF_PATH_COUNTER")
            .env_remove("GIT_DIFF_PATH_TOTAL")
            .output()
            .expect("git runs (.ci/run installs it)")
    }

    fn git(&self, args: &[&str]) -> Output {
        self.run("git", args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    fn write(&self, text: &str) {
        fs::write(self.work.join("plan.toml"), text).expect("write the plan");
    }

    /// The README's setup lines (`echo …` and `git config …` of its git block), run as
    /// written.
    fn set_up_as_the_readme_says(&self) {
        let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .expect("the README");
        let block = readme
            .split("**With git.**")
            .nth(1)
            .and_then(|rest| rest.split("```sh\n").nth(1))
            .and_then(|rest| rest.split("```").next())
            .expect("the README's git block");
        let mut ran = 0;
        for line in block.lines() {
            if line.starts_with("echo ") || line.starts_with("git config ") {
                let out = self.run("bash", &["--norc", "--noprofile", "-c", line]);
                assert!(out.status.success(), "`{line}`: {out:?}");
                ran += 1;
            }
        }
        assert!(
            ran >= 5,
            "the diff, trustExitCode, textconv and difftool lines ran"
        );
    }
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const NAME: &str = "name = \"Harbour Bakery\"";

fn plan(name: &str) -> String {
    steward::templates::EXAMPLE.replacen(NAME, &format!("name = \"{name}\""), 1)
}

#[test]
fn git_diff_log_and_difftool_show_plans_as_steward_does() {
    let repo = Repo::new();
    assert!(steward::templates::EXAMPLE.contains(NAME));
    repo.write(steward::templates::EXAMPLE);
    repo.ok(&["add", "plan.toml"]);
    repo.ok(&["commit", "-q", "-m", "first"]);
    repo.set_up_as_the_readme_says();
    repo.ok(&["add", ".gitattributes"]);
    repo.ok(&["commit", "-q", "-m", "attributes"]);

    // Nothing that means anything changed: a comment.
    repo.write(&format!("# a note\n{}", steward::templates::EXAMPLE));
    assert_eq!(repo.git(&["diff", "--exit-code"]).status.code(), Some(0));

    repo.write(&plan("Harbour Bakery & Café"));
    let diff = repo.ok(&["diff"]);
    assert!(
        diff.starts_with("plan.toml\n")
            && diff.contains("~ name: \"Harbour Bakery\" -> \"Harbour Bakery & Café\""),
        "{diff}"
    );
    assert_eq!(repo.git(&["diff", "--exit-code"]).status.code(), Some(1));

    repo.ok(&["commit", "-q", "-am", "renamed"]);
    // textconv: the log compares the Markdown exports.
    let log = repo.ok(&["log", "-p", "-1", "--", "plan.toml"]);
    assert!(
        log.contains("-# Harbour Bakery: who owns what")
            && log.contains("+# Harbour Bakery & Café: who owns what"),
        "{log}"
    );
    assert!(
        !log.contains("-name = "),
        "TOML lines are not compared: {log}"
    );
    // The driver, when asked for.
    let show = repo.ok(&["show", "--ext-diff", "--format=", "HEAD"]);
    assert!(show.contains("~ name:"), "{show}");

    for args in [
        &[
            "difftool",
            "--tool=steward",
            "-y",
            "HEAD~1",
            "--",
            "plan.toml",
        ][..],
        &[
            "difftool",
            "-x",
            "steward diff",
            "-y",
            "HEAD~1",
            "--",
            "plan.toml",
        ],
    ] {
        let out = repo.git(args);
        assert!(
            text(&out).contains("~ name: \"Harbour Bakery\" -> \"Harbour Bakery & Café\""),
            "{args:?}: {out:?}"
        );
    }
}

#[test]
fn an_unmerged_plan_is_said_to_be_unmerged() {
    let repo = Repo::new();
    repo.write(steward::templates::EXAMPLE);
    repo.ok(&["add", "plan.toml"]);
    repo.ok(&["commit", "-q", "-m", "first"]);
    repo.set_up_as_the_readme_says();
    repo.ok(&["checkout", "-q", "-b", "theirs"]);
    repo.write(&plan("Theirs"));
    repo.ok(&["commit", "-q", "-am", "theirs"]);
    repo.ok(&["checkout", "-q", "main"]);
    repo.write(&plan("Ours"));
    repo.ok(&["commit", "-q", "-am", "ours"]);
    assert!(
        !repo.git(&["merge", "-q", "theirs"]).status.success(),
        "a conflict"
    );
    // git hands the driver the unmerged path alone.
    let out = repo.git(&["diff", "--cached"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        text(&out).contains("plan.toml: unmerged; resolve the conflict, then compare the plans"),
        "{out:?}"
    );
    repo.ok(&[
        "config",
        "diff.steward.command",
        "steward diff --format json",
    ]);
    let out = repo.git(&["diff", "--cached"]);
    let json = text(&out);
    let line = json
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("a JSON line");
    let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
    assert_eq!(v["unmerged"], true, "{json}");
    assert_eq!(v["version"], 1);
    // The working tree holds conflict markers: steward says why it cannot compare.
    let out = repo.git(&["diff"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("plan.toml:"),
        "{out:?}"
    );
    repo.ok(&["merge", "--abort"]);
}
