//! Presenter mode: the matrix for the back of the room. The plan's name and the counts
//! in words on top, the legend of marks and letters on screen, every party's full name
//! over its column (on two lines), a strong mark on the focused row and column, and under
//! the matrix the focused row's problems in full, in plain words, each with the key that
//! fixes it. No ids, paths or line numbers. The same keys edit as in the matrix.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::paint::{line, put};
use crate::model::rules::{RowState, Severity};
use crate::model::{Role, RowKind, cell_text};
use crate::text;
use crate::tui::app::App;
use crate::tui::layout::{self, present};
use crate::tui::theme::Theme;

/// The counts of problems in words: `2 errors · 4 warnings · 1 info`, or `no problems`.
#[must_use]
pub fn counts_in_words(app: &App) -> String {
    let c = app.derived().counts;
    if c.errors + c.warnings + c.infos == 0 {
        return "no problems".into();
    }
    [
        (c.errors, "error"),
        (c.warnings, "warning"),
        (c.infos, "info"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| text::count(*n, word))
    .collect::<Vec<_>>()
    .join(" · ")
}

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let geometry = layout::Matrix::presenter(area.width, area.height, app.derived().label_width);
    let (cols, focus_col) = app.visible_columns();
    title(app, theme, buf, area);
    legend(theme, buf, area);
    corner(theme, buf, area, geometry);
    headers(app, theme, buf, area, geometry, &cols, focus_col);
    rows(app, theme, buf, area, geometry, &cols, focus_col);
    problems(app, theme, buf, area);
}

/// The plan's name, whole, and the counts in words.
fn title(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let counts = counts_in_words(app);
    let unsaved = if app.modified() {
        " · unsaved changes"
    } else {
        ""
    };
    let only = if app.only_broken_rows() {
        format!(
            "problems only: {} of {} rows · ",
            app.rows().len(),
            app.plan().rows.len()
        )
    } else {
        String::new()
    };
    let right = format!("{only}{counts}{unsaved}");
    let right_w = u16::try_from(right.width()).unwrap_or(0);
    let mirror = if app.is_mirror() { " · mirror" } else { "" };
    let name = format!("{}{mirror}", app.plan().settings.display_name());
    let name_w = area.width.saturating_sub(right_w + 2);
    put(buf, area.x, area.y, &name, name_w, theme.title());
    let style = if app.derived().counts.errors > 0 {
        theme.severity(Severity::Error)
    } else if app.derived().counts.warnings > 0 {
        theme.severity(Severity::Warning)
    } else {
        theme.row_state(RowState::Fine)
    };
    let x = area.right().saturating_sub(right_w);
    put(
        buf,
        x.max(area.x + name_w + 1),
        area.y,
        &right,
        right_w,
        style,
    );
}

/// The row marks and what they mean, from the row states themselves.
fn legend(theme: Theme, buf: &mut Buffer, area: Rect) {
    let mut parts: Vec<(String, Style)> = Vec::new();
    for state in RowState::ALL {
        parts.push((format!("{} ", state.symbol()), theme.row_state(state)));
        parts.push((format!("{}   ", state.label()), theme.base()));
    }
    parts.push((format!("{} ", RowKind::DUTY_MARK), theme.header()));
    parts.push(("a duty".into(), theme.base()));
    let spans: Vec<(&str, Style)> = parts.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    line(buf, area.x, area.y + 1, area.width, &spans);
}

/// Above the row names: the roles' letters and what they mean.
fn corner(theme: Theme, buf: &mut Buffer, area: Rect, geometry: layout::Matrix) {
    let w = geometry.label.saturating_sub(1);
    let words = |role: Role| format!("{} {}", role.letter(), role.key());
    let lines: [&[Role]; 3] = [
        &[Role::Accountable],
        &[Role::Responsible],
        &[Role::Consulted, Role::Informed],
    ];
    for (i, roles) in lines.iter().enumerate() {
        let y = area.y + 2 + u16::try_from(i).unwrap_or(0);
        let texts: Vec<String> = roles.iter().map(|r| words(*r)).collect();
        let spans: Vec<(&str, Style)> = texts
            .iter()
            .zip(roles.iter())
            .flat_map(|(t, r)| [(t.as_str(), theme.role(*r)), ("  ", theme.base())])
            .collect();
        line(buf, area.x, y, w, &spans);
    }
}

/// The departments over their columns, then each party's name on two lines.
fn headers(
    app: &App,
    theme: Theme,
    buf: &mut Buffer,
    area: Rect,
    geometry: layout::Matrix,
    cols: &[usize],
    focus_col: Option<usize>,
) {
    let columns = &app.derived().columns;
    let width = geometry.cell.saturating_sub(1);
    let mut last_group: Option<Option<&str>> = None;
    for (i, &c) in cols.iter().enumerate() {
        let column = &columns[c];
        let x = geometry.column_x(area.x, i);
        let group = column.group.as_deref();
        if last_group != Some(group) {
            let span = cols[i..]
                .iter()
                .take_while(|&&d| columns[d].group.as_deref() == group)
                .count();
            let name = group
                .and_then(|g| app.plan().department(g))
                .map_or("no department", |d| d.name.as_str());
            let w = u16::try_from(span).unwrap_or(1) * geometry.cell - 1;
            put(buf, x, area.y + 2, name, w, theme.group());
            last_group = Some(group);
        }
        let focused = focus_col == Some(i);
        let style = if focused {
            theme.present_focus()
        } else if column.is_department {
            theme.group()
        } else {
            theme.header()
        };
        let name = if column.is_department {
            "(dept)".to_string()
        } else {
            column.name.clone()
        };
        let mut lines = text::wrap(&name, usize::from(width));
        if lines.len() > usize::from(present::NAME_LINES) {
            let rest = lines[usize::from(present::NAME_LINES) - 1..].join(" ");
            lines.truncate(usize::from(present::NAME_LINES) - 1);
            lines.push(text::fit(&rest, usize::from(width)));
        }
        for k in 0..present::NAME_LINES {
            let y = area.y + 3 + k;
            let part = lines.get(usize::from(k)).map_or("", String::as_str);
            if focused {
                buf.set_style(Rect::new(x, y, width, 1), style);
            }
            put(buf, x, y, part, width, style);
        }
    }
}

/// The rows that fit: the state mark, `▶` on the focused one, the name, the cells.
fn rows(
    app: &App,
    theme: Theme,
    buf: &mut Buffer,
    area: Rect,
    geometry: layout::Matrix,
    cols: &[usize],
    focus_col: Option<usize>,
) {
    let cursor = app.cursors().row;
    let label = geometry.label;
    let width = usize::from(geometry.cell.saturating_sub(1));
    for (line, &r) in app
        .rows()
        .iter()
        .skip(cursor.scroll)
        .take(geometry.rows)
        .enumerate()
    {
        let y = area.y + geometry.top + u16::try_from(line).unwrap_or(0);
        let row = &app.plan().rows[r];
        let state = app.derived().row_state(r);
        let focused_row = cursor.scroll + line == cursor.at;
        put(buf, area.x, y, state.symbol(), 2, theme.row_state(state));
        let marker = if row.kind == RowKind::Duty {
            format!("{} ", RowKind::DUTY_MARK)
        } else {
            String::new()
        };
        let name_style = if focused_row {
            theme.present_focus()
        } else {
            theme.base()
        };
        if focused_row {
            put(buf, area.x + 1, y, "▶", 1, theme.present_focus());
            buf.set_style(Rect::new(area.x + 2, y, label - 3, 1), name_style);
        }
        put(
            buf,
            area.x + 2,
            y,
            &format!("{marker}{}", row.name),
            label - 3,
            name_style,
        );
        for (i, &c) in cols.iter().enumerate() {
            let column = &app.derived().columns[c];
            let x = geometry.column_x(area.x, i);
            let roles = row.roles_of(&column.id);
            let on_focus_line = focused_row || focus_col == Some(i);
            let shown = if roles.is_empty() {
                if focused_row && focus_col == Some(i) {
                    "[ ]".to_string()
                } else {
                    "·".to_string()
                }
            } else {
                cell_text(&roles)
            };
            let mut style = match roles.first() {
                Some(&role) => theme.role(role),
                None => theme.dim(),
            };
            if !roles.is_empty()
                && app
                    .derived()
                    .cell_problems
                    .contains_key(&(r, column.id.clone()))
            {
                style = style.patch(theme.cell_problem());
            }
            if on_focus_line {
                style = style.add_modifier(Modifier::BOLD);
            }
            let pad = width.saturating_sub(shown.width()) / 2;
            let cell = format!("{}{}", " ".repeat(pad), shown);
            if focused_row && focus_col == Some(i) {
                let focus = theme.focus();
                buf.set_style(Rect::new(x, y, geometry.cell - 1, 1), focus);
                buf.set_stringn(x, y, format!("{cell:width$}"), width, style.patch(focus));
            } else {
                buf.set_stringn(x, y, cell, width, style);
            }
        }
    }
}

/// Under the matrix: the focused row (and party) in words, and every problem of the row
/// in full, wrapped, each with the key that fixes it.
fn problems(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let top = area.bottom().saturating_sub(present::PROBLEM_LINES + 1);
    let width = usize::from(area.width);
    let (Some(r), Some(column)) = (app.focused_row(), app.focused_column()) else {
        put(
            buf,
            area.x,
            top,
            "No channels yet: press n to add one.",
            area.width,
            theme.dim(),
        );
        return;
    };
    let row = &app.plan().rows[r];
    let roles = row.roles_of(&column.id);
    let holds = if roles.is_empty() {
        "holds no role here".to_string()
    } else {
        format!(
            "is {} here",
            text::and_list(&roles.iter().map(|r| r.key()).collect::<Vec<_>>())
        )
    };
    line(
        buf,
        area.x,
        top,
        area.width,
        &[
            (&row.name, theme.header()),
            ("  ·  ", theme.dim()),
            (&column.name, theme.header()),
            (&format!(" {holds}"), theme.base()),
        ],
    );
    let found = app.focused_problems();
    let mut y = top + 1;
    let bottom = area.bottom().saturating_sub(1);
    if found.is_empty() {
        put(
            buf,
            area.x,
            y,
            &format!("{} nothing to decide on this row", RowState::Fine.symbol()),
            area.width,
            theme.row_state(RowState::Fine),
        );
        return;
    }
    for (k, p) in found.iter().enumerate() {
        let lines = text::wrap(
            &format!("{} — {}", p.message, app.key_hint(p)),
            width.saturating_sub(2),
        );
        // Say how many more there are rather than cut one in half.
        let left = usize::from(bottom.saturating_sub(y));
        if lines.len() > left || (lines.len() == left && k + 1 < found.len()) {
            put(
                buf,
                area.x,
                y,
                &format!("+{} more in the Problems view (Tab)", found.len() - k),
                area.width,
                theme.dim(),
            );
            return;
        }
        for (i, part) in lines.iter().enumerate() {
            let mark = if i == 0 { p.severity().symbol() } else { " " };
            line(
                buf,
                area.x,
                y,
                area.width,
                &[
                    (&format!("{mark} "), theme.severity(p.severity())),
                    (part, theme.base()),
                ],
            );
            y += 1;
        }
    }
}
