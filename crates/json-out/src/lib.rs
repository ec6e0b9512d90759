//! A value as compact JSON text, written by serde_json behind erased-serde: the value's own
//! `Serialize` (compiled in its crate) calls this crate's one serializer through a vtable, so the
//! writing — escaping, numbers, the buffer — is compiled here and at this crate's opt-level.
//! The bytes are exactly `serde_json::to_vec`'s.

/// `value` as `serde_json::to_vec` writes it, into a buffer of `capacity` bytes to start with.
pub fn to_vec(
    value: &dyn erased_serde::Serialize,
    capacity: usize,
) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(capacity);
    erased_serde::serialize(value, &mut serde_json::Serializer::new(&mut out))?;
    Ok(out)
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
            item: "未落实\"一把手\"责任\n\u{1}\\ /",
            lost: -3,
            share: 0.1,
            tags: vec![Some(true), None],
            note: None,
            kind: Kind::NotMet,
        };
        let text = super::to_vec(&v, 0).unwrap();
        assert_eq!(text, serde_json::to_vec(&v).unwrap());
        assert_eq!(
            String::from_utf8(text).unwrap(),
            r#"{"item":"未落实\"一把手\"责任\n\u0001\\ /","lost":-3,"share":0.1,"tags":[true,null],"type":"not_met"}"#
        );
    }

    #[test]
    fn a_serializer_error_is_returned() {
        let mut m = std::collections::BTreeMap::new();
        m.insert(vec![1u8], 1);
        let e = super::to_vec(&m, 16).unwrap_err();
        assert_eq!(e.to_string(), "key must be a string");
    }
}
