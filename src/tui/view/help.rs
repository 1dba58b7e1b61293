//! The help: every key from the keymap, by where it works, then the legend of the
//! matrix's marks and letters, from the row states and the roles themselves.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::export::role_meaning;
use crate::model::rules::RowState;
use crate::model::{Role, RowKind};
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

/// The help's lines: the keymap by scope, then the legend.
#[must_use]
pub fn help_lines() -> Vec<HelpLine> {
    let mut out = Vec::new();
    let mut scope: Option<Scope> = None;
    for line in keymap::help_lines() {
        if scope != Some(line.scope) {
            out.push(HelpLine::Heading(line.scope.title().to_string()));
            scope = Some(line.scope);
        }
        out.push(HelpLine::Entry(line.keys, line.description.to_string()));
    }
    out.push(HelpLine::Blank);
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
    out.push(HelpLine::Heading("Roles".into()));
    for role in Role::ALL {
        out.push(HelpLine::Entry(
            role.letter().into(),
            format!("{}: {}", role.key(), role_meaning(role)),
        ));
    }
    out
}

pub(super) fn render(theme: Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let lines = help_lines();
    let rect = centered(area, 76, area.height.saturating_sub(2));
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(inner_h));
    let text: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .map(|line| match line {
            HelpLine::Heading(title) => Line::from(Span::styled(title.clone(), theme.group())),
            HelpLine::Entry(key, what) => Line::from(vec![
                Span::styled(format!("  {key:<20}"), theme.header()),
                Span::raw(what.clone()),
            ]),
            HelpLine::Blank => Line::from(""),
        })
        .collect();
    let keys = format!(" {} ", hint_line(&hints(&[Scope::Help]), " "));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text).block(
            Block::bordered()
                .border_style(theme.border())
                .title(Line::from(" Keys ").style(theme.title()))
                .title_bottom(Line::from(keys).style(theme.dim())),
        ),
        rect,
    );
}
