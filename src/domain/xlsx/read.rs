//! Reading the cells of one sheet of a workbook, by the sheet's name: the workbook and its
//! relationships say which part holds the sheet, the shared-string table gives text cells their
//! text. Only non-empty cells are kept, and only so many of them.

use super::xml::{attr, Event, Reader};
use super::{fail, zip::Archive};
use crate::domain::error::{Code, Result};
use crate::domain::json::MAX_INPUT_BYTES;

/// Most non-empty cells read from one sheet: far more than any rubric's template needs.
pub const MAX_CELLS: usize = 200_000;
/// Rows and columns of a worksheet (Excel's own limits).
const MAX_ROW: usize = 1_048_576;
const MAX_COL: usize = 16_384;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A number cell, as written in the file (`3`, `0.5`, `1E-3`).
    Number(String),
    Bool(bool),
    /// An error value (`#N/A` …).
    Error(String),
}

/// A non-empty cell: 1-based row, 0-based column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub value: Value,
}

/// An opened workbook: its sheets' names and the parts that hold them.
pub struct Book<'a> {
    zip: Archive<'a>,
    pub sheets: Vec<(String, String)>,
    shared: Option<Vec<String>>,
    shared_part: String,
}

fn text_of(zip: &mut Archive, part: &str) -> Result<Option<String>> {
    match zip.read(part)? {
        None => Ok(None),
        Some(b) => String::from_utf8(b).map(Some).map_err(|_| {
            fail(
                Code::XlsxXml,
                format!("工作簿中的 {part} 不是 UTF-8 编码的 XML"),
            )
        }),
    }
}

/// `worksheets/sheet1.xml` relative to `xl/`, or an absolute `/xl/…`.
fn resolve(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

impl<'a> Book<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Book<'a>> {
        crate::domain::json::check_size(bytes.len() as u64)?;
        let mut zip = Archive::open(bytes, MAX_INPUT_BYTES)?;
        let missing = || {
            fail(
                Code::XlsxArchive,
                "文件不是 Excel 工作簿:缺少 xl/workbook.xml(是否为 Word、WPS 文字或其他 ZIP 文件?)",
            )
        };
        let book = text_of(&mut zip, "xl/workbook.xml")?.ok_or_else(missing)?;
        let rels = text_of(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
        let mut targets = Vec::new();
        let mut shared_part = "xl/sharedStrings.xml".to_string();
        let mut r = Reader::new(&rels, "xl/_rels/workbook.xml.rels");
        while let Some(e) = r.next_event()? {
            if let Event::Start("Relationship", a) = e {
                let (Some(id), Some(target)) = (attr(&a, "Id"), attr(&a, "Target")) else {
                    continue;
                };
                if attr(&a, "Type").is_some_and(|t| t.ends_with("/sharedStrings")) {
                    shared_part = resolve(target);
                }
                targets.push((id.to_string(), resolve(target)));
            }
        }
        let mut sheets = Vec::new();
        let mut r = Reader::new(&book, "xl/workbook.xml");
        while let Some(e) = r.next_event()? {
            if let Event::Start("sheet", a) = e {
                let name = attr(&a, "name").unwrap_or_default().to_string();
                let part = attr(&a, "id")
                    .and_then(|id| targets.iter().find(|(i, _)| i == id))
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", sheets.len() + 1));
                sheets.push((name, part));
            }
        }
        Ok(Book {
            zip,
            sheets,
            shared: None,
            shared_part,
        })
    }

    fn shared(&mut self) -> Result<&[String]> {
        if self.shared.is_none() {
            let mut out = Vec::new();
            let part = self.shared_part.clone();
            if let Some(text) = text_of(&mut self.zip, &part)? {
                let mut r = Reader::new(&text, "xl/sharedStrings.xml");
                let (mut cur, mut in_t, mut phonetic) = (String::new(), false, 0usize);
                while let Some(e) = r.next_event()? {
                    match e {
                        Event::Start("si", _) => cur.clear(),
                        Event::End("si") => out.push(std::mem::take(&mut cur)),
                        Event::Start("rPh", _) => phonetic += 1,
                        Event::End("rPh") => phonetic = phonetic.saturating_sub(1),
                        Event::Start("t", _) => in_t = true,
                        Event::End("t") => in_t = false,
                        Event::Text(t) if in_t && phonetic == 0 => cur.push_str(&t),
                        _ => {}
                    }
                }
            }
            self.shared = Some(out);
        }
        Ok(self.shared.as_deref().unwrap_or_default())
    }

    /// The non-empty cells of the sheet named `name`, in file order; None when there is no such
    /// sheet.
    pub fn cells(&mut self, name: &str) -> Result<Option<Vec<Cell>>> {
        let Some(part) = self
            .sheets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
        else {
            return Ok(None);
        };
        let text = text_of(&mut self.zip, &part)?.ok_or_else(|| {
            fail(
                Code::XlsxArchive,
                format!("工作簿缺少工作表“{name}”的内容({part})"),
            )
        })?;
        self.shared()?;
        let shared = self.shared.as_deref().unwrap_or_default();
        let mut out = Vec::new();
        let mut r = Reader::new(&text, &part);
        let (mut row, mut col) = (0usize, 0usize);
        // The cell being read: its position, type, and text gathered from <v> or <is><t>.
        let mut cell: Option<(usize, usize, String)> = None;
        let mut buf = String::new();
        let mut in_value = false;
        while let Some(e) = r.next_event()? {
            match e {
                Event::Start("row", a) => {
                    row = match attr(&a, "r") {
                        Some(n) => n
                            .parse()
                            .ok()
                            .filter(|n| (1..=MAX_ROW).contains(n))
                            .ok_or_else(|| {
                                fail(Code::XlsxXml, format!("工作表“{name}”中的行号 “{n}” 无效"))
                            })?,
                        None => row + 1,
                    };
                    col = 0;
                }
                Event::Start("c", a) => {
                    let at = match attr(&a, "r") {
                        Some(r) => position(r).ok_or_else(|| {
                            fail(
                                Code::XlsxXml,
                                format!("工作表“{name}”中的单元格位置 “{r}” 无效"),
                            )
                        })?,
                        None => (row.max(1), col),
                    };
                    // Cells come in order (rows ascending, columns ascending within a row, as
                    // every spreadsheet program writes them), so the import needs no sorting.
                    if out.last().is_some_and(|c: &Cell| (c.row, c.col) >= at) {
                        return Err(fail(
                            Code::XlsxXml,
                            format!(
                                "工作表“{name}”中的单元格 {} 顺序错乱(行或列未按从小到大排列)",
                                super::write::column_name(at.1) + &at.0.to_string()
                            ),
                        ));
                    }
                    (row, col) = (at.0, at.1 + 1);
                    cell = Some((at.0, at.1, attr(&a, "t").unwrap_or("n").to_string()));
                    buf.clear();
                }
                Event::Start("v" | "t", _) if cell.is_some() => in_value = true,
                Event::End("v" | "t") => in_value = false,
                Event::Start("rPh", _) => in_value = false,
                Event::Text(t) if in_value => buf.push_str(&t),
                Event::End("c") => {
                    let Some((r, c, kind)) = cell.take() else {
                        continue;
                    };
                    let value = match kind.as_str() {
                        _ if buf.is_empty() => continue,
                        "s" => {
                            let text = buf
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| shared.get(i))
                                .ok_or_else(|| {
                                    fail(
                                        Code::XlsxXml,
                                        format!("工作表“{name}”引用了不存在的共享文本 “{buf}”"),
                                    )
                                })?;
                            if text.is_empty() {
                                continue;
                            }
                            Value::Text(text.clone())
                        }
                        "str" | "inlineStr" => Value::Text(std::mem::take(&mut buf)),
                        "b" => Value::Bool(buf.trim() == "1"),
                        "e" => Value::Error(std::mem::take(&mut buf)),
                        _ => Value::Number(buf.trim().to_string()),
                    };
                    if out.len() == MAX_CELLS {
                        return Err(fail(
                            Code::XlsxTooLarge,
                            format!("工作表“{name}”的非空单元格超过 {MAX_CELLS} 个,远大于自评表所需,不予读取"),
                        ));
                    }
                    out.push(Cell {
                        row: r,
                        col: c,
                        value,
                    });
                }
                _ => {}
            }
        }
        Ok(Some(out))
    }
}

/// `C12` → (12, 2).
pub fn position(r: &str) -> Option<(usize, usize)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0usize, |a, b| a * 26 + usize::from(b - b'A' + 1))
        - 1;
    let row: usize = digits.parse().ok()?;
    ((1..=MAX_ROW).contains(&row) && col < MAX_COL).then_some((row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_positions() {
        assert_eq!(position("A1"), Some((1, 0)));
        assert_eq!(position("C12"), Some((12, 2)));
        assert_eq!(position("AA3"), Some((3, 26)));
        assert_eq!(position("XFD1048576"), Some((1_048_576, 16_383)));
        for bad in ["", "1", "A", "A0", "a1", "XFE1", "A1048577", "A1B"] {
            assert_eq!(position(bad), None, "{bad}");
        }
    }
}
