//! Timestamps (src/domain/incident/time.rs): bad RFC 3339 times and impossible timelines.

use super::*;

// ---- timestamps ---------------------------------------------------------------------------

#[test]
fn bad_timestamps_and_impossible_timelines() {
    let tl = |t: Value| {
        let mut d = incident(Some("other"), Some("county"), quiet());
        d["timeline"] = t;
        d
    };
    assert_eq!(
        err(&tl(json!({"occurred_at": "2026-02-29T10:00:00+08:00"}))),
        e("E_TIMESTAMP", "$.timeline.occurred_at")
    );
    assert_eq!(
        err(&tl(json!({"discovered_at": "2026-03-01T10:00:00"}))),
        e("E_TIMESTAMP", "$.timeline.discovered_at")
    );
    assert_eq!(
        err(&tl(json!({"reported_at": "2026-03-01 10:00:00+08:00"}))),
        e("E_TIMESTAMP", "$.timeline.reported_at")
    );
    assert_eq!(
        err(&tl(json!({"resolved_at": "2026-03-01T24:00:00Z"}))),
        e("E_TIMESTAMP", "$.timeline.resolved_at")
    );
    assert_eq!(
        err(&tl(json!({"resolved_at": 1_772_329_200}))),
        e("E_FIELD_TYPE", "$.timeline.resolved_at")
    );
    assert_eq!(
        err(&tl(json!({"started_at": "2026-03-01T10:00:00Z"}))),
        e("E_FIELD_UNKNOWN", "$.timeline.started_at")
    );
    // Leap day in a leap year is fine.
    assert!(
        json::parse_str(&tl(json!({"occurred_at": "2028-02-29T10:00:00+08:00"})).to_string())
            .and_then(|j| Incident::from_json(&j))
            .is_ok()
    );
    // 10:00+08:00 is 02:00Z: a report at 01:59Z precedes discovery.
    assert_eq!(
        err(&tl(
            json!({"discovered_at": "2026-03-01T10:00:00+08:00", "reported_at": "2026-03-01T01:59:59Z"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.reported_at")
    );
    assert_eq!(
        err(&tl(
            json!({"occurred_at": "2026-03-01T10:00:00+08:00", "discovered_at": "2026-03-01T09:59:00+08:00"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.discovered_at")
    );
    assert_eq!(
        err(&tl(
            json!({"occurred_at": "2026-03-01T10:00:00+08:00", "resolved_at": "2026-03-01T01:00:00Z"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.resolved_at")
    );
    assert_eq!(
        err(&tl(
            json!({"occurred_at": "2026-03-01T10:00:00+08:00", "reported_at": "2026-03-01T01:00:00Z"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.reported_at")
    );
    // Same instant in two offsets is in order.
    let c = run(&tl(
        json!({"occurred_at": "2026-03-01T10:00:00+08:00", "discovered_at": "2026-03-01T02:00:00Z",
                           "reported_at": "2026-03-01T02:00:00Z"}),
    ));
    assert_eq!(c.reporting.reported_within_minutes, Some(0));
}
