//! What-if (`cyberduty.whatif/1`): the smallest set of item improvements that lifts an assessment to
//! the next grade — fewest items first, then fewest points raised — with the answer each item would
//! need. It never suggests changing a veto answer, declaring an item 不适用, or a bonus (bonus
//! items reward what happened, not what a unit can decide to do).
//!
//! The total is `T·(E+Δ)/A + bonus`, rounded once (half up) to hundredths, where A (applicable
//! points) does not move when no item's applicability changes. So the next grade's minimum `m`
//! needs `Δ ≥ ((m − ½¢) − bonus)·A/T − E`, an exact threshold; the search then picks the options.

use crate::domain::assessment::{Assessment, Value};
use crate::domain::error::Result;
use crate::domain::exact::{self, Cents, Exact};
use crate::domain::export;
use crate::domain::json::Json;
use crate::domain::rubric::{Item, Method, Rubric};
use crate::domain::score::{self, earned_points, Report};
use serde::Serialize;

pub const SCHEMA: &str = "cyberduty.whatif/1";
/// Search nodes before the best plan found so far is returned (reached only by rubrics with
/// hundreds of items; the plan is then still valid, possibly not the smallest).
const NODE_BUDGET: usize = 400_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The steps reach the target grade.
    Reachable,
    /// Already the highest grade.
    Top,
    /// A veto is triggered: the grade is the lowest whatever the items say.
    Vetoed,
    /// Even full points on every applicable item do not reach the next grade.
    Unreachable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    pub schema: &'static str,
    pub outcome: Outcome,
    pub total: Cents,
    pub grade: String,
    /// The next grade up and its minimum, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Points the total is short of the target's minimum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<Cents>,
    /// The improvements, in rubric order.
    pub steps: Vec<Step>,
    /// The total with every step taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resulting_total: Option<Cents>,
    /// One sentence for the page and the CLI.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub grade: String,
    pub min: Cents,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub id: String,
    pub dimension: String,
    pub title: String,
    /// The answer now, in words.
    pub from: String,
    /// The answer the step needs, in words.
    pub to: String,
    /// The answer the step needs, in the assessment's own shape.
    pub answer: Value,
    /// Item points raised (before re-normalisation over applicable items).
    pub raised: Cents,
}

struct Candidate<'r> {
    item: &'r Item,
    dimension: &'r str,
    /// (gain over current, answer), ascending by gain; the last is the best.
    options: Vec<(Exact, Value)>,
}

/// The plan for `assessment` (checked against `rubric` by `Assessment::from_json`).
pub fn what_if(rubric: &Rubric, assessment: &Assessment) -> Result<WhatIf> {
    let report = score::score(rubric, assessment)?;
    let target = next_grade(rubric, &report);
    let mut plan = WhatIf {
        schema: SCHEMA,
        outcome: Outcome::Top,
        total: report.total,
        grade: report.grade.clone(),
        target: target.clone(),
        gap: target.as_ref().map(|t| Cents(t.min.0 - report.total.0)),
        steps: Vec::new(),
        resulting_total: None,
        message: String::new(),
    };
    let Some(target) = target else {
        plan.message = format!("已是最高等次“{}”", report.grade);
        return Ok(plan);
    };
    if report.vetoed {
        plan.outcome = Outcome::Vetoed;
        plan.target = None;
        plan.gap = None;
        plan.message = format!(
            "已触发一票否决,等次为“{}”;改进指标不能改变等次(本工具不就否决项的回答提出建议)",
            report.grade
        );
        return Ok(plan);
    }

    let (earned, applicable) = sums(rubric, assessment);
    let total_points = exact::from_cents(rubric.total.0);
    let bonus = exact::from_cents(report.bonus.0);
    // Half a cent below the minimum still rounds up to it.
    let reach = exact::from_cents(target.min.0) - Exact::new(1.into(), 200.into());
    let need = (&reach - &bonus) * &applicable / &total_points - &earned;
    let mut candidates = candidates(rubric, assessment);
    crate::domain::sort::by_key(&mut candidates, |c| std::cmp::Reverse(c.best()));

    let chosen = search(&candidates, &need);
    let Some(chosen) = chosen else {
        plan.outcome = Outcome::Unreachable;
        plan.message = format!(
            "即使所有适用指标均得满分,总分仍达不到“{}”({} 分)",
            target.grade,
            exact::fixed2(target.min.0)
        );
        return Ok(plan);
    };
    let mut raised = Exact::zero();
    let mut steps: Vec<(usize, Step)> = Vec::new();
    for (ci, oi) in chosen {
        let c = &candidates[ci];
        let (gain, answer) = &c.options[oi];
        raised += gain;
        steps.push((
            order_of(rubric, &c.item.id),
            step(c, gain, answer, assessment),
        ));
    }
    crate::domain::sort::by_key(&mut steps, |(order, _)| *order);
    plan.steps = steps.into_iter().map(|(_, s)| s).collect();
    let resulting = &total_points * (&earned + &raised) / &applicable + &bonus;
    plan.resulting_total = Some(Cents::of(&resulting));
    plan.outcome = Outcome::Reachable;
    plan.message = format!(
        "距离“{}”还差 {} 分:完成以下 {} 项即可(完成后 {} 分)",
        target.grade,
        exact::fixed2(plan.gap.map_or(0, |g| g.0)),
        plan.steps.len(),
        exact::fixed2(Cents::of(&resulting).0)
    );
    Ok(plan)
}

/// The plan for the answers as the page scores them: with the period's incidents applied to the
/// automatic vetoes exactly as sealing applies them.
pub fn for_period(
    rubric: &Rubric,
    assessment: &Assessment,
    incidents: &[Json],
    policy: &crate::domain::incident::Policy,
) -> Result<WhatIf> {
    let live = export::live_under(rubric, assessment, incidents, policy)?;
    what_if(rubric, &live.assessment)
}

impl Candidate<'_> {
    fn best(&self) -> Exact {
        best_of(self.options.last().map(|o| &o.0))
    }
}

/// A candidate's best gain: its last option's (options ascend), none for no option.
fn best_of<T: Amount>(last: Option<&T>) -> T {
    last.cloned().unwrap_or_else(T::zero)
}

fn next_grade(rubric: &Rubric, report: &Report) -> Option<Target> {
    // Grades run from the highest minimum down; the next one up is the one just before ours.
    let at = rubric.grades.iter().position(|g| g.name == report.grade)?;
    let g = rubric.grades.get(at.checked_sub(1)?)?;
    Some(Target {
        grade: g.name.clone(),
        min: g.min,
    })
}

/// Exact earned and applicable sums over scored items (what the report rounds).
fn sums(rubric: &Rubric, a: &Assessment) -> (Exact, Exact) {
    let (mut earned, mut applicable) = (Exact::zero(), Exact::zero());
    for item in rubric.dimensions.iter().flat_map(|d| &d.items) {
        let answer = a.answers.get(&item.id).map(|x| &x.value);
        if matches!(answer, Some(Value::Na { .. })) {
            continue;
        }
        earned += earned_points(item, answer);
        applicable += item.points_exact();
    }
    (earned, applicable)
}

/// Every applicable item that can still gain, with the answers that would raise it.
fn candidates<'r>(rubric: &'r Rubric, a: &Assessment) -> Vec<Candidate<'r>> {
    let mut out = Vec::new();
    for d in &rubric.dimensions {
        for item in &d.items {
            let answer = a.answers.get(&item.id).map(|x| &x.value);
            if matches!(answer, Some(Value::Na { .. })) {
                continue;
            }
            let current = earned_points(item, answer);
            let mut options: Vec<(Exact, Value)> = alternatives(item, answer)
                .into_iter()
                .filter_map(|v| {
                    let gain = earned_points(item, Some(&v)) - &current;
                    gain.is_positive().then_some((gain, v))
                })
                .collect();
            crate::domain::sort::by(&mut options, |x, y| x.0.cmp(&y.0));
            options.dedup_by(|x, y| x.0 == y.0);
            if !options.is_empty() {
                out.push(Candidate {
                    item,
                    dimension: &d.id,
                    options,
                });
            }
        }
    }
    out
}

/// Answers that may score better than `answer` on `item`.
fn alternatives(item: &Item, answer: Option<&Value>) -> Vec<Value> {
    match &item.method {
        Method::Check => vec![Value::Met { met: true }],
        Method::Levels { levels } => (0..levels.len() as u64)
            .map(|level| Value::Level { level })
            .collect(),
        Method::Ratio => match answer {
            Some(Value::Ratio {
                numerator,
                denominator,
            }) => (*numerator + 1..=*denominator)
                .map(|n| Value::Ratio {
                    numerator: n,
                    denominator: *denominator,
                })
                .collect(),
            // No denominator known: full coverage is the one answer to suggest.
            _ => vec![Value::Ratio {
                numerator: 1,
                denominator: 1,
            }],
        },
        Method::Deduct { per } => {
            let now = match answer {
                Some(Value::Count { count }) => *count,
                _ => u64::MAX,
            };
            // Counts below which points come back: points/per of them at most.
            let useful = (item.points.0 / per.0.max(1)) as u64 + 1;
            (0..now.min(useful))
                .map(|count| Value::Count { count })
                .collect()
        }
    }
}

/// Fewest candidates, then the smallest sum of gains ≥ `need`: (candidate, option) pairs.
fn search(cands: &[Candidate], need: &Exact) -> Option<Vec<(usize, usize)>> {
    let options: Vec<Vec<Exact>> = cands
        .iter()
        .map(|c| c.options.iter().map(|o| o.0.clone()).collect())
        .collect();
    // Gains as integers over one denominator when they fit (they do for any rubric of hundredths
    // and ratio items): the same order, so the same plan, without a gcd on every step of a search
    // that may visit hundreds of thousands of nodes (~200 ms a call in the page's wasm before).
    match scaled(&options, need) {
        Some((options, need)) => plan(&options, &need),
        None => plan(&options, need),
    }
}

/// `options` and `need` as integers over one common denominator, when they fit.
fn scaled(options: &[Vec<Exact>], need: &Exact) -> Option<(Vec<Vec<i128>>, i128)> {
    let ints =
        Exact::over_common_denominator(std::iter::once(need).chain(options.iter().flatten()))?;
    let mut rest = ints[1..].iter();
    let options = options
        .iter()
        .map(|o| rest.by_ref().take(o.len()).copied().collect())
        .collect();
    Some((options, ints[0]))
}

/// What the search adds and compares: exact rationals, or the same values scaled to integers.
trait Amount: Clone + Ord {
    fn zero() -> Self;
    fn plus(&self, other: &Self) -> Self;
}

impl Amount for Exact {
    fn zero() -> Self {
        Exact::zero()
    }
    fn plus(&self, other: &Self) -> Self {
        self + other
    }
}

impl Amount for i128 {
    fn zero() -> Self {
        0
    }
    // Every value is within i64 (over_common_denominator): no sum of them overflows.
    fn plus(&self, other: &Self) -> Self {
        self + other
    }
}

/// `options[c]`: candidate c's gains, ascending; candidates by best gain, descending.
fn plan<T: Amount>(options: &[Vec<T>], need: &T) -> Option<Vec<(usize, usize)>> {
    if need <= &T::zero() {
        return Some(Vec::new());
    }
    let best: Vec<T> = options.iter().map(|o| best_of(o.last())).collect();
    // Sorted by best gain, descending: the first k bound what any k can reach.
    let mut reach = T::zero();
    let mut k = 0;
    for b in &best {
        if &reach >= need {
            break;
        }
        reach = reach.plus(b);
        k += 1;
    }
    if &reach < need {
        return None;
    }
    let mut s = Search {
        options,
        best: &best,
        need,
        k,
        found: None,
        path: Vec::new(),
        nodes: 0,
    };
    s.dfs(0, &T::zero());
    s.found.map(|(_, p)| p)
}

struct Search<'a, T> {
    options: &'a [Vec<T>],
    best: &'a [T],
    need: &'a T,
    k: usize,
    found: Option<(T, Vec<(usize, usize)>)>,
    path: Vec<(usize, usize)>,
    nodes: usize,
}

impl<T: Amount> Search<'_, T> {
    fn dfs(&mut self, from: usize, sum: &T) {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET && self.found.is_some() {
            return;
        }
        if sum >= self.need {
            if self.found.as_ref().is_none_or(|(b, _)| sum < b) {
                self.found = Some((sum.clone(), self.path.clone()));
            }
            return;
        }
        let left = self.k - self.path.len();
        if left == 0 {
            return;
        }
        for ci in from..self.options.len() {
            // The next `left` candidates are the best still available (sorted descending).
            let bound = self.best[ci..]
                .iter()
                .take(left)
                .fold(sum.clone(), |acc, b| acc.plus(b));
            if &bound < self.need {
                return;
            }
            for oi in 0..self.options[ci].len() {
                let next = sum.plus(&self.options[ci][oi]);
                if let Some((b, _)) = &self.found {
                    if &next >= b {
                        break;
                    }
                }
                // With one choice left, only options that reach count.
                if left == 1 && &next < self.need {
                    continue;
                }
                self.path.push((ci, oi));
                self.dfs(ci + 1, &next);
                self.path.pop();
            }
        }
    }
}

fn order_of(rubric: &Rubric, id: &str) -> usize {
    rubric
        .dimensions
        .iter()
        .flat_map(|d| &d.items)
        .position(|i| i.id == id)
        .unwrap_or(usize::MAX)
}

fn step(c: &Candidate, gain: &Exact, answer: &Value, a: &Assessment) -> Step {
    let now = a.answers.get(&c.item.id).map(|x| &x.value);
    Step {
        id: c.item.id.clone(),
        dimension: c.dimension.to_string(),
        title: c.item.label().to_string(),
        from: now.map_or_else(|| "未作答".to_string(), |v| describe(c.item, v)),
        to: describe(c.item, answer),
        answer: answer.clone(),
        raised: Cents::of(gain),
    }
}

/// An answer in words, as the item's form shows it.
pub fn describe(item: &Item, v: &Value) -> String {
    match (v, &item.method) {
        (Value::Met { met: true }, _) => "达到要求".into(),
        (Value::Met { met: false }, _) => "未达到要求".into(),
        (Value::Level { level }, Method::Levels { levels }) => {
            levels.get(*level as usize).map_or_else(
                || format!("第 {} 档", level + 1),
                |l| format!("“{}”", l.label),
            )
        }
        (
            Value::Ratio {
                numerator,
                denominator,
            },
            _,
        ) if numerator == denominator && *denominator == 1 => "全部达标".into(),
        (
            Value::Ratio {
                numerator,
                denominator,
            },
            _,
        ) => format!("达标 {numerator}/{denominator}"),
        (Value::Count { count: 0 }, _) => "无扣分事项".into(),
        (Value::Count { count }, _) => format!("{count} 项"),
        (Value::Na { .. }, _) => "不适用".into(),
        (Value::Triggered { triggered }, _) => if *triggered { "触发" } else { "未触发" }.into(),
        (Value::Level { level }, _) => format!("第 {} 档", level + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search on integers over a common denominator returns the exact search's plan: the same
    /// items, the same options, for gains in hundredths and in thirds, sevenths … (ratio items).
    #[test]
    fn the_integer_search_finds_the_exact_searchs_plan() {
        let mut seed = 42u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let mut plans = 0;
        for _ in 0..300 {
            let n = 1 + next(30) as usize;
            let mut options: Vec<Vec<Exact>> = (0..n)
                .map(|_| {
                    let mut o: Vec<Exact> = (0..1 + next(4))
                        .map(|_| {
                            Exact::new(1 + next(400) as i128, [100, 3, 7, 9, 100][next(5) as usize])
                        })
                        .collect();
                    o.sort();
                    o.dedup();
                    o
                })
                .collect();
            options.sort_by(|a, b| b.last().cmp(&a.last()));
            let total: Exact = options.iter().map(|o| o.last().unwrap().clone()).sum();
            let need = &total * &Exact::new(1 + next(99) as i128, 100);
            let (ints, int_need) = scaled(&options, &need).expect("fits");
            let exact = plan(&options, &need);
            assert_eq!(plan(&ints, &int_need), exact);
            plans += usize::from(exact.is_some_and(|p| !p.is_empty()));
        }
        assert_eq!(plans, 300);
    }

    #[test]
    fn values_too_large_for_one_denominator_stay_exact() {
        let huge = Exact::new(1, i64::MAX as i128);
        let other = Exact::new(1, i64::MAX as i128 - 1);
        assert_eq!(Exact::over_common_denominator([huge, other].iter()), None);
        let xs = [Exact::new(1, 3), Exact::new(1, 2), exact::int(2)];
        assert_eq!(
            Exact::over_common_denominator(xs.iter()),
            Some(vec![2, 3, 12])
        );
    }
}
