//! `cyberduty rubric` and `cyberduty validate`.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::document::{self, Kind};
use cyberduty::domain::rubric::{self, Rubric};
use std::ffi::OsString;

pub fn print_default(a: Vec<OsString>) -> i32 {
    match args::parse(
        a,
        &Spec {
            values: &[],
            flags: &[],
        },
    ) {
        Ok(p) if p.positional.is_empty() => {
            print!("{}", rubric::DEFAULT_JSON);
            io::EXIT_OK
        }
        Ok(_) => io::usage("rubric 命令不带参数"),
        Err(m) => io::usage(&m),
    }
}

pub fn validate(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["rubric"],
            flags: &[],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("validate 需要且只需要一个文件");
    };
    let doc = match io::read_doc(file) {
        Ok(d) => d,
        Err(e) => return io::invalid(file, &e),
    };
    let found = match document::kind_of(&doc) {
        Ok(f) => f,
        Err(e) => return io::invalid(file, &e),
    };
    match found.kind {
        Kind::Rubric => match Rubric::from_json(&doc) {
            Ok(r) => {
                println!(
                    "{file}: 考核细则有效({} {},{} 个指标,总分 {},摘要 {})",
                    r.id,
                    r.version,
                    r.items().count(),
                    cyberduty::domain::exact::trim2(r.total.0),
                    r.digest()
                );
                io::EXIT_OK
            }
            Err(e) => io::invalid(file, &e),
        },
        Kind::Export => crate::export::validate(file, &doc, p.value("rubric")),
        Kind::Assessment => crate::score::validate(file, &doc, p.value("rubric")),
        Kind::Incident => crate::classify::validate(file, &doc),
        Kind::Pubkey | Kind::Roster => crate::roster::validate(file, &doc, found.kind),
        Kind::Rectification => crate::ledger::validate(file, &doc),
        Kind::Policy => crate::classify::validate_policy(file, &doc),
        _ => io::invalid(
            file,
            &document::wrong_kind(&found, "可检查的文件(考核细则、自评表、事件文件或上报文件)"),
        ),
    }
}
