//! What a check reports: a problem's code, its severity, where it is and what it
//! concerns, and how a row looks at a glance because of it. The rules (`rules.rs`) make
//! problems; the command line, the exports, diff and the screen show them.

use std::fmt;

use super::{Id, Pos};

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The plan does not say who owns something, or says it wrongly.
    Error,
    /// Ownership is weak or about to break.
    Warning,
    /// Worth knowing; nothing is broken.
    Info,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The symbol that says the severity without colour, on screen and in exports.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Severity::Error => "✖",
            Severity::Warning => "▲",
            Severity::Info => "•",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $meaning:literal;)*) => {
        /// What kind of problem it is; the code is stable and shown to users.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in the order of the file format's table.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            #[must_use]
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// When the problem is reported, in one line.
            #[must_use]
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)* }
            }
        }
    };
}

codes! {
    NoAccountable = "no-accountable", Error, "a row has no accountable party";
    SeveralAccountable = "several-accountable", Error, "a row names two or more accountable parties";
    UnknownReference = "unknown-reference", Error, "a role list, admins, lead or department names no known id of the right kind";
    AmbiguousId = "ambiguous-id", Error, "the same id is both a department and a person";
    DepartedHolder = "departed-holder", Error, "a person whose leaving date is today or past is lead, holds a role or is an admin";
    AccountableNotPerson = "accountable-not-person", Warning, "the accountable party is a department, not one person";
    AccountableExternal = "accountable-external", Warning, "the accountable party is external: someone inside must own it";
    NoResponsible = "no-responsible", Warning, "nobody on the row is responsible for doing the work";
    NoInternalAdmin = "no-internal-admin", Warning, "a channel lists admins, but none of them is an internal person";
    SingleAdmin = "single-admin", Warning, "a channel has exactly one internal admin";
    OwnerLeaving = "owner-leaving", Warning, "the accountable person, an admin or the lead leaves within leaving_notice_days";
    StaleReview = "stale-review", Warning, "a row's last_reviewed is older than review_every_days";
    NoLead = "no-lead", Warning, "the plan names no lead";
    MixedRoles = "mixed-roles", Warning, "a party holds two roles on one row, other than A with R";
    UnknownKey = "unknown-key", Warning, "a key the format does not know";
    Overloaded = "overloaded", Info, "a person is accountable for more than max_accountable rows";
    NotReviewed = "not-reviewed", Info, "a row has no last_reviewed date";
    NoGoal = "no-goal", Info, "a channel states no goal";
    NoAdminsListed = "no-admins-listed", Info, "a channel does not say who holds its login";
    IdlePerson = "idle-person", Info, "a person holds no role, is not lead and is no admin";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with a plan, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    /// What is wrong, in one line of plain words.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// Where in the file it is.
    pub pos: Pos,
    /// The channel or duty it concerns.
    pub row: Option<Id>,
    /// The person or department it concerns.
    pub party: Option<Id>,
}

impl Problem {
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// How many problems of each severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    #[must_use]
    pub fn of(problems: &[Problem]) -> Self {
        let mut c = Counts::default();
        for p in problems {
            match p.severity() {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    /// Each severity with its count, from errors to infos.
    #[must_use]
    pub fn each(self) -> [(Severity, usize); 3] {
        [
            (Severity::Error, self.errors),
            (Severity::Warning, self.warnings),
            (Severity::Info, self.infos),
        ]
    }
}

/// How a row looks at a glance: the same four states, with the same symbols, as the
/// matrix on screen. Ordered by weight: a row shows the heaviest state it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowState {
    /// No error or warning concerns the row.
    Fine,
    /// Some other error or warning concerns the row.
    Trouble,
    /// Two or more parties are accountable.
    SeveralAccountable,
    /// Nobody is accountable.
    NoAccountable,
}

impl RowState {
    /// In the order a legend lists them.
    pub const ALL: [RowState; 4] = [
        RowState::Fine,
        RowState::NoAccountable,
        RowState::SeveralAccountable,
        RowState::Trouble,
    ];

    /// The symbol that says the state without colour.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            RowState::Fine => "✓",
            RowState::NoAccountable => "∅",
            RowState::SeveralAccountable => "‼",
            RowState::Trouble => "▲",
        }
    }

    /// The state a problem gives the row it concerns.
    #[must_use]
    pub fn of(problem: &Problem) -> Self {
        match problem.code {
            Code::NoAccountable => RowState::NoAccountable,
            Code::SeveralAccountable => RowState::SeveralAccountable,
            _ if problem.severity() == Severity::Info => RowState::Fine,
            _ => RowState::Trouble,
        }
    }

    /// What the symbol means in a few words, for a legend on one line.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            RowState::Fine => "fine",
            RowState::NoAccountable => "nobody accountable",
            RowState::SeveralAccountable => "several accountable",
            RowState::Trouble => "other problems",
        }
    }

    /// What the symbol means, for a legend.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            RowState::Fine => "no error or warning",
            RowState::NoAccountable => "nobody is accountable",
            RowState::SeveralAccountable => "several parties are accountable",
            RowState::Trouble => "other errors or warnings",
        }
    }
}
