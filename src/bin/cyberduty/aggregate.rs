//! `cyberduty aggregate`: check a batch of exports (files or folders, read recursively) and print
//! the outcome of every file, the ranking, the statistics and the weakest items.

use crate::args::{self, Spec};
use crate::io;
use cyberduty::domain::aggregate::{self, Aggregate, Batch, Checked, Input, Role};
use cyberduty::domain::exact::fixed2;
use cyberduty::domain::vocabulary::file_status_name;
use cyberduty::{Code, Error};
use rayon::prelude::*;
use std::ffi::OsString;
use std::fmt::Write;
use std::path::Path;

/// How many of the weakest items the text output lists (JSON and CSV carry all).
const WEAKEST_SHOWN: usize = 10;

pub fn run(a: Vec<OsString>) -> i32 {
    let p = match args::parse(
        a,
        &Spec {
            values: &["rubric", "previous", "xlsx", "roster"],
            flags: &["json", "csv", "trends-csv"],
        },
    ) {
        Ok(p) => p,
        Err(m) => return io::usage(&m),
    };
    if p.positional.is_empty() {
        return io::usage("aggregate 需要至少一个上报文件或文件夹");
    }
    if [p.flag("json"), p.flag("csv"), p.flag("trends-csv")]
        .iter()
        .filter(|f| **f)
        .count()
        > 1
    {
        return io::usage("--json、--csv 和 --trends-csv 只能选一个");
    }
    let mut batch = match io::rubric(p.value("rubric")) {
        Ok(r) => Batch::with_rubric(r),
        Err(code) => return code,
    };
    if let Some(path) = p.value("roster") {
        match io::read_doc(path).and_then(|d| cyberduty::domain::roster::Roster::from_json(&d)) {
            Ok(r) => batch.set_roster(r),
            Err(e) => return io::invalid(path, &e),
        }
    }

    let current: Vec<Source> = p.positional.iter().flat_map(|p| sources(p)).collect();
    let previous: Vec<Source> = p.all("previous").into_iter().flat_map(sources).collect();
    let readable = check_all(&mut batch, current, Role::Current);
    check_all(&mut batch, previous, Role::Previous);
    let (result, workbook) = match p.value("xlsx") {
        Some(_) => {
            let (r, x) = batch.finish_with_xlsx();
            (r, Some(x))
        }
        None => (batch.finish(), None),
    };
    if let (Some(path), Some(bytes)) = (p.value("xlsx"), workbook) {
        if crate::xlsx::write_new(path, &bytes, true) != io::EXIT_OK {
            return io::EXIT_INVALID;
        }
    }

    let code = if readable == 0 {
        eprintln!("cyberduty: 没有读到任何上报文件(文件夹中只读取 .json 文件)");
        io::EXIT_INVALID
    } else {
        io::EXIT_OK
    };
    if p.flag("json") {
        let printed = io::print_json(&result);
        return code.max(printed);
    }
    if p.flag("trends-csv") {
        print!("{}", aggregate::trends_csv(&result));
    } else if p.flag("csv") {
        print!("{}", aggregate::csv(&result));
    } else {
        print!("{}", render(&result));
    }
    code
}

/// A file to check: its path, or a folder that could not be read.
enum Source {
    File(String),
    Failed(Input),
}

/// Read and check every source on all cores (each file read and checked where it is taken up, so
/// only the files in flight are in memory), then take them into the batch in the order given: the
/// report is the one a single thread makes. Returns how many files could be read.
fn check_all(batch: &mut Batch, sources: Vec<Source>, role: Role) -> usize {
    let checked: Vec<(bool, Checked)> = sources
        .into_par_iter()
        .map(|s| {
            let input = match s {
                Source::Failed(input) => input,
                Source::File(f) => {
                    let content = io::read_bytes(&f);
                    Input { name: f, content }
                }
            };
            (input.content.is_ok(), batch.check(input, role))
        })
        .collect();
    let readable = checked.iter().filter(|(ok, _)| *ok).count();
    for (_, c) in checked {
        batch.take(c);
    }
    readable
}

/// The files a path stands for: the file itself, or every file under a folder (recursively,
/// sorted by name, not following links to folders) that the core's `batch_takes` rule takes.
/// Files are size-checked when read.
fn sources(path: &str) -> Vec<Source> {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let root = Path::new(path);
    if std::fs::metadata(root).is_ok_and(|m| m.is_dir()) {
        collect(root, root, &mut files, &mut failed);
    } else {
        files.push(path.to_string());
    }
    let failed = failed.into_iter().map(Source::Failed);
    failed.chain(files.into_iter().map(Source::File)).collect()
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>, failed: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failed.push(Input::failed(
                dir.to_string_lossy().into_owned(),
                Error::new(Code::FileUnreadable, "$", format!("无法读取文件夹:{e}")),
            ));
            return;
        }
    };
    // The entry's own type comes with the listing on most file systems: only links and entries of
    // unknown type cost a `stat` each (two per file before: seconds at 100,000 files, on one core).
    let mut children: Vec<_> = entries
        .filter_map(|e| e.ok())
        .filter(|e| aggregate::batch_enters(&e.file_name().to_string_lossy()))
        .map(|e| (e.path(), e.file_type().ok()))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (child, kind) in children {
        let relative = child.strip_prefix(root).unwrap_or(&child);
        let relative: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let (link, dir) = match kind {
            Some(k) if k.is_symlink() => {
                (true, std::fs::metadata(&child).is_ok_and(|m| m.is_dir()))
            }
            Some(k) => (false, k.is_dir()),
            None => (
                std::fs::symlink_metadata(&child).is_ok_and(|m| m.file_type().is_symlink()),
                std::fs::metadata(&child).is_ok_and(|m| m.is_dir()),
            ),
        };
        if link && dir {
            continue;
        }
        if dir {
            collect(root, &child, files, failed);
        } else if aggregate::batch_takes(&relative.join("/")) {
            files.push(child.to_string_lossy().into_owned());
        }
    }
}

fn render(a: &Aggregate) -> String {
    let mut s = String::new();
    let f = &a.summary.files;
    let _ = writeln!(
        s,
        "上报文件汇总分析 — 参照细则 {} {}(核对码 {})",
        a.reference.id,
        a.reference.version,
        cyberduty::domain::export::check_code(&a.reference.digest)
    );
    let _ = writeln!(
        s,
        "文件共 {} 个:接收 {},退回 {},重复 {}",
        a.files.len(),
        f.accepted,
        f.rejected,
        f.duplicate
    );

    let _ = writeln!(
        s,
        "发送单位:{}",
        aggregate::sender_words(a.summary.senders_verified)
    );
    if let Some(missing) = &a.summary.missing {
        let names: Vec<String> = missing
            .iter()
            .map(|m| format!("{}({})", m.name, m.code))
            .collect();
        let _ = writeln!(
            s,
            "{} {} 个单位{}{}",
            aggregate::MISSING,
            missing.len(),
            if names.is_empty() { "" } else { ":" },
            names.join("、")
        );
    }

    let _ = writeln!(s, "\n一、文件检查结果");
    let mut ok = 0;
    for o in &a.files {
        if o.code == "OK" {
            ok += 1;
            continue;
        }
        let status = file_status_name(o.status);
        let previous = if o.role == aggregate::Role::Previous {
            "(上期)"
        } else {
            ""
        };
        let at = if o.at.is_empty() {
            String::new()
        } else {
            format!(" {}", o.at)
        };
        let _ = writeln!(
            s,
            "  [{status}] {}{previous}  {}{at}:{}",
            o.path, o.code, o.message
        );
    }
    if ok > 0 {
        let _ = writeln!(s, "  其余 {ok} 个文件检查通过,已接收");
    }

    let _ = writeln!(s, "\n二、排名(按总分从高到低,同分同名次)");
    if a.units.is_empty() {
        let _ = writeln!(s, "  (没有可排名的单位)");
    }
    for u in &a.units {
        let mut flags = Vec::new();
        if u.vetoed {
            flags.push("一票否决".to_string());
        }
        if !u.complete {
            flags.push(format!("未完成 {} 项", u.missing));
        }
        if let Some(n) = u.overdue.filter(|n| *n > 0) {
            flags.push(format!("逾期整改 {n} 项"));
        }
        if let Some(c) = &u.change {
            let sign = if c.delta.0 > 0 { "+" } else { "" };
            flags.push(format!(
                "较上期({}) {sign}{}",
                c.previous_period,
                fixed2(c.delta.0)
            ));
        }
        let _ = writeln!(
            s,
            "  {:>4}  {:>7}  {}  {}({},{})  核对码 {}{}",
            u.rank,
            fixed2(u.total.0),
            u.grade,
            u.name.as_deref().unwrap_or("未填写名称"),
            u.code,
            u.period,
            u.check_code,
            if flags.is_empty() {
                String::new()
            } else {
                format!("  [{}]", flags.join(";"))
            }
        );
    }

    let m = &a.summary;
    let _ = writeln!(s, "\n三、统计");
    let _ = writeln!(
        s,
        "  单位 {} 个(其中自评未完成 {} 个);考核期:{}",
        m.count,
        m.incomplete,
        if m.periods.is_empty() {
            "—".to_string()
        } else {
            m.periods.join("、")
        }
    );
    let n = |c: Option<cyberduty::domain::exact::Cents>| c.map_or("—".into(), |c| fixed2(c.0));
    let _ = writeln!(
        s,
        "  平均分 {}  中位数 {}  最高 {}  最低 {}  标准差(总体){}",
        n(m.mean),
        n(m.median),
        n(m.max),
        n(m.min),
        n(m.std_dev_population)
    );
    let grades: Vec<String> = m
        .grades
        .iter()
        .map(|g| format!("{} {}", g.name, g.count))
        .collect();
    let _ = writeln!(s, "  等次分布:{}", grades.join(","));
    if m.vetoed.is_empty() {
        let _ = writeln!(s, "  一票否决:无");
    } else {
        let _ = writeln!(s, "  一票否决:{} 个单位", m.vetoed.len());
        for v in &m.vetoed {
            let _ = writeln!(
                s,
                "    {}({},{}):{}",
                v.name.as_deref().unwrap_or("未填写名称"),
                v.code,
                v.period,
                v.vetoes.join(";")
            );
        }
    }
    let _ = writeln!(s, "  各维度平均达成率:");
    for d in &m.dimensions {
        let _ = writeln!(
            s,
            "    {}  {}({} 个单位适用)",
            d.title,
            d.mean_attainment
                .map_or("—".into(), |x| format!("{}%", fixed2(x.0))),
            d.units
        );
    }
    if let Some(c) = &m.changes {
        let _ = writeln!(
            s,
            "  较上期:上升 {},下降 {},持平 {},无上期数据 {}",
            c.improved, c.declined, c.unchanged, c.without_previous
        );
    }

    let _ = writeln!(
        s,
        "\n四、共性薄弱指标(平均失分比例最高的 {WEAKEST_SHOWN} 项)"
    );
    for (i, it) in a
        .items
        .iter()
        .filter(|it| it.units_lost > 0)
        .take(WEAKEST_SHOWN)
        .enumerate()
    {
        let dim = m
            .dimensions
            .iter()
            .find(|d| d.id == it.dimension)
            .map_or(it.dimension.as_str(), |d| d.title.as_str());
        let _ = writeln!(
            s,
            "  {:>2}. {}({dim},{} 分):平均失分 {},{}/{} 个单位失分",
            i + 1,
            it.title,
            fixed2(it.points.0),
            it.mean_lost_percent
                .map_or("—".into(), |x| format!("{}%", fixed2(x.0))),
            it.units_lost,
            it.applicable
        );
    }
    if a.items.iter().all(|it| it.units_lost == 0) {
        let _ = writeln!(s, "  (各单位均未失分)");
    }
    if let Some(t) = &a.trends {
        render_trends(&mut s, t);
    }
    s
}

fn render_trends(s: &mut String, t: &aggregate::Trends) {
    let _ = writeln!(s, "\n五、历年趋势(考核期:{})", t.periods.join("、"));
    let _ = writeln!(s, "  各维度平均达成率:");
    for d in &t.dimensions {
        let v: Vec<String> = d
            .values
            .iter()
            .map(|v| v.map_or("—".into(), |x| format!("{}%", fixed2(x.0))))
            .collect();
        let _ = writeln!(s, "    {}  {}", d.title, v.join(" → "));
    }
    let _ = writeln!(s, "  连续失分(连续两期及以上失分的指标):");
    if t.lost_running.is_empty() {
        let _ = writeln!(s, "    (无)");
    }
    for l in &t.lost_running {
        let _ = writeln!(
            s,
            "    {}({}):{}  {}{}",
            l.name.as_deref().unwrap_or("未填写名称"),
            l.code,
            l.title,
            l.periods.join("、"),
            if l.ongoing { "(仍在失分)" } else { "" }
        );
    }
}
