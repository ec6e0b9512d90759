//! The policy table: grading thresholds of the 2025 《网络安全事件分级指南》, the two numeric lines
//! used to read Article 8 (三)/(四), and the reporting deadlines, as data
//! (`data/grading-2025.json`), each value with its source and whether it is final or a draft.
//! Rules elsewhere read numbers only from here.

use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::Exact;
use crate::domain::incident::level::GradeLevel;
use crate::domain::json::{self, index_path, Json, Obj};
use serde::Serialize;
use std::sync::OnceLock;

pub const SCHEMA: &str = "cyberduty.policy";
pub const VERSION: u32 = 1;
pub const DEFAULT_JSON: &str = include_str!("../../../data/grading-2025.json");
/// The same table without insignificant white space (build.rs): what [`Policy::default_policy`]
/// parses, so the wasm carries 1 KB less.
const DEFAULT_COMPACT: &str = include_str!(concat!(env!("OUT_DIR"), "/grading-2025.json"));

#[cfg(test)]
#[test]
fn compact_default_is_the_same_document() {
    let parse = |text| json::parse_str(text).expect("valid JSON");
    assert_eq!(parse(DEFAULT_COMPACT), parse(DEFAULT_JSON));
    assert!(DEFAULT_COMPACT.len() < DEFAULT_JSON.len());
}

/// Whether a threshold is in a published final text or only in the 2023 draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    Final,
    Draft,
}

impl Provenance {
    pub fn name_zh(self) -> &'static str {
        match self {
            Provenance::Final => "正式文本",
            Provenance::Draft => "2023 年征求意见稿,正式文本可能不同",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierRule {
    /// Inclusive lower bound (「以上」 includes the number).
    pub min: Exact,
    pub status: Provenance,
    pub scope: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GradingRow {
    pub id: String,
    pub criterion: String,
    pub unit: String,
    /// 较大, 重大, 特别重大, in that order.
    pub tiers: [TierRule; 3],
    pub source: String,
}

impl GradingRow {
    /// The rule for a tier (`None` for 一般, which has no threshold).
    pub fn tier(&self, level: GradeLevel) -> Option<&TierRule> {
        match level {
            GradeLevel::General => None,
            GradeLevel::Larger => self.tiers.first(),
            GradeLevel::Major => self.tiers.get(1),
            GradeLevel::EspeciallyMajor => self.tiers.get(2),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QualitativeRow {
    pub id: String,
    pub criterion: String,
    pub tiers: [String; 3],
    pub source: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article8Row {
    pub id: String,
    pub item: u64,
    pub criterion: String,
    pub min: Exact,
    pub unit: String,
    pub status: Provenance,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub id: String,
    pub minutes: u64,
    pub reporter: String,
    pub reports_to: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportingRules {
    pub required_from: GradeLevel,
    pub status: Provenance,
    pub source: String,
    pub deadlines: Vec<Deadline>,
    pub summary_report_days: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub note: String,
    pub grading: Vec<GradingRow>,
    pub qualitative: Vec<QualitativeRow>,
    pub article8: Vec<Article8Row>,
    pub reporting: ReportingRules,
}

/// Row ids the classifier reads; the shipped table must have every one.
pub const GRADING_IDS: [&str; 10] = [
    "portal_outage",
    "cii_outage_full",
    "cii_outage_main_functions",
    "people_affected",
    "personal_info_leak",
    "spread_homepage",
    "spread_other_pages",
    "spread_reposts",
    "spread_views",
    "economic_loss",
];
pub const ARTICLE8_IDS: [&str; 2] = ["personal_info_large_scale", "major_economic_loss"];
pub const DEADLINE_IDS: [&str; 3] = ["cii", "central", "other"];

impl std::str::FromStr for Policy {
    type Err = Error;

    fn from_str(text: &str) -> Result<Policy> {
        Policy::from_json(&json::parse_str(text)?)
    }
}

impl Policy {
    /// The shipped table. It is checked by the test suite, so failure here is a build defect.
    pub fn default_policy() -> &'static Policy {
        static POLICY: OnceLock<Policy> = OnceLock::new();
        POLICY.get_or_init(|| {
            DEFAULT_COMPACT
                .parse::<Policy>()
                .expect("the shipped policy table validates")
        })
    }

    pub fn from_json(doc: &Json) -> Result<Policy> {
        json::check_schema(doc, SCHEMA, VERSION)?;
        let o = json::object(
            doc,
            "$",
            &[
                "schema",
                "id",
                "title",
                "note",
                "grading",
                "qualitative",
                "article8",
                "reporting",
            ],
        )?;
        let mut grading = Vec::new();
        for (i, r) in o.req_arr("grading")?.iter().enumerate() {
            grading.push(read_grading_row(r, &index_path(&o.at("grading"), i))?);
        }
        let mut qualitative = Vec::new();
        for (i, r) in o.opt_arr("qualitative")?.iter().enumerate() {
            let path = index_path(&o.at("qualitative"), i);
            let r = json::object(
                r,
                &path,
                &[
                    "id",
                    "criterion",
                    "especially_major",
                    "major",
                    "larger",
                    "source",
                    "note",
                ],
            )?;
            qualitative.push(QualitativeRow {
                id: r.req_text("id")?,
                criterion: r.req_text("criterion")?,
                tiers: [
                    r.req_text("larger")?,
                    r.req_text("major")?,
                    r.req_text("especially_major")?,
                ],
                source: r.req_text("source")?,
                note: r.req_text("note")?,
            });
        }
        let mut article8 = Vec::new();
        for (i, r) in o.req_arr("article8")?.iter().enumerate() {
            let path = index_path(&o.at("article8"), i);
            let r = json::object(
                r,
                &path,
                &["id", "item", "criterion", "min", "unit", "status", "source"],
            )?;
            article8.push(Article8Row {
                id: r.req_text("id")?,
                item: json::count(r.req("item")?, &r.at("item"))?,
                criterion: r.req_text("criterion")?,
                min: non_negative(&r, "min")?,
                unit: r.req_text("unit")?,
                status: provenance(&r)?,
                source: r.req_text("source")?,
            });
        }
        let reporting = read_reporting(o.req("reporting")?, &o.at("reporting"))?;
        let policy = Policy {
            id: o.req_text("id")?,
            title: o.req_text("title")?,
            note: o.req_text("note")?,
            grading,
            qualitative,
            article8,
            reporting,
        };
        policy.check_complete()?;
        Ok(policy)
    }

    fn check_complete(&self) -> Result<()> {
        let missing = |what: &str, id: &str| {
            Error::new(
                Code::FieldMissing,
                format!("$.{what}"),
                format!("政策表缺少 “{id}” 行"),
            )
        };
        for id in GRADING_IDS {
            if !self.grading.iter().any(|r| r.id == id) {
                return Err(missing("grading", id));
            }
        }
        for id in ARTICLE8_IDS {
            if !self.article8.iter().any(|r| r.id == id) {
                return Err(missing("article8", id));
            }
        }
        for id in DEADLINE_IDS {
            if !self.reporting.deadlines.iter().any(|r| r.id == id) {
                return Err(missing("reporting.deadlines", id));
            }
        }
        Ok(())
    }

    pub fn grading_row(&self, id: &str) -> Option<&GradingRow> {
        self.grading.iter().find(|r| r.id == id)
    }

    pub fn article8_row(&self, id: &str) -> Option<&Article8Row> {
        self.article8.iter().find(|r| r.id == id)
    }

    pub fn deadline(&self, id: &str) -> Option<&Deadline> {
        self.reporting.deadlines.iter().find(|r| r.id == id)
    }
}

fn non_negative(o: &Obj, key: &str) -> Result<Exact> {
    let n = json::number(o.req(key)?, &o.at(key))?;
    if n < Exact::from_integer(0.into()) {
        return Err(Error::new(Code::FieldRange, o.at(key), "门槛不能为负数"));
    }
    Ok(n)
}

fn provenance(o: &Obj) -> Result<Provenance> {
    match o.req_str("status")? {
        "final" => Ok(Provenance::Final),
        "draft" => Ok(Provenance::Draft),
        other => Err(Error::new(
            Code::FieldRange,
            o.at("status"),
            format!("status 应为 final 或 draft,实际是 “{other}”"),
        )),
    }
}

fn read_tier(v: &Json, path: &str) -> Result<TierRule> {
    let t = json::object(v, path, &["min", "status", "scope", "note"])?;
    Ok(TierRule {
        min: non_negative(&t, "min")?,
        status: provenance(&t)?,
        scope: t.opt_str("scope")?,
        note: t.opt_str("note")?,
    })
}

fn read_grading_row(v: &Json, path: &str) -> Result<GradingRow> {
    let r = json::object(
        v,
        path,
        &[
            "id",
            "criterion",
            "unit",
            "especially_major",
            "major",
            "larger",
            "source",
        ],
    )?;
    let tiers = [
        read_tier(r.req("larger")?, &r.at("larger"))?,
        read_tier(r.req("major")?, &r.at("major"))?,
        read_tier(r.req("especially_major")?, &r.at("especially_major"))?,
    ];
    if !(tiers[0].min <= tiers[1].min && tiers[1].min <= tiers[2].min) {
        return Err(Error::new(
            Code::FieldRange,
            path,
            "门槛应满足 较大 ≤ 重大 ≤ 特别重大",
        ));
    }
    Ok(GradingRow {
        id: r.req_text("id")?,
        criterion: r.req_text("criterion")?,
        unit: r.req_text("unit")?,
        tiers,
        source: r.req_text("source")?,
    })
}

fn read_reporting(v: &Json, path: &str) -> Result<ReportingRules> {
    let o = json::object(
        v,
        path,
        &[
            "required_from",
            "status",
            "source",
            "deadlines",
            "summary_report_days",
        ],
    )?;
    let required_from = match o.req_str("required_from")? {
        "larger" => GradeLevel::Larger,
        "major" => GradeLevel::Major,
        "especially_major" => GradeLevel::EspeciallyMajor,
        other => {
            return Err(Error::new(
                Code::FieldRange,
                o.at("required_from"),
                format!("required_from 应为 larger、major 或 especially_major,实际是 “{other}”"),
            ))
        }
    };
    let mut deadlines = Vec::new();
    for (i, d) in o.req_arr("deadlines")?.iter().enumerate() {
        let p = index_path(&o.at("deadlines"), i);
        let d = json::object(d, &p, &["id", "minutes", "reporter", "reports_to"])?;
        deadlines.push(Deadline {
            id: d.req_text("id")?,
            minutes: json::count(d.req("minutes")?, &d.at("minutes"))?,
            reporter: d.req_text("reporter")?,
            reports_to: d.req_text("reports_to")?,
        });
    }
    Ok(ReportingRules {
        required_from,
        status: provenance(&o)?,
        source: o.req_text("source")?,
        deadlines,
        summary_report_days: json::count(
            o.req("summary_report_days")?,
            &o.at("summary_report_days"),
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exact::int;

    #[test]
    fn shipped_table_loads_with_the_facts_md_values() {
        let p = DEFAULT_JSON.parse::<Policy>().expect("valid");
        let row = |id: &str| p.grading_row(id).expect("row");
        let mins =
            |id: &str| -> Vec<Exact> { row(id).tiers.iter().map(|t| t.min.clone()).collect() };
        let st = |id: &str| -> Vec<Provenance> { row(id).tiers.iter().map(|t| t.status).collect() };
        use Provenance::{Draft as D, Final as F};
        let half = Exact::new(1.into(), 2.into());
        assert_eq!(mins("portal_outage"), vec![int(2), int(6), int(24)]);
        assert_eq!(mins("cii_outage_full"), vec![half.clone(), int(2), int(6)]);
        assert_eq!(
            mins("cii_outage_main_functions"),
            vec![int(2), int(6), int(24)]
        );
        assert_eq!(
            mins("people_affected"),
            vec![int(100_000), int(1_000_000), int(10_000_000)]
        );
        assert_eq!(
            mins("personal_info_leak"),
            vec![int(1_000_000), int(10_000_000), int(100_000_000)]
        );
        assert_eq!(st("personal_info_leak"), vec![F, F, F]);
        assert_eq!(mins("spread_homepage"), vec![half, int(2), int(6)]);
        assert_eq!(mins("spread_other_pages"), vec![int(2), int(12), int(24)]);
        assert_eq!(
            mins("spread_reposts"),
            vec![int(1000), int(10_000), int(100_000)]
        );
        assert_eq!(
            mins("spread_views"),
            vec![int(10_000), int(100_000), int(1_000_000)]
        );
        assert_eq!(
            mins("economic_loss"),
            vec![int(5_000_000), int(20_000_000), int(100_000_000)]
        );
        for id in GRADING_IDS.iter().filter(|id| **id != "personal_info_leak") {
            assert_eq!(st(id), vec![D, D, F], "{id}");
        }
        let a8 = |id: &str| p.article8_row(id).expect("row");
        assert_eq!(a8("personal_info_large_scale").min, int(1_000_000));
        assert_eq!(a8("personal_info_large_scale").status, F);
        assert_eq!(a8("major_economic_loss").min, int(20_000_000));
        assert_eq!(a8("major_economic_loss").status, D);
        let m = |id: &str| p.deadline(id).map(|d| d.minutes);
        assert_eq!(
            (m("cii"), m("central"), m("other")),
            (Some(60), Some(120), Some(240))
        );
        assert_eq!(p.reporting.summary_report_days, 30);
        assert_eq!(p.reporting.required_from, GradeLevel::Larger);
        assert_eq!(p.qualitative.len(), 1);
    }

    #[test]
    fn incomplete_tables_are_refused() {
        let broken = DEFAULT_JSON.replace("\"id\": \"economic_loss\"", "\"id\": \"loss\"");
        let e = broken.parse::<Policy>().err().map(|e| (e.code, e.path));
        assert_eq!(e, Some((Code::FieldMissing, "$.grading".to_string())));
        let broken = DEFAULT_JSON.replace("\"status\": \"draft\"", "\"status\": \"maybe\"");
        assert_eq!(
            broken.parse::<Policy>().err().map(|e| e.code),
            Some(Code::FieldRange)
        );
    }
}
