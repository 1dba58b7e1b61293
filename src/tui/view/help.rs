//! The help: first the legend of the matrix's marks and letters, from the row states
//! and the roles themselves, then every key from the keymap, by where it works.

use super::paint::boxed;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::export::role_meaning;
use crate::model::cell_text;
use crate::model::rules::{RowState, Severity};
use crate::model::{Role, RowKind};
use crate::text;
use crate::tui::App;
use crate::tui::keymap::{self, Scope, hint_line, hints};
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

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

pub(super) fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let lines = help_lines(app.read_only().is_none());
    let rect = centered(area, 76, area.height.saturating_sub(2));
    let inner_h = usize::from(rect.height.saturating_sub(2));
    // Keys in a column of their own; what they do wrapped beside them.
    let width = usize::from(rect.width.saturating_sub(2));
    let shown: Vec<Line> = lines
        .iter()
        .flat_map(|line| match line {
            HelpLine::Heading(title) => {
                vec![Line::from(Span::styled(title.clone(), theme.group()))]
            }
            HelpLine::Entry(key, what) => text::wrap(what, width.saturating_sub(22))
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let key = if i == 0 { key.as_str() } else { "" };
                    Line::from(vec![
                        Span::styled(format!("  {key:<20}"), theme.header()),
                        Span::raw(part),
                    ])
                })
                .collect(),
            HelpLine::Blank => vec![Line::from("")],
        })
        .collect();
    let scroll = scroll.min(shown.len().saturating_sub(inner_h));
    let keys = format!(" {} ", hint_line(&hints(&[Scope::Help]), " "));
    let shown: Vec<Line> = shown.into_iter().skip(scroll).collect();
    boxed(frame, theme, rect, (" Keys ", &keys), shown);
}
