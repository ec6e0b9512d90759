//! Properties that must hold for any rubric and any answers (proptest).

mod common;
use common::*;
use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::score;
use proptest::prelude::*;
use serde_json::{json, Value};

#[derive(Debug, Clone)]
enum Kind {
    Check,
    Levels(Vec<u32>), // ratios in thousandths
    Ratio,
    Deduct(u32), // per, in hundredths
}

#[derive(Debug, Clone)]
struct ItemSpec {
    cents: u32,
    kind: Kind,
    na_allowed: bool,
}

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    let kind = prop_oneof![
        Just(Kind::Check),
        proptest::collection::vec(0u32..=1000, 2..5).prop_map(Kind::Levels),
        Just(Kind::Ratio),
        (1u32..500).prop_map(Kind::Deduct),
    ];
    (1u32..3000, kind, any::<bool>()).prop_map(|(cents, kind, na_allowed)| ItemSpec {
        cents,
        kind,
        na_allowed,
    })
}

fn method(k: &Kind) -> Value {
    match k {
        Kind::Check => json!({"kind": "check"}),
        Kind::Levels(r) => json!({"kind": "levels", "levels": r.iter().enumerate()
            .map(|(i, r)| json!({"label": format!("档{i}"), "ratio": *r as f64 / 1000.0})).collect::<Vec<_>>()}),
        Kind::Ratio => json!({"kind": "ratio"}),
        Kind::Deduct(p) => json!({"kind": "deduct", "per": *p as f64 / 100.0}),
    }
}

fn rubric_json(items: &[ItemSpec], bonus: &[ItemSpec], cap: u32) -> Value {
    let total: u32 = items.iter().map(|i| i.cents).sum();
    let dims: Vec<Value> = items
        .chunks(3)
        .enumerate()
        .map(|(d, chunk)| {
            json!({"id": format!("d{d}"), "items": chunk.iter().enumerate().map(|(i, s)| json!({
                "id": format!("d{d}.i{i}"), "points": s.cents as f64 / 100.0,
                "na_allowed": s.na_allowed, "method": method(&s.kind)})).collect::<Vec<_>>()})
        })
        .collect();
    json!({"schema": "cyberduty.rubric/1", "id": "prop", "version": "1", "total": total as f64 / 100.0,
           "bonus_cap": cap as f64 / 100.0,
           "grades": [{"name":"优秀","min":90},{"name":"良好","min":80},{"name":"合格","min":60},{"name":"不合格","min":0}],
           "dimensions": dims,
           "vetoes": [{"id": "v"}],
           "bonus": bonus.iter().enumerate().map(|(i, s)| json!({"id": format!("b{i}"), "points": s.cents as f64 / 100.0,
               "method": method(&s.kind)})).collect::<Vec<_>>()})
}

/// An answer chosen by `pick` (0..=1000 scaled per method); `None` when unanswered.
fn answer(kind: &Kind, pick: u32, na: bool, na_allowed: bool) -> Option<Value> {
    if na && na_allowed {
        return Some(json!({"na": "不涉及"}));
    }
    Some(match kind {
        Kind::Check => json!({"met": pick % 2 == 0}),
        Kind::Levels(r) => json!({"level": pick as usize % r.len()}),
        Kind::Ratio => json!({"numerator": pick % 11, "denominator": 10 + pick % 7}),
        Kind::Deduct(_) => json!({"count": pick % 13}),
    })
}

fn answers(items: &[ItemSpec], picks: &[(u32, bool, bool)], bonus: &[ItemSpec]) -> Value {
    let mut m = serde_json::Map::new();
    for (idx, s) in items.iter().enumerate() {
        let (pick, na, skip) = picks[idx % picks.len()];
        if skip {
            continue;
        }
        if let Some(a) = answer(&s.kind, pick, na, s.na_allowed) {
            m.insert(format!("d{}.i{}", idx / 3, idx % 3), a);
        }
    }
    for (i, s) in bonus.iter().enumerate() {
        let (pick, _, _) = picks[i % picks.len()];
        m.insert(
            format!("b{i}"),
            answer(&s.kind, pick, false, false).unwrap(),
        );
    }
    m.insert("v".into(), json!({"triggered": picks[0].0 % 5 == 0}));
    Value::Object(m)
}

fn total(rubric: &Value, answers: Value) -> Option<i64> {
    score(rubric, answers).ok().map(|r| r.total.0)
}

/// A strictly better (or equal) answer for the same item.
fn improve(kind: &Kind, current: &Value) -> Value {
    match kind {
        Kind::Check => json!({"met": true}),
        Kind::Levels(r) => {
            let best = (0..r.len()).max_by_key(|i| r[*i]).unwrap();
            json!({"level": best})
        }
        Kind::Ratio => {
            let d = current["denominator"].as_u64().unwrap_or(10);
            let n = current["numerator"].as_u64().unwrap_or(0);
            json!({"numerator": (n + 1).min(d), "denominator": d})
        }
        Kind::Deduct(_) => {
            json!({"count": current["count"].as_u64().unwrap_or(1).saturating_sub(1)})
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn total_stays_within_zero_and_max(
        items in proptest::collection::vec(item_spec(), 1..12),
        bonus in proptest::collection::vec(item_spec(), 0..3),
        cap in 0u32..1000,
        picks in proptest::collection::vec((0u32..1000, any::<bool>(), any::<bool>()), 1..12),
    ) {
        let r = rubric_json(&items, &bonus, cap);
        if let Ok(rep) = score(&r, answers(&items, &picks, &bonus)) {
            prop_assert!(rep.total.0 >= 0 && rep.total.0 <= rep.max.0, "{} > {}", rep.total.0, rep.max.0);
            prop_assert!(rep.base.0 <= rep.max.0 - cap as i64);
            prop_assert!(rep.bonus.0 <= cap as i64);
        }
    }

    #[test]
    fn improving_one_answer_never_lowers_the_total(
        items in proptest::collection::vec(item_spec(), 1..12),
        picks in proptest::collection::vec((0u32..1000, any::<bool>(), any::<bool>()), 1..12),
        which in 0usize..12,
    ) {
        let r = rubric_json(&items, &[], 0);
        let before = answers(&items, &picks, &[]);
        let idx = which % items.len();
        let id = format!("d{}.i{}", idx / 3, idx % 3);
        let current = before.get(&id).cloned().unwrap_or(Value::Null);
        if current.get("na").is_some() { return Ok(()); }
        let mut after = before.clone();
        after[&id] = improve(&items[idx].kind, &current);
        if let (Some(t0), Some(t1)) = (total(&r, before), total(&r, after)) {
            prop_assert!(t1 >= t0, "{id}: {t0} → {t1}");
        }
    }

    /// N/A re-normalises: the base moves toward the average of the other applicable items. So a
    /// wholly unmet item marked N/A can only raise the total, and a fully met one can only lower
    /// it (the wording "a fully met item marked N/A never lowers the total" contradicts its
    /// own formula; see `na_of_a_met_item_can_lower_the_total` in tests/scoring.rs).
    #[test]
    fn na_moves_the_total_toward_the_other_items(
        items in proptest::collection::vec(item_spec(), 2..12),
        picks in proptest::collection::vec((0u32..1000, any::<bool>(), any::<bool>()), 1..12),
        which in 0usize..12,
    ) {
        let mut items = items;
        let idx = which % items.len();
        items[idx].na_allowed = true;
        items[idx].kind = Kind::Check;
        let r = rubric_json(&items, &[], 0);
        let id = format!("d{}.i{}", idx / 3, idx % 3);
        let base = answers(&items, &picks, &[]);
        let with = |v: Value| { let mut a = base.clone(); a[&id] = v; total(&r, a) };
        if let (Some(met), Some(unmet), Some(na)) =
            (with(json!({"met": true})), with(json!({"met": false})), with(json!({"na": "不涉及"})))
        {
            prop_assert!(na >= unmet, "unmet {unmet} → N/A {na}");
            prop_assert!(na <= met, "met {met} → N/A {na}");
        }
    }

    #[test]
    fn rubric_and_assessment_survive_a_json_round_trip(
        items in proptest::collection::vec(item_spec(), 1..12),
        bonus in proptest::collection::vec(item_spec(), 0..3),
        picks in proptest::collection::vec((0u32..1000, any::<bool>(), any::<bool>()), 1..12),
    ) {
        let r = Rubric::from_json(&doc(&rubric_json(&items, &bonus, 300))).unwrap();
        let text = serde_json::to_string(&r).unwrap();
        let again = Rubric::parse(&text).unwrap();
        prop_assert_eq!(&r, &again);
        prop_assert_eq!(r.digest(), again.digest());
        let a = Assessment::from_json(&doc(&assessment(&rubric_json(&items, &bonus, 300), answers(&items, &picks, &bonus))), &r).unwrap();
        let a2 = Assessment::parse(&serde_json::to_string(&a).unwrap(), &r).unwrap();
        prop_assert_eq!(&a, &a2);
        prop_assert_eq!(score::score(&r, &a).ok(), score::score(&r, &a2).ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// What-if's plan reaches the next grade when taken, and no smaller set of items can: each
    /// subset of fewer items, every one raised to its best answer, falls short.
    #[test]
    fn what_if_reaches_the_next_grade_with_the_fewest_items(
        items in proptest::collection::vec(item_spec(), 1..8),
        picks in proptest::collection::vec((0u32..1000, any::<bool>(), any::<bool>()), 1..8),
    ) {
        use cyberduty::domain::whatif::{what_if, Outcome};
        let rj = rubric_json(&items, &[], 0);
        let r = Rubric::from_json(&doc(&rj)).unwrap();
        let mut answers = answers(&items, &picks, &[]);
        answers["v"] = json!({"triggered": false});
        let Ok(a) = Assessment::from_json(&doc(&assessment(&rj, answers.clone())), &r) else {
            return Ok(());
        };
        let Ok(plan) = what_if(&r, &a) else { return Ok(()) };
        if plan.outcome != Outcome::Reachable {
            return Ok(());
        }
        let target = plan.target.clone().unwrap();
        let grade_rank = |g: &str| r.grades.iter().position(|x| x.name == g).unwrap();
        let mut taken = answers.clone();
        for s in &plan.steps {
            taken[&s.id] = serde_json::to_value(&s.answer).unwrap();
        }
        let after = score(&rj, taken).unwrap();
        // At least the target (one step may reach past it).
        prop_assert!(grade_rank(&after.grade) <= grade_rank(&target.grade));
        prop_assert_eq!(Some(after.total), plan.resulting_total);
        // Every subset of fewer items, at their best, stays below the target.
        let ids: Vec<(String, Kind)> = items.iter().enumerate()
            .map(|(i, s)| (format!("d{}.i{}", i / 3, i % 3), s.kind.clone())).collect();
        let open: Vec<&(String, Kind)> = ids.iter()
            .filter(|(id, _)| answers.get(id).is_none_or(|v| v.get("na").is_none()))
            .collect();
        for mask in 0u32..(1 << open.len()) {
            if (mask.count_ones() as usize) >= plan.steps.len() {
                continue;
            }
            let mut best = answers.clone();
            for (bit, (id, kind)) in open.iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    best[id] = match kind {
                        Kind::Check => json!({"met": true}),
                        Kind::Levels(rs) => json!({"level": (0..rs.len()).max_by_key(|i| rs[*i]).unwrap()}),
                        Kind::Ratio => json!({"numerator": 1, "denominator": 1}),
                        Kind::Deduct(_) => json!({"count": 0}),
                    };
                }
            }
            let t = score(&rj, best).unwrap();
            prop_assert!(grade_rank(&t.grade) > grade_rank(&target.grade),
                "subset {mask:b} reaches {} with fewer than {} items", t.grade, plan.steps.len());
        }
    }
}
