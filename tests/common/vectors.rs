//! The one golden-vector runner. Layout: `tests/vectors/<kind>/<case>/` holds the case's input files
//! and its expected output (`expected.json`, or `expected.cyberduty.json` for a sealed export). Each
//! kind in tests/vectors.rs says how its inputs become output; this file finds the cases, compares
//! the output with the expected files byte for byte, and applies the one update rule:
//!
//! `UPDATE_VECTORS=1 cargo test --test vectors` rewrites every expected file from the current
//! output. Review `git diff tests/vectors` by hand before committing: each change is a change in
//! what another implementation must produce.
#![allow(dead_code)]

use cyberduty::domain::json::{self, Json};
use std::path::{Path, PathBuf};

/// The variable that turns checking into rewriting.
pub const UPDATE: &str = "UPDATE_VECTORS";

/// `tests/vectors`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

/// One file of one case, e.g. `path("score", "01-full-marks", "rubric.json")`.
pub fn path(kind: &str, case: &str, file: &str) -> PathBuf {
    root().join(kind).join(case).join(file)
}

/// The same as a string, for command lines.
pub fn arg(kind: &str, case: &str, file: &str) -> String {
    path(kind, case, file).to_string_lossy().into_owned()
}

/// One case folder.
pub struct Case {
    pub kind: String,
    pub name: String,
    pub dir: PathBuf,
}

impl Case {
    pub fn has(&self, file: &str) -> bool {
        self.dir.join(file).is_file()
    }

    pub fn bytes(&self, file: &str) -> Vec<u8> {
        let p = self.dir.join(file);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn text(&self, file: &str) -> String {
        String::from_utf8(self.bytes(file))
            .unwrap_or_else(|_| panic!("{}/{}/{file}: not UTF-8", self.kind, self.name))
    }

    /// The file read the way the library reads untrusted input.
    pub fn json(&self, file: &str) -> Json {
        json::parse(&self.bytes(file))
            .unwrap_or_else(|e| panic!("{}/{}/{file}: {e}", self.kind, self.name))
    }
}

/// Every case of a kind, in name order.
pub fn cases(kind: &str) -> Vec<Case> {
    let dir = root().join(kind);
    let mut cases: Vec<Case> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .map(|p| Case {
            kind: kind.to_string(),
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            dir: p,
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// A value as the expected files hold it: pretty JSON (keys sorted), one final newline.
pub fn pretty<T: serde::Serialize>(v: &T) -> String {
    let v = serde_json::to_value(v).expect("output serializes");
    serde_json::to_string_pretty(&v).expect("pretty JSON") + "\n"
}

/// Run every case of `kind` (at least `min_cases` of them) through `produce`, which returns each
/// expected file's name and the text now produced for it, or an error message. Checks every case
/// and then fails once, listing every mismatch; with `UPDATE_VECTORS=1` rewrites the expected files
/// instead. A file named `expected*` that `produce` does not return is reported as stale.
pub fn check<F>(kind: &str, min_cases: usize, produce: F)
where
    F: Fn(&Case) -> Result<Vec<(&'static str, String)>, String>,
{
    let update = std::env::var(UPDATE).is_ok_and(|v| v == "1");
    let cases = cases(kind);
    assert!(
        cases.len() >= min_cases,
        "at least {min_cases} {kind} vectors expected under {}, found {}",
        root().join(kind).display(),
        cases.len()
    );
    let mut failures = Vec::new();
    let mut updated = Vec::new();
    for case in &cases {
        let id = format!("tests/vectors/{kind}/{}", case.name);
        let outputs = match produce(case) {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("{id}: no output: {e}"));
                continue;
            }
        };
        for stale in expected_files(case)
            .into_iter()
            .filter(|f| !outputs.iter().any(|(name, _)| name == f))
        {
            failures.push(format!("{id}/{stale}: stale, nothing produces it"));
        }
        for (file, got) in outputs {
            let p = case.dir.join(file);
            let want = std::fs::read(&p).ok();
            if want.as_deref() == Some(got.as_bytes()) {
                continue;
            }
            if update {
                std::fs::write(&p, &got).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                updated.push(format!("{id}/{file}"));
                continue;
            }
            failures.push(match want {
                None => format!("{id}/{file}: missing"),
                Some(w) => format!(
                    "{id}/{file} differs:\n{}",
                    diff(&String::from_utf8_lossy(&w), &got)
                ),
            });
        }
    }
    for u in &updated {
        eprintln!("{UPDATE}: rewrote {u}");
    }
    assert!(
        failures.is_empty(),
        "{} {kind} vector(s) fail:\n\n{}\n\nIf the change is intended: {UPDATE}=1 cargo test --test vectors, \
         then review git diff tests/vectors before committing.",
        failures.len(),
        failures.join("\n\n")
    );
}

fn expected_files(case: &Case) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(&case.dir)
        .expect("case folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("expected"))
        .collect();
    v.sort();
    v
}

/// A short line diff: the lines around the first difference, `-` expected and `+` produced, the
/// common lines before and after left out except for two of context.
pub fn diff(want: &str, got: &str) -> String {
    const CONTEXT: usize = 2;
    const SHOWN: usize = 12;
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let head = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let tail = w[head..]
        .iter()
        .rev()
        .zip(g[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = Vec::new();
    let from = head.saturating_sub(CONTEXT);
    out.push(format!("@@ line {} @@", head + 1));
    for l in &w[from..head] {
        out.push(format!("  {l}"));
    }
    let section = |sign: char, lines: &[&str], out: &mut Vec<String>| {
        for l in lines.iter().take(SHOWN) {
            out.push(format!("{sign} {l}"));
        }
        if lines.len() > SHOWN {
            out.push(format!("{sign} … {} more line(s)", lines.len() - SHOWN));
        }
    };
    section('-', &w[head..w.len() - tail], &mut out);
    section('+', &g[head..g.len() - tail], &mut out);
    for l in w[w.len() - tail..].iter().take(CONTEXT) {
        out.push(format!("  {l}"));
    }
    if want.lines().eq(got.lines()) {
        out.push("  (same lines; the line endings or the final newline differ)".into());
    }
    out.join("\n")
}
