//! Article 8 (第八条), the seven situations, in three-valued logic. Each is a condition over the
//! incident's facts; its verdict cites the item and names the facts that decided it, and lists the
//! unknown facts that could still change it.

use crate::domain::exact::int;
use crate::domain::incident::atoms::{at_least, flag, target_in, unknown};
use crate::domain::incident::interpret::{self, scope_cond};
use crate::domain::incident::model::{Incident, Target};
use crate::domain::incident::policy::Policy;
use crate::domain::incident::tri::{Cond, Status, Tri};
use serde::Serialize;

/// One situation's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trigger {
    /// 1–7, for 第八条第(一)–(七)项.
    pub item: u8,
    pub status: Status,
    pub reasons: Vec<String>,
    /// Input fields (`facts.tampered`, `target`, `unit.level` …) whose absence leaves this
    /// undetermined; empty when the verdict is known.
    pub missing: Vec<String>,
    /// Ids of the policy's readings and interpretations (「本工具解释」) this verdict relies on.
    pub interpretations: Vec<String>,
}

/// Chinese numerals for the items, as the regulation writes them.
pub const ITEM_NUMERALS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "七"];

/// The situations as the seed text states them (condensed only where marked by the regulation's
/// own punctuation).
pub const ITEM_TEXTS: [&str; 7] = [
    "党政机关门户网站、重点新闻网站、大型网络平台被攻击篡改,导致反动言论或者谣言等违法有害信息大面积扩散,且没有及时报告和组织处置",
    "地市级以上党政机关门户网站或者重点新闻网站受到攻击后没有及时组织处置,且瘫痪6小时以上",
    "发生国家秘密泄露、大面积个人信息泄露或者大量地理、人口、资源等国家基础数据泄露",
    "关键信息基础设施遭受网络攻击,没有及时处置导致大面积影响人民群众工作、生活,或者造成重大经济损失,或者造成严重不良社会影响",
    "封锁、瞒报网络安全事件情况,拒不配合有关部门依法开展调查、处置工作,或者对有关部门通报的问题和风险隐患不及时整改并造成严重后果",
    "阻碍公安机关、国家安全机关依法维护国家安全、侦查犯罪以及防范、调查恐怖活动,或者拒不提供支持和保障",
    "发生其他严重危害网络安全行为",
];

/// `(一)` for item 1, appended to `out`; an item outside 1–7 (only in a hand-edited file) by its
/// number, ` 9 `.
fn push_numbered(out: &mut String, item: u64) {
    match usize::try_from(item)
        .ok()
        .and_then(|i| ITEM_NUMERALS.get(i.wrapping_sub(1)))
    {
        Some(n) => {
            out.push('(');
            out.push_str(n);
            out.push(')');
        }
        None => {
            out.push(' ');
            out.push_str(&item.to_string());
            out.push(' ');
        }
    }
}

/// `第八条第(一)项` (`第八条第 9 项` for an item outside 1–7, only in a hand-edited file).
pub fn citation(item: u64) -> String {
    citations(&[item])
}

/// `第八条第(一)、(三)项`: the one place the crate cites Article 8 items. (Pushed into one
/// string: every classification cites ~20 times.)
pub fn citations<T: Copy + Into<u64>>(items: &[T]) -> String {
    let mut out = String::from("第八条第");
    for (k, &i) in items.iter().enumerate() {
        if k > 0 {
            out.push('、');
        }
        push_numbered(&mut out, i.into());
    }
    out.push('项');
    out
}

/// `符合第八条第(一)、(三)项`: how every sentence says that an incident meets situations.
pub fn meets(items: &[u64]) -> String {
    ["符合", &citations(items)].concat()
}

/// The Article 8 verdict on one incident in a few words, as the page's badge and the reports show
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// `met` when any situation is met, else `undetermined` when any is, else `not_met`.
    pub status: Status,
    /// `符合第八条第(一)、(三)项`, `第八条 2 种情形待定` or `不构成第八条情形`.
    pub text: String,
}

/// The one summary of a set of verdicts.
pub fn summarize(triggers: &[Trigger]) -> Summary {
    let with = |s: Status| triggers.iter().filter(move |t| t.status == s);
    let met: Vec<u64> = with(Status::Met).map(|t| u64::from(t.item)).collect();
    let open = with(Status::Undetermined).count();
    if !met.is_empty() {
        Summary {
            status: Status::Met,
            text: meets(&met),
        }
    } else if open > 0 {
        Summary {
            status: Status::Undetermined,
            text: ["第八条 ", &open.to_string(), " 种情形待定"].concat(),
        }
    } else {
        Summary {
            status: Status::NotMet,
            text: "不构成第八条情形".to_string(),
        }
    }
}

/// Article 8 (二): 「瘫痪6小时以上」, inclusive. Fixed by the regulation, not policy.
const OUTAGE_HOURS_ITEM2: i64 = 6;

fn attacked(i: &Incident) -> Cond {
    flag(
        i.facts.attacked,
        "facts.attacked",
        "遭受了网络攻击",
        "未遭受网络攻击",
    )
}

fn handled(i: &Incident) -> Cond {
    flag(
        i.facts.handled_in_time,
        "facts.handled_in_time",
        "已及时组织处置",
        "没有及时组织处置",
    )
}

/// The seven conditions, in order.
pub fn conditions(i: &Incident, policy: &Policy) -> [Cond; 7] {
    let f = &i.facts;
    let one = Cond::All(vec![
        target_in(
            i.target,
            &[
                Target::PartyGovPortal,
                Target::KeyNewsSite,
                Target::LargePlatform,
            ],
            "党政机关门户网站、重点新闻网站、大型网络平台",
        ),
        flag(f.tampered, "facts.tampered", "被攻击篡改", "未被篡改"),
        interpret::term(
            i,
            policy,
            "harmful_info_spread_widely",
            f.harmful_info_spread_widely,
            "违法有害信息大面积扩散",
            "违法有害信息没有大面积扩散",
        ),
        // The unit owed both a timely report and timely handling.
        Cond::not(Cond::All(vec![
            flag(
                f.reported_in_time,
                "facts.reported_in_time",
                "已及时报告",
                "没有及时报告",
            ),
            handled(i),
        ])),
    ]);

    // 「地市级以上党政机关门户网站或者重点新闻网站」: the policy's one reading, shared with the grade.
    let site = match policy.reading("prefecture_and_above_sites") {
        Some(r) => scope_cond(&r.applies_to, &r.phrase, i, Some(&r.id)),
        None => unknown(&["target", "unit.level"]),
    };
    let two = Cond::All(vec![
        site,
        attacked(i),
        Cond::not(handled(i)),
        at_least(
            f.outage_hours.as_ref(),
            "facts.outage_hours",
            int(OUTAGE_HOURS_ITEM2),
            "瘫痪",
            "小时",
        ),
    ]);

    let three = Cond::Any(vec![
        flag(
            f.state_secret_leaked,
            "facts.state_secret_leaked",
            "发生国家秘密泄露",
            "未发生国家秘密泄露",
        ),
        interpret::term(
            i,
            policy,
            "personal_info_leak_large_scale",
            f.personal_info_leak_large_scale,
            "属于大面积个人信息泄露",
            "不属于大面积个人信息泄露",
        ),
        flag(
            f.basic_data_leaked_massively,
            "facts.basic_data_leaked_massively",
            "发生大量地理、人口、资源等国家基础数据泄露",
            "未发生大量国家基础数据泄露",
        ),
    ]);

    let four = Cond::All(vec![
        target_in(i.target, &[Target::Cii], "关键信息基础设施"),
        attacked(i),
        Cond::not(handled(i)),
        Cond::Any(vec![
            interpret::term(
                i,
                policy,
                "wide_public_impact",
                f.wide_public_impact,
                "大面积影响人民群众工作、生活",
                "未大面积影响人民群众工作、生活",
            ),
            interpret::term(
                i,
                policy,
                "major_economic_loss",
                f.major_economic_loss,
                "造成重大经济损失",
                "未造成重大经济损失",
            ),
            flag(
                f.serious_social_impact,
                "facts.serious_social_impact",
                "造成严重不良社会影响",
                "未造成严重不良社会影响",
            ),
        ]),
    ]);

    let five = Cond::Any(vec![
        flag(
            f.concealed,
            "facts.concealed",
            "封锁、瞒报网络安全事件情况",
            "未封锁、瞒报网络安全事件情况",
        ),
        flag(
            f.refused_cooperation,
            "facts.refused_cooperation",
            "拒不配合有关部门依法开展调查、处置工作",
            "配合了有关部门的调查、处置工作",
        ),
        Cond::All(vec![
            flag(
                f.notified_risk_unrectified,
                "facts.notified_risk_unrectified",
                "对有关部门通报的问题和风险隐患没有及时整改",
                "已及时整改有关部门通报的问题和风险隐患",
            ),
            flag(
                f.serious_consequence,
                "facts.serious_consequence",
                "造成严重后果",
                "未造成严重后果",
            ),
        ]),
    ]);

    let six = Cond::Any(vec![
        flag(
            f.obstructed_security_organs,
            "facts.obstructed_security_organs",
            "阻碍公安机关、国家安全机关依法工作",
            "未阻碍公安机关、国家安全机关依法工作",
        ),
        flag(
            f.refused_support_security_organs,
            "facts.refused_support_security_organs",
            "拒不向公安机关、国家安全机关提供支持和保障",
            "未拒绝向公安机关、国家安全机关提供支持和保障",
        ),
    ]);

    let seven = flag(
        f.other_serious_harm,
        "facts.other_serious_harm",
        "经认定发生其他严重危害网络安全行为",
        "经认定未发生其他严重危害网络安全行为",
    );

    [one, two, three, four, five, six, seven]
}

/// Evaluate the seven situations; `conflicts` are facts that contradict each other or the timeline
/// (each with the sentence its elements show), left undetermined.
pub fn evaluate(
    i: &Incident,
    policy: &Policy,
    conflicts: &[(&'static str, String)],
) -> Vec<Trigger> {
    conditions(i, policy)
        .into_iter()
        .zip(1u8..)
        .map(|(c, item)| verdict(item, &c.with_conflicts(conflicts)))
        .collect()
}

fn verdict(item: u8, c: &Cond) -> Trigger {
    let value = c.eval();
    let cite = citation(item.into());
    let text = ITEM_TEXTS
        .get(usize::from(item).wrapping_sub(1))
        .copied()
        .unwrap_or("");
    let mut reasons = vec![match value {
        Tri::True => ["符合", &cite, ":", text, "。"].concat(),
        Tri::False => ["不符合", &cite, "(", text, ")。"].concat(),
        Tri::Unknown => ["是否符合", &cite, "(", text, ")尚待认定。"].concat(),
    }];
    let known: Vec<_> = c.deciding().iter().map(|a| a.text()).collect();
    if !known.is_empty() {
        let lead = match value {
            Tri::True => "依据",
            Tri::False => "不符合的要件",
            Tri::Unknown => "已查明",
        };
        reasons.push([lead, ":", &known.join(";"), "。"].concat());
    }
    let open: Vec<_> = c.open().iter().map(|a| a.text()).collect();
    let open: Vec<&str> = open.iter().map(|t| t.trim_start_matches("未知:")).collect();
    if !open.is_empty() {
        reasons.push(["尚缺事实(查明后可定):", &open.join(";"), "。"].concat());
    }
    if item == 7 {
        reasons.push(
            "第(七)项为兜底条款,是否属于「其他严重危害网络安全行为」须由有权机关认定;本工具只采用填写的认定结果,不自行推断。"
                .to_string(),
        );
    }
    let interpretations = c.basis();
    if !interpretations.is_empty() {
        reasons.push(
            [
                "以上认定用到了",
                interpret::LABEL,
                "(见研判结果所列解释),不是《实施办法》原文;所在地区可用本地政策文件替换或取消。",
            ]
            .concat(),
        );
    }
    Trigger {
        item,
        status: value.status(),
        reasons,
        missing: c.missing().iter().map(|s| s.to_string()).collect(),
        interpretations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(item: u8, status: Status) -> Trigger {
        Trigger {
            item,
            status,
            reasons: Vec::new(),
            missing: Vec::new(),
            interpretations: Vec::new(),
        }
    }

    #[test]
    fn one_summary_sentence() {
        use Status::*;
        let s = summarize(&[t(1, Met), t(2, Undetermined), t(3, Met)]);
        assert_eq!(
            (s.status, s.text.as_str()),
            (Met, "符合第八条第(一)、(三)项")
        );
        let s = summarize(&[t(1, NotMet), t(2, Undetermined), t(3, Undetermined)]);
        assert_eq!(
            (s.status, s.text.as_str()),
            (Undetermined, "第八条 2 种情形待定")
        );
        let s = summarize(&[t(1, NotMet)]);
        assert_eq!((s.status, s.text.as_str()), (NotMet, "不构成第八条情形"));
        assert_eq!(citation(9), "第八条第 9 项");
    }
}
