//! The design file: JSON with a format name and a version at the top.
//!
//! ```json
//! { "format": "routecraft-design", "version": 2, "design": { ... } }
//! ```
//!
//! Older versions are migrated on load. Version 1 differed in three places:
//! the partner was called `csp`, a circuit's bandwidth was `bandwidth`, and
//! the layout was a map from id to an `[x, y]` pair.

use std::fmt;

use serde_json::{Map, Value};

use super::{Design, IntegrityProblem};

/// The `format` value every design file carries.
pub const FORMAT_NAME: &str = "routecraft-design";

/// The version this build writes; it reads every version up to this one.
pub const FORMAT_VERSION: u64 = 2;

/// The largest file the loader reads, so that a hostile file cannot
/// exhaust the browser's memory.
const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// Why a design file could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// Where in the file the problem is, as a JSON path such as
    /// `design.circuits[0].bandwidth_mbps`; `$` for the whole file.
    pub path: String,
    /// What is wrong.
    pub kind: LoadErrorKind,
}

/// The kinds of load error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// Not JSON at all, for example `{"format": ` cut short.
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// The parser's description.
        message: String,
    },
    /// JSON, but not a Routecraft design: no `format` of `routecraft-design`.
    NotADesign,
    /// A version this build does not know, such as a file from a newer build.
    UnsupportedVersion(String),
    /// A value of the wrong shape, such as `"bandwidth_mbps": "fast"`.
    Invalid(String),
    /// Duplicate ids, malformed ids or references to missing elements; all
    /// of them are listed.
    Integrity(Vec<IntegrityProblem>),
    /// Larger than the loader reads.
    TooLarge(usize),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            LoadErrorKind::Syntax {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "not valid JSON at line {line}, column {column}: {message}"
                )
            }
            LoadErrorKind::NotADesign => write!(
                f,
                "{}: not a Routecraft design (expected \"format\": \"{FORMAT_NAME}\")",
                self.path
            ),
            LoadErrorKind::UnsupportedVersion(found) => write!(
                f,
                "{}: version {found} is not one this Routecraft reads (1 to {FORMAT_VERSION}); \
                 a newer Routecraft may open it",
                self.path
            ),
            LoadErrorKind::Invalid(message) => write!(f, "{}: {message}", self.path),
            LoadErrorKind::Integrity(problems) => {
                let shown: Vec<String> = problems.iter().take(10).map(|p| p.to_string()).collect();
                write!(f, "{}", shown.join("; "))?;
                if problems.len() > shown.len() {
                    write!(f, "; and {} more", problems.len() - shown.len())?;
                }
                Ok(())
            }
            LoadErrorKind::TooLarge(bytes) => write!(
                f,
                "the file is {bytes} bytes; designs larger than {MAX_FILE_BYTES} bytes are refused"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

fn error(path: &str, kind: LoadErrorKind) -> LoadError {
    LoadError {
        path: path.to_owned(),
        kind,
    }
}

/// Reads a design file, migrating older versions.
///
/// Never panics: anything that is not a valid design comes back as a
/// [`LoadError`] naming where the problem is.
///
/// ```
/// use routecraft_core::model::{load, save, CspModel, Design};
/// let design = Design::blank("Contoso", CspModel::ConnectTo);
/// assert_eq!(load(&save(&design)).unwrap(), design);
/// assert!(load("{\"format\": 1}").is_err());
/// ```
pub fn load(text: &str) -> Result<Design, LoadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(error("$", LoadErrorKind::TooLarge(text.len())));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let kind = LoadErrorKind::Syntax {
            line: e.line(),
            column: e.column(),
            message: syntax_message(&e),
        };
        error("$", kind)
    })?;
    let Value::Object(mut file) = value else {
        return Err(error("$", LoadErrorKind::NotADesign));
    };
    if file.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(error("format", LoadErrorKind::NotADesign));
    }
    let version = match file.get("version") {
        Some(Value::Number(n))
            if n.as_u64()
                .is_some_and(|v| (1..=FORMAT_VERSION).contains(&v)) =>
        {
            n.as_u64().unwrap_or(FORMAT_VERSION)
        }
        Some(other) => {
            return Err(error(
                "version",
                LoadErrorKind::UnsupportedVersion(other.to_string()),
            ))
        }
        None => {
            return Err(error(
                "version",
                LoadErrorKind::UnsupportedVersion("(missing)".into()),
            ))
        }
    };
    for key in file.keys() {
        if !matches!(key.as_str(), "format" | "version" | "design") {
            let message =
                format!("unknown field `{key}`, expected `format`, `version` or `design`");
            return Err(error(key, LoadErrorKind::Invalid(message)));
        }
    }
    let mut design = file.remove("design").ok_or_else(|| {
        error(
            "design",
            LoadErrorKind::Invalid("missing field `design`".into()),
        )
    })?;
    if version < 2 {
        migrate_v1(&mut design);
        if let Value::Object(d) = &mut design {
            if let Some(baseline) = d.get_mut("baseline") {
                migrate_v1(baseline);
            }
        }
    }

    let design: Design = serde_path_to_error::deserialize(design).map_err(|e| {
        let path = format!("design{}", json_path_suffix(&e.path().to_string()));
        error(&path, LoadErrorKind::Invalid(e.inner().to_string()))
    })?;
    check(&design, "design")?;
    if let Some(baseline) = &design.baseline {
        if baseline.baseline.is_some() {
            let message = "a baseline keeps no baseline of its own".to_owned();
            return Err(error(
                "design.baseline.baseline",
                LoadErrorKind::Invalid(message),
            ));
        }
        check(baseline, "design.baseline")?;
    }
    Ok(design)
}

fn check(design: &Design, at: &str) -> Result<(), LoadError> {
    let mut problems = design.integrity_problems();
    if problems.is_empty() {
        return Ok(());
    }
    if at != "design" {
        for problem in &mut problems {
            relocate(problem, at);
        }
    }
    let path = match &problems[0] {
        IntegrityProblem::DuplicateId { again, .. } => again.clone(),
        IntegrityProblem::InvalidId { path, .. } => path.clone(),
        IntegrityProblem::DanglingReference { path, .. } => path.clone(),
    };
    Err(error(&path, LoadErrorKind::Integrity(problems)))
}

fn relocate(problem: &mut IntegrityProblem, at: &str) {
    let fix = |p: &mut String| *p = p.replacen("design", at, 1);
    match problem {
        IntegrityProblem::DuplicateId { first, again, .. } => {
            fix(first);
            fix(again);
        }
        IntegrityProblem::InvalidId { path, .. } => fix(path),
        IntegrityProblem::DanglingReference { path, .. } => fix(path),
    }
}

/// serde_path_to_error writes `.` for the root and `circuits[0].name` below;
/// the loader's paths start at `design`.
fn json_path_suffix(path: &str) -> String {
    match path {
        "" | "." => String::new(),
        p if p.starts_with('[') => p.to_owned(),
        p => format!(".{p}"),
    }
}

fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn migrate_v1(design: &mut Value) {
    let Value::Object(d) = design else { return };
    if let Some(csp) = d.remove("csp") {
        d.entry("partner").or_insert(csp);
    }
    if let Some(Value::Array(circuits)) = d.get_mut("circuits") {
        for circuit in circuits.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(bandwidth) = circuit.remove("bandwidth") {
                circuit.entry("bandwidth_mbps").or_insert(bandwidth);
            }
        }
    }
    if let Some(Value::Object(layout)) = d.get_mut("layout") {
        if !layout.contains_key("positions") {
            let mut positions = Map::new();
            for (id, at) in std::mem::take(layout) {
                let point = match at.as_array().map(Vec::as_slice) {
                    Some([x, y]) => serde_json::json!({ "x": x, "y": y }),
                    _ => at,
                };
                positions.insert(id, point);
            }
            layout.insert("positions".into(), Value::Object(positions));
        }
    }
}

/// Writes a design file at the current version.
///
/// The output is deterministic, pretty-printed and ends with a newline, so
/// two saves of the same design are byte-identical and diff well.
pub fn save(design: &Design) -> String {
    let file = serde_json::json!({
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "design": design,
    });
    let mut text = serde_json::to_string_pretty(&file)
        .expect("a design holds only strings, numbers, maps and lists, which always serialise");
    text.push('\n');
    text
}
