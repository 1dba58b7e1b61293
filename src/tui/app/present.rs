//! Presenter mode's words, and the room they take: the title in its forms, the legend of
//! marks and letters, each party's name over its column. The app measures them for the
//! layout (`layout::present`), which decides where everything goes; the view draws the
//! same words where the layout says, so what is measured is what is drawn.

use unicode_width::UnicodeWidthStr;

use super::{App, View};
use crate::model::rules::{Counts, RowState, Severity};
use crate::model::{Role, RowKind};
use crate::text;
use crate::tui::layout::present::{Measure, Presenter, Title};

/// The counts of problems in words: `2 errors · 4 warnings · 1 info`, or `no problems`.
#[must_use]
pub fn counts_in_words(c: Counts) -> String {
    if c.errors + c.warnings + c.infos == 0 {
        return "no problems".into();
    }
    [
        (c.errors, "error"),
        (c.warnings, "warning"),
        (c.infos, "info"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| text::count(*n, word))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The counts as symbols: `✖ 2 ▲ 4 • 1`.
#[must_use]
pub fn counts_in_symbols(c: Counts) -> String {
    format!(
        "{} {} {} {} {} {}",
        Severity::Error.symbol(),
        c.errors,
        Severity::Warning.symbol(),
        c.warnings,
        Severity::Info.symbol(),
        c.infos
    )
}

/// The title's words: the plan's name (and that this is a mirror), and what is said
/// beside it, in words and in symbols.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleText {
    pub name: String,
    pub words: String,
    pub symbols: String,
}

impl TitleText {
    /// The name's lines on a screen `width` wide, when it takes at most two.
    fn name_lines(&self, width: u16) -> Option<Vec<String>> {
        Some(text::wrap(&self.name, usize::from(width))).filter(|l| l.len() <= 2)
    }

    /// The lines this form takes on a screen `width` wide; `None` when it does not fit.
    #[must_use]
    pub fn lines(&self, width: u16, form: Title) -> Option<u16> {
        let width_of = |s: &str| u16::try_from(s.width()).unwrap_or(u16::MAX);
        let beside = |counts: &str| -> Option<u16> {
            let lines = self.name_lines(width)?;
            let last = lines.last().map_or(0, |l| width_of(l));
            (last.saturating_add(2 + width_of(counts)) <= width)
                .then(|| u16::try_from(lines.len()).unwrap_or(2))
        };
        match form {
            Title::WordsBeside => beside(&self.words),
            Title::WordsBelow => {
                let lines = self.name_lines(width)?;
                (width_of(&self.words) <= width)
                    .then(|| u16::try_from(lines.len() + 1).unwrap_or(3))
            }
            Title::SymbolsBeside => beside(&self.symbols),
            Title::Cut => Some(1),
        }
    }

    /// The lines of this form on a screen `width` wide: the name's lines (the last with
    /// the counts after it, at the right end) and the counts' own line; each as the
    /// text on the left and the text on the right.
    #[must_use]
    pub fn layout(&self, width: u16, form: Title) -> Vec<(String, String)> {
        let mut lines: Vec<(String, String)> = match form {
            Title::Cut => {
                let room = usize::from(width).saturating_sub(self.symbols.width() + 2);
                return vec![(text::fit_words(&self.name, room), self.symbols.clone())];
            }
            _ => self
                .name_lines(width)
                .unwrap_or_else(|| vec![text::fit_words(&self.name, usize::from(width))])
                .into_iter()
                .map(|l| (l, String::new()))
                .collect(),
        };
        let counts = match form {
            Title::SymbolsBeside => &self.symbols,
            _ => &self.words,
        };
        match (form, lines.last_mut()) {
            (Title::WordsBelow, _) | (_, None) => lines.push((String::new(), counts.clone())),
            (_, Some(last)) => last.1.clone_from(counts),
        }
        lines
    }
}

/// What a mark of the legend stands for, so the view gives it its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    State(RowState),
    Duty,
    Role(Role),
}

/// One entry of the legend: a mark and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub mark: Mark,
    pub symbol: String,
    pub word: &'static str,
}

impl Item {
    #[must_use]
    pub fn width(&self) -> usize {
        self.symbol.width() + 1 + self.word.width()
    }
}

/// The spaces between two entries of the legend.
pub const LEGEND_GAP: usize = 2;

/// The roles' letters and what they mean: `A accountable`…
#[must_use]
pub fn role_items() -> Vec<Item> {
    Role::ALL
        .into_iter()
        .map(|role| Item {
            mark: Mark::Role(role),
            symbol: role.letter().to_string(),
            word: role.key(),
        })
        .collect()
}

/// The row marks and what they mean, then the duty's mark, then (when they do not fit
/// above the row names) the roles' letters.
#[must_use]
pub fn legend(roles: bool) -> Vec<Item> {
    let mut items: Vec<Item> = RowState::ALL
        .into_iter()
        .map(|state| Item {
            mark: Mark::State(state),
            symbol: state.symbol().to_string(),
            word: state.label(),
        })
        .collect();
    items.push(Item {
        mark: Mark::Duty,
        symbol: RowKind::DUTY_MARK.to_string(),
        word: "a duty",
    });
    if roles {
        items.extend(role_items());
    }
    items
}

/// Entries on lines `width` wide, as many to a line as fit, never one cut in two.
#[must_use]
pub fn pack(items: &[Item], width: usize) -> Vec<&[Item]> {
    let mut lines = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        let w = item.width();
        if i > start && used + LEGEND_GAP + w > width {
            lines.push(&items[start..i]);
            (start, used) = (i, 0);
        }
        used += if i > start { LEGEND_GAP + w } else { w };
    }
    if start < items.len() {
        lines.push(&items[start..]);
    }
    lines
}

/// A name over a column `width` cells wide, on at most `most` lines: broken at spaces
/// and hyphens; a word wider than the column, or a name longer than the lines, is cut
/// with `…`.
#[must_use]
pub fn header_lines(name: &str, width: u16, most: u16) -> Vec<String> {
    let width = usize::from(width);
    let most = usize::from(most.max(1));
    let mut lines = text::wrap_name(name, width).unwrap_or_else(|| {
        let words: Vec<String> = text::safe(name)
            .split(' ')
            .map(|w| text::fit(w, width))
            .collect();
        text::wrap(&words.join(" "), width)
    });
    if lines.len() > most {
        let rest = lines[most - 1..].join(" ");
        lines.truncate(most - 1);
        lines.push(text::fit_words(&rest, width));
    }
    lines
}

/// The app, measured for the layout.
struct Measured<'a> {
    app: &'a App,
    title: TitleText,
}

impl Measure for Measured<'_> {
    fn label(&self) -> usize {
        self.app.derived().label_width
    }

    fn columns(&self) -> usize {
        self.app.cols().len()
    }

    fn rows(&self) -> usize {
        self.app.rows().len()
    }

    fn name_lines(&self, width: u16) -> Option<u16> {
        self.app.derived().name_lines(width)
    }

    fn title_lines(&self, width: u16, form: Title) -> Option<u16> {
        self.title.lines(width, form)
    }

    fn legend_lines(&self, width: u16, roles: bool) -> u16 {
        u16::try_from(pack(&legend(roles), usize::from(width)).len()).unwrap_or(u16::MAX)
    }

    fn corner_lines(&self, width: u16) -> u16 {
        // A space before the first column.
        let width = usize::from(width.saturating_sub(1));
        u16::try_from(pack(&role_items(), width).len()).unwrap_or(u16::MAX)
    }
}

impl App {
    /// Presenter mode on or off; it shows the matrix.
    pub(super) fn present(&mut self) {
        // From another view (Tab went there), `P` shows presenter mode again rather
        // than leaving it unseen.
        self.presenting = !self.presenting || self.view != View::Matrix;
        if self.presenting {
            self.view = View::Matrix;
        }
        self.keep_in_view();
    }

    /// The title's words in presenter mode.
    #[must_use]
    pub fn present_title(&self) -> TitleText {
        let counts = self.derived().counts;
        let (only, only_short) = if self.only_broken_rows() {
            let (shown, all) = (self.rows().len(), self.plan().rows.len());
            (
                format!("problems only: {shown} of {all} rows · "),
                format!("! {shown}/{all} · "),
            )
        } else {
            (String::new(), String::new())
        };
        let (unsaved, unsaved_short) = if self.modified() {
            (" · unsaved changes", " ●")
        } else {
            ("", "")
        };
        TitleText {
            name: format!(
                "{}{}",
                text::safe(self.plan().settings.display_name()),
                self.mirror_tag()
            ),
            words: format!("{only}{}{unsaved}", counts_in_words(counts)),
            symbols: format!("{only_short}{}{unsaved_short}", counts_in_symbols(counts)),
        }
    }

    /// Where everything is in presenter mode on the screen as it is now.
    #[must_use]
    pub fn presenter(&self) -> Presenter {
        let (w, h) = self.size;
        Presenter::new(
            w,
            h,
            &Measured {
                app: self,
                title: self.present_title(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_packs_whole_entries() {
        let items = legend(false);
        let one: Vec<usize> = pack(&items, 80).iter().map(|l| l.len()).collect();
        assert_eq!(one, [5], "one line at 80 columns");
        let two = pack(&items, 60);
        assert_eq!(two.len(), 2);
        assert!(two.iter().all(|l| !l.is_empty()));
        assert_eq!(pack(&role_items(), 28).len(), 2);
        assert_eq!(pack(&role_items(), 24).len(), 3);
    }

    #[test]
    fn names_over_columns_are_whole_or_cut_with_a_mark() {
        assert_eq!(header_lines("Nora Lindgren", 11, 3), ["Nora", "Lindgren"]);
        assert_eq!(
            header_lines("Customer service manager", 11, 2),
            ["Customer", "service…"]
        );
        assert_eq!(header_lines("communications", 11, 3), ["communicat…"]);
        assert_eq!(header_lines("", 11, 3), [""]);
    }

    #[test]
    fn the_title_puts_the_counts_beside_below_or_in_symbols() {
        let t = TitleText {
            name: "Riverside Dental Family & Cosmetic Dentistry of Greater Springfield".into(),
            words: "1 error · 7 infos".into(),
            symbols: "✖ 1 ▲ 0 • 7".into(),
        };
        assert_eq!(t.lines(100, Title::WordsBeside), Some(1));
        assert_eq!(t.lines(80, Title::WordsBeside), None);
        assert_eq!(t.lines(80, Title::WordsBelow), Some(2));
        assert_eq!(t.lines(80, Title::SymbolsBeside), Some(1));
        assert_eq!(t.lines(40, Title::SymbolsBeside), None);
        assert_eq!(t.lines(40, Title::WordsBelow), Some(3));
        assert_eq!(
            t.layout(80, Title::WordsBelow),
            [
                (t.name.clone(), String::new()),
                (String::new(), t.words.clone())
            ]
        );
        let cut = t.layout(40, Title::Cut);
        assert_eq!(cut[0].0, "Riverside Dental Family…");
        assert_eq!(cut[0].1, t.symbols);
    }
}
