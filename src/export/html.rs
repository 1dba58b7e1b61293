//! The workshop handout: one self-contained HTML page to print or mail.
//!
//! It needs nothing from the network: the stylesheet (`assets/handout.css`) is inlined,
//! there is no script, no image and no link to fetch, and its content security policy
//! forbids all three. It prints on one landscape sheet
//! (A4 or Letter) for a plan of about fifteen channels and a dozen parties: party names
//! stand upright in narrow columns, and long names wrap or are cut with `…` in the
//! header (they are whole in "Who holds what").
//!
//! Every piece of text from the plan goes through [`escape`], and only through it: it
//! makes control, bidi and zero-width characters visible (as `check` does on a terminal)
//! and escapes `&`, `<`, `>`, `"` and `'`, so a name can neither add markup nor reorder
//! the text around it.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::problem::{Counts, Problem, Severity};
use crate::model::{Party, Plan, Role, RowKind};
use crate::text;

use super::markdown::DUTY;
use super::{RowState, cell_text, problem_cells, role_meaning, row_states};

/// What the page may load or run: its own inline style, and nothing else. A browser then
/// refuses (and reports) any script or outside resource, even one a name smuggled in.
pub const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The handout's stylesheet, inlined into every page.
pub const STYLE: &str = include_str!("../../assets/handout.css");

/// How much of a party's name its column heading shows, in terminal cells (about
/// characters): two upright lines of the heading's height.
const HEADER_CELLS: usize = 48;

/// Text from the plan as HTML text or attribute value.
#[must_use]
pub fn escape(s: &str) -> String {
    let safe = text::safe(s);
    let mut out = String::with_capacity(safe.len() + 8);
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The handout with nothing changed to tell (see `handout`).
#[must_use]
pub fn page(plan: &Plan, problems: &[Problem], today: NaiveDate) -> String {
    handout(plan, problems, today, None)
}

/// The whole page of `plan` with its problems, dated `today`.
#[must_use]
pub fn handout(
    plan: &Plan,
    problems: &[Problem],
    today: NaiveDate,
    changes: Option<(&str, &[String])>,
) -> String {
    let name = escape(plan.settings.display_name());
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"steward\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n\
         <title>{name}: who owns what</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = write!(
        out,
        "<header>\n<h1>{name}</h1>\n<p class=\"subtitle\">Who owns each of our social media \
         channels · <time datetime=\"{}\">{}</time> · {}</p>\n</header>\n",
        text::date(today),
        text::day_in_words(today),
        counts(problems),
    );
    out.push_str("<main>\n");
    matrix(&mut out, plan, problems);
    legend(&mut out);
    problem_list(&mut out, plan, problems);
    if let Some((title, lines)) = changes {
        changed(&mut out, title, lines);
    }
    workload(&mut out, plan);
    holders(&mut out, plan, today);
    out.push_str("</main>\n");
    let _ = write!(
        out,
        "<footer>Made with steward on {}. To change it, edit the plan in steward and print \
         a new handout (key <kbd>p</kbd>).</footer>\n</body>\n</html>\n",
        text::date(today)
    );
    out
}

fn counts(problems: &[Problem]) -> String {
    let parts: Vec<String> = Counts::of(problems)
        .each()
        .into_iter()
        .map(|(severity, n)| {
            let text = text::count(n, severity.as_str());
            // Only a count above zero stands out.
            if n == 0 {
                format!("<span class=\"count\">{text}</span>")
            } else {
                format!("<span class=\"count {severity}\">{text}</span>")
            }
        })
        .collect();
    parts.join(", ")
}

fn state_class(state: RowState) -> &'static str {
    match state {
        RowState::Fine => "fine",
        RowState::NoAccountable => "no-accountable",
        RowState::SeveralAccountable => "several-accountable",
        RowState::Trouble => "trouble",
    }
}

fn role_class(role: Role) -> &'static str {
    match role {
        Role::Accountable => "a",
        Role::Responsible => "r",
        Role::Consulted => "c",
        Role::Informed => "i",
    }
}

fn severity_class(severity: Severity) -> &'static str {
    severity.as_str()
}

/// The department a column is grouped under (its own id for a department).
fn group<'a>(plan: &Plan, party: &Party<'a>) -> Option<&'a str> {
    match *party {
        Party::Department(d) => Some(&d.id),
        Party::Person(p) => p
            .department
            .as_deref()
            .filter(|d| plan.department(d).is_some()),
    }
}

fn matrix(out: &mut String, plan: &Plan, problems: &[Problem]) {
    out.push_str("<section class=\"matrix\">\n");
    if plan.rows.is_empty() {
        out.push_str("<p class=\"none\">The plan has no channels or duties yet.</p>\n</section>\n");
        return;
    }
    let parties = plan.parties();
    // A column that starts a department's group gets a heavier rule on its left.
    let firsts: Vec<bool> = parties
        .iter()
        .enumerate()
        .map(|(i, p)| i == 0 || group(plan, &parties[i - 1]) != group(plan, p))
        .collect();
    let column_class = |i: usize| {
        let mut class = String::from("party");
        if matches!(parties[i], Party::Department(_)) {
            class.push_str(" dept");
        }
        if firsts[i] {
            class.push_str(" first");
        }
        class
    };
    out.push_str(
        "<table>\n<thead>\n<tr><th class=\"state\" scope=\"col\"><span class=\"v\">state</span></th>\
         <th class=\"name\" scope=\"col\">Channel or duty</th>",
    );
    for (i, party) in parties.iter().enumerate() {
        // A very long name is cut here; "Who holds what" shows it whole.
        let label = escape(&text::fit(party.name(), HEADER_CELLS));
        let _ = write!(
            out,
            "<th class=\"{}\" scope=\"col\" title=\"{}\"><span class=\"v\">{label}</span></th>",
            column_class(i),
            escape(party.name()),
        );
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let states = row_states(plan, problems);
    let flagged = problem_cells(problems);
    let mut last_kind = None;
    for (row, state) in plan.rows.iter().zip(&states) {
        let mut class = state_class(*state).to_string();
        if row.kind == RowKind::Duty {
            class.push_str(" duty");
            if last_kind == Some(RowKind::Channel) {
                class.push_str(" first-duty");
            }
        }
        last_kind = Some(row.kind);
        let marker = match row.kind {
            RowKind::Channel => String::new(),
            RowKind::Duty => format!("<span class=\"kind\">{DUTY}</span> "),
        };
        let _ = write!(
            out,
            "<tr class=\"{class}\"><td class=\"state\" title=\"{}\">{}</td>\
             <th class=\"name\" scope=\"row\"><div>{marker}{}</div></th>",
            state.meaning(),
            state.symbol(),
            escape(&row.name),
        );
        for (i, party) in parties.iter().enumerate() {
            let roles = row.roles_of(party.id());
            let mut class = column_class(i).replacen("party", "cell", 1);
            let mut text = cell_text(&roles);
            if let Some(first) = roles.first() {
                class.push(' ');
                class.push_str(role_class(*first));
                if flagged.contains(&(row.id.as_str(), party.id())) {
                    class.push_str(" problem");
                    text.push_str("<span class=\"flag\">!</span>");
                }
            }
            let _ = write!(out, "<td class=\"{class}\">{text}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn legend(out: &mut String) {
    out.push_str("<section class=\"legend\">\n<h2>Legend</h2>\n<ul>\n");
    for role in Role::ALL {
        let _ = writeln!(
            out,
            "<li><span class=\"key cell {}\">{}</span> <span><b>{}</b>: {}</span></li>",
            role_class(role),
            role.letter(),
            capitalised(role.key()),
            role_meaning(role)
        );
    }
    for state in RowState::ALL {
        let _ = writeln!(
            out,
            "<li class=\"{}\"><span class=\"key state\">{}</span> <span>{}</span></li>",
            state_class(state),
            state.symbol(),
            state.meaning()
        );
    }
    let _ = writeln!(
        out,
        "<li><span class=\"key\">{DUTY}</span> <span>a duty: work that is not one channel</span></li>\n\
         <li><span class=\"key cell a problem\">A<span class=\"flag\">!</span></span> <span>a \
         problem below concerns this cell</span></li>\n\
         <li><span class=\"key cell dept\">&nbsp;</span> <span>a department&#39;s own \
         column</span></li>"
    );
    out.push_str("</ul>\n</section>\n");
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The problems, each with what the room has to decide about it, in plain words.
fn problem_list(out: &mut String, plan: &Plan, problems: &[Problem]) {
    out.push_str("<section class=\"problems\">\n<h2>Problems to talk about</h2>\n");
    if problems.is_empty() {
        out.push_str(
            "<p class=\"none\">None: every row has exactly one accountable person, and \
             nothing else was found.</p>\n</section>\n",
        );
        return;
    }
    out.push_str("<ol>\n");
    for p in problems {
        let _ = writeln!(
            out,
            "<li class=\"{sev}\"><span class=\"sev\">{} {sev}</span> <span class=\"msg\">{}\
             </span><div class=\"hint\">What to do: {}</div></li>",
            p.severity().symbol(),
            escape(&p.message),
            escape(&crate::model::fix::decision(plan, p)),
            sev = severity_class(p.severity()),
        );
    }
    out.push_str("</ol>\n</section>\n");
}

/// What changed ("What we changed today"): a sentence an item, as the screen says it.
fn changed(out: &mut String, title: &str, lines: &[String]) {
    let _ = writeln!(
        out,
        "<section class=\"changes\">\n<h2>{}</h2>\n<ul>",
        escape(title)
    );
    for line in lines {
        let _ = writeln!(out, "<li>{}</li>", escape(line));
    }
    out.push_str("</ul>\n</section>\n");
}

/// Who carries what: for each person a bar of the rows they are accountable and
/// responsible for, consulted and informed on, and the logins they keep; the busiest
/// first, agencies after staff.
fn workload(out: &mut String, plan: &Plan) {
    let loads = crate::model::workload::of(plan);
    if loads.is_empty() {
        return;
    }
    let most = loads
        .iter()
        .map(|l| l.roles.iter().sum::<usize>() + l.logins)
        .max()
        .unwrap_or(1)
        .max(1);
    out.push_str(
        "<section class=\"workload\">\n<h2>Who carries what</h2>\n<table class=\"loads\">\n\
         <thead><tr><th>Person</th><th>Rows and logins</th><th class=\"a\">A</th>\
         <th class=\"r\">R</th><th class=\"c\">C</th><th class=\"i\">I</th>\
         <th class=\"logins\">Logins</th></tr></thead>\n<tbody>\n",
    );
    for load in &loads {
        let name = plan
            .person(&load.person)
            .map_or(load.person.as_str(), |p| p.name.as_str());
        let mut bar = String::new();
        let parts = Role::ALL
            .iter()
            .map(|r| role_class(*r))
            .zip(load.roles)
            .chain([("logins", load.logins)]);
        for (class, n) in parts {
            if n > 0 {
                // Whole per cent of the widest bar, so that bars compare across people.
                let width = n * 100 / most;
                let _ = write!(
                    bar,
                    "<span class=\"bar {class}\" style=\"width: {width}%\"></span>"
                );
            }
        }
        let mut note = String::new();
        if load.is_over(plan) {
            note.push_str(" <b>over the limit</b>");
        } else if load.is_idle() {
            note.push_str(" <i>holds nothing</i>");
        }
        if load.external {
            note.push_str(" <i>agency</i>");
        }
        let [a, r, c, i] = load.roles;
        let _ = writeln!(
            out,
            "<tr><td>{}{note}</td><td class=\"bars\">{bar}</td><td>{a}</td><td>{r}</td>\
             <td>{c}</td><td>{i}</td><td>{}</td></tr>",
            escape(name),
            load.logins
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// One card per party, in matrix order: what it holds, row by row name.
fn holders(out: &mut String, plan: &Plan, today: NaiveDate) {
    out.push_str("<section class=\"holders\">\n<h2>Who holds what</h2>\n<div class=\"cards\">\n");
    for party in plan.parties() {
        let mut about = Vec::new();
        match party {
            Party::Department(_) => about.push("department".to_string()),
            Party::Person(p) => {
                if let Some(t) = &p.title {
                    about.push(escape(t));
                }
                if let Some(d) = p.department.as_deref().and_then(|d| plan.department(d)) {
                    about.push(escape(&d.name));
                }
                if plan.settings.lead.as_deref() == Some(p.id.as_str()) {
                    about.push("<b>social media lead</b>".into());
                }
                if p.external {
                    about.push("<b>external</b>".into());
                }
                if let Some(d) = p.leaving {
                    let verb = if p.has_left(today) { "left" } else { "leaves" };
                    about.push(format!("<b>{verb} {}</b>", text::date(d)));
                }
            }
        }
        let kind = match party {
            Party::Department(_) => "card dept",
            Party::Person(_) => "card",
        };
        let _ = write!(
            out,
            "<article class=\"{kind}\"><h3>{}</h3><p class=\"about\">{}</p>",
            escape(party.name()),
            about.join(" · ")
        );
        let mut lines = String::new();
        for role in Role::ALL {
            let rows: Vec<String> = plan
                .rows
                .iter()
                .filter(|r| r.holders(role).iter().any(|id| id == party.id()))
                .map(|r| escape(&r.name))
                .collect();
            if !rows.is_empty() {
                let _ = write!(
                    lines,
                    "<dt class=\"{}\">{}</dt><dd>{}</dd>",
                    role_class(role),
                    capitalised(role.key()),
                    rows.join(", ")
                );
            }
        }
        if let Party::Person(p) = party {
            let logins: Vec<String> = plan
                .channels()
                .filter(|r| r.admins.contains(&p.id))
                .map(|r| escape(&r.name))
                .collect();
            if !logins.is_empty() {
                let _ = write!(lines, "<dt>Login</dt><dd>{}</dd>", logins.join(", "));
            }
        }
        if lines.is_empty() {
            out.push_str("<p class=\"none\">holds no role</p>");
        } else {
            let _ = write!(out, "<dl>{lines}</dl>");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_quotes_and_invisible_characters() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{1b}[2J\u{202e}b"), "a\\u{1b}[2J\\u{202e}b");
        assert_eq!(escape("Zoë 🍞"), "Zoë 🍞");
    }
}
