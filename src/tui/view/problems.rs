//! The Problems view: every problem of the plan, one per line, and under it the focused
//! one in full with its hint and where it is in the file.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::lists::list;
use super::paint::{line, put};
use crate::model::rules::RowState;
use crate::tui::app::App;
use crate::tui::layout::{BODY_TOP, details_top};
use crate::tui::theme::Theme;

pub(super) fn render(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let problems = &app.derived().problems;
    list(
        app,
        theme,
        buf,
        area,
        &[
            ("", 1),
            ("Code", 22),
            ("Line", 5),
            ("Concerns", 16),
            ("Message", 0),
        ],
        &|i| {
            let p = &problems[i];
            let concerns = [p.row.as_deref(), p.party.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" / ");
            vec![
                (
                    p.severity().symbol().to_string(),
                    theme.severity(p.severity()),
                ),
                (p.code.to_string(), theme.severity(p.severity())),
                (p.pos.line.to_string(), theme.dim()),
                (concerns, theme.base()),
                (p.message.clone(), theme.base()),
            ]
        },
    );
    let Some(p) = problems.get(app.cursors().problems.at) else {
        put(
            buf,
            area.x + 2,
            BODY_TOP,
            "No problems: every row has one accountable owner.",
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
                &format!("{} {} ", p.severity().symbol(), p.code),
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
        &[("hint: ", theme.dim()), (&p.hint, theme.base())],
    );
    line(
        buf,
        area.x,
        y + 2,
        area.width,
        &[(
            &format!(
                "{}:{}:{} · Enter goes there",
                app.file().display(),
                p.pos.line,
                p.pos.column
            ),
            theme.dim(),
        )],
    );
}
