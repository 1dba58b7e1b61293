//! The words the app and the loop share: the views, what the keyboard is talking to
//! (`Mode`), the questions the app asks (`Confirm`), what it asks the loop to do
//! (`Effect`), and what the loop tells it (`Notice`).

use crate::model::edit::Edit;
use crate::tui::form::Form;
use crate::tui::keymap::{Action, Scope};

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

    /// Where the view's keys are looked up, first to last.
    pub(super) fn scopes(self) -> &'static [Scope] {
        match self {
            View::Matrix => &[Scope::Matrix, Scope::Anywhere],
            View::Problems => &[Scope::Problems, Scope::Anywhere],
            View::Channels | View::People | View::Departments => &[Scope::Lists, Scope::Anywhere],
        }
    }

    /// The scope whose keys the status line names for this view.
    #[must_use]
    pub fn scope(self) -> Scope {
        self.scopes()[0]
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
    /// What each answer does, in the words of this question.
    #[must_use]
    pub fn answers(&self) -> &'static [(Action, &'static str)] {
        match self {
            Confirm::Quit => &[
                (Action::Yes, "save and quit"),
                (Action::No, "quit without saving"),
                (Action::Cancel, "stay"),
            ],
            Confirm::Delete { .. } => &[
                (Action::Yes, "delete"),
                (Action::No, "keep it"),
                (Action::Cancel, "keep it"),
            ],
            Confirm::Recover { .. } => &[
                (Action::Yes, "restore them"),
                (Action::No, "set them aside (kept in .recovery.old)"),
            ],
            Confirm::Conflict => &[
                (Action::Yes, "keep mine (theirs goes to .theirs)"),
                (Action::No, "take theirs (mine goes to .mine)"),
            ],
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

/// What the loop learned from the outside world and tells the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another steward holds the plan: edits are refused, and this says why.
    ReadOnly(String),
    /// A recovery file holds edits that were never saved.
    Recovery {
        edits: u64,
        written: String,
        text: String,
    },
    /// The file changed on disk while there are unsaved edits.
    Conflict,
    /// How a save went.
    Saved(Result<(), String>),
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}
