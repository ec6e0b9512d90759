//! Whether a `Serialize` value is [`same`](super::same) as a parsed document, decided while the
//! value is serialised: no text is written and no tree is built. Opening an export compares every
//! recomputed score with the stored one this way; writing the recomputed score's canonical text
//! for the comparison was ~12 % of a native aggregation's profile. Native only: in the page's wasm
//! a third serializer for every compared type is size the page does not need (it compares texts).
//!
//! The value counts as `to_json(v)` would give it: integers and doubles as IEEE doubles (`same`
//! reads numbers so), `None` and unit as `null`, enum variants and map keys as serde_json writes
//! them. What this comparer does not take as `to_json` would (a map key that is neither text nor an
//! integer, a repeated member) makes it answer `None`, and the caller compares the tree.

use super::{as_f64, Json};
use serde::ser::{self, Serialize};
use std::fmt;

/// `Some(same(stored, &to_json(v)))`, or `None` when `v` holds something left to the tree.
pub fn same_as<T: Serialize + ?Sized>(stored: &Json, v: &T) -> Option<bool> {
    match v.serialize(Cmp(stored)) {
        Ok(()) => Some(true),
        Err(Stop::Differs) => Some(false),
        Err(Stop::Unsupported) => None,
    }
}

#[derive(Debug)]
enum Stop {
    Differs,
    Unsupported,
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Stop::Differs => "differs",
            Stop::Unsupported => "not compared directly",
        })
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop::Unsupported
    }
}

type R = Result<(), Stop>;

fn check(equal: bool) -> R {
    if equal {
        Ok(())
    } else {
        Err(Stop::Differs)
    }
}

/// Compares one value with `self.0`.
struct Cmp<'j>(&'j Json);

impl<'j> Cmp<'j> {
    /// serde_json turns a non-finite double into `null`.
    fn number(self, f: f64) -> R {
        match self.0 {
            Json::Num(n) if f.is_finite() => check(as_f64(n) == f),
            Json::Null => check(!f.is_finite()),
            _ => Err(Stop::Differs),
        }
    }

    /// A `{"variant": …}` object: the expected value inside it.
    fn variant(self, variant: &str) -> Result<&'j Json, Stop> {
        match self.0 {
            Json::Obj(fields) if fields.len() == 1 && fields[0].0 == variant => Ok(&fields[0].1),
            _ => Err(Stop::Differs),
        }
    }

    fn seq(self) -> Result<Seq<'j>, Stop> {
        match self.0 {
            Json::Arr(items) => Ok(Seq { items, next: 0 }),
            _ => Err(Stop::Differs),
        }
    }

    fn obj(self) -> Result<Obj<'j>, Stop> {
        match self.0 {
            Json::Obj(fields) => Ok(Obj {
                fields,
                seen: vec![false; fields.len()],
                key: None,
            }),
            _ => Err(Stop::Differs),
        }
    }
}

/// An array's elements, compared in order; `end` checks that none is left.
struct Seq<'j> {
    items: &'j [Json],
    next: usize,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        let expected = self.items.get(self.next).ok_or(Stop::Differs)?;
        self.next += 1;
        v.serialize(Cmp(expected))
    }
    fn close(self) -> R {
        check(self.next == self.items.len())
    }
}

/// An object's members, each found by name (the stored document has no duplicate keys: opening
/// refuses those first); `end` checks that every stored member was given.
struct Obj<'j> {
    fields: &'j [(String, Json)],
    seen: Vec<bool>,
    key: Option<String>,
}

impl Obj<'_> {
    fn member<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> R {
        let i = self
            .fields
            .iter()
            .position(|(k, _)| k == key)
            .ok_or(Stop::Differs)?;
        if std::mem::replace(&mut self.seen[i], true) {
            // A member given twice: `to_json` keeps the last, left to it.
            return Err(Stop::Unsupported);
        }
        v.serialize(Cmp(&self.fields[i].1))
    }
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> R {
        self.member(key, v)
    }
    fn close(self) -> R {
        check(self.seen.iter().all(|s| *s))
    }
}

impl<'j> ser::Serializer for Cmp<'j> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Seq<'j>;
    type SerializeTuple = Seq<'j>;
    type SerializeTupleStruct = Seq<'j>;
    type SerializeTupleVariant = Seq<'j>;
    type SerializeMap = Obj<'j>;
    type SerializeStruct = Obj<'j>;
    type SerializeStructVariant = Obj<'j>;
    crate::domain::digest::json_data_model!();

    fn serialize_bool(self, v: bool) -> R {
        check(*self.0 == Json::Bool(v))
    }
    fn serialize_i64(self, v: i64) -> R {
        self.number(v as f64)
    }
    fn serialize_i128(self, _: i128) -> R {
        Err(Stop::Unsupported)
    }
    fn serialize_u64(self, v: u64) -> R {
        self.number(v as f64)
    }
    fn serialize_u128(self, _: u128) -> R {
        Err(Stop::Unsupported)
    }
    fn serialize_f64(self, v: f64) -> R {
        self.number(v)
    }
    fn serialize_str(self, v: &str) -> R {
        check(matches!(self.0, Json::Str(s) if s == v))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        let mut s = self.seq()?;
        for b in v {
            s.element(b)?;
        }
        s.close()
    }
    fn serialize_unit(self) -> R {
        check(*self.0 == Json::Null)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        v.serialize(Cmp(self.variant(variant)?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'j>, Stop> {
        self.seq()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'j>, Stop> {
        Cmp(self.variant(variant)?).seq()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Obj<'j>, Stop> {
        self.obj()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj<'j>, Stop> {
        self.obj()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Obj<'j>, Stop> {
        Cmp(self.variant(variant)?).obj()
    }
}

crate::domain::digest::compound_traits!(Seq, Obj, Stop);

impl ser::SerializeMap for Obj<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.key = Some(crate::domain::digest::map_key(key).ok_or(Stop::Unsupported)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        let key = self.key.take().ok_or(Stop::Unsupported)?;
        self.member(&key, v)
    }
    fn end(self) -> R {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_str, same, to_json};
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Wrapped(u32),
        Pair(i8, String),
        Named { at: f64 },
    }

    #[derive(Serialize)]
    struct Sample {
        total: f64,
        count: u64,
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<bool>,
        kinds: Vec<Kind>,
        by_name: BTreeMap<String, i64>,
    }

    fn sample() -> Sample {
        Sample {
            total: 65.97,
            count: 3,
            note: None,
            skipped: None,
            kinds: vec![
                Kind::Plain,
                Kind::Wrapped(7),
                Kind::Pair(-1, "乙".into()),
                Kind::Named { at: 0.5 },
            ],
            by_name: [("甲".to_string(), -2)].into_iter().collect(),
        }
    }

    const SAMPLE: &str = r#"{"count":3.0,"total":65.97,"note":null,"by_name":{"甲":-2},
        "kinds":["Plain",{"Wrapped":7},{"Pair":[-1,"乙"]},{"Named":{"at":5e-1}}]}"#;

    #[test]
    fn agrees_with_same_on_the_tree() {
        let v = sample();
        let variants = [
            SAMPLE.to_string(),
            SAMPLE.replace("65.97", "65.98"),
            SAMPLE.replace("3.0", "3.5"),
            SAMPLE.replace(r#""note":null,"#, ""),
            SAMPLE.replace(r#""note":null"#, r#""note":"x""#),
            SAMPLE.replace(r#""甲":-2"#, r#""甲":-2,"丙":1"#),
            SAMPLE.replace(r#"{"Wrapped":7}"#, r#"{"Wrapped":7,"x":1}"#),
            SAMPLE.replace(r#""Plain","#, ""),
            SAMPLE.replace(r#",{"Named":{"at":5e-1}}"#, ""),
            SAMPLE.replace("Named", "Other"),
            SAMPLE.replace(r#""total""#, r#""skipped":true,"total""#),
        ];
        let tree = to_json(&v);
        for (i, text) in variants.iter().enumerate() {
            let stored = parse_str(text).unwrap();
            assert_eq!(same_as(&stored, &v), Some(same(&stored, &tree)), "{text}");
            assert_eq!(same_as(&stored, &v), Some(i == 0), "{text}");
        }
    }

    #[test]
    fn integer_keys_count_as_their_text_and_the_rest_is_left_to_the_tree() {
        let by_number: BTreeMap<u32, bool> = [(1, true)].into_iter().collect();
        assert_eq!(
            same_as(&parse_str(r#"{"1":true}"#).unwrap(), &by_number),
            Some(true)
        );
        assert_eq!(
            same_as(&parse_str(r#"{"2":true}"#).unwrap(), &by_number),
            Some(false)
        );
        let by_flag: BTreeMap<bool, u8> = [(true, 1)].into_iter().collect();
        assert_eq!(
            same_as(&parse_str(r#"{"true":1}"#).unwrap(), &by_flag),
            None
        );
        assert_eq!(same_as(&parse_str("1").unwrap(), &1u128), None);
    }
}
