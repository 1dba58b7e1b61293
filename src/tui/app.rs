//! The app's state and `update`: a key becomes an `Action`, an action changes the state,
//! and anything that needs the outside world (saving, quitting) comes back as an `Effect`
//! for the loop to carry out. Nothing here touches the terminal or the file system.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::form::{Form, Input, Subject};
use super::keymap::{Action, Scope, lookup};
use super::theme::Theme;
use crate::model::edit::{self, Edit};
use crate::model::rules::{self, Counts, Problem};
use crate::model::{Id, Plan, Role, RowKind};
use crate::store::{Document, Loaded, Patch};

/// The views, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Matrix,
    Channels,
    People,
    Departments,
    Problems,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Matrix,
        View::Channels,
        View::People,
        View::Departments,
        View::Problems,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            View::Matrix => "Matrix",
            View::Channels => "Channels",
            View::People => "People",
            View::Departments => "Departments",
            View::Problems => "Problems",
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// A question the app is waiting for an answer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Quit with unsaved changes: y saves, n discards, Esc stays.
    Quit,
    /// Delete something; the edit is ready, and the question says what goes with it.
    Delete {
        question: String,
        edit: Box<Edit>,
        /// What the status line says once it is done.
        done: String,
    },
    /// A recovery file holds edits that were never saved: y restores them, n sets the
    /// file aside. Nothing else answers, so the edits cannot be lost by a stray key.
    Recover {
        edits: u64,
        written: String,
        text: String,
    },
    /// The file changed on disk while there are unsaved edits: y keeps this version
    /// (theirs is kept in a file), n takes theirs (this one is kept in a file).
    Conflict,
}

impl Confirm {
    /// Asks before deleting `name`, which takes `n` assignments with it.
    fn delete(name: &str, n: usize, edit: Edit) -> Self {
        let what = format!("{name} and {n} assignment{}", plural(n));
        Confirm::Delete {
            question: format!("Delete {what}?"),
            edit: Box::new(edit),
            done: format!("deleted {what} (u undoes it)"),
        }
    }
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help {
        scroll: usize,
    },
    /// Typing the filter.
    Filter,
    Form(Form),
    Confirm(Confirm),
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Save,
    /// Write the handout of the plan as it is now beside the plan file.
    Handout,
    SaveAndQuit,
    Quit,
    /// Keep the recovery file aside without restoring it.
    SetRecoveryAside,
    /// After an outside change: keep this version, or take the one on disk.
    KeepMine,
    TakeTheirs,
}

pub use crate::model::rules::RowState;

/// One column of the matrix: a department or a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: Id,
    pub name: String,
    pub is_department: bool,
    /// The department it is grouped under (its own id for a department).
    pub group: Option<Id>,
}

/// Everything computed from the plan once per edit, never per frame.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub problems: Vec<Problem>,
    pub counts: Counts,
    pub row_states: Vec<RowState>,
    pub columns: Vec<Column>,
    /// Problem indices by row index, and by (row index, column id).
    pub row_problems: HashMap<usize, Vec<usize>>,
    pub cell_problems: HashMap<(usize, Id), Vec<usize>>,
    /// Problem indices by party id (people and departments views).
    pub party_problems: HashMap<Id, Vec<usize>>,
    /// The width the longest row name wants in the matrix (with its marks).
    pub label_width: usize,
    /// How many rows each party holds each role on, in `Role::ALL` order.
    pub holdings: HashMap<Id, [usize; 4]>,
}

impl Derived {
    fn of(plan: &Plan, today: NaiveDate) -> Self {
        let problems = rules::check(plan, today);
        let counts = Counts::of(&problems);
        let row_index: HashMap<&str, usize> = plan
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut row_problems: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut cell_problems: HashMap<(usize, Id), Vec<usize>> = HashMap::new();
        let mut party_problems: HashMap<Id, Vec<usize>> = HashMap::new();
        let mut row_states = vec![RowState::Fine; plan.rows.len()];
        for (i, p) in problems.iter().enumerate() {
            if let Some(party) = &p.party {
                party_problems.entry(party.clone()).or_default().push(i);
            }
            let Some(&r) = p.row.as_deref().and_then(|id| row_index.get(id)) else {
                continue;
            };
            row_problems.entry(r).or_default().push(i);
            if let Some(party) = &p.party {
                cell_problems.entry((r, party.clone())).or_default().push(i);
            }
            let state = RowState::of(p);
            if state > row_states[r] {
                row_states[r] = state;
            }
        }
        let columns = plan
            .parties()
            .iter()
            .map(|party| match party {
                crate::model::Party::Department(d) => Column {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    is_department: true,
                    group: Some(d.id.clone()),
                },
                crate::model::Party::Person(p) => Column {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    is_department: false,
                    group: p
                        .department
                        .clone()
                        .filter(|d| plan.department(d).is_some()),
                },
            })
            .collect();
        let label_width = plan
            .rows
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(crate::text::safe(&r.name).as_ref()) + 5)
            .max()
            .unwrap_or(0);
        let mut holdings: HashMap<Id, [usize; 4]> = HashMap::new();
        for row in &plan.rows {
            for (i, role) in Role::ALL.into_iter().enumerate() {
                for id in row.holders(role) {
                    holdings.entry(id.clone()).or_default()[i] += 1;
                }
            }
        }
        Derived {
            problems,
            counts,
            row_states,
            columns,
            row_problems,
            cell_problems,
            party_problems,
            label_width,
            holdings,
        }
    }
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// The whole state of the app.
#[derive(Debug, Clone)]
pub struct App {
    /// The plan's path, as shown.
    pub file: PathBuf,
    pub plan: Plan,
    doc: Document,
    pub today: NaiveDate,
    pub theme: Theme,
    pub derived: Derived,
    pub view: View,
    pub mode: Mode,
    pub filter: Input,
    /// Indices into `plan.rows` and `derived.columns` that the filter lets through.
    pub rows: Vec<usize>,
    pub cols: Vec<usize>,
    /// Matrix cursor and scroll, as indices into `rows` and `cols`.
    pub cursor: (usize, usize),
    pub scroll: (usize, usize),
    /// Cursor and scroll of each list view (Channels, People, Departments, Problems).
    pub list: [(usize, usize); 4],
    /// The terminal's size, as last reported.
    pub size: (u16, u16),
    /// Each entry: the edit that undoes (or redoes) a change, and the file's tables as
    /// they were, so the text comes back byte for byte.
    /// The third item of each entry names the state it leads back to.
    undo: Vec<(Edit, Patch, u64)>,
    redo: Vec<(Edit, Patch, u64)>,
    /// The plan's state as a number: each edit makes a new one; undo and redo go back to
    /// earlier ones. Unsaved means the state differs from the one last saved.
    state: u64,
    last_state: u64,
    saved_state: u64,
    /// Edits (and undos and redos) since the plan was last saved or loaded.
    edits: u64,
    /// Why the plan may not be edited here (another steward holds it), if so.
    pub read_only: Option<String>,
    pub status: Option<Status>,
}

impl App {
    #[must_use]
    pub fn new(file: PathBuf, plan: Plan, doc: Document, today: NaiveDate, theme: Theme) -> Self {
        let derived = Derived::of(&plan, today);
        let mut app = App {
            file,
            plan,
            doc,
            today,
            theme,
            derived,
            view: View::Matrix,
            mode: Mode::Normal,
            filter: Input::default(),
            rows: Vec::new(),
            cols: Vec::new(),
            cursor: (0, 0),
            scroll: (0, 0),
            list: [(0, 0); 4],
            size: (80, 24),
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            last_state: 0,
            saved_state: 0,
            edits: 0,
            read_only: None,
            status: None,
        };
        app.refilter();
        app
    }

    /// Whether the plan differs from what was last saved (undo can make it the same).
    #[must_use]
    pub fn modified(&self) -> bool {
        self.state != self.saved_state
    }

    /// The plan's state as a number; it changes with every edit, undo and redo.
    #[must_use]
    pub fn state(&self) -> u64 {
        self.state
    }

    /// How many edits, undos and redos were made since the plan was last saved or loaded.
    #[must_use]
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// Replaces the plan with one read again from disk, or recovered: the one change
    /// that is not an `Edit`, since it comes from outside. Undo starts afresh. `modified`
    /// says whether the result differs from the file on disk, and `edits` how many edits
    /// it holds.
    ///
    /// # Errors
    /// The text cannot be edited as a document; nothing changed.
    pub fn replace(&mut self, loaded: Loaded, modified: bool, edits: u64) -> Result<(), String> {
        let doc = Document::parse(&loaded.text).map_err(|e| e.to_string())?;
        self.plan = loaded.plan;
        self.doc = doc;
        self.undo.clear();
        self.redo.clear();
        self.last_state += 1;
        self.state = self.last_state;
        if !modified {
            self.saved_state = self.state;
        }
        self.edits = edits;
        self.changed();
        Ok(())
    }

    /// Says something on the status line, from the loop.
    pub fn tell(&mut self, text: impl Into<String>, is_error: bool) {
        self.say(text, is_error);
    }

    /// The file's text as it would be saved now.
    #[must_use]
    pub fn text(&self) -> String {
        self.doc.text()
    }

    /// Told by the loop how a save went.
    pub fn saved(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.saved_state = self.state;
                self.edits = 0;
                self.say(format!("saved {}", self.file.display()), false);
            }
            Err(reason) => self.say(format!("not saved: {reason}"), true),
        }
    }

    fn say(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(Status {
            text: text.into(),
            is_error,
        });
    }

    /// The one path for change: apply, remember the inverse, mirror into the document,
    /// recompute the problems.
    #[expect(
        clippy::needless_pass_by_value,
        reason = "an edit is given up to the plan"
    )]
    pub fn apply(&mut self, edit: Edit) -> bool {
        match self.plan.apply(edit.clone()) {
            Ok(inverse) => {
                let patch = self.doc.apply(&edit, &self.plan);
                self.last_state += 1;
                self.undo.push((inverse, patch, self.state));
                self.state = self.last_state;
                self.edits += 1;
                self.redo.clear();
                self.changed();
                true
            }
            Err(e) => {
                self.say(format!("not changed: {e}"), true);
                false
            }
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let (from, what) = if undo {
            (&mut self.undo, "undo")
        } else {
            (&mut self.redo, "redo")
        };
        let Some((edit, patch, to)) = from.pop() else {
            self.say(format!("nothing to {what}"), false);
            return;
        };
        match self.plan.apply(edit.clone()) {
            Ok(inverse) => {
                let back = self.doc.restore(patch);
                if undo {
                    self.redo.push((inverse, back, self.state));
                } else {
                    self.undo.push((inverse, back, self.state));
                }
                self.state = to;
                self.edits += 1;
                self.changed();
                self.say(format!("{what}: {}", describe(&edit)), false);
            }
            Err(e) => self.say(format!("cannot {what}: {e}"), true),
        }
    }

    fn changed(&mut self) {
        self.derived = Derived::of(&self.plan, self.today);
        self.refilter();
    }

    /// Recomputes which rows and columns show, keeping the cursor in range.
    fn refilter(&mut self) {
        let needle = self.filter.text.trim().to_lowercase();
        let matches = |name: &str, id: &str| {
            needle.is_empty() || name.to_lowercase().contains(&needle) || id.contains(&needle)
        };
        let rows: Vec<usize> = (0..self.plan.rows.len())
            .filter(|&i| matches(&self.plan.rows[i].name, &self.plan.rows[i].id))
            .collect();
        let cols: Vec<usize> = (0..self.derived.columns.len())
            .filter(|&i| matches(&self.derived.columns[i].name, &self.derived.columns[i].id))
            .collect();
        // A filter that names only parties shows every row, and the other way round.
        let (rows, cols) = match (rows.is_empty(), cols.is_empty()) {
            (false, true) => (rows, (0..self.derived.columns.len()).collect()),
            (true, false) => ((0..self.plan.rows.len()).collect(), cols),
            _ => (rows, cols),
        };
        self.rows = rows;
        self.cols = cols;
        self.cursor.0 = self.cursor.0.min(self.rows.len().saturating_sub(1));
        self.cursor.1 = self.cursor.1.min(self.cols.len().saturating_sub(1));
        for v in [
            View::Channels,
            View::People,
            View::Departments,
            View::Problems,
        ] {
            let len = self.list_len(v);
            let slot = &mut self.list[v.index() - 1];
            slot.0 = slot.0.min(len.saturating_sub(1));
        }
        self.keep_in_view();
    }

    /// How many lines a list view has.
    #[must_use]
    pub fn list_len(&self, view: View) -> usize {
        match view {
            View::Matrix => self.rows.len(),
            View::Channels => self.plan.rows.len(),
            View::People => self.plan.people.len(),
            View::Departments => self.plan.departments.len(),
            View::Problems => self.derived.problems.len(),
        }
    }

    /// The focused row's index in `plan.rows`, in the matrix.
    #[must_use]
    pub fn focused_row(&self) -> Option<usize> {
        self.rows.get(self.cursor.0).copied()
    }

    /// The focused column, in the matrix.
    #[must_use]
    pub fn focused_column(&self) -> Option<&Column> {
        self.cols
            .get(self.cursor.1)
            .and_then(|&i| self.derived.columns.get(i))
    }

    /// The cursor of the current list view.
    #[must_use]
    pub fn list_cursor(&self) -> (usize, usize) {
        match self.view {
            View::Matrix => self.cursor,
            v => self.list[v.index() - 1],
        }
    }

    /// Handles one terminal event.
    pub fn handle(&mut self, event: &Event) -> Effect {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Mouse(mouse) => {
                self.mouse(*mouse);
                Effect::None
            }
            Event::Resize(w, h) => {
                self.size = (*w, *h);
                self.keep_in_view();
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// Handles one key.
    pub fn key(&mut self, key: &KeyEvent) -> Effect {
        match &self.mode {
            Mode::Form(_) => return self.form_key(key),
            Mode::Filter => {
                self.filter_key(key);
                return Effect::None;
            }
            _ => {}
        }
        let scopes: &[Scope] = match (&self.mode, self.view) {
            (Mode::Help { .. }, _) => &[Scope::Help],
            (Mode::Confirm(_), _) => &[Scope::Prompt],
            (_, View::Matrix) => &[Scope::Matrix, Scope::Anywhere],
            (_, View::Problems) => &[Scope::Problems, Scope::Anywhere],
            _ => &[Scope::Lists, Scope::Anywhere],
        };
        match lookup(scopes, key) {
            Some(action) => self.update(action),
            // Any other key closes the help.
            None if matches!(self.mode, Mode::Help { .. }) => self.update(Action::Cancel),
            None => Effect::None,
        }
    }

    /// What an action does.
    pub fn update(&mut self, action: Action) -> Effect {
        if !matches!(self.mode, Mode::Confirm(_)) {
            self.status = None;
        }
        if self.mode == Mode::Normal
            && action.changes_plan()
            && let Some(reason) = &self.read_only
        {
            self.say(format!("read-only: {reason}"), true);
            return Effect::None;
        }
        match (&self.mode, action) {
            (Mode::Help { scroll }, _) => {
                let scroll = *scroll;
                self.mode = match action {
                    Action::Up => Mode::Help {
                        scroll: scroll.saturating_sub(1),
                    },
                    Action::Down => Mode::Help { scroll: scroll + 1 },
                    Action::PageUp => Mode::Help {
                        scroll: scroll.saturating_sub(10),
                    },
                    Action::PageDown => Mode::Help {
                        scroll: scroll + 10,
                    },
                    _ => Mode::Normal,
                };
                Effect::None
            }
            (Mode::Confirm(confirm), _) => self.answer(confirm.clone(), action),
            (_, Action::Up) => self.step(-1, 0),
            (_, Action::Down) => self.step(1, 0),
            (_, Action::Left) => self.step(0, -1),
            (_, Action::Right) => self.step(0, 1),
            (_, Action::PageUp) => self.step(-page(self.body_height()), 0),
            (_, Action::PageDown) => self.step(page(self.body_height()), 0),
            (_, Action::Home) => self.step_to_edge(false),
            (_, Action::End) => self.step_to_edge(true),
            (_, Action::NextView) => self.switch_view(1),
            (_, Action::PrevView) => self.switch_view(View::ALL.len() - 1),
            (_, Action::Toggle(role)) => {
                self.toggle(role);
                Effect::None
            }
            (_, Action::Clear) => {
                self.clear();
                Effect::None
            }
            (_, Action::Undo) => {
                self.undo_or_redo(true);
                Effect::None
            }
            (_, Action::Redo) => {
                self.undo_or_redo(false);
                Effect::None
            }
            (_, Action::Reviewed) => {
                self.reviewed();
                Effect::None
            }
            (_, Action::Save) => Effect::Save,
            (_, Action::Handout) => Effect::Handout,
            (_, Action::Quit) => {
                if self.modified() {
                    self.mode = Mode::Confirm(Confirm::Quit);
                    Effect::None
                } else {
                    Effect::Quit
                }
            }
            (_, Action::Help) => {
                self.mode = Mode::Help { scroll: 0 };
                Effect::None
            }
            (_, Action::Filter) => {
                self.mode = Mode::Filter;
                Effect::None
            }
            (_, Action::New) => {
                self.new_entity();
                Effect::None
            }
            (_, Action::Edit) => {
                self.edit_entity();
                Effect::None
            }
            (_, Action::Delete) => {
                self.delete_entity();
                Effect::None
            }
            (_, Action::Jump) => {
                self.jump();
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn answer(&mut self, confirm: Confirm, action: Action) -> Effect {
        match (confirm, action) {
            (Confirm::Quit, Action::Yes) => {
                self.mode = Mode::Normal;
                Effect::SaveAndQuit
            }
            (Confirm::Quit, Action::No) => Effect::Quit,
            (Confirm::Delete { edit, done, .. }, Action::Yes) => {
                self.mode = Mode::Normal;
                if self.apply(*edit) {
                    self.say(done, false);
                }
                Effect::None
            }
            (Confirm::Recover { text, edits, .. }, Action::Yes) => {
                self.mode = Mode::Normal;
                let restored = crate::store::from_bytes(text.as_bytes())
                    .map_err(|(text, e)| e.located(&text))
                    .and_then(|loaded| self.replace(loaded, true, edits));
                match restored {
                    Ok(()) => self.say(
                        format!(
                            "restored {edits} unsaved edit{}; Ctrl-s saves them",
                            plural(edits)
                        ),
                        false,
                    ),
                    Err(e) => self.say(format!("cannot restore the recovery file: {e}"), true),
                }
                Effect::None
            }
            (Confirm::Recover { .. }, Action::No) => {
                self.mode = Mode::Normal;
                Effect::SetRecoveryAside
            }
            (Confirm::Conflict, Action::Yes) => {
                self.mode = Mode::Normal;
                Effect::KeepMine
            }
            (Confirm::Conflict, Action::No) => {
                self.mode = Mode::Normal;
                Effect::TakeTheirs
            }
            // These two must be answered: either way, nothing is lost.
            (Confirm::Recover { .. } | Confirm::Conflict, _) => Effect::None,
            (_, Action::No | Action::Cancel) => {
                self.mode = Mode::Normal;
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// The height of the scrolling part of a view: the screen less the title line, the
    /// matrix's two header lines, the details and the status line.
    #[must_use]
    pub fn body_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(super::view::CHROME_HEIGHT)).max(1)
    }

    fn step(&mut self, down: isize, right: isize) -> Effect {
        if self.view == View::Matrix {
            self.cursor.0 = offset(self.cursor.0, down, self.rows.len());
            self.cursor.1 = offset(self.cursor.1, right, self.cols.len());
        } else {
            let len = self.list_len(self.view);
            let slot = &mut self.list[self.view.index() - 1];
            slot.0 = offset(slot.0, down, len);
        }
        self.keep_in_view();
        Effect::None
    }

    fn step_to_edge(&mut self, end: bool) -> Effect {
        if self.view == View::Matrix {
            self.cursor.1 = if end {
                self.cols.len().saturating_sub(1)
            } else {
                0
            };
        } else {
            let len = self.list_len(self.view);
            self.list[self.view.index() - 1].0 = if end { len.saturating_sub(1) } else { 0 };
        }
        self.keep_in_view();
        Effect::None
    }

    /// Scrolls so that the cursor is on screen.
    fn keep_in_view(&mut self) {
        let height = self.body_height();
        if self.view == View::Matrix {
            let width = super::view::matrix_columns_fit(self);
            self.scroll.0 = fit_scroll(self.scroll.0, self.cursor.0, height, self.rows.len());
            self.scroll.1 = fit_scroll(self.scroll.1, self.cursor.1, width, self.cols.len());
        } else {
            let len = self.list_len(self.view);
            let slot = &mut self.list[self.view.index() - 1];
            slot.1 = fit_scroll(slot.1, slot.0, height, len);
        }
    }

    fn switch_view(&mut self, by: usize) -> Effect {
        self.view = View::ALL[(self.view.index() + by) % View::ALL.len()];
        self.keep_in_view();
        Effect::None
    }

    /// The row the current view focuses on, if it shows rows.
    fn current_row(&self) -> Option<usize> {
        match self.view {
            View::Matrix => self.focused_row(),
            View::Channels => Some(self.list[0].0).filter(|&i| i < self.plan.rows.len()),
            _ => None,
        }
    }

    fn toggle(&mut self, role: Role) {
        let (Some(r), Some(col)) = (self.focused_row(), self.focused_column()) else {
            return;
        };
        let party = col.id.clone();
        let name = col.name.clone();
        let row = &self.plan.rows[r];
        let on = !row.holders(role).contains(&party);
        let edit = edit::toggle_role(row, &party, role);
        let row_name = row.name.clone();
        if self.apply(edit) {
            let verb = if on { "is now" } else { "is no longer" };
            self.say(
                format!("{name} {verb} {} on {row_name}", role_word(role)),
                false,
            );
        }
    }

    fn clear(&mut self) {
        let (Some(r), Some(col)) = (self.focused_row(), self.focused_column()) else {
            return;
        };
        if let Some(edit) = edit::clear_cell(&self.plan.rows[r], &col.id) {
            let msg = format!("cleared {} on {}", col.name, self.plan.rows[r].name);
            if self.apply(edit) {
                self.say(msg, false);
            }
        }
    }

    fn reviewed(&mut self) {
        let Some(r) = self.current_row() else {
            return;
        };
        let mut row = self.plan.rows[r].clone();
        if row.last_reviewed == Some(self.today) {
            self.say(
                format!("{} is already marked reviewed today", row.name),
                false,
            );
            return;
        }
        row.last_reviewed = Some(self.today);
        let msg = format!("{} reviewed {}", row.name, self.today.format("%Y-%m-%d"));
        if self.apply(Edit::Row(row)) {
            self.say(msg, false);
        }
    }

    fn new_entity(&mut self) {
        let form = match self.view {
            View::Matrix | View::Channels => {
                let (kind, index) = match self.current_row().map(|r| (r, &self.plan.rows[r])) {
                    Some((r, row)) => (row.kind, r + 1),
                    None => (RowKind::Channel, self.plan.rows.len()),
                };
                Form::new_row(kind, index)
            }
            View::People => {
                let at = self.list[1].0;
                Form::new_person(if self.plan.people.is_empty() {
                    0
                } else {
                    at + 1
                })
            }
            View::Departments => Form::new_department(if self.plan.departments.is_empty() {
                0
            } else {
                self.list[2].0 + 1
            }),
            View::Problems => return,
        };
        self.mode = Mode::Form(form);
    }

    fn edit_entity(&mut self) {
        let form = match self.view {
            View::Matrix | View::Channels => self
                .current_row()
                .map(|r| Form::edit_row(&self.plan.rows[r])),
            View::People => self.plan.people.get(self.list[1].0).map(Form::edit_person),
            View::Departments => self
                .plan
                .departments
                .get(self.list[2].0)
                .map(Form::edit_department),
            View::Problems => None,
        };
        if let Some(form) = form {
            self.mode = Mode::Form(form);
        }
    }

    fn delete_entity(&mut self) {
        let confirm = match self.view {
            View::Matrix | View::Channels => self.current_row().map(|r| {
                let row = &self.plan.rows[r];
                let n: usize = Role::ALL.iter().map(|&role| row.holders(role).len()).sum();
                Confirm::delete(&row.name, n, Edit::RemoveRow(row.id.clone()))
            }),
            View::People => self.plan.people.get(self.list[1].0).map(|p| {
                let (edit, n) = edit::remove_person(&self.plan, &p.id);
                Confirm::delete(&p.name, n, edit)
            }),
            View::Departments => self.plan.departments.get(self.list[2].0).map(|d| {
                let (edit, n) = edit::remove_department(&self.plan, &d.id);
                Confirm::delete(&d.name, n, edit)
            }),
            View::Problems => None,
        };
        if let Some(confirm) = confirm {
            self.mode = Mode::Confirm(confirm);
        }
    }

    /// From the problems list to the cell (or row, or person) the problem concerns.
    fn jump(&mut self) {
        let Some(p) = self.derived.problems.get(self.list[3].0).cloned() else {
            return;
        };
        self.filter.clear();
        self.refilter();
        let row = p
            .row
            .as_deref()
            .and_then(|id| self.plan.rows.iter().position(|r| r.id == id));
        let col = p
            .party
            .as_deref()
            .and_then(|id| self.derived.columns.iter().position(|c| c.id == id));
        match (row, col) {
            (Some(r), c) => {
                self.view = View::Matrix;
                self.cursor.0 = r;
                if let Some(c) = c {
                    self.cursor.1 = c;
                }
            }
            (None, Some(_)) => {
                let id = p.party.unwrap_or_default();
                if let Some(i) = self.plan.people.iter().position(|x| x.id == id) {
                    self.view = View::People;
                    self.list[1].0 = i;
                } else if let Some(i) = self.plan.departments.iter().position(|x| x.id == id) {
                    self.view = View::Departments;
                    self.list[2].0 = i;
                }
            }
            (None, None) => {
                self.say(
                    format!(
                        "{} is about the whole plan: line {} of the file",
                        p.code, p.pos.line
                    ),
                    false,
                );
            }
        }
        self.keep_in_view();
    }

    fn filter_key(&mut self, key: &KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.filter.clear();
                self.mode = Mode::Normal;
            }
            KeyCode::Enter => self.mode = Mode::Normal,
            KeyCode::Backspace => self.filter.backspace(),
            KeyCode::Left => self.filter.left(),
            KeyCode::Right => self.filter.right(),
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.filter.clear();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.filter.insert(c);
            }
            _ => return,
        }
        self.cursor = (0, 0);
        self.scroll = (0, 0);
        self.refilter();
    }

    fn form_key(&mut self, key: &KeyEvent) -> Effect {
        let Mode::Form(form) = &mut self.mode else {
            return Effect::None;
        };
        if let Some(action) = lookup(&[Scope::Form], key) {
            match action {
                Action::NextField => form.next(),
                Action::PrevField => form.prev(),
                Action::Cancel => self.mode = Mode::Normal,
                Action::Accept => self.accept_form(),
                _ => {}
            }
            return Effect::None;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            match key.code {
                KeyCode::Char('u') => form.focused().clear(),
                KeyCode::Char('s') => self.accept_form(),
                _ => return Effect::None,
            }
        } else {
            match key.code {
                KeyCode::Char(c) => form.focused().insert(c),
                KeyCode::Backspace => form.focused().backspace(),
                KeyCode::Delete => form.focused().delete(),
                KeyCode::Left => form.focused().left(),
                KeyCode::Right => form.focused().right(),
                KeyCode::Home => form.focused().home(),
                KeyCode::End => form.focused().end(),
                _ => return Effect::None,
            }
        }
        if let Mode::Form(form) = &mut self.mode {
            form.typed(&self.plan);
        }
        Effect::None
    }

    fn accept_form(&mut self) {
        let Mode::Form(form) = &self.mode else {
            return;
        };
        match form.submit(&self.plan) {
            Ok(edit) => {
                let subject = form.subject;
                let message = describe(&edit);
                let new_id = match &edit {
                    Edit::InsertRow { row, .. } => Some(row.id.clone()),
                    Edit::InsertPerson { person, .. } => Some(person.id.clone()),
                    Edit::InsertDepartment { department, .. } => Some(department.id.clone()),
                    _ => None,
                };
                self.mode = Mode::Normal;
                if self.apply(edit) {
                    self.say(message, false);
                    if let Some(id) = new_id {
                        self.focus_on(subject, &id);
                    }
                }
            }
            Err((key, message)) => {
                if let Mode::Form(form) = &mut self.mode {
                    if let Some(i) = form.fields.iter().position(|f| f.key == key) {
                        form.focus = i;
                    }
                    form.error = Some(format!("{}: {message}", key.label()));
                }
            }
        }
    }

    /// Puts the cursor on the entity with this id in the current view.
    fn focus_on(&mut self, subject: Subject, id: &str) {
        match subject {
            Subject::Row => {
                if let Some(r) = self.plan.rows.iter().position(|r| r.id == id) {
                    if self.view == View::Matrix {
                        if let Some(i) = self.rows.iter().position(|&x| x == r) {
                            self.cursor.0 = i;
                        }
                    } else {
                        self.list[0].0 = r;
                    }
                }
            }
            Subject::Person => {
                if let Some(i) = self.plan.people.iter().position(|p| p.id == id) {
                    self.list[1].0 = i;
                }
            }
            Subject::Department => {
                if let Some(i) = self.plan.departments.iter().position(|d| d.id == id) {
                    self.list[2].0 = i;
                }
            }
        }
        self.keep_in_view();
    }

    fn mouse(&mut self, mouse: MouseEvent) {
        if self.mode != Mode::Normal {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => {
                self.step(3, 0);
            }
            MouseEventKind::ScrollUp => {
                self.step(-3, 0);
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if self.view == View::Matrix {
                    if let Some((r, c)) = super::view::matrix_hit(self, mouse.column, mouse.row) {
                        self.cursor = (r, c);
                        self.keep_in_view();
                    }
                } else if let Some(line) = super::view::list_hit(self, mouse.row) {
                    self.list[self.view.index() - 1].0 = line;
                    self.keep_in_view();
                }
            }
            _ => {}
        }
    }

    /// The problems of the focused cell, then of its row, for the details line.
    #[must_use]
    pub fn focused_problems(&self) -> Vec<&Problem> {
        let mut out = Vec::new();
        if let (Some(r), Some(col)) = (self.focused_row(), self.focused_column()) {
            if let Some(list) = self.derived.cell_problems.get(&(r, col.id.clone())) {
                out.extend(list.iter().map(|&i| &self.derived.problems[i]));
            }
            if let Some(list) = self.derived.row_problems.get(&r) {
                out.extend(
                    list.iter().map(|&i| &self.derived.problems[i]).filter(|p| {
                        p.party.is_none() || p.party.as_deref() != Some(col.id.as_str())
                    }),
                );
            }
        }
        // The worst first; the cell's own before the row's.
        out.sort_by_key(|p| p.severity());
        out
    }
}

fn plural<N: Copy + PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) { "" } else { "s" }
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::Accountable => "accountable",
        Role::Responsible => "responsible",
        Role::Consulted => "consulted",
        Role::Informed => "informed",
    }
}

/// A few words for the status line about what an edit does.
fn describe(edit: &Edit) -> String {
    match edit {
        Edit::Row(row) => format!("changed {}", row.name),
        Edit::InsertRow { row, .. } => format!("added {}", row.name),
        Edit::RemoveRow(id) | Edit::RemovePerson(id) | Edit::RemoveDepartment(id) => {
            format!("removed `{id}`")
        }
        Edit::Person(p) => format!("changed {}", p.name),
        Edit::InsertPerson { person, .. } => format!("added {}", person.name),
        Edit::Department(d) => format!("changed {}", d.name),
        Edit::InsertDepartment { department, .. } => format!("added {}", department.name),
        Edit::Settings(_) => "changed the plan's settings".into(),
        Edit::Batch(edits) => {
            let last = edits
                .iter()
                .rev()
                .find(|e| !matches!(e, Edit::Row(_) | Edit::Settings(_) | Edit::Person(_)));
            last.or(edits.first())
                .map_or_else(|| "nothing".into(), describe)
        }
    }
}

fn page(height: usize) -> isize {
    isize::try_from(height.saturating_sub(1).max(1)).unwrap_or(1)
}

fn offset(at: usize, by: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    at.saturating_add_signed(by).min(len - 1)
}

/// The first visible line, so that `cursor` shows in a window of `height` lines.
fn fit_scroll(scroll: usize, cursor: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    // Never scrolled further than needed to fill the window (it may have grown).
    let mut scroll = scroll.min(len.saturating_sub(height));
    if cursor < scroll {
        scroll = cursor;
    } else if cursor >= scroll + height {
        scroll = cursor + 1 - height;
    }
    scroll
}
