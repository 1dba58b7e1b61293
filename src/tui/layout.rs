//! Where things are on the screen, from plain numbers: the screen's size and how wide the
//! longest row name wants to be. The app asks it which columns fit and what a click hit;
//! the views ask it where to draw. Both ask the same functions, so the two agree, and
//! this module knows nothing of either.

use ratatui::layout::Rect;

/// The title line.
pub const TITLE_TOP: u16 = 0;
/// The two header lines above the scrolling body.
pub const HEADER_TOP: u16 = 1;
pub const BODY_TOP: u16 = 3;
/// The lines below the body that show the focused entry in full.
pub const DETAIL_LINES: u16 = 3;
/// Lines that are not the scrolling body: title, two header lines, the detail lines and
/// the status line.
pub const CHROME_HEIGHT: u16 = BODY_TOP + DETAIL_LINES + 1;
/// Each party's column in the matrix, including one space between columns.
pub const CELL_WIDTH: u16 = 9;
/// The widest a party's column grows when the screen has room for every column.
pub const WIDE_CELL: u16 = 18;
/// The smallest screen steward draws on.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Whether a screen of this size is too small to draw on.
#[must_use]
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_SIZE.0 || height < MIN_SIZE.1
}

/// The height of the scrolling part of a view on a screen `height` lines tall.
#[must_use]
pub fn body_height(height: u16) -> usize {
    usize::from(height.saturating_sub(CHROME_HEIGHT)).max(1)
}

/// The first of the detail lines, below the body of `area`.
#[must_use]
pub fn details_top(area: Rect) -> u16 {
    area.bottom() - 1 - DETAIL_LINES
}

pub mod present;

/// The matrix on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matrix {
    /// The width of the row-name column.
    pub label: u16,
    /// How many party columns fit beside the row names.
    pub columns: usize,
    /// How many rows fit.
    pub rows: usize,
    /// The screen line of the first row.
    pub top: u16,
    /// Each party column's width, with the space between columns.
    pub cell: u16,
}

impl Matrix {
    /// The matrix on a screen `width` x `height`, when the longest row name (with its
    /// marks) wants `wanted_label` cells and there are `count` party columns. A wide
    /// screen gives the row names more room, and when every column fits, the columns
    /// share what is left (up to `WIDE_CELL`), so names show whole.
    #[must_use]
    pub fn new(width: u16, height: u16, wanted_label: usize, count: usize) -> Self {
        let wanted = u16::try_from(wanted_label).unwrap_or(u16::MAX);
        let most = if width >= 160 { width / 4 } else { 34 };
        let label = wanted.clamp(14, most).min(width * 2 / 5).max(10);
        let room = width.saturating_sub(label);
        let count = u16::try_from(count.max(1)).unwrap_or(u16::MAX);
        let cell = (room / count).clamp(CELL_WIDTH, WIDE_CELL);
        Matrix {
            label,
            columns: usize::from((room / cell).max(1)),
            rows: body_height(height),
            top: BODY_TOP,
            cell,
        }
    }

    /// The left edge of the `i`th visible party column.
    #[must_use]
    pub fn column_x(&self, x: u16, i: usize) -> u16 {
        x + self.label + u16::try_from(i).unwrap_or(0) * self.cell
    }

    /// The cell under the screen position (x, y), as (line, column) counted from the
    /// first visible row and column; `None` outside the cells.
    #[must_use]
    pub fn hit(&self, x: u16, y: u16) -> Option<(usize, usize)> {
        if y < self.top || usize::from(y - self.top) >= self.rows || x < self.label {
            return None;
        }
        Some((
            usize::from(y - self.top),
            usize::from((x - self.label) / self.cell),
        ))
    }
}

/// The line of a list under the screen line `y`, counted from the first visible line,
/// when `body` lines are visible.
#[must_use]
pub fn list_hit(y: u16, body: usize) -> Option<usize> {
    (y >= BODY_TOP && usize::from(y - BODY_TOP) < body).then(|| usize::from(y - BODY_TOP))
}

/// A box in the middle of `area`, at most `w` by `h`.
#[must_use]
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The help's box in a screen of `area`: centred, as wide as its keys and what they do
/// read well, a line short of the screen above and below.
#[must_use]
pub fn help_box(area: Rect) -> Rect {
    centered(area, 76, area.height.saturating_sub(2))
}

/// The widest a box that is only read (the messages, the day's changes) is drawn.
pub const PANEL_WIDTH: u16 = 96;

/// The width inside a read-only box's border in a screen `width` cells wide.
#[must_use]
pub fn panel_inner_width(width: u16) -> usize {
    usize::from(width.min(PANEL_WIDTH).saturating_sub(2))
}

/// A box that is only read, holding `lines` lines: as tall as what it holds, as far as
/// the screen allows, centred.
#[must_use]
pub fn panel_box(area: Rect, lines: usize) -> Rect {
    let wanted = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    centered(area, PANEL_WIDTH, wanted.min(area.height.saturating_sub(2)))
}

/// The lines a bullet of `text` takes in a read-only box `width` cells wide inside.
#[must_use]
pub fn bullet_lines(text: &str, width: usize) -> Vec<String> {
    crate::text::wrap(text, width.saturating_sub(2))
}

/// Column widths for a list `width` cells wide: the given ones, with one space between
/// columns, the last taking what is left.
#[must_use]
pub fn spread(widths: &[u16], width: u16) -> Vec<u16> {
    let mut out = Vec::with_capacity(widths.len());
    let mut left = width;
    for (i, w) in widths.iter().enumerate() {
        let w = if i + 1 == widths.len() {
            left
        } else {
            (*w).min(left.saturating_sub(1))
        };
        out.push(w);
        left = left.saturating_sub(w + 1);
    }
    out
}

/// The first visible line of a window of `height` lines over `len` lines, so that the
/// `cursor`'s line shows, moving as little as possible from `scroll`.
#[must_use]
pub fn fit_scroll(scroll: usize, cursor: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    // Never scrolled further than needed to fill the window (it may have grown).
    let mut scroll = scroll.min(len.saturating_sub(height));
    if cursor < scroll {
        scroll = cursor;
    } else if cursor >= scroll + height {
        scroll = cursor + 1 - height;
    }
    scroll
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_names_take_what_they_want_within_bounds() {
        assert_eq!(Matrix::new(100, 30, 29, 40).label, 29);
        assert_eq!(
            Matrix::new(100, 30, 3, 40).label,
            14,
            "never narrower than 14"
        );
        assert_eq!(
            Matrix::new(120, 30, 90, 40).label,
            34,
            "never wider than 34"
        );
        assert_eq!(
            Matrix::new(40, 10, 90, 40).label,
            16,
            "two fifths of a narrow screen"
        );
        let m = Matrix::new(100, 30, 29, 40);
        assert_eq!((m.columns, m.rows), (7, 23));
        let wide = Matrix::new(200, 50, 90, 6);
        assert_eq!(
            (wide.label, wide.cell, wide.columns),
            (50, 18, 8),
            "names show whole"
        );
        assert_eq!(
            Matrix::new(100, 30, 29, 5).cell,
            14,
            "five columns share the room"
        );
        assert_eq!(Matrix::new(10, 5, 29, 40).columns, 1, "at least one column");
    }

    #[test]
    fn a_click_finds_its_cell_and_misses_the_edges() {
        let m = Matrix::new(100, 30, 29, 40);
        assert_eq!(m.hit(29, 3), Some((0, 0)));
        assert_eq!(m.hit(58, 4), Some((1, 3)));
        assert_eq!(m.hit(28, 4), None, "on the row names");
        assert_eq!(m.hit(40, 2), None, "on the header");
        assert_eq!(m.hit(40, 26), None, "below the body");
        assert_eq!(list_hit(3, 5), Some(0));
        assert_eq!(list_hit(8, 5), None);
        assert_eq!(list_hit(1, 5), None);
    }

    #[test]
    fn boxes_and_columns_fit_the_screen() {
        let area = Rect::new(0, 0, 80, 24);
        assert_eq!(centered(area, 72, 12), Rect::new(4, 6, 72, 12));
        assert_eq!(centered(area, 100, 40), area);
        assert_eq!(spread(&[10, 5, 0], 30), [10, 5, 13]);
        assert_eq!(spread(&[20, 20, 0], 25), [20, 3, 0], "one space between");
    }

    #[test]
    fn the_window_follows_the_cursor() {
        assert_eq!(fit_scroll(0, 3, 5, 10), 0);
        assert_eq!(fit_scroll(0, 7, 5, 10), 3);
        assert_eq!(fit_scroll(6, 2, 5, 10), 2);
        assert_eq!(fit_scroll(8, 9, 5, 10), 5, "never scrolled past the end");
        assert_eq!(fit_scroll(4, 0, 0, 0), 0);
    }
}
