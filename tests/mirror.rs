//! The live mirror for a second screen, end to end: an editor in one terminal, `steward
//! view` in another, both the real binary in tmux on the same plan. An unsaved edit in the
//! editor shows in the mirror; a save and a quit are followed; the mirror takes no lock,
//! writes no file, and leaves the editor's lock as it was.

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use std::fs;
use std::time::{Duration, Instant};

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
    let took = sent.elapsed();
    eprintln!("the mirror showed the unsaved edit {took:?} after the key");
    assert!(
        took < Duration::from_millis(2500),
        "within moments of the key (the editor writes its recovery file when idle, the \
         mirror reads it within half a second of the change): {took:?}"
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
    mirror.wait_for_status("showing the editor's unsaved edits");
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
