//! The 问责建议书 draft (`cyberduty.proposal/1`): what a 网信办 may send, under Article 9, to the
//! party organisation with management authority and the 纪委(纪检组) when an Article 8 situation
//! is met. Built from a classification (never decides anything of its own beyond applying
//! Article 9 to the people the user named) and always marked as a draft for a human decision.
//! No situation met → `E_PROPOSAL_NOT_MET`, saying why.

use super::accountability::{
    decision_words, Leniency, IMPORTANT_SHARE, PRINCIPAL_SHARE, SUPERVISOR,
};
use super::clock::AsOf;
use super::conflicts::Warning;
use super::interpret::InForce;
use super::model::{Incident, OutageScope};
use super::record::{Person, Role};
use super::situations::{citation, ITEM_TEXTS};
use super::tri::Status;
use super::{classify_documents_at, field_label, Classification, Echo};
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact;
use crate::domain::json::{self, Json};
use crate::domain::vocabulary;
use serde::Serialize;

pub const SCHEMA: &str = "cyberduty.proposal/1";

pub const DRAFT_NOTICE: &str = "本建议书是本工具依据所填事实生成的草稿,不是问责决定。是否问责、追究谁的何种责任,由有管理权限的党组织依据有关规定研究决定;各项事实须经核实后方可使用。";
pub const SENDER: &str = "网络安全和信息化委员会办公室(网信办)";
pub const ARTICLE9: &str = concat!(responsibility_measures!(), "第九条");

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub schema: &'static str,
    pub title: String,
    /// It is a draft for a human decision.
    pub draft_notice: &'static str,
    /// The party organisation with management authority, and the 纪委(纪检组) (Art. 9).
    pub addressees: Vec<String>,
    pub sender: &'static str,
    pub incident: Echo,
    /// The facts as entered, in words (`label`, `value`).
    pub facts: Vec<FactLine>,
    /// Each situation met, with its text and citation.
    pub situations: Vec<SituationMet>,
    /// 逐级倒查 (Art. 8), with the 综合协调或监管部门负责人 where 协调监管不力.
    pub chain: Vec<&'static str>,
    /// Article 9 applied to the people named.
    pub people: Vec<Share>,
    /// Roles in the chain no named person holds.
    pub unnamed: Vec<&'static str>,
    pub responsibility: Vec<String>,
    /// 2025 Measures Art. 11.
    pub leniency: Leniency,
    /// What the proposal asks for, paragraph by paragraph.
    pub recommendations: Vec<String>,
    /// 「本工具解释」 the situations relied on.
    pub interpretations: Vec<InForce>,
    pub warnings: Vec<Warning>,
    pub signature: Signature,
    pub basis: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactLine {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SituationMet {
    pub item: u8,
    pub citation: String,
    pub text: &'static str,
    pub reasons: Vec<String>,
}

/// One named person's share under Article 9.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub name: String,
    pub post: Option<String>,
    pub role: Role,
    pub role_name: &'static str,
    pub took_part_in_decision: Option<bool>,
    /// 主要领导责任 or 重要领导责任 when collective responsibility is pursued; null otherwise.
    pub collective: Option<&'static str>,
    /// The person's own responsibility in the words of Arts. 2, 8 and 9.
    pub individual: &'static str,
    /// 应当追究, 不予追究 or 待定.
    pub decision: &'static str,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub sender: &'static str,
    pub seal: &'static str,
    pub date: &'static str,
}

/// The role a link of the chain names.
fn chain_role(link: &str) -> Option<Role> {
    match link {
        "当事人" => Some(Role::PersonInvolved),
        "网络安全负责人" => Some(Role::SecurityOfficer),
        "主要负责人" => Some(Role::Principal),
        SUPERVISOR => Some(Role::SupervisorHead),
        _ => None,
    }
}

fn share(p: &Person, c: &Classification) -> Share {
    let a = &c.accountability;
    let mut reasons = Vec::new();
    let (collective, individual, decision) = match p.role {
        Role::Principal => (Some(PRINCIPAL_SHARE), "第一责任人", a.decision),
        Role::LeaderInCharge => (Some(PRINCIPAL_SHARE), "直接责任人", a.decision),
        Role::OtherMember => {
            match p.took_part_in_decision {
                Some(true) => (Some(IMPORTANT_SHARE), "参与相关工作决策", a.decision),
                Some(false) => {
                    reasons.push("未参与相关工作决策,不承担集体责任中的重要领导责任;本人另有过错的,另行认定。".to_string());
                    (None, "未参与相关工作决策", decision_words(Status::NotMet))
                }
                None => {
                    reasons.push(
                        "是否参与相关工作决策未填写:参与的承担重要领导责任(第九条)。".to_string(),
                    );
                    (
                        None,
                        "是否参与决策待查",
                        decision_words(Status::Undetermined),
                    )
                }
            }
        }
        Role::SecurityOfficer => (None, "逐级倒查对象(第八条)", a.decision),
        Role::PersonInvolved => (None, "直接责任(对本人行为负责)", a.decision),
        Role::SupervisorHead => (None, "协调监管不力的责任(第八条)", a.supervisor_decision),
    };
    match collective {
        Some(k) => reasons.push(format!(
            "追究集体责任时,{}承担{k}(第九条)。",
            p.role.name_zh()
        )),
        None if p.role == Role::SupervisorHead && a.supervisor != Status::Met => {
            reasons.push(format!(
                "「{}」为{}。",
                field_label("facts.supervision_inadequate"),
                match a.supervisor {
                    Status::NotMet => "否,不追究综合协调或监管部门负责人责任",
                    _ => "未知;属实的,还应当追究综合协调或监管部门负责人责任",
                }
            ))
        }
        None => {}
    }
    Share {
        name: p.name.clone(),
        post: p.post.clone(),
        role: p.role,
        role_name: p.role.name_zh(),
        took_part_in_decision: p.took_part_in_decision,
        collective,
        individual,
        decision,
        reasons,
    }
}

/// The facts entered, in the order of the vocabulary, as a reader of the proposal sees them.
fn fact_lines(doc: &Json, i: &Incident, c: &Classification) -> Vec<FactLine> {
    let line = |label: &str, value: String| FactLine {
        label: label.to_string(),
        value,
    };
    let mut out = Vec::new();
    if let Some(n) = &i.unit.name {
        out.push(line("发生事件的单位", n.clone()));
    }
    if let Some(l) = i.unit.level {
        out.push(line(field_label("unit.level"), l.name_zh().to_string()));
    }
    if let Some(cat) = &i.category {
        out.push(line("事件类别", cat.clone()));
    }
    if let Some(t) = i.target {
        out.push(line(field_label("target"), t.name_zh().to_string()));
    }
    let g = &c.grade;
    out.push(line(
        "事件分级",
        format!(
            "{}{}",
            if g.at_least { "至少" } else { "" },
            g.level.name_zh()
        ),
    ));
    let t = &i.timeline;
    for (key, ts) in [
        ("timeline.occurred_at", &t.occurred_at),
        ("timeline.discovered_at", &t.discovered_at),
        ("timeline.reported_at", &t.reported_at),
        ("timeline.resolved_at", &t.resolved_at),
    ] {
        if let Some(ts) = ts {
            out.push(line(field_label(key), super::wording::datetime(&ts.text)));
        }
    }
    let facts = match doc {
        Json::Obj(fields) => fields.iter().find(|(k, _)| k == "facts").map(|(_, v)| v),
        _ => None,
    };
    let Some(Json::Obj(facts)) = facts else {
        return out;
    };
    for spec in vocabulary::vocabulary().facts {
        let Some((_, v)) = facts.iter().find(|(k, _)| k == spec.key) else {
            continue;
        };
        let value = match v {
            Json::Bool(b) => (if *b { "是" } else { "否" }).to_string(),
            Json::Num(_) => json::number(v, "").map_or(String::new(), |n| {
                format!("{} {}", exact::display(&n), spec.unit.unwrap_or(""))
                    .trim_end()
                    .to_string()
            }),
            Json::Str(s) => [OutageScope::Full, OutageScope::MainFunctions]
                .iter()
                .find(|o| o.key() == s)
                .map_or(s.clone(), |o| o.name_zh().to_string()),
            _ => continue,
        };
        out.push(line(spec.label, value));
    }
    out
}

/// Draft the proposal from an incident and its classification.
pub fn draft(doc: &Json, i: &Incident, c: &Classification) -> Result<Proposal> {
    let a = &c.accountability;
    if a.status != Status::Met {
        let why = match a.status {
            Status::Undetermined => {
                let mut missing: Vec<&str> = Vec::new();
                for m in c.triggers.iter().flat_map(|t| t.missing.iter()) {
                    if !missing.contains(&field_label(m)) {
                        missing.push(field_label(m));
                    }
                }
                format!(
                    "{},尚无一种情形已经符合;请先查明:{}",
                    c.summary.text,
                    missing.join("、")
                )
            }
            _ => "七种情形均不符合(不构成第八条情形)".to_string(),
        };
        return Err(Error::new(
            Code::ProposalNotMet,
            "$",
            format!("只有符合《实施办法》第八条规定的情形时才能起草问责建议书:{why}。"),
        ));
    }
    let unit = i
        .unit
        .name
        .clone()
        .unwrap_or_else(|| "(单位名称未填写)".to_string());
    let situations: Vec<SituationMet> = c
        .triggers
        .iter()
        .filter(|t| t.status == Status::Met)
        .map(|t| SituationMet {
            item: t.item,
            citation: citation(u64::from(t.item)),
            text: ITEM_TEXTS
                .get(usize::from(t.item).wrapping_sub(1))
                .copied()
                .unwrap_or(""),
            reasons: t.reasons.clone(),
        })
        .collect();
    let people: Vec<Share> = i.people.iter().map(|p| share(p, c)).collect();
    let unnamed: Vec<&'static str> = a
        .chain
        .iter()
        .copied()
        .filter(|link| chain_role(link).is_some_and(|r| !i.people.iter().any(|p| p.role == r)))
        .collect();
    let mut recommendations = vec![format!(
        "{unit}发生的网络安全事件{},建议按照{ARTICLE9}的规定,实事求是,分清集体责任和个人责任,逐级倒查,依据有关规定追究{}的责任。",
        c.summary.text,
        a.chain.join("、")
    )];
    if !people.is_empty() {
        recommendations.push("对下列人员的责任建议见“责任划分”表。".to_string());
    }
    if !unnamed.is_empty() {
        recommendations.push(format!(
            "{}尚未填写具体人员,请核实后补充。",
            unnamed.join("、")
        ));
    }
    if a.leniency.status != Status::NotMet {
        recommendations.push(format!(
            "从轻或不予追究:{}。{}",
            a.leniency.result,
            a.leniency.reasons.join("")
        ));
    }
    recommendations.push("请将处理结果反馈本办。".to_string());
    Ok(Proposal {
        schema: SCHEMA,
        title: format!(
            "关于对{unit}{}有关责任人员进行问责的建议(草稿)",
            i.title
                .as_deref()
                .map_or("网络安全事件".to_string(), |t| format!("“{t}”事件"))
        ),
        draft_notice: DRAFT_NOTICE,
        addressees: vec![
            format!("对{unit}领导班子有管理权限的党委(党组)"),
            "纪委(纪检组)".to_string(),
        ],
        sender: SENDER,
        incident: c.incident.clone(),
        facts: fact_lines(doc, i, c),
        situations,
        chain: a.chain.clone(),
        people,
        unnamed,
        responsibility: a.reasons.clone(),
        leniency: a.leniency.clone(),
        recommendations,
        interpretations: c
            .interpretations
            .iter()
            .filter(|x| x.used)
            .cloned()
            .collect(),
        warnings: c.warnings.clone(),
        signature: Signature {
            sender: SENDER,
            seal: "(盖章)",
            date: "年  月  日",
        },
        basis: vec![
            concat!(responsibility_measures!(), "第八条、第九条").to_string(),
            concat!(reporting_measures!(), "(2025)第十一条").to_string(),
        ],
    })
}

/// Read the documents and draft the proposal: the one entry point of `propose` and the page.
pub fn propose_documents(
    doc: &Json,
    policy: Option<&Json>,
    ledger: Option<&Json>,
    as_of: Option<&AsOf>,
) -> Result<Proposal> {
    let c = classify_documents_at(doc, policy, ledger, as_of)?;
    let i = Incident::from_json(doc)?;
    draft(doc, &i, &c)
}
