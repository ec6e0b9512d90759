//! `cyberduty keygen` and `cyberduty pubkey`: a unit's SM2 key file and the public key it
//! registers with its cadre department; [`load`] opens a key file for `export --key`.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::sign::keyfile::UnitKey;
use cyberduty::domain::sign::pubkey::{fingerprint, PubkeyDoc};
use std::ffi::OsString;
use std::path::Path;

/// The environment variable a script sets instead of typing the passphrase.
pub const PASSPHRASE_VAR: &str = "CYBERDUTY_PASSPHRASE";

pub fn keygen(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["unit", "name", "output", "generated-at"],
            flags: &["force"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let (Some(code), Some(name), Some(out)) = (p.value("unit"), p.value("name"), p.value("output"))
    else {
        return io::usage("keygen 需要 --unit 统一社会信用代码 --name 单位名称 -o 密钥文件");
    };
    if !p.positional.is_empty() {
        return io::usage("keygen 不接受其他参数");
    }
    let created_at = p
        .value("generated-at")
        .map_or_else(crate::export::now, str::to_string);
    let key = match UnitKey::generate(code, name, &created_at) {
        Ok(k) => k,
        Err(e) => return io::invalid(out, &e),
    };
    let Some(pass) = passphrase(true) else {
        return io::EXIT_INVALID;
    };
    let text = match key.to_file(&pass) {
        Ok(t) => t,
        Err(e) => return io::invalid(out, &e),
    };
    if let Err(e) = crate::export::write(Path::new(out), text.as_bytes(), p.flag("force")) {
        eprintln!("{out}: {e}");
        return io::EXIT_INVALID;
    }
    let pk = key.pair.public();
    println!("已生成单位密钥:{out}(私钥已用口令加密,请妥善保管文件和口令)");
    println!("单位:{}({})", key.unit.name, key.unit.code);
    println!("公钥指纹:{}", fingerprint(&pk.key_id));
    println!("向干部主管部门登记公钥:cyberduty pubkey {out} > 公钥文件.json");
    io::EXIT_OK
}

pub fn pubkey(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &[],
            flags: &[],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    let [file] = p.positional.as_slice() else {
        return io::usage("pubkey 需要且只需要一个密钥文件");
    };
    match load(file) {
        Ok(key) => {
            print!("{}", PubkeyDoc::of(&key).text());
            io::EXIT_OK
        }
        Err(code) => code,
    }
}

/// Open a key file with the passphrase from [`PASSPHRASE_VAR`] or the terminal; prints the
/// error and returns the exit code on failure.
pub fn load(path: &str) -> Result<UnitKey, i32> {
    let bytes = io::read_bytes(path).map_err(|e| io::invalid(path, &e))?;
    let pass = passphrase(false).ok_or(io::EXIT_INVALID)?;
    UnitKey::open(&bytes, &pass).map_err(|e| io::invalid(path, &e))
}

/// The passphrase: the environment variable when set, else typed without echo (twice for a new
/// key). `None` after printing why.
fn passphrase(new: bool) -> Option<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_VAR) {
        return Some(p);
    }
    let ask = |prompt: &str| match rpassword::prompt_password(prompt) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("cyberduty: 无法读取口令({e});可设置环境变量 {PASSPHRASE_VAR}");
            None
        }
    };
    let first = ask(if new {
        "为新密钥设置口令(至少 8 个字符):"
    } else {
        "密钥口令:"
    })?;
    if new && ask("再次输入口令:")? != first {
        eprintln!("cyberduty: 两次输入的口令不一致");
        return None;
    }
    Some(first)
}
