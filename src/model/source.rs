//! Where each part of a plan stands in the file it was read from, so that a problem can
//! point at a line and a column. The store fills it in as it reads a plan; the model never
//! reads a file.

use std::collections::HashMap;

use super::{Id, Section};

/// A place in the plan that a problem can point at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Locus {
    /// A whole entity: its table header or key.
    Entity(Section, Id),
    /// One field of an entity (for `[plan]`, the id is empty).
    Field(Section, Id, &'static str),
    /// One item of a list field.
    Item(Section, Id, &'static str, usize),
    /// An unknown key, by its dotted path.
    Key(Vec<String>),
}

/// A line and column in the plan file, both counted from 1; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// Where each part of a plan stands in the file it was read from.
///
/// It is not part of what a plan means: two plans that differ only in their source map
/// compare equal.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    places: HashMap<Locus, Pos>,
}

impl SourceMap {
    pub fn insert(&mut self, locus: Locus, pos: Pos) {
        self.places.entry(locus).or_insert(pos);
    }

    /// The position of `locus`, else of the nearest enclosing part that has one.
    #[must_use]
    pub fn find(&self, locus: &Locus) -> Option<Pos> {
        if let Some(pos) = self.places.get(locus) {
            return Some(*pos);
        }
        match locus {
            Locus::Item(section, id, field, _) => {
                self.find(&Locus::Field(*section, id.clone(), field))
            }
            Locus::Field(Section::Plan, _, _) => self.places.get(&plan_locus()).copied(),
            Locus::Field(section, id, _) => self.find(&Locus::Entity(*section, id.clone())),
            Locus::Entity(..) | Locus::Key(_) => None,
        }
    }
}

/// The `[plan]` table itself.
#[must_use]
pub fn plan_locus() -> Locus {
    Locus::Entity(Section::Plan, Id::new())
}

impl PartialEq for SourceMap {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SourceMap {}
