//! Reporting (src/domain/incident/reporting.rs): whether a report is required, the deadline, and
//! whether it was kept, at the limit and one minute past, across offsets.

use super::*;

// ---- reporting -----------------------------------------------------------------------------

fn timed(
    target: Option<&str>,
    level: Option<&str>,
    patch: Value,
    discovered: &str,
    reported: &str,
) -> Classification {
    let mut doc = incident(target, level, with(patch));
    doc["timeline"] = json!({"discovered_at": discovered, "reported_at": reported});
    run(&doc)
}

fn rep(c: &Classification) -> (Option<bool>, Option<u64>, Option<u64>, Option<bool>) {
    let r = &c.reporting;
    (
        r.required,
        r.deadline_minutes,
        r.reported_within_minutes,
        r.on_time,
    )
}

#[test]
fn reporting_deadlines_at_the_limit_and_one_minute_past_across_offsets() {
    let d = "2026-03-01T09:00:00+08:00";
    // CII: 60 minutes. 09:00+08:00 is 01:00Z.
    let cii = json!({"outage_hours": 0.5, "outage_scope": "full"});
    assert_eq!(
        rep(&timed(
            Some("cii"),
            Some("central"),
            cii.clone(),
            d,
            "2026-03-01T02:00:00Z"
        )),
        (Some(true), Some(60), Some(60), Some(true))
    );
    assert_eq!(
        rep(&timed(
            Some("cii"),
            Some("central"),
            cii.clone(),
            d,
            "2026-03-01T02:01:00Z"
        )),
        (Some(true), Some(60), Some(61), Some(false))
    );
    // One second past still counts as a started minute.
    assert_eq!(
        rep(&timed(
            Some("cii"),
            Some("central"),
            cii,
            d,
            "2026-03-01T02:00:01Z"
        )),
        (Some(true), Some(60), Some(61), Some(false))
    );
    // Central unit: 120 minutes (here reported in another offset again).
    let loss = json!({"economic_loss_yuan": 5_000_000});
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("central"),
            loss.clone(),
            d,
            "2026-03-01T03:00:00Z"
        )),
        (Some(true), Some(120), Some(120), Some(true))
    );
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("central"),
            loss.clone(),
            d,
            "2026-03-01T11:01:00+08:00"
        )),
        (Some(true), Some(120), Some(121), Some(false))
    );
    // Everyone else: 240 minutes.
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("provincial"),
            loss.clone(),
            d,
            "2026-03-01T05:00:00Z"
        )),
        (Some(true), Some(240), Some(240), Some(true))
    );
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("provincial"),
            loss.clone(),
            "2026-03-01T01:00:00Z",
            "2026-03-01T08:01:00+03:00"
        )),
        (Some(true), Some(240), Some(241), Some(false))
    );
    // The discovered and reported offsets are both non-UTC and differ.
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("township"),
            loss,
            "2026-03-01T09:00:00+08:00",
            "2026-02-28T21:00:00-04:00"
        )),
        (Some(true), Some(240), Some(0), Some(true))
    );
}

#[test]
fn reporting_not_required_or_undetermined() {
    let d = "2026-03-01T09:00:00+08:00";
    let c = timed(
        Some("other"),
        Some("county"),
        json!({}),
        d,
        "2026-03-01T20:00:00+08:00",
    );
    assert_eq!(rep(&c), (Some(false), None, Some(660), None));
    // Grade could still reach 较大: required is undetermined, the deadline that would apply is given.
    let c = timed(
        Some("other"),
        Some("county"),
        json!({"economic_loss_yuan": null}),
        d,
        "2026-03-01T12:00:00+08:00",
    );
    assert_eq!(rep(&c), (None, Some(240), Some(180), Some(true)));
    let c = timed(
        Some("other"),
        Some("county"),
        json!({"economic_loss_yuan": null}),
        d,
        "2026-03-01T13:01:00+08:00",
    );
    assert_eq!(rep(&c), (None, Some(240), Some(241), Some(false)));
    // The unknown fact could reach exactly 较大 and no higher (CII down 1 h, scope unknown:
    // 较大 if the whole system was down, nothing if only main functions): still undetermined.
    let c = timed(
        Some("cii"),
        Some("county"),
        json!({"outage_hours": 1, "outage_scope": null}),
        d,
        "2026-03-01T10:00:00+08:00",
    );
    assert_eq!(
        (c.grade.level, c.grade.at_least),
        (GradeLevel::General, true)
    );
    assert_eq!(rep(&c), (None, Some(60), Some(60), Some(true)));
}

#[test]
fn reporting_deadline_unknown_when_it_turns_on_an_unknown_fact() {
    let d = "2026-03-01T09:00:00+08:00";
    let loss = json!({"economic_loss_yuan": 5_000_000});
    // Target unknown: 60, 120 or 240; within 60 is on time whatever it is, beyond 240 is late.
    assert_eq!(
        rep(&timed(
            None,
            None,
            loss.clone(),
            d,
            "2026-03-01T10:00:00+08:00"
        ))
        .3,
        Some(true)
    );
    assert_eq!(
        rep(&timed(
            None,
            None,
            loss.clone(),
            d,
            "2026-03-01T13:01:00+08:00"
        ))
        .3,
        Some(false)
    );
    let c = timed(None, None, loss.clone(), d, "2026-03-01T10:30:00+08:00");
    assert_eq!(rep(&c).1, None);
    assert_eq!(rep(&c).3, None);
    // Not CII, level unknown: 120 or 240.
    let c = timed(Some("other"), None, loss, d, "2026-03-01T12:00:00+08:00");
    assert_eq!(rep(&c), (Some(true), None, Some(180), None));
    assert!(c
        .reporting
        .reasons
        .iter()
        .any(|r| r.contains("可能为 2 小时、4 小时")));
}

#[test]
fn reporting_without_times() {
    let c = run(&incident(
        Some("cii"),
        Some("county"),
        with(json!({"economic_loss_yuan": 5_000_000})),
    ));
    assert_eq!(rep(&c), (Some(true), Some(60), None, None));
}
