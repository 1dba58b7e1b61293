//! The boxes over a view: a form, and a question with its answers (from the keymap).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::paint::{line, put};
use crate::text::{self, plural};
use crate::tui::app::{App, Confirm};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::{Action, Scope, answers, hint_line, hints, key_label};
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

pub(super) fn form(app: &App, theme: Theme, frame: &mut Frame, area: Rect, form: &Form) {
    let w = area.width.min(FORM_WIDTH).saturating_sub(4);
    // Under the fields, why the form was refused (wrapped, whole), the matches of a field
    // of names, or what to know; the fields scroll when they and these do not all fit.
    let note = form_note(form, usize::from(w));
    let slot = note.len().max(2);
    let height = u16::try_from(form.fields.len() + slot + 4).unwrap_or(u16::MAX);
    let rect = centered(area, FORM_WIDTH, height);
    let keys = format!(" {} ", hint_line(&hints(app.scopes()), " "));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Block::bordered()
            .border_style(theme.border())
            .title(Line::from(format!(" {} ", text::safe(&form.title()))).style(theme.title()))
            .title_bottom(Line::from(keys).style(theme.dim())),
        rect,
    );
    let label_w: u16 = 16;
    let x = rect.x + 2;
    let field_w = rect.width.saturating_sub(label_w + 5);
    let inner = usize::from(rect.height.saturating_sub(2));
    let under = if note.is_empty() { 0 } else { note.len() + 1 };
    let rows = form.fields.len().min(inner.saturating_sub(under)).max(1);
    let first = (form.focus + 1).saturating_sub(rows);
    let mut cursor = None;
    let buf = frame.buffer_mut();
    for (row, (i, f)) in form
        .fields
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .enumerate()
    {
        let y = rect.y + 1 + u16::try_from(row).unwrap_or(0);
        if y >= rect.bottom().saturating_sub(1) {
            break;
        }
        let focused = i == form.focus;
        if let Some(at) = field(theme, buf, (x, y, label_w, field_w), f, focused) {
            cursor = Some(at);
        }
        // More fields above or below the ones shown.
        let more = (
            row == 0 && first > 0,
            row + 1 == rows && first + rows < form.fields.len(),
        );
        if more.0 || more.1 {
            let mark = if more.0 { "▲" } else { "▼" };
            put(buf, rect.right().saturating_sub(2), y, mark, 1, theme.dim());
        }
    }
    // Two lines (or the note's) kept for the note when there is room, a blank line
    // either side.
    let y = if inner >= form.fields.len() + slot + 2 {
        rect.bottom()
            .saturating_sub(2 + u16::try_from(slot).unwrap_or(0))
    } else {
        rect.y + 1 + u16::try_from(rows + 1).unwrap_or(0)
    };
    if !form.closing && form.error.is_none() && !form.suggestions.is_empty() {
        if y < rect.bottom().saturating_sub(1) {
            suggestions(theme, buf, (x, y, w), form);
        }
    } else {
        let style = if form.closing || form.error.is_some() {
            theme.status_error()
        } else {
            theme.dim()
        };
        for (i, part) in note.iter().enumerate() {
            let at = y + u16::try_from(i).unwrap_or(0);
            if at < rect.bottom().saturating_sub(1) {
                put(buf, x, at, part, w, style);
            }
        }
    }
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// The widest a form grows.
const FORM_WIDTH: u16 = 72;

/// The lines under a form's fields, `w` wide: Esc's warning, why the form was refused
/// (whole, up to four lines), one line for the matches of a field of names, or how a new
/// entry's id is made.
fn form_note(form: &Form, w: usize) -> Vec<String> {
    let lines = |s: &str, most: usize| -> Vec<String> {
        let mut lines = text::wrap(s, w);
        if lines.len() > most {
            lines.truncate(most);
            if let Some(last) = lines.last_mut() {
                last.push_str(" …");
            }
        }
        lines
    };
    if form.closing {
        lines(
            "Esc again closes the form without saving what you typed; Enter saves it.",
            2,
        )
    } else if let Some(err) = &form.error {
        lines(&format!("✖ {err}"), 4)
    } else if !form.suggestions.is_empty() {
        vec![String::new()]
    } else if form.is_new() {
        lines("The id follows the name until you type one.", 2)
    } else {
        Vec::new()
    }
}

/// One field of a form on the line `y`: its label and its text, or the hint of what to
/// write; where the cursor stands when it is focused.
fn field(
    theme: Theme,
    buf: &mut Buffer,
    (x, y, label_w, field_w): (u16, u16, u16, u16),
    f: &Field,
    focused: bool,
) -> Option<Position> {
    put(
        buf,
        x,
        y,
        f.key.label(),
        label_w - 1,
        if focused {
            theme.focus_line()
        } else {
            theme.header()
        },
    );
    let fx = x + label_w;
    let style = if focused {
        theme.focus_line()
    } else {
        theme.base()
    };
    if let Some(choice) = f.choice() {
        // A choice of two: the word chosen, and how to switch it.
        let shown = format!("◂ {choice} ▸");
        put(buf, fx, y, &shown, field_w, style);
        if focused {
            let w = u16::try_from(shown.width()).unwrap_or(0) + 2;
            put(
                buf,
                fx + w,
                y,
                &f.key.hint(),
                field_w.saturating_sub(w),
                theme.dim(),
            );
        }
    } else if f.input.text().is_empty() {
        put(buf, fx, y, &f.key.hint(), field_w, theme.dim());
        if focused {
            return Some(Position::new(fx, y));
        }
    } else {
        let (shown, at) = f.input.window(usize::from(field_w));
        put(buf, fx, y, &shown, field_w, style);
        // A number says what it counts: `90 days`.
        if let Some(unit) = f.key.unit() {
            let w = u16::try_from(shown.width())
                .unwrap_or(field_w)
                .saturating_add(1);
            put(buf, fx + w, y, unit, field_w.saturating_sub(w), theme.dim());
        }
        if focused {
            return Some(Position::new(fx + u16::try_from(at).unwrap_or(0), y));
        }
    }
    None
}

/// The matches of the focused name field, the chosen one marked.
fn suggestions(theme: Theme, buf: &mut Buffer, (x, y, w): (u16, u16, u16), form: &Form) {
    if let [guess] = form.suggestions.as_slice()
        && guess.guess
    {
        let spans = [
            ("did you mean ", theme.dim()),
            (guess.name.as_str(), theme.focus()),
            (
                &format!("? {} takes it", key_label(Action::Complete)),
                theme.dim(),
            ),
        ];
        line(buf, x, y, w, &spans);
        return;
    }
    let mut parts: Vec<(String, ratatui::style::Style)> =
        vec![("matches: ".to_string(), theme.dim())];
    for (i, s) in form.suggestions.iter().enumerate() {
        if i > 0 {
            parts.push((" · ".into(), theme.dim()));
        }
        let style = if i == form.chosen {
            theme.focus()
        } else {
            theme.base()
        };
        parts.push((s.name.clone(), style));
    }
    let spans: Vec<(&str, ratatui::style::Style)> =
        parts.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    line(buf, x, y, w, &spans);
}

pub(super) fn confirm(app: &App, theme: Theme, frame: &mut Frame, area: Rect, confirm: &Confirm) {
    let (title, body, keys) = question(app, confirm);
    // The body and the answers, wrapped inside the box, with a blank line between.
    let inner = usize::from(area.width.min(64).saturating_sub(4));
    let lines = text::wrap(&body, inner).len() + 1 + text::wrap(&keys, inner).len();
    let height = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centered(area, 64, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(body),
            Line::from(""),
            Line::from(Span::styled(keys, theme.header())),
        ])
        .wrap(Wrap { trim: true })
        .block(
            Block::bordered()
                .border_style(theme.status_error())
                .padding(Padding::horizontal(1))
                .title(Line::from(title).style(theme.title())),
        ),
        rect,
    );
}

/// A question's title, its text and its answers with their keys.
pub(super) fn question(app: &App, confirm: &Confirm) -> (&'static str, String, String) {
    let file = text::safe(&app.file().display().to_string()).into_owned();
    let (title, body) = match confirm {
        Confirm::Quit => (" Unsaved changes ", format!("{file} has unsaved changes.")),
        Confirm::Delete { question, .. } => (" Delete? ", text::safe(question).into_owned()),
        Confirm::Recover { edits, written, .. } => (
            " Unsaved edits found ",
            format!(
                "{edits} edit{} to {file} {} never saved (last one at {}). Restore them?",
                plural(*edits),
                if *edits == 1 { "was" } else { "were" },
                text::safe(written),
            ),
        ),
        Confirm::Apply {
            sentence, brings, ..
        } => (
            " Make this change? ",
            if brings.is_empty() {
                capitalised(sentence) + "?"
            } else {
                format!(
                    "{}? Afterwards, still to solve: {}.",
                    capitalised(sentence),
                    brings.join("; ")
                )
            },
        ),
        Confirm::Conflict { broken } => (
            " Changed on disk ",
            match broken {
                None => format!(
                    "Another program changed {file} while you have unsaved edits. Both versions are kept either way."
                ),
                Some(why) => format!(
                    "Another program changed {file} while you have unsaved edits, and it is not a valid plan now ({}). Keep yours, and theirs is kept beside it; or mend it there, and steward reads it again.",
                    text::safe(why)
                ),
            },
        ),
    };
    let keys = hint_line(&answers(Scope::Prompt, confirm.answers()), " or ");
    (title, body, keys)
}

/// `s` with its first letter a capital.
pub(super) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
