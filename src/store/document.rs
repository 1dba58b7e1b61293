//! The plan file as its author wrote it: comments, blank lines, key order and quoting.
//! Each `Edit` is mirrored here, touching only the keys whose meaning changed, so that
//! saving a toggle changes one list in the file and nothing else.

use chrono::NaiveDate;
use toml_edit::{Array, DocumentMut, Item, Table, TableLike, Value};

use super::serialize::{ids, toml_date};
use crate::model::edit::Edit;
use crate::model::{Department, Id, Person, Plan, Role, Row, RowKind, Settings};

/// The tables an edit touched, as they were before it: `(section, id, table)`, where no
/// id means the section itself (`[plan]`) and no table means it did not exist.
#[derive(Debug, Clone, Default)]
pub struct Patch {
    tables: Vec<(String, Option<Id>, Option<Item>)>,
}

/// A plan file's format-preserving document.
#[derive(Debug, Clone)]
pub struct Document {
    doc: DocumentMut,
}

impl Document {
    /// The document of a plan's text (which has already loaded as a plan).
    ///
    /// # Errors
    /// The text is not TOML.
    pub fn parse(text: &str) -> Result<Self, toml_edit::TomlError> {
        let mut document = Document { doc: text.parse()? };
        document.spread_positions();
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
    }

    /// The file's text with every mirrored edit.
    #[must_use]
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// Mirrors an edit already applied to the plan, and returns what the touched tables
    /// were before, so that undo can put back the very same text.
    /// `plan` is the plan after the edit: it says where a new entry stands.
    pub fn apply(&mut self, edit: &Edit, plan: &Plan) -> Patch {
        let mut patch = Patch::default();
        self.mirror(edit, plan, &mut patch);
        patch
    }

    /// Puts back the tables a patch holds, and returns the patch that undoes that.
    pub fn restore(&mut self, patch: Patch) -> Patch {
        let mut undo = Patch::default();
        for (section, id, old) in patch.tables.into_iter().rev() {
            undo.tables.push((
                section.clone(),
                id.clone(),
                self.current(&section, id.as_deref()),
            ));
            let root = self.doc.as_table_mut();
            match (id, old) {
                (None, Some(item)) => put(root, &section, item),
                (None, None) => {
                    root.remove(&section);
                }
                (Some(id), old) => {
                    if !root.contains_key(&section) {
                        let mut t = Table::new();
                        t.set_implicit(true);
                        root.insert(&section, Item::Table(t));
                    }
                    if let Some(t) = root.get_mut(&section).and_then(Item::as_table_like_mut) {
                        match old {
                            Some(item) => put(t, &id, item),
                            None => {
                                t.remove(&id);
                            }
                        }
                    }
                }
            }
        }
        undo
    }

    fn current(&self, section: &str, id: Option<&str>) -> Option<Item> {
        let s = self.doc.get(section)?;
        match id {
            Some(id) => s.get(id).cloned(),
            None => Some(s.clone()),
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
            self.current(section, id),
        ));
    }

    fn mirror(&mut self, edit: &Edit, plan: &Plan, patch: &mut Patch) {
        match edit {
            Edit::Row(row) => {
                let section = row.kind.section().key();
                self.snapshot(patch, section, Some(&row.id));
                sync_row(self.entity(section, &row.id), row);
            }
            Edit::InsertRow { row, .. } => {
                let section = row.kind.section().key();
                self.snapshot(patch, section, Some(&row.id));
                let around = neighbours(&plan.rows, &row.id, |r| &r.id, |r| r.kind == row.kind);
                sync_row(self.insert_entry(patch, section, &row.id, around), row);
            }
            Edit::RemoveRow(id) => {
                for section in ["channels", "duties"] {
                    self.snapshot(patch, section, Some(id));
                    self.remove(section, id);
                }
            }
            Edit::Person(person) | Edit::InsertPerson { person, .. } => {
                self.snapshot(patch, "people", Some(&person.id));
                let table: &mut dyn TableLike = if matches!(edit, Edit::Person(_)) {
                    self.entity("people", &person.id)
                } else {
                    let around = neighbours(&plan.people, &person.id, |p| &p.id, |_| true);
                    self.insert_entry(patch, "people", &person.id, around)
                };
                sync_person(table, person);
            }
            Edit::RemovePerson(id) => {
                self.snapshot(patch, "people", Some(id));
                self.remove("people", id);
            }
            Edit::Department(d) | Edit::InsertDepartment { department: d, .. } => {
                self.snapshot(patch, "departments", Some(&d.id));
                let table: &mut dyn TableLike = if matches!(edit, Edit::Department(_)) {
                    self.entity("departments", &d.id)
                } else {
                    let around = neighbours(&plan.departments, &d.id, |x| &x.id, |_| true);
                    self.insert_entry(patch, "departments", &d.id, around)
                };
                sync_department(table, d);
            }
            Edit::RemoveDepartment(id) => {
                self.snapshot(patch, "departments", Some(id));
                self.remove("departments", id);
            }
            Edit::Settings(settings) => {
                self.snapshot(patch, "plan", None);
                sync_settings(self.section_like("plan"), settings);
            }
            Edit::Batch(edits) => {
                for edit in edits {
                    self.mirror(edit, plan, patch);
                }
            }
        }
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

fn sync_row(t: &mut dyn TableLike, row: &Row) {
    set_text(t, "name", Some(&row.name));
    if row.kind == RowKind::Channel {
        set_text(t, "platform", row.platform.as_deref());
    }
    set_text(t, "goal", row.goal.as_deref());
    set_date(t, "last_reviewed", row.last_reviewed);
    for role in Role::ALL {
        set_ids(t, role.key(), row.holders(role));
    }
    if row.kind == RowKind::Channel {
        set_ids(t, "admins", &row.admins);
    }
}

fn sync_person(t: &mut dyn TableLike, p: &Person) {
    set_text(t, "name", Some(&p.name));
    set_text(t, "department", p.department.as_deref());
    set_text(t, "title", p.title.as_deref());
    let external = t.get("external").and_then(Item::as_bool).unwrap_or(false);
    if external != p.external && (p.external || t.contains_key("external")) {
        set_value(t, "external", Value::from(p.external));
    }
    set_date(t, "leaving", p.leaving);
}

fn sync_department(t: &mut dyn TableLike, d: &Department) {
    set_text(t, "name", Some(&d.name));
}

fn sync_settings(t: &mut dyn TableLike, s: &Settings) {
    set_text(t, "name", s.name.as_deref());
    set_text(t, "lead", s.lead.as_deref());
    for (key, n, default) in s.numbers() {
        let now = t
            .get(key)
            .and_then(Item::as_integer)
            .and_then(|i| u32::try_from(i).ok())
            .unwrap_or(default);
        if now != n {
            set_value(t, key, Value::from(i64::from(n)));
        }
    }
}

/// Puts `item` at `key`: where the key already stands, in place, keeping the key as
/// written and the comment lines above it (`insert` would reset them); else at the end.
/// Puts `item` back at `key`. A table that is still there keeps its current position:
/// positions may have been spread out since the item was kept, and an edit never moves
/// a table that stays.
fn put(t: &mut dyn TableLike, key: &str, mut item: Item) {
    if let (Some(Item::Table(now)), Item::Table(then)) = (t.get_mut(key), &mut item) {
        then.set_position(now.position());
    }
    match (t.get_mut(key), item) {
        (Some(old), item) => *old = item,
        (None, Item::Value(value)) => append(t, key, value),
        (None, item) => {
            t.insert(key, item);
        }
    }
}

/// Adds `key` after the last key. In an inline table (`{ name = "Web" }`) the space
/// before the closing brace hangs on the last value: it moves to the new last one, so
/// that no space is left before the comma.
fn append(t: &mut dyn TableLike, key: &str, mut value: Value) {
    let space = t.iter_mut().last().and_then(|(_, item)| {
        let last = item.as_value_mut()?;
        let suffix = last.decor().suffix()?.as_str()?.to_string();
        let only_space = !suffix.is_empty() && suffix.chars().all(|c| c == ' ' || c == '\t');
        only_space.then(|| {
            last.decor_mut().set_suffix("");
            suffix
        })
    });
    if let Some(space) = space {
        value.decor_mut().set_suffix(space);
    }
    t.insert(key, Item::Value(value));
}

/// Sets `key` to `value`, keeping the spaces and comment around the old value, and the
/// key as written with the comment lines above it.
fn set_value(t: &mut dyn TableLike, key: &str, mut value: Value) {
    if let Some(old) = t.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    put(t, key, Item::Value(value));
}

fn set_text(t: &mut dyn TableLike, key: &str, text: Option<&str>) {
    let now = t.get(key).and_then(Item::as_str);
    if now == text {
        return;
    }
    match text {
        Some(text) => set_value(t, key, Value::from(text)),
        None => {
            t.remove(key);
        }
    }
}

fn set_date(t: &mut dyn TableLike, key: &str, day: Option<NaiveDate>) {
    let now = t.get(key).and_then(Item::as_value).and_then(read_date);
    if now == day {
        return;
    }
    match day {
        // A date written as a string stays a string.
        Some(day) if t.get(key).and_then(Item::as_str).is_some() => {
            set_value(t, key, Value::from(crate::text::date(day)));
        }
        Some(day) => set_value(t, key, Value::from(toml_date(day))),
        None => {
            t.remove(key);
        }
    }
}

fn read_date(v: &Value) -> Option<NaiveDate> {
    let text = match v {
        Value::String(s) => s.value().clone(),
        Value::Datetime(d) => d.value().to_string(),
        _ => return None,
    };
    crate::text::parse_date(&text)
}

/// The ids a role list holds in the file, as the loader reads them.
fn read_ids(item: &Item) -> Option<Vec<Id>> {
    match item.as_value()? {
        Value::String(s) => Some(
            Some(s.value().clone())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect(),
        ),
        Value::Array(a) => Some(crate::model::dedup(
            a.iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        )),
        _ => None,
    }
}

/// Sets a role or admin list, changing the file only when the ids differ, and then as
/// little as possible: ids are removed from and added to a written list in place.
fn set_ids(t: &mut dyn TableLike, key: &str, new: &[Id]) {
    let old = t.get(key).and_then(read_ids);
    if old.as_deref().unwrap_or_default() == new {
        return;
    }
    let Some(item) = t.get_mut(key) else {
        if let Some(v) = ids(new) {
            append(t, key, v);
        }
        return;
    };
    // An emptied list is handled below (removed, or `[]` when a comment hangs on it).
    if let Some(array) = item.as_array_mut().filter(|_| !new.is_empty()) {
        array.retain(|v| v.as_str().is_some_and(|s| new.iter().any(|n| n == s)));
        let mut seen: Vec<Id> = Vec::new();
        array.retain(|v| {
            let s = v.as_str().unwrap_or_default().to_string();
            let first = !seen.contains(&s);
            seen.push(s);
            first
        });
        // A new id is written like the last one: on its own line in a list of lines.
        let prefix = array.iter().last().and_then(|v| {
            v.decor()
                .prefix()
                .and_then(|p| p.as_str())
                .map(String::from)
        });
        for id in new {
            if !seen.contains(id) {
                let mut v = Value::from(id.as_str());
                if let Some(prefix) = &prefix {
                    v.decor_mut().set_prefix(prefix.clone());
                }
                array.push_formatted(v);
            }
        }
        let now: Vec<&str> = array.iter().filter_map(Value::as_str).collect();
        if now.iter().copied().eq(new.iter().map(String::as_str)) {
            return;
        }
    }
    // A comment above the key, after the value or inside a list of lines (ids cannot
    // hold `#`).
    let has_comment = |s: Option<&toml_edit::RawString>| {
        s.and_then(|s| s.as_str()).is_some_and(|s| s.contains('#'))
    };
    let commented = t
        .key(key)
        .is_some_and(|k| has_comment(k.leaf_decor().prefix()))
        || t.get(key)
            .and_then(Item::as_value)
            .is_some_and(|v| v.to_string().contains('#') || has_comment(v.decor().suffix()));
    match ids(new) {
        Some(value) => set_value(t, key, value),
        // An emptied list goes, unless a comment hangs on it.
        // A list of lines empties in place, so the comments inside it stay.
        None if commented => match t.get_mut(key).and_then(Item::as_array_mut) {
            Some(array) => array.retain(|_| false),
            None => set_value(t, key, Value::Array(Array::new())),
        },
        None => {
            t.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Plan;
    use crate::model::edit::{remove_person, toggle_role};
    use crate::store::parse;

    const TEXT: &str = "# Who owns our social media?\n[plan]\nname = \"Bakery\"   # the shop\n\n\
        [people.sam]\nname = \"Sam\"\n\n[people.ana]\nname = \"Ana\"\nleaving = \"2027-01-31\"\n\n\
        # The channels\n[channels.ig]\nname = \"Instagram\"\naccountable = \"sam\"  # one owner\n\
        responsible = [\n    \"ana\",  # does the posts\n]\nfoo = 1\n\n[duties.policy]\nname = \"Policy\"\n";

    fn edit(text: &str, make: impl Fn(&Plan) -> Edit) -> String {
        let mut plan = parse(text).expect("parses");
        let mut doc = Document::parse(text).expect("parses");
        let e = make(&plan);
        plan.apply(e.clone()).expect("applies");
        doc.apply(&e, &plan);
        let out = doc.text();
        assert_eq!(parse(&out).expect("still parses"), plan, "{out}");
        out
    }

    fn changed_lines(a: &str, b: &str) -> Vec<String> {
        let old: Vec<&str> = a.lines().collect();
        b.lines()
            .filter(|l| !old.contains(l))
            .map(String::from)
            .collect()
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
    fn a_comment_above_a_role_key_survives_its_edits() {
        let text = "[people.sam]\nname = \"Sam\"\n\n[people.kim]\nname = \"Kim\"\n\n\
            [channels.web]\nname = \"Web\"\n# Kim runs it.\nresponsible = \"kim\"\n";
        // A string becomes a list: the key keeps its comment.
        let out = edit(text, |p| {
            toggle_role(p.row("web").expect("web"), "sam", Role::Responsible)
        });
        assert!(
            out.contains("# Kim runs it.\nresponsible = [\"kim\", \"sam\"]\n"),
            "{out}"
        );
        // Emptied: the key stays, empty, with its comment.
        let out = edit(text, |p| {
            toggle_role(p.row("web").expect("web"), "kim", Role::Responsible)
        });
        assert!(out.contains("# Kim runs it.\nresponsible = []\n"), "{out}");
    }

    #[test]
    fn entries_written_inline_are_edited_where_they_stand() {
        let text = "plan = { name = \"Inline\" }\npeople = { sam = { name = \"Sam\" } }\n\
            channels = { web = { name = \"Web\" }, news = { name = \"News\" } }\n";
        let out = edit(text, |p| {
            toggle_role(p.row("web").expect("web"), "sam", Role::Accountable)
        });
        assert_eq!(
            out,
            text.replace(
                "web = { name = \"Web\" }",
                "web = { name = \"Web\", accountable = \"sam\" }"
            )
        );
        let text = "[duties]\nbackup = { name = \"Backups\" }\npolicy = { name = \"Policy\" }\n\n\
            [people.sam]\nname = \"Sam\"\n";
        let out = edit(text, |p| {
            toggle_role(p.row("backup").expect("backup"), "sam", Role::Informed)
        });
        assert_eq!(
            out,
            text.replace(
                "{ name = \"Backups\" }",
                "{ name = \"Backups\", informed = \"sam\" }"
            )
        );
    }

    #[test]
    fn a_toggle_changes_one_list_and_keeps_its_comment() {
        let out = edit(TEXT, |p| {
            toggle_role(p.row("ig").expect("ig"), "ana", Role::Accountable)
        });
        assert_eq!(
            changed_lines(TEXT, &out),
            ["accountable = [\"sam\", \"ana\"]  # one owner"]
        );
        assert_eq!(out.lines().count(), TEXT.lines().count());
    }

    #[test]
    fn a_multi_line_list_keeps_its_layout() {
        let out = edit(TEXT, |p| {
            toggle_role(p.row("ig").expect("ig"), "sam", Role::Responsible)
        });
        assert!(
            out.contains("responsible = [\n    \"ana\",\n    \"sam\",  # does the posts\n]"),
            "{out}"
        );
        assert!(out.contains("foo = 1"), "unknown keys stay: {out}");
        let back = edit(&out, |p| {
            toggle_role(p.row("ig").expect("ig"), "sam", Role::Responsible)
        });
        assert!(back.contains("    \"ana\",  # does the posts\n"), "{back}");
    }

    #[test]
    fn a_new_role_list_is_added_to_its_table() {
        let out = edit(TEXT, |p| {
            toggle_role(p.row("policy").expect("policy"), "sam", Role::Accountable)
        });
        assert!(
            out.ends_with("[duties.policy]\nname = \"Policy\"\naccountable = \"sam\"\n"),
            "{out}"
        );
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
    fn an_emptied_list_with_a_comment_keeps_the_comment() {
        let out = edit(TEXT, |p| {
            toggle_role(p.row("ig").expect("ig"), "sam", Role::Accountable)
        });
        assert!(out.contains("accountable = []  # one owner"), "{out}");
    }

    #[test]
    fn an_emptied_list_goes_unless_it_holds_a_comment() {
        let text = "[channels.ig]\nname = \"IG\"\ninformed = [\"sam\"]\nconsulted = [\n  \"sam\", # why\n]\n\
                    [people.sam]\nname = \"Sam\"\n";
        let out = edit(text, |p| {
            crate::model::edit::clear_cell(p.row("ig").expect("ig"), "sam").expect("holds")
        });
        assert!(!out.contains("informed"), "{out}");
        assert!(out.contains("# why"), "{out}");
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

    #[test]
    fn a_date_written_as_text_stays_text() {
        let out = edit(TEXT, |p| {
            let mut ana = p.person("ana").expect("ana").clone();
            ana.leaving = NaiveDate::from_ymd_opt(2027, 2, 1);
            Edit::Person(ana)
        });
        assert!(out.contains("leaving = \"2027-02-01\""), "{out}");
    }
}
