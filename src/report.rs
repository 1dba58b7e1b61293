//! Problems and load failures as text for a terminal, as rustc and cargo show theirs:
//! severity and code, the message, `--> file:line:col`, the line itself with the spot
//! underlined (and, for a key defined twice, where it was first defined), and the hint.
//! annotate-snippets lays them out; [`Paint`] says whether in colour.
//!
//! Everything taken from a plan (names in messages, the file's lines, the path) goes
//! through [`text::safe`] before annotate-snippets sees it, so no plan can write an
//! escape sequence to the terminal: annotate-snippets itself shows only C0 controls.

mod duplicate;

use std::io;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use crate::model::Pos;
use crate::model::problem::{Counts, Problem, Severity};
use crate::store::{LineIndex, LoadError};
use crate::text;

/// Whether to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    pub color: bool,
}

pub(crate) const RED: Style = AnsiColor::Red.on_default().bold();
pub(crate) const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const CYAN: Style = AnsiColor::Cyan.on_default().bold();
pub(crate) const BOLD: Style = Style::new().bold();
pub(crate) const GREEN: Style = AnsiColor::Green.on_default().bold();

impl Paint {
    /// Colour on standard output, as anstream decides it: `--color` (which the command
    /// line makes the global choice), else `NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`,
    /// whether it is a terminal, and `TERM`.
    #[must_use]
    pub fn stdout() -> Self {
        Paint::of(anstream::AutoStream::choice(&io::stdout()))
    }

    /// As [`Paint::stdout`], for standard error.
    #[must_use]
    pub fn stderr() -> Self {
        Paint::of(anstream::AutoStream::choice(&io::stderr()))
    }

    fn of(choice: anstream::ColorChoice) -> Self {
        Paint {
            color: choice != anstream::ColorChoice::Never,
        }
    }

    /// `s` in `style` when colouring, else as it is.
    pub(crate) fn paint(self, style: Style, s: &str) -> String {
        if self.color {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    }

    fn severity(severity: Severity) -> Style {
        match severity {
            Severity::Error => RED,
            Severity::Warning => YELLOW,
            Severity::Info => CYAN,
        }
    }

    fn renderer(self) -> Renderer {
        if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
    }
}

/// Every problem of a plan, each with the line it concerns, then a summary line.
#[must_use]
pub fn problems(file: &str, source: &str, problems: &[Problem], paint: Paint) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let file = text::safe(file);
    let renderer = paint.renderer();
    let mut out = String::new();
    for p in problems {
        let message = text::safe(&p.message);
        let hint = text::safe(&p.hint);
        let title = level(p.severity())
            .primary_title(message.as_ref())
            .id(p.code.as_str());
        let shown = Excerpt::of_line(&lines, p.pos);
        let mut group = match &shown {
            Some(shown) => {
                title.element(shown.snippet(&file, &[(p.pos, 1, AnnotationKind::Primary, None)]))
            }
            None => title.element(origin(&file, p.pos)),
        };
        if !p.hint.is_empty() {
            group = group.element(hint_level().message(hint.as_ref()));
        }
        let block = renderer.render(&[group]);
        out.push_str(&true_column(block, &file, shown.as_ref(), p.pos));
        out.push_str("\n\n");
    }
    out.push_str(&summary(&file, Counts::of(problems), paint));
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

/// An error with no place in the file to show: its message alone.
fn plain_error(renderer: &Renderer, message: String) -> String {
    renderer.render(&[Group::with_title(Level::ERROR.primary_title(message))]) + "\n"
}

/// Why a plan could not be loaded: the message, and where the file is wrong when known,
/// the spot underlined; for a key defined twice, also where it was first defined.
#[must_use]
pub fn load_error(error: &LoadError, paint: Paint) -> String {
    let renderer = paint.renderer();
    let LoadError::Invalid { path, text, error } = error else {
        return plain_error(&renderer, text::safe(&error.to_string()).into_owned());
    };
    let file = text::path(path);
    let Some(span) = error.span.clone() else {
        return plain_error(&renderer, format!("{file}: {}", text::safe(&error.message)));
    };
    let index = LineIndex::new(text);
    let at = index.pos(text, span.start);
    let width = width_on_line(text, &span);
    let twice = duplicate::find(text, span.clone());
    let (title, again_label, first, note) = match &twice {
        Some(d) => {
            let first = index.pos(text, d.first.start);
            let key = text::one_line(&d.key);
            let place = if d.table.is_empty() {
                String::new()
            } else {
                format!(" in [{}]", text::one_line(&d.table))
            };
            (
                format!("duplicate key `{key}`{place}"),
                Some(format!("`{key}` defined again here")),
                Some((first, width_on_line(text, &d.first))),
                Some(format!(
                    "`{key}` was first defined at {}:{}; a key appears once in its table: \
                     keep one of the two",
                    first.line, first.column
                )),
            )
        }
        None => (text::safe(&error.message).into_owned(), None, None, None),
    };
    let lines: Vec<&str> = text.lines().collect();
    let from = first.map_or(at, |(f, _)| if f.line < at.line { f } else { at });
    let to = first.map_or(at, |(f, _)| if f.line > at.line { f } else { at });
    let shown = Excerpt::of_lines(&lines, from.line, to.line);
    let title = Level::ERROR.primary_title(title);
    let mut group = match &shown {
        Some(shown) => {
            let mut marks = vec![(at, width, AnnotationKind::Primary, again_label.as_deref())];
            if let Some((pos, w)) = first {
                marks.push((pos, w, AnnotationKind::Context, Some("first defined here")));
            }
            title.element(shown.snippet(&file, &marks))
        }
        None => title.element(origin(&file, at)),
    };
    if let Some(note) = &note {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    true_column(renderer.render(&[group]), &file, shown.as_ref(), at) + "\n"
}

/// `--> file:line:col` with nothing under it.
fn origin(file: &str, pos: Pos) -> Origin<'_> {
    Origin::path(file)
        .line(line_no(pos))
        .char_column(pos.column as usize)
}

/// The message with the file's own column in its `-->` line: annotate-snippets counts
/// the characters of the line as shown, where an escaped character takes several.
fn true_column(rendered: String, file: &str, shown: Option<&Excerpt>, pos: Pos) -> String {
    let Some(column) = shown.and_then(|s| s.shown_column(pos)) else {
        return rendered;
    };
    if column == pos.column as usize {
        return rendered;
    }
    let said = format!("{file}:{}:{column}", pos.line);
    let meant = format!("{file}:{}:{}", pos.line, pos.column);
    rendered.replacen(&said, &meant, 1)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// steward's hints read as rustc's help lines do, under their own name.
fn hint_level() -> Level<'static> {
    Level::HELP.with_name(Some("hint"))
}

fn line_no(pos: Pos) -> usize {
    pos.line as usize
}

/// How many characters of `span` lie on its first line (at least one, so that even an
/// empty span or a line's end is underlined).
fn width_on_line(text: &str, span: &Range<usize>) -> usize {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = end.min(line_end);
    text.get(start..end)
        .map_or(1, |s| s.trim_end_matches('\r').chars().count())
        .max(1)
}

/// Some lines of a plan as they are shown: unsafe characters escaped, tabs as four
/// spaces; and, for each line, where each of its characters went in the shown text.
struct Excerpt {
    first_line: usize,
    text: String,
    /// For each shown line, the byte offset in `text` of each original character, and
    /// one past the last.
    offsets: Vec<Vec<usize>>,
}

/// A place to mark: where it starts, how many characters, how, and its label.
type Mark<'l> = (Pos, usize, AnnotationKind, Option<&'l str>);

impl Excerpt {
    fn of_line(lines: &[&str], pos: Pos) -> Option<Self> {
        Excerpt::of_lines(lines, pos.line, pos.line)
    }

    /// Lines `from` to `to` (from 1), or none when the file has no such lines.
    fn of_lines(lines: &[&str], from: u32, to: u32) -> Option<Self> {
        let first = (from as usize).checked_sub(1)?;
        let last = (to as usize).checked_sub(1)?;
        let chosen = lines.get(first..=last.min(lines.len().checked_sub(1)?))?;
        let mut text = String::new();
        let mut offsets = Vec::new();
        for (i, line) in chosen.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            let mut at = Vec::with_capacity(line.len() + 1);
            if !line.contains('\t') && text::unsafe_char(line).is_none() {
                // Nothing to show otherwise (the usual line): as it is, at once.
                let start = text.len();
                at.extend(line.char_indices().map(|(i, _)| start + i));
                text.push_str(line);
            } else {
                for c in line.chars() {
                    at.push(text.len());
                    if c == '\t' {
                        text.push_str("    ");
                    } else {
                        text.push_str(&text::safe(c.encode_utf8(&mut [0; 4])));
                    }
                }
            }
            at.push(text.len());
            offsets.push(at);
        }
        Some(Excerpt {
            first_line: from as usize,
            text,
            offsets,
        })
    }

    /// The byte range in the shown text of `width` characters from `pos`.
    fn span(&self, pos: Pos, width: usize) -> Option<Range<usize>> {
        let line = self
            .offsets
            .get((pos.line as usize).checked_sub(self.first_line)?)?;
        let last = line.len() - 1;
        let start = (pos.column as usize).saturating_sub(1).min(last);
        let end = (start + width).min(last);
        if start == end {
            // The end of a line: one cell past it, as rustc points at a missing token.
            return Some(line[start]..line[start]);
        }
        Some(line[start]..line[end])
    }

    /// The column (from 1) at which annotate-snippets sees `pos`: characters of the shown
    /// line before it, plus one.
    fn shown_column(&self, pos: Pos) -> Option<usize> {
        let span = self.span(pos, 1)?;
        let line_start = self.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        Some(self.text[line_start..span.start].chars().count() + 1)
    }

    fn snippet<'s>(
        &'s self,
        file: &'s str,
        marks: &[Mark<'s>],
    ) -> Snippet<'s, annotate_snippets::Annotation<'s>> {
        let mut snippet = Snippet::source(self.text.as_str())
            .path(file)
            .line_start(self.first_line);
        for (pos, width, kind, label) in marks {
            if let Some(span) = self.span(*pos, *width) {
                snippet = snippet.annotation(kind.span(span).label(*label));
            }
        }
        snippet
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::problem::Code;

    const PLAIN: Paint = Paint { color: false };

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

    fn load(text: &str) -> String {
        let error = crate::store::parse(text).expect_err("does not load");
        load_error(
            &LoadError::Invalid {
                path: "plan.toml".into(),
                text: text.into(),
                error,
            },
            PLAIN,
        )
    }

    #[test]
    fn a_problem_reads_like_a_compiler_message() {
        let source = "[plan]\nname = \"x\"\n\n[channels.tiktok]\nname = \"TikTok\"\n";
        let out = problems(
            "plan.toml",
            source,
            &[problem(4, 1, "nobody is accountable for TikTok")],
            PLAIN,
        );
        assert_eq!(
            out,
            "error[no-accountable]: nobody is accountable for TikTok\n \
             --> plan.toml:4:1\n  \
             |\n\
             4 | [channels.tiktok]\n  \
             | ^\n  \
             |\n  \
             = hint: name one person in `accountable`\n\
             \n\
             plan.toml: 1 error, 0 warnings, 0 infos\n"
        );
    }

    #[test]
    fn a_wrong_value_is_underlined_whole() {
        let out = load("[people.sam]\nname = \"S\"\ndepartment = 12345\n");
        assert!(
            out.starts_with("error: `department` in [people.sam] must be text"),
            "{out}"
        );
        assert!(out.contains(" --> plan.toml:3:14\n"), "{out}");
        assert!(
            out.contains("3 | department = 12345\n  |              ^^^^^\n"),
            "{out}"
        );
    }

    #[test]
    fn a_duplicate_key_names_the_key_and_where_it_was_first_defined() {
        let out = load(
            "[plan]\nname = \"x\"\n\n[people.sam]\nname = \"Sam\"\ntitle = \"a\"\nname = \"Sam again\"\n",
        );
        assert!(
            out.starts_with("error: duplicate key `name` in [people.sam]\n"),
            "{out}"
        );
        assert!(out.contains(" --> plan.toml:7:1\n"), "{out}");
        assert!(
            out.contains("5 | name = \"Sam\"\n  | ---- first defined here\n"),
            "{out}"
        );
        assert!(
            out.contains("7 | name = \"Sam again\"\n  | ^^^^ `name` defined again here\n"),
            "{out}"
        );
        assert!(
            out.contains("= note: `name` was first defined at 5:1"),
            "{out}"
        );

        let out =
            load("[plan]\nname = \"x\"\n[people.sam]\nname = \"S\"\n[plan]\nlead = \"sam\"\n");
        assert!(out.starts_with("error: duplicate key `plan`\n"), "{out}");
        assert!(out.contains("first defined at 1:2"), "{out}");

        let out = load("[people]\nsam.name = \"S\"\n[people.sam]\ntitle = \"x\"\n");
        assert!(
            out.starts_with("error: duplicate key `sam` in [people]\n"),
            "{out}"
        );
        assert!(out.contains("first defined at 2:1"), "{out}");

        let out = load("x = { a = 1, \"a\" = 2 }\n");
        assert!(
            out.starts_with("error: duplicate key `a` in [x]\n"),
            "{out}"
        );
        assert!(out.contains("first defined at 1:7"), "{out}");
    }

    #[test]
    fn the_underline_counts_wide_characters_as_two_cells() {
        let out = load("[people.zoe]\nname = \"🍞 Zoë\" x\n");
        let lines: Vec<&str> = out.lines().collect();
        let code = lines
            .iter()
            .position(|l| l.starts_with("2 |"))
            .expect("the line");
        let caret = lines[code + 1].find('^').expect("a caret");
        // `name = "` is 8 cells, the loaf 2, ` Zoë"` 5 and the space 1: 16 cells in.
        assert_eq!(caret - "  | ".len(), 16, "{out}");
    }

    #[test]
    fn escape_sequences_in_a_line_are_shown_not_sent() {
        let text = "[people.a]\nname = \"\u{1b}[31mred\u{9b}2J\" = 3\n";
        let out = load(text);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}'),
            "{out:?}"
        );
        assert!(out.contains("\\u{1b}[31mred\\u{9b}2J"), "{out}");
        // The column is the file's, not the shown line's.
        let error = crate::store::parse(text).expect_err("does not load");
        let at = error.pos(text).expect("a place");
        assert!(
            out.contains(&format!("plan.toml:{}:{}", at.line, at.column)),
            "{out}"
        );
        let out = problems(
            "a\u{1b}b.toml",
            "x",
            &[problem(1, 1, "evil \u{1b}]0;title\u{7}")],
            PLAIN,
        );
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(!out.contains('\u{7}'), "{out:?}");
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let source = format!("{}X{}\n", "a".repeat(200), "b".repeat(200));
        let out = problems("p.toml", &source, &[problem(1, 201, "x")], PLAIN);
        assert!(out.lines().all(|l| l.chars().count() <= 140), "{out}");
        assert!(out.contains('X'), "{out}");
    }

    #[test]
    fn colour_only_when_asked() {
        let counts = Counts {
            errors: 1,
            warnings: 0,
            infos: 2,
        };
        let plain = summary("p.toml", counts, PLAIN);
        assert_eq!(plain, "p.toml: 1 error, 0 warnings, 2 infos\n");
        let coloured = summary("p.toml", counts, Paint { color: true });
        assert!(
            coloured.contains(&format!("{RED}1 error{RED:#}")),
            "{coloured:?}"
        );
        assert_eq!(
            summary("p.toml", Counts::default(), PLAIN),
            "p.toml: no problems\n"
        );
        let source = "[channels.tiktok]\n";
        let out = problems("p.toml", source, &[problem(1, 1, "x")], PLAIN);
        assert!(!out.contains('\u{1b}'));
        let out = problems(
            "p.toml",
            source,
            &[problem(1, 1, "x")],
            Paint { color: true },
        );
        assert!(out.contains('\u{1b}'));
    }
}
