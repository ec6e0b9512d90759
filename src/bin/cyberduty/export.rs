//! `cyberduty export`: seal an assessment (with the period's incidents) into a
//! `cyberduty.export/1` file for the cadre department (`/2`, signed, with `--key`).

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::exact::fixed2;
use cyberduty::domain::export;
use cyberduty::domain::json::Json;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &[
                "rubric",
                "incident",
                "output",
                "generated-at",
                "key",
                "ledger",
                "policy",
            ],
            flags: &["force"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("export 需要且只需要一个自评表文件");
    };
    let rubric = match io::rubric(p.value("rubric")) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let assessment = match io::read_doc(file) {
        Ok(d) => d,
        Err(e) => return io::invalid(file, &e),
    };
    let mut incidents = Vec::new();
    for i in p.all("incident") {
        match io::read_doc(i) {
            Ok(d) => incidents.push(d),
            Err(e) => return io::invalid(i, &e),
        }
    }
    let ledger = match p.value("ledger").map(|l| {
        io::read_doc(l)
            .and_then(|d| cyberduty::domain::rectification::Ledger::from_json(&d))
            .map_err(|e| io::invalid(l, &e))
    }) {
        None => None,
        Some(Ok(l)) => Some(l),
        Some(Err(code)) => return code,
    };
    // A region's policy: the incidents are classified under it, as `classify --policy` does.
    let policy = match p.value("policy").map(|f| {
        io::read_doc(f)
            .and_then(|d| cyberduty::domain::incident::Policy::from_json(&d))
            .map_err(|e| io::invalid(f, &e))
    }) {
        None => None,
        Some(Ok(pol)) => Some(pol),
        Some(Err(code)) => return code,
    };
    let key = match p.value("key").map(crate::keys::load).transpose() {
        Ok(k) => k,
        Err(code) => return code,
    };
    let generated_at = match p.value("generated-at") {
        Some(t) => t.to_string(),
        None => now(),
    };
    let sealed = match Assessment::from_json(&assessment, &rubric).and_then(|a| {
        export::seal_under(
            &rubric,
            &a,
            &incidents,
            ledger.as_ref(),
            policy
                .as_ref()
                .unwrap_or_else(|| cyberduty::domain::incident::Policy::default_policy()),
            &generated_at,
            cyberduty::VERSION,
        )
    }) {
        Ok(s) => s,
        Err(e) => return io::invalid(file, &e),
    };
    let sealed = match &key {
        None => sealed,
        Some(k) => match export::sign_sealed(&sealed, &k.pair, &k.unit.code) {
            Ok(s) => s,
            Err(e) => return io::invalid(file, &e),
        },
    };

    let target = match p.value("output") {
        Some(o) if Path::new(o).is_dir() => Path::new(o).join(&sealed.file_name),
        Some(o) => PathBuf::from(o),
        None => PathBuf::from(&sealed.file_name),
    };
    if let Err(e) = write(&target, sealed.text.as_bytes(), p.flag("force")) {
        eprintln!("{}: {e}", target.display());
        return io::EXIT_INVALID;
    }

    let s = &sealed.score;
    println!("已生成上报文件:{}", target.display());
    println!(
        "单位:{}({})  考核期:{}",
        s.unit.name.as_deref().unwrap_or("未填写名称"),
        s.unit.code.as_deref().unwrap_or_default(),
        s.period.as_deref().unwrap_or_default()
    );
    println!(
        "总分:{}  等次:{}{}",
        fixed2(s.total.0),
        s.grade,
        if s.vetoed { "(触发一票否决)" } else { "" }
    );
    println!("摘要:{}", sealed.digest);
    if let Some(k) = &key {
        println!(
            "已签名:SM2 单位密钥,公钥指纹 {}",
            cyberduty::domain::sign::pubkey::fingerprint(&k.pair.public().key_id)
        );
    }
    println!(
        "核对码:{}(打印的考核报告上显示同一核对码)",
        sealed.check_code
    );
    println!("考核期:{}", sealed.period_check.message);
    for v in &sealed.auto_vetoes {
        println!("否决项 {}:{}", v.veto, v.message);
    }
    if !s.complete {
        println!(
            "注意:自评表尚未完成,{} 项未作答(按 0 分计):{}",
            s.missing.len(),
            s.missing.join("、")
        );
    }
    io::EXIT_OK
}

/// `validate` for an export: every check of `export::open`, against `--rubric` when given (the
/// embedded rubric is otherwise trusted, since one file alone has nothing to compare it with).
pub fn validate(file: &str, doc: &Json, rubric_path: Option<&str>) -> i32 {
    // One file alone has nothing to compare its rubric with: a reference only when one is named.
    let reference = match rubric_path.map(|r| io::rubric(Some(r))).transpose() {
        Ok(r) => r.map(export::Reference::new),
        Err(code) => return code,
    };
    match export::open(doc, reference.as_ref()) {
        Ok(o) => {
            let s = &o.score;
            println!(
                "{file}: 上报文件有效({} {},{},总分 {},{};核对码 {})",
                s.unit.name.as_deref().unwrap_or("未填写名称"),
                s.unit.code.as_deref().unwrap_or_default(),
                s.period.as_deref().unwrap_or_default(),
                fixed2(s.total.0),
                s.grade,
                export::check_code(&o.digest)
            );
            for w in &o.identity.warnings {
                println!("注意 [{}]:{}", w.code.as_str(), w.message);
            }
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}

/// Write `bytes` to `path`, refusing to replace an existing file unless `force`.
pub(crate) fn write(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut f = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => "文件已存在,未覆盖(如需覆盖请加 --force)".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有写入权限".to_string(),
        std::io::ErrorKind::NotFound => "所在文件夹不存在".to_string(),
        _ => format!("无法写入:{e}"),
    })?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("写入失败:{e}"))
}

pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    export::utc_timestamp(secs)
}
