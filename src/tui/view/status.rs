//! The status line: the file and whether it is saved, the counts of problems (in words
//! when they fit, as symbols when not), then the last message or the view's keys (from
//! the keymap), and always, at the right end, `? help`. A message cut to fit says so, and
//! `m` shows it in full. While the filter is typed, the filter itself with its cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::paint::put;
use crate::text::{fit, tail_fit};
use crate::tui::app::present::{counts_in_symbols, counts_in_words};
use crate::tui::app::{App, Mode, View};
use crate::tui::keymap::{Action, Hint, hint_line_within, hints_for, key_label};
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
    let presenting = app.presenting() && app.view() == View::Matrix;
    let width = usize::from(area.width);
    // The file (never in presenter mode: the title has the plan's name), then the counts.
    // The file and the counts, from the fullest form to the shortest: counts in words,
    // then as symbols, then `●` for unsaved, then a shorter file name. The first that
    // leaves the message its room (or room for some keys) is the one shown; a message
    // needs its room more than the counts need words.
    let left = |counts: &str, modified: &str, file_width: usize| -> String {
        if presenting {
            return " ".into();
        }
        let modified = if app.modified() { modified } else { "" };
        let file = tail_fit(&app.file().display().to_string(), file_width);
        format!(" {file}{modified} │ {counts} │ ")
    };
    let counts = app.derived().counts;
    let (words, symbols) = (counts_in_words(counts), counts_in_symbols(counts));
    let forms = [
        left(&words, " ● modified", width / 3),
        left(&symbols, " ● modified", width / 3),
        left(&symbols, " ●", width / 3),
        left(&symbols, " ●", 12),
    ];
    let message = app.status().map_or(0, |s| s.text.width());
    let help_hint = format!(" {} help ", key_label(Action::Help));
    let help = help_hint.width();
    let room_for = |left: &str| width.saturating_sub(left.width() + help);
    let left = forms
        .iter()
        .find(|f| room_for(f) >= message.max(24))
        .unwrap_or(&forms[forms.len() - 1])
        .clone();
    let cut = message > room_for(&left);
    let right = if cut {
        format!(" {}: all ·{help_hint}", key_label(Action::Messages))
    } else {
        help_hint.clone()
    };
    let left_w = u16::try_from(fit(&left, width).width()).unwrap_or(area.width);
    put(buf, area.x, y, &left, area.width, theme.status());
    let right_w = u16::try_from(right.width()).unwrap_or(0);
    let middle_x = area.x + left_w;
    let room = area.width.saturating_sub(left_w + right_w);
    if let Some(s) = app.status() {
        let style = if s.is_error {
            theme.status().patch(theme.status_error())
        } else {
            theme.status()
        };
        put(buf, middle_x, y, &s.text, room, style);
    } else {
        let keys: Vec<Hint> = hints_for(app.view().scopes(), app.read_only().is_none())
            .into_iter()
            .filter(|h| h.word != "help")
            .collect();
        put(
            buf,
            middle_x,
            y,
            &hint_line_within(&keys, " ", usize::from(room)),
            room,
            theme.status(),
        );
    }
    if area.width > right_w {
        let x = area.right() - right_w;
        put(
            buf,
            x,
            y,
            &right,
            right_w,
            theme.status().patch(theme.header()),
        );
    }
}
