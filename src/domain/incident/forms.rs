//! The report forms of the 2025 《国家网络安全事件报告管理办法》 and their clock: the first report
//! (deadline from [`super::reporting`]), follow-ups (no fixed deadline), the 事件处置总结报告 (a
//! number of days after handling ended, from the policy) and the report to the 公安机关 when a
//! crime is suspected. Each gets its due time and a status against the "now" passed in; without
//! one, nothing is called overdue. The first and the summary report carry their item lists (Art. 7,
//! Art. 8) pre-filled from the facts, for the page to print as forms.

use super::accountability::Accountability;
use super::clock::{write_like, AsOf};
use super::grade::Grade;
use super::model::{Incident, Timestamp};
use super::policy::Policy;
use super::record::ReportKind;
use super::reporting::Reporting;
use super::situations::Summary;
use super::wording;
use crate::domain::exact;
use crate::domain::time::Instant;
use serde::Serialize;

/// Where a form stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormStatus {
    Filed,
    Due,
    Overdue,
    NotRequired,
    /// Follow-ups: as the case develops, no fixed deadline.
    AsNeeded,
    /// Turns on an unknown fact (whether a crime is suspected).
    Undetermined,
}

impl FormStatus {
    pub const ALL: [(&'static str, FormStatus, &'static str); 6] = [
        ("filed", FormStatus::Filed, "已报送"),
        ("due", FormStatus::Due, "待报送"),
        ("overdue", FormStatus::Overdue, "已逾期"),
        ("not_required", FormStatus::NotRequired, "无须报送"),
        ("as_needed", FormStatus::AsNeeded, "视情续报"),
        ("undetermined", FormStatus::Undetermined, "待定"),
    ];

    pub fn name_zh(self) -> &'static str {
        FormStatus::ALL
            .iter()
            .find(|(_, s, _)| *s == self)
            .map_or("", |(_, _, z)| *z)
    }
}

/// One item of a form, pre-filled where the facts say something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormItem {
    /// `(一)`.
    pub number: &'static str,
    pub heading: &'static str,
    pub content: Option<String>,
    /// May follow in a later report (the cause is not yet known).
    pub later: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Form {
    /// first, follow_up, summary or police.
    pub kind: ReportKind,
    pub name: &'static str,
    pub status: FormStatus,
    pub status_name: &'static str,
    /// When it must be filed by (RFC 3339, in the zone of the time it counts from); null when
    /// there is no fixed deadline or its base time is unknown.
    pub due_at: Option<String>,
    /// The deadline in words: `应于 2026年3月31日 09:30 前报送(处置结束后 30 日内)`.
    pub due_text: String,
    /// Times filed, as written.
    pub filed_at: Vec<String>,
    /// Filed after its deadline; null when not filed or not determinable.
    pub late: Option<bool>,
    pub reasons: Vec<String>,
    /// The form's items (first and summary reports only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<FormItem>,
    /// A note printed above the items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

pub const FIRST_BASIS: &str = concat!(reporting_measures!(), "第七条(报告内容条目依公开资料整理)");
pub const SUMMARY_BASIS: &str = concat!(reporting_measures!(), "第八条");

const FIRST_ITEMS: [(&str, &str); 8] = [
    ("(一)", "事件发生单位名称及受影响的设施、系统或平台"),
    (
        "(二)",
        "发现或发生时间、地点、事件类型、级别、已造成的影响和危害、已采取的措施及效果",
    ),
    ("(三)", "事态发展趋势及可能进一步造成的影响和危害"),
    ("(四)", "初步分析的事件原因"),
    ("(五)", "溯源追踪线索(攻击者、攻击路径、利用的漏洞等)"),
    ("(六)", "拟进一步采取的应对措施及需要的支持"),
    ("(七)", "事件现场保护情况"),
    ("(八)", "其他需要报告的情况"),
];

const SUMMARY_ITEMS: [(&str, &str); 6] = [
    ("(一)", "事件原因"),
    ("(二)", "应对措施"),
    ("(三)", "危害后果"),
    ("(四)", "责任追究"),
    ("(五)", "整改情况"),
    ("(六)", "经验教训"),
];

/// What the classification already decided, for the forms.
pub struct Decided<'a> {
    pub reporting: &'a Reporting,
    pub grade: &'a Grade,
    pub summary: &'a Summary,
    pub accountability: &'a Accountability,
}

fn after(t: &Timestamp, seconds: i64) -> (Instant, String) {
    let due = Instant {
        seconds: t.instant.seconds + seconds,
        nanos: t.instant.nanos,
    };
    (due, write_like(due, &t.text))
}

/// `应于 … 前报送(limit)`.
fn due_by(text: &str, limit: &str) -> String {
    ["应于 ", &wording::datetime(text), " 前报送(", limit, ")"].concat()
}

fn filed(i: &Incident, kind: ReportKind) -> Vec<&Timestamp> {
    let mut v: Vec<&Timestamp> = i
        .reports
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| &r.at)
        .collect();
    v.sort_by_key(|t| t.instant);
    v
}

/// Status of a form with a deadline that is not filed: overdue only against a given now.
fn open(due: Option<Instant>, as_of: Option<&AsOf>) -> FormStatus {
    match (due, as_of) {
        (Some(d), Some(now)) if now.instant > d => FormStatus::Overdue,
        _ => FormStatus::Due,
    }
}

fn form(kind: ReportKind, status: FormStatus, due: Option<String>, due_text: String) -> Form {
    Form {
        kind,
        name: kind.name_zh(),
        status,
        status_name: status.name_zh(),
        due_at: due,
        due_text,
        filed_at: Vec::new(),
        late: None,
        reasons: Vec::new(),
        items: Vec::new(),
        note: None,
    }
}

fn as_of_reason(f: &mut Form, as_of: Option<&AsOf>) {
    match (f.status, as_of) {
        (FormStatus::Overdue, Some(now)) => f.reasons.push(format!(
            "截至 {},已超过报送时限仍未报送。",
            wording::datetime(&now.text)
        )),
        (FormStatus::Due, None) if f.due_at.is_some() => f
            .reasons
            .push("未给出当前时间,只列出时限,不判断是否逾期。".to_string()),
        _ => {}
    }
}

pub fn evaluate(i: &Incident, policy: &Policy, d: &Decided, as_of: Option<&AsOf>) -> Vec<Form> {
    vec![
        first(i, d, as_of),
        follow_up(i, d.reporting),
        summary(i, policy, d, as_of),
        police(i),
    ]
}

fn first(i: &Incident, d: &Decided, as_of: Option<&AsOf>) -> Form {
    let r = d.reporting;
    let due = match (&i.timeline.discovered_at, r.deadline_minutes) {
        (Some(t), Some(m)) => Some(after(t, i64::try_from(m).unwrap_or(i64::MAX / 2) * 60)),
        _ => None,
    };
    let limit = r.deadline_text.clone().map_or("时限待定".to_string(), |t| {
        ["发现后 ", &t, "内"].concat()
    });
    let due_text = match &due {
        Some((_, text)) => due_by(text, &limit),
        None => limit,
    };
    let reported = i.timeline.reported_at.as_ref();
    let status = match (reported, r.required) {
        (Some(_), _) => FormStatus::Filed,
        (None, Some(false)) => FormStatus::NotRequired,
        (None, _) => open(due.as_ref().map(|d| d.0), as_of),
    };
    let mut f = form(ReportKind::First, status, due.map(|d| d.1), due_text);
    if let Some(t) = reported {
        f.filed_at.push(t.text.clone());
        f.late = r.on_time.map(|on| !on);
    }
    if r.required.is_none() {
        f.reasons
            .push("是否须报告待定(事件分级未定),宜先按须报告准备。".to_string());
    }
    as_of_reason(&mut f, as_of);
    let later = i.facts.cause_identified != Some(true);
    if later {
        f.note = Some("事件原因暂不明确:可先报送第(一)(二)项,其余各项查明后及时续报。".to_string());
    }
    let prefill = [unit_and_target(i), situation(i, d.grade)];
    f.items = FIRST_ITEMS
        .iter()
        .enumerate()
        .map(|(n, (number, heading))| FormItem {
            number,
            heading,
            content: prefill.get(n).cloned().flatten(),
            later: later && n >= 2,
        })
        .collect();
    f
}

fn follow_up(i: &Incident, r: &Reporting) -> Form {
    let times = filed(i, ReportKind::FollowUp);
    let status = match (times.is_empty(), r.required) {
        (false, _) => FormStatus::Filed,
        (true, Some(false)) => FormStatus::NotRequired,
        (true, _) => FormStatus::AsNeeded,
    };
    let mut f = form(
        ReportKind::FollowUp,
        status,
        None,
        "无固定时限:事件出现重要新情况,或查明原因、影响和发展趋势后,及时续报".to_string(),
    );
    f.filed_at = times.iter().map(|t| t.text.clone()).collect();
    if i.facts.cause_identified != Some(true) && r.required != Some(false) {
        f.reasons
            .push("事件原因尚未查明的,首报只报送第(一)(二)项后,查明后应续报其余各项。".to_string());
    }
    f
}

fn summary(i: &Incident, policy: &Policy, d: &Decided, as_of: Option<&AsOf>) -> Form {
    let days = policy.reporting.summary_report_days;
    let secs = i64::try_from(days).unwrap_or(i64::MAX / 86_400 / 2) * 86_400;
    let due = i.timeline.resolved_at.as_ref().map(|t| after(t, secs));
    let limit = ["处置结束后 ", &days.to_string(), " 日内"].concat();
    let due_text = match &due {
        Some((_, text)) => due_by(text, &limit),
        None => [&limit, "(处置完毕时间未填写,暂不能计算)"].concat(),
    };
    let times = filed(i, ReportKind::Summary);
    let status = match (times.is_empty(), d.reporting.required) {
        (false, _) => FormStatus::Filed,
        (true, Some(false)) => FormStatus::NotRequired,
        (true, _) => open(due.as_ref().map(|x| x.0), as_of),
    };
    let mut f = form(
        ReportKind::Summary,
        status,
        due.as_ref().map(|x| x.1.clone()),
        due_text,
    );
    f.filed_at = times.iter().map(|t| t.text.clone()).collect();
    if let (Some(first), Some((at, _))) = (times.first(), &due) {
        f.late = Some(first.instant > *at);
    }
    if d.reporting.required.is_none() {
        f.reasons
            .push("事件分级达到较大及以上的,须报送总结报告;分级尚未确定。".to_string());
    }
    as_of_reason(&mut f, as_of);
    let a = d.accountability;
    let chain = if a.chain.is_empty() {
        String::new()
    } else {
        ["逐级倒查:", &a.chain.join("、"), "。"].concat()
    };
    let duty = [&d.summary.text, "。是否追究责任:", a.decision, "。", &chain].concat();
    let prefill = [None, handling(i), harm(i), Some(duty)];
    f.items = SUMMARY_ITEMS
        .iter()
        .enumerate()
        .map(|(n, (number, heading))| FormItem {
            number,
            heading,
            content: prefill.get(n).cloned().flatten(),
            later: false,
        })
        .collect();
    f
}

fn police(i: &Incident) -> Form {
    let times = filed(i, ReportKind::Police);
    let status = match (times.is_empty(), i.facts.crime_suspected) {
        (false, _) => FormStatus::Filed,
        (true, Some(true)) => FormStatus::Due,
        (true, Some(false)) => FormStatus::NotRequired,
        (true, None) => FormStatus::Undetermined,
    };
    let mut f = form(
        ReportKind::Police,
        status,
        None,
        "涉嫌违法犯罪的,及时向公安机关报告(无固定时限)".to_string(),
    );
    f.filed_at = times.iter().map(|t| t.text.clone()).collect();
    f.reasons.push(match i.facts.crime_suspected {
        Some(true) => "事件涉嫌违法犯罪,应同时向公安机关报告。".to_string(),
        Some(false) => "事件不涉嫌违法犯罪,无须向公安机关报案。".to_string(),
        None => "是否涉嫌违法犯罪未填写;涉嫌的,应同时向公安机关报告。".to_string(),
    });
    f
}

fn join(parts: Vec<String>) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join(";"))
}

fn unit_and_target(i: &Incident) -> Option<String> {
    let mut p = Vec::new();
    match (&i.unit.name, i.unit.level) {
        (Some(n), Some(l)) => p.push([n, "(", l.name_zh(), ")"].concat()),
        (Some(n), None) => p.push(n.clone()),
        (None, Some(l)) => p.push(["单位层级:", l.name_zh()].concat()),
        (None, None) => {}
    }
    if let Some(t) = i.target {
        p.push(["受影响对象:", t.name_zh()].concat());
    }
    join(p)
}

fn situation(i: &Incident, g: &Grade) -> Option<String> {
    let t = &i.timeline;
    let mut p = Vec::new();
    for (ts, zh) in [(&t.occurred_at, "发生时间"), (&t.discovered_at, "发现时间")] {
        if let Some(ts) = ts {
            p.push([zh, ":", &wording::datetime(&ts.text)].concat());
        }
    }
    if let Some(c) = &i.category {
        p.push(["事件类型:", c].concat());
    }
    let at_least = if g.at_least { "至少" } else { "" };
    p.push(["事件级别:", at_least, g.level.name_zh()].concat());
    if let Some(h) = harm(i) {
        p.push(["已造成的影响和危害:", &h].concat());
    }
    if let Some(m) = handling(i) {
        p.push(["已采取的措施及效果:", &m].concat());
    }
    if i.category.as_deref().is_some_and(|c| c.contains("勒索")) {
        p.push("勒索软件事件还应写明赎金金额、支付方式和日期".to_string());
    }
    join(p)
}

fn harm(i: &Incident) -> Option<String> {
    let f = &i.facts;
    let mut p = Vec::new();
    // Zero is a fact worth keeping in the file, not a harm worth writing on the form.
    let zero = |x: &exact::Exact| *x == exact::Exact::from_integer(0.into());
    if let Some(h) = f.outage_hours.as_ref().filter(|h| !zero(h)) {
        let scope = f.outage_scope.map_or("中断或无法访问", |s| s.name_zh());
        p.push([scope, " ", &exact::display(h), " 小时"].concat());
    }
    if let Some(n) = f.personal_info_leaked_persons.filter(|n| *n > 0) {
        p.push(["泄露 ", &n.to_string(), " 人的个人信息"].concat());
    }
    if let Some(n) = f.people_affected.filter(|n| *n > 0) {
        p.push(["影响 ", &n.to_string(), " 人的用水、用电、交通等"].concat());
    }
    if let Some(y) = f.economic_loss_yuan.as_ref().filter(|y| !zero(y)) {
        p.push(["直接经济损失 ", &exact::display(y), " 元"].concat());
    }
    if f.state_secret_leaked == Some(true) {
        p.push("发生国家秘密泄露".to_string());
    }
    if f.harmful_info_spread_widely == Some(true) {
        p.push("违法有害信息大面积扩散".to_string());
    }
    join(p)
}

fn handling(i: &Incident) -> Option<String> {
    let f = &i.facts;
    let mut p = Vec::new();
    for (v, yes, no) in [
        (f.handled_in_time, "已及时组织处置", "没有及时组织处置"),
        (
            f.handled_under_plan,
            "按照应急预案处置",
            "未按照应急预案处置",
        ),
        (
            f.impact_effectively_reduced,
            "有效降低了事件影响",
            "未能有效降低事件影响",
        ),
    ] {
        if let Some(b) = v {
            p.push(if b { yes } else { no }.to_string());
        }
    }
    if let Some(t) = &i.timeline.resolved_at {
        p.push(["于 ", &wording::datetime(&t.text), " 处置完毕"].concat());
    }
    join(p)
}
