//! Drawing. Everything here reads the app and writes cells; nothing changes the app.
//!
//! One file per thing drawn: the title line, the matrix, the lists (with one shared
//! detail pane), the problems, the status line, the help and the dialogs. Only what is
//! visible is drawn: column positions come from arithmetic (`layout`), rows from the
//! scroll offset, so a plan of thousands of rows costs the same per frame as a small one.
//! Every string from the plan passes through `text::fit`, which makes it safe (no control
//! characters reach the terminal) and cuts it on grapheme boundaries by display width.

mod dialogs;
mod help;
mod lists;
mod matrix;
mod paint;
mod panel;
pub(crate) mod present;
mod problems;
mod room;
mod status;
mod title;
mod workload;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::{App, Mode, Shrunk, View};
use super::keymap::{self, Action, Scope};
use super::layout::{self, MIN_SIZE};
use super::theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area.width, area.height) {
        too_small(app, frame.buffer_mut(), area);
        return;
    }
    let buf = frame.buffer_mut();
    if app.presenting() && app.view() == View::Matrix {
        present::render(app, theme, buf, area);
    } else {
        title::render(app, theme, buf, area);
    }
    match app.view() {
        View::Matrix if app.presenting() => {}
        View::Matrix => matrix::render(app, theme, buf, area),
        View::Channels => lists::channels(app, theme, buf, area),
        View::People => lists::people(app, theme, buf, area),
        View::Departments => lists::departments(app, theme, buf, area),
        View::Workload => workload::render(app, theme, buf, area),
        View::Problems => problems::render(app, theme, buf, area),
    }
    status::render(app, theme, frame, area);
    match app.mode() {
        Mode::Help { scroll } => help::render(app, theme, frame, area, *scroll),
        Mode::Form(form) => dialogs::form(app, theme, frame, area, form),
        Mode::Confirm(confirm) => dialogs::confirm(app, theme, frame, area, confirm),
        Mode::Pick(picker) => room::picker(app, theme, frame, area, picker),
        Mode::WhatIf(panel) => room::what_if(app, theme, frame, area, panel),
        Mode::Panel { panel, scroll } => panel::render(app, theme, frame, area, panel, *scroll),
        Mode::Normal | Mode::Filter => {}
    }
}

/// A screen too small for the plan says so, and what the keys can still do: quit, or
/// answer the question asked (`App::shrunk`), every line wrapped to the width.
fn too_small(app: &App, buf: &mut Buffer, area: Rect) {
    let mut paragraphs = vec![
        "steward needs a larger window".to_string(),
        format!(
            "at least {}x{}; this is {}x{}",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        ),
    ];
    match app.shrunk() {
        Shrunk::Quits => paragraphs.push(keymap::hint_line(
            &keymap::answers(Scope::Anywhere, &[(Action::Quit, "quits")]),
            " or ",
        )),
        // A question comes first, and its answers before it: on any sliver they show.
        Shrunk::Asks(confirm) => {
            let (_, body, keys) = dialogs::question(app, confirm);
            paragraphs.splice(0..0, [keys, body]);
        }
        Shrunk::Waits => paragraphs.push("what you typed waits for a larger window".into()),
    }
    let width = usize::from(area.width);
    let lines = paragraphs.iter().flat_map(|p| crate::text::wrap(p, width));
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        buf.set_stringn(area.x, y, &line, width, Style::new());
    }
}
