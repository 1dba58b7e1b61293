//! The title line: the plan's name first and whole (as far as the screen allows), then
//! the views as tabs: in full, shortened, cut to four letters, or only the current one,
//! whichever leaves the name its room ("steward · " before it goes first).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::paint::put;
use crate::text;
use crate::tui::app::{App, View};
use crate::tui::layout::TITLE_TOP;
use crate::tui::theme::Theme;

/// How the tabs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tabs {
    Full,
    /// Words still: "Depts".
    Short,
    /// Four letters each: "Chan".
    Stub,
    /// Only the current view's.
    Current,
}

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let name = format!(
        "{}{}",
        text::safe(app.plan().settings.display_name()),
        app.mirror_tag()
    );
    let branded = format!("steward · {name}");
    // The name's room: all of it, up to half a wide screen.
    let room = |title: &str| u16::try_from(title.width()).unwrap_or(u16::MAX).min(60);
    let shown = |tabs: Tabs| -> Vec<View> {
        match tabs {
            Tabs::Current => vec![app.view()],
            _ => View::ALL.to_vec(),
        }
    };
    let width_of = |tabs: Tabs| -> u16 {
        shown(tabs)
            .iter()
            .map(|v| u16::try_from(tab_label(app, *v, tabs).width()).unwrap_or(0) + 1)
            .sum()
    };
    // The tabs in full beside "steward · " and the name, then without "steward · ",
    // then shortened, then only the current one: the name keeps its room.
    let (title, tabs) = [Tabs::Full, Tabs::Short, Tabs::Stub, Tabs::Current]
        .into_iter()
        .flat_map(|t| [(&branded, t), (&name, t)])
        .find(|(title, t)| width_of(*t) + room(title) < area.width)
        .unwrap_or((&name, Tabs::Current));
    let wanted = room(title);
    let tabs_width = width_of(tabs);
    let name_width = area.width.saturating_sub(tabs_width + 1).min(wanted);
    let y = area.y + TITLE_TOP;
    put(buf, area.x, y, title, name_width, theme.title());
    let mut x = area
        .right()
        .saturating_sub(tabs_width)
        .max(area.x + name_width + 1);
    for v in shown(tabs) {
        let label = tab_label(app, v, tabs);
        let w = u16::try_from(label.width()).unwrap_or(0);
        if x + w > area.right() {
            break;
        }
        put(buf, x, y, &label, w, theme.tab(app.view() == v));
        x += w + 1;
    }
}

fn tab_label(app: &App, v: View, tabs: Tabs) -> String {
    let title = match tabs {
        Tabs::Short => v.short_title(),
        Tabs::Stub => &v.title()[..4],
        Tabs::Full | Tabs::Current => v.title(),
    };
    match v {
        View::Problems => format!(" {title} {} ", app.derived().problems.len()),
        _ => format!(" {title} "),
    }
}
