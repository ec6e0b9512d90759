//! A value as compact JSON text in UTF-16 code units, exactly the text `serde_json::to_string`
//! writes. The value's own `Serialize` (compiled in its crate) calls this crate's one serializer
//! ([`utf16::Writer`]) through erased-serde's vtable, so the writing — escaping, numbers, the
//! buffer — is compiled here and at this crate's opt-level.

mod key;
mod utf16;

/// `value` as `serde_json::to_string` writes it, in UTF-16 code units: what a JS string is made
/// of. For the engine, decoding UTF-16 is nearly a copy, while UTF-8 with much Chinese in it is
/// slow: a classification's 12 KB take ~40 µs from UTF-8 and ~5 µs from UTF-16 in Node (the
/// JSON.parse that follows ~21 µs). Written as UTF-16 directly, each string is read once.
pub fn to_utf16(value: &dyn erased_serde::Serialize) -> Result<Vec<u16>, serde_json::Error> {
    use serde::Serialize;
    // A classification is ~9,300 units: grown once. (Starting at 12 K units made no difference.)
    let mut w = utf16::Writer::with_capacity(8 * 1024);
    value.serialize(&mut w)?;
    Ok(w.out)
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Reason<'a> {
        item: &'a str,
        lost: i64,
        share: f64,
        tags: Vec<Option<bool>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
        #[serde(rename = "type")]
        kind: Kind,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        NotMet,
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let v = Reason {
            item: "未落实\"一把手\"责任\n\u{1}\\ /𠀀",
            lost: -3,
            share: 0.1,
            tags: vec![Some(true), None],
            note: None,
            kind: Kind::NotMet,
        };
        let units = super::to_utf16(&v).unwrap();
        // U+20000, beyond the BMP: a surrogate pair, as in a JS string.
        assert!(units.windows(2).any(|w| w == [0xD840, 0xDC00]));
        let text = String::from_utf16(&units).unwrap();
        assert_eq!(text, serde_json::to_string(&v).unwrap());
        assert_eq!(
            text,
            r#"{"item":"未落实\"一把手\"责任\n\u0001\\ /𠀀","lost":-3,"share":0.1,"tags":[true,null],"type":"not_met"}"#
        );
    }

    #[test]
    fn a_serializer_error_is_returned() {
        let mut m = std::collections::BTreeMap::new();
        m.insert(vec![1u8], 1);
        let e = super::to_utf16(&m).unwrap_err();
        assert_eq!(e.to_string(), "key must be a string");
    }
}
