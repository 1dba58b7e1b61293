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
    /// Each entity's places, by section (in `Section` order) and id; `[plan]`'s id is
    /// empty. Looked up for every problem of a plan, so by the id alone.
    entities: [HashMap<Id, Places, foldhash::fast::RandomState>; 5],
    keys: HashMap<Vec<String>, Pos>,
}

/// Where one entity and its fields and list items stand.
#[derive(Debug, Clone, Default)]
pub struct Places {
    entity: Option<Pos>,
    fields: Vec<(&'static str, Pos)>,
    items: Vec<(&'static str, Vec<Pos>)>,
}

impl Places {
    /// Whether nothing is known of the entity's places.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entity.is_none() && self.fields.is_empty() && self.items.is_empty()
    }

    /// Where the entity itself stands, unless known already.
    pub fn entity(&mut self, pos: Pos) {
        self.entity.get_or_insert(pos);
    }

    /// Where one of its fields stands, unless known already.
    pub fn field(&mut self, field: &'static str, pos: Pos) {
        if !self.fields.iter().any(|(f, _)| *f == field) {
            self.fields.push((field, pos));
        }
    }

    /// Where the next item of a list field stands (items are told in order).
    pub fn item(&mut self, field: &'static str, pos: Pos) {
        match self.items.iter_mut().find(|(f, _)| *f == field) {
            Some((_, items)) => items.push(pos),
            None => self.items.push((field, vec![pos])),
        }
    }

    /// The places of a list field's items, to be told in order, with room for `n`.
    pub fn list(&mut self, field: &'static str, n: usize) -> &mut Vec<Pos> {
        let at = self
            .items
            .iter()
            .position(|(f, _)| *f == field)
            .unwrap_or_else(|| {
                self.items.push((field, Vec::with_capacity(n)));
                self.items.len() - 1
            });
        &mut self.items[at].1
    }

    fn find_field(&self, field: &str) -> Option<Pos> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| *p)
    }

    fn find_item(&self, field: &str, i: usize) -> Option<Pos> {
        self.items
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, items)| items.get(i).copied())
    }
}

impl SourceMap {
    pub fn insert(&mut self, locus: Locus, pos: Pos) {
        match locus {
            Locus::Entity(section, id) => self.places(section, id).entity(pos),
            Locus::Field(section, id, field) => self.places(section, id).field(field, pos),
            Locus::Item(section, id, field, i) => {
                let places = self.places(section, id);
                let known = places
                    .items
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or(0, |(_, items)| items.len());
                // Items are told in order; an item told again keeps its first place.
                if i == known {
                    places.item(field, pos);
                }
            }
            Locus::Key(path) => {
                self.keys.entry(path).or_insert(pos);
            }
        }
    }

    /// The places of one entity, to tell where its parts stand.
    pub fn places(&mut self, section: Section, id: Id) -> &mut Places {
        self.entities[section as usize].entry(id).or_default()
    }

    /// The position of `locus`, else of the nearest enclosing part that has one.
    #[must_use]
    pub fn find(&self, locus: &Locus) -> Option<Pos> {
        let of = |section: Section, id: &str| self.entities[section as usize].get(id);
        match locus {
            Locus::Item(section, id, field, i) => {
                let places = of(*section, id);
                places
                    .and_then(|p| p.find_item(field, *i))
                    .or_else(|| self.find(&Locus::Field(*section, id.clone(), field)))
            }
            Locus::Field(Section::Plan, id, field) => of(Section::Plan, id)
                .and_then(|p| p.find_field(field))
                .or_else(|| of(Section::Plan, "").and_then(|p| p.entity)),
            Locus::Field(section, id, field) => {
                of(*section, id).and_then(|p| p.find_field(field).or(p.entity))
            }
            Locus::Entity(section, id) => of(*section, id).and_then(|p| p.entity),
            Locus::Key(path) => self.keys.get(path).copied(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_without_a_place_points_at_what_holds_it() {
        let mut map = SourceMap::default();
        let at = |line| Pos { line, column: 1 };
        let ig = || "ig".to_string();
        map.insert(Locus::Entity(Section::Channels, ig()), at(3));
        map.insert(Locus::Field(Section::Channels, ig(), "responsible"), at(5));
        map.insert(
            Locus::Item(Section::Channels, ig(), "responsible", 0),
            at(6),
        );
        map.insert(Locus::Entity(Section::Plan, Id::new()), at(1));
        let find = |l| map.find(&l);
        assert_eq!(
            find(Locus::Item(Section::Channels, ig(), "responsible", 0)),
            Some(at(6))
        );
        assert_eq!(
            find(Locus::Item(Section::Channels, ig(), "responsible", 1)),
            Some(at(5)),
            "a new item: its list"
        );
        assert_eq!(
            find(Locus::Item(Section::Channels, ig(), "admins", 0)),
            Some(at(3)),
            "a new list: its table"
        );
        assert_eq!(
            find(Locus::Field(Section::Plan, Id::new(), "lead")),
            Some(at(1))
        );
        assert_eq!(find(Locus::Entity(Section::People, "sam".into())), None);
        assert_eq!(find(Locus::Key(vec!["x".into()])), None);
    }
}
