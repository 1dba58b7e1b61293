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

/// Every template, the default first.
pub const TEMPLATES: &[Template] =
    templates!["solo", "agency", "hub-and-spoke", "centralized", "organic"];

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
}
