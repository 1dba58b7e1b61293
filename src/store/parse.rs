//! Plan text to `Plan`: a typed walk over toml's spanned tree, so that every wrong type,
//! every unknown key and every problem found later knows its line and column.
//!
//! It is one file though long: one walk over one tree, with the keys it knows at each
//! place and the positions it records; every other part of it serves that walk.

use std::cell::Cell;
use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::model::{
    Department, Id, Locus, Person, Places, Plan, Pos, Role, Row, RowKind, Section, Settings,
    UnknownKey, is_valid_id,
};

/// Why a plan's text could not be understood, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What is wrong and what was expected, in plain words.
    pub message: String,
    /// The bytes of the text it concerns, when known.
    pub span: Option<Range<usize>>,
}

impl ParseError {
    /// The line and column where the problem is, in `text` (the text that was parsed).
    #[must_use]
    pub fn pos(&self, text: &str) -> Option<Pos> {
        self.span
            .as_ref()
            .map(|span| LineIndex::new(text).pos(text, span.start))
    }

    /// The message with where it is, for one line of text: `line 3, column 5: …`.
    #[must_use]
    pub fn located(&self, text: &str) -> String {
        match self.pos(text) {
            Some(p) => format!("line {}, column {}: {}", p.line, p.column, self.message),
            None => self.message.clone(),
        }
    }

    fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        ParseError {
            message: message.into(),
            span: Some(span),
        }
    }
}

const TOP_KEYS: &[&str] = &["plan", "departments", "people", "channels", "duties"];
const PLAN_KEYS: &[&str] = &[
    "name",
    "lead",
    "review_every_days",
    "leaving_notice_days",
    "max_accountable",
];
const DEPARTMENT_KEYS: &[&str] = &["name"];
const PERSON_KEYS: &[&str] = &["name", "department", "title", "external", "leaving"];
const CHANNEL_KEYS: &[&str] = &[
    "name",
    "platform",
    "goal",
    "last_reviewed",
    "accountable",
    "responsible",
    "consulted",
    "informed",
    "admins",
];
const DUTY_KEYS: &[&str] = &[
    "name",
    "goal",
    "last_reviewed",
    "accountable",
    "responsible",
    "consulted",
    "informed",
];

/// Reads a plan from its text (without a byte order mark).
///
/// # Errors
/// A TOML syntax error, a duplicate key, a value of the wrong type, a bad id or a
/// missing name, each with the span it concerns.
pub fn parse(text: &str) -> Result<Plan, ParseError> {
    let root = DeTable::parse(text).map_err(|e| syntax_error(text, &e))?;
    numbers(root.get_ref())?;
    let mut reader = Reader {
        lines: LineIndex::new(text),
        text,
        plan: Plan::default(),
    };
    reader.document(root.get_ref())?;
    Ok(reader.plan)
}

/// Checks that every number in the file is one TOML can hold, under keys steward reads
/// and keys it does not know alike: the parser leaves numbers as text until they are
/// used, and a file with `x = 0o` or a 30-digit number is not TOML (nor can it be edited).
fn numbers(table: &DeTable<'_>) -> Result<(), ParseError> {
    fn value(v: &Value<'_>) -> Result<(), ParseError> {
        let bad = |what: String| {
            Err(ParseError::at(
                v.span(),
                format!("{what} is not a number TOML can hold (too large, or no digits)"),
            ))
        };
        match v.get_ref() {
            DeValue::Integer(i) if i64::from_str_radix(i.as_str(), i.radix()).is_err() => {
                bad(format!("`{i}`"))
            }
            DeValue::Float(f) => {
                let ok = f
                    .as_str()
                    .parse::<f64>()
                    .is_ok_and(|x| x.is_finite() || f.as_str().contains("inf") || x.is_nan());
                if ok { Ok(()) } else { bad(format!("`{f}`")) }
            }
            DeValue::Array(items) => items.iter().try_for_each(value),
            DeValue::Table(t) => numbers(t),
            _ => Ok(()),
        }
    }
    table.values().try_for_each(value)
}

/// How deep the TOML parser reads lists, tables and dotted keys before it gives up.
const NESTING_LIMIT: usize = 80;

/// A TOML syntax error in plain words, with where it is.
fn syntax_error(text: &str, e: &toml::de::Error) -> ParseError {
    let message = e.message();
    // The parser stops deep nesting (so that no file can overflow the stack) in words of
    // its own, and says where only for lists and inline tables, not for dotted keys.
    if message.contains("recursion") {
        return ParseError {
            message: format!(
                "nested too deeply: steward reads lists, tables and dotted keys up to \
                 {NESTING_LIMIT} levels deep, and a plan needs three at most"
            ),
            span: e.span().or_else(|| deep_key(text)),
        };
    }
    ParseError {
        message: toml_message(e),
        span: e.span(),
    }
}

/// The first line whose key has more parts than the parser reads (`[a.a.a…]`, `a.a.a… =`).
fn deep_key(text: &str) -> Option<Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let key = line.split('=').next().unwrap_or(line);
        if key.matches('.').count() >= NESTING_LIMIT {
            let blank = line.len() - line.trim_start().len();
            return Some(start + blank..start + blank + 1);
        }
        start += line.len();
    }
    None
}

/// The parser's own words, first letter lowered to read after "invalid TOML: ".
fn toml_message(e: &toml::de::Error) -> String {
    let msg = e.message().trim().trim_end_matches('.');
    let mut chars = msg.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "invalid TOML".to_string(),
    }
}

/// Which field of which table a value is read for: `[people.sam]`'s `leaving`. Written
/// out only in a message about it.
#[derive(Debug, Clone, Copy)]
struct At<'a>(Section, &'a str, &'a str);

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At(Section::Plan, ..) => f.write_str("plan"),
            At(section, id, _) => write!(f, "{}.{id}", section.key()),
        }
    }
}

type Entries<'i> = DeTable<'i>;
type Key<'i> = Spanned<DeString<'i>>;
type Value<'i> = Spanned<DeValue<'i>>;

struct Reader<'t> {
    text: &'t str,
    lines: LineIndex,
    plan: Plan,
}

// The readers of single values are methods too, so that every step of the walk reads alike.
#[allow(clippy::unused_self)]
impl Reader<'_> {
    fn document(&mut self, root: &Entries<'_>) -> Result<(), ParseError> {
        let mut channels = Vec::new();
        let mut duties = Vec::new();
        for (key, value) in root {
            match key.get_ref().as_ref() {
                "plan" => self.settings(key, value)?,
                "departments" => {
                    for (k, v) in self.section(key, value, "departments.marketing")? {
                        let department = self.department(k, v)?;
                        self.plan.departments.push(department);
                    }
                }
                "people" => {
                    for (k, v) in self.section(key, value, "people.sam")? {
                        let person = self.person(k, v)?;
                        self.plan.people.push(person);
                    }
                }
                "channels" => {
                    for (k, v) in self.section(key, value, "channels.instagram")? {
                        channels.push(self.row(RowKind::Channel, k, v)?);
                    }
                }
                "duties" => {
                    for (k, v) in self.section(key, value, "duties.policy")? {
                        duties.push(self.row(RowKind::Duty, k, v)?);
                    }
                }
                _ => self.unknown(&[], key, TOP_KEYS),
            }
        }
        self.plan.rows = channels;
        self.plan.rows.append(&mut duties);
        Ok(())
    }

    /// The entries of a top-level table such as `[people]`.
    fn section<'a, 'i>(
        &mut self,
        key: &Key<'_>,
        value: &'a Value<'i>,
        example: &str,
    ) -> Result<&'a Entries<'i>, ParseError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t),
            other => Err(ParseError::at(
                value.span(),
                format!(
                    "`{}` must be a table of entries like [{example}], found {}",
                    key.get_ref(),
                    kind(other)
                ),
            )),
        }
    }

    /// The fields of one entry such as `[people.sam]`, after checking its id.
    fn entry<'a, 'i>(
        &mut self,
        section: Section,
        key: &Key<'_>,
        value: &'a Value<'i>,
    ) -> Result<(Id, &'a Entries<'i>), ParseError> {
        let id = key.get_ref().to_string();
        if !is_valid_id(&id) {
            return Err(ParseError::at(
                key.span(),
                format!(
                    "`{}` is not a valid id in [{}]: ids use only lowercase letters, digits, `-` and `_`",
                    crate::text::one_line(&id),
                    section.key()
                ),
            ));
        }
        let DeValue::Table(fields) = value.get_ref() else {
            return Err(ParseError::at(
                value.span(),
                format!(
                    "`{}.{id}` must be a table with at least a name, like [{}.{id}] followed by name = \"…\", found {}",
                    section.key(),
                    section.key(),
                    kind(value.get_ref())
                ),
            ));
        };
        Ok((id, fields))
    }

    /// Where an entry's table (or `[plan]`) starts: the first non-blank character of
    /// the line of its key.
    fn places_at(&self, key: &Key<'_>) -> Places {
        let mut places = Places::default();
        places.entity(self.line_start(key.span().start));
        places
    }

    fn settings(&mut self, key: &Key<'_>, value: &Value<'_>) -> Result<(), ParseError> {
        let DeValue::Table(fields) = value.get_ref() else {
            return Err(ParseError::at(
                value.span(),
                format!(
                    "`plan` must be a table of settings, like [plan] followed by name = \"…\", found {}",
                    kind(value.get_ref())
                ),
            ));
        };
        let mut places = self.places_at(key);
        let mut settings = Settings::default();
        for (k, v) in fields {
            let field = k.get_ref().as_ref();
            let at = At(Section::Plan, "", field);
            match field {
                "name" => settings.name = Some(self.string(v, at)?),
                "lead" => {
                    // `lead = ""` says no lead, as an empty role list says nobody.
                    settings.lead = Some(self.string(v, at)?).filter(|l| !l.trim().is_empty());
                    places.field("lead", self.pos(v.span().start));
                }
                "review_every_days" => settings.review_every_days = self.days(v, at)?,
                "leaving_notice_days" => settings.leaving_notice_days = self.days(v, at)?,
                "max_accountable" => settings.max_accountable = self.days(v, at)?,
                _ => self.unknown(&["plan"], k, PLAN_KEYS),
            }
        }
        self.plan.settings = settings;
        self.put(Section::Plan, Id::new(), places);
        Ok(())
    }

    fn department(&mut self, key: &Key<'_>, value: &Value<'_>) -> Result<Department, ParseError> {
        let (id, fields) = self.entry(Section::Departments, key, value)?;
        let mut places = self.places_at(key);
        let mut name = None;
        for (k, v) in fields {
            let field = k.get_ref().as_ref();
            match field {
                "name" => name = Some(self.name(v, &id, Section::Departments, &mut places)?),
                _ => self.unknown(&["departments", &id], k, DEPARTMENT_KEYS),
            }
        }
        let name = self.require_name(name, Section::Departments, &id, key)?;
        self.put(Section::Departments, id.clone(), places);
        Ok(Department { id, name })
    }

    fn person(&mut self, key: &Key<'_>, value: &Value<'_>) -> Result<Person, ParseError> {
        let (id, fields) = self.entry(Section::People, key, value)?;
        let mut person = Person {
            id: id.clone(),
            name: String::new(),
            department: None,
            title: None,
            external: false,
            leaving: None,
        };
        let mut places = self.places_at(key);
        let mut name = None;
        for (k, v) in fields {
            let field = k.get_ref().as_ref();
            let at = At(Section::People, &id, field);
            match field {
                "name" => name = Some(self.name(v, &id, Section::People, &mut places)?),
                "department" => {
                    person.department = Some(self.string(v, at)?);
                    places.field("department", self.pos(v.span().start));
                }
                "title" => person.title = Some(self.string(v, at)?),
                "external" => person.external = self.boolean(v, at)?,
                "leaving" => {
                    person.leaving = Some(self.date(v, at)?);
                    places.field("leaving", self.pos(v.span().start));
                }
                _ => self.unknown(&["people", &id], k, PERSON_KEYS),
            }
        }
        person.name = self.require_name(name, Section::People, &id, key)?;
        self.put(Section::People, id, places);
        Ok(person)
    }

    fn row(&mut self, kind: RowKind, key: &Key<'_>, value: &Value<'_>) -> Result<Row, ParseError> {
        let section = kind.section();
        let (id, fields) = self.entry(section, key, value)?;
        let known = match kind {
            RowKind::Channel => CHANNEL_KEYS,
            RowKind::Duty => DUTY_KEYS,
        };
        let mut row = Row::new(kind, id.clone(), String::new());
        let mut places = self.places_at(key);
        let mut name = None;
        for (k, v) in fields {
            let field = k.get_ref().as_ref();
            let at = At(section, &id, field);
            let role = Role::ALL.into_iter().find(|r| r.key() == field);
            match (field, role) {
                ("name", _) => name = Some(self.name(v, &id, section, &mut places)?),
                (_, Some(role)) => {
                    let ids = self.ids(v, (section, &id, role.key()), &mut places)?;
                    row.set_holders(role, ids);
                }
                ("goal", _) => row.goal = Some(self.string(v, at)?),
                ("last_reviewed", _) => {
                    row.last_reviewed = Some(self.date(v, at)?);
                    places.field("last_reviewed", self.pos(v.span().start));
                }
                ("platform", _) if kind == RowKind::Channel => {
                    row.platform = Some(self.string(v, at)?);
                }
                ("admins", _) if kind == RowKind::Channel => {
                    row.admins = self.ids(v, (section, &id, "admins"), &mut places)?;
                }
                _ => self.unknown(&[section.key(), &id], k, known),
            }
        }
        row.name = self.require_name(name, section, &id, key)?;
        self.put(section, id, places);
        Ok(row)
    }

    fn require_name(
        &self,
        name: Option<String>,
        section: Section,
        id: &str,
        key: &Key<'_>,
    ) -> Result<String, ParseError> {
        name.ok_or_else(|| {
            ParseError::at(
                key.span(),
                format!(
                    "[{}.{id}] has no name: every entry needs one, like name = \"{}\"",
                    section.key(),
                    example_name(section)
                ),
            )
        })
    }

    fn name(
        &mut self,
        v: &Value<'_>,
        id: &str,
        section: Section,
        places: &mut Places,
    ) -> Result<String, ParseError> {
        let name = self.string(v, At(section, id, "name"))?;
        if name.trim().is_empty() {
            return Err(ParseError::at(
                v.span(),
                format!(
                    "the name of [{}.{id}] is empty: write what people call it, like name = \"{}\"",
                    section.key(),
                    example_name(section)
                ),
            ));
        }
        places.field("name", self.pos(v.span().start));
        Ok(name)
    }

    /// A role list or `admins`: one id as a string, or a list of ids, each once.
    fn ids(
        &mut self,
        v: &Value<'_>,
        (section, id, field): (Section, &str, &'static str),
        places: &mut Places,
    ) -> Result<Vec<Id>, ParseError> {
        places.field(field, self.pos(v.span().start));
        let expected = || {
            format!(
                "`{field}` in [{}.{id}] takes an id like \"sam\" or a list of ids like [\"sam\", \"marketing\"]",
                section.key()
            )
        };
        let mut listed: Vec<(&str, usize)> = Vec::new();
        match v.get_ref() {
            DeValue::String(s) => listed.push((s, v.span().start)),
            DeValue::Array(items) => {
                listed.reserve(items.len());
                for item in items {
                    match item.get_ref() {
                        DeValue::String(s) => listed.push((s, item.span().start)),
                        other => {
                            return Err(ParseError::at(
                                item.span(),
                                format!("{}; this item is {}", expected(), kind(other)),
                            ));
                        }
                    }
                }
            }
            other => {
                return Err(ParseError::at(
                    v.span(),
                    format!("{}, found {}", expected(), kind(other)),
                ));
            }
        }
        let mut out: Vec<Id> = Vec::with_capacity(listed.len());
        let items = places.list(field, listed.len());
        // A long list (everyone copied in) is told apart with a set, not id by id.
        let mut seen: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
        let long = listed.len() > 16;
        for (s, start) in listed {
            let s = s.trim();
            // An id listed twice counts once; it is recorded where it first appears.
            let new = if long {
                seen.insert(s)
            } else {
                !out.iter().any(|o| o == s)
            };
            if !s.is_empty() && new {
                items.push(self.pos(start));
                out.push(s.to_string());
            }
        }
        Ok(out)
    }

    fn string(&self, v: &Value<'_>, at: At<'_>) -> Result<String, ParseError> {
        let (table, field) = (at, at.2);
        match v.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(ParseError::at(
                v.span(),
                format!(
                    "`{field}` in [{table}] must be text in quotes, like {field} = \"…\", found {}",
                    kind(other)
                ),
            )),
        }
    }

    fn boolean(&self, v: &Value<'_>, at: At<'_>) -> Result<bool, ParseError> {
        let (table, field) = (at, at.2);
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            other => Err(ParseError::at(
                v.span(),
                format!(
                    "`{field}` in [{table}] must be true or false, found {}",
                    kind(other)
                ),
            )),
        }
    }

    /// A count of days (or rows): a whole number, zero or more.
    fn days(&self, v: &Value<'_>, at: At<'_>) -> Result<u32, ParseError> {
        let (table, field) = (at, at.2);
        // The example is the field's default, where it has one.
        let like = Settings::default()
            .numbers()
            .iter()
            .find(|(key, ..)| *key == field)
            .map_or(90, |(.., default)| *default);
        let err = |found: String| {
            ParseError::at(
                v.span(),
                format!(
                    "`{field}` in [{table}] must be a whole number, 0 or more, like {field} = {like}, found {found}"
                ),
            )
        };
        match v.get_ref() {
            DeValue::Integer(i) => {
                let n = i64::from_str_radix(i.as_str(), i.radix())
                    .map_err(|_| err("a number too large".into()))?;
                u32::try_from(n).map_err(|_| err(format!("{n}")))
            }
            other => Err(err(kind(other).to_string())),
        }
    }

    /// A date: a TOML date (2027-01-31) or the same in quotes.
    fn date(&self, v: &Value<'_>, at: At<'_>) -> Result<NaiveDate, ParseError> {
        let (table, field) = (at, at.2);
        let err = |found: &str| {
            ParseError::at(
                v.span(),
                format!(
                    "`{field}` in [{table}] must be a date like {field} = 2027-01-31, found {found}"
                ),
            )
        };
        match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                        .ok_or_else(|| err("a day that does not exist"))
                }
                (None, _, _) => Err(err("a time of day")),
                _ => Err(err("a date with a time")),
            },
            DeValue::String(s) => crate::text::parse_date(s)
                .filter(|_| looks_like_iso_date(s.trim()))
                .ok_or_else(|| err(&format!("\"{}\"", crate::text::one_line(s)))),
            other => Err(err(kind(other))),
        }
    }

    fn unknown(&mut self, parents: &[&str], key: &Key<'_>, known: &'static [&'static str]) {
        let name = key.get_ref().to_string();
        let suggestion = crate::text::nearest(&name, known.iter().copied());
        let mut path: Vec<String> = parents.iter().map(ToString::to_string).collect();
        path.push(name);
        let pos = self.pos(key.span().start);
        self.plan.source.insert(Locus::Key(path.clone()), pos);
        self.plan.unknown_keys.push(UnknownKey { path, suggestion });
    }

    /// Where an entry's parts stand, once it is read (the first table of an id wins).
    fn put(&mut self, section: Section, id: Id, places: Places) {
        let slot = self.plan.source.places(section, id);
        if slot.is_empty() {
            *slot = places;
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(self.text, offset)
    }

    /// The first non-blank character of the line holding `offset`.
    fn line_start(&self, offset: usize) -> Pos {
        let start = self.lines.start_of(offset);
        let line = &self.text[start..];
        let blank = line.len() - line.trim_start_matches([' ', '\t']).len();
        self.pos(start + blank)
    }
}

/// `text::parse_date` also takes `2027-1-5`; the file format says four, two and two digits.
fn looks_like_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-'
}

fn example_name(section: Section) -> &'static str {
    match section {
        Section::Plan => "Harbour Bakery",
        Section::Departments => "Marketing",
        Section::People => "Sam Okafor",
        Section::Channels => "Instagram @harbourbakery",
        Section::Duties => "Social media policy",
    }
}

/// What a value is, in words, for "found …".
fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Byte offsets of line starts, to turn an offset into a line and column.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// The last place asked for (line, offset, column): places are mostly asked for in
    /// order, so the next column is counted on from there instead of from the start of
    /// its line, which would make a long line cost its length for every place on it.
    last: Cell<(usize, usize, usize)>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset) - 1
    }

    pub(crate) fn start_of(&self, offset: usize) -> usize {
        self.starts[self.line_of(offset)]
    }

    /// Line and column (in characters), both from 1.
    pub(crate) fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let (last_line, last_end, last_column) = self.last.get();
        let next_line = self
            .starts
            .get(last_line + 1)
            .copied()
            .unwrap_or(usize::MAX);
        let (line, column) = if end >= last_end && end < next_line {
            (last_line, last_column + text[last_end..end].chars().count())
        } else {
            let line = self.line_of(offset);
            (line, text[self.starts[line]..end].chars().count() + 1)
        };
        self.last.set((line, end, column));
        Pos {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_spec_example() {
        let plan = parse(include_str!("../../tests/fixtures/spec-example.toml")).expect("parses");
        assert_eq!(plan.settings.name.as_deref(), Some("Harbour Bakery"));
        assert_eq!(plan.settings.lead.as_deref(), Some("sam"));
        assert_eq!(plan.settings.review_every_days, 90);
        assert_eq!(plan.departments.len(), 2);
        assert_eq!(plan.people.len(), 3);
        let ana = plan.person("ana").expect("ana");
        assert_eq!(ana.leaving, NaiveDate::from_ymd_opt(2027, 1, 31));
        assert!(plan.person("pixel").expect("pixel").external);
        let ig = plan.row("instagram").expect("instagram");
        assert_eq!(ig.holders(Role::Accountable), ["sam"]);
        assert_eq!(ig.holders(Role::Responsible), ["pixel", "ana"]);
        assert_eq!(ig.admins, ["sam", "ana"]);
        assert_eq!(ig.last_reviewed, NaiveDate::from_ymd_opt(2026, 10, 2));
        let kinds: Vec<RowKind> = plan.rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RowKind::Channel, RowKind::Duty]);
    }

    #[test]
    fn channels_come_before_duties_whatever_the_file_order() {
        let plan = parse(
            "[duties.policy]\nname = \"P\"\n[channels.ig]\nname = \"IG\"\n[channels.fb]\nname = \"FB\"\n",
        )
        .expect("parses");
        let ids: Vec<&str> = plan.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["ig", "fb", "policy"]);
    }

    #[test]
    fn positions_point_at_headers_and_items() {
        let text = "[channels.ig]\nname = \"IG\"\naccountable = [\"a\", \"b\", \"a\", \"c\"]\n";
        let plan = parse(text).expect("parses");
        let at = |l| plan.pos(&l);
        let ig = || "ig".to_string();
        assert_eq!(
            at(Locus::Entity(Section::Channels, ig())),
            Pos { line: 1, column: 1 }
        );
        assert_eq!(
            at(Locus::Field(Section::Channels, ig(), "accountable")),
            Pos {
                line: 3,
                column: 15
            }
        );
        assert_eq!(
            at(Locus::Item(Section::Channels, ig(), "accountable", 1)),
            Pos {
                line: 3,
                column: 21
            }
        );
        // "c" is the third distinct id, written fourth.
        assert_eq!(
            at(Locus::Item(Section::Channels, ig(), "accountable", 2)),
            Pos {
                line: 3,
                column: 31
            }
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "[people.zoe]\nname = \"Zoë 🎉\"\ndepartment = 1\n";
        let err = parse(text).expect_err("wrong type");
        let idx = LineIndex::new(text);
        let pos = idx.pos(text, err.span.expect("span").start);
        assert_eq!(
            pos,
            Pos {
                line: 3,
                column: 14
            }
        );
        assert_eq!(idx.pos("é", 1), Pos { line: 1, column: 1 });
    }

    #[test]
    fn a_number_of_the_wrong_kind_is_shown_its_default_as_the_example() {
        for (key, like) in [
            ("review_every_days", 90),
            ("leaving_notice_days", 60),
            ("max_accountable", 5),
        ] {
            let err = parse(&format!("[plan]\n{key} = \"soon\"\n")).expect_err("text");
            assert!(
                err.message.contains(&format!("like {key} = {like}, found")),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn dates_may_be_native_or_quoted_but_not_sloppy() {
        let ok = parse("[people.a]\nname = \"A\"\nleaving = \"2027-01-31\"\n").expect("quoted");
        assert_eq!(ok.people[0].leaving, NaiveDate::from_ymd_opt(2027, 1, 31));
        for bad in [
            "\"2027-1-31\"",
            "\"31/01/2027\"",
            "2027-01-31T10:00:00",
            "\"2027-02-30\"",
            "5",
        ] {
            let text = format!("[people.a]\nname = \"A\"\nleaving = {bad}\n");
            let err = parse(&text).expect_err(bad);
            assert!(
                err.message.contains("must be a date like"),
                "{bad}: {}",
                err.message
            );
        }
    }

    #[test]
    fn a_number_toml_cannot_hold_is_refused_also_under_an_unknown_key() {
        // Found by fuzzing: the plan loaded, but its file could not be edited.
        let text = "# Haast_re 5=403-wd ie=a\"\nresp =0o#~owia \"l\n";
        let err = parse(text).expect_err("not TOML");
        assert!(
            err.message.contains("`0o` is not a number"),
            "{}",
            err.message
        );
        assert_eq!(err.pos(text).map(|p| (p.line, p.column)), Some((2, 7)));
        let err = parse("[plan]\nextra = [1, 99999999999999999999]\n").expect_err("too large");
        assert!(
            err.message.contains("`99999999999999999999`"),
            "{}",
            err.message
        );
        let err = parse("x = { y = 1e999 }\n").expect_err("too large");
        assert!(err.message.contains("`1e999`"), "{}", err.message);
        parse("x = [0x7fffffffffffffff, -9223372036854775808, inf, -inf, nan, 1.5e300]\n")
            .expect("numbers TOML holds");
    }

    #[test]
    fn unknown_keys_are_kept_with_a_suggestion() {
        let plan =
            parse("[channels.ig]\nname = \"IG\"\nacountable = \"sam\"\ncolour = 1\n[extra]\n")
                .expect("parses");
        assert_eq!(plan.unknown_keys.len(), 3);
        assert_eq!(plan.unknown_keys[0].path, ["channels", "ig", "acountable"]);
        assert_eq!(plan.unknown_keys[0].suggestion, Some("accountable"));
        assert_eq!(plan.unknown_keys[1].suggestion, None);
        assert_eq!(plan.unknown_keys[2].path, ["extra"]);
    }

    #[test]
    fn duties_have_no_platform_or_admins() {
        let plan = parse("[duties.p]\nname = \"P\"\nadmins = [\"a\"]\nplatform = \"x\"\n")
            .expect("parses");
        assert!(plan.rows[0].admins.is_empty());
        assert_eq!(plan.unknown_keys.len(), 2);
    }

    #[test]
    fn wrong_shapes_are_refused_with_what_was_expected() {
        let cases = [
            ("channels = 3\n", "must be a table of entries"),
            ("[people.Sam]\nname = \"S\"\n", "not a valid id"),
            ("[people.sam]\ntitle = \"x\"\n", "has no name"),
            ("[people.sam]\nname = \"  \"\n", "is empty"),
            (
                "[people.sam]\nname = \"S\"\nexternal = \"yes\"\n",
                "must be true or false",
            ),
            (
                "[channels.ig]\nname = \"I\"\naccountable = 3\n",
                "takes an id like",
            ),
            (
                "[channels.ig]\nname = \"I\"\nresponsible = [\"a\", 1]\n",
                "this item is a number",
            ),
            ("[plan]\nreview_every_days = -3\n", "0 or more"),
            ("[plan]\nname = \"x\"\n[plan]\n", "duplicate"),
            ("[plan\n", ""),
        ];
        for (text, needle) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.message.contains(needle), "{text:?}: {}", err.message);
            assert!(err.span.is_some(), "{text:?} has no span");
        }
    }

    #[test]
    fn empty_ids_in_role_lists_mean_nobody() {
        let plan =
            parse("[channels.ig]\nname = \"I\"\naccountable = \"\"\nresponsible = [\"\", \"a\"]\n")
                .expect("parses");
        assert!(plan.rows[0].holders(Role::Accountable).is_empty());
        assert_eq!(plan.rows[0].holders(Role::Responsible), ["a"]);
    }
}
