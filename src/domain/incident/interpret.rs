//! What the regulation leaves to reading, as data of the policy table: the **scope** of a grading
//! tier (which targets and unit levels it applies to), this tool's **readings** of Article 8's
//! wording (one per phrase, shared by the situation and the grade), and **interpretations** of
//! Article 8's vague terms (a number borrowed from the grading guide that decides 「大面积」「重大」).
//! None of these is the regulation's text: every sentence that relies on one says 「本工具解释」.
//! With no interpretation enabled, a term is the yes/no fact the user answers.

use crate::domain::assessment::Level;
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::Exact;
use crate::domain::incident::atoms::{flag, level_in, num, target_in};
use crate::domain::incident::model::{field_label, Facts, Incident, Target};
use crate::domain::incident::policy::{non_negative, provenance, Policy, Provenance};
use crate::domain::incident::tri::{Cond, Tri};
use crate::domain::json::{self, index_path, Json};
use serde::Serialize;

/// The label every output puts on a sentence that relies on a reading or an interpretation.
pub const LABEL: &str = "本工具解释";

/// Readings the classifier needs; a policy must state each.
pub const READING_IDS: [&str; 1] = ["prefecture_and_above_sites"];

/// The yes/no facts an interpretation may decide, the measured fact it reads, and how a sentence
/// names that measure.
pub const INTERPRETABLE: [(&str, &str, &str); 4] = [
    (
        "harmful_info_spread_widely",
        "views",
        "被篡改信息浏览或点击",
    ),
    (
        "personal_info_leak_large_scale",
        "personal_info_leaked_persons",
        "个人信息泄露",
    ),
    ("wide_public_impact", "people_affected", "受影响"),
    ("major_economic_loss", "economic_loss_yuan", "直接经济损失"),
];

/// One kind of site or system a tier applies to, optionally only at some unit levels, or only a
/// 超大型 platform.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeEntry {
    pub target: Target,
    pub levels: Option<Vec<Level>>,
    pub very_large: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// Whether the scope itself was seen in the final text.
    pub status: Provenance,
    pub text: String,
    /// The reading whose `applies_to` this scope takes.
    pub reading: Option<String>,
    /// `None`: any target.
    pub applies_to: Option<Vec<ScopeEntry>>,
}

impl Scope {
    pub fn any(status: Provenance) -> Scope {
        Scope {
            status,
            text: "不限对象".to_string(),
            reading: None,
            applies_to: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub id: String,
    pub phrase: String,
    pub reading: String,
    pub applies_to: Vec<ScopeEntry>,
    pub reasoning: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Interpretation {
    pub id: String,
    pub term: String,
    pub item: u8,
    /// The yes/no fact it decides (a key of `facts`).
    pub fact: &'static str,
    /// The measured fact it reads.
    pub measure: &'static str,
    pub min: Exact,
    pub unit: String,
    /// Whether the borrowed number is in a final text or a draft.
    pub status: Provenance,
    pub enabled: bool,
    pub rule: String,
    pub reasoning: String,
    pub source: String,
}

/// What the classification lists: each reading and enabled interpretation in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InForce {
    pub id: String,
    /// 「本工具解释」, the words every output puts on it.
    pub label: &'static str,
    /// `reading` or `interpretation`.
    pub kind: &'static str,
    pub term: String,
    pub rule: String,
    pub reasoning: String,
    pub source: String,
    /// Some sentence of this classification relied on it.
    pub used: bool,
}

pub fn in_force(policy: &Policy, used: &[String]) -> Vec<InForce> {
    let readings = policy.readings.iter().map(|r| InForce {
        id: r.id.clone(),
        label: LABEL,
        kind: "reading",
        term: r.phrase.clone(),
        rule: r.reading.clone(),
        reasoning: r.reasoning.clone(),
        source: r.source.clone(),
        used: used.contains(&r.id),
    });
    let interps = policy
        .interpretations
        .iter()
        .filter(|i| i.enabled)
        .map(|i| InForce {
            id: i.id.clone(),
            label: LABEL,
            kind: "interpretation",
            term: i.term.clone(),
            rule: i.rule.clone(),
            reasoning: i.reasoning.clone(),
            source: format!("{}({})", i.source, i.status.name_zh()),
            used: used.contains(&i.id),
        });
    readings.chain(interps).collect()
}

// ---- reading the policy file ----------------------------------------------------------------

fn read_entries(v: &[Json], path: &str) -> Result<Vec<ScopeEntry>> {
    let mut out = Vec::new();
    for (i, e) in v.iter().enumerate() {
        let p = index_path(path, i);
        let e = json::object(e, &p, &["target", "levels", "very_large"])?;
        let t = e.req_str("target")?;
        let target = Target::ALL
            .iter()
            .find(|(k, _, _)| *k == t)
            .map(|(_, x, _)| *x)
            .ok_or_else(|| {
                Error::new(
                    Code::FieldRange,
                    e.at("target"),
                    format!("未知的对象类型 “{t}”"),
                )
            })?;
        let levels = match e.opt("levels") {
            Some(l) => {
                let mut ls = Vec::new();
                for (j, x) in json::array(l, &e.at("levels"))?.iter().enumerate() {
                    ls.push(Level::parse(x, &index_path(&e.at("levels"), j))?);
                }
                Some(ls)
            }
            None => None,
        };
        out.push(ScopeEntry {
            target,
            levels,
            very_large: e.opt_bool("very_large")?.unwrap_or(false),
        });
    }
    Ok(out)
}

pub fn read_scope(v: &Json, path: &str) -> Result<Scope> {
    let s = json::object(v, path, &["status", "text", "reading", "applies_to"])?;
    let applies_to = match s.opt("applies_to") {
        Some(a) => Some(read_entries(
            json::array(a, &s.at("applies_to"))?,
            &s.at("applies_to"),
        )?),
        None => None,
    };
    Ok(Scope {
        status: provenance(&s)?,
        text: s.req_text("text")?,
        reading: s.opt_str("reading")?,
        applies_to,
    })
}

pub fn read_readings(v: &[Json], path: &str) -> Result<Vec<Reading>> {
    let mut out = Vec::new();
    for (i, r) in v.iter().enumerate() {
        let p = index_path(path, i);
        let r = json::object(
            r,
            &p,
            &[
                "id",
                "phrase",
                "reading",
                "applies_to",
                "reasoning",
                "source",
            ],
        )?;
        out.push(Reading {
            id: r.req_text("id")?,
            phrase: r.req_text("phrase")?,
            reading: r.req_text("reading")?,
            applies_to: read_entries(r.req_arr("applies_to")?, &r.at("applies_to"))?,
            reasoning: r.req_text("reasoning")?,
            source: r.req_text("source")?,
        });
    }
    Ok(out)
}

fn interpretable(fact: &str, measure: &str) -> Option<(&'static str, &'static str)> {
    INTERPRETABLE
        .iter()
        .find(|(f, m, _)| *f == fact && *m == measure)
        .map(|(f, m, _)| (*f, *m))
}

pub fn read_interpretations(v: &[Json], path: &str) -> Result<Vec<Interpretation>> {
    let mut out = Vec::new();
    for (i, r) in v.iter().enumerate() {
        let p = index_path(path, i);
        let r = json::object(
            r,
            &p,
            &[
                "id",
                "term",
                "item",
                "fact",
                "measure",
                "min",
                "unit",
                "status",
                "enabled",
                "rule",
                "reasoning",
                "source",
            ],
        )?;
        let (fact, measure) = (r.req_str("fact")?, r.req_str("measure")?);
        let Some((fact, measure)) = interpretable(fact, measure) else {
            let pairs: Vec<String> = INTERPRETABLE
                .iter()
                .map(|(f, m, _)| format!("{f} ← {m}"))
                .collect();
            return Err(Error::new(
                Code::FieldRange,
                r.at("fact"),
                format!(
                    "本工具不能用 “{measure}” 解释 “{fact}”;可用的组合:{}",
                    pairs.join("、")
                ),
            ));
        };
        let item = json::count(r.req("item")?, &r.at("item"))?;
        out.push(Interpretation {
            id: r.req_text("id")?,
            term: r.req_text("term")?,
            item: u8::try_from(item).unwrap_or(0),
            fact,
            measure,
            min: non_negative(&r, "min")?,
            unit: r.req_text("unit")?,
            status: provenance(&r)?,
            enabled: r.opt_bool("enabled")?.unwrap_or(true),
            rule: r.req_text("rule")?,
            reasoning: r.req_text("reasoning")?,
            source: r.req_text("source")?,
        });
    }
    Ok(out)
}

/// A `cyberduty.policy/1` file's `article8` lines: what that file stated, kept on (as it was), but
/// labelled as interpretations from now on.
pub fn from_article8_rows(v: &[Json], path: &str) -> Result<Vec<Interpretation>> {
    let mut out = Vec::new();
    for (i, r) in v.iter().enumerate() {
        let p = index_path(path, i);
        let r = json::object(
            r,
            &p,
            &["id", "item", "criterion", "min", "unit", "status", "source"],
        )?;
        let id = r.req_text("id")?;
        let (fact, measure, term) = match id.as_str() {
            "personal_info_large_scale" => (
                "personal_info_leak_large_scale",
                "personal_info_leaked_persons",
                "大面积个人信息泄露",
            ),
            "major_economic_loss" => ("major_economic_loss", "economic_loss_yuan", "重大经济损失"),
            _ => continue,
        };
        out.push(Interpretation {
            term: term.to_string(),
            item: u8::try_from(json::count(r.req("item")?, &r.at("item"))?).unwrap_or(0),
            fact,
            measure,
            min: non_negative(&r, "min")?,
            unit: r.req_text("unit")?,
            status: provenance(&r)?,
            enabled: true,
            rule: r.req_text("criterion")?,
            reasoning: "取自 cyberduty.policy/1 文件的第八条认定线".to_string(),
            source: r.req_text("source")?,
            id,
        });
    }
    Ok(out)
}

/// Give every tier scope that names a reading that reading's `applies_to`.
pub fn resolve_readings(policy: &mut Policy) -> Result<()> {
    let readings = policy.readings.clone();
    for (i, row) in policy.grading.iter_mut().enumerate() {
        for t in &mut row.tiers {
            if let Some(id) = &t.scope.reading {
                let r = readings.iter().find(|r| &r.id == id).ok_or_else(|| {
                    Error::new(
                        Code::FieldRange,
                        index_path("$.grading", i),
                        format!("适用范围引用了不存在的读法 “{id}”"),
                    )
                })?;
                t.scope.applies_to = Some(r.applies_to.clone());
            }
        }
    }
    Ok(())
}

// ---- evaluation --------------------------------------------------------------------------------

/// `中央`, `省级以上`, `地市级以上` … for a set of levels.
fn levels_desc(levels: &[Level]) -> String {
    let top = Level::ALL
        .iter()
        .take_while(|(_, l, _)| levels.contains(l))
        .count();
    match top {
        n if n == levels.len() && n == 1 => "中央".to_string(),
        n if n == levels.len() && n > 1 => [Level::ALL[n - 1].1.name_zh(), "以上"].concat(),
        _ => levels
            .iter()
            .map(|l| l.name_zh())
            .collect::<Vec<_>>()
            .join("、"),
    }
}

/// Whether the incident falls within `entries` (target, unit level, 超大型), as a condition. `ids`
/// names the reading used, so the sentence can say so.
pub fn scope_cond(entries: &[ScopeEntry], desc: &str, i: &Incident, reading: Option<&str>) -> Cond {
    let set: Vec<Target> = entries.iter().map(|e| e.target).collect();
    let label = |c: Cond| match reading {
        Some(id) => c.with_basis(id, &["(范围按", LABEL, ":", desc, ")"].concat()),
        None => c,
    };
    if let Some(t) = i.target.filter(|t| !set.contains(t)) {
        return target_in(Some(t), &set, desc);
    }
    // Target in the set, or unknown: any entry (for that target) whose other conditions hold.
    let parts: Vec<Cond> = entries
        .iter()
        .filter(|e| i.target.is_none_or(|t| t == e.target))
        .map(|e| {
            let mut all = vec![target_in(i.target, &[e.target], desc)];
            if let Some(ls) = &e.levels {
                let c = level_in(i.unit.level, ls, &levels_desc(ls));
                // Whether the level binds a portal is not in doubt; the reading decides only
                // whether it binds the other kinds of site.
                all.push(if e.target == Target::PartyGovPortal {
                    c
                } else {
                    label(c)
                });
            }
            if e.very_large {
                all.push(flag(
                    i.facts.very_large_platform,
                    "facts.very_large_platform",
                    "属于超大型网络平台",
                    "不属于超大型网络平台",
                ));
            }
            Cond::All(all)
        })
        .collect();
    Cond::Any(parts)
}

/// The measured value an interpretation reads.
pub fn measure(f: &Facts, key: &str) -> Option<Exact> {
    let n = |v: Option<u64>| v.map(|n| Exact::from_integer(n.into()));
    match key {
        "views" => n(f.views),
        "personal_info_leaked_persons" => n(f.personal_info_leaked_persons),
        "people_affected" => n(f.people_affected),
        "economic_loss_yuan" => f.economic_loss_yuan.clone(),
        _ => None,
    }
}

fn path(fact: &'static str) -> &'static str {
    crate::domain::incident::model::fact_path(fact)
}

/// A term of Article 8 (`fact`, e.g. `personal_info_leak_large_scale`): the user's answer when
/// given; else the enabled interpretations of the policy; else a measured zero rules it out (no
/// leak is no large leak); else it stays unknown and the sentence says it needs a human answer.
pub fn term(
    i: &Incident,
    policy: &Policy,
    fact: &'static str,
    given: Option<bool>,
    yes: &'static str,
    no: &'static str,
) -> Cond {
    let fpath = path(fact);
    if given.is_some() {
        return flag(given, fpath, yes, no);
    }
    let what = |m: &str| {
        INTERPRETABLE
            .iter()
            .find(|(f, x, _)| *f == fact && *x == m)
            .map_or("", |(_, _, w)| *w)
    };
    let unit_of = |m: &str| match m {
        "economic_loss_yuan" => "元",
        "views" => "次",
        _ => "人",
    };
    let interps = policy.interpretations_of(fact);
    let mut below = Vec::new();
    for it in &interps {
        let mpath = path(it.measure);
        let Some(v) = measure(&i.facts, it.measure) else {
            continue;
        };
        let basis = [
            LABEL,
            ":",
            &it.rule,
            "(借用",
            &it.source,
            ",",
            it.status.name_zh(),
            ";非第八条原文)",
        ]
        .concat();
        let text = |verb: &str, then: &str| {
            let (value, min) = (num(&v), num(&it.min));
            [
                what(it.measure),
                " ",
                &value,
                " ",
                &it.unit,
                verb,
                " ",
                &min,
                " ",
                &it.unit,
                ",按",
                &basis,
                ",认定",
                then,
            ]
            .concat()
        };
        if v >= it.min {
            return Cond::atom(Tri::True, &[fpath, mpath], text(",达到", yes))
                .with_basis(&it.id, "");
        }
        below.push((it.id.clone(), mpath, text(",不足", no)));
    }
    if !interps.is_empty() && below.len() == interps.len() {
        let fields: Vec<&'static str> = std::iter::once(fpath)
            .chain(below.iter().map(|b| b.1))
            .collect();
        let text: Vec<String> = below.iter().map(|b| b.2.clone()).collect();
        let mut c = Cond::atom(Tri::False, &fields, text.join(";"));
        for b in &below {
            c = c.with_basis(&b.0, "");
        }
        return c;
    }
    // No interpretation decided it.
    let measured: Vec<(&'static str, Exact)> = INTERPRETABLE
        .iter()
        .filter(|(f, _, _)| *f == fact)
        .filter_map(|(_, m, _)| measure(&i.facts, m).map(|v| (path(m), v)))
        .collect();
    // No leak is no large leak. (Zero views, people or direct loss do not rule the other terms
    // out: spread, impact and loss can come by ways those counts do not measure.)
    let zero = Exact::from_integer(0.into());
    let strict = fact == "personal_info_leak_large_scale";
    if let Some((mpath, _)) = measured.iter().find(|(_, v)| strict && *v == zero) {
        let m = mpath.trim_start_matches("facts.");
        return Cond::atom(
            Tri::False,
            &[fpath, mpath],
            format!("{} 0 {},据此认定{no}", what(m), unit_of(m)),
        );
    }
    let known: Vec<String> = measured
        .iter()
        .map(|(p, v)| {
            let m = p.trim_start_matches("facts.");
            [what(m), " ", &num(v), " ", unit_of(m)].concat()
        })
        .collect();
    let text = if known.is_empty() {
        ["未知:", field_label(fpath)].concat()
    } else {
        [
            "未知:",
            field_label(fpath),
            "(",
            &known.join("、"),
            ";第八条未规定数量标准,当前政策未启用解释,须由人工认定)",
        ]
        .concat()
    };
    // With interpretations enabled, their unknown measures could decide it too.
    let mut fields: Vec<&'static str> = vec![fpath];
    for it in &interps {
        let m = path(it.measure);
        if !fields.contains(&m) {
            fields.push(m);
        }
    }
    Cond::atom(Tri::Unknown, &fields, text)
}
