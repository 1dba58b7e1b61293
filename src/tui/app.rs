//! The app: the editor and the state of the screen around it (which view, where the
//! cursors are, what the filter lets through, what the status line says, which box is
//! open). A key becomes an `Action` through the keymap, an action changes the state, and
//! anything that needs the outside world (saving, writing the handout, quitting) comes
//! back as an `Effect` for the loop to carry out; what the loop learns from the outside
//! comes in as a `Notice`. Nothing here touches the terminal or the file system.
//!
//! It is one file though long: the state and the one `update` that dispatches every
//! action, with what each action does in the rooms beside it (`boxes` for forms, prompts
//! and pickers, `change` for edits, `navigate` for the cursors, `room` for fixes and the
//! room's screens, `modes` for the kinds of box).

mod boxes;
mod change;
mod follow;
mod modes;
mod navigate;
pub mod present;
mod room;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use modes::{
    Confirm, Effect, Following, Mode, Notice, Panel, Picker, Purpose, Shrunk, Status, View, WhatIf,
};
pub use navigate::{Cursor, Cursors};

use super::derived::{Column, Derived};
use super::editor::{Direction, Editor, Placed, Placing};
use super::form::{Form, Input};
use super::keymap::{Action, Scope, lookup};
use super::{help, layout};
use crate::model::Plan;
use crate::model::rules::Problem;
use crate::store::Loaded;

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
    read_only: Option<ReadOnly>,
    status: Option<Status>,
    /// Whether the matrix shows only the rows with errors or warnings.
    only_broken: bool,
    /// The Problems view's lines, as indices into `derived.problems`: worst first, or
    /// (`file_order`) as the file has them.
    problems: Vec<usize>,
    file_order: bool,
    /// The problem Enter came from in the Problems view: the details line shows it
    /// first until the cursor moves.
    spotlight: Option<Problem>,
    /// The Workload view's lines: people, the busiest first, agencies after staff.
    workload: Vec<usize>,
    /// Whether the matrix is drawn for a projector.
    presenting: bool,
    /// Every message of the status line so far (the last ones), to read in full.
    log: Vec<Status>,
    /// The plan just saved, to read again for where its parts stand, until the loop
    /// takes it to do so away from the keys.
    placing: Option<Placing>,
    /// The what-if panel a form opened from it goes back to when it closes.
    form_from: Option<WhatIf>,
}

/// Why the plan may not be edited here.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ReadOnly {
    /// Another steward holds it.
    Held(String),
    /// This is a mirror of a plan edited in another steward, showing this.
    Mirror {
        reason: String,
        following: Following,
    },
}

/// Where a box to read is scrolled to after an action, a page being `page` lines;
/// `None` when the action closes it.
fn scrolled_by(scroll: usize, action: Action, page: usize) -> Option<usize> {
    match action {
        Action::Up => Some(scroll.saturating_sub(1)),
        Action::Down => Some(scroll.saturating_add(1)),
        Action::PageUp => Some(scroll.saturating_sub(page)),
        Action::PageDown => Some(scroll.saturating_add(page)),
        _ => None,
    }
}

/// How many messages the log keeps.
const LOG_LENGTH: usize = 200;

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
            only_broken: false,
            problems: Vec::new(),
            file_order: false,
            spotlight: None,
            workload: Vec::new(),
            presenting: false,
            log: Vec::new(),
            placing: None,
            form_from: None,
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

    /// Whether the matrix shows only the rows with errors or warnings.
    #[must_use]
    pub fn only_broken_rows(&self) -> bool {
        self.only_broken
    }

    /// The Problems view's lines in order, as indices into `derived.problems`.
    #[must_use]
    pub fn problem_lines(&self) -> &[usize] {
        &self.problems
    }

    /// The Workload view's lines in order, as indices into `plan.people`.
    #[must_use]
    pub fn workload_lines(&self) -> &[usize] {
        &self.workload
    }

    /// Whether the matrix is drawn for a projector.
    #[must_use]
    pub fn presenting(&self) -> bool {
        self.presenting
    }

    /// Whether this is a mirror of a plan edited in another steward.
    #[must_use]
    pub fn is_mirror(&self) -> bool {
        matches!(self.read_only, Some(ReadOnly::Mirror { .. }))
    }

    /// What a mirror shows now; `None` when this is no mirror.
    #[must_use]
    pub fn following(&self) -> Option<Following> {
        match &self.read_only {
            Some(ReadOnly::Mirror { following, .. }) => Some(*following),
            _ => None,
        }
    }

    /// What the title adds to the plan's name in a mirror: that it is one, whether what
    /// it shows is saved, and when the editor it follows has stopped.
    #[must_use]
    pub fn mirror_tag(&self) -> &'static str {
        match self.following() {
            None => "",
            Some(Following::EditorStopped) => " · mirror · the editor stopped",
            Some(Following::Unsaved) => " · mirror · unsaved edits",
            Some(Following::Saved) => " · mirror",
        }
    }

    /// The messages so far, oldest first.
    #[must_use]
    pub fn log(&self) -> &[Status] {
        &self.log
    }

    /// Whether the Problems view is in file order (else worst first).
    #[must_use]
    pub fn in_file_order(&self) -> bool {
        self.file_order
    }

    #[must_use]
    pub fn read_only(&self) -> Option<&str> {
        match &self.read_only {
            Some(ReadOnly::Held(reason) | ReadOnly::Mirror { reason, .. }) => Some(reason),
            None => None,
        }
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
        // A mirror's box of the day's changes follows the version it shows.
        if matches!(
            self.mode,
            Mode::Panel {
                panel: Panel::Changes(_),
                ..
            }
        ) {
            let fresh = self.changes_today();
            if let Mode::Panel {
                panel: Panel::Changes(changes),
                ..
            } = &mut self.mode
            {
                *changes = fresh;
            }
        }
        Ok(())
    }

    /// Says something on the status line, from the loop.
    pub fn tell(&mut self, text: impl Into<String>, is_error: bool) {
        let status = Status {
            text: text.into(),
            is_error,
        };
        if self.log.len() == LOG_LENGTH {
            self.log.remove(0);
        }
        self.log.push(status.clone());
        self.status = Some(status);
    }

    /// Hears what the loop learned from the outside world.
    pub fn notice(&mut self, notice: Notice) {
        match notice {
            Notice::ReadOnly(reason) => self.read_only = Some(ReadOnly::Held(reason)),
            Notice::Writable(reason) => {
                if matches!(self.read_only, Some(ReadOnly::Held(_))) {
                    self.read_only = None;
                }
                self.tell(reason, false);
            }
            Notice::Mirror(reason) => {
                self.tell(reason.clone(), false);
                self.read_only = Some(ReadOnly::Mirror {
                    reason,
                    following: Following::Saved,
                });
            }
            Notice::Following(now) => {
                if let Some(ReadOnly::Mirror { following, .. }) = &mut self.read_only {
                    *following = now;
                }
            }
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
            Notice::Conflict(broken) => self.mode = Mode::Confirm(Confirm::Conflict { broken }),
            Notice::Saved(Ok(())) => {
                self.placing = Some(self.editor.mark_saved());
                self.tell(format!("saved {}", self.file.display()), false);
            }
            Notice::Saved(Err(reason)) => self.tell(format!("not saved: {reason}"), true),
        }
    }

    /// The saved plan to read again for where its parts stand, once: the loop reads it
    /// on a thread of its own and hands back what it found to `placed`.
    pub fn take_placing(&mut self) -> Option<Placing> {
        self.placing.take()
    }

    /// Where each part of the saved plan stands, read from it (see `take_placing`).
    pub fn placed(&mut self, placed: Placed) {
        self.editor.placed(placed);
        self.refilter();
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
            Event::Mouse(_) | Event::Paste(_) if self.too_small() => Effect::None,
            Event::Mouse(mouse) => {
                self.mouse(*mouse);
                Effect::None
            }
            Event::Resize(w, h) => {
                self.size = (*w, *h);
                self.keep_in_view();
                Effect::None
            }
            Event::Paste(text) if self.typing() => {
                self.type_text(text);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// The scopes the keyboard is in now, first to last: what a key does, and what the
    /// box open now hints.
    #[must_use]
    pub fn scopes(&self) -> &'static [Scope] {
        match &self.mode {
            Mode::Help { .. } => &[Scope::Help],
            Mode::Confirm(_) => &[Scope::Prompt],
            Mode::Filter => &[Scope::Filter, Scope::Text],
            Mode::Form(form) if form.on_toggle() => &[Scope::Toggle, Scope::Form],
            Mode::Form(form) if !form.suggestions.is_empty() => {
                &[Scope::Picker, Scope::Form, Scope::Text]
            }
            Mode::Form(_) => &[Scope::Form, Scope::Text],
            Mode::Pick(_) => &[Scope::Pick, Scope::Text],
            Mode::WhatIf(_) => &[Scope::WhatIf],
            Mode::Panel { .. } => &[Scope::Panel],
            Mode::Normal => self.view.scopes(),
        }
    }

    /// Whether keys that mean nothing else are typed as text now.
    fn typing(&self) -> bool {
        match &self.mode {
            Mode::Filter | Mode::Pick(_) => true,
            Mode::Form(form) => !form.on_toggle(),
            _ => false,
        }
    }

    /// What the keys can do while the screen is too small to show the plan.
    #[must_use]
    pub fn shrunk(&self) -> Shrunk<'_> {
        match &self.mode {
            Mode::Confirm(confirm) => Shrunk::Asks(confirm),
            Mode::Form(_) | Mode::Pick(_) => Shrunk::Waits,
            _ => Shrunk::Quits,
        }
    }

    /// Whether the screen is too small to show the plan.
    fn too_small(&self) -> bool {
        layout::too_small(self.size.0, self.size.1)
    }

    /// A key while the screen is too small to show what it would do: nothing, except
    /// quitting and answering a question, which the small screen shows.
    fn key_when_too_small(&mut self, key: &KeyEvent) -> Effect {
        match self.shrunk() {
            Shrunk::Asks(confirm) => match lookup(self.scopes(), key) {
                Some(action) if confirm.answers().iter().any(|(a, _)| *a == action) => {
                    self.update(action)
                }
                _ => Effect::None,
            },
            Shrunk::Quits if lookup(View::Matrix.scopes(), key) == Some(Action::Quit) => {
                self.mode = Mode::Normal;
                self.normal(Action::Quit)
            }
            Shrunk::Quits | Shrunk::Waits => Effect::None,
        }
    }

    /// Handles one key.
    pub fn key(&mut self, key: &KeyEvent) -> Effect {
        // Where a form goes back to is kept only while that form is open.
        if !matches!(self.mode, Mode::Form(_)) {
            self.form_from = None;
        }
        if self.too_small() {
            return self.key_when_too_small(key);
        }
        match lookup(self.scopes(), key) {
            Some(action) => self.update(action),
            // In a text field, any other character is typed.
            None if self.typing() => {
                if let KeyCode::Char(c) = key.code
                    && !key.modifiers.contains(KeyModifiers::CONTROL)
                {
                    self.type_text(&c.to_string());
                }
                Effect::None
            }
            // Any other key closes the help, and does not make a fix.
            None if matches!(
                self.mode,
                Mode::Help { .. } | Mode::Confirm(Confirm::Apply { .. })
            ) =>
            {
                self.update(Action::Cancel)
            }
            // A key of another view: say where it works, rather than nothing at all.
            None if self.mode == Mode::Normal => {
                if let Some((views, what)) = crate::tui::keymap::elsewhere(key) {
                    let name = crate::tui::keymap::label(
                        key.code,
                        key.modifiers,
                        crate::tui::keymap::Label::Full,
                    );
                    self.tell(
                        format!("{name} works in {}: {what}", crate::text::and_list(&views)),
                        false,
                    );
                }
                Effect::None
            }
            None => Effect::None,
        }
    }

    /// How many lines a read-only box shows at this size, and how far down it scrolls.
    fn panel_extent(&self, panel: &Panel) -> (usize, usize) {
        let width = layout::panel_inner_width(self.size.0);
        let bullets = |texts: &mut dyn Iterator<Item = &str>| {
            texts
                .map(|t| layout::bullet_lines(t, width).len())
                .sum::<usize>()
        };
        let lines = match panel {
            Panel::Messages => bullets(&mut self.log.iter().map(|s| s.text.as_str())),
            Panel::Changes(changes) => bullets(&mut changes.iter().map(String::as_str)),
        }
        .max(1);
        let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let shown = usize::from(layout::panel_box(screen, lines).height.saturating_sub(2)).max(1);
        (shown, lines.saturating_sub(shown))
    }

    /// How many lines the help box shows at this size, and how far down it scrolls.
    fn help_extent(&self) -> (usize, usize) {
        let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let rect = layout::help_box(screen);
        let shown = usize::from(rect.height.saturating_sub(2)).max(1);
        let width = usize::from(rect.width.saturating_sub(2));
        let lines = help::help_lines(self.read_only().is_none());
        let rows = help::rows(&lines, width).len();
        (shown, rows.saturating_sub(shown))
    }

    /// What an action does.
    pub fn update(&mut self, action: Action) -> Effect {
        match &self.mode {
            Mode::Normal => return self.normal(action),
            Mode::Confirm(confirm) => return self.answer(confirm.clone(), action),
            Mode::Help { scroll } => {
                self.status = None;
                // A page is what the box shows, and the last line stops it: a key back
                // up always moves it.
                let (page, last) = self.help_extent();
                self.mode =
                    scrolled_by(*scroll, action, page).map_or(Mode::Normal, |scroll| Mode::Help {
                        scroll: scroll.min(last),
                    });
            }
            Mode::Filter => self.filter_action(action),
            Mode::Form(_) => self.form_action(action),
            Mode::Pick(_) => self.pick_action(action),
            Mode::WhatIf(_) => self.whatif_action(action),
            Mode::Panel { panel, scroll } => {
                let (page, last) = self.panel_extent(panel);
                // From where it shows: the messages open at their end (`usize::MAX`).
                match scrolled_by((*scroll).min(last), action, page) {
                    None => self.mode = Mode::Normal,
                    Some(to) => {
                        if let Mode::Panel { scroll, .. } = &mut self.mode {
                            *scroll = to.min(last);
                        }
                    }
                }
            }
        }
        Effect::None
    }

    /// What an action does in a view, with no box open.
    fn normal(&mut self, action: Action) -> Effect {
        self.status = None;
        if action.changes_plan()
            && let Some(reason) = self.read_only().map(String::from)
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
            Action::Undo => self.undo_or_redo(Direction::Undo),
            Action::Redo => self.undo_or_redo(Direction::Redo),
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
            Action::Cancel => self.show_everything(),
            Action::OnlyBroken => self.only_broken(),
            Action::New => self.new_entity(),
            Action::Edit => self.edit_entity(),
            Action::Delete => self.delete_entity(),
            Action::Jump => self.jump(),
            Action::Settings => {
                self.mode = Mode::Form(Form::settings(self.editor.plan()));
            }
            Action::MakeAccountable => self.make_accountable(),
            Action::Fix => self.fix(),
            Action::WhatIf => self.what_if(),
            Action::Order => self.reorder_problems(),
            Action::Present => self.present(),
            Action::Changes => {
                self.mode = Mode::Panel {
                    panel: Panel::Changes(self.changes_today()),
                    // The end of the messages, the start of the changes.
                    scroll: 0,
                };
            }
            Action::Messages => {
                self.mode = Mode::Panel {
                    panel: Panel::Messages,
                    scroll: usize::MAX,
                };
            }
            Action::Accept
            | Action::NextField
            | Action::PrevField
            | Action::Complete
            | Action::PickNext
            | Action::PickPrev
            | Action::HideMatches
            | Action::CompleteAndAccept
            | Action::Switch
            | Action::HandOver
            | Action::Leaving
            | Action::Logins
            | Action::Lead
            | Action::Yes
            | Action::No
            | Action::Text(_) => {}
        }
        Effect::None
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
            out.extend(derived.problems_of_cell(r, &col.id));
            out.extend(
                derived
                    .problems_of_row(r)
                    .filter(|p| p.party.is_none() || p.party.as_deref() != Some(col.id.as_str())),
            );
        }
        // The worst first; the cell's own before the row's; the one Enter came from
        // before all.
        out.sort_by_key(|p| (Some(*p) != self.spotlight.as_ref(), p.severity()));
        out
    }
}
