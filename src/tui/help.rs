//! What the help says, as data: first the legend of the matrix's marks and letters,
//! from the row states and the roles themselves, then every key from the keymap, by
//! where it works; and its rows as a box of a given width shows them, so that the app
//! knows how far the help scrolls and the view draws exactly those rows.

use crate::export::role_meaning;
use crate::model::cell_text;
use crate::model::rules::{RowState, Severity};
use crate::model::{Role, RowKind};
use crate::text;
use crate::tui::keymap::{self, Scope};

/// The width of the column of keys (and marks) in the help box.
pub const KEY_WIDTH: usize = 22;

/// One line of the help: a heading, or a key (or mark) and what it does (or means).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Entry(String, String),
    Blank,
}

/// The help's lines: first the legend (what the marks and letters on screen mean, from
/// the row states and the roles themselves), then the keymap by scope; where the plan
/// cannot be changed here (`editable` false: a mirror, or a plan another steward
/// holds), only the keys that work here, after a line that says so.
#[must_use]
pub fn help_lines(editable: bool) -> Vec<HelpLine> {
    let mut out = Vec::new();
    if !editable {
        out.push(HelpLine::Heading(
            "Read-only here: the keys that change the plan work in the steward that edits it"
                .into(),
        ));
        out.push(HelpLine::Blank);
    }
    out.push(HelpLine::Heading("Row marks".into()));
    for state in RowState::ALL {
        out.push(HelpLine::Entry(
            state.symbol().into(),
            state.meaning().into(),
        ));
    }
    out.push(HelpLine::Entry(
        RowKind::DUTY_MARK.into(),
        "a duty rather than a channel".into(),
    ));
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading("Roles in a cell".into()));
    for role in Role::ALL {
        out.push(HelpLine::Entry(
            role.letter().into(),
            format!("{}: {}", role.key(), role_meaning(role)),
        ));
    }
    out.push(HelpLine::Entry(
        cell_text(&[Role::Accountable, Role::Responsible]),
        "two roles at once".into(),
    ));
    out.push(HelpLine::Entry("·".into(), "no role".into()));
    out.push(HelpLine::Entry(
        "[ ]".into(),
        "the cursor, on a cell with no role".into(),
    ));
    out.push(HelpLine::Entry(
        "underlined".into(),
        "a problem concerns this party on this row".into(),
    ));
    out.push(HelpLine::Entry(
        format!("+2 {}", Severity::Error.symbol()),
        "under the matrix: two more problems besides the one shown".into(),
    ));
    out.push(HelpLine::Blank);
    let mut scope: Option<Scope> = None;
    for line in keymap::help_lines_for(editable) {
        if scope != Some(line.scope) {
            out.push(HelpLine::Heading(line.scope.title().to_string()));
            scope = Some(line.scope);
        }
        out.push(HelpLine::Entry(line.keys, line.description.to_string()));
    }
    out
}

/// One row of the help box, `width` cells wide inside its border: a heading, a key (or
/// mark, empty on the rows that go on with its text) with a part of what it does, or a
/// blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row<'a> {
    /// A heading, or a part of one too long for a row.
    Heading(String),
    Entry {
        key: &'a str,
        part: String,
    },
    Blank,
}

/// The rows the help's lines take in a box `width` cells wide inside its border: what a
/// key does is wrapped beside the column of keys, and a long heading on rows of its own.
#[must_use]
pub fn rows(lines: &[HelpLine], width: usize) -> Vec<Row<'_>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        match line {
            HelpLine::Heading(title) => {
                out.extend(
                    text::wrap(title, width.max(1))
                        .into_iter()
                        .map(Row::Heading),
                );
            }
            HelpLine::Entry(key, what) => {
                for (i, part) in text::wrap(what, width.saturating_sub(KEY_WIDTH))
                    .into_iter()
                    .enumerate()
                {
                    let key = if i == 0 { key.as_str() } else { "" };
                    out.push(Row::Entry { key, part });
                }
            }
            HelpLine::Blank => out.push(Row::Blank),
        }
    }
    out
}
