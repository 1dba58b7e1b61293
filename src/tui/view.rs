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

use super::app::{App, Mode, View};
use super::layout::{self, MIN_SIZE};
use super::theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area.width, area.height) {
        too_small(frame.buffer_mut(), area);
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

fn too_small(buf: &mut Buffer, area: Rect) {
    let lines = [
        "steward needs a larger window".to_string(),
        format!(
            "at least {}x{}; this is {}x{}",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        ),
        "q quits".to_string(),
    ];
    for (i, line) in lines.iter().enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(0);
        if y < area.bottom() {
            buf.set_stringn(area.x, y, line, usize::from(area.width), Style::new());
        }
    }
}
