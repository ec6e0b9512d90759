//! Our RFC 8785 writer (digest::canonical_json) against the serde_json_canonicalizer crate on
//! arbitrary JSON: the same text for every value, so digests are what any JCS tool computes.

use cyberduty::domain::digest;
use cyberduty::domain::json::{self, Json, Number};
use proptest::prelude::*;

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_.]{0,8}",
        "\\PC{0,6}",                      // any printable Unicode, astral planes included
        "[\\x00-\\x1f\"\\\\/\\x7f]{0,4}", // the characters JCS escapes
        Just("😀".to_string()),
        Just("\u{ff61}".to_string()),
    ]
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<u64>().prop_map(Number::U),
        any::<i64>().prop_map(|i| if i < 0 {
            Number::I(i)
        } else {
            Number::U(i as u64)
        }),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Number::F),
        (-1_000_000i64..1_000_000, 0u32..8)
            .prop_map(|(m, e)| Number::F(m as f64 / 10f64.powi(e as i32))),
        Just(Number::F(-0.0)),
        Just(Number::F(1e21)),
        Just(Number::F(1e-7)),
    ]
}

fn value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Num),
        key().prop_map(Json::Str),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Json::Arr),
            // Unique keys: JCS has no answer for duplicates, and our reader refuses them first.
            proptest::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| Json::Obj(m.into_iter().rev().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn same_text_as_the_reference_jcs_crate(v in value()) {
        let ours = digest::canonical_json(&v, None);
        let reference = serde_json_canonicalizer::to_string(&v).unwrap();
        prop_assert_eq!(&ours, &reference);
        // And it is JSON that reads back to the same value.
        prop_assert_eq!(digest::canonical_json(&json::parse_str(&ours).unwrap(), None), ours);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// `digest::canonical` writes a `Serialize` value straight from serde (src/domain/digest/ser.rs);
    /// it must be the text of the value's tree, as it was when every value went through one.
    #[test]
    fn serde_writer_writes_the_tree_text(v in value()) {
        prop_assert_eq!(digest::canonical(&v), digest::canonical_json(&v, None));
        prop_assert_eq!(digest::canonical(&v), digest::canonical_json(&json::to_json(&v), None));
    }
}

/// Typed values: struct fields out of key order, enum variants, options, a map whose keys sort
/// differently in UTF-16 than in UTF-8, integers beyond 2^53 (read as the doubles they round to).
#[test]
fn serde_writer_on_typed_values() {
    use std::collections::BTreeMap;
    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(i32, &'static str),
        Struct { z: bool, a: Option<f64> },
    }
    #[derive(serde::Serialize)]
    struct S {
        zeta: Vec<E>,
        alpha: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<i8>,
        map: BTreeMap<String, i64>,
        int_keys: BTreeMap<u32, char>,
        nested: (f64, f64, f64),
    }
    let s = S {
        zeta: vec![
            E::Unit,
            E::New(7),
            E::Tuple(-3, "a\"b\\c\n\u{1}"),
            E::Struct { z: true, a: None },
        ],
        alpha: Some(u64::MAX),
        skipped: None,
        map: [
            ("\u{ff61}", 1),
            ("😀", 2),
            ("b", -3),
            ("a", 9_007_199_254_740_993),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
        int_keys: [(10, 'x'), (9, 'y')].into_iter().collect(),
        nested: (1e21, -0.0, 0.000001),
    };
    assert_eq!(
        digest::canonical(&s),
        digest::canonical_json(&json::to_json(&s), None)
    );
}
