//! Never lose work, with the real binary in a real pseudo-terminal (tmux): a steward
//! killed with SIGKILL offers its edits back at the next start; a change made to the file
//! by another program is reloaded, or asked about, never lost; SIGTERM and SIGHUP restore
//! the terminal and keep the edits; a closed terminal ends steward; a second steward on
//! the same plan only reads it.
//!
//! Every step polls the screen or the files; the one fixed wait is where nothing must
//! happen: after a rewrite with the very same bytes, long enough for the file watch to
//! have reported it.

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use common::{PLAN_NAME, Session, first_line, fixture, ids, matrix_line, row, status_line};
use steward::model::Role;
use steward::store;

/// Longer than the file watch takes to report a change (its 300 ms debounce, then the
/// loop's next turn), with room for a busy machine.
const SETTLE: Duration = Duration::from_millis(1500);

/// The fixture as another program changed it: a new plan name and a new duty.
fn theirs() -> String {
    format!(
        "{}\n[duties.crisis]\nname = \"Crisis plan\"\naccountable = \"sam\"\n",
        fixture().replace(PLAN_NAME, "Harbour Bakery outside")
    )
}

/// Replaces the file as most editors do: a new file renamed over it.
fn replace_file(path: &Path, text: &str) {
    let tmp = path.with_extension("outside-tmp");
    fs::write(&tmp, text).expect("write the other version");
    fs::rename(&tmp, path).expect("rename it over the plan");
}

/// The roles a row holds in the plan text `text`.
fn holders(text: &str, row: &str, role: Role) -> Vec<String> {
    store::parse(text)
        .expect("a valid plan")
        .row(row)
        .unwrap_or_else(|| panic!("no row {row}"))
        .holders(role)
        .to_vec()
}

/// Marketing made accountable for Instagram: the cursor starts on that cell.
fn edit_one(s: &Session) {
    s.send(&["a"]);
    s.wait_for_status("Marketing is now accountable on Instagram @harbourbakery");
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // `pid (name) STATE …`
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

// Killed with SIGKILL: the recovery file.

/// The terminal modes steward changes and must give back: the alternate screen and mouse
/// reports (tmux hides the cursor of any dead pane, so the cursor cannot be checked).
const MODES: &str = "#{alternate_on} #{mouse_any_flag}";

/// Two edits, then SIGKILL; returns the recovery file it left.
fn edit_twice_and_kill(s: &Session) -> store::recovery::Recovery {
    s.wait_started();
    edit_one(s);
    // Down to the Facebook page: Marketing responsible there.
    s.send(&["j", "r"]);
    s.wait_for_status("Marketing is now responsible on Facebook page");
    let recovery = s.recovery(2);
    assert_eq!(
        s.format(MODES),
        "1 1",
        "steward draws on the alternate screen and asks for mouse reports"
    );
    s.signal("KILL");
    s.wait_exit();
    assert_eq!(
        s.format(MODES),
        "1 1",
        "SIGKILL cannot restore the terminal: the alternate screen and the mouse reports \
         are still on in the dead pane (which shows the signal tests below can tell)"
    );
    assert_eq!(s.plan_text(), fixture(), "nothing was saved");
    recovery
}

#[test]
fn after_sigkill_the_next_start_offers_the_edits_back_and_y_restores_them() {
    let Some(s) = Session::start("kill-y") else {
        return;
    };
    let recovery = edit_twice_and_kill(&s);
    assert_eq!(
        holders(&recovery.text, "instagram", Role::Accountable),
        ["sam", "marketing"]
    );
    assert_eq!(
        holders(&recovery.text, "facebook", Role::Responsible),
        ["ana", "marketing"]
    );

    s.restart();
    let screen = s.wait_for("Unsaved edits found");
    assert!(
        screen.contains("2 edits to plan.toml were never saved"),
        "the prompt says how many edits:\n{screen}"
    );
    assert!(
        !screen.contains("read-only"),
        "the lock the killed steward left is taken over:\n{screen}"
    );
    // Only y or n answers: a stray key loses nothing.
    s.send(&["q", "Escape"]);
    std::thread::sleep(common::POLL * 4);
    s.wait_for("Unsaved edits found");
    assert!(s.is_running());

    s.send(&["y"]);
    let screen = s.wait_for_status("restored 2 unsaved edits; Ctrl-s saves them");
    assert!(
        common::unsaved(&screen) && !screen.contains("Unsaved edits found"),
        "{screen}"
    );
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        2,
        "the restored edits show:\n{screen}"
    );
    assert!(
        matrix_line(&screen, "Facebook page").starts_with("∅ Facebook page")
            && matrix_line(&screen, "Facebook page").matches('R').count() == 2,
        "Marketing is responsible for the Facebook page again:\n{screen}"
    );
    assert_eq!(s.plan_text(), fixture(), "restoring does not save");

    s.save();
    assert_eq!(
        s.plan_text(),
        recovery.text,
        "the file holds the restored edits"
    );
    common::wait_gone(
        &s.sidecar(".recovery"),
        "a save leaves nothing to recover, so it removes the recovery file",
    );
    let export = s.export();
    assert_eq!(
        ids(&row(&export, "channels", "instagram")["accountable"]),
        ["sam", "marketing"]
    );
    assert_eq!(
        ids(&row(&export, "channels", "facebook")["responsible"]),
        ["ana", "marketing"]
    );
    s.send(&["q"]);
    s.expect_clean_exit();
    assert_eq!(
        s.strays(),
        Vec::<String>::new(),
        "a clean quit removes the recovery file and the lock"
    );
}

#[test]
fn after_sigkill_n_sets_the_edits_aside_in_recovery_old() {
    let Some(s) = Session::start("kill-n") else {
        return;
    };
    let recovery = edit_twice_and_kill(&s);
    s.restart();
    s.wait_for("Unsaved edits found");
    s.send(&["n"]);
    let screen = s.wait_for_status("the unsaved edits are set aside in plan.toml.recovery.old");
    assert!(!status_line(&screen).contains("modified"), "{screen}");
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        1,
        "the plan as saved shows:\n{screen}"
    );
    let aside = store::recovery::read(&s.sidecar(".recovery.old"))
        .expect("a readable recovery file")
        .expect("the edits are set aside");
    assert_eq!(aside, recovery, "set aside as it was");
    assert!(!s.sidecar(".recovery").exists(), "nothing is offered twice");
    // Nothing unsaved: q quits at once.
    s.send(&["q"]);
    s.expect_clean_exit();
    assert_eq!(s.plan_text(), fixture());
    assert_eq!(s.strays(), ["plan.toml.recovery.old"]);
}

// Changed by another program.

#[test]
fn an_outside_edit_while_modified_asks_and_y_keeps_mine_and_theirs_in_a_file() {
    let Some(s) = Session::start("conflict-y") else {
        return;
    };
    s.wait_started();
    edit_one(&s);
    let mine = s.recovery(1).text;
    replace_file(&s.plan, &theirs());
    let screen = s.wait_for("Changed on disk");
    assert!(
        screen.contains("Another program changed plan.toml while you have unsaved"),
        "{screen}"
    );
    // Only y or n answers.
    s.send(&["Escape"]);
    std::thread::sleep(common::POLL * 4);
    s.wait_for("Changed on disk");

    s.send(&["y"]);
    let screen = s.wait_for_status("kept your version (Ctrl-s saves it)");
    assert!(
        common::unsaved(&screen) && first_line(&screen).contains(PLAN_NAME),
        "still mine, still unsaved:\n{screen}"
    );
    assert_eq!(
        fs::read_to_string(s.sidecar(".theirs")).expect("theirs is kept"),
        theirs(),
        "the other version is kept byte for byte"
    );
    assert_eq!(s.plan_text(), theirs(), "nothing written yet");

    s.save();
    assert_eq!(s.plan_text(), mine, "the file is mine now");
    assert_eq!(
        fs::read_to_string(s.sidecar(".bak")).expect("a backup"),
        theirs(),
        "the backup is what the save replaced"
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn a_plan_broken_on_disk_while_modified_can_be_waited_for_or_written_over_with_mine() {
    let Some(s) = Session::start("conflict-broken") else {
        return;
    };
    s.wait_started();
    edit_one(&s);
    let mine = s.recovery(1).text;
    let broken = format!("{}\n[oops\n", fixture());
    replace_file(&s.plan, &broken);
    let screen = s.wait_for("Changed on disk");
    assert!(
        screen.contains("not a valid plan now") && screen.contains("y keep mine"),
        "{screen}"
    );
    // Esc waits, and says how to go on; saving is refused and asks again.
    s.send(&["Escape"]);
    s.wait_for_status("plan.toml on disk is not a valid plan");
    s.send(&["C-s"]);
    s.wait_for("Changed on disk");
    assert_eq!(s.plan_text(), broken, "nothing written over theirs unasked");

    s.send(&["y"]);
    s.wait_for_status("kept your version (Ctrl-s saves it)");
    assert_eq!(
        fs::read_to_string(s.sidecar(".theirs")).expect("theirs is kept"),
        broken,
        "the broken version is kept byte for byte"
    );
    s.save();
    assert_eq!(s.plan_text(), mine, "the file is mine now");
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn an_outside_edit_while_modified_n_takes_theirs_and_keeps_mine_in_a_file() {
    let Some(s) = Session::start("conflict-n") else {
        return;
    };
    s.wait_started();
    edit_one(&s);
    let mine = s.recovery(1).text;
    // Written in place this time, as `echo > plan.toml` does.
    fs::write(&s.plan, theirs()).expect("write theirs");
    s.wait_for("Changed on disk");
    s.send(&["n"]);
    let screen = s.wait_for_status("took the version on disk; yours is in plan.toml.mine");
    assert!(
        !status_line(&screen).contains("modified")
            && first_line(&screen).contains("Harbour Bakery outside")
            && screen.contains("Crisis plan"),
        "theirs shows, nothing unsaved:\n{screen}"
    );
    assert_eq!(
        fs::read_to_string(s.sidecar(".mine")).expect("mine is kept"),
        mine,
        "my version is kept byte for byte"
    );
    assert_eq!(s.plan_text(), theirs(), "theirs is not written again");
    let start = Instant::now();
    while s.sidecar(".recovery").exists() {
        assert!(
            start.elapsed() < common::TIMEOUT,
            "nothing unsaved: the recovery file goes"
        );
        std::thread::sleep(common::POLL);
    }
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn an_outside_edit_while_unmodified_is_reloaded() {
    let Some(s) = Session::start("reload") else {
        return;
    };
    s.wait_started();
    replace_file(&s.plan, &theirs());
    let screen = s.wait_for_status("plan.toml changed on disk; reloaded");
    assert!(
        first_line(&screen).contains("Harbour Bakery outside")
            && screen.contains("Crisis plan")
            && !status_line(&screen).contains("modified"),
        "the new version shows:\n{screen}"
    );
    // And it is the version saves start from: an edit saves on top of it.
    edit_one(&s);
    s.send(&["C-s"]);
    s.wait_for_status("saved plan.toml");
    let saved = s.plan_text();
    assert!(
        saved.contains("Harbour Bakery outside") && saved.contains("Crisis plan"),
        "{saved}"
    );
    assert_eq!(
        holders(&saved, "instagram", Role::Accountable),
        ["sam", "marketing"]
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn the_same_bytes_written_again_with_a_new_time_are_no_change() {
    let Some(s) = Session::start("touch") else {
        return;
    };
    s.wait_started();
    // Unsaved edits: a change on disk would ask.
    edit_one(&s);
    let later = SystemTime::now() + Duration::from_secs(60);
    fs::write(&s.plan, fixture()).expect("write the same bytes");
    fs::File::options()
        .write(true)
        .open(&s.plan)
        .and_then(|f| f.set_modified(later))
        .expect("touch the plan");
    std::thread::sleep(SETTLE);
    let screen = s.screen();
    assert!(
        !screen.contains("Changed on disk") && !status_line(&screen).contains("changed on disk"),
        "the same bytes are no change, whatever the time says:\n{screen}"
    );
    assert!(common::unsaved(&screen), "{screen}");

    // The watch was listening all along: a real change is seen.
    replace_file(&s.plan, &theirs());
    s.wait_for("Changed on disk");
}

#[test]
fn an_outside_change_that_does_not_parse_is_not_loaded() {
    let Some(s) = Session::start("broken") else {
        return;
    };
    s.wait_started();
    let broken = "[plan]\nname = \"Half written\n";
    replace_file(&s.plan, broken);
    let screen = s.wait_for_status("plan.toml changed on disk but is not a valid plan");
    assert!(
        first_line(&screen).contains(PLAN_NAME) && screen.contains("Instagram"),
        "nothing was reloaded:\n{screen}"
    );
    // The status line has no room for where it is broken; the messages have.
    assert!(status_line(&screen).contains("m: all"), "{screen}");
    s.send(&["m"]);
    s.wait_for("(line 2, column");
    s.send(&["Escape"]);
    s.wait_started();
    assert_eq!(s.plan_text(), broken, "and nothing written");
    // Ctrl-s does not overwrite somebody else's change, even a broken one. (Tab after
    // it shows when steward has dealt with it: keys are read in order.)
    s.send(&["C-s", "Tab"]);
    s.wait_for("3 channels and duties");
    assert_eq!(s.plan_text(), broken);
}

// Signals.

/// An edit, then `signal`: steward stops with 128 + the signal's number, the terminal
/// restored, the edit in the recovery file.
fn a_signal_restores_the_terminal_and_keeps_the_edits(test: &str, signal: &str, number: i32) {
    let Some(s) = Session::start(test) else {
        return;
    };
    s.wait_started();
    edit_one(&s);
    s.recovery(1);
    assert_eq!(
        s.format(MODES),
        "1 1",
        "while steward runs: the alternate screen, mouse reports"
    );
    s.signal(signal);
    let status = s.wait_exit();
    assert_eq!(
        status,
        Some(128 + number),
        "SIG{signal} ends steward as a shell reports it; the screen:\n{}",
        s.screen()
    );
    assert_eq!(
        s.format(MODES),
        "0 0",
        "after SIG{signal} the terminal is restored: the main screen, no mouse reports"
    );
    let recovery = s.recovery(1);
    assert_eq!(
        holders(&recovery.text, "instagram", Role::Accountable),
        ["sam", "marketing"],
        "the edit is in the recovery file"
    );
    assert_eq!(s.plan_text(), fixture(), "nothing was saved");
    assert!(
        !s.sidecar(".lock").exists(),
        "the lock is released and its file removed"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_edits() {
    a_signal_restores_the_terminal_and_keeps_the_edits("term", "TERM", 15);
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_edits() {
    a_signal_restores_the_terminal_and_keeps_the_edits("hup", "HUP", 1);
}

#[test]
fn sigint_restores_the_terminal_and_keeps_the_edits() {
    // In the matrix Ctrl-c is a key; SIGINT comes from `kill -INT`.
    a_signal_restores_the_terminal_and_keeps_the_edits("int", "INT", 2);
}

#[test]
fn a_terminal_that_goes_away_ends_steward_with_the_edits_kept() {
    let Some(s) = Session::start("gone") else {
        return;
    };
    s.wait_started();
    edit_one(&s);
    s.recovery(1);
    let pid = s.pid();
    // The window closes: the terminal hangs up under steward.
    let out = s.tmux(&["kill-session", "-t", "=steward:"]);
    assert!(out.status.success(), "tmux kill-session");
    let start = Instant::now();
    while !ended(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "steward (process {pid}) still runs 10 s after its terminal went away"
        );
        std::thread::sleep(common::POLL);
    }
    let recovery = s.recovery(1);
    assert_eq!(
        holders(&recovery.text, "instagram", Role::Accountable),
        ["sam", "marketing"]
    );
    assert_eq!(s.plan_text(), fixture());
}

// Two stewards.

#[test]
fn a_second_steward_on_the_same_plan_only_reads_it() {
    let Some(first) = Session::start("second") else {
        return;
    };
    first.wait_started();
    let second = first.second("second");
    let screen = second.wait_for_status("read-only");
    let holder = format!("process {}", first.pid());
    assert!(
        status_line(&screen).contains("plan.toml is open in steward")
            && status_line(&screen).contains(&holder),
        "the second says who holds the plan ({holder}):\n{screen}"
    );
    second.send(&["a"]);
    let screen = second.wait_until("the edit refused", |sc| {
        status_line(sc).contains("read-only: plan.toml is open in steward")
            && !sc.contains("now accountable")
    });
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        1,
        "nothing changed:\n{screen}"
    );
    assert!(!status_line(&screen).contains("modified"), "{screen}");

    // What the first saves shows in the second.
    edit_one(&first);
    first.send(&["C-s"]);
    first.wait_for_status("saved plan.toml");
    let screen = second.wait_for_status("plan.toml changed on disk; reloaded");
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        2,
        "the second shows the saved edit:\n{screen}"
    );
    common::wait_gone(
        &first.sidecar(".recovery"),
        "the first removes its recovery file when it saves, and the second never writes one",
    );
    first.send(&["q"]);
    first.expect_clean_exit();

    // Once the first has closed the plan, the second takes it over and may edit it.
    let screen = second.wait_for_status("the other steward closed plan.toml: you can edit it now");
    assert!(!screen.contains("read-only"), "{screen}");
    second.send(&["a"]);
    second.wait_for_status("Marketing is no longer accountable on Instagram @harbourbakery");
    second.send(&["C-s"]);
    second.wait_for_status("saved plan.toml");
    assert_eq!(
        holders(&first.plan_text(), "instagram", Role::Accountable),
        ["sam"],
        "the second saved its edit on top of the first's"
    );
    second.send(&["q"]);
    second.expect_clean_exit();
    assert_eq!(first.strays(), Vec::<String>::new(), "no lock left behind");
}

#[test]
fn a_second_steward_takes_over_from_a_killed_first_and_offers_its_edits_back() {
    let Some(first) = Session::start("second-killed") else {
        return;
    };
    first.wait_started();
    let second = first.second("second");
    second.wait_for_status("read-only");
    edit_twice_and_kill(&first);
    let screen = second.wait_for("Unsaved edits found");
    assert!(
        screen.contains("2 edits to plan.toml were never saved"),
        "the second offers the edits the first never saved:\n{screen}"
    );
    second.send(&["y"]);
    second.wait_for_status("restored 2 unsaved edits; Ctrl-s saves them");
    second.send(&["C-s"]);
    second.wait_for_status("saved plan.toml");
    assert_eq!(
        holders(&second.plan_text(), "instagram", Role::Accountable),
        ["sam", "marketing"]
    );
    second.send(&["q"]);
    second.expect_clean_exit();
}

#[test]
fn sigquit_restores_the_terminal_and_keeps_the_edits() {
    a_signal_restores_the_terminal_and_keeps_the_edits("quit", "QUIT", 3);
}

/// The terminal modes a way out must give back.
const ALL_MODES: &str = MODES;

#[test]
fn a_panic_restores_the_whole_terminal() {
    // A build with debug assertions panics on purpose at the first key when asked to.
    let Some(s) = Session::start_with("panic", &fixture(), "STEWARD_TEST_PANIC=1", "plan.toml")
    else {
        return;
    };
    s.wait_started();
    assert_eq!(s.format(ALL_MODES), "1 1", "while steward runs");
    s.send(&["j"]);
    let status = s.wait_exit();
    assert_ne!(status, Some(0), "a panic is no clean exit");
    assert_eq!(
        s.format(ALL_MODES),
        "0 0",
        "after a panic: the main screen, no mouse reports, no bracketed paste"
    );
}

#[test]
fn the_forced_exit_after_a_stop_signal_restores_the_whole_terminal() {
    // With debug assertions, the loop can be told not to look at the signal, as when
    // it is stuck: then the stop-signal thread ends steward after its grace time.
    let Some(s) = Session::start_with(
        "stuck",
        &fixture(),
        "STEWARD_TEST_IGNORE_STOP=1",
        "plan.toml",
    ) else {
        return;
    };
    s.wait_started();
    edit_one(&s);
    s.recovery(1);
    s.signal("TERM");
    assert_eq!(s.wait_exit(), Some(128 + 15));
    assert_eq!(
        s.format(ALL_MODES),
        "0 0",
        "after the forced exit: the main screen, no mouse reports, no bracketed paste"
    );
}
