//! Files in, text out: size-checked reads, error rendering and exit codes. No rules live here.

use cyberduty::domain::json::{self, Json};
use cyberduty::domain::rubric::Rubric;
use cyberduty::{Code, Error};
use std::path::Path;

pub const EXIT_OK: i32 = 0;
pub const EXIT_INVALID: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Read a document, refusing oversized files before reading them.
pub fn read_doc(path: &str) -> Result<Json, Error> {
    json::parse(&read_bytes(path)?)
}

pub fn read_bytes(path: &str) -> Result<Vec<u8>, Error> {
    let unreadable = |e: std::io::Error| {
        Error::new(
            Code::FileUnreadable,
            "$",
            format!("无法读取文件:{}", io_reason(&e)),
        )
    };
    let meta = std::fs::metadata(Path::new(path)).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(Error::new(
            Code::FileUnreadable,
            "$",
            "这是一个文件夹,不是文件",
        ));
    }
    // The core decides the limit from the size, so a huge file is never read.
    json::check_size(meta.len())?;
    std::fs::read(path).map_err(unreadable)
}

/// The rubric `--rubric` names, validated, or the default rubric when none is named (the core's one
/// meaning of "no rubric"). On error, the error is printed and the exit code returned.
pub fn rubric(path: Option<&str>) -> Result<Rubric, i32> {
    let doc = match path {
        None => None,
        Some(p) => Some(read_doc(p).map_err(|e| invalid(p, &e))?),
    };
    Rubric::from_json_or_default(doc.as_ref()).map_err(|e| invalid(path.unwrap_or("默认细则"), &e))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => e.to_string(),
    }
}

/// Print an input error for `file` on stderr; returns exit code 1.
pub fn invalid(file: &str, e: &Error) -> i32 {
    eprintln!("{file}: {e}");
    EXIT_INVALID
}

/// Print a usage error on stderr; returns exit code 2.
pub fn usage(msg: &str) -> i32 {
    eprintln!("cyberduty: {msg}\n运行 cyberduty --help 查看用法。");
    EXIT_USAGE
}

/// Pretty JSON and a newline on stdout, written as it is made (an aggregation of 100,000 files is
/// ~100 MB of it: no copy in memory first).
pub fn print_json<T: serde::Serialize>(v: &T) -> i32 {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, v)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            out.write_all(b"\n")
                .and_then(|()| out.flush())
                .map_err(|e| e.to_string())
        });
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("cyberduty: 无法输出 JSON:{e}");
            EXIT_INVALID
        }
    }
}

/// Beijing time: the date a Chinese unit means by "today".
const UTC_PLUS_8: i64 = 8 * 60;

/// The date of `--as-of` (`YYYY-MM-DD`), or today in Beijing time when it is not given.
pub fn as_of(value: Option<&str>) -> Result<cyberduty::domain::period::Date, i32> {
    use cyberduty::domain::error::Code;
    use cyberduty::domain::time::{date_at_offset, parse_date};
    match value {
        Some(s) => parse_date(s).map_err(|why| {
            invalid(
                "--as-of",
                &Error::new(Code::FieldType, "", format!("{why}(现为「{s}」)")),
            )
        }),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            Ok(date_at_offset(secs, UTC_PLUS_8))
        }
    }
}
