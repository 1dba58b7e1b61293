//! The keys inside one table of the document: each set to what the plan now says, and
//! only where the meaning changed, keeping the key as written, the comments around it,
//! quoting, a date's form and a list's layout.

use chrono::NaiveDate;
use toml_edit::{Array, Item, TableLike, Value};
use unicode_width::UnicodeWidthStr;

use crate::model::{Department, Id, Person, Role, Row, RowKind, Section, Settings};
use crate::store::serialize::{ids, toml_date};

/// A channel, duty, person or department as the document mirrors it.
pub(super) trait Entry {
    /// The section its table stands in.
    fn section(&self) -> Section;
    fn id(&self) -> &Id;
    /// Whether `other` stands among the same entries: a channel among channels.
    fn same_kind(&self, other: &Self) -> bool;
    /// Writes its keys into its table.
    fn sync(&self, t: &mut dyn TableLike);
}

impl Entry for Row {
    fn section(&self) -> Section {
        self.kind.section()
    }

    fn id(&self) -> &Id {
        &self.id
    }

    fn same_kind(&self, other: &Self) -> bool {
        self.kind == other.kind
    }

    fn sync(&self, t: &mut dyn TableLike) {
        sync_row(t, self);
    }
}

impl Entry for Person {
    fn section(&self) -> Section {
        Section::People
    }

    fn id(&self) -> &Id {
        &self.id
    }

    fn same_kind(&self, _: &Self) -> bool {
        true
    }

    fn sync(&self, t: &mut dyn TableLike) {
        sync_person(t, self);
    }
}

impl Entry for Department {
    fn section(&self) -> Section {
        Section::Departments
    }

    fn id(&self) -> &Id {
        &self.id
    }

    fn same_kind(&self, _: &Self) -> bool {
        true
    }

    fn sync(&self, t: &mut dyn TableLike) {
        set_text(t, "name", Some(&self.name));
    }
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

pub(super) fn sync_settings(t: &mut dyn TableLike, s: &Settings) {
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
/// A table that is still there keeps its current position: positions may have been
/// spread out since an item was kept for undo, and an edit never moves a table that
/// stays.
pub(super) fn put(t: &mut dyn TableLike, key: &str, mut item: Item) {
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
        let bare = |v: &Value| {
            let mut v = v.clone();
            v.decor_mut().clear();
            v.to_string().width()
        };
        let (was, now) = (bare(old), bare(&value));
        *value.decor_mut() = old.decor().clone();
        // A comment set in a column after the value (`name = "…"    # …`, three spaces
        // or more before it) stays in its column where the new value leaves room for it;
        // one a space or two after its value stays that close.
        let suffix = old.decor().suffix().and_then(|s| s.as_str()).unwrap_or("");
        let comment = suffix.trim_start_matches(' ');
        let gap = suffix.len() - comment.len();
        if gap >= 3 && comment.starts_with('#') {
            let gap = (gap + was).saturating_sub(now).max(1);
            let suffix = format!("{}{comment}", " ".repeat(gap));
            value.decor_mut().set_suffix(suffix);
        }
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
    // A list on one line, without comments, that comes down to one id is written as one
    // id is (`accountable = "sam"`), as it was before a second was added.
    if let [one] = new
        && item
            .as_array()
            .is_some_and(|a| !a.to_string().contains(['\n', '#']))
    {
        set_value(t, key, Value::from(one.as_str()));
        return;
    }
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
        // After the first of a list on one line, whose prefix is none, it takes a space.
        let one_line_first = array.len() == 1 && !array.to_string().contains('\n');
        let prefix = array
            .iter()
            .last()
            .and_then(|v| {
                v.decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .map(String::from)
            })
            .filter(|p| !(one_line_first && p.is_empty()))
            .or_else(|| one_line_first.then(|| " ".to_string()));
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
    use chrono::NaiveDate;

    use crate::model::Role;
    use crate::model::edit::{Edit, toggle_role};
    use crate::store::document::tests::{TEXT, changed_lines, edit};

    #[test]
    fn an_id_added_to_a_list_of_one_is_written_after_a_comma_and_a_space() {
        let text = "[people.sam]\nname = \"Sam\"\n\n[people.kim]\nname = \"Kim\"\n\n\
            [channels.web]\nname = \"Web\"\nresponsible = [\"kim\"]\n";
        let out = edit(text, |p| {
            toggle_role(p.row("web").expect("web"), "sam", Role::Responsible)
        });
        assert!(out.contains("responsible = [\"kim\", \"sam\"]\n"), "{out}");
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
        // Back to one: text again, as before, the comment kept.
        let two = edit(text, |p| {
            toggle_role(p.row("web").expect("web"), "sam", Role::Responsible)
        });
        let back = edit(&two, |p| {
            toggle_role(p.row("web").expect("web"), "sam", Role::Responsible)
        });
        assert_eq!(back, text);
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
    fn a_toggle_and_its_reverse_give_back_the_very_text() {
        let text = "[people.sam]\nname = \"Sam\"\n\n[people.ana]\nname = \"Ana\"\n\n\
            [channels.web]\nname = \"Web\"\naccountable = \"sam\" # the owner\n\
            responsible = [\"ana\"]\n\n[plan]\nname = \"Shop\"\n";
        for (role, who) in [
            (Role::Accountable, "ana"),
            (Role::Accountable, "sam"),
            (Role::Responsible, "sam"),
            (Role::Responsible, "ana"),
        ] {
            // One document, as in the editor: it remembers the file as it was read.
            let mut plan = crate::store::parse(text).expect("parses");
            let mut doc = crate::store::Document::parse(text).expect("parses");
            for _ in 0..2 {
                let e = toggle_role(plan.row("web").expect("web"), who, role);
                plan.apply(e.clone()).expect("applies");
                doc.apply(&e, &plan);
            }
            let back = doc.text();
            assert_eq!(back, text, "{role:?} {who}, there and back");
        }
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
