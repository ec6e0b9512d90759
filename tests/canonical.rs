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
