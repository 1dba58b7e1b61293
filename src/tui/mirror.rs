//! `steward view FILE`: a live mirror of a plan being edited in another steward, for a
//! second screen (the facilitator types on the laptop, the projector shows the mirror).
//! It shows the editor's unsaved edits (it reads the editor's recovery file, which the
//! editor writes as soon as it is idle) and the saved plan once the editor saves or
//! quits (when the recovery file goes). It takes no lock and writes nothing at all: no
//! recovery file, no backup, no handout, no temporary files swept.
//!
//! It does not follow the editor's cursor: that would take a write for every move.

use std::io;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::crossterm::event;

use super::keymap::Action;
use super::{App, Editor, Effect, Ending, Notice, Theme, view};
use crate::store::recovery;
use crate::store::watch::Watch;
use crate::store::{self, Loaded, PlanFile};
use crate::text;

/// What the mirror shows now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Showing {
    Saved,
    Unsaved,
}

/// Runs the mirror of the plan at `path` until the user quits or a signal stops it.
///
/// # Errors
/// The terminal cannot be used, or the plan's text is not TOML after all.
pub fn run(
    file: &PlanFile,
    loaded: Loaded,
    present: bool,
    today: NaiveDate,
    theme: Theme,
) -> io::Result<Ending> {
    let doc = store::Document::parse(&loaded.text).map_err(|e| io::Error::other(e.to_string()))?;
    let mut app = App::new(
        file.path().to_path_buf(),
        Editor::new(loaded.plan, doc, today),
    );
    let shown = text::path(file.path());
    app.notice(Notice::Mirror(format!(
        "a mirror of {shown}: it follows the editor and changes nothing"
    )));
    if present {
        app.update(Action::Present);
    }
    let recovery_path = file.sidecar(".recovery");
    let mut showing = follow(&mut app, file.target(), &recovery_path, None);
    let watch = Watch::start_files(&[file.target(), &recovery_path]).ok();
    if watch.is_none() {
        app.tell(
            "the system cannot watch the plan's folder: the mirror shows the plan as it was",
            true,
        );
    }
    let signal = super::watch_stop_signals()?;
    let mut terminal = super::start_terminal(&mut app)?;
    let result = (|| -> io::Result<Ending> {
        let mut draw = true;
        loop {
            if draw {
                terminal.draw(|frame| view::render(&app, theme, frame))?;
                draw = false;
            }
            let sig = signal.load(Ordering::Relaxed);
            if sig != 0 {
                return Ok(Ending::Signal(sig));
            }
            if event::poll(Duration::from_millis(100))? {
                loop {
                    match app.handle(&event::read()?) {
                        Effect::Quit | Effect::SaveAndQuit => return Ok(Ending::Quit),
                        Effect::Handout => app.tell(
                            "a mirror writes no file: p in the editor writes the handout",
                            false,
                        ),
                        _ => {}
                    }
                    draw = true;
                    if !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
            }
            if watch.as_ref().is_some_and(Watch::changed) {
                showing = follow(&mut app, file.target(), &recovery_path, Some(showing));
                draw = true;
            }
        }
    })();
    super::restore_terminal();
    result
}

/// Shows the editor's unsaved edits when its recovery file holds some, else the plan on
/// disk; says so when what it shows changes from one to the other. Returns what it shows.
fn follow(app: &mut App, plan: &Path, recovery_path: &Path, was: Option<Showing>) -> Showing {
    let unsaved = match recovery::read(recovery_path) {
        Ok(Some(found)) => store::from_bytes(found.text.as_bytes()).ok(),
        _ => None,
    };
    let (loaded, now) = match unsaved {
        Some(loaded) => (Some(loaded), Showing::Unsaved),
        None => (store::load(plan).ok(), Showing::Saved),
    };
    let Some(loaded) = loaded else {
        // The plan is being replaced, or broken for a moment: keep showing what was.
        return was.unwrap_or(Showing::Saved);
    };
    if loaded.text != app.text() || was != Some(now) {
        let _ = app.replace(loaded, false, 0);
    }
    if was.is_some() && was != Some(now) {
        app.tell(
            match now {
                Showing::Unsaved => "showing the editor's unsaved edits",
                Showing::Saved => "showing the plan as saved",
            },
            false,
        );
    }
    now
}
