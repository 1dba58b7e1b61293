//! The matrix app: the terminal loop. It draws, reads an event, lets the app update, and
//! carries out what the app asks for (saving, writing the handout, quitting); what it
//! learns from the outside world (a lock held elsewhere, a recovery file, a change on
//! disk) it tells the app as a `Notice`. All of the TUI's I/O is here and in `disk` (the
//! plan's file, its lock and recovery file, saving, the handout): the app, the editor and
//! the views do none.
//!
//! The rooms: `disk`, `mirror` (`steward view`), `editor` (the plan, its document and history; no ratatui), `derived` (what
//! the screen needs to know about the plan), `app` (the editor and the screen's state,
//! `update`), `keymap` (every key, as data), `layout` (geometry from plain numbers),
//! `view` (drawing, reading only), `form` and `input` (the boxes that take text), `theme`
//! (styles by meaning).

pub mod app;
pub mod derived;
mod disk;
pub mod editor;
pub mod form;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod mirror;
pub mod theme;
pub mod view;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::store::recovery;
use crate::store::watch::Watch;
use crate::store::{Document, Loaded, PlanFile};
pub use app::{App, Confirm, Effect, Mode, Notice};
pub use disk::write_handout;
use disk::{
    act, after_recovery_prompt, open, outside_change, show_risk, sync_recovery, take_lock_when_free,
};
pub use editor::Editor;
pub use theme::Theme;

/// How the app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal (its number) asked steward to stop; unsaved edits are in the recovery file.
    Signal(i32),
}

/// The signals that stop steward with its edits kept.
const STOP_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// Runs the app on a plan until the user quits or a signal stops it, in `theme` (the
/// command line's colour decision, so the matrix and `check` agree).
///
/// # Errors
/// The terminal cannot be used, or the plan's text is not TOML after all.
pub fn run(
    file: PlanFile,
    loaded: Loaded,
    today: NaiveDate,
    note: Option<String>,
    theme: Theme,
) -> io::Result<Ending> {
    let doc = Document::parse(&loaded.text).map_err(|e| io::Error::other(e.to_string()))?;
    let mut app = App::new(
        file.path().to_path_buf(),
        Editor::new(loaded.plan, doc, today),
    );
    if let Some(note) = note {
        app.tell(note, false);
    }
    let mut disk = open(file, &mut app);
    let watch = match Watch::start(disk.file.target()) {
        Ok(w) => Some(w),
        Err(e) => {
            app.tell(
                format!("changes made to the file by other programs will only be noticed when saving ({e})"),
                true,
            );
            None
        }
    };
    let signal = watch_stop_signals()?;

    let mut terminal = start_terminal(&mut app)?;
    let result = (|| -> io::Result<Ending> {
        let mut draw = true;
        loop {
            if draw {
                terminal.draw(|frame| view::render(&app, theme, frame))?;
                draw = false;
            }
            // Unsaved work goes to the recovery file once the screen shows it and no key
            // is waiting, so typing never waits for the disk.
            if !event::poll(Duration::ZERO)? && sync_recovery(&mut app, &mut disk, false) {
                // It had something to say.
                draw = true;
                continue;
            }
            let sig = signal.load(Ordering::Relaxed);
            if sig != 0 && !test_hook("STEWARD_TEST_IGNORE_STOP") {
                return Ok(Ending::Signal(sig));
            }
            if event::poll(Duration::from_millis(100))? {
                // Every key already waiting is handled before the next frame, so a paste
                // that arrives as keys (a terminal without bracketed paste) costs one
                // frame, not one per character.
                for _ in 0..MAX_EVENTS_PER_FRAME {
                    let event = event::read()?;
                    if test_hook("STEWARD_TEST_PANIC") && matches!(event, event::Event::Key(_)) {
                        std::panic::panic_any("a panic asked for by STEWARD_TEST_PANIC");
                    }
                    let effect = app.handle(&event);
                    draw = true;
                    if act(effect, &mut app, &mut disk) {
                        return Ok(Ending::Quit);
                    }
                    if !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
                after_recovery_prompt(&mut app, &mut disk);
                show_risk(&mut app, &disk);
            }
            if watch.as_ref().is_some_and(Watch::changed) {
                disk.outside = true;
            }
            if disk.outside && app.can_be_interrupted() {
                disk.outside = false;
                outside_change(&mut app, &mut disk);
                draw = true;
            }
            if take_lock_when_free(&mut app, &mut disk) {
                draw = true;
            }
        }
    })();
    // However the loop ended (a signal, a terminal gone), the recovery file holds every
    // unsaved edit.
    let _ = sync_recovery(&mut app, &mut disk, true);
    restore_terminal();
    if matches!(result, Ok(Ending::Quit)) && app.read_only().is_none() {
        // A clean quit: what was not saved was discarded on purpose.
        let _ = recovery::remove(&disk.recovery);
    }
    drop(disk.lock.take());
    result
}

/// The most events handled between two frames: enough for a burst of typing or a
/// pasted page, few enough that the screen never falls far behind.
const MAX_EVENTS_PER_FRAME: usize = 4096;

/// How long the loop has to stop after a stop signal before steward stops without it.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Whether a test asked for a way out that nothing else provokes (a panic, a loop that
/// does not look at a stop signal), so that a test can see the terminal restored after
/// it. Only builds with debug assertions, which the tests run, listen.
fn test_hook(name: &str) -> bool {
    cfg!(debug_assertions) && std::env::var_os(name).is_some()
}

/// Takes the terminal (the alternate screen, raw mode, mouse reports, bracketed paste;
/// a panic gives it back) and tells the app its size.
fn start_terminal(app: &mut App) -> io::Result<ratatui::DefaultTerminal> {
    let terminal = ratatui::init();
    restore_on_panic();
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let size = terminal.size()?;
    app.handle(&event::Event::Resize(size.width, size.height));
    Ok(terminal)
}

/// Gives the terminal back as steward found it: mouse reports and bracketed paste off,
/// the cursor shown, the main screen, raw mode off. Every way out calls it.
fn restore_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        ratatui::crossterm::cursor::Show
    );
    ratatui::restore();
}

/// A panic restores the whole terminal before its message is printed (ratatui's own
/// hook leaves mouse reports and bracketed paste on).
fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Listens for the stop signals: the loop sees the number a signal leaves, and stops
/// with the edits kept. When the loop cannot look (once the terminal is gone, its window
/// closed or the connection dropped, crossterm's `event::poll` reads end-of-file for
/// ever and never returns), steward ends after a grace time anyway. Nothing is lost:
/// the recovery file was brought up to date before the loop waited for input, and the
/// lock goes with the process.
fn watch_stop_signals() -> io::Result<Arc<AtomicI32>> {
    let caught = Arc::new(AtomicI32::new(0));
    let mut signals = signal_hook::iterator::Signals::new(STOP_SIGNALS)?;
    let seen = Arc::clone(&caught);
    std::thread::Builder::new()
        .name("stop-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                seen.store(sig, Ordering::Relaxed);
                std::thread::sleep(STOP_GRACE);
                restore_terminal();
                std::process::exit(128 + sig);
            }
        })?;
    Ok(caught)
}
