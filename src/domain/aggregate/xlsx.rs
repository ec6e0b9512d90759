//! The aggregation as an Excel workbook: 排名, 共性薄弱指标, 文件核验, 未上报 (when the report has a
//! roster's `summary.missing`) and 各单位明细 (unit × item). Built from the report (plus the
//! per-item points the batch keeps in memory), so the page and the CLI write the same bytes.

use super::csv::HEADER;
use super::report::{Aggregate, Role};
use super::Batch;
use crate::domain::exact::fixed2;
use crate::domain::json::{self, Json};
use crate::domain::rubric::Rubric;
use crate::domain::vocabulary::{file_status_name, item_status_name};
use crate::domain::xlsx::template::{NO, YES};
use crate::domain::xlsx::write::{workbook, Cell, Sheet, Style};

impl Batch {
    /// [`Batch::finish`], and the workbook of the result.
    pub fn finish_with_xlsx(self) -> (Aggregate, Vec<u8>) {
        let rubric = self.reference.rubric.clone();
        let a = self.finish();
        let x = xlsx(&a, &rubric);
        (a, x)
    }
}

fn table(name: &str, header: &[&str], widths: &[u16]) -> Sheet {
    let mut s = Sheet::new(name);
    s.rows.push(
        header
            .iter()
            .map(|h| Cell::styled(*h, Style::Header))
            .collect(),
    );
    s.widths = widths.to_vec();
    s.frozen_rows = 1;
    s.filter_row = 1;
    s
}

fn opt_text(s: &Option<String>) -> Cell {
    Cell::text(s.as_deref().unwrap_or(""))
}

fn points(c: i64) -> Cell {
    Cell::Num(fixed2(c), Style::Fixed2)
}

/// The 未上报 sheet when `summary` has a `missing` list (units of the roster without a file).
fn missing(summary: &Json) -> Option<Sheet> {
    let Json::Obj(fields) = summary else {
        return None;
    };
    let Some((_, Json::Arr(missing))) = fields.iter().find(|(k, _)| k == "missing") else {
        return None;
    };
    let mut m = table(
        "未上报",
        &["序号", "统一社会信用代码", "单位名称"],
        &[6, 22, 40],
    );
    for (i, u) in missing.iter().enumerate() {
        let get = |k: &str| match u {
            Json::Obj(f) => f.iter().find(|(n, _)| n == k).and_then(|(_, v)| match v {
                Json::Str(s) => Some(s.as_str()),
                _ => None,
            }),
            _ => None,
        };
        m.rows.push(vec![
            Cell::int(i + 1),
            Cell::text(get("code").unwrap_or_default()),
            Cell::text(get("name").unwrap_or_default()),
        ]);
    }
    Some(m)
}

/// The workbook of an aggregation. `rubric` is the reference rubric the batch was checked
/// against (for the item columns of 各单位明细; another rubric leaves them out).
pub fn xlsx(a: &Aggregate, rubric: &Rubric) -> Vec<u8> {
    let yes_no = |b: bool| Cell::text(if b { YES } else { NO });

    let mut header: Vec<&str> = HEADER.to_vec();
    header.extend(["上期总分", "未作答项数", "文件"]);
    let mut ranking = table(
        "排名",
        &header,
        &[6, 30, 22, 14, 9, 8, 9, 9, 22, 18, 14, 11, 40, 12, 9, 11, 40],
    );
    let sender = super::roster::sender_words(a.summary.senders_verified);
    for u in &a.units {
        ranking.rows.push(vec![
            Cell::int(u.rank),
            opt_text(&u.name),
            Cell::text(&u.code),
            Cell::text(&u.period),
            points(u.total.0),
            Cell::text(&u.grade),
            yes_no(u.vetoed),
            yes_no(u.complete),
            Cell::text(&u.check_code),
            Cell::text(super::roster::key_words(u.key_id.as_deref())),
            Cell::text(sender),
            u.change.as_ref().map_or(Cell::Empty, |c| {
                Cell::Num(fixed2(c.delta.0), Style::Signed2)
            }),
            Cell::text(&u.remark),
            u.overdue.map_or(Cell::Empty, Cell::int),
            u.change
                .as_ref()
                .map_or(Cell::Empty, |c| points(c.previous_total.0)),
            Cell::int(u.missing),
            Cell::text(&u.path),
        ]);
    }

    let mut weak = table(
        "共性薄弱指标",
        &[
            "序号",
            "编号",
            "维度",
            "指标",
            "分值",
            "适用单位数",
            "失分单位数",
            "平均失分比例(%)",
        ],
        &[6, 20, 14, 44, 8, 11, 11, 14],
    );
    for (i, s) in a.items.iter().enumerate() {
        weak.rows.push(vec![
            Cell::int(i + 1),
            Cell::text(&s.id),
            Cell::text(&s.dimension),
            Cell::styled(&s.title, Style::Wrap),
            points(s.points.0),
            Cell::int(s.applicable),
            Cell::int(s.units_lost),
            s.mean_lost_percent.map_or(Cell::Empty, |p| points(p.0)),
        ]);
    }

    let mut files = table(
        "文件核验",
        &[
            "序号",
            "文件",
            "类别",
            "结果",
            "代码",
            "位置",
            "说明",
            "单位名称",
            "统一社会信用代码",
            "考核期",
            "生成时间",
            "摘要",
        ],
        &[6, 40, 6, 6, 24, 16, 50, 30, 22, 14, 22, 30],
    );
    for (i, f) in a.files.iter().enumerate() {
        let unit = f.unit.as_ref();
        let field = |g: fn(&super::UnitId) -> &str| Cell::text(unit.map_or("", g));
        files.rows.push(vec![
            Cell::int(i + 1),
            Cell::text(&f.path),
            Cell::text(match f.role {
                Role::Current => "本期",
                Role::Previous => "上期",
            }),
            Cell::text(file_status_name(f.status)),
            Cell::text(f.code),
            Cell::text(&f.at),
            Cell::styled(&f.message, Style::Wrap),
            Cell::text(unit.and_then(|u| u.name.as_deref()).unwrap_or("")),
            field(|u| &u.code),
            field(|u| &u.period),
            field(|u| &u.generated_at),
            field(|u| &u.digest),
        ]);
    }

    let mut sheets = vec![ranking, weak, files];
    // `summary.missing: [{code, name}]` comes with a roster; read through the report's JSON (text
    // and our parser, both already in the wasm) so this sheet needs no change when the field arrives.
    let summary = serde_json::to_string(&a.summary)
        .ok()
        .and_then(|t| json::parse_str(&t).ok());
    if let Some(m) = summary.as_ref().and_then(missing) {
        sheets.push(m);
    }

    let same = rubric.digest() == a.reference.digest;
    let items: Vec<_> = if same {
        rubric.items().collect()
    } else {
        Vec::new()
    };
    // The ranking's first six columns, as the 排名 sheet and the CSV name them.
    let mut head: Vec<&str> = HEADER[..6].to_vec();
    let titles: Vec<String> = items
        .iter()
        .map(|(_, i)| format!("{}\n{}({} 分)", i.id, i.label(), fixed2(i.points.0)))
        .collect();
    head.extend(titles.iter().map(String::as_str));
    let mut widths = vec![6, 30, 22, 14, 9, 8];
    widths.extend(std::iter::repeat_n(14, items.len()));
    let mut detail = table("各单位明细", &head, &widths);
    for u in &a.units {
        let mut row = vec![
            Cell::int(u.rank),
            opt_text(&u.name),
            Cell::text(&u.code),
            Cell::text(&u.period),
            points(u.total.0),
            Cell::text(&u.grade),
        ];
        row.extend(u.items.iter().take(items.len()).map(|e| match e {
            Some(c) => points(c.0),
            None => Cell::text(item_status_name(crate::domain::score::Status::Na)),
        }));
        detail.rows.push(row);
    }
    sheets.push(detail);
    if let Some(t) = &a.trends {
        sheets.push(trends_sheet(t));
    }
    workbook(&sheets)
}

/// 历年趋势: the trends' rows, figures as numbers.
fn trends_sheet(t: &super::Trends) -> Sheet {
    let rows = super::trends::rows(t);
    let head: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    let mut widths = vec![22, 30, 14, 20, 44];
    widths.extend(std::iter::repeat_n(11, t.periods.len() + 1));
    let mut s = table("历年趋势", &head, &widths);
    for r in &rows[1..] {
        s.rows.push(
            r.iter()
                .enumerate()
                .map(|(i, c)| match i {
                    0..=4 => Cell::text(c),
                    _ if c.is_empty() => Cell::Empty,
                    _ if i == r.len() - 1 => Cell::Num(c.clone(), Style::Plain),
                    _ => Cell::Num(c.clone(), Style::Fixed2),
                })
                .collect(),
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_s_missing_units_get_their_sheet() {
        let summary = json::parse_str(
            r#"{"count": 1, "missing": [{"code": "91350100M000100Y43", "name": "=某单位"}, {"code": "X"}]}"#,
        )
        .unwrap();
        let m = missing(&summary).unwrap();
        assert_eq!(m.name, "未上报");
        assert_eq!(
            m.rows[1..],
            [
                vec![
                    Cell::int(1),
                    Cell::text("91350100M000100Y43"),
                    Cell::text("=某单位")
                ],
                vec![Cell::int(2), Cell::text("X"), Cell::text("")],
            ]
        );
        assert!(missing(&json::parse_str(r#"{"count": 1}"#).unwrap()).is_none());
    }
}
