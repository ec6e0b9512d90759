//! Trends across periods: with files of earlier periods (`previous`), each unit's total, dimension
//! attainment and item attainment period by period, the items a unit lost in two or more periods
//! running (连续失分), and the batch's mean dimension attainment per period (the page's chart).
//!
//! Periods are ordered as dates (`2024` < `2025-H1` < `2025`'s second half …; free text last, by
//! text); "running" means consecutive in that list: a unit without a file for a period breaks its
//! run. Items and dimensions are those of the reference rubric, matched by id (an item a previous
//! rubric lacked counts as 不适用 there). Current files win over previous files of the same unit
//! and period.

use super::batch::Record;
use super::stats::mean;
use crate::domain::exact::{Cents, Exact};
use crate::domain::period::Period;
use crate::domain::rubric::Rubric;
use crate::domain::score::Status;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trends {
    /// Every period of the batch's accepted files, oldest first.
    pub periods: Vec<String>,
    /// Mean attainment (percent) per dimension per period, over the units filed for that period.
    pub dimensions: Vec<Series>,
    /// The current period's units, in ranking order.
    pub units: Vec<UnitTrend>,
    /// Every unit's items lost in two or more periods running, by unit (ranking order), then item.
    pub lost_running: Vec<LostRun>,
}

/// Values per period, aligned with [`Trends::periods`] (null: no file, or 不适用).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub id: String,
    pub title: String,
    pub values: Vec<Option<Cents>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitTrend {
    pub code: String,
    pub name: Option<String>,
    pub totals: Vec<Option<Cents>>,
    /// Attainment per dimension (percent).
    pub dimensions: Vec<Series>,
    /// Share of each item's points earned (percent).
    pub items: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LostRun {
    pub code: String,
    pub name: Option<String>,
    pub item: String,
    pub title: String,
    /// The periods of the run, oldest first (two or more).
    pub periods: Vec<String>,
    /// Whether the run reaches the latest period (the item is still lost).
    pub ongoing: bool,
}

type Date = crate::domain::period::Date;

/// Periods that read as dates first, by first then last day; free text after, by text.
fn period_order(key: &str) -> (u8, Date, Date, String) {
    match Period::parse(key) {
        Some(p) => (0, p.first_day(), p.last_day(), key.to_string()),
        None => (1, (0, 0, 0), (0, 0, 0), key.to_string()),
    }
}

/// The share of an item's points earned, in percent; None when not applicable.
fn item_percent((earned, max, status): (Cents, Cents, Status)) -> Option<Cents> {
    (status != Status::Na && max.0 > 0)
        .then(|| Cents::of(&(Exact::new((earned.0 * 100).into(), max.0.into()))))
}

fn lost((earned, max, status): (Cents, Cents, Status)) -> bool {
    status != Status::Na
        && (matches!(status, Status::Partial | Status::Unmet | Status::Missing) || earned < max)
}

/// The trends of a batch; `ranked` are the current records in ranking order.
pub(super) fn trends(rubric: &Rubric, ranked: &[&Record], previous: &[Record]) -> Trends {
    let mut periods: Vec<String> = ranked
        .iter()
        .map(|r| r.period.clone())
        .chain(previous.iter().map(|r| r.period.clone()))
        .collect();
    periods.sort_by_key(|p| period_order(p));
    periods.dedup();
    let at = |p: &str| periods.iter().position(|x| x == p).unwrap_or(0);

    // (code, period index) → record; current files first so they win.
    let mut by_unit: HashMap<(&str, usize), &Record> = HashMap::new();
    for r in ranked.iter().copied().chain(previous.iter()) {
        by_unit.entry((r.code.as_str(), at(&r.period))).or_insert(r);
    }
    let dims: Vec<(&str, &str)> = rubric
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d.title.as_deref().unwrap_or(&d.id)))
        .collect();
    let items: Vec<(&str, &str)> = rubric
        .items()
        .map(|(_, i)| (i.id.as_str(), i.label()))
        .collect();

    let dimensions = dims
        .iter()
        .enumerate()
        .map(|(d, (id, title))| Series {
            id: id.to_string(),
            title: title.to_string(),
            values: (0..periods.len())
                .map(|p| {
                    let v: Vec<i64> = by_unit
                        .iter()
                        .filter(|((_, q), _)| *q == p)
                        .filter_map(|(_, r)| r.attainment.get(d).copied().flatten())
                        .map(|c| c.0)
                        .collect();
                    mean(&v)
                })
                .collect(),
        })
        .collect();

    let mut units = Vec::new();
    let mut lost_running = Vec::new();
    for r in ranked {
        let files: Vec<Option<&Record>> = (0..periods.len())
            .map(|p| by_unit.get(&(r.code.as_str(), p)).copied())
            .collect();
        let series = |list: &[(&str, &str)], value: &dyn Fn(&Record, usize) -> Option<Cents>| {
            list.iter()
                .enumerate()
                .map(|(k, (id, title))| Series {
                    id: id.to_string(),
                    title: title.to_string(),
                    values: files.iter().map(|f| f.and_then(|f| value(f, k))).collect(),
                })
                .collect::<Vec<_>>()
        };
        units.push(UnitTrend {
            code: r.code.clone(),
            name: r.name.clone(),
            totals: files.iter().map(|f| f.map(|f| f.total)).collect(),
            dimensions: series(&dims, &|f, k| f.attainment.get(k).copied().flatten()),
            items: series(&items, &|f, k| {
                f.items.get(k).copied().and_then(item_percent)
            }),
        });
        for (k, (id, title)) in items.iter().enumerate() {
            let mut run: Vec<usize> = Vec::new();
            let mut flush = |run: &mut Vec<usize>| {
                if run.len() >= 2 {
                    lost_running.push(LostRun {
                        code: r.code.clone(),
                        name: r.name.clone(),
                        item: id.to_string(),
                        title: title.to_string(),
                        periods: run.iter().map(|&p| periods[p].clone()).collect(),
                        ongoing: run.last() == Some(&(periods.len() - 1)),
                    });
                }
                run.clear();
            };
            for (p, f) in files.iter().enumerate() {
                match f.and_then(|f| f.items.get(k).copied()) {
                    Some(x) if lost(x) => run.push(p),
                    _ => flush(&mut run),
                }
            }
            flush(&mut run);
        }
    }
    Trends {
        periods,
        dimensions,
        units,
        lost_running,
    }
}

/// The trends as table rows (CSV and the workbook's 历年趋势 sheet): a header, then per unit a
/// 总分 row, one row per dimension (达成率 %) and one per item (得分率 %), each with a value per
/// period and, for items, the length of the latest 连续失分 run (empty when none).
pub(super) fn rows(t: &Trends) -> Vec<Vec<String>> {
    let mut head: Vec<String> = ["统一社会信用代码", "单位名称", "类别", "编号", "名称"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    head.extend(t.periods.iter().cloned());
    head.push("连续失分期数".into());
    let cell = |v: &Option<Cents>| v.map_or(String::new(), |c| crate::domain::exact::fixed2(c.0));
    let mut out = vec![head];
    for u in &t.units {
        let name = u.name.clone().unwrap_or_default();
        let mut row = |kind: &str, id: &str, title: &str, values: &[Option<Cents>], run: String| {
            let mut r = vec![
                u.code.clone(),
                name.clone(),
                kind.to_string(),
                id.to_string(),
                title.to_string(),
            ];
            r.extend(values.iter().map(cell));
            r.push(run);
            out.push(r);
        };
        row("总分", "", "总分", &u.totals, String::new());
        for d in &u.dimensions {
            row("维度达成率(%)", &d.id, &d.title, &d.values, String::new());
        }
        for i in &u.items {
            let run = t
                .lost_running
                .iter()
                .rfind(|l| l.code == u.code && l.item == i.id)
                .map_or(String::new(), |l| l.periods.len().to_string());
            row("指标得分率(%)", &i.id, &i.title, &i.values, run);
        }
    }
    out
}
