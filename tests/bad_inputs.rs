//! The bad-input catalogue (tests/bad_inputs/<kind>/<CODE>--<what>.json) through the CLI: every
//! file exits 1 with its code on stderr and no panic. The same files go through the wasm binding
//! in tests/node/bad_inputs.test.mjs.

mod common;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The command that reads a file as the given kind.
fn args_for(kind: &str, file: &str) -> Vec<String> {
    let any_assessment = common::vectors::path("score", "01-full-marks", "assessment.json");
    match kind {
        "rubric" => vec![
            "score".into(),
            any_assessment.to_string_lossy().into(),
            "--rubric".into(),
            file.into(),
        ],
        "assessment" => vec!["score".into(), file.into()],
        "incident" => vec!["classify".into(), file.into()],
        "export" | "pubkey" | "roster" => vec!["validate".into(), file.into()],
        // Opened with the fixture key's passphrase (CYBERDUTY_PASSPHRASE, set in `run`).
        "key" => vec!["pubkey".into(), file.into()],
        other => panic!("unknown catalogue kind {other}"),
    }
}

fn run(kind: &str, file: &str) -> (Option<i32>, String) {
    let args = args_for(kind, file);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cyberduty"))
        .args(&args)
        .env("CYBERDUTY_PASSPHRASE", "correct horse battery")
        .output()
        .expect("binary runs");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn every_catalogued_input_is_refused_with_its_code() {
    let mut count = 0;
    let mut failures = Vec::new();
    for kind in [
        "rubric",
        "assessment",
        "incident",
        "export",
        "pubkey",
        "roster",
        "key",
    ] {
        let dir = root().join("bad_inputs").join(kind);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let code = name.split("--").next().unwrap();
            let (status, stderr) = run(kind, &f.to_string_lossy());
            count += 1;
            if status != Some(1)
                || !stderr.contains(&format!("[{code}]"))
                || stderr.contains("panicked")
            {
                failures.push(format!(
                    "{kind}/{name}: exit {status:?}, stderr: {}",
                    stderr.trim()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} catalogue files misbehaved:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count >= 40, "only {count} catalogue files");
}

#[test]
fn inputs_over_the_size_limit_are_refused_before_parsing() {
    let dir = std::env::temp_dir().join(format!("cyberduty-bad-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.json");
    // Valid JSON, just too large: a reader that parsed first would accept it.
    let mut text = String::from("{\"schema\":\"cyberduty.rubric/1\",\"description\":\"");
    text.push_str(&"x".repeat(cyberduty::domain::json::MAX_INPUT_BYTES));
    text.push_str("\"}");
    std::fs::write(&big, text).unwrap();
    for kind in ["rubric", "assessment", "incident"] {
        let (status, stderr) = run(kind, &big.to_string_lossy());
        assert_eq!(status, Some(1), "{kind}: {stderr}");
        assert!(
            stderr.contains("[E_INPUT_TOO_LARGE]") && stderr.contains("16 MiB"),
            "{kind}: {stderr}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
