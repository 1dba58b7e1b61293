//! The starter plans built into steward (`steward init --template NAME`) and the example
//! plan that a first run opens.

/// A starter plan: its name on the command line and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub name: &'static str,
    pub text: &'static str,
}

impl Template {
    /// The title and one-sentence summary from the first line, `# Title: sentence`.
    #[must_use]
    pub fn title_and_summary(&self) -> (&'static str, &'static str) {
        let first = self.text.lines().next().unwrap_or_default();
        let first = first.trim_start_matches('#').trim();
        match first.split_once(':') {
            Some((title, summary)) => (title.trim(), summary.trim()),
            None => (first, ""),
        }
    }
}

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(Template {
            name: $name,
            text: include_str!(concat!("../assets/templates/", $name, ".toml")),
        },)*]
    };
}

/// Every template, the default first. `blank` has nobody yet, so its rows have no
/// accountable: the one template that does not check without errors.
pub const TEMPLATES: &[Template] = templates![
    "solo",
    "agency",
    "hub-and-spoke",
    "centralized",
    "organic",
    "blank"
];

/// The template `init` writes when none is named.
pub const DEFAULT: &str = "solo";

/// The example plan: a bakery whose plan shows each kind of problem steward finds.
pub const EXAMPLE: &str = include_str!("../assets/example.toml");

/// The template called `name`.
#[must_use]
pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_a_title_and_a_summary() {
        for t in TEMPLATES {
            let (title, summary) = t.title_and_summary();
            assert!(!title.is_empty() && !summary.is_empty(), "{}", t.name);
        }
        assert!(find(DEFAULT).is_some());
        assert!(find("nope").is_none());
    }

    /// The names a template may give its people: roles, never a person's own name, so
    /// that nothing in a client's plan belongs to another business.
    const ROLE_NAMES: &[&str] = &[
        "Owner",
        "Shop assistant",
        "Practice manager",
        "Marketing manager",
        "Head of reception",
        "Social media agency",
        "Social media lead",
        "Brand manager",
        "Customer service lead",
        "HR manager",
        "Head of sales",
        "IT administrator",
        "Head of communications",
        "Social media manager",
        "Content creator",
        "Customer service manager",
        "HR advisor",
        "Sales manager",
        "IT support",
        "Marketing coordinator",
        "Office and HR manager",
        "Account manager",
    ];

    #[test]
    fn every_template_names_people_by_their_role_and_channels_by_no_handle() {
        for t in TEMPLATES {
            let plan = crate::store::parse(t.text).expect("parses");
            for p in &plan.people {
                assert!(
                    ROLE_NAMES.contains(&p.name.as_str()),
                    "{}: person {} is called {:?}, not a role",
                    t.name,
                    p.id,
                    p.name
                );
            }
            for r in plan.channels() {
                assert!(!r.name.contains('@'), "{}: channel {:?}", t.name, r.name);
            }
            assert_eq!(
                plan.settings.name.as_deref(),
                Some("Our business"),
                "{}",
                t.name
            );
        }
    }

    /// Words of one trade, its products, its customers or its places, that the templates
    /// once had: a plan started from a template must fit any small business. A word of
    /// the text is refused when it starts with one of these ("cake" refuses "cakes"),
    /// so "workshop" is still allowed where "shop" is not.
    const TRADE_WORDS: &[&str] = &[
        "bake",
        "cake",
        "birthday",
        "christmas",
        "food",
        "dental",
        "dentist",
        "clinic",
        "patient",
        "hygienist",
        "treatment",
        "hike",
        "hiking",
        "gear",
        "repair",
        "wholesale",
        "outdoor",
        "shop",
        "boiler",
        "homeowner",
        "landlord",
        "housing",
        "engineer",
        "print",
        "designer",
        "turnaround",
    ];

    /// The prose of a template: its comments, the plan's name, and every department's
    /// name, person's title, and channel's and duty's name and goal. Ids and people's
    /// names are left out: those are roles, checked against [`ROLE_NAMES`] above.
    fn prose(t: &Template) -> Vec<String> {
        let plan = crate::store::parse(t.text).expect("parses");
        let mut prose: Vec<String> = t
            .text
            .lines()
            .filter_map(|l| l.split_once('#').map(|(_, comment)| comment.to_owned()))
            .collect();
        prose.extend(plan.settings.name.clone());
        prose.extend(plan.departments.iter().map(|d| d.name.clone()));
        prose.extend(plan.people.iter().filter_map(|p| p.title.clone()));
        for r in &plan.rows {
            prose.push(r.name.clone());
            prose.extend(r.goal.clone());
        }
        prose
    }

    #[test]
    fn no_template_speaks_of_one_trade() {
        for t in TEMPLATES {
            for text in prose(t) {
                let lower = text.to_lowercase();
                for word in lower.split(|c: char| !c.is_alphabetic()) {
                    assert!(
                        !TRADE_WORDS.iter().any(|trade| word.starts_with(trade)),
                        "{}: {word:?} belongs to one trade, in {text:?}",
                        t.name
                    );
                }
            }
        }
    }

    #[test]
    fn blank_has_the_standard_duties_and_nobody_yet() {
        let blank = find("blank").expect("blank");
        let plan = crate::store::parse(blank.text).expect("parses");
        assert!(plan.people.is_empty() && plan.departments.is_empty());
        assert_eq!(plan.channels().count(), 0);
        assert_eq!(plan.settings.lead, None);
        let duties: Vec<&str> = plan.duties().map(|d| d.id.as_str()).collect();
        assert_eq!(duties, ["policy", "crisis", "training", "logins"]);
        for d in plan.duties() {
            assert!(d.goal.is_some(), "{}", d.id);
            assert!(
                crate::model::Role::ALL
                    .iter()
                    .all(|&role| d.holders(role).is_empty()),
                "{}",
                d.id
            );
        }
        assert_eq!(TEMPLATES.last().map(|t| t.name), Some("blank"));
        assert_eq!(DEFAULT, "solo");
    }
}
