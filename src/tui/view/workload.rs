//! The Workload view: for each person, how many rows they are accountable, responsible,
//! consulted and informed on, and how many logins they keep, as bars; the busiest first,
//! agencies after staff, those over the accountable limit and those with nothing marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::lists::list;
use super::paint::{leaving_words, line, put};
use crate::model::Role;
use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::{Action, key_label};
use crate::tui::layout::details_top;
use crate::tui::theme::Theme;

/// The widest a bar is drawn; longer loads are cut and say their number.
const BAR: usize = 8;

/// `n` as a bar of at most `BAR` blocks, then the number: `████ 4`.
fn bar(n: usize) -> String {
    if n == 0 {
        "·".into()
    } else {
        format!("{} {n}", "█".repeat(n.min(BAR)))
    }
}

/// The room the note after the bars wants: "over the limit of 5", "leaving 2027-01-15".
const NOTE: u16 = 19;

/// What stands out about a person's load: over the limit, gone or leaving, nothing held,
/// an agency. In full, in short (for beside the name, where the note has no room), and
/// its style.
fn note(
    p: &crate::model::Person,
    (roles, logins): ([usize; 4], usize),
    limit: usize,
    today: chrono::NaiveDate,
    theme: Theme,
) -> (String, &'static str, Style) {
    if roles[0] > limit {
        (
            format!("over the limit of {limit}"),
            "over limit",
            theme.status_error(),
        )
    } else if let Some(words) = leaving_words(p, today) {
        if p.has_left(today) {
            (words, "left", theme.status_error())
        } else {
            (
                words,
                "leaving",
                theme.severity(crate::model::rules::Severity::Warning),
            )
        }
    } else if roles.iter().sum::<usize>() + logins == 0 {
        ("holds nothing".to_string(), "holds nothing", theme.dim())
    } else if p.external {
        ("agency".to_string(), "agency", theme.dim())
    } else {
        (String::new(), "", theme.base())
    }
}

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let plan = app.plan();
    let lines = app.workload_lines();
    let limit = plan.settings.max_accountable as usize;
    let cell = u16::try_from(BAR + 3).unwrap_or(11);
    // Names whole where the screen has room, beside five bars and a short note.
    let longest = lines
        .iter()
        .map(|&i| text::safe(&plan.people[i].name).width())
        .max()
        .unwrap_or(0);
    let room = area.width.saturating_sub(5 * (cell + 1) + 1 + NOTE);
    let name_w = u16::try_from(longest)
        .unwrap_or(u16::MAX)
        .min(32)
        .min(room)
        .max(20);
    // Where the note after the bars has no room, its short form follows the name.
    let note_w = area.width.saturating_sub(name_w + 1 + 5 * (cell + 1));
    let beside_name = note_w < NOTE.min(12);
    list(
        app,
        theme,
        buf,
        area,
        &[
            ("Person", name_w),
            ("Accountable", cell),
            ("Responsible", cell),
            ("Consulted", cell),
            ("Informed", cell),
            ("Logins", cell),
            ("", 0),
        ],
        &|i| {
            let p = &plan.people[lines[i]];
            let (roles, logins) = app.derived().load(&p.id);
            let (note, short, style) = note(p, (roles, logins), limit, app.today(), theme);
            let name = if beside_name && !short.is_empty() {
                let room = usize::from(name_w).saturating_sub(short.width() + 3);
                (format!("{} ({short})", text::fit(&p.name, room)), style)
            } else {
                (p.name.clone(), theme.base())
            };
            let mut cells: Vec<(String, Style)> = vec![name];
            for (role, n) in Role::ALL.iter().zip(roles) {
                cells.push((bar(n), theme.role(*role)));
            }
            cells.push((bar(logins), theme.base()));
            cells.push((note, style));
            cells
        },
    );
    let Some(p) = lines
        .get(app.cursors().workload.at)
        .and_then(|&i| plan.people.get(i))
    else {
        put(
            buf,
            area.x + 2,
            crate::tui::layout::BODY_TOP,
            "Nobody in the plan yet: add people in People with n.",
            area.width - 2,
            theme.dim(),
        );
        return;
    };
    details(app, theme, buf, area, p);
}

/// Below the list: what the focused person holds, in words, and where to go from here.
fn details(app: &App, theme: Theme, buf: &mut Buffer, area: Rect, p: &crate::model::Person) {
    let (roles, logins) = app.derived().load(&p.id);
    let y = details_top(area);
    line(
        buf,
        area.x,
        y,
        area.width,
        &[("Person ", theme.dim()), (&p.name, theme.header())],
    );
    let words: Vec<String> = Role::ALL
        .iter()
        .zip(roles)
        .filter(|(_, n)| *n > 0)
        .map(|(role, n)| format!("{} on {}", role.key(), text::count(n, "row")))
        .collect();
    let about = if words.is_empty() && logins == 0 {
        "holds no role and no login".to_string()
    } else {
        let mut all = words;
        if logins > 0 {
            all.push(text::count(logins, "login"));
        }
        all.join(" · ")
    };
    line(buf, area.x, y + 1, area.width, &[(&about, theme.base())]);
    line(
        buf,
        area.x,
        y + 2,
        area.width,
        &[(
            &format!(
                "{} goes to their column · {}: what if they leave",
                key_label(Action::Jump),
                key_label(Action::WhatIf)
            ),
            theme.dim(),
        )],
    );
}
