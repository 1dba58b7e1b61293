//! The plan being edited, apart from any screen: the plan, the file's document that
//! mirrors every edit so a save changes only what was edited, the undo and redo history,
//! and what is derived from the plan. Every change goes through `apply`, `undo`, `redo`
//! or `replace`, and each of them brings the derived facts up to date once.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::derived::Derived;
use crate::model::Plan;
use crate::model::SourceMap;
use crate::model::edit::{Edit, EditError};
use crate::store::{self, Coming, Document, Loaded, Patch};

/// One step of the history: the edit that undoes (or redoes) a change, the file's tables
/// as they were so the text comes back byte for byte, the state it leads back to, and
/// what the change was, in words ("deleted Ana Ruiz and 4 roles in the matrix").
#[derive(Debug, Clone)]
struct Step {
    edit: Edit,
    patch: Patch,
    to: u64,
    what: String,
}

/// Which way through the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

impl Direction {
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Direction::Undo => "undo",
            Direction::Redo => "redo",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Editor {
    plan: Plan,
    /// The plan as it was opened: what the day's changes are counted from.
    opened: Opened,
    doc: Doc,
    today: NaiveDate,
    derived: Derived,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The plan's state as a number: each edit makes a new one; undo and redo go back to
    /// earlier ones.
    state: u64,
    last_state: u64,
    /// The text last saved (or loaded): unsaved means the text differs from it, so that
    /// an edit and its reverse leave nothing unsaved.
    saved: Option<String>,
    modified: bool,
    /// Where the saved plan stands in the history, counted in changes, so that the
    /// number of changes from it is known (undo counts back): how deep the history is
    /// now, how deep it was at the saved plan, and how deep the history and the way to
    /// the saved plan still agree (a new edit after undoing past it forks away).
    depth: u64,
    saved_depth: u64,
    shared_depth: u64,
}

/// The plan as steward opened it, kept as its text and read again the first time the
/// day's changes are asked for (the D panel, the handout): a copy of the plan itself
/// would cost every opening of a large plan time and memory for what is seldom asked.
#[derive(Debug, Clone)]
struct Opened {
    text: String,
    plan: Option<Plan>,
}

/// The text of a plan just saved, to be read again for where each part stands in it.
#[derive(Debug, Clone)]
pub struct Placing {
    text: String,
    today: NaiveDate,
    /// The editor's state the text is of.
    state: u64,
}

/// Where each part of a saved plan stands in its file, and what the rules find with
/// those places.
#[derive(Debug, Clone)]
pub struct Placed {
    state: u64,
    source: SourceMap,
    derived: Derived,
}

impl Placing {
    /// Reads the saved text again; `None` if it no longer reads (which a save refuses to
    /// write), and then the places stay as they were.
    #[must_use]
    pub fn run(self) -> Option<Placed> {
        let saved = store::parse(&self.text).ok()?;
        Some(Placed {
            state: self.state,
            derived: Derived::of(&saved, self.today),
            source: saved.source,
        })
    }
}

/// The file's document, read when it is first needed (the first edit): reading it costs
/// more than reading the plan, and the screen does not need it.
#[derive(Debug, Clone)]
enum Doc {
    /// Not read yet: its text, and where a reading already under way will arrive.
    Later(String, Option<Coming>),
    Read(Box<Document>),
}

impl Editor {
    #[must_use]
    pub fn new(plan: Plan, doc: Document, today: NaiveDate) -> Self {
        let text = doc.text();
        Editor::with(plan, Doc::Read(Box::new(doc)), text, today)
    }

    /// An editor on a plan just read, whose document is read when first needed: from
    /// `coming` when a reading is under way there, else then.
    #[must_use]
    pub fn open(loaded: Loaded, today: NaiveDate, coming: Option<Coming>) -> Self {
        let text = loaded.text.clone();
        Editor::with(loaded.plan, Doc::Later(loaded.text, coming), text, today)
    }

    fn with(plan: Plan, doc: Doc, saved: String, today: NaiveDate) -> Self {
        let derived = Derived::of(&plan, today);
        Editor {
            opened: Opened {
                text: saved.clone(),
                plan: None,
            },
            plan,
            doc,
            today,
            derived,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            last_state: 0,
            saved: Some(saved),
            modified: false,
            depth: 0,
            saved_depth: 0,
            shared_depth: 0,
        }
    }

    /// An editor on a plan's text, as if read from a file.
    ///
    /// # Errors
    /// The text is not a plan; the message says where and why.
    pub fn from_text(text: &str, today: NaiveDate) -> Result<Self, String> {
        let loaded = store::from_bytes(text.as_bytes()).map_err(|(text, e)| e.located(&text))?;
        Ok(Editor::open(loaded, today, None))
    }

    #[must_use]
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The plan as it was when steward opened it (read again from its text the first
    /// time), and the plan now.
    pub fn opened_and_now(&mut self) -> (&Plan, &Plan) {
        let text = &self.opened.text;
        // It was read as this plan when opened: it reads again.
        let opened = self
            .opened
            .plan
            .get_or_insert_with(|| store::parse(text).unwrap_or_default());
        (opened, &self.plan)
    }

    #[must_use]
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    #[must_use]
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The file's text as it would be saved now.
    #[must_use]
    pub fn text(&self) -> String {
        self.as_text().into_owned()
    }

    /// The file's text as it would be saved now, without a copy where it is kept.
    #[must_use]
    pub fn as_text(&self) -> Cow<'_, str> {
        match &self.doc {
            Doc::Later(text, _) => Cow::Borrowed(text),
            Doc::Read(doc) => doc.as_text(),
        }
    }

    /// Whether the plan differs from what was last saved (undo can make it the same).
    #[must_use]
    pub fn modified(&self) -> bool {
        self.modified
    }

    /// The plan's state as a number; it changes with every edit, undo and redo.
    #[must_use]
    pub fn state(&self) -> u64 {
        self.state
    }

    /// How many changes the plan is from the one last saved or loaded: an edit counts
    /// one more, its undo one less; none when the text is the saved one again.
    #[must_use]
    pub fn edits(&self) -> u64 {
        let common = self.depth.min(self.shared_depth);
        (self.depth - common) + (self.saved_depth - common)
    }

    /// The document, read now if it was not yet.
    ///
    /// # Errors
    /// The text cannot be edited as a document (it is no TOML the document reads).
    fn document(&mut self) -> Result<&mut Document, EditError> {
        if let Doc::Later(text, coming) = &mut self.doc {
            let read = coming
                .take()
                .and_then(|c| c.take())
                .unwrap_or_else(|| Document::parse(text).map_err(|e| e.to_string()))
                .map_err(EditError::Unreadable)?;
            // Were the document's text not the file's, it would be the one saved, as if
            // read with the plan.
            if self.saved.as_deref() == Some(text.as_str()) {
                let now = read.as_text();
                if now != text.as_str() {
                    self.saved = Some(now.into_owned());
                }
            }
            self.doc = Doc::Read(Box::new(read));
        }
        match &mut self.doc {
            Doc::Read(doc) => Ok(doc),
            Doc::Later(..) => unreachable!("the document was just read"),
        }
    }

    /// After every change: whether the text is the saved one; when it is, it is where
    /// the count of changes starts again.
    fn compare_with_saved(&mut self) {
        self.modified = self.saved.as_deref() != Some(&*self.as_text());
        if !self.modified {
            self.saved_depth = self.depth;
            self.shared_depth = self.depth;
        }
    }

    /// The one path for change: apply, remember the inverse, mirror into the document,
    /// recompute what is derived. `what` says what the change is, for undo and redo to
    /// say what they take back or put back.
    ///
    /// # Errors
    /// The edit names something the plan does not hold; nothing changed.
    #[expect(
        clippy::needless_pass_by_value,
        reason = "an edit is given up to the plan"
    )]
    pub fn apply(&mut self, edit: Edit, what: impl Into<String>) -> Result<(), EditError> {
        self.document()?;
        let inverse = self.plan.apply(edit.clone())?;
        self.derived.update(&self.plan, &inverse);
        let patch = match &mut self.doc {
            Doc::Read(doc) => doc.apply(&edit, &self.plan),
            Doc::Later(..) => unreachable!("the document was read before the edit"),
        };
        self.last_state += 1;
        self.undo.push(Step {
            edit: inverse,
            patch,
            to: self.state,
            what: what.into(),
        });
        self.state = self.last_state;
        // The history forks here: beyond this depth it no longer leads to the saved plan.
        self.shared_depth = self.shared_depth.min(self.depth);
        self.depth += 1;
        self.redo.clear();
        self.compare_with_saved();
        Ok(())
    }

    /// Takes back the last change, or puts back the last one taken back. Returns what the
    /// change was, in words, or `None` when there is nothing to take or put back.
    ///
    /// # Errors
    /// The history no longer fits the plan; the step is dropped.
    pub fn step(&mut self, direction: Direction) -> Result<Option<String>, EditError> {
        let from = match direction {
            Direction::Undo => &mut self.undo,
            Direction::Redo => &mut self.redo,
        };
        let Some(Step {
            edit,
            patch,
            to,
            what,
        }) = from.pop()
        else {
            return Ok(None);
        };
        let inverse = self.plan.apply(edit)?;
        self.derived.update(&self.plan, &inverse);
        let Doc::Read(doc) = &mut self.doc else {
            unreachable!("a change to take back was made to the document")
        };
        let back = Step {
            edit: inverse,
            patch: doc.restore(patch),
            to: self.state,
            what: what.clone(),
        };
        match direction {
            Direction::Undo => self.redo.push(back),
            Direction::Redo => self.undo.push(back),
        }
        self.state = to;
        match direction {
            Direction::Undo => self.depth = self.depth.saturating_sub(1),
            Direction::Redo => self.depth += 1,
        }
        self.compare_with_saved();
        Ok(Some(what))
    }

    /// Replaces the plan with one read again from disk, or recovered: the one change
    /// that is not an `Edit`, since it comes from outside. Undo starts afresh. `modified`
    /// says whether the result differs from the file on disk, and `edits` how many edits
    /// it holds.
    ///
    /// # Errors
    /// The text cannot be edited as a document; nothing changed.
    pub fn replace(&mut self, loaded: Loaded, modified: bool, edits: u64) -> Result<(), String> {
        self.plan = loaded.plan;
        self.doc = Doc::Later(loaded.text, None);
        self.undo.clear();
        self.redo.clear();
        self.last_state += 1;
        self.state = self.last_state;
        // A recovered plan is `edits` changes from a saved one that is not in the history.
        self.depth = 0;
        self.shared_depth = 0;
        self.saved_depth = if modified { edits } else { 0 };
        if !modified {
            self.saved = Some(self.text());
        }
        self.modified = self.saved.as_deref() != Some(&*self.as_text());
        self.derive();
        Ok(())
    }

    /// The plan as it is now was written to its file. Where each part of the plan stands
    /// in the file is read again from what was written, so that new entries get their
    /// lines and the lines of the others are right again: `Placing::run` does it, away
    /// from the keys (it costs a reading of the whole plan), and `placed` takes it in.
    pub fn mark_saved(&mut self) -> Placing {
        let text = self.text();
        self.modified = false;
        self.saved_depth = self.depth;
        self.shared_depth = self.depth;
        self.saved = Some(text.clone());
        Placing {
            text,
            today: self.today,
            state: self.state,
        }
    }

    /// Takes in where each part of the saved plan stands in its file, and the problems
    /// found with those places, while the plan is still the one saved; after another
    /// edit they are of no use (its lines show once it is saved in turn).
    pub fn placed(&mut self, placed: Placed) {
        if placed.state == self.state {
            self.plan.source = placed.source;
            self.derived = placed.derived;
        }
    }

    fn derive(&mut self) {
        self.derived = Derived::of(&self.plan, self.today);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;
    use crate::model::edit::toggle_role;

    const PLAN: &str = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\n[people.sam]\nname = \"Sam\"\n\n\
                        [channels.blog]\nname = \"Blog\"\naccountable = \"sam\"\n";

    fn editor() -> Editor {
        Editor::from_text(PLAN, NaiveDate::default()).expect("a plan")
    }

    fn toggle(editor: &mut Editor, role: Role) {
        let row = editor.plan().row("blog").expect("the blog").clone();
        editor
            .apply(toggle_role(&row, "sam", role), "a toggle")
            .expect("applies");
    }

    #[test]
    fn an_edit_and_its_undo_give_back_the_text_and_the_saved_state() {
        let mut e = editor();
        toggle(&mut e, Role::Accountable);
        assert!(e.modified());
        assert!(
            e.derived()
                .problems
                .iter()
                .any(|p| p.code.as_str() == "no-accountable")
        );
        assert_eq!(
            e.step(Direction::Undo).expect("undoes").as_deref(),
            Some("a toggle"),
            "says what it took back"
        );
        assert!(!e.modified());
        assert_eq!(e.text(), PLAN);
        assert!(e.step(Direction::Undo).expect("nothing left").is_none());
        assert!(e.step(Direction::Redo).expect("redoes").is_some());
        assert!(e.modified());
        assert_eq!(e.edits(), 1);
    }

    #[test]
    fn the_count_is_the_changes_from_the_saved_plan() {
        let mut e = editor();
        for _ in 0..2 {
            toggle(&mut e, Role::Responsible);
            e.step(Direction::Undo).expect("undoes");
        }
        toggle(&mut e, Role::Responsible);
        assert_eq!(e.edits(), 1, "change, undo, change, undo, change");
        toggle(&mut e, Role::Informed);
        assert_eq!(e.edits(), 2);
        let _ = e.mark_saved();
        e.step(Direction::Undo).expect("undoes");
        e.step(Direction::Undo).expect("undoes");
        assert_eq!(e.edits(), 2, "undo counts back from the saved plan too");
        toggle(&mut e, Role::Consulted);
        assert_eq!(e.edits(), 3, "a fork: back two, then one more");
    }

    #[test]
    fn a_toggle_and_its_reverse_leave_the_plan_unmodified() {
        let mut e = editor();
        toggle(&mut e, Role::Responsible);
        toggle(&mut e, Role::Responsible);
        assert_eq!(e.text(), PLAN);
        assert!(!e.modified(), "the same text as saved");
        assert_eq!(e.edits(), 0);
        toggle(&mut e, Role::Consulted);
        assert_eq!(e.edits(), 1);
        // A string that became a list on the way comes back as the string.
        let text = format!("{PLAN}\n[people.kim]\nname = \"Kim\"\n");
        let mut e = Editor::from_text(&text, NaiveDate::default()).expect("a plan");
        for _ in 0..2 {
            let row = e.plan().row("blog").expect("the blog").clone();
            e.apply(toggle_role(&row, "kim", Role::Accountable), "a toggle")
                .expect("applies");
        }
        assert_eq!(e.text(), text);
        assert!(!e.modified());
    }

    #[test]
    fn a_save_moves_what_counts_as_unmodified() {
        let mut e = editor();
        toggle(&mut e, Role::Responsible);
        let _ = e.mark_saved();
        assert!(!e.modified());
        assert_eq!(e.edits(), 0);
        e.step(Direction::Undo).expect("undoes");
        assert!(e.modified(), "the saved file has the role");
    }

    #[test]
    fn a_new_edit_forgets_what_could_be_redone() {
        let mut e = editor();
        toggle(&mut e, Role::Informed);
        e.step(Direction::Undo).expect("undoes");
        toggle(&mut e, Role::Consulted);
        assert!(e.step(Direction::Redo).expect("nothing to redo").is_none());
    }
}
