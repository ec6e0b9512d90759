//! The SpreadsheetML parts of a workbook: inline strings (no shared-string table to build), a fixed
//! set of styles, frozen header rows, column widths, list validations and autofilters.

use super::xml::escape;
use super::zip;
use crate::domain::aggregate::text_cell;
use std::fmt::Write;

/// The workbook's styles (indices into `cellXfs` of [`STYLES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain = 0,
    /// Bold on grey, wrapped: header rows.
    Header = 1,
    /// `0.00`: points and totals.
    Fixed2 = 2,
    /// `+0.00;-0.00;0.00`: changes.
    Signed2 = 3,
    /// Wrapped text, top-aligned: long texts (basis, guide).
    Wrap = 4,
    /// Pale yellow, wrapped: the cells an inspector fills in.
    Input = 5,
    /// Bold, larger: a sheet's title.
    Title = 6,
    /// An input cell formatted as text (`@`): Excel would turn an all-digit 统一社会信用代码 into
    /// 9.13501E+17 and lose digits.
    InputText = 7,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Text; a spreadsheet would take some as a formula, so they pass the CSV's guard.
    Text(String, Style),
    /// A number as decimal text (`87.50`, `3`), written as a number.
    Num(String, Style),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into(), Style::Plain)
    }
    pub fn styled(s: impl Into<String>, style: Style) -> Cell {
        Cell::Text(s.into(), style)
    }
    pub fn int(n: impl ToString) -> Cell {
        Cell::Num(n.to_string(), Style::Plain)
    }
}

/// A list validation: the cells of `sqref` (`H12:H20`) accept only the listed values.
pub struct Validation {
    pub sqref: String,
    /// `"是,否"` (quoted inline list) or a range (`'选项'!$B$3:$D$3`).
    pub formula: String,
}

impl Validation {
    /// Inline list: items must not contain commas or quotes and total under 255 characters.
    pub fn inline(sqref: String, items: &[&str]) -> Validation {
        Validation {
            sqref,
            formula: format!("\"{}\"", items.join(",")),
        }
    }
}

#[derive(Default)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in characters, from column A.
    pub widths: Vec<u16>,
    /// Rows kept in view when scrolling (the header).
    pub frozen_rows: usize,
    /// The 1-based row of the header an autofilter is put on (0: none).
    pub filter_row: usize,
    pub validations: Vec<Validation>,
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Sheet::default()
        }
    }
}

/// `A`, `B`, … `Z`, `AA` … for a 0-based column.
pub fn column_name(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.00"/><numFmt numFmtId="165" formatCode="+0.00;-0.00;0.00"/></numFmts><fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="14"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts><fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf><xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1" applyAlignment="1" applyProtection="1"><alignment wrapText="1" vertical="top"/><protection locked="0"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyProtection="1"><protection locked="0"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
"#;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn sheet_xml(s: &Sheet) -> String {
    let mut x = String::with_capacity(64 * s.rows.len() + 512);
    let _ = write!(x, "{HEAD}<worksheet xmlns=\"{MAIN}\" xmlns:r=\"{REL}\">");
    let width = s.rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let _ = write!(
        x,
        "<dimension ref=\"A1:{}{}\"/>",
        column_name(width - 1),
        s.rows.len().max(1)
    );
    x.push_str("<sheetViews><sheetView workbookViewId=\"0\">");
    if s.frozen_rows > 0 {
        let _ = write!(
            x,
            "<pane ySplit=\"{0}\" topLeftCell=\"A{1}\" activePane=\"bottomLeft\" state=\"frozen\"/>",
            s.frozen_rows,
            s.frozen_rows + 1
        );
    }
    x.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if !s.widths.is_empty() {
        x.push_str("<cols>");
        for (i, w) in s.widths.iter().enumerate() {
            let _ = write!(
                x,
                "<col min=\"{0}\" max=\"{0}\" width=\"{w}\" customWidth=\"1\"/>",
                i + 1
            );
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    for (r, row) in s.rows.iter().enumerate() {
        let _ = write!(x, "<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_name(c), r + 1);
            match cell {
                Cell::Empty => {}
                // A styled blank (an input cell): no value, so nothing reads as an empty answer.
                Cell::Text(t, style) if t.is_empty() => {
                    let _ = write!(x, "<c r=\"{at}\" s=\"{}\"/>", *style as u8);
                }
                Cell::Text(t, style) => {
                    let _ = write!(
                        x,
                        "<c r=\"{at}\" s=\"{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">",
                        *style as u8
                    );
                    escape(&mut x, &text_cell(t));
                    x.push_str("</t></is></c>");
                }
                Cell::Num(n, style) => {
                    let _ = write!(x, "<c r=\"{at}\" s=\"{}\"><v>{n}</v></c>", *style as u8);
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if s.filter_row > 0 && s.rows.len() >= s.filter_row {
        let cols = s.rows[s.filter_row - 1].len().max(1);
        let _ = write!(
            x,
            "<autoFilter ref=\"A{0}:{1}{2}\"/>",
            s.filter_row,
            column_name(cols - 1),
            s.rows.len()
        );
    }
    if !s.validations.is_empty() {
        let _ = write!(x, "<dataValidations count=\"{}\">", s.validations.len());
        for v in &s.validations {
            let _ = write!(
                x,
                "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"{}\"><formula1>",
                v.sqref
            );
            escape(&mut x, &v.formula);
            x.push_str("</formula1></dataValidation>");
        }
        x.push_str("</dataValidations>");
    }
    x.push_str("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
    x
}

/// The workbook as .xlsx bytes. Sheet names must be unique, at most 31 characters, without `[]:*?/\`.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut types = format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    );
    let mut book = format!("{HEAD}<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><bookViews><workbookView/></bookViews><sheets>");
    let mut rels = format!("{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    let mut names = String::new();
    for (i, s) in sheets.iter().enumerate() {
        let n = i + 1;
        let _ = write!(types, "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        book.push_str("<sheet name=\"");
        escape(&mut book, &s.name);
        let _ = write!(book, "\" sheetId=\"{n}\"");
        if s.hidden {
            book.push_str(" state=\"hidden\"");
        }
        let _ = write!(book, " r:id=\"rId{n}\"/>");
        let _ = write!(rels, "<Relationship Id=\"rId{n}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>");
        if s.filter_row > 0 && s.rows.len() >= s.filter_row {
            let cols = s.rows[s.filter_row - 1].len().max(1);
            let _ = write!(
                names,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">'"
            );
            escape(&mut names, &s.name.replace('\'', "''"));
            let _ = write!(
                names,
                "'!$A${}:${}${}</definedName>",
                s.filter_row,
                column_name(cols - 1),
                s.rows.len()
            );
        }
    }
    types.push_str("</Types>");
    book.push_str("</sheets>");
    if !names.is_empty() {
        let _ = write!(book, "<definedNames>{names}</definedNames>");
    }
    book.push_str("</workbook>");
    let _ = write!(
        rels,
        "<Relationship Id=\"rId{}\" Type=\"{REL}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets.len() + 1
    );
    let root = format!("{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");

    let mut z = zip::Writer::default();
    z.add("[Content_Types].xml", types.as_bytes());
    z.add("_rels/.rels", root.as_bytes());
    z.add("xl/workbook.xml", book.as_bytes());
    z.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    z.add("xl/styles.xml", STYLES.as_bytes());
    for (i, s) in sheets.iter().enumerate() {
        z.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(s).as_bytes(),
        );
    }
    z.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_pass_the_csv_formula_guard_and_numbers_stay_numbers() {
        let mut s = Sheet::new("s");
        s.rows.push(vec![
            Cell::text("=HYPERLINK(\"http://x\")"),
            Cell::text("-1"),
            Cell::Num("-1.50".into(), Style::Signed2),
            Cell::text("a\u{1}<b>"),
        ]);
        let x = sheet_xml(&s);
        assert!(x.contains(r#"<c r="A1" s="0" t="inlineStr"><is><t xml:space="preserve">'=HYPERLINK(&quot;http://x&quot;)</t></is></c>"#), "{x}");
        assert!(x.contains(r#"<t xml:space="preserve">'-1</t>"#));
        assert!(x.contains(r#"<c r="C1" s="3"><v>-1.50</v></c>"#));
        assert!(x.contains("a\u{FFFD}&lt;b&gt;"));
    }

    #[test]
    fn column_names() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|&c| column_name(c))
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
