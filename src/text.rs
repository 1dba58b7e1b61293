//! Text from a plan, made safe to show: a name may hold anything, and nothing it holds
//! may reach a terminal raw. Also the few ways of writing things that every output
//! shares, so that they read the same everywhere: days, plurals, the byte order mark.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` must never be written to a terminal as it is: control characters (which
/// start escape sequences), and invisible characters that reorder or hide text
/// (bidi overrides, zero-width characters).
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}')
}

/// The first character of `s` that must never reach a terminal as it is, if any.
#[must_use]
pub fn unsafe_char(s: &str) -> Option<char> {
    s.chars().find(|c| is_unsafe(*c))
}

/// Whether `c` is drawn as an emoji, or is part of one (a skin tone, the variation
/// selector that asks for the emoji form).
fn is_emoji_part(c: char) -> bool {
    matches!(c,
        '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2b00}'..='\u{2bff}'
        | '\u{2190}'..='\u{21ff}' | '\u{fe0f}')
}

/// The text with every unsafe character written as a visible escape such as `\u{1b}`.
/// A zero-width joiner between two emoji (`👩‍⚕️`, a family) is left out instead: the
/// emoji are shown side by side, as most terminals draw them anyway, and the columns
/// stay aligned whether a terminal joins them or not. Between letters it is escaped,
/// so that two names that look alike cannot hide a difference.
#[must_use]
pub fn safe(s: &str) -> Cow<'_, str> {
    if unsafe_char(s).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut prev = None;
    while let Some(c) = chars.next() {
        let joins_emoji = c == '\u{200d}'
            && prev.is_some_and(is_emoji_part)
            && chars.peek().copied().is_some_and(is_emoji_part);
        if joins_emoji {
            // Left out.
        } else if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// A path made safe to show: a file name may hold anything a name may.
#[must_use]
pub fn path(p: &Path) -> String {
    safe(&p.display().to_string()).into_owned()
}

/// `safe`, cut to at most 80 characters: for quoting a user's text inside a message.
#[must_use]
pub fn one_line(s: &str) -> String {
    let safe = safe(s);
    if safe.chars().count() <= 80 {
        return safe.into_owned();
    }
    let mut cut: String = safe.chars().take(79).collect();
    cut.push('…');
    cut
}

/// The candidate nearest to `word`, if it is close enough to be a likely typo.
#[must_use]
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let length = word_lower.chars().count();
    let letters = Letters::of(&word_lower);
    let close_enough = move |d: usize, longest: usize| d <= 2.max(longest / 3) && d < longest;
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .filter_map(|c| {
            // The distance is at least the difference in length, and at least the
            // letters one has that the other lacks: a candidate that cannot be close is
            // passed over without measuring it.
            let other = c.chars().count();
            let longest = length.max(other);
            if !close_enough(length.abs_diff(other), longest)
                || !close_enough(letters.apart(&Letters::of(c)), longest)
            {
                return None;
            }
            let d = strsim::damerau_levenshtein(&word_lower, c);
            close_enough(d, longest).then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// How many times each ASCII letter (or digit, or sign) stands in a word, and how many
/// other characters it has: an edit changes one letter, so two words are at least as
/// many edits apart as the letters one has that the other lacks.
struct Letters {
    counts: [u16; 128],
    other: usize,
}

impl Letters {
    fn of(word: &str) -> Self {
        let mut letters = Letters {
            counts: [0; 128],
            other: 0,
        };
        for c in word.chars() {
            match usize::try_from(u32::from(c)) {
                Ok(i) if i < 128 => letters.counts[i] = letters.counts[i].saturating_add(1),
                _ => letters.other += 1,
            }
        }
        letters
    }

    /// The fewest edits that could make one word the other, counted by letters alone.
    fn apart(&self, other: &Letters) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.counts.iter().zip(&other.counts) {
            if a > b {
                more += usize::from(a - b);
            } else {
                fewer += usize::from(b - a);
            }
        }
        // Characters beyond ASCII are not told apart: they count only by how many.
        let (a, b) = (self.other, other.other);
        if a > b {
            more += a - b;
        } else {
            fewer += b - a;
        }
        more.max(fewer)
    }
}

/// The candidate whose words best match the words of `typed`, case and accents aside:
/// `Sara Chen` finds `Dr. Sarah Chen`, `maria` finds `Maria Lopez`. A word matches when
/// it is the same, starts the other, or is one typo away. `None` when no word matches.
#[must_use]
pub fn nearest_by_words<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let words = |s: &str| -> Vec<String> {
        folded(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    };
    let wanted = words(typed);
    let close = |a: &str, b: &str| {
        a == b
            || (a.len() >= 3 && b.starts_with(a))
            || (a.len() >= 4 && strsim::damerau_levenshtein(a, b) <= 1)
    };
    candidates
        .into_iter()
        .map(|c| {
            let have = words(c);
            let score = wanted
                .iter()
                .filter(|w| have.iter().any(|h| close(w, h)))
                .count();
            (score, c)
        })
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, _)| *score)
        .map(|(_, c)| c)
}

/// `s` made safe and cut to `width` cells, with `…` when cut.
#[must_use]
pub fn fit(s: &str, width: usize) -> String {
    let safe = safe(s);
    if safe.width() <= width {
        return safe.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in safe.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// `s` made safe and cut to `width` cells like `fit`, but after a whole word where one
/// ends in the second half of the room: `Social media policy…`, not `Social media po…`.
#[must_use]
pub fn fit_words(s: &str, width: usize) -> String {
    let safe = safe(s);
    let cut = fit(&safe, width);
    let Some(body) = cut.strip_suffix('…') else {
        return cut;
    };
    // Cut just before a space: the last word is whole already.
    if safe[body.len()..].starts_with(' ') {
        return format!("{}…", body.trim_end());
    }
    match body.rfind(' ') {
        Some(i) if body[..i].width() * 2 >= width.saturating_sub(1) => {
            let kept = body[..i].trim_end_matches(|c: char| " ,;:·&/-–".contains(c));
            format!("{kept}…")
        }
        _ => cut,
    }
}

/// A name broken into lines of at most `width` cells, for a column's header: at spaces,
/// and after a hyphen or a slash inside a word (`Wiśniewska-` `Kowalczyk`). `None` when
/// a part of a word is wider than a line, so that the caller can give it more room rather
/// than cut the word.
#[must_use]
pub fn wrap_name(s: &str, width: usize) -> Option<Vec<String>> {
    let safe = safe(s);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in safe.split(' ').filter(|w| !w.is_empty()) {
        let mut first = true;
        for piece in word.split_inclusive(['-', '/']) {
            let w = piece.width();
            if w > width {
                return None;
            }
            let space = usize::from(first && used > 0);
            if used > 0 && used + space + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            } else if space == 1 {
                line.push(' ');
                used += 1;
            }
            line.push_str(piece);
            used += w;
            first = false;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    Some(lines)
}

/// `s` made safe and cut from the left to `width` cells: `…/steward/plan.toml`.
#[must_use]
pub fn tail_fit(s: &str, width: usize) -> String {
    let safe = safe(s);
    if safe.width() <= width || width == 0 {
        return safe.into_owned();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 1;
    for g in safe.graphemes(true).rev() {
        if used + g.width() > width {
            break;
        }
        used += g.width();
        kept.push(g);
    }
    kept.reverse();
    format!("…{}", kept.concat())
}

/// `s` made safe and broken into lines of at most `width` cells, at spaces where it can
/// be, inside a word where one word is wider than a line.
#[must_use]
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    // An indented text stays indented on every line.
    let body = s.trim_start_matches(' ');
    let indent = s.len() - body.len();
    if indent > 0 && indent < width {
        let pad = " ".repeat(indent);
        return wrap(body, width - indent)
            .into_iter()
            .map(|l| format!("{pad}{l}"))
            .collect();
    }
    let width = width.max(1);
    let safe = safe(s);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in safe.split(' ') {
        let w = word.width();
        if used > 0 && used + 1 + w <= width {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        // A word wider than a line is cut into pieces that fit.
        for g in word.graphemes(true) {
            let gw = g.width();
            if used + gw > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(g);
            used += gw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` for comparing by what a reader sees: lowercase ASCII, accents and other scripts
/// written out (`Łukasz` → `lukasz`, `Weiß` → `weiss`), so that matching a typed name
/// ignores case and accents.
#[must_use]
pub fn folded(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// How well a name (or its id) matches what was typed, case and accents aside: 0 when
/// it starts with it, 1 when one of its words does, 2 when it holds it anywhere; `None`
/// when it does not match. Empty text matches everything equally.
#[must_use]
pub fn match_rank(name: &str, id: &str, typed: &str) -> Option<u8> {
    let want = folded(typed.trim());
    if want.is_empty() {
        return Some(0);
    }
    let name = folded(name);
    if name.starts_with(&want) || id.starts_with(&want) {
        Some(0)
    } else if name.split_whitespace().any(|w| w.starts_with(&want)) {
        Some(1)
    } else if name.contains(&want) || id.contains(&want) {
        Some(2)
    } else {
        None
    }
}

/// A name cut short enough to sit inside a one-line message (60 characters), as it
/// is: made safe only where it is shown.
#[must_use]
pub fn clip(name: &str) -> String {
    if name.chars().count() <= 60 {
        return name.to_string();
    }
    let mut s: String = name.chars().take(59).collect();
    s.push('…');
    s
}

/// Words joined as a sentence joins them: `a`, `a and b`, `a, b and c`.
#[must_use]
pub fn and_list(words: &[&str]) -> String {
    joined(words, "and")
}

/// Words joined for a choice or a negation: `a`, `a or b`, `a, b or c`.
#[must_use]
pub fn or_list(words: &[&str]) -> String {
    joined(words, "or")
}

fn joined(words: &[&str], conjunction: &str) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// How steward writes and reads a day: `2027-01-31`, as in the plan file.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// A day as steward writes it everywhere: `2027-01-31`.
#[must_use]
pub fn date(d: NaiveDate) -> String {
    d.format(DATE_FORMAT).to_string()
}

/// A day as the people in a room say it, for the screens and pages they read:
/// `15 January 2027`.
#[must_use]
pub fn day_in_words(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A day written as steward writes it, with spaces around it allowed. Like `%Y-%m-%d`
/// itself, it also takes `2027-1-5`.
#[must_use]
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), DATE_FORMAT).ok()
}

/// The `s` that makes a word plural after the count `n`: `"error"` and `plural(n)`.
#[must_use]
pub fn plural<N: Copy + PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) { "" } else { "s" }
}

/// `n` and the word, plural unless `n` is 1: `count(3, "error")` is `3 errors`.
#[must_use]
pub fn count<N: Copy + PartialEq + From<u8> + std::fmt::Display>(n: N, word: &str) -> String {
    format!("{n} {word}{}", plural(n))
}

/// The UTF-8 byte order mark, which some editors and spreadsheets put first.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes without a leading byte order mark: it says how the text is encoded and is
/// no part of the text.
#[must_use]
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_by_their_words() {
        let names = ["Dr. Sarah Chen", "Maria Lopez", "Kai Tanaka"];
        assert_eq!(nearest_by_words("Sara Chen", names), Some("Dr. Sarah Chen"));
        assert_eq!(nearest_by_words("maria", names), Some("Maria Lopez"));
        assert_eq!(nearest_by_words("tanka", names), Some("Kai Tanaka"));
        assert_eq!(nearest_by_words("zed", names), None);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_words_that_do_not_fit() {
        assert_eq!(
            wrap("make Lily Chen accountable", 10),
            ["make Lily", "Chen", "accountabl", "e"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("  ~ a b c", 5), ["  ~ a", "  b c"], "the indent stays");
        assert_eq!(wrap("漢字漢字漢字", 5), ["漢字", "漢字", "漢字"]);
        assert!(wrap("a\u{1b}[2J b", 80)[0].contains("\\u{1b}"), "made safe");
    }

    #[test]
    fn a_joiner_between_emoji_is_left_out_and_between_letters_escaped() {
        assert_eq!(safe("Dr. 👩\u{200d}⚕\u{fe0f}"), "Dr. 👩⚕\u{fe0f}");
        assert_eq!(safe("👨\u{200d}👩\u{200d}👧 family"), "👨👩👧 family");
        assert_eq!(safe("🧑🏽\u{200d}🍳"), "🧑🏽🍳");
        assert_eq!(safe("O\u{200d}kafor"), "O\\u{200d}kafor");
        assert_eq!(safe("🍞\u{200d}kafor"), "🍞\\u{200d}kafor");
        assert_eq!(safe("\u{200d}👩"), "\\u{200d}👩");
        assert!(unsafe_char(&safe("👨\u{200d}👩")).is_none());
    }

    #[test]
    fn names_wrap_at_spaces_hyphens_and_slashes_and_never_inside_a_word() {
        assert_eq!(
            wrap_name("Dr. Aleksandra Wiśniewska-Kowalczyk", 11),
            Some(vec![
                "Dr.".to_string(),
                "Aleksandra".into(),
                "Wiśniewska-".into(),
                "Kowalczyk".into()
            ])
        );
        assert_eq!(
            wrap_name("IT / administration", 15),
            Some(vec!["IT /".to_string(), "administration".into()])
        );
        assert_eq!(wrap_name("Nora Lindgren", 11).map(|l| l.len()), Some(2));
        assert_eq!(wrap_name("Nora Lindgren", 13).map(|l| l.len()), Some(1));
        assert_eq!(wrap_name("communications", 11), None, "the word is wider");
        assert_eq!(wrap_name("", 11), Some(vec![String::new()]));
    }

    #[test]
    fn fit_words_cuts_after_a_word() {
        assert_eq!(
            fit_words("Social media policy and brand voice", 22),
            "Social media policy…"
        );
        assert_eq!(
            fit_words("Social media policy and brand voice", 20),
            "Social media policy…"
        );
        assert_eq!(fit_words("Social media", 40), "Social media");
        assert_eq!(
            fit_words("Supercalifragilistic", 8),
            "Superca…",
            "one long word"
        );
        assert_eq!(
            fit_words("a Supercalifragilistic", 8),
            "a Super…",
            "too early to cut"
        );
    }

    #[test]
    fn fit_cuts_on_graphemes_by_width_and_makes_text_safe() {
        assert_eq!(fit("Instagram", 20), "Instagram");
        assert_eq!(fit("Instagram", 5), "Inst…");
        assert_eq!(fit("🍞🍞🍞", 5), "🍞🍞…");
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(fit("a\u{1b}[2Jb", 40), "a\\u{1b}[2Jb");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(
            tail_fit("/home/me/.local/share/steward/plan.toml", 19),
            "…/steward/plan.toml"
        );
        assert_eq!(tail_fit("plan.toml", 20), "plan.toml");
    }

    #[test]
    fn escapes_and_invisible_characters_become_visible() {
        assert_eq!(safe("Sam\u{1b}[31m"), "Sam\\u{1b}[31m");
        assert_eq!(
            safe("a\u{202e}b\u{200b}c\u{9b}d\u{7f}"),
            "a\\u{202e}b\\u{200b}c\\u{9b}d\\u{7f}"
        );
        assert_eq!(safe("tab\there"), "tab\\u{9}here");
        assert!(matches!(safe("Zoë 🎉 مرحبا"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut_for_messages() {
        let long = "x".repeat(300);
        assert_eq!(one_line(&long).chars().count(), 80);
        assert!(one_line(&long).ends_with('…'));
        assert_eq!(one_line("short"), "short");
    }

    #[test]
    fn days_plurals_and_the_byte_order_mark() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 5).expect("a day");
        assert_eq!(date(day), "2027-01-05");
        assert_eq!(day_in_words(day), "5 January 2027");
        assert_eq!(parse_date(" 2027-01-05 "), Some(day));
        assert_eq!(parse_date("5 January"), None);
        assert_eq!(
            (plural(1_usize), plural(0_u64), plural(2_i64)),
            ("", "s", "s")
        );
        assert_eq!(count(1_usize, "error"), "1 error");
        assert_eq!(count(0_u32, "info"), "0 infos");
        assert_eq!(strip_bom(b"\xEF\xBB\xBFa"), b"a");
        assert_eq!(strip_bom(b"a"), b"a");
    }

    proptest::proptest! {
        /// Passing over the candidates that cannot be close changes no answer: the same
        /// as measuring every one.
        #[test]
        fn the_nearest_is_the_one_measuring_every_candidate_finds(
            word in "[a-cA-C\\-é]{0,8}",
            candidates in proptest::collection::vec("[a-c\\-é_1]{0,9}", 0..12),
        ) {
            let lower = word.to_lowercase();
            let every = candidates
                .iter()
                .map(String::as_str)
                .filter(|c| *c != word)
                .map(|c| (strsim::damerau_levenshtein(&lower, c), c))
                .filter(|(d, c)| {
                    let longest = lower.chars().count().max(c.chars().count());
                    *d <= 2.max(longest / 3) && *d < longest
                })
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| c);
            proptest::prop_assert_eq!(nearest(&word, candidates.iter().map(String::as_str)), every);
        }
    }

    #[test]
    fn suggests_only_near_misses() {
        let keys = ["accountable", "responsible", "admins"];
        assert_eq!(nearest("acountable", keys), Some("accountable"));
        assert_eq!(nearest("Admin", keys), Some("admins"));
        assert_eq!(nearest("colour", keys), None);
        assert_eq!(nearest("sma", ["sam", "ana"]), Some("sam"));
        assert_eq!(nearest("x", ["y"]), None);
    }
}
