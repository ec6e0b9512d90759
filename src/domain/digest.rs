//! Digests over canonical JSON: SM3 (GB/T 32905, the national hash standard) of the RFC 8785 (JCS)
//! form, written `sm3:<64 hex digits>`, so any party can recompute it with standard tools.

use serde::Serialize;
use sm3::{Digest, Sm3};

pub const PREFIX: &str = "sm3:";

/// The RFC 8785 canonical JSON text of a value.
pub fn canonical<T: Serialize>(v: &T) -> String {
    // Our values are plain data (no non-string keys, no non-finite numbers), which JCS always accepts.
    serde_json_canonicalizer::to_string(v).unwrap_or_default()
}

pub fn sm3_hex(bytes: &[u8]) -> String {
    let out = Sm3::digest(bytes);
    out.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sm3_canonical<T: Serialize>(v: &T) -> String {
    format!("{PREFIX}{}", sm3_hex(canonical(v).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sm3_standard_vector() {
        // GB/T 32905-2016 appendix A, example 1: "abc".
        assert_eq!(
            sm3_hex(b"abc"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
    }

    #[test]
    fn canonical_sorts_keys_and_normalises_numbers() {
        let v: serde_json::Value = serde_json::from_str(r#"{"b":1.0,"a":[1e2,"é"]}"#).unwrap();
        assert_eq!(canonical(&v), r#"{"a":[100,"é"],"b":1}"#);
    }
}
