//! Keys are data: one table says which key does what, where. The app turns a key into an
//! `Action` through it, and the help screen is printed from it, so the two never drift.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::model::Role;

/// What a key means, before the app decides what to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the cursor up, down, left or right.
    Up,
    Down,
    Left,
    Right,
    /// Move a screenful.
    PageUp,
    PageDown,
    /// Go to the first or the last column (in a list: the first or last line).
    Home,
    End,
    /// Turn a role on or off for the focused party on the focused row.
    Toggle(Role),
    /// Take every role on the focused row from the focused party.
    Clear,
    /// Take back the last change, or put it back.
    Undo,
    Redo,
    /// Mark the focused row reviewed today.
    Reviewed,
    /// Write the plan to its file.
    Save,
    /// Write the printable handout (an HTML page) beside the plan file.
    Handout,
    /// Leave steward (asks first when there are unsaved changes).
    Quit,
    /// Show every key.
    Help,
    /// Show only rows and parties whose names contain some text.
    Filter,
    /// Next or previous view: Matrix, Channels, People, Departments, Problems.
    NextView,
    PrevView,
    /// Add, edit or delete the focused channel, duty, person or department.
    New,
    Edit,
    Delete,
    /// Go to the cell a problem concerns.
    Jump,
    /// In a form or prompt: accept it.
    Accept,
    /// In a form, help or prompt: close it without doing anything.
    Cancel,
    /// In a form: the next or previous field.
    NextField,
    PrevField,
    /// In the quit prompt: save and quit, or quit without saving.
    Yes,
    No,
}

impl Action {
    /// Whether the action changes the plan (or saves it), which a read-only plan refuses.
    #[must_use]
    pub fn changes_plan(self) -> bool {
        matches!(
            self,
            Action::Toggle(_)
                | Action::Clear
                | Action::Undo
                | Action::Redo
                | Action::Reviewed
                | Action::Save
                | Action::New
                | Action::Edit
                | Action::Delete
        )
    }
}

/// Where a key works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every view.
    Anywhere,
    /// The matrix only.
    Matrix,
    /// Channels, People and Departments.
    Lists,
    /// The problems list.
    Problems,
    /// A form (new or edit).
    Form,
    /// A yes/no question.
    Prompt,
    /// The help screen.
    Help,
}

impl Scope {
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Scope::Anywhere => "Everywhere",
            Scope::Matrix => "Matrix",
            Scope::Lists => "Channels, People, Departments",
            Scope::Problems => "Problems",
            Scope::Form => "In a form",
            Scope::Prompt => "When steward asks",
            Scope::Help => "In this help",
        }
    }
}

/// One line of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// The key as the help shows it; empty for an alias listed just before.
    pub label: &'static str,
    pub description: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn key(
    scope: Scope,
    code: KeyCode,
    modifiers: KeyModifiers,
    action: Action,
    label: &'static str,
    description: &'static str,
) -> Binding {
    Binding {
        scope,
        code,
        modifiers,
        action,
        label,
        description,
    }
}

use Action as A;
use KeyCode as K;
use Scope as S;

/// Every key steward knows. Order is the order of the help screen.
pub const KEYMAP: &[Binding] = &[
    key(S::Anywhere, K::Up, NONE, A::Up, "↑ ↓ ← → / h j k l", "move"),
    key(S::Anywhere, K::Char('k'), NONE, A::Up, "", ""),
    key(S::Anywhere, K::Down, NONE, A::Down, "", ""),
    key(S::Anywhere, K::Char('j'), NONE, A::Down, "", ""),
    key(S::Anywhere, K::Left, NONE, A::Left, "", ""),
    key(S::Anywhere, K::Char('h'), NONE, A::Left, "", ""),
    key(S::Anywhere, K::Right, NONE, A::Right, "", ""),
    key(S::Anywhere, K::Char('l'), NONE, A::Right, "", ""),
    key(
        S::Anywhere,
        K::PageUp,
        NONE,
        A::PageUp,
        "PgUp PgDn",
        "move a screenful",
    ),
    key(S::Anywhere, K::PageDown, NONE, A::PageDown, "", ""),
    key(
        S::Anywhere,
        K::Home,
        NONE,
        A::Home,
        "Home End",
        "first / last column or line",
    ),
    key(S::Anywhere, K::End, NONE, A::End, "", ""),
    key(
        S::Anywhere,
        K::Tab,
        NONE,
        A::NextView,
        "Tab Shift-Tab",
        "next / previous view",
    ),
    key(S::Anywhere, K::BackTab, SHIFT, A::PrevView, "", ""),
    key(S::Anywhere, K::BackTab, NONE, A::PrevView, "", ""),
    key(
        S::Anywhere,
        K::Char('u'),
        NONE,
        A::Undo,
        "u",
        "undo the last change",
    ),
    key(S::Anywhere, K::Char('r'), CTRL, A::Redo, "Ctrl-r", "redo"),
    key(S::Anywhere, K::Char('s'), CTRL, A::Save, "Ctrl-s", "save"),
    key(
        S::Anywhere,
        K::Char('p'),
        NONE,
        A::Handout,
        "p",
        "print handout: write plan.html beside the plan",
    ),
    key(
        S::Anywhere,
        K::Char('/'),
        NONE,
        A::Filter,
        "/",
        "filter rows and columns by name (Esc clears)",
    ),
    key(S::Anywhere, K::Char('?'), NONE, A::Help, "?", "this help"),
    key(
        S::Anywhere,
        K::Char('q'),
        NONE,
        A::Quit,
        "q",
        "quit (asks when there are unsaved changes)",
    ),
    key(S::Anywhere, K::Char('c'), CTRL, A::Quit, "", ""),
    key(
        S::Matrix,
        K::Char('a'),
        NONE,
        A::Toggle(Role::Accountable),
        "a",
        "toggle Accountable: answers for the row (one person)",
    ),
    key(
        S::Matrix,
        K::Char('r'),
        NONE,
        A::Toggle(Role::Responsible),
        "r",
        "toggle Responsible: does the work",
    ),
    key(
        S::Matrix,
        K::Char('c'),
        NONE,
        A::Toggle(Role::Consulted),
        "c",
        "toggle Consulted: asked before",
    ),
    key(
        S::Matrix,
        K::Char('i'),
        NONE,
        A::Toggle(Role::Informed),
        "i",
        "toggle Informed: told after",
    ),
    key(
        S::Matrix,
        K::Char('x'),
        NONE,
        A::Clear,
        "x Delete",
        "clear the cell",
    ),
    key(S::Matrix, K::Delete, NONE, A::Clear, "", ""),
    key(
        S::Matrix,
        K::Char('t'),
        NONE,
        A::Reviewed,
        "t",
        "mark the row reviewed today",
    ),
    key(
        S::Matrix,
        K::Char('n'),
        NONE,
        A::New,
        "n",
        "new channel or duty",
    ),
    key(
        S::Matrix,
        K::Char('e'),
        NONE,
        A::Edit,
        "e",
        "edit the focused row",
    ),
    key(
        S::Matrix,
        K::Char('d'),
        NONE,
        A::Delete,
        "d",
        "delete the focused row (asks first)",
    ),
    key(S::Lists, K::Char('n'), NONE, A::New, "n", "new entry"),
    key(
        S::Lists,
        K::Char('e'),
        NONE,
        A::Edit,
        "e Enter",
        "edit the focused entry",
    ),
    key(S::Lists, K::Enter, NONE, A::Edit, "", ""),
    key(
        S::Lists,
        K::Char('d'),
        NONE,
        A::Delete,
        "d",
        "delete the focused entry (asks first)",
    ),
    key(
        S::Lists,
        K::Char('t'),
        NONE,
        A::Reviewed,
        "t",
        "mark the channel or duty reviewed today",
    ),
    key(
        S::Problems,
        K::Enter,
        NONE,
        A::Jump,
        "Enter",
        "go to the cell or row the problem concerns",
    ),
    key(S::Form, K::Enter, NONE, A::Accept, "Enter", "save the form"),
    key(
        S::Form,
        K::Esc,
        NONE,
        A::Cancel,
        "Esc",
        "close without saving",
    ),
    key(
        S::Form,
        K::Tab,
        NONE,
        A::NextField,
        "Tab Shift-Tab ↑ ↓",
        "next / previous field",
    ),
    key(S::Form, K::Down, NONE, A::NextField, "", ""),
    key(S::Form, K::BackTab, SHIFT, A::PrevField, "", ""),
    key(S::Form, K::BackTab, NONE, A::PrevField, "", ""),
    key(S::Form, K::Up, NONE, A::PrevField, "", ""),
    key(
        S::Prompt,
        K::Char('y'),
        NONE,
        A::Yes,
        "y",
        "yes (when quitting: save, then quit)",
    ),
    key(S::Prompt, K::Enter, NONE, A::Yes, "", ""),
    key(
        S::Prompt,
        K::Char('n'),
        NONE,
        A::No,
        "n",
        "no (when quitting: quit without saving)",
    ),
    key(
        S::Prompt,
        K::Esc,
        NONE,
        A::Cancel,
        "Esc",
        "stay, do nothing",
    ),
    key(
        S::Help,
        K::Esc,
        NONE,
        A::Cancel,
        "Esc ? q",
        "close the help",
    ),
    key(S::Help, K::Char('?'), NONE, A::Cancel, "", ""),
    key(S::Help, K::Char('q'), NONE, A::Cancel, "", ""),
    key(S::Help, K::Up, NONE, A::Up, "↑ ↓ PgUp PgDn", "scroll"),
    key(S::Help, K::Char('k'), NONE, A::Up, "", ""),
    key(S::Help, K::Down, NONE, A::Down, "", ""),
    key(S::Help, K::Char('j'), NONE, A::Down, "", ""),
    key(S::Help, K::PageUp, NONE, A::PageUp, "", ""),
    key(S::Help, K::PageDown, NONE, A::PageDown, "", ""),
];

/// The action of `key` in the first of `scopes` that binds it.
#[must_use]
pub fn lookup(scopes: &[Scope], key: &KeyEvent) -> Option<Action> {
    // Shift is part of the character for letters and symbols: `?` arrives as Shift+'?'.
    let mods = if matches!(key.code, KeyCode::Char(_)) {
        key.modifiers - KeyModifiers::SHIFT
    } else {
        key.modifiers
    };
    scopes.iter().find_map(|scope| {
        KEYMAP
            .iter()
            .find(|b| b.scope == *scope && b.code == key.code && b.modifiers == mods)
            .map(|b| b.action)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                assert!(
                    !(a.scope == b.scope && a.code == b.code && a.modifiers == b.modifiers),
                    "{:?} {:?} is bound twice",
                    a.scope,
                    a.code
                );
            }
        }
    }

    #[test]
    fn every_action_has_a_described_line() {
        let mut seen_label = false;
        for b in KEYMAP {
            if b.label.is_empty() {
                assert!(seen_label, "an alias must follow a described key: {b:?}");
            } else {
                assert!(!b.description.is_empty(), "{b:?}");
                seen_label = true;
            }
        }
    }

    #[test]
    fn the_first_scope_wins() {
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Scope::Matrix, Scope::Anywhere], &c),
            Some(Action::Toggle(Role::Consulted))
        );
        let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Scope::Anywhere], &question), Some(Action::Help));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&[Scope::Matrix, Scope::Anywhere], &ctrl_c),
            Some(Action::Quit)
        );
    }
}
