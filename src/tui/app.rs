//! The app: the editor and the state of the screen around it (which view, where the
//! cursors are, what the filter lets through, what the status line says, which box is
//! open). A key becomes an `Action` through the keymap, an action changes the state, and
//! anything that needs the outside world (saving, writing the handout, quitting) comes
//! back as an `Effect` for the loop to carry out; what the loop learns from the outside
//! comes in as a `Notice`. Nothing here touches the terminal or the file system.

mod change;
mod modes;
mod navigate;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, KeyModifiers};

pub use modes::{Confirm, Effect, Mode, Notice, Status, View};
pub use navigate::{Cursor, Cursors};

use super::derived::{Column, Derived};
use super::editor::Editor;
use super::form::Input;
use super::keymap::{Action, Scope, lookup};
use crate::model::Plan;
use crate::model::rules::Problem;
use crate::store::Loaded;
use crate::text::plural;

/// The whole state of the app.
#[derive(Debug, Clone)]
pub struct App {
    /// The plan's path, as shown.
    file: PathBuf,
    editor: Editor,
    view: View,
    mode: Mode,
    filter: Input,
    /// Indices into `plan.rows` and `derived.columns` that the filter lets through.
    rows: Vec<usize>,
    cols: Vec<usize>,
    cursors: Cursors,
    /// The terminal's size, as last reported.
    size: (u16, u16),
    /// Why the plan may not be edited here (another steward holds it), if so.
    read_only: Option<String>,
    status: Option<Status>,
}

impl App {
    #[must_use]
    pub fn new(file: PathBuf, editor: Editor) -> Self {
        let mut app = App {
            file,
            editor,
            view: View::Matrix,
            mode: Mode::Normal,
            filter: Input::default(),
            rows: Vec::new(),
            cols: Vec::new(),
            cursors: Cursors::default(),
            size: (80, 24),
            read_only: None,
            status: None,
        };
        app.refilter();
        app
    }

    /// An app on a plan's text, as if read from `file`.
    ///
    /// # Errors
    /// The text is not a plan; the message says where and why.
    pub fn from_text(file: &str, text: &str, today: NaiveDate) -> Result<Self, String> {
        Ok(App::new(
            PathBuf::from(file),
            Editor::from_text(text, today)?,
        ))
    }

    #[must_use]
    pub fn file(&self) -> &Path {
        &self.file
    }

    #[must_use]
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    #[must_use]
    pub fn plan(&self) -> &Plan {
        self.editor.plan()
    }

    #[must_use]
    pub fn derived(&self) -> &Derived {
        self.editor.derived()
    }

    #[must_use]
    pub fn today(&self) -> NaiveDate {
        self.editor.today()
    }

    #[must_use]
    pub fn view(&self) -> View {
        self.view
    }

    #[must_use]
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    #[must_use]
    pub fn filter(&self) -> &Input {
        &self.filter
    }

    /// The rows the filter lets through, as indices into `plan.rows`, in order.
    #[must_use]
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The columns the filter lets through, as indices into `derived.columns`.
    #[must_use]
    pub fn cols(&self) -> &[usize] {
        &self.cols
    }

    #[must_use]
    pub fn cursors(&self) -> &Cursors {
        &self.cursors
    }

    #[must_use]
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    #[must_use]
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    #[must_use]
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Whether the plan differs from what was last saved (undo can make it the same).
    #[must_use]
    pub fn modified(&self) -> bool {
        self.editor.modified()
    }

    /// The file's text as it would be saved now.
    #[must_use]
    pub fn text(&self) -> String {
        self.editor.text()
    }

    /// Replaces the plan with one read again from disk, or recovered (see
    /// `Editor::replace`), and keeps the screen in step.
    ///
    /// # Errors
    /// The text cannot be edited as a document; nothing changed.
    pub fn replace(&mut self, loaded: Loaded, modified: bool, edits: u64) -> Result<(), String> {
        self.editor.replace(loaded, modified, edits)?;
        self.refilter();
        Ok(())
    }

    /// Says something on the status line, from the loop.
    pub fn tell(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(Status {
            text: text.into(),
            is_error,
        });
    }

    /// Hears what the loop learned from the outside world.
    pub fn notice(&mut self, notice: Notice) {
        match notice {
            Notice::ReadOnly(reason) => self.read_only = Some(reason),
            Notice::Recovery {
                edits,
                written,
                text,
            } => {
                self.mode = Mode::Confirm(Confirm::Recover {
                    edits,
                    written,
                    text,
                });
            }
            Notice::Conflict => self.mode = Mode::Confirm(Confirm::Conflict),
            Notice::Saved(Ok(())) => {
                self.editor.mark_saved();
                self.tell(format!("saved {}", self.file.display()), false);
            }
            Notice::Saved(Err(reason)) => self.tell(format!("not saved: {reason}"), true),
        }
    }

    /// Whether the app can hear of an outside change now (no box is open that it would
    /// interrupt).
    #[must_use]
    pub fn can_be_interrupted(&self) -> bool {
        matches!(self.mode, Mode::Normal | Mode::Help { .. } | Mode::Filter)
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

    /// The scopes the keyboard is in now, first to last.
    fn scopes(&self) -> &'static [Scope] {
        match &self.mode {
            Mode::Help { .. } => &[Scope::Help],
            Mode::Confirm(_) => &[Scope::Prompt],
            Mode::Filter => &[Scope::Filter, Scope::Text],
            Mode::Form(_) => &[Scope::Form, Scope::Text],
            Mode::Normal => self.view.scopes(),
        }
    }

    /// Handles one key.
    pub fn key(&mut self, key: &KeyEvent) -> Effect {
        let typing = matches!(self.mode, Mode::Filter | Mode::Form(_));
        match lookup(self.scopes(), key) {
            Some(action) => self.update(action),
            // In a text field, any other character is typed.
            None if typing => {
                if let ratatui::crossterm::event::KeyCode::Char(c) = key.code
                    && !key.modifiers.contains(KeyModifiers::CONTROL)
                {
                    self.type_char(c);
                }
                Effect::None
            }
            // Any other key closes the help.
            None if matches!(self.mode, Mode::Help { .. }) => self.update(Action::Cancel),
            None => Effect::None,
        }
    }

    /// What an action does.
    pub fn update(&mut self, action: Action) -> Effect {
        match &self.mode {
            Mode::Filter => {
                self.filter_action(action);
                return Effect::None;
            }
            Mode::Form(_) => {
                self.form_action(action);
                return Effect::None;
            }
            Mode::Confirm(confirm) => return self.answer(confirm.clone(), action),
            Mode::Help { scroll } => {
                let scroll = *scroll;
                self.status = None;
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
                return Effect::None;
            }
            Mode::Normal => {}
        }
        self.status = None;
        if action.changes_plan()
            && let Some(reason) = &self.read_only
        {
            self.tell(format!("read-only: {reason}"), true);
            return Effect::None;
        }
        match action {
            Action::Up => self.step(-1, 0),
            Action::Down => self.step(1, 0),
            Action::Left => self.step(0, -1),
            Action::Right => self.step(0, 1),
            Action::PageUp => self.step(-self.page(), 0),
            Action::PageDown => self.step(self.page(), 0),
            Action::Home => self.step_to_edge(false),
            Action::End => self.step_to_edge(true),
            Action::NextView => self.switch_view(1),
            Action::PrevView => self.switch_view(View::ALL.len() - 1),
            Action::Toggle(role) => self.toggle(role),
            Action::Clear => self.clear(),
            Action::Undo => self.undo_or_redo(super::editor::Direction::Undo),
            Action::Redo => self.undo_or_redo(super::editor::Direction::Redo),
            Action::Reviewed => self.reviewed(),
            Action::Save => return Effect::Save,
            Action::Handout => return Effect::Handout,
            Action::Quit => {
                if !self.modified() {
                    return Effect::Quit;
                }
                self.mode = Mode::Confirm(Confirm::Quit);
            }
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Filter => self.mode = Mode::Filter,
            Action::New => self.new_entity(),
            Action::Edit => self.edit_entity(),
            Action::Delete => self.delete_entity(),
            Action::Jump => self.jump(),
            Action::Accept
            | Action::Cancel
            | Action::NextField
            | Action::PrevField
            | Action::Yes
            | Action::No
            | Action::Text(_) => {}
        }
        Effect::None
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
                    self.tell(done, false);
                }
                Effect::None
            }
            (Confirm::Recover { text, edits, .. }, Action::Yes) => {
                self.mode = Mode::Normal;
                let restored = crate::store::from_bytes(text.as_bytes())
                    .map_err(|(text, e)| e.located(&text))
                    .and_then(|loaded| self.replace(loaded, true, edits));
                match restored {
                    Ok(()) => self.tell(
                        format!(
                            "restored {edits} unsaved edit{}; Ctrl-s saves them",
                            plural(edits)
                        ),
                        false,
                    ),
                    Err(e) => self.tell(format!("cannot restore the recovery file: {e}"), true),
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

    /// A key in the filter.
    fn filter_action(&mut self, action: Action) {
        match action {
            Action::Cancel => {
                self.filter.clear();
                self.mode = Mode::Normal;
            }
            Action::Accept => self.mode = Mode::Normal,
            Action::Text(edit) => self.filter.edit(edit),
            _ => return,
        }
        self.filter_changed();
    }

    /// A key in a form.
    fn form_action(&mut self, action: Action) {
        let Mode::Form(form) = &mut self.mode else {
            return;
        };
        match action {
            Action::NextField => form.next(),
            Action::PrevField => form.prev(),
            Action::Cancel => self.mode = Mode::Normal,
            Action::Accept => self.accept_form(),
            Action::Text(edit) => {
                form.focused().edit(edit);
                form.typed(self.editor.plan());
            }
            _ => {}
        }
    }

    /// A character typed into the filter or a form's field.
    fn type_char(&mut self, c: char) {
        match &mut self.mode {
            Mode::Filter => {
                self.filter.insert(c);
                self.filter_changed();
            }
            Mode::Form(form) => {
                form.focused().insert(c);
                form.typed(self.editor.plan());
            }
            _ => {}
        }
    }

    /// The focused row's index in `plan.rows`, in the matrix.
    #[must_use]
    pub fn focused_row(&self) -> Option<usize> {
        self.rows.get(self.cursors.row.at).copied()
    }

    /// The focused column, in the matrix.
    #[must_use]
    pub fn focused_column(&self) -> Option<&Column> {
        self.cols
            .get(self.cursors.col.at)
            .and_then(|&i| self.derived().columns.get(i))
    }

    /// The problems of the focused cell, then of its row, for the details line.
    #[must_use]
    pub fn focused_problems(&self) -> Vec<&Problem> {
        let derived = self.derived();
        let mut out = Vec::new();
        if let (Some(r), Some(col)) = (self.focused_row(), self.focused_column()) {
            if let Some(list) = derived.cell_problems.get(&(r, col.id.clone())) {
                out.extend(list.iter().map(|&i| &derived.problems[i]));
            }
            if let Some(list) = derived.row_problems.get(&r) {
                out.extend(
                    list.iter().map(|&i| &derived.problems[i]).filter(|p| {
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
