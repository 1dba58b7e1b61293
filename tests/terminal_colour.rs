//! The colour decision in a real terminal (tmux): `check` and the matrix follow the same
//! rules, `--color`, `NO_COLOR`, `CLICOLOR` and `TERM`, as the pipe tests in
//! `conventions.rs` check for output that is not a terminal.

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use common::Session;

/// A plan with an error, so that `check` has something to colour.
const PLAN: &str = "[plan]\nname = \"x\"\nlead = \"jo\"\n\n[people.jo]\nname = \"Jo\"\n\n\
                    [channels.blog]\nname = \"Blog\"\n";

/// Whether an escape sequence on a screen sets a colour (foreground or background).
fn sets_colour(screen: &str) -> bool {
    screen.split("\u{1b}[").skip(1).any(|seq| {
        let end = seq
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(seq.len());
        seq[end..].starts_with('m')
            && seq[..end].split(';').any(|p| {
                p.parse::<u16>()
                    .is_ok_and(|n| matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107))
            })
    })
}

#[test]
fn colour_in_a_terminal_follows_the_same_rules_in_check_and_in_the_matrix() {
    // The sessions set NO_COLOR=1; `NO_COLOR=` unsets it again (empty counts as unset).
    let cases = [
        ("default", "NO_COLOR=", "", true),
        ("no-color", "NO_COLOR=1", "", false),
        ("clicolor-0", "NO_COLOR= CLICOLOR=0", "", false),
        ("dumb", "NO_COLOR= TERM=dumb", "", false),
        // In CI (`CI` set, as the sessions leave it unset), anstream colours a dumb
        // terminal too: CI logs show colour though their terminals say little.
        ("dumb-in-ci", "NO_COLOR= TERM=dumb CI=true", "", true),
        ("never", "NO_COLOR=", "--color never", false),
        ("always", "NO_COLOR=1", "--color=always", true),
    ];
    for (name, env, flag, colour) in cases {
        let Some(s) = Session::start_with(
            &format!("colour-check-{name}"),
            PLAN,
            env,
            &format!("check plan.toml {flag}"),
        ) else {
            return;
        };
        s.wait_for("plan.toml: 1 error");
        assert_eq!(
            sets_colour(&s.screen_with_attributes()),
            colour,
            "check, {name}:\n{}",
            s.screen_with_attributes()
        );
        drop(s);
        if env.contains("TERM=dumb") {
            // A dumb terminal cannot draw the matrix at all.
            continue;
        }
        let Some(s) = Session::start_with(
            &format!("colour-tui-{name}"),
            &common::fixture(),
            env,
            &format!("plan.toml {flag}"),
        ) else {
            return;
        };
        s.wait_started();
        assert_eq!(
            sets_colour(&s.screen_with_attributes()),
            colour,
            "the matrix, {name}:\n{}",
            s.screen_with_attributes()
        );
        s.send(&["q"]);
        s.expect_clean_exit();
    }
}
