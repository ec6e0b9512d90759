//! `cyberduty ledger LEDGER [--as-of DATE] [--json]`: a 整改台账 reviewed as of a date. Rendering
//! only; every state, count and sentence comes from the core.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::period::date_zh;
use cyberduty::domain::rectification::{review_document, Ledger, Review};
use std::ffi::OsString;
use std::fmt::Write;

pub fn run(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["as-of"],
            flags: &["json"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("ledger 需要且只需要一个整改台账文件");
    };
    let today = match io::as_of(p.value("as-of")) {
        Ok(d) => d,
        Err(code) => return code,
    };
    match io::read_doc(file).and_then(|d| review_document(&d, today)) {
        Ok(r) if p.flag("json") => io::print_json(&r),
        Ok(r) => {
            print!("{}", render(&r.ledger, &r.review));
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}

fn render(l: &Ledger, r: &Review) -> String {
    let mut s = String::new();
    let unit = l.unit.name.as_deref().unwrap_or("(未填写单位)");
    let _ = writeln!(
        s,
        "整改台账 — {unit}(截至 {}):共 {} 项,逾期 {} 项,即将到期 {} 项",
        date_zh(r.as_of.0),
        r.entries.len(),
        r.overdue,
        r.due_soon
    );
    for (e, x) in l.entries.iter().zip(&r.entries) {
        let _ = writeln!(
            s,
            "  [{}] {} {}({}{}):{}",
            x.state_name,
            e.id,
            e.problem,
            e.notifier.as_deref().unwrap_or(e.notified_by.name_zh()),
            e.notice_no
                .as_deref()
                .map(|n| format!(" {n}"))
                .unwrap_or_default(),
            x.message
        );
    }
    let a = &r.article8_5;
    let _ = writeln!(
        s,
        "\n{}「不及时整改并造成严重后果」:{}",
        a.citation,
        a.status.name_zh()
    );
    for reason in &a.reasons {
        let _ = writeln!(s, "  {reason}");
    }
    s
}

/// `validate` for a 整改台账.
pub fn validate(file: &str, doc: &cyberduty::domain::json::Json) -> i32 {
    match Ledger::from_json(doc) {
        Ok(l) => {
            println!("{file}: 整改台账有效(共 {} 项)", l.entries.len());
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}
