//! Moving around: the cursor of each view, scrolling so it stays on screen, the filter,
//! switching views, clicks, and going from a problem to what it concerns.

use std::collections::HashSet;

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Mode, View};
use crate::model::Role;
use crate::model::rules::RowState;
use crate::tui::form::Subject;
use crate::tui::layout::{self, fit_scroll};

/// Where one list's cursor is, and the first line shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub at: usize,
    pub scroll: usize,
}

impl Cursor {
    /// Moves by `by` lines within a list of `len`.
    fn step(&mut self, by: isize, len: usize) {
        self.at = if len == 0 {
            0
        } else {
            self.at.saturating_add_signed(by).min(len - 1)
        };
    }

    /// Keeps the cursor within a list of `len`.
    fn clamp(&mut self, len: usize) {
        self.at = self.at.min(len.saturating_sub(1));
    }

    /// Scrolls so that the cursor shows in a window of `height` lines.
    fn show(&mut self, height: usize, len: usize) {
        self.scroll = fit_scroll(self.scroll, self.at, height, len);
    }
}

/// The cursor of every view: the matrix has one for its rows and one for its columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursors {
    pub row: Cursor,
    pub col: Cursor,
    pub channels: Cursor,
    pub people: Cursor,
    pub departments: Cursor,
    pub workload: Cursor,
    pub problems: Cursor,
}

impl Cursors {
    /// The cursor of a view's lines (the matrix's rows).
    #[must_use]
    pub fn of(&self, view: View) -> Cursor {
        match view {
            View::Matrix => self.row,
            View::Channels => self.channels,
            View::People => self.people,
            View::Departments => self.departments,
            View::Workload => self.workload,
            View::Problems => self.problems,
        }
    }

    fn of_mut(&mut self, view: View) -> &mut Cursor {
        match view {
            View::Matrix => &mut self.row,
            View::Channels => &mut self.channels,
            View::People => &mut self.people,
            View::Departments => &mut self.departments,
            View::Workload => &mut self.workload,
            View::Problems => &mut self.problems,
        }
    }
}

impl App {
    /// How many lines a view has.
    #[must_use]
    pub fn list_len(&self, view: View) -> usize {
        let plan = self.editor.plan();
        match view {
            View::Matrix => self.rows.len(),
            View::Channels => plan.rows.len(),
            View::People => plan.people.len(),
            View::Departments => plan.departments.len(),
            View::Workload => self.workload.len(),
            View::Problems => self.problems.len(),
        }
    }

    /// The cursor of the current view's lines.
    #[must_use]
    pub fn list_cursor(&self) -> super::Cursor {
        self.cursors.of(self.view)
    }

    /// The matrix on the screen as it is now.
    #[must_use]
    pub fn matrix_layout(&self) -> layout::Matrix {
        if self.presenting {
            return self.presenter().matrix;
        }
        let (w, h) = self.size;
        layout::Matrix::new(w, h, self.derived().label_width, self.cols.len())
    }

    /// The matrix's columns that show now (indices into `derived.columns`, left to right,
    /// as many as the app's layout fits; it scrolls to keep the cursor in them), and the
    /// focused one's place among them when it is visible.
    #[must_use]
    pub fn visible_columns(&self) -> (Vec<usize>, Option<usize>) {
        let scroll = self.cursors.col.scroll;
        let cols = self
            .cols
            .iter()
            .copied()
            .skip(scroll)
            .take(self.matrix_layout().columns)
            .collect();
        (cols, self.cursors.col.at.checked_sub(scroll))
    }

    /// The height of the scrolling part of a view.
    #[must_use]
    pub fn body_height(&self) -> usize {
        if self.view == View::Matrix {
            self.matrix_layout().rows
        } else {
            layout::body_height(self.size.1)
        }
    }

    /// A screenful, for the page keys.
    pub(super) fn page(&self) -> isize {
        isize::try_from(self.body_height().saturating_sub(1).max(1)).unwrap_or(1)
    }

    pub(super) fn step(&mut self, down: isize, right: isize) {
        self.spotlight = None;
        if self.view == View::Matrix {
            self.cursors.row.step(down, self.rows.len());
            self.cursors.col.step(right, self.cols.len());
        } else {
            let len = self.list_len(self.view);
            self.cursors.of_mut(self.view).step(down, len);
        }
        self.keep_in_view();
    }

    pub(super) fn step_to_edge(&mut self, end: bool) {
        self.spotlight = None;
        let (cursor, len) = if self.view == View::Matrix {
            (&mut self.cursors.col, self.cols.len())
        } else {
            let len = self.list_len(self.view);
            (self.cursors.of_mut(self.view), len)
        };
        cursor.at = if end { len.saturating_sub(1) } else { 0 };
        self.keep_in_view();
    }

    /// Scrolls so that the cursor is on screen.
    pub(super) fn keep_in_view(&mut self) {
        let height = self.body_height();
        if self.view == View::Matrix {
            let layout = self.matrix_layout();
            self.cursors.row.show(layout.rows, self.rows.len());
            self.cursors.col.show(layout.columns, self.cols.len());
        } else {
            let len = self.list_len(self.view);
            self.cursors.of_mut(self.view).show(height, len);
        }
    }

    pub(super) fn switch_view(&mut self, by: usize) {
        self.spotlight = None;
        self.share_place();
        let at = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
        self.view = View::ALL[(at + by) % View::ALL.len()];
        self.keep_in_view();
    }

    /// What the current view focuses on becomes the focus of the others too: the
    /// matrix's row is the Channels view's line, its column the person's or department's,
    /// and the other way round, so that going from view to view keeps the place.
    fn share_place(&mut self) {
        let plan = self.editor.plan();
        let columns = &self.editor.derived().columns;
        match self.view {
            View::Matrix => {
                if let Some(r) = self.focused_row() {
                    self.cursors.channels.at = r;
                }
                if let Some(c) = self.focused_column() {
                    if let Some(i) = plan.people.iter().position(|p| p.id == c.id) {
                        self.cursors.people.at = i;
                    } else if let Some(i) = plan.departments.iter().position(|d| d.id == c.id) {
                        self.cursors.departments.at = i;
                    }
                }
            }
            View::Channels => {
                if let Some(i) = self
                    .rows
                    .iter()
                    .position(|&r| r == self.cursors.channels.at)
                {
                    self.cursors.row.at = i;
                }
            }
            View::People | View::Departments => {
                let id = if self.view == View::People {
                    plan.people
                        .get(self.cursors.people.at)
                        .map(|p| p.id.as_str())
                } else {
                    plan.departments
                        .get(self.cursors.departments.at)
                        .map(|d| d.id.as_str())
                };
                if let Some(i) =
                    id.and_then(|id| self.cols.iter().position(|&c| columns[c].id == id))
                {
                    self.cursors.col.at = i;
                }
            }
            View::Workload | View::Problems => {}
        }
    }

    /// The row the current view focuses on, if it shows rows.
    pub(super) fn current_row(&self) -> Option<usize> {
        match self.view {
            View::Matrix => self.focused_row(),
            View::Channels => {
                Some(self.cursors.channels.at).filter(|&i| i < self.editor.plan().rows.len())
            }
            _ => None,
        }
    }

    /// The filter changed: the matrix starts again from its first cell.
    pub(super) fn filter_changed(&mut self) {
        self.cursors.row = super::Cursor::default();
        self.cursors.col = super::Cursor::default();
        self.refilter();
    }

    /// Recomputes which rows and columns show, keeping every cursor in range.
    pub(super) fn refilter(&mut self) {
        let plan = self.editor.plan();
        let columns = &self.editor.derived().columns;
        let derived = self.editor.derived();
        let needle = self.filter.text().trim().to_lowercase();
        let matches = |name: &str, id: &str| {
            needle.is_empty() || name.to_lowercase().contains(&needle) || id.contains(&needle)
        };
        let broken = |i: usize| !self.only_broken || derived.row_state(i) != RowState::Fine;
        let rows: Vec<usize> = (0..plan.rows.len())
            .filter(|&i| broken(i) && matches(&plan.rows[i].name, &plan.rows[i].id))
            .collect();
        let cols: Vec<usize> = (0..columns.len())
            .filter(|&i| matches(&columns[i].name, &columns[i].id))
            .collect();
        // A filter that names only parties shows every row, and the other way round.
        // One that names rows and parties both shows, beside the parties named, every
        // party holding a role on the rows named: "insta" must not hide who owns
        // Instagram because somebody's name holds the word.
        let (rows, cols) = match (rows.is_empty(), cols.is_empty()) {
            (false, true) => (rows, (0..columns.len()).collect()),
            (true, false) => ((0..plan.rows.len()).filter(|&i| broken(i)).collect(), cols),
            // Only with a filter: the pass over the rows' holders costs what the plan does.
            (false, false) if !needle.is_empty() => {
                let holding: HashSet<&str> = rows
                    .iter()
                    .flat_map(|&r| Role::ALL.iter().map(move |&role| (r, role)))
                    .flat_map(|(r, role)| plan.rows[r].holders(role))
                    .map(String::as_str)
                    .collect();
                let cols = (0..columns.len())
                    .filter(|&i| {
                        holding.contains(columns[i].id.as_str())
                            || matches(&columns[i].name, &columns[i].id)
                    })
                    .collect();
                (rows, cols)
            }
            _ => (rows, cols),
        };
        // The filter narrows the problems too: to those whose words name it, or whose row
        // or party it matches as it matches them in the matrix.
        let mut problems: Vec<usize> = (0..derived.problems.len())
            .filter(|&i| {
                let p = &derived.problems[i];
                let row = p.row.as_deref().and_then(|id| plan.row(id));
                let party = p
                    .party
                    .as_deref()
                    .and_then(|id| plan.party(id).map(|x| (x, id)));
                needle.is_empty()
                    || p.message.to_lowercase().contains(&needle)
                    || row.is_some_and(|r| matches(&r.name, &r.id))
                    || party.is_some_and(|(x, id)| matches(x.name(), id))
            })
            .collect();
        if !self.file_order {
            problems.sort_by_key(|&i| derived.problems[i].severity());
        }
        self.problems = problems;
        self.workload.clone_from(&derived.workload);
        self.rows = rows;
        self.cols = cols;
        self.cursors.row.clamp(self.rows.len());
        self.cursors.col.clamp(self.cols.len());
        for v in [
            View::Channels,
            View::People,
            View::Departments,
            View::Workload,
            View::Problems,
        ] {
            let len = self.list_len(v);
            self.cursors.of_mut(v).clamp(len);
        }
        self.keep_in_view();
    }

    /// From the problems list to the cell (or row, or person) the problem concerns; from
    /// the workload to the person's column.
    pub(super) fn jump(&mut self) {
        if self.view == View::Workload {
            self.jump_to_person();
            return;
        }
        let Some(p) = self.focused_problem().cloned() else {
            return;
        };
        self.filter.clear();
        self.only_broken = false;
        self.refilter();
        let plan = self.editor.plan();
        let row = p
            .row
            .as_deref()
            .and_then(|id| plan.rows.iter().position(|r| r.id == id));
        let col = p.party.as_deref().and_then(|id| {
            self.editor
                .derived()
                .columns
                .iter()
                .position(|c| c.id == id)
        });
        self.spotlight = Some(p.clone());
        match (row, col) {
            (Some(r), c) => {
                self.view = View::Matrix;
                self.cursors.row.at = r;
                if let Some(c) = c {
                    self.cursors.col.at = c;
                }
            }
            (None, Some(_)) => {
                let id = p.party.unwrap_or_default();
                if let Some(i) = plan.people.iter().position(|x| x.id == id) {
                    self.view = View::People;
                    self.cursors.people.at = i;
                } else if let Some(i) = plan.departments.iter().position(|x| x.id == id) {
                    self.view = View::Departments;
                    self.cursors.departments.at = i;
                }
            }
            (None, None) => {
                let hint = self.key_hint(&p);
                self.tell(format!("this is about the whole plan: {hint}"), false);
            }
        }
        self.keep_in_view();
    }

    /// From the Workload view to the focused person's column of the matrix.
    fn jump_to_person(&mut self) {
        let plan = self.editor.plan();
        let Some(id) = self
            .workload
            .get(self.cursors.workload.at)
            .and_then(|&i| plan.people.get(i))
            .map(|p| p.id.clone())
        else {
            return;
        };
        self.filter.clear();
        self.only_broken = false;
        self.refilter();
        if let Some(c) = self
            .editor
            .derived()
            .columns
            .iter()
            .position(|c| c.id == id)
        {
            self.view = View::Matrix;
            self.cursors.col.at = c;
        }
        self.keep_in_view();
    }

    /// Puts the cursor on the entity with this id in the current view.
    pub(super) fn focus_on(&mut self, subject: Subject, id: &str) {
        let plan = self.editor.plan();
        match subject {
            Subject::Row => {
                if let Some(r) = plan.rows.iter().position(|r| r.id == id) {
                    if self.view == View::Matrix {
                        if let Some(i) = self.rows.iter().position(|&x| x == r) {
                            self.cursors.row.at = i;
                        }
                    } else {
                        self.cursors.channels.at = r;
                    }
                }
            }
            Subject::Person => {
                if let Some(i) = plan.people.iter().position(|p| p.id == id) {
                    self.cursors.people.at = i;
                }
            }
            Subject::Department => {
                if let Some(i) = plan.departments.iter().position(|d| d.id == id) {
                    self.cursors.departments.at = i;
                }
            }
            Subject::Settings => {}
        }
        self.keep_in_view();
    }

    pub(super) fn mouse(&mut self, mouse: MouseEvent) {
        if self.mode != Mode::Normal {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.step(3, 0),
            MouseEventKind::ScrollUp => self.step(-3, 0),
            MouseEventKind::Down(MouseButton::Left) => {
                self.spotlight = None;
                if self.view == View::Matrix {
                    let hit = self.matrix_layout().hit(mouse.column, mouse.row);
                    if let Some((line, col)) = hit {
                        let (r, c) = (
                            self.cursors.row.scroll + line,
                            self.cursors.col.scroll + col,
                        );
                        if r < self.rows.len() && c < self.cols.len() {
                            self.cursors.row.at = r;
                            self.cursors.col.at = c;
                            self.keep_in_view();
                        }
                    }
                } else if let Some(line) = layout::list_hit(mouse.row, self.body_height()) {
                    let len = self.list_len(self.view);
                    let cursor = self.cursors.of_mut(self.view);
                    if cursor.scroll + line < len {
                        cursor.at = cursor.scroll + line;
                        self.keep_in_view();
                    }
                }
            }
            _ => {}
        }
    }
}
