//! [`Checked`] files as bytes, so a file checked by one instance of the core (a Web Worker's wasm)
//! can be taken by another instance's batch (the page's), in file order.
//!
//! The format is **internal**: it only ever travels between two instances of the same build, in
//! memory, and is never written to a file or kept; it may change in any version without notice.
//! Each message starts with the build's version and the reference rubric's digest, and a batch
//! refuses a message checked by another build or against another reference rubric (the records
//! are in the reference's item order). Codes decode to the very `&'static str` of the error-code
//! table ([`Code::ALL`]), so nothing is leaked.
//!
//! Layout: unsigned integers as LEB128, signed ones zigzagged, text as its length then its UTF-8
//! bytes, an option as 0 or 1 then the value (a number's always there, 0 when absent), a list as
//! its length then its elements.

use super::batch::{Batch, Checked, Record, OK};
use super::report::{FileOutcome, FileStatus, Role, UnitId};
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::Cents;
use crate::domain::score::Status;

impl Batch {
    /// Checked files as one message for [`Batch::take_encoded`] of a batch with the same
    /// reference rubric (and roster), in any instance of this build.
    pub fn encode(&self, checked: &[Checked]) -> Vec<u8> {
        let mut w = Vec::with_capacity(64 + 1024 * checked.len());
        w.text(crate::VERSION);
        w.text(&self.reference.digest);
        w.uint(checked.len() as u64);
        for c in checked {
            c.write(&mut w);
        }
        w
    }

    /// Take every file of a message from [`Batch::encode`], in the order they were encoded. A
    /// message from another build or another reference rubric, or not one at all, is refused
    /// before anything is taken.
    pub fn take_encoded(&mut self, bytes: &[u8]) -> Result<()> {
        for c in self.decode(bytes)? {
            self.take(c);
        }
        Ok(())
    }

    /// The files of a message from [`Batch::encode`], not taken.
    pub fn decode(&self, mut bytes: &[u8]) -> Result<Vec<Checked>> {
        let r = &mut bytes;
        let foreign = || {
            Error::new(
                Code::FieldType,
                "$",
                "核验结果来自另一版本的程序或另一份参照细则,无法汇总",
            )
        };
        if r.text()? != crate::VERSION || r.text()? != self.reference.digest {
            return Err(foreign());
        }
        let out = r.list(Checked::read)?;
        if !r.is_empty() {
            return Err(malformed());
        }
        Ok(out)
    }
}

fn malformed() -> Error {
    Error::new(
        Code::FieldType,
        "$",
        "核验结果的数据不完整或已损坏,无法汇总",
    )
}

impl Checked {
    fn write(&self, w: &mut Vec<u8>) {
        let o = &self.outcome;
        w.text(&o.path);
        w.byte(match o.role {
            Role::Current => 0,
            Role::Previous => 1,
        });
        w.byte(match o.status {
            FileStatus::Accepted => 0,
            FileStatus::Rejected => 1,
            FileStatus::Duplicate => 2,
        });
        w.text(o.code);
        w.text(&o.at);
        w.text(&o.message);
        w.flag(o.unit.is_some());
        if let Some(u) = &o.unit {
            w.opt_text(u.name.as_deref());
            for s in [&u.code, &u.period, &u.digest, &u.generated_at] {
                w.text(s);
            }
        }
        w.uint(o.warnings.len() as u64);
        for e in &o.warnings {
            w.error(e);
        }
        w.flag(self.record.is_some());
        if let Some(r) = &self.record {
            r.write(w);
        }
    }

    fn read(r: &mut &[u8]) -> Result<Checked> {
        let path = r.text()?;
        let role = match r.byte()? {
            0 => Role::Current,
            1 => Role::Previous,
            _ => return Err(malformed()),
        };
        let status = match r.byte()? {
            0 => FileStatus::Accepted,
            1 => FileStatus::Rejected,
            2 => FileStatus::Duplicate,
            _ => return Err(malformed()),
        };
        let code = outcome_code(&r.text()?)?;
        let at = r.text()?;
        let message = r.text()?;
        let unit = if r.flag()? {
            Some(UnitId {
                name: r.opt_text()?,
                code: r.text()?,
                period: r.text()?,
                digest: r.text()?,
                generated_at: r.text()?,
            })
        } else {
            None
        };
        let warnings = r.list(|r| r.error())?;
        let record = if r.flag()? {
            Some(Record::read(r)?)
        } else {
            None
        };
        Ok(Checked {
            outcome: FileOutcome {
                path,
                role,
                status,
                code,
                at,
                message,
                unit,
                warnings,
            },
            record,
        })
    }
}

impl Record {
    fn write(&self, w: &mut Vec<u8>) {
        w.text(&self.path);
        w.opt_text(self.name.as_deref());
        w.text(&self.code);
        w.text(&self.period);
        w.text(&self.time.0);
        w.uint(u64::from(self.time.1));
        w.text(&self.generated_at);
        w.text(&self.digest);
        w.opt_text(self.key_id.as_deref());
        w.text(&self.rubric_digest);
        w.int(self.total.0);
        w.text(&self.grade);
        w.flag(self.vetoed);
        w.uint(self.vetoes.len() as u64);
        for v in &self.vetoes {
            w.text(v);
        }
        w.flag(self.complete);
        w.uint(self.missing as u64);
        w.uint(self.attainment.len() as u64);
        for a in &self.attainment {
            w.flag(a.is_some());
            w.int(a.map_or(0, |c| c.0));
        }
        w.uint(self.items.len() as u64);
        for (earned, max, status) in &self.items {
            w.int(earned.0);
            w.int(max.0);
            w.byte(match status {
                Status::Met => 0,
                Status::Partial => 1,
                Status::Unmet => 2,
                Status::Na => 3,
                Status::Missing => 4,
            });
        }
        w.flag(self.overdue.is_some());
        w.uint(self.overdue.unwrap_or(0) as u64);
    }

    fn read(r: &mut &[u8]) -> Result<Record> {
        Ok(Record {
            // Set by `take`: the batch's own numbering.
            file: 0,
            path: r.text()?,
            name: r.opt_text()?,
            code: r.text()?,
            period: r.text()?,
            time: (
                r.text()?,
                u32::try_from(r.uint()?).map_err(|_| malformed())?,
            ),
            generated_at: r.text()?,
            digest: r.text()?,
            key_id: r.opt_text()?,
            rubric_digest: r.text()?,
            total: Cents(r.int()?),
            grade: r.text()?,
            vetoed: r.flag()?,
            vetoes: r.list(|r| r.text())?,
            complete: r.flag()?,
            missing: r.size()?,
            attainment: r.list(|r| {
                let some = r.flag()?;
                let c = Cents(r.int()?);
                Ok(some.then_some(c))
            })?,
            items: r.list(|r| {
                let earned = Cents(r.int()?);
                let max = Cents(r.int()?);
                let status = match r.byte()? {
                    0 => Status::Met,
                    1 => Status::Partial,
                    2 => Status::Unmet,
                    3 => Status::Na,
                    4 => Status::Missing,
                    _ => return Err(malformed()),
                };
                Ok((earned, max, status))
            })?,
            overdue: {
                let some = r.flag()?;
                let n = r.size()?;
                some.then_some(n)
            },
        })
    }
}

/// A file outcome's code as the table's own `&'static str`: `OK` or a [`Code`].
fn outcome_code(text: &str) -> Result<&'static str> {
    if text == OK {
        return Ok(OK);
    }
    Ok(error_code(text)?.as_str())
}

fn error_code(text: &str) -> Result<Code> {
    Code::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == text)
        .ok_or_else(malformed)
}

trait Write {
    fn byte(&mut self, b: u8);
    fn uint(&mut self, n: u64);
    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }
    fn text(&mut self, s: &str);
    fn error(&mut self, e: &Error) {
        self.text(e.code.as_str());
        self.text(&e.path);
        self.text(&e.message);
    }
    fn flag(&mut self, b: bool) {
        self.byte(u8::from(b));
    }
    fn opt_text(&mut self, s: Option<&str>) {
        self.flag(s.is_some());
        if let Some(s) = s {
            self.text(s);
        }
    }
}

impl Write for Vec<u8> {
    fn byte(&mut self, b: u8) {
        self.push(b);
    }
    fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.push(n as u8);
    }
    fn text(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.extend_from_slice(s.as_bytes());
    }
}

trait Read: Sized {
    fn byte(&mut self) -> Result<u8>;
    fn uint(&mut self) -> Result<u64>;
    fn text(&mut self) -> Result<String>;
    fn int(&mut self) -> Result<i64> {
        let n = self.uint()?;
        Ok(((n >> 1) as i64) ^ -((n & 1) as i64))
    }
    fn size(&mut self) -> Result<usize> {
        usize::try_from(self.uint()?).map_err(|_| malformed())
    }
    fn flag(&mut self) -> Result<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(malformed()),
        }
    }
    fn error(&mut self) -> Result<Error> {
        let code = error_code(&self.text()?)?;
        Ok(Error::new(code, self.text()?, self.text()?))
    }
    fn opt_text(&mut self) -> Result<Option<String>> {
        if self.flag()? {
            self.text().map(Some)
        } else {
            Ok(None)
        }
    }
    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let n = self.size()?;
        // Not trusting the length for the allocation: every element takes at least a byte.
        let mut out = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            out.push(f(self)?);
        }
        Ok(out)
    }
}

impl Read for &[u8] {
    fn byte(&mut self) -> Result<u8> {
        let (&b, rest) = self.split_first().ok_or_else(malformed)?;
        *self = rest;
        Ok(b)
    }
    fn uint(&mut self) -> Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(malformed())
    }
    fn text(&mut self) -> Result<String> {
        let n = self.size()?;
        if n > self.len() {
            return Err(malformed());
        }
        let (s, rest) = self.split_at(n);
        *self = rest;
        String::from_utf8(s.to_vec()).map_err(|_| malformed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_decodes_to_the_tables_own_text() {
        for c in Code::ALL {
            let decoded = outcome_code(c.as_str()).unwrap();
            assert!(std::ptr::eq(decoded, c.as_str()), "{decoded}");
        }
        assert!(std::ptr::eq(outcome_code("OK").unwrap(), OK));
        assert!(outcome_code("E_NOT_A_CODE").is_err());
    }

    #[test]
    fn integers_round_trip() {
        for n in [0, 1, -1, 63, -64, 64, i64::MAX, i64::MIN, 123_456_789] {
            let mut w = Vec::new();
            w.int(n);
            let mut r: &[u8] = &w;
            assert_eq!(r.int().unwrap(), n);
            assert!(r.is_empty());
        }
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        let batch = Batch::new(None).unwrap();
        let good = batch.encode(&[]);
        assert!(batch.decode(&good).unwrap().is_empty());
        for cut in 0..good.len() {
            assert!(batch.decode(&good[..cut]).is_err());
        }
        let mut long = good.clone();
        long.push(0);
        assert!(batch.decode(&long).is_err());
        assert!(batch.decode(&[0xff; 20]).is_err());
    }

    #[test]
    fn every_field_round_trips() {
        let unit = UnitId {
            name: Some("单位".into()),
            code: "91350100M000100Y43".into(),
            period: "2026年度".into(),
            digest: "sm3:ab".into(),
            generated_at: "2026-01-02T00:00:00.5Z".into(),
        };
        let record = Record {
            file: 0,
            path: "a/b.json".into(),
            name: None,
            code: unit.code.clone(),
            period: unit.period.clone(),
            time: ("2026-01-02T00:00:00".into(), 500_000_000),
            generated_at: unit.generated_at.clone(),
            digest: unit.digest.clone(),
            key_id: Some("k1".into()),
            rubric_digest: "sm3:cd".into(),
            total: Cents(-12_345),
            grade: "良好".into(),
            vetoed: true,
            vetoes: vec!["甲".into(), "乙".into()],
            complete: false,
            missing: 3,
            attainment: vec![Some(Cents(10_000)), None],
            items: vec![
                (Cents(0), Cents(500), Status::Missing),
                (Cents(250), Cents(500), Status::Partial),
                (Cents(0), Cents(0), Status::Na),
            ],
            overdue: Some(2),
        };
        let checked = Checked {
            outcome: FileOutcome {
                path: "a/b.json".into(),
                role: Role::Previous,
                status: FileStatus::Accepted,
                code: Code::PeriodUnchecked.as_str(),
                at: String::new(),
                message: "已接收".into(),
                unit: Some(unit),
                warnings: vec![
                    Error::new(Code::PeriodUnchecked, "$.period", "自由文本"),
                    Error::new(Code::UnitCodeUnchecked, "$.unit.code", "校验位"),
                ],
            },
            record: Some(record),
        };
        let batch = Batch::new(None).unwrap();
        let bytes = batch.encode(&[checked.clone(), checked.clone()]);
        let decoded = batch.decode(&bytes).unwrap();
        assert_eq!(
            format!("{decoded:?}"),
            format!("{:?}", [&checked, &checked])
        );
    }
}
