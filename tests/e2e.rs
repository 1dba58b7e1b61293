//! End to end: the real `steward` binary in a real pseudo-terminal, driven through tmux
//! the way a user drives it, keystroke by keystroke, then the file it wrote checked with
//! the real binary's `export`.
//!
//! Each test runs its own tmux server (`-L`, a socket name of its own) and kills it when
//! done, also when the test fails. Nothing waits a fixed time: every step polls the screen
//! until what it expects shows, and a step that times out fails with the last screen.
//! Without tmux the tests say why and pass, unless `STEWARD_REQUIRE_TMUX=1` (CI sets it):
//! then they fail.

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use std::fs;

use common::{PLAN_NAME, Session, first_line, fixture, ids, matrix_line, row, status_line};
use serde_json::Value;

/// The lines of `after` that are not in `before`, when `before`'s lines all appear in
/// `after` in the same order; `Err` with the first line of `before` that is missing.
fn added_lines<'a>(before: &'a str, after: &'a str) -> Result<Vec<&'a str>, &'a str> {
    let mut want = before.lines().peekable();
    let mut added = Vec::new();
    for line in after.lines() {
        if want.peek() == Some(&line) {
            want.next();
        } else {
            added.push(line);
        }
    }
    match want.next() {
        Some(missing) => Err(missing),
        None => Ok(added),
    }
}

/// The fixture cut into its tables: each from the comments and blank lines above its
/// header down to its last line, keyed by the header (`[people.sam]`).
fn tables(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let headers: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with('['))
        .collect();
    let mut starts = Vec::new();
    for (k, &h) in headers.iter().enumerate() {
        let floor = if k == 0 { 0 } else { headers[k - 1] + 1 };
        let mut s = h;
        while s > floor && {
            let t = lines[s - 1].trim();
            t.is_empty() || t.starts_with('#')
        } {
            s -= 1;
        }
        starts.push(s);
    }
    starts.push(lines.len());
    headers
        .iter()
        .enumerate()
        .map(|(k, &h)| {
            (
                lines[h].trim().to_string(),
                lines[starts[k]..starts[k + 1]].concat(),
            )
        })
        .collect()
}

/// Whether an escape sequence on the screen sets a colour (foreground or background).
fn sets_colour(screen: &str) -> Option<String> {
    let mut rest = screen;
    while let Some(at) = rest.find("\u{1b}[") {
        rest = &rest[at + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            let colour = rest[..end].split(';').any(|p| {
                p.parse::<u16>()
                    .is_ok_and(|n| matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107))
            });
            if colour {
                return Some(rest[..=end].to_string());
            }
        }
    }
    None
}

/// What the edited file means, as `steward export` reads it.
fn check_export(export: &Value, saved: &str) {
    let lee = export["people"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == "lee-chan"))
        .unwrap_or_else(|| panic!("the new person is in the file:\n{saved}"));
    assert_eq!(lee["name"], "Lee Chan");
    assert_eq!(lee["department"], "customer-service");
    assert_eq!(lee["external"], false);
    assert_eq!(export["people"].as_array().map(Vec::len), Some(4));
    let facebook = row(export, "channels", "facebook");
    assert_eq!(ids(&facebook["accountable"]), ["sam"], "{saved}");
    assert_eq!(ids(&facebook["responsible"]), ["ana"], "{saved}");
    let policy = row(export, "duties", "policy");
    assert_eq!(ids(&policy["accountable"]), ["sam"], "{saved}");
    assert_eq!(ids(&policy["responsible"]), ["ana"], "{saved}");
    let instagram = row(export, "channels", "instagram");
    assert_eq!(ids(&instagram["accountable"]), ["sam"], "{saved}");
    assert_eq!(ids(&instagram["responsible"]), ["pixel"], "{saved}");
}

/// How the edited file reads: every line of the fixture is still there, in order, and the
/// only new lines are the two roles and the new person's table.
fn check_text(original: &str, saved: &str) {
    let added = added_lines(original, saved)
        .unwrap_or_else(|missing| panic!("the line {missing:?} was lost:\n{saved}"));
    let expected_starts = [
        "[people.lee-chan]",
        "name = \"Lee Chan\"",
        "department = \"customer-service\"",
        "accountable = ",
        "responsible = ",
    ];
    assert!(
        added.iter().filter(|l| !l.trim().is_empty()).count() == expected_starts.len()
            && added
                .iter()
                .all(|l| l.trim().is_empty() || expected_starts.iter().any(|e| l.starts_with(e))),
        "only the edits were added; added lines: {added:#?}\nthe file:\n{saved}"
    );
    for line in original.lines().filter(|l| l.contains('#')) {
        assert!(
            saved.lines().any(|l| l == line),
            "the comment line {line:?} survived:\n{saved}"
        );
    }
    // The tables no edit touched are byte for byte as they were, comments included.
    for (header, text) in tables(original) {
        if header == "[channels.facebook]" || header == "[duties.policy]" {
            continue;
        }
        assert!(
            saved.contains(text.as_str()),
            "{header} is unchanged:\n--- was:\n{text}--- the file:\n{saved}"
        );
    }
    let (_, plan_table) = &tables(original)[0];
    assert!(
        saved.starts_with(plan_table.as_str()),
        "the file still starts with its comments and [plan]:\n{saved}"
    );
}

#[test]
fn edit_add_a_person_save_and_quit_keeps_the_rest_of_the_file() {
    let Some(s) = Session::start("edit") else {
        return;
    };
    let screen = s.wait_started();
    assert!(
        status_line(&screen).contains("plan.toml") && !common::unsaved(&screen),
        "the status line shows the file, unmodified:\n{screen}"
    );
    assert_eq!(
        sets_colour(&s.screen_with_attributes()),
        None,
        "NO_COLOR=1: no colours, only attributes"
    );

    // Cursor on Instagram × Marketing; right to Sam, down to the Facebook page.
    s.send(&["l", "j", "a"]);
    let screen = s.wait_for_status("Sam Okafor is now accountable on Facebook page");
    assert!(common::unsaved(&screen), "{screen}");
    assert!(
        matrix_line(&screen, "Facebook page").contains('A'),
        "the cell shows the new role:\n{screen}"
    );
    // Down to the policy duty, right past Customer service to Ana.
    s.send(&["j", "l", "l", "r"]);
    s.wait_for_status("Ana Ruiz is now responsible on Social media policy");

    // People is two views to the right of the matrix.
    s.send(&["Tab", "Tab"]);
    s.wait_for("3 people");
    s.send(&["n"]);
    s.wait_for("New person");
    s.type_text("Lee Chan");
    let screen = s.wait_for("lee-chan");
    assert!(
        screen.contains("Lee Chan"),
        "the name is in the form:\n{screen}"
    );
    // Name → Department, which holds the focused person's department: clear it.
    s.send(&["Tab", "C-u"]);
    s.type_text("customer-service");
    s.wait_for("customer-service");
    s.send(&["Enter"]);
    let screen = s.wait_for_status("added Lee Chan");
    assert!(
        screen.contains("4 people") && !screen.contains("New person"),
        "the form is closed and the list has the new person:\n{screen}"
    );

    let screen = s.save();
    assert!(s.is_running(), "{screen}");
    let saved = s.plan_text();

    // Nothing unsaved: q quits at once.
    s.send(&["q"]);
    s.expect_clean_exit();
    assert_eq!(s.plan_text(), saved, "quitting wrote nothing more");
    assert_eq!(
        s.strays(),
        Vec::<String>::new(),
        "no temporary files are left"
    );

    check_export(&s.export(), &saved);
    check_text(&fixture(), &saved);
}

#[test]
fn quit_with_unsaved_changes_asks_and_n_discards_them() {
    let Some(s) = Session::start("quit") else {
        return;
    };
    s.wait_started();
    s.send(&["a"]);
    s.wait_for_status("Marketing is now accountable on Instagram @harbourbakery");

    s.send(&["q"]);
    let screen = s.wait_for("Unsaved changes");
    assert!(
        screen.contains("plan.toml has unsaved changes")
            && screen.contains("n quit without saving"),
        "the prompt says what is at stake and what each key does:\n{screen}"
    );
    assert!(s.is_running());

    // Esc stays: the prompt goes, the edit is still there, unsaved.
    s.send(&["Escape"]);
    let screen = s.wait_until("the prompt to close", |sc| !sc.contains("Unsaved changes"));
    assert!(s.is_running(), "Esc does not quit:\n{screen}");
    assert!(common::unsaved(&screen), "still modified:\n{screen}");
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        2,
        "the edit is still on screen (Sam and Marketing accountable):\n{screen}"
    );
    assert_eq!(s.plan_text(), fixture(), "nothing was written");

    s.send(&["q"]);
    s.wait_for("Unsaved changes");
    s.send(&["n"]);
    s.expect_clean_exit();
    assert_eq!(
        s.plan_text(),
        fixture(),
        "n quits without writing: the file is byte for byte the fixture"
    );
    assert_eq!(s.strays(), Vec::<String>::new(), "no files are left behind");
}

#[test]
fn undo_gives_back_the_very_same_file() {
    let Some(s) = Session::start("undo") else {
        return;
    };
    s.wait_started();
    // Ana on Instagram: a list with a comment on its line.
    s.send(&["l", "l", "l", "r"]);
    s.wait_for_status("Ana Ruiz is now responsible on Instagram @harbourbakery");
    // Sam on the Facebook page, which has no accountable key yet.
    s.send(&["j", "h", "h", "a"]);
    s.wait_for_status("Sam Okafor is now accountable on Facebook page");

    s.send(&["u"]);
    let screen = s.wait_for_status("undo: made Sam Okafor accountable on Facebook page");
    assert!(
        !matrix_line(&screen, "Facebook page").contains('A'),
        "undo takes the role back:\n{screen}"
    );
    s.send(&["C-r"]);
    let screen = s.wait_for_status("redo: made Sam Okafor accountable on Facebook page");
    assert!(
        matrix_line(&screen, "Facebook page").contains('A'),
        "redo puts it back:\n{screen}"
    );
    s.send(&["u"]);
    s.wait_for_status("undo: made Sam Okafor accountable on Facebook page");
    s.send(&["u"]);
    let screen = s.wait_for_status("undo: made Ana Ruiz responsible on Instagram");
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('R').count(),
        1,
        "only Pixel is responsible for Instagram again:\n{screen}"
    );

    s.save();
    s.send(&["q"]);
    s.expect_clean_exit();
    let saved = s.plan_text();
    assert!(
        saved == fixture(),
        "after undoing every edit, the saved file is byte for byte the fixture:\n{saved}"
    );
    assert_eq!(
        s.strays(),
        Vec::<String>::new(),
        "no temporary files are left"
    );
}

#[test]
fn a_tiny_window_shows_a_notice_and_growing_it_shows_the_matrix_again() {
    let Some(s) = Session::start("resize") else {
        return;
    };
    s.wait_started();

    s.resize(30, 8);
    let screen = s.wait_for("larger window");
    assert!(
        screen.contains("this is 30x8"),
        "the notice says the size:\n{screen}"
    );
    assert!(s.is_running(), "a tiny window does not crash steward");

    // The smallest size the spec promises to draw on.
    s.resize(40, 10);
    let screen = s.wait_until("the matrix at 40x10", |sc| {
        sc.contains("Channel / duty") && !sc.contains("larger window")
    });
    assert!(
        screen.contains("Instagram") && status_line(&screen).contains("plan.toml"),
        "rows and the status line fit at 40x10:\n{screen}"
    );

    s.resize(100, 30);
    let screen = s.wait_until("the whole matrix again", |sc| {
        first_line(sc).contains(PLAN_NAME) && sc.contains("1-5 of 5")
    });
    for name in ["Instagram", "Facebook page", "Social media policy"] {
        assert!(screen.contains(name), "{name} shows again:\n{screen}");
    }
    assert!(s.is_running());

    s.send(&["q"]);
    s.expect_clean_exit();
    assert_eq!(
        s.plan_text(),
        fixture(),
        "resizing changes nothing in the file"
    );
}

// Where new entries land in the file, what a save keeps, and what a resize shows.

#[test]
fn a_new_person_is_saved_where_the_screen_shows_them() {
    let Some(s) = Session::start("order") else {
        return;
    };
    s.wait_started();
    s.send(&["Tab", "Tab"]);
    s.wait_for("3 people");
    // The cursor is on Sam, the first person: the new one goes after Sam.
    s.send(&["n"]);
    s.wait_for("New person");
    s.type_text("Lee Chan");
    s.wait_for("lee-chan");
    s.send(&["Enter"]);
    let screen = s.wait_for_status("added Lee Chan");
    let shown: Vec<&str> = screen
        .lines()
        .skip(3)
        .take(4)
        .map(|l| l.split("  ").next().unwrap_or_default())
        .collect();
    assert_eq!(
        shown,
        ["Sam Okafor", "Lee Chan", "Ana Ruiz", "Pixel & Co"],
        "{screen}"
    );
    s.send(&["C-s"]);
    s.wait_for_status("saved plan.toml");
    s.send(&["q"]);
    s.expect_clean_exit();
    let export = s.export();
    let saved: Vec<&str> = export["people"]
        .as_array()
        .map(|p| p.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        saved,
        shown,
        "order in the file is display order (SPEC 1): the file reopens as it was shown:\n{}",
        s.plan_text()
    );
}

#[cfg(unix)]
#[test]

fn saving_keeps_the_permissions_and_leaves_a_backup() {
    use std::os::unix::fs::PermissionsExt as _;
    let Some(s) = Session::start("perms") else {
        return;
    };
    fs::set_permissions(&s.plan, fs::Permissions::from_mode(0o640)).expect("chmod the plan");
    s.wait_started();
    s.send(&["a"]);
    s.wait_for_status("Marketing is now accountable");
    s.send(&["C-s"]);
    s.wait_for_status("saved plan.toml");
    s.send(&["q"]);
    s.expect_clean_exit();
    let mut wrong = Vec::new();
    let mode = fs::metadata(&s.plan)
        .expect("the plan")
        .permissions()
        .mode()
        & 0o777;
    if mode != 0o640 {
        wrong.push(format!(
            "a save keeps the file's permissions: 640 before, {mode:o} after"
        ));
    }
    let backup = fs::read_to_string(s.work.join("plan.toml.bak")).ok();
    if backup != Some(fixture()) {
        wrong.push(format!(
            "a save leaves the previous version as FILE.bak: {}",
            if backup.is_some() {
                "plan.toml.bak is not the previous version"
            } else {
                "there is no plan.toml.bak"
            }
        ));
    }
    assert!(wrong.is_empty(), "SPEC 5: {wrong:#?}");
}

#[test]

fn growing_the_window_shows_every_column_that_fits() {
    let Some(s) = Session::start("grow") else {
        return;
    };
    s.wait_started();
    s.resize(40, 10);
    // The left header is cut at 40 wide: `1-2 o…`.
    s.wait_for("1-2 o");
    // To the last column: the matrix scrolls right.
    s.send(&["End"]);
    s.wait_for("4-5 o");
    s.resize(100, 30);
    s.wait_until("the title at full width", |sc| {
        first_line(sc).contains(PLAN_NAME)
    });
    // All five columns fit at 100 wide, as they did at the start.
    s.wait_for("1-5 of 5");
}

#[test]
fn a_plan_that_does_not_parse_is_refused_with_the_message_check_gives() {
    let broken = "[plan]\nname = \"x\"\n\n[people.sam\nname = \"Sam\"\n";
    let Some(s) = Session::start_with("broken", broken, "", "plan.toml") else {
        return;
    };
    s.wait_for("plan.toml:4:");
    let status = s.wait_exit();
    assert_eq!(status, Some(2), "exit status");
    // With the lines that scrolled above the pane.
    let out = s.tmux(&["capture-pane", "-p", "-S", "-50", "-t", "=steward:"]);
    let screen = String::from_utf8_lossy(&out.stdout).into_owned();
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_steward"))
        .current_dir(&s.work)
        .args(["check", "plan.toml"])
        .output()
        .expect("check runs");
    let message = String::from_utf8_lossy(&check.stderr);
    for line in message.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            screen.contains(line.trim_end()),
            "{line:?} not in:\n{screen}"
        );
    }
    assert_eq!(
        s.plan_text(),
        broken,
        "a plan that does not parse is never written"
    );
}

#[test]
fn the_first_run_creates_the_default_plan_from_the_example_and_names_it() {
    // No FILE, and the folder holds no steward.toml: the default plan is used, in a
    // data folder of the test's own.
    let Some(s) = Session::start_with(
        "first-run",
        "",
        "HOME=\"$PWD/home\" XDG_DATA_HOME=\"$PWD/data\"",
        "",
    ) else {
        return;
    };
    // A capture may catch a frame half drawn (the title before the status line): wait
    // for the note, then check the plan it opened.
    let screen = s.wait_for("your plan:");
    assert!(screen.contains("Harbour Bakery"), "{screen}");
    let created = s.work.join("data/steward/plan.toml");
    assert_eq!(
        fs::read_to_string(&created).expect("the default plan is created"),
        steward::templates::EXAMPLE
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn p_writes_the_handout_of_the_plan_on_screen_beside_the_plan() {
    let Some(s) = Session::start("handout") else {
        return;
    };
    s.wait_started();
    // An unsaved edit: Marketing becomes accountable on Instagram too.
    s.send(&["a"]);
    s.wait_for_status("Marketing is now accountable on Instagram @harbourbakery");
    s.send(&["p"]);
    let screen = s.wait_for_status("handout of the unsaved plan written: plan.html");
    assert!(s.is_running(), "{screen}");
    assert_eq!(s.plan_text(), fixture(), "the plan itself is not written");

    let page = fs::read_to_string(s.work.join("plan.html")).expect("plan.html is written");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("<h1>Harbour Bakery e2e</h1>"), "{page}");
    assert!(
        page.contains("What we changed today")
            && page.contains("<li>Instagram @harbourbakery: Marketing is now accountable</li>")
            && !page.contains("(instagram)"),
        "the day's change is in the handout: {page}"
    );
    let instagram = page
        .lines()
        .find(|l| l.starts_with("<tr") && l.contains("Instagram @harbourbakery"))
        .unwrap_or_else(|| panic!("no Instagram row in the handout:\n{page}"));
    assert!(
        instagram.starts_with("<tr class=\"several-accountable\">") && instagram.contains('‼'),
        "the handout shows the unsaved edit (two accountable): {instagram}"
    );

    s.send(&["q"]);
    s.wait_for("Unsaved changes");
    s.send(&["n"]);
    s.expect_clean_exit();
    assert_eq!(s.plan_text(), fixture());
    assert_eq!(
        s.strays(),
        vec!["plan.html".to_string()],
        "only the handout is left beside the plan"
    );
}

/// What `/proc/PID/io` counts for a process, all its threads together: read and write
/// system calls, and the bytes they moved.
fn io_counts(pid: u32) -> Vec<(String, u64)> {
    let text = fs::read_to_string(format!("/proc/{pid}/io")).expect("/proc/PID/io of steward");
    text.lines()
        .filter_map(|l| l.split_once(": "))
        .filter(|(k, _)| ["syscr", "syscw", "rchar", "wchar"].contains(k))
        .map(|(k, v)| (k.to_string(), v.trim().parse().expect("a count")))
        .collect()
}

/// A steward left alone reads nothing and writes nothing (no frame, no look at the plan),
/// before its first save and after it: the loop sleeps until something happens.
#[test]
fn an_idle_steward_reads_and_writes_nothing_before_and_after_a_save() {
    const QUIET: std::time::Duration = std::time::Duration::from_secs(2);
    let Some(s) = Session::start("idle") else {
        return;
    };
    s.wait_started();
    let pid = s.pid();
    // What starting left to do (the document read on its thread) has done by now.
    std::thread::sleep(QUIET);
    let before = io_counts(pid);
    std::thread::sleep(QUIET);
    assert_eq!(io_counts(pid), before, "idle before any edit");

    s.send(&["l", "j", "a"]);
    s.wait_for_status("Sam Okafor is now accountable on Facebook page");
    s.save();
    // The save's own change of the file has been heard of and settled by now.
    std::thread::sleep(QUIET);
    let saved = io_counts(pid);
    std::thread::sleep(QUIET);
    assert_eq!(io_counts(pid), saved, "idle after a save");
    let after = io_counts(pid);
    assert!(
        after.iter().zip(&before).any(|(a, b)| a.1 > b.1),
        "the counts move when steward does something: {before:?} then {after:?}"
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}
