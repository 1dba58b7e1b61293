//! The boxes that are only read: every message so far, in full (nothing a status line
//! cut is lost), and what changed since the plan was opened, a sentence a change.

use super::paint::boxed;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::app::{App, Panel};
use crate::tui::keymap::{Scope, hint_line, hints};
use crate::tui::layout;
use crate::tui::theme::Theme;

/// One message or change as a bullet, wrapped to `width` under its first word.
fn bullet(s: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    layout::bullet_lines(s, width)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 { "• " } else { "  " };
            Line::from(vec![Span::raw(lead), Span::styled(part, style)])
        })
        .collect()
}

pub(super) fn render(
    app: &App,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
    panel: &Panel,
    scroll: usize,
) {
    let width = layout::panel_inner_width(area.width);
    let (title, lines): (&str, Vec<Line>) = match panel {
        Panel::Messages => {
            let mut lines = Vec::new();
            for status in app.log() {
                let style = if status.is_error {
                    theme.status_error()
                } else {
                    theme.base()
                };
                lines.extend(bullet(&status.text, width, style));
            }
            if lines.is_empty() {
                lines.push(Line::from(Span::styled("No messages yet.", theme.dim())));
            }
            (" Messages ", lines)
        }
        Panel::Changes(changes) => {
            let mut lines: Vec<Line> = changes
                .iter()
                .flat_map(|change| bullet(change, width, theme.base()))
                .collect();
            if lines.is_empty() {
                lines.push(Line::from(Span::styled(
                    "Nothing has changed since the plan was opened.",
                    theme.dim(),
                )));
            }
            (" What changed since the plan was opened ", lines)
        }
    };
    let rect = layout::panel_box(area, lines.len());
    let inner = usize::from(rect.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(inner));
    let keys = format!(" {} ", hint_line(&hints(&[Scope::Panel]), " "));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    boxed(frame, theme, rect, (title, &keys), shown);
}
