//! What the screen needs to know about a plan beyond the plan itself: its problems, and
//! which row, cell and party each concerns, the matrix's columns, who holds how much.
//! Computed once per change of the plan, never once per frame.
//!
//! It is one file though long: one set of facts and the two ways of bringing it up to
//! date, all anew (`of`) or only what an edit of rows can change (`update`), which must
//! agree (`tests/incremental.rs` checks that they do after any edits).

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::layout::{CELL_WIDTH, present};
use crate::model::edit::Edit;
use crate::model::rules::{
    self, Counts, Found, IdMap, Index, On, Order, Problem, RowState, Severity, Tally,
};
use crate::model::{Id, Party, Plan, Row, workload};
use crate::text;

/// One column of the matrix: a department or a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: Id,
    pub name: String,
    pub is_department: bool,
    /// The department it is grouped under (its own id for a department).
    pub group: Option<Id>,
    /// The name as a matrix column's header shows it: short, and told apart from every
    /// other column's.
    pub short: String,
}

/// Everything computed from the plan once per edit. An edit of rows brings only what it
/// can change up to date: the problems of those rows and of the people they name, what
/// those parties hold, the rows' states. Any other change computes it all again.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Every problem, in the order `rules::check` gives.
    pub problems: Vec<Problem>,
    pub counts: Counts,
    pub row_states: Vec<RowState>,
    pub columns: Vec<Column>,
    /// How many problems concern each cell, by (row index, column id).
    pub cell_problems: IdMap<(usize, Id), usize>,
    /// The width the longest row name wants in the matrix (with its marks).
    pub label_width: usize,
    /// How many rows each party holds each role on, and how many channels' logins.
    tally: Tally,
    /// The people as the Workload view lists them (indices into `plan.people`), in the
    /// order of `model::workload::of`.
    pub workload: Vec<usize>,
    /// Where each of `problems` stands, in the same order.
    orders: Vec<Order>,
    /// What the rules find on each row, about each person, and in the plan's own part
    /// (its settings, lead and unknown keys), each in order.
    on_rows: Vec<Vec<Found>>,
    on_people: Vec<Vec<Found>>,
    on_plan: Vec<Found>,
    /// The unknown keys of each row's table, as indices into `on_plan`.
    keys_of_rows: IdMap<usize, Vec<usize>>,
    /// Where the problems about each party stand, in order.
    party_orders: IdMap<Id, Vec<Order>>,
    /// Each row's label width, for `label_width`.
    widths: Vec<usize>,
    rows_by_id: IdMap<Id, usize>,
    index: Index,
    today: NaiveDate,
    /// Presenter mode's headers: for each column width from `present::CELL_WIDTH - 1`
    /// up to `present::WIDEST_CELL - 1`, the lines the longest name takes over a column
    /// that wide, or `None` when a word of some name is wider.
    pub header_lines: Vec<Option<u16>>,
}

impl Derived {
    #[must_use]
    pub fn of(plan: &Plan, today: NaiveDate) -> Self {
        let index = Index::of(plan);
        let tally = Tally::of(plan);
        let load = |id: &str| tally.load(id);
        let mut on_plan = Vec::new();
        rules::find_in(plan, &index, today, &load, On::Plan, &mut on_plan);
        let mut on_people: Vec<Vec<Found>> = vec![Vec::new(); plan.people.len()];
        on_plan.retain(|f| match f.order.person() {
            Some(i) => {
                on_people[i].push(f.clone());
                false
            }
            None => true,
        });
        let mut on_rows = Vec::with_capacity(plan.rows.len());
        for r in 0..plan.rows.len() {
            let mut found = Vec::new();
            rules::find_in(plan, &index, today, &load, On::Row(r), &mut found);
            found.sort_unstable_by_key(|f| f.order);
            on_rows.push(found);
        }
        on_plan.sort_unstable_by_key(|f| f.order);
        for found in &mut on_people {
            found.sort_unstable_by_key(|f| f.order);
        }
        let rows_by_id: IdMap<Id, usize> = plan
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut keys_of_rows: IdMap<usize, Vec<usize>> = IdMap::default();
        for (k, f) in on_plan.iter().enumerate() {
            if let Some(&r) = f.problem.row.as_deref().and_then(|id| rows_by_id.get(id)) {
                keys_of_rows.entry(r).or_default().push(k);
            }
        }
        let mut all: Vec<&Found> = on_plan
            .iter()
            .chain(on_people.iter().flatten())
            .chain(on_rows.iter().flatten())
            .collect();
        all.sort_unstable_by_key(|f| f.order);
        let mut party_orders: IdMap<Id, Vec<Order>> = IdMap::default();
        for f in &all {
            if let Some(party) = &f.problem.party {
                party_orders.entry(party.clone()).or_default().push(f.order);
            }
        }
        let orders = all.iter().map(|f| f.order).collect();
        let problems: Vec<Problem> = all.into_iter().map(|f| f.problem.clone()).collect();
        let widths: Vec<usize> = plan.rows.iter().map(label_width).collect();
        let columns = columns(plan);
        let mut derived = Derived {
            counts: Counts::of(&problems),
            problems,
            row_states: Vec::new(),
            header_lines: header_lines(&columns),
            columns,
            cell_problems: IdMap::default(),
            label_width: widths.iter().copied().max().unwrap_or(0),
            tally,
            workload: Vec::new(),
            orders,
            on_rows,
            on_people,
            on_plan,
            keys_of_rows,
            party_orders,
            widths,
            rows_by_id,
            index,
            today,
        };
        derived.row_states = (0..plan.rows.len()).map(|r| derived.state_of(r)).collect();
        for r in 0..plan.rows.len() {
            derived.count_cells(r, 1);
        }
        derived.workload = workload::order(plan, |id| derived.load(id));
        derived
    }

    /// Brings everything up to date with `plan`, just changed by an edit that `undo`
    /// takes back.
    pub fn update(&mut self, plan: &Plan, undo: &Edit) {
        let mut before: Vec<(usize, &Row)> = Vec::new();
        if !self.rows_before(undo, &mut before) || self.rows_by_id.len() != plan.rows.len() {
            *self = Derived::of(plan, self.today);
            return;
        }
        // A row edited twice in one batch was, before it, as its last undo says.
        before.reverse();
        let mut seen: Vec<usize> = Vec::with_capacity(before.len());
        before.retain(|(r, _)| {
            let first = !seen.contains(r);
            seen.push(*r);
            first
        });
        debug_assert!(self.index.fits(plan), "an edit of rows keeps the people");
        self.rows_changed(plan, &before);
    }

    /// The rows an edit changed, with each as it was (found in the edit that takes it
    /// back, in the order that edit applies them): false when it changed anything else.
    fn rows_before<'e>(&self, undo: &'e Edit, out: &mut Vec<(usize, &'e Row)>) -> bool {
        match undo {
            Edit::Row(row) => match self.rows_by_id.get(row.id.as_str()) {
                Some(&r) => {
                    out.push((r, row));
                    true
                }
                None => false,
            },
            Edit::Batch(edits) => edits.iter().all(|e| self.rows_before(e, out)),
            _ => false,
        }
    }

    /// The rows at these indices changed (each was as given); nothing else did.
    fn rows_changed(&mut self, plan: &Plan, before: &[(usize, &Row)]) {
        let mut parties: Vec<&str> = Vec::new();
        let mut removed: Vec<Order> = Vec::new();
        let mut added: Vec<Found> = Vec::new();
        for &(r, old) in before {
            let row = &plan.rows[r];
            self.count(old, -1);
            self.count(row, 1);
            for id in old.named().into_iter().chain(row.named()) {
                if !parties.contains(&id) {
                    parties.push(id);
                }
            }
            self.widths[r] = label_width(row);
            let mut found = Vec::new();
            self.find(plan, On::Row(r), &mut found);
            found.sort_unstable_by_key(|f| f.order);
            if found != self.on_rows[r] {
                self.count_cells(r, -1);
                let old = std::mem::replace(&mut self.on_rows[r], found);
                removed.extend(old.iter().map(|f| f.order));
                added.extend(self.on_rows[r].iter().cloned());
                self.count_cells(r, 1);
            }
        }
        // What the people named hold changed: whether they are idle or overloaded.
        for id in parties {
            let Some(i) = self.index.person(id) else {
                continue;
            };
            let mut found = Vec::new();
            self.find(plan, On::Person(i), &mut found);
            found.sort_unstable_by_key(|f| f.order);
            if found != self.on_people[i] {
                let old = std::mem::replace(&mut self.on_people[i], found);
                removed.extend(old.iter().map(|f| f.order));
                added.extend(self.on_people[i].iter().cloned());
            }
        }
        self.replace_problems(removed, added);
        for &(r, _) in before {
            self.row_states[r] = self.state_of(r);
        }
        self.label_width = self.widths.iter().copied().max().unwrap_or(0);
        self.workload = workload::order(plan, |id| self.load(id));
    }

    /// What the rules find on one part of `plan`.
    fn find(&self, plan: &Plan, on: On, out: &mut Vec<Found>) {
        let load = |id: &str| self.load(id);
        rules::find_in(plan, &self.index, self.today, &load, on, out);
    }

    /// Takes the problems at `removed` out of the list and puts `added` in, in order,
    /// moving only the part of the list between the first and the last of them.
    fn replace_problems(&mut self, mut removed: Vec<Order>, mut added: Vec<Found>) {
        if removed.is_empty() && added.is_empty() {
            return;
        }
        removed.sort_unstable();
        added.sort_unstable_by_key(|f| f.order);
        let firsts = removed
            .first()
            .copied()
            .into_iter()
            .chain(added.first().map(|f| f.order));
        let lasts = removed
            .last()
            .copied()
            .into_iter()
            .chain(added.last().map(|f| f.order));
        let lo = firsts
            .map(|o| self.orders.partition_point(|x| *x < o))
            .min()
            .unwrap_or(0);
        let hi = lasts
            .map(|o| self.orders.partition_point(|x| *x <= o))
            .max()
            .unwrap_or(lo)
            .max(lo);
        let old_orders: Vec<Order> = self.orders.drain(lo..hi).collect();
        let old_problems: Vec<Problem> = self.problems.drain(lo..hi).collect();
        let mut orders = Vec::with_capacity(old_orders.len() + added.len());
        let mut problems = Vec::with_capacity(orders.capacity());
        let mut gone = removed.into_iter().peekable();
        let mut new = added.into_iter().peekable();
        for (order, problem) in old_orders.into_iter().zip(old_problems) {
            while let Some(f) = new.next_if(|f| f.order < order) {
                self.counted(&f, 1);
                orders.push(f.order);
                problems.push(f.problem);
            }
            if gone.next_if_eq(&order).is_some() {
                self.counted(&Found { order, problem }, -1);
                continue;
            }
            orders.push(order);
            problems.push(problem);
        }
        for f in new {
            self.counted(&f, 1);
            orders.push(f.order);
            problems.push(f.problem);
        }
        self.orders.splice(lo..lo, orders);
        self.problems.splice(lo..lo, problems);
    }

    /// Counts a problem in (`sign` 1) or out (`sign` -1) of the counts and of its party's.
    fn counted(&mut self, f: &Found, sign: isize) {
        let n = match f.problem.severity() {
            Severity::Error => &mut self.counts.errors,
            Severity::Warning => &mut self.counts.warnings,
            Severity::Info => &mut self.counts.infos,
        };
        *n = n.saturating_add_signed(sign);
        if let Some(party) = &f.problem.party {
            let orders = self.party_orders.entry(party.clone()).or_default();
            let at = orders.partition_point(|o| *o < f.order);
            if sign > 0 {
                orders.insert(at, f.order);
            } else if orders.get(at) == Some(&f.order) {
                orders.remove(at);
            }
        }
    }

    /// Counts what `row` holds in (`sign` 1) or out (`sign` -1) of the holdings.
    fn count(&mut self, row: &Row, sign: isize) {
        self.tally.add(row, sign);
    }

    /// Counts the cells of row `r`'s problems in or out of `cell_problems`.
    fn count_cells(&mut self, r: usize, sign: isize) {
        for f in &self.on_rows[r] {
            if let Some(party) = &f.problem.party {
                let key = (r, party.clone());
                let n = self.cell_problems.entry(key.clone()).or_default();
                *n = n.saturating_add_signed(sign);
                if *n == 0 {
                    self.cell_problems.remove(&key);
                }
            }
        }
    }

    /// The state of row `r` from its problems.
    fn state_of(&self, r: usize) -> RowState {
        self.problems_of_row(r)
            .map(RowState::of)
            .max()
            .unwrap_or(RowState::Fine)
    }

    /// The state of the row at this index of `plan.rows`.
    #[must_use]
    pub fn row_state(&self, row: usize) -> RowState {
        self.row_states.get(row).copied().unwrap_or(RowState::Fine)
    }

    /// What a party holds: rows by role (in `Role::ALL` order) and logins.
    #[must_use]
    pub fn load(&self, party: &str) -> ([usize; 4], usize) {
        self.tally.load(party)
    }

    /// The problems about the row at this index of `plan.rows`, in order.
    pub fn problems_of_row(&self, row: usize) -> impl Iterator<Item = &Problem> {
        let own = self.on_rows.get(row).map_or(&[][..], Vec::as_slice);
        let keys = self.keys_of_rows.get(&row).map_or(&[][..], Vec::as_slice);
        let mut keys = keys.iter().map(|&k| &self.on_plan[k]).peekable();
        let mut own = own.iter().peekable();
        std::iter::from_fn(move || {
            let next = match (own.peek(), keys.peek()) {
                (Some(a), Some(b)) if b.order < a.order => keys.next(),
                (Some(_), _) => own.next(),
                (None, _) => keys.next(),
            };
            next.map(|f| &f.problem)
        })
    }

    /// The problems about one cell (the row at this index, the party with this id), in
    /// order.
    pub fn problems_of_cell<'d>(
        &'d self,
        row: usize,
        party: &'d str,
    ) -> impl Iterator<Item = &'d Problem> {
        self.on_rows
            .get(row)
            .into_iter()
            .flatten()
            .map(|f| &f.problem)
            .filter(move |p| p.party.as_deref() == Some(party))
    }

    /// The first problem about this party, if any.
    #[must_use]
    pub fn first_party_problem(&self, party: &str) -> Option<&Problem> {
        let order = *self.party_orders.get(party)?.first()?;
        let at = self.orders.binary_search(&order).ok()?;
        self.problems.get(at)
    }

    /// The lines the longest name takes over a presenter-mode column `width` cells wide
    /// (without the space between columns); `None` when a word is wider.
    #[must_use]
    pub fn name_lines(&self, width: u16) -> Option<u16> {
        let at = usize::from(width.checked_sub(present::CELL_WIDTH - 1)?);
        // Wider than the widest measured: no more lines than there.
        let at = at.min(self.header_lines.len().checked_sub(1)?);
        self.header_lines[at]
    }

    /// The first problem on the row at this index of `plan.rows`, if any.
    #[must_use]
    pub fn first_row_problem(&self, row: usize) -> Option<&Problem> {
        self.problems_of_row(row).next()
    }
}

/// The width a row's name wants in the matrix, with its marks.
fn label_width(row: &Row) -> usize {
    text::safe(&row.name).width() + 5
}

/// The matrix's columns, in the order of the plan's parties.
fn columns(plan: &Plan) -> Vec<Column> {
    let mut columns: Vec<Column> = plan
        .parties()
        .iter()
        .map(|party| match party {
            Party::Department(d) => Column {
                id: d.id.clone(),
                name: d.name.clone(),
                is_department: true,
                group: Some(d.id.clone()),
                short: String::new(),
            },
            Party::Person(p) => Column {
                id: p.id.clone(),
                name: p.name.clone(),
                is_department: false,
                group: p
                    .department
                    .clone()
                    .filter(|d| plan.department(d).is_some()),
                short: String::new(),
            },
        })
        .collect();
    let people: Vec<usize> = (0..columns.len())
        .filter(|&i| !columns[i].is_department)
        .collect();
    let names: Vec<&str> = people.iter().map(|&i| columns[i].name.as_str()).collect();
    let shorts = short_names(&names, usize::from(CELL_WIDTH - 1));
    for (i, short) in people.into_iter().zip(shorts) {
        columns[i].short = short;
    }
    columns
}

/// The names presenter mode shows over columns: every person's, and a department's when
/// it is wider than the columns under it (its own and its people's) at their narrowest,
/// for then its column shows it.
fn header_names(columns: &[Column]) -> Vec<&str> {
    columns
        .iter()
        .filter(|c| {
            if !c.is_department {
                return true;
            }
            let span = columns.iter().filter(|d| d.group == c.group).count();
            let room = usize::from(present::CELL_WIDTH) * span - 1;
            text::safe(&c.name).width() > room
        })
        .map(|c| c.name.as_str())
        .collect()
}

/// For each width a presenter-mode column can have, the lines the longest name takes.
fn header_lines(columns: &[Column]) -> Vec<Option<u16>> {
    let names = header_names(columns);
    (present::CELL_WIDTH - 1..present::WIDEST_CELL)
        .map(|width| {
            names.iter().try_fold(1u16, |most, name| {
                let lines = text::wrap_name(name, usize::from(width))?;
                Some(most.max(u16::try_from(lines.len()).unwrap_or(u16::MAX)))
            })
        })
        .collect()
}

/// The ways a name can be shortened, best first: whole, the first word, the first two
/// words, the first word and the last one's initial, the initials, the last word; each
/// made safe to show. What does not fit `width` is left out.
fn short_forms(name: &str, width: usize) -> Vec<String> {
    let safe = text::safe(name);
    let words: Vec<&str> = safe.split_whitespace().collect();
    let mut forms = vec![safe.to_string()];
    if let [first, rest @ ..] = words.as_slice() {
        forms.push((*first).to_string());
        if let [second, ..] = rest {
            forms.push(format!("{first} {second}"));
        }
        if let Some(last) = rest.last() {
            let initial: String = last.chars().take(1).collect();
            forms.push(format!("{first} {initial}"));
            forms.push(words.iter().filter_map(|w| w.chars().next()).collect());
            forms.push((*last).to_string());
        }
    }
    forms.retain(|f| !f.is_empty() && f.width() <= width);
    forms.push(text::fit(name, width));
    forms
}

/// A short form of each name, each as good as it can be while no two are the same: a
/// name shares a form with another only when neither has a better one left.
fn short_names(names: &[&str], width: usize) -> Vec<String> {
    let forms: Vec<Vec<String>> = names.iter().map(|n| short_forms(n, width)).collect();
    let mut level = vec![0usize; names.len()];
    loop {
        let chosen: Vec<&String> = forms
            .iter()
            .zip(&level)
            .map(|(f, &l)| &f[l.min(f.len() - 1)])
            .collect();
        let mut moved = false;
        for i in 0..names.len() {
            let clash =
                (0..names.len()).any(|j| j != i && chosen[j] == chosen[i] && names[j] != names[i]);
            if clash && level[i] + 1 < forms[i].len() {
                level[i] += 1;
                moved = true;
            }
        }
        if !moved {
            return chosen.into_iter().cloned().collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_headers_tell_people_apart() {
        let names = [
            "Sam Okafor",
            "Dr Amy Ross",
            "Dr Ben Ross",
            "Ana",
            "Priya Raman Iyer",
        ];
        assert_eq!(
            short_names(&names, 8),
            ["Sam", "Dr Amy", "Dr Ben", "Ana", "Priya"]
        );
        let same = ["Dr Ross", "Dr Rose"];
        assert_eq!(
            short_names(&same, 8),
            ["Dr Ross", "Dr Rose"],
            "whole when they fit"
        );
        let alike = ["Alexandra Smith", "Alexandra Stone"];
        assert_eq!(short_names(&alike, 8), ["Smith", "Stone"]);
    }
}
