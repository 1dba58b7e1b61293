//! The help box: the rows of `tui::help` in a box, scrolled.

use super::paint::boxed;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::App;
use crate::tui::help::{KEY_WIDTH, Row, help_lines, rows};
use crate::tui::keymap::{Scope, hint_line, hints};
use crate::tui::layout;
use crate::tui::theme::Theme;

pub(super) fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let lines = help_lines(app.read_only().is_none());
    let rect = layout::help_box(area);
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let width = usize::from(rect.width.saturating_sub(2));
    let shown: Vec<Line> = rows(&lines, width)
        .into_iter()
        .map(|row| match row {
            Row::Heading(title) => Line::from(Span::styled(title, theme.group())),
            Row::Entry { key, part } => Line::from(vec![
                Span::styled(
                    format!("  {key:<w$}", w = KEY_WIDTH.saturating_sub(2)),
                    theme.header(),
                ),
                Span::raw(part),
            ]),
            Row::Blank => Line::from(""),
        })
        .collect();
    let scroll = scroll.min(shown.len().saturating_sub(inner_h));
    let keys = format!(" {} ", hint_line(&hints(&[Scope::Help]), " "));
    let shown: Vec<Line> = shown.into_iter().skip(scroll).collect();
    boxed(frame, theme, rect, (" Keys ", &keys), shown);
}
