//! What the screen needs to know about a plan beyond the plan itself: its problems, and
//! which row, cell and party each concerns, the matrix's columns, who holds how much.
//! Computed once per change of the plan, never once per frame.

use std::collections::HashMap;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::layout::{CELL_WIDTH, present};
use crate::model::rules::{self, Counts, Problem, RowState};
use crate::model::{Id, Party, Plan, Role};
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

/// Everything computed from the plan once per edit.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub problems: Vec<Problem>,
    pub counts: Counts,
    pub row_states: Vec<RowState>,
    pub columns: Vec<Column>,
    /// Problem indices by row index, and by (row index, column id).
    pub row_problems: HashMap<usize, Vec<usize>>,
    pub cell_problems: HashMap<(usize, Id), Vec<usize>>,
    /// Problem indices by party id (people and departments views).
    pub party_problems: HashMap<Id, Vec<usize>>,
    /// The width the longest row name wants in the matrix (with its marks).
    pub label_width: usize,
    /// How many rows each party holds each role on, in `Role::ALL` order.
    pub holdings: HashMap<Id, [usize; 4]>,
    /// How many channels' logins each person holds.
    pub logins: HashMap<Id, usize>,
    /// The people as the Workload view lists them (indices into `plan.people`), in the
    /// order of `model::workload::of`.
    pub workload: Vec<usize>,
    /// Presenter mode's headers: for each column width from `present::CELL_WIDTH - 1`
    /// up to `present::WIDEST_CELL - 1`, the lines the longest name takes over a column
    /// that wide, or `None` when a word of some name is wider.
    pub header_lines: Vec<Option<u16>>,
}

impl Derived {
    #[must_use]
    pub fn of(plan: &Plan, today: NaiveDate) -> Self {
        let problems = rules::check(plan, today);
        let counts = Counts::of(&problems);
        let row_index: HashMap<&str, usize> = plan
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut row_problems: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut cell_problems: HashMap<(usize, Id), Vec<usize>> = HashMap::new();
        let mut party_problems: HashMap<Id, Vec<usize>> = HashMap::new();
        let mut row_states = vec![RowState::Fine; plan.rows.len()];
        for (i, p) in problems.iter().enumerate() {
            if let Some(party) = &p.party {
                party_problems.entry(party.clone()).or_default().push(i);
            }
            let Some(&r) = p.row.as_deref().and_then(|id| row_index.get(id)) else {
                continue;
            };
            row_problems.entry(r).or_default().push(i);
            if let Some(party) = &p.party {
                cell_problems.entry((r, party.clone())).or_default().push(i);
            }
            let state = RowState::of(p);
            if state > row_states[r] {
                row_states[r] = state;
            }
        }
        let label_width = plan
            .rows
            .iter()
            .map(|r| text::safe(&r.name).width() + 5)
            .max()
            .unwrap_or(0);
        let columns = columns(plan);
        Derived {
            header_lines: header_lines(&columns),
            problems,
            counts,
            row_states,
            columns,
            row_problems,
            cell_problems,
            party_problems,
            label_width,
            holdings: holdings(plan),
            logins: logins(plan),
            workload: workload_order(plan),
        }
    }

    /// The state of the row at this index of `plan.rows`.
    #[must_use]
    pub fn row_state(&self, row: usize) -> RowState {
        self.row_states.get(row).copied().unwrap_or(RowState::Fine)
    }

    /// What a party holds: rows by role (in `Role::ALL` order) and logins.
    #[must_use]
    pub fn load(&self, party: &str) -> ([usize; 4], usize) {
        (
            self.holdings.get(party).copied().unwrap_or_default(),
            self.logins.get(party).copied().unwrap_or_default(),
        )
    }

    /// The first problem about this party, if any.
    #[must_use]
    pub fn first_party_problem(&self, party: &str) -> Option<&Problem> {
        self.party_problems
            .get(party)
            .and_then(|l| l.first())
            .map(|&k| &self.problems[k])
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
        self.row_problems
            .get(&row)
            .and_then(|l| l.first())
            .map(|&k| &self.problems[k])
    }
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

/// The Workload view's order of the people.
fn workload_order(plan: &Plan) -> Vec<usize> {
    let index: HashMap<&str, usize> = plan
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    crate::model::workload::of(plan)
        .iter()
        .filter_map(|l| index.get(l.person.as_str()).copied())
        .collect()
}

/// How many channels' logins each person holds.
fn logins(plan: &Plan) -> HashMap<Id, usize> {
    let mut out: HashMap<Id, usize> = HashMap::new();
    for row in &plan.rows {
        for id in &row.admins {
            *out.entry(id.clone()).or_default() += 1;
        }
    }
    out
}

/// How many rows each party holds each role on.
fn holdings(plan: &Plan) -> HashMap<Id, [usize; 4]> {
    let mut out: HashMap<Id, [usize; 4]> = HashMap::new();
    for row in &plan.rows {
        for (i, role) in Role::ALL.into_iter().enumerate() {
            for id in row.holders(role) {
                out.entry(id.clone()).or_default()[i] += 1;
            }
        }
    }
    out
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
