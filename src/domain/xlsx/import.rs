//! The filled-in template read back: every cell is turned into the assessment's JSON and checked
//! by the core's own reader (`Assessment::from_json`), one row at a time so that every problem is
//! reported with its row and column, not just the first. Nothing is dropped silently: a row with
//! a note but no answer, text in a column the template does not have, or a row without an id is a
//! problem, not something skipped.

use super::read::{Book, Cell, Value};
use super::template::{self as t, Col};
use super::write::column_name;
use crate::domain::aggregate::text_cell;
use crate::domain::assessment::{self, Assessment, Level};
use crate::domain::error::{Code, Error};
use crate::domain::json::{self, Json, Number};
use crate::domain::rubric::{Method, Rubric};
use serde::Serialize;

/// One problem: where (sheet, 1-based row, column letter; row 0 and no column for the workbook
/// as a whole) and what, the message already saying where (`第 12 行 H 列:…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: Code,
    pub sheet: String,
    pub row: usize,
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.code.as_str(), self.message)
    }
}

/// The result of an import: the assessment when there is no problem at all, else every problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub assessment: Option<Assessment>,
    pub problems: Vec<Problem>,
}

struct Ctx {
    problems: Vec<Problem>,
}

impl Ctx {
    fn at(&mut self, code: Code, row: usize, col: usize, what: impl std::fmt::Display) {
        let column = column_name(col);
        self.problems.push(Problem {
            code,
            sheet: t::SHEET.to_string(),
            row,
            message: format!("工作表“{}”第 {row} 行 {column} 列:{what}", t::SHEET),
            column,
        });
    }
    fn whole(&mut self, e: Error) {
        self.problems.push(Problem {
            code: e.code,
            sheet: String::new(),
            row: 0,
            column: String::new(),
            message: e.message,
        });
    }
}

/// The cell of column `c` in a row's cells.
fn at(cells: &[(usize, Value)], c: usize) -> Option<&Value> {
    cells.iter().find(|(x, _)| *x == c).map(|(_, v)| v)
}

/// A cell's text, trimmed, with the formula guard the template wrote (a leading `'`) taken off.
fn text(v: &Value) -> String {
    let s = match v {
        Value::Text(s) | Value::Number(s) | Value::Error(s) => s.trim().to_string(),
        Value::Bool(b) => if *b { t::YES } else { t::NO }.to_string(),
    };
    match s.strip_prefix('\'') {
        Some(rest) if text_cell(rest) == s => rest.to_string(),
        _ => s,
    }
}

/// A whole number as typed, as a number or as text (`assessment::whole_number`).
fn whole_number(v: &Value) -> Option<u64> {
    crate::domain::assessment::whole_number(&text(v))
}

/// 是/否, or the words the page shows for this answer (the core's vocabulary: 已落实/未落实 for a
/// check item, 触发/未触发 for a veto), or a TRUE/FALSE cell.
fn yes_no(v: &Value, method: &str, key: &str) -> Option<bool> {
    let s = text(v);
    let (yes, no) = t::field_words(method, key);
    if s == t::YES || Some(s.as_str()) == yes {
        Some(true)
    } else if s == t::NO || Some(s.as_str()) == no {
        Some(false)
    } else {
        None
    }
}

fn num(n: u64) -> Json {
    Json::Num(Number::U(n))
}

/// Read a filled-in template against `rubric`.
pub fn import(bytes: &[u8], rubric: &Rubric) -> Imported {
    let mut cx = Ctx {
        problems: Vec::new(),
    };
    let assessment = read(bytes, rubric, &mut cx).unwrap_or_else(|e| {
        cx.whole(e);
        None
    });
    Imported {
        assessment: assessment.filter(|_| cx.problems.is_empty()),
        problems: cx.problems,
    }
}

fn read(
    bytes: &[u8],
    rubric: &Rubric,
    cx: &mut Ctx,
) -> crate::domain::error::Result<Option<Assessment>> {
    let mut book = Book::open(bytes)?;
    let cells = book.cells(t::SHEET)?.ok_or_else(|| {
        super::fail(
            Code::XlsxTemplate,
            format!(
                "工作簿中没有名为“{}”的工作表:这不是 cyberduty 的自评表模板(请用“下载Excel自评表”得到的文件填写)",
                t::SHEET
            ),
        )
    })?;
    // Rows in order (the reader refuses them out of order), each with its cells in column order.
    let mut rows: Vec<(usize, Vec<(usize, Value)>)> = Vec::new();
    for Cell { row, col, value } in cells {
        match rows.last_mut() {
            Some((r, cs)) if *r == row => cs.push((col, value)),
            _ => rows.push((row, vec![(col, value)])),
        }
    }
    // The header row: the first whose column A is 编号. Columns are found by their headers.
    let header = rows
        .iter()
        .find(|(_, r)| at(r, 0).is_some_and(|v| text(v) == Col::Id.header()))
        .map(|(n, r)| (*n, r.clone()))
        .ok_or_else(|| {
            super::fail(
                Code::XlsxTemplate,
                format!(
                    "工作表“{}”中找不到表头(A 列为“{}”的行)",
                    t::SHEET,
                    Col::Id.header()
                ),
            )
        })?;
    let (header_row, header_cells) = header;
    let mut cols: Vec<(usize, Col)> = Vec::new();
    for (c, v) in &header_cells {
        let h = text(v);
        match Col::ALL.iter().find(|k| k.header() == h) {
            Some(k) if cols.iter().any(|(_, x)| x == k) => {
                cx.at(Code::XlsxTemplate, header_row, *c, format!("表头“{h}”重复"))
            }
            Some(k) => {
                cols.push((*c, *k));
            }
            None => cx.at(
                Code::XlsxTemplate,
                header_row,
                *c,
                format!("表头“{h}”不属于自评表模板,此列内容不会被读取,请删除该列"),
            ),
        }
    }
    let col_of = |k: Col| cols.iter().find(|(_, x)| *x == k).map(|(c, _)| *c);
    let Some(answer_col) = col_of(Col::Answer) else {
        return Err(super::fail(
            Code::XlsxTemplate,
            format!("表头中没有“{}”列", Col::Answer.header()),
        ));
    };

    // The fields above the table.
    let mut doc: Vec<(String, Json)> = vec![("schema".into(), Json::Str(assessment::TAG.into()))];
    let mut unit: Vec<(String, Json)> = Vec::new();
    let mut field_rows: Vec<(&str, usize)> = Vec::new();
    let field_row =
        |rows: &[(&str, usize)], f: &str| rows.iter().find(|(n, _)| *n == f).map(|(_, r)| *r);
    for (r, cells) in rows.iter().take_while(|(r, _)| *r < header_row) {
        let r = *r;
        let Some(label) = at(cells, 0).map(text) else {
            continue;
        };
        let Some(field) = t::FIELDS.iter().find(|f| **f == label) else {
            continue;
        };
        if field_row(&field_rows, field).is_some() {
            cx.at(Code::XlsxTemplate, r, 0, format!("“{field}”出现了两次"));
            continue;
        }
        field_rows.push((field, r));
        let value = at(cells, 1).map(text).filter(|s| !s.is_empty());
        match (*field, value) {
            (t::RUBRIC, _) => {
                let part = |c: usize| Json::Str(at(cells, c).map(text).unwrap_or_default());
                doc.push((
                    "rubric".into(),
                    Json::Obj(vec![("id".into(), part(1)), ("version".into(), part(2))]),
                ));
            }
            (_, None) => {}
            (t::LEVEL, Some(v)) => match Level::ALL.iter().find(|(k, _, zh)| *zh == v || *k == v) {
                Some((k, _, _)) => unit.push(("level".into(), Json::Str((*k).into()))),
                None => {
                    let names: Vec<&str> = Level::ALL.iter().map(|(_, _, zh)| *zh).collect();
                    cx.at(
                        Code::XlsxCell,
                        r,
                        1,
                        format!("行政层级“{v}”无效,应为 {} 之一", names.join("、")),
                    )
                }
            },
            (f, Some(v)) => {
                let key = match f {
                    t::NAME => "name",
                    t::CODE => "code",
                    t::REGION => "region",
                    t::PERIOD => "period",
                    _ => "assessor",
                };
                if matches!(key, "period" | "assessor") {
                    doc.push((key.into(), Json::Str(v)));
                } else {
                    unit.push((key.into(), Json::Str(v)));
                }
            }
        }
    }
    if field_row(&field_rows, t::RUBRIC).is_none() {
        return Err(super::fail(
            Code::XlsxTemplate,
            format!(
                "工作表“{}”中找不到“{}”行:无法确认自评表按哪个细则填写",
                t::SHEET,
                t::RUBRIC
            ),
        ));
    }
    if !unit.is_empty() {
        doc.push(("unit".into(), Json::Obj(unit)));
    }
    // The document without answers, through the core: rubric mismatch and unit fields.
    if let Err(e) = Assessment::from_json(&Json::Obj(doc.clone()), rubric) {
        let field = match e.path.as_str() {
            p if p.starts_with("$.rubric") => t::RUBRIC,
            "$.unit.name" => t::NAME,
            "$.unit.code" => t::CODE,
            "$.unit.level" => t::LEVEL,
            "$.unit.region" => t::REGION,
            "$.period" => t::PERIOD,
            _ => t::ASSESSOR,
        };
        let r = field_row(&field_rows, field).unwrap_or(0);
        cx.at(e.code, r, 1, e.message);
        return Ok(None);
    }

    // The table: one answer per row with an id.
    let mut answers: Vec<(String, Json)> = Vec::new();
    let table: Vec<&(usize, Vec<(usize, Value)>)> =
        rows.iter().filter(|(r, _)| *r > header_row).collect();
    // The row each of the rubric's ids was first given in, to report an id given twice (ids the
    // rubric does not have are the core's E_ANSWER_UNKNOWN_ID).
    let known: Vec<&str> = rubric
        .items()
        .map(|(_, i)| i.id.as_str())
        .chain(rubric.vetoes.iter().map(|v| v.id.as_str()))
        .chain(rubric.bonus.iter().map(|b| b.id.as_str()))
        .collect();
    let mut first_row: Vec<usize> = vec![0; known.len()];
    for (r, cells) in table {
        let r = *r;
        let get = |k: Col| col_of(k).and_then(|c| at(cells, c));
        for (c, v) in cells {
            if !cols.iter().any(|(x, _)| x == c) && !text(v).is_empty() {
                cx.at(
                    Code::XlsxTemplate,
                    r,
                    *c,
                    "此列不属于自评表模板,内容不会被读取,请移到“说明”列",
                );
            }
        }
        let filled = |k: Col| get(k).is_some_and(|v| !text(v).is_empty());
        let inputs = [Col::Answer, Col::Total, Col::Na, Col::Note, Col::Evidence];
        let id = get(Col::Id).map(text).unwrap_or_default();
        if id.is_empty() {
            if inputs.iter().any(|k| filled(*k)) {
                cx.at(
                    Code::XlsxTemplate,
                    r,
                    0,
                    "这一行填写了答案但没有编号,无法对应到指标",
                );
            }
            continue;
        }
        let k = known.iter().position(|k| *k == id);
        if let Some(first) = k.map(|k| first_row[k]).filter(|f| *f > 0) {
            cx.at(
                Code::XlsxTemplate,
                r,
                0,
                format!("编号“{id}”与第 {first} 行重复"),
            );
            continue;
        }
        if let Some(k) = k {
            first_row[k] = r;
        }
        if !inputs.iter().any(|k| filled(*k)) {
            continue; // not answered yet: the score says so
        }
        let method = rubric
            .items()
            .map(|(_, i)| i)
            .chain(&rubric.bonus)
            .find(|i| i.id == id)
            .map(|i| &i.method);
        let is_veto = rubric.vetoes.iter().any(|v| v.id == id);
        let mut answer: Vec<(String, Json)> = Vec::new();
        let mut ok = true;
        if let Some(v) = get(Col::Answer).filter(|v| !text(v).is_empty()) {
            let mut bad = |what: String| {
                cx.at(Code::XlsxCell, r, answer_col, what);
                ok = false;
            };
            match method {
                _ if is_veto || matches!(method, Some(Method::Check)) => match if is_veto {
                    yes_no(v, "veto", "triggered")
                } else {
                    yes_no(v, "check", "met")
                } {
                    Some(b) => answer.push((
                        if is_veto { "triggered" } else { "met" }.into(),
                        Json::Bool(b),
                    )),
                    None => bad(format!("“{}”无效,应为“{}”或“{}”", text(v), t::YES, t::NO)),
                },
                Some(Method::Levels { levels }) => {
                    match levels.iter().position(|l| l.label.trim() == text(v)) {
                        Some(i) => answer.push(("level".into(), num(i as u64))),
                        None => bad(format!(
                            "“{}”不是此项的档次,应为下拉列表中的一项:{}",
                            text(v),
                            levels
                                .iter()
                                .map(|l| format!("“{}”", l.label))
                                .collect::<Vec<_>>()
                                .join("、")
                        )),
                    }
                }
                Some(Method::Ratio | Method::Deduct { .. }) => {
                    let key = if matches!(method, Some(Method::Ratio)) {
                        "numerator"
                    } else {
                        "count"
                    };
                    match whole_number(v) {
                        Some(n) => answer.push((key.into(), num(n))),
                        None => bad(format!(
                            "“{}”不是整数,{}应填写不小于 0 的整数",
                            text(v),
                            t::field_label(if key == "count" { "deduct" } else { "ratio" }, key)
                        )),
                    }
                }
                _ => answer.push(("met".into(), Json::Str(text(v)))), // unknown id: the core says so
            }
        }
        if let Some(v) = get(Col::Total).filter(|v| !text(v).is_empty()) {
            match whole_number(v) {
                Some(n) => answer.push(("denominator".into(), num(n))),
                None => {
                    let c = col_of(Col::Total).unwrap_or(0);
                    cx.at(
                        Code::XlsxCell,
                        r,
                        c,
                        format!(
                            "“{}”不是整数,{}应填写大于 0 的整数",
                            text(v),
                            t::field_label("ratio", "denominator")
                        ),
                    );
                    ok = false;
                }
            }
        }
        if let Some(v) = get(Col::Na).map(text).filter(|s| !s.is_empty()) {
            answer.push(("na".into(), Json::Str(v)));
        }
        if let Some(v) = get(Col::Note).map(text).filter(|s| !s.is_empty()) {
            answer.push(("note".into(), Json::Str(v)));
        }
        if let Some(v) = get(Col::Evidence).map(text) {
            let names: Vec<Json> = v
                .split(['\n', ';', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Json::Obj(vec![("name".into(), Json::Str(s.into()))]))
                .collect();
            if !names.is_empty() {
                answer.push(("evidence".into(), Json::Arr(names)));
            }
        }
        if ok && !filled(Col::Answer) && !filled(Col::Na) {
            let what = if filled(Col::Total) {
                Col::Total.header()
            } else if filled(Col::Note) {
                Col::Note.header()
            } else {
                Col::Evidence.header()
            };
            cx.at(
                Code::XlsxCell,
                r,
                answer_col,
                format!("填写了“{what}”但没有填写答案(或不适用原因)"),
            );
            continue;
        }
        if !ok {
            continue;
        }
        // This answer alone, through the core, so its error names this row.
        let mut one = doc.clone();
        one.push((
            "answers".into(),
            Json::Obj(vec![(id.clone(), Json::Obj(answer.clone()))]),
        ));
        if let Err(e) = Assessment::from_json(&Json::Obj(one), rubric) {
            let prefix = json::key_path("$.answers", &id);
            let field = e.path.strip_prefix(prefix.as_str()).unwrap_or("");
            let col = match field.trim_start_matches('.') {
                f if f.starts_with("denominator") => col_of(Col::Total),
                f if f.starts_with("na") => col_of(Col::Na),
                f if f.starts_with("note") => col_of(Col::Note),
                f if f.starts_with("evidence") => col_of(Col::Evidence),
                "" if e.code == Code::AnswerUnknownId => col_of(Col::Id),
                _ => Some(answer_col),
            };
            cx.at(e.code, r, col.unwrap_or(answer_col), e.message);
            continue;
        }
        answers.push((id, Json::Obj(answer)));
    }
    if !cx.problems.is_empty() {
        return Ok(None);
    }
    doc.push(("answers".into(), Json::Obj(answers)));
    match Assessment::from_json(&Json::Obj(doc), rubric) {
        Ok(a) => Ok(Some(a)),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_as_typed() {
        let n = |s: &str| whole_number(&Value::Text(s.into()));
        assert_eq!(n("3"), Some(3));
        assert_eq!(n(" 12 "), Some(12));
        assert_eq!(n("３"), Some(3));
        assert_eq!(n("4.00"), Some(4));
        assert_eq!(whole_number(&Value::Number("5".into())), Some(5));
        for bad in ["", "-1", "1.5", "1e2", "abc", "1,000", "."] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }
}
