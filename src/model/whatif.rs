//! What if someone leaves? What each person holds (rows by role, logins, the lead), what
//! would break if they left today (rows that lose their accountable owner, their only
//! responsible, their only login on staff, the plan its lead), and the edit that hands
//! what they hold to someone else.

use super::edit::Edit;
use super::{Id, Plan, Role, Row, RowKind};

impl Report {
    /// What would break, in sentences, one per kind of loss: `Instagram and X would lose
    /// their accountable owner`, `the plan would lose its lead`.
    #[must_use]
    pub fn sentences(&self, plan: &Plan) -> Vec<String> {
        self.by_loss()
            .into_iter()
            .map(|(loss, rows)| {
                let names: Vec<&str> = rows
                    .iter()
                    .map(|r| {
                        r.and_then(|r| plan.row(r))
                            .map_or("the plan", |r| r.name.as_str())
                    })
                    .collect();
                let words = if names.len() == 1 {
                    loss.words().to_string()
                } else {
                    loss.words().replacen("its", "their", 1)
                };
                format!("{} would lose {words}", crate::text::and_list(&names))
            })
            .collect()
    }

    /// What would break, one entry per kind of loss, with the rows (`None`: the plan)
    /// that would suffer it, in plan order.
    #[must_use]
    pub fn by_loss(&self) -> Vec<(Loss, Vec<Option<&str>>)> {
        let mut out: Vec<(Loss, Vec<Option<&str>>)> = Vec::new();
        for loss in [
            Loss::Accountable,
            Loss::OnlyResponsible,
            Loss::OnlyInternalAdmin,
            Loss::Lead,
        ] {
            let rows: Vec<Option<&str>> = self
                .breaks
                .iter()
                .filter(|b| b.loss == loss)
                .map(|b| b.row.as_deref())
                .collect();
            if !rows.is_empty() {
                out.push((loss, rows));
            }
        }
        out
    }
}

/// What a person holds on one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub row: Id,
    /// The roles held, in A, R, C, I order.
    pub roles: Vec<Role>,
    /// Whether they hold the row's login.
    pub admin: bool,
}

/// What a person holds across the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holds {
    pub person: Id,
    pub rows: Vec<Holding>,
    pub lead: bool,
}

impl Holds {
    /// The rows on which they hold `role`.
    #[must_use]
    pub fn rows_with(&self, role: Role) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|h| h.roles.contains(&role))
            .map(|h| h.row.as_str())
            .collect()
    }

    /// The rows whose login they hold.
    #[must_use]
    pub fn logins(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|h| h.admin)
            .map(|h| h.row.as_str())
            .collect()
    }

    /// What they hold, counted in words: `accountable for 4 rows, responsible for 2,
    /// 2 logins and the lead`.
    #[must_use]
    pub fn summary(&self, what: Handing) -> String {
        let mut parts: Vec<String> = Vec::new();
        for role in Role::ALL {
            let n = self.rows_with(role).len();
            if n > 0 && what.role(role) {
                let word = match role {
                    Role::Accountable => "accountable for",
                    Role::Responsible => "responsible for",
                    Role::Consulted => "consulted on",
                    Role::Informed => "informed of",
                };
                let rows = if parts.is_empty() {
                    crate::text::count(n, "row")
                } else {
                    n.to_string()
                };
                parts.push(format!("{word} {rows}"));
            }
        }
        let logins = self.logins().len();
        if logins > 0 && what.logins {
            parts.push(crate::text::count(logins, "login"));
        }
        if self.lead && what.lead {
            parts.push("the lead".into());
        }
        match parts.len() {
            0 => "nothing".into(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} and {last}", parts.join(", "))
            }
        }
    }

    /// Whether they hold any of what `what` marks.
    #[must_use]
    pub fn holds_any(&self, what: Handing) -> bool {
        Role::ALL
            .into_iter()
            .any(|role| what.role(role) && !self.rows_with(role).is_empty())
            || (what.logins && !self.logins().is_empty())
            || (what.lead && self.lead)
    }

    /// Whether they hold nothing at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && !self.lead
    }
}

/// What a row (or the plan) would lose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Loss {
    /// Nobody would be accountable any more.
    Accountable,
    /// Nobody would be responsible any more.
    OnlyResponsible,
    /// Nobody on staff would hold the login any more.
    OnlyInternalAdmin,
    /// The plan would have no lead.
    Lead,
}

impl Loss {
    /// The code scripts read in `whatif --format json`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Loss::Accountable => "accountable",
            Loss::OnlyResponsible => "only-responsible",
            Loss::OnlyInternalAdmin => "only-internal-admin",
            Loss::Lead => "lead",
        }
    }

    /// What is lost, in words after "would lose": `its accountable owner`.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Loss::Accountable => "its accountable owner",
            Loss::OnlyResponsible => "its only responsible",
            Loss::OnlyInternalAdmin => "its last login on staff",
            Loss::Lead => "its lead",
        }
    }
}

/// One thing that would break: a row's loss, or (with no row) the plan's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub row: Option<Id>,
    pub loss: Loss,
}

/// What those leaving hold, and what would break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub holds: Vec<Holds>,
    pub breaks: Vec<Break>,
}

/// What `person` holds.
#[must_use]
pub fn holds(plan: &Plan, person: &str) -> Holds {
    Holds {
        person: person.to_string(),
        rows: plan
            .rows
            .iter()
            .filter_map(|row| {
                let roles = row.roles_of(person);
                let admin = row.admins.iter().any(|a| a == person);
                (!roles.is_empty() || admin).then(|| Holding {
                    row: row.id.clone(),
                    roles,
                    admin,
                })
            })
            .collect(),
        lead: plan.settings.lead.as_deref() == Some(person),
    }
}

/// What would break if everyone in `leaving` left today.
#[must_use]
pub fn leaving(plan: &Plan, leaving: &[Id]) -> Report {
    let gone = |id: &Id| leaving.contains(id);
    let internal = |id: &Id| plan.person(id).is_some_and(|p| !p.external);
    let mut breaks = Vec::new();
    for row in &plan.rows {
        let losses = [
            (Role::Accountable, Loss::Accountable),
            (Role::Responsible, Loss::OnlyResponsible),
        ];
        for (role, loss) in losses {
            let holders = row.holders(role);
            if !holders.is_empty() && holders.iter().any(gone) && holders.iter().all(gone) {
                breaks.push(Break {
                    row: Some(row.id.clone()),
                    loss,
                });
            }
        }
        let staff: Vec<&Id> = row.admins.iter().filter(|a| internal(a)).collect();
        if row.kind == RowKind::Channel && !staff.is_empty() && staff.iter().all(|a| gone(a)) {
            breaks.push(Break {
                row: Some(row.id.clone()),
                loss: Loss::OnlyInternalAdmin,
            });
        }
    }
    if plan.settings.lead.as_ref().is_some_and(gone) {
        breaks.push(Break {
            row: None,
            loss: Loss::Lead,
        });
    }
    Report {
        holds: leaving.iter().map(|id| holds(plan, id)).collect(),
        breaks,
    }
}

/// What of a person's a hand-over passes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handing {
    /// The roles passed on, in `Role::ALL` order.
    pub roles: [bool; 4],
    pub logins: bool,
    pub lead: bool,
}

impl Handing {
    /// Everything they hold.
    pub const ALL: Handing = Handing {
        roles: [true; 4],
        logins: true,
        lead: true,
    };

    fn role(self, role: Role) -> bool {
        Role::ALL
            .iter()
            .position(|r| *r == role)
            .is_some_and(|i| self.roles[i])
    }
}

/// The row with `to` in place of `from` in what is handed over. Whoever takes on being
/// accountable or responsible is no longer merely consulted or informed there.
fn handed_row(row: &Row, from: &str, to: &str, what: Handing) -> Option<Row> {
    let mut new = row.clone();
    let mut changed = false;
    let mut takes_part = false;
    for role in Role::ALL {
        let holders = row.holders(role);
        if what.role(role) && holders.iter().any(|h| h == from) {
            let list = holders
                .iter()
                .map(|h| if h == from { to.to_string() } else { h.clone() })
                .collect();
            new.set_holders(role, list);
            changed = true;
            takes_part |= matches!(role, Role::Accountable | Role::Responsible);
        }
    }
    if takes_part {
        new.take_from(to, &[Role::Consulted, Role::Informed]);
    }
    if what.logins && row.admins.iter().any(|a| a == from) {
        new.admins = super::dedup(
            row.admins
                .iter()
                .map(|a| if a == from { to.to_string() } else { a.clone() })
                .collect(),
        );
        changed = true;
    }
    changed.then_some(new)
}

/// The edit that hands what `from` holds (on one row, or everywhere) to `to`, as one
/// undoable change; `None` when there is nothing to hand over.
#[must_use]
pub fn hand_over(
    plan: &Plan,
    from: &str,
    to: &str,
    what: Handing,
    only_row: Option<&str>,
) -> Option<Edit> {
    let mut edits: Vec<Edit> = plan
        .rows
        .iter()
        .filter(|r| only_row.is_none_or(|id| r.id == id))
        .filter_map(|r| handed_row(r, from, to, what))
        .map(Edit::Row)
        .collect();
    if what.lead && only_row.is_none() && plan.settings.lead.as_deref() == Some(from) {
        let mut settings = plan.settings.clone();
        settings.lead = Some(to.to_string());
        edits.push(Edit::Settings(settings));
    }
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::parse;

    const PLAN: &str = "[plan]\nlead = \"ana\"\n\
        [people.ana]\nname = \"Ana\"\n[people.sam]\nname = \"Sam\"\n\
        [people.pix]\nname = \"Pixel\"\nexternal = true\n\
        [channels.ig]\nname = \"Instagram\"\naccountable = \"ana\"\nresponsible = [\"ana\", \"pix\"]\n\
        admins = [\"ana\", \"pix\"]\n\
        [channels.blog]\nname = \"Blog\"\naccountable = \"sam\"\nresponsible = \"ana\"\ninformed = \"sam\"\n\
        admins = [\"sam\", \"ana\"]\n";

    #[test]
    fn what_breaks_when_someone_leaves() {
        let plan = parse(PLAN).expect("a plan");
        let report = leaving(&plan, &["ana".into()]);
        let ana = &report.holds[0];
        assert_eq!(ana.rows_with(Role::Accountable), ["ig"]);
        assert_eq!(ana.rows_with(Role::Responsible), ["ig", "blog"]);
        assert_eq!(ana.logins(), ["ig", "blog"]);
        assert!(ana.lead);
        let breaks: Vec<(Option<&str>, Loss)> = report
            .breaks
            .iter()
            .map(|b| (b.row.as_deref(), b.loss))
            .collect();
        assert_eq!(
            breaks,
            [
                (Some("ig"), Loss::Accountable),
                (Some("ig"), Loss::OnlyInternalAdmin),
                (Some("blog"), Loss::OnlyResponsible),
                (None, Loss::Lead),
            ],
            "Instagram keeps Pixel responsible, but Pixel is no login on staff"
        );
        assert!(leaving(&plan, &["pix".into()]).breaks.is_empty());
    }

    #[test]
    fn a_hand_over_moves_everything_as_one_edit() {
        let mut plan = parse(PLAN).expect("a plan");
        let edit = hand_over(&plan, "ana", "sam", Handing::ALL, None).expect("something");
        plan.apply(edit).expect("applies");
        assert!(holds(&plan, "ana").is_empty());
        let blog = plan.row("blog").expect("blog");
        assert_eq!(blog.holders(Role::Responsible), ["sam"]);
        assert!(
            blog.holders(Role::Informed).is_empty(),
            "now responsible, no longer merely informed"
        );
        assert_eq!(blog.admins, ["sam"], "listed once");
        assert_eq!(plan.settings.lead.as_deref(), Some("sam"));
        assert!(leaving(&plan, &["ana".into()]).breaks.is_empty());
    }

    #[test]
    fn a_hand_over_can_pass_on_only_some_things() {
        let plan = parse(PLAN).expect("a plan");
        let only_a = Handing {
            roles: [true, false, false, false],
            logins: false,
            lead: false,
        };
        let Some(Edit::Row(row)) = hand_over(&plan, "ana", "sam", only_a, None) else {
            panic!("one row changes");
        };
        assert_eq!(row.holders(Role::Accountable), ["sam"]);
        assert_eq!(row.holders(Role::Responsible), ["ana", "pix"]);
        assert!(hand_over(&plan, "pix", "sam", only_a, Some("blog")).is_none());
    }
}
