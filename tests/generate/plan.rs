//! A plan of any size, the same for the same seed: a franchise whose consultant keeps a
//! page per shop on each platform, run by shop managers, a head office, regions and a
//! few agencies. Most rows are in good shape; a few have no accountable owner or two, an
//! id that names nobody, a stale review, a single admin, an owner who has left or leaves
//! soon, as a real plan of that size would. The benchmarks, the tests that compare an
//! edit's problems with a full check, and `cargo run --example generate` all use it.

use std::fmt::Write as _;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Rows: channels, and about one duty for every ten channels.
    pub rows: usize,
    pub people: usize,
    /// Long consulted and informed lists (about thirty ids a row), as a plan that copies
    /// everyone in reads: 1,500 such rows make the 1 MB plan the targets name.
    pub wide: bool,
    pub seed: u64,
}

/// The sizes the benchmarks and the README name, and what they mean.
pub const SIZES: &[(&str, Spec)] = &[
    ("50x20", Spec::new(50, 20)),
    ("500x100", Spec::new(500, 100)),
    (
        "1mb",
        Spec {
            wide: true,
            ..Spec::new(1500, 300)
        },
    ),
    ("5000x1000", Spec::new(5000, 1000)),
];

impl Spec {
    #[must_use]
    pub const fn new(rows: usize, people: usize) -> Self {
        Spec {
            rows,
            people,
            wide: false,
            seed: 1,
        }
    }

    /// A size by name (`500x100`, `1mb`), or as `ROWSxPEOPLE`.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        if let Some((_, spec)) = SIZES.iter().find(|(n, _)| *n == name) {
            return Some(*spec);
        }
        let (rows, people) = name.split_once('x')?;
        Some(Spec::new(rows.parse().ok()?, people.parse().ok()?))
    }
}

/// A small, fast generator of numbers (SplitMix64): the same seed, the same plan, on any
/// machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Iván", "Jonas", "Kofi",
    "Léa", "Mateo", "Nora", "Olu", "Priya", "Quinn", "Raj", "Sam", "Tomasz", "Uma", "Vera", "Wei",
    "Ximena", "Yusuf", "Zoë", "Aiko", "Bruno", "Carmen", "Dara",
];
const LAST: &[&str] = &[
    "Okafor", "Lindgren", "Mehta", "Chen", "Walsh", "Das", "Ruiz", "Novak", "Haddad", "Kowalski",
    "Moreau", "Tanaka", "Silva", "Byrne", "Öztürk", "Nakamura", "Fischer", "Costa", "Ivanova",
    "Mensah", "Larsen", "Rossi", "Kaur", "Dubois", "Yılmaz",
];
const AGENCIES: &[&str] = &[
    "Pixel & Co",
    "Northlight Studio",
    "Hashtag Hive",
    "Bright Fox Media",
    "Loop Agency",
    "Social Tide",
    "Freelance writer",
    "Photo collective",
];
const DEPARTMENTS: &[(&str, &str)] = &[
    ("head-office", "Head office"),
    ("marketing", "Marketing"),
    ("communications", "PR and communications"),
    ("customer-service", "Customer service"),
    ("hr", "People and HR"),
    ("sales", "Sales"),
    ("it", "IT"),
];
const TOWNS: &[&str] = &[
    "Leeds", "Porto", "Lyon", "Gdańsk", "Bergen", "Cork", "Graz", "Malmö", "Sevilla", "Utrecht",
    "Turku", "Brno",
];
const PLATFORMS: &[(&str, &str, &str)] = &[
    (
        "instagram",
        "Instagram",
        "Show the day's bakes and bring people in",
    ),
    (
        "facebook",
        "Facebook",
        "Answer questions and announce events",
    ),
    (
        "google",
        "Google Business Profile",
        "Be found, with the right opening hours",
    ),
    ("tiktok", "TikTok", "Reach students near the shop"),
    ("whatsapp", "WhatsApp", "Take catering orders"),
];
const DUTIES: &[(&str, &str)] = &[
    ("policy", "Social media policy"),
    ("crisis", "Crisis response"),
    ("report", "Monthly report"),
    ("reviews", "Answering reviews"),
    ("photos", "Photo library"),
];

/// A person of the plan: their id, and whether they are staff.
struct Who {
    id: String,
    staff: bool,
}

/// The text of a plan of `spec`'s size.
#[must_use]
pub fn plan(spec: &Spec) -> String {
    let mut dice = Dice(spec.seed);
    let channels = spec.rows - spec.rows / 11;
    let shops = (channels / PLATFORMS.len()).max(1);
    let regions = (shops / 25).clamp(1, 40);
    let mut s = String::with_capacity(spec.rows * if spec.wide { 2000 } else { 250 });
    let _ = writeln!(
        s,
        "# Who owns our social media? A franchise of {shops} shops: a page per shop on each platform.\n\
         # Generated (seed {}), so every run makes the same plan.\n",
        spec.seed
    );
    let mut departments: Vec<(String, String)> = DEPARTMENTS
        .iter()
        .map(|(id, name)| ((*id).to_string(), (*name).to_string()))
        .collect();
    for r in 0..regions {
        departments.push((format!("region-{}", r + 1), format!("Region {}", r + 1)));
    }
    let (who, people_text) = people(&mut dice, spec.people.max(2), &departments, regions);
    let _ = writeln!(
        s,
        "[plan]\nname = \"Franchise social media\"\nlead = \"{}\"\nreview_every_days = 90\n\
         leaving_notice_days = 60\nmax_accountable = 5\n",
        who[0].id
    );
    let _ = writeln!(s, "# ---- Departments {}\n", "-".repeat(60));
    for (id, name) in &departments {
        let _ = writeln!(s, "[departments.{id}]\nname = \"{name}\"\n");
    }
    let _ = writeln!(s, "# ---- People {}\n", "-".repeat(65));
    s.push_str(&people_text);
    let rows = Rows {
        staff: (0..who.len())
            .filter(|&i| who[i].staff)
            .map(|i| who[i].id.as_str())
            .collect(),
        external: (0..who.len())
            .filter(|&i| !who[i].staff)
            .map(|i| who[i].id.as_str())
            .collect(),
        departments: &departments,
        regions,
        wide: if spec.wide { 12 } else { 0 },
    };
    let _ = writeln!(
        s,
        "# ---- Channels: one page per shop and platform {}\n",
        "-".repeat(31)
    );
    for c in 0..channels {
        rows.channel(&mut dice, c, &mut s);
    }
    let _ = writeln!(s, "# ---- Duties {}\n", "-".repeat(65));
    for d in 0..spec.rows - channels {
        rows.duty(&mut dice, d, &mut s);
    }
    s
}

/// The people, staff first, then agencies (the first person leads), and their tables.
fn people(
    dice: &mut Dice,
    people: usize,
    departments: &[(String, String)],
    regions: usize,
) -> (Vec<Who>, String) {
    let mut who: Vec<Who> = Vec::with_capacity(people);
    let agencies = (people / 12).max(1);
    let mut taken = std::collections::HashSet::new();
    let mut text = String::new();
    for p in 0..people {
        let staff = p < people - agencies;
        let (id, name) = if staff {
            let first = dice.pick(FIRST);
            let last = dice.pick(LAST);
            let name = format!("{first} {last}");
            (unique(&mut taken, &ascii_id(&name)), name)
        } else {
            let name = AGENCIES[(p - (people - agencies)) % AGENCIES.len()];
            let name = if p - (people - agencies) < AGENCIES.len() {
                name.to_string()
            } else {
                format!("{name} {}", p - (people - agencies))
            };
            (unique(&mut taken, &ascii_id(&name)), name)
        };
        let _ = writeln!(text, "[people.{id}]\nname = \"{name}\"");
        if staff {
            let department = if p < DEPARTMENTS.len() * 2 || dice.chance(30) {
                &departments[p % DEPARTMENTS.len()].0
            } else {
                &departments[DEPARTMENTS.len() + dice.below(regions)].0
            };
            let _ = writeln!(text, "department = \"{department}\"");
            if dice.chance(40) {
                let title = dice.pick(&[
                    "Shop manager",
                    "Marketing assistant",
                    "Area manager",
                    "Barista",
                    "Community manager",
                ]);
                let _ = writeln!(text, "title = \"{title}\"");
            }
            if p > 0 {
                // A few have left (and still hold things), a few leave soon.
                match dice.below(100) {
                    0 | 1 => {
                        let _ = writeln!(text, "leaving = 2026-{:02}-15", 3 + dice.below(8));
                    }
                    2..=4 => {
                        let _ = writeln!(text, "leaving = 2027-01-{:02}", 5 + dice.below(20));
                    }
                    5..=7 => {
                        let _ = writeln!(text, "leaving = 2027-{:02}-01", 4 + dice.below(8));
                    }
                    _ => {}
                }
            }
        } else {
            let _ = writeln!(text, "external = true");
        }
        text.push('\n');
        who.push(Who { id, staff });
    }
    (who, text)
}

/// What the rows are made of.
struct Rows<'a> {
    staff: Vec<&'a str>,
    external: Vec<&'a str>,
    departments: &'a [(String, String)],
    regions: usize,
    /// How many more ids the consulted and informed lists hold.
    wide: usize,
}

impl Rows<'_> {
    fn staff(&self, dice: &mut Dice) -> String {
        self.staff[dice.below(self.staff.len())].to_string()
    }

    fn external(&self, dice: &mut Dice) -> String {
        self.external[dice.below(self.external.len())].to_string()
    }

    /// An id that names nobody: a typo of somebody's, or someone removed long ago.
    fn typo(&self, dice: &mut Dice) -> String {
        let real = self.staff(dice);
        if dice.chance(70) && real.len() > 3 {
            let cut = 1 + dice.below(real.len() - 2);
            format!("{}{}", &real[..cut], &real[cut + 1..])
        } else {
            format!("former-{}", dice.below(1000))
        }
    }

    /// The `c`th channel: the shop's page on one platform.
    fn channel(&self, dice: &mut Dice, c: usize, s: &mut String) {
        let shop = c / PLATFORMS.len();
        let (platform_id, platform, goal) = PLATFORMS[c % PLATFORMS.len()];
        let town = TOWNS[shop % TOWNS.len()];
        // The shop's manager answers for its pages; a few pages have nobody, or two.
        let manager = self.staff[(shop * 7 + 3) % self.staff.len()].to_string();
        let helper = self.staff[(shop * 13 + 5) % self.staff.len()].to_string();
        let _ = writeln!(
            s,
            "[channels.shop-{}-{platform_id}]\nname = \"{platform} — Shop {} ({town})\"\nplatform = \"{platform}\"",
            shop + 1,
            shop + 1
        );
        if !dice.chance(8) {
            let _ = writeln!(s, "goal = \"{goal}\"");
        }
        match dice.below(100) {
            0..=11 => {}
            12..=24 => {
                let _ = writeln!(
                    s,
                    "last_reviewed = 2026-0{}-1{}",
                    1 + dice.below(6),
                    dice.below(10)
                );
            }
            _ => {
                let _ = writeln!(
                    s,
                    "last_reviewed = 2026-{:02}-0{}",
                    9 + dice.below(3),
                    1 + dice.below(9)
                );
            }
        }
        let accountable: Vec<String> = match dice.below(100) {
            0..=2 => Vec::new(),
            3..=5 => vec![manager.clone(), helper.clone()],
            6 => vec![self.departments[1].0.clone()],
            7 => vec![self.external(dice)],
            _ => vec![manager.clone()],
        };
        if !accountable.is_empty() {
            let _ = writeln!(s, "accountable = {}", list(&accountable));
        }
        let mut responsible = vec![helper];
        if dice.chance(30) {
            responsible.push(self.external(dice));
        }
        if dice.chance(2) {
            responsible.push(self.typo(dice));
        }
        if dice.chance(4) {
            responsible.clear();
        }
        if !responsible.is_empty() {
            let _ = writeln!(s, "responsible = {}", list(&responsible));
        }
        let mut consulted = Vec::new();
        for _ in 0..dice.below(2) + self.wide {
            consulted.push(self.staff(dice));
        }
        if dice.chance(20) {
            consulted.push(
                self.departments[dice.below(self.departments.len())]
                    .0
                    .clone(),
            );
        }
        let consulted = dedup(consulted, &accountable, &responsible);
        if !consulted.is_empty() {
            let _ = writeln!(s, "consulted = {}", list(&consulted));
        }
        let mut informed = vec![
            self.departments[DEPARTMENTS.len() + shop % self.regions]
                .0
                .clone(),
        ];
        for _ in 0..self.wide + self.wide / 2 {
            informed.push(self.staff(dice));
        }
        let mut named = accountable.clone();
        named.extend(responsible.iter().cloned());
        let informed = dedup(informed, &named, &consulted);
        if !informed.is_empty() {
            let _ = writeln!(s, "informed = {}", list(&informed));
        }
        let admins: Vec<String> = match dice.below(100) {
            0..=9 => Vec::new(),
            10..=24 => vec![manager],
            25..=29 => vec![self.external(dice)],
            _ => vec![manager, self.staff(dice)],
        };
        if !admins.is_empty() {
            let _ = writeln!(s, "admins = {}", list(&admins));
        }
        s.push('\n');
    }

    /// The `d`th duty: work for an area's shops that is not one channel.
    fn duty(&self, dice: &mut Dice, d: usize, s: &mut String) {
        let (duty, name) = DUTIES[d % DUTIES.len()];
        let area = d / DUTIES.len() + 1;
        let _ = writeln!(
            s,
            "[duties.{duty}-{area}]\nname = \"{name} — area {area}\"\ngoal = \"Keep the shops' pages consistent\"",
        );
        if dice.chance(80) {
            let _ = writeln!(s, "last_reviewed = 2026-10-{:02}", 1 + dice.below(28));
        }
        if !dice.chance(4) {
            let _ = writeln!(s, "accountable = \"{}\"", self.staff(dice));
        }
        let _ = writeln!(
            s,
            "responsible = [\"{}\", \"{}\"]\ninformed = \"{}\"\n",
            self.staff(dice),
            self.departments[dice.below(DEPARTMENTS.len())].0,
            self.departments[1].0
        );
    }
}

/// One id, or a list of them, as TOML.
fn list(ids: &[String]) -> String {
    match ids {
        [one] => format!("\"{one}\""),
        _ => format!(
            "[{}]",
            ids.iter()
                .map(|i| format!("\"{i}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `ids` without those already named on the row, each once.
fn dedup(ids: Vec<String>, before: &[String], also: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !before.contains(&id) && !also.contains(&id) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// An id made of a name's ASCII letters: `Zoë Öztürk` is `zo-ztrk`, near enough for ids
/// that only need to differ.
fn ascii_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

/// `id`, or `id-2`, `id-3`… when it is taken.
fn unique(taken: &mut std::collections::HashSet<String>, id: &str) -> String {
    let mut candidate = id.to_string();
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    candidate
}
