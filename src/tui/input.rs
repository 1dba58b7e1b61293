//! A one-line text field: the filter, and each field of a form.

use super::keymap::TextEdit;

/// A one-line text field with a cursor (counted in characters).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    pub text: String,
    pub cursor: usize,
}

impl Input {
    #[must_use]
    pub fn new(text: &str) -> Self {
        Input {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Empties the field (Ctrl-u).
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }
}

impl Input {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_edits_at_its_cursor_by_character() {
        let mut input = Input::new("cafe");
        input.backspace();
        input.insert('é');
        input.home();
        input.insert('🍞');
        assert_eq!(input.text, "🍞café");
        input.end();
        input.left();
        input.delete();
        assert_eq!(input.text, "🍞caf");
        input.insert('\u{1b}');
        assert_eq!(input.text, "🍞caf", "control characters are not typed");
    }
}
