//! The ZIP container of an XLSX file: a writer of stored (uncompressed) entries and a reader of
//! stored and deflated ones. Stored entries keep the wasm small (no compressor); every spreadsheet
//! program reads them. The reader refuses what an XLSX never needs (ZIP64, encryption, other
//! methods) and caps what it inflates, so a zip bomb stops at the cap instead of filling memory.

use super::fail;
use crate::domain::error::{Code, Result};

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// Most entries an XLSX we read may have (ours have under ten; Excel's a few dozen).
const MAX_ENTRIES: usize = 10_000;

/// CRC-32 (IEEE, reflected), table built once per call: it runs over kilobytes, not gigabytes.
pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// A ZIP archive of stored entries, written in the order added.
#[derive(Default)]
pub struct Writer {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

fn u16le(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn u32le(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

impl Writer {
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let offset = self.out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        // Fixed date (1980-01-01 00:00): the same content gives the same bytes.
        let fields = |v: &mut Vec<u8>| {
            u16le(v, 20); // version needed: 2.0
            u16le(v, 0x0800); // UTF-8 names
            u16le(v, 0); // stored
            u16le(v, 0); // time
            u16le(v, 0x21); // date
            u32le(v, crc);
            u32le(v, size);
            u32le(v, size);
            u16le(v, name.len() as u16);
            u16le(v, 0); // extra
        };
        u32le(&mut self.out, LOCAL);
        fields(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        let c = &mut self.central;
        u32le(c, CENTRAL);
        u16le(c, 20); // made by
        fields(c);
        u16le(c, 0); // comment
        u16le(c, 0); // disk
        u16le(c, 0); // internal attributes
        u32le(c, 0); // external attributes
        u32le(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.count += 1;
    }

    pub fn finish(mut self) -> Vec<u8> {
        let at = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.append(&mut self.central);
        let o = &mut self.out;
        u32le(o, END);
        u16le(o, 0);
        u16le(o, 0);
        u16le(o, self.count);
        u16le(o, self.count);
        u32le(o, size);
        u32le(o, at);
        u16le(o, 0);
        self.out
    }
}

/// One entry of an archive being read: its name and where its data lies.
pub struct Entry {
    pub name: String,
    method: u16,
    crc: u32,
    compressed: usize,
    size: usize,
    data_at: usize,
}

/// An archive opened for reading, with a budget for what may still be inflated.
pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
    budget: usize,
}

fn at16(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}
fn at32(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

fn damaged(what: &str) -> crate::domain::error::Error {
    fail(
        Code::XlsxArchive,
        format!(
            "文件不是有效的 Excel 工作簿(.xlsx):{what}。请在 Excel 或 WPS 中另存为 .xlsx 后重试"
        ),
    )
}

impl<'a> Archive<'a> {
    /// Read the central directory. `budget`: the most bytes all reads together may inflate.
    pub fn open(bytes: &'a [u8], budget: usize) -> Result<Archive<'a>> {
        if bytes.len() < 22 || at32(bytes, 0) != Some(LOCAL) {
            return Err(damaged("不是 ZIP 压缩包(旧版 .xls、CSV 或其他文件?)"));
        }
        // The end record is in the last 22 + 65535 bytes (its comment is at most 65535 long).
        let from = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (from..=bytes.len() - 22)
            .rev()
            .find(|&i| at32(bytes, i) == Some(END))
            .ok_or_else(|| damaged("找不到压缩包目录(文件可能不完整)"))?;
        let count = usize::from(at16(bytes, end + 10).unwrap_or(0));
        let dir_at = at32(bytes, end + 16).unwrap_or(0);
        if count == 0xFFFF || dir_at == u32::MAX {
            return Err(damaged("不支持 ZIP64 格式"));
        }
        if count > MAX_ENTRIES {
            return Err(damaged("压缩包内文件过多"));
        }
        let mut entries = Vec::with_capacity(count);
        let mut p = dir_at as usize;
        for _ in 0..count {
            let bad = || damaged("压缩包目录损坏");
            if at32(bytes, p) != Some(CENTRAL) {
                return Err(bad());
            }
            let flags = at16(bytes, p + 8).ok_or_else(bad)?;
            let method = at16(bytes, p + 10).ok_or_else(bad)?;
            let crc = at32(bytes, p + 16).ok_or_else(bad)?;
            let compressed = at32(bytes, p + 20).ok_or_else(bad)? as usize;
            let size = at32(bytes, p + 24).ok_or_else(bad)? as usize;
            let name_len = usize::from(at16(bytes, p + 28).ok_or_else(bad)?);
            let extra = usize::from(at16(bytes, p + 30).ok_or_else(bad)?);
            let comment = usize::from(at16(bytes, p + 32).ok_or_else(bad)?);
            let local = at32(bytes, p + 42).ok_or_else(bad)? as usize;
            let name = bytes.get(p + 46..p + 46 + name_len).ok_or_else(bad)?;
            // A name that is not UTF-8 is no part of a workbook: it stays unnamed, unread.
            let name = String::from_utf8(name.to_vec()).unwrap_or_default();
            p += 46 + name_len + extra + comment;
            if flags & 1 != 0 {
                return Err(damaged("文件已加密(请先在 Excel 或 WPS 中取消密码保护)"));
            }
            if at32(bytes, local) != Some(LOCAL) {
                return Err(bad());
            }
            let data_at = local
                + 30
                + usize::from(at16(bytes, local + 26).ok_or_else(bad)?)
                + usize::from(at16(bytes, local + 28).ok_or_else(bad)?);
            if data_at
                .checked_add(compressed)
                .is_none_or(|e| e > bytes.len())
            {
                return Err(damaged("压缩包内容不完整"));
            }
            entries.push(Entry {
                name,
                method,
                crc,
                compressed,
                size,
                data_at,
            });
        }
        Ok(Archive {
            bytes,
            entries,
            budget,
        })
    }

    /// The content of the entry named `name` (None when there is none), counted against the budget.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(e) = self.entries.iter().find(|e| e.name == name) else {
            return Ok(None);
        };
        let too_large = || {
            fail(
                Code::XlsxTooLarge,
                format!(
                    "工作簿解压后超过 {} MiB,不予读取(可能是“压缩炸弹”,或表格远大于自评表所需)",
                    crate::domain::json::MAX_INPUT_BYTES >> 20
                ),
            )
        };
        if e.size > self.budget {
            return Err(too_large());
        }
        let raw = &self.bytes[e.data_at..e.data_at + e.compressed];
        let data = match e.method {
            0 => raw.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(raw, self.budget).map_err(
                |err| match err.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => too_large(),
                    _ => damaged(&format!("“{name}”解压失败")),
                },
            )?,
            m => return Err(damaged(&format!("“{name}”使用了不支持的压缩方式 {m}"))),
        };
        if data.len() != e.size || crc32(&data) != e.crc {
            return Err(damaged(&format!("“{name}”校验失败(文件已损坏)")));
        }
        self.budget -= data.len();
        Ok(Some(data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn written_archives_read_back() {
        let mut w = Writer::default();
        w.add("a.txt", b"hello");
        w.add("dir/b.xml", "中文".as_bytes());
        let bytes = w.finish();
        let mut a = Archive::open(&bytes, 100).unwrap();
        assert_eq!(a.read("a.txt").unwrap().unwrap(), b"hello");
        assert_eq!(a.read("dir/b.xml").unwrap().unwrap(), "中文".as_bytes());
        assert!(a.read("none").unwrap().is_none());
        // The budget counts what was read: 5 + 6 bytes of 100, so 89 remain.
        assert_eq!(a.budget, 89);
        let mut small = Archive::open(&bytes, 4).unwrap();
        let e = small.read("a.txt").unwrap_err();
        assert_eq!(e.code.as_str(), "E_XLSX_TOO_LARGE");
    }
}
