//! The Problems view: every problem of the plan, worst first (or in file order), each in
//! the names the room knows, and under it the focused one in full: what is wrong, what
//! to press, and where it stands in the file.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::lists::list;
use super::paint::{line, put};
use crate::model::rules::{Problem, RowState};
use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::{Action, key_label};
use crate::tui::layout::{BODY_TOP, details_top};
use crate::tui::theme::Theme;

/// What a problem is about, in names: `Instagram · Ana Ruiz`.
fn concerns(app: &App, p: &Problem) -> String {
    let plan = app.plan();
    let row = p
        .row
        .as_deref()
        .map(|id| plan.row(id).map_or(id, |r| r.name.as_str()));
    let party = p
        .party
        .as_deref()
        .map(|id| plan.party(id).map_or(id, |x| x.name()));
    match (row, party) {
        (Some(r), Some(p)) => format!("{r} · {p}"),
        (Some(one), None) | (None, Some(one)) => one.to_string(),
        (None, None) => "the whole plan".into(),
    }
}

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let problems = &app.derived().problems;
    let lines = app.problem_lines();
    list(
        app,
        theme,
        buf,
        area,
        &[("", 1), ("Concerns", 28), ("Problem", 0)],
        &|i| {
            let p = &problems[lines[i]];
            vec![
                (
                    p.severity().symbol().to_string(),
                    theme.severity(p.severity()),
                ),
                (concerns(app, p), theme.base()),
                (p.message.clone(), theme.base()),
            ]
        },
    );
    let Some(p) = app.focused_problem() else {
        put(
            buf,
            area.x + 2,
            BODY_TOP,
            &if app.derived().problems.is_empty() {
                "No problems: every row has one accountable owner.".to_string()
            } else {
                format!(
                    "No problem matches the filter: {} clears it.",
                    key_label(Action::Cancel)
                )
            },
            area.width - 2,
            theme.row_state(RowState::Fine),
        );
        return;
    };
    let y = details_top(area);
    line(
        buf,
        area.x,
        y,
        area.width,
        &[
            (
                &format!("{} {} ", p.severity().symbol(), p.severity()),
                theme.severity(p.severity()),
            ),
            (&p.message, theme.base()),
        ],
    );
    line(
        buf,
        area.x,
        y + 1,
        area.width,
        &[("to do: ", theme.dim()), (&app.key_hint(p), theme.base())],
    );
    // Lines move with every edit: they are shown only for the plan as saved.
    let place = if app.modified() {
        "its line in the file shows once the plan is saved".to_string()
    } else {
        format!("line {} of {}", p.pos.line, text::path(app.file()))
    };
    line(
        buf,
        area.x,
        y + 2,
        area.width,
        &[(&format!("{place} · Enter goes there"), theme.dim())],
    );
}
