//! The title line: the plan's name first and whole (as far as the screen allows), then
//! the views as tabs: in full, shortened, cut to four letters, or only the current one,
//! whichever leaves the name its room ("steward · " goes first, and the name is cut to
//! twenty columns before the tabs go).

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

/// What goes before the plan's name where there is room for it.
const BRAND: &str = "steward · ";

/// The fewest columns of the plan's name kept beside every tab before the tabs give way
/// to the current one alone.
const LEAST_NAME: usize = 20;

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let name = app.plan().settings.display_name();
    let tag = app.mirror_tag();
    // The name's room: all of it, up to half a wide screen.
    let name_w = text::safe(name).width().min(60);
    let least = name_w.min(LEAST_NAME);
    let shown = |tabs: Tabs| -> Vec<View> {
        match tabs {
            Tabs::Current => vec![app.view()],
            _ => View::ALL.to_vec(),
        }
    };
    let width_of = |tabs: Tabs| -> usize {
        shown(tabs)
            .iter()
            .map(|v| tab_label(app, *v, tabs).width() + 1)
            .sum()
    };
    // Every tab in full beside "steward · " and the whole name; then without
    // "steward · ", the tabs in full, shortened, then cut to four letters; then the name
    // cut (the mirror's tag kept) beside every tab; only then the current tab alone.
    let all_tabs = [Tabs::Full, Tabs::Short, Tabs::Stub];
    let (brand, keep, tabs) = std::iter::once((true, name_w, Tabs::Full))
        .chain(all_tabs.into_iter().map(|t| (false, name_w, t)))
        .chain(all_tabs.into_iter().map(|t| (false, least, t)))
        .find(|(brand, keep, t)| {
            width_of(*t) + if *brand { BRAND.width() } else { 0 } + keep + tag.width()
                < usize::from(area.width)
        })
        .unwrap_or((false, name_w, Tabs::Current));
    let tabs_width = u16::try_from(width_of(tabs)).unwrap_or(u16::MAX);
    let brand = if brand { BRAND } else { "" };
    let wanted = u16::try_from(brand.width() + keep.max(name_w) + tag.width()).unwrap_or(u16::MAX);
    let name_width = area.width.saturating_sub(tabs_width + 1).min(wanted);
    // The name gives way, never the tag that says what a mirror shows.
    let room = usize::from(name_width).saturating_sub(brand.width() + tag.width());
    let title = if room == 0 {
        text::fit(&format!("{name}{tag}"), usize::from(name_width))
    } else {
        format!("{brand}{}{tag}", text::fit(name, room))
    };
    let y = area.y + TITLE_TOP;
    put(buf, area.x, y, &title, name_width, theme.title());
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
