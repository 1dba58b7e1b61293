//! Presenter mode: the matrix for the back of the room. The plan's name, whole, and the
//! counts in words on top, the legend of marks and letters on screen, every party's full
//! name over its column (on up to three lines), a strong mark on the focused row and
//! column, a line in words for the columns and rows off screen, and under the matrix the
//! focused row's problems in full, in plain words, each with the key that fixes it. No
//! ids, paths or line numbers. The same keys edit as in the matrix. Where each thing goes
//! is `layout::present`'s to say, from what the app measured (`app::present`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::paint::{duty_marker, holds_here, line, line_words, no_rows_yet, put};
use crate::model::cell_text;
use crate::model::rules::{RowState, Severity};
use crate::text;
use crate::tui::app::App;
use crate::tui::app::present::{Item, LEGEND_GAP, Mark, header_lines, legend, pack, role_items};
use crate::tui::keymap::{Action, key_label};
use crate::tui::layout::present::Presenter;
use crate::tui::theme::Theme;

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let p = app.presenter();
    let (cols, focus_col) = app.visible_columns();
    title(app, theme, buf, area, &p);
    legend_lines(theme, buf, area, &p);
    corner(theme, buf, area, &p);
    headers(app, theme, buf, area, &p, &cols, focus_col);
    rows(app, theme, buf, area, p.matrix, &cols, focus_col);
    beyond(app, theme, buf, area, &p, cols.len());
    problems(app, theme, buf, area, &p);
}

/// The plan's name, whole where the screen allows, and the counts: after it, or on a
/// line of their own, or as symbols.
fn title(app: &App, theme: Theme, buf: &mut Buffer, area: Rect, p: &Presenter) {
    let style = if app.derived().counts.errors > 0 {
        theme.severity(Severity::Error)
    } else if app.derived().counts.warnings > 0 {
        theme.severity(Severity::Warning)
    } else {
        theme.row_state(RowState::Fine)
    };
    let words = app.present_title().layout(area.width, p.title);
    for (i, (left, right)) in words.iter().take(usize::from(p.title_lines)).enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(0);
        let right_w = u16::try_from(right.width()).unwrap_or(area.width);
        let left_w = area
            .width
            .saturating_sub(right_w + u16::from(right_w > 0) * 2);
        put(buf, area.x, y, left, left_w, theme.title());
        put(
            buf,
            area.right().saturating_sub(right_w),
            y,
            right,
            right_w,
            style,
        );
    }
}

/// Entries of the legend on one line, each mark in its own style.
fn items(theme: Theme, buf: &mut Buffer, (x, y, width): (u16, u16, u16), items: &[Item]) {
    let gap = " ".repeat(LEGEND_GAP);
    let texts: Vec<(String, Style)> = items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            let style = match item.mark {
                Mark::State(state) => theme.row_state(state),
                Mark::Duty => theme.header(),
                Mark::Role(role) => theme.role(role),
            };
            let lead = if i == 0 { String::new() } else { gap.clone() };
            [
                (format!("{lead}{}", item.symbol), style),
                (format!(" {}", item.word), theme.base()),
            ]
        })
        .collect();
    let spans: Vec<(&str, Style)> = texts.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    line(buf, x, y, width, &spans);
}

/// The row marks and what they mean, from the row states themselves, on as many lines as
/// the layout gave (all the legend's lines, or none).
fn legend_lines(theme: Theme, buf: &mut Buffer, area: Rect, p: &Presenter) {
    let all = legend(p.roles_in_legend);
    for (i, part) in pack(&all, usize::from(area.width))
        .into_iter()
        .take(usize::from(p.legend_lines))
        .enumerate()
    {
        let y = area.y + p.legend_top + u16::try_from(i).unwrap_or(0);
        items(theme, buf, (area.x, y, area.width), part);
    }
}

/// Above the row names: the roles' letters and what they mean, when they fit there.
fn corner(theme: Theme, buf: &mut Buffer, area: Rect, p: &Presenter) {
    if p.roles_in_legend {
        return;
    }
    let width = p.matrix.label.saturating_sub(2);
    let roles = role_items();
    for (i, part) in pack(&roles, usize::from(width)).into_iter().enumerate() {
        let y = area.y + p.header_top + u16::try_from(i).unwrap_or(0);
        items(theme, buf, (area.x, y, width), part);
    }
}

/// The departments over their columns, then each party's name on up to three lines. A
/// department whose name is wider than its columns on screen has it over its own column
/// instead (cut over its people's, when its own column is off screen).
fn headers(
    app: &App,
    theme: Theme,
    buf: &mut Buffer,
    area: Rect,
    p: &Presenter,
    cols: &[usize],
    focus_col: Option<usize>,
) {
    let geometry = p.matrix;
    let columns = &app.derived().columns;
    let width = geometry.cell.saturating_sub(1);
    let mut last_group: Option<Option<&str>> = None;
    let mut group_cut = false;
    for (i, &c) in cols.iter().enumerate() {
        let column = &columns[c];
        let x = geometry.column_x(area.x, i);
        let group = column.group.as_deref();
        if last_group != Some(group) {
            let span = cols[i..]
                .iter()
                .take_while(|&&d| columns[d].group.as_deref() == group)
                .count();
            let w = u16::try_from(span).unwrap_or(1) * geometry.cell - 1;
            let name = group
                .and_then(|g| app.plan().department(g))
                .map_or(if w >= 13 { "no department" } else { "no dept." }, |d| {
                    d.name.as_str()
                });
            group_cut = text::safe(name).width() > usize::from(w);
            // Cut, it is whole over its own column instead, when that is the first here.
            if !(group_cut && column.is_department) {
                let shown = text::fit_words(name, usize::from(w));
                put(buf, x, area.y + p.header_top, &shown, w, theme.group());
            }
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
        let lines = if column.is_department && !group_cut {
            vec!["(dept)".to_string()]
        } else {
            header_lines(&column.name, width, p.name_lines)
        };
        for k in 0..p.name_lines {
            let y = area.y + p.header_top + 1 + k;
            let part = lines.get(usize::from(k)).map_or("", String::as_str);
            if focused {
                buf.set_style(Rect::new(x, y, width, 1), style);
            }
            put(buf, x, y, part, width, style);
        }
    }
}

/// The rows that fit: the state mark, `▶` on the focused one, the name, the cells, and
/// `◀` or `▶` beside the cells when the row holds roles in columns off screen that way.
fn rows(
    app: &App,
    theme: Theme,
    buf: &mut Buffer,
    area: Rect,
    geometry: crate::tui::layout::Matrix,
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
        let marker = duty_marker(row.kind);
        let name_style = if focused_row {
            theme.present_focus()
        } else {
            theme.base()
        };
        if focused_row {
            put(buf, area.x + 1, y, "▶", 1, theme.present_focus());
            buf.set_style(
                Rect::new(area.x + 2, y, label.saturating_sub(3), 1),
                name_style,
            );
        }
        let room = label.saturating_sub(3);
        let name = text::fit_words(&format!("{marker}{}", row.name), usize::from(room));
        put(buf, area.x + 2, y, &name, room, name_style);
        // Roles off screen on this row: a mark at that side of the cells.
        let scroll = app.cursors().col.scroll;
        let holds = |range: &[usize]| {
            range
                .iter()
                .any(|&c| !row.roles_of(&app.derived().columns[c].id).is_empty())
        };
        let all = app.cols();
        if holds(&all[..scroll.min(all.len())]) {
            put(buf, area.x + label - 1, y, "◀", 1, theme.beyond());
        }
        if holds(&all[(scroll + cols.len()).min(all.len())..]) {
            let x = geometry.column_x(area.x, cols.len()).saturating_sub(1);
            put(buf, x, y, "▶", 1, theme.beyond());
        }
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

/// What is off screen, in words: `◀ 3 more columns to the left`, `▼ 5 more rows below`,
/// `9 more columns to the right ▶`; shorter on a narrow screen, never left out.
fn beyond(app: &App, theme: Theme, buf: &mut Buffer, area: Rect, p: &Presenter, shown: usize) {
    let Some(y) = p.beyond else {
        return;
    };
    let y = area.y + y;
    let (cols, rows) = (app.cursors().col, app.cursors().row);
    let left = cols.scroll;
    let right = app.cols().len().saturating_sub(cols.scroll + shown);
    let above = rows.scroll;
    let below = app.rows().len().saturating_sub(rows.scroll + p.matrix.rows);
    let columns = |n: usize| if n == 1 { "column" } else { "columns" };
    let lines = |n: usize| if n == 1 { "row" } else { "rows" };
    // From the fullest words to the fewest: (left, above, below, right).
    let forms: [[String; 4]; 3] = [
        [
            format!("◀ {left} more {} to the left", columns(left)),
            format!("▲ {above} more {} above", lines(above)),
            format!("▼ {below} more {} below", lines(below)),
            format!("{right} more {} to the right ▶", columns(right)),
        ],
        [
            format!("◀ {left} more {}", columns(left)),
            format!("▲ {above} more {}", lines(above)),
            format!("▼ {below} more {}", lines(below)),
            format!("{right} more {} ▶", columns(right)),
        ],
        [
            format!("◀ {left} more"),
            format!("▲ {above}"),
            format!("▼ {below}"),
            format!("{right} more ▶"),
        ],
    ];
    let counts = [left, above, below, right];
    let gap = 3;
    let width_of = |form: &[String; 4]| -> usize {
        let parts: Vec<usize> = form
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(s, _)| s.width())
            .collect();
        parts.iter().sum::<usize>() + gap * parts.len().saturating_sub(1)
    };
    let form = forms
        .iter()
        .find(|f| width_of(f) <= usize::from(area.width))
        .unwrap_or(&forms[2]);
    let style = theme.beyond();
    let w = |s: &str| u16::try_from(s.width()).unwrap_or(area.width);
    if left > 0 {
        put(buf, area.x, y, &form[0], area.width, style);
    }
    // The right end of the last column shown, or of the screen when the words need it.
    let end = p
        .matrix
        .column_x(area.x, shown)
        .saturating_sub(1)
        .max(area.x + u16::try_from(width_of(form)).unwrap_or(area.width))
        .min(area.right());
    if right > 0 {
        let x = end.saturating_sub(w(&form[3]));
        put(buf, x, y, &form[3], w(&form[3]), style);
    }
    let middle: Vec<&str> = [(above, &form[1]), (below, &form[2])]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(_, s)| s.as_str())
        .collect();
    if !middle.is_empty() {
        let text = middle.join("   ");
        let used_left = if left > 0 { w(&form[0]) + 3 } else { 0 };
        let used_right = if right > 0 { w(&form[3]) + 3 } else { 0 };
        let free = (end - area.x).saturating_sub(used_left + used_right);
        let x = area.x + used_left + free.saturating_sub(w(&text)) / 2;
        put(buf, x, y, &text, free, style);
    }
}

/// Under the matrix: the focused row (and party) in words, and every problem of the row
/// in full, wrapped, each with the key that fixes it, on the lines the layout gave. The
/// first problem shows even when it has too few lines (cut, with `…`); for the others
/// that do not fit, how many more there are.
fn problems(app: &App, theme: Theme, buf: &mut Buffer, area: Rect, p: &Presenter) {
    let top = area.y + p.panel_top;
    let bottom = top + p.panel_lines;
    let width = usize::from(area.width);
    let (Some(r), Some(column)) = (app.focused_row(), app.focused_column()) else {
        put(buf, area.x, top, &no_rows_yet(), area.width, theme.dim());
        return;
    };
    heading(app, theme, buf, (area.x, top, area.width), r, column);
    let found = app.focused_problems();
    let mut y = top + 1;
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
    for (k, problem) in found.iter().enumerate() {
        let mut lines = text::wrap(
            &format!("{} — {}", problem.message, app.key_hint(problem)),
            width.saturating_sub(2),
        );
        let left = usize::from(bottom.saturating_sub(y));
        if left == 0 {
            return;
        }
        let more = k + 1 < found.len();
        // Say how many more there are rather than cut one in half; but the first one
        // shows, as much of it as fits (on the one line left, with no word of the rest).
        let room = if more && (k > 0 || left > 1) {
            left.saturating_sub(1)
        } else {
            left
        };
        if lines.len() > room {
            if k > 0 || room == 0 {
                put(
                    buf,
                    area.x,
                    y,
                    &format!(
                        "+{} more in the Problems view ({})",
                        found.len() - k,
                        key_label(Action::NextView)
                    ),
                    area.width,
                    theme.dim(),
                );
                return;
            }
            let rest = lines[room - 1..].join(" ");
            lines.truncate(room - 1);
            lines.push(text::fit_words(&rest, width.saturating_sub(2)));
        }
        for (i, part) in lines.iter().enumerate() {
            let mark = if i == 0 {
                problem.severity().symbol()
            } else {
                " "
            };
            line(
                buf,
                area.x,
                y,
                area.width,
                &[
                    (&format!("{mark} "), theme.severity(problem.severity())),
                    (part, theme.base()),
                ],
            );
            y += 1;
        }
    }
}

/// The panel's first line: the focused row and party, and what the party holds there
/// (left out when the line is short of room: the cell shows it too).
fn heading(
    app: &App,
    theme: Theme,
    buf: &mut Buffer,
    (x, top, w): (u16, u16, u16),
    r: usize,
    column: &crate::tui::derived::Column,
) {
    let width = usize::from(w);
    let row = &app.plan().rows[r];
    let holds = format!(" {}", holds_here(&row.roles_of(&column.id)));
    // A department says it is one: "Customer service" is not "Customer service lead".
    let party = if column.is_department {
        format!("{} (department)", column.name)
    } else {
        column.name.clone()
    };
    let whole = [row.name.as_str(), "  ·  ", party.as_str(), holds.as_str()];
    let fits = whole.iter().map(|s| text::safe(s).width()).sum::<usize>() <= width;
    // Where both names do not fit, the row's gives way, so that the party's shows too.
    let party_w = text::safe(&party).width().min(width / 3);
    let row_name = if fits {
        row.name.clone()
    } else {
        text::fit_words(&row.name, width.saturating_sub(5 + party_w).max(1))
    };
    line_words(
        buf,
        x,
        top,
        w,
        &[
            (&row_name, theme.header()),
            ("  ·  ", theme.dim()),
            (&party, theme.header()),
            (if fits { &holds } else { "" }, theme.base()),
        ],
    );
}
