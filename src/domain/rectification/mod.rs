//! 整改台账 (`cyberduty.rectification/1`): a unit's register of problems and risks notified to it by
//! 网信、公安、上级主管部门 (or found by its own inspection), and how each was rectified and fed back.
//!
//! Article 8(五)'s third alternative — 对有关部门通报的问题和风险隐患不及时整改并造成严重后果 — is
//! decided from it ([`review`]), and the rubric's notified-problem items can be filled from it. No
//! clock is read here: the caller passes the date to review as of.

mod next;
mod review;
mod suggest;

pub use next::next_ledger;
pub use review::{
    period_counts, review, Article85, Review, ReviewedEntry, State, DUE_SOON_DAYS,
    UNSET_DEADLINE_DAYS,
};
pub use suggest::{
    check_from_ledger, read_from_ledger, suggest, suggest_for, CountAnswer, FromLedger, Suggestion,
};

use crate::domain::assessment::{read_evidence, Evidence};
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json, Obj};
use crate::domain::period::Date;
use crate::domain::time::parse_date;
use crate::domain::unit_code;
use serde::{Serialize, Serializer};
use std::collections::HashSet;

pub const SCHEMA: &str = "cyberduty.rectification";
pub const VERSION: u32 = 1;
const SCHEMA_TAG: &str = "cyberduty.rectification/1";

/// Who notified the problem. Art. 8(五) speaks of problems 有关部门通报: a unit's own finding is kept
/// in the same ledger but never counts toward it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Notifier {
    Cac,
    PublicSecurity,
    Superior,
    OtherAuthority,
    SelfInspection,
}

impl Notifier {
    pub const ALL: [Notifier; 5] = [
        Notifier::Cac,
        Notifier::PublicSecurity,
        Notifier::Superior,
        Notifier::OtherAuthority,
        Notifier::SelfInspection,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Notifier::Cac => "cac",
            Notifier::PublicSecurity => "public_security",
            Notifier::Superior => "superior",
            Notifier::OtherAuthority => "other_authority",
            Notifier::SelfInspection => "self_inspection",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Notifier::Cac => "网信部门",
            Notifier::PublicSecurity => "公安机关",
            Notifier::Superior => "上级主管部门",
            Notifier::OtherAuthority => "其他有关部门",
            Notifier::SelfInspection => "本单位自查",
        }
    }
    /// Whether a 有关部门 notified it (Art. 8(五)).
    pub fn is_authority(self) -> bool {
        self != Notifier::SelfInspection
    }
}

/// The status the unit records. 逾期 is not recorded: it is computed from the deadline and the date
/// of review, so a ledger never claims a state the calendar contradicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InProgress,
    Rectified,
    FedBack,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::InProgress, Status::Rectified, Status::FedBack];
    pub fn key(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Rectified => "rectified",
            Status::FedBack => "fed_back",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Status::InProgress => "整改中",
            Status::Rectified => "已整改",
            Status::FedBack => "已反馈",
        }
    }
}

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub Date);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let (y, m, d) = self.0;
        s.serialize_str(&format!("{y:04}-{m:02}-{d:02}"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerUnit {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub notified_by: Notifier,
    /// The notifying body by name (某市委网信办).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_no: Option<String>,
    pub notified_on: Day,
    pub problem: String,
    /// The deadline the notice set; none when it set none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Day>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rectified_on: Option<Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fed_back_on: Option<Day>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Whether a serious consequence followed: true, false, or not known (absent / null).
    pub serious_consequence: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ledger {
    pub schema: &'static str,
    pub unit: LedgerUnit,
    pub entries: Vec<Entry>,
}

/// Each entry field and its label, in form order (the page's form and messages use them).
pub const FIELD_LABELS: [(&str, &str); 13] = [
    ("id", "编号"),
    ("notified_by", "通报来源"),
    ("notifier", "通报单位"),
    ("notice_no", "通报文号"),
    ("notified_on", "通报日期"),
    ("problem", "问题和风险隐患"),
    ("deadline", "整改期限"),
    ("status", "整改状态"),
    ("rectified_on", "整改完成日期"),
    ("fed_back_on", "反馈日期"),
    ("evidence", "证明材料"),
    ("serious_consequence", "是否造成严重后果"),
    ("note", "备注"),
];

const ENTRY_FIELDS: [&str; 13] = [
    "id",
    "notified_by",
    "notifier",
    "notice_no",
    "notified_on",
    "problem",
    "deadline",
    "status",
    "rectified_on",
    "fed_back_on",
    "evidence",
    "serious_consequence",
    "note",
];

impl Ledger {
    pub fn from_json(doc: &Json) -> Result<Ledger> {
        json::check_schema(doc, SCHEMA, VERSION)?;
        let o = json::object(doc, "$", &["schema", "unit", "entries"])?;
        let unit = match o.opt("unit") {
            Some(u) => {
                let u = json::object(u, &o.at("unit"), &["name", "code"])?;
                let code = match u.opt_str("code")? {
                    Some(c) => Some(unit_code::normalize(&c, &u.at("code"))?),
                    None => None,
                };
                LedgerUnit {
                    name: u.opt_str("name")?,
                    code,
                }
            }
            None => LedgerUnit {
                name: None,
                code: None,
            },
        };
        let mut ids = HashSet::new();
        let mut entries = Vec::new();
        for (i, e) in o.opt_arr("entries")?.iter().enumerate() {
            let path = json::index_path(&o.at("entries"), i);
            let entry = read_entry(&json::object(e, &path, &ENTRY_FIELDS)?)?;
            if !ids.insert(entry.id.clone()) {
                return Err(Error::new(
                    Code::LedgerDuplicateId,
                    format!("{path}.id"),
                    format!("台账编号「{}」重复:每条整改事项的编号应唯一", entry.id),
                ));
            }
            entries.push(entry);
        }
        Ok(Ledger {
            schema: SCHEMA_TAG,
            unit,
            entries,
        })
    }
}

/// A ledger as read and its review: what the CLI's `--json` and the page's `reviewLedger` return.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reviewed {
    pub ledger: Ledger,
    pub review: Review,
}

/// Read a ledger document and review it as of `today`.
pub fn review_document(doc: &Json, today: Date) -> Result<Reviewed> {
    let ledger = Ledger::from_json(doc)?;
    let review = review(&ledger, today);
    Ok(Reviewed { ledger, review })
}

fn day(o: &Obj, key: &str) -> Result<Option<Day>> {
    match o.opt_str(key)? {
        None => Ok(None),
        Some(s) => parse_date(&s)
            .map(|d| Some(Day(d)))
            .map_err(|why| Error::new(Code::FieldType, o.at(key), format!("{why}(现为「{s}」)"))),
    }
}

fn read_entry(o: &Obj) -> Result<Entry> {
    let id = o.req_text("id")?;
    let notified_by = pick(
        o,
        "notified_by",
        &Notifier::ALL,
        |n| n.key(),
        |n| n.name_zh(),
    )?;
    let status = pick(o, "status", &Status::ALL, |s| s.key(), |s| s.name_zh())?;
    let notified_on = day(o, "notified_on")?
        .ok_or_else(|| Error::new(Code::FieldMissing, o.at("notified_on"), "缺少通报日期"))?;
    let deadline = day(o, "deadline")?;
    let rectified_on = day(o, "rectified_on")?;
    let fed_back_on = day(o, "fed_back_on")?;
    let serious_consequence = match o.opt("serious_consequence") {
        None | Some(Json::Null) => None,
        Some(v) => Some(json::boolean(v, &o.at("serious_consequence"))?),
    };
    let order =
        |later: Option<Day>, key: &str, what: &str, earlier: Day, earlier_what: &str| match later {
            Some(d) if d < earlier => Err(Error::new(
                Code::LedgerDateOrder,
                o.at(key),
                format!("{what}早于{earlier_what}:请核对日期"),
            )),
            _ => Ok(()),
        };
    order(deadline, "deadline", "整改期限", notified_on, "通报日期")?;
    order(
        rectified_on,
        "rectified_on",
        "整改完成日期",
        notified_on,
        "通报日期",
    )?;
    if let Some(r) = rectified_on {
        order(fed_back_on, "fed_back_on", "反馈日期", r, "整改完成日期")?;
    }
    order(
        fed_back_on,
        "fed_back_on",
        "反馈日期",
        notified_on,
        "通报日期",
    )?;
    let need = |d: Option<Day>, key: &str, what: &str| match d {
        None => Err(Error::new(
            Code::FieldMissing,
            o.at(key),
            format!("状态为「{}」时应填写{what}", status.name_zh()),
        )),
        Some(_) => Ok(()),
    };
    match status {
        Status::InProgress => {}
        Status::Rectified => need(rectified_on, "rectified_on", "整改完成日期")?,
        Status::FedBack => {
            need(rectified_on, "rectified_on", "整改完成日期")?;
            need(fed_back_on, "fed_back_on", "反馈日期")?;
        }
    }
    Ok(Entry {
        id,
        notified_by,
        notifier: o.opt_str("notifier")?,
        notice_no: o.opt_str("notice_no")?,
        notified_on,
        problem: o.req_text("problem")?,
        deadline,
        status,
        rectified_on,
        fed_back_on,
        evidence: read_evidence(o)?,
        serious_consequence,
        note: o.opt_str("note")?,
    })
}

/// One of a closed set of keys, with the allowed ones named in Chinese when it is not.
fn pick<T: Copy>(
    o: &Obj,
    key: &str,
    all: &[T],
    key_of: impl Fn(T) -> &'static str,
    name_of: impl Fn(T) -> &'static str,
) -> Result<T> {
    let raw = o.req_str(key)?;
    all.iter()
        .copied()
        .find(|t| key_of(*t) == raw)
        .ok_or_else(|| {
            let allowed: Vec<String> = all
                .iter()
                .map(|t| format!("{}({})", key_of(*t), name_of(*t)))
                .collect();
            Error::new(
                Code::FieldRange,
                o.at(key),
                format!("「{raw}」不是可选值;可选:{}", allowed.join("、")),
            )
        })
}
