//! Any bytes as a plan file: reading them, checking the plan, reporting and exporting it,
//! and writing it out again never panics, never lets a control character reach the
//! terminal, and never changes what the plan means.

#![no_main]

#[path = "../../common/today.rs"]
mod today;

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use steward::model::rules;
use steward::report::{self, Paint};
use steward::store::{self, Document, LoadError};
use steward::{export, text};

const PLAIN: Paint = Paint { color: false };

/// Nothing but newlines may be unsafe in what steward prints.
fn assert_printable(s: &str, what: &str) {
    if let Some(c) = s.chars().find(|c| *c != '\n' && text::is_unsafe(*c)) {
        panic!("{what} holds {c:?}: {s:?}");
    }
}

fuzz_target!(|bytes: &[u8]| {
    let today = today::today();
    let loaded = match store::from_bytes(bytes) {
        Ok(loaded) => loaded,
        Err((text, error)) => {
            // The message a failed `steward check` prints.
            let _ = error.pos(&text);
            let error = LoadError::Invalid {
                path: PathBuf::from("plan.toml"),
                text,
                error,
            };
            assert_printable(&report::load_error(&error, PLAIN), "the load error");
            return;
        }
    };
    let plan = &loaded.plan;

    let problems = rules::check(plan, today);
    assert_printable(
        &report::problems("plan.toml", &loaded.text, &problems, PLAIN),
        "the report",
    );
    let _ = report::problems("plan.toml", &loaded.text, &problems, Paint { color: true });
    for json in [
        export::check_json("plan.toml", &problems),
        export::plan_json(plan, &problems),
    ] {
        let text = export::to_string(&json);
        assert_printable(text.trim_end(), "the JSON");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, json, "the JSON reads back the same");
    }

    // A plan written anew means the same (unknown keys are not part of the model).
    let written = store::to_toml(plan);
    let again = store::parse(&written)
        .unwrap_or_else(|e| panic!("the written plan does not parse: {e:?}\n{written}"));
    let mut known = plan.clone();
    known.unknown_keys.clear();
    assert_eq!(again, known, "to_toml changed the plan:\n{written}");

    // The document the app edits and saves reads as the same plan, unknown keys and all.
    let doc = Document::parse(&loaded.text)
        .unwrap_or_else(|e| panic!("a plan that loads is not a document: {e}"));
    let saved = doc.text();
    let again = store::parse(&saved)
        .unwrap_or_else(|e| panic!("the document's text does not parse: {e:?}\n{saved}"));
    assert_eq!(&again, plan, "the document changed the plan:\n{saved}");
});
