//! The boxes over a view, and what their keys do: the questions (quit, delete, restore,
//! a conflict, a fix), the filter, a form, a list to choose someone from, and the
//! what-if panel of a person.

use super::{App, Confirm, Effect, Mode, Purpose};
use crate::model::Role;
use crate::model::fix::{self, Fix};
use crate::model::whatif;
use crate::text::plural;
use crate::tui::form::{FieldKey, FieldKind, Form};
use crate::tui::keymap::Action;

impl App {
    pub(super) fn answer(&mut self, confirm: Confirm, action: Action) -> Effect {
        match (confirm, action) {
            (Confirm::Quit, Action::Yes) => {
                self.mode = Mode::Normal;
                Effect::SaveAndQuit
            }
            (Confirm::Quit, Action::No) => Effect::Quit,
            (Confirm::Delete { edit, done, .. }, Action::Yes) => {
                self.mode = Mode::Normal;
                let change = done.trim_end_matches(" (u undoes it)").to_string();
                if self.apply(*edit, change) {
                    self.tell(done, false);
                }
                Effect::None
            }
            (Confirm::Apply { sentence, edit, .. }, Action::Yes) => {
                self.mode = Mode::Normal;
                if self.apply(*edit, sentence.clone()) {
                    self.tell(format!("done: {sentence} (u undoes it)"), false);
                }
                Effect::None
            }
            (Confirm::Apply { .. }, _) => {
                self.mode = Mode::Normal;
                self.tell("left as it was", false);
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
            (Confirm::Conflict { .. }, Action::Yes) => {
                self.mode = Mode::Normal;
                Effect::KeepMine
            }
            (Confirm::Conflict { broken: Some(_) }, Action::Cancel) => {
                self.mode = Mode::Normal;
                let file = self.file.display().to_string();
                self.tell(
                    format!(
                        "{file} on disk is not a valid plan: mend it there, or press {} to keep yours",
                        crate::tui::keymap::key_label(Action::Save)
                    ),
                    true,
                );
                Effect::None
            }
            (Confirm::Conflict { broken: None }, Action::No) => {
                self.mode = Mode::Normal;
                Effect::TakeTheirs
            }
            // These two must be answered: either way, nothing is lost.
            (Confirm::Recover { .. } | Confirm::Conflict { .. }, _) => Effect::None,
            (_, Action::No | Action::Cancel) => {
                self.mode = Mode::Normal;
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// A key in the filter.
    pub(super) fn filter_action(&mut self, action: Action) {
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
    pub(super) fn form_action(&mut self, action: Action) {
        let plan = self.editor.plan();
        let Mode::Form(form) = &mut self.mode else {
            return;
        };
        let closing = std::mem::take(&mut form.closing);
        match action {
            Action::NextField => form.next(plan),
            Action::PrevField => form.prev(plan),
            Action::Complete => {
                // A field of one name is done once the name is taken: on to the next.
                let one = matches!(form.field().key.kind(), FieldKind::Pick { many: false, .. });
                form.complete(plan);
                if one {
                    form.next(plan);
                }
            }
            Action::CompleteAndAccept => {
                // A guess at a misspelling is taken with Tab only: Enter says what was
                // typed is unknown, and the guess.
                if !form.suggestions.get(form.chosen).is_some_and(|s| s.guess) {
                    form.complete(plan);
                }
                self.accept_form();
            }
            Action::PickNext => form.choose(true),
            Action::PickPrev => form.choose(false),
            Action::HideMatches => form.suggestions.clear(),
            Action::Switch => form.switch(),
            Action::Cancel if form.changed() && !closing => {
                // What was typed is not thrown away on one key.
                form.closing = true;
            }
            Action::Cancel => self.close_form(),
            Action::Accept => self.accept_form(),
            Action::Text(edit) => {
                form.focused().edit(edit);
                form.typed(plan);
            }
            _ => {}
        }
    }

    /// A key in a list to choose someone from.
    pub(super) fn pick_action(&mut self, action: Action) {
        let plan = self.editor.plan();
        let Mode::Pick(picker) = &mut self.mode else {
            return;
        };
        let n = picker.matches(plan).len();
        match action {
            Action::PickNext if n > 0 => picker.chosen = (picker.chosen + 1) % n,
            Action::PickPrev if n > 0 => picker.chosen = (picker.chosen + n - 1) % n,
            Action::Text(edit) => {
                picker.input.edit(edit);
                picker.chosen = 0;
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.tell("nobody chosen; nothing changed", false);
            }
            Action::Accept => {
                let Some(chosen) = picker
                    .matches(plan)
                    .get(picker.chosen)
                    .map(|s| (*s).to_string())
                else {
                    self.tell("nobody matches what is typed", true);
                    return;
                };
                let purpose = picker.purpose.clone();
                self.chosen(&purpose, &chosen);
            }
            _ => {}
        }
    }

    /// Someone was chosen: show what it does, and ask.
    fn chosen(&mut self, purpose: &Purpose, chosen: &str) {
        let plan = self.editor.plan();
        let fix = match purpose {
            Purpose::Fix(then) => then.with(plan, chosen),
            Purpose::HandOver { from, what } => {
                match whatif::hand_over(plan, from, chosen, *what, None) {
                    Some(edit) => Fix::Edit {
                        sentence: format!(
                            "hand what {} holds to {}: {}",
                            self.party_name(from),
                            self.party_name(chosen),
                            whatif::holds(plan, from).summary(*what)
                        ),
                        edit,
                    },
                    None => Fix::None(format!(
                        "{} holds none of what is marked",
                        self.party_name(from)
                    )),
                }
            }
        };
        self.offer(fix);
    }

    /// A fix, offered: asked first when it is an edit, a list when someone must be
    /// chosen, and the reason when there is none.
    pub(super) fn offer(&mut self, fix: Fix) {
        match fix {
            Fix::Edit { sentence, edit } => {
                let brings = fix::brings(self.editor.plan(), &edit, self.today());
                self.mode = Mode::Confirm(Confirm::Apply {
                    sentence,
                    edit: Box::new(edit),
                    brings,
                });
            }
            Fix::Choose {
                question,
                choices,
                then,
            } => {
                self.mode = Mode::Pick(super::Picker::new(question, choices, Purpose::Fix(then)));
            }
            Fix::None(why) => {
                self.mode = Mode::Normal;
                self.tell(format!("no one-key fix: {why}"), false);
            }
        }
    }

    /// A key in the what-if panel.
    pub(super) fn whatif_action(&mut self, action: Action) {
        // What they hold and what would break can be read anywhere; handing over and
        // setting the day they leave only where the plan can be changed.
        if action.changes_plan()
            && let Some(reason) = self.read_only().map(String::from)
        {
            self.tell(format!("read-only: {reason}"), true);
            return;
        }
        let Mode::WhatIf(panel) = &mut self.mode else {
            return;
        };
        match action {
            Action::Toggle(role) => {
                if let Some(i) = Role::ALL.iter().position(|r| *r == role) {
                    panel.what.roles[i] = !panel.what.roles[i];
                }
            }
            Action::Logins => panel.what.logins = !panel.what.logins,
            Action::Lead => panel.what.lead = !panel.what.lead,
            Action::Cancel => self.mode = Mode::Normal,
            Action::HandOver => {
                let (from, what) = (panel.person.clone(), panel.what);
                let plan = self.editor.plan();
                if !whatif::holds(plan, &from).holds_any(what) {
                    // Said before anyone is chosen, not after.
                    let name = self.party_name(&from);
                    self.tell(
                        format!("{name} holds none of what is marked: nothing to hand over"),
                        false,
                    );
                    return;
                }
                // Someone on staff who is staying: an agency or a leaver taking over would
                // be the next warning.
                let choices: Vec<String> = plan
                    .people
                    .iter()
                    .filter(|p| p.id != from && !p.external && p.leaving.is_none())
                    .map(|p| p.id.clone())
                    .collect();
                let question = format!("Who takes over from {}?", self.party_name(&from));
                self.mode = Mode::Pick(super::Picker::new(
                    question,
                    choices,
                    Purpose::HandOver { from, what },
                ));
            }
            Action::Leaving => {
                let person = panel.person.clone();
                if let Some(p) = self.editor.plan().person(&person) {
                    let mut form = Form::edit_person(p, self.editor.plan());
                    if let Some(i) = form.fields.iter().position(|f| f.key == FieldKey::Leaving) {
                        form.focus = i;
                    }
                    self.form_from = Some(panel.clone());
                    self.mode = Mode::Form(form);
                }
            }
            _ => {}
        }
    }

    /// Text typed (a key, or a paste) into the field that has the keyboard; a yes/no
    /// field is switched by Space, and takes no other text.
    pub(super) fn type_text(&mut self, text: &str) {
        let plan = self.editor.plan();
        match &mut self.mode {
            Mode::Filter => {
                self.filter.insert_str(text);
                self.filter_changed();
            }
            Mode::Form(form) if !form.on_toggle() => {
                form.focused().insert_str(text);
                form.typed(plan);
            }
            Mode::Pick(picker) => {
                picker.input.insert_str(text);
                picker.chosen = 0;
            }
            _ => {}
        }
    }

    /// A party's name, or its id when it is not known.
    pub(super) fn party_name(&self, id: &str) -> String {
        self.editor
            .plan()
            .party(id)
            .map_or_else(|| id.to_string(), |p| p.name().to_string())
    }
}
