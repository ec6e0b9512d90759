//! The `cyberduty` binary as a user runs it: its exit code, stdout and stderr, and input files
//! written to a scratch folder.

use std::process::{Command, Output};

pub fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cyberduty"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// Exit code (-1 when killed by a signal), stdout and stderr as text.
pub fn out(o: &Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Exit code, stdout as bytes (a CSV's BOM must survive) and stderr as text.
pub fn bin_raw(args: &[&str]) -> (i32, Vec<u8>, String) {
    let o = bin(args);
    (
        o.status.code().unwrap_or(-1),
        o.stdout,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Write `bytes` to `name` in this test binary's scratch folder and return the path.
pub fn tmp(name: &str, bytes: impl AsRef<[u8]>) -> String {
    let dir = std::env::temp_dir().join(format!(
        "cyberduty-{}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p.to_string_lossy().into_owned()
}
