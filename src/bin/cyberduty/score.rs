//! `cyberduty score`, and `validate` for documents other than rubrics.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::exact::fixed2;
use cyberduty::domain::json::Json;
use cyberduty::domain::score::{self, Report, Status, VetoStatus};
use cyberduty::domain::vocabulary::veto_status_name;
use cyberduty::domain::whatif::{self, WhatIf};
use std::ffi::OsString;
use std::fmt::Write;

pub fn run(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["rubric", "ledger", "as-of"],
            flags: &["json", "what-if"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("score 需要且只需要一个自评表文件");
    };
    let rubric = match io::rubric(p.value("rubric")) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let doc = match io::read_doc(file) {
        Ok(d) => d,
        Err(e) => return io::invalid(file, &e),
    };
    if let Some(path) = p.value("ledger") {
        return suggestions(file, &doc, &rubric, path, p.value("as-of"), p.flag("json"));
    }
    if p.flag("what-if") {
        return match Assessment::from_json(&doc, &rubric)
            .and_then(|a| Ok((score::score(&rubric, &a)?, whatif::what_if(&rubric, &a)?)))
        {
            Ok((_, plan)) if p.flag("json") => io::print_json(&plan),
            Ok((report, plan)) => {
                print!("{}{}", render(&report), render_what_if(&plan));
                io::EXIT_OK
            }
            Err(e) => io::invalid(file, &e),
        };
    }
    match Assessment::from_json(&doc, &rubric).and_then(|a| score::score(&rubric, &a)) {
        Ok(report) if p.flag("json") => io::print_json(&report),
        Ok(report) => {
            print!("{}", render(&report));
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}

/// `score A --ledger L`: what the ledger suggests for the items that declare `from_ledger`,
/// counted over the assessment's period as of `--as-of` (the user confirms each in the page or
/// types it into the assessment; nothing is written).
fn suggestions(
    file: &str,
    doc: &Json,
    rubric: &cyberduty::domain::rubric::Rubric,
    path: &str,
    as_of: Option<&str>,
    json: bool,
) -> i32 {
    use cyberduty::domain::rectification::{suggest_for, Ledger};
    let today = match io::as_of(as_of) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let ledger = match io::read_doc(path).and_then(|d| Ledger::from_json(&d)) {
        Ok(l) => l,
        Err(e) => return io::invalid(path, &e),
    };
    let period = match Assessment::from_json(doc, rubric) {
        Ok(a) => a.period.unwrap_or_default(),
        Err(e) => return io::invalid(file, &e),
    };
    let list = match suggest_for(rubric, &ledger, &period, today) {
        Ok(l) => l,
        Err(e) => return io::invalid(file, &e),
    };
    if json {
        return io::print_json(&list);
    }
    if list.is_empty() {
        println!("细则中没有可由整改台账填写的指标(from_ledger)");
    }
    for s in &list {
        let title = rubric
            .items()
            .find(|(_, i)| i.id == s.item)
            .map_or(s.item.as_str(), |(_, i)| i.label());
        println!(
            "建议 {}({title}):{} 项 — {}",
            s.item, s.answer.count, s.reason
        );
    }
    io::EXIT_OK
}

/// `validate` for an assessment, against `--rubric` or the default rubric.
pub fn validate(file: &str, doc: &Json, rubric_path: Option<&str>) -> i32 {
    let rubric = match io::rubric(rubric_path) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match Assessment::from_json(doc, &rubric) {
        Ok(a) => {
            println!(
                "{file}: 自评表有效(细则 {} {},已作答 {} 项)",
                rubric.id,
                rubric.version,
                a.answers.len()
            );
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}

fn render(r: &Report) -> String {
    let mut s = String::new();
    let unit = r.unit.name.as_deref().unwrap_or("(未填写单位)");
    let period = r.period.as_deref().unwrap_or("(未填写考核期)");
    let _ = writeln!(s, "网络安全工作责任制检查考核得分 — {unit} {period}");
    let _ = writeln!(
        s,
        "细则:{} {}({})",
        r.rubric.id, r.rubric.version, r.rubric.digest
    );
    let _ = writeln!(
        s,
        "总分:{}(基础分 {} + 加分 {},满分 {})  等次:{}{}",
        fixed2(r.total.0),
        fixed2(r.base.0),
        fixed2(r.bonus.0),
        fixed2(r.max.0),
        r.grade,
        if r.vetoed { "(触发一票否决)" } else { "" }
    );
    let _ = writeln!(
        s,
        "作答进度:{}/{}{}",
        r.answered,
        r.answerable,
        if r.complete {
            ""
        } else {
            "(未完成,未作答项按 0 分计)"
        }
    );
    let _ = writeln!(s, "\n各维度:");
    for d in &r.dimensions {
        let att = d
            .attainment
            .map_or("—".to_string(), |a| format!("{}%", fixed2(a.0)));
        let _ = writeln!(
            s,
            "  {}  {} / {}(适用 {}) 达成率 {att}",
            d.title,
            fixed2(d.earned.0),
            fixed2(d.points.0),
            fixed2(d.applicable.0)
        );
    }
    for v in r.vetoes.iter().filter(|v| v.status != VetoStatus::Clear) {
        let what = veto_status_name(v.status);
        let _ = writeln!(s, "否决项 {what}:{}", v.title);
    }
    if !r.lost.is_empty() {
        let _ = writeln!(s, "\n失分明细(共 {} 项):", r.lost.len());
        for l in &r.lost {
            let _ = writeln!(s, "  -{} {}:{}", fixed2(l.points.0), l.title, l.explanation);
        }
    }
    let na: Vec<_> = r.items.iter().filter(|i| i.status == Status::Na).collect();
    if !na.is_empty() {
        let _ = writeln!(s, "\n不适用(不计入应得分):");
        for i in na {
            let _ = writeln!(
                s,
                "  {}:{}",
                i.title,
                i.explanation.as_deref().unwrap_or("")
            );
        }
    }
    s
}

fn render_what_if(w: &WhatIf) -> String {
    let mut s = format!("\n提升建议:{}\n", w.message);
    for step in &w.steps {
        let _ = writeln!(
            s,
            "  {}:{} → {}(该项加 {} 分)",
            step.title,
            step.from,
            step.to,
            fixed2(step.raised.0)
        );
    }
    s
}
