//! The matrix app: the terminal loop. It draws, reads an event, lets the app update, and
//! carries out what the app asks for (saving, writing the handout, quitting). The app itself does no I/O.

pub mod app;
pub mod form;
pub mod keymap;
pub mod theme;
pub mod view;

use std::io;
use std::path::Path;

use chrono::NaiveDate;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::export;
use crate::store::{self, Document, Loaded};
pub use app::{App, Effect};
pub use theme::Theme;

/// Runs the app on a loaded plan until the user quits.
///
/// # Errors
/// The terminal cannot be used, or the plan's text is not TOML after all.
pub fn run(path: &Path, loaded: Loaded, today: NaiveDate, note: Option<String>) -> io::Result<()> {
    let doc = Document::parse(&loaded.text).map_err(|e| io::Error::other(e.to_string()))?;
    let mut app = App::new(
        path.to_path_buf(),
        loaded.plan,
        doc,
        today,
        Theme::from_env(),
    );
    if let Some(note) = note {
        app.status = Some(app::Status {
            text: note,
            is_error: false,
        });
    }
    let mut disk = std::fs::read(path)?;
    let mut backed_up = false;
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture);
    let result = (|| -> io::Result<()> {
        let size = terminal.size()?;
        app.handle(&event::Event::Resize(size.width, size.height));
        loop {
            terminal.draw(|frame| view::render(&app, frame))?;
            let event = event::read()?;
            let effect = app.handle(&event);
            match effect {
                Effect::None => {}
                Effect::Quit => return Ok(()),
                Effect::Handout => {
                    app.status = Some(handout(path, &app));
                }
                Effect::Save | Effect::SaveAndQuit => {
                    let result = save(path, &app.text(), &mut disk, &mut backed_up);
                    let ok = result.is_ok();
                    app.saved(result);
                    if ok && effect == Effect::SaveAndQuit {
                        return Ok(());
                    }
                }
            }
        }
    })();
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Writes the handout of the plan as it is on screen (saved or not) beside the plan file,
/// and says where on the status line.
fn handout(path: &Path, app: &App) -> app::Status {
    match export::write_handout(path, &app.plan, app.today) {
        Ok(out) => {
            let what = if app.modified() {
                "handout of the unsaved plan"
            } else {
                "handout"
            };
            app::Status {
                text: format!(
                    "{what} written: {} (open it in a browser to print)",
                    out.display()
                ),
                is_error: false,
            }
        }
        Err(reason) => app::Status {
            text: format!("no handout: {reason}"),
            is_error: true,
        },
    }
}

/// Writes the plan, unless the file changed on disk since it was read or last saved.
/// The first save of a session first keeps the file as it was in `FILE.bak`.
fn save(path: &Path, text: &str, disk: &mut Vec<u8>, backed_up: &mut bool) -> Result<(), String> {
    match std::fs::read(path) {
        Ok(now) if now != *disk => {
            return Err("the file was changed by another program; nothing written".into());
        }
        _ => {}
    }
    if !*backed_up {
        let mut bak = path.as_os_str().to_owned();
        bak.push(".bak");
        let bak = Path::new(&bak);
        store::write_atomic(bak, disk)
            .map_err(|e| format!("cannot write the backup {}: {e}", bak.display()))?;
        // The backup is as private as the plan.
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(bak, meta.permissions());
        }
        *backed_up = true;
    }
    store::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())?;
    *disk = text.as_bytes().to_vec();
    Ok(())
}
