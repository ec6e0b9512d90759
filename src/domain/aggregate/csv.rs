//! The ranking as CSV for spreadsheets.

use super::report::Aggregate;
use crate::domain::exact::fixed2;

/// The ranking's columns (the workbook's 排名 sheet starts with the same).
pub(crate) const HEADER: [&str; 14] = [
    "排名",
    "单位名称",
    "统一社会信用代码",
    "考核期",
    "总分",
    "等次",
    "一票否决",
    "作答完整",
    "核对码",
    "签名密钥",
    "发送单位",
    "较上期变化",
    "备注",
    "逾期整改项数",
];

/// The ranking as CSV for Excel and WPS: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting,
/// Chinese headers, one row per unit. Text cells that a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading `'`.
pub fn csv(a: &Aggregate) -> String {
    let mut out = String::from("\u{FEFF}");
    line(&mut out, HEADER.iter().map(|h| h.to_string()));
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
    // 核对码 to match the stamped paper; who signed and whether a roster vouched for it.
    let sender = super::roster::sender_words(a.summary.senders_verified);
    for u in &a.units {
        let change = u.change.as_ref().map_or(String::new(), |c| {
            if c.delta.0 > 0 {
                format!("+{}", fixed2(c.delta.0))
            } else {
                fixed2(c.delta.0)
            }
        });
        line(
            &mut out,
            [
                u.rank.to_string(),
                text_cell(u.name.as_deref().unwrap_or("")),
                text_cell(&u.code),
                text_cell(&u.period),
                fixed2(u.total.0),
                text_cell(&u.grade),
                yes_no(u.vetoed),
                yes_no(u.complete),
                u.check_code.clone(),
                super::roster::key_words(u.key_id.as_deref()),
                sender.to_string(),
                change,
                text_cell(&u.remark),
                u.overdue.map_or(String::new(), |n| n.to_string()),
            ]
            .into_iter(),
        );
    }
    for m in a.summary.missing.iter().flatten() {
        let mut cells = vec![String::new(); HEADER.len()];
        cells[0] = super::roster::MISSING.to_string();
        cells[1] = text_cell(&m.name);
        cells[2] = text_cell(&m.code);
        line(&mut out, cells.into_iter());
    }
    out
}

/// The trends across periods as CSV (same conventions as [`csv`]); only the header when the batch
/// had no earlier periods.
pub fn trends_csv(a: &Aggregate) -> String {
    let mut out = String::from("\u{FEFF}");
    let empty = super::Trends {
        periods: Vec::new(),
        dimensions: Vec::new(),
        units: Vec::new(),
        lost_running: Vec::new(),
    };
    for r in super::trends::rows(a.trends.as_ref().unwrap_or(&empty)) {
        line(&mut out, r.iter().map(|c| text_cell(c)));
    }
    out
}

pub(crate) fn text_cell(s: &str) -> String {
    const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    // A text that already looks guarded (`'=…`) is guarded again, so the guard can always be
    // taken off exactly (the workbook import does): one `'` more, never one less.
    if s.starts_with(FORMULA) || s.strip_prefix('\'').is_some_and(|r| r.starts_with(FORMULA)) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn line(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells
        .map(|c| {
            if c.contains([',', '"', '\r', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        })
        .collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let mut out = String::new();
        line(
            &mut out,
            [text_cell("=HYPERLINK(\"x\")"), "a,b".into(), "plain".into()].into_iter(),
        );
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",plain\r\n");
    }
}
