//! The statistics of a batch: summary figures over the accepted units (exact, each rounded half up
//! once), the histogram, per-dimension attainment and per-item losses.

use super::batch::{Batch, Record};
use super::report::*;
use crate::domain::exact::{self, Cents, Exact};
use crate::domain::score::Status;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// How many of the weakest items a report lists (`weakest`; `items` carries all).
pub const WEAKEST: usize = 10;

impl Batch {
    pub(super) fn summary(&self, ranked: &[&Record], units: &[UnitRow]) -> Summary {
        let mut files = FileCounts::default();
        for f in &self.files {
            match f.status {
                FileStatus::Accepted => files.accepted += 1,
                FileStatus::Rejected => files.rejected += 1,
                FileStatus::Duplicate => files.duplicate += 1,
            }
        }
        let totals: Vec<i64> = ranked.iter().map(|r| r.total.0).collect();
        let stats = Stats::of(&totals);
        let mut periods: Vec<String> = ranked.iter().map(|r| r.period.clone()).collect();
        crate::domain::sort::ord(&mut periods);
        periods.dedup();
        let grades = self
            .reference
            .rubric
            .grades
            .iter()
            .map(|g| GradeCount {
                name: g.name.clone(),
                min: g.min,
                count: ranked.iter().filter(|r| r.grade == g.name).count(),
            })
            .collect();
        let histogram = histogram(
            self.reference.rubric.total,
            self.reference.rubric.bonus_cap,
            &totals,
        );
        let vetoed = units
            .iter()
            .zip(ranked)
            .filter(|(u, _)| u.vetoed)
            .map(|(u, r)| VetoedUnit {
                name: u.name.clone(),
                code: u.code.clone(),
                period: u.period.clone(),
                vetoes: r.vetoes.clone(),
            })
            .collect();
        let dimensions = self
            .reference
            .rubric
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let values: Vec<i64> = ranked
                    .iter()
                    .filter_map(|r| r.attainment[i].map(|a| a.0))
                    .collect();
                DimensionStat {
                    id: d.id.clone(),
                    title: d.title.clone().unwrap_or_else(|| d.id.clone()),
                    mean_attainment: mean(&values),
                    units: values.len(),
                }
            })
            .collect();
        let changes = self.has_previous.then(|| {
            let mut c = ChangeCounts::default();
            for u in units {
                match &u.change {
                    None => c.without_previous += 1,
                    Some(ch) if ch.delta.0 > 0 => c.improved += 1,
                    Some(ch) if ch.delta.0 < 0 => c.declined += 1,
                    Some(_) => c.unchanged += 1,
                }
            }
            c
        });
        Summary {
            files,
            count: ranked.len(),
            incomplete: ranked.iter().filter(|r| !r.complete).count(),
            periods,
            mean: stats.as_ref().map(|s| s.mean),
            median: stats.as_ref().map(|s| s.median),
            min: stats.as_ref().map(|s| s.min),
            max: stats.as_ref().map(|s| s.max),
            std_dev_population: stats.as_ref().map(|s| s.std_dev),
            grades,
            histogram,
            vetoed,
            dimensions,
            changes,
            senders_verified: false,
            missing: None,
        }
    }

    pub(super) fn item_stats(&self, ranked: &[&Record]) -> Vec<ItemStat> {
        let mut out: Vec<(usize, ItemStat)> = self
            .reference
            .rubric
            .items()
            .enumerate()
            .map(|(i, (d, item))| {
                // Σ (max − earned) / max, summed per distinct `max` in integers and only then as
                // fractions: the same exact value as adding fraction by fraction, without a gcd
                // per unit (that was seconds of the serial tail at 100,000 units).
                let mut lost_by_max: Vec<(i64, i128)> = Vec::new();
                let (mut applicable, mut units_lost) = (0, 0);
                for r in ranked {
                    let (earned, max, status) = r.items[i];
                    if status == Status::Na || max.0 == 0 {
                        continue;
                    }
                    applicable += 1;
                    if matches!(status, Status::Partial | Status::Unmet | Status::Missing) {
                        units_lost += 1;
                    }
                    let lost = i128::from(max.0 - earned.0);
                    match lost_by_max.iter_mut().find(|(m, _)| *m == max.0) {
                        Some((_, sum)) => *sum += lost,
                        None => lost_by_max.push((max.0, lost)),
                    }
                }
                let mut share = Exact::zero();
                for (max, lost) in lost_by_max {
                    share += Exact::new(lost, max.into());
                }
                let mean_lost_percent = (applicable > 0)
                    .then(|| Cents::of(&(share * exact::int(100) / exact::int(applicable as i64))));
                (
                    i,
                    ItemStat {
                        id: item.id.clone(),
                        dimension: d.id.clone(),
                        title: item.label().to_string(),
                        points: item.points,
                        applicable,
                        units_lost,
                        mean_lost_percent,
                    },
                )
            })
            .collect();
        crate::domain::sort::by(&mut out, |(ia, a), (ib, b)| {
            b.mean_lost_percent
                .cmp(&a.mean_lost_percent)
                .then(b.units_lost.cmp(&a.units_lost))
                .then(ia.cmp(ib))
        });
        out.into_iter().map(|(_, s)| s).collect()
    }
}

struct Stats {
    mean: Cents,
    median: Cents,
    min: Cents,
    max: Cents,
    std_dev: Cents,
}

impl Stats {
    /// Statistics of totals in hundredths, exact, each rounded half up once.
    fn of(totals: &[i64]) -> Option<Stats> {
        let n = totals.len();
        if n == 0 {
            return None;
        }
        let mut sorted = totals.to_vec();
        crate::domain::sort::ord(&mut sorted);
        let median = if n % 2 == 1 {
            exact::int(sorted[n / 2])
        } else {
            Exact::new((sorted[n / 2 - 1] + sorted[n / 2]).into(), 2.into())
        };
        // σ (in hundredths) = √(n·Σx² − (Σx)²) / n; rounded half up, that is
        // ⌊(√(4(n·Σx² − (Σx)²)) + n) / 2n⌋, and the square root may be taken as the integer one.
        let big_n = BigInt::from(n);
        let sum: BigInt = totals.iter().map(|&t| BigInt::from(t)).sum();
        let squares: BigInt = totals.iter().map(|&t| BigInt::from(t) * t).sum();
        let spread: BigInt = &big_n * squares - &sum * &sum;
        let root: BigInt = (spread * 4u32).sqrt();
        let std_dev: BigInt = (root + &big_n) / (&big_n * 2);
        Some(Stats {
            mean: mean(totals)?,
            median: Cents(exact::round_cents(&(median / exact::int(100)))),
            min: Cents(sorted[0]),
            max: Cents(sorted[n - 1]),
            std_dev: Cents(std_dev.to_i64().unwrap_or(i64::MAX)),
        })
    }
}

/// Ten equal bands of `[0, total]` (the last one closed and reaching `total + bonus_cap`), each
/// with how many of `totals` fall in it; one band when the total is too small to split.
fn histogram(total: Cents, bonus_cap: Cents, totals: &[i64]) -> Vec<Band> {
    const BANDS: i64 = 10;
    let width = total.0 / BANDS;
    let top = total.0 + bonus_cap.0;
    let edges: Vec<(i64, i64)> = if width == 0 {
        vec![(0, top)]
    } else {
        (0..BANDS)
            .map(|i| {
                (
                    i * width,
                    if i == BANDS - 1 { top } else { (i + 1) * width },
                )
            })
            .collect()
    };
    let last = edges.len() - 1;
    edges
        .iter()
        .enumerate()
        .map(|(i, &(from, to))| Band {
            from: Cents(from),
            to: Cents(to),
            count: totals
                .iter()
                .filter(|&&t| t >= from && (t < to || (i == last && t <= to)))
                .count(),
        })
        .collect()
}

/// The first [`WEAKEST`] items (already sorted weakest first) on which some unit lost points.
pub(super) fn weakest(items: &[ItemStat]) -> Vec<ItemStat> {
    items
        .iter()
        .filter(|it| it.units_lost > 0)
        .take(WEAKEST)
        .cloned()
        .collect()
}

/// The mean of values in hundredths, rounded half up once.
pub(super) fn mean(values: &[i64]) -> Option<Cents> {
    if values.is_empty() {
        return None;
    }
    // i64 values: an i128 sum cannot overflow.
    let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
    let mean = Exact::new(sum, values.len() as i128 * 100);
    Some(Cents::of(&mean))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(v: &[i64]) -> (i64, i64, i64) {
        let s = Stats::of(v).unwrap();
        (s.mean.0, s.median.0, s.std_dev.0)
    }

    #[test]
    fn statistics_round_once_half_up() {
        // mean 1/3 hundredth → 0; median of 2 values with an odd sum → half up.
        assert_eq!(stats(&[0, 0, 1]), (0, 0, 0));
        assert_eq!(stats(&[0, 1]).1, 1);
        // σ of {0, 100}: 50 exactly.
        assert_eq!(stats(&[0, 100]).2, 50);
        // σ of {0, 1}: 0.5 hundredth → rounds up to 1.
        assert_eq!(stats(&[0, 1]).2, 1);
        // σ of {0, 0, 1}: √2/3 ≈ 0.471 → 0.
        assert_eq!(stats(&[0, 0, 1]).2, 0);
        // σ of {9000, 8000, 7000}: 816.4966 → 816.
        assert_eq!(stats(&[9000, 8000, 7000]), (8000, 8000, 816));
    }

    #[test]
    fn histogram_bands_cover_every_total_once() {
        let h = histogram(
            Cents(10_000),
            Cents(500),
            &[0, 999, 1_000, 8_999, 9_000, 10_000, 10_500],
        );
        assert_eq!(h.len(), 10);
        assert_eq!((h[0].from.0, h[0].to.0, h[0].count), (0, 1_000, 2));
        assert_eq!((h[1].from.0, h[1].count), (1_000, 1));
        assert_eq!((h[8].from.0, h[8].to.0, h[8].count), (8_000, 9_000, 1));
        assert_eq!((h[9].from.0, h[9].to.0, h[9].count), (9_000, 10_500, 3));
        assert_eq!(h.iter().map(|b| b.count).sum::<usize>(), 7);
        // A total of 0.05 cannot be split into bands of whole hundredths.
        let one = histogram(Cents(5), Cents(0), &[0, 5]);
        assert_eq!(
            one,
            vec![Band {
                from: Cents(0),
                to: Cents(5),
                count: 2
            }]
        );
    }

    #[test]
    fn weakest_are_the_first_ten_items_with_a_loss() {
        let item = |n: usize, lost: usize| ItemStat {
            id: format!("i{n}"),
            dimension: "d".into(),
            title: "t".into(),
            points: Cents(100),
            applicable: 3,
            units_lost: lost,
            mean_lost_percent: Some(Cents(0)),
        };
        let items: Vec<ItemStat> = (0..14).map(|n| item(n, usize::from(n != 2))).collect();
        let w = weakest(&items);
        assert_eq!(w.len(), WEAKEST);
        assert!(w.iter().all(|it| it.id != "i2"));
        assert_eq!(w[9].id, "i10");
        assert!(weakest(&[item(0, 0)]).is_empty());
    }
}
