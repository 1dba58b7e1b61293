//! The plan file as its author wrote it: comments, blank lines, key order and quoting.
//! Each `Edit` is mirrored here, touching only the keys whose meaning changed, so that
//! saving a toggle changes one list in the file and nothing else.
//!
//! This file finds the tables an edit touches, places new ones where the plan shows
//! them, and keeps what undo needs to put the same text back; `keys.rs` writes the keys
//! inside a table.

mod keys;
mod layout;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use toml_edit::{DocumentMut, Item, Key, Table, TableLike};

use crate::model::edit::Edit;
use crate::model::{Id, Plan, Section};
use keys::{Entry, put, sync_settings};
use layout::{Layout, Touched};

/// The tables an edit touched, as they were before it: `(section, id, table)`, where no
/// id means the section itself (`[plan]`) and no table means it did not exist.
#[derive(Debug, Clone, Default)]
pub struct Patch {
    tables: Vec<(String, Option<Id>, Option<Kept>)>,
}

/// A table as it was before an edit and, for one that the edit removed, its key as the
/// file wrote it and where it stood among its neighbours: undo puts it back there.
#[derive(Debug, Clone)]
struct Kept {
    item: Item,
    place: Option<(Key, usize)>,
}

/// A plan file's format-preserving document.
#[derive(Debug, Clone)]
pub struct Document {
    doc: DocumentMut,
    /// The tables of the file as it was read, each kept the first time an edit touches
    /// it (until then the document has it as read), `None` for one it did not have: an
    /// entry edited back to what it said there is written as it was there, so that a
    /// toggle and its reverse give back the very text (a role written `"sam"` does not
    /// stay `["sam"]`). Keeping only those, not a copy of the whole file, halves what a
    /// large plan's document costs in memory.
    original: HashMap<(String, Option<String>), Option<Item>>,
    /// The text, kept up to date edit by edit; `None` when the layout is one whose text
    /// is written in full when asked for.
    layout: Option<Layout>,
    /// Whether the tables' positions were spread out again during this edit.
    respaced: bool,
}

impl Document {
    /// The document of a plan's text (which has already loaded as a plan).
    ///
    /// # Errors
    /// The text is not TOML.
    pub fn parse(text: &str) -> Result<Self, toml_edit::TomlError> {
        let doc: DocumentMut = text.parse()?;
        let mut document = Document {
            original: HashMap::new(),
            doc,
            layout: None,
            respaced: false,
        };
        document.spread_positions();
        document.respaced = false;
        document.layout = Layout::of(&document.doc, Some(text));
        Ok(document)
    }

    /// Tables are written in the order of their positions. This spreads the positions
    /// out, keeping their order, so that a new table can go between two others without
    /// moving any.
    fn spread_positions(&mut self) {
        let mut positions = Vec::new();
        collect_positions(self.doc.as_table(), &mut positions);
        positions.sort_unstable();
        respace(self.doc.as_table_mut(), &positions);
        self.respaced = true;
    }

    /// The file's text with every mirrored edit.
    #[must_use]
    pub fn text(&self) -> String {
        self.as_text().into_owned()
    }

    /// The file's text with every mirrored edit, without a copy when it is kept.
    #[must_use]
    pub fn as_text(&self) -> Cow<'_, str> {
        match &self.layout {
            Some(layout) => Cow::Borrowed(layout.text()),
            None => Cow::Owned(self.doc.to_string()),
        }
    }

    /// Mirrors an edit already applied to the plan, and returns what the touched tables
    /// were before, so that undo can put back the very same text.
    /// `plan` is the plan after the edit: it says where a new entry stands.
    pub fn apply(&mut self, edit: &Edit, plan: &Plan) -> Patch {
        let mut patch = Patch::default();
        self.mirror(edit, plan, &mut patch);
        self.relayout(&patch);
        patch
    }

    /// Brings the kept text up to date with the tables `before` (a patch of what they
    /// were) says were touched.
    fn relayout(&mut self, before: &Patch) {
        if std::mem::take(&mut self.respaced) {
            self.layout = Layout::of(&self.doc, None);
            return;
        }
        let Some(layout) = &mut self.layout else {
            return;
        };
        let root = self.doc.as_table();
        let touched: Option<Vec<Touched<'_>>> = before
            .tables
            .iter()
            .map(|(section, id, kept)| {
                let (section_key, item) = root
                    .get_key_value(section)
                    .map_or((None, None), |(k, v)| (Some(k), Some(v)));
                let now = match (id, section_key, item) {
                    (None, Some(key), Some(item)) => Some((vec![key], item)),
                    (Some(id), Some(section_key), Some(Item::Table(t))) if !t.is_dotted() => t
                        .get_key_value(id)
                        .map(|(key, item)| (vec![section_key, key], item)),
                    (None, ..) | (Some(_), _, None) => None,
                    // A section written inline, or dotted: the pieces cannot follow it.
                    (Some(_), ..) => return None,
                };
                Some(Touched {
                    before: kept.as_ref().map(|k| &k.item),
                    now,
                })
            })
            .collect();
        let followed = touched.is_some_and(|touched| layout.touched(&touched));
        if !followed {
            self.layout = None;
        }
        debug_assert!(
            self.layout
                .as_ref()
                .is_none_or(|l| l.text() == self.doc.to_string()),
            "the kept text is the document's"
        );
    }

    /// Puts back the tables a patch holds, and returns the patch that undoes that.
    pub fn restore(&mut self, patch: Patch) -> Patch {
        let undo = self.put_back(patch);
        self.relayout(&undo);
        undo
    }

    fn put_back(&mut self, patch: Patch) -> Patch {
        let mut undo = Patch::default();
        for (section, id, old) in patch.tables.into_iter().rev() {
            // What goes now is put back where it stood if this is undone in turn.
            let going = old.is_none();
            undo.tables.push((
                section.clone(),
                id.clone(),
                self.current(&section, id.as_deref(), going),
            ));
            let root = self.doc.as_table_mut();
            match (id, old) {
                (None, Some(kept)) => put_back(root, &section, kept),
                (None, None) => {
                    root.remove(&section);
                }
                (Some(id), old) => {
                    if !root.contains_key(&section) {
                        let mut t = Table::new();
                        t.set_implicit(true);
                        root.insert(&section, Item::Table(t));
                    }
                    match (root.get_mut(&section), old) {
                        (Some(Item::Table(t)), Some(kept)) => put_back(t, &id, kept),
                        (Some(Item::Value(toml_edit::Value::InlineTable(t))), Some(kept)) => {
                            put_back_inline(t, &id, kept);
                        }
                        (Some(item), None) => {
                            if let Some(t) = item.as_table_like_mut() {
                                t.remove(&id);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        undo
    }

    /// The table at `section` (and `id`) as it is now, with its place when `place`.
    fn current(&self, section: &str, id: Option<&str>, place: bool) -> Option<Kept> {
        let root: &dyn TableLike = self.doc.as_table();
        let (parent, name) = match id {
            Some(id) => (root.get(section)?.as_table_like()?, id),
            None => (root, section),
        };
        let item = parent.get(name)?.clone();
        let place = if place {
            let key = parent.key(name)?.clone();
            parent
                .iter()
                .position(|(k, _)| k == name)
                .map(|at| (key, at))
        } else {
            None
        };
        Some(Kept { item, place })
    }

    /// Keeps a table as the file had it, before an edit first touches it.
    fn keep_original(&mut self, section: &str, id: Option<&str>) {
        let key = (section.to_string(), id.map(String::from));
        if !self.original.contains_key(&key) {
            let read = self.current(section, id, false).map(|k| k.item);
            self.original.insert(key, read);
        }
    }

    /// Remembers a table before it is first changed by this patch.
    fn snapshot(&self, patch: &mut Patch, section: &str, id: Option<&str>) {
        if patch
            .tables
            .iter()
            .any(|(s, i, _)| s == section && i.as_deref() == id)
        {
            return;
        }
        patch.tables.push((
            section.to_string(),
            id.map(String::from),
            self.current(section, id, false),
        ));
    }

    fn mirror(&mut self, edit: &Edit, plan: &Plan, patch: &mut Patch) {
        match edit {
            Edit::Row(row) => self.mirror_entry(patch, row, None),
            Edit::InsertRow { row, .. } => self.mirror_entry(patch, row, Some(&plan.rows)),
            Edit::RemoveRow(id) => {
                for section in [Section::Channels, Section::Duties] {
                    self.remove_entry(patch, section, id);
                }
            }
            Edit::Person(person) => self.mirror_entry(patch, person, None),
            Edit::InsertPerson { person, .. } => {
                self.mirror_entry(patch, person, Some(&plan.people));
            }
            Edit::RemovePerson(id) => self.remove_entry(patch, Section::People, id),
            Edit::Department(department) => self.mirror_entry(patch, department, None),
            Edit::InsertDepartment { department, .. } => {
                self.mirror_entry(patch, department, Some(&plan.departments));
            }
            Edit::RemoveDepartment(id) => self.remove_entry(patch, Section::Departments, id),
            Edit::Settings(settings) => {
                self.keep_original("plan", None);
                self.snapshot(patch, "plan", None);
                sync_settings(self.section_like("plan"), settings);
                self.as_read("plan", None, |t| sync_settings(t, settings));
            }
            Edit::Batch(edits) => {
                for edit in edits {
                    self.mirror(edit, plan, patch);
                }
            }
        }
    }

    /// Writes an entry's keys into its table, kept in `patch` first: the table it has,
    /// or, for an entry just inserted into `inserted_among` (the plan's list after the
    /// edit), a new one placed between its neighbours there.
    fn mirror_entry<T: Entry>(
        &mut self,
        patch: &mut Patch,
        entry: &T,
        inserted_among: Option<&[T]>,
    ) {
        let (section, id) = (entry.section().key(), entry.id());
        self.keep_original(section, Some(id));
        self.snapshot(patch, section, Some(id));
        let table: &mut dyn TableLike = match inserted_among {
            None => self.entity(section, id),
            Some(list) => {
                let around = neighbours(list, id, |x| x.id(), |x| entry.same_kind(x));
                self.insert_entry(patch, section, id, around)
            }
        };
        entry.sync(table);
        self.as_read(section, Some(id), |t| entry.sync(t));
    }

    /// Puts back the table of `section` (and `id`) as the file had it when read, if it
    /// says what `sync` makes it say now: `sync` leaves it as it is.
    fn as_read(&mut self, section: &str, id: Option<&str>, sync: impl Fn(&mut dyn TableLike)) {
        let Some(Some(read)) = self
            .original
            .get(&(section.to_string(), id.map(String::from)))
        else {
            return;
        };
        let now = self.doc.get(section);
        let Some(now) = (match id {
            Some(id) => now.and_then(|s| s.get(id)),
            None => now,
        }) else {
            return;
        };
        if read.is_table() != now.is_table() || read.to_string() == now.to_string() {
            return;
        }
        let mut probe = read.clone();
        let Some(t) = probe.as_table_like_mut() else {
            return;
        };
        sync(t);
        if probe.to_string() != read.to_string() {
            return;
        }
        let read = read.clone();
        let root = self.doc.as_table_mut();
        match id {
            Some(id) => {
                if let Some(t) = root.get_mut(section).and_then(Item::as_table_like_mut) {
                    put(t, id, read);
                }
            }
            None => put(root, section, read),
        }
    }

    /// Removes an entry's table, kept in `patch` first with where it stood.
    fn remove_entry(&mut self, patch: &mut Patch, section: Section, id: &str) {
        self.keep_original(section.key(), Some(id));
        self.snapshot(patch, section.key(), Some(id));
        let place = self
            .current(section.key(), Some(id), true)
            .and_then(|k| k.place);
        if let Some((_, _, Some(kept))) = patch
            .tables
            .iter_mut()
            .find(|(s, i, _)| s == section.key() && i.as_deref() == Some(id))
            && kept.place.is_none()
        {
            kept.place = place;
        }
        self.remove(section.key(), id);
    }

    /// A new entry's table, placed between the entries `around` it, with what it touches
    /// kept in `patch`: the entry before which it goes (its comment may move to the new
    /// one), and a section written inline, which becomes a table.
    fn insert_entry(
        &mut self,
        patch: &mut Patch,
        section: &str,
        id: &str,
        (after, before): (Option<&str>, Option<&str>),
    ) -> &mut Table {
        if self.doc.get(section).is_some_and(Item::is_inline_table) {
            self.snapshot(patch, section, None);
        }
        if before.is_some() {
            self.snapshot(patch, section, before);
        }
        self.new_entity(section, id, after, before)
    }

    /// The top-level table `key`, made when missing, as the file writes it: a table
    /// (`[channels]`) or inline (`channels = { … }`).
    fn section_like(&mut self, key: &str) -> &mut dyn TableLike {
        let root = self.doc.as_table_mut();
        if !root.get(key).is_some_and(Item::is_table_like) {
            let mut t = Table::new();
            t.set_implicit(key != "plan");
            root.insert(key, Item::Table(t));
        }
        match root.get_mut(key).and_then(Item::as_table_like_mut) {
            Some(t) => t,
            None => unreachable_table(),
        }
    }

    /// The top-level table `key`, made when missing, as a table, for a new entry to be
    /// placed in. A section written inline (`people = { sam = { … } }`) becomes tables at
    /// the end of the file, one per entry in its order (`[people.sam]`), so that the new
    /// entry can stand among them.
    fn section(&mut self, key: &str) -> &mut Table {
        let root = self.doc.as_table_mut();
        if let Some(inline) = root.get(key).and_then(Item::as_inline_table) {
            let mut positions = Vec::new();
            collect_positions(root, &mut positions);
            let mut next = positions.iter().max().copied().unwrap_or(0);
            let mut t = Table::new();
            t.set_implicit(true);
            for (k, v) in inline {
                match v.as_inline_table() {
                    Some(entry) => {
                        let mut entry = entry.clone().into_table();
                        next += GAP;
                        entry.set_position(Some(next));
                        entry.decor_mut().set_prefix("\n");
                        t.insert(k, Item::Table(entry));
                    }
                    None => {
                        t.insert(k, Item::Value(v.clone()));
                    }
                }
            }
            root.insert(key, Item::Table(t));
            if let Some(mut k) = root.key_mut(key) {
                k.leaf_decor_mut().clear();
            }
        }
        if !root.get(key).is_some_and(Item::is_table) {
            let mut t = Table::new();
            t.set_implicit(key != "plan");
            root.insert(key, Item::Table(t));
        }
        match root.get_mut(key).and_then(Item::as_table_mut) {
            Some(t) => t,
            None => unreachable_table(),
        }
    }

    /// The table of an existing entity, edited where it stands whether it is a table
    /// (`[channels.web]`) or inline (`web = { … }`); made when the file somehow lacks it.
    fn entity(&mut self, section: &str, id: &str) -> &mut dyn TableLike {
        if self
            .section_like(section)
            .get(id)
            .is_some_and(Item::is_table_like)
        {
            match self
                .section_like(section)
                .get_mut(id)
                .and_then(Item::as_table_like_mut)
            {
                Some(t) => t,
                None => unreachable_table(),
            }
        } else {
            self.new_entity(section, id, None, None)
        }
    }

    /// A new entity's table, placed in the file where the plan shows it: right after
    /// `after` (the entry before it), else right before `before`, else after the last
    /// table of its section.
    fn new_entity(
        &mut self,
        section: &str,
        id: &str,
        after: Option<&str>,
        before: Option<&str>,
    ) -> &mut Table {
        // A section written inline becomes tables first, so its entries have positions.
        self.section(section);
        let position_of = |doc: &DocumentMut, other: &str| {
            doc.get(section)
                .and_then(|s| s.get(other))
                .and_then(Item::as_table)
                .and_then(Table::position)
        };
        let mut taken = Vec::new();
        collect_positions(self.doc.as_table(), &mut taken);
        taken.sort_unstable();
        let between = |low: isize| -> isize {
            let high = taken
                .iter()
                .copied()
                .find(|p| *p > low)
                .unwrap_or(low + 2 * GAP);
            low + (high - low) / 2
        };
        let at = match (
            after.and_then(|a| position_of(&self.doc, a)),
            before.and_then(|b| position_of(&self.doc, b)),
        ) {
            (Some(p), _) => between(p),
            (None, Some(p)) => {
                let low = taken.iter().copied().rev().find(|q| *q < p).unwrap_or(0);
                between(low)
            }
            (None, None) => between(
                self.last_position(section)
                    .or_else(|| taken.last().copied())
                    .unwrap_or(0),
            ),
        };
        // No room left between the two (many entries were added at one place): spread
        // every position out again and place it then.
        if taken.binary_search(&at).is_ok() {
            self.spread_positions();
            return self.new_entity(section, id, after, before);
        }
        let table = self.section(section);
        let mut t = Table::new();
        t.set_position(Some(at));
        t.decor_mut().set_prefix("\n");
        // First of its section: the comment above the section's old first table now
        // heads the new one.
        if after.is_none()
            && let Some(next) = before
                .and_then(|b| table.get_mut(b))
                .and_then(Item::as_table_mut)
            && let Some(prefix) = next.decor().prefix().cloned()
        {
            t.decor_mut().set_prefix(prefix);
            next.decor_mut().set_prefix("\n");
        }
        table.insert(id, Item::Table(t));
        match table.get_mut(id).and_then(Item::as_table_mut) {
            Some(t) => t,
            None => unreachable_table(),
        }
    }

    /// The document position of the last table in `section`, if any.
    fn last_position(&self, section: &str) -> Option<isize> {
        let t = self.doc.get(section)?.as_table()?;
        std::iter::once(t.position())
            .chain(
                t.iter()
                    .map(|(_, item)| item.as_table().and_then(Table::position)),
            )
            .flatten()
            .max()
    }

    fn remove(&mut self, section: &str, id: &str) {
        if let Some(t) = self.doc.get_mut(section).and_then(Item::as_table_like_mut) {
            t.remove(id);
        }
    }
}

/// Puts a kept table back under `name`: in place of what is there now, else where it
/// stood before it was removed, with its key as the file wrote it.
fn put_back(t: &mut Table, name: &str, kept: Kept) {
    match kept.place {
        Some((key, at)) if !t.contains_key(name) => {
            let after: Vec<String> = t.iter().skip(at).map(|(k, _)| k.to_string()).collect();
            let moved: Vec<(Key, Item)> = after.iter().filter_map(|k| t.remove_entry(k)).collect();
            t.insert_formatted(&key, kept.item);
            for (key, item) in moved {
                t.insert_formatted(&key, item);
            }
        }
        _ => put(t, name, kept.item),
    }
}

/// `put_back` in a section written inline (`people = { sam = { … } }`).
fn put_back_inline(t: &mut toml_edit::InlineTable, name: &str, kept: Kept) {
    match (kept.place, kept.item) {
        (Some((key, at)), Item::Value(value)) if !t.contains_key(name) => {
            let after: Vec<String> = t.iter().skip(at).map(|(k, _)| k.to_string()).collect();
            let moved: Vec<(Key, toml_edit::Value)> =
                after.iter().filter_map(|k| t.remove_entry(k)).collect();
            t.insert_formatted(&key, value);
            for (key, value) in moved {
                t.insert_formatted(&key, value);
            }
        }
        (_, item) => put(t, name, item),
    }
}

/// A document being read on another thread, for whoever needs it first: reading one
/// costs more than reading the plan itself, and the first frame does not need it.
#[derive(Clone)]
pub struct Coming(Arc<Mutex<Option<Receiver<Read>>>>);

/// A document read, or why it could not be.
type Read = Result<Document, String>;

/// The reading of a document, to be run on another thread (`run`); dropping it unrun
/// leaves the reading to whoever needs the document.
pub struct Reading {
    text: String,
    to: SyncSender<Read>,
}

impl Document {
    /// The document of `text`, to be read by `Reading::run` elsewhere.
    #[must_use]
    pub fn later(text: String) -> (Coming, Reading) {
        let (to, from) = sync_channel(1);
        (
            Coming(Arc::new(Mutex::new(Some(from)))),
            Reading { text, to },
        )
    }
}

impl Reading {
    pub fn run(self) {
        let _ = self
            .to
            .send(Document::parse(&self.text).map_err(|e| e.to_string()));
    }
}

impl Coming {
    /// The document, once read (waiting for it if need be); `None` when it was taken
    /// already, or its reading was dropped unrun.
    #[must_use]
    pub fn take(&self) -> Option<Read> {
        let from = self.0.lock().ok()?.take()?;
        from.recv().ok()
    }
}

impl std::fmt::Debug for Coming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Coming")
    }
}

/// The ids of the entries just before and just after `id` in `list` (of the same kind).
fn neighbours<'p, T>(
    list: &'p [T],
    id: &str,
    id_of: impl Fn(&T) -> &Id,
    same_kind: impl Fn(&T) -> bool,
) -> (Option<&'p str>, Option<&'p str>) {
    let Some(i) = list.iter().position(|x| id_of(x) == id) else {
        return (None, None);
    };
    let after = i
        .checked_sub(1)
        .map(|j| &list[j])
        .filter(|x| same_kind(x))
        .map(|x| id_of(x).as_str());
    let before = list
        .get(i + 1)
        .filter(|x| same_kind(x))
        .map(|x| id_of(x).as_str());
    (after, before)
}

/// The room left between two tables' positions when a file is read.
const GAP: isize = 1 << 20;

/// The positions of every table under `table`.
fn collect_positions(table: &Table, out: &mut Vec<isize>) {
    for (_, item) in table {
        let tables: Vec<&Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter().collect(),
            _ => Vec::new(),
        };
        for t in tables {
            out.extend(t.position());
            collect_positions(t, out);
        }
    }
}

/// Gives each table the position `GAP * (its rank + 1)`, keeping their order.
fn respace(table: &mut Table, sorted: &[isize]) {
    for (_, item) in table.iter_mut() {
        let tables: Vec<&mut Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter_mut().collect(),
            _ => Vec::new(),
        };
        for t in tables {
            if let Some(p) = t.position()
                && let Ok(rank) = sorted.binary_search(&p)
            {
                let rank = isize::try_from(rank).unwrap_or(isize::MAX / GAP - 1);
                t.set_position(Some((rank + 1) * GAP));
            }
            respace(t, sorted);
        }
    }
}

fn unreachable_table() -> ! {
    unreachable!("a table inserted just before is a table")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{remove_person, toggle_role};
    use crate::model::{Person, Plan, Role, Row, RowKind};
    use crate::store::parse;

    pub(super) const TEXT: &str = "# Who owns our social media?\n[plan]\nname = \"Bakery\"   # the shop\n\n\
        [people.sam]\nname = \"Sam\"\n\n[people.ana]\nname = \"Ana\"\nleaving = \"2027-01-31\"\n\n\
        # The channels\n[channels.ig]\nname = \"Instagram\"\naccountable = \"sam\"  # one owner\n\
        responsible = [\n    \"ana\",  # does the posts\n]\nfoo = 1\n\n[duties.policy]\nname = \"Policy\"\n";

    pub(super) fn edit(text: &str, make: impl Fn(&Plan) -> Edit) -> String {
        let mut plan = parse(text).expect("parses");
        let mut doc = Document::parse(text).expect("parses");
        let e = make(&plan);
        plan.apply(e.clone()).expect("applies");
        doc.apply(&e, &plan);
        let out = doc.text();
        assert_eq!(parse(&out).expect("still parses"), plan, "{out}");
        out
    }

    pub(super) fn changed_lines(a: &str, b: &str) -> Vec<String> {
        let old: Vec<&str> = a.lines().collect();
        b.lines()
            .filter(|l| !old.contains(l))
            .map(String::from)
            .collect()
    }

    #[test]
    fn the_text_is_kept_table_by_table_through_edits_and_undo() {
        let example = crate::templates::EXAMPLE;
        for text in [TEXT, example] {
            let mut plan = parse(text).expect("parses");
            let mut doc = Document::parse(text).expect("parses");
            assert!(doc.layout.is_some(), "{text}");
            let mut patches = Vec::new();
            let row = plan.rows[0].clone();
            let person = plan.people[0].id.clone();
            let mut new = Row::new(RowKind::Channel, "new", "New");
            new.set_holders(Role::Informed, vec![person.clone()]);
            for e in [
                toggle_role(&row, &person, Role::Consulted),
                Edit::InsertRow { index: 1, row: new },
                Edit::Settings(crate::model::Settings {
                    max_accountable: 9,
                    ..plan.settings.clone()
                }),
                remove_person(&plan, &person).0,
            ] {
                plan.apply(e.clone()).expect("applies");
                patches.push(doc.apply(&e, &plan));
                assert!(doc.layout.is_some(), "kept after {e:?}");
                assert_eq!(doc.text(), doc.doc.to_string());
            }
            for patch in patches.into_iter().rev() {
                doc.restore(patch);
                assert!(doc.layout.is_some());
            }
            assert_eq!(doc.text(), text);
        }
    }

    #[test]
    fn an_entry_written_inline_is_written_in_full_and_reads_the_same() {
        let text = "[people.sam]\nname = \"Sam\"\n[duties]\npolicy = { name = \"Policy\" }\n";
        let out = edit(text, |p| {
            toggle_role(p.row("policy").expect("policy"), "sam", Role::Accountable)
        });
        assert!(
            out.contains("policy = { name = \"Policy\", accountable = \"sam\" }"),
            "{out}"
        );
    }

    #[test]
    fn many_entries_added_at_one_place_stay_in_order_and_undo_gives_the_text_back() {
        // Each new entry goes halfway between its neighbours' positions: sixty of them at
        // one place would run out of room unless the positions are spread out again.
        let mut plan = parse(TEXT).expect("parses");
        let mut doc = Document::parse(TEXT).expect("parses");
        let mut patches = Vec::new();
        for n in 0..60 {
            let mut person = plan.people[0].clone();
            person.id = format!("p{n:02}");
            person.name = format!("P{n:02}");
            person.leaving = None;
            let e = Edit::InsertPerson { person, index: 1 };
            plan.apply(e.clone()).expect("applies");
            patches.push(doc.apply(&e, &plan));
            let out = doc.text();
            assert_eq!(
                parse(&out).expect("still parses"),
                plan,
                "after {n}:\n{out}"
            );
        }
        let out = doc.text();
        assert!(
            out.starts_with("# Who owns our social media?\n[plan]"),
            "{out}"
        );
        for patch in patches.into_iter().rev() {
            doc.restore(patch);
        }
        assert_eq!(doc.text(), TEXT);
    }

    #[test]
    fn an_entry_added_to_an_inline_section_stands_in_order_and_is_undone() {
        let text = "plan = { name = \"Inline\" }\npeople = { sam = { name = \"Sam\" }, kim = { name = \"Kim\" } }\n";
        for index in 0..=2 {
            let mut plan = parse(text).expect("parses");
            let mut doc = Document::parse(text).expect("parses");
            let mut person = plan.people[0].clone();
            person.id = "al".into();
            person.name = "Al".into();
            let e = Edit::InsertPerson { person, index };
            plan.apply(e.clone()).expect("applies");
            let patch = doc.apply(&e, &plan);
            let out = doc.text();
            assert_eq!(
                parse(&out).expect("still parses"),
                plan,
                "at {index}:\n{out}"
            );
            assert!(!out.contains("[people ]"), "{out}");
            doc.restore(patch);
            assert_eq!(doc.text(), text, "undo at {index}");
        }
    }

    #[test]
    fn undoing_an_added_list_gives_back_the_same_text() {
        let mut plan = parse(TEXT).expect("parses");
        let mut doc = Document::parse(TEXT).expect("parses");
        let e = toggle_role(plan.row("policy").expect("policy"), "sam", Role::Consulted);
        plan.apply(e.clone()).expect("applies");
        let patch = doc.apply(&e, &plan);
        assert_ne!(doc.text(), TEXT);
        let redo = doc.restore(patch);
        assert_eq!(doc.text(), TEXT);
        doc.restore(redo);
        assert!(doc.text().contains("consulted = \"sam\""));
    }

    #[test]
    fn a_new_person_goes_after_the_last_person() {
        let out = edit(TEXT, |_| Edit::InsertPerson {
            index: 2,
            person: Person {
                id: "bo".into(),
                name: "Bo".into(),
                department: None,
                title: Some("Baker".into()),
                external: true,
                leaving: None,
            },
        });
        let bo = out.find("[people.bo]").expect("bo is written");
        let ana = out.find("[people.ana]").expect("ana");
        let channels = out.find("# The channels").expect("comment");
        assert!(ana < bo && bo < channels, "{out}");
    }

    #[test]
    fn an_unedited_document_is_the_file_byte_for_byte() {
        let text = "# top\n[[extra]]\na = 1\n\n[channels.a]\nname = \"A\"\n\n[people.x]\n\
                    name = \"X\"\n[[extra]]\nb = 2\n\n[channels.b] # late\nname = \"B\"\n\n\
                    [plan]\nname = \"last\"\n";
        assert_eq!(Document::parse(text).expect("parses").text(), text);
        let out = edit(text, |_| Edit::InsertRow {
            index: 1,
            row: Row::new(RowKind::Channel, "new", "New"),
        });
        let (a, new, x) = (
            out.find("[channels.a]").expect("a"),
            out.find("[channels.new]").expect("new"),
            out.find("[people.x]").expect("x"),
        );
        assert!(a < new && new < x, "{out}");
    }

    #[test]
    fn a_new_entry_goes_where_the_plan_shows_it() {
        let person = |id: &str| Person {
            id: id.into(),
            name: id.to_uppercase(),
            department: None,
            title: None,
            external: false,
            leaving: None,
        };
        let out = edit(TEXT, |_| Edit::InsertPerson {
            index: 1,
            person: person("bo"),
        });
        let (sam, bo, ana) = (
            out.find("[people.sam]").expect("sam"),
            out.find("[people.bo]").expect("bo"),
            out.find("[people.ana]").expect("ana"),
        );
        assert!(sam < bo && bo < ana, "{out}");
        let out = edit(TEXT, |_| Edit::InsertPerson {
            index: 0,
            person: person("al"),
        });
        assert!(out.find("[people.al]") < out.find("[people.sam]"), "{out}");
        let out = edit(TEXT, |_| Edit::InsertRow {
            index: 0,
            row: Row::new(RowKind::Channel, "blog", "Blog"),
        });
        let blog = out.find("[channels.blog]").expect("blog");
        assert!(blog < out.find("[channels.ig]").expect("ig"), "{out}");
        assert!(
            blog > out.find("# The channels").expect("the comment"),
            "{out}"
        );
    }

    #[test]
    fn removing_a_person_removes_their_table_and_assignments() {
        let out = edit(TEXT, |p| remove_person(p, "ana").0);
        assert!(!out.contains("[people.ana]"), "{out}");
        assert!(out.contains("# Who owns our social media?"));
    }
}
