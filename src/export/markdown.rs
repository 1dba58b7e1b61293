//! The matrix, a legend and the problems as Markdown, for a handbook or a wiki.
//!
//! The table is padded so that it also reads as plain text. Every name passes through
//! [`cell`]: unsafe characters become visible escapes (`\u{1b}`, so a newline cannot end a
//! table row), and the characters Markdown would act on (`|`, `*`, `_`, `<`, `` ` ``, …)
//! are backslash-escaped, so a name is shown as it is written and never becomes a link,
//! emphasis, raw HTML or a broken table.

use std::fmt::Write as _;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use crate::model::problem::{Counts, Problem};
use crate::model::{Plan, Role, RowKind};
use crate::text;

use super::{RowState, cell_text, party_label, problem_cells, role_meaning, row_states};

/// The mark of a duty in front of its name, as in the matrix on screen.
pub const DUTY: &str = "◇";

/// `plan` with its problems on the day `today`, as a Markdown document.
#[must_use]
pub fn document(plan: &Plan, problems: &[Problem], today: NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: who owns what\n",
        cell(plan.settings.display_name())
    );
    let _ = writeln!(
        out,
        "Exported by steward on {}. {}\n",
        text::date(today),
        counts(problems)
    );
    out.push_str("## Matrix\n\n");
    if plan.rows.is_empty() {
        out.push_str("The plan has no channels or duties yet.\n\n");
    } else {
        out.push_str(&matrix(plan, problems));
        out.push('\n');
    }
    out.push_str(&legend());
    out.push('\n');
    out.push_str(&problem_list(problems));
    out
}

fn counts(problems: &[Problem]) -> String {
    let c = Counts::of(problems);
    if problems.is_empty() {
        return "No problems found.".into();
    }
    let parts: Vec<String> = c
        .each()
        .into_iter()
        .map(|(severity, n)| text::count(n, severity.as_str()))
        .collect();
    format!("{}.", parts.join(", "))
}

/// The matrix as an aligned table: state, row name, then one column per party.
fn matrix(plan: &Plan, problems: &[Problem]) -> String {
    let parties = plan.parties();
    let states = row_states(plan, problems);
    let flagged = problem_cells(problems);
    let mut lines: Vec<Vec<String>> = Vec::with_capacity(plan.rows.len() + 1);
    let mut header = vec!["State".to_string(), "Channel or duty".to_string()];
    header.extend(parties.iter().map(|p| cell(&party_label(p))));
    lines.push(header);
    for (row, state) in plan.rows.iter().zip(&states) {
        let name = match row.kind {
            RowKind::Channel => cell(&row.name),
            RowKind::Duty => format!("{DUTY} {}", cell(&row.name)),
        };
        let mut line = vec![state.symbol().to_string(), name];
        line.extend(parties.iter().map(|p| {
            let roles = row.roles_of(p.id());
            let mut text = cell_text(&roles);
            if !roles.is_empty() && flagged.contains(&(row.id.as_str(), p.id())) {
                text.push('!');
            }
            text
        }));
        lines.push(line);
    }
    let columns = lines[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| lines.iter().map(|l| l[c].width()).max().unwrap_or(0).max(3))
        .collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push('|');
        for (c, text) in line.iter().enumerate() {
            let pad = widths[c] - text.width();
            let _ = write!(out, " {text}{} |", " ".repeat(pad));
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for (c, w) in widths.iter().enumerate() {
                // The name column reads left to right; the marks sit centred.
                if c == 1 {
                    let _ = write!(out, "{}|", "-".repeat(w + 2));
                } else {
                    let _ = write!(out, ":{}:|", "-".repeat(*w));
                }
            }
            out.push('\n');
        }
    }
    out
}

fn legend() -> String {
    let mut out = String::from("## Legend\n\n");
    for role in Role::ALL {
        let _ = writeln!(
            out,
            "- **{}** {}: {}",
            role.letter(),
            capitalised(role.key()),
            role_meaning(role)
        );
    }
    out.push_str("- **A/R** one party holds several roles on the row\n");
    out.push_str("- **!** after the roles: a problem below concerns this cell\n");
    for state in RowState::ALL {
        let _ = writeln!(out, "- {} {}", state.symbol(), state.meaning());
    }
    let _ = writeln!(out, "- {DUTY} a duty: work that is not one channel");
    out
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn problem_list(problems: &[Problem]) -> String {
    let mut out = String::from("## Problems\n\n");
    if problems.is_empty() {
        out.push_str(
            "None: every row has exactly one accountable person, and nothing else was found.\n",
        );
        return out;
    }
    for p in problems {
        let _ = writeln!(
            out,
            "- {} **{}** `{}`: {}",
            p.severity().symbol(),
            p.severity(),
            p.code,
            cell(&p.message)
        );
        let _ = writeln!(out, "  - hint: {}", cell(&p.hint));
    }
    out
}

/// Text from the plan made safe for a Markdown table cell: visible escapes for control,
/// bidi and zero-width characters, and a backslash before each character Markdown acts on.
#[must_use]
pub fn cell(s: &str) -> String {
    let safe = text::safe(s);
    let mut out = String::with_capacity(safe.len() + 4);
    let mut chars = safe.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        match c {
            // Inside a word (`last_reviewed`) an underscore is never emphasis.
            '_' if prev.is_alphanumeric() && next.is_alphanumeric() => out.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // `&amp;` and `&#60;` would be read as characters; a lone `&` is fine.
            '&' if next.is_ascii_alphanumeric() || next == '#' => out.push_str("\\&"),
            _ => out.push(c),
        }
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_control_characters_are_neutralised() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<script>"), "\\<script\\>");
        assert_eq!(cell("line\nbreak"), "line\\\\u{a}break");
        assert_eq!(cell("Pixel & Co"), "Pixel & Co");
        assert_eq!(cell("&amp;"), "\\&amp;");
        assert_eq!(cell("**bold** [x](y)"), "\\*\\*bold\\*\\* \\[x\\](y)");
        assert_eq!(cell("Zoë 🍞"), "Zoë 🍞");
        assert_eq!(cell("last_reviewed _x_"), "last_reviewed \\_x\\_");
    }
}
