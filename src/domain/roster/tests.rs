use super::*;
use crate::domain::json::parse_str;
use crate::domain::sign::keyfile::UnitKey;

const A: &str = "91350100M000100Y43";

fn code(r: Result<Roster>) -> &'static str {
    r.unwrap_err().code.as_str()
}

#[test]
fn from_csv_with_or_without_bom_and_header() {
    let csv = format!(
        "\u{feff}统一社会信用代码,单位名称\r\n{} ,\"某单位,办公室\"\r\n\r\n",
        A.to_lowercase()
    );
    let r = Roster::from_csv(csv.as_bytes(), "某市委组织部", Some("2026")).unwrap();
    assert_eq!(r.units.len(), 1);
    assert_eq!(r.units[0].code, A);
    assert_eq!(r.units[0].name, "某单位,办公室");
    assert_eq!(r.period.as_deref(), Some("2026"));
    let plain = Roster::from_csv(format!("{A},某单位\n").as_bytes(), "部", None).unwrap();
    assert_eq!(plain.units[0].name, "某单位");
    // Round trip through JSON.
    let back = Roster::from_json(&parse_str(&r.text()).unwrap()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn bad_csvs_are_refused_with_codes() {
    // GBK "单位" is not UTF-8.
    let gbk = [b"91350100M000100Y43,".as_slice(), &[0xB5, 0xA5, 0xCE, 0xBB]].concat();
    let e = Roster::from_csv(&gbk, "部", None).unwrap_err();
    assert_eq!(e.code.as_str(), "E_INPUT_ENCODING");
    assert!(e.message.contains("GBK"));
    let dup = format!("{A},甲\n{},乙\n", A.to_lowercase());
    let e = Roster::from_csv(dup.as_bytes(), "部", None).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("E_ROSTER_DUPLICATE_UNIT", "第 2 行")
    );
    assert_eq!(
        code(Roster::from_csv(b"123,x\n", "部", None)),
        "E_UNIT_CODE"
    );
    assert_eq!(
        code(Roster::from_csv(format!("{A}\n").as_bytes(), "部", None)),
        "E_FIELD_MISSING"
    );
    assert_eq!(code(Roster::from_csv(b"", " ", None)), "E_FIELD_EMPTY");
}

#[test]
fn keys_are_added_checked_and_bounded_in_time() {
    let key = UnitKey::generate(A, "某单位", "2026-01-01T00:00:00Z").unwrap();
    let pk = PubkeyDoc::of(&key);
    let mut r = Roster::from_csv(format!("{A},某单位\n").as_bytes(), "部", None).unwrap();
    assert!(r
        .add_key(&pk, None, Some("2026-06-30T23:59:59Z".into()))
        .unwrap());
    assert!(!r.add_key(&pk, None, None).unwrap());
    let unit = r.unit(A).unwrap();
    let signer = key.pair.public();
    assert_eq!(
        unit.check_key(signer, "2026-03-01T00:00:00Z"),
        KeyCheck::Valid
    );
    assert_eq!(
        unit.check_key(signer, "2026-07-01T00:00:00Z"),
        KeyCheck::OutsideValidity
    );
    let other = UnitKey::generate(A, "某单位", "2026-01-01T00:00:00Z").unwrap();
    assert_eq!(
        unit.check_key(other.pair.public(), "2026-03-01T00:00:00Z"),
        KeyCheck::NotRegistered
    );
    // A unit not in the roster.
    let stranger = UnitKey::generate("91110000MA00000008", "外单位", "2026-01-01T00:00:00Z");
    if let Ok(s) = stranger {
        let e = r.add_key(&PubkeyDoc::of(&s), None, None).unwrap_err();
        assert_eq!(e.code.as_str(), "E_ROSTER_UNKNOWN_UNIT");
    }
    // JSON round trip, and damaged keys refused.
    let text = r.text();
    assert_eq!(Roster::from_json(&parse_str(&text).unwrap()).unwrap(), r);
    let bad = text.replace(&pk.public_key[..10], "04ffffffff");
    assert_eq!(
        code(Roster::from_json(&parse_str(&bad).unwrap())),
        "E_KEY_PUBLIC"
    );
    let twice = text.replace(
        &format!("\"code\": \"{A}\""),
        &format!("\"code\": \"{}\"", A.to_lowercase()),
    );
    assert_eq!(
        Roster::from_json(&parse_str(&twice).unwrap())
            .unwrap()
            .units[0]
            .code,
        A
    );
}

/// A valid code for unit `n` (GB 32100 check character computed).
fn nth_code(n: usize) -> String {
    let first17 = format!("11{n:015}");
    let check = crate::domain::unit_code::check_char(&first17).unwrap();
    format!("{first17}{check}")
}

#[test]
fn a_large_roster_finds_every_unit_by_its_code_and_names_the_first_of_a_duplicate() {
    let csv: String = (0..2000)
        .rev()
        .map(|n| format!("{},单位{n}\n", nth_code(n)))
        .collect();
    let r = Roster::from_csv(csv.as_bytes(), "部", None).unwrap();
    assert_eq!(r.units().len(), 2000);
    // In the order read (here descending), whatever the lookup's own order.
    assert_eq!(r.units()[0].name, "单位1999");
    assert_eq!(r.unit(&nth_code(7)).map(|u| u.name.as_str()), Some("单位7"));
    assert_eq!(r.unit(&nth_code(2000)), None);
    // The code is looked up normalised, the message names the unit listed first.
    let dup = format!("{csv} {} ,别名\n", nth_code(1234).to_lowercase());
    let e = Roster::from_csv(dup.as_bytes(), "部", None).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("E_ROSTER_DUPLICATE_UNIT", "第 2001 行")
    );
    assert!(e.message.contains("已登记为 “单位1234”"), "{}", e.message);
    // Read back from its JSON, the lookup is rebuilt.
    let back = Roster::from_json(&parse_str(&r.text()).unwrap()).unwrap();
    assert_eq!(back, r);
    assert_eq!(
        back.unit(&nth_code(1999)).map(|u| u.name.as_str()),
        Some("单位1999")
    );
}
