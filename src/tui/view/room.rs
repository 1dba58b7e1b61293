//! The boxes a workshop decides in: a list to choose someone from, and what a person
//! holds and what would break if they left.

use super::paint::boxed;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::model::Role;
use crate::model::fix::Then;
use crate::model::rules::{RowState, Severity};
use crate::model::whatif;
use crate::text;
use crate::tui::app::{App, Picker, Purpose, WhatIf};
use crate::tui::keymap::{Scope, hint_line, hints, hints_for};
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

/// Who a person is, in a few words: `Marketing · Social media lead`, `agency`.
fn about(app: &App, id: &str) -> String {
    let plan = app.plan();
    let Some(p) = plan.person(id) else {
        return if plan.department(id).is_some() {
            "department".into()
        } else {
            String::new()
        };
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = p.department.as_deref().and_then(|d| plan.department(d)) {
        parts.push(d.name.clone());
    }
    if let Some(t) = &p.title {
        parts.push(t.clone());
    }
    if p.external {
        parts.push("external".into());
    }
    if let Some(words) = super::paint::leaving_words(p, app.today()) {
        parts.push(words);
    }
    parts.join(" · ")
}

fn name(app: &App, id: &str) -> String {
    app.plan()
        .party(id)
        .map_or_else(|| id.to_string(), |p| p.name().to_string())
}

pub(super) fn picker(app: &App, theme: Theme, frame: &mut Frame, area: Rect, picker: &Picker) {
    let matches = picker.matches(app.plan());
    // Room for the question, what is typed, and the matches (at least one line).
    let inner = usize::from(area.width.min(64).saturating_sub(2));
    let question = text::wrap(&picker.question, inner);
    let left_out: Vec<String> = text::wrap(&not_offered(app, picker), inner)
        .into_iter()
        .filter(|l| !l.is_empty())
        .take(2)
        .collect();
    let wanted = u16::try_from(matches.len().max(1) + question.len() + left_out.len())
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    let rect = centered(area, 64, wanted.min(area.height.saturating_sub(2)).min(18));
    let room = usize::from(rect.height.saturating_sub(3))
        .saturating_sub(question.len() + left_out.len())
        .max(1);
    let first = picker.chosen.saturating_sub(room.saturating_sub(1));
    let (typed, _) = picker
        .input
        .window(usize::from(rect.width.saturating_sub(6)));
    let mut lines: Vec<Line> = question
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.header())))
        .collect();
    lines.push(Line::from(vec![
        Span::styled("› ", theme.dim()),
        Span::raw(typed),
    ]));
    if matches.is_empty() {
        lines.push(Line::from(Span::styled(
            "nobody matches: Backspace, or Esc",
            theme.dim(),
        )));
    }
    for (i, id) in matches.iter().enumerate().skip(first).take(room) {
        let style = if i == picker.chosen {
            theme.focus()
        } else {
            theme.base()
        };
        // Cut to the box with `…`, the name before what is said about them.
        let shown = text::fit(&format!(" {} ", name(app, id)), inner);
        let left = inner.saturating_sub(shown.width());
        lines.push(Line::from(vec![
            Span::styled(shown, style),
            Span::styled(
                text::fit(&format!(" {}", about(app, id)), left),
                theme.dim(),
            ),
        ]));
    }
    lines.extend(
        left_out
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim()))),
    );
    let keys = format!(" {} ", hint_line(&hints(&[Scope::Pick]), " "));
    boxed(frame, theme, rect, (" Choose ", &keys), lines);
}

/// Who a hand-over's list is for: the one handing over is not "left out".
fn handing_from(picker: &Picker) -> Option<&str> {
    match &picker.purpose {
        Purpose::Fix(Then::HandOver { from, .. }) | Purpose::HandOver { from, .. } => {
            Some(from.as_str())
        }
        Purpose::Fix(_) => None,
    }
}

/// Who the list leaves out and why, so nobody wonders where they went: agencies and
/// people leaving, when a fix wants someone on staff who stays.
fn not_offered(app: &App, picker: &Picker) -> String {
    let today = app.today();
    let plan = app.plan();
    // For a row's fix, only those the row names were ever candidates.
    let row = match &picker.purpose {
        Purpose::Fix(
            Then::SoleAccountable { row }
            | Then::Admin { row, .. }
            | Then::HandOver { row: Some(row), .. },
        ) => plan.row(row),
        _ => None,
    };
    let why: Vec<String> = plan
        .people
        .iter()
        .filter(|p| !picker.choices.contains(&p.id))
        .filter(|p| row.is_none_or(|r| r.involves(&p.id) || r.admins.contains(&p.id)))
        .filter(|p| Some(p.id.as_str()) != handing_from(picker))
        .filter_map(|p| {
            let reason = if p.external && picker.wants_staff() {
                "agency or freelancer"
            } else if p.has_left(today) {
                "left"
            } else if p.leaving.is_some() {
                "leaving"
            } else if p.external {
                "agency or freelancer"
            } else {
                return None;
            };
            Some(format!("{} ({reason})", text::one_line(&p.name)))
        })
        .collect();
    // The nearest ids for a typo leave out everybody else, for no reason worth a line.
    if why.is_empty() || matches!(picker.purpose, Purpose::Fix(Then::Replace { .. })) {
        return String::new();
    }
    format!("Not offered: {}", why.join(", "))
}

/// Lines for `label` and `text`, the text wrapped beside the label with a hanging indent.
fn entry<'a>(label: &[Span<'a>], text: &str, width: usize) -> Vec<Line<'a>> {
    let indent: usize = label.iter().map(Span::width).sum();
    let mut out = Vec::new();
    for (i, chunk) in text::wrap(text, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
    {
        let mut spans = if i == 0 {
            label.to_vec()
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        spans.push(Span::raw(chunk));
        out.push(Line::from(spans));
    }
    out
}

/// Row names, comma-separated, or a dash for none.
fn row_names(app: &App, ids: &[&str]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    let plan = app.plan();
    ids.iter()
        .map(|id| plan.row(id).map_or(*id, |r| r.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a person holds: the rows by role, the logins, the lead.
fn holds_lines(app: &App, theme: Theme, holds: &whatif::Holds, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for role in Role::ALL {
        let label = [
            Span::styled(format!("  {}  ", role.letter()), theme.role(role)),
            Span::raw(format!("{:<12}", role.key())),
        ];
        lines.extend(entry(
            &label,
            &row_names(app, &holds.rows_with(role)),
            width,
        ));
    }
    let label = [
        Span::styled("  ⚿  ", theme.header()),
        Span::raw(format!("{:<12}", "logins")),
    ];
    lines.extend(entry(&label, &row_names(app, &holds.logins()), width));
    if holds.lead {
        lines.push(Line::from(vec![
            Span::styled("  ★  ", theme.header()),
            Span::raw("the plan's lead"),
        ]));
    }
    lines
}

/// What would break, one line (wrapped) per kind of loss.
fn breaks_lines(
    app: &App,
    theme: Theme,
    report: &whatif::Report,
    width: usize,
) -> Vec<Line<'static>> {
    if report.breaks.is_empty() {
        return vec![Line::from(Span::styled(
            "  ✓ nothing would break",
            theme.row_state(RowState::Fine),
        ))];
    }
    let mut lines = Vec::new();
    for sentence in report.sentences(app.plan()) {
        let label = [Span::styled("  ✖ ", theme.severity(Severity::Error))];
        lines.extend(entry(&label, &sentence, width));
    }
    lines
}

pub(super) fn what_if(app: &App, theme: Theme, frame: &mut Frame, area: Rect, panel: &WhatIf) {
    let who = name(app, &panel.person);
    let report = whatif::leaving(app.plan(), std::slice::from_ref(&panel.person));
    let Some(holds) = report.holds.first() else {
        return;
    };
    let rect_w = area.width.min(76);
    let width = usize::from(rect_w.saturating_sub(2));
    let mut lines = vec![Line::from(Span::styled(
        format!("{} holds", text::safe(&who)),
        theme.group(),
    ))];
    lines.extend(holds_lines(app, theme, holds, width));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!("If {} left today", text::safe(&who)),
        theme.group(),
    )));
    lines.extend(breaks_lines(app, theme, &report, width));
    lines.push(Line::from(""));
    let mark = |on: bool| if on { "[x]" } else { "[ ]" };
    let mut marks = vec![Span::styled("Hand over: ", theme.header())];
    for (role, on) in Role::ALL.iter().zip(panel.what.roles) {
        marks.push(Span::raw(format!("{} {}  ", mark(on), role.letter())));
    }
    marks.push(Span::raw(format!(
        "{} logins (g)  ",
        mark(panel.what.logins)
    )));
    if holds.lead {
        marks.push(Span::raw(format!("{} lead (L)", mark(panel.what.lead))));
    }
    lines.push(Line::from(marks));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    // What does not fit a short screen is the end: the marks, then what would break.
    let rect = centered(area, rect_w, height);
    let editable = app.read_only().is_none();
    let keys = format!(
        " {} ",
        hint_line(&hints_for(&[Scope::WhatIf], editable), " ")
    );
    let title = format!(" What if {} leaves? ", text::safe(&who));
    boxed(frame, theme, rect, (&title, &keys), lines);
}
