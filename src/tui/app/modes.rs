//! The words the app and the loop share: the views, what the keyboard is talking to
//! (`Mode`), the questions the app asks (`Confirm`), what it asks the loop to do
//! (`Effect`), and what the loop tells it (`Notice`).

use crate::model::edit::Edit;
use crate::model::fix::Then;
use crate::model::whatif::Handing;
use crate::model::{Id, Plan};
use crate::text;
use crate::tui::form::{Form, Input};
use crate::tui::keymap::{Action, Scope};

/// The views, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Matrix,
    Channels,
    People,
    Departments,
    Workload,
    Problems,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Matrix,
        View::Channels,
        View::People,
        View::Departments,
        View::Workload,
        View::Problems,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            View::Matrix => "Matrix",
            View::Channels => "Channels",
            View::People => "People",
            View::Departments => "Departments",
            View::Workload => "Workload",
            View::Problems => "Problems",
        }
    }

    /// The title where the whole ones do not fit: a word still, never a stub.
    #[must_use]
    pub fn short_title(self) -> &'static str {
        match self {
            View::Departments => "Depts",
            v => v.title(),
        }
    }

    /// Where the view's keys are looked up, first to last.
    #[must_use]
    pub fn scopes(self) -> &'static [Scope] {
        match self {
            View::Matrix => &[Scope::Matrix, Scope::Anywhere],
            View::Problems => &[Scope::Problems, Scope::Anywhere],
            View::Channels => &[Scope::Channels, Scope::Lists, Scope::Anywhere],
            View::People => &[Scope::People, Scope::Lists, Scope::Anywhere],
            View::Departments => &[Scope::Lists, Scope::Anywhere],
            View::Workload => &[Scope::Workload, Scope::Anywhere],
        }
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
    /// (theirs is kept in a file), n takes theirs (this one is kept in a file). When
    /// what is on disk is not a valid plan (why, in `broken`), it cannot be taken: Esc
    /// waits for it to be mended there instead.
    Conflict { broken: Option<String> },
    /// A fix or a hand-over, said in one sentence, with the errors and warnings it would
    /// still leave behind (in words): y makes it, any other key does not.
    Apply {
        sentence: String,
        edit: Box<Edit>,
        brings: Vec<String>,
    },
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
            Confirm::Conflict { broken: None } => &[
                (Action::Yes, "keep mine (theirs goes to .theirs)"),
                (Action::No, "take theirs (mine goes to .mine)"),
            ],
            Confirm::Conflict { broken: Some(_) } => &[
                (Action::Yes, "keep mine (theirs goes to .theirs)"),
                (Action::Cancel, "wait while it is mended there"),
            ],
            Confirm::Apply { .. } => &[(Action::Yes, "do it"), (Action::No, "leave it as it is")],
        }
    }
}

/// What the keys can do while the screen is too small to show the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shrunk<'a> {
    /// Quit (which may ask first, if there are unsaved edits).
    Quits,
    /// Answer the question asked.
    Asks(&'a Confirm),
    /// Nothing: a form or a picker waits, as typed, for a larger screen.
    Waits,
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
    /// Choosing someone from a list, for a fix or a hand-over.
    Pick(Picker),
    /// What a person holds and what would break if they left.
    WhatIf(WhatIf),
    /// A box of text to read: the messages so far, or what changed today.
    Panel {
        panel: Panel,
        scroll: usize,
    },
}

/// The boxes that are only read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Panel {
    /// Every message of the status line so far, in full.
    Messages,
    /// What changed since the plan was opened, in `steward diff`'s words: worked out
    /// when the box opens (and when a mirror shows a new version), not every frame.
    Changes(Vec<String>),
}

/// What a choice from a list is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A fix that needs someone chosen.
    Fix(Then),
    /// A hand-over of what `from` holds.
    HandOver { from: Id, what: Handing },
}

/// A list of people to choose from, narrowed by typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub question: String,
    /// Who may be chosen, best first.
    pub choices: Vec<Id>,
    pub input: Input,
    /// The chosen line among those that match the input.
    pub chosen: usize,
    pub purpose: Purpose,
}

impl Picker {
    /// Whether the list offers only people on staff who stay (so the ones it leaves out
    /// are worth naming).
    #[must_use]
    pub fn wants_staff(&self) -> bool {
        !matches!(
            self.purpose,
            Purpose::Fix(Then::Responsible { .. } | Then::Replace { .. })
        )
    }

    #[must_use]
    pub fn new(question: String, choices: Vec<Id>, purpose: Purpose) -> Self {
        Picker {
            question,
            choices,
            input: Input::default(),
            chosen: 0,
            purpose,
        }
    }

    /// The choices that match what is typed (by name or id, case and accents aside).
    #[must_use]
    pub fn matches<'a>(&'a self, plan: &Plan) -> Vec<&'a str> {
        let typed = self.input.text();
        let mut ranked: Vec<(u8, usize, &str)> = self
            .choices
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let name = plan.party(id).map_or(id.as_str(), |p| p.name());
                Some((text::match_rank(name, id, typed)?, i, id.as_str()))
            })
            .collect();
        ranked.sort_unstable();
        ranked.into_iter().map(|(_, _, id)| id).collect()
    }
}

/// The what-if panel of one person: what a hand-over from them passes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub person: Id,
    pub what: Handing,
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
    /// The steward that held the plan closed it: this one edits it now, and this says so.
    Writable(String),
    /// This steward is a mirror of a plan edited elsewhere: edits are refused, the
    /// screen says it is a mirror, and this says why.
    Mirror(String),
    /// What the mirror shows now.
    Following(Following),
    /// A recovery file holds edits that were never saved.
    Recovery {
        edits: u64,
        written: String,
        text: String,
    },
    /// The file changed on disk while there are unsaved edits; why it is not a valid
    /// plan now, when it is not.
    Conflict(Option<String>),
    /// How a save went.
    Saved(Result<(), String>),
}

/// What a mirror shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Following {
    /// The plan as saved (no steward has unsaved edits of it).
    Saved,
    /// The editor's unsaved edits, from its recovery file.
    Unsaved,
    /// The unsaved edits of an editor that stopped without saving them (it was killed,
    /// say): they are kept in its recovery file, for the next steward to offer back.
    EditorStopped,
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}
