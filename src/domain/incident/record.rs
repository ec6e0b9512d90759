//! What the incident document records beyond facts: the people the user names for a 问责建议书
//! (`people`, by their role under Articles 8–9) and the reports filed under the 2025 Measures
//! (`reports`). Both optional in `cyberduty.incident/1`; a file without them reads as before.

use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json, Obj};
use crate::domain::time;
use serde::Serialize;

use super::model::{Timeline, Timestamp};

/// A person's role, as Articles 8–9 and Art. 2 of the 实施办法 name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 领导班子主要负责人 (第一责任人).
    Principal,
    /// 主管网络安全的领导班子成员 (直接责任人).
    LeaderInCharge,
    /// 领导班子其他成员.
    OtherMember,
    /// 网络安全负责人.
    SecurityOfficer,
    /// 当事人.
    PersonInvolved,
    /// 综合协调或监管部门负责人.
    SupervisorHead,
}

impl Role {
    pub const ALL: [(&'static str, Role, &'static str); 6] = [
        ("principal", Role::Principal, "领导班子主要负责人"),
        (
            "leader_in_charge",
            Role::LeaderInCharge,
            "主管网络安全的领导班子成员",
        ),
        ("other_member", Role::OtherMember, "领导班子其他成员"),
        ("security_officer", Role::SecurityOfficer, "网络安全负责人"),
        ("person_involved", Role::PersonInvolved, "当事人"),
        (
            "supervisor_head",
            Role::SupervisorHead,
            "综合协调或监管部门负责人",
        ),
    ];

    pub fn key(self) -> &'static str {
        Role::ALL
            .iter()
            .find(|(_, r, _)| *r == self)
            .map_or("", |(k, _, _)| *k)
    }

    pub fn name_zh(self) -> &'static str {
        Role::ALL
            .iter()
            .find(|(_, r, _)| *r == self)
            .map_or("", |(_, _, z)| *z)
    }
}

/// A person named in the incident document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub post: Option<String>,
    pub role: Role,
    /// Took part in the decision in question (Art. 9); `None` unknown.
    pub took_part_in_decision: Option<bool>,
}

/// The forms of the 2025 Measures a unit files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    First,
    FollowUp,
    Summary,
    Police,
}

impl ReportKind {
    pub const ALL: [(&'static str, ReportKind, &'static str); 4] = [
        ("first", ReportKind::First, "首报"),
        ("follow_up", ReportKind::FollowUp, "续报"),
        ("summary", ReportKind::Summary, "事件处置总结报告"),
        ("police", ReportKind::Police, "向公安机关报案"),
    ];

    pub fn key(self) -> &'static str {
        ReportKind::ALL
            .iter()
            .find(|(_, k, _)| *k == self)
            .map_or("", |(k, _, _)| *k)
    }

    pub fn name_zh(self) -> &'static str {
        ReportKind::ALL
            .iter()
            .find(|(_, k, _)| *k == self)
            .map_or("", |(_, _, z)| *z)
    }
}

/// One report filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledReport {
    pub kind: ReportKind,
    pub at: Timestamp,
}

fn keyed<T: Copy>(all: &[(&str, T, &str)], v: &Json, path: &str, what: &str) -> Result<T> {
    let s = json::string(v, path)?;
    all.iter()
        .find(|(k, _, _)| *k == s)
        .map(|(_, t, _)| *t)
        .ok_or_else(|| {
            let list: Vec<String> = all.iter().map(|(k, _, z)| format!("{k}({z})")).collect();
            Error::new(
                Code::FieldRange,
                path,
                format!("未知的{what} “{s}”(应为 {} 之一)", list.join("、")),
            )
        })
}

pub fn read_people(o: &Obj) -> Result<Vec<Person>> {
    let mut out = Vec::new();
    for (n, v) in o.opt_arr("people")?.iter().enumerate() {
        let path = format!("{}[{n}]", o.at("people"));
        let p = json::object(v, &path, &["name", "post", "role", "took_part_in_decision"])?;
        out.push(Person {
            name: p.req_text("name")?,
            post: p.opt_str("post")?.filter(|s| !s.trim().is_empty()),
            role: keyed(&Role::ALL, p.req("role")?, &p.at("role"), "人员角色")?,
            took_part_in_decision: p.opt_bool("took_part_in_decision")?,
        });
    }
    Ok(out)
}

/// Read `reports`, each checked against the timeline: none before discovery (or occurrence), no
/// summary before handling ended, and a first report that agrees with `timeline.reported_at`.
/// When the timeline has no `reported_at`, the earliest first report fills it.
pub fn read_reports(o: &Obj, timeline: &mut Timeline) -> Result<Vec<FiledReport>> {
    let mut out = Vec::new();
    for (n, v) in o.opt_arr("reports")?.iter().enumerate() {
        let path = format!("{}[{n}]", o.at("reports"));
        let r = json::object(v, &path, &["kind", "at"])?;
        let kind = keyed(&ReportKind::ALL, r.req("kind")?, &r.at("kind"), "报告种类")?;
        let text = r.req_str("at")?;
        let instant = time::parse(text).map_err(|m| Error::new(Code::Timestamp, r.at("at"), m))?;
        let at = Timestamp {
            text: text.to_string(),
            instant,
        };
        let before = [
            (&timeline.discovered_at, "发现时间"),
            (&timeline.occurred_at, "发生时间"),
        ]
        .into_iter()
        .find_map(|(t, zh)| t.as_ref().map(|t| (t, zh)));
        if let Some((t, zh)) = before.filter(|(t, _)| at.instant < t.instant) {
            return Err(Error::new(
                Code::ReportOrder,
                r.at("at"),
                format!(
                    "{}的报送时间 {} 早于事件{zh} {},不可能在发现事件之前报告",
                    kind.name_zh(),
                    at.text,
                    t.text
                ),
            ));
        }
        if let (ReportKind::Summary, Some(done)) = (kind, &timeline.resolved_at) {
            if at.instant < done.instant {
                return Err(Error::new(
                    Code::ReportOrder,
                    r.at("at"),
                    format!(
                        "事件处置总结报告的报送时间 {} 早于处置完毕时间 {},总结报告应在处置结束后报送",
                        at.text, done.text
                    ),
                ));
            }
        }
        out.push(FiledReport { kind, at });
    }
    let first = out
        .iter()
        .filter(|r| r.kind == ReportKind::First)
        .min_by_key(|r| r.at.instant);
    match (first, &timeline.reported_at) {
        (Some(f), Some(t)) if f.at.instant != t.instant => {
            return Err(Error::new(
                Code::FieldRange,
                o.at("reports"),
                format!(
                    "首报时间 {} 与事件时间线中的报告时间 {} 不一致,请只保留正确的一个",
                    f.at.text, t.text
                ),
            ))
        }
        (Some(f), None) => timeline.reported_at = Some(f.at.clone()),
        _ => {}
    }
    Ok(out)
}
