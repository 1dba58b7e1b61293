//! The boxes over a view: a form, and a question with its answers (from the keymap).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::paint::put;
use crate::text::{self, plural};
use crate::tui::app::{App, Confirm};
use crate::tui::form::Form;
use crate::tui::keymap::{Scope, answers, hint_line, hints};
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

pub(super) fn form(theme: Theme, frame: &mut Frame, area: Rect, form: &Form) {
    let height = u16::try_from(form.fields.len()).unwrap_or(8) + 6;
    let rect = centered(area, 72, height);
    let keys = format!(" {} ", hint_line(&hints(&[Scope::Form]), " "));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Block::bordered()
            .border_style(theme.border())
            .title(Line::from(format!(" {} ", form.title())).style(theme.title()))
            .title_bottom(Line::from(keys).style(theme.dim())),
        rect,
    );
    let label_w: u16 = 15;
    let x = rect.x + 2;
    let field_w = rect.width.saturating_sub(label_w + 5);
    let mut cursor = None;
    let buf = frame.buffer_mut();
    for (i, f) in form.fields.iter().enumerate() {
        let y = rect.y + 1 + u16::try_from(i).unwrap_or(0);
        if y >= rect.bottom() - 1 {
            break;
        }
        let focused = i == form.focus;
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
        if f.input.text.is_empty() && !focused {
            put(buf, fx, y, f.key.hint(), field_w, theme.dim());
        } else {
            // Keep the cursor in view in a long field.
            let before: String = f.input.text.chars().take(f.input.cursor).collect();
            let before_w = text::safe(&before).width();
            let skip = before_w.saturating_sub(usize::from(field_w.saturating_sub(1)));
            let shown: String = text::safe(&f.input.text).chars().skip(skip).collect();
            put(
                buf,
                fx,
                y,
                &shown,
                field_w,
                if focused {
                    theme.focus_line()
                } else {
                    theme.base()
                },
            );
            if focused {
                cursor = Some(Position::new(
                    fx + u16::try_from(before_w - skip).unwrap_or(0),
                    y,
                ));
            }
        }
        if focused && f.input.text.is_empty() {
            cursor = Some(Position::new(fx, y));
            put(buf, fx, y, f.key.hint(), field_w, theme.dim());
        }
    }
    let y = rect.bottom().saturating_sub(3);
    if let Some(err) = &form.error {
        put(
            buf,
            x,
            y,
            &format!("✖ {err}"),
            rect.width - 4,
            theme.status_error(),
        );
    } else if form.editing.is_none() {
        put(
            buf,
            x,
            y,
            "The id follows the name until you type one.",
            rect.width - 4,
            theme.dim(),
        );
    }
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

pub(super) fn confirm(app: &App, theme: Theme, frame: &mut Frame, area: Rect, confirm: &Confirm) {
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
        Confirm::Conflict => (
            " Changed on disk ",
            format!(
                "Another program changed {file} while you have unsaved edits. Both versions are kept either way."
            ),
        ),
    };
    let keys = hint_line(&answers(Scope::Prompt, confirm.answers()), " or ");
    let tall = matches!(confirm, Confirm::Recover { .. } | Confirm::Conflict);
    let rect = centered(area, 64, if tall { 8 } else { 6 });
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
