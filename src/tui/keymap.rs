//! Keys are data: one table says which key does what, where. The app turns a key into an
//! `Action` through it; the help screen, the status line's hints and every dialog's
//! answers are printed from it, with key labels made from the key codes, so what the
//! screen says about a key and what the key does never drift apart.
//!
//! The table is long because it is the whole keyboard; it is one idea.

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
    /// Edit the plan's own settings: its name, lead, review period and limits.
    Settings,
    /// Make the focused party the only one accountable on the row; the others who were
    /// accountable become responsible.
    MakeAccountable,
    /// Fix the focused problem (asks first).
    Fix,
    /// What the focused person holds, and what breaks if they leave.
    WhatIf,
    /// Show only the rows with problems, or all of them again.
    OnlyBroken,
    /// In the Problems view: worst first, or in file order.
    Order,
    /// The matrix for a projector, or back.
    Present,
    /// What changed since the plan was opened.
    Changes,
    /// Every message so far, in full.
    Messages,
    /// In a form, the filter or a prompt: accept it.
    Accept,
    /// In a form, the filter, help or a prompt: close it without doing anything.
    Cancel,
    /// In a form: the next or previous field.
    NextField,
    PrevField,
    /// In a name field: take the chosen match, or choose the next or previous one.
    Complete,
    PickNext,
    PickPrev,
    /// In a name field: take the chosen match and save the form.
    CompleteAndAccept,
    /// In a name field: hide the matches (the form stays open).
    HideMatches,
    /// In a yes/no field: switch it.
    Switch,
    /// In the what-if panel: hand what is chosen over to someone, set the leaving date,
    /// and whether the logins and the lead are handed over too.
    HandOver,
    Leaving,
    Logins,
    Lead,
    /// In a prompt: the answer yes, or no.
    Yes,
    No,
    /// In a text field (the filter, a form's field): change the text or move in it.
    Text(TextEdit),
}

/// What a key does to the text of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    /// Remove the character before the cursor.
    Backspace,
    /// Remove the character under the cursor.
    Delete,
    /// Move the cursor one character, or to either end.
    Left,
    Right,
    Home,
    End,
    /// Empty the field.
    Clear,
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
                | Action::Settings
                | Action::MakeAccountable
                | Action::Fix
                | Action::HandOver
                | Action::Leaving
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
    /// The Channels list.
    Channels,
    /// The People list.
    People,
    /// The problems list.
    Problems,
    /// The workload view.
    Workload,
    /// Typing the filter.
    Filter,
    /// A form (new or edit).
    Form,
    /// A field of names, while it shows matches.
    Picker,
    /// A yes/no field.
    Toggle,
    /// Any text field: the filter and a form's fields. Other characters are typed.
    Text,
    /// A list to choose someone from.
    Pick,
    /// The what-if panel of a person.
    WhatIf,
    /// A yes/no question.
    Prompt,
    /// The help screen.
    Help,
    /// A box to read: the messages, what changed today.
    Panel,
}

impl Scope {
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Scope::Anywhere => "Everywhere",
            Scope::Matrix => "Matrix",
            Scope::Lists => "Channels, People, Departments",
            Scope::Channels => "Channels",
            Scope::People => "People",
            Scope::Problems => "Problems",
            Scope::Workload => "Workload",
            Scope::Filter => "In the filter",
            Scope::Form => "In a form",
            Scope::Picker => "In a field of names, while it shows matches",
            Scope::Toggle => "In a yes/no field",
            Scope::Text => "In a text field (filter, form)",
            Scope::Pick => "Choosing someone",
            Scope::WhatIf => "What if they leave",
            Scope::Prompt => "When steward asks",
            Scope::Help => "In this help",
            Scope::Panel => "In the messages and the changes",
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
    /// What the key does, as the help says it; empty for an alias of the key before it
    /// (the help then lists both keys on one line).
    pub description: &'static str,
    /// The word the status line shows beside the key, if it shows it at all.
    pub hint: &'static str,
    /// Whether the hint shows only where the plan cannot be changed (a mirror, a plan
    /// open in another steward): there the keys that change the plan are not shown, and
    /// these take their room.
    pub read_only_hint: bool,
}

impl Binding {
    /// The same key, its hint shown only where the plan cannot be changed.
    const fn hinted_when_read_only(self) -> Binding {
        Binding {
            read_only_hint: true,
            ..self
        }
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// A key with a line of help and a hint word for the status line.
const fn key(
    scope: Scope,
    code: KeyCode,
    modifiers: KeyModifiers,
    action: Action,
    description: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        scope,
        code,
        modifiers,
        action,
        description,
        hint,
        read_only_hint: false,
    }
}

/// Another key for what the key before it does.
const fn alias(scope: Scope, code: KeyCode, modifiers: KeyModifiers, action: Action) -> Binding {
    key(scope, code, modifiers, action, "", "")
}

use Action as A;
use KeyCode as K;
use Scope as S;

/// Every key steward knows. Order is the order of the help screen and of the hints.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    key(S::Anywhere, K::Up, NONE, A::Up, "move", "move").hinted_when_read_only(),
    key(S::Anywhere, K::Down, NONE, A::Down, "", "move").hinted_when_read_only(),
    key(S::Anywhere, K::Left, NONE, A::Left, "", "move").hinted_when_read_only(),
    key(S::Anywhere, K::Right, NONE, A::Right, "", "move").hinted_when_read_only(),
    alias(S::Anywhere, K::Char('h'), NONE, A::Left),
    alias(S::Anywhere, K::Char('j'), NONE, A::Down),
    alias(S::Anywhere, K::Char('k'), NONE, A::Up),
    alias(S::Anywhere, K::Char('l'), NONE, A::Right),
    key(S::Anywhere, K::PageUp, NONE, A::PageUp, "move a screenful", ""),
    alias(S::Anywhere, K::PageDown, NONE, A::PageDown),
    key(S::Anywhere, K::Home, NONE, A::Home, "first / last column or line", ""),
    alias(S::Anywhere, K::End, NONE, A::End),
    key(S::Anywhere, K::Tab, NONE, A::NextView, "next / previous view", "views"),
    alias(S::Anywhere, K::BackTab, SHIFT, A::PrevView),
    alias(S::Anywhere, K::BackTab, NONE, A::PrevView),
    key(S::Anywhere, K::Char('u'), NONE, A::Undo, "undo the last change", "undo"),
    key(S::Anywhere, K::Char('r'), CTRL, A::Redo, "redo", ""),
    key(S::Anywhere, K::Char('s'), CTRL, A::Save, "save", "save"),
    key(S::Anywhere, K::Char('p'), NONE, A::Handout, "print handout: write plan.html beside the plan", ""),
    key(S::Anywhere, K::Char('/'), NONE, A::Filter, "filter rows and columns by name", ""),
    key(S::Anywhere, K::Char('!'), NONE, A::OnlyBroken, "only the rows with problems (again: all)", ""),
    key(S::Anywhere, K::Esc, NONE, A::Cancel, "clear the filter, show every row", ""),
    key(S::Anywhere, K::Char('s'), NONE, A::Settings, "the plan's settings: name, lead, review period", ""),
    key(S::Anywhere, K::Char('P'), NONE, A::Present, "presenter mode: the matrix for a projector (again: back)", "presenter").hinted_when_read_only(),
    alias(S::Anywhere, K::F(5), NONE, A::Present),
    key(S::Anywhere, K::Char('D'), NONE, A::Changes, "what changed since the plan was opened", ""),
    key(S::Anywhere, K::Char('m'), NONE, A::Messages, "every message so far, in full", ""),
    key(S::Anywhere, K::Char('?'), NONE, A::Help, "this help", "help"),
    key(S::Anywhere, K::Char('q'), NONE, A::Quit, "quit (asks when there are unsaved changes)", "quit"),
    alias(S::Anywhere, K::Char('c'), CTRL, A::Quit),
    key(S::Matrix, K::Char('a'), NONE, A::Toggle(Role::Accountable), "toggle Accountable", "toggle"),
    key(S::Matrix, K::Char('r'), NONE, A::Toggle(Role::Responsible), "toggle Responsible", "toggle"),
    key(S::Matrix, K::Char('c'), NONE, A::Toggle(Role::Consulted), "toggle Consulted", "toggle"),
    key(S::Matrix, K::Char('i'), NONE, A::Toggle(Role::Informed), "toggle Informed", "toggle"),
    key(S::Matrix, K::Char('A'), NONE, A::MakeAccountable, "make this one the only accountable", ""),
    key(S::Matrix, K::Char('f'), NONE, A::Fix, "fix the focused cell's problem (asks first)", "fix"),
    key(S::Matrix, K::Char('w'), NONE, A::WhatIf, "what if this person leaves", ""),
    key(S::Matrix, K::Char('x'), NONE, A::Clear, "clear the cell", "clear"),
    alias(S::Matrix, K::Delete, NONE, A::Clear),
    key(S::Matrix, K::Char('t'), NONE, A::Reviewed, "mark the row reviewed today", ""),
    key(S::Matrix, K::Char('n'), NONE, A::New, "new channel or duty", ""),
    key(S::Matrix, K::Char('e'), NONE, A::Edit, "edit the focused row", ""),
    key(S::Matrix, K::Char('d'), NONE, A::Delete, "delete the focused row (asks first)", ""),
    key(S::Lists, K::Char('n'), NONE, A::New, "new entry", "new"),
    key(S::Lists, K::Char('f'), NONE, A::Fix, "fix the problem shown under the list (asks first)", "fix"),
    key(S::Lists, K::Char('e'), NONE, A::Edit, "edit the focused entry", "edit"),
    alias(S::Lists, K::Enter, NONE, A::Edit),
    key(S::Lists, K::Char('d'), NONE, A::Delete, "delete the focused entry (asks first)", "delete"),
    key(S::Channels, K::Char('t'), NONE, A::Reviewed, "mark the channel or duty reviewed today", ""),
    key(S::People, K::Char('w'), NONE, A::WhatIf, "what if this person leaves", ""),
    key(S::Problems, K::Char('f'), NONE, A::Fix, "fix the problem (asks first)", "fix"),
    key(S::Problems, K::Enter, NONE, A::Jump, "go to the cell or row the problem concerns", "go there"),
    key(S::Problems, K::Char('o'), NONE, A::Order, "worst first, or in file order", ""),
    key(S::Problems, K::Char('e'), NONE, A::Edit, "edit what the problem concerns: its row, its person, or the plan's settings", ""),
    key(S::Workload, K::Enter, NONE, A::Jump, "go to their column in the matrix", "go there"),
    key(S::Workload, K::Char('w'), NONE, A::WhatIf, "what if this person leaves", ""),
    key(S::Filter, K::Enter, NONE, A::Accept, "keep the filter and go back to the view", ""),
    key(S::Filter, K::Esc, NONE, A::Cancel, "clear the filter", ""),
    key(S::Form, K::Enter, NONE, A::Accept, "save the form", "saves"),
    alias(S::Form, K::Char('s'), CTRL, A::Accept),
    key(S::Form, K::Esc, NONE, A::Cancel, "close without saving", "cancels"),
    key(S::Form, K::Tab, NONE, A::NextField, "next / previous field", "next field"),
    alias(S::Form, K::BackTab, SHIFT, A::PrevField),
    alias(S::Form, K::BackTab, NONE, A::PrevField),
    alias(S::Form, K::Up, NONE, A::PrevField),
    alias(S::Form, K::Down, NONE, A::NextField),
    key(S::Picker, K::Tab, NONE, A::Complete, "take the chosen match and go on", "takes it"),
    key(S::Picker, K::Enter, NONE, A::CompleteAndAccept, "take the chosen match and save the form", "takes it and saves"),
    key(S::Picker, K::Down, NONE, A::PickNext, "choose another match", ""),
    alias(S::Picker, K::Up, NONE, A::PickPrev),
    key(S::Picker, K::Esc, NONE, A::HideMatches, "hide the matches (the form stays open)", "hides them"),
    key(S::Toggle, K::Char(' '), NONE, A::Switch, "switch between the two answers", "switches"),
    key(S::Text, K::Left, NONE, A::Text(TextEdit::Left), "move in the text", ""),
    alias(S::Text, K::Right, NONE, A::Text(TextEdit::Right)),
    alias(S::Text, K::Home, NONE, A::Text(TextEdit::Home)),
    alias(S::Text, K::End, NONE, A::Text(TextEdit::End)),
    key(S::Text, K::Backspace, NONE, A::Text(TextEdit::Backspace), "remove the character before the cursor", ""),
    key(S::Text, K::Delete, NONE, A::Text(TextEdit::Delete), "remove the character under the cursor", ""),
    key(S::Text, K::Char('u'), CTRL, A::Text(TextEdit::Clear), "empty the field", ""),
    key(S::Pick, K::Enter, NONE, A::Accept, "choose the marked one", "chooses"),
    key(S::Pick, K::Down, NONE, A::PickNext, "mark the next or previous one", ""),
    alias(S::Pick, K::Up, NONE, A::PickPrev),
    key(S::Pick, K::Esc, NONE, A::Cancel, "cancel: choose nobody, change nothing", "cancels"),
    key(S::WhatIf, K::Char('h'), NONE, A::HandOver, "hand what is marked over to someone", "hand over"),
    key(S::WhatIf, K::Char('a'), NONE, A::Toggle(Role::Accountable), "mark or unmark a role to hand over", ""),
    alias(S::WhatIf, K::Char('r'), NONE, A::Toggle(Role::Responsible)),
    alias(S::WhatIf, K::Char('c'), NONE, A::Toggle(Role::Consulted)),
    alias(S::WhatIf, K::Char('i'), NONE, A::Toggle(Role::Informed)),
    key(S::WhatIf, K::Char('g'), NONE, A::Logins, "mark or unmark the logins", ""),
    key(S::WhatIf, K::Char('L'), NONE, A::Lead, "mark or unmark the lead", ""),
    key(S::WhatIf, K::Char('l'), NONE, A::Leaving, "set the day they leave", "leaving date"),
    key(S::WhatIf, K::Esc, NONE, A::Cancel, "close", "closes"),
    alias(S::WhatIf, K::Char('w'), NONE, A::Cancel),
    key(S::Prompt, K::Char('y'), NONE, A::Yes, "yes (when quitting: save, then quit)", ""),
    alias(S::Prompt, K::Enter, NONE, A::Yes),
    key(S::Prompt, K::Char('n'), NONE, A::No, "no (when quitting: quit without saving)", ""),
    key(S::Prompt, K::Esc, NONE, A::Cancel, "stay, do nothing", ""),
    key(S::Panel, K::Esc, NONE, A::Cancel, "close", "closes"),
    alias(S::Panel, K::Char('q'), NONE, A::Cancel),
    alias(S::Panel, K::Char('m'), NONE, A::Cancel),
    alias(S::Panel, K::Char('D'), NONE, A::Cancel),
    key(S::Panel, K::Up, NONE, A::Up, "scroll", "scroll"),
    key(S::Panel, K::Down, NONE, A::Down, "", "scroll"),
    alias(S::Panel, K::Char('k'), NONE, A::Up),
    alias(S::Panel, K::Char('j'), NONE, A::Down),
    alias(S::Panel, K::PageUp, NONE, A::PageUp),
    alias(S::Panel, K::PageDown, NONE, A::PageDown),
    key(S::Help, K::Esc, NONE, A::Cancel, "close the help", "closes"),
    alias(S::Help, K::Char('?'), NONE, A::Cancel),
    alias(S::Help, K::Char('q'), NONE, A::Cancel),
    key(S::Help, K::Up, NONE, A::Up, "scroll", "scroll"),
    key(S::Help, K::Down, NONE, A::Down, "", "scroll"),
    alias(S::Help, K::Char('k'), NONE, A::Up),
    alias(S::Help, K::Char('j'), NONE, A::Down),
    alias(S::Help, K::PageUp, NONE, A::PageUp),
    alias(S::Help, K::PageDown, NONE, A::PageDown),
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

/// Where else `key` does something, for a key that does nothing here: the views that
/// bind it, and what it does there (as the help says it).
#[must_use]
pub fn elsewhere(key: &KeyEvent) -> Option<(Vec<&'static str>, &'static str)> {
    const VIEWS: [Scope; 6] = [
        Scope::Matrix,
        Scope::Lists,
        Scope::Channels,
        Scope::People,
        Scope::Problems,
        Scope::Workload,
    ];
    let mut views = Vec::new();
    let mut what = "";
    for scope in VIEWS {
        let Some(action) = lookup(&[scope], key) else {
            continue;
        };
        views.push(scope.title());
        if what.is_empty() {
            what = KEYMAP
                .iter()
                .find(|b| b.scope == scope && b.action == action && !b.description.is_empty())
                .map_or("", |b| b.description);
        }
    }
    (!views.is_empty()).then_some((views, what))
}

/// How a key is written: in full for the help (`Ctrl-s`), or short for a status line
/// that has little room (`^s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Full,
    Short,
}

/// A key as the screen names it, made from its code.
#[must_use]
pub fn label(code: KeyCode, modifiers: KeyModifiers, form: Label) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => return "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if modifiers.contains(KeyModifiers::CONTROL) {
        match form {
            Label::Full => format!("Ctrl-{base}"),
            Label::Short => format!("^{base}"),
        }
    } else {
        base
    }
}

/// The key that does `action` (its first binding in the table), as the screen names it.
#[must_use]
pub fn key_of(action: Action) -> Option<String> {
    KEYMAP
        .iter()
        .find(|b| b.action == action)
        .map(|b| label_of(b, Label::Short))
}

/// `key_of`, for a key every table binds: its label, or nothing if it is gone.
#[must_use]
pub fn key_label(action: Action) -> String {
    key_of(action).unwrap_or_default()
}

fn label_of(b: &Binding, form: Label) -> String {
    label(b.code, b.modifiers, form)
}

/// One line of the help: every key that does it, and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub scope: Scope,
    pub keys: String,
    pub description: &'static str,
}

/// The help's lines, in table order: each described key with its aliases, where the
/// plan can be changed (`editable`) or not: where it cannot, no key that would change it.
#[must_use]
pub fn help_lines_for(editable: bool) -> Vec<HelpLine> {
    let mut out: Vec<HelpLine> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for b in KEYMAP {
        if !editable && b.action.changes_plan() {
            continue;
        }
        if !b.description.is_empty() {
            keys.clear();
            out.push(HelpLine {
                scope: b.scope,
                keys: String::new(),
                description: b.description,
            });
        }
        let l = label_of(b, Label::Full);
        if !keys.contains(&l) {
            keys.push(l);
        }
        if let Some(last) = out.last_mut() {
            last.keys = keys.join(" ");
        }
    }
    out
}

/// A hint: keys and the word that says what they do (`a r c i` `toggle`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: Vec<String>,
    pub word: String,
}

/// The status line's hints for a view or a box, from the scopes' hint words in order:
/// keys that share a word one after the other are one hint.
#[must_use]
pub fn hints(scopes: &[Scope]) -> Vec<Hint> {
    hints_for(scopes, true)
}

/// The hints where the plan can be changed (`editable`) or not: where it cannot, no key
/// that would change it, and the hints for reading in their place (moving, presenter
/// mode).
#[must_use]
pub fn hints_for(scopes: &[Scope], editable: bool) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    for (i, scope) in scopes.iter().enumerate() {
        // A key an earlier scope binds does what that scope says, not this one.
        let taken = |b: &Binding| {
            KEYMAP.iter().any(|e| {
                scopes[..i].contains(&e.scope) && e.code == b.code && e.modifiers == b.modifiers
            })
        };
        let shown = |b: &Binding| {
            if editable {
                !b.read_only_hint
            } else {
                !b.action.changes_plan()
            }
        };
        for b in KEYMAP
            .iter()
            .filter(|b| b.scope == *scope && !b.hint.is_empty() && !taken(b) && shown(b))
        {
            let l = label_of(b, Label::Short);
            match out.last_mut() {
                Some(last) if last.word == b.hint => last.keys.push(l),
                _ => out.push(Hint {
                    keys: vec![l],
                    word: b.hint.to_string(),
                }),
            }
        }
    }
    out
}

/// The answers of a question, each action with the word that says what it does there,
/// given the keys the table binds to it: `y save and quit`.
#[must_use]
pub fn answers(scope: Scope, meanings: &[(Action, &str)]) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    for (action, word) in meanings {
        let Some(first) = KEYMAP
            .iter()
            .find(|b| b.scope == scope && b.action == *action)
        else {
            continue;
        };
        let l = label_of(first, Label::Short);
        match out.last_mut() {
            Some(last) if last.word == *word => last.keys.push(l),
            _ => out.push(Hint {
                keys: vec![l],
                word: (*word).to_string(),
            }),
        }
    }
    out
}

/// Hints as one line: `a r c i toggle · x clear`; keys that share a word are joined
/// with `joiner`.
#[must_use]
pub fn hint_line(hints: &[Hint], joiner: &str) -> String {
    hints
        .iter()
        .map(|h| format!("{} {}", h.keys.join(joiner), h.word))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Hints as one line of at most `width` cells: as many whole hints as fit, then `…`
/// when some did not, so a hint is never cut in the middle.
#[must_use]
pub fn hint_line_within(hints: &[Hint], joiner: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr as _;
    let whole = hint_line(hints, joiner);
    if whole.width() <= width {
        return whole;
    }
    let mut shown = String::new();
    for hint in hints {
        let next = format!("{} {}", hint.keys.join(joiner), hint.word);
        let longer = if shown.is_empty() {
            next
        } else {
            format!("{shown} · {next}")
        };
        // Room for ` …` after it.
        if longer.width() + 2 > width {
            break;
        }
        shown = longer;
    }
    if shown.is_empty() {
        crate::text::fit(&whole, width)
    } else {
        format!("{shown} …")
    }
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
    fn every_alias_follows_a_described_key_of_its_scope() {
        let mut scope = None;
        for b in KEYMAP {
            if b.description.is_empty() {
                assert_eq!(scope, Some(b.scope), "an alias must follow its key: {b:?}");
            } else {
                scope = Some(b.scope);
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

    #[test]
    fn labels_are_made_from_the_codes() {
        assert_eq!(label(KeyCode::Char('s'), CTRL, Label::Full), "Ctrl-s");
        assert_eq!(label(KeyCode::Char('s'), CTRL, Label::Short), "^s");
        assert_eq!(label(KeyCode::BackTab, SHIFT, Label::Full), "Shift-Tab");
        assert_eq!(label(KeyCode::F(5), NONE, Label::Full), "F5");
        let moves = help_lines_for(true)
            .into_iter()
            .next()
            .expect("a first line");
        assert_eq!(moves.keys, "↑ ↓ ← → h j k l");
        let tabs = help_lines_for(true)
            .into_iter()
            .find(|l| l.description.starts_with("next / previous view"))
            .expect("the views line");
        assert_eq!(tabs.keys, "Tab Shift-Tab", "Shift-Tab is listed once");
    }

    #[test]
    fn hints_merge_keys_that_share_a_word() {
        let line = hint_line(&hints(&[Scope::Matrix]), " ");
        assert_eq!(line, "a r c i toggle · f fix · x clear");
        let matrix = hints(&[Scope::Matrix]);
        assert_eq!(
            hint_line_within(&matrix, " ", 32),
            "a r c i toggle · f fix · x clear"
        );
        assert_eq!(
            hint_line_within(&matrix, " ", 31),
            "a r c i toggle · f fix …"
        );
        assert_eq!(hint_line_within(&matrix, " ", 8), "a r c i…");
        let read_only = hint_line(&hints_for(&[Scope::Matrix, Scope::Anywhere], false), " ");
        assert_eq!(
            read_only,
            "↑ ↓ ← → move · Tab views · P presenter · ? help · q quit"
        );
        let quit = answers(
            Scope::Prompt,
            &[
                (Action::Yes, "delete"),
                (Action::No, "keep it"),
                (Action::Cancel, "keep it"),
            ],
        );
        assert_eq!(hint_line(&quit, " or "), "y delete · n or Esc keep it");
    }
}
