//! The matrix: the department over its columns, each party's name, then one line per
//! visible row with its state mark and a cell per visible party; below it, the focused
//! row and party in full and the focused cell's problem.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use super::paint::{duty_marker, holds_here, leaving_words, line, no_rows_yet, problem_line, put};
use crate::model::{RowKind, cell_text};
use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::{Action, key_label};
use crate::tui::layout::{self, BODY_TOP, HEADER_TOP, details_top};
use crate::tui::theme::Theme;

/// What the matrix draws now: its geometry and the visible columns.
struct Frame<'a> {
    app: &'a App,
    theme: Theme,
    geometry: layout::Matrix,
    /// Indices into `derived.columns` of the columns that fit, left to right.
    cols: Vec<usize>,
    /// The focused column's place among `cols`, when it is visible.
    focus_col: Option<usize>,
}

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    // The geometry the app scrolls and hit-tests with, not one of the view's own.
    let geometry = app.matrix_layout();
    let (cols, focus_col) = app.visible_columns();
    let frame = Frame {
        app,
        theme,
        geometry,
        cols,
        focus_col,
    };
    frame.corner(buf, area);
    frame.headers(buf, area);
    frame.rows(buf, area);
    if app.rows().is_empty() {
        let msg = if app.plan().rows.is_empty() {
            no_rows_yet()
        } else {
            let esc = key_label(Action::Cancel);
            if app.only_broken_rows() && app.filter().text().is_empty() {
                format!("No row has a problem now: {esc} shows every row.")
            } else {
                format!("No row matches the filter: {esc} clears it.")
            }
        };
        put(buf, area.x + 2, BODY_TOP, &msg, area.width - 2, theme.dim());
    }
    details(app, theme, buf, area);
}

impl Frame<'_> {
    /// Above the row names: what the rows are, and the filter when one is on.
    fn corner(&self, buf: &mut Buffer, area: Rect) {
        let app = self.app;
        let label = self.geometry.label;
        let scroll = app.cursors().col.scroll;
        let total = app.cols().len();
        let more = if scroll + self.cols.len() < total {
            " →"
        } else {
            ""
        };
        let (top, left) = if app.only_broken_rows() {
            (
                "problems only (!)".to_string(),
                format!("{} of {} rows", app.rows().len(), app.plan().rows.len()),
            )
        } else if app.filter().text().is_empty() {
            (
                "Channel / duty".to_string(),
                format!(
                    "{} rows · {}-{} of {total}{more}",
                    app.rows().len(),
                    (scroll + 1).min(total),
                    scroll + self.cols.len(),
                ),
            )
        } else {
            (
                "Channel / duty".to_string(),
                format!("filter: {}", app.filter().text()),
            )
        };
        let top_style = if app.only_broken_rows() {
            self.theme.status_error()
        } else {
            self.theme.header()
        };
        put(buf, area.x, HEADER_TOP, &top, label - 1, top_style);
        put(
            buf,
            area.x,
            HEADER_TOP + 1,
            &left,
            label - 1,
            self.theme.dim(),
        );
    }

    /// The department over its columns, then each party's name.
    fn headers(&self, buf: &mut Buffer, area: Rect) {
        let (app, theme) = (self.app, self.theme);
        let columns = &app.derived().columns;
        let mut last_group: Option<Option<&str>> = None;
        for (i, &c) in self.cols.iter().enumerate() {
            let column = &columns[c];
            let x = self.geometry.column_x(area.x, i);
            let group = column.group.as_deref();
            if last_group != Some(group) {
                let span = self.cols[i..]
                    .iter()
                    .take_while(|&&d| columns[d].group.as_deref() == group)
                    .count();
                let group_name = group
                    .and_then(|g| app.plan().department(g))
                    .map_or("no department", |d| d.name.as_str());
                let w = u16::try_from(span).unwrap_or(1) * self.geometry.cell - 1;
                put(buf, x, HEADER_TOP, group_name, w, theme.group());
                last_group = Some(group);
            }
            let style = if self.focus_col == Some(i) {
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
                // A department's own column sits under its name in the line above. A
                // name shows whole where the column has room, else in its short form.
                &if column.is_department {
                    "(dept)".to_string()
                } else if text::safe(&column.name).width() < usize::from(self.geometry.cell) {
                    column.name.clone()
                } else {
                    column.short.clone()
                },
                self.geometry.cell - 1,
                style,
            );
        }
    }

    /// The rows that fit: state mark, name, then a cell per visible column.
    fn rows(&self, buf: &mut Buffer, area: Rect) {
        let (app, theme) = (self.app, self.theme);
        let label = self.geometry.label;
        let cursor = app.cursors().row;
        let visible = app
            .rows()
            .iter()
            .skip(cursor.scroll)
            .take(app.body_height());
        for (line, &r) in visible.enumerate() {
            let y = BODY_TOP + u16::try_from(line).unwrap_or(0);
            let row = &app.plan().rows[r];
            let state = app.derived().row_state(r);
            let focused_row = cursor.scroll + line == cursor.at;
            put(buf, area.x, y, state.symbol(), 2, theme.row_state(state));
            let marker = duty_marker(row.kind);
            let name_style = if focused_row {
                theme.focus_line()
            } else {
                theme.row_state(state).remove_modifier(Modifier::BOLD)
            };
            put(
                buf,
                area.x + 2,
                y,
                &format!("{marker}{}", row.name),
                label - 3,
                name_style,
            );
            for (i, &c) in self.cols.iter().enumerate() {
                let focused = focused_row && self.focus_col == Some(i);
                self.cell(buf, (self.geometry.column_x(area.x, i), y), r, c, focused);
            }
        }
    }

    /// One cell: the roles held, centred, marked when a problem concerns it.
    fn cell(&self, buf: &mut Buffer, at: (u16, u16), row: usize, col: usize, focused: bool) {
        let (x, y) = at;
        let (app, theme) = (self.app, self.theme);
        let column = &app.derived().columns[col];
        let roles = app.plan().rows[row].roles_of(&column.id);
        let has_problem = app
            .derived()
            .cell_problems
            .contains_key(&(row, column.id.clone()));
        let mut style = match roles.first() {
            Some(&role) => theme.role(role),
            None => theme.dim(),
        };
        if has_problem && !roles.is_empty() {
            style = style.patch(theme.cell_problem());
        }
        let width = usize::from(self.geometry.cell - 1);
        let shown = match (roles.is_empty(), focused) {
            (true, true) => "[ ]".to_string(),
            (true, false) => "·".to_string(),
            (false, _) => cell_text(&roles),
        };
        let pad = width.saturating_sub(shown.width()) / 2;
        let cell = format!("{}{}", " ".repeat(pad), shown);
        if focused {
            buf.set_style(Rect::new(x, y, self.geometry.cell - 1, 1), theme.focus());
            let cell = format!("{cell:width$}");
            buf.set_stringn(x, y, cell, width, style.patch(theme.focus()));
        } else {
            buf.set_stringn(x, y, cell, width, style);
        }
    }
}

/// The three lines under the matrix: the focused row, the focused party, and the first
/// problem of the cell (or its row), with how many more there are.
fn details(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let y = details_top(area);
    let w = area.width;
    let (Some(r), Some(column)) = (app.focused_row(), app.focused_column()) else {
        return;
    };
    let plan = app.plan();
    let row = &plan.rows[r];
    let mut about = vec![match row.kind {
        RowKind::Channel => "channel".to_string(),
        RowKind::Duty => "duty".to_string(),
    }];
    if let Some(p) = &row.platform {
        about.push(p.clone());
    }
    about.push(match row.last_reviewed {
        Some(d) => format!("reviewed {}", text::date(d)),
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
    } else if let Some(p) = plan.person(&column.id) {
        if let Some(t) = &p.title {
            who.push(t.clone());
        }
        if let Some(d) = p.department.as_deref().and_then(|d| plan.department(d)) {
            who.push(d.name.clone());
        }
        if p.external {
            who.push("external".into());
        }
        if let Some(words) = leaving_words(p, app.today()) {
            who.push(words);
        }
    }
    let holds = holds_here(&row.roles_of(&column.id));
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
        theme,
        buf,
        (x, y + 2, w),
        found.first().copied(),
        "no problems here",
    );
}
