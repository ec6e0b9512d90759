//! Who answers for the incident: Article 8's chapeau (逐级倒查 from the 当事人 up to the 主要负责人,
//! plus the head of the coordinating or supervising department where supervision was weak),
//! Article 9 (collective and individual responsibility, who carries accountability out), and the
//! leniency of the 2025 reporting Measures, Art. 11 (see [`Leniency`]).

use crate::domain::incident::atoms::flag;
use crate::domain::incident::model::{field_label, Incident};
use crate::domain::incident::policy::Policy;
use crate::domain::incident::reporting::Reporting;
use crate::domain::incident::situations::{citations, Trigger};
use crate::domain::incident::tri::{Cond, Status, Tri};
use serde::Serialize;

/// Article 9's shares of collective responsibility, as the classification, the proposal and the
/// page name them.
pub const PRINCIPAL_SHARE: &str = "主要领导责任";
pub const IMPORTANT_SHARE: &str = "重要领导责任";
pub const INDIVIDUAL_SHARE: &str = "个人责任";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accountability {
    /// met if any situation is met, not_met if all are not met, otherwise undetermined.
    pub status: Status,
    /// Items (1–7) that are met.
    pub items_met: Vec<u8>,
    /// Items (1–7) still undetermined.
    pub items_undetermined: Vec<u8>,
    /// 逐级倒查: who is held responsible, from the person directly involved up; empty when not met.
    pub chain: Vec<&'static str>,
    /// Whether the head of the 综合协调或监管部门 is also held responsible (协调监管不力):
    /// accountability AND facts.supervision_inadequate.
    pub supervisor: Status,
    /// 是否追究责任 in the words a decision uses: 应当追究, 不予追究 or 待定.
    pub decision: &'static str,
    /// `supervisor` in the same words.
    pub supervisor_decision: &'static str,
    /// Article 9, collective responsibility.
    pub collective: Collective,
    /// Article 9, individual responsibility: who answers for their own part (roles of Art. 2).
    pub individual: Vec<&'static str>,
    /// The 2025 Measures, Art. 11: may be reduced or not pursued.
    pub leniency: Leniency,
    /// Article 9: who carries accountability out, and who may recommend it.
    pub carried_out_by: &'static str,
    pub recommended_by: &'static str,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Collective {
    /// 主要领导责任.
    pub principal: Vec<&'static str>,
    /// 重要领导责任.
    pub important: Vec<&'static str>,
}

/// The 2025 《国家网络安全事件报告管理办法》 Art. 11: all four conditions met → the
/// responsibility of the units and persons involved 可视情从轻或不予追究.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leniency {
    /// met: all four conditions hold; not_met: one fails; undetermined otherwise.
    pub status: Status,
    /// 可视情从轻或不予追究, 不适用从轻或不予追究, or 待定.
    pub result: &'static str,
    pub basis: &'static str,
    /// Input fields whose answer could still change the result.
    pub missing: Vec<String>,
    pub reasons: Vec<String>,
}

pub const LENIENCY_BASIS: &str = "《国家网络安全事件报告管理办法》(2025)第十一条:已采取合理必要的防护措施,按照预案处置,有效降低影响,并按时报告的,可视情从轻或不予追究相关单位和人员责任";

/// 是否追究责任 as a decision writes it.
pub fn decision_words(s: Status) -> &'static str {
    match s {
        Status::Met => "应当追究",
        Status::NotMet => "不予追究",
        Status::Undetermined => "待定",
    }
}

pub const CHAIN: [&str; 3] = ["当事人", "网络安全负责人", "主要负责人"];
pub const SUPERVISOR: &str = "综合协调或监管部门负责人";

pub fn evaluate(
    triggers: &[Trigger],
    i: &Incident,
    reporting: &Reporting,
    report_conflict: Option<&str>,
    policy: &Policy,
) -> Accountability {
    let supervision_inadequate = i.facts.supervision_inadequate;
    let reporting_required = reporting.required;
    let status = Tri::any_of(triggers.iter().map(|t| t.status.tri())).status();
    let with = |s: Status| -> Vec<u8> {
        triggers
            .iter()
            .filter(|t| t.status == s)
            .map(|t| t.item)
            .collect()
    };
    let items_met = with(Status::Met);
    let items_undetermined = with(Status::Undetermined);
    let supervision = Tri::from_opt(supervision_inadequate);
    let supervisor = Tri::all(&[status.tri(), supervision]).status();

    let mut chain: Vec<&'static str> = Vec::new();
    let mut reasons = Vec::new();
    match status {
        Status::Met => {
            chain.extend(CHAIN);
            reasons.push(
                [
                    "符合",
                    &citations(&items_met),
                    ",各级党委(党组)应当逐级倒查,追究当事人、网络安全负责人至主要负责人责任(第八条)。",
                ]
                .concat(),
            );
        }
        Status::Undetermined => {
            reasons.push(
                [
                    &citations(&items_undetermined),
                    "是否符合尚待认定;一经认定,各级党委(党组)应当逐级倒查,追究当事人、网络安全负责人至主要负责人责任(第八条)。在此之前不列问责对象。",
                ]
                .concat(),
            );
        }
        Status::NotMet => reasons.push(
            "七种情形均不符合,本事件不触发第八条的逐级倒查;但违反或者未能正确履行《实施办法》所列职责的,仍按照有关规定追究相关责任(第八条)。"
                .to_string(),
        ),
    }
    if status != Status::NotMet {
        match supervision_inadequate {
            Some(true) => {
                if status == Status::Met {
                    chain.push(SUPERVISOR);
                }
                reasons.push(
                    "协调监管不力,还应当追究综合协调或监管部门负责人责任(第八条)。".to_string(),
                );
            }
            Some(false) => {
                reasons.push("未发现协调监管不力,不追究综合协调或监管部门负责人责任。".to_string())
            }
            None => reasons.push(
                "是否协调监管不力未知;如属实,还应当追究综合协调或监管部门负责人责任(第八条)。"
                    .to_string(),
            ),
        }
    }
    reasons.push(
        "实施责任追究应当实事求是,分清集体责任和个人责任。追究集体责任时,领导班子主要负责人和主管网络安全的领导班子成员承担主要领导责任,参与相关工作决策的领导班子其他成员承担重要领导责任(第九条)。"
            .to_string(),
    );
    reasons.push(
        "个人责任按各人在事件中的职责和行为分别认定:当事人对其本人行为负责;主管网络安全的领导班子成员是直接责任人,领导班子主要负责人是第一责任人(《实施办法》第二条)。集体责任只在领导班子集体决策或集体失职时追究。"
            .to_string(),
    );
    reasons.push(
        "对领导班子、领导干部进行问责,应当由有管理权限的党组织依据有关规定实施;各级网络安全和信息化领导机构办公室可以向实施问责的党委(党组)、纪委(纪检组)提出问责建议(第九条)。"
            .to_string(),
    );
    let days = policy.reporting.summary_report_days;
    let summary = [
        "事件处置结束后 ",
        &days.to_string(),
        " 日内报送总结报告,内容包括事件原因、应对措施、危害后果、责任追究和整改情况(见",
        &policy.reporting.source,
        ")。",
    ]
    .concat();
    match reporting_required {
        Some(true) => reasons.push(["应当在", &summary].concat()),
        None => reasons.push(["若事件分级达到较大及以上,应当在", &summary].concat()),
        Some(false) => {}
    }
    let leniency = leniency(i, reporting, report_conflict);
    let decision = decision_words(status);
    Accountability {
        status,
        items_met,
        items_undetermined,
        chain,
        supervisor,
        supervisor_decision: decision_words(supervisor),
        decision,
        individual: vec![
            "当事人",
            "主管网络安全的领导班子成员(直接责任人)",
            "领导班子主要负责人(第一责任人)",
        ],
        leniency,
        collective: Collective {
            principal: vec!["领导班子主要负责人", "主管网络安全的领导班子成员"],
            important: vec!["参与相关工作决策的领导班子其他成员"],
        },
        carried_out_by: "有管理权限的党组织",
        recommended_by: "各级网络安全和信息化领导机构办公室(网信办),向实施问责的党委(党组)、纪委(纪检组)提出问责建议",
        reasons,
    }
}

/// Art. 11 of the 2025 Measures, three-valued. 「按时报告」 is the tool's own finding from the
/// timeline when it has one, else the user's answer; a conflict between the two leaves it open; an
/// incident below the reporting grade had nothing to report late.
fn leniency(i: &Incident, r: &Reporting, report_conflict: Option<&str>) -> Leniency {
    let f = &i.facts;
    let on_time = match (report_conflict, r.required, r.on_time) {
        (Some(why), _, _) => Cond::atom(Tri::Unknown, &["facts.reported_in_time"], why.to_string()),
        (None, Some(false), _) => Cond::atom(
            Tri::True,
            &["facts.reported_in_time"],
            "事件未达到须报告的等级,不存在迟报",
        ),
        (None, _, Some(true)) => Cond::atom(
            Tri::True,
            &["timeline.reported_at"],
            "按时间线计算为按时报告",
        ),
        (None, _, Some(false)) => {
            Cond::atom(Tri::False, &["timeline.reported_at"], "按时间线计算属迟报")
        }
        (None, _, None) => flag(
            f.reported_in_time,
            "facts.reported_in_time",
            "已及时报告",
            "没有及时报告",
        ),
    };
    let c = Cond::All(vec![
        flag(
            f.protective_measures_taken,
            "facts.protective_measures_taken",
            "事发前已采取合理、必要的安全防护措施",
            "事发前未采取合理、必要的安全防护措施",
        ),
        flag(
            f.handled_under_plan,
            "facts.handled_under_plan",
            "按照应急预案处置",
            "未按照应急预案处置",
        ),
        flag(
            f.impact_effectively_reduced,
            "facts.impact_effectively_reduced",
            "有效降低了事件影响",
            "未能有效降低事件影响",
        ),
        on_time,
    ]);
    let status = c.eval().status();
    let known: Vec<String> = c.deciding().iter().map(|a| a.text().into_owned()).collect();
    let missing: Vec<String> = c.missing().iter().map(|s| s.to_string()).collect();
    let mut reasons = vec![match status {
        Status::Met => "四项条件均已具备,相关单位和人员的责任可视情从轻或不予追究(《国家网络安全事件报告管理办法》第十一条);是否从轻由有权机关决定。".to_string(),
        Status::NotMet => "不具备从轻或不予追究的全部条件(《国家网络安全事件报告管理办法》第十一条)。".to_string(),
        Status::Undetermined => "能否从轻或不予追究待定(《国家网络安全事件报告管理办法》第十一条须四项条件同时具备)。".to_string(),
    }];
    if !known.is_empty() {
        reasons.push(["已查明:", &known.join(";"), "。"].concat());
    }
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|m| field_label(m)).collect();
        reasons.push(["尚缺事实:", &names.join("、"), "。"].concat());
    }
    Leniency {
        status,
        result: match status {
            Status::Met => "可视情从轻或不予追究",
            Status::NotMet => "不适用从轻或不予追究",
            Status::Undetermined => "待定",
        },
        basis: LENIENCY_BASIS,
        missing,
        reasons,
    }
}
