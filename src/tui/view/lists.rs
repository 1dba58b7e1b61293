//! The list views: Channels, People and Departments. Each is a table of the entries with
//! the focused one highlighted, and under it the same detail pane: the entry's name and
//! id, a line about it, and its first problem.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::paint::{Details, details, put};
use crate::model::{Plan, Role, RowKind};
use crate::text;
use crate::tui::app::{App, View};
use crate::tui::keymap::{Action, key_label};
use crate::tui::layout::{BODY_TOP, HEADER_TOP, spread};
use crate::tui::theme::Theme;

/// A list view: what it lists, column titles, then the visible lines; `cells` gives a
/// line's texts.
pub(super) fn list(
    app: &App,
    theme: Theme,
    buf: &mut Buffer,
    area: Rect,
    columns: &[(&str, u16)],
    cells: &dyn Fn(usize) -> Vec<(String, Style)>,
) {
    let len = app.list_len(app.view());
    let one = len == 1;
    let what = match app.view() {
        View::Channels if one => "channel or duty".to_string(),
        View::Channels => "channels and duties".to_string(),
        View::Problems => format!(
            "{}{}, {}",
            if one { "problem" } else { "problems" },
            if app.filter().text().trim().is_empty() {
                String::new()
            } else {
                format!(" matching /{}", text::one_line(app.filter().text().trim()))
            },
            if app.in_file_order() {
                "in file order · o: worst first"
            } else {
                "worst first · o: in file order"
            }
        ),
        View::Workload | View::People if one => "person".into(),
        View::Workload => "people, the busiest first, agencies after staff".into(),
        View::Departments if one => "department".into(),
        v => v.title().to_lowercase(),
    };
    let cursor = app.list_cursor();
    let widths = spread(
        &columns.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        area.width,
    );
    let mut x = area.x;
    for ((title, _), w) in columns.iter().zip(&widths) {
        put(buf, x, HEADER_TOP + 1, title, *w, theme.header());
        x += w + 1;
    }
    put(
        buf,
        area.x,
        HEADER_TOP,
        &format!("{len} {what}"),
        area.width,
        theme.dim(),
    );
    for (line, i) in (cursor.scroll..len).take(app.body_height()).enumerate() {
        let y = BODY_TOP + u16::try_from(line).unwrap_or(0);
        let mut x = area.x;
        let focused = i == cursor.at;
        for ((text, style), w) in cells(i).iter().zip(&widths) {
            let style = if focused {
                style.patch(theme.focus())
            } else {
                *style
            };
            put(buf, x, y, text, *w, style);
            x += w + 1;
        }
        if focused {
            buf.set_style(Rect::new(area.x, y, area.width, 1), theme.focus());
        }
    }
    if len == 0 {
        put(
            buf,
            area.x + 2,
            BODY_TOP,
            &format!(
                "Nothing here yet: press {} to add one.",
                key_label(Action::New)
            ),
            area.width - 2,
            theme.dim(),
        );
    }
}

/// Parties by name (or id, when unknown), or a dash for nobody.
fn names(plan: &Plan, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter()
        .map(|id| plan.party(id).map_or(id.as_str(), |p| p.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names, or `none` for nobody.
fn or_none(names: &[&str], none: &str) -> String {
    if names.is_empty() {
        none.into()
    } else {
        names.join(", ")
    }
}

pub(super) fn channels(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let plan = app.plan();
    list(
        app,
        theme,
        buf,
        area,
        &[
            ("", 1),
            ("Name", 26),
            ("Kind", 7),
            ("Platform", 10),
            ("Accountable", 16),
            ("Reviewed", 10),
            ("Goal", 0),
        ],
        &|i| {
            let row = &plan.rows[i];
            let state = app.derived().row_state(i);
            vec![
                (state.symbol().to_string(), theme.row_state(state)),
                (row.name.clone(), theme.base()),
                (
                    if row.kind == RowKind::Channel {
                        "channel"
                    } else {
                        "duty"
                    }
                    .to_string(),
                    theme.dim(),
                ),
                (row.platform.clone().unwrap_or_default(), theme.base()),
                (
                    names(plan, row.holders(Role::Accountable)),
                    theme.role(Role::Accountable),
                ),
                (
                    row.last_reviewed.map_or_else(|| "never".into(), text::date),
                    theme.base(),
                ),
                (row.goal.clone().unwrap_or_else(|| "—".into()), theme.base()),
            ]
        },
    );
    let i = app.cursors().channels.at;
    let Some(row) = plan.rows.get(i) else {
        return;
    };
    let admins = if row.kind == RowKind::Channel {
        format!(" · logins: {}", names(plan, &row.admins))
    } else {
        String::new()
    };
    details(
        app,
        theme,
        buf,
        area,
        &Details {
            what: "Row",
            name: &row.name,
            about: format!(
                "R: {} · C: {} · I: {}{admins}",
                names(plan, row.holders(Role::Responsible)),
                names(plan, row.holders(Role::Consulted)),
                names(plan, row.holders(Role::Informed))
            ),
            problem: app.derived().first_row_problem(i),
            fine: "no problems on this row",
        },
    );
}

/// What a party holds across the plan: `A2 R3 C0 I1`.
fn holdings(app: &App, id: &str) -> String {
    let (counts, _) = app.derived().load(id);
    Role::ALL
        .iter()
        .zip(counts)
        .map(|(role, n)| format!("{}{n}", role.letter()))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn people(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let plan = app.plan();
    list(
        app,
        theme,
        buf,
        area,
        &[
            ("Name", 20),
            ("Department", 16),
            ("Title", 14),
            ("Ext", 3),
            ("Leaving", 10),
            ("Holds", 0),
        ],
        &|i| {
            let p = &plan.people[i];
            let dept = p
                .department
                .as_deref()
                .map_or("—", |d| plan.department(d).map_or(d, |x| x.name.as_str()));
            vec![
                (p.name.clone(), theme.base()),
                (dept.to_string(), theme.base()),
                (p.title.clone().unwrap_or_default(), theme.base()),
                (
                    if p.external { "yes" } else { "" }.to_string(),
                    theme.base(),
                ),
                (p.leaving.map(text::date).unwrap_or_default(), theme.base()),
                (holdings(app, &p.id), theme.base()),
            ]
        },
    );
    let Some(p) = plan.people.get(app.cursors().people.at) else {
        return;
    };
    let rows_where = |holds: &dyn Fn(&crate::model::Row) -> bool| -> Vec<&str> {
        plan.rows
            .iter()
            .filter(|r| holds(r))
            .map(|r| r.name.as_str())
            .collect()
    };
    let accountable = rows_where(&|r| r.holders(Role::Accountable).contains(&p.id));
    let admin = rows_where(&|r| r.admins.contains(&p.id));
    let mut about = format!("accountable for: {}", or_none(&accountable, "nothing"));
    if !admin.is_empty() {
        about.push_str(" · holds the login of: ");
        about.push_str(&admin.join(", "));
    }
    if plan.settings.lead.as_deref() == Some(p.id.as_str()) {
        about.insert_str(0, "the plan's lead · ");
    }
    details(
        app,
        theme,
        buf,
        area,
        &Details {
            what: "Person",
            name: &p.name,
            about,
            problem: app.derived().first_party_problem(&p.id),
            fine: "no problems about this person",
        },
    );
}

pub(super) fn departments(app: &App, theme: Theme, buf: &mut Buffer, area: Rect) {
    let plan = app.plan();
    let members = |id: &str| -> Vec<&str> {
        plan.people
            .iter()
            .filter(|p| p.department.as_deref() == Some(id))
            .map(|p| p.name.as_str())
            .collect()
    };
    list(
        app,
        theme,
        buf,
        area,
        &[("Name", 26), ("People", 6), ("Holds", 0)],
        &|i| {
            let d = &plan.departments[i];
            vec![
                (d.name.clone(), theme.base()),
                (members(&d.id).len().to_string(), theme.base()),
                (holdings(app, &d.id), theme.base()),
            ]
        },
    );
    let Some(d) = plan.departments.get(app.cursors().departments.at) else {
        return;
    };
    details(
        app,
        theme,
        buf,
        area,
        &Details {
            what: "Department",
            name: &d.name,
            about: format!("people: {}", or_none(&members(&d.id), "none")),
            problem: app.derived().first_party_problem(&d.id),
            fine: "no problems about this department",
        },
    );
}
