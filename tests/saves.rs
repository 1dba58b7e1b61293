//! Any edits, saved to a real file and read back, are the plan steward showed, and the
//! save changed nothing else: tables no edit touched are byte for byte as they were,
//! touched tables differ only in their role lists, every comment line survives, and the
//! file keeps its layout (a byte order mark, CRLF line endings, no final newline).

#[path = "common/today.rs"]
mod today;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use proptest::prelude::*;
use steward::model::Role;
use steward::store::{self, Document, PlanFile};
use steward::tui::keymap::Action;
use steward::tui::{App, Editor};
use toml_edit::{DocumentMut, Item, TableLike};

/// Plans written by hand, each with its own habits: comments above tables, keys and
/// lists; lists of lines with comments inside; empty lists; and entries written as
/// inline tables.
const PLANS: [&str; 4] = [
    include_str!("fixtures/e2e/plan.toml"),
    include_str!("fixtures/spec-example.toml"),
    "# A plan with every layout habit\n\
     [plan]\n\
     name = \"Layouts\"\n\
     lead = \"sam\"\n\
     \n\
     [departments.ops]\n\
     name = \"Operations\"\n\
     \n\
     [people.sam]\n\
     name = \"Sam\"\n\
     department = \"ops\"\n\
     \n\
     [people.kim]\n\
     name = \"Kim\"   # part time\n\
     \n\
     [channels.web]\n\
     name = \"Website\"\n\
     # Who runs it day to day.\n\
     responsible = [\"kim\"]\n\
     informed = [\n    \"ops\",   # the whole team\n    \"sam\",\n]\n\
     consulted = []\n\
     admins = [\"sam\"]\n\
     \n\
     [channels.news]\n\
     name = \"Newsletter\"\n\
     accountable = [\"sam\"]\n\
     \n\
     # Duties, written short.\n\
     [duties]\n\
     backup = { name = \"Backups\", accountable = \"kim\", consulted = [\"ops\"] }\n\
     policy = { name = \"Policy\" }   # nobody yet\n",
    "# Everything inline\n\
     plan = { name = \"Inline\", lead = \"sam\" }\n\
     departments = { ops = { name = \"Operations\" } }\n\
     people = { sam = { name = \"Sam\", department = \"ops\" }, kim = { name = \"Kim\" } }\n\
     # The one channel\n\
     channels = { web = { name = \"Web\", accountable = \"sam\", informed = [\"ops\"] } }\n",
];

/// How a file lays out its bytes.
#[derive(Debug, Clone, Copy)]
enum Layout {
    Lf,
    CrlfWithBom,
    NoFinalNewline,
}

impl Layout {
    fn bytes(self, text: &str) -> Vec<u8> {
        match self {
            Layout::Lf => text.as_bytes().to_vec(),
            Layout::CrlfWithBom => {
                let mut out = b"\xEF\xBB\xBF".to_vec();
                out.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
                out
            }
            Layout::NoFinalNewline => text.trim_end_matches('\n').as_bytes().to_vec(),
        }
    }
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::Lf),
        Just(Layout::CrlfWithBom),
        Just(Layout::NoFinalNewline)
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::Left),
        Just(Action::Right),
        Just(Action::Toggle(Role::Accountable)),
        Just(Action::Toggle(Role::Responsible)),
        Just(Action::Toggle(Role::Consulted)),
        Just(Action::Toggle(Role::Informed)),
        Just(Action::Clear),
        Just(Action::Undo),
        Just(Action::Redo),
    ]
}

/// The text of a file's bytes: without its byte order mark, line endings as they are.
fn text_of(bytes: &[u8]) -> &str {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).expect("UTF-8")
}

/// The text cut at each line that starts a table (`[…]`): the part before the first
/// table, then each table's header line down to the next one.
fn chunks(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.starts_with('[') {
            out.push(String::new());
        }
        out.last_mut().expect("a chunk").push_str(line);
    }
    out
}

/// The ids of the channels and duties whose entries a chunk holds.
fn rows_in(chunk: &str) -> BTreeSet<String> {
    let doc: DocumentMut = chunk.parse().expect("a chunk of a plan is TOML");
    let mut ids = BTreeSet::new();
    for section in ["channels", "duties"] {
        if let Some(t) = doc.get(section).and_then(Item::as_table_like) {
            ids.extend(t.iter().map(|(k, _)| k.to_string()));
        }
    }
    ids
}

/// A chunk without its role lists, as `toml_edit` writes it. An entry written inline
/// (`web = { … }`) is also spaced the standard way: where a key is added or removed in
/// one, the space before its closing brace moves.
fn without_roles(chunk: &str) -> String {
    fn strip(t: &mut dyn TableLike, depth: usize) {
        for role in Role::ALL {
            t.remove(role.key());
        }
        if depth < 2 {
            for (_, item) in t.iter_mut() {
                if let Some(inline) = item.as_inline_table_mut() {
                    inline.fmt();
                }
                if let Some(inner) = item.as_table_like_mut() {
                    strip(inner, depth + 1);
                }
            }
        }
    }
    let mut doc: DocumentMut = chunk.parse().expect("a chunk of a plan is TOML");
    strip(doc.as_table_mut(), 0);
    doc.to_string().replace("\r\n", "\n")
}

/// The lines that are only a comment, with how often each occurs.
fn comment_lines(text: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for line in text.lines().map(str::trim).filter(|l| l.starts_with('#')) {
        *lines.entry(line).or_default() += 1;
    }
    lines
}

/// Opens `path` as steward does, runs `actions`, saves; returns the app and the rows
/// an edit was aimed at.
fn edit_and_save(path: &Path, actions: &[Action]) -> (App, BTreeSet<String>) {
    let (mut file, loaded) = PlanFile::open(path).expect("the plan opens");
    let doc = Document::parse(&loaded.text).expect("the plan is TOML");
    let mut app = App::new(
        path.to_path_buf(),
        Editor::new(loaded.plan, doc, today::today()),
    );
    let mut touched = BTreeSet::new();
    for &action in actions {
        if matches!(action, Action::Toggle(_) | Action::Clear)
            && let Some(r) = app.focused_row()
        {
            touched.insert(app.plan().rows[r].id.clone());
        }
        app.update(action);
    }
    file.save(&app.text()).expect("the save succeeds");
    (app, touched)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn saved_edits_read_back_and_nothing_else_changes(
        plan in 0..PLANS.len(),
        layout in layout(),
        actions in proptest::collection::vec(action(), 1..30),
    ) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("plan.toml");
        let original = layout.bytes(PLANS[plan]);
        fs::write(&path, &original).expect("write the plan");
        let (app, touched) = edit_and_save(&path, &actions);
        let saved = fs::read(&path).expect("read the saved plan");

        // The plan on disk is the plan steward shows.
        let back = store::load(&path).expect("the saved plan loads");
        prop_assert_eq!(&back.plan, app.plan());
        if !app.modified() {
            prop_assert!(saved == original, "no change (or all undone): the very same bytes");
        }

        // The layout is kept.
        let (old, new) = (text_of(&original), text_of(&saved));
        prop_assert_eq!(saved.starts_with(b"\xEF\xBB\xBF"), original.starts_with(b"\xEF\xBB\xBF"));
        prop_assert_eq!(new.ends_with('\n'), old.ends_with('\n'));
        let crlf = new.matches("\r\n").count();
        let lf = new.matches('\n').count();
        let want = if matches!(layout, Layout::CrlfWithBom) { lf } else { 0 };
        prop_assert_eq!(crlf, want, "CRLF files end every line in CRLF, others none");

        // Every comment line survives.
        let kept = comment_lines(new);
        for (line, n) in comment_lines(old) {
            prop_assert!(
                kept.get(line).copied().unwrap_or(0) >= n,
                "the comment line {:?} was lost:\n{}", line, new
            );
        }

        // Table by table: untouched ones byte for byte, touched ones but for roles.
        let (before, after) = (chunks(old), chunks(new));
        let headers = |c: &[String]| -> Vec<String> {
            c.iter().map(|t| t.lines().next().unwrap_or_default().to_string()).collect()
        };
        prop_assert_eq!(headers(&before), headers(&after), "the same tables, in the same order");
        for (b, a) in before.iter().zip(&after) {
            if rows_in(b).is_disjoint(&touched) {
                prop_assert_eq!(b, a, "a table no edit touched is byte for byte as it was");
            } else {
                prop_assert_eq!(without_roles(b), without_roles(a), "only role lists changed");
            }
        }
    }
}
