//! The workshop handout in a real browser: headless Chromium prints the page that
//! `steward export --format html` writes to PDF and takes a screenshot, and poppler's
//! `pdfinfo` and `pdftotext` read the PDF back. Checked: the page count and landscape
//! pages, every channel and party name on the first page, a plan of 15 channels and 12
//! parties printed without being shrunk to fit, and no console message at all (the page
//! has no script; its content security policy reports anything it had to block).
//!
//! Without Chromium or poppler the tests say why and pass, unless
//! `STEWARD_REQUIRE_BROWSER=1` (as CI sets it), when they fail. The PDFs and the
//! screenshot are left in Cargo's test folder (`target/tmp/handout/`) to look at.

#[path = "common/today.rs"]
mod today;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;
use today::TODAY;

/// How long one run of the browser may take.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Whether Chromium and poppler run; when not, says so and the test passes, unless
/// `STEWARD_REQUIRE_BROWSER=1`, when the test fails.
fn tools_ready() -> bool {
    let missing: Vec<&str> = [
        ("chromium", "--version"),
        ("pdfinfo", "-v"),
        ("pdftotext", "-v"),
    ]
    .into_iter()
    .filter(|(tool, arg)| {
        !Command::new(tool)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
    .map(|(tool, _)| tool)
    .collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!(
        "{} not installed (or does not run), so the handout cannot be checked in a browser; \
         install Debian's chromium and poppler-utils (CI does)",
        missing.join(", ")
    );
    assert!(
        std::env::var("STEWARD_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "STEWARD_REQUIRE_BROWSER=1, but {why}"
    );
    eprintln!("SKIPPED: {why}");
    false
}

/// Where the PDFs and the screenshot are kept for a person to look at.
fn keep_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("handout");
    fs::create_dir_all(&dir).expect("the folder for the results");
    dir
}

/// Runs a command, failing the test when it takes longer than `TIMEOUT`; stdout and
/// stderr go through files (Chromium writes a lot to stderr).
fn run(command: &mut Command, scratch: &Path) -> Output {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("a file for stdout"))
        .stderr(fs::File::create(&err_path).expect("a file for stderr"))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{command:?} took more than {TIMEOUT:?}; its stderr:\n{}",
                fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: fs::read(&out_path).expect("stdout"),
        stderr: fs::read(&err_path).expect("stderr"),
    }
}

/// Headless Chromium on `page` with `args`, in a fresh profile, logging the page's
/// console to stderr. Returns (stdout, the console messages).
fn chromium(page: &Path, args: &[&str]) -> (String, Vec<String>) {
    let scratch = TempDir::new().expect("a scratch folder");
    let profile = scratch.path().join("profile");
    let mut command = Command::new("chromium");
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()));
    let out = run(&mut command, scratch.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "chromium failed ({}):\n{stderr}",
        out.status
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        console_messages(&stderr),
    )
}

/// The lines of Chromium's log that carry a message from the page's console.
fn console_messages(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect()
}

/// The page's DOM after loading, and its console messages.
fn dump_dom(page: &Path) -> (String, Vec<String>) {
    chromium(page, &["--dump-dom"])
}

/// Prints `page` to `pdf`; the page must say nothing on its console.
fn print_pdf(page: &Path, pdf: &Path) {
    let (_, console) = chromium(
        page,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
    );
    assert!(
        console.is_empty(),
        "console messages while printing: {console:#?}"
    );
    assert!(pdf.is_file(), "chromium wrote no PDF at {}", pdf.display());
}

fn tool(name: &str, args: &[&str], scratch: &Path) -> String {
    let out = run(Command::new(name).args(args), scratch);
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (pages, page width, page height) in points, from `pdfinfo`.
fn pdf_info(pdf: &Path, scratch: &Path) -> (u32, f64, f64) {
    let info = tool("pdfinfo", &[&pdf.display().to_string()], scratch);
    let field = |name: &str| -> &str {
        info.lines().find_map(|l| l.strip_prefix(name)).map_or_else(
            || panic!("no {name} in pdfinfo's output:\n{info}"),
            str::trim,
        )
    };
    let pages = field("Pages:").parse().expect("a page count");
    // "792 x 612 pts (letter)"
    let size: Vec<f64> = field("Page size:")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(size.len(), 2, "a page size in pdfinfo's output:\n{info}");
    (pages, size[0], size[1])
}

/// The text of pages `first..=last`, laid out as on the page.
fn pdf_text(pdf: &Path, first: u32, last: u32, scratch: &Path) -> String {
    let (f, l) = (first.to_string(), last.to_string());
    tool(
        "pdftotext",
        &[
            "-layout",
            "-f",
            &f,
            "-l",
            &l,
            &pdf.display().to_string(),
            "-",
        ],
        scratch,
    )
}

/// One word of a PDF page and its box, in points from the top left.
#[derive(Debug)]
struct Word {
    text: String,
    x_max: f64,
    height: f64,
}

fn words(pdf: &Path, page: u32, scratch: &Path) -> Vec<Word> {
    let p = page.to_string();
    let xml = tool(
        "pdftotext",
        &["-bbox", "-f", &p, "-l", &p, &pdf.display().to_string(), "-"],
        scratch,
    );
    xml.lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("<word ")?;
            let (attrs, rest) = line.split_once('>')?;
            let text = rest.strip_suffix("</word>")?.to_string();
            let number = |key: &str| -> Option<f64> {
                let start = attrs.find(&format!("{key}=\""))? + key.len() + 2;
                let end = attrs[start..].find('"')? + start;
                attrs[start..end].parse().ok()
            };
            Some(Word {
                text,
                x_max: number("xMax")?,
                height: number("yMax")? - number("yMin")?,
            })
        })
        .collect()
}

/// Writes `plan` and exports its handout with the real binary; returns the page's path.
fn export_handout(dir: &Path, plan: &str) -> PathBuf {
    export_handout_with(dir, plan, &[])
}

/// `export_handout` with more arguments for `steward export`.
fn export_handout_with(dir: &Path, plan: &str, more: &[&str]) -> PathBuf {
    fs::write(dir.join("plan.toml"), plan).expect("write the plan");
    let out = Command::new(env!("CARGO_BIN_EXE_steward"))
        .current_dir(dir)
        .env_remove("STEWARD_TODAY")
        .args([
            "export",
            "plan.toml",
            "--format",
            "html",
            "-o",
            "handout.html",
        ])
        .args(["--today", TODAY])
        .args(more)
        .output()
        .expect("steward runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "steward export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("handout.html")
}

/// A plan of `channels` channels and `parties` parties (one department for every four
/// columns, then its three people), with names as long as real ones get.
fn plan_of(channels: usize, parties: usize) -> String {
    const PEOPLE: &[&str] = &[
        "Alexandra Papadopoulou",
        "Bartholomew Ng",
        "Chiara Rossi",
        "Dmitri Ivanov",
        "Eun-ji Park",
        "Fatima Zahra El Idrissi",
        "Gabriel Okonkwo",
        "Hannah Schmidt",
        "Ingrid Johansson",
        "Jonas Müller",
        "Kwame Mensah",
        "Lucía Fernández",
    ];
    const DEPARTMENTS: &[&str] = &[
        "Sales and partnerships",
        "Customer service",
        "Design studio",
        "Kitchen",
    ];
    let mut out = String::from("[plan]\nname = \"Wide test plan\"\nlead = \"p0\"\n\n");
    let mut people = Vec::new();
    for column in 0..parties {
        let group = column / 4;
        if column % 4 == 0 {
            let name = DEPARTMENTS
                .get(group)
                .map_or_else(|| format!("Department {group}"), |d| (*d).to_string());
            let _ = writeln!(out, "[departments.d{group}]\nname = \"{name}\"\n");
        } else {
            let i = people.len();
            let name = PEOPLE.get(i).map_or_else(
                || format!("Person number {i} Longname"),
                |p| (*p).to_string(),
            );
            let _ = writeln!(
                out,
                "[people.p{i}]\nname = \"{name}\"\ndepartment = \"d{group}\"\n"
            );
            people.push(format!("p{i}"));
        }
    }
    let names = [
        "Instagram @harbour-weddings",
        "Facebook page",
        "TikTok @harbourbakes",
        "LinkedIn company page",
        "X @harbourbakery",
        "Google Business Profile",
        "Pinterest wedding cakes",
        "YouTube baking videos",
        "Threads",
        "WhatsApp Business orders",
        "Newsletter (Mailchimp)",
        "Tripadvisor reviews",
        "Yelp listing",
        "Bluesky",
        "Nextdoor neighbourhood page",
    ];
    for k in 0..channels {
        let name = names
            .get(k)
            .map_or_else(|| format!("Channel {k}"), |n| (*n).to_string());
        let a = &people[k % people.len()];
        let r = &people[(k + 1) % people.len()];
        let _ = writeln!(
            out,
            "[channels.c{k}]\nname = \"{name}\"\ngoal = \"sell\"\nlast_reviewed = 2026-11-01\n\
             accountable = \"{a}\"\nresponsible = [\"{r}\"]\nconsulted = [\"d{}\"]\n\
             admins = [\"{a}\", \"{r}\"]\n",
            k % parties.div_ceil(4)
        );
    }
    out
}

/// The names of the plan's channels and parties, from its `[x.id] name = "…"` lines.
fn names_in(plan: &str) -> Vec<String> {
    plan.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .map(str::to_string)
        .collect()
}

/// The height of the first word `Channel` (the matrix heading "Channel or duty") on the
/// first page: a measure of how far the page was shrunk to fit.
fn heading_height(pdf: &Path, scratch: &Path) -> f64 {
    words(pdf, 1, scratch)
        .into_iter()
        .find(|w| w.text == "Channel")
        .map(|w| w.height)
        .expect("the matrix heading on page 1")
}

#[test]
fn the_example_handout_prints_on_landscape_pages_with_every_name() {
    if !tools_ready() {
        return;
    }
    let dir = TempDir::new().expect("tempdir");
    let page = export_handout(dir.path(), steward::templates::EXAMPLE);
    let keep = keep_dir();
    let pdf = keep.join("example.pdf");
    print_pdf(&page, &pdf);
    let (pages, width, height) = pdf_info(&pdf, dir.path());
    assert!(width > height, "landscape: {width} x {height}");
    assert!(
        (2..=3).contains(&pages),
        "the matrix, legend and problems, then who holds what: {pages} pages"
    );
    let first = pdf_text(&pdf, 1, 1, dir.path());
    let plan = steward::store::parse(steward::templates::EXAMPLE).expect("parses");
    for row in &plan.rows {
        assert!(
            first.contains(&row.name),
            "{} is not on page 1:\n{first}",
            row.name
        );
    }
    for party in plan.parties() {
        assert!(
            first.contains(party.name()),
            "{} is not on page 1:\n{first}",
            party.name()
        );
    }
    assert!(first.contains("Harbour Bakery") && first.contains("23 November 2026"));
    assert!(first.contains("Legend"), "{first}");
    let all = pdf_text(&pdf, 1, pages, dir.path());
    let problems = steward::model::rules::check(&plan, today::today());
    assert_eq!(all.matches("What to do:").count(), problems.len(), "{all}");
    assert!(
        !all.contains("= \"") && !all.contains("[channels."),
        "the handout says what to decide, not what to type in the file: {all}"
    );
    assert!(all.contains("Who holds what"), "{all}");
    let last = pdf_text(&pdf, pages, pages, dir.path());
    assert!(last.contains("Made with steward"), "{last}");

    // And on screen: a screenshot of the size asked for, with something drawn on it.
    let png = keep.join("example.png");
    chromium(
        &page,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,1600",
        ],
    );
    let bytes = fs::read(&png).expect("the screenshot");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    assert_eq!((be(16), be(20)), (1200, 1600), "the IHDR size");
    assert!(
        bytes.len() > 50_000,
        "a page with content, not a blank: {} bytes",
        bytes.len()
    );
    eprintln!(
        "the handout printed: {} and {}",
        pdf.display(),
        png.display()
    );
}

#[test]
fn fifteen_channels_and_twelve_parties_fit_one_landscape_page_unshrunk() {
    if !tools_ready() {
        return;
    }
    let keep = keep_dir();
    let print = |name: &str, plan: &str| -> PathBuf {
        let dir = TempDir::new().expect("tempdir");
        let page = export_handout(dir.path(), plan);
        let pdf = keep.join(format!("{name}.pdf"));
        print_pdf(&page, &pdf);
        pdf
    };
    let scratch = TempDir::new().expect("tempdir");

    let wide = plan_of(15, 12);
    let pdf = print("wide-15x12", &wide);
    let (_, width, height) = pdf_info(&pdf, scratch.path());
    assert!(width > height, "landscape: {width} x {height}");
    let first = pdf_text(&pdf, 1, 1, scratch.path());
    let names = names_in(&wide);
    assert_eq!(
        names.len(),
        1 + 12 + 15,
        "plan, parties, channels: {names:?}"
    );
    for name in &names {
        assert!(
            first.contains(name.as_str()),
            "{name} is not whole on page 1:\n{first}"
        );
    }
    for word in words(&pdf, 1, scratch.path()) {
        assert!(word.x_max <= width, "{word:?} runs off the page");
    }

    // Not shrunk to fit: the heading is as tall as on a plan of one column.
    let small = print("small-1x1", &plan_of(1, 2));
    let reference = heading_height(&small, scratch.path());
    let ratio = heading_height(&pdf, scratch.path()) / reference;
    assert!(
        ratio > 0.97,
        "15 x 12 printed at {:.0}% of full size",
        ratio * 100.0
    );

    // The measure can fail: sixty columns do not fit, and the browser shrinks the page.
    let too_wide = print("too-wide-15x60", &plan_of(15, 60));
    let shrunk = heading_height(&too_wide, scratch.path()) / reference;
    assert!(
        shrunk < 0.95,
        "sixty columns should have been shrunk, but print at {:.0}%",
        shrunk * 100.0
    );
}

#[test]
fn the_console_check_catches_a_script_and_an_outside_resource_and_the_handout_has_none() {
    if !tools_ready() {
        return;
    }
    let dir = TempDir::new().expect("tempdir");
    let page = export_handout(dir.path(), steward::templates::EXAMPLE);
    let (dom, console) = dump_dom(&page);
    assert!(console.is_empty(), "{console:#?}");
    assert!(
        dom.contains("<h1>Harbour Bakery</h1>"),
        "the page loaded:\n{dom}"
    );

    // The same page with a broken script and an image: both are caught.
    let html = fs::read_to_string(&page).expect("read the page");
    let broken = dir.path().join("broken.html");
    fs::write(
        &broken,
        html.replace(
            "</body>",
            "<script>notAFunction();</script><img src=\"missing.png\"></body>",
        ),
    )
    .expect("write the broken page");
    let (_, console) = dump_dom(&broken);
    assert!(
        console.iter().any(|m| m.contains("script")),
        "the script is reported: {console:#?}"
    );
    assert!(
        console.iter().any(|m| m.contains("missing.png")),
        "the image is reported: {console:#?}"
    );

    // Hostile names: nothing runs, nothing is loaded, no element is added.
    let hostile = "[plan]\nname = \"<script>alert(1)</script>\"\n\n\
        [people.eve]\nname = \"<img src=x onerror=alert(1)>\"\n\n\
        [channels.x]\nname = \"</td></tr></table><script>alert(2)</script>\"\naccountable = \"eve\"\n";
    let page = export_handout(dir.path(), hostile);
    let (dom, console) = dump_dom(&page);
    assert!(console.is_empty(), "{console:#?}");
    assert!(!dom.contains("<script") && !dom.contains("<img"), "{dom}");
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{dom}"
    );
}

/// The words of a PDF's text from `start` on, one space between them: a table's cells and
/// a wrapped line read as one line.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_handout_shows_who_carries_what_and_what_changed_since_an_older_plan() {
    if !tools_ready() {
        return;
    }
    let dir = TempDir::new().expect("tempdir");
    // The older plan: Lily was not yet accountable for TikTok.
    let old = steward::templates::EXAMPLE;
    let new = old.replacen("accountable = []", "accountable = \"lily\"", 1);
    assert_ne!(old, new, "the example has a TikTok channel to change");
    fs::write(dir.path().join("old.toml"), old).expect("write the old plan");
    let page = export_handout_with(dir.path(), &new, &["--changes-since", "old.toml"]);
    let keep = keep_dir();
    let pdf = keep.join("changes.pdf");
    print_pdf(&page, &pdf);
    let (pages, _, _) = pdf_info(&pdf, dir.path());
    let all = flat(&pdf_text(&pdf, 1, pages, dir.path()));
    assert!(all.contains("What changed since old.toml"), "{all}");
    assert!(
        all.contains("TikTok @harbourbakes: Lily Chen is now accountable"),
        "{all}"
    );
    assert!(all.contains("Fixed: nobody is accountable for"), "{all}");
    assert!(
        !all.contains("(tiktok)") && !all.contains("no-accountable"),
        "{all}"
    );
    assert!(all.contains("Who carries what"), "{all}");
    // The busiest first: Sam answers for four rows, more than anyone.
    let plan = steward::store::parse(&new).expect("parses");
    let loads = steward::model::workload::of(&plan);
    let first = plan.person(&loads[0].person).expect("a person");
    let chart = &all[all.find("Who carries what").expect("the chart")..];
    let sam = chart.find(&first.name).expect("the busiest in the chart");
    for later in &loads[1..] {
        let name = &plan.person(&later.person).expect("a person").name;
        let at = chart
            .find(name.as_str())
            .unwrap_or_else(|| panic!("{name} in the chart"));
        assert!(sam < at, "{} before {name}: {chart}", first.name);
    }
    assert!(
        chart.contains("agency"),
        "Pixel & Co is marked an agency: {chart}"
    );
    // Without --changes-since, no such section.
    let without = export_handout(dir.path(), &new);
    let text = fs::read_to_string(without).expect("the handout");
    assert!(!text.contains("What changed"), "nothing to tell");
    eprintln!("the handout with changes printed: {}", pdf.display());
}
