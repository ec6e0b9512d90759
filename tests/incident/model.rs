//! The incident document (src/domain/incident/model.rs): malformed incidents refused with exact
//! codes and paths, GB/T 20986 categories, `null` as unknown, counts that do not overflow.

use super::*;

// ---- malformed -----------------------------------------------------------------------------

#[test]
fn malformed_incidents_are_refused_with_exact_codes_and_paths() {
    let base = || incident(Some("other"), Some("county"), quiet());
    let set = |path: &[&str], v: Value| {
        let mut d = base();
        let mut cur = &mut d;
        for p in &path[..path.len() - 1] {
            cur = &mut cur[*p];
        }
        cur[path[path.len() - 1]] = v;
        d
    };
    assert_eq!(
        err(&set(&["facts", "attacked"], json!("yes"))),
        e("E_FIELD_TYPE", "$.facts.attacked")
    );
    assert_eq!(
        err(&set(&["facts", "attacked"], json!(1))),
        e("E_FIELD_TYPE", "$.facts.attacked")
    );
    assert_eq!(
        err(&set(&["facts", "outage_hours"], json!("7"))),
        e("E_FIELD_TYPE", "$.facts.outage_hours")
    );
    assert_eq!(
        err(&set(&["facts", "outage_hours"], json!(-0.5))),
        e("E_FIELD_RANGE", "$.facts.outage_hours")
    );
    assert_eq!(
        err(&set(&["facts", "economic_loss_yuan"], json!(-1))),
        e("E_FIELD_RANGE", "$.facts.economic_loss_yuan")
    );
    assert_eq!(
        err(&set(&["facts", "reposts"], json!(-1))),
        e("E_FIELD_RANGE", "$.facts.reposts")
    );
    assert_eq!(
        err(&set(&["facts", "views"], json!(2.5))),
        e("E_FIELD_TYPE", "$.facts.views")
    );
    assert_eq!(
        err(&set(&["facts", "people_affected"], json!(1e30))),
        e("E_FIELD_RANGE", "$.facts.people_affected")
    );
    assert_eq!(
        err(&set(&["facts", "personal_info_leaked_persons"], json!([1]))),
        e("E_FIELD_TYPE", "$.facts.personal_info_leaked_persons")
    );
    assert_eq!(
        err(&set(&["facts", "outage_scope"], json!("partial"))),
        e("E_FIELD_RANGE", "$.facts.outage_scope")
    );
    assert_eq!(
        err(&set(&["facts", "hacked"], json!(true))),
        e("E_FIELD_UNKNOWN", "$.facts.hacked")
    );
    assert_eq!(
        err(&set(&["target"], json!("website"))),
        e("E_FIELD_RANGE", "$.target")
    );
    assert_eq!(
        err(&set(&["target"], json!(3))),
        e("E_FIELD_TYPE", "$.target")
    );
    assert_eq!(
        err(&set(&["unit", "level"], json!("city"))),
        e("E_FIELD_RANGE", "$.unit.level")
    );
    assert_eq!(
        err(&set(&["unit"], json!("某市"))),
        e("E_FIELD_TYPE", "$.unit")
    );
    assert_eq!(
        err(&set(&["unit", "code"], json!("x"))),
        e("E_FIELD_UNKNOWN", "$.unit.code")
    );
    assert_eq!(
        err(&set(&["title"], json!(1))),
        e("E_FIELD_TYPE", "$.title")
    );
    assert_eq!(
        err(&set(&["facts"], json!([]))),
        e("E_FIELD_TYPE", "$.facts")
    );
    assert_eq!(
        err(&set(&["extra"], json!(1))),
        e("E_FIELD_UNKNOWN", "$.extra")
    );
    assert_eq!(
        err(&set(&["schema"], json!("cyberduty.incident/2"))),
        e("E_SCHEMA_FUTURE", "$.schema")
    );
    assert_eq!(
        err(&set(&["schema"], json!("cyberduty.assessment/1"))),
        e("E_SCHEMA_UNKNOWN", "$.schema")
    );
    assert_eq!(
        err(&set(&["schema"], json!("cyberduty.incident/0"))),
        e("E_SCHEMA_UNKNOWN", "$.schema")
    );
    assert_eq!(
        err(&json!({"title": "x"})),
        e("E_SCHEMA_MISSING", "$.schema")
    );
    assert_eq!(err(&json!([1])), e("E_FIELD_TYPE", "$"));
    assert_eq!(
        err_text(r#"{"schema":"cyberduty.incident/1","facts":{"attacked":true,"attacked":false}}"#),
        e("E_JSON_DUPLICATE_KEY", "$.facts.attacked")
    );
    assert_eq!(err_text(""), e("E_INPUT_EMPTY", "$"));
    assert_eq!(err_text("{"), e("E_JSON_SYNTAX", "$"));
}

#[test]
fn categories_follow_gb_t_20986() {
    let with_cat = |c: &str| {
        let mut d = incident(Some("other"), Some("county"), quiet());
        d["category"] = json!(c);
        d
    };
    for ok in [
        "网络攻击事件",
        "网络攻击事件/网页篡改",
        "数据安全事件/数据泄露",
        "其他事件",
        "恶意程序事件/勒索软件",
    ] {
        assert_eq!(run(&with_cat(ok)).incident.category.as_deref(), Some(ok));
    }
    for bad in [
        "网页篡改",
        "网络攻击",
        "网络攻击事件/",
        "网络攻击事件/网页篡改/首页",
        "",
        "/网页篡改",
        "Network attack",
    ] {
        assert_eq!(
            err(&with_cat(bad)),
            e("E_FIELD_RANGE", "$.category"),
            "{bad}"
        );
    }
    let msg = json::parse_str(&with_cat("网页篡改").to_string())
        .and_then(|j| classify_document(&j))
        .err()
        .map(|e| e.message)
        .unwrap_or_default();
    assert!(
        msg.contains("恶意程序事件、网络攻击事件、数据安全事件"),
        "{msg}"
    );
}

#[test]
fn nulls_are_unknown_and_large_counts_do_not_overflow() {
    let mut facts = serde_json::Map::new();
    for k in quiet()
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        facts.insert(k, Value::Null);
    }
    let c = run(
        &json!({"schema": "cyberduty.incident/1", "unit": {"name": null, "level": null}, "target": null,
                        "facts": facts, "timeline": {"occurred_at": null}}),
    );
    assert!(c.triggers.iter().all(|t| t.status == Undetermined));
    let c = run(&incident(
        Some("other"),
        Some("county"),
        with(
            json!({"views": u64::MAX, "tampered": true, "attacked": true,
                    "personal_info_leaked_persons": u64::MAX,
                    "personal_info_leak_large_scale": true}),
        ),
    ));
    assert_eq!((c.grade.level, c.grade.at_least), (EM, false));
    assert_eq!(status(&c, 3), Met);
}

#[test]
fn u64_max_counts_against_an_enabled_interpretation() {
    let c = run_with(
        &incident(
            Some("other"),
            Some("county"),
            with(json!({"personal_info_leaked_persons": u64::MAX})),
        ),
        &policy_on(),
    );
    assert_eq!(status(&c, 3), Met);
}
