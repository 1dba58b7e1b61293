//! Problems and load failures as text for a terminal, in the style of a good compiler:
//! severity and code, the message, `--> file:line:col`, the line itself with a caret under
//! the spot, and the hint.
//!
//! Everything taken from a plan (names in messages, the file's lines, the path) goes
//! through [`text::safe`], so no plan can write an escape sequence to the terminal.

use std::ffi::OsStr;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::model::Pos;
use crate::model::problem::{Counts, Problem, Severity};
use crate::store::LoadError;
use crate::text;

/// Whether to colour the output, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    pub color: bool,
}

pub(crate) const RED: &str = "\x1b[1;31m";
pub(crate) const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BLUE: &str = "\x1b[1;34m";
pub(crate) const BOLD: &str = "\x1b[1m";
pub(crate) const GREEN: &str = "\x1b[1;32m";
const RESET: &str = "\x1b[0m";

impl Paint {
    /// Colour when `is_terminal` and the user has not asked for none (`NO_COLOR` set to
    /// anything non-empty, or `TERM=dumb`).
    #[must_use]
    pub fn detect(is_terminal: bool) -> Self {
        Paint::decide(
            is_terminal,
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        )
    }

    /// `detect`, given the values of `NO_COLOR` and `TERM`.
    #[must_use]
    pub fn decide(is_terminal: bool, no_color: Option<&OsStr>, term: Option<&OsStr>) -> Self {
        Paint {
            color: is_terminal && !no_color_asked(no_color) && term.is_none_or(|t| t != "dumb"),
        }
    }

    /// `s` in `style` (one of this module's colours) when colouring, else as it is.
    pub(crate) fn paint(self, style: &str, s: &str) -> String {
        if self.color {
            format!("{style}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    fn severity(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => RED,
            Severity::Warning => YELLOW,
            Severity::Info => CYAN,
        }
    }
}

/// Whether `NO_COLOR` (its value given) asks for no colour: set to anything but empty.
#[must_use]
pub fn no_color_asked(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// Every problem of a plan, each with the line it concerns, then a summary line.
#[must_use]
pub fn problems(file: &str, source: &str, problems: &[Problem], paint: Paint) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::new();
    for p in problems {
        let head = format!("{}[{}]", p.severity(), p.code);
        let _ = writeln!(
            out,
            "{}{} {}",
            paint.paint(Paint::severity(p.severity()), &head),
            paint.paint(BOLD, ":"),
            paint.paint(BOLD, &text::safe(&p.message)),
        );
        snippet(&mut out, file, &lines, p.pos, paint);
        if !p.hint.is_empty() {
            let gutter = " ".repeat(digits(p.pos.line));
            let _ = writeln!(
                out,
                "{gutter} {} {}",
                paint.paint(BLUE, "="),
                format_args!("{}: {}", paint.paint(BOLD, "hint"), text::safe(&p.hint)),
            );
        }
        out.push('\n');
    }
    out.push_str(&summary(file, Counts::of(problems), paint));
    out
}

/// One line that sums up a check: `plan.toml: 2 errors, 1 warning, 3 infos`.
#[must_use]
pub fn summary(file: &str, counts: Counts, paint: Paint) -> String {
    let file = text::safe(file);
    if counts == Counts::default() {
        return format!("{}: {}\n", file, paint.paint(GREEN, "no problems"));
    }
    let parts: Vec<String> = counts
        .each()
        .into_iter()
        .map(|(severity, n)| {
            let s = text::count(n, severity.as_str());
            if n == 0 {
                s
            } else {
                paint.paint(Paint::severity(severity), &s)
            }
        })
        .collect();
    format!("{}: {}\n", file, parts.join(", "))
}

/// Why a plan could not be loaded: the message, and where the file is wrong when known.
#[must_use]
pub fn load_error(error: &LoadError, paint: Paint) -> String {
    let mut out = String::new();
    let label = paint.paint(RED, "error");
    match error {
        LoadError::Invalid { path, text, error } => {
            let file = path.display().to_string();
            match error.pos(text) {
                Some(pos) => {
                    let _ = writeln!(
                        out,
                        "{label}{} {}",
                        paint.paint(BOLD, ":"),
                        paint.paint(BOLD, &text::safe(&error.message)),
                    );
                    let lines: Vec<&str> = text.lines().collect();
                    snippet(&mut out, &file, &lines, pos, paint);
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{label}: {}: {}",
                        text::safe(&file),
                        text::safe(&error.message)
                    );
                }
            }
        }
        other => {
            let _ = writeln!(out, "{label}: {}", text::safe(&other.to_string()));
        }
    }
    out
}

/// `--> file:line:col`, then the line with a caret under the column.
fn snippet(out: &mut String, file: &str, lines: &[&str], pos: Pos, paint: Paint) {
    let gutter = " ".repeat(digits(pos.line));
    let _ = writeln!(
        out,
        "{gutter}{} {}:{}:{}",
        paint.paint(BLUE, "-->"),
        text::safe(file),
        pos.line,
        pos.column
    );
    let Some(line) = (pos.line as usize)
        .checked_sub(1)
        .and_then(|i| lines.get(i))
    else {
        return;
    };
    let bar = paint.paint(BLUE, "|");
    let (shown, caret_at) = excerpt(line, pos.column as usize);
    let _ = writeln!(out, "{gutter} {bar}");
    let _ = writeln!(
        out,
        "{} {bar} {shown}",
        paint.paint(BLUE, &pos.line.to_string())
    );
    let _ = writeln!(
        out,
        "{gutter} {bar} {}{}",
        " ".repeat(caret_at),
        paint.paint(RED, "^")
    );
}

/// A line made safe to show, cut around `column` (in characters, from 1) when it is long,
/// and the display column (in terminal cells, from 0) where the caret goes.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    const MAX_BEFORE: usize = 60;
    const KEEP_BEFORE: usize = 40;
    const MAX_AFTER: usize = 80;
    let split = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let mut before = shown(&line[..split]);
    let mut after = shown(&line[split..]);
    if before.width() > MAX_BEFORE {
        before = text::tail_fit(&before, KEEP_BEFORE);
    }
    after = text::fit(&after, MAX_AFTER);
    let caret_at = before.width();
    (format!("{before}{after}"), caret_at)
}

/// A piece of a line as it is shown: tabs as four spaces, unsafe characters escaped.
fn shown(s: &str) -> String {
    text::safe(&s.replace('\t', "    ")).into_owned()
}

fn digits(n: u32) -> usize {
    n.to_string().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::problem::Code;

    fn problem(line: u32, column: u32, message: &str) -> Problem {
        Problem {
            code: Code::NoAccountable,
            message: message.into(),
            hint: "name one person in `accountable`".into(),
            pos: Pos { line, column },
            row: Some("tiktok".into()),
            party: None,
        }
    }

    #[test]
    fn a_problem_reads_like_a_compiler_message() {
        let source = "[plan]\nname = \"x\"\n\n[channels.tiktok]\nname = \"TikTok\"\n";
        let out = problems(
            "plan.toml",
            source,
            &[problem(4, 1, "nobody is accountable for TikTok")],
            Paint { color: false },
        );
        assert_eq!(
            out,
            "error[no-accountable]: nobody is accountable for TikTok\n \
             --> plan.toml:4:1\n  \
             |\n\
             4 | [channels.tiktok]\n  \
             | ^\n  \
             = hint: name one person in `accountable`\n\
             \n\
             plan.toml: 1 error, 0 warnings, 0 infos\n"
        );
    }

    #[test]
    fn the_caret_counts_wide_characters_as_two_cells() {
        // The `x` is the 18th character, after 17 characters that take 18 cells:
        // `name = "` is 8 cells, the loaf 2, ` Bread"` 7 and the space 1.
        let (shown, at) = excerpt("name = \"🍞 Bread\" x", 18);
        assert_eq!(shown, "name = \"🍞 Bread\" x");
        assert_eq!(at, 18);
    }

    #[test]
    fn escape_sequences_in_a_line_are_shown_not_sent() {
        let (shown, at) = excerpt("name = \"\u{1b}[31mred\"", 9);
        assert!(!shown.contains('\u{1b}'));
        assert!(shown.contains("\\u{1b}"));
        assert_eq!(at, 8);
        let out = problems(
            "a\u{1b}b.toml",
            "x",
            &[problem(1, 1, "evil \u{1b}]0;title\u{7}")],
            Paint { color: false },
        );
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(!out.contains('\u{7}'), "{out:?}");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(200), "b".repeat(200));
        let (shown, at) = excerpt(&line, 201);
        assert!(shown.width() < 130, "{}", shown.width());
        assert_eq!(shown.chars().nth(at), Some('X'));
    }

    #[test]
    fn colour_only_on_a_terminal_and_never_under_no_color() {
        let os = |s: &'static str| Some(OsStr::new(s));
        assert!(Paint::decide(true, None, os("xterm")).color);
        assert!(!Paint::decide(false, None, os("xterm")).color);
        assert!(!Paint::decide(true, os("1"), os("xterm")).color);
        assert!(
            Paint::decide(true, os(""), os("xterm")).color,
            "an empty NO_COLOR does not count"
        );
        assert!(!Paint::decide(true, None, os("dumb")).color);
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = summary(
            "p.toml",
            Counts {
                errors: 1,
                warnings: 0,
                infos: 2,
            },
            Paint { color: false },
        );
        assert_eq!(plain, "p.toml: 1 error, 0 warnings, 2 infos\n");
        let coloured = summary(
            "p.toml",
            Counts {
                errors: 1,
                warnings: 0,
                infos: 2,
            },
            Paint { color: true },
        );
        assert!(coloured.contains("\x1b[1;31m1 error\x1b[0m"));
        assert_eq!(
            summary("p.toml", Counts::default(), Paint { color: false }),
            "p.toml: no problems\n"
        );
    }
}
