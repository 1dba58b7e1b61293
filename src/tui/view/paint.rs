//! The few ways the views put text on the screen: always made safe, always cut to the
//! room there is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::model::rules::{Problem, RowState};
use crate::model::{Role, RowKind};
use crate::text::{self, fit};
use crate::tui::app::App;
use crate::tui::keymap::{Action, key_label};
use crate::tui::layout::details_top;

/// A person's leaving date in words, as of `today`: "leaving 2027-01-31", or "left
/// 2026-11-15" once the day has come.
pub(super) fn leaving_words(p: &crate::model::Person, today: chrono::NaiveDate) -> Option<String> {
    let day = p.leaving?;
    let word = if p.has_left(today) { "left" } else { "leaving" };
    Some(format!("{word} {}", text::date(day)))
}
use crate::tui::theme::Theme;

/// What goes before a row's name: the duty mark and a space for a duty, nothing for a
/// channel.
pub(super) fn duty_marker(kind: RowKind) -> String {
    if kind == RowKind::Duty {
        format!("{} ", RowKind::DUTY_MARK)
    } else {
        String::new()
    }
}

/// What the matrix says when the plan has no row at all.
pub(super) fn no_rows_yet() -> String {
    format!(
        "No channels yet: press {} to add one.",
        key_label(Action::New)
    )
}

/// What the focused party holds on the focused row, as the line under the matrix says
/// it: "is accountable and responsible here", or "holds no role here".
pub(super) fn holds_here(roles: &[Role]) -> String {
    if roles.is_empty() {
        "holds no role here".to_string()
    } else {
        let words: Vec<&str> = roles.iter().map(|r| r.key()).collect();
        format!("is {} here", text::and_list(&words))
    }
}

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
        // A part with no room left but for "…" says nothing: the line ends before it.
        if shown == "…" && !s.is_empty() {
            break;
        }
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
        Some(p) => {
            let symbol = format!("{} ", p.severity().symbol());
            let width = usize::from(w) - symbol.width().min(usize::from(w));
            let (message, hint) = match app.fix_offer(p) {
                Ok((key, does)) => share(&p.message, (&key, &does), width),
                Err(why) => both_or_cut(&p.message, &format!(" — {why}"), width),
            };
            line(
                buf,
                x,
                y,
                w,
                &[
                    (&symbol, theme.severity(p.severity())),
                    (&message, theme.base()),
                    (&hint, theme.dim()),
                ],
            );
        }
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

/// A problem's message and the key that fixes it with what it does, sharing `width`
/// cells: both whole when they fit; else the key stays, with the start of what it does
/// when the message leaves room, else only saying so (` — f fixes it`), the message cut.
fn share(message: &str, (key, does): (&str, &str), width: usize) -> (String, String) {
    let hint = format!(" — {key}: {does}");
    let mw = fit(message, usize::MAX).width();
    if mw + fit(&hint, usize::MAX).width() <= width {
        return (message.to_string(), hint);
    }
    if mw + 24 <= width {
        // The message whole, and the start of what the key does.
        return (message.to_string(), fit(&hint, width - mw));
    }
    let short = format!(" — {key} fixes it");
    let message = fit(message, width.saturating_sub(short.width()));
    let left = width - message.width();
    (message, fit(&short, left))
}

/// A problem's message and advice no key carries out, sharing `width` cells: both whole
/// when they fit, else the message first and the advice cut.
fn both_or_cut(message: &str, advice: &str, width: usize) -> (String, String) {
    if fit(message, usize::MAX).width() + fit(advice, usize::MAX).width() <= width {
        return (message.to_string(), advice.to_string());
    }
    let message = fit(message, width);
    let left = width - message.width();
    (message, fit(advice, left))
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

#[cfg(test)]
mod tests {
    use super::{both_or_cut, share};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_key_that_fixes_a_problem_is_never_cut_away() {
        let message = "\"Google reviews\" has 2 accountable parties (Tom Becker and María López): exactly one should answer for it";
        let does = "who stays accountable for Google reviews? The others become responsible.";
        let hint = &format!(" — f: {does}");
        let (m, h) = share(message, ("f", does), 200);
        assert_eq!(
            (m.as_str(), h.as_str()),
            (message, hint.as_str()),
            "whole when it fits"
        );
        for width in [40, 60, 78, 100] {
            let (m, h) = share(message, ("f", does), width);
            assert_eq!(h, " — f fixes it", "{width}");
            assert!(m.ends_with('…'), "{width}: {m}");
            assert!(m.width() + h.width() <= width, "{width}: {m}{h}");
        }
        // The message whole, and the start of what the key does.
        let (m, h) = share(message, ("f", does), 140);
        assert_eq!(m, message);
        assert!(h.starts_with(" — f: who stays") && h.ends_with('…'), "{h}");
        // No key fixes it: the message first, the advice cut.
        let advice = " — press e on the row and write what the business wants from it";
        let (m, h) = both_or_cut("\"TikTok\" states no goal", advice, 50);
        assert_eq!(m, "\"TikTok\" states no goal");
        assert!(h.ends_with('…') && h.starts_with(" — press e"), "{h}");
    }
}
