//! Deciding in the room, end to end: the real binary in a real terminal (tmux), on a plan
//! with one problem of each kind a workshop meets first. The plan's settings, fields of
//! names with their matches, `f` on six kinds of problem, `A`, `w` with a hand-over and
//! its undo, and `!`; each checked on the screen and then in the saved file.

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use common::{Session, first_line, ids, matrix_line, row};

const PLAN: &str = r#"[plan]
name = "Harbour Bakery e2e"

[departments.front]
name = "Front desk"

[people.ana]
name = "Ana Ruiz"
department = "front"

[people.sam]
name = "Sam Okafor"
department = "front"

[people.pix]
name = "Pixel & Co"
external = true

[channels.facebook]
name = "Facebook page"
goal = "Answer questions"
last_reviewed = 2026-11-01
responsible = ["ana"]
admins = ["ana", "sam"]

[channels.tiktok]
name = "TikTok"
goal = "Reach students"
last_reviewed = 2026-11-01
accountable = "sam"
responsible = ["pix"]
admins = ["pix"]

[channels.linkedin]
name = "LinkedIn"
goal = "Hire staff"
last_reviewed = 2026-11-01
accountable = ["ana", "sam"]
responsible = ["pix"]
admins = ["ana", "sam"]

[channels.x]
name = "X"
goal = "News"
last_reviewed = 2025-01-01
accountable = "ana"
responsible = ["anaa"]
admins = ["ana", "sam"]
"#;

fn start(test: &str) -> Option<Session> {
    let s = Session::start_with(test, PLAN, "", "plan.toml")?;
    s.wait_started();
    Some(s)
}

/// Saves and waits until the file on disk says so.
fn save(s: &Session) -> serde_json::Value {
    s.send(&["C-s"]);
    s.wait_for_status("saved");
    s.export()
}

#[test]
fn f_fixes_six_kinds_of_problem_each_as_one_undoable_edit() {
    let Some(s) = start("fixes") else {
        return;
    };
    // Facebook: nobody accountable, Ana its only responsible on staff.
    s.send(&["f"]);
    let screen = s.wait_for("Make this change?");
    assert!(
        screen.contains("Make Ana Ruiz accountable for Facebook page (they stay"),
        "{screen}"
    );
    s.send(&["y"]);
    s.wait_for_status("done: make Ana Ruiz accountable");

    // TikTok: only the agency holds the login. Sam (accountable) and one more person on
    // staff are needed: steward asks who.
    s.send(&["j", "f"]);
    let screen = s.wait_for("Who else on staff should hold the login of TikTok?");
    assert!(screen.contains("Ana Ruiz"), "{screen}");
    s.send(&["Enter"]);
    s.wait_for("Give Sam Okafor and Ana Ruiz the login of TikTok?");
    s.send(&["y"]);
    s.wait_for_status("done: give Sam Okafor and Ana Ruiz the login");

    // LinkedIn: two accountable; the one who stays is chosen by typing a name.
    s.send(&["j", "f"]);
    s.wait_for("Who stays accountable for LinkedIn?");
    s.type_text("oka");
    s.send(&["Enter"]);
    s.wait_for("Make Sam Okafor the only one accountable for LinkedIn");
    s.send(&["y"]);
    s.wait_for_status("done:");

    // X: a typo in responsible (the error first), then the overdue review.
    s.send(&["j", "f"]);
    s.wait_for("Put Ana Ruiz where \"anaa\" stands on X?");
    s.send(&["y"]);
    s.wait_for_status("done:");
    s.send(&["f"]);
    s.wait_for("Mark X reviewed today (2026-11-23)?");
    s.send(&["y"]);
    s.wait_for_status("done: mark X reviewed today");

    // The plan has no lead; in Problems, f on it. Ana and Sam answer for two rows each:
    // steward asks.
    s.send(&["BTab"]);
    let screen = s.wait_for("worst first");
    assert!(screen.contains("the plan names no lead"), "{screen}");
    s.send(&["f"]);
    s.wait_for("Who leads social media overall?");
    s.type_text("ana");
    s.send(&["Enter"]);
    s.wait_for("Make Ana Ruiz the lead for social media?");
    s.send(&["y"]);
    s.wait_for_status("done: make Ana Ruiz the lead");

    let export = save(&s);
    assert_eq!(export["plan"]["lead"], "ana");
    assert_eq!(
        ids(&row(&export, "channels", "facebook")["accountable"]),
        ["ana"]
    );
    assert_eq!(
        ids(&row(&export, "channels", "tiktok")["admins"]),
        ["pix", "sam", "ana"]
    );
    let linkedin = row(&export, "channels", "linkedin");
    assert_eq!(ids(&linkedin["accountable"]), ["sam"]);
    assert_eq!(ids(&linkedin["responsible"]), ["pix", "ana"]);
    let x = row(&export, "channels", "x");
    assert_eq!(ids(&x["responsible"]), ["ana"]);
    assert_eq!(x["last_reviewed"], "2026-11-23");
    let errors = export["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["severity"] != "info")
        .count();
    assert_eq!(errors, 0, "no error or warning left: {export}");

    // Each fix is one edit: six undos give the file back as it was.
    s.send(&["u", "u", "u", "u", "u", "u"]);
    s.wait_for_status("undo:");
    save(&s);
    assert_eq!(s.plan_text(), PLAN);
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn a_key_other_than_y_leaves_a_fix_unmade() {
    let Some(s) = start("no-fix") else {
        return;
    };
    s.send(&["f"]);
    s.wait_for("Make this change?");
    s.send(&["x"]);
    s.wait_for_status("left as it was");
    let screen = s.screen();
    assert!(!common::unsaved(&screen), "{screen}");
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn capital_a_makes_the_focused_party_the_one_accountable() {
    let Some(s) = start("make-accountable") else {
        return;
    };
    // LinkedIn, column Sam: the department, Ana, then Sam.
    s.send(&["j", "j", "l", "l", "A"]);
    s.wait_for_status("Sam Okafor is now the one accountable for");
    let screen = s.screen();
    assert!(
        matrix_line(&screen, "LinkedIn").starts_with('▲')
            || matrix_line(&screen, "LinkedIn").starts_with('✓'),
        "no longer several accountable: {screen}"
    );
    let export = save(&s);
    let linkedin = row(&export, "channels", "linkedin");
    assert_eq!(ids(&linkedin["accountable"]), ["sam"]);
    assert_eq!(ids(&linkedin["responsible"]), ["pix", "ana"]);
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn w_shows_what_breaks_and_hands_everything_over_as_one_edit() {
    let Some(s) = start("what-if") else {
        return;
    };
    // Ana's column.
    s.send(&["l", "w"]);
    let screen = s.wait_for("What if Ana Ruiz leaves?");
    assert!(
        screen.contains("X would lose its accountable owner"),
        "{screen}"
    );
    assert!(screen.contains("LinkedIn"), "what she holds: {screen}");
    s.send(&["h"]);
    s.wait_for("Who takes over from Ana Ruiz?");
    s.type_text("sam");
    s.send(&["Enter"]);
    let screen = s.wait_for("Hand what Ana Ruiz holds to Sam Okafor");
    assert!(screen.contains("accountable for"), "what goes: {screen}");
    s.send(&["y"]);
    s.wait_for_status("done: hand what Ana Ruiz holds");
    let export = save(&s);
    assert_eq!(ids(&row(&export, "channels", "x")["accountable"]), ["sam"]);
    assert_eq!(
        ids(&row(&export, "channels", "linkedin")["accountable"]),
        ["sam"],
        "listed once"
    );
    assert_eq!(
        ids(&row(&export, "channels", "facebook")["admins"]),
        ["sam"]
    );
    // One undo takes the whole hand-over back.
    s.send(&["u"]);
    s.wait_for_status("undo:");
    save(&s);
    assert_eq!(s.plan_text(), PLAN);

    // From the People view too; l sets the leaving date.
    s.send(&["Tab", "Tab"]);
    s.wait_for("3 people");
    s.send(&["w"]);
    s.wait_for("What if Ana Ruiz leaves?");
    s.send(&["l"]);
    s.wait_for("Edit person: Ana Ruiz");
    s.type_text("2027-01-31");
    s.send(&["Enter"]);
    s.wait_for_status("changed Ana Ruiz");
    // Back in the panel, which shows what the date changes.
    s.wait_for("What if Ana Ruiz leaves?");
    s.send(&["Escape"]);
    s.wait_until("the panel closed", |sc| !sc.contains("What if Ana Ruiz"));
    let export = save(&s);
    let ana = export["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["id"] == "ana")
        .expect("ana")
        .clone();
    assert_eq!(ana["leaving"], "2027-01-31");
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn bang_shows_only_the_rows_with_problems_and_esc_all_again() {
    let Some(s) = start("only-broken") else {
        return;
    };
    // Make Facebook fine first, so that one row is left out.
    s.send(&["l", "A"]);
    s.wait_for_status("Ana Ruiz is now the one accountable for Facebook page");
    s.send(&["!"]);
    let screen = s.wait_for("3 of 4 rows");
    assert!(screen.contains("problems only"), "said on screen: {screen}");
    assert!(!screen.contains("Facebook page"), "{screen}");
    assert!(
        screen.contains("TikTok") && screen.contains("LinkedIn"),
        "{screen}"
    );
    s.send(&["Escape"]);
    let screen = s.wait_for("4 rows · ");
    assert!(screen.contains("Facebook page"), "{screen}");
    s.send(&["!"]);
    s.wait_for("problems only");
    s.send(&["!"]);
    s.wait_for("4 rows · ");
    s.send(&["u", "q"]);
    s.expect_clean_exit();
}

#[test]
fn the_settings_form_names_the_plan_and_takes_a_lead_by_name() {
    let Some(s) = start("settings") else {
        return;
    };
    s.send(&["s"]);
    s.wait_for("The plan's settings");
    s.send(&["C-u"]);
    s.type_text("Riverside Dental");
    s.send(&["Tab"]);
    // An unknown name is refused with the nearest names.
    s.type_text("kia");
    s.send(&["Enter"]);
    s.wait_for("there is no person called \"kia\": did you mean Ana Ruiz?");
    s.send(&["C-u"]);
    s.type_text("oka");
    s.wait_for("matches: Sam Okafor");
    s.send(&["Tab"]);
    s.wait_until("the name completed", |screen| {
        screen.contains("Lead            Sam Okafor") && !screen.contains("matches:")
    });
    // Taking the name went on to the review period, which shows the 90 days it is.
    s.wait_for("Review every    90");
    s.send(&["C-u"]);
    s.type_text("30");
    s.send(&["Enter"]);
    let screen = s.wait_until("the new name in the title", |screen| {
        first_line(screen).contains("Riverside Dental")
    });
    assert!(screen.contains("changed the plan's settings"), "{screen}");
    let export = save(&s);
    assert_eq!(export["plan"]["name"], "Riverside Dental");
    assert_eq!(export["plan"]["lead"], "sam");
    assert_eq!(export["plan"]["review_every_days"], 30);
    s.send(&["u"]);
    s.wait_until("the old name back", |screen| {
        first_line(screen).contains("Harbour Bakery e2e")
    });
    s.send(&["q", "n"]);
    s.expect_clean_exit();
}

#[test]
fn a_person_form_takes_a_department_by_name_and_makes_a_new_one() {
    let Some(s) = start("pickers") else {
        return;
    };
    s.send(&["Tab", "Tab"]);
    s.wait_for("3 people");
    s.send(&["n"]);
    s.wait_for("New person");
    s.type_text("Lee Chan");
    s.send(&["Tab"]);
    s.type_text("fro");
    s.wait_for("matches: Front desk");
    // Tab takes the match and goes on to the next field (Title), then to External.
    s.send(&["Tab"]);
    s.send(&["Tab"]);
    // External: a switch.
    s.send(&["Space"]);
    s.wait_for("yes: agency or freelancer");
    s.send(&["Space"]);
    s.wait_for("no: on staff");
    s.send(&["Enter"]);
    s.wait_for_status("added Lee Chan");

    s.send(&["n"]);
    s.wait_for("New person");
    s.type_text("Bo Baker");
    s.send(&["Tab"]);
    s.type_text("Kitchen");
    s.send(&["Enter"]);
    s.wait_for("Enter again");
    s.send(&["Enter"]);
    s.wait_for_status("added Bo Baker");
    let export = save(&s);
    let people = export["people"].as_array().expect("people");
    let dept = |id: &str| {
        people
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["department"].clone())
            .expect("the person")
    };
    assert_eq!(dept("lee-chan"), "front");
    assert_eq!(dept("bo-baker"), "kitchen");
    assert!(
        export["departments"]
            .as_array()
            .expect("departments")
            .iter()
            .any(|d| d["id"] == "kitchen" && d["name"] == "Kitchen")
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}
