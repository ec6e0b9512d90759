//! `cyberduty template --xlsx` and `cyberduty import`: the assessment template an inspector fills
//! in Excel or WPS, and that workbook read back into an assessment. The core writes and reads it.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::xlsx::{import, template};
use std::ffi::OsString;
use std::io::Write;

/// Write `bytes` to `path`, refusing to replace an existing file unless `force`.
pub fn write_new(path: &str, bytes: &[u8], force: bool) -> i32 {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let result = options
        .open(path)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()));
    match result {
        Ok(()) => io::EXIT_OK,
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    "文件已存在,未覆盖(如需覆盖请加 --force)".to_string()
                }
                std::io::ErrorKind::PermissionDenied => "没有写入权限".to_string(),
                std::io::ErrorKind::NotFound => "所在文件夹不存在".to_string(),
                _ => format!("无法写入:{e}"),
            };
            eprintln!("{path}: {why}");
            io::EXIT_INVALID
        }
    }
}

pub fn template(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["rubric", "output"],
            flags: &["xlsx", "force"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    if !p.flag("xlsx") {
        return io::usage("template 目前只生成 Excel 自评表,请加 --xlsx");
    }
    if !p.positional.is_empty() {
        return io::usage("template 不接受文件参数(细则用 --rubric 指定)");
    }
    let Some(out) = p.value("output") else {
        return io::usage("template 需要 -o 输出文件(如 -o 自评表.xlsx)");
    };
    let rubric = match io::rubric(p.value("rubric")) {
        Ok(r) => r,
        Err(code) => return code,
    };
    write_new(out, &template::template(&rubric), p.flag("force"))
}

pub fn import(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["rubric", "output"],
            flags: &["force"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("import 需要且只需要一个 .xlsx 自评表");
    };
    let rubric = match io::rubric(p.value("rubric")) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let bytes = match io::read_bytes(file) {
        Ok(b) => b,
        Err(e) => return io::invalid(file, &e),
    };
    let imported = import::import(&bytes, &rubric);
    for problem in &imported.problems {
        eprintln!("{file}: {problem}");
    }
    let Some(assessment) = imported.assessment else {
        eprintln!(
            "{file}: 共 {} 处问题,未生成自评表;请修改后重新导入",
            imported.problems.len()
        );
        return io::EXIT_INVALID;
    };
    let text = match serde_json::to_string_pretty(&assessment) {
        Ok(t) => t + "\n",
        Err(e) => {
            eprintln!("cyberduty: 无法输出 JSON:{e}");
            return io::EXIT_INVALID;
        }
    };
    match p.value("output") {
        Some(out) => write_new(out, text.as_bytes(), p.flag("force")),
        None => {
            print!("{text}");
            io::EXIT_OK
        }
    }
}
