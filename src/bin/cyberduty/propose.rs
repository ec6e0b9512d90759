//! `cyberduty propose INCIDENT [--ledger L --as-of D] [--policy P] [--json]`: the 问责建议书 draft
//! (`cyberduty.proposal/1`). Only rendering lives here; the core drafts it or refuses with
//! `E_PROPOSAL_NOT_MET`.

use crate::args::{self, Spec};
use crate::classify::now;
use crate::io;
use cyberduty::domain::incident::proposal::{self, Proposal};
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
        return io::usage("propose 需要且只需要一个事件文件");
    };
    let read = |f: &str| io::read_doc(f).map_err(|e| io::invalid(f, &e));
    let doc = match read(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut others = Vec::new();
    for f in [p.value("policy"), p.value("ledger")] {
        others.push(match f.map(read).transpose() {
            Ok(d) => d,
            Err(code) => return code,
        });
    }
    let as_of = match now(p.value("as-of"), p.value("ledger").is_some()) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let r =
        proposal::propose_documents(&doc, others[0].as_ref(), others[1].as_ref(), as_of.as_ref());
    match r {
        Ok(pr) if p.flag("json") => io::print_json(&pr),
        Ok(pr) => {
            print!("{}", render(&pr));
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}

fn render(p: &Proposal) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}\n", p.title);
    let _ = writeln!(s, "【{}】\n", p.draft_notice);
    let _ = writeln!(s, "{}:\n", p.addressees.join("、"));
    let _ = writeln!(s, "一、事件基本情况");
    for f in &p.facts {
        let _ = writeln!(s, "  {}:{}", f.label, f.value);
    }
    let _ = writeln!(s, "\n二、符合的情形");
    for t in &p.situations {
        let _ = writeln!(s, "  {}:{}", t.citation, t.text);
        for r in &t.reasons {
            let _ = writeln!(s, "    · {r}");
        }
    }
    let _ = writeln!(s, "\n三、责任追究");
    let _ = writeln!(s, "  逐级倒查:{}", p.chain.join(" → "));
    for r in &p.responsibility {
        let _ = writeln!(s, "  · {r}");
    }
    if !p.people.is_empty() {
        let _ = writeln!(s, "\n  责任划分:");
        for x in &p.people {
            let _ = writeln!(
                s,
                "  - {}({},{}):{};{}{}",
                x.name,
                x.post.as_deref().unwrap_or("职务未填写"),
                x.role_name,
                x.decision,
                x.individual,
                x.collective
                    .map_or(String::new(), |c| format!(";集体责任中承担{c}"))
            );
            for r in &x.reasons {
                let _ = writeln!(s, "      · {r}");
            }
        }
    }
    let _ = writeln!(s, "\n四、从轻或不予追究:{}", p.leniency.result);
    for r in &p.leniency.reasons {
        let _ = writeln!(s, "  · {r}");
    }
    let _ = writeln!(s, "\n五、建议");
    for r in &p.recommendations {
        let _ = writeln!(s, "  {r}");
    }
    if !p.warnings.is_empty() {
        let _ = writeln!(s, "\n需要核实的矛盾:");
        for w in &p.warnings {
            let _ = writeln!(s, "  ! {}", w.message);
        }
    }
    for i in &p.interpretations {
        let _ = writeln!(s, "\n{}「{}」:{}", i.label, i.term, i.rule);
    }
    let _ = writeln!(s, "\n依据:{}", p.basis.join(";"));
    let _ = writeln!(
        s,
        "\n{}{}\n{}",
        p.signature.sender, p.signature.seal, p.signature.date
    );
    s
}
