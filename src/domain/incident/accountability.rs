//! Who answers for the incident: Article 8's chapeau (逐级倒查 from the 当事人 up to the 主要负责人,
//! plus the head of the coordinating or supervising department where supervision was weak) and
//! Article 9 (collective and individual responsibility, who carries accountability out).

use crate::domain::incident::policy::Policy;
use crate::domain::incident::situations::{citations, Trigger};
use crate::domain::incident::tri::{Status, Tri};
use serde::Serialize;

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
    /// Article 9, collective responsibility.
    pub collective: Collective,
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

pub const CHAIN: [&str; 3] = ["当事人", "网络安全负责人", "主要负责人"];
pub const SUPERVISOR: &str = "综合协调或监管部门负责人";

pub fn evaluate(
    triggers: &[Trigger],
    supervision_inadequate: Option<bool>,
    reporting_required: Option<bool>,
    policy: &Policy,
) -> Accountability {
    let status = Tri::any(&triggers.iter().map(|t| t.status.tri()).collect::<Vec<_>>()).status();
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
            reasons.push(format!(
                "符合{},各级党委(党组)应当逐级倒查,追究当事人、网络安全负责人至主要负责人责任(第八条)。",
                citations(&items_met)
            ));
        }
        Status::Undetermined => {
            chain.extend(CHAIN);
            reasons.push(format!(
                "{}是否符合尚待认定;一经认定,各级党委(党组)应当逐级倒查,追究当事人、网络安全负责人至主要负责人责任(第八条)。",
                citations(&items_undetermined)
            ));
        }
        Status::NotMet => reasons.push(
            "七种情形均不符合,本事件不触发第八条的逐级倒查;但违反或者未能正确履行《实施办法》所列职责的,仍按照有关规定追究相关责任(第八条)。"
                .to_string(),
        ),
    }
    if status != Status::NotMet {
        match supervision_inadequate {
            Some(true) => {
                chain.push(SUPERVISOR);
                reasons.push(
                    "协调监管不力(facts.supervision_inadequate = true),还应当追究综合协调或监管部门负责人责任(第八条)。"
                        .to_string(),
                );
            }
            Some(false) => reasons.push(
                "未发现协调监管不力(facts.supervision_inadequate = false),不追究综合协调或监管部门负责人责任。"
                    .to_string(),
            ),
            None => reasons.push(
                "是否协调监管不力未知(facts.supervision_inadequate);如属实,还应当追究综合协调或监管部门负责人责任(第八条)。"
                    .to_string(),
            ),
        }
    }
    reasons.push(
        "实施责任追究应当实事求是,分清集体责任和个人责任。追究集体责任时,领导班子主要负责人和主管网络安全的领导班子成员承担主要领导责任,参与相关工作决策的领导班子其他成员承担重要领导责任(第九条)。"
            .to_string(),
    );
    reasons.push(
        "对领导班子、领导干部进行问责,应当由有管理权限的党组织依据有关规定实施;各级网络安全和信息化领导机构办公室可以向实施问责的党委(党组)、纪委(纪检组)提出问责建议(第九条)。"
            .to_string(),
    );
    let days = policy.reporting.summary_report_days;
    let summary = format!(
        "事件处置结束后 {days} 日内报送总结报告,内容包括事件原因、应对措施、危害后果、责任追究和整改情况(见{})",
        policy.reporting.source
    );
    match reporting_required {
        Some(true) => reasons.push(format!("应当在{summary}。")),
        None => reasons.push(format!("若事件分级达到较大及以上,应当在{summary}。")),
        Some(false) => {}
    }
    Accountability {
        status,
        items_met,
        items_undetermined,
        chain,
        supervisor,
        collective: Collective {
            principal: vec!["领导班子主要负责人", "主管网络安全的领导班子成员"],
            important: vec!["参与相关工作决策的领导班子其他成员"],
        },
        carried_out_by: "有管理权限的党组织",
        recommended_by: "各级网络安全和信息化领导机构办公室(网信办),向实施问责的党委(党组)、纪委(纪检组)提出问责建议",
        reasons,
    }
}
