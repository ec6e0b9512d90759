//! `cyberduty classify INCIDENT [--policy FILE] [--json]`, and `validate` for incidents. Only
//! rendering lives here: every verdict, reason and number comes from the core.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::incident::situations::ITEM_NUMERALS;
use cyberduty::domain::incident::wording;
use cyberduty::domain::incident::{self, field_label, Classification, Incident, Status};
use cyberduty::domain::incident::{AsOf, Policy};
use cyberduty::domain::json::Json;
use cyberduty::domain::rectification::{self, Ledger};
use std::ffi::OsString;
use std::fmt::Write;

pub fn run(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["policy", "ledger", "as-of"],
            flags: &["json"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("classify 需要且只需要一个事件文件");
    };
    let doc = match io::read_doc(file) {
        Ok(d) => d,
        Err(e) => return io::invalid(file, &e),
    };
    // Each file read and checked on its own, so a bad one is named as itself.
    let incident = match Incident::from_json(&doc) {
        Ok(i) => i,
        Err(e) => return io::invalid(file, &e),
    };
    let policy = match p.value("policy") {
        None => None,
        Some(f) => match io::read_doc(f).and_then(|d| Policy::from_json(&d)) {
            Ok(policy) => Some(policy),
            Err(e) => return io::invalid(f, &e),
        },
    };
    let as_of = match now(p.value("as-of"), p.value("ledger").is_some()) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let finding = match (p.value("ledger"), &as_of) {
        (Some(f), Some(a)) => match io::read_doc(f).and_then(|d| Ledger::from_json(&d)) {
            Ok(l) => Some(rectification::review(&l, a.date).article8_5),
            Err(e) => return io::invalid(f, &e),
        },
        _ => None,
    };
    let policy = policy.as_ref().unwrap_or_else(|| Policy::default_policy());
    let c = incident::classify_at(&incident, policy, finding.as_ref(), as_of.as_ref());
    if p.flag("json") {
        return io::print_json(&c);
    }
    print!("{}", render(&c));
    io::EXIT_OK
}

/// `validate` for a policy file (`cyberduty.policy/1` or `/2`).
pub fn validate_policy(file: &str, doc: &Json) -> i32 {
    match Policy::from_json(doc) {
        Ok(p) => {
            println!("{file}: 事件分级政策有效({},{})", p.title, p.id);
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}

/// `--as-of` (a date or a timestamp); with a ledger and no `--as-of`, today in Beijing time.
pub fn now(value: Option<&str>, ledger: bool) -> Result<Option<AsOf>, i32> {
    let text = match (value, ledger) {
        (Some(v), _) => v.to_string(),
        (None, true) => {
            let (y, m, d) = io::as_of(None)?;
            format!("{y:04}-{m:02}-{d:02}")
        }
        (None, false) => return Ok(None),
    };
    AsOf::parse(&text, "--as-of")
        .map(Some)
        .map_err(|e| io::invalid("--as-of", &e))
}

/// `validate` for an incident file.
pub fn validate(file: &str, doc: &Json) -> i32 {
    match Incident::from_json(doc) {
        Ok(i) => {
            let known = i.facts_known();
            println!(
                "{file}: 事件文件有效({},已填写 {known} 项事实)",
                i.title.as_deref().unwrap_or("未填写标题")
            );
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}

fn or_unknown(s: Option<&str>) -> &str {
    s.unwrap_or("未填写")
}

fn render(c: &Classification) -> String {
    let mut s = String::new();
    let e = &c.incident;
    let _ = writeln!(
        s,
        "网络安全事件研判 — {}",
        e.title.as_deref().unwrap_or("(未填写标题)")
    );
    let unit = match (e.unit.name.as_deref(), e.unit.level) {
        (None, None) => "未填写".to_string(),
        (name, Some(l)) => format!("{}({})", name.unwrap_or("未填写名称"), l.name_zh()),
        (Some(name), None) => format!("{name}(层级未填写)"),
    };
    let _ = writeln!(
        s,
        "单位:{unit}  类别:{}  涉事对象:{}",
        or_unknown(e.category.as_deref()),
        or_unknown(e.target.map(|t| t.name_zh())),
    );

    let _ = writeln!(
        s,
        "\n一、《党委(党组)网络安全工作责任制实施办法》第八条七种情形"
    );
    for t in &c.triggers {
        let n = ITEM_NUMERALS
            .get(usize::from(t.item).wrapping_sub(1))
            .copied()
            .unwrap_or("?");
        let _ = writeln!(s, "  ({n}) {}", t.status.name_zh());
        for r in &t.reasons {
            let _ = writeln!(s, "      · {r}");
        }
        if let (5, Some(l)) = (t.item, &c.ledger) {
            let _ = writeln!(s, "      整改台账:{}", l.status.name_zh());
            for r in &l.reasons {
                let _ = writeln!(s, "        - {r}");
            }
        }
        if !t.missing.is_empty() {
            let m: Vec<&str> = t.missing.iter().map(|f| field_label(f)).collect();
            let _ = writeln!(s, "      待补充事实:{}", m.join("、"));
        }
    }

    let a = &c.accountability;
    let _ = writeln!(s, "\n二、责任追究(第八条、第九条):{}", a.decision);
    if !a.chain.is_empty() {
        let _ = writeln!(s, "  逐级倒查:{}", a.chain.join(" → "));
    }
    if a.status != Status::NotMet {
        let _ = writeln!(
            s,
            "  综合协调或监管部门负责人:{}",
            incident::accountability::decision_words(a.supervisor)
        );
    }
    let _ = writeln!(
        s,
        "  集体责任:主要领导责任 — {};重要领导责任 — {}",
        a.collective.principal.join("、"),
        a.collective.important.join("、")
    );
    let _ = writeln!(
        s,
        "  实施问责:{};问责建议:{}",
        a.carried_out_by, a.recommended_by
    );
    let _ = writeln!(s, "  个人责任:{}", a.individual.join("、"));
    for r in &a.reasons {
        let _ = writeln!(s, "  · {r}");
    }
    let _ = writeln!(s, "  从轻或不予追究(第十一条):{}", a.leniency.result);
    for r in &a.leniency.reasons {
        let _ = writeln!(s, "  · {r}");
    }

    let g = &c.grade;
    let _ = writeln!(
        s,
        "\n三、事件分级:{}{}{}",
        if g.at_least { "至少" } else { "" },
        g.level.name_zh(),
        if g.draft {
            "(决定分级的门槛取自征求意见稿)"
        } else {
            ""
        }
    );
    for r in &g.reasons {
        let _ = writeln!(s, "  · {r}");
    }

    let r = &c.reporting;
    let required = match r.required {
        Some(true) => "须报告",
        Some(false) => "无须报告",
        None => "待定",
    };
    let deadline = r
        .deadline_minutes
        .map_or("待定".to_string(), wording::minutes);
    let within = r
        .reported_within_minutes
        .map_or("未知".to_string(), wording::minutes);
    let on_time = match r.on_time {
        Some(true) => "按时",
        Some(false) => "迟报",
        None => "—",
    };
    let _ = writeln!(s, "\n四、事件报告:{required}");
    if r.required != Some(false) {
        let _ = writeln!(
            s,
            "  首报时限:{deadline};报告用时:{within};是否按时:{on_time}"
        );
    } else {
        let _ = writeln!(s, "  报告用时:{within}");
    }
    for x in &r.reasons {
        let _ = writeln!(s, "  · {x}");
    }
    let _ = writeln!(
        s,
        "  报告清单{}:",
        r.as_of.as_deref().map_or(String::new(), |a| format!(
            "(截至 {})",
            wording::datetime(a)
        ))
    );
    for f in &r.forms {
        let filed = if f.filed_at.is_empty() {
            String::new()
        } else {
            let t: Vec<String> = f.filed_at.iter().map(|t| wording::datetime(t)).collect();
            format!(";已于 {} 报送", t.join("、"))
        };
        let late = if f.late == Some(true) {
            "(迟于时限)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  - {}:{}{late} — {}{filed}",
            f.name, f.status_name, f.due_text
        );
        for x in &f.reasons {
            let _ = writeln!(s, "      · {x}");
        }
    }

    if !c.warnings.is_empty() {
        let _ = writeln!(s, "\n五、需要核实的矛盾");
        for w in &c.warnings {
            let _ = writeln!(s, "  ! {}", w.message);
        }
    }
    let _ = writeln!(
        s,
        "\n所用政策:{}({}{})",
        c.policy.title,
        c.policy.id,
        if c.policy.shipped {
            ",随本工具发布"
        } else {
            ""
        }
    );
    for i in &c.interpretations {
        let _ = writeln!(
            s,
            "  {}「{}」:{}{}",
            incident::interpret::LABEL,
            i.term,
            i.rule,
            if i.used { "(本次研判用到)" } else { "" }
        );
    }
    s
}
