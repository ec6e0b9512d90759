//! The `cyberduty` command: a thin shell over the core. It parses arguments, reads files, calls
//! the core and prints text or JSON; every rule lives in the library.

// The CLI is native only; on wasm32 (where `cargo test --test wasm` still builds every binary)
// it compiles to nothing.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

mod args;
mod classify;
mod io;
mod rubric;
mod score;

use std::ffi::OsString;

const HELP: &str = "\
cyberduty — 党委(党组)网络安全工作责任制:考核打分、事件研判、上报汇总

用法:
  cyberduty rubric
      输出内置的默认考核细则(cyberduty.rubric/1 JSON)。
  cyberduty validate 文件 [--rubric 细则文件]
      检查一个考核细则、自评表(按 --rubric 指定的细则,缺省为默认细则)或事件文件是否合规。
  cyberduty score 自评表 [--rubric 细则文件] [--json]
      按细则为自评表打分,逐项说明失分原因;--json 输出 cyberduty.score/1。
  cyberduty classify 事件文件 [--json]
      对照《实施办法》第八条七种情形研判事件,给出责任追究、事件分级和报告时限;
      --json 输出 cyberduty.classification/1。
  cyberduty --version | --help

退出码:0 成功;1 输入文件有误(错误代码、位置和原因写到标准错误);2 用法错误。
";

fn main() {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    std::process::exit(run(args));
}

fn run(mut args: Vec<OsString>) -> i32 {
    if args.is_empty() {
        eprint!("{HELP}");
        return io::EXIT_USAGE;
    }
    let command = args.remove(0);
    match command.to_str().unwrap_or("") {
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            io::EXIT_OK
        }
        "-V" | "--version" => {
            println!("cyberduty {}", cyberduty::VERSION);
            io::EXIT_OK
        }
        "rubric" => rubric::print_default(args),
        "validate" => rubric::validate(args),
        "score" => score::run(args),
        "classify" => classify::run(args),
        other => io::usage(&format!("不认识的命令 “{other}”")),
    }
}
