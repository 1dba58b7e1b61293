//! `steward view FILE`: a live mirror of a plan being edited in another steward, for a
//! second screen (the facilitator types on the laptop, the projector shows the mirror).
//! It shows the editor's unsaved edits (it reads the editor's recovery file, which the
//! editor writes as soon as it is idle) and the saved plan once the editor saves or
//! quits (when the recovery file goes). It takes no lock and writes nothing at all: no
//! recovery file, no backup, no handout, no temporary files swept.
//!
//! When what it shows changes, its cursor goes to the first cell that changed (the last
//! edit, and its problems under the matrix, are what the room sees). It does not follow
//! the editor's cursor moves: that would take a write for every move. It tells when the
//! editor has stopped (killed, say) with its edits unsaved, from the editor's lock file,
//! which it reads and never takes.

use std::io;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::app::Following;
use super::keymap::Action;
use super::{App, Editor, Effect, Ending, Notice, Theme, Wake, view};
use crate::store::lock::{self, Holder};
use crate::store::recovery;
use crate::store::watch::{self, Watch};
use crate::store::{self, Loaded, PlanFile};
use crate::text;

/// How often the mirror looks whether the editor whose unsaved edits it shows still runs.
const EDITOR_CHECK: Duration = Duration::from_secs(1);

/// The files the mirror reads: the plan, the editor's recovery file and its lock file.
struct Files<'a> {
    plan: &'a Path,
    recovery: std::path::PathBuf,
    lock: std::path::PathBuf,
}

/// Runs the mirror of the plan at `path` until the user quits or a signal stops it.
///
/// # Errors
/// The terminal cannot be used.
pub fn run(
    file: &PlanFile,
    loaded: Loaded,
    present: bool,
    today: NaiveDate,
    theme: Theme,
) -> io::Result<Ending> {
    // A mirror never edits: the document is never read.
    let mut app = App::new(file.path().to_path_buf(), Editor::open(loaded, today, None));
    let shown = text::path(file.path());
    app.notice(Notice::Mirror(format!(
        "a mirror of {shown}: it follows the editor and changes nothing"
    )));
    if present {
        app.update(Action::Present);
    }
    let files = Files {
        plan: file.target(),
        recovery: file.sidecar(".recovery"),
        lock: file.sidecar(".lock"),
    };
    let mut showing = follow(&mut app, &files, None);
    let mut checked = Instant::now();
    let (to, wakes) = mpsc::channel();
    let watch = Watch::start_files(
        &[file.target(), &files.recovery],
        super::waker(&to, || Wake::Watched),
    )
    .ok();
    if watch.is_none() {
        app.tell(
            "the system cannot watch the plan's folder: the mirror shows the plan as it was",
            true,
        );
    }
    super::watch_stop_signals(&to)?;
    let mut terminal = super::start_terminal(&mut app)?;
    super::read_input(&to)?;
    let result = (|| -> io::Result<Ending> {
        let mut draw = true;
        // When the change that woke the mirror will have settled.
        let mut settle: Option<Instant> = None;
        loop {
            if draw {
                terminal.draw(|frame| view::render(&app, theme, frame))?;
                draw = false;
            }
            // Nothing is written when an editor is killed: look now and then while it
            // shows unsaved edits.
            let look = (showing != Following::Saved).then(|| checked + EDITOR_CHECK);
            let wake = match settle.into_iter().chain(look).min() {
                None => wakes.recv().ok(),
                Some(at) => wakes
                    .recv_timeout(at.saturating_duration_since(Instant::now()))
                    .ok(),
            };
            match wake {
                Some(Wake::Input(event)) => {
                    match app.handle(&event?) {
                        Effect::Quit | Effect::SaveAndQuit => return Ok(Ending::Quit),
                        Effect::Handout => app.tell(
                            "a mirror writes no file: p in the editor writes the handout",
                            false,
                        ),
                        _ => {}
                    }
                    draw = true;
                }
                Some(Wake::Watched) => {
                    settle.get_or_insert_with(|| Instant::now() + watch::SETTLE);
                }
                Some(Wake::Stop(sig)) => return Ok(Ending::Signal(sig)),
                Some(Wake::Recovered(_) | Wake::Placed(_)) | None => {}
            }
            let changed = settle.is_some_and(|at| Instant::now() >= at);
            let look = showing != Following::Saved && checked.elapsed() >= EDITOR_CHECK;
            if changed || look {
                if changed {
                    settle = None;
                }
                let was = showing;
                showing = follow(&mut app, &files, Some(showing));
                checked = Instant::now();
                draw |= changed || showing != was;
            }
        }
    })();
    drop(watch);
    super::restore_terminal();
    result
}

/// Shows the editor's unsaved edits when its recovery file holds some, else the plan on
/// disk, with the cursor on what changed; says so when what it shows changes from one to
/// the other, or when the editor stopped with its edits unsaved. Returns what it shows.
fn follow(app: &mut App, files: &Files<'_>, was: Option<Following>) -> Following {
    let unsaved = match recovery::read(&files.recovery) {
        Ok(Some(found)) => store::from_bytes(found.text.as_bytes()).ok(),
        _ => None,
    };
    let (loaded, now) = match unsaved {
        Some(loaded) => {
            // Only a lock file naming a process of this machine that is gone says the
            // editor stopped; anything unclear counts as running.
            let now = match lock::holder(&files.lock) {
                Holder::Gone => Following::EditorStopped,
                Holder::Running | Holder::Unknown => Following::Unsaved,
            };
            (Some(loaded), now)
        }
        None => (store::load(files.plan).ok(), Following::Saved),
    };
    let Some(loaded) = loaded else {
        // The plan is being replaced, or broken for a moment: keep showing what was.
        return was.unwrap_or(Following::Saved);
    };
    if *loaded.text != *app.editor().as_text() || was != Some(now) {
        let _ = app.follow_edit(loaded);
    }
    app.notice(Notice::Following(now));
    if was.is_some() && was != Some(now) {
        app.tell(
            match now {
                Following::Unsaved => "showing the editor's unsaved edits",
                Following::Saved => "showing the plan as saved",
                Following::EditorStopped => {
                    "the editor stopped; its unsaved edits are in the recovery file"
                }
            },
            now == Following::EditorStopped,
        );
    }
    now
}
