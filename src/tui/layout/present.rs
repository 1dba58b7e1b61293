//! Presenter mode's screen, for a projector. Top to bottom: the title, the legend, the
//! departments, each party's name over its column (up to three lines), the rows, one line
//! that says what is off screen, the focused row's problems, the status line.
//!
//! The regions follow one another and never overlap, at every size steward draws on:
//! what has no room is shortened or left out, in this order of need. First one line each
//! for the title, the departments, the names, a row and, when something is off screen,
//! the line that says so; two for the problems. Then up to three rows, the names' other
//! lines, the title's second line (the counts on a line of their own), the legend, up to
//! six lines of problems, every other row, a blank line, and whatever is left to the
//! problems.
//!
//! It knows no words: the app measures them (`Measure`) and this module decides.

use super::Matrix;

/// The narrowest party column, with the space between columns.
pub const CELL_WIDTH: u16 = 12;
/// The widest a column grows to share a screen that has room for every column.
pub const WIDE_CELL: u16 = 20;
/// The widest a column grows so that no word of a name is cut.
pub const WIDEST_CELL: u16 = 26;
/// The most lines a name takes over its column.
pub const NAME_LINES: u16 = 3;
/// The lines the focused row's problems get (with their heading) before the rest of the
/// rows.
pub const PANEL_LINES: u16 = 6;

/// How the title says the plan's name and its counts of problems, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Title {
    /// The name whole, the counts in words after it.
    WordsBeside,
    /// The name whole, the counts in words on a line of their own.
    WordsBelow,
    /// The name whole, the counts as symbols after it.
    SymbolsBeside,
    /// The name on one line, cut after a word, the counts as symbols after it.
    Cut,
}

impl Title {
    pub const ALL: [Title; 4] = [
        Title::WordsBeside,
        Title::WordsBelow,
        Title::SymbolsBeside,
        Title::Cut,
    ];
}

/// What the screen has to hold, as the app measures it.
pub trait Measure {
    /// How wide the longest row name wants to be, with its marks.
    fn label(&self) -> usize;
    /// How many party columns and rows there are.
    fn columns(&self) -> usize;
    fn rows(&self) -> usize;
    /// The lines the longest party name takes over a column `width` cells wide; `None`
    /// when a word of a name is wider than that.
    fn name_lines(&self, width: u16) -> Option<u16>;
    /// The lines the title takes on a screen `width` wide in this form; `None` when the
    /// form does not fit.
    fn title_lines(&self, width: u16, form: Title) -> Option<u16>;
    /// The lines the legend takes on a screen `width` wide, with the roles' letters or
    /// without them.
    fn legend_lines(&self, width: u16, roles: bool) -> u16;
    /// The lines the roles' letters take above the row names, `width` cells wide.
    fn corner_lines(&self, width: u16) -> u16;
}

/// Where everything is in presenter mode. Lines are counted from the top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presenter {
    /// The rows and columns: `top` is the first row's line.
    pub matrix: Matrix,
    pub title: Title,
    pub title_lines: u16,
    pub legend_top: u16,
    /// No legend when there is no room for all of it.
    pub legend_lines: u16,
    /// Whether the roles' letters are in the legend (they did not fit above the row
    /// names).
    pub roles_in_legend: bool,
    /// The departments' line; the names are on the lines below it.
    pub header_top: u16,
    pub name_lines: u16,
    /// The line that says which columns and rows are off screen, when some are.
    pub beyond: Option<u16>,
    /// The focused row's problems: the first line and how many.
    pub panel_top: u16,
    pub panel_lines: u16,
}

/// Takes up to `want` lines of what is `left`.
fn grant(left: &mut u16, want: u16) -> u16 {
    let got = want.min(*left);
    *left -= got;
    got
}

impl Presenter {
    /// Presenter mode on a screen `width` x `height`.
    #[must_use]
    pub fn new(width: u16, height: u16, m: &impl Measure) -> Self {
        let (label, cell, columns) = across(width, m);
        let hidden_columns = m.columns() > columns;
        let first = down(width, height, m, (label, cell, columns), hidden_columns);
        if first.beyond.is_none() && first.matrix.rows < m.rows() {
            down(width, height, m, (label, cell, columns), true)
        } else {
            first
        }
    }

    /// The lines of the screen each region takes, in order from the top, as (what,
    /// first line, lines): for tests and for anyone checking that nothing overlaps.
    #[must_use]
    pub fn regions(&self) -> Vec<(&'static str, u16, u16)> {
        let mut out = vec![
            ("title", 0, self.title_lines),
            ("legend", self.legend_top, self.legend_lines),
            ("departments", self.header_top, 1),
            ("names", self.header_top + 1, self.name_lines),
            (
                "rows",
                self.matrix.top,
                u16::try_from(self.matrix.rows).unwrap_or(u16::MAX),
            ),
        ];
        if let Some(y) = self.beyond {
            out.push(("beyond", y, 1));
        }
        out.push(("panel", self.panel_top, self.panel_lines));
        out
    }
}

/// The row names' width, each column's and how many columns fit.
fn across(width: u16, m: &impl Measure) -> (u16, u16, usize) {
    let wanted = u16::try_from(m.label()).unwrap_or(u16::MAX);
    let most = (width * 9 / 20).clamp(14, 60);
    let first = wanted
        .clamp(14, most)
        .min(width.saturating_sub(CELL_WIDTH))
        .max(10);
    let room = width.saturating_sub(first);
    let count = u16::try_from(m.columns().max(1)).unwrap_or(u16::MAX);
    let share = (room / count).clamp(CELL_WIDTH, WIDE_CELL);
    // Wide enough that every name shows whole in three lines, when the screen allows.
    let whole = (CELL_WIDTH..=WIDEST_CELL)
        .find(|&c| m.name_lines(c - 1).is_some_and(|l| l <= NAME_LINES))
        .unwrap_or(CELL_WIDTH);
    let cell = share.max(whole).min(room).max(CELL_WIDTH.min(room));
    let fit = room.checked_div(cell).unwrap_or(1).max(1);
    // What the columns leave over goes to a long row name, and a space after it for
    // the row's mark of roles off to the left.
    let left_over = room.saturating_sub(fit * cell);
    let label = first + left_over.min((wanted + 1).saturating_sub(first));
    (label, cell.max(1), usize::from(fit))
}

/// The lines, top to bottom, for columns of this geometry; `beyond` whether the line
/// that says what is off screen is needed.
fn down(
    width: u16,
    height: u16,
    m: &impl Measure,
    (label, cell, columns): (u16, u16, usize),
    beyond: bool,
) -> Presenter {
    // The status line is not ours; one line each for the title, the departments, the
    // names and a row, two for the problems, and the line of what is off screen.
    let body = height.saturating_sub(1);
    let mut left = body.saturating_sub(6 + u16::from(beyond));
    let wanted_rows = u16::try_from(m.rows().max(1)).unwrap_or(u16::MAX);
    let mut rows = 1 + grant(&mut left, wanted_rows.min(3) - 1);
    let names = m
        .name_lines(cell.saturating_sub(1))
        .unwrap_or(NAME_LINES)
        .clamp(1, NAME_LINES);
    let name_lines = 1 + grant(&mut left, names - 1);
    let (title, title_lines) = Title::ALL
        .into_iter()
        .find_map(|form| {
            m.title_lines(width, form)
                .filter(|&l| l >= 1 && l - 1 <= left)
                .map(|l| (form, l))
        })
        .unwrap_or((Title::Cut, 1));
    left -= title_lines - 1;
    let roles_in_legend = m.corner_lines(label.saturating_sub(1)) > 1 + name_lines;
    let legend_need = m.legend_lines(width, roles_in_legend);
    let legend_lines = if legend_need <= left {
        grant(&mut left, legend_need)
    } else {
        0
    };
    let mut panel = 2 + grant(&mut left, PANEL_LINES - 2);
    rows += grant(&mut left, wanted_rows - rows);
    let gap = grant(&mut left, 1);
    panel += left;
    let legend_top = title_lines;
    let header_top = legend_top + legend_lines;
    let top = header_top + 1 + name_lines;
    let below = top + rows;
    Presenter {
        matrix: Matrix {
            label,
            columns,
            rows: usize::from(rows),
            top,
            cell,
        },
        title,
        title_lines,
        legend_top,
        legend_lines,
        roles_in_legend,
        header_top,
        name_lines,
        beyond: beyond.then_some(below),
        panel_top: below + u16::from(beyond) + gap,
        panel_lines: panel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan of some size, with names and a title of some length.
    struct Plan {
        label: usize,
        columns: usize,
        rows: usize,
        /// The longest word of a name, and the name's length.
        word: u16,
        name: u16,
        title: u16,
        counts: u16,
    }

    impl Measure for Plan {
        fn label(&self) -> usize {
            self.label
        }
        fn columns(&self) -> usize {
            self.columns
        }
        fn rows(&self) -> usize {
            self.rows
        }
        fn name_lines(&self, width: u16) -> Option<u16> {
            (self.word <= width).then(|| self.name.div_ceil(width))
        }
        fn title_lines(&self, width: u16, form: Title) -> Option<u16> {
            let beside = self.title + 2 + self.counts <= width;
            match form {
                Title::WordsBeside => beside.then_some(1),
                Title::WordsBelow => (self.title <= width).then_some(2),
                Title::SymbolsBeside => (self.title + 13 <= width).then_some(1),
                Title::Cut => Some(1),
            }
        }
        fn legend_lines(&self, width: u16, roles: bool) -> u16 {
            (77u16 + if roles { 55 } else { 0 }).div_ceil(width)
        }
        fn corner_lines(&self, width: u16) -> u16 {
            if width >= 24 { 3 } else { 4 }
        }
    }

    const BAKERY: Plan = Plan {
        label: 29,
        columns: 15,
        rows: 11,
        word: 8,
        name: 13,
        title: 14,
        counts: 30,
    };

    #[test]
    fn at_every_size_the_regions_follow_one_another_and_fit() {
        let plans = [
            BAKERY,
            Plan {
                label: 55,
                columns: 6,
                rows: 40,
                word: 20,
                name: 35,
                title: 76,
                counts: 40,
            },
            Plan {
                label: 0,
                columns: 0,
                rows: 0,
                word: 0,
                name: 0,
                title: 5,
                counts: 11,
            },
        ];
        for plan in &plans {
            for width in 40..=220 {
                for height in 10..=70 {
                    let p = Presenter::new(width, height, plan);
                    let mut next = 0;
                    for (what, top, lines) in p.regions() {
                        assert!(
                            top >= next,
                            "{width}x{height}: {what} at {top} overlaps what is above \
                             (which ends at {next}): {p:?}"
                        );
                        next = top + lines;
                    }
                    assert_eq!(
                        next,
                        height - 1,
                        "{width}x{height}: down to the status line"
                    );
                    assert!(p.title_lines >= 1 && p.name_lines >= 1 && p.panel_lines >= 2);
                    assert!(p.matrix.rows >= 1);
                    let m = p.matrix;
                    assert!(
                        m.label + u16::try_from(m.columns).unwrap_or(0) * m.cell <= width
                            || m.columns == 1,
                        "{width}x{height}: the columns fit across: {m:?}"
                    );
                    let hidden = plan.columns > m.columns || plan.rows > m.rows;
                    assert_eq!(p.beyond.is_some(), hidden, "{width}x{height}: {p:?}");
                }
            }
        }
    }

    #[test]
    fn a_projector_gets_everything_and_a_small_screen_what_matters() {
        let big = Presenter::new(100, 30, &BAKERY);
        assert_eq!(big.title, Title::WordsBeside);
        assert_eq!((big.legend_lines, big.name_lines), (1, 2));
        assert_eq!((big.matrix.label, big.matrix.cell), (30, 12));
        assert_eq!((big.matrix.rows, big.matrix.columns), (11, 5));
        assert!(big.panel_lines >= PANEL_LINES);
        assert_eq!(big.matrix.hit(30, big.matrix.top), Some((0, 0)));
        assert_eq!(big.matrix.hit(42, big.matrix.top + 1), Some((1, 1)));
        assert_eq!(big.matrix.hit(42, big.matrix.top - 1), None, "on the names");

        let laptop = Presenter::new(80, 24, &BAKERY);
        assert_eq!(laptop.matrix.rows, 11, "every row");
        assert_eq!(laptop.legend_lines, 1);

        let small = Presenter::new(40, 10, &BAKERY);
        assert_eq!(small.legend_lines, 0, "no room for the legend");
        assert_eq!(small.title, Title::SymbolsBeside);
        assert_eq!((small.matrix.rows, small.panel_lines), (3, 2));
        assert!(small.beyond.is_some());
    }

    #[test]
    fn a_long_word_in_a_name_widens_the_columns_and_a_long_row_name_takes_what_is_left() {
        let plan = Plan { word: 14, ..BAKERY };
        assert_eq!(Presenter::new(100, 30, &plan).matrix.cell, 15);
        let plan = Plan {
            label: 42,
            ..BAKERY
        };
        let p = Presenter::new(80, 24, &plan);
        assert_eq!((p.matrix.label, p.matrix.columns), (43, 3), "{p:?}");
        let plan = Plan {
            columns: 3,
            ..BAKERY
        };
        assert_eq!(
            Presenter::new(100, 30, &plan).matrix.cell,
            WIDE_CELL,
            "a few columns share the room"
        );
    }

    #[test]
    fn a_long_title_puts_the_counts_on_a_line_of_their_own() {
        let plan = Plan {
            title: 67,
            counts: 19,
            ..BAKERY
        };
        let p = Presenter::new(80, 24, &plan);
        assert_eq!((p.title, p.title_lines), (Title::WordsBelow, 2));
        assert_eq!(p.legend_top, 2);
        let p = Presenter::new(80, 11, &plan);
        assert_eq!(p.title, Title::SymbolsBeside, "no line to spare: {p:?}");
    }
}
