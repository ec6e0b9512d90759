//! A unit's identity: its 统一社会信用代码 (GB 32100-2015). Every document that names a unit — an
//! assessment, an export, a roster — goes through [`normalize`], so the same unit typed with a stray
//! space, in full-width digits or lower case is one unit everywhere (duplicates, ranking, roster).

use crate::domain::error::{Code, Error, Result};

/// The 31 characters GB 32100 allows, in the order of their values 0‥30 (no I, O, Z, S, V).
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1‥17 (3^(i) mod 31), from the standard.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
pub const LENGTH: usize = 18;

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// Full-width ASCII forms (Ａ, ０ …) to ASCII; every kind of space dropped; upper case. What Excel,
/// WPS and Chinese input methods put around a code a user copies.
pub fn canonical_form(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}' && *c != '\u{200b}')
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// The check character positions 1‥17 call for.
pub fn check_char(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut n = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
        n += 1;
    }
    if n != 17 {
        return None;
    }
    let v = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(v as usize)
}

/// The normalised code, or `E_UNIT_CODE` saying what is wrong (length, which character, or which
/// check character the first 17 call for). `path` is where the code was read.
pub fn normalize(raw: &str, path: &str) -> Result<String> {
    let code = canonical_form(raw);
    let bad = |msg: String| Err(Error::new(Code::UnitCode, path, msg));
    let n = code.chars().count();
    if n == 0 {
        return bad("统一社会信用代码为空:请填写 18 位统一社会信用代码".into());
    }
    if n != LENGTH {
        return bad(format!("统一社会信用代码应为 18 位,「{code}」为 {n} 位"));
    }
    for (i, c) in code.chars().enumerate() {
        if value(c).is_none() {
            let hint = if matches!(c, 'I' | 'O' | 'Z' | 'S' | 'V') {
                "(代码中不使用 I、O、Z、S、V,请核对是否为数字 1、0、2、5 或字母 U)"
            } else {
                ""
            };
            return bad(format!(
                "统一社会信用代码第 {} 位「{c}」不是允许的字符{hint}",
                i + 1
            ));
        }
    }
    let first17: String = code.chars().take(17).collect();
    let given = code.chars().nth(17).unwrap_or('?');
    match check_char(&first17) {
        Some(want) if want == given => Ok(code),
        Some(want) => bad(format!(
            "统一社会信用代码「{code}」校验不通过:按前 17 位,第 18 位校验码应为 {want},现为 {given};请核对是否抄错"
        )),
        None => bad(format!("统一社会信用代码「{code}」无法计算校验码")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples_pass() {
        // The example printed in GB 32100-2015 and widely quoted.
        assert_eq!(
            normalize("91350100M000100Y43", "$").unwrap(),
            "91350100M000100Y43"
        );
    }

    #[test]
    fn normalises_space_width_and_case() {
        let code = format!(
            "{}{}",
            "11330100002491234",
            check_char("11330100002491234").unwrap()
        );
        let lower = code.to_lowercase();
        let full: String = code
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap())
            .collect();
        for raw in [
            format!(" {code} "),
            lower,
            full,
            format!("{}\u{3000}", &code),
        ] {
            assert_eq!(normalize(&raw, "$.unit.code").unwrap(), code, "{raw}");
        }
    }

    #[test]
    fn says_what_is_wrong() {
        let e = normalize("11330100002491234X", "$.unit.code").unwrap_err();
        assert_eq!(e.code, Code::UnitCode);
        assert_eq!(e.path, "$.unit.code");
        let want = check_char("11330100002491234").unwrap();
        assert!(
            e.message.contains(&format!("应为 {want},现为 X")),
            "{}",
            e.message
        );
        let e = normalize("abc / 测试", "$").unwrap_err();
        assert!(e.message.contains("应为 18 位"), "{}", e.message);
        let e = normalize("91350100M000100I43", "$").unwrap_err();
        assert!(e.message.contains("第 16 位「I」"), "{}", e.message);
        assert!(normalize("   ", "$").unwrap_err().message.contains("为空"));
    }
}
