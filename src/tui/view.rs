//! Drawing. Everything here reads the app and writes cells; nothing changes the app.
//!
//! Only what is visible is drawn: column positions come from arithmetic, rows from the
//! scroll offset, so a plan of thousands of rows costs the same per frame as a small one.
//! Every string from the plan passes through `fit`, which makes it safe (no control
//! characters reach the terminal) and cuts it on grapheme boundaries by display width.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Confirm, Mode, RowState, View};
use super::form::Form;
use super::keymap::{KEYMAP, Scope};
use crate::model::rules::Problem;
use crate::model::{Role, RowKind};
use crate::text::{self, fit, tail_fit};

/// Lines that are not the scrolling body: title, two header lines, three detail lines
/// and the status line.
pub const CHROME_HEIGHT: u16 = 7;
const HEADER_TOP: u16 = 1;
const BODY_TOP: u16 = 3;
const DETAIL_LINES: u16 = 3;
/// Each party's column in the matrix, including one space between columns.
pub const CELL_WIDTH: u16 = 9;
/// The smallest screen steward draws on.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(buf, area);
        return;
    }
    title(app, buf, area);
    match app.view {
        View::Matrix => matrix(app, buf, area),
        View::Channels => channels(app, buf, area),
        View::People => people(app, buf, area),
        View::Departments => departments(app, buf, area),
        View::Problems => problems(app, buf, area),
    }
    status(app, frame, area);
    match &app.mode {
        Mode::Help { scroll } => help(app, frame, area, *scroll),
        Mode::Form(form) => form_box(app, frame, area, form),
        Mode::Confirm(confirm) => confirm_box(app, frame, area, confirm),
        Mode::Normal | Mode::Filter => {}
    }
}

fn too_small(buf: &mut Buffer, area: Rect) {
    let lines = [
        "steward needs a larger window".to_string(),
        format!(
            "at least {}x{}; this is {}x{}",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        ),
        "q quits".to_string(),
    ];
    for (i, line) in lines.iter().enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(0);
        if y < area.bottom() {
            buf.set_stringn(area.x, y, line, usize::from(area.width), Style::new());
        }
    }
}

fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, width: u16, style: Style) {
    if width == 0 || y >= buf.area.bottom() || x >= buf.area.right() {
        return;
    }
    let width = width.min(buf.area.right() - x);
    buf.set_stringn(x, y, fit(s, usize::from(width)), usize::from(width), style);
}

fn title(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme;
    let name = app
        .plan
        .settings
        .name
        .as_deref()
        .unwrap_or("(unnamed plan)");
    let mut x = area.x;
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
    put(
        buf,
        x,
        area.y,
        &format!("steward · {name}"),
        name_width,
        theme.title(),
    );
    x = area
        .right()
        .saturating_sub(tabs_width)
        .max(area.x + name_width + 1);
    for v in View::ALL {
        let label = tab_label(app, v, short);
        let w = u16::try_from(label.width()).unwrap_or(0);
        if x + w > area.right() {
            break;
        }
        put(buf, x, area.y, &label, w, theme.tab(app.view == v));
        x += w + 1;
    }
}

fn tab_label(app: &App, v: View, short: bool) -> String {
    let title = if short { &v.title()[..4] } else { v.title() };
    match v {
        View::Problems => format!(" {title} {} ", app.derived.problems.len()),
        _ => format!(" {title} "),
    }
}

/// The width of the row-name column of the matrix for this screen width.
fn label_width(app: &App, width: u16) -> u16 {
    let wanted = u16::try_from(app.derived.label_width).unwrap_or(u16::MAX);
    wanted.clamp(14, 34).min(width * 2 / 5).max(10)
}

/// How many party columns fit beside the row names.
#[must_use]
pub fn matrix_columns_fit(app: &App) -> usize {
    let width = app.size.0;
    usize::from((width.saturating_sub(label_width(app, width)) / CELL_WIDTH).max(1))
}

/// The matrix cell under a mouse position, as (row, column) indices of the filtered lists.
#[must_use]
pub fn matrix_hit(app: &App, x: u16, y: u16) -> Option<(usize, usize)> {
    let label = label_width(app, app.size.0);
    if y < BODY_TOP || usize::from(y - BODY_TOP) >= app.body_height() || x < label {
        return None;
    }
    let row = app.scroll.0 + usize::from(y - BODY_TOP);
    let col = app.scroll.1 + usize::from((x - label) / CELL_WIDTH);
    (row < app.rows.len() && col < app.cols.len()).then_some((row, col))
}

/// The line of a list view under a mouse position.
#[must_use]
pub fn list_hit(app: &App, y: u16) -> Option<usize> {
    if y < BODY_TOP || usize::from(y - BODY_TOP) >= app.body_height() {
        return None;
    }
    let line = app.list_cursor().1 + usize::from(y - BODY_TOP);
    (line < app.list_len(app.view)).then_some(line)
}

/// A name for a narrow column: whole if it fits, else its first word if that fits
/// (`Sam Okafor` becomes `Sam`), else cut.
fn short_name(name: &str, width: usize) -> String {
    let safe = text::safe(name);
    if safe.width() <= width {
        return safe.into_owned();
    }
    match safe.split_whitespace().next() {
        Some(first) if first.width() <= width => first.to_string(),
        _ => fit(name, width),
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass over the visible cells reads best whole"
)]
fn matrix(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme;
    let label = label_width(app, area.width);
    let height = app.body_height();
    let fit_cols = matrix_columns_fit(app);
    let cols: Vec<usize> = app
        .cols
        .iter()
        .copied()
        .skip(app.scroll.1)
        .take(fit_cols)
        .collect();
    let focus_col = app.cursor.1.checked_sub(app.scroll.1);

    // Left header: what the rows are, and the filter when one is on.
    let more = if app.scroll.1 + cols.len() < app.cols.len() {
        " →"
    } else {
        ""
    };
    let left = if app.filter.text.is_empty() {
        format!(
            "{} rows · {}-{} of {}{more}",
            app.rows.len(),
            (app.scroll.1 + 1).min(app.cols.len()),
            app.scroll.1 + cols.len(),
            app.cols.len()
        )
    } else {
        format!("filter: {}", app.filter.text)
    };
    put(
        buf,
        area.x,
        HEADER_TOP,
        "Channel / duty",
        label - 1,
        theme.header(),
    );
    put(buf, area.x, HEADER_TOP + 1, &left, label - 1, theme.dim());

    // Column headers: the department over its columns, then each party's name.
    let mut last_group: Option<Option<&str>> = None;
    for (i, &c) in cols.iter().enumerate() {
        let column = &app.derived.columns[c];
        let x = area.x + label + u16::try_from(i).unwrap_or(0) * CELL_WIDTH;
        let group = column.group.as_deref();
        if last_group != Some(group) {
            let span = cols[i..]
                .iter()
                .take_while(|&&d| app.derived.columns[d].group.as_deref() == group)
                .count();
            let group_name = group
                .and_then(|g| app.plan.department(g))
                .map_or("no department", |d| d.name.as_str());
            let w = u16::try_from(span).unwrap_or(1) * CELL_WIDTH - 1;
            put(buf, x, HEADER_TOP, group_name, w, theme.group());
            last_group = Some(group);
        }
        let style = if focus_col == Some(i) {
            theme.focus_line()
        } else if column.is_department {
            theme.group()
        } else {
            theme.header()
        };
        put(
            buf,
            x,
            HEADER_TOP + 1,
            // A department's own column sits under its name in the line above.
            &if column.is_department {
                "(dept)".to_string()
            } else {
                short_name(&column.name, usize::from(CELL_WIDTH - 1))
            },
            CELL_WIDTH - 1,
            style,
        );
    }

    // The rows that fit.
    for (line, &r) in app.rows.iter().skip(app.scroll.0).take(height).enumerate() {
        let y = BODY_TOP + u16::try_from(line).unwrap_or(0);
        let row = &app.plan.rows[r];
        let state = app
            .derived
            .row_states
            .get(r)
            .copied()
            .unwrap_or(RowState::Fine);
        let focused_row = app.scroll.0 + line == app.cursor.0;
        put(
            buf,
            area.x,
            y,
            theme.row_symbol(state),
            2,
            theme.row_state(state),
        );
        let marker = if row.kind == RowKind::Duty {
            "◇ "
        } else {
            ""
        };
        let name_style = if focused_row {
            theme.focus_line()
        } else {
            theme
                .row_state(state)
                .remove_modifier(ratatui::style::Modifier::BOLD)
        };
        put(
            buf,
            area.x + 2,
            y,
            &format!("{marker}{}", row.name),
            label - 3,
            name_style,
        );
        for (i, &c) in cols.iter().enumerate() {
            let column = &app.derived.columns[c];
            let x = area.x + label + u16::try_from(i).unwrap_or(0) * CELL_WIDTH;
            let roles = row.roles_of(&column.id);
            let has_problem = app
                .derived
                .cell_problems
                .contains_key(&(r, column.id.clone()));
            let text = if roles.is_empty() {
                "·".to_string()
            } else {
                crate::model::cell_text(&roles)
            };
            let mut style = match roles.first() {
                Some(&role) => theme.role(role),
                None => theme.dim(),
            };
            if has_problem && !roles.is_empty() {
                style = style.patch(theme.cell_problem());
            }
            let focused = focused_row && focus_col == Some(i);
            let w = usize::from(CELL_WIDTH - 1);
            let shown = if focused && roles.is_empty() {
                "[ ]".to_string()
            } else {
                text
            };
            let pad = w.saturating_sub(shown.width()) / 2;
            let cell = format!("{}{}", " ".repeat(pad), shown);
            if focused {
                buf.set_style(Rect::new(x, y, CELL_WIDTH - 1, 1), theme.focus());
                buf.set_stringn(x, y, format!("{cell:w$}"), w, style.patch(theme.focus()));
            } else {
                buf.set_stringn(x, y, cell, w, style);
            }
        }
    }
    if app.rows.is_empty() {
        let msg = if app.plan.rows.is_empty() {
            "No channels yet: press n to add one."
        } else {
            "No row matches the filter (Esc in / clears it)."
        };
        put(buf, area.x + 2, BODY_TOP, msg, area.width - 2, theme.dim());
    }
    matrix_details(app, buf, area);
}

fn details_top(area: Rect) -> u16 {
    area.bottom() - 1 - DETAIL_LINES
}

fn matrix_details(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme;
    let y = details_top(area);
    let w = area.width;
    let (Some(r), Some(column)) = (app.focused_row(), app.focused_column()) else {
        return;
    };
    let row = &app.plan.rows[r];
    let mut about = vec![match row.kind {
        RowKind::Channel => "channel".to_string(),
        RowKind::Duty => "duty".to_string(),
    }];
    if let Some(p) = &row.platform {
        about.push(p.clone());
    }
    about.push(match row.last_reviewed {
        Some(d) => format!("reviewed {}", d.format("%Y-%m-%d")),
        None => "never reviewed".into(),
    });
    about.push(match &row.goal {
        Some(g) => format!("goal: {g}"),
        None => "no goal".into(),
    });
    line(
        buf,
        area.x,
        y,
        w,
        &[
            ("Row ", theme.dim()),
            (&row.name, theme.header()),
            (&format!("  {}", about.join(" · ")), theme.base()),
        ],
    );
    let mut who = Vec::new();
    if column.is_department {
        who.push("department".to_string());
    } else if let Some(p) = app.plan.person(&column.id) {
        if let Some(t) = &p.title {
            who.push(t.clone());
        }
        if let Some(d) = p.department.as_deref().and_then(|d| app.plan.department(d)) {
            who.push(d.name.clone());
        }
        if p.external {
            who.push("external".into());
        }
        if let Some(d) = p.leaving {
            who.push(format!("leaving {}", d.format("%Y-%m-%d")));
        }
    }
    let roles = row.roles_of(&column.id);
    let holds = if roles.is_empty() {
        "holds no role here".to_string()
    } else {
        format!(
            "is {} here",
            roles
                .iter()
                .map(|r| r.key())
                .collect::<Vec<_>>()
                .join(" and ")
        )
    };
    line(
        buf,
        area.x,
        y + 1,
        w,
        &[
            ("Who ", theme.dim()),
            (&column.name, theme.header()),
            (&format!("  {} · {holds}", who.join(" · ")), theme.base()),
        ],
    );
    let found = app.focused_problems();
    let more = found.len().saturating_sub(1);
    // With several problems, say how many more there are before the first one's text.
    let (x, w) = if more > 0 {
        let tag = format!("+{more} ");
        put(buf, area.x, y + 2, &tag, w, theme.header());
        let tw = u16::try_from(tag.len()).unwrap_or(0);
        (area.x + tw, w.saturating_sub(tw))
    } else {
        (area.x, w)
    };
    problem_line(
        app,
        buf,
        x,
        y + 2,
        w,
        found.first().copied(),
        "no problems here",
    );
}

fn problem_line(
    app: &App,
    buf: &mut Buffer,
    x: u16,
    y: u16,
    w: u16,
    p: Option<&Problem>,
    fine: &str,
) {
    let theme = app.theme;
    match p {
        Some(p) => line(
            buf,
            x,
            y,
            w,
            &[
                (
                    &format!("{} {} ", theme.severity_symbol(p.severity()), p.code),
                    theme.severity(p.severity()),
                ),
                (&p.message, theme.base()),
                (&format!(" — {}", p.hint), theme.dim()),
            ],
        ),
        None => line(
            buf,
            x,
            y,
            w,
            &[("✓ ", theme.row_state(RowState::Fine)), (fine, theme.dim())],
        ),
    }
}

/// Spans on one line, each made safe, the whole cut to `width`.
fn line(buf: &mut Buffer, x: u16, y: u16, width: u16, parts: &[(&str, Style)]) {
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

/// A list view: column titles, then the visible lines; `cells` gives a line's texts.
fn list(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    columns: &[(&str, u16)],
    cells: &dyn Fn(usize) -> Vec<(String, Style)>,
) {
    let theme = app.theme;
    let (cursor, scroll) = app.list_cursor();
    let len = app.list_len(app.view);
    let widths = spread(columns, area.width);
    let mut x = area.x;
    for ((title, _), w) in columns.iter().zip(&widths) {
        put(buf, x, HEADER_TOP + 1, title, *w, theme.header());
        x += w + 1;
    }
    let what = match app.view {
        View::Channels => "channels and duties".to_string(),
        v => v.title().to_lowercase(),
    };
    put(
        buf,
        area.x,
        HEADER_TOP,
        &format!("{len} {what}"),
        area.width,
        theme.dim(),
    );
    for (line, i) in (scroll..len).take(app.body_height()).enumerate() {
        let y = BODY_TOP + u16::try_from(line).unwrap_or(0);
        let mut x = area.x;
        let focused = i == cursor;
        for ((text, style), w) in cells(i).iter().zip(&widths) {
            let style = if focused {
                style.patch(theme.focus())
            } else {
                *style
            };
            put(buf, x, y, text, *w, style);
            x += w + 1;
        }
        if focused {
            buf.set_style(Rect::new(area.x, y, area.width, 1), theme.focus());
        }
    }
    if len == 0 {
        put(
            buf,
            area.x + 2,
            BODY_TOP,
            "Nothing here yet: press n to add one.",
            area.width - 2,
            theme.dim(),
        );
    }
}

/// Column widths: the given ones, the last taking what is left.
fn spread(columns: &[(&str, u16)], width: u16) -> Vec<u16> {
    let mut out = Vec::with_capacity(columns.len());
    let mut left = width;
    for (i, (_, w)) in columns.iter().enumerate() {
        let w = if i + 1 == columns.len() {
            left
        } else {
            (*w).min(left.saturating_sub(1))
        };
        out.push(w);
        left = left.saturating_sub(w + 1);
    }
    out
}

fn ids(plan: &crate::model::Plan, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter()
        .map(|id| plan.party(id).map_or(id.as_str(), |p| p.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn channels(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme;
    let plan = &app.plan;
    list(
        app,
        buf,
        area,
        &[
            ("", 1),
            ("Name", 26),
            ("Kind", 7),
            ("Platform", 10),
            ("Accountable", 16),
            ("Reviewed", 10),
            ("Goal", 0),
        ],
        &|i| {
            let row = &plan.rows[i];
            let state = app
                .derived
                .row_states
                .get(i)
                .copied()
                .unwrap_or(RowState::Fine);
            vec![
                (theme.row_symbol(state).to_string(), theme.row_state(state)),
                (row.name.clone(), theme.base()),
                (
                    if row.kind == RowKind::Channel {
                        "channel"
                    } else {
                        "duty"
                    }
                    .to_string(),
                    theme.dim(),
                ),
                (row.platform.clone().unwrap_or_default(), theme.base()),
                (
                    ids(plan, row.holders(Role::Accountable)),
                    theme.role(Role::Accountable),
                ),
                (
                    row.last_reviewed
                        .map_or_else(|| "never".into(), |d| d.format("%Y-%m-%d").to_string()),
                    theme.base(),
                ),
                (row.goal.clone().unwrap_or_else(|| "—".into()), theme.base()),
            ]
        },
    );
    let i = app.list[0].0;
    if let Some(row) = plan.rows.get(i) {
        let y = details_top(area);
        line(
            buf,
            area.x,
            y,
            area.width,
            &[
                ("Row ", theme.dim()),
                (&row.name, theme.header()),
                (&format!("  `{}`", row.id), theme.dim()),
            ],
        );
        let admins = if row.kind == RowKind::Channel {
            format!(" · logins: {}", ids(plan, &row.admins))
        } else {
            String::new()
        };
        line(
            buf,
            area.x,
            y + 1,
            area.width,
            &[(
                &format!(
                    "R: {} · C: {} · I: {}{admins}",
                    ids(plan, row.holders(Role::Responsible)),
                    ids(plan, row.holders(Role::Consulted)),
                    ids(plan, row.holders(Role::Informed))
                ),
                theme.base(),
            )],
        );
        let p = app
            .derived
            .row_problems
            .get(&i)
            .and_then(|l| l.first())
            .map(|&k| &app.derived.problems[k]);
        problem_line(
            app,
            buf,
            area.x,
            y + 2,
            area.width,
            p,
            "no problems on this row",
        );
    }
}

/// What a party holds across the plan: `A2 R3 C0 I1`.
fn holdings(app: &App, id: &str) -> String {
    let counts = app.derived.holdings.get(id).copied().unwrap_or_default();
    Role::ALL
        .iter()
        .zip(counts)
        .map(|(role, n)| format!("{}{n}", role.letter()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn people(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme;
    let plan = &app.plan;
    list(
        app,
        buf,
        area,
        &[
            ("Name", 20),
            ("Department", 16),
            ("Title", 14),
            ("Ext", 3),
            ("Leaving", 10),
            ("Holds", 0),
        ],
        &|i| {
            let p = &plan.people[i];
            let dept = p
                .department
                .as_deref()
                .map_or("—", |d| plan.department(d).map_or(d, |x| x.name.as_str()));
            vec![
                (p.name.clone(), theme.base()),
                (dept.to_string(), theme.base()),
                (p.title.clone().unwrap_or_default(), theme.base()),
                (
                    if p.external { "yes" } else { "" }.to_string(),
                    theme.base(),
                ),
                (
                    p.leaving
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    theme.base(),
                ),
                (holdings(app, &p.id), theme.base()),
            ]
        },
    );
    if let Some(p) = plan.people.get(app.list[1].0) {
        let y = details_top(area);
        line(
            buf,
            area.x,
            y,
            area.width,
            &[
                ("Person ", theme.dim()),
                (&p.name, theme.header()),
                (&format!("  `{}`", p.id), theme.dim()),
            ],
        );
        let accountable: Vec<&str> = plan
            .rows
            .iter()
            .filter(|r| r.holders(Role::Accountable).contains(&p.id))
            .map(|r| r.name.as_str())
            .collect();
        let admin: Vec<&str> = plan
            .rows
            .iter()
            .filter(|r| r.admins.contains(&p.id))
            .map(|r| r.name.as_str())
            .collect();
        let mut text = format!(
            "accountable for: {}",
            if accountable.is_empty() {
                "nothing".into()
            } else {
                accountable.join(", ")
            }
        );
        if !admin.is_empty() {
            text.push_str(" · holds the login of: ");
            text.push_str(&admin.join(", "));
        }
        if plan.settings.lead.as_deref() == Some(p.id.as_str()) {
            text.insert_str(0, "the plan's lead · ");
        }
        line(buf, area.x, y + 1, area.width, &[(&text, theme.base())]);
        let problem = app
            .derived
            .party_problems
            .get(&p.id)
            .and_then(|l| l.first())
            .map(|&k| &app.derived.problems[k]);
        problem_line(
            app,
            buf,
            area.x,
            y + 2,
            area.width,
            problem,
            "no problems about this person",
        );
    }
}

fn departments(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme;
    let plan = &app.plan;
    list(
        app,
        buf,
        area,
        &[("Name", 26), ("Id", 18), ("People", 6), ("Holds", 0)],
        &|i| {
            let d = &plan.departments[i];
            let n = plan
                .people
                .iter()
                .filter(|p| p.department.as_deref() == Some(d.id.as_str()))
                .count();
            vec![
                (d.name.clone(), theme.base()),
                (d.id.clone(), theme.dim()),
                (n.to_string(), theme.base()),
                (holdings(app, &d.id), theme.base()),
            ]
        },
    );
    if let Some(d) = plan.departments.get(app.list[2].0) {
        let y = details_top(area);
        line(
            buf,
            area.x,
            y,
            area.width,
            &[
                ("Department ", theme.dim()),
                (&d.name, theme.header()),
                (&format!("  `{}`", d.id), theme.dim()),
            ],
        );
        let members: Vec<&str> = plan
            .people
            .iter()
            .filter(|p| p.department.as_deref() == Some(d.id.as_str()))
            .map(|p| p.name.as_str())
            .collect();
        line(
            buf,
            area.x,
            y + 1,
            area.width,
            &[(
                &format!(
                    "people: {}",
                    if members.is_empty() {
                        "none".into()
                    } else {
                        members.join(", ")
                    }
                ),
                theme.base(),
            )],
        );
        let problem = app
            .derived
            .party_problems
            .get(&d.id)
            .and_then(|l| l.first())
            .map(|&k| &app.derived.problems[k]);
        problem_line(
            app,
            buf,
            area.x,
            y + 2,
            area.width,
            problem,
            "no problems about this department",
        );
    }
}

fn problems(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme;
    let list_of = &app.derived.problems;
    list(
        app,
        buf,
        area,
        &[
            ("", 1),
            ("Code", 22),
            ("Line", 5),
            ("Concerns", 16),
            ("Message", 0),
        ],
        &|i| {
            let p = &list_of[i];
            let concerns = [p.row.as_deref(), p.party.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" / ");
            vec![
                (
                    theme.severity_symbol(p.severity()).to_string(),
                    theme.severity(p.severity()),
                ),
                (p.code.to_string(), theme.severity(p.severity())),
                (p.pos.line.to_string(), theme.dim()),
                (concerns, theme.base()),
                (p.message.clone(), theme.base()),
            ]
        },
    );
    if let Some(p) = list_of.get(app.list[3].0) {
        let y = details_top(area);
        line(
            buf,
            area.x,
            y,
            area.width,
            &[
                (
                    &format!("{} {} ", theme.severity_symbol(p.severity()), p.code),
                    theme.severity(p.severity()),
                ),
                (&p.message, theme.base()),
            ],
        );
        line(
            buf,
            area.x,
            y + 1,
            area.width,
            &[("hint: ", theme.dim()), (&p.hint, theme.base())],
        );
        line(
            buf,
            area.x,
            y + 2,
            area.width,
            &[(
                &format!(
                    "{}:{}:{} · Enter goes there",
                    app.file.display(),
                    p.pos.line,
                    p.pos.column
                ),
                theme.dim(),
            )],
        );
    } else {
        put(
            buf,
            area.x + 2,
            BODY_TOP,
            "No problems: every row has one accountable owner.",
            area.width - 2,
            theme.row_state(RowState::Fine),
        );
    }
}

fn status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let y = area.bottom() - 1;
    let buf = frame.buffer_mut();
    buf.set_style(Rect::new(area.x, y, area.width, 1), theme.status());
    if app.mode == Mode::Filter {
        let text = format!("/{}", app.filter.text);
        put(buf, area.x, y, &text, area.width, theme.status());
        let before: String = app.filter.text.chars().take(app.filter.cursor).collect();
        let x = area.x + 1 + u16::try_from(text::safe(&before).width()).unwrap_or(0);
        frame.set_cursor_position(Position::new(x.min(area.right() - 1), y));
        return;
    }
    let c = app.derived.counts;
    let modified = if app.modified() { " ● modified" } else { "" };
    let left = format!(
        " {}{modified} │ ✖ {} ▲ {} • {} │ ",
        tail_fit(&app.file.display().to_string(), usize::from(area.width / 3)),
        c.errors,
        c.warnings,
        c.infos
    );
    let left_w = u16::try_from(fit(&left, usize::from(area.width)).width()).unwrap_or(area.width);
    put(buf, area.x, y, &left, area.width, theme.status());
    let right_x = area.x + left_w;
    let room = area.width.saturating_sub(left_w);
    if let Some(s) = &app.status {
        let style = if s.is_error {
            theme.status().patch(theme.status_error())
        } else {
            theme.status()
        };
        put(buf, right_x, y, &s.text, room, style);
    } else {
        let hint = match app.view {
            View::Matrix => "a r c i toggle · x clear · u undo · ^s save · ? help · q quit",
            View::Problems => "Enter go there · Tab views · ? help · q quit",
            _ => "n new · e edit · d delete · Tab views · ? help · q quit",
        };
        put(buf, right_x, y, hint, room, theme.status());
    }
}

/// A box in the middle of `area`, at most `w` by `h`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The help screen's lines, from the keymap.
#[must_use]
pub fn help_lines() -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut scope: Option<Scope> = None;
    for b in KEYMAP {
        if b.label.is_empty() {
            continue;
        }
        if scope != Some(b.scope) {
            out.push((b.scope.title().to_string(), String::new(), true));
            scope = Some(b.scope);
        }
        out.push((b.label.to_string(), b.description.to_string(), false));
    }
    out.push((String::new(), String::new(), false));
    out.push(("Row marks".into(), String::new(), true));
    out.push(("✓".into(), "fine".into(), false));
    out.push(("∅".into(), "nobody is accountable".into(), false));
    out.push(("‼".into(), "several are accountable".into(), false));
    out.push((
        "▲".into(),
        "other problems (see the line below the matrix)".into(),
        false,
    ));
    out.push(("◇".into(), "a duty rather than a channel".into(), false));
    out
}

fn help(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let theme = app.theme;
    let lines = help_lines();
    let rect = centered(area, 76, area.height.saturating_sub(2));
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(inner_h));
    let text: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .map(|(key, what, heading)| {
            if *heading {
                Line::from(Span::styled(key.clone(), theme.group()))
            } else {
                Line::from(vec![
                    Span::styled(format!("  {key:<20}"), theme.header()),
                    Span::raw(what.clone()),
                ])
            }
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text).block(
            Block::bordered()
                .border_style(theme.border())
                .title(Line::from(" Keys ").style(theme.title()))
                .title_bottom(Line::from(" Esc closes · ↑ ↓ scroll ").style(theme.dim())),
        ),
        rect,
    );
}

fn form_box(app: &App, frame: &mut Frame, area: Rect, form: &Form) {
    let theme = app.theme;
    let height = u16::try_from(form.fields.len()).unwrap_or(8) + 6;
    let rect = centered(area, 72, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Block::bordered()
            .border_style(theme.border())
            .title(Line::from(format!(" {} ", form.title())).style(theme.title()))
            .title_bottom(
                Line::from(" Enter saves · Esc cancels · Tab next field ").style(theme.dim()),
            ),
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

fn confirm_box(app: &App, frame: &mut Frame, area: Rect, confirm: &Confirm) {
    let theme = app.theme;
    let (title, body, keys) = match confirm {
        Confirm::Quit => (
            " Unsaved changes ",
            format!(
                "{} has unsaved changes.",
                text::safe(&app.file.display().to_string())
            ),
            "y save and quit · n quit without saving · Esc stay",
        ),
        Confirm::Delete { question, .. } => (
            " Delete? ",
            text::safe(question).into_owned(),
            "y delete · n or Esc keep it",
        ),
        Confirm::Recover { edits, written, .. } => (
            " Unsaved edits found ",
            format!(
                "{} edit{} to {} {} never saved (last one at {}). Restore them?",
                edits,
                if *edits == 1 { "" } else { "s" },
                text::safe(&app.file.display().to_string()),
                if *edits == 1 { "was" } else { "were" },
                text::safe(written),
            ),
            "y restore them · n set them aside (kept in .recovery.old)",
        ),
        Confirm::Conflict => (
            " Changed on disk ",
            format!(
                "Another program changed {} while you have unsaved edits. Both versions are kept either way.",
                text::safe(&app.file.display().to_string())
            ),
            "y keep mine (theirs goes to .theirs) · n take theirs (mine goes to .mine)",
        ),
    };
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
