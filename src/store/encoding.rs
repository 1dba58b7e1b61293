//! How a plan file's bytes are laid out around its text: a byte order mark, CRLF line
//! endings, a final newline. The TOML document works on plain `\n` text; saving puts the
//! file's own layout back, so an edit changes only the bytes it must.

/// The layout of a file's bytes, as found when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    /// The file starts with a UTF-8 byte order mark.
    pub bom: bool,
    /// Lines end in `\r\n` (most of them, in a file that mixes both).
    pub crlf: bool,
    /// The last line ends with a line break.
    pub final_newline: bool,
}

impl Default for Encoding {
    /// The layout of a file steward writes from scratch.
    fn default() -> Self {
        Encoding {
            bom: false,
            crlf: false,
            final_newline: true,
        }
    }
}

use crate::text::{BOM, strip_bom};

impl Encoding {
    /// The layout of `bytes`.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        let bom = bytes.starts_with(BOM);
        let body = strip_bom(bytes);
        let lf = body.split(|&b| b == b'\n').count() - 1;
        let crlf = body.windows(2).filter(|w| w == b"\r\n").count();
        Encoding {
            bom,
            crlf: crlf > 0 && crlf * 2 >= lf,
            final_newline: body.is_empty() || body.ends_with(b"\n"),
        }
    }

    /// `text` (with any line endings) laid out as this file's bytes.
    #[must_use]
    pub fn apply(self, text: &str) -> Vec<u8> {
        let mut text = text.replace("\r\n", "\n");
        if !self.final_newline {
            while text.ends_with('\n') {
                text.pop();
            }
        }
        if self.crlf {
            text = text.replace('\n', "\r\n");
        }
        let mut out = Vec::with_capacity(text.len() + BOM.len());
        if self.bom {
            out.extend_from_slice(BOM);
        }
        out.extend_from_slice(text.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_files_are_written_as_they_are() {
        let e = Encoding::of(b"a = 1\nb = 2\n");
        assert_eq!(e, Encoding::default());
        assert_eq!(e.apply("a = 1\nb = 3\n"), b"a = 1\nb = 3\n");
    }

    #[test]
    fn crlf_bom_and_no_final_newline_come_back() {
        let original = b"\xEF\xBB\xBFa = 1\r\nb = 2";
        let e = Encoding::of(original);
        assert!(e.bom && e.crlf && !e.final_newline);
        // The document hands back LF text with a final newline.
        assert_eq!(e.apply("a = 1\nb = 2\n"), original);
        assert_eq!(e.apply("a = 1\nb = 5\n"), b"\xEF\xBB\xBFa = 1\r\nb = 5");
    }

    #[test]
    fn crlf_inside_the_text_is_not_doubled() {
        let e = Encoding::of(b"a\r\nb\r\n");
        assert_eq!(e.apply("a\r\nb\nc\n"), b"a\r\nb\r\nc\r\n");
    }

    #[test]
    fn a_mostly_lf_file_stays_lf() {
        let e = Encoding::of(b"a\nb\nc\r\nd\n");
        assert!(!e.crlf);
    }

    #[test]
    fn an_empty_file_gets_a_final_newline() {
        assert!(Encoding::of(b"").final_newline);
    }
}
