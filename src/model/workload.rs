//! Who carries what: for each person, how many rows they are accountable, responsible,
//! consulted and informed on, and how many logins they keep; the busiest first, staff
//! before agencies. The Workload view and the handout's chart show it.

use std::cmp::Reverse;

use super::rules::Tally;
use super::{Id, Plan};

/// One person's load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Load {
    pub person: Id,
    /// Rows by role, in `Role::ALL` order.
    pub roles: [usize; 4],
    pub logins: usize,
    pub external: bool,
}

impl Load {
    /// Rows they are accountable for.
    #[must_use]
    pub fn accountable(&self) -> usize {
        self.roles[0]
    }

    /// Whether they hold nothing at all.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.roles.iter().sum::<usize>() + self.logins == 0
    }

    /// Whether they are accountable for more rows than the plan allows one person.
    #[must_use]
    pub fn is_over(&self, plan: &Plan) -> bool {
        self.accountable() > plan.settings.max_accountable as usize
    }
}

/// Every person's load: staff first, then agencies and freelancers; within each, the
/// most accountable first, then the most responsible, then the most held in all; else in
/// the plan's order.
#[must_use]
pub fn of(plan: &Plan) -> Vec<Load> {
    // One pass over the rows, not one per person: plans have thousands of rows.
    let tally = Tally::of(plan);
    order(plan, |id| tally.load(id))
        .into_iter()
        .map(|i| {
            let p = &plan.people[i];
            let (roles, logins) = tally.load(&p.id);
            Load {
                person: p.id.clone(),
                roles,
                logins,
                external: p.external,
            }
        })
        .collect()
}

/// The people (as indices into `plan.people`) in the order of `of`, given what each
/// holds (`load`: rows by role in `Role::ALL` order, and logins).
pub fn order(plan: &Plan, load: impl Fn(&str) -> ([usize; 4], usize)) -> Vec<usize> {
    type Rank = (bool, Reverse<usize>, Reverse<usize>, Reverse<usize>, usize);
    let mut ranks: Vec<Rank> = plan
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ([a, r, c, inf], logins) = load(&p.id);
            (
                p.external,
                Reverse(a),
                Reverse(r),
                Reverse(a + r + c + inf + logins),
                i,
            )
        })
        .collect();
    ranks.sort_unstable();
    ranks.into_iter().map(|rank| rank.4).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::parse;

    #[test]
    fn the_busiest_first_and_agencies_after_staff() {
        let plan = parse(
            "[people.a]\nname = \"A\"\n[people.b]\nname = \"B\"\n\
             [people.x]\nname = \"X\"\nexternal = true\n[people.c]\nname = \"C\"\n\
             [channels.one]\nname = \"One\"\naccountable = \"b\"\nresponsible = [\"x\", \"a\"]\n\
             admins = [\"b\", \"a\"]\n\
             [channels.two]\nname = \"Two\"\naccountable = \"b\"\nresponsible = \"x\"\n",
        )
        .expect("a plan");
        let loads = of(&plan);
        let order: Vec<&str> = loads.iter().map(|l| l.person.as_str()).collect();
        assert_eq!(order, ["b", "a", "c", "x"]);
        assert_eq!((loads[0].roles, loads[0].logins), ([2, 0, 0, 0], 1));
        assert!(loads[2].is_idle());
        assert!(!loads[0].is_over(&plan));
    }
}
