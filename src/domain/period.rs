//! An assessment period as a date range: a year (`2025`), a half (`2025-H1`, `2025-H2`) or a quarter
//! (`2025-Q1` … `Q4`). Sealing checks attached incidents against it and aggregation keys units on
//! it, so "2025年度", "２０２５" and "2025" must be one period.

use crate::domain::time::days_in_month;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Span {
    Year,
    Half(u8),
    Quarter(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i64,
    pub span: Span,
}

/// A calendar date (year, month, day).
pub type Date = (i64, u32, u32);

impl Period {
    /// The canonical key written into documents: `2025`, `2025-H1`, `2025-Q3`.
    pub fn key(&self) -> String {
        match self.span {
            Span::Year => format!("{}", self.year),
            Span::Half(h) => format!("{}-H{h}", self.year),
            Span::Quarter(q) => format!("{}-Q{q}", self.year),
        }
    }

    /// The period in words: 2025年度, 2025年上半年, 2025年第三季度.
    pub fn name_zh(&self) -> String {
        match self.span {
            Span::Year => format!("{}年度", self.year),
            Span::Half(1) => format!("{}年上半年", self.year),
            Span::Half(_) => format!("{}年下半年", self.year),
            Span::Quarter(q) => format!(
                "{}年第{}季度",
                self.year,
                ["一", "二", "三", "四"][usize::from(q - 1)]
            ),
        }
    }

    fn months(&self) -> (u32, u32) {
        match self.span {
            Span::Year => (1, 12),
            Span::Half(h) => (u32::from(h) * 6 - 5, u32::from(h) * 6),
            Span::Quarter(q) => (u32::from(q) * 3 - 2, u32::from(q) * 3),
        }
    }

    pub fn first_day(&self) -> Date {
        (self.year, self.months().0, 1)
    }

    pub fn last_day(&self) -> Date {
        let m = self.months().1;
        (self.year, m, days_in_month(self.year, m))
    }

    /// Whether a date falls in the period (both ends included).
    pub fn contains(&self, date: Date) -> bool {
        date >= self.first_day() && date <= self.last_day()
    }

    /// Parses the forms people type: `2025`, `2025年`, `2025年度`, `2025-H1`, `2025H2`, `2025年上半年`,
    /// `2025-Q3`, `2025q3`, `2025年第三季度`, `2025年3季度`, full-width digits and spaces included.
    /// `None` for anything else (an older free-text period: kept, but not checkable).
    pub fn parse(raw: &str) -> Option<Period> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                _ => c,
            })
            .flat_map(char::to_uppercase)
            .collect();
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() != 4 {
            return None;
        }
        let year: i64 = digits.parse().ok()?;
        if !(1990..=2200).contains(&year) {
            return None;
        }
        let rest = s[4..].trim_start_matches(['-', '年', '/', '.', '_']);
        let numeral = |t: &str| -> Option<u8> {
            match t {
                "1" | "一" => Some(1),
                "2" | "二" => Some(2),
                "3" | "三" => Some(3),
                "4" | "四" => Some(4),
                _ => None,
            }
        };
        let span = match rest {
            "" | "度" | "年度" | "全年" => Span::Year,
            "H1" | "上半年" => Span::Half(1),
            "H2" | "下半年" => Span::Half(2),
            _ => {
                let q = rest
                    .strip_prefix('Q')
                    .or_else(|| rest.strip_prefix('第').and_then(|t| t.strip_suffix("季度")))
                    .or_else(|| rest.strip_suffix("季度"))?;
                let q = numeral(q)?;
                if q > 4 {
                    return None;
                }
                Span::Quarter(q)
            }
        };
        Some(Period { year, span })
    }
}

/// A date as officials write it: 2025年6月10日.
pub fn date_zh((y, m, d): Date) -> String {
    format!("{y}年{m}月{d}日")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_people_type() {
        for (raw, key) in [
            ("2025", "2025"),
            ("2025年度", "2025"),
            (" ２０２５年 ", "2025"),
            ("2025-H1", "2025-H1"),
            ("2025h2", "2025-H2"),
            ("2025年上半年", "2025-H1"),
            ("2025-Q3", "2025-Q3"),
            ("2025年第三季度", "2025-Q3"),
            ("2025年4季度", "2025-Q4"),
        ] {
            assert_eq!(
                Period::parse(raw).map(|p| p.key()).as_deref(),
                Some(key),
                "{raw}"
            );
        }
        for raw in [
            "",
            "第二批",
            "25",
            "2025-Q5",
            "2025-H3",
            "2025年第五季度",
            "12025",
        ] {
            assert_eq!(Period::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn ranges() {
        let q1 = Period::parse("2024-Q1").unwrap();
        assert_eq!(q1.last_day(), (2024, 3, 31));
        let h2 = Period::parse("2025-H2").unwrap();
        assert_eq!(
            (h2.first_day(), h2.last_day()),
            ((2025, 7, 1), (2025, 12, 31))
        );
        assert!(
            h2.contains((2025, 12, 31))
                && !h2.contains((2026, 1, 1))
                && !h2.contains((2025, 6, 30))
        );
        assert_eq!(Period::parse("2025q2").unwrap().name_zh(), "2025年第二季度");
        assert_eq!(date_zh((2025, 6, 10)), "2025年6月10日");
    }
}
