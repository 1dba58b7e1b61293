//! Fields that name people or departments: what matches what is typed (by name or id,
//! ignoring case and accents), and what a typed name stands for when the form is saved.

use crate::model::{Id, Plan};
use crate::text::{self, folded};

/// Whom a name field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    People,
    Departments,
}

impl Pool {
    /// `person`, `department`: for messages.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Pool::People => "person",
            Pool::Departments => "department",
        }
    }

    /// Every (id, name) of the pool, in file order.
    fn members(self, plan: &Plan) -> Vec<(&str, &str)> {
        match self {
            Pool::People => plan
                .people
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            Pool::Departments => plan
                .departments
                .iter()
                .map(|d| (d.id.as_str(), d.name.as_str()))
                .collect(),
        }
    }
}

/// One match for what is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: Id,
    pub name: String,
    /// Not a match but a guess at what was meant (`Frnt desk`): Tab takes it, Enter does
    /// not.
    pub guess: bool,
}

/// The most matches a field offers at once.
pub const MAX_SUGGESTIONS: usize = 6;

/// The part of a field's text being typed: the whole text, or in a field of several
/// names, what follows the last comma.
#[must_use]
pub fn token(text: &str, many: bool) -> &str {
    if many {
        text.rsplit(',').next().unwrap_or_default().trim()
    } else {
        text.trim()
    }
}

/// The names a field of several holds, each trimmed, empty ones left out.
#[must_use]
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether `typed` is exactly a member's id or name (case and accents aside).
fn exact<'a>(plan: &'a Plan, pool: Pool, typed: &str) -> Vec<&'a str> {
    let want = folded(typed);
    let members = pool.members(plan);
    if let Some((id, _)) = members.iter().find(|(id, _)| *id == typed) {
        return vec![id];
    }
    members
        .into_iter()
        .filter(|(_, name)| folded(name) == want)
        .map(|(id, _)| id)
        .collect()
}

/// The members that match what is typed, best first: a name or id that starts with it,
/// then one with a word that starts with it, then one that holds it anywhere. Nothing
/// when the text already names one exactly, or is empty.
#[must_use]
pub fn suggest(plan: &Plan, pool: Pool, typed: &str) -> Vec<Suggestion> {
    if typed.is_empty() || exact(plan, pool, typed).len() == 1 {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, usize, Suggestion)> = pool
        .members(plan)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (id, name))| {
            let rank = text::match_rank(name, id, typed)?;
            Some((
                rank,
                i,
                Suggestion {
                    id: id.to_string(),
                    name: name.to_string(),
                    guess: false,
                },
            ))
        })
        .collect();
    ranked.sort_by_key(|(rank, i, _)| (*rank, *i));
    if ranked.is_empty() && typed.chars().count() >= 3 {
        // Nothing starts so: a near miss (`Frnt desk`) is offered, so that Tab takes the
        // name meant rather than a misspelling.
        return nearest_member(plan, pool, typed)
            .map(|(id, name)| Suggestion {
                id: id.to_string(),
                name: name.to_string(),
                guess: true,
            })
            .into_iter()
            .collect();
    }
    ranked
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, _, s)| s)
        .collect()
}

/// The member whose name (or id) is nearest to `typed`, if one is near enough to be
/// what was meant.
fn nearest_member<'a>(plan: &'a Plan, pool: Pool, typed: &str) -> Option<(&'a str, &'a str)> {
    let members = pool.members(plan);
    let names: Vec<&str> = members.iter().map(|(_, n)| *n).collect();
    let ids: Vec<&str> = members.iter().map(|(id, _)| *id).collect();
    let by_name = |n: &str| members.iter().find(|(_, name)| *name == n).copied();
    let by_id = |i: &str| members.iter().find(|(id, _)| *id == i).copied();
    text::nearest_by_words(typed, names.iter().copied())
        .or_else(|| text::nearest(typed, names.iter().copied()))
        .and_then(by_name)
        .or_else(|| text::nearest(typed, ids.iter().copied()).and_then(by_id))
}

/// The id a typed name or id stands for.
///
/// # Errors
/// Nobody (or no department) is called that, or several are: the message says so in
/// names and offers the nearest ones.
pub fn resolve(plan: &Plan, pool: Pool, typed: &str) -> Result<Id, String> {
    let found = exact(plan, pool, typed);
    match found.as_slice() {
        [one] => Ok((*one).to_string()),
        [] => {
            let matches = suggest(plan, pool, typed);
            let near: Vec<String> = if matches.is_empty() {
                nearest_member(plan, pool, typed)
                    .map(|(_, n)| vec![n.to_string()])
                    .unwrap_or_default()
            } else {
                matches.into_iter().map(|s| s.name).take(3).collect()
            };
            let what = pool.word();
            let typed = text::one_line(typed);
            Err(if near.is_empty() {
                format!("there is no {what} called \"{typed}\".")
            } else {
                format!(
                    "there is no {what} called \"{typed}\": did you mean {}?",
                    near.join(" or ")
                )
            })
        }
        several => Err(format!(
            "{} {}s are called \"{}\": type the id ({})",
            several.len(),
            pool.word(),
            text::one_line(typed),
            several.join(", ")
        )),
    }
}

/// How a field shows a member: its name, or its id when the name is not its alone (or
/// it is not known).
#[must_use]
pub fn shown(plan: &Plan, pool: Pool, id: &str) -> String {
    let members = pool.members(plan);
    match members.iter().find(|(i, _)| *i == id) {
        Some((_, name)) if exact(plan, pool, name).len() == 1 => (*name).to_string(),
        _ => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::parse;

    fn plan() -> Plan {
        parse(
            "[departments.marketing]\nname = \"Marketing\"\n\
             [people.kai]\nname = \"Kai Tanaka\"\n\
             [people.lukasz]\nname = \"Łukasz Čapek\"\n\
             [people.dr-a]\nname = \"Dr Amy Ross\"\n\
             [people.dr-b]\nname = \"Dr Ben Ross\"\n",
        )
        .expect("a plan")
    }

    #[test]
    fn matches_ignore_case_and_accents_and_rank_starts_first() {
        let plan = plan();
        let names = |typed| -> Vec<String> {
            suggest(&plan, Pool::People, typed)
                .into_iter()
                .map(|s| s.name)
                .collect()
        };
        assert_eq!(names("luk"), ["Łukasz Čapek"]);
        assert_eq!(names("CAPEK"), ["Łukasz Čapek"]);
        assert_eq!(names("ross"), ["Dr Amy Ross", "Dr Ben Ross"]);
        assert_eq!(names("dr"), ["Dr Amy Ross", "Dr Ben Ross"]);
        assert!(names("Kai Tanaka").is_empty(), "already exact");
        assert!(names("").is_empty());
    }

    #[test]
    fn names_and_ids_resolve_and_unknown_ones_get_the_nearest() {
        let plan = plan();
        assert_eq!(
            resolve(&plan, Pool::Departments, "marketing"),
            Ok("marketing".into())
        );
        assert_eq!(
            resolve(&plan, Pool::Departments, "MARKETING"),
            Ok("marketing".into())
        );
        assert_eq!(
            resolve(&plan, Pool::People, "lukasz capek"),
            Ok("lukasz".into())
        );
        let err = resolve(&plan, Pool::People, "kia").expect_err("nobody");
        assert_eq!(
            err,
            "there is no person called \"kia\": did you mean Kai Tanaka?"
        );
        let err = resolve(&plan, Pool::People, "zzzzzz").expect_err("nobody");
        assert_eq!(err, "there is no person called \"zzzzzz\".");
        // A near miss is offered as the match, for Tab to take.
        let near: Vec<String> = suggest(&plan, Pool::People, "Kai Tanka")
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(near, ["kai"]);
        assert!(suggest(&plan, Pool::People, "zzzzzz").is_empty());
        assert!(
            suggest(&plan, Pool::People, "kx").is_empty(),
            "too short to guess"
        );
        assert_eq!(token("Kai Tanaka, Dr", true), "Dr");
        assert_eq!(tokens(" a, ,b "), ["a", "b"]);
        assert_eq!(shown(&plan, Pool::People, "kai"), "Kai Tanaka");
        assert_eq!(shown(&plan, Pool::People, "gone"), "gone");
    }
}
