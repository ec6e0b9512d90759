//! The `cyberduty` command: a thin shell over the core. It parses arguments, reads files, calls
//! the core and prints text or JSON; every rule lives in the library.

// The CLI is native only; on wasm32 (where `cargo test --test wasm` still builds every binary)
// it compiles to nothing.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

mod aggregate;
mod args;
mod classify;
mod export;
mod io;
mod keys;
mod ledger;
mod next;
mod propose;
mod roster;
mod rubric;
mod score;
mod xlsx;

use std::ffi::OsString;

// mimalloc instead of glibc's malloc: `aggregate` allocates and frees JSON trees per file on every
// core (measured in benches/HISTORY.md, issue 13 round 2).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const HELP: &str = "\
cyberduty — 党委(党组)网络安全工作责任制:考核打分、事件研判、上报汇总

用法:
  cyberduty rubric
      输出内置的默认考核细则(cyberduty.rubric/1 JSON)。
  cyberduty validate 文件 [--rubric 细则文件]
      检查一个考核细则、自评表(按 --rubric 指定的细则,缺省为默认细则)、事件文件、上报文件、
      单位公钥或考核单位名单是否合规
      (上报文件:摘要、重新计分,给出 --rubric 时还核对是否使用该细则)。
  cyberduty score 自评表 [--rubric 细则文件] [--what-if] [--json]
      按细则为自评表打分,逐项说明失分原因;--json 输出 cyberduty.score/1。
      --what-if 另给出升到上一等次最少需要改进哪几项(项数最少,其次加分最少;不涉及否决项、
      不适用和加分项);与 --json 同用时输出 cyberduty.whatif/1。
  cyberduty classify 事件文件 [--policy 政策文件] [--json]
      对照《实施办法》第八条七种情形研判事件,给出责任追究、事件分级和报告时限;
      --json 输出 cyberduty.classification/1。
  cyberduty classify 事件文件 … [--as-of 日期或时间]
      --as-of 为当前时间(如 2026-03-01 或 2026-03-01T09:00:00+08:00),据此判断首报、续报、
      事件处置总结报告(处置结束后 30 日内)和向公安机关报案是否已报送、待报送或已逾期。
  cyberduty propose 事件文件 [--ledger 整改台账 --as-of 日期] [--policy 政策文件] [--json]
      符合第八条情形时起草问责建议书(草稿,cyberduty.proposal/1):事实、所符合的情形、逐级倒查、
      按第九条划分所填人员的责任、从轻情节、收件党组织和纪委(纪检组)、落款;不符合时说明原因
      (E_PROPOSAL_NOT_MET)。
  cyberduty export 自评表 [--rubric 细则文件] [--incident 事件文件]… [-o 文件或文件夹] [--force]
          [--generated-at 时间]
      生成报送干部主管部门的上报文件(cyberduty.export/1):含细则、自评表、得分、本期事件研判结果和
      SM3 摘要;否决项 \"auto\":\"article8\" 按所附事件自动判定。--incident 可重复;缺省文件名为
      <统一社会信用代码>_<考核期>_<摘要前 8 位>.cyberduty.json,已存在时不覆盖(除非 --force);
      --generated-at 为 UTC 时间(如 2026-01-15T08:00:00Z),缺省为当前时间。
  cyberduty aggregate [--rubric 参照细则] [--previous 上期文件或文件夹]… 文件或文件夹… [--json | --csv]
          [--xlsx 输出文件]
      汇总各单位上报文件:逐个检查(格式、摘要、按答案重新计分、是否使用参照细则(缺省为默认细则)、
      第八条否决项是否与事件一致、同一单位同一考核期去重),给出排名、统计和共性薄弱指标;
      --previous 给出上期文件以计算变化(可重复)。文件夹递归读取其中的 .json 文件。
      --json 输出 cyberduty.aggregate/1;--csv 输出 UTF-8(带 BOM)表格,可直接用 Excel/WPS 打开。
      --xlsx 另写 Excel 工作簿(排名、共性薄弱指标、文件核验、各单位明细)。
      有文件被退回时仍返回 0(结果中逐个说明);一个文件也读不到或参照细则无效时返回 1。
  cyberduty ledger 整改台账 [--as-of 日期] [--json]
      按日期(缺省为北京时间今天,格式 2026-03-01)检查整改台账(cyberduty.rectification/1):逐项给出
      整改中 / 即将到期 / 逾期 / 已整改 / 已反馈,并据台账判定第八条第(五)项「对有关部门通报的问题和
      风险隐患不及时整改并造成严重后果」;--json 输出台账及检查结果。
  cyberduty score 自评表 --ledger 整改台账 [--as-of 日期] [--json]
      按整改台账(考核期内有关部门通报的项数、未按期整改反馈的项数)给出细则中标有 from_ledger 的
      指标的建议作答,逐项说明依据;只给建议,不修改自评表。
  cyberduty export … --ledger 整改台账
      上报文件附带整改台账(写为 cyberduty.export/2,未签名也可);汇总时显示各单位逾期整改项数。
  cyberduty export … --policy 政策文件
      按本地区政策文件(同 classify --policy)研判所附事件,自动否决项据此判定;文件中记录所用政策。
  cyberduty aggregate … --trends-csv
      给出多个上期(--previous 可重复)时,按考核期输出各单位总分、维度达成率和指标得分率及连续失分期数。
  cyberduty next 自评表 --period 下一考核期 [--rubric 细则文件] [-o 文件] [--force]
      开始下一考核期:保留单位,清空全部作答,上期备注和证明材料名称保留在 carried 中供参考。
  cyberduty next-ledger 整改台账 [-o 文件] [--force]
      结转整改台账:已反馈(已办结)的事项不再结转,其余事项原样保留。
  cyberduty template --xlsx [--rubric 细则文件] -o 自评表.xlsx [--force]
      生成 Excel 自评表模板:单位和考核期信息在上方,每个指标、否决项和加分项一行,列出维度、依据、
      检查方法和可填答案(分档和是否题为下拉列表),供在 Excel 或 WPS 中填写。
  cyberduty import 自评表.xlsx [--rubric 细则文件] [-o assessment.json] [--force]
      读回填好的 Excel 自评表,按细则逐项检查,输出 cyberduty.assessment/1(缺省输出到标准输出);
      有问题时逐个列出(工作表、行、列和原因),不生成文件,返回 1。
  cyberduty keygen --unit 统一社会信用代码 --name 单位名称 -o 密钥文件 [--force]
      生成单位 SM2 密钥(cyberduty.key/1,私钥用口令经 SM4 加密)。口令取环境变量
      CYBERDUTY_PASSPHRASE,未设置时在终端输入(不回显)。
  cyberduty pubkey 密钥文件
      输出向干部主管部门登记的公钥(cyberduty.pubkey/1)。
  cyberduty export … --key 密钥文件
      用单位密钥签名,生成 cyberduty.export/2(SM2 签名)。
  cyberduty roster new --csv 名单.csv --authority 干部主管部门 [--period 考核期] -o 名单文件 [--force]
      由“统一社会信用代码,单位名称”CSV(UTF-8,可带 BOM)生成考核单位名单(cyberduty.roster/1)。
  cyberduty roster add-key 名单文件 公钥文件… [--valid-from 时间] [--valid-until 时间]
      把单位公钥登记到名单(按公钥文件中的单位代码),直接改写名单文件。
  cyberduty aggregate … --roster 名单文件
      按名单核验发送单位:只接收名单内单位用已登记密钥签名的文件,并列出未上报单位。
  cyberduty --version | --help

退出码:0 成功;1 输入文件有误(错误代码、位置和原因写到标准错误);2 用法错误。
单个输入文件最大 16 MiB,超过的文件不读取(E_INPUT_TOO_LARGE)。
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
        "export" => export::run(args),
        "aggregate" => aggregate::run(args),
        "ledger" => ledger::run(args),
        "propose" => propose::run(args),
        "next" => next::assessment(args),
        "next-ledger" => next::ledger(args),
        "template" => xlsx::template(args),
        "import" => xlsx::import(args),
        "keygen" => keys::keygen(args),
        "pubkey" => keys::pubkey(args),
        "roster" => roster::run(args),
        other => io::usage(&format!("不认识的命令 “{other}”")),
    }
}
