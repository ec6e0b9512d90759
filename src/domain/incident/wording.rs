//! How incident outputs write times and durations for a document an official signs:
//! `2025年6月10日 08:30` in the timestamp's own offset, `4 小时` rather than `240 分钟`.

/// `2026-03-01T06:30:00Z` → `2026年3月1日 06:30(UTC)`; `+08:00` (北京时间) is not repeated, any
/// other offset is named. Seconds are shown only when not zero. A text that is not a timestamp
/// (never, for a parsed incident) is returned as written.
pub fn datetime(text: &str) -> String {
    let parse = || -> Option<String> {
        let (y, rest) = text.split_at_checked(4)?;
        let mo = rest.get(1..3)?;
        let d = rest.get(4..6)?;
        let hm = rest.get(7..12)?;
        let mut tail = rest.get(12..)?;
        let mut sec = "";
        if let Some(t) = tail.strip_prefix(':') {
            sec = t.get(..2)?;
            tail = t.get(2..)?;
            if let Some(frac) = tail.strip_prefix('.') {
                let n = frac.chars().take_while(char::is_ascii_digit).count();
                tail = frac.get(n..)?;
            }
        }
        // Month and day without a leading zero, as numbers (and refused if they are not).
        let n = |s: &str| s.parse::<u32>().ok().map(|v| v.to_string());
        let (mo, d) = (n(mo)?, n(d)?);
        let mut out = String::with_capacity(text.len() + 24);
        for part in [y, "年", &mo, "月", &d, "日 ", hm] {
            out.push_str(part);
        }
        if !sec.is_empty() && sec != "00" {
            out.push(':');
            out.push_str(sec);
        }
        match tail {
            "+08:00" => {}
            "Z" | "z" | "+00:00" => out.push_str("(UTC)"),
            other => {
                out.push_str("(UTC");
                out.push_str(other);
                out.push(')');
            }
        }
        Some(out)
    };
    parse().unwrap_or_else(|| text.to_string())
}

/// `240` → `4 小时`, `90` → `1 小时 30 分钟`, `45` → `45 分钟`.
pub fn minutes(m: u64) -> String {
    match (m / 60, m % 60) {
        (0, r) => [&r.to_string(), " 分钟"].concat(),
        (h, 0) => [&h.to_string(), " 小时"].concat(),
        (h, r) => [&h.to_string(), " 小时 ", &r.to_string(), " 分钟"].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_durations_read_as_an_official_writes_them() {
        assert_eq!(datetime("2025-06-10T08:30:00+08:00"), "2025年6月10日 08:30");
        assert_eq!(datetime("2026-03-01T06:30:00Z"), "2026年3月1日 06:30(UTC)");
        assert_eq!(
            datetime("2026-03-01T06:30:15.5+09:00"),
            "2026年3月1日 06:30:15(UTC+09:00)"
        );
        assert_eq!(minutes(240), "4 小时");
        assert_eq!(minutes(60), "1 小时");
        assert_eq!(minutes(265), "4 小时 25 分钟");
        assert_eq!(minutes(30), "30 分钟");
    }
}
