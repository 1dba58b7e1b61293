//! The document's text, kept up to date edit by edit. The document writes its tables in
//! the order of their positions, each table the same whatever stands around it; so the
//! text is kept as pieces, one per table (with the root's values first and what ends the
//! file last), and an edit writes again only the tables it touched. Writing the whole
//! document for every edit costs as much as reading the plan did.
//!
//! A layout the pieces cannot follow (a section written inline, an entry with tables of
//! its own, a table without a place) is written again in full; the text is the same
//! either way.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Key, Table};

/// The text, and where each table's piece of it starts, in the document's order.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    text: String,
    pieces: Vec<Piece>,
}

/// One table's piece of the text: where it starts, and the table's place in the
/// document's order (its position; the root's values first, the end of the file last).
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    place: isize,
}

/// A table that an edit touched, as it was before the edit and as it is now, with the
/// keys of its path.
pub(super) struct Touched<'a> {
    pub before: Option<&'a Item>,
    pub now: Option<(Vec<&'a Key>, &'a Item)>,
}

impl Layout {
    /// The pieces of `doc`, written one by one; `None` when they do not make `expected`
    /// (or, without it, the document's own text).
    pub(super) fn of(doc: &DocumentMut, expected: Option<&str>) -> Option<Self> {
        let mut text = render_head(doc);
        let mut pieces = vec![Piece {
            start: 0,
            place: isize::MIN,
        }];
        // The document writes a blank line before a table it made, unless it comes first.
        let mut first = doc.as_table().get_values().is_empty();
        let tables = tables(doc)?;
        for (place, path, table, is_array) in tables {
            let start = text.len();
            let piece = render_alone(&path, table, is_array);
            if table.decor().prefix().is_none() && !first {
                text.push('\n');
            }
            first = false;
            text.push_str(&piece);
            pieces.push(Piece { start, place });
        }
        pieces.push(Piece {
            start: text.len(),
            place: isize::MAX,
        });
        text.push_str(&render_tail(doc));
        let same = match expected {
            Some(expected) => text == expected,
            None => text == doc.to_string(),
        };
        same.then_some(Layout { text, pieces })
    }

    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// Writes again the tables an edit touched: false when one of them is not a table
    /// the pieces can follow (the layout must then be made again).
    pub(super) fn touched(&mut self, touched: &[Touched<'_>]) -> bool {
        for t in touched {
            let before = match t.before {
                None => None,
                Some(item) => match lone_table(item) {
                    Some(table) => table.position(),
                    None => return false,
                },
            };
            let now = match &t.now {
                None => None,
                Some((path, item)) => match lone_table(item) {
                    Some(table) => Some((path, table)),
                    None => return false,
                },
            };
            if let Some(place) = before {
                let Some(i) = self.find(place) else {
                    return false;
                };
                self.replace(i, None);
            }
            if let Some((path, table)) = now {
                let Some(place) = table.position() else {
                    return false;
                };
                let i = self.pieces.partition_point(|p| p.place < place);
                if self.pieces.get(i).is_some_and(|p| p.place == place) {
                    return false;
                }
                let start = self.pieces[i].start;
                self.pieces.insert(i, Piece { start, place });
                self.replace(i, Some(&render_alone(path, table, false)));
            }
        }
        true
    }

    /// The piece of the table at `place`.
    fn find(&self, place: isize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.place < place);
        (self.pieces.get(i)?.place == place).then_some(i)
    }

    /// Puts `text` in place of piece `i`'s text; no text takes the piece out.
    fn replace(&mut self, i: usize, text: Option<&str>) {
        let start = self.pieces[i].start;
        let end = self.pieces.get(i + 1).map_or(self.text.len(), |p| p.start);
        let new = text.unwrap_or("");
        self.text.replace_range(start..end, new);
        let delta = new.len().cast_signed() - (end - start).cast_signed();
        for p in &mut self.pieces[i + 1..] {
            p.start = p.start.saturating_add_signed(delta);
        }
        if text.is_none() {
            self.pieces.remove(i);
        }
    }
}

/// The table of an entry (or of `[plan]`) as a piece can follow it: a table of its own
/// with a place in the document's order and its own spacing before it, holding no table
/// written apart from it.
fn lone_table(item: &Item) -> Option<&Table> {
    let table = item.as_table()?;
    (!table.is_dotted()
        && table.position().is_some()
        && table.decor().prefix().is_some()
        && holds_no_tables(table))
    .then_some(table)
}

/// Whether every table under `table` is written among its keys (`a.b = 1`).
fn holds_no_tables(table: &Table) -> bool {
    table.iter().all(|(_, item)| match item {
        Item::Table(t) => t.is_dotted() && holds_no_tables(t),
        Item::ArrayOfTables(_) => false,
        _ => true,
    })
}

type Listed<'d> = (isize, Vec<&'d Key>, &'d Table, bool);

/// Every table the document writes (the root aside), in the order it writes them: by
/// position, a table without one just after the one visited before it.
fn tables(doc: &DocumentMut) -> Option<Vec<Listed<'_>>> {
    fn visit<'d>(
        table: &'d Table,
        path: &mut Vec<&'d Key>,
        is_array: bool,
        last: &mut isize,
        out: &mut Vec<Listed<'d>>,
    ) -> Option<()> {
        if !table.is_dotted() {
            if let Some(p) = table.position() {
                *last = p;
            }
            // A table with no keys of its own that the file never wrote shows nothing.
            let shown = !(table.is_implicit() && table.get_values().is_empty());
            if !path.is_empty() && shown {
                out.push((*last, path.clone(), table, is_array));
            }
        }
        for (name, item) in table {
            let key = table.key(name)?;
            match item {
                Item::Table(t) => {
                    path.push(key);
                    visit(t, path, false, last, out)?;
                    path.pop();
                }
                Item::ArrayOfTables(a) => {
                    for t in a {
                        path.push(key);
                        visit(t, path, true, last, out)?;
                        path.pop();
                    }
                }
                _ => {}
            }
        }
        Some(())
    }
    let mut out = Vec::new();
    visit(doc.as_table(), &mut Vec::new(), false, &mut 0, &mut out)?;
    out.sort_by_key(|(place, ..)| *place);
    // Two tables at one place cannot be told apart by their place.
    if out.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    Some(out)
}

/// A table as it stands among the others, written alone: its header with the keys of
/// its path as the file writes them, and its own keys, but none of the tables under it.
fn render_alone(path: &[&Key], table: &Table, is_array: bool) -> String {
    let mut doc = DocumentMut::new();
    let mut at: &mut Table = doc.as_table_mut();
    let Some((last, parents)) = path.split_last() else {
        return String::new();
    };
    for key in parents {
        let mut t = Table::new();
        t.set_implicit(true);
        at.insert_formatted(key, Item::Table(t));
        at = match at.get_mut(key.get()).and_then(Item::as_table_mut) {
            Some(t) => t,
            None => return String::new(),
        };
    }
    let alone = values_only(table);
    if is_array {
        let mut array = ArrayOfTables::new();
        array.push(alone);
        at.insert_formatted(last, Item::ArrayOfTables(array));
    } else {
        at.insert_formatted(last, Item::Table(alone));
    }
    doc.to_string()
}

/// The root's keys, with what stands before them in the file.
fn render_head(doc: &DocumentMut) -> String {
    let mut head = DocumentMut::new();
    *head.as_table_mut() = values_only(doc.as_table());
    head.decor_mut().set_suffix("");
    head.to_string()
}

/// What ends the file after its last table.
fn render_tail(doc: &DocumentMut) -> String {
    let mut tail = DocumentMut::new();
    if let Some(suffix) = doc.decor().suffix() {
        tail.decor_mut().set_suffix(suffix.clone());
    }
    tail.set_trailing(doc.trailing().clone());
    tail.to_string()
}

/// A copy of `table` with its keys, spacing and place, but without the tables written
/// apart from it.
fn values_only(table: &Table) -> Table {
    let mut out = Table::new();
    *out.decor_mut() = table.decor().clone();
    out.set_position(table.position());
    out.set_implicit(table.is_implicit());
    out.set_dotted(table.is_dotted());
    for (name, item) in table {
        let Some(key) = table.key(name) else {
            continue;
        };
        match item {
            Item::Table(t) if t.is_dotted() => {
                out.insert_formatted(key, Item::Table(values_only(t)));
            }
            Item::Table(_) | Item::ArrayOfTables(_) | Item::None => {}
            Item::Value(_) => {
                out.insert_formatted(key, item.clone());
            }
        }
    }
    out
}
