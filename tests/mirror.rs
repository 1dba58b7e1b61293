//! The live mirror for a second screen, end to end: an editor in one terminal, `steward
//! view` in another, both the real binary in tmux on the same plan. An unsaved edit in the
//! editor shows in the mirror; a save and a quit are followed; the mirror takes no lock,
//! writes no file, and leaves the editor's lock as it was.

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use std::fmt::Write as _;
use std::fs;
use std::time::Instant;

use common::{Session, first_line, matrix_line, names};

#[test]
fn the_mirror_follows_unsaved_edits_saves_and_quits_and_writes_nothing() {
    let Some(editor) = Session::start("mirror-editor") else {
        return;
    };
    editor.wait_started();
    let lock = editor.sidecar(".lock");
    let lock_before = fs::read(&lock).expect("the editor holds the lock");
    let before = names(&editor.work);

    let mirror = editor.second_with("mirror", "view plan.toml");
    let screen = mirror.wait_started();
    assert!(
        first_line(&screen).contains("mirror"),
        "it says so:\n{screen}"
    );
    assert!(
        matrix_line(&screen, "Facebook page").starts_with('∅'),
        "nobody accountable for the Facebook page yet:\n{screen}"
    );
    assert_eq!(names(&editor.work), before, "the mirror wrote nothing");

    // An unsaved edit in the editor: Sam accountable for the Facebook page.
    let sent = Instant::now();
    editor.send(&["j", "l", "a"]);
    editor.wait_for_status("Sam Okafor is now accountable on Facebook page");
    let screen = mirror.wait_until("the edit in the mirror", |screen| {
        !matrix_line(screen, "Facebook page").starts_with('∅')
    });
    // How soon is measured, not asserted: the editor writes its recovery file when idle,
    // and the mirror reads it once the change has settled (300 ms).
    eprintln!(
        "the mirror showed the unsaved edit {:?} after the key",
        sent.elapsed()
    );
    assert!(
        matrix_line(&screen, "Facebook page").contains('A'),
        "{screen}"
    );
    // The mirror refuses to change anything.
    mirror.send(&["a"]);
    mirror.wait_for_status("read-only");
    mirror.send(&["p"]);
    mirror.wait_for_status("a mirror writes no file");

    assert_eq!(
        fs::read(&lock).expect("still there"),
        lock_before,
        "the editor's lock is as it was"
    );
    // The editor saves: the mirror follows the saved plan.
    editor.send(&["C-s"]);
    editor.wait_for_status("saved");
    mirror.wait_for_status("showing the plan as saved");
    let saved = mirror.screen();
    assert!(
        matrix_line(&saved, "Facebook page").contains('A'),
        "still the edit, now saved:\n{saved}"
    );

    // Another edit, then the editor quits without saving it: the mirror goes back to
    // the plan as saved.
    editor.send(&["r"]);
    editor.wait_for_status("is now responsible");
    let screen = mirror.wait_for_status("showing the editor's unsaved edits");
    assert!(
        first_line(&screen).contains("mirror · unsaved edits"),
        "the title says the edits are not saved yet:\n{screen}"
    );
    editor.send(&["q", "n"]);
    editor.expect_clean_exit();
    mirror.wait_for_status("showing the plan as saved");
    assert_eq!(
        fs::read(&lock).ok(),
        None,
        "the editor's lock went with the editor, the mirror took none"
    );
    let after: Vec<String> = names(&editor.work);
    assert_eq!(
        after,
        ["plan.toml", "plan.toml.bak"],
        "only the editor's save and its backup: nothing of the mirror's"
    );
    mirror.send(&["q"]);
    mirror.expect_clean_exit();
}

#[test]
fn the_mirror_starts_in_presenter_mode_when_asked() {
    let Some(editor) = Session::start("mirror-present") else {
        return;
    };
    editor.wait_started();
    let mirror = editor.second_with("present", "view plan.toml --present");
    let screen = mirror.wait_until("presenter mode", |screen| {
        screen.contains("A accountable") && first_line(screen).contains("mirror")
    });
    assert!(
        !screen.contains("plan.toml"),
        "no paths on a projector:\n{screen}"
    );
    mirror.send(&["q"]);
    mirror.expect_clean_exit();
    editor.send(&["q"]);
    editor.expect_clean_exit();
}

/// The e2e plan with people enough that presenter mode cannot show every column: the last
/// of them, far to the right, has no department.
fn wide_plan() -> String {
    let mut text = common::fixture();
    for (id, name) in [
        ("quinn", "Quinn Harlow"),
        ("rosa", "Rosa Imbert"),
        ("theo", "Theo Lindqvist"),
        ("uma", "Uma Castellanos"),
        ("vik", "Vik Anand"),
        ("wren", "Wren Okoro"),
        ("zoe", "Zoe Last"),
    ] {
        let _ = write!(text, "\n[people.{id}]\nname = \"{name}\"\n");
    }
    text
}

/// Waits for a mirror in presenter mode.
fn wait_presenting(mirror: &Session) -> String {
    mirror.wait_until("the mirror in presenter mode", |screen| {
        screen.contains("A accountable") && first_line(screen).contains("mirror")
    })
}

/// The lines above the first row of the matrix: the title, the legend, the headers.
fn header(screen: &str) -> String {
    screen
        .lines()
        .take_while(|l| !l.contains("Instagram"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_mirror_brings_the_last_edit_into_view() {
    let Some(editor) = Session::start_with("mirror-follow", &wide_plan(), "", "plan.toml") else {
        return;
    };
    editor.wait_started();
    let mirror = editor.second_with("follow", "view plan.toml --present");
    let screen = wait_presenting(&mirror);
    assert!(
        !header(&screen).contains("Zoe") && screen.contains("more columns to the right ▶"),
        "the last column is off to the right, and the mirror says so:\n{screen}"
    );

    // An edit far to the right: Zoe, the last column, accountable for Instagram.
    editor.send(&["End", "a"]);
    editor.wait_for_status("Zoe Last is now accountable on Instagram");
    let screen = mirror.wait_until("the edited cell in view", |screen| {
        header(screen).contains("Zoe") && screen.contains("Instagram @harbourbakery  ·  Zoe Last")
    });
    assert!(
        screen.contains("◀") && screen.contains("more columns to the left"),
        "scrolled to it, and says what is to the left:\n{screen}"
    );
    assert!(
        screen.contains("several accountable")
            && screen.contains("has 2 accountable parties (Sam Okafor and Zoe Last)"),
        "the panel tells the problem the edit made:\n{screen}"
    );

    // A person added: the mirror goes to their column, wherever it is.
    editor.send(&["Tab", "Tab", "n"]);
    editor.wait_for("Name");
    editor.type_text("Yusuf Newman");
    editor.send(&["Enter"]);
    editor.wait_for_status("added Yusuf Newman");
    mirror.wait_until("the new person's column in view", |screen| {
        header(screen).contains("Yusuf")
            && screen.contains("Instagram @harbourbakery  ·  Yusuf Newman holds no role here")
    });
    mirror.send(&["q"]);
    mirror.expect_clean_exit();
    editor.send(&["q", "n"]);
    editor.expect_clean_exit();
}

#[test]
fn the_mirror_hints_only_the_keys_that_work_in_it() {
    let Some(editor) = Session::start("mirror-hints") else {
        return;
    };
    editor.wait_started();
    let mirror = editor.second_with("hints", "view plan.toml");
    mirror.wait_started();
    // The mirror's first message goes with the first key.
    mirror.send(&["j"]);
    for present in [false, true] {
        let screen = mirror.wait_until("the mirror's keys", |screen| {
            common::status_line(screen).contains("move")
        });
        let status = common::status_line(&screen);
        for editing in [
            "toggle", "fix", "clear", "undo", "save", "new", "edit", "delete",
        ] {
            assert!(
                !status.contains(editing),
                "presenter mode {present}: the mirror hints {editing:?}: {status}"
            );
        }
        for reading in ["move", "Tab views", "P presenter", "q quit", "? help"] {
            assert!(status.contains(reading), "no {reading:?}: {status}");
        }
        if !present {
            mirror.send(&["P"]);
            wait_presenting(&mirror);
        }
    }
    // The editor's own keys are as they were.
    let status = common::status_line(&editor.screen()).to_string();
    assert!(status.contains("a r c i toggle"), "{status}");
    mirror.send(&["q"]);
    mirror.expect_clean_exit();
    editor.send(&["q"]);
    editor.expect_clean_exit();
}

#[test]
fn the_mirror_says_when_the_editor_was_killed_and_keeps_its_unsaved_edits() {
    let Some(editor) = Session::start("mirror-killed") else {
        return;
    };
    editor.wait_started();
    let mirror = editor.second_with("killed", "view plan.toml");
    mirror.wait_started();
    editor.send(&["j", "l", "a"]);
    editor.wait_for_status("Sam Okafor is now accountable on Facebook page");
    mirror.wait_for_status("showing the editor's unsaved edits");
    let before = names(&editor.work);
    let lock = fs::read(editor.sidecar(".lock")).expect("the editor's lock");

    editor.signal("KILL");
    let screen = mirror.wait_for_status("the editor stopped");
    assert!(
        common::status_line(&screen)
            .contains("the editor stopped; its unsaved edits are in the recovery file"),
        "{screen}"
    );
    assert!(
        first_line(&screen).contains("the editor stopped"),
        "the title says so too, after the message is gone:\n{screen}"
    );
    assert!(
        matrix_line(&screen, "Facebook page").contains('A'),
        "still the unsaved edit:\n{screen}"
    );
    // A key clears the message; the title still says it.
    mirror.send(&["j"]);
    let screen = mirror.wait_until("the message gone", |screen| {
        !common::status_line(screen).contains("the editor stopped")
    });
    assert!(
        first_line(&screen).contains("the editor stopped"),
        "{screen}"
    );
    assert_eq!(names(&editor.work), before, "the mirror wrote nothing");
    assert_eq!(
        fs::read(editor.sidecar(".lock")).expect("left by the killed editor"),
        lock,
        "the mirror took no lock"
    );
    mirror.send(&["q"]);
    mirror.expect_clean_exit();
}
