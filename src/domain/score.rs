//! Scoring (`cyberduty.score/1`): earned points per item, base re-normalised over applicable items,
//! capped bonus, vetoes, grade, and one Chinese sentence for every point lost. Exact until the one
//! rounding of each reported figure.

use crate::domain::assessment::{Assessment, Unit, Value};
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::{self, Cents, Exact};
use crate::domain::json::Json;
use crate::domain::rubric::{Item, Method, Rubric};
use serde::Serialize;

pub const SCHEMA: &str = "cyberduty.score/1";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub rubric: RubricInfo,
    pub unit: Unit,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub total: Cents,
    pub base: Cents,
    pub bonus: Cents,
    pub max: Cents,
    pub grade: String,
    pub vetoed: bool,
    pub complete: bool,
    /// Items and vetoes with no answer yet.
    pub missing: Vec<String>,
    pub answered: usize,
    pub answerable: usize,
    pub dimensions: Vec<DimensionScore>,
    pub items: Vec<ItemScore>,
    pub vetoes: Vec<VetoResult>,
    pub bonus_items: Vec<ItemScore>,
    /// Every item that lost points, largest loss first.
    pub lost: Vec<Lost>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricInfo {
    pub id: String,
    pub version: String,
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    pub id: String,
    pub title: String,
    /// Raw points earned in this dimension (before re-normalisation).
    pub earned: Cents,
    /// Points of its applicable (not 不适用) items.
    pub applicable: Cents,
    /// Points of all its items.
    pub points: Cents,
    /// earned / applicable in percent, two decimals; null when nothing applies.
    pub attainment: Option<Cents>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Met,
    Partial,
    Unmet,
    Na,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemScore {
    pub id: String,
    pub dimension: String,
    pub title: String,
    pub earned: Cents,
    pub max: Cents,
    pub status: Status,
    /// Why points were lost (or why the item does not count); null when nothing was lost.
    pub explanation: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VetoStatus {
    Triggered,
    Clear,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VetoResult {
    pub id: String,
    pub title: String,
    pub status: VetoStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lost {
    pub id: String,
    pub dimension: String,
    pub title: String,
    pub points: Cents,
    pub explanation: String,
}

struct Earned {
    earned: Exact,
    status: Status,
    explanation: Option<String>,
}

/// What a triggered veto does to the grade (below: `rubric.lowest_grade()`), as the page states it
/// beside the vetoes.
pub const VETO_RULE: &str = "任何一项触发,年度考核直接评为最低等次。";

/// Read a rubric (the default one when `None`) and an assessment, and score it: the one entry point
/// the CLI and the wasm binding share.
pub fn score_documents(rubric: Option<&Json>, assessment: &Json) -> Result<Report> {
    let rubric = Rubric::from_json_or_default(rubric)?;
    // A score does not identify the unit: a unit code failing the check (files of versions
    // before the check) does not stop scoring; sealing and the CLI refuse it.
    let (assessment, _) = Assessment::from_json_draft(assessment, &rubric)?;
    score(&rubric, &assessment)
}

/// Score `assessment` (already checked against `rubric` by [`Assessment::from_json`]).
pub fn score(rubric: &Rubric, assessment: &Assessment) -> Result<Report> {
    let mut items = Vec::new();
    let mut dimensions = Vec::new();
    let mut missing = Vec::new();
    let mut lost = Vec::new();
    let (mut earned_sum, mut applicable_sum) = (Exact::zero(), Exact::zero());
    let mut answerable = 0;

    for d in &rubric.dimensions {
        let (mut d_earned, mut d_applicable) = (Exact::zero(), Exact::zero());
        for item in &d.items {
            answerable += 1;
            let e = earn(item, assessment.answers.get(&item.id).map(|a| &a.value));
            if e.status == Status::Missing {
                missing.push(item.id.clone());
            }
            if e.status != Status::Na {
                let points = item.points_exact();
                if e.earned < points {
                    // From exact values, so a loss of 0.005 is listed even though it rounds away.
                    lost.push(Lost {
                        id: item.id.clone(),
                        dimension: d.id.clone(),
                        title: item.label().to_string(),
                        points: Cents::of(&(&points - &e.earned)),
                        explanation: e.explanation.clone().unwrap_or_default(),
                    });
                }
                d_earned += &e.earned;
                d_applicable += points;
            }
            items.push(item_score(item, &d.id, e));
        }
        let attainment = (!d_applicable.is_zero())
            .then(|| Cents::of(&(&d_earned * exact::int(100) / &d_applicable)));
        dimensions.push(DimensionScore {
            id: d.id.clone(),
            title: d.title.clone().unwrap_or_else(|| d.id.clone()),
            earned: Cents::of(&d_earned),
            applicable: Cents::of(&d_applicable),
            points: Cents(d.items.iter().map(|i| i.points.0).sum()),
            attainment,
        });
        earned_sum += d_earned;
        applicable_sum += d_applicable;
    }
    if applicable_sum.is_zero() {
        return Err(Error::new(
            Code::AssessmentAllNa,
            "$.answers",
            "所有指标都填写了“不适用”,无法计算得分",
        ));
    }

    let mut vetoes = Vec::new();
    for v in &rubric.vetoes {
        answerable += 1;
        let status = match assessment.answers.get(&v.id).map(|a| &a.value) {
            Some(Value::Triggered { triggered: true }) => VetoStatus::Triggered,
            Some(_) => VetoStatus::Clear,
            None => {
                missing.push(v.id.clone());
                VetoStatus::Missing
            }
        };
        vetoes.push(VetoResult {
            id: v.id.clone(),
            title: v.label().to_string(),
            status,
        });
    }

    let mut bonus_items = Vec::new();
    let mut bonus_sum = Exact::zero();
    for b in &rubric.bonus {
        let mut e = earn(b, assessment.answers.get(&b.id).map(|a| &a.value));
        if e.status == Status::Missing {
            // An unclaimed bonus is simply not earned; it does not make the assessment incomplete.
            // Its status stays `missing` (unanswered), with nothing lost to explain. (Exports
            // sealed by 0.1 say `unmet`: `export::open` accepts that word.)
            e.explanation = None;
        } else if e.earned.is_zero() {
            e.explanation = None;
        } else {
            e.explanation = Some(format!("加 {} 分", exact::display(&e.earned)));
        }
        bonus_sum += &e.earned;
        bonus_items.push(item_score(b, "bonus", e));
    }

    let total_points = exact::from_cents(rubric.total.0);
    let cap = exact::from_cents(rubric.bonus_cap.0);
    let base = &total_points * &earned_sum / &applicable_sum;
    let bonus = if bonus_sum > cap { cap } else { bonus_sum };
    let total = Cents::of(&(&base + &bonus));
    // VETO_RULE says this in words for the page.
    let vetoed = vetoes.iter().any(|v| v.status == VetoStatus::Triggered);
    let grade = if vetoed {
        rubric.lowest_grade()
    } else {
        rubric.grade_for(total)
    };

    // Largest loss first; the sort is stable, so equal losses keep rubric order.
    crate::domain::sort::by_key(&mut lost, |l| std::cmp::Reverse(l.points));

    Ok(Report {
        schema: SCHEMA,
        rubric: RubricInfo {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            digest: rubric.digest(),
        },
        unit: assessment.unit.clone(),
        period: assessment.period.clone(),
        total,
        base: Cents::of(&base),
        bonus: Cents::of(&bonus),
        max: Cents(rubric.total.0 + rubric.bonus_cap.0),
        grade: grade.name.clone(),
        vetoed,
        complete: missing.is_empty(),
        answered: answerable - missing.len(),
        answerable,
        missing,
        dimensions,
        items,
        vetoes,
        bonus_items,
        lost,
    })
}

fn item_score(item: &Item, dimension: &str, e: Earned) -> ItemScore {
    ItemScore {
        id: item.id.clone(),
        dimension: dimension.to_string(),
        title: item.label().to_string(),
        earned: Cents::of(&e.earned),
        max: item.points,
        status: e.status,
        explanation: e.explanation,
    }
}

fn status_of(earned: &Exact, points: &Exact) -> Status {
    if earned == points {
        Status::Met
    } else if earned.is_zero() {
        Status::Unmet
    } else {
        Status::Partial
    }
}

/// Points `answer` earns on `item` (0 when unanswered or 不适用): what-if weighs alternatives with
/// the same rule the report uses.
pub(crate) fn earned_points(item: &Item, answer: Option<&Value>) -> Exact {
    earn(item, answer).earned
}

/// Points earned on one item, with the sentence that explains any loss.
fn earn(item: &Item, answer: Option<&Value>) -> Earned {
    let points = item.points_exact();
    // Sentences are written only for losses: a met item (most of them) formats nothing.
    let p = || exact::trim2(item.points.0);
    let Some(answer) = answer else {
        return Earned {
            earned: Exact::zero(),
            status: Status::Missing,
            explanation: Some(format!("未作答,按 0 分计,扣 {} 分", p())),
        };
    };
    let (earned, why) = match (answer, &item.method) {
        (Value::Na { na }, _) => {
            return Earned {
                earned: Exact::zero(),
                status: Status::Na,
                explanation: Some(format!("不适用({na}),不计入应得分")),
            }
        }
        (Value::Met { met: true }, _) => (points.clone(), String::new()),
        (Value::Met { met: false }, _) => (Exact::zero(), format!("未达到要求,扣 {} 分", p())),
        (Value::Level { level }, Method::Levels { levels }) => {
            let l = &levels[*level as usize];
            let earned = &points * &l.ratio;
            let why = if earned == points {
                String::new()
            } else {
                format!(
                    "评定为“{}”(得分比例 {}),扣 {} 分",
                    l.label,
                    exact::percent(&l.ratio, &exact::int(1)),
                    exact::display(&(&points - &earned))
                )
            };
            (earned, why)
        }
        (
            Value::Ratio {
                numerator,
                denominator,
            },
            _,
        ) => {
            let share = Exact::new((*numerator).into(), (*denominator).into());
            let earned = &points * &share;
            let why = if earned == points {
                String::new()
            } else {
                format!(
                    "达标 {numerator}/{denominator}({}),扣 {} 分",
                    exact::percent(&share, &exact::int(1)),
                    exact::display(&(&points - &earned))
                )
            };
            (earned, why)
        }
        (Value::Count { count }, Method::Deduct { per }) => {
            let owed = exact::from_cents(per.0) * Exact::from_integer((*count).into());
            let earned = &points - &owed;
            let per = exact::trim2(per.0);
            if owed.is_zero() {
                // Nothing owed: met, nothing to explain.
                (earned, String::new())
            } else if earned.is_negative() {
                let p = p();
                let why = format!(
                    "{count} 项,每项扣 {per} 分,应扣 {} 分,本项最多扣 {p} 分,扣 {p} 分",
                    exact::display(&owed)
                );
                (Exact::zero(), why)
            } else {
                let why = format!("{count} 项,每项扣 {per} 分,扣 {} 分", exact::display(&owed));
                (earned, why)
            }
        }
        // Shapes are checked against the method when the assessment is read.
        _ => (Exact::zero(), format!("答案与评分方法不符,扣 {} 分", p())),
    };
    let status = status_of(&earned, &points);
    Earned {
        explanation: (status != Status::Met).then_some(why),
        earned,
        status,
    }
}
