//! `to_utf16` writes, unit for unit, what `serde_json::to_string` writes: for arbitrary JSON values
//! (every kind of character, number and nesting) and for every shape serde's data model has.

use proptest::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

fn same<T: Serialize>(v: &T) {
    let units = cyberduty_json_out::to_utf16(v).unwrap();
    let expected = serde_json::to_string(v).unwrap();
    assert_eq!(String::from_utf16(&units).unwrap(), expected);
    assert_eq!(units, expected.encode_utf16().collect::<Vec<_>>());
}

fn json() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        any::<u64>().prop_map(Number::from),
        any::<i64>().prop_map(Number::from),
        any::<f64>().prop_filter_map("finite", Number::from_f64),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number.prop_map(Value::Number),
        // Any character, control characters and beyond the BMP included.
        any::<String>().prop_map(Value::String),
        "[\\x00-\\x7f一-龥]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn any_json_value(v in json()) {
        same(&v);
    }

    #[test]
    fn any_string(s in any::<String>()) {
        same(&s);
    }

    #[test]
    fn any_integer(a in any::<i128>(), b in any::<u128>(), c in any::<i64>(), d in any::<u64>()) {
        same(&(a, b, c, d));
        let keys: BTreeMap<i128, u128> = [(a, b)].into_iter().collect();
        same(&keys);
    }
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(u8),
    Tuple(i8, String),
    Struct { a: Option<u32>, b: char },
}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Wrapped(Vec<Shape>);

#[derive(Serialize)]
struct Everything<'a> {
    shapes: Wrapped,
    unit: Unit,
    empty: Vec<()>,
    empty_map: BTreeMap<String, u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u8>,
    floats: (f32, f64, f64, f64),
    bytes: &'a serde_bytes_like::Bytes,
    bool_keys: BTreeMap<bool, ()>,
    char_keys: BTreeMap<char, i8>,
    enum_keys: BTreeMap<KeyKind, u8>,
    raw: &'a RawValue,
    extremes: (u128, i128, i128, u64, i64),
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum KeyKind {
    First,
    Second,
}

/// `serialize_bytes` without a dependency: a byte slice written as bytes.
mod serde_bytes_like {
    pub struct Bytes(pub [u8; 3]);
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }
}

#[test]
fn every_shape_of_the_data_model() {
    let raw = RawValue::from_string(r#"{ "kept" : [1, 2] }"#.to_string()).unwrap();
    let v = Everything {
        shapes: Wrapped(vec![
            Shape::Unit,
            Shape::Newtype(7),
            Shape::Tuple(-3, "\u{7f}\u{1f}".into()),
            Shape::Struct { a: None, b: '"' },
            Shape::Struct {
                a: Some(0),
                b: '𠀀',
            },
        ]),
        unit: Unit,
        empty: vec![],
        empty_map: BTreeMap::new(),
        skipped: None,
        floats: (0.1, -0.0, 1e300, f64::NAN),
        bytes: &serde_bytes_like::Bytes([0, 127, 255]),
        bool_keys: [(true, ()), (false, ())].into_iter().collect(),
        char_keys: [('\n', 1), ('键', -1)].into_iter().collect(),
        enum_keys: [(KeyKind::First, 1), (KeyKind::Second, 2)]
            .into_iter()
            .collect(),
        raw: &raw,
        extremes: (u128::MAX, i128::MIN, i128::MAX, u64::MAX, i64::MIN),
    };
    same(&v);
    assert_eq!(
        String::from_utf16(&cyberduty_json_out::to_utf16(&v.extremes).unwrap()).unwrap(),
        "[340282366920938463463374607431768211455,-170141183460469231731687303715884105728,\
         170141183460469231731687303715884105727,18446744073709551615,-9223372036854775808]"
    );
}

#[test]
fn keys_serde_json_refuses_are_refused_alike() {
    fn refused<K: Serialize + Ord>(key: K) -> String {
        let map: BTreeMap<K, u8> = [(key, 1)].into_iter().collect();
        let ours = cyberduty_json_out::to_utf16(&map).unwrap_err().to_string();
        assert_eq!(ours, serde_json::to_string(&map).unwrap_err().to_string());
        ours
    }
    assert_eq!(refused(vec![1u8]), "key must be a string");
    assert_eq!(refused(None::<u8>), "key must be a string");
    assert_eq!(refused(()), "key must be a string");
    // Taken alike: `Some(k)` is the key `k`, a newtype its inner value.
    let some: BTreeMap<Option<u8>, u8> = [(Some(1), 1)].into_iter().collect();
    same(&some);
}
