//! A one-line text field: the filter, and each field of a form.
//!
//! The cursor stands between graphemes (what a reader sees as one character: `é` written
//! as `e` and an accent, a flag, a family emoji), so a key moves over or removes a whole
//! one. What the field shows is measured in terminal cells, so wide characters (CJK,
//! emoji) fit the box as they are drawn, and a text longer than the box shows `…` where
//! it is cut. A paste is one insertion, whatever its length.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::keymap::TextEdit;
use crate::text;

/// A one-line text field with a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    text: String,
    /// The cursor as a byte offset into `text`, always on a grapheme boundary.
    cursor: usize,
}

impl Input {
    /// A field holding `text`, the cursor at its end.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut input = Input::default();
        input.insert_str(text);
        input
    }

    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before the cursor.
    #[must_use]
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Types one character at the cursor; control characters are not typed.
    pub fn insert(&mut self, c: char) {
        if !c.is_control() {
            self.text.insert(self.cursor, c);
            self.cursor += c.len_utf8();
        }
    }

    /// Types a whole text at the cursor (a paste): line breaks and tabs become spaces,
    /// other control characters are dropped, in one pass.
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Replaces the whole text, the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.clear();
        self.insert_str(text);
    }

    /// Where the grapheme before the cursor starts.
    fn previous(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// Where the grapheme after the cursor ends.
    fn next(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    pub fn backspace(&mut self) {
        let from = self.previous();
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    pub fn delete(&mut self) {
        let to = self.next();
        self.text.replace_range(self.cursor..to, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.previous();
    }

    pub fn right(&mut self) {
        self.cursor = self.next();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Empties the field (Ctrl-u).
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Carries out a text edit.
    pub fn edit(&mut self, edit: TextEdit) {
        match edit {
            TextEdit::Backspace => self.backspace(),
            TextEdit::Delete => self.delete(),
            TextEdit::Left => self.left(),
            TextEdit::Right => self.right(),
            TextEdit::Home => self.home(),
            TextEdit::End => self.end(),
            TextEdit::Clear => self.clear(),
        }
    }

    /// What a box `width` cells wide shows of the field, made safe, and the cursor's
    /// cell in it. The window keeps the cursor in view; `…` marks text cut off at either
    /// end.
    #[must_use]
    pub fn window(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let before: Vec<String> = graphemes(&self.text[..self.cursor]);
        let after: Vec<String> = graphemes(&self.text[self.cursor..]);
        let total: usize = before.iter().chain(&after).map(|g| g.width()).sum();
        if total < width {
            let cursor = before.iter().map(|g| g.width()).sum();
            return (before.concat() + &after.concat(), cursor);
        }
        // Room for the cursor itself at the end of a line.
        let room = width.saturating_sub(1).max(1);
        // Take graphemes back from the cursor while they fit, leaving a cell for `…`
        // when something is left over on the left.
        let mut left: Vec<&str> = Vec::new();
        let mut used = 0;
        for (i, g) in before.iter().enumerate().rev() {
            let w = g.width();
            let mark = usize::from(i > 0);
            if used + w + mark > room {
                break;
            }
            used += w;
            left.push(g);
        }
        left.reverse();
        let cut_left = left.len() < before.len();
        let mut shown = String::new();
        if cut_left {
            shown.push('…');
            used += 1;
        }
        shown.push_str(&left.concat());
        let cursor = used;
        // Then what follows the cursor, as far as it fits, with `…` when cut.
        let mut right = String::new();
        let mut rest = width.saturating_sub(used);
        for (i, g) in after.iter().enumerate() {
            let w = g.width();
            let mark = usize::from(i + 1 < after.len());
            if w + mark > rest {
                right.push('…');
                break;
            }
            rest -= w;
            right.push_str(g);
        }
        shown.push_str(&right);
        (shown, cursor)
    }
}

/// The graphemes of `s`, each made safe to show.
fn graphemes(s: &str) -> Vec<String> {
    s.graphemes(true)
        .map(|g| text::safe(g).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_edits_at_its_cursor_by_grapheme() {
        let mut input = Input::new("cafe");
        input.backspace();
        input.insert('é');
        input.home();
        input.insert('🍞');
        assert_eq!(input.text(), "🍞café");
        input.end();
        input.left();
        input.delete();
        assert_eq!(input.text(), "🍞caf");
        input.insert('\u{1b}');
        assert_eq!(input.text(), "🍞caf", "control characters are not typed");
        // An accent written as its own character goes with its letter.
        let mut input = Input::new("ne\u{301}");
        input.backspace();
        assert_eq!(input.text(), "n");
        let mut input = Input::new("👨‍👩‍👧x");
        input.left();
        input.left();
        assert_eq!(input.before_cursor(), "");
        input.delete();
        assert_eq!(input.text(), "x", "a family is one character");
    }

    #[test]
    fn a_paste_is_one_clean_insertion() {
        let mut input = Input::new("ab");
        input.left();
        input.insert_str("1\n2\t3\u{7}");
        assert_eq!(input.text(), "a1 2 3b");
        assert_eq!(input.before_cursor(), "a1 2 3");
    }

    #[test]
    fn a_long_field_shows_where_it_is_cut() {
        let input = Input::new("young families with behind-the-scenes reels");
        let (shown, cursor) = input.window(20);
        assert_eq!(shown, "…d-the-scenes reels");
        assert_eq!(shown.width(), 19, "and a cell for the cursor");
        assert_eq!(cursor, 19, "the cursor at the end, after the text");
        let mut input = input;
        input.home();
        let (shown, cursor) = input.window(20);
        assert_eq!(shown, "young families with…");
        assert_eq!(cursor, 0);
    }

    #[test]
    fn wide_characters_fill_the_box_by_their_width() {
        for n in [5, 30, 60] {
            let input = Input::new(&"漢".repeat(n));
            let (shown, cursor) = input.window(21);
            let kanji = shown.chars().filter(|&c| c == '漢').count();
            assert!(shown.width() <= 21, "{n}: {shown}");
            if n <= 10 {
                assert_eq!(kanji, n, "{n} fit whole");
            } else {
                assert_eq!(
                    kanji, 9,
                    "{n}: as many as fit beside the mark and the cursor"
                );
                assert!(shown.starts_with('…'));
            }
            assert_eq!(cursor, shown.width(), "{n}: the cursor after the text");
        }
    }
}
