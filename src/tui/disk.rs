//! The plan's file, as the loop keeps it beside the app: its lock (or why this steward
//! only reads), its recovery file, what changed on disk, saving and keeping the other
//! version of a conflict, and the handout written beside it. The loop in `tui.rs` calls
//! these between frames; the app hears of their results as a `Notice`.
//!
//! It is one file though long: one `Disk` and each thing the loop does with it, a short
//! function apiece; the file work itself is the store's.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::app::{App, Confirm, Effect, Mode, Notice};
use crate::model::Plan;
use crate::model::rules::Problem;
use crate::store::lock::{self, Lock};
use crate::store::recovery::{self, Recovery};
use crate::store::{self, DiskState, ExportError, Fingerprint, PlanFile, SaveError};
use crate::{export, text};

/// Everything the loop keeps about the file beside the app.
pub(super) struct Disk {
    pub(super) file: PlanFile,
    /// The lock, while this steward is the plan's one writer.
    pub(super) lock: Option<Lock>,
    pub(super) recovery: PathBuf,
    /// The app state the recovery file was last brought up to date with, and whether it
    /// was unsaved then: a save changes the second, not the first, and must remove the file.
    /// Only a write that succeeded moves it on.
    recovered: (u64, bool),
    /// Writes the recovery file on a thread of its own, and the state last handed to it
    /// while that write is not done.
    pub(super) writer: recovery::Writer,
    handed: Option<(u64, bool)>,
    /// While the recovery file cannot be written: why, for the status line, and when to
    /// try again.
    at_risk: Option<(String, Instant)>,
    /// The recovery file offered at the start, while its prompt is open.
    offered: Option<Offered>,
    /// The version on disk that arrived while there were unsaved edits.
    theirs: Option<Vec<u8>>,
    /// An outside change waits until the app is free to hear of it.
    pub(super) outside: bool,
    /// When the lock was last tried, while another steward holds it.
    lock_tried: Instant,
}

impl Disk {
    /// When to try writing the recovery file again, while it cannot be written and no
    /// write is under way (the writer wakes the loop when it is done).
    pub(super) fn retry(&self) -> Option<Instant> {
        if self.handed.is_some() {
            return None;
        }
        self.at_risk.as_ref().map(|(_, at)| *at)
    }

    /// Whether this steward only reads because another one holds the plan, and so waits
    /// for its lock (a mirror never takes it).
    fn waits_for_lock(&self, app: &App) -> bool {
        self.lock.is_none() && app.read_only().is_some() && !app.is_mirror()
    }

    /// When to try the lock again, while another steward holds it.
    pub(super) fn lock_retry(&self, app: &App) -> Option<Instant> {
        self.waits_for_lock(app)
            .then(|| self.lock_tried + LOCK_RETRY)
    }
}

/// A recovery file offered at the start: the version of the plan its edits were made to
/// (unknown in one an earlier steward wrote).
struct Offered {
    base: Option<Fingerprint>,
}

/// Writes the handout of the plan as it is on screen (saved or not) beside the plan file,
/// and says where on the status line.
fn handout(path: &Path, app: &mut App) {
    let changes = app.changes_today();
    let today = (!changes.is_empty()).then_some(("What we changed today", changes.as_slice()));
    match write_handout(
        path,
        app.plan(),
        &app.derived().problems,
        app.today(),
        today,
    ) {
        Ok(out) => {
            let what = if app.modified() {
                "handout of the unsaved plan"
            } else {
                "handout"
            };
            app.tell(
                format!(
                    "{what} written: {} (open it in a browser to print)",
                    out.display()
                ),
                false,
            );
        }
        Err(reason) => app.tell(format!("no handout: {reason}"), true),
    }
}

/// Writes the HTML handout of `plan` (as it is now, saved or not) beside the plan file,
/// with what changed (a title and its lines) when something did, atomically, and returns
/// where. Never writes over the plan itself.
///
/// # Errors
/// The handout would be the plan file itself, or it cannot be written; the message says
/// which, in words for the status line.
pub fn write_handout(
    plan_path: &Path,
    plan: &Plan,
    problems: &[Problem],
    today: NaiveDate,
    changes: Option<(&str, &[String])>,
) -> Result<PathBuf, String> {
    let out = export::handout_path(plan_path);
    let shown = text::safe(&out.display().to_string()).into_owned();
    let page = export::html::handout(plan, problems, today, changes);
    store::write_export(&out, plan_path, page.as_bytes()).map_err(|e| match e {
        ExportError::IsThePlan => {
            format!("{shown} is the plan itself; use `steward export --format html -o OTHER`")
        }
        ExportError::Io(e) => format!("{}: cannot write {shown}", store::io_reason(&e)),
    })?;
    Ok(out)
}

/// What the status line says while the recovery file cannot be written.
const AT_RISK: &str = "edits at risk";

/// How long after a recovery write failed it is tried again.
const RETRY: Duration = Duration::from_millis(500);

/// Takes the plan's lock, or opens it read-only when another steward holds it; sweeps
/// what a killed save left behind; offers a recovery file back.
pub(super) fn open(mut file: PlanFile, app: &mut App, writer: recovery::Writer) -> Disk {
    let recovery = file.sidecar(".recovery");
    let shown = file.path().display().to_string();
    let lock = match file.lock() {
        Ok(lock::Outcome::Held(lock)) => Some(lock),
        Ok(lock::Outcome::Busy { holder }) => {
            app.notice(Notice::ReadOnly(format!("{shown} is open in {holder}")));
            app.tell(
                format!("read-only: {shown} is open in {holder}; changes it saves show here"),
                true,
            );
            None
        }
        Err(e) => {
            app.tell(
                format!(
                    "cannot lock {shown} ({}): another steward could change it too",
                    text::safe(&e.to_string())
                ),
                true,
            );
            None
        }
    };
    let mut disk = Disk {
        recovered: (app.editor().state(), app.modified()),
        writer,
        handed: None,
        at_risk: None,
        offered: None,
        file,
        lock,
        recovery,
        theirs: None,
        outside: false,
        lock_tried: Instant::now(),
    };
    if app.read_only().is_none() {
        become_writer(app, &mut disk);
    }
    disk
}

/// How often a steward that only reads the plan tries the lock again.
const LOCK_RETRY: Duration = Duration::from_secs(1);

/// While another steward holds the plan, tries its lock now and then; once the other has
/// closed it, this one becomes the writer: it reads what was saved last, says so, and
/// offers back what a writer that was killed left in the recovery file.
pub(super) fn take_lock_when_free(app: &mut App, disk: &mut Disk) -> bool {
    if !disk.waits_for_lock(app) || disk.lock_tried.elapsed() < LOCK_RETRY {
        return false;
    }
    // Tried again a while later, whether or not the app is free to hear of it now.
    disk.lock_tried = Instant::now();
    if !app.can_be_interrupted() {
        return false;
    }
    let Ok(lock::Outcome::Held(lock)) = disk.file.lock() else {
        return false;
    };
    disk.lock = Some(lock);
    let _ = outside_change(app, disk);
    let shown = disk.file.path().display().to_string();
    app.notice(Notice::Writable(format!(
        "the other steward closed {shown}: you can edit it now"
    )));
    disk.recovered = (app.editor().state(), app.modified());
    become_writer(app, disk);
    true
}

/// What only the plan's one writer does on taking it: says when saving will be refused,
/// sweeps what killed saves left behind, and offers back a recovery file.
fn become_writer(app: &mut App, disk: &mut Disk) {
    if let Some(reason) = disk.file.read_only() {
        app.tell(
            format!("{reason} (you can edit; saving is refused until then)"),
            true,
        );
    }
    // What killed writes of the plan, its backup, its recovery file and its handout
    // left behind.
    let swept = store::sweep_temp_files(disk.file.target())
        + [".bak", ".recovery"]
            .iter()
            .map(|s| store::sweep_temp_files(&disk.file.sidecar(s)))
            .sum::<usize>()
        + store::sweep_temp_files(&export::handout_path(disk.file.path()));
    if swept > 0 {
        app.tell(
            format!(
                "removed {swept} temporary file{} left by an interrupted save",
                text::plural(swept)
            ),
            false,
        );
    }
    match recovery::read(&disk.recovery) {
        Ok(None) => {}
        Ok(Some(found)) if found.text == app.text() => {
            // It holds nothing the file does not.
            let _ = recovery::remove(&disk.recovery);
        }
        Ok(Some(found)) => {
            disk.offered = Some(Offered { base: found.base() });
            app.notice(Notice::Recovery {
                edits: found.edits,
                written: found.written,
                text: found.text,
            });
        }
        Err(reason) => {
            app.tell(
                match recovery::set_aside(&disk.file, &disk.recovery, ".recovery-unreadable") {
                    Ok(aside) => format!("{reason}; moved to {}", aside.display()),
                    Err(_) => reason,
                },
                true,
            );
        }
    }
}

/// Once the recovery prompt of the start is answered: edits restored onto a plan that
/// changed since they were made count as made while somebody else changed it (the
/// conflict asks, and keeps both); a recovery file that could not be restored is set
/// aside, so that nothing removes it.
pub(super) fn after_recovery_prompt(app: &mut App, disk: &mut Disk) {
    if matches!(app.mode(), Mode::Confirm(Confirm::Recover { .. })) {
        return;
    }
    let Some(Offered { base }) = disk.offered.take() else {
        return;
    };
    if app.modified() {
        if base.is_some() && base != disk.file.known() {
            disk.file.assume(base);
            disk.outside = true;
        }
        return;
    }
    disk.writer.wait();
    if fs::symlink_metadata(&disk.recovery).is_err() {
        return;
    }
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    match recovery::set_aside(&disk.file, &disk.recovery, ".recovery-unrestored") {
        Ok(aside) => app.tell(format!("{said}; it is kept in {}", aside.display()), true),
        Err(e) => app.tell(
            format!(
                "{said}; it stays in {} ({})",
                disk.recovery.display(),
                store::io_reason(&e)
            ),
            true,
        ),
    }
}

/// Keeps saying on the status line that the edits are at risk while the recovery file
/// cannot be written, after whatever else is said.
pub(super) fn show_risk(app: &mut App, disk: &Disk) {
    let Some((risk, _)) = &disk.at_risk else {
        return;
    };
    match app.status().map(|s| s.text.clone()) {
        Some(said) if said.contains(AT_RISK) => {}
        // Short, so that what else is said still shows on a narrow status line.
        Some(said) => app.tell(format!("{AT_RISK} · {said}"), true),
        None => app.tell(risk.clone(), true),
    }
}

/// Carries out what the app asked for. Returns whether the app is to end.
pub(super) fn act(effect: Effect, app: &mut App, disk: &mut Disk) -> bool {
    match effect {
        Effect::None => false,
        Effect::Quit => true,
        Effect::Handout => {
            let path = disk.file.path().to_path_buf();
            handout(&path, app);
            false
        }
        Effect::Save | Effect::SaveAndQuit => {
            let result = disk.file.save(&app.text());
            let ok = result.is_ok();
            if let Err(SaveError::Changed(_)) = &result {
                disk.outside = true;
            }
            app.notice(Notice::Saved(result.map_err(|e| e.to_string())));
            ok && effect == Effect::SaveAndQuit
        }
        Effect::SetRecoveryAside => {
            disk.writer.wait();
            match recovery::set_aside(&disk.file, &disk.recovery, ".recovery.old") {
                Ok(aside) => app.tell(
                    format!("the unsaved edits are set aside in {}", aside.display()),
                    false,
                ),
                Err(e) => app.tell(
                    format!(
                        "cannot set {} aside: {}",
                        disk.recovery.display(),
                        store::io_reason(&e)
                    ),
                    true,
                ),
            }
            false
        }
        Effect::KeepMine => {
            let Some(theirs) = disk.theirs.take() else {
                return false;
            };
            match keep_aside(disk, ".theirs", &theirs, "the other version") {
                Ok(kept) => {
                    disk.file.accept(Some(&theirs), false);
                    app.tell(
                        format!(
                            "kept your version (Ctrl-s saves it); the other one is in {}",
                            kept.display()
                        ),
                        false,
                    );
                }
                Err(e) => {
                    disk.theirs = Some(theirs);
                    app.tell(e, true);
                }
            }
            false
        }
        Effect::TakeTheirs => {
            let Some(theirs) = disk.theirs.take() else {
                return false;
            };
            let mine = disk.file.encode(&app.text());
            let taken = keep_aside(disk, ".mine", &mine, "your version").and_then(|kept| {
                let loaded = store::from_bytes(&theirs).map_err(|(text, e)| e.located(&text))?;
                app.replace(loaded, false, 0).map(|()| kept)
            });
            match taken {
                Ok(kept) => {
                    disk.file.accept(Some(&theirs), true);
                    app.tell(
                        format!("took the version on disk; yours is in {}", kept.display()),
                        false,
                    );
                }
                Err(e) => {
                    disk.theirs = Some(theirs);
                    app.tell(e, true);
                }
            }
            false
        }
    }
}

/// Writes `bytes` (`what`, as a message names it) to a new file beside the plan, so that
/// the version a conflict did not keep is never lost; returns where.
fn keep_aside(disk: &Disk, suffix: &str, bytes: &[u8], what: &str) -> Result<PathBuf, String> {
    disk.file.create_beside(suffix, bytes).map_err(|e| {
        format!(
            "{}: cannot keep {what} in {}",
            store::io_reason(&e),
            disk.file.free_sidecar(suffix).display()
        )
    })
}

/// The file changed on disk (or may have): reload it when nothing here is unsaved, ask
/// when something is, and ignore it when the bytes are the ones steward knows. Returns
/// whether there is anything new to show.
pub(super) fn outside_change(app: &mut App, disk: &mut Disk) -> bool {
    let shown = disk.file.path().display().to_string();
    match disk.file.look() {
        DiskState::Same => return false,
        DiskState::Missing => {
            disk.file.accept(None, false);
            app.tell(
                format!("{shown} was removed from disk; Ctrl-s writes it again"),
                true,
            );
        }
        DiskState::Unreadable(reason) => {
            app.tell(
                format!("{shown} changed on disk and cannot be read: {reason}"),
                true,
            );
        }
        DiskState::Changed(bytes) => match store::from_bytes(&bytes) {
            Err((text, e)) if app.modified() => {
                disk.theirs = Some(bytes);
                app.notice(Notice::Conflict(Some(e.located(&text))));
            }
            Err((text, e)) => {
                app.tell(
                    format!(
                        "{shown} changed on disk but is not a valid plan now ({}); steward keeps showing its own version",
                        e.located(&text)
                    ),
                    true,
                );
            }
            Ok(loaded) if !app.modified() => match app.replace(loaded, false, 0) {
                Ok(()) => {
                    disk.file.accept(Some(&bytes), true);
                    app.tell(format!("{shown} changed on disk; reloaded"), false);
                }
                Err(e) => app.tell(
                    format!("{shown} changed on disk but cannot be shown: {e}"),
                    true,
                ),
            },
            Ok(_) => {
                disk.theirs = Some(bytes);
                app.notice(Notice::Conflict(None));
            }
        },
    }
    true
}

/// Brings the recovery file up to date with the app: written while there are unsaved
/// edits, removed once there are none. The writer's thread does it; a state already
/// handed to it is not handed again. A read-only instance leaves it to the writer. A
/// write that fails is tried again after a while (`recovered`); once the app is back at
/// what the file holds (an undo), nothing is at risk. Returns whether it had something
/// new to say on the status line.
pub(super) fn sync_recovery(app: &mut App, disk: &mut Disk) -> bool {
    let state = (app.editor().state(), app.modified());
    if app.read_only().is_some() || disk.handed == Some(state) {
        return false;
    }
    if state == disk.recovered {
        if disk.at_risk.take().is_some() {
            app.tell("no edit is at risk any more", false);
            return true;
        }
        return false;
    }
    if disk.retry().is_some_and(|at| Instant::now() < at) {
        return false;
    }
    disk.writer.hand(job(app, disk));
    disk.handed = Some(state);
    false
}

/// What brings the recovery file up to date with the app: its edits written while there
/// are unsaved ones, else the file removed.
fn job(app: &App, disk: &Disk) -> recovery::Job {
    let write = app.modified().then(|| {
        let made = Recovery::now(disk.file.path(), app.editor().edits(), app.text())
            .made_from(disk.file.known());
        (disk.file.like(), made)
    });
    recovery::Job {
        state: (app.editor().state(), app.modified()),
        path: disk.recovery.clone(),
        write,
    }
}

/// What the writer did: the state it brought the file up to date with, or why it could
/// not, and then the status line says that the edits are at risk until a write succeeds.
/// Returns whether it had something new to say on the status line.
pub(super) fn recovered(app: &mut App, disk: &mut Disk, done: recovery::Done) -> bool {
    if disk.handed == Some(done.state) {
        disk.handed = None;
    }
    match done.result {
        Ok(()) => {
            disk.recovered = done.state;
            if disk.at_risk.take().is_some() {
                app.tell(
                    format!(
                        "the recovery file {} is written again: no edit is at risk",
                        disk.recovery.display()
                    ),
                    false,
                );
                return true;
            }
            false
        }
        Err(e) => {
            // The reason first: it is what a narrow status line must still show.
            let advice = if disk.file.read_only().is_some() {
                "nor can the plan be saved"
            } else {
                "save soon"
            };
            let risk = format!(
                "{AT_RISK}: {}, no recovery file ({advice})",
                store::io_reason(&e)
            );
            let new = disk.at_risk.as_ref().is_none_or(|(r, _)| *r != risk);
            if new {
                app.tell(risk.clone(), true);
            }
            disk.at_risk = Some((risk, Instant::now() + RETRY));
            disk.handed = None;
            new
        }
    }
}

/// Brings the recovery file up to date with the app at once, on this thread: as the
/// loop ends, whatever ended it.
pub(super) fn sync_recovery_now(app: &mut App, disk: &mut Disk) {
    let state = (app.editor().state(), app.modified());
    if app.read_only().is_some() || state == disk.recovered {
        return;
    }
    let result = job(app, disk).run();
    recovered(app, disk, recovery::Done { state, result });
}
