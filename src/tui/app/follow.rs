//! A mirror follows the editor's last edit: when the plan it shows changes, its cursor
//! goes to the first row and column that changed, scrolled into view, so that the room
//! sees what was just done and the panel under the matrix tells its problems. Moves of the
//! editor's cursor alone are not followed: they change no file the mirror could read.

use super::App;
use crate::model::{Id, Plan};
use crate::store::Loaded;

/// Where two plans first differ: the first row (as an index into the new plan's rows)
/// that is new or changed, and the party whose column to show: the first whose roles on
/// that row changed, else the first party that is new or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstChange {
    pub row: Option<usize>,
    pub party: Option<Id>,
}

/// The first change from `old` to `new`; parties in the order of `columns` (the ids of
/// the matrix's columns, left to right).
#[must_use]
pub fn first_change(old: &Plan, new: &Plan, columns: &[&str]) -> FirstChange {
    // The old row of the same id: where it stood in the new plan, as it mostly does, so
    // that a plan of thousands of rows is not searched once for each.
    let old_row = |i: usize, id: &str| {
        old.rows
            .get(i)
            .filter(|r| r.id == id)
            .or_else(|| old.rows.iter().find(|r| r.id == id))
    };
    let row = new
        .rows
        .iter()
        .enumerate()
        .position(|(i, r)| old_row(i, &r.id) != Some(r));
    let on_row = row.and_then(|i| {
        let now = &new.rows[i];
        let before = old_row(i, &now.id);
        columns.iter().find(|&&id| {
            let was = before.map(|b| b.roles_of(id)).unwrap_or_default();
            was != now.roles_of(id)
        })
    });
    let party_changed = |id: &str| {
        if let Some(p) = new.person(id) {
            old.person(id) != Some(p)
        } else if let Some(d) = new.department(id) {
            old.department(id) != Some(d)
        } else {
            false
        }
    };
    let party = on_row
        .or_else(|| columns.iter().find(|&&id| party_changed(id)))
        .map(|id| (*id).to_string());
    FirstChange { row, party }
}

impl App {
    /// Shows the plan the editor has now, in a mirror, with the cursor on the first cell
    /// that changed.
    ///
    /// # Errors
    /// The text cannot be edited as a document; nothing changed.
    pub fn follow_edit(&mut self, loaded: Loaded) -> Result<(), String> {
        let before = self.plan().clone();
        self.replace(loaded, false, 0)?;
        let columns: Vec<&str> = self
            .derived()
            .columns
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let change = first_change(&before, self.plan(), &columns);
        let column = change.party.as_deref().and_then(|id| {
            let columns = &self.derived().columns;
            self.cols.iter().position(|&c| columns[c].id == id)
        });
        let row = change
            .row
            .and_then(|r| self.rows.iter().position(|&x| x == r));
        if let Some(at) = row {
            self.cursors.row.at = at;
        }
        if let Some(at) = column {
            self.cursors.col.at = at;
        }
        if row.is_some() || column.is_some() {
            self.spotlight = None;
            self.keep_in_view();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Role};
    use crate::store;

    const PLAN: &str = "[plan]\nname = \"x\"\nlead = \"jo\"\n\n\
        [people.jo]\nname = \"Jo\"\n\n[people.al]\nname = \"Al\"\n\n\
        [channels.a]\nname = \"A\"\naccountable = \"jo\"\n\n\
        [channels.b]\nname = \"B\"\naccountable = \"jo\"\n";

    fn plan() -> Plan {
        store::from_bytes(PLAN.as_bytes()).expect("a plan").plan
    }

    const COLUMNS: [&str; 2] = ["jo", "al"];

    #[test]
    fn the_first_changed_cell_is_found() {
        let old = plan();
        assert_eq!(
            first_change(&old, &old, &COLUMNS),
            FirstChange {
                row: None,
                party: None
            }
        );
        let mut new = old.clone();
        new.rows[1].set_holders(Role::Informed, vec!["al".into()]);
        assert_eq!(
            first_change(&old, &new, &COLUMNS),
            FirstChange {
                row: Some(1),
                party: Some("al".into())
            }
        );
    }

    #[test]
    fn a_new_person_is_found_when_no_row_changed() {
        let old = plan();
        let mut new = old.clone();
        new.people.push(Person {
            id: "bo".into(),
            name: "Bo".into(),
            department: None,
            title: None,
            external: false,
            leaving: None,
        });
        assert_eq!(
            first_change(&old, &new, &["jo", "al", "bo"]),
            FirstChange {
                row: None,
                party: Some("bo".into())
            }
        );
        // A row renamed: that row, and the column stays where it is.
        let mut renamed = old.clone();
        renamed.rows[1].name = "B2".into();
        assert_eq!(
            first_change(&old, &renamed, &COLUMNS),
            FirstChange {
                row: Some(1),
                party: None
            }
        );
    }
}
