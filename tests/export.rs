//! `steward export --format md|csv|html`: the example plan and a plan of hostile names in
//! each format, CSV read back with the csv crate, snapshots of Markdown and HTML, and the
//! rules of `-o` (atomic, never over the plan, not even through a link).

#[path = "common/cli.rs"]
mod cli_common;

use cli_common::today::{TODAY, today};
use cli_common::{steward, write};
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use predicates::prelude::*;
use steward::export::{self, RowState, html, markdown};
use steward::model::rules;
use steward::model::{Party, Plan, Role};
use steward::store::parse;
use steward::templates::EXAMPLE;
use steward::tui::Editor;

/// A name of exactly 300 characters.
fn long_name() -> String {
    "Long name ".repeat(30)
}

/// Names that try to break out of a table, a cell, a tag, an attribute or a terminal.
fn hostile_toml() -> String {
    format!(
        r#"[plan]
name = "<script>alert(1)</script> & \"Sons\" 'Ltd' | wiki"
lead = "eve"

[departments.ops]
name = "=HYPERLINK(\"http://x\",\"y\")"

[people.eve]
name = "Eve \u001b[2J\u001b]0;pwned\u0007 \u202e evil"
department = "ops"

[people.bread]
name = "🍞 Bäckerei 🎉👍🏽 O'Brien \"Bob\""
department = "ops"

[people.plus]
name = "+1 555 | pipe"

[people.minus]
name = "-2+3"

[people.tab]
name = "\tTabbed\r\nName, with comma"

[people.at]
name = "@SUM(1+1)*cmd|' /C calc'!A0"

[channels.long]
name = "{long}"
accountable = "eve"
responsible = ["bread", "plus"]
consulted = ["ops"]

[channels.script]
name = "<img src=x onerror=alert(1)>"
accountable = ["bread", "at"]
informed = ["tab", "minus"]

[duties.md]
name = "**bold** [link](http://x) `code` _em_ &amp; #1\nsecond line"
accountable = "tab"
responsible = ["tab"]
"#,
        long = long_name()
    )
}

fn hostile() -> Plan {
    parse(&hostile_toml()).expect("the hostile plan parses")
}

fn example() -> Plan {
    parse(EXAMPLE).expect("the example parses")
}

fn md_of(plan: &Plan) -> String {
    markdown::document(plan, &rules::check(plan, today()), today())
}

fn html_of(plan: &Plan) -> String {
    html::page(plan, &rules::check(plan, today()), today())
}

fn csv_of(plan: &Plan) -> String {
    export::csv::table(plan)
}

/// The page with the inlined stylesheet (snapshotted as its own file) left out.
fn without_style(page: &str) -> String {
    assert_eq!(
        page.matches(html::STYLE).count(),
        1,
        "the stylesheet is inlined once"
    );
    page.replace(html::STYLE, "/* assets/handout.css */\n")
}

fn no_unsafe_characters(text: &str, what: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| *c != '\n' && steward::text::is_unsafe(*c))
        .collect();
    assert!(bad.is_empty(), "{what} holds raw {bad:?}");
}

// ---- Markdown ------------------------------------------------------------------------

#[test]
fn markdown_of_the_example() {
    let md = md_of(&example());
    no_unsafe_characters(&md, "the Markdown");
    insta::assert_snapshot!("markdown_example", md);
}

/// The lines of the Markdown table.
fn table_lines(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with('|')).collect()
}

/// The `|` of a Markdown line that are not escaped with a backslash.
fn bare_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

#[test]
fn markdown_of_the_example_is_a_well_formed_aligned_table() {
    let plan = example();
    let md = md_of(&plan);
    let lines = table_lines(&md);
    assert_eq!(
        lines.len(),
        plan.rows.len() + 2,
        "header, rule, one line per row"
    );
    let columns = plan.parties().len() + 2;
    for line in &lines {
        assert_eq!(bare_pipes(line), columns + 1, "{line}");
    }
    // Aligned as plain text: every line of the table is as wide as the header.
    let width = |l: &str| unicode_width::UnicodeWidthStr::width(l);
    assert!(lines.iter().all(|l| width(l) == width(lines[0])), "{md}");
    // A row spot-checked by hand: TikTok has nobody accountable.
    let tiktok = lines
        .iter()
        .find(|l| l.contains("TikTok"))
        .expect("a TikTok line");
    assert!(tiktok.starts_with("| ∅ "), "{tiktok}");
    let crisis = lines
        .iter()
        .find(|l| l.contains("Crisis response"))
        .expect("a crisis line");
    assert!(
        crisis.contains("◇ Crisis response") && crisis.contains("A!"),
        "a duty, with the department's accountable cell flagged: {crisis}"
    );
    assert!(md.contains("## Legend") && md.contains("## Problems"));
    assert_eq!(
        md.matches("\n  - hint: ").count(),
        rules::check(&plan, today()).len()
    );
}

#[test]
fn markdown_of_hostile_names_keeps_the_table_whole() {
    let plan = hostile();
    let md = md_of(&plan);
    no_unsafe_characters(&md, "the Markdown");
    let lines = table_lines(&md);
    assert_eq!(
        lines.len(),
        plan.rows.len() + 2,
        "a newline in a name does not add a table line:\n{md}"
    );
    let columns = plan.parties().len() + 2;
    for line in &lines {
        assert_eq!(
            bare_pipes(line),
            columns + 1,
            "a `|` in a name is escaped: {line}"
        );
    }
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "every `<` is escaped, so no name is raw HTML:\n{md}"
    );
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    assert!(md.contains("\\*\\*bold\\*\\* \\[link\\](http://x) \\`code\\` \\_em\\_ \\&amp;"));
    assert!(
        md.contains("Eve \\\\u{1b}\\[2J"),
        "escapes are visible: {md}"
    );
    assert!(
        md.contains("🍞 Bäckerei 🎉👍🏽 O'Brien \"Bob\""),
        "emoji and quotes stay"
    );
    assert!(
        md.contains(&long_name().trim_end().to_string()),
        "long names are whole"
    );
    insta::assert_snapshot!("markdown_hostile", md);
}

// ---- HTML ----------------------------------------------------------------------------

#[test]
fn html_of_the_example() {
    let page = html_of(&example());
    no_unsafe_characters(&page, "the page");
    insta::assert_snapshot!("html_example", without_style(&page));
}

#[test]
fn the_handout_stylesheet_prints_landscape() {
    let css = html::STYLE;
    assert!(
        css.contains("@page") && css.contains("size: landscape"),
        "{css}"
    );
    assert!(
        !css.contains("url(") && !css.contains("@import"),
        "no fetching: {css}"
    );
}

const TAGS: &[&str] = &[
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
    "time", "span", "main", "section", "table", "thead", "tbody", "tr", "th", "td", "div", "ul",
    "li", "b", "i", "ol", "code", "kbd", "pre", "article", "dl", "dt", "dd", "footer",
];

/// Every tag of the page is one steward writes, and every attribute is `name="value"` with
/// no quote or angle bracket in the value: a name cannot have opened a tag or an attribute.
fn check_markup(page: &str) {
    let body = page.replace(html::STYLE, "");
    let mut rest = body.as_str();
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let end = tag
            .find('>')
            .unwrap_or_else(|| panic!("an unclosed tag: {tag}"));
        let inside = &tag[..end];
        let inside = inside.strip_prefix('/').unwrap_or(inside);
        let (name, mut attrs) = inside.split_once(' ').unwrap_or((inside, ""));
        assert!(
            TAGS.contains(&name),
            "a tag steward does not write: <{inside}>"
        );
        if name == "!DOCTYPE" {
            attrs = "";
        }
        while !attrs.is_empty() {
            let (key, value) = attrs
                .split_once("=\"")
                .unwrap_or_else(|| panic!("an attribute without a value in <{inside}>"));
            assert!(
                key.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "an attribute steward does not write: {key:?} in <{inside}>"
            );
            let close = value
                .find('"')
                .unwrap_or_else(|| panic!("an unclosed attribute in <{inside}>"));
            assert!(!value[..close].contains(['<', '>']), "<{inside}>");
            attrs = value[close + 1..].trim_start();
        }
        rest = &tag[end + 1..];
    }
}

#[test]
fn html_of_the_example_has_only_its_own_markup_and_no_outside_resource() {
    let page = html_of(&example());
    check_markup(&page);
    for outside in [
        "src=", "href=", "<script", "<link", "url(", "@import", "http://", "https://",
    ] {
        assert!(!page.contains(outside), "the page holds {outside}");
    }
    assert!(page.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        html::POLICY
    )));
}

#[test]
fn html_of_hostile_names_escapes_every_name() {
    let plan = hostile();
    let page = html_of(&plan);
    no_unsafe_characters(&page, "the page");
    check_markup(&page);
    assert!(!page.to_lowercase().contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(
        page.contains(
            "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; &#39;Ltd&#39; | wiki</h1>"
        ),
        "the title is escaped"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"));
    assert!(page.contains("Eve \\u{1b}[2J\\u{1b}]0;pwned\\u{7} \\u{202e} evil"));
    assert!(page.contains("🍞 Bäckerei 🎉👍🏽 O&#39;Brien &quot;Bob&quot;"));
    assert!(
        page.contains(&format!("<div>{}</div>", long_name())),
        "a long row name is whole in the matrix (it wraps)"
    );
    insta::assert_snapshot!("html_hostile", without_style(&page));
}

#[test]
fn html_is_dated_and_counts_the_problems() {
    let plan = example();
    let day = NaiveDate::from_ymd_opt(2027, 2, 3).expect("a day");
    let page = html::page(&plan, &rules::check(&plan, day), day);
    assert!(
        page.contains("<time datetime=\"2027-02-03\">3 February 2027</time>"),
        "{page}"
    );
    // On that day Ana has left: her roles are errors now.
    assert!(page.contains("<b>left 2027-01-10</b>"), "{page}");
    assert!(
        page.contains("<span class=\"count error\">3 errors</span>"),
        "{page}"
    );
    // A plan with no lead and nothing else: only the warning stands out.
    let empty = Plan::default();
    let page = html::page(&empty, &rules::check(&empty, day), day);
    assert!(
        page.contains(
            "<span class=\"count\">0 errors</span>, \
             <span class=\"count warning\">1 warning</span>, <span class=\"count\">0 infos</span>"
        ),
        "{page}"
    );
    assert!(page.contains("The plan has no channels or duties yet."));
}

// ---- Row states: the same as the matrix on screen ------------------------------------

#[test]
fn row_states_and_symbols_are_the_ones_the_matrix_shows() {
    for text in [EXAMPLE.to_string(), hostile_toml()] {
        let plan = parse(&text).expect("parses");
        let editor = Editor::from_text(&text, today()).expect("parses");
        let ours: Vec<&str> = export::row_states(&plan, &rules::check(&plan, today()))
            .into_iter()
            .map(RowState::symbol)
            .collect();
        let screen: Vec<&str> = editor
            .derived()
            .row_states
            .iter()
            .map(|s| s.symbol())
            .collect();
        assert_eq!(ours, screen);
    }
    let example_states: Vec<&str> = {
        let plan = example();
        export::row_states(&plan, &rules::check(&plan, today()))
            .into_iter()
            .map(RowState::symbol)
            .collect()
    };
    assert_eq!(
        example_states.join(""),
        "✓▲∅‼▲✓✓✓▲✓✓",
        "by hand: Facebook (Ana leaving), TikTok (nobody), LinkedIn (two), X (stale), Crisis (a department)"
    );
}

// ---- CSV -----------------------------------------------------------------------------

fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn csv_of_the_example_reads_back_as_the_matrix() {
    let plan = example();
    let records = read_csv(&csv_of(&plan));
    assert_eq!(records.len(), plan.rows.len() + 1);
    let header = &records[0];
    assert_eq!(header[0], "Channel or duty");
    assert_eq!(
        &header[1..6],
        [
            "Management (department)",
            "Nora Lindgren",
            "Raj Mehta",
            "Marketing (department)",
            "Sam Okafor"
        ]
    );
    assert_eq!(header.last().map(String::as_str), Some("Pixel & Co"));
    assert_eq!(header.len(), plan.parties().len() + 1);
    let cell = |row: &str, party: &str| -> String {
        let r = records
            .iter()
            .position(|rec| rec[0] == row)
            .unwrap_or_else(|| panic!("no record {row}"));
        let c = header
            .iter()
            .position(|h| h == party)
            .unwrap_or_else(|| panic!("no column {party}"));
        records[r][c].clone()
    };
    // Checked by hand against assets/example.toml.
    assert_eq!(cell("Instagram @harbourbakery", "Sam Okafor"), "A");
    assert_eq!(cell("Instagram @harbourbakery", "Café (department)"), "I");
    assert_eq!(cell("Instagram @harbourbakery", "Nora Lindgren"), "");
    assert_eq!(cell("Pinterest wedding cakes", "Priya Das"), "A/R");
    assert_eq!(cell("LinkedIn page", "Nora Lindgren"), "A");
    assert_eq!(cell("LinkedIn page", "Catering (department)"), "R");
    assert_eq!(cell("Crisis response", "Management (department)"), "A");
    assert_eq!(cell("Social media policy", "Sam Okafor"), "A/R");
    assert_eq!(cell("TikTok @harbourbakes", "Pixel & Co"), "R");
    // And every cell against the plan.
    let parties = plan.parties();
    for (row, record) in plan.rows.iter().zip(&records[1..]) {
        assert_eq!(record[0], row.name);
        for (party, text) in parties.iter().zip(&record[1..]) {
            let letters: Vec<char> = text.split('/').filter_map(|s| s.chars().next()).collect();
            let held: Vec<char> = Role::ALL
                .into_iter()
                .filter(|r| row.holders(*r).iter().any(|id| id == party.id()))
                .map(Role::letter)
                .collect();
            assert_eq!(letters, held, "{} / {}", row.name, party.name());
        }
    }
}

#[test]
fn csv_guards_formulas_and_keeps_every_other_name_exact() {
    let plan = hostile();
    let text = csv_of(&plan);
    let records = read_csv(&text);
    let header = &records[0];
    let expected_header: Vec<String> = std::iter::once("Channel or duty".to_string())
        .chain(plan.parties().iter().map(|p| match p {
            Party::Department(d) => format!("{} (department)", d.name),
            Party::Person(p) => p.name.clone(),
        }))
        .map(|name| match name.chars().next() {
            Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{name}"),
            _ => name,
        })
        .collect();
    assert_eq!(header, &expected_header);
    // By hand: the dangerous ones.
    assert!(header.contains(&"'=HYPERLINK(\"http://x\",\"y\") (department)".to_string()));
    assert!(header.contains(&"'+1 555 | pipe".to_string()));
    assert!(header.contains(&"'-2+3".to_string()));
    assert!(header.contains(&"'@SUM(1+1)*cmd|' /C calc'!A0".to_string()));
    assert!(header.contains(&"'\tTabbed\r\nName, with comma".to_string()));
    assert!(header.contains(&"Eve \u{1b}[2J\u{1b}]0;pwned\u{7} \u{202e} evil".to_string()));
    assert!(header.contains(&"🍞 Bäckerei 🎉👍🏽 O'Brien \"Bob\"".to_string()));
    // Row names come back exactly; no cell of the file starts a formula.
    let names: Vec<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        [
            long_name().as_str(),
            "<img src=x onerror=alert(1)>",
            "**bold** [link](http://x) `code` _em_ &amp; #1\nsecond line"
        ]
    );
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "an unguarded cell: {cell:?}"
            );
        }
    }
    // The roles of the two-accountable channel: in column order.
    let script = &records[2];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.contains(name))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    assert_eq!(script[col("Bäckerei")], "A");
    assert_eq!(script[col("@SUM")], "A");
    assert_eq!(script[col("Tabbed")], "I");
    assert_eq!(script[col("-2+3")], "I");
    assert_eq!(records[3][col("Tabbed")], "A/R");
    assert_eq!(records[1][col("HYPERLINK")], "C");
}

#[test]
fn csv_of_an_empty_plan_is_the_corner_alone() {
    assert_eq!(csv_of(&Plan::default()), "Channel or duty\n");
}

// ---- The command line ----------------------------------------------------------------

#[test]
fn each_format_prints_and_writes_the_same_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "plan.toml", EXAMPLE);
    for (format, expected) in [
        ("md", md_of(&example())),
        ("csv", csv_of(&example())),
        ("html", html_of(&example())),
    ] {
        let out = steward()
            .current_dir(dir.path())
            .args(["export", "plan.toml", "--format", format, "--today", TODAY])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{format}");
        let file = format!("out.{format}");
        steward()
            .current_dir(dir.path())
            .args(["export", "plan.toml", "--format", format, "-o", &file])
            .env("STEWARD_TODAY", TODAY)
            .assert()
            .code(0)
            .stdout("");
        assert_eq!(
            fs::read_to_string(dir.path().join(&file)).expect("written"),
            expected,
            "{format} through -o, with the day from STEWARD_TODAY"
        );
    }
    let strays: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(steward::store::TEMP_SUFFIX))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

#[test]
fn csv_on_a_pipe_keeps_names_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "plan.toml", hostile_toml());
    let out = steward()
        .current_dir(dir.path())
        .args(["export", "plan.toml", "--format", "csv"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), csv_of(&hostile()));
}

#[test]
fn export_never_writes_over_the_plan_through_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(dir.path(), "plan.toml", EXAMPLE);
    std::os::unix::fs::symlink("plan.toml", dir.path().join("soft.html")).expect("symlink");
    fs::hard_link(&plan, dir.path().join("hard.html")).expect("hard link");
    for out in ["plan.toml", "./plan.toml", "soft.html", "hard.html"] {
        for format in ["md", "csv", "html", "json"] {
            steward()
                .current_dir(dir.path())
                .args(["export", "plan.toml", "--format", format, "-o", out])
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(format!(
                    "error: {out} is the plan itself; export writes to another file"
                )));
        }
        assert_eq!(fs::read_to_string(&plan).expect("read"), EXAMPLE, "{out}");
    }
    assert!(
        fs::symlink_metadata(dir.path().join("soft.html"))
            .expect("still there")
            .file_type()
            .is_symlink(),
        "the link is left alone"
    );
    // Through the link, the other way round: the plan named by its link.
    steward()
        .current_dir(dir.path())
        .args(["export", "soft.html", "--format", "md", "-o", "plan.toml"])
        .assert()
        .code(2);
    assert_eq!(fs::read_to_string(&plan).expect("read"), EXAMPLE);
}

#[test]
fn export_names_the_formats_it_knows() {
    steward()
        .args(["export", "--format", "pdf"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("md, csv, html, json"));
}

// ---- The handout beside the plan (the TUI's `p`) -------------------------------------

#[test]
fn the_handout_goes_beside_the_plan_and_never_over_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan_path = write(dir.path(), "plan.toml", EXAMPLE);
    let mut plan = example();
    plan.settings.name = Some("Changed on screen, not saved".into());
    let out = steward::tui::write_handout(
        &plan_path,
        &plan,
        &rules::check(&plan, today()),
        today(),
        None,
    )
    .expect("written");
    assert_eq!(out, dir.path().join("plan.html"));
    let page = fs::read_to_string(&out).expect("read");
    assert!(
        page.contains("<h1>Changed on screen, not saved</h1>"),
        "the plan as given"
    );
    assert_eq!(fs::read_to_string(&plan_path).expect("read"), EXAMPLE);

    // A plan named .html would be its own handout.
    let odd = write(dir.path(), "odd.html", EXAMPLE);
    let err =
        steward::tui::write_handout(&odd, &plan, &rules::check(&plan, today()), today(), None)
            .expect_err("refused");
    assert!(err.contains("is the plan itself"), "{err}");
    assert_eq!(fs::read_to_string(&odd).expect("read"), EXAMPLE);

    // plan.html a hard link of the plan: refused too.
    let other = dir.path().join("other.toml");
    fs::write(&other, EXAMPLE).expect("write");
    fs::hard_link(&other, dir.path().join("other.html")).expect("hard link");
    let err =
        steward::tui::write_handout(&other, &plan, &rules::check(&plan, today()), today(), None)
            .expect_err("refused");
    assert!(err.contains("is the plan itself"), "{err}");
    assert_eq!(fs::read_to_string(&other).expect("read"), EXAMPLE);
}

#[test]
fn changes_since_an_older_plan_are_told_in_names_one_change_an_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "old.toml", EXAMPLE);
    let new = EXAMPLE
        .replacen("accountable = []", "accountable = \"lily\"", 1)
        .replace("name = \"Tom Walsh\"", "name = \"Tom Walsh-Byrne\"");
    let plan = write(dir.path(), "plan.toml", &new);
    let out = steward()
        .current_dir(dir.path())
        .args(["export", "--format", "html", "--changes-since", "old.toml"])
        .args(["--today", TODAY])
        .arg(&plan)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    let section = &page[page
        .find("What changed since old.toml")
        .expect("the section")..];
    let section = &section[..section.find("</section>").expect("its end")];
    for item in [
        "<li>Tom Walsh renamed to Tom Walsh-Byrne</li>",
        "<li>TikTok @harbourbakes: Lily Chen is now accountable</li>",
        "<li>Fixed: nobody is accountable for &quot;TikTok @harbourbakes&quot;</li>",
    ] {
        assert!(section.contains(item), "{item}: {section}");
    }
    for never in [
        "(tiktok)",
        "(tom)",
        "[no-accountable]",
        "error",
        "-&gt;",
        "<pre>",
    ] {
        assert!(!section.contains(never), "{never}: {section}");
    }

    // Nothing changed: one item says so.
    let same = steward()
        .current_dir(dir.path())
        .args(["export", "--format", "html", "--changes-since", "old.toml"])
        .args(["--today", TODAY, "old.toml"])
        .output()
        .expect("runs");
    let page = String::from_utf8(same.stdout).expect("UTF-8");
    assert!(
        page.contains("<li>Nothing changed in who does what.</li>"),
        "{page}"
    );
}

#[test]
fn is_same_file_sees_through_links_and_not_past_different_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.toml", "x");
    let b = write(dir.path(), "b.toml", "x");
    std::os::unix::fs::symlink(&a, dir.path().join("s")).expect("symlink");
    fs::hard_link(&a, dir.path().join("h")).expect("hard link");
    assert!(steward::store::is_same_file(&a, &a));
    assert!(steward::store::is_same_file(&dir.path().join("s"), &a));
    assert!(steward::store::is_same_file(&dir.path().join("h"), &a));
    assert!(
        !steward::store::is_same_file(&a, &b),
        "same content, other file"
    );
    assert!(!steward::store::is_same_file(
        &dir.path().join("missing"),
        &a
    ));
}
