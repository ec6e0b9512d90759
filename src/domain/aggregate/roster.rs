//! Aggregation with a roster: who may send files, and who has not.
//!
//! With a roster, a current-period file that opened (digest, signature self-consistency, scores)
//! is further checked, in this order: its unit is listed (`E_EXPORT_UNKNOWN_UNIT`), it is signed
//! (`E_EXPORT_UNSIGNED`), and the signer is a key registered for that unit and valid at the file's
//! `generated_at` (`E_EXPORT_UNKNOWN_KEY`). Listed units with no accepted file are `missing`
//! (未上报). Without a roster, signatures are still verified, but nobody vouches for the senders:
//! the report says so (`senders_verified: false`).

use super::batch::{Batch, Record};
use super::report::MissingUnit;
use crate::domain::error::{Code, Error, Result};
use crate::domain::export::Opened;
use crate::domain::roster::{KeyCheck, Roster};
use crate::domain::sign::pubkey::fingerprint;
use crate::domain::unit_code;
use std::collections::BTreeSet;

impl Batch {
    /// Check the senders of this batch's current files against `roster`. Set it before adding
    /// files.
    pub fn set_roster(&mut self, roster: Roster) {
        self.roster = Some(roster);
    }
}

/// The roster's verdict on an opened current-period file.
pub(super) fn check_sender(roster: Option<&Roster>, o: &Opened) -> Result<()> {
    let Some(roster) = roster else {
        return Ok(());
    };
    let raw = o.assessment.unit.code.as_deref().unwrap_or_default();
    let code = unit_code::canonical_form(raw);
    let name = o.assessment.unit.name.as_deref().unwrap_or("未填写名称");
    let Some(unit) = roster.unit(&code) else {
        return Err(Error::new(
            Code::ExportUnknownUnit,
            "$.assessment.unit.code",
            format!(
                "单位 {name}({code})不在 “{}” 的考核单位名单中,不予接收",
                roster.authority
            ),
        ));
    };
    let Some(signer) = &o.signer else {
        return Err(Error::new(
            Code::ExportUnsigned,
            "$",
            format!(
                "文件未签名:按名单汇总时只接收用本单位登记密钥签名的上报文件,请 {} 用单位密钥重新生成",
                unit.name
            ),
        ));
    };
    let why = match unit.check_key(signer, &o.generated_at) {
        KeyCheck::Valid => return Ok(()),
        KeyCheck::OutsideValidity => format!(
            "签名有效,但密钥(指纹 {})在生成时间 {} 不在该单位登记的有效期内",
            fingerprint(&signer.key_id),
            o.generated_at
        ),
        KeyCheck::NotRegistered => format!(
            "签名有效,但密钥(指纹 {})未在名单中为 {}({})登记:可能是他人伪造,或单位换了密钥尚未登记",
            fingerprint(&signer.key_id),
            unit.name,
            unit.code
        ),
    };
    Err(Error::new(Code::ExportUnknownKey, "$.signature", why))
}

/// Roster units with no accepted current file, in roster order (`None` without a roster). The
/// accepted codes are gathered once: per unit and file it was units × files normalisations.
pub(super) fn missing(roster: Option<&Roster>, accepted: &[Record]) -> Option<Vec<MissingUnit>> {
    let roster = roster?;
    let sent: BTreeSet<String> = accepted
        .iter()
        .map(|r| unit_code::canonical_form(&r.code))
        .collect();
    Some(
        roster
            .units()
            .iter()
            .filter(|u| !sent.contains(&u.code))
            .map(|u| MissingUnit {
                code: u.code.clone(),
                name: u.name.clone(),
            })
            .collect(),
    )
}

/// A file without a signature, in words.
pub const UNSIGNED: &str = "未签名";

/// What the ranking's CSV says of a roster unit with no file.
pub const MISSING: &str = "未上报";

/// Whether the senders were checked against a roster, in words.
pub fn sender_words(verified: bool) -> &'static str {
    if verified {
        "已按名单核验"
    } else {
        "未核验发送单位"
    }
}

/// A signer in words: its fingerprint, or 未签名.
pub fn key_words(key_id: Option<&str>) -> String {
    key_id.map_or_else(|| UNSIGNED.to_string(), fingerprint)
}

/// Whether a check code read off the stamped paper report (typed with any spacing, case or
/// full-width characters) is `check_code`. Empty input matches nothing.
pub fn paper_matches(typed: &str, check_code: &str) -> bool {
    let t = unit_code::canonical_form(typed);
    !t.is_empty() && t == unit_code::canonical_form(check_code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn paper_check_codes_match_however_typed() {
        use super::paper_matches;
        assert!(paper_matches("1A2B 3C4D 5E6F 7A8B", "1a2b 3c4d 5e6f 7a8b"));
        assert!(paper_matches("１ａ２ｂ3c4d5e6f7a8b", "1a2b 3c4d 5e6f 7a8b"));
        assert!(!paper_matches("1a2b 3c4d 5e6f 7a8c", "1a2b 3c4d 5e6f 7a8b"));
        assert!(!paper_matches(" ", ""));
    }
}
