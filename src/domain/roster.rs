//! The roster (`cyberduty.roster/1`): the units a cadre department assesses and the public keys
//! each has registered. Aggregating with it accepts a file only from a listed unit, signed by one
//! of its keys valid at the file's `generated_at`, and lists the units that have not reported.
//!
//! `{schema, authority, period?, units: [{code, name, level?, region?, keys: [{key_id,
//! public_key, valid_from?, valid_until?}]}]}`. Codes are normalised like a unit's own
//! ([`unit_code::normalize`]); a code twice is `E_ROSTER_DUPLICATE_UNIT`, a bad key
//! `E_KEY_PUBLIC`. Started from a CSV (统一社会信用代码,单位名称[,级别,地区]) as Excel or WPS
//! save it, in UTF-8 (with or without BOM); a GBK/ANSI CSV is refused with `E_INPUT_ENCODING`
//! saying how to save it as UTF-8.

use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, index_path, key_path, Json};
use crate::domain::sign::pubkey::PubkeyDoc;
use crate::domain::sign::PublicKey;
use crate::domain::time::{self, Instant};
use crate::domain::unit_code;
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA: &str = "cyberduty.roster";
const TAG: &str = "cyberduty.roster/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roster {
    pub schema: &'static str,
    pub authority: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// In the order read; added only through `push_unit`, which keeps `by_code` in step.
    units: Vec<RosterUnit>,
    /// Unit code → index in `units`: a provincial roster lists tens of thousands of units, and a
    /// linear search per unit read and per file checked made both quadratic (100,000 units: 25 s
    /// to read the CSV).
    #[serde(skip)]
    by_code: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterUnit {
    pub code: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub keys: Vec<RosterKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterKey {
    /// Written for people reading the file; checked against `public_key` when read.
    pub key_id: String,
    pub public_key: String,
    /// RFC 3339; the key signs validly from then (inclusive) …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// … until then (inclusive): set it when a key is lost or replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

/// Why a roster does not accept a signer for a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCheck {
    Valid,
    /// Registered for the unit, but not valid at that time.
    OutsideValidity,
    NotRegistered,
}

impl Roster {
    pub fn new(authority: &str, period: Option<&str>) -> Result<Roster> {
        let authority = authority.trim();
        if authority.is_empty() {
            return Err(Error::new(
                Code::FieldEmpty,
                "$.authority",
                "请填写干部主管部门名称(authority)",
            ));
        }
        Ok(Roster {
            schema: TAG,
            authority: authority.to_string(),
            period: period
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(Into::into),
            units: Vec::new(),
            by_code: BTreeMap::new(),
        })
    }

    pub fn from_json(doc: &Json) -> Result<Roster> {
        json::check_schema(doc, SCHEMA, 1)?;
        let o = json::object(doc, "$", &["schema", "authority", "period", "units"])?;
        json::no_duplicate_keys(doc, "$")?;
        let mut roster = Roster::new(o.req_str("authority")?, o.opt_str("period")?.as_deref())?;
        for (i, u) in o.req_arr("units")?.iter().enumerate() {
            let path = index_path("$.units", i);
            let u = json::object(u, &path, &["code", "name", "level", "region", "keys"])?;
            let unit = roster.push_unit(
                u.req_str("code")?,
                &u.req_text("name")?,
                u.opt_str("level")?,
                u.opt_str("region")?,
                &u.at("code"),
            )?;
            for (k, key) in u.opt_arr("keys")?.iter().enumerate() {
                let kp = index_path(&key_path(&path, "keys"), k);
                let key = json::object(
                    key,
                    &kp,
                    &["key_id", "public_key", "valid_from", "valid_until"],
                )?;
                let pk = PublicKey::parse(key.req_str("public_key")?, &key.at("public_key"))?;
                if let Some(id) = key.opt_str("key_id")? {
                    if !id.eq_ignore_ascii_case(&pk.key_id) {
                        return Err(Error::new(
                            Code::KeyPublic,
                            key.at("key_id"),
                            format!("密钥标识 {id} 与公钥不符(按公钥计算为 {})", pk.key_id),
                        ));
                    }
                }
                let entry = key_entry(
                    &pk,
                    key.opt_str("valid_from")?,
                    key.opt_str("valid_until")?,
                    &kp,
                )?;
                if roster.units[unit]
                    .keys
                    .iter()
                    .any(|k| k.public_key == entry.public_key)
                {
                    return Err(Error::new(
                        Code::RosterDuplicateUnit,
                        kp,
                        format!("同一公钥({})在该单位下登记了两次", entry.key_id),
                    ));
                }
                roster.units[unit].keys.push(entry);
            }
        }
        Ok(roster)
    }

    /// A roster from a CSV's bytes: one unit a line, 统一社会信用代码 then 单位名称 (then 级别,
    /// 地区 if given); a first line naming the columns is skipped. Blank lines are skipped.
    pub fn from_csv(bytes: &[u8], authority: &str, period: Option<&str>) -> Result<Roster> {
        let text = csv_text(bytes)?;
        let mut roster = Roster::new(authority, period)?;
        for (line, cells) in csv_rows(text) {
            let path = format!("第 {line} 行");
            let cell = |i: usize| cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty());
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if line == 1 && cell(0).is_some_and(|c| c.contains("代码")) {
                continue;
            }
            let Some(name) = cell(1) else {
                return Err(Error::new(
                    Code::FieldMissing,
                    path,
                    format!("第 {line} 行缺少单位名称(应为:统一社会信用代码,单位名称)"),
                ));
            };
            roster
                .push_unit(
                    cell(0).unwrap_or_default(),
                    name,
                    cell(2).map(Into::into),
                    cell(3).map(Into::into),
                    &path,
                )
                .map_err(|e| Error {
                    message: format!("第 {line} 行:{}", e.message),
                    ..e
                })?;
        }
        Ok(roster)
    }

    fn push_unit(
        &mut self,
        code: &str,
        name: &str,
        level: Option<String>,
        region: Option<String>,
        path: &str,
    ) -> Result<usize> {
        let code = unit_code::normalize(code, path)?;
        if let Some(&other) = self.by_code.get(&code) {
            return Err(Error::new(
                Code::RosterDuplicateUnit,
                path,
                format!(
                    "统一社会信用代码 {code} 重复:已登记为 “{}”",
                    self.units[other].name
                ),
            ));
        }
        self.by_code.insert(code.clone(), self.units.len());
        self.units.push(RosterUnit {
            code,
            name: name.trim().to_string(),
            level,
            region,
            keys: Vec::new(),
        });
        Ok(self.units.len() - 1)
    }

    /// Register a unit's public key. `Ok(false)` when that key is already registered for it;
    /// `E_ROSTER_UNKNOWN_UNIT` when the roster does not list the unit.
    pub fn add_key(
        &mut self,
        pubkey: &PubkeyDoc,
        valid_from: Option<String>,
        valid_until: Option<String>,
    ) -> Result<bool> {
        let pk = PublicKey::parse(&pubkey.public_key, "$.public_key")?;
        let entry = key_entry(&pk, valid_from, valid_until, "$")?;
        let found = self.by_code.get(&pubkey.unit.code).copied();
        let Some(unit) = found.map(|i| &mut self.units[i]) else {
            return Err(Error::new(
                Code::RosterUnknownUnit,
                "$.unit.code",
                format!(
                    "名单中没有单位 {}({}):请先把该单位加入名单",
                    pubkey.unit.name, pubkey.unit.code
                ),
            ));
        };
        if unit.keys.iter().any(|k| k.public_key == entry.public_key) {
            return Ok(false);
        }
        unit.keys.push(entry);
        Ok(true)
    }

    /// The listed unit with this (normalised) code.
    pub fn unit(&self, code: &str) -> Option<&RosterUnit> {
        self.by_code.get(code).map(|&i| &self.units[i])
    }

    /// Every listed unit, in the roster's order.
    pub fn units(&self) -> &[RosterUnit] {
        &self.units
    }

    /// The file's text (pretty JSON, newline at the end).
    pub fn text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

impl RosterUnit {
    /// Whether `signer` is a key of this unit valid at `at` (an RFC 3339 time).
    pub fn check_key(&self, signer: &PublicKey, at: &str) -> KeyCheck {
        let at = time::parse(at).ok();
        let mut registered = false;
        for k in self
            .keys
            .iter()
            .filter(|k| k.public_key == signer.public_key)
        {
            registered = true;
            let bound = |t: &Option<String>| t.as_deref().and_then(|t| time::parse(t).ok());
            let (from, until) = (bound(&k.valid_from), bound(&k.valid_until));
            let ok = |b: Option<Instant>, f: fn(&Instant, &Instant) -> bool| match (b, at) {
                (None, _) => true,
                (Some(b), Some(at)) => f(&b, &at),
                (Some(_), None) => false,
            };
            if ok(from, |b, at| b <= at) && ok(until, |b, at| at <= b) {
                return KeyCheck::Valid;
            }
        }
        if registered {
            KeyCheck::OutsideValidity
        } else {
            KeyCheck::NotRegistered
        }
    }
}

fn key_entry(
    pk: &PublicKey,
    valid_from: Option<String>,
    valid_until: Option<String>,
    path: &str,
) -> Result<RosterKey> {
    let when = |t: &Option<String>, field: &str| {
        t.as_deref()
            .map(|t| {
                time::parse(t)
                    .map_err(|why| Error::new(Code::Timestamp, key_path(path, field), why))
            })
            .transpose()
    };
    let (from, until) = (
        when(&valid_from, "valid_from")?,
        when(&valid_until, "valid_until")?,
    );
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            return Err(Error::new(
                Code::TimelineOrder,
                key_path(path, "valid_until"),
                "密钥有效期的结束时间早于开始时间",
            ));
        }
    }
    Ok(RosterKey {
        key_id: pk.key_id.clone(),
        public_key: pk.public_key.clone(),
        valid_from,
        valid_until,
    })
}

/// A CSV's text: UTF-8 with or without BOM. Excel's plain “CSV” on a Chinese system is GBK:
/// say so and how to save it as UTF-8, rather than guess.
fn csv_text(bytes: &[u8]) -> Result<&str> {
    json::check_size(bytes.len() as u64)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            Code::InputEncoding,
            "$",
            format!(
                "名单 CSV 第 {} 字节处不是 UTF-8(多半是 GBK/ANSI 编码):请在 Excel 中另存为 \
                 “CSV UTF-8(逗号分隔)”,或在 WPS 中另存为 CSV 时选择 UTF-8 编码",
                e.valid_up_to() + 1
            ),
        )
    })
}

/// RFC 4180 rows with their 1-based line numbers: `,` between cells, `"` quoting (`""` inside),
/// CRLF or LF line ends.
fn csv_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut quoted, mut line, mut start) = (false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.trim().is_empty() => quoted = true,
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                cells.push(std::mem::take(&mut cell));
                rows.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        rows.push((start, cells));
    }
    rows
}

#[cfg(test)]
mod tests;
