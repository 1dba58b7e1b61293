//! The status line: the file, whether it is saved, the counts of problems, and either
//! the last message or the keys of the view (from the keymap). While the filter is typed,
//! the filter itself with its cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::paint::put;
use crate::model::rules::Severity;
use crate::text::{fit, tail_fit};
use crate::tui::app::{App, Mode};
use crate::tui::keymap::{hint_line, hints};
use crate::tui::theme::Theme;

pub(super) fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let y = area.bottom() - 1;
    let buf = frame.buffer_mut();
    buf.set_style(Rect::new(area.x, y, area.width, 1), theme.status());
    if *app.mode() == Mode::Filter {
        let (shown, at) = app
            .filter()
            .window(usize::from(area.width.saturating_sub(1)));
        put(
            buf,
            area.x,
            y,
            &format!("/{shown}"),
            area.width,
            theme.status(),
        );
        let x = area.x + 1 + u16::try_from(at).unwrap_or(0);
        frame.set_cursor_position(Position::new(x.min(area.right() - 1), y));
        return;
    }
    let c = app.derived().counts;
    let modified = if app.modified() { " ● modified" } else { "" };
    let left = format!(
        " {}{modified} │ {} {} {} {} {} {} │ ",
        tail_fit(
            &app.file().display().to_string(),
            usize::from(area.width / 3)
        ),
        Severity::Error.symbol(),
        c.errors,
        Severity::Warning.symbol(),
        c.warnings,
        Severity::Info.symbol(),
        c.infos
    );
    let left_w = u16::try_from(fit(&left, usize::from(area.width)).width()).unwrap_or(area.width);
    put(buf, area.x, y, &left, area.width, theme.status());
    let right_x = area.x + left_w;
    let room = area.width.saturating_sub(left_w);
    if let Some(s) = app.status() {
        let style = if s.is_error {
            theme.status().patch(theme.status_error())
        } else {
            theme.status()
        };
        put(buf, right_x, y, &s.text, room, style);
    } else {
        let hint = hint_line(&hints(app.view().scopes()), " ");
        put(buf, right_x, y, &hint, room, theme.status());
    }
}
