//! `cyberduty roster new` and `cyberduty roster add-key`: the cadre department's roster of the
//! units it assesses (`cyberduty.roster/1`) and their registered public keys.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::document::Kind;
use cyberduty::domain::json::Json;
use cyberduty::domain::roster::Roster;
use cyberduty::domain::sign::pubkey::{fingerprint, PubkeyDoc};
use std::ffi::OsString;
use std::path::Path;

pub fn run(mut a: Vec<OsString>) -> i32 {
    if a.is_empty() {
        return io::usage("roster 需要子命令:new 或 add-key");
    }
    match a.remove(0).to_str().unwrap_or("") {
        "new" => new(a),
        "add-key" => add_key(a),
        other => io::usage(&format!("roster 没有子命令 “{other}”(可用:new、add-key)")),
    }
}

fn new(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["csv", "authority", "period", "output"],
            flags: &["force"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let (Some(csv), Some(authority), Some(out)) =
        (p.value("csv"), p.value("authority"), p.value("output"))
    else {
        return io::usage("roster new 需要 --csv 名单.csv --authority 干部主管部门 -o 名单文件");
    };
    let bytes = match io::read_bytes(csv) {
        Ok(b) => b,
        Err(e) => return io::invalid(csv, &e),
    };
    let roster = match Roster::from_csv(&bytes, authority, p.value("period")) {
        Ok(r) => r,
        Err(e) => return io::invalid(csv, &e),
    };
    if let Err(e) = crate::export::write(Path::new(out), roster.text().as_bytes(), p.flag("force"))
    {
        eprintln!("{out}: {e}");
        return io::EXIT_INVALID;
    }
    println!(
        "已生成考核单位名单:{out}({} 个单位)。各单位登记公钥:cyberduty roster add-key {out} 公钥文件…",
        roster.units().len()
    );
    io::EXIT_OK
}

fn add_key(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["valid-from", "valid-until"],
            flags: &[],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [roster_path, pubkeys @ ..] = p.positional.as_slice() else {
        return io::usage("roster add-key 需要名单文件和至少一个公钥文件");
    };
    if pubkeys.is_empty() {
        return io::usage("roster add-key 需要名单文件和至少一个公钥文件");
    }
    let mut roster = match io::read_doc(roster_path).and_then(|d| Roster::from_json(&d)) {
        Ok(r) => r,
        Err(e) => return io::invalid(roster_path, &e),
    };
    let bound = |name: &str| p.value(name).map(str::to_string);
    for file in pubkeys {
        let added = io::read_doc(file)
            .and_then(|d| PubkeyDoc::from_json(&d))
            .and_then(|pk| {
                let added = roster.add_key(&pk, bound("valid-from"), bound("valid-until"))?;
                Ok((pk, added))
            });
        match added {
            Ok((pk, true)) => println!(
                "{file}: 已登记 {}({})的公钥,指纹 {}",
                pk.unit.name,
                pk.unit.code,
                fingerprint(&pk.key_id)
            ),
            Ok((pk, false)) => println!(
                "{file}: {}({})的这个公钥已登记过,未重复添加",
                pk.unit.name, pk.unit.code
            ),
            Err(e) => return io::invalid(file, &e),
        }
    }
    if let Err(e) = crate::export::write(Path::new(roster_path), roster.text().as_bytes(), true) {
        eprintln!("{roster_path}: {e}");
        return io::EXIT_INVALID;
    }
    io::EXIT_OK
}

/// `validate` for a public key or a roster.
pub fn validate(file: &str, doc: &Json, kind: Kind) -> i32 {
    let checked = if kind == Kind::Pubkey {
        PubkeyDoc::from_json(doc).map(|pk| {
            format!(
                "单位公钥有效({} {},指纹 {})",
                pk.unit.name,
                pk.unit.code,
                fingerprint(&pk.key_id)
            )
        })
    } else {
        Roster::from_json(doc).map(|r| {
            let keyed = r.units().iter().filter(|u| !u.keys.is_empty()).count();
            format!(
                "考核单位名单有效({}:{} 个单位,其中 {keyed} 个已登记公钥)",
                r.authority,
                r.units().len()
            )
        })
    };
    match checked {
        Ok(text) => {
            println!("{file}: {text}");
            io::EXIT_OK
        }
        Err(e) => io::invalid(file, &e),
    }
}
