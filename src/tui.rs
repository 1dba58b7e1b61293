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
pub mod help;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod mirror;
pub mod theme;
pub mod view;

use std::io;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::store::recovery;
use crate::store::watch::{self, Watch};
use crate::store::{Document, Loaded, PlanFile};
pub use app::{App, Confirm, Effect, Mode, Notice};
pub use disk::write_handout;
use disk::{
    act, after_recovery_prompt, open, outside_change, recovered, show_risk, sync_recovery,
    sync_recovery_now, take_lock_when_free,
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

/// What wakes the loop. It sleeps until one of these comes, so that a steward that is
/// left alone makes no system call at all: no timer ticks, no file is looked at. The
/// timers it sets are only for what waits: a change to settle, a recovery write to try
/// again, and, in a steward that only reads, the other one's lock to try.
#[derive(Debug)]
enum Wake {
    /// What the terminal sent, read on a thread of its own.
    Input(io::Result<event::Event>),
    /// A file steward follows may have changed.
    Watched,
    /// The recovery writer is done with a job.
    Recovered(recovery::Done),
    /// A stop signal, by its number.
    Stop(i32),
    /// Where each part of the plan just saved stands in its file, read on a thread of
    /// its own.
    Placed(Box<editor::Placed>),
}

/// Runs the app on a plan until the user quits or a signal stops it, in `theme` (the
/// command line's colour decision, so the matrix and `check` agree).
///
/// # Errors
/// The terminal cannot be used.
#[expect(
    clippy::too_many_lines,
    reason = "the loop reads as one: what wakes it, and what it does for each"
)]
pub fn run(
    file: PlanFile,
    loaded: Loaded,
    today: NaiveDate,
    note: Option<String>,
    theme: Theme,
) -> io::Result<Ending> {
    // The document is read on another thread once the first frame is drawn.
    let (coming, reading) = Document::later(loaded.text.clone());
    let mut reading = Some(reading);
    let mut app = App::new(
        file.path().to_path_buf(),
        Editor::open(loaded, today, Some(coming)),
    );
    if let Some(note) = note {
        app.tell(note, false);
    }
    let (to, wakes) = mpsc::channel();
    let writer = {
        let to = to.clone();
        recovery::Writer::start(move |done| {
            let _ = to.send(Wake::Recovered(done));
        })?
    };
    let mut disk = open(file, &mut app, writer);
    let watch = match Watch::start(disk.file.target(), waker(&to, || Wake::Watched)) {
        Ok(w) => Some(w),
        Err(e) => {
            app.tell(
                format!("changes made to the file by other programs will only be noticed when saving ({e})"),
                true,
            );
            None
        }
    };
    watch_stop_signals(&to)?;

    let mut terminal = start_terminal(&mut app)?;
    read_input(&to)?;
    let result = (|| -> io::Result<Ending> {
        let mut draw = true;
        // When the outside change that woke the loop will have settled.
        let mut settle: Option<Instant> = None;
        // What came after the most events one frame handles, for the next.
        let mut wake: Option<Wake> = None;
        loop {
            if draw {
                terminal.draw(|frame| view::render(&app, theme, frame))?;
                draw = false;
            }
            if let Some(reading) = reading.take() {
                let _ = std::thread::Builder::new()
                    .name("document".into())
                    .spawn(move || reading.run());
            }
            if wake.is_none() {
                wake = wakes.try_recv().ok();
            }
            if wake.is_none() {
                // Unsaved work goes to the recovery file once the screen shows it and no
                // key is waiting, on the writer's thread, so typing never waits for it.
                if sync_recovery(&mut app, &mut disk) {
                    draw = true;
                    continue;
                }
                let deadline = settle
                    .into_iter()
                    .chain(disk.retry())
                    .chain(disk.lock_retry(&app))
                    .min();
                wake = match deadline {
                    None => wakes.recv().ok(),
                    Some(at) => wakes
                        .recv_timeout(at.saturating_duration_since(Instant::now()))
                        .ok(),
                };
            }
            // Every event already waiting is handled before the next frame, so that a
            // paste that arrives as keys (a terminal without bracketed paste) costs one
            // frame, not one per character.
            let mut input = false;
            for _ in 0..MAX_EVENTS_PER_FRAME {
                let Some(w) = wake.take() else { break };
                match w {
                    Wake::Input(event) => {
                        let event = event?;
                        if test_hook("STEWARD_TEST_PANIC") && matches!(event, event::Event::Key(_))
                        {
                            std::panic::panic_any("a panic asked for by STEWARD_TEST_PANIC");
                        }
                        let effect = app.handle(&event);
                        input = true;
                        draw = true;
                        if act(effect, &mut app, &mut disk) {
                            return Ok(Ending::Quit);
                        }
                        if let Some(placing) = app.take_placing() {
                            read_places(placing, &to);
                        }
                    }
                    Wake::Watched => {
                        settle.get_or_insert_with(|| Instant::now() + watch::SETTLE);
                    }
                    Wake::Recovered(done) => draw |= recovered(&mut app, &mut disk, done),
                    Wake::Placed(placed) => {
                        app.placed(*placed);
                        draw = true;
                    }
                    Wake::Stop(sig) => {
                        if !test_hook("STEWARD_TEST_IGNORE_STOP") {
                            return Ok(Ending::Signal(sig));
                        }
                    }
                }
                wake = wakes.try_recv().ok();
            }
            if input {
                after_recovery_prompt(&mut app, &mut disk);
                show_risk(&mut app, &disk);
            }
            if settle.is_some_and(|at| Instant::now() >= at) {
                settle = None;
                disk.outside = true;
            }
            if disk.outside && app.can_be_interrupted() {
                disk.outside = false;
                draw |= outside_change(&mut app, &mut disk);
            }
            draw |= take_lock_when_free(&mut app, &mut disk);
        }
    })();
    drop(watch);
    // However the loop ended (a signal, a terminal gone), the recovery file holds every
    // unsaved edit.
    disk.writer.wait();
    for wake in wakes.try_iter() {
        if let Wake::Recovered(done) = wake {
            recovered(&mut app, &mut disk, done);
        }
    }
    sync_recovery_now(&mut app, &mut disk);
    restore_terminal();
    if matches!(result, Ok(Ending::Quit)) && app.read_only().is_none() {
        // A clean quit: what was not saved was discarded on purpose.
        let _ = recovery::remove(&disk.recovery);
    }
    drop(disk.lock.take());
    result
}

/// Something to call from another thread that sends `wake` to the loop.
fn waker(to: &Sender<Wake>, wake: fn() -> Wake) -> impl Fn() + Send + 'static {
    let to = to.clone();
    move || {
        let _ = to.send(wake());
    }
}

/// Reads a plan just saved again for where each part stands in its file, on a thread of
/// its own: it costs a reading of the whole plan, which no key waits for.
fn read_places(placing: editor::Placing, to: &Sender<Wake>) {
    let to = to.clone();
    let _ = std::thread::Builder::new()
        .name("places".into())
        .spawn(move || {
            if let Some(placed) = placing.run() {
                let _ = to.send(Wake::Placed(Box::new(placed)));
            }
        });
}

/// Reads the terminal on a thread of its own, for as long as the loop listens: the loop
/// then sleeps until a key or something else comes, instead of asking for keys again
/// and again.
fn read_input(to: &Sender<Wake>) -> io::Result<()> {
    let to = to.clone();
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if to.send(Wake::Input(event)).is_err() || failed {
                    return;
                }
            }
        })?;
    Ok(())
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

/// Listens for the stop signals: the loop hears of one, and stops with the edits kept.
/// When the loop cannot stop (it is busy, or its terminal is gone and it cannot be drawn
/// on), steward ends after a grace time anyway. Nothing is lost: the recovery file is
/// brought up to date whenever the loop is idle, and the lock goes with the process.
fn watch_stop_signals(to: &Sender<Wake>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(STOP_SIGNALS)?;
    let to = to.clone();
    std::thread::Builder::new()
        .name("stop-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = to.send(Wake::Stop(sig));
                std::thread::sleep(STOP_GRACE);
                restore_terminal();
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}
