//! Parsing a document with one top-level member set aside as its raw text: a verifier that holds
//! the expected bytes of a large member (an export's embedded rubric) compares them instead of
//! building a tree for them. Syntax is still checked everywhere (serde_json skips the member with
//! its validating skipper).

use super::Json;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// `bytes` parsed as an object with its member `name` left out, and that member's raw text (from
/// its first to its last byte, no surrounding white space). `None` when the bytes are not exactly
/// one JSON object in UTF-8 (no BOM) with `name` once at its top level: callers then take
/// [`super::parse`], whose errors are the ones users see. The size limit is the caller's to check
/// first. (serde_json checks UTF-8 as it reads, so the bytes are not scanned twice.)
pub fn parse_aside<'a>(bytes: &'a [u8], name: &str) -> Option<(Json, &'a str)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let (fields, raw) = Aside { name }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some((Json::Obj(fields), raw?.get()))
}

/// `bytes` parsed as an object whose top-level member `name` is exactly the bytes of `known` (a
/// JSON value), that member left out; `None` otherwise. The member is not read at all: found by
/// its key, its bytes compared with `known`, then replaced by `0` and the rest parsed. Sound
/// because putting one complete JSON value in place of another at the same place changes
/// nothing else: if the rest parses with that `0` as the top-level `name`, the file parses with
/// `known` there.
pub fn parse_known(bytes: &[u8], name: &str, known: &str) -> Option<Json> {
    let key = format!("\"{name}\":");
    let at = bytes.windows(key.len()).position(|w| w == key.as_bytes())? + key.len();
    let start = at
        + bytes[at..]
            .iter()
            .take_while(|b| b" \t\r\n".contains(b))
            .count();
    let end = start.checked_add(known.len())?;
    if bytes.get(start..end)? != known.as_bytes() {
        return None;
    }
    let mut rest = Vec::with_capacity(bytes.len() - known.len() + 1);
    rest.extend_from_slice(&bytes[..start]);
    rest.push(b'0');
    rest.extend_from_slice(&bytes[end..]);
    let (doc, raw) = parse_aside(&rest, name)?;
    let there = raw.as_ptr() as usize - rest.as_ptr() as usize == start && raw == "0";
    there.then_some(doc)
}

struct Aside<'n> {
    name: &'n str,
}

type Parts<'de> = (Vec<(String, Json)>, Option<&'de RawValue>);

impl<'de> DeserializeSeed<'de> for Aside<'_> {
    type Value = Parts<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Parts<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Aside<'_> {
    type Value = Parts<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Parts<'de>, A::Error> {
        let mut fields = Vec::new();
        let mut raw = None;
        while let Some(k) = m.next_key::<String>()? {
            if k == self.name {
                if raw.is_some() {
                    // Twice: the full parse reports the duplicate key with its path.
                    return Err(serde::de::Error::custom("duplicate"));
                }
                raw = Some(m.next_value::<&'de RawValue>()?);
            } else {
                fields.push((k, m.next_value::<Json>()?));
            }
        }
        Ok((fields, raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_member_comes_back_as_written_and_the_rest_as_a_tree() {
        let text = "{\"a\": 1,\n  \"r\": {\"x\": [1, 2]} ,\"b\":\"é\"}";
        let (doc, raw) = parse_aside(text.as_bytes(), "r").unwrap();
        assert_eq!(raw, "{\"x\": [1, 2]}");
        assert_eq!(
            doc,
            super::super::parse_str("{\"a\":1,\"b\":\"é\"}").unwrap()
        );
    }

    #[test]
    fn a_known_member_is_found_by_its_bytes_and_only_there() {
        let k = "{\"x\": [1, 2]}";
        let doc = |t: &str| super::super::parse_str(t).unwrap();
        let known = |t: &str| parse_known(t.as_bytes(), "r", k);
        assert_eq!(
            known("{\"a\": 1,\n \"r\": {\"x\": [1, 2]},\"b\":2}"),
            Some(doc("{\"a\":1,\"b\":2}"))
        );
        for other in [
            "{\"a\": 1, \"r\": {\"x\": [1, 3]}}",
            "{\"a\": 1, \"r\": {\"x\": [1, 2]}",
            "{\"a\": {\"r\": {\"x\": [1, 2]}}, \"r\": 1}",
            "{\"a\": \"\\\"r\\\": {\\\"x\\\": [1, 2]}\", \"r\": 1}",
            "{\"r\": {\"x\": [1, 2]}, \"r\": 1}",
            "[\"r\": {\"x\": [1, 2]}]",
            "{\"a\": \"\\u0000\r\": {\"x\": [1, 2]}}",
        ] {
            assert_eq!(known(other), None, "{other}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parse() {
        for bad in [
            "{\"a\":1}",
            "{\"r\":1,\"r\":2}",
            "[1]",
            "{\"r\":{\"x\":1e999}}x",
            "{\"r\":{\"x\":}}",
            "{\"r\":1} {}",
            "\u{feff}{\"r\":1}",
        ] {
            assert!(parse_aside(bad.as_bytes(), "r").is_none(), "{bad}");
        }
        // Not UTF-8, inside the member and outside it.
        assert!(parse_aside(b"{\"r\":\"\xff\"}", "r").is_none());
        assert!(parse_aside(b"{\"a\":\"\xc3\",\"r\":1}", "r").is_none());
    }
}
