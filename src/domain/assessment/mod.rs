//! A unit's answers (`cyberduty.assessment/1`), checked against the rubric they were made for.

use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json, Obj};
use crate::domain::period::Period;
use crate::domain::rubric::{Method, Rubric};
use crate::domain::unit_code;
use serde::Serialize;
use std::collections::BTreeMap;

mod labels;
pub use labels::path_label;

pub const SCHEMA: &str = "cyberduty.assessment";
pub const VERSION: u32 = 1;
/// The tag this build writes.
pub const TAG: &str = "cyberduty.assessment/1";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub schema: &'static str,
    pub rubric: RubricRef,
    pub unit: Unit,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    /// Keyed by item, veto or bonus id; sorted so output and digests do not depend on input order.
    pub answers: BTreeMap<String, Answer>,
    /// The previous period's notes and evidence names, kept as references when this period was
    /// started from it (`cyberduty next`); never scored, never an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried: Option<Carried>,
}

/// What [`crate::domain::next_period`] carries from one period into the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Carried {
    pub from_period: String,
    pub answers: BTreeMap<String, CarriedAnswer>,
}

/// A previous answer's note and evidence names (without digests: the files are last period's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarriedAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Unit {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 统一社会信用代码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// Administrative level of a unit (also used by incidents: Article 8 (二) turns on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Central,
    Provincial,
    Prefecture,
    County,
    Township,
}

impl Level {
    pub const ALL: [(&'static str, Level, &'static str); 5] = [
        ("central", Level::Central, "中央和国家机关"),
        ("provincial", Level::Provincial, "省级"),
        ("prefecture", Level::Prefecture, "地市级"),
        ("county", Level::County, "县级"),
        ("township", Level::Township, "乡镇级"),
    ];

    pub fn parse(v: &Json, path: &str) -> Result<Level> {
        let s = json::string(v, path)?;
        Level::ALL
            .iter()
            .find(|(k, _, _)| *k == s)
            .map(|(_, l, _)| *l)
            .ok_or_else(|| {
                Error::new(
                    Code::FieldRange,
                    path,
                    format!(
                        "未知的行政层级 “{s}”(应为 central、provincial、prefecture、county 或 township)"
                    ),
                )
            })
    }

    pub fn name_zh(self) -> &'static str {
        Level::ALL
            .iter()
            .find(|(_, l, _)| *l == self)
            .map(|(_, _, z)| *z)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    #[serde(flatten)]
    pub value: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Met { met: bool },
    Level { level: u64 },
    Ratio { numerator: u64, denominator: u64 },
    Count { count: u64 },
    Na { na: String },
    Triggered { triggered: bool },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sm3: Option<String>,
}

/// What an answer must look like for the thing it answers.
enum Expect<'r> {
    Item {
        method: &'r Method,
        na_allowed: bool,
    },
    Veto,
}

impl Assessment {
    pub fn parse(text: &str, rubric: &Rubric) -> Result<Assessment> {
        Assessment::from_json(&json::parse_str(text)?, rubric)
    }

    /// Read and check against `rubric`: unknown ids, wrong shapes, out-of-range values and a
    /// rubric id/version mismatch are errors, never guesses. The unit code is normalised
    /// ([`unit_code::normalize`]) and a bad one is `E_UNIT_CODE`; the period is normalised to its
    /// key (`2025年度` → `2025`) where it reads as one, and kept as written otherwise (an older
    /// free-text period, which then cannot be checked against incident dates).
    pub fn from_json(doc: &Json, rubric: &Rubric) -> Result<Assessment> {
        let (a, bad_code) = Assessment::read(doc, rubric, Identity::Normalise)?;
        match bad_code {
            Some(e) => Err(e),
            None => Ok(a),
        }
    }

    /// [`Assessment::from_json`] for a form being filled or an older file: a unit code that fails
    /// the check is kept as typed (in its canonical form) and returned as the second value instead
    /// of rejecting the document, so the page can show it beside the field.
    pub fn from_json_draft(doc: &Json, rubric: &Rubric) -> Result<(Assessment, Option<Error>)> {
        Assessment::read(doc, rubric, Identity::Normalise)
    }

    /// Read exactly as written (unit code and period untouched): what a sealed export holds, so
    /// its stored score, which echoes both, re-scores to the same bytes.
    pub(crate) fn from_json_as_written(doc: &Json, rubric: &Rubric) -> Result<Assessment> {
        Assessment::read(doc, rubric, Identity::AsWritten).map(|(a, _)| a)
    }

    fn read(
        doc: &Json,
        rubric: &Rubric,
        identity: Identity,
    ) -> Result<(Assessment, Option<Error>)> {
        json::check_schema(doc, SCHEMA, VERSION)?;
        let o = json::object(
            doc,
            "$",
            &[
                "schema", "rubric", "unit", "period", "assessor", "answers", "carried",
            ],
        )?;
        let rubric_ref = {
            let r = json::object(o.req("rubric")?, &o.at("rubric"), &["id", "version"])?;
            RubricRef {
                id: r.req_text("id")?,
                version: r.req_text("version")?,
            }
        };
        if rubric_ref.id != rubric.id || rubric_ref.version != rubric.version {
            return Err(Error::new(
                Code::AssessmentRubricMismatch,
                o.at("rubric"),
                format!(
                    "自评表按细则 “{} {}” 填写,但提供的细则是 “{} {}”",
                    rubric_ref.id, rubric_ref.version, rubric.id, rubric.version
                ),
            ));
        }
        let unit = match o.opt("unit") {
            Some(u) => read_unit(u, &o.at("unit"))?,
            None => Unit::default(),
        };
        let mut answers = BTreeMap::new();
        if let Some(a) = o.opt("answers") {
            let path = o.at("answers");
            let mut expected = Expected::new(rubric);
            for (id, v) in json::map(a, &path)? {
                let expect = expected.find(id).ok_or_else(|| {
                    Error::new(
                        Code::AnswerUnknownId,
                        json::key_path(&path, id),
                        format!("细则中没有编号为 “{id}” 的指标、否决项或加分项"),
                    )
                })?;
                let o = json::object_under(v, &path, id, &ANSWER_KEYS)?;
                answers.insert(id.clone(), read_answer(&o, expect)?);
            }
        }
        let mut a = Assessment {
            schema: TAG,
            rubric: rubric_ref,
            unit,
            period: o.opt_str("period")?,
            assessor: o.opt_str("assessor")?,
            answers,
            carried: o
                .opt("carried")
                .map(|c| read_carried(c, &o.at("carried")))
                .transpose()?,
        };
        let mut bad_code = None;
        if identity == Identity::Normalise {
            // Checked last, so any other fault of the document is reported first.
            if let Some(raw) = a.unit.code.take() {
                let path = json::key_path(&o.at("unit"), "code");
                a.unit.code = match unit_code::canonical_form(&raw).as_str() {
                    "" => None,
                    _ => match unit_code::normalize(&raw, &path) {
                        Ok(code) => Some(code),
                        Err(e) => {
                            bad_code = Some(e);
                            Some(unit_code::canonical_form(&raw))
                        }
                    },
                };
            }
            if let Some(p) = a.period.as_deref().and_then(Period::parse) {
                a.period = Some(p.key());
            }
        }
        Ok((a, bad_code))
    }

    /// The period as a date range, when it reads as one.
    pub fn period_range(&self) -> Option<Period> {
        self.period.as_deref().and_then(Period::parse)
    }
}

/// Whether reading normalises the unit code and the period, or keeps them as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Identity {
    Normalise,
    AsWritten,
}

/// A whole number as a person types it — `3`, `3.0`, ` 3 ` or full-width `３` (Chinese input
/// methods) — or None (`1e2`, `-1`, `2.5`, words): the page's count fields and the Excel template's
/// cells are read by this one rule; what it refuses goes on as text and the answer's check names it.
pub fn whole_number(typed: &str) -> Option<u64> {
    let s: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b == b'0')
    {
        return None;
    }
    int.parse().ok()
}

pub fn read_unit(v: &Json, path: &str) -> Result<Unit> {
    let u = json::object(v, path, &["name", "code", "level", "region"])?;
    Ok(Unit {
        name: u.opt_str("name")?,
        code: u.opt_str("code")?,
        level: u
            .opt("level")
            .map(|l| Level::parse(l, &u.at("level")))
            .transpose()?,
        region: u.opt_str("region")?,
    })
}

/// What each id of the rubric answers (items, bonus items, vetoes; ids are unique across them), in
/// rubric order. Answers usually come in that order too (the page and the template write them so):
/// the search starts after the last id found and wraps around, so reading n answers compares ~n
/// ids instead of ~n²/2 (the linear search per answer was ~10 % of `score()` in the wasm).
struct Expected<'r> {
    ids: Vec<(&'r str, Expect<'r>)>,
    next: usize,
}

impl<'r> Expected<'r> {
    fn new(rubric: &'r Rubric) -> Expected<'r> {
        let items = rubric.items().map(|(_, i)| {
            let e = Expect::Item {
                method: &i.method,
                na_allowed: i.na_allowed,
            };
            (i.id.as_str(), e)
        });
        let bonus = rubric.bonus.iter().map(|b| {
            let e = Expect::Item {
                method: &b.method,
                na_allowed: false,
            };
            (b.id.as_str(), e)
        });
        let vetoes = rubric.vetoes.iter().map(|v| (v.id.as_str(), Expect::Veto));
        Expected {
            ids: items.chain(bonus).chain(vetoes).collect(),
            next: 0,
        }
    }

    fn find(&mut self, id: &str) -> Option<&Expect<'r>> {
        let n = self.ids.len();
        let at = (0..n)
            .map(|k| (self.next + k) % n)
            .find(|&i| self.ids[i].0 == id)?;
        self.next = at + 1;
        Some(&self.ids[at].1)
    }
}

const ANSWER_KEYS: [&str; 9] = [
    "met",
    "level",
    "numerator",
    "denominator",
    "count",
    "na",
    "triggered",
    "note",
    "evidence",
];

fn read_answer(o: &Obj, expect: &Expect) -> Result<Answer> {
    let note = o.opt_str("note")?;
    let evidence = read_evidence(o)?;
    let value = if o.has("na") {
        read_na(o, expect)?
    } else {
        match expect {
            Expect::Veto => {
                only(
                    o,
                    &["triggered"],
                    "否决项应填写 {\"triggered\": true 或 false}",
                )?;
                Value::Triggered {
                    triggered: o.req_bool("triggered")?,
                }
            }
            Expect::Item { method, .. } => read_value(o, method)?,
        }
    };
    Ok(Answer {
        value,
        note,
        evidence,
    })
}

fn read_na(o: &Obj, expect: &Expect) -> Result<Value> {
    match expect {
        Expect::Item {
            na_allowed: true, ..
        } => {
            only(
                o,
                &["na"],
                "“不适用”的答案只应包含 na(原因),不能同时填写其他答案",
            )?;
            Ok(Value::Na {
                na: o.req_text("na")?,
            })
        }
        _ => Err(Error::new(
            Code::AnswerNaNotAllowed,
            o.at("na"),
            "此项不允许填写“不适用”",
        )),
    }
}

fn read_value(o: &Obj, method: &Method) -> Result<Value> {
    match method {
        Method::Check => {
            only(o, &["met"], "是否题应填写 {\"met\": true 或 false}")?;
            Ok(Value::Met {
                met: o.req_bool("met")?,
            })
        }
        Method::Levels { levels } => {
            only(
                o,
                &["level"],
                "分档题应填写 {\"level\": 档次序号(从 0 开始)}",
            )?;
            let level = o.req_count("level")?;
            if level >= levels.len() as u64 {
                return Err(Error::new(
                    Code::AnswerRange,
                    o.at("level"),
                    format!(
                        "档次序号 {level} 超出范围:此项共 {} 档,序号应为 0 到 {}",
                        levels.len(),
                        levels.len() - 1
                    ),
                ));
            }
            Ok(Value::Level { level })
        }
        Method::Ratio => {
            only(
                o,
                &["numerator", "denominator"],
                "比例题应填写 {\"numerator\": 达标数, \"denominator\": 总数}",
            )?;
            let numerator = o.req_count("numerator")?;
            let denominator = o.req_count("denominator")?;
            if denominator == 0 {
                return Err(Error::new(
                    Code::AnswerRange,
                    o.at("denominator"),
                    "总数(分母)必须大于 0;若本单位没有此类对象,请选择“不适用”(如允许)",
                ));
            }
            if numerator > denominator {
                return Err(Error::new(
                    Code::AnswerRange,
                    o.at("numerator"),
                    format!("达标数 {numerator} 大于总数 {denominator}"),
                ));
            }
            Ok(Value::Ratio {
                numerator,
                denominator,
            })
        }
        Method::Deduct { .. } => {
            only(o, &["count"], "扣分题应填写 {\"count\": 次数}")?;
            Ok(Value::Count {
                count: o.req_count("count")?,
            })
        }
    }
}

/// Refuse answer keys that belong to another shape (e.g. `met` on a levels item).
fn only(o: &Obj, keys: &[&str], hint: &str) -> Result<()> {
    // The usual case in one pass over the answer's few fields (keys are unique and all among
    // ANSWER_KEYS once the object is open); any fault is then named by the checks below.
    let mut found = 0;
    let fine = o.present_keys().all(|k| {
        let wanted = keys.contains(&k);
        found += usize::from(wanted);
        wanted || k == "note" || k == "evidence"
    });
    if fine && found == keys.len() {
        return Ok(());
    }
    for k in ANSWER_KEYS {
        if k == "note" || k == "evidence" {
            continue;
        }
        if o.has(k) && !keys.contains(&k) {
            return Err(Error::new(
                Code::AnswerShape,
                o.at(k),
                format!("答案形式不符:{hint}"),
            ));
        }
    }
    if let Some(k) = keys.iter().find(|k| !o.has(k)) {
        return Err(Error::new(
            Code::AnswerShape,
            o.at(k),
            format!("答案形式不符:缺少 “{k}”。{hint}"),
        ));
    }
    Ok(())
}

/// The `evidence` list of an answer (also of a 整改台账 entry): names and optional SM3 digests.
/// `carried` (see [`Carried`]): ids are not checked against the rubric, since the rubric may have
/// changed between the periods; they are references only.
pub fn read_carried(v: &Json, path: &str) -> Result<Carried> {
    let c = json::object(v, path, &["from_period", "answers"])?;
    let mut answers = BTreeMap::new();
    if let Some(a) = c.opt("answers") {
        for (id, v) in json::map(a, &c.at("answers"))? {
            let o = json::object(
                v,
                &json::key_path(&c.at("answers"), id),
                &["note", "evidence"],
            )?;
            answers.insert(
                id.clone(),
                CarriedAnswer {
                    note: o.opt_str("note")?,
                    evidence: read_evidence(&o)?,
                },
            );
        }
    }
    Ok(Carried {
        from_period: c.req_text("from_period")?,
        answers,
    })
}

pub(crate) fn read_evidence(o: &Obj) -> Result<Vec<Evidence>> {
    let mut out = Vec::new();
    for (i, e) in o.opt_arr("evidence")?.iter().enumerate() {
        let path = json::index_path(&o.at("evidence"), i);
        let e = json::object(e, &path, &["name", "sm3"])?;
        let sm3 = e.opt_str("sm3")?;
        if let Some(h) = &sm3 {
            // The `sm3:` prefix may be left out: a tool's bare output is accepted as it is.
            let hex = h.strip_prefix(digest::PREFIX).unwrap_or(h);
            if !digest::is_sm3_hex(hex) {
                return Err(Error::new(
                    Code::FieldRange,
                    e.at("sm3"),
                    "证明材料的 SM3 摘要应为 64 位十六进制数字",
                ));
            }
        }
        out.push(Evidence {
            name: e.req_text("name")?,
            sm3,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::whole_number;

    #[test]
    fn whole_numbers_as_typed() {
        assert_eq!(whole_number("12"), Some(12));
        assert_eq!(whole_number(" １２ "), Some(12));
        assert_eq!(whole_number("３．０"), Some(3));
        assert_eq!(whole_number("0"), Some(0));
        for bad in [
            "1e2", "1E2", "-1", "2.5", "", " ", "十二", "0x10", "+3", "1,000",
        ] {
            assert_eq!(whole_number(bad), None, "{bad}");
        }
    }
}
