//! Every validation rule of `cyberduty.rubric/1`, each with its exact code and path.

mod common;
use common::*;
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::{digest, json};
use cyberduty::Code;
use serde_json::json;

#[test]
fn the_small_rubric_is_valid() {
    let r = Rubric::from_json(&doc(&small_rubric())).unwrap();
    assert_eq!(r.items().count(), 4);
    assert_eq!(r.total.0, 10000);
    assert!(r.digest().starts_with("sm3:") && r.digest().len() == 68);
}

#[test]
fn the_default_rubric_validates_and_is_rich_enough() {
    let r = Rubric::parse(cyberduty::domain::rubric::DEFAULT_JSON).unwrap();
    assert_eq!(r.total.0, 10000);
    let items = r.items().count();
    assert!((40..=80).contains(&items), "{items} items");
    assert!(r.dimensions.len() >= 7);
    assert_eq!(r.vetoes.len(), 3);
    assert!(r.bonus_cap.0 > 0 && !r.bonus.is_empty());
    assert!(r
        .items()
        .all(|(_, i)| i.basis.is_some() && i.guide.is_some()));
}

#[test]
fn the_shipped_document_reads_as_the_default_rubric_serialised() {
    // Session.rubric() and defaultRubric() hand the page the document itself. The same RFC 8785
    // text: the same values, numbers as numbers (`2` and `2.0` alike, as in JavaScript); key order
    // is checked in tests/node.
    let shipped = json::parse_str(Rubric::default_document()).expect("JSON");
    let serialised = serde_json::to_value(Rubric::default_rubric()).expect("serialises");
    assert_eq!(
        digest::canonical_json(&shipped, None),
        digest::canonical(&serialised)
    );
    // The comparison can fail: one point more anywhere is another value.
    let mut other = serialised.clone();
    other["dimensions"][0]["items"][0]["points"] = json!(3);
    assert_ne!(
        digest::canonical_json(&shipped, None),
        digest::canonical(&other)
    );
}

#[test]
fn digest_ignores_layout_key_order_and_number_spelling() {
    let a = small_rubric();
    let mut text = serde_json::to_string_pretty(&a).unwrap();
    text = text.replace("\"total\": 100", "\"total\": 100.0");
    let b = Rubric::parse(&text).unwrap();
    assert_eq!(Rubric::from_json(&doc(&a)).unwrap().digest(), b.digest());
    let mut c = small_rubric();
    c["dimensions"][0]["items"][0]["title"] = json!("明确第一责任人!");
    assert_ne!(b.digest(), Rubric::from_json(&doc(&c)).unwrap().digest());
}

#[test]
fn schema_tag_is_checked() {
    let mut r = small_rubric();
    r["schema"] = json!("cyberduty.rubric/2");
    assert_err(&rubric_err(&r), Code::SchemaFuture, "$.schema");
    r["schema"] = json!("cyberduty.assessment/1");
    assert_err(&rubric_err(&r), Code::SchemaUnknown, "$.schema");
    r.as_object_mut().unwrap().remove("schema");
    assert_err(&rubric_err(&r), Code::SchemaMissing, "$.schema");
}

#[test]
fn ids_are_unique_across_items_vetoes_and_bonus() {
    let mut r = small_rubric();
    r["bonus"][0]["id"] = json!("org.a");
    assert_err(&rubric_err(&r), Code::RubricDuplicateId, "$.bonus[0].id");
    let mut r = small_rubric();
    r["vetoes"][1]["id"] = json!("tech.d");
    assert_err(&rubric_err(&r), Code::RubricDuplicateId, "$.vetoes[1].id");
}

#[test]
fn points_are_positive_with_two_decimals_and_sum_to_the_total() {
    let mut r = small_rubric();
    r["dimensions"][0]["items"][0]["points"] = json!(0);
    assert_err(
        &rubric_err(&r),
        Code::FieldRange,
        "$.dimensions[0].items[0].points",
    );
    r["dimensions"][0]["items"][0]["points"] = json!(19.995);
    assert_err(
        &rubric_err(&r),
        Code::FieldPrecision,
        "$.dimensions[0].items[0].points",
    );
    r["dimensions"][0]["items"][0]["points"] = json!(-20);
    assert_err(
        &rubric_err(&r),
        Code::FieldRange,
        "$.dimensions[0].items[0].points",
    );
    r["dimensions"][0]["items"][0]["points"] = json!(19.99);
    let e = rubric_err(&r);
    assert_err(&e, Code::RubricPointsSum, "$.total");
    assert!(
        e.message.contains("99.99") && e.message.contains("100"),
        "{e}"
    );
    // 0.1 + 0.2 style decimals must sum exactly.
    r["dimensions"][0]["items"][0]["points"] = json!(19.9);
    r["dimensions"][0]["items"][1]["points"] = json!(30.1);
    assert!(Rubric::from_json(&doc(&r)).is_ok());
}

#[test]
fn levels_need_two_and_ratios_in_unit_interval() {
    let mut r = small_rubric();
    r["dimensions"][0]["items"][1]["method"]["levels"] = json!([{"label": "唯一", "ratio": 1}]);
    assert_err(
        &rubric_err(&r),
        Code::RubricLevels,
        "$.dimensions[0].items[1].method.levels",
    );
    let mut r = small_rubric();
    r["dimensions"][0]["items"][1]["method"]["levels"][1]["ratio"] = json!(1.5);
    assert_err(
        &rubric_err(&r),
        Code::FieldRange,
        "$.dimensions[0].items[1].method.levels[1].ratio",
    );
    r["dimensions"][0]["items"][1]["method"]["levels"][1]["ratio"] = json!(-0.1);
    assert_err(
        &rubric_err(&r),
        Code::FieldRange,
        "$.dimensions[0].items[1].method.levels[1].ratio",
    );
}

#[test]
fn deduct_per_is_positive_and_methods_are_known() {
    let mut r = small_rubric();
    r["dimensions"][1]["items"][1]["method"]["per"] = json!(0);
    assert_err(
        &rubric_err(&r),
        Code::FieldRange,
        "$.dimensions[1].items[1].method.per",
    );
    let mut r = small_rubric();
    r["dimensions"][1]["items"][1]["method"] = json!({"kind": "weighted"});
    assert_err(
        &rubric_err(&r),
        Code::FieldRange,
        "$.dimensions[1].items[1].method.kind",
    );
    let mut r = small_rubric();
    r["dimensions"][1]["items"][1]["method"] = json!({"kind": "check", "per": 1});
    assert_err(
        &rubric_err(&r),
        Code::FieldUnknown,
        "$.dimensions[1].items[1].method.per",
    );
}

#[test]
fn grades_are_ordered_unique_and_end_at_zero() {
    let mut r = small_rubric();
    r["grades"] =
        json!([{"name":"优秀","min":80},{"name":"良好","min":90},{"name":"不合格","min":0}]);
    assert_err(&rubric_err(&r), Code::RubricGrades, "$.grades[1].min");
    r["grades"] =
        json!([{"name":"优秀","min":90},{"name":"优秀","min":60},{"name":"不合格","min":0}]);
    assert_err(&rubric_err(&r), Code::RubricGrades, "$.grades[1].name");
    r["grades"] = json!([{"name":"优秀","min":90},{"name":"合格","min":60}]);
    assert_err(&rubric_err(&r), Code::RubricGrades, "$.grades[1]");
    r["grades"] = json!([]);
    assert_err(&rubric_err(&r), Code::RubricGrades, "$.grades");
}

#[test]
fn bonus_cap_is_non_negative_and_numbers_finite() {
    let mut r = small_rubric();
    r["bonus_cap"] = json!(-1);
    assert_err(&rubric_err(&r), Code::FieldRange, "$.bonus_cap");
    let text = serde_json::to_string(&small_rubric())
        .unwrap()
        .replace("\"total\":100", "\"total\":1e400");
    let e = Rubric::parse(&text).unwrap_err();
    assert_eq!(e.code, Code::JsonNumber, "{e}");
    let text = serde_json::to_string(&small_rubric())
        .unwrap()
        .replace("\"total\":100", "\"total\":NaN");
    assert_eq!(Rubric::parse(&text).unwrap_err().code, Code::JsonSyntax);
}

#[test]
fn text_fields_are_typed_and_unknown_fields_refused() {
    let mut r = small_rubric();
    r["dimensions"][0]["items"][0]["guide"] = json!(5);
    assert_err(
        &rubric_err(&r),
        Code::FieldType,
        "$.dimensions[0].items[0].guide",
    );
    let mut r = small_rubric();
    r["dimensions"][0]["items"][0]["pionts"] = json!(5);
    assert_err(
        &rubric_err(&r),
        Code::FieldUnknown,
        "$.dimensions[0].items[0].pionts",
    );
    let mut r = small_rubric();
    r["id"] = json!("  ");
    assert_err(&rubric_err(&r), Code::FieldEmpty, "$.id");
    let mut r = small_rubric();
    r["bonus"][0]["na_allowed"] = json!(true);
    assert_err(&rubric_err(&r), Code::FieldRange, "$.bonus[0].na_allowed");
    let mut r = small_rubric();
    r["vetoes"][0]["auto"] = json!("article9");
    assert_err(&rubric_err(&r), Code::FieldRange, "$.vetoes[0].auto");
}

#[test]
fn duplicate_keys_are_refused_with_their_path() {
    let text = serde_json::to_string(&small_rubric()).unwrap().replace(
        "\"title\":\"明确第一责任人\"",
        "\"title\":\"甲\",\"title\":\"乙\"",
    );
    let e = Rubric::parse(&text).unwrap_err();
    assert_err(&e, Code::JsonDuplicateKey, "$.dimensions[0].items[0].title");
}
