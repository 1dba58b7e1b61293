//! The few ways the views put text on the screen: always made safe, always cut to the
//! room there is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::model::rules::{Problem, RowState};
use crate::text::fit;
use crate::tui::app::App;
use crate::tui::layout::details_top;
use crate::tui::theme::Theme;

/// `s`, made safe and cut to `width`, at (x, y); nothing outside the buffer.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, width: u16, style: Style) {
    if width == 0 || y >= buf.area.bottom() || x >= buf.area.right() {
        return;
    }
    let width = width.min(buf.area.right() - x);
    buf.set_stringn(x, y, fit(s, usize::from(width)), usize::from(width), style);
}

/// Spans on one line, each made safe, the whole cut to `width`.
pub(super) fn line(buf: &mut Buffer, x: u16, y: u16, width: u16, parts: &[(&str, Style)]) {
    let mut used = 0u16;
    for (s, style) in parts {
        if used >= width {
            break;
        }
        let shown = fit(s, usize::from(width - used));
        buf.set_stringn(x + used, y, &shown, usize::from(width - used), *style);
        used += u16::try_from(shown.width()).unwrap_or(width);
    }
}

/// Spans on one line like `line`, each cut after a whole word where one must be cut.
pub(super) fn line_words(buf: &mut Buffer, x: u16, y: u16, width: u16, parts: &[(&str, Style)]) {
    let mut used = 0u16;
    for (s, style) in parts {
        if used >= width {
            break;
        }
        let shown = crate::text::fit_words(s, usize::from(width - used));
        buf.set_stringn(x + used, y, &shown, usize::from(width - used), *style);
        used += u16::try_from(shown.width()).unwrap_or(width);
    }
}

/// One problem on one line (symbol, message, and the key that fixes it), or `fine`
/// when there is none.
pub(super) fn problem_line(
    app: &App,
    theme: Theme,
    buf: &mut Buffer,
    (x, y, w): (u16, u16, u16),
    p: Option<&Problem>,
    fine: &str,
) {
    match p {
        Some(p) => line(
            buf,
            x,
            y,
            w,
            &[
                (
                    &format!("{} ", p.severity().symbol()),
                    theme.severity(p.severity()),
                ),
                (&p.message, theme.base()),
                (&format!(" — {}", app.key_hint(p)), theme.dim()),
            ],
        ),
        None => line(
            buf,
            x,
            y,
            w,
            &[
                (
                    &format!("{} ", RowState::Fine.symbol()),
                    theme.row_state(RowState::Fine),
                ),
                (fine, theme.dim()),
            ],
        ),
    }
}

/// What the detail lines under a list say about its focused entry.
pub(super) struct Details<'a> {
    /// What kind of entry: `Row`, `Person`, `Department`.
    pub what: &'a str,
    pub name: &'a str,
    /// A line about it: who holds what, who belongs to it.
    pub about: String,
    /// Its first problem, if any.
    pub problem: Option<&'a Problem>,
    /// What the problem line says when there is none.
    pub fine: &'a str,
}

/// The three detail lines under a list.
pub(super) fn details(app: &App, theme: Theme, buf: &mut Buffer, area: Rect, d: &Details<'_>) {
    let y = details_top(area);
    line(
        buf,
        area.x,
        y,
        area.width,
        &[
            (&format!("{} ", d.what), theme.dim()),
            (d.name, theme.header()),
        ],
    );
    line(buf, area.x, y + 1, area.width, &[(&d.about, theme.base())]);
    problem_line(
        app,
        theme,
        buf,
        (area.x, y + 2, area.width),
        d.problem,
        d.fine,
    );
}

/// A box over the view, cleared, with a frame, a title and the keys that work in it.
pub(super) fn boxed(
    frame: &mut ratatui::Frame,
    theme: Theme,
    rect: Rect,
    (title, keys): (&str, &str),
    lines: Vec<ratatui::text::Line<'_>>,
) {
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Clear, Paragraph};
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(theme.border())
                .title(Line::from(title.to_string()).style(theme.title()))
                .title_bottom(Line::from(keys.to_string()).style(theme.dim())),
        ),
        rect,
    );
}
