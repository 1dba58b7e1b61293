//! What changed between two plans in sentences for the people in the room: the day's
//! changes on screen (`D`) and in the handout. Names only, never an id, a problem's code
//! or a key of the plan file; one change a line.
//!
//! It walks the same difference as `text.rs`, in the same order, and names parties and
//! rows through the same `Names`; only the words differ.

use chrono::NaiveDate;

use super::{Changes, Diff, EntityChange, FieldChange, Hold, Names, RowChange, Value, row_in};
use crate::model::{Id, Plan, Role, Row, RowKind};
use crate::text;

/// The difference in sentences, one change a line: the plan's settings, departments,
/// people, channels and duties, then the problems fixed and the new ones. `today` says
/// whether a leaving day is still to come. Plans that mean the same give no line.
#[must_use]
pub fn words(diff: &Diff, old: &Plan, new: &Plan, today: NaiveDate) -> Vec<String> {
    let mut w = Writer {
        names: Names { old, new },
        today,
        out: Vec::new(),
    };
    w.settings(&diff.settings);
    w.departments(&diff.departments);
    w.people(&diff.people);
    w.rows(&diff.rows);
    for p in &diff.fixed {
        w.out.push(format!("Fixed: {}", text::safe(&p.message)));
    }
    for p in &diff.appeared {
        w.out
            .push(format!("New problem: {}", text::safe(&p.message)));
    }
    w.out
}

/// A field without a sentence of its own, as words: `last reviewed`, not `last_reviewed`.
fn spoken(field: &str) -> String {
    field.replace('_', " ")
}

/// A text value quoted for a sentence, made safe.
fn quoted(s: &str) -> String {
    format!("\"{}\"", text::one_line(s))
}

struct Writer<'a> {
    names: Names<'a>,
    today: NaiveDate,
    out: Vec<String>,
}

impl Writer<'_> {
    fn line(&mut self, s: String) {
        self.out.push(s);
    }

    /// A party by its name, made safe; an id that names no one (a mistake in the file)
    /// is all there is to show.
    fn party(&self, id: &str) -> String {
        self.names.party_name(id).map_or_else(
            || format!("{} (not in the plan)", quoted(id)),
            text::one_line,
        )
    }

    fn department(&self, id: &str) -> String {
        self.names.department_name(id).map_or_else(
            || format!("{} (not in the plan)", quoted(id)),
            text::one_line,
        )
    }

    /// When someone leaves: still to come, or already past.
    fn leaves(&self, day: NaiveDate) -> String {
        if day < self.today {
            format!("left on {}", text::day_in_words(day))
        } else {
            format!("leaves on {}", text::day_in_words(day))
        }
    }

    /// `X renamed to Y`, from the values of a name's change.
    fn renamed(f: &FieldChange) -> Option<String> {
        match (&f.old, &f.new) {
            (Value::Text(old), Value::Text(new)) => Some(format!(
                "{} renamed to {}",
                text::one_line(old),
                text::one_line(new)
            )),
            _ => None,
        }
    }

    fn settings(&mut self, changes: &[FieldChange]) {
        for f in changes {
            let line = match (f.field, &f.old, &f.new) {
                ("name", _, Value::Text(name)) => {
                    format!("The plan's name is now {}", quoted(name))
                }
                ("name", _, _) => "The plan no longer has a name".into(),
                ("lead", _, Value::Person(id)) => format!("The lead is now {}", self.party(id)),
                ("lead", Value::Person(id), _) => {
                    format!("{} is no longer the lead", self.party(id))
                }
                ("review_every_days", Value::Number(was), Value::Number(n)) => format!(
                    "Reviews are now due every {} (was {was})",
                    text::count(*n, "day")
                ),
                ("leaving_notice_days", Value::Number(was), Value::Number(n)) => format!(
                    "Leaving dates are now flagged {} ahead (was {was})",
                    text::count(*n, "day")
                ),
                ("max_accountable", Value::Number(was), Value::Number(n)) => format!(
                    "Anyone accountable for more than {} is now flagged (was {was})",
                    text::count(*n, "row")
                ),
                (field, ..) => format!("The plan's {} changed", spoken(field)),
            };
            self.line(line);
        }
    }

    fn departments(&mut self, changes: &Changes<Id, EntityChange>) {
        for id in &changes.added {
            let line = format!("Added the department {}", self.department(id));
            self.line(line);
        }
        for id in &changes.removed {
            let line = format!("Removed the department {}", self.department(id));
            self.line(line);
        }
        for c in &changes.changed {
            let name = self.department(&c.id);
            for f in &c.fields {
                let line = (f.field == "name")
                    .then(|| Self::renamed(f))
                    .flatten()
                    .unwrap_or_else(|| format!("{name}: {} changed", spoken(f.field)));
                self.line(line);
            }
        }
    }

    fn people(&mut self, changes: &Changes<Id, EntityChange>) {
        for id in &changes.added {
            let line = format!("Added the person {}", self.person_with_details(id));
            self.line(line);
        }
        for id in &changes.removed {
            let line = format!("Removed the person {}", self.party(id));
            self.line(line);
        }
        for c in &changes.changed {
            let name = self.party(&c.id);
            for f in &c.fields {
                let line = self.person_field(&name, f);
                self.line(line);
            }
        }
    }

    /// A person just added, with where they work, whether they are staff and when they
    /// leave: `Lena Park (Front desk, external, leaves on 1 March 2027)`.
    fn person_with_details(&self, id: &str) -> String {
        let name = self.party(id);
        let Some(person) = self.names.new.person(id) else {
            return name;
        };
        let mut details = Vec::new();
        if let Some(dept) = &person.department {
            details.push(self.department(dept));
        }
        if person.external {
            details.push("external".into());
        }
        if let Some(day) = person.leaving {
            details.push(self.leaves(day));
        }
        if details.is_empty() {
            name
        } else {
            format!("{name} ({})", details.join(", "))
        }
    }

    fn person_field(&self, name: &str, f: &FieldChange) -> String {
        match (f.field, &f.old, &f.new) {
            ("name", ..) => Self::renamed(f).unwrap_or_else(|| format!("{name}: name changed")),
            ("department", Value::Department(from), Value::Department(to)) => format!(
                "{name} moved from {} to {}",
                self.department(from),
                self.department(to)
            ),
            ("department", _, Value::Department(to)) => {
                format!("{name} is now in {}", self.department(to))
            }
            ("department", Value::Department(from), _) => {
                format!("{name} is no longer in {}", self.department(from))
            }
            ("title", _, Value::Text(title)) => {
                format!("{name}'s title is now {}", quoted(title))
            }
            ("title", ..) => format!("{name} no longer has a title"),
            ("external", _, Value::Flag(true)) => format!("{name} is now external, not staff"),
            ("external", _, Value::Flag(false)) => {
                format!("{name} is now staff, not external")
            }
            ("leaving", _, Value::Day(day)) => {
                let when = self.leaves(*day);
                if *day < self.today {
                    format!("{name} {when}")
                } else {
                    format!("{name} now {when}")
                }
            }
            ("leaving", ..) => format!("{name} is no longer leaving"),
            (field, ..) => format!("{name}: {} changed", spoken(field)),
        }
    }

    fn rows(&mut self, changes: &Changes<(RowKind, Id), RowChange>) {
        for (kind, id) in &changes.added {
            if let Some(row) = row_in(self.names.new, *kind, id) {
                let line = self.added_row(row);
                self.line(line);
            }
        }
        for (kind, id) in &changes.removed {
            if let Some(row) = row_in(self.names.old, *kind, id) {
                let line = format!(
                    "Removed the {} {}",
                    row.kind.noun(),
                    text::one_line(&row.name)
                );
                self.line(line);
            }
        }
        for c in &changes.changed {
            let Some(row) = row_in(self.names.new, c.kind, &c.id) else {
                continue;
            };
            let name = text::one_line(&row.name);
            let renamed = c.fields.iter().find(|f| f.field == "name");
            if let Some(line) = renamed.and_then(Self::renamed) {
                self.line(line);
            }
            if let Some(holds) = self.holds(c) {
                self.line(format!("{name}: {holds}"));
            }
            for f in c.fields.iter().filter(|f| f.field != "name") {
                self.line(format!("{name}: {}", Self::row_field(f)));
            }
        }
    }

    /// A row just added, with who holds what on it.
    fn added_row(&self, row: &Row) -> String {
        let mut parts = Vec::new();
        for role in Role::ALL {
            let holders = row.holders(role);
            if !holders.is_empty() {
                let verb = if holders.len() == 1 { "is" } else { "are" };
                parts.push(format!("{} {verb} {}", self.parties(holders), role.key()));
            }
        }
        if !row.admins.is_empty() {
            let verb = if row.admins.len() == 1 {
                "holds"
            } else {
                "hold"
            };
            parts.push(format!("{} {verb} the login", self.parties(&row.admins)));
        }
        let head = format!(
            "Added the {} {}",
            row.kind.noun(),
            text::one_line(&row.name)
        );
        if parts.is_empty() {
            head
        } else {
            format!("{head}: {}", parts.join("; "))
        }
    }

    fn parties(&self, ids: &[Id]) -> String {
        let names: Vec<String> = ids.iter().map(|id| self.party(id)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        text::and_list(&names)
    }

    /// What each party gained and lost on a row, a party at a time, in the order the
    /// difference names them: `Tom is now accountable and no longer holds the login`.
    fn holds(&self, c: &RowChange) -> Option<String> {
        let mut parties: Vec<&Id> = Vec::new();
        for (id, _) in c.gained.iter().chain(&c.lost) {
            if !parties.contains(&id) {
                parties.push(id);
            }
        }
        let of = |list: &'_ [(Id, Vec<Hold>)], id: &Id| -> Vec<Hold> {
            list.iter()
                .find(|(p, _)| p == id)
                .map(|(_, h)| h.clone())
                .unwrap_or_default()
        };
        let roles = |holds: &[Hold]| -> Vec<&'static str> {
            holds
                .iter()
                .filter_map(|h| match h {
                    Hold::Role(r) => Some(r.key()),
                    Hold::Admin => None,
                })
                .collect()
        };
        let phrases: Vec<String> = parties
            .into_iter()
            .map(|id| {
                let (gained, lost) = (of(&c.gained, id), of(&c.lost, id));
                let mut says = Vec::new();
                let now = roles(&gained);
                if !now.is_empty() {
                    says.push(format!("is now {}", text::and_list(&now)));
                }
                if gained.contains(&Hold::Admin) {
                    says.push("now holds the login".to_string());
                }
                let no_more = roles(&lost);
                if !no_more.is_empty() {
                    // "is now A and no longer C" reads better than a second "is".
                    let verb = if now.is_empty() || gained.contains(&Hold::Admin) {
                        "is no longer"
                    } else {
                        "no longer"
                    };
                    says.push(format!("{verb} {}", text::or_list(&no_more)));
                }
                if lost.contains(&Hold::Admin) {
                    says.push("no longer holds the login".to_string());
                }
                let says: Vec<&str> = says.iter().map(String::as_str).collect();
                format!("{} {}", self.party(id), text::and_list(&says))
            })
            .collect();
        (!phrases.is_empty()).then(|| phrases.join("; "))
    }

    /// A change of a row's field, after the row's name and a colon.
    fn row_field(f: &FieldChange) -> String {
        match (f.field, &f.old, &f.new) {
            ("platform", _, Value::Text(p)) => format!("platform is now {}", quoted(p)),
            ("platform", ..) => "platform removed".into(),
            ("goal", Value::Absent, _) => "goal set".into(),
            ("goal", _, Value::Absent) => "goal removed".into(),
            ("last_reviewed", _, Value::Day(day)) => {
                format!("marked reviewed on {}", text::day_in_words(*day))
            }
            ("last_reviewed", ..) => "review date removed".into(),
            (field, ..) => format!("{} changed", spoken(field)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::words;
    use crate::diff::compare;
    use crate::diff::tests::{day, plan};
    use crate::model::problem::Code;

    /// A dental practice; every id differs from every name, so an id shown is an id seen.
    const PLAN: &str = "[plan]\nname = \"Riverside\"\nlead = \"sam-o\"\n\
        [departments.front-desk]\nname = \"Front desk\"\n\
        [people.sam-o]\nname = \"Sam Okafor\"\ndepartment = \"front-desk\"\n\
        [people.maria-l]\nname = \"María López\"\n\
        [people.tom-b]\nname = \"Tom Becker\"\n\
        [channels.google-reviews]\nname = \"Google reviews\"\nplatform = \"Google\"\n\
        goal = \"Answer every review within two days\"\nlast_reviewed = 2026-10-01\n\
        accountable = \"maria-l\"\nresponsible = [\"tom-b\"]\nadmins = [\"maria-l\", \"sam-o\"]\n\
        [channels.tiktok-1]\nname = \"TikTok\"\ngoal = \"Reach\"\nlast_reviewed = 2026-10-01\n\
        accountable = \"sam-o\"\nresponsible = \"tom-b\"\nadmins = [\"sam-o\", \"maria-l\"]\n";

    const IDS: &[&str] = &[
        "front-desk",
        "sam-o",
        "maria-l",
        "tom-b",
        "google-reviews",
        "tiktok-1",
        "lena-p",
        "insta-2",
        "news-3",
        "billing-4",
    ];

    /// What changed from `old` to `new` in the room's words, checked for what must never
    /// be in them: ids, problem codes and severities, the file's keys, diff's marks.
    fn between(old: &str, new: &str) -> Vec<String> {
        let (old, new) = (plan(old), plan(new));
        let lines = words(&compare(Some(&old), Some(&new), day()), &old, &new, day());
        for line in &lines {
            for id in IDS {
                assert!(!line.contains(id), "an id ({id}) in {line:?}");
            }
            for code in Code::ALL {
                assert!(!line.contains(code.as_str()), "a code in {line:?}");
            }
            assert!(
                !line.contains(['[', ']', '_', '~', '`']) && !line.contains(" -> "),
                "the file's or diff's syntax in {line:?}"
            );
            let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric()).collect();
            for word in ["error", "warning", "info", "admins", "unknown"] {
                assert!(!words.contains(&word), "{word:?} in {line:?}");
            }
        }
        lines
    }

    fn all(new: &str) -> Vec<String> {
        between(PLAN, new)
    }

    fn is_problem(line: &str) -> bool {
        line.starts_with("Fixed: ") || line.starts_with("New problem: ")
    }

    /// The changes from `PLAN` to `new`, without the problems that came and went.
    fn changes(new: &str) -> Vec<String> {
        all(new).into_iter().filter(|l| !is_problem(l)).collect()
    }

    #[test]
    fn nothing_changed_is_no_line() {
        assert!(all(PLAN).is_empty());
    }

    #[test]
    fn rows_added_and_removed_say_what_they_are_and_who_holds_what() {
        let tiktok = &PLAN[PLAN.find("[channels.tiktok-1]").expect("TikTok")..];
        let new = PLAN.replace(tiktok, "")
            + "[channels.insta-2]\nname = \"Instagram\"\naccountable = \"sam-o\"\n\
               responsible = [\"tom-b\", \"maria-l\"]\ninformed = \"front-desk\"\n\
               admins = [\"sam-o\", \"maria-l\"]\n\
               [duties.news-3]\nname = \"Newsletter\"\n";
        assert_eq!(
            changes(&new),
            [
                "Added the channel Instagram: Sam Okafor is accountable; \
                 Tom Becker and María López are responsible; Front desk is informed; \
                 Sam Okafor and María López hold the login",
                "Added the duty Newsletter",
                "Removed the channel TikTok",
            ]
        );
    }

    #[test]
    fn rows_renamed_and_their_details_changed() {
        let new = PLAN
            .replace("\"Google reviews\"", "\"Google Business reviews\"")
            .replace("platform = \"Google\"\n", "platform = \"Google Maps\"\n")
            .replace("two days", "one day")
            .replacen(
                "last_reviewed = 2026-10-01",
                "last_reviewed = 2026-11-23",
                1,
            )
            .replace("goal = \"Reach\"\nlast_reviewed = 2026-10-01\n", "");
        assert_eq!(
            changes(&new),
            [
                "Google reviews renamed to Google Business reviews",
                "Google Business reviews: platform is now \"Google Maps\"",
                "Google Business reviews: goal changed",
                "Google Business reviews: marked reviewed on 23 November 2026",
                "TikTok: goal removed",
                "TikTok: review date removed",
            ]
        );
        let back: Vec<String> = between(&new, PLAN)
            .into_iter()
            .filter(|l| !is_problem(l))
            .collect();
        assert_eq!(
            back[2..],
            [
                "Google reviews: goal changed",
                "Google reviews: marked reviewed on 1 October 2026",
                "TikTok: goal set",
                "TikTok: marked reviewed on 1 October 2026",
            ]
        );
    }

    #[test]
    fn roles_gained_and_lost_in_words_per_party() {
        let only_a = PLAN.replacen("accountable = \"maria-l\"", "accountable = \"tom-b\"", 1);
        assert_eq!(
            changes(&only_a),
            ["Google reviews: Tom Becker is now accountable; María López is no longer accountable"]
        );
        let swapped = PLAN.replacen(
            "accountable = \"maria-l\"\nresponsible = [\"tom-b\"]\nadmins = [\"maria-l\", \"sam-o\"]",
            "accountable = \"tom-b\"\nresponsible = [\"maria-l\"]\nadmins = [\"sam-o\", \"tom-b\"]\n\
             consulted = \"front-desk\"",
            1,
        );
        assert_eq!(
            changes(&swapped),
            [
                "Google reviews: Tom Becker is now accountable, now holds the login and is no \
                 longer responsible; María López is now responsible, no longer accountable and \
                 no longer holds the login; Front desk is now consulted"
            ]
        );
        let informed = PLAN.replacen(
            "responsible = [\"tom-b\"]\nadmins = [\"maria-l\", \"sam-o\"]",
            "responsible = [\"tom-b\", \"sam-o\"]\nadmins = [\"sam-o\"]\n\
             informed = [\"maria-l\", \"tom-b\"]",
            1,
        );
        assert_eq!(
            changes(&informed),
            [
                "Google reviews: María López is now informed and no longer holds the login; \
                 Tom Becker is now informed; Sam Okafor is now responsible"
            ]
        );
    }

    #[test]
    fn people_added_removed_renamed_and_leaving() {
        let new = PLAN
            .replace("[people.tom-b]\nname = \"Tom Becker\"\n", "")
            .replace("responsible = [\"tom-b\"]", "responsible = [\"maria-l\"]")
            .replace("responsible = \"tom-b\"", "responsible = \"sam-o\"")
            .replace(
                "\"María López\"",
                "\"María López Ortiz\"\ntitle = \"Office manager\"\nexternal = true\n\
                 leaving = 2027-01-15",
            )
            + "[people.lena-p]\nname = \"Lena Park\"\ndepartment = \"front-desk\"\n\
               external = true\nleaving = 2027-03-01\n";
        assert_eq!(
            changes(&new),
            [
                "Added the person Lena Park (Front desk, external, leaves on 1 March 2027)",
                "Removed the person Tom Becker",
                "María López renamed to María López Ortiz",
                "María López Ortiz's title is now \"Office manager\"",
                "María López Ortiz is now external, not staff",
                "María López Ortiz now leaves on 15 January 2027",
                "Google reviews: María López Ortiz is now responsible; Tom Becker is no longer \
                 responsible",
                "TikTok: Sam Okafor is now responsible; Tom Becker is no longer responsible",
            ]
        );
        let back: Vec<String> = between(&new, PLAN)
            .into_iter()
            .filter(|l| !is_problem(l))
            .collect();
        assert_eq!(
            back[..6],
            [
                "Added the person Tom Becker",
                "Removed the person Lena Park",
                "María López Ortiz renamed to María López",
                "María López no longer has a title",
                "María López is now staff, not external",
                "María López is no longer leaving",
            ]
        );
    }

    #[test]
    fn people_moved_between_departments_and_gone_already() {
        let base = PLAN.to_string() + "[departments.billing-4]\nname = \"Billing\"\n";
        let moved = base.replacen(
            "department = \"front-desk\"",
            "department = \"billing-4\"",
            1,
        );
        assert_eq!(
            between(&base, &moved),
            ["Sam Okafor moved from Front desk to Billing"]
        );
        let out = base.replacen("department = \"front-desk\"\n", "", 1);
        assert_eq!(
            between(&base, &out),
            ["Sam Okafor is no longer in Front desk"]
        );
        assert_eq!(between(&out, &base), ["Sam Okafor is now in Front desk"]);
        // A leaving day already past: the person has left.
        let gone = base.replace(
            "name = \"Tom Becker\"\n",
            "name = \"Tom Becker\"\nleaving = 2026-11-01\n",
        );
        let lines = between(&base, &gone);
        assert_eq!(lines[0], "Tom Becker left on 1 November 2026", "{lines:#?}");
        assert!(lines[1..].iter().all(|l| is_problem(l)), "{lines:#?}");
    }

    #[test]
    fn departments_added_removed_and_renamed() {
        let new = PLAN.replace("\"Front desk\"", "\"Reception\"")
            + "[departments.billing-4]\nname = \"Billing\"\n";
        assert_eq!(
            changes(&new),
            [
                "Added the department Billing",
                "Front desk renamed to Reception",
            ]
        );
        let without = PLAN
            .replace("[departments.front-desk]\nname = \"Front desk\"\n", "")
            .replace("department = \"front-desk\"\n", "");
        assert_eq!(
            changes(&without),
            [
                "Removed the department Front desk",
                "Sam Okafor is no longer in Front desk",
            ]
        );
    }

    #[test]
    fn the_plans_name_lead_and_limits() {
        let new = PLAN
            .replace("name = \"Riverside\"", "name = \"Riverside Dental\"")
            .replace(
                "lead = \"sam-o\"",
                "lead = \"maria-l\"\nreview_every_days = 30\n\
                 leaving_notice_days = 14\nmax_accountable = 1",
            );
        assert_eq!(
            changes(&new),
            [
                "The plan's name is now \"Riverside Dental\"",
                "The lead is now María López",
                "Reviews are now due every 30 days (was 90)",
                "Leaving dates are now flagged 14 days ahead (was 60)",
                "Anyone accountable for more than 1 row is now flagged (was 5)",
            ]
        );
        let none = PLAN.replace("name = \"Riverside\"\nlead = \"sam-o\"\n", "");
        assert_eq!(
            changes(&none),
            [
                "The plan no longer has a name",
                "Sam Okafor is no longer the lead"
            ]
        );
    }

    #[test]
    fn problems_fixed_and_new_in_their_own_words_after_the_changes() {
        // TikTok loses its accountable and its review date.
        let new = PLAN.replacen(
            "goal = \"Reach\"\nlast_reviewed = 2026-10-01\naccountable = \"sam-o\"\n",
            "goal = \"Reach\"\n",
            1,
        );
        assert_eq!(
            all(&new),
            [
                "TikTok: Sam Okafor is no longer accountable",
                "TikTok: review date removed",
                "New problem: nobody is accountable for \"TikTok\"",
                "New problem: \"TikTok\" has never been reviewed",
            ]
        );
        assert_eq!(
            between(&new, PLAN)[2..],
            [
                "Fixed: nobody is accountable for \"TikTok\"",
                "Fixed: \"TikTok\" has never been reviewed",
            ]
        );
    }

    #[test]
    fn odd_characters_in_names_are_shown_never_run() {
        let new = PLAN.replace("\"Tom Becker\"", "\"Tom\\u001b[2J Becker\\u202e\"");
        let (old, new) = (plan(PLAN), plan(&new));
        let lines = words(&compare(Some(&old), Some(&new), day()), &old, &new, day());
        assert_eq!(
            lines[0], "Tom Becker renamed to Tom\\u{1b}[2J Becker\\u{202e}",
            "{lines:#?}"
        );
        assert!(
            lines.iter().all(|l| crate::text::unsafe_char(l).is_none()),
            "{lines:#?}"
        );
    }
}
