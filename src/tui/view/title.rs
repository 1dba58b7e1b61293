//! The title line: the plan's name, then the views as tabs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::paint::put;
use crate::tui::app::{App, View};
use crate::tui::layout::TITLE_TOP;
use crate::tui::theme::Theme;

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let name = app.plan().settings.display_name();
    // On a narrow screen the tabs shorten so that the plan's name keeps some room.
    let width_of = |short: bool| -> u16 {
        View::ALL
            .iter()
            .map(|v| u16::try_from(tab_label(app, *v, short).width()).unwrap_or(0) + 1)
            .sum()
    };
    let short = width_of(false) + 20 > area.width;
    let tabs_width = width_of(short);
    let name_width = area.width.saturating_sub(tabs_width + 1).min(40);
    let y = area.y + TITLE_TOP;
    put(
        buf,
        area.x,
        y,
        &format!("steward · {name}"),
        name_width,
        theme.title(),
    );
    let mut x = area
        .right()
        .saturating_sub(tabs_width)
        .max(area.x + name_width + 1);
    for v in View::ALL {
        let label = tab_label(app, v, short);
        let w = u16::try_from(label.width()).unwrap_or(0);
        if x + w > area.right() {
            break;
        }
        put(buf, x, y, &label, w, theme.tab(app.view() == v));
        x += w + 1;
    }
}

fn tab_label(app: &App, v: View, short: bool) -> String {
    let title = if short { &v.title()[..4] } else { v.title() };
    match v {
        View::Problems => format!(" {title} {} ", app.derived().problems.len()),
        _ => format!(" {title} "),
    }
}
