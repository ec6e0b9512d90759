//! Every timestamp of the crate, and its one calendar (leap years, month lengths, civil days).
//! No date crate: the wasm stays small.
//!
//! - [`parse`]: an incident's RFC 3339 times with a mandatory offset (`2026-03-01T09:40:00+08:00`,
//!   `…Z`, optional fractional seconds), into an absolute instant so that times written in
//!   different offsets compare and subtract exactly;
//! - [`utc_key`]: an export's `generated_at`, stricter (UTC `Z` only), reduced to a key that orders
//!   by time;
//! - [`utc_timestamp`]: Unix seconds written as `YYYY-MM-DDTHH:MM:SSZ`, for callers with a clock.

/// Seconds since 1970-01-01T00:00:00Z plus nanoseconds. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    pub seconds: i64,
    pub nanos: u32,
}

impl Instant {
    /// Nanoseconds from `earlier` to `self` (negative when `self` is earlier).
    pub fn nanos_since(self, earlier: Instant) -> i128 {
        (i128::from(self.seconds) - i128::from(earlier.seconds)) * 1_000_000_000
            + (i128::from(self.nanos) - i128::from(earlier.nanos))
    }

    /// Whole minutes from `earlier` to `self`, rounded up (a report 60 min 1 s after discovery
    /// took 61 minutes), so "within N minutes" and "≤ N minutes" agree. `None` if negative.
    pub fn minutes_since_ceil(self, earlier: Instant) -> Option<u64> {
        let n = self.nanos_since(earlier);
        if n < 0 {
            return None;
        }
        let per_minute: i128 = 60_000_000_000;
        let m = n / per_minute + i128::from(n % per_minute != 0);
        u64::try_from(m).ok()
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's days_from_civil).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's civil_from_days).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (1–31, 1–12).
    (year, month as u32, day as u32)
}

pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Why a timestamp was refused (a Chinese phrase; the caller adds the code and path).
pub type Reason = String;

const FORMAT_HINT: &str =
    "应为 RFC 3339 格式并带时区,如 2026-03-01T09:40:00+08:00 或 2026-03-01T01:40:00Z";

/// Parse `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. `T` and `Z` may be lower case (RFC 3339
/// allows it); a leap second (`:60`) is accepted and counts as the first second of the next
/// minute; at most 9 fractional digits.
pub fn parse(s: &str) -> Result<Instant, Reason> {
    let b = s.as_bytes();
    let bad = |what: &str| format!("时间 “{s}” 无效:{what}");
    if b.len() < 19 {
        return Err(bad(FORMAT_HINT));
    }
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let sep = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0, 4),
        digits(5, 2),
        digits(8, 2),
        digits(11, 2),
        digits(14, 2),
        digits(17, 2),
    ) else {
        return Err(bad(FORMAT_HINT));
    };
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt") && sep(13, b":") && sep(16, b":")) {
        return Err(bad(FORMAT_HINT));
    }
    let year = i64::from(year);
    if !(1..=12).contains(&month) {
        return Err(bad(&format!("月份 {month} 不在 1–12 之间")));
    }
    let dim = days_in_month(year, month);
    if day < 1 || day > dim {
        return Err(bad(&format!(
            "{year} 年 {month} 月只有 {dim} 天,没有 {day} 日"
        )));
    }
    if hour > 23 {
        return Err(bad(&format!("小时 {hour} 不在 0–23 之间")));
    }
    if minute > 59 {
        return Err(bad(&format!("分钟 {minute} 不在 0–59 之间")));
    }
    if second > 60 {
        return Err(bad(&format!("秒 {second} 不在 0–60 之间")));
    }

    // Optional fraction.
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return Err(bad("小数点后缺少秒的小数部分"));
        }
        if n > 9 {
            return Err(bad("秒的小数部分最多 9 位"));
        }
        let frac = digits(start, n).ok_or_else(|| bad(FORMAT_HINT))?;
        nanos = frac * 10u32.pow(9 - n as u32);
    }

    // Mandatory offset.
    let offset_seconds: i64 = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&c @ (b'+' | b'-')) if i + 6 == b.len() && sep(i + 3, b":") => {
            let (Some(oh), Some(om)) = (digits(i + 1, 2), digits(i + 4, 2)) else {
                return Err(bad("时区偏移应为 ±hh:mm"));
            };
            if oh > 23 || om > 59 {
                return Err(bad(&format!("时区偏移 {oh:02}:{om:02} 超出范围")));
            }
            let off = i64::from(oh * 3600 + om * 60);
            if c == b'-' {
                -off
            } else {
                off
            }
        }
        None => return Err(bad("缺少时区(应以 Z 或 ±hh:mm 结尾,如 +08:00)")),
        _ => return Err(bad(FORMAT_HINT)),
    };

    let days = days_from_civil(year, month, day);
    let local = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Ok(Instant {
        seconds: local - offset_seconds,
        nanos,
    })
}

/// Format seconds since 1970-01-01T00:00:00Z as `YYYY-MM-DDTHH:MM:SSZ` (for callers whose clock
/// gives Unix time, such as the CLI).
pub fn utc_timestamp(unix_seconds: i64) -> String {
    let (year, month, day) = civil_from_days(unix_seconds.div_euclid(86_400));
    let secs = unix_seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A UTC timestamp reduced to something that orders by time: the fixed-width
/// `YYYY-MM-DDTHH:MM:SS` part and the nanoseconds.
pub type TimeKey = (String, u32);

/// Check `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (RFC 3339, UTC, upper-case `T` and `Z`, no leap second):
/// an export's `generated_at`. The error is a Chinese phrase; the caller adds code and path.
pub fn utc_key(s: &str) -> Result<TimeKey, &'static str> {
    const FORMAT: &str = "应为 UTC 时间,格式如 2026-01-15T08:00:00Z(可带小数秒)";
    let b = s.as_bytes();
    let Some(body) = s.strip_suffix('Z') else {
        return Err(FORMAT);
    };
    if b.len() < 20 || !body.is_char_boundary(19) {
        return Err(FORMAT);
    }
    let (main, frac) = body.split_at(19);
    let shape = main.bytes().enumerate().all(|(i, c)| match i {
        4 | 7 => c == b'-',
        10 => c == b'T',
        13 | 16 => c == b':',
        _ => c.is_ascii_digit(),
    });
    if !shape {
        return Err(FORMAT);
    }
    let nanos = match frac.strip_prefix('.') {
        None if frac.is_empty() => 0,
        Some(d) if (1..=9).contains(&d.len()) && d.bytes().all(|c| c.is_ascii_digit()) => {
            format!("{d:0<9}").parse::<u32>().map_err(|_| FORMAT)?
        }
        _ => return Err(FORMAT),
    };
    let num = |r: std::ops::Range<usize>| main[r].parse::<u32>().unwrap_or(u32::MAX);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&month) {
        return Err("月份应为 01 到 12");
    }
    if day == 0 || day > days_in_month(i64::from(year), month) {
        return Err("日期不存在");
    }
    if num(11..13) > 23 || num(14..16) > 59 || num(17..19) > 59 {
        return Err("时、分、秒超出范围");
    }
    Ok((main.to_string(), nanos))
}

/// The calendar date at `offset_minutes` east of UTC for Unix time `unix_seconds` (the CLI's
/// "today": Beijing time, UTC+8, unless told otherwise).
pub fn date_at_offset(unix_seconds: i64, offset_minutes: i64) -> (i64, u32, u32) {
    civil_from_days((unix_seconds + offset_minutes * 60).div_euclid(86_400))
}

/// A calendar date `YYYY-MM-DD` (what `<input type=date>` gives) as (year, month, day). The error is
/// a Chinese phrase; the caller adds code and path.
pub fn parse_date(s: &str) -> Result<(i64, u32, u32), &'static str> {
    const FORMAT: &str = "应为日期,格式如 2026-03-01";
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return Err(FORMAT);
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(u32::MAX);
    let (year, month, day) = (i64::from(num(0..4)), num(5..7), num(8..10));
    if !(1..=12).contains(&month) {
        return Err("月份应为 01 到 12");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("日期不存在");
    }
    Ok((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> i64 {
        parse(s).map(|i| i.seconds).unwrap_or(i64::MIN)
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 3, 1), 20_513);
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        // Consecutive days across every month end of a leap and a common year.
        for y in [1900, 2000, 2023, 2024] {
            for m in 1..12 {
                assert_eq!(
                    days_from_civil(y, m, days_in_month(y, m)) + 1,
                    days_from_civil(y, m + 1, 1)
                );
            }
            assert_eq!(days_from_civil(y, 12, 31) + 1, days_from_civil(y + 1, 1, 1));
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2024));
        assert!(is_leap(2000));
        assert!(!is_leap(1900));
        assert!(!is_leap(2023));
        assert!(parse("2024-02-29T00:00:00Z").is_ok());
        assert!(parse("2000-02-29T00:00:00Z").is_ok());
        assert!(parse("2023-02-29T00:00:00Z").is_err());
        assert!(parse("1900-02-29T00:00:00Z").is_err());
        assert!(parse("2024-02-30T00:00:00Z").is_err());
    }

    #[test]
    fn offsets_give_the_same_instant() {
        assert_eq!(secs("1970-01-01T00:00:00Z"), 0);
        assert_eq!(secs("1970-01-01T08:00:00+08:00"), 0);
        assert_eq!(secs("1969-12-31T19:00:00-05:00"), 0);
        assert_eq!(secs("1970-01-01T05:30:00+05:30"), 0);
        assert_eq!(
            secs("2026-03-01T09:40:00+08:00"),
            secs("2026-03-01T01:40:00Z")
        );
        assert_eq!(secs("2026-03-01T01:40:00z"), secs("2026-03-01t01:40:00Z"));
        assert_eq!(
            secs("2026-03-01T01:40:00-00:00"),
            secs("2026-03-01T01:40:00Z")
        );
        // Crossing midnight and a month end through the offset.
        assert_eq!(
            secs("2026-03-01T07:59:59+08:00"),
            secs("2026-02-28T23:59:59Z")
        );
        assert_eq!(secs("2026-03-01T01:40:00Z"), 1_772_329_200);
    }

    #[test]
    fn fractions_and_leap_seconds() {
        let a = parse("2026-03-01T00:00:00.5Z").unwrap_or(Instant {
            seconds: 0,
            nanos: 0,
        });
        assert_eq!(a.nanos, 500_000_000);
        let b = parse("2026-03-01T00:00:00.123456789+00:00").map(|i| i.nanos);
        assert_eq!(b, Ok(123_456_789));
        assert!(parse("2026-03-01T00:00:00.Z").is_err());
        assert!(parse("2026-03-01T00:00:00.1234567890Z").is_err());
        assert_eq!(secs("2016-12-31T23:59:60Z"), secs("2017-01-01T00:00:00Z"));
        assert!(parse("2016-12-31T23:59:61Z").is_err());
    }

    #[test]
    fn invalid_timestamps_are_refused() {
        for s in [
            "",
            "2026-03-01",
            "2026-03-01T09:40:00",       // no offset
            "2026-03-01 09:40:00+08:00", // space instead of T
            "2026-03-01T09:40+08:00",    // no seconds
            "2026-13-01T00:00:00Z",      // month 13
            "2026-00-10T00:00:00Z",      // month 0
            "2026-04-31T00:00:00Z",      // April has 30 days
            "2026-04-00T00:00:00Z",      // day 0
            "2026-03-01T24:00:00Z",      // hour 24
            "2026-03-01T23:60:00Z",      // minute 60
            "2026-03-01T09:40:00+24:00", // offset hour 24
            "2026-03-01T09:40:00+08:60", // offset minute 60
            "2026-03-01T09:40:00+0800",  // offset without colon
            "2026-03-01T09:40:00+08",    // short offset
            "2026-03-01T09:40:00Z ",     // trailing space
            "2026-03-01T09:40:00ZZ",     // trailing junk
            "２026-03-01T09:40:00Z",     // full-width digit
            "+2026-03-01T09:40:00Z",     // sign on the year
            "2026/03/01T09:40:00Z",      // slashes
            "2026-3-01T09:40:00Z",       // one-digit month
        ] {
            assert!(parse(s).is_err(), "{s} should be refused");
        }
        let e = parse("2023-02-29T00:00:00Z").err().unwrap_or_default();
        assert!(e.contains("2023 年 2 月只有 28 天"), "{e}");
        let e = parse("2026-03-01T09:40:00").err().unwrap_or_default();
        assert!(e.contains("缺少时区"), "{e}");
    }

    #[test]
    fn minutes_round_up() {
        let d = parse("2026-03-01T09:00:00+08:00").unwrap_or(Instant {
            seconds: 0,
            nanos: 0,
        });
        let at = |s: &str| parse(s).map(|r| r.minutes_since_ceil(d));
        assert_eq!(at("2026-03-01T09:00:00+08:00"), Ok(Some(0)));
        assert_eq!(at("2026-03-01T02:00:00Z"), Ok(Some(60)));
        assert_eq!(at("2026-03-01T02:00:00.000000001Z"), Ok(Some(61)));
        assert_eq!(at("2026-03-01T02:01:00Z"), Ok(Some(61)));
        assert_eq!(at("2026-03-01T08:59:59+08:00"), Ok(None));
    }

    #[test]
    fn utc_keys() {
        assert!(utc_key("2026-01-15T08:00:00Z").is_ok());
        assert_eq!(utc_key("2026-01-15T08:00:00.5Z").unwrap().1, 500_000_000);
        assert!(
            utc_key("2026-01-15T08:00:00.5Z").unwrap() > utc_key("2026-01-15T08:00:00Z").unwrap()
        );
        for bad in [
            "2026-01-15T08:00:00+08:00",
            "2026-01-15 08:00:00Z",
            "2026-02-29T08:00:00Z",
            "2026-01-15T24:00:00Z",
            "2026-01-15T08:00:00.Z",
            "2026-01-15T08:00:00.1234567890Z",
            "2026-1-15T08:00:00Z",
            "",
        ] {
            assert!(utc_key(bad).is_err(), "{bad}");
        }
        assert!(utc_key("2024-02-29T23:59:59Z").is_ok());
    }

    #[test]
    fn unix_time_formats_as_utc() {
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(1_709_164_800), "2024-02-29T00:00:00Z");
        assert_eq!(utc_timestamp(1_768_464_000), "2026-01-15T08:00:00Z");
        assert_eq!(utc_timestamp(-1), "1969-12-31T23:59:59Z");
        assert!(utc_key(&utc_timestamp(4_102_444_799)).is_ok());
        for d in [-800_000, -1, 0, 59, 365, 11_016, 2_932_896] {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
        }
    }
}
