//! The README's commands run as written: every line of its `sh` code blocks, in order, in one
//! fresh folder that is a git repository holding a committed `plan.toml` with a change,
//! with the built `steward` first on the PATH and HOME in the folder.
//!
//! Skipped, and why: `cargo …` lines (they build and test steward itself, which this test
//! is part of) and lines that open the matrix (`steward FILE`: they need a terminal; the
//! tmux tests drive it).

use std::fs;
use std::path::Path;
use std::process::Command;

/// The lines of the README's `sh` code blocks, continuation lines joined.
fn sh_lines(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in readme.lines() {
        if !in_sh {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if line.trim() == "```" {
            in_sh = false;
            continue;
        }
        if let Some(start) = line.strip_suffix('\\') {
            pending.push_str(start);
            continue;
        }
        pending.push_str(line);
        let whole = std::mem::take(&mut pending);
        if !whole.trim().is_empty() {
            lines.push(whole.trim().to_string());
        }
    }
    lines
}

/// The commands of `steward --help`.
fn commands(bin: &Path) -> Vec<String> {
    let out = Command::new(bin)
        .arg("--help")
        .output()
        .expect("steward runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs (.ci/run installs it)");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn every_command_in_the_readme_runs_as_written() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    let bin = Path::new(env!("CARGO_BIN_EXE_steward"));
    let commands = commands(bin);
    assert!(commands.iter().any(|c| c == "check"), "{commands:?}");
    let dir = tempfile::tempdir().expect("tempdir");
    let work = dir.path();
    git(work, &["init", "-q", "-b", "main"]);
    git(work, &["config", "user.email", "readme@example.com"]);
    git(work, &["config", "user.name", "README"]);
    let plan = work.join("plan.toml");
    fs::write(&plan, steward::templates::EXAMPLE).expect("write the plan");
    git(work, &["add", "plan.toml"]);
    git(work, &["commit", "-q", "-m", "the plan"]);
    fs::write(
        &plan,
        steward::templates::EXAMPLE.replacen("name = \"", "name = \"New ", 1),
    )
    .expect("change the plan");

    let path = format!(
        "{}:{}",
        bin.parent().expect("a folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    let mut skipped = Vec::new();
    for line in sh_lines(&readme) {
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or_default();
        let second = words.next().unwrap_or_default();
        let opens_matrix =
            first == "steward" && !second.starts_with('-') && !commands.iter().any(|c| c == second);
        if first == "cargo" || opens_matrix {
            skipped.push(line);
            continue;
        }
        let out = Command::new("bash")
            .args(["--norc", "--noprofile", "-o", "pipefail", "-c", &line])
            .current_dir(work)
            .env("PATH", &path)
            .env("HOME", work)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_PAGER", "cat")
            .env("PAGER", "cat")
            .env("STEWARD_TODAY", "2026-11-23")
            .env_remove("NO_COLOR")
            .output()
            .expect("bash runs");
        // check, diff and whatif say what they found with exit 1.
        let finds = [
            "steward check",
            "steward diff",
            "steward whatif",
            "git difftool",
        ]
        .iter()
        .any(|c| line.contains(c));
        let code = out.status.code();
        assert!(
            code == Some(0) || (finds && code == Some(1)),
            "the README line `{line}` exited {code:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("error:"),
            "`{line}` said: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 15, "ran {ran} lines");
    for line in &skipped {
        assert!(
            line.starts_with("cargo ")
                || line == "steward my-plan.toml                          # edit it",
            "skipped a line that was meant to run: {line}"
        );
    }
    // What the lines made is there.
    for made in [
        "my-plan.toml",
        ".local/share/bash-completion/completions/steward",
        ".zfunc/_steward",
        ".config/fish/completions/steward.fish",
        ".local/share/man/man1/steward.1",
        ".local/share/man/man1/steward-check.1",
        ".gitattributes",
    ] {
        assert!(work.join(made).exists(), "{made}");
    }
}
