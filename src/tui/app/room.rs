//! The keys a workshop decides with: fix the focused problem, make the focused party
//! the one accountable, what if this person leaves, only the rows with problems, and the
//! Problems view worst first or in file order.

use super::{App, Mode, View, WhatIf};
use crate::model::fix;
use crate::model::rules::Problem;
use crate::model::whatif::Handing;
use crate::tui::keymap::{self, Action};

impl App {
    /// The problem `f` fixes: the focused one in the Problems view, in the matrix the
    /// first one the details line shows.
    fn problem_to_fix(&self) -> Option<Problem> {
        let derived = self.derived();
        let plan = self.plan();
        match self.view {
            View::Problems => self.focused_problem().cloned(),
            View::Matrix => self.focused_problems().first().map(|p| (*p).clone()),
            View::Channels => derived.first_row_problem(self.cursors.channels.at).cloned(),
            View::People => plan
                .people
                .get(self.cursors.people.at)
                .and_then(|p| derived.first_party_problem(&p.id))
                .cloned(),
            View::Departments => plan
                .departments
                .get(self.cursors.departments.at)
                .and_then(|d| derived.first_party_problem(&d.id))
                .cloned(),
            View::Workload => None,
        }
    }

    pub(super) fn fix(&mut self) {
        let Some(problem) = self.problem_to_fix() else {
            self.tell("no problem here to fix", false);
            return;
        };
        let proposal = fix::propose(self.editor.plan(), &problem, self.today());
        self.offer(proposal);
    }

    pub(super) fn make_accountable(&mut self) {
        let (Some(r), Some(col)) = (self.focused_row(), self.focused_column()) else {
            return;
        };
        let row = &self.plan().rows[r];
        let party = col.id.clone();
        let name = col.name.clone();
        let owners = row.holders(crate::model::Role::Accountable);
        if owners == [party.clone()] {
            self.tell(
                format!("{name} is already the one accountable for {}", row.name),
                false,
            );
            return;
        }
        let others: Vec<String> = owners
            .iter()
            .filter(|o| **o != party)
            .map(|o| self.party_name(o))
            .collect();
        let row_name = row.name.clone();
        let edit = fix::make_sole_accountable(row, &party);
        if self.apply(
            edit,
            format!("made {name} the one accountable for {row_name}"),
        ) {
            let rest = if others.is_empty() {
                String::new()
            } else {
                format!("; {} now responsible", others.join(" and "))
            };
            self.tell(
                format!("{name} is now the one accountable for {row_name}{rest}"),
                false,
            );
        }
    }

    /// The person `w` is about: the matrix's focused column, the People view's line.
    fn focused_person(&self) -> Option<String> {
        let plan = self.plan();
        match self.view {
            View::Matrix => self
                .focused_column()
                .filter(|c| !c.is_department)
                .map(|c| c.id.clone()),
            View::People => plan
                .people
                .get(self.cursors.people.at)
                .map(|p| p.id.clone()),
            View::Workload => self
                .workload
                .get(self.cursors.workload.at)
                .and_then(|&i| plan.people.get(i))
                .map(|p| p.id.clone()),
            _ => None,
        }
    }

    pub(super) fn what_if(&mut self) {
        match self.focused_person() {
            Some(person) => {
                self.mode = Mode::WhatIf(WhatIf {
                    person,
                    what: Handing::ALL,
                });
            }
            None => self.tell(
                "w asks what if a person leaves: put the cursor on a person",
                false,
            ),
        }
    }

    /// Esc in a view: the filter cleared and every row shown again.
    pub(super) fn show_everything(&mut self) {
        if self.filter.text().is_empty() && !self.only_broken {
            return;
        }
        self.filter.clear();
        self.only_broken = false;
        self.filter_changed();
    }

    pub(super) fn only_broken(&mut self) {
        // The focused cell stays focused where it still shows, both ways.
        let row = self.focused_row();
        let col = self.cursors.col.at;
        self.only_broken = !self.only_broken;
        self.filter_changed();
        if let Some(i) = row.and_then(|r| self.rows.iter().position(|&x| x == r)) {
            self.cursors.row.at = i;
            self.cursors.col.at = col.min(self.cols.len().saturating_sub(1));
            self.keep_in_view();
        }
        if self.only_broken && self.rows.is_empty() {
            self.tell("no row has an error or a warning", false);
        }
    }

    pub(super) fn reorder_problems(&mut self) {
        self.file_order = !self.file_order;
        self.refilter();
        self.tell(
            if self.file_order {
                "problems in file order (o: worst first)"
            } else {
                "problems worst first (o: file order)"
            },
            false,
        );
    }

    /// The focused problem of the Problems view.
    #[must_use]
    pub fn focused_problem(&self) -> Option<&Problem> {
        self.problems
            .get(self.cursors.problems.at)
            .and_then(|&i| self.derived().problems.get(i))
    }

    /// What the screen says to do about a problem, with the key that does it:
    /// `f: make Sam accountable`, or why there is no one-key fix.
    #[must_use]
    pub fn key_hint(&self, problem: &Problem) -> String {
        match self.fix_offer(problem) {
            Ok((key, does)) => format!("{key}: {does}"),
            Err(why) => why,
        }
    }

    /// The key that fixes a problem and what it does, or why no key does.
    ///
    /// # Errors
    /// There is no one-key fix; the error says why.
    pub fn fix_offer(&self, problem: &Problem) -> Result<(String, String), String> {
        let does = fix::propose(self.editor.plan(), problem, self.today()).phrase()?;
        let key = keymap::key_label(Action::Fix);
        Ok((key, does))
    }
}

impl App {
    /// What changed since the plan was opened, in sentences that name names, one change
    /// a line; nothing when nothing changed.
    pub fn changes_today(&mut self) -> Vec<String> {
        let today = self.today();
        let (opened, now) = self.editor.opened_and_now();
        let diff = crate::diff::compare(Some(opened), Some(now), today);
        crate::diff::words(&diff, opened, now, today)
    }
}
