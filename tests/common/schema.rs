//! Checks JSON against steward's schemas in `assets/schemas/`: the part of JSON Schema
//! (draft 2020-12) they use, and no more. A keyword this does not know fails the test,
//! so a schema can never promise what is not checked.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

/// Every schema under `assets/schemas/`, by file name.
pub struct Schemas {
    files: HashMap<String, Value>,
}

const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "oneOf",
    "anyOf",
    "minimum",
    "minLength",
    "format",
];

impl Schemas {
    pub fn load() -> Self {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schemas");
        let mut files = HashMap::new();
        for entry in fs::read_dir(&dir).expect("assets/schemas is there") {
            let path = entry.expect("an entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a name")
                .to_string();
            let text = fs::read_to_string(&path).expect("a schema is readable");
            let schema: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
            assert_eq!(
                schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{name}"
            );
            assert_eq!(schema["$id"], name.as_str(), "{name}: $id is its file name");
            files.insert(name, schema);
        }
        Schemas { files }
    }

    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.files.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    pub fn get(&self, file: &str) -> &Value {
        self.files
            .get(file)
            .unwrap_or_else(|| panic!("no schema {file}"))
    }

    /// Every way `value` breaks the schema in `file`, as `path: why`.
    pub fn errors(&self, file: &str, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(file, self.get(file), value, "$", &mut errors);
        errors
    }

    /// Fails the test, saying how, unless `value` fits the schema in `file`.
    pub fn assert_valid(&self, file: &str, value: &Value) {
        let errors = self.errors(file, value);
        assert!(
            errors.is_empty(),
            "the output does not fit {file}:\n  {}\n{value:#}",
            errors.join("\n  ")
        );
    }

    fn resolve(&self, file: &str, reference: &str) -> (String, &Value) {
        let (target, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if target.is_empty() { file } else { target };
        let root = self.get(target);
        let node = root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{file}: $ref {reference} points nowhere"));
        (target.to_string(), node)
    }

    fn check(&self, file: &str, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
        let Some(schema) = schema.as_object() else {
            panic!("{file}: a schema at {at} is not an object");
        };
        for key in schema.keys() {
            assert!(
                KNOWN.contains(&key.as_str()),
                "{file}: `{key}` is not a keyword these tests check"
            );
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let (target, node) = self.resolve(file, reference);
            self.check(&target, node, value, at, out);
        }
        if let Some(kinds) = schema.get("type") {
            let kinds: Vec<&str> = match kinds {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => panic!("{file}: type at {at}"),
            };
            if !kinds.iter().any(|k| is_kind(value, k)) {
                out.push(format!("{at}: {value} is not {}", kinds.join(" or ")));
                return;
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
            && !allowed.contains(value)
        {
            out.push(format!("{at}: {value} is none of {allowed:?}"));
        }
        if let Some(want) = schema.get("const")
            && want != value
        {
            out.push(format!("{at}: {value} is not {want}"));
        }
        if let (Some(min), Some(n)) = (
            schema.get("minimum").and_then(Value::as_f64),
            value.as_f64(),
        ) && n < min
        {
            out.push(format!("{at}: {n} is below {min}"));
        }
        if let (Some(min), Some(s)) = (
            schema.get("minLength").and_then(Value::as_u64),
            value.as_str(),
        ) && (s.chars().count() as u64) < min
        {
            out.push(format!("{at}: {s:?} is shorter than {min}"));
        }
        if let Some(format) = schema.get("format").and_then(Value::as_str) {
            assert_eq!(format, "date", "{file}: only the date format is checked");
            if let Some(s) = value.as_str()
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err()
            {
                out.push(format!("{at}: {s:?} is not a date"));
            }
        }
        for (word, all) in [("oneOf", true), ("anyOf", false)] {
            let Some(choices) = schema.get(word).and_then(Value::as_array) else {
                continue;
            };
            let fits = choices
                .iter()
                .filter(|choice| {
                    let mut errors = Vec::new();
                    self.check(file, choice, value, at, &mut errors);
                    errors.is_empty()
                })
                .count();
            if (all && fits != 1) || (!all && fits == 0) {
                out.push(format!("{at}: fits {fits} of the {word} choices"));
            }
        }
        if let Some(object) = value.as_object() {
            let properties = schema.get("properties").and_then(Value::as_object);
            if let Some(required) = schema.get("required").and_then(Value::as_array) {
                for key in required.iter().filter_map(Value::as_str) {
                    if !object.contains_key(key) {
                        out.push(format!("{at}: `{key}` is missing"));
                    }
                }
            }
            for (key, item) in object {
                let path = format!("{at}.{key}");
                match properties.and_then(|p| p.get(key)) {
                    Some(sub) => self.check(file, sub, item, &path, out),
                    None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                        out.push(format!("{path} is not in the schema"));
                    }
                    None => {}
                }
            }
        }
        if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
            for (i, item) in array.iter().enumerate() {
                self.check(file, items, item, &format!("{at}[{i}]"), out);
            }
        }
    }
}

fn is_kind(value: &Value, kind: &str) -> bool {
    match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown type {other}"),
    }
}
