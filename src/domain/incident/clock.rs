//! "Now" for the report forms and the 整改台账, always passed in (the core reads no clock): a
//! date `2026-03-01` (taken as 00:00 北京时间 that day, so what falls due that day is still due) or
//! an RFC 3339 timestamp (whose own date is the ledger's day).

use crate::domain::error::{Code, Error, Result};
use crate::domain::period::Date;
use crate::domain::time::{self, Instant};

/// Beijing time, the offset a bare date is read in.
const UTC_PLUS_8: i64 = 8 * 3600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// As written.
    pub text: String,
    pub instant: Instant,
    /// The day, for the 整改台账.
    pub date: Date,
}

impl AsOf {
    /// Read `--as-of` / `asOf`; `path` names it in the error.
    pub fn parse(s: &str, path: &str) -> Result<AsOf> {
        if let Ok(date) = time::parse_date(s) {
            let (y, m, d) = date;
            return Ok(AsOf {
                text: format!("{s}T00:00:00+08:00"),
                instant: Instant {
                    seconds: time::days_from_civil(y, m, d) * 86_400 - UTC_PLUS_8,
                    nanos: 0,
                },
                date,
            });
        }
        let instant = time::parse(s).map_err(|why| {
            Error::new(
                Code::FieldType,
                path,
                format!("{why};也可以只写日期,如 2026-03-01"),
            )
        })?;
        // The timestamp parsed, so its first ten characters are its own date.
        let date = time::parse_date(s.get(..10).unwrap_or(""))
            .map_err(|why| Error::new(Code::FieldType, path, why))?;
        Ok(AsOf {
            text: s.to_string(),
            instant,
            date,
        })
    }
}

/// Offset of an RFC 3339 text in seconds (`Z` 0, `+08:00` 28 800); 0 when unreadable.
fn offset_of(text: &str) -> i64 {
    let tail = text.get(19..).unwrap_or("");
    let tail = tail.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let sign = match tail.as_bytes().first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return 0,
    };
    let n = |r: std::ops::Range<usize>| tail.get(r).and_then(|x| x.parse::<i64>().ok());
    match (n(1..3), n(4..6)) {
        (Some(h), Some(m)) => sign * (h * 3600 + m * 60),
        _ => 0,
    }
}

/// `instant` written in the offset of `like` (a due time in the zone its base time was written in).
/// Pushed digit by digit, not `format!`: every classification writes four (padding through the
/// formatting machinery was ~7,500 instructions each).
pub fn write_like(instant: Instant, like: &str) -> String {
    let off = offset_of(like);
    let local = instant.seconds + off;
    let (y, mo, d) = time::civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    let mut out = String::with_capacity(25);
    match u16::try_from(y) {
        Ok(y) if y <= 9999 => {
            two(&mut out, i64::from(y / 100));
            two(&mut out, i64::from(y % 100));
        }
        // Beyond four digits, as `{:04}` writes it.
        _ => out.push_str(&format!("{y:04}")),
    }
    for (sep, n) in [('-', i64::from(mo)), ('-', i64::from(d))] {
        out.push(sep);
        two(&mut out, n);
    }
    for (sep, n) in [('T', s / 3600), (':', s % 3600 / 60), (':', s % 60)] {
        out.push(sep);
        two(&mut out, n);
    }
    match off {
        0 if like.ends_with(['Z', 'z']) => out.push('Z'),
        o => {
            out.push(if o < 0 { '-' } else { '+' });
            two(&mut out, o.abs() / 3600);
            out.push(':');
            two(&mut out, o.abs() % 3600 / 60);
        }
    }
    out
}

/// `n` (≥ 0) in at least two digits, as `{:02}` writes it.
fn two(out: &mut String, n: i64) {
    if n >= 100 {
        out.push_str(&n.to_string());
        return;
    }
    out.push(char::from(b'0' + (n / 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_timestamps_are_both_a_now() {
        let d = AsOf::parse("2026-03-01", "asOf").unwrap();
        assert_eq!(d.date, (2026, 3, 1));
        assert_eq!(d.instant, time::parse("2026-03-01T00:00:00+08:00").unwrap());
        let t = AsOf::parse("2026-03-01T23:30:00-05:00", "asOf").unwrap();
        assert_eq!(t.date, (2026, 3, 1));
        assert_eq!(
            AsOf::parse("tomorrow", "asOf").unwrap_err().code,
            Code::FieldType
        );
        let i = time::parse("2026-03-31T01:30:00Z").unwrap();
        assert_eq!(
            write_like(i, "2026-03-01T09:30:00+08:00"),
            "2026-03-31T09:30:00+08:00"
        );
        assert_eq!(
            write_like(i, "2026-03-01T09:30:00Z"),
            "2026-03-31T01:30:00Z"
        );
        assert_eq!(
            write_like(i, "2026-03-01T09:30:00.5-03:30"),
            "2026-03-30T22:00:00-03:30"
        );
    }

    /// The digits pushed by hand read as `format!` wrote them before, for any year and offset.
    #[test]
    fn write_like_pads_as_format_does() {
        fn reference(instant: Instant, like: &str) -> String {
            let off = offset_of(like);
            let local = instant.seconds + off;
            let (y, mo, d) = time::civil_from_days(local.div_euclid(86_400));
            let s = local.rem_euclid(86_400);
            let zone = match off {
                0 if like.ends_with(['Z', 'z']) => "Z".to_string(),
                o => format!(
                    "{}{:02}:{:02}",
                    if o < 0 { '-' } else { '+' },
                    o.abs() / 3600,
                    o.abs() % 3600 / 60
                ),
            };
            let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{sec:02}{zone}")
        }
        let likes = [
            "2026-03-01T09:30:00+08:00",
            "2026-03-01T09:30:00Z",
            "2026-03-01T09:30:00.25-03:30",
            "2026-03-01T09:30:00+00:00",
            "2026-03-01T09:30:00-00:00",
            "2026-03-01T09:30:00+23:59",
            "2026-03-01T09:30:00+99:99",
        ];
        // Years 1 BC to 12,000, midnight and the last second of days.
        let mut seconds = -62_200_000_000_i64;
        while seconds < 316_000_000_000 {
            for like in likes {
                for s in [seconds, seconds + 86_399] {
                    let i = Instant {
                        seconds: s,
                        nanos: 0,
                    };
                    assert_eq!(write_like(i, like), reference(i, like), "{s} {like}");
                }
            }
            seconds += 7_777_777_777;
        }
    }
}
