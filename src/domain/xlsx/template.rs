//! The assessment template (自评表.xlsx): the unit and period on top, then one row per item, veto
//! and bonus with what an inspector needs to answer it, and yellow cells for the answers. Levels
//! and yes/no answers are chosen from lists; a hidden sheet holds each item's level labels (an
//! inline list cannot hold commas, nor more than 255 characters). [`super::import`] reads it back.

use super::write::{column_name, workbook, Cell, Sheet, Style, Validation};
use crate::domain::assessment::Level;
use crate::domain::exact::{fixed2, Cents};
use crate::domain::rubric::{Item, Method, Rubric};
use crate::domain::vocabulary::vocabulary;

pub const SHEET: &str = "自评表";
pub const OPTIONS: &str = "选项";
pub const YES: &str = "是";
pub const NO: &str = "否";

/// The labels of the fields above the table, in the order written (column A; values in B).
pub const RUBRIC: &str = "考核细则";
pub const NAME: &str = "单位名称";
pub const CODE: &str = "统一社会信用代码";
pub const LEVEL: &str = "行政层级";
pub const REGION: &str = "所在地区";
pub const PERIOD: &str = "考核期";
pub const ASSESSOR: &str = "填表人";
pub const FIELDS: [&str; 7] = [RUBRIC, NAME, CODE, LEVEL, REGION, PERIOD, ASSESSOR];

/// The table's columns. Import finds them by these headers, so reordering columns is harmless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Id,
    Kind,
    Dimension,
    Title,
    Points,
    Method,
    Allowed,
    Answer,
    Total,
    Na,
    Note,
    Evidence,
    Basis,
    Guide,
}

impl Col {
    pub const ALL: [Col; 14] = [
        Col::Id,
        Col::Kind,
        Col::Dimension,
        Col::Title,
        Col::Points,
        Col::Method,
        Col::Allowed,
        Col::Answer,
        Col::Total,
        Col::Na,
        Col::Note,
        Col::Evidence,
        Col::Basis,
        Col::Guide,
    ];

    pub fn header(self) -> &'static str {
        match self {
            Col::Id => "编号",
            Col::Kind => "类别",
            Col::Dimension => "维度",
            Col::Title => "指标",
            Col::Points => "分值",
            Col::Method => "评分方式",
            Col::Allowed => "可填答案",
            Col::Answer => "答案",
            Col::Total => "总数(仅比例题)",
            Col::Na => "不适用原因",
            Col::Note => "说明",
            Col::Evidence => "证明材料(每行一个文件名)",
            Col::Basis => "依据",
            Col::Guide => "检查方法",
        }
    }

    fn width(self) -> u16 {
        match self {
            Col::Id => 18,
            Col::Kind | Col::Points => 7,
            Col::Dimension | Col::Method | Col::Total => 12,
            Col::Title => 36,
            Col::Allowed => 30,
            Col::Answer => 18,
            Col::Na | Col::Evidence => 22,
            Col::Note | Col::Basis => 30,
            Col::Guide => 50,
        }
    }

    pub fn index(self) -> usize {
        Col::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// Row kinds (column 类别).
pub const ITEM: &str = "指标";
pub const VETO: &str = "否决项";
pub const BONUS: &str = "加分项";

/// The label of an answer field of a method, as the page shows it (the core's vocabulary).
pub fn field_label(method: &str, key: &str) -> &'static str {
    vocabulary()
        .methods
        .iter()
        .find(|m| m.kind == method)
        .and_then(|m| m.fields.iter().find(|f| f.key == key))
        .map_or("", |f| f.label)
}

/// The words for true and false of a yes/no answer field, as the page shows them.
pub fn field_words(method: &str, key: &str) -> (Option<&'static str>, Option<&'static str>) {
    vocabulary()
        .methods
        .iter()
        .find(|m| m.kind == method)
        .and_then(|m| m.fields.iter().find(|f| f.key == key))
        .map_or((None, None), |f| (f.true_label, f.false_label))
}

fn method_kind(m: &Method) -> &'static str {
    match m {
        Method::Check => "check",
        Method::Levels { .. } => "levels",
        Method::Ratio => "ratio",
        Method::Deduct { .. } => "deduct",
    }
}

/// How an item is scored and what its answer cell takes.
fn describe(item: &Item) -> (String, String) {
    let kind = method_kind(&item.method);
    let (method, mut allowed) = match &item.method {
        Method::Check => (
            format!("是否题:{}", field_label(kind, "met")),
            format!("{YES} / {NO}(从下拉列表选择)"),
        ),
        Method::Levels { levels } => (
            format!("分档题:{}", field_label(kind, "level")),
            levels
                .iter()
                .map(|l| format!("{}(得 {}% 分值)", l.label, percent(&l.ratio)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Method::Ratio => (
            "比例题:按比例得分".to_string(),
            format!(
                "“答案”填{}、“总数”填{}(整数)",
                field_label(kind, "numerator"),
                field_label(kind, "denominator")
            ),
        ),
        Method::Deduct { per } => (
            format!("扣分题:每次扣 {} 分", fixed2(per.0)),
            format!("{}(整数)", field_label(kind, "count")),
        ),
    };
    if item.na_allowed {
        allowed.push_str("\n不适用时留空答案,填写不适用原因");
    }
    (method, allowed)
}

/// A level's share of the points in percent (`50`, `33.33`), for display only.
fn percent(r: &crate::domain::exact::Exact) -> String {
    let p = fixed2(Cents::of(&(r * crate::domain::exact::from_cents(10_000))).0);
    p.strip_suffix(".00").map_or(p.clone(), str::to_string)
}

/// The first row of the table (1-based); the fields above it start at row 3.
pub const HEADER_ROW: usize = 3 + FIELDS.len() + 1;

/// The template for `rubric` as .xlsx bytes.
pub fn template(rubric: &Rubric) -> Vec<u8> {
    let mut sheet = Sheet::new(SHEET);
    let mut options = Sheet::new(OPTIONS);
    options.hidden = true;
    let title = rubric.title.as_deref().unwrap_or(&rubric.id);
    sheet
        .rows
        .push(vec![Cell::styled(format!("{title} 自评表"), Style::Title)]);
    sheet.rows.push(vec![Cell::styled(
        format!(
            "在黄色单元格中填写。是否题、否决项和分档题从下拉列表选择;比例题“答案”填{}、“总数”填{};不适用的指标留空答案并填写不适用原因。请勿修改“编号”列和“{RUBRIC}”行。",
            field_label("ratio", "numerator"),
            field_label("ratio", "denominator")
        ),
        Style::Plain, // not wrapped: it runs across the empty cells to its right
    )]);
    let level_names: Vec<&str> = Level::ALL.iter().map(|(_, _, zh)| *zh).collect();
    for field in FIELDS {
        let mut row = vec![Cell::styled(field, Style::Header)];
        if field == RUBRIC {
            row.push(Cell::text(&rubric.id));
            row.push(Cell::text(&rubric.version));
        } else {
            row.push(Cell::styled(
                "",
                if field == LEVEL {
                    Style::Input
                } else {
                    Style::InputText
                },
            ));
        }
        if field == LEVEL {
            sheet.validations.push(Validation::inline(
                format!("B{}", sheet.rows.len() + 1),
                &level_names,
            ));
        }
        sheet.rows.push(row);
    }
    sheet.rows.push(Vec::new());
    sheet.rows.push(
        Col::ALL
            .iter()
            .map(|c| Cell::styled(c.header(), Style::Header))
            .collect(),
    );
    sheet.widths = Col::ALL.iter().map(|c| c.width()).collect();
    sheet.frozen_rows = HEADER_ROW;
    sheet.filter_row = HEADER_ROW;

    let answer = column_name(Col::Answer.index());
    let mut yes_no = Vec::new();
    let mut push = |sheet: &mut Sheet,
                    kind: &str,
                    dim: &str,
                    item: Option<&Item>,
                    id: &str,
                    title: &str,
                    basis: &Option<String>,
                    guide: &Option<String>| {
        let r = sheet.rows.len() + 1;
        let (method, allowed) = match item {
            Some(i) => describe(i),
            None => (
                format!("否决项:{}", field_label("veto", "triggered")),
                format!("{YES} / {NO}(“{YES}”即一票否决)"),
            ),
        };
        let mut row = vec![Cell::Empty; Col::ALL.len()];
        let mut set = |c: Col, cell: Cell| row[c.index()] = cell;
        set(Col::Id, Cell::text(id));
        set(Col::Kind, Cell::text(kind));
        set(Col::Dimension, Cell::styled(dim, Style::Wrap));
        set(Col::Title, Cell::styled(title, Style::Wrap));
        if let Some(i) = item {
            set(Col::Points, Cell::Num(fixed2(i.points.0), Style::Fixed2));
        }
        set(Col::Method, Cell::styled(method, Style::Wrap));
        set(Col::Allowed, Cell::styled(allowed, Style::Wrap));
        for c in [Col::Answer, Col::Note, Col::Evidence] {
            set(c, Cell::styled("", Style::Input));
        }
        if matches!(item.map(|i| &i.method), Some(Method::Ratio)) {
            set(Col::Total, Cell::styled("", Style::Input));
        }
        if item.is_some_and(|i| i.na_allowed) {
            set(Col::Na, Cell::styled("", Style::Input));
        }
        set(
            Col::Basis,
            Cell::styled(basis.as_deref().unwrap_or(""), Style::Wrap),
        );
        set(
            Col::Guide,
            Cell::styled(guide.as_deref().unwrap_or(""), Style::Wrap),
        );
        sheet.rows.push(row);
        match item.map(|i| &i.method) {
            None | Some(Method::Check) => yes_no.push(format!("{answer}{r}")),
            Some(Method::Levels { levels }) => {
                let k = options.rows.len() + 1;
                let mut o = vec![Cell::text(id)];
                o.extend(levels.iter().map(|l| Cell::text(&l.label)));
                options.rows.push(o);
                sheet.validations.push(Validation {
                    sqref: format!("{answer}{r}"),
                    formula: format!("'{OPTIONS}'!$B${k}:${}${k}", column_name(levels.len())),
                });
            }
            _ => {}
        }
    };
    for (d, i) in rubric.items() {
        let dim = d.title.as_deref().unwrap_or(&d.id);
        push(
            &mut sheet,
            ITEM,
            dim,
            Some(i),
            &i.id,
            i.label(),
            &i.basis,
            &i.guide,
        );
    }
    for v in &rubric.vetoes {
        push(
            &mut sheet,
            VETO,
            VETO,
            None,
            &v.id,
            v.label(),
            &v.basis,
            &v.guide,
        );
    }
    for b in &rubric.bonus {
        push(
            &mut sheet,
            BONUS,
            BONUS,
            Some(b),
            &b.id,
            b.label(),
            &b.basis,
            &b.guide,
        );
    }
    if !yes_no.is_empty() {
        sheet
            .validations
            .push(Validation::inline(yes_no.join(" "), &[YES, NO]));
    }
    let mut sheets = vec![sheet];
    if !options.rows.is_empty() {
        sheets.push(options);
    }
    workbook(&sheets)
}
