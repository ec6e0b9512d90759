//! The national grade under the 2025 《网络安全事件分级指南》: for each criterion of the policy
//! table, which tiers the known facts certainly reach and which they might reach once unknown facts
//! are known; the grade is the highest tier certainly reached (一般 when none reaches 较大), and
//! `at_least` says that unknown facts could raise it.

use crate::domain::exact::Exact;
use crate::domain::incident::atoms::{at_least, flag, num, shown, target_in, unknown};
use crate::domain::incident::interpret::{scope_cond, LABEL};
use crate::domain::incident::level::GradeLevel;
use crate::domain::incident::model::{field_label, Incident, OutageScope, Target};
use crate::domain::incident::policy::{GradingRow, Policy, Provenance};
use crate::domain::incident::tri::{Cond, Tri};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub level: GradeLevel,
    /// Unknown facts could raise the grade: read it as 「至少」.
    pub at_least: bool,
    /// Every criterion that reached this grade did so through a threshold from the 2023 draft, or
    /// in a scope (which targets and levels) not seen in the final text.
    pub draft: bool,
    pub reasons: Vec<String>,
    /// Ids of the policy's readings (「本工具解释」) the deciding or open criteria rely on.
    pub interpretations: Vec<String>,
}

/// A grade and the highest grade the unknown facts still allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graded {
    pub grade: Grade,
    pub highest_possible: GradeLevel,
}

/// One criterion: for each tier, whether it is reached, and the provenance of the threshold used.
struct Criterion<'p> {
    name: &'p str,
    /// Larger, Major, EspeciallyMajor.
    tiers: Vec<(GradeLevel, Cond, Provenance, Line<'p>)>,
    /// The field whose number is measured (to explain a value below 较大).
    measure: &'static str,
    /// The measured number is known and above zero.
    positive: bool,
    /// An extra sentence for the reasons (a part of the criterion not modelled, or why it does
    /// not apply).
    note: Option<String>,
}

/// How a tier's threshold reads, written only for the tiers a reason shows: every classification
/// evaluates three tiers of every row and shows one or two (the strings were ~5 % of `classify()`).
#[derive(Clone, Copy)]
enum Line<'p> {
    /// A row's line at a tier, after the outage's scope for CII's two rows.
    Row(Option<OutageScope>, &'p GradingRow, GradeLevel),
    /// Both CII lines, when the outage's scope is unknown.
    Both(&'p GradingRow, &'p GradingRow, GradeLevel),
    None,
}

impl Line<'_> {
    fn text(self) -> String {
        match self {
            Line::Row(None, row, l) => threshold_text(row, l),
            Line::Row(Some(scope), row, l) => {
                [scope.name_zh(), " ", &threshold_text(row, l)].concat()
            }
            Line::Both(full, main, l) => [
                Line::Row(Some(OutageScope::Full), full, l).text(),
                Line::Row(Some(OutageScope::MainFunctions), main, l).text(),
            ]
            .join("、"),
            Line::None => String::new(),
        }
    }
}

impl Criterion<'_> {
    fn reached(&self) -> GradeLevel {
        self.tiers
            .iter()
            .filter(|(_, c, _, _)| c.eval() == Tri::True)
            .map(|(l, _, _, _)| *l)
            .max()
            .unwrap_or(GradeLevel::General)
    }

    fn possible(&self) -> GradeLevel {
        self.tiers
            .iter()
            .filter(|(_, c, _, _)| c.eval() != Tri::False)
            .map(|(l, _, _, _)| *l)
            .max()
            .unwrap_or(GradeLevel::General)
    }

    fn tier(&self, l: GradeLevel) -> Option<&(GradeLevel, Cond, Provenance, Line<'_>)> {
        self.tiers.iter().find(|(x, _, _, _)| *x == l)
    }
}

/// A tier's line and its provenance (a line from the final text applied in a scope that was not
/// seen in it is still a draft).
fn threshold(row: &GradingRow, l: GradeLevel) -> (Exact, Provenance) {
    match row.tier(l) {
        Some(t) if t.scope.status == Provenance::Draft => (t.min.clone(), Provenance::Draft),
        Some(t) => (t.min.clone(), t.status),
        // Unreachable with a validated table (three tiers are required).
        None => (Exact::from_integer(0.into()), Provenance::Draft),
    }
}

/// A tier's description: scope, line, and whether the scope was seen in the final text.
fn threshold_text(row: &GradingRow, l: GradeLevel) -> String {
    match row.tier(l) {
        Some(t) => {
            let scope = match (&t.scope.applies_to, t.scope.status) {
                (None, Provenance::Final) => String::new(),
                (_, Provenance::Final) => ["适用于", &t.scope.text, ","].concat(),
                (_, Provenance::Draft) => {
                    ["适用范围:", &t.scope.text, "(未能核实正式文本),"].concat()
                }
            };
            let reading = if t.scope.reading.is_some() {
                ["范围的读法为", LABEL, ","].concat()
            } else {
                String::new()
            };
            [&scope, &reading, "≥ ", &num(&t.min), " ", &row.unit].concat()
        }
        None => String::new(),
    }
}

/// The condition that the incident falls within a tier's scope (none when the tier applies to
/// any target).
fn in_scope(i: &Incident, row: &GradingRow, l: GradeLevel) -> Option<Cond> {
    let t = row.tier(l)?;
    let entries = t.scope.applies_to.as_ref()?;
    Some(scope_cond(
        entries,
        &t.scope.text,
        i,
        t.scope.reading.as_deref(),
    ))
}

fn scoped(i: &Incident, row: &GradingRow, l: GradeLevel, c: Cond) -> Cond {
    match in_scope(i, row, l) {
        Some(s) => Cond::All(vec![s, c]),
        None => c,
    }
}

/// A criterion that is one number against the row's three thresholds, if `applies`.
fn numeric<'p>(
    i: &Incident,
    row: &'p GradingRow,
    value: Option<Exact>,
    field: &'static str,
    what: &'static str,
    unit: &'static str,
) -> Criterion<'p> {
    let tiers = GradeLevel::TIERS
        .iter()
        .map(|&l| {
            let (min, status) = threshold(row, l);
            let c = at_least(value.as_ref(), field, min, what, unit);
            (l, scoped(i, row, l, c), status, Line::Row(None, row, l))
        })
        .collect();
    Criterion {
        name: &row.criterion,
        tiers,
        measure: field,
        positive: value.is_some_and(|v| v > Exact::from_integer(0.into())),
        note: None,
    }
}

fn positive(v: Option<&Exact>) -> bool {
    v.is_some_and(|v| *v > Exact::from_integer(0.into()))
}

fn exact_count(n: Option<u64>) -> Option<Exact> {
    n.map(|n| Exact::from_integer(n.into()))
}

fn portal<'p>(i: &Incident, row: &'p GradingRow) -> Criterion<'p> {
    let mut c = numeric(
        i,
        row,
        i.facts.outage_hours.clone(),
        "facts.outage_hours",
        "无法访问",
        "小时",
    );
    let sites = [Target::PartyGovPortal, Target::KeyNewsSite];
    if i.target.is_some_and(|t| !sites.contains(&t)) {
        // Neither kind of site: one sentence for every tier.
        for t in &mut c.tiers {
            t.1 = target_in(i.target, &sites, "党政机关门户网站、重点新闻网站");
        }
    }
    c
}

/// CII outage: whole-system and main-function outages have different lines; when the scope is
/// unknown, a tier is reached only if both lines are met, and excluded only if neither is.
fn cii<'p>(i: &Incident, full: &'p GradingRow, main: &'p GradingRow) -> Criterion<'p> {
    let hours = i.facts.outage_hours.as_ref();
    let hours_shown = shown(hours);
    let scope = i.facts.outage_scope;
    let tiers = GradeLevel::TIERS
        .iter()
        .map(|&l| {
            let (fmin, fstat) = threshold(full, l);
            let (mmin, mstat) = threshold(main, l);
            let (cond, status, desc) = match (scope, &hours_shown) {
                (Some(s), _) => {
                    let (row, min, status) = match s {
                        OutageScope::Full => (full, fmin, fstat),
                        OutageScope::MainFunctions => (main, mmin, mstat),
                    };
                    let c = at_least(hours, "facts.outage_hours", min, s.name_zh(), "小时");
                    (c, status, Line::Row(Some(s), row, l))
                }
                (None, None) => (
                    unknown(&["facts.outage_hours", "facts.outage_scope"]),
                    fstat,
                    Line::None,
                ),
                (None, Some(h)) => {
                    let h_text = h.text.as_str();
                    let both = Line::Both(full, main, l);
                    let status = if fstat == Provenance::Draft || mstat == Provenance::Draft {
                        Provenance::Draft
                    } else {
                        Provenance::Final
                    };
                    let c = if *h.value >= fmin && *h.value >= mmin {
                        Cond::atom(
                            Tri::True,
                            &["facts.outage_hours"],
                            ["中断 ", h_text, " 小时,无论整体还是主要功能中断均已达到"].concat(),
                        )
                    } else if *h.value < fmin && *h.value < mmin {
                        Cond::atom(
                            Tri::False,
                            &["facts.outage_hours"],
                            ["中断 ", h_text, " 小时,无论整体还是主要功能中断均未达到"].concat(),
                        )
                    } else {
                        Cond::atom(
                            Tri::Unknown,
                            &["facts.outage_scope"],
                            ["未知:中断 ", h_text, " 小时是整体中断还是主要功能中断"].concat(),
                        )
                    };
                    (c, status, both)
                }
            };
            let cond = Cond::All(vec![
                target_in(i.target, &[Target::Cii], "关键信息基础设施"),
                cond,
            ]);
            (l, cond, status, desc)
        })
        .collect();
    Criterion {
        name: "关键信息基础设施中断运行",
        tiers,
        measure: "facts.outage_hours",
        positive: positive(hours),
        note: None,
    }
}

fn criteria<'p>(i: &Incident, policy: &'p Policy) -> Vec<Criterion<'p>> {
    let f = &i.facts;
    let mut out = Vec::new();
    if let Some(r) = policy.grading_row("portal_outage") {
        out.push(portal(i, r));
    }
    if let (Some(full), Some(main)) = (
        policy.grading_row("cii_outage_full"),
        policy.grading_row("cii_outage_main_functions"),
    ) {
        out.push(cii(i, full, main));
    }
    if let Some(r) = policy.grading_row("people_affected") {
        let mut c = numeric(
            i,
            r,
            exact_count(f.people_affected),
            "facts.people_affected",
            "受影响",
            "人",
        );
        if c.positive && c.reached() < GradeLevel::EspeciallyMajor {
            c.note = r.tier(GradeLevel::EspeciallyMajor).and_then(|t| {
                t.note
                    .as_ref()
                    .map(|n| format!("受影响人数的特别重大标准另有:{n}。"))
            });
        }
        out.push(c);
    }
    if let Some(r) = policy.grading_row("personal_info_leak") {
        out.push(numeric(
            i,
            r,
            exact_count(f.personal_info_leaked_persons),
            "facts.personal_info_leaked_persons",
            "个人信息泄露",
            "人",
        ));
    }
    // Spread of tampered content.
    let spread: [(&str, &'static str, Option<Exact>, &str, &str); 4] = [
        (
            "spread_homepage",
            "facts.spread_homepage_hours",
            f.spread_homepage_hours.clone(),
            "在首页传播",
            "小时",
        ),
        (
            "spread_other_pages",
            "facts.spread_other_pages_hours",
            f.spread_other_pages_hours.clone(),
            "在其他页面传播",
            "小时",
        ),
        (
            "spread_reposts",
            "facts.reposts",
            exact_count(f.reposts),
            "转发",
            "次",
        ),
        (
            "spread_views",
            "facts.views",
            exact_count(f.views),
            "浏览或点击",
            "次",
        ),
    ];
    for (id, field, value, what, unit) in spread {
        let Some(r) = policy.grading_row(id) else {
            continue;
        };
        let shown = positive(value.as_ref());
        let mut c = numeric(i, r, value, field, what, unit);
        // Only tampered content counts: the criterion holds only if the site was tampered.
        for t in &mut c.tiers {
            let rest = std::mem::replace(&mut t.1, Cond::All(Vec::new()));
            t.1 = Cond::All(vec![
                flag(f.tampered, "facts.tampered", "被攻击篡改", "未被篡改"),
                rest,
            ]);
        }
        if f.tampered == Some(false) && shown {
            c.note = Some(format!(
                "{}:网站未被篡改,已填写的{}不计入分级。",
                r.criterion,
                field_label(field)
            ));
        }
        out.push(c);
    }
    if let Some(r) = policy.grading_row("economic_loss") {
        out.push(numeric(
            i,
            r,
            f.economic_loss_yuan.clone(),
            "facts.economic_loss_yuan",
            "直接经济损失",
            "元",
        ));
    }
    out
}

fn labels(fields: &[&'static str]) -> String {
    fields
        .iter()
        .map(|f| field_label(f))
        .collect::<Vec<_>>()
        .join("、")
}

/// Grade the incident; `conflicts` are facts that contradict each other or the timeline (each with
/// the sentence its criteria show), left unknown.
pub fn evaluate(i: &Incident, policy: &Policy, conflicts: &[(&'static str, String)]) -> Graded {
    let mut cs = criteria(i, policy);
    if !conflicts.is_empty() {
        for c in &mut cs {
            for t in &mut c.tiers {
                t.1.apply_conflicts(conflicts);
            }
        }
    }
    // Each criterion's tiers evaluated once: (criterion, reached, possible).
    let cs: Vec<(Criterion, GradeLevel, GradeLevel)> = cs
        .into_iter()
        .map(|c| {
            let (r, p) = (c.reached(), c.possible());
            (c, r, p)
        })
        .collect();
    let level = cs.iter().map(|c| c.1).max().unwrap_or(GradeLevel::General);
    let highest_possible = cs
        .iter()
        .map(|c| c.2)
        .max()
        .unwrap_or(GradeLevel::General)
        .max(level);
    let at_least = highest_possible > level;
    let deciding: Vec<&Criterion> = cs
        .iter()
        .filter(|c| level > GradeLevel::General && c.1 == level)
        .map(|c| &c.0)
        .collect();
    let draft = !deciding.is_empty()
        && deciding
            .iter()
            .all(|c| c.tier(level).is_some_and(|t| t.2 == Provenance::Draft));

    let mut reasons = vec![[
        "事件分级:",
        if at_least { "至少" } else { "" },
        level.name_zh(),
        "。依据《国家网络安全事件报告管理办法》附件《网络安全事件分级指南》(2025),取各项标准达到的最高等级;「以上」均含本数。",
    ]
    .concat()];
    for (c, reached, _) in &cs {
        let reached = *reached;
        if reached == GradeLevel::General {
            continue;
        }
        if let Some((l, cond, status, desc)) = c.tier(reached) {
            let facts: Vec<_> = cond.deciding().iter().map(|a| a.text()).collect();
            reasons.push(
                [
                    c.name,
                    "——",
                    &facts.join(";"),
                    ";对应",
                    l.name_zh(),
                    "标准(",
                    &desc.text(),
                    ";",
                    status.name_zh(),
                    ")。",
                ]
                .concat(),
            );
        }
    }
    if draft {
        reasons.push(
            [
                "决定本分级(",
                level.name_zh(),
                ")的门槛或适用范围取自 2023 年《网络安全事件报告管理办法(征求意见稿)》,正式文本可能不同,请对照正式文本核实。",
            ]
            .concat(),
        );
    }
    if level == GradeLevel::General {
        for (c, _, possible) in &cs {
            if *possible != GradeLevel::General {
                continue;
            }
            // Explain a measured value that stayed below 较大.
            if let Some((_, cond, status, desc)) = c.tier(GradeLevel::Larger) {
                let deciding = cond.deciding();
                let only_measure =
                    !deciding.is_empty() && deciding.iter().all(|a| *a.fields == [c.measure]);
                if only_measure && c.positive {
                    let facts: Vec<_> = deciding.iter().map(|a| a.text()).collect();
                    reasons.push(
                        [
                            c.name,
                            "——",
                            &facts.join(";"),
                            ";未达到较大标准(",
                            &desc.text(),
                            ";",
                            status.name_zh(),
                            ")。",
                        ]
                        .concat(),
                    );
                }
            }
        }
        reasons.push("各项标准均未确定达到较大:按「较大以下、仍有一定影响」定为一般。".to_string());
    }
    for (c, _, possible) in &cs {
        let possible = *possible;
        if possible <= level {
            continue;
        }
        if let Some((_, cond, _, _)) = c.tier(possible) {
            reasons.push(
                [
                    c.name,
                    "——",
                    &labels(&cond.missing()),
                    "未知,可能达到",
                    possible.name_zh(),
                    "。",
                ]
                .concat(),
            );
        }
    }
    reasons.extend(cs.iter().filter_map(|c| c.0.note.clone()));
    // Readings that decided the grade, or that an open criterion turns on.
    let mut interpretations: Vec<String> = Vec::new();
    for (c, reached, possible) in &cs {
        // The tiers reached or open, and 较大 (which says why nothing was reached).
        for l in [*reached, *possible, GradeLevel::Larger] {
            if let Some((_, cond, _, _)) = c.tier(l) {
                for b in cond.basis() {
                    if !interpretations.contains(&b) {
                        interpretations.push(b);
                    }
                }
            }
        }
    }
    for q in &policy.qualitative {
        let [l, m, e] = &q.tiers;
        reasons.push(
            [
                &q.criterion,
                "为定性标准(较大:",
                l,
                ";重大:",
                m,
                ";特别重大:",
                e,
                "):",
                &q.note,
                "。",
            ]
            .concat(),
        );
    }
    Graded {
        grade: Grade {
            level,
            at_least,
            draft,
            reasons,
            interpretations,
        },
        highest_possible,
    }
}
