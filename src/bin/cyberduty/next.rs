//! `cyberduty next` and `next-ledger`: start the next assessment period from this one.

use crate::args::{self, Spec};
use crate::export::write;
use crate::io;
use cyberduty::domain::next_period::next_assessment;
use cyberduty::domain::rectification::{next_ledger, Ledger};
use std::ffi::OsString;
use std::path::Path;

/// Print `doc` as JSON, or write it to `-o` (never over an existing file without `--force`).
fn emit<T: serde::Serialize>(doc: &T, output: Option<&str>, force: bool) -> i32 {
    let Some(path) = output else {
        return io::print_json(doc);
    };
    let text = match serde_json::to_string_pretty(doc) {
        Ok(t) => t + "\n",
        Err(e) => {
            eprintln!("cyberduty: {e}");
            return io::EXIT_INVALID;
        }
    };
    match write(Path::new(path), text.as_bytes(), force) {
        Ok(()) => io::EXIT_OK,
        Err(e) => {
            eprintln!("{path}: {e}");
            io::EXIT_INVALID
        }
    }
}

pub fn assessment(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["period", "rubric", "output"],
            flags: &["force"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("next 需要且只需要一个自评表文件");
    };
    let Some(period) = p.value("period") else {
        return io::usage("next 需要 --period 下一考核期(如 2026)");
    };
    let rubric = match io::rubric(p.value("rubric")) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match io::read_doc(file).and_then(|d| next_assessment(&d, &rubric, period)) {
        Ok(next) => {
            let carried = next.carried.as_ref().map_or(0, |c| c.answers.len());
            let code = emit(&next, p.value("output"), p.flag("force"));
            if code == io::EXIT_OK && p.value("output").is_some() {
                println!(
                    "已开始考核期 {}:作答已全部清空,{carried} 项的上期备注和证明材料名称保留供参考",
                    next.period.as_deref().unwrap_or_default()
                );
            }
            code
        }
        Err(e) => io::invalid(file, &e),
    }
}

pub fn ledger(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["output"],
            flags: &["force"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("next-ledger 需要且只需要一个整改台账文件");
    };
    match io::read_doc(file).and_then(|d| Ledger::from_json(&d)) {
        Ok(l) => {
            let (next, dropped) = next_ledger(&l);
            let code = emit(&next, p.value("output"), p.flag("force"));
            if code == io::EXIT_OK && p.value("output").is_some() {
                println!(
                    "已结转整改台账:保留未办结事项 {} 项,已反馈的 {dropped} 项不再结转",
                    next.entries.len()
                );
            }
            code
        }
        Err(e) => io::invalid(file, &e),
    }
}
