//! The automatic vetoes: what a period's classified incidents say about the rubric's vetoes with
//! `auto` set (see the module documentation of [`super`] for the rule, which is the same for every
//! kind), and the incidents as an export reads them back (title, date, what their classification
//! says).

use super::{AutoVeto, Decision};
use crate::domain::assessment::{Answer, Assessment, Value};
use crate::domain::error::{Code, Error, Result};
use crate::domain::incident::situations::meets;
use crate::domain::incident::GradeLevel;
use crate::domain::json::{self, index_path, Json};
use crate::domain::period::{date_zh, Date};
use crate::domain::rubric::{Auto, Rubric};

/// One attached incident as sealed: its document and its stored classification, read for the
/// automatic vetoes and the period check. Unknown or missing fields read as unknown, so files
/// classified by another edition still open.
#[derive(Debug, Default, Clone)]
pub(super) struct Attached {
    pub title: Option<String>,
    /// The day the incident counts for: occurred, else discovered (the calendar date as written,
    /// in the offset the unit gave).
    pub date: Option<Date>,
    /// `(item, status)` of each Article 8 situation.
    pub article8: Vec<(u64, String)>,
    pub grade: Option<GradeLevel>,
    pub required: Option<bool>,
    pub on_time: Option<bool>,
    pub within: Option<u64>,
    pub deadline: Option<u64>,
    pub reported_at: bool,
    pub reported_in_time: Option<bool>,
    pub concealed: Option<bool>,
}

impl Attached {
    /// Read incident `i` (from 0): `incident` the incident document, `classification` its
    /// `cyberduty.classification/1`; `path` is where the classification sits.
    pub fn read(incident: &Json, classification: &Json, path: &str) -> Result<Attached> {
        let c = json::fields(classification, path)?;
        let mut a = Attached::default();
        for (j, t) in c.req_arr("triggers")?.iter().enumerate() {
            let t = json::fields(t, &index_path(&format!("{path}.triggers"), j))?;
            let status = t.req_str("status")?.to_string();
            let item = json::count(t.req("item")?, &t.at("item"))?;
            a.article8.push((item, status));
        }
        let obj = |v: Option<&Json>| match v {
            Some(Json::Obj(f)) => f.clone(),
            _ => Vec::new(),
        };
        let get =
            |f: &[(String, Json)], k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let boolean = |v: Option<Json>| match v {
            Some(Json::Bool(b)) => Some(b),
            _ => None,
        };
        let count = |v: Option<Json>| v.and_then(|v| json::count(&v, "$").ok());
        let text = |v: Option<Json>| match v {
            Some(Json::Str(s)) => Some(s),
            _ => None,
        };
        let cf = obj(Some(classification));
        let grade = obj(get(&cf, "grade").as_ref());
        a.grade = text(get(&grade, "level")).and_then(|k| {
            [
                GradeLevel::General,
                GradeLevel::Larger,
                GradeLevel::Major,
                GradeLevel::EspeciallyMajor,
            ]
            .into_iter()
            .find(|l| {
                serde_json::to_value(l)
                    .ok()
                    .and_then(|v| v.as_str().map(|s| s == k))
                    == Some(true)
            })
        });
        let rep = obj(get(&cf, "reporting").as_ref());
        a.required = boolean(get(&rep, "required"));
        a.on_time = boolean(get(&rep, "on_time"));
        a.within = count(get(&rep, "reported_within_minutes"));
        a.deadline = count(get(&rep, "deadline_minutes"));

        let doc = obj(Some(incident));
        a.title = text(get(&doc, "title")).filter(|t| !t.trim().is_empty());
        let facts = obj(get(&doc, "facts").as_ref());
        a.reported_in_time = boolean(get(&facts, "reported_in_time"));
        a.concealed = boolean(get(&facts, "concealed"));
        let timeline = obj(get(&doc, "timeline").as_ref());
        a.reported_at = text(get(&timeline, "reported_at")).is_some();
        a.date = ["occurred_at", "discovered_at"]
            .iter()
            .find_map(|k| text(get(&timeline, k)).and_then(|t| date_of(&t)));
        Ok(a)
    }

    /// `第 2 个事件「门户网站被篡改」` (or without the title when it has none).
    pub fn name(&self, n: usize) -> String {
        match &self.title {
            Some(t) => format!("第 {n} 个事件「{t}」"),
            None => format!("第 {n} 个事件"),
        }
    }

    /// What this incident says for an automatic veto of `kind`.
    fn finding(&self, kind: Auto) -> Finding {
        match kind {
            Auto::Article8 => {
                let met: Vec<u64> = self
                    .article8
                    .iter()
                    .filter(|(_, s)| s == "met")
                    .map(|(i, _)| *i)
                    .collect();
                if !met.is_empty() {
                    Finding::Met(meets(&met))
                } else if self.article8.iter().any(|(_, s)| s == "undetermined") {
                    Finding::Unknown
                } else {
                    Finding::Clear
                }
            }
            Auto::Reporting => self.reporting(),
        }
    }

    /// Late, missing or concealed reporting. Concealment (封锁、瞒报, Art. 8(五)) counts at any
    /// grade; late or missing reports count for incidents graded 较大 or above (the 2025 Measures'
    /// reporting duty). The timeline the tool computed decides lateness; the unit's own claim
    /// (`reported_in_time`) counts only where the timeline cannot, and a claim contradicting the
    /// timeline leaves the incident undetermined.
    fn reporting(&self) -> Finding {
        let item5 = self
            .article8
            .iter()
            .find(|(i, _)| *i == 5)
            .map(|(_, s)| s.as_str());
        let conceal = match self.concealed {
            Some(true) => Finding::Met("封锁、瞒报事件情况".into()),
            Some(false) => Finding::Clear,
            None if item5 == Some("not_met") => Finding::Clear,
            None => Finding::Unknown,
        };
        if let Finding::Met(_) = conceal {
            return conceal;
        }
        let grade = self
            .grade
            .filter(|g| *g >= GradeLevel::Larger)
            .map_or("较大及以上".to_string(), |g| g.name_zh().to_string());
        let report = match (self.required, self.on_time, self.reported_in_time) {
            (Some(false), _, _) => Finding::Clear,
            (None, _, _) => Finding::Unknown,
            // The claim and the timeline disagree: neither wins, a person decides.
            (Some(true), Some(false), Some(true)) | (Some(true), Some(true), Some(false)) => {
                Finding::Unknown
            }
            (Some(true), Some(false), _) => Finding::Met(match (self.within, self.deadline) {
                (Some(w), Some(d)) => format!(
                    "为{grade}事件,从发现到报告用时 {},超过 {}时限,属迟报",
                    duration_zh(w),
                    duration_zh(d)
                ),
                _ => format!("为{grade}事件,报告超过所有可能的时限,属迟报"),
            }),
            (Some(true), Some(true), _) => Finding::Clear,
            (Some(true), None, Some(false)) if !self.reported_at => Finding::Met(format!(
                "为{grade}事件,填写为未及时报告且没有报告时间,属迟报或漏报"
            )),
            (Some(true), None, Some(false)) => {
                Finding::Met(format!("为{grade}事件,填写为未及时报告,属迟报"))
            }
            (Some(true), None, Some(true)) => Finding::Clear,
            (Some(true), None, None) => Finding::Unknown,
        };
        match (report, conceal) {
            (Finding::Met(m), _) => Finding::Met(m),
            (Finding::Clear, Finding::Clear) => Finding::Clear,
            _ => Finding::Unknown,
        }
    }
}

/// `2025-06-10T08:30:00+08:00` → (2025, 6, 10): the date as written, once the time is valid.
fn date_of(t: &str) -> Option<Date> {
    crate::domain::time::parse(t).ok()?;
    let y = t.get(0..4)?.parse().ok()?;
    let m = t.get(5..7)?.parse().ok()?;
    let d = t.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

/// 420 分钟 → 7 小时; 90 → 90 分钟.
fn duration_zh(minutes: u64) -> String {
    if minutes % 60 == 0 {
        format!("{} 小时", minutes / 60)
    } else {
        format!("{minutes} 分钟")
    }
}

enum Finding {
    Met(String),
    Clear,
    Unknown,
}

/// What the incidents say for one kind of automatic veto.
#[derive(Debug, Default)]
pub(super) struct Findings {
    pub incidents: usize,
    /// (incident number from 1, what it meets).
    pub met: Vec<(usize, String)>,
    /// Incidents that neither meet nor rule out the veto.
    pub undetermined: usize,
    names: Vec<String>,
}

impl Findings {
    pub fn of(kind: Auto, attached: &[Attached]) -> Findings {
        let mut f = Findings {
            incidents: attached.len(),
            ..Findings::default()
        };
        for (i, a) in attached.iter().enumerate() {
            match a.finding(kind) {
                Finding::Met(m) => {
                    f.met.push((i + 1, m));
                    f.names.push(match kind {
                        Auto::Article8 => format!("第 {} 个事件", i + 1),
                        Auto::Reporting => a.name(i + 1),
                    });
                }
                Finding::Unknown => f.undetermined += 1,
                Finding::Clear => {}
            }
        }
        f
    }

    /// `第 1 个事件符合第八条第(一)、(三)项;第 2 个事件「…」为重大事件,…,属迟报`.
    pub fn describe_met(&self) -> String {
        self.met
            .iter()
            .zip(&self.names)
            .map(|((_, what), name)| format!("{name}{what}"))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// What a kind of veto is about, in the messages: (short, full).
fn what(kind: Auto) -> (&'static str, &'static str) {
    match kind {
        Auto::Article8 => ("第八条情形", "第八条所列情形"),
        Auto::Reporting => (
            "迟报、漏报、瞒报情形",
            "较大及以上事件迟报、漏报或封锁、瞒报情形",
        ),
    }
}

/// Answer every automatic veto of `rubric` from the incidents (the rule in [`super`]).
pub(super) fn apply(rubric: &Rubric, a: &mut Assessment, attached: &[Attached]) -> Vec<AutoVeto> {
    let mut out = Vec::new();
    for v in &rubric.vetoes {
        let Some(kind) = v.auto else { continue };
        let s = Findings::of(kind, attached);
        let (short, full) = what(kind);
        let given = a.answers.get(&v.id).and_then(|ans| match ans.value {
            Value::Triggered { triggered } => Some(triggered),
            _ => None,
        });
        let (decision, triggered, message) = if !s.met.is_empty() {
            let why = s.describe_met();
            match given {
                Some(true) => (
                    Decision::KeptAnswer,
                    Some(true),
                    format!("自评表已填写触发,与事件研判一致({why})"),
                ),
                Some(false) => {
                    let note = format!("由事件研判自动判定为触发:{why}(自评表原填写为未触发)");
                    set(a, &v.id, true, &note);
                    (Decision::OverrodeClear, Some(true), note)
                }
                None => {
                    let note = format!("由事件研判自动判定为触发:{why}");
                    set(a, &v.id, true, &note);
                    (Decision::SetTriggered, Some(true), note)
                }
            }
        } else if let Some(t) = given {
            let state = if t { "触发" } else { "未触发" };
            (
                Decision::KeptAnswer,
                Some(t),
                format!("所附事件未认定{short},保留自评表填写的“{state}”"),
            )
        } else if s.incidents > 0 && s.undetermined == 0 {
            let note = format!(
                "由事件研判自动判定为未触发:所附 {} 个事件均不构成{full}",
                s.incidents
            );
            set(a, &v.id, false, &note);
            (Decision::SetClear, Some(false), note)
        } else if s.incidents > 0 {
            (
                Decision::LeftUnanswered,
                None,
                format!(
                    "有 {} 个事件的{short}尚待认定,请人工核实后在自评表中填写此否决项",
                    s.undetermined
                ),
            )
        } else {
            (
                Decision::LeftUnanswered,
                None,
                "未附事件文件,请在自评表中填写此否决项(未发生事件时填写未触发)".to_string(),
            )
        };
        out.push(AutoVeto {
            veto: v.id.clone(),
            decision,
            triggered,
            message,
        });
    }
    out
}

/// An opened export: no automatic veto may be left untriggered while its incidents meet it
/// (`E_EXPORT_ARTICLE8` for Article 8, `E_EXPORT_AUTO_VETO` for the others).
pub(super) fn check(rubric: &Rubric, a: &Assessment, attached: &[Attached]) -> Result<()> {
    for v in &rubric.vetoes {
        let Some(kind) = v.auto else { continue };
        let s = Findings::of(kind, attached);
        if s.met.is_empty() {
            continue;
        }
        let triggered = matches!(
            a.answers.get(&v.id).map(|a| &a.value),
            Some(Value::Triggered { triggered: true })
        );
        if !triggered {
            let code = match kind {
                Auto::Article8 => Code::ExportArticle8,
                Auto::Reporting => Code::ExportAutoVeto,
            };
            return Err(Error::new(
                code,
                json::key_path("$.assessment.answers", &v.id),
                format!(
                    "前后矛盾:所附事件中{},但否决项 “{}” 填写为未触发",
                    s.describe_met(),
                    v.label()
                ),
            ));
        }
    }
    Ok(())
}

/// Every attached incident must fall in the period (`E_EXPORT_INCIDENT_PERIOD`, naming it). No
/// period range (older free text) or no date: nothing to check.
pub(super) fn check_period(
    period: Option<crate::domain::period::Period>,
    attached: &[Attached],
    root: &str,
) -> Result<()> {
    let Some(p) = period else { return Ok(()) };
    for (i, a) in attached.iter().enumerate() {
        let Some(date) = a.date else { continue };
        if !p.contains(date) {
            return Err(Error::new(
                Code::ExportIncidentPeriod,
                index_path(&format!("{root}incidents"), i),
                format!(
                    "{}发生于 {}(按发生时间,未填写时按发现时间),不在考核期 {}({} 至 {})内;请只附本考核期的事件,或核对考核期和事件时间",
                    a.name(i + 1),
                    date_zh(date),
                    p.name_zh(),
                    date_zh(p.first_day()),
                    date_zh(p.last_day())
                ),
            ));
        }
    }
    Ok(())
}

fn set(a: &mut Assessment, id: &str, triggered: bool, note: &str) {
    let evidence = a
        .answers
        .remove(id)
        .map(|ans| ans.evidence)
        .unwrap_or_default();
    a.answers.insert(
        id.to_string(),
        Answer {
            value: Value::Triggered { triggered },
            note: Some(note.to_string()),
            evidence,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(article8: &[(u64, &str)]) -> Attached {
        Attached {
            article8: article8.iter().map(|(i, s)| (*i, s.to_string())).collect(),
            ..Attached::default()
        }
    }

    #[test]
    fn met_situations_are_described_per_incident() {
        let s = Findings::of(
            Auto::Article8,
            &[
                with(&[(1, "met"), (3, "met")]),
                with(&[(1, "not_met")]),
                with(&[(3, "met")]),
            ],
        );
        assert_eq!(
            s.describe_met(),
            "第 1 个事件符合第八条第(一)、(三)项;第 3 个事件符合第八条第(三)项"
        );
    }

    #[test]
    fn reporting_reads_timeline_before_claims() {
        let major = |on_time, claim, reported_at| Attached {
            title: Some("门户网站被篡改".into()),
            grade: Some(GradeLevel::Major),
            required: Some(true),
            on_time,
            within: Some(420),
            deadline: Some(240),
            reported_in_time: claim,
            reported_at,
            concealed: Some(false),
            ..Attached::default()
        };
        let f = |a: Attached| {
            let s = Findings::of(Auto::Reporting, &[a]);
            (s.describe_met(), s.undetermined)
        };
        assert_eq!(f(major(Some(false), Some(true), true)), (String::new(), 1));
        assert_eq!(
            f(major(Some(false), None, true)),
            (
                "第 1 个事件「门户网站被篡改」为重大事件,从发现到报告用时 7 小时,超过 4 小时时限,属迟报".into(),
                0
            )
        );
        // The claim contradicts the timeline: neither wins.
        assert_eq!(f(major(Some(true), Some(false), true)), (String::new(), 1));
        assert_eq!(f(major(Some(true), None, true)), (String::new(), 0));
        assert!(f(major(None, Some(false), false)).0.contains("漏报"));
        assert_eq!(f(major(None, None, false)), (String::new(), 1));
        // Concealment counts at any grade.
        let hidden = Attached {
            required: Some(false),
            concealed: Some(true),
            ..Attached::default()
        };
        assert!(f(hidden).0.contains("封锁、瞒报"));
        let general = Attached {
            required: Some(false),
            concealed: None,
            ..with(&[(5, "not_met")])
        };
        assert_eq!(f(general), (String::new(), 0));
    }
}
