//! Where a key that a plan defines twice was defined first. The TOML parser points only
//! at the second definition; the first is found by parsing the text again with the
//! second one renamed, then looking for its twin in the same table.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// A key defined twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Duplicate {
    /// The key, as TOML reads it (quotes taken off).
    pub key: String,
    /// The dotted path of the table it is in; empty for the top of the file.
    pub table: String,
    /// The bytes of its first definition.
    pub first: Range<usize>,
}

/// The duplicate whose second definition is at `again`, when that is what the text holds.
pub(super) fn find(text: &str, again: Range<usize>) -> Option<Duplicate> {
    let written = text.get(again.clone())?;
    let key = key_named(written)?;
    let mut mark = String::from("steward-second-definition");
    while text.contains(&mark) {
        mark.push('-');
    }
    let renamed = format!("{}{mark}{}", &text[..again.start], &text[again.end..]);
    let root = DeTable::parse(&renamed).ok()?;
    let mut path = Vec::new();
    let table = holder(root.get_ref(), &mark, &mut path)?;
    let (first, _) = table.get_key_value(key.as_str())?;
    let mut first = first.span();
    // The first definition comes before the second; a text that says otherwise is shifted
    // back to the original's bytes.
    if first.start > again.start {
        let shift = mark.len().checked_sub(written.len())?;
        first = first.start.checked_sub(shift)?..first.end.checked_sub(shift)?;
    }
    Some(Duplicate {
        key,
        table: path.join("."),
        first,
    })
}

/// The key that `written` (a bare or quoted key) names.
fn key_named(written: &str) -> Option<String> {
    let line = format!("{written} = 0");
    let table = DeTable::parse(&line).ok()?.into_inner();
    let mut keys = table.keys();
    let key = keys.next()?.get_ref().to_string();
    keys.next().is_none().then_some(key)
}

/// The table holding the key `mark`, its path pushed onto `path` (keys of tables in
/// arrays of tables are named without their index).
fn holder<'t, 'i>(
    table: &'t DeTable<'i>,
    mark: &str,
    path: &mut Vec<String>,
) -> Option<&'t DeTable<'i>> {
    if table.keys().any(|k| k.get_ref() == mark) {
        return Some(table);
    }
    for (key, value) in table {
        path.push(key.get_ref().to_string());
        let found = match value.get_ref() {
            DeValue::Table(t) => holder(t, mark, path),
            DeValue::Array(items) => items.iter().find_map(|item| match item.get_ref() {
                DeValue::Table(t) => holder(t, mark, path),
                _ => None,
            }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        path.pop();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Range<usize> {
        let error = toml::de::DeTable::parse(text).expect_err("a duplicate");
        error.span().expect("a span")
    }

    #[test]
    fn the_first_definition_is_found_in_its_table() {
        let text = "[people.sam]\nname = \"S\"\n[people.ana]\nname = \"A\"\nname = \"B\"\n";
        let d = find(text, at(text)).expect("found");
        assert_eq!(d.key, "name");
        assert_eq!(d.table, "people.ana");
        assert_eq!(&text[d.first.clone()], "name");
        assert_eq!(d.first.start, text.find("name = \"A\"").expect("there"));
    }

    #[test]
    fn quoted_keys_and_headers_are_found_too() {
        let text = "[plan]\n\"name\" = \"x\"\nname = \"y\"\n";
        let d = find(text, at(text)).expect("found");
        assert_eq!((d.key.as_str(), d.table.as_str()), ("name", "plan"));
        assert_eq!(&text[d.first], "\"name\"");
        let text = "[plan]\nname = \"x\"\n\n[plan]\n";
        let d = find(text, at(text)).expect("found");
        assert_eq!((d.key.as_str(), d.table.as_str()), ("plan", ""));
        assert_eq!(d.first, 1..5);
    }

    #[test]
    fn no_duplicate_no_answer() {
        assert_eq!(find("a = 1\n", 0..1), None);
        assert_eq!(find("a = 1\n", 2..3), None);
    }
}
