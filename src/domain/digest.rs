//! Digests over canonical JSON: SM3 (GB/T 32905, the national hash standard) of the RFC 8785 (JCS)
//! form, written `sm3:<64 hex digits>`, so any party can recompute it with standard tools.
//!
//! The canonical writer works on [`Json`] directly. A general JCS crate re-parsed every key and
//! buffered every value, which made hashing the slowest step of checking an export; this writer
//! is checked against that crate by a property test (tests/canonical.rs).

use crate::domain::json::{self, Json, Number};
use serde::Serialize;
use sm3::{Digest, Sm3};
use std::fmt::Write;

pub const PREFIX: &str = "sm3:";

// Native only: in the page's wasm, a second serializer for every type hashed cost +20.5 KB raw.
#[cfg(not(target_arch = "wasm32"))]
mod ser;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use ser::{compound_traits, json_data_model, map_key};

/// The RFC 8785 canonical JSON text of a value: natively written straight from serde ([`ser`]);
/// in the wasm, and for the rare value that writer leaves aside, through the value's [`Json`]
/// tree (the same text).
pub fn canonical<T: Serialize>(v: &T) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut out = String::with_capacity(4096);
        if ser::write(&mut out, v).is_ok() {
            return out;
        }
    }
    canonical_json(&json::to_json(v), None)
}

/// The RFC 8785 canonical JSON text of `v`, leaving out the top-level member `omit` if given.
pub fn canonical_json(v: &Json, omit: Option<&str>) -> String {
    let mut out = String::with_capacity(4096);
    write_value(&mut out, v, omit);
    out
}

/// Append the RFC 8785 canonical JSON text of `v` to `out` (a buffer reused across values).
pub fn write_canonical(out: &mut String, v: &Json) {
    write_value(out, v, None);
}

/// Whether `s` is an SM3 digest as written in our documents: `sm3:` and 64 hexadecimal digits.
/// The one well-formedness rule for every digest read (an export's, an evidence file's). Either
/// case is accepted: other tools print evidence hashes in upper case, and an export's digest is
/// then compared with the computed (lower-case) one anyway.
pub fn is_sm3(s: &str) -> bool {
    s.strip_prefix(PREFIX).is_some_and(is_sm3_hex)
}

/// 64 hexadecimal digits, either case.
pub fn is_sm3_hex(hex: &str) -> bool {
    hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn sm3_hex(bytes: &[u8]) -> String {
    hex(&Sm3::digest(bytes))
}

/// Lower-case hexadecimal, two digits a byte: every digest, key and signature we write.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

pub fn sm3_canonical<T: Serialize>(v: &T) -> String {
    format!("{PREFIX}{}", sm3_hex(canonical(v).as_bytes()))
}

/// `sm3:<hex>` of `v`'s canonical form without its top-level member `omit` (an export's own
/// `digest`).
pub fn sm3_json_without(v: &Json, omit: &str) -> String {
    format!(
        "{PREFIX}{}",
        sm3_hex(canonical_json(v, Some(omit)).as_bytes())
    )
}

fn write_value(out: &mut String, v: &Json, omit: Option<&str>) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Num(n) => write_number(out, n),
        Json::Str(s) => write_string(out, s),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item, None);
            }
            out.push(']');
        }
        Json::Obj(fields) => {
            let mut members: Vec<&(String, Json)> = fields
                .iter()
                .filter(|(k, _)| Some(k.as_str()) != omit)
                .collect();
            crate::domain::sort::by(&mut members, |a, b| key_order(&a.0, &b.0));
            out.push('{');
            for (i, (k, value)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, value, None);
            }
            out.push('}');
        }
    }
}

/// RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names.
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.as_bytes().cmp(b.as_bytes())
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// RFC 8785 §3.2.2.3: numbers as ECMAScript prints doubles (`1e+21`, `0.000001`, `-0` as `0`).
fn write_number(out: &mut String, n: &Number) {
    write_f64(out, json::as_f64(n));
}

fn write_f64(out: &mut String, f: f64) {
    if let Some(cents) = whole_cents(f) {
        write_cents(out, cents);
    } else if f.is_finite() {
        out.push_str(ryu_js::Buffer::new().format_finite(f));
    } else {
        // JSON text cannot hold these; only a JS object could, and no valid document does.
        out.push_str("null");
    }
}

/// `f` as a whole number of hundredths when it is the double nearest to one, below 10^13 in
/// magnitude: nearly every number in our documents (points, counts). Then the shortest text that
/// reads back as `f`, which ECMAScript prints, is that decimal with its trailing zeros dropped:
/// any other decimal of at most two places is 0.01 or more away, and the doubles there are less
/// than 0.002 apart (checked against ryu-js by a property test below).
fn whole_cents(f: f64) -> Option<i64> {
    let c = (f * 100.0).round();
    (c.abs() < 1e15 && c / 100.0 == f).then_some(c as i64)
}

fn write_cents(out: &mut String, c: i64) {
    if c < 0 {
        out.push('-');
    }
    let (mut whole, part) = (c.unsigned_abs() / 100, c.unsigned_abs() % 100);
    // Digits from the right into a buffer: `write!` through `fmt` cost more than the rest.
    let mut digits = [0u8; 23];
    let mut at = digits.len();
    let mut put = |b: u8| {
        at -= 1;
        digits[at] = b;
    };
    let digit = |d: u64| b'0' + d as u8;
    match (part / 10, part % 10) {
        (0, 0) => {}
        (t, 0) => {
            put(digit(t));
            put(b'.');
        }
        (t, u) => {
            put(digit(u));
            put(digit(t));
            put(b'.');
        }
    }
    loop {
        put(digit(whole % 10));
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
}

/// RFC 8785 §3.2.2.2: ECMAScript JSON.stringify escaping.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    // Nearly every string needs no escape: a pass without early exit (which the compiler can
    // vectorise) says so, and the string is copied whole.
    let plain = !s
        .bytes()
        .fold(false, |e, b| e | (b < 0x20) | (b == b'"') | (b == b'\\'));
    if plain {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0a => "\\n",
            0x0c => "\\f",
            0x0d => "\\r",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sm3_standard_vector() {
        // GB/T 32905-2016 appendix A, example 1: "abc".
        assert_eq!(hex(&[0, 9, 0xa0, 0xff]), "0009a0ff");
        assert_eq!(
            sm3_hex(b"abc"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
    }

    #[test]
    fn canonical_sorts_keys_and_normalises_numbers() {
        let v =
            json::parse_str(r#"{"b":1.0,"a":[1e2,"é"],"c":-0.0,"d":1e21,"e":0.000001}"#).unwrap();
        assert_eq!(
            canonical_json(&v, None),
            r#"{"a":[100,"é"],"b":1,"c":0,"d":1e+21,"e":0.000001}"#
        );
        assert_eq!(
            canonical_json(&v, Some("a")),
            r#"{"b":1,"c":0,"d":1e+21,"e":0.000001}"#
        );
    }

    fn ryu(f: f64) -> String {
        ryu_js::Buffer::new().format_finite(f).to_string()
    }

    fn written(f: f64) -> String {
        let mut out = String::new();
        write_f64(&mut out, f);
        out
    }

    #[test]
    fn hundredths_are_written_as_ecmascript_prints_them() {
        for f in [
            0.0, -0.0, 0.07, 0.1, 0.5, 1.0, 65.97, -3.5, 100.0, 1200.0, 0.29, 9.995e12,
        ] {
            assert_eq!(written(f), ryu(f), "{f}");
        }
        assert_eq!(written(-0.0), "0");
        assert_eq!(written(0.07), "0.07");
        assert_eq!(written(1e21), "1e+21");
        assert_eq!(written(0.001), "0.001");
        assert_eq!(written(1e13), "10000000000000");
    }

    proptest::proptest! {
        #[test]
        fn every_double_is_written_as_ryu_js_writes_it(
            cents in -1_000_000_000_000_000i64..1_000_000_000_000_000,
            bits in proptest::prelude::any::<u64>(),
            whole in proptest::prelude::any::<i64>(),
        ) {
            let random = f64::from_bits(bits);
            for f in [cents as f64 / 100.0, cents as f64 / 10.0, cents as f64, whole as f64, random] {
                if f.is_finite() {
                    proptest::prop_assert_eq!(written(f), ryu(f));
                }
            }
        }
    }

    #[test]
    fn canonical_escapes_like_json_stringify_and_sorts_by_utf16() {
        let v = json::parse_str(r#"{"\u0001":"\b\t\n\f\r\u001f\"\\/\u007f€","😀":1,"\uff61":2}"#)
            .unwrap();
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF61 in UTF-16 (not in UTF-8).
        assert_eq!(
            canonical_json(&v, None),
            "{\"\\u0001\":\"\\b\\t\\n\\f\\r\\u001f\\\"\\\\/\u{7f}€\",\"😀\":1,\"\u{ff61}\":2}"
        );
    }
}
