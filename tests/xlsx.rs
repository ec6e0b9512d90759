//! The core's XLSX reader against bad and hostile workbooks: every one gets a stable code and a
//! Chinese message, never a panic, and nothing past the 16 MiB input rule is inflated.

mod common;
use common::{doc, small_rubric};
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::xlsx::import::{import, Imported};
use cyberduty::domain::xlsx::template::template;
use cyberduty::domain::xlsx::write::{workbook, Cell, Sheet, Style};
use cyberduty::domain::xlsx::zip;

fn small() -> Rubric {
    Rubric::from_json(&doc(&small_rubric())).unwrap()
}

/// The codes and messages of an import's problems.
fn problems(i: &Imported) -> Vec<(String, String)> {
    i.problems
        .iter()
        .map(|p| (p.code.as_str().to_string(), p.message.clone()))
        .collect()
}

fn only_code(bytes: &[u8]) -> String {
    let i = import(bytes, &small());
    assert!(i.assessment.is_none());
    assert_eq!(i.problems.len(), 1, "{:?}", i.problems);
    i.problems[0].code.as_str().to_string()
}

/// A ZIP with deflated entries (ours writes stored ones; Excel, WPS and openpyxl deflate).
fn deflated_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let (mut out, mut dir) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let offset = out.len() as u32;
        let mut fields = Vec::new();
        for v in [20u16, 0, 8, 0, 0x21] {
            fields.extend_from_slice(&v.to_le_bytes());
        }
        for v in [zip::crc32(data), packed.len() as u32, data.len() as u32] {
            fields.extend_from_slice(&v.to_le_bytes());
        }
        fields.extend_from_slice(&(name.len() as u16).to_le_bytes());
        fields.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&fields);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        dir.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        dir.extend_from_slice(&20u16.to_le_bytes());
        dir.extend_from_slice(&fields);
        dir.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
        dir.extend_from_slice(&0u32.to_le_bytes());
        dir.extend_from_slice(&offset.to_le_bytes());
        dir.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    let n = entries.len() as u16;
    let size = dir.len() as u32;
    out.extend_from_slice(&dir);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, n, n] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn an_empty_template_reads_back_as_an_assessment_without_answers() {
    let i = import(&template(&small()), &small());
    assert_eq!(problems(&i), []);
    let a = i.assessment.unwrap();
    assert_eq!(
        (a.rubric.id.as_str(), a.rubric.version.as_str()),
        ("test.small", "1")
    );
    assert!(a.answers.is_empty());
}

#[test]
fn a_template_of_another_rubric_is_refused_where_the_rubric_is_named() {
    let i = import(&template(&Rubric::default_rubric()), &small());
    assert_eq!(
        problems(&i),
        [(
            "E_ASSESSMENT_RUBRIC_MISMATCH".to_string(),
            "工作表“自评表”第 3 行 B 列:自评表按细则 “cyberduty.default 2026.3” 填写,但提供的细则是 “test.small 1”".to_string()
        )]
    );
}

#[test]
fn files_that_are_not_workbooks() {
    assert_eq!(
        only_code(b"{\"schema\": \"cyberduty.assessment/1\"}"),
        "E_XLSX_ARCHIVE"
    );
    assert_eq!(only_code(b""), "E_XLSX_ARCHIVE");
    let t = template(&small());
    assert_eq!(only_code(&t[..t.len() / 2]), "E_XLSX_ARCHIVE");
    assert_eq!(
        only_code(&deflated_zip(&[("word/document.xml", b"<w/>")])),
        "E_XLSX_ARCHIVE"
    );
    let other = workbook(&[Sheet {
        rows: vec![vec![Cell::text("x")]],
        ..Sheet::new("Sheet1")
    }]);
    let i = import(&other, &small());
    assert_eq!(problems(&i), [(
        "E_XLSX_TEMPLATE".to_string(),
        "工作簿中没有名为“自评表”的工作表:这不是 cyberduty 的自评表模板(请用“下载Excel自评表”得到的文件填写)".to_string()
    )]);
    let big = vec![0u8; cyberduty::domain::json::MAX_INPUT_BYTES + 1];
    assert_eq!(only_code(&big), "E_INPUT_TOO_LARGE");
}

#[test]
fn a_zip_bomb_stops_at_the_input_limit() {
    // 17 MiB of spaces deflate to a few KB; declared honestly, then with a lying size.
    let huge = vec![b' '; 17 << 20];
    let bomb = deflated_zip(&[("xl/workbook.xml", &huge)]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let i = import(&bomb, &small());
    assert_eq!(
        problems(&i),
        [(
            "E_XLSX_TOO_LARGE".to_string(),
            "工作簿解压后超过 16 MiB,不予读取(可能是“压缩炸弹”,或表格远大于自评表所需)".to_string()
        )]
    );
    let mut liar = bomb.clone();
    // The central directory's uncompressed size (offset 24 in its record) says 10 bytes.
    let dir = liar.len() - 22 - (46 + "xl/workbook.xml".len());
    liar[dir + 24..dir + 28].copy_from_slice(&10u32.to_le_bytes());
    assert_eq!(only_code(&liar), "E_XLSX_TOO_LARGE");
}

#[test]
fn xml_with_a_dtd_or_entities_is_refused() {
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><workbook>&lol2;</workbook>";
    let i = import(
        &deflated_zip(&[("xl/workbook.xml", laughs.as_bytes())]),
        &small(),
    );
    assert_eq!(
        problems(&i),
        [(
            "E_XLSX_XML".to_string(),
            "工作簿中的 xl/workbook.xml 含有 DTD 或实体声明,出于安全考虑不予读取".to_string()
        )]
    );
    let entity = "<workbook><sheets><sheet name=\"&xxe;\"/></sheets></workbook>";
    assert_eq!(
        only_code(&deflated_zip(&[("xl/workbook.xml", entity.as_bytes())])),
        "E_XLSX_XML"
    );
}

#[test]
fn a_huge_sheet_stops_at_the_cell_limit() {
    let mut sheet = String::from("<worksheet><sheetData><row r=\"1\">");
    for c in 0..=cyberduty::domain::xlsx::read::MAX_CELLS {
        sheet.push_str(&format!("<c r=\"A{}\"><v>1</v></c>", c + 1));
    }
    sheet.push_str("</row></sheetData></worksheet>");
    let book = "<workbook><sheets><sheet name=\"自评表\" r:id=\"rId1\"/></sheets></workbook>";
    let rels = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    let bytes = deflated_zip(&[
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    assert_eq!(only_code(&bytes), "E_XLSX_TOO_LARGE");
}

#[test]
fn damaged_templates_never_panic() {
    // Every byte position of a small template's structure, overwritten: a code, never a panic.
    let t = template(&small());
    let mut codes = std::collections::BTreeSet::new();
    for (k, at) in (0..t.len()).step_by(t.len() / 400 + 1).enumerate() {
        let mut bad = t.clone();
        bad[at] ^= [0xFF, 0x01, b'<' ^ bad[at]][k % 3];
        let i = import(&bad, &small());
        assert!(i.assessment.is_some() || !i.problems.is_empty());
        codes.extend(i.problems.iter().map(|p| p.code.as_str()));
    }
    // Damage is found by the archive's checksums before any XML is read.
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["E_XLSX_ARCHIVE"]);
}

/// A workbook as another program might leave it: only some columns, in another order, the page's
/// words for yes and no, a level label with spaces around it, a count as a number.
fn hand_made(extra: Vec<Vec<Cell>>) -> Vec<u8> {
    let t = |s: &str| Cell::text(s);
    let mut rows = vec![
        vec![t("考核细则"), t("test.small"), t("1")],
        vec![t("单位名称"), t("=某单位")],
        vec![t("行政层级"), t("county")],
        vec![],
        vec![
            t("编号"),
            t("说明"),
            t("答案"),
            t("不适用原因"),
            t("总数(仅比例题)"),
        ],
        vec![t("org.a"), Cell::Empty, t("已落实")],
        vec![t("org.b"), t("会议纪要见附件"), t(" 分管领导主持 ")],
        vec![
            t("tech.c"),
            Cell::Empty,
            Cell::Empty,
            t("本单位无专职安全员"),
        ],
        vec![
            t("tech.d"),
            Cell::Empty,
            Cell::Num("3".into(), Style::Plain),
        ],
        vec![t("veto.fake"), Cell::Empty, t("未触发")],
        vec![t("bonus.x"), Cell::Empty, t("是")],
    ];
    rows.extend(extra);
    workbook(&[Sheet {
        rows,
        ..Sheet::new("自评表")
    }])
}

#[test]
fn columns_are_found_by_their_headers_and_the_page_words_are_understood() {
    let i = import(&hand_made(Vec::new()), &small());
    assert_eq!(problems(&i), []);
    let got = serde_json::to_value(i.assessment.unwrap()).unwrap();
    assert_eq!(
        got,
        serde_json::json!({
            "schema": "cyberduty.assessment/1",
            "rubric": {"id": "test.small", "version": "1"},
            // The formula guard the writer added is taken off again.
            "unit": {"name": "=某单位", "level": "county"},
            "answers": {
                "org.a": {"met": true},
                "org.b": {"level": 1, "note": "会议纪要见附件"},
                "tech.c": {"na": "本单位无专职安全员"},
                "tech.d": {"count": 3},
                "veto.fake": {"triggered": false},
                "bonus.x": {"met": true}
            }
        })
    );
}

#[test]
fn an_id_twice_and_an_unknown_id_are_reported_at_their_rows() {
    let t = |s: &str| Cell::text(s);
    let i = import(
        &hand_made(vec![
            vec![t("org.a"), Cell::Empty, t("否")],
            vec![t("org.zz"), Cell::Empty, t("是")],
            vec![Cell::Empty, Cell::Empty, t("是")],
        ]),
        &small(),
    );
    assert!(i.assessment.is_none());
    assert_eq!(
        problems(&i),
        [
            (
                "E_XLSX_TEMPLATE".into(),
                "工作表“自评表”第 12 行 A 列:编号“org.a”与第 6 行重复".into()
            ),
            (
                "E_ANSWER_UNKNOWN_ID".into(),
                "工作表“自评表”第 13 行 A 列:细则中没有编号为 “org.zz” 的指标、否决项或加分项"
                    .into()
            ),
            (
                "E_XLSX_TEMPLATE".into(),
                "工作表“自评表”第 14 行 A 列:这一行填写了答案但没有编号,无法对应到指标".into()
            ),
        ]
    );
}

/// The parts of a workbook, read with our own archive reader.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::Archive::open(bytes, usize::MAX).unwrap();
    let names: Vec<String> = a.entries.iter().map(|e| e.name.clone()).collect();
    names
        .into_iter()
        .map(|n| {
            let data = a.read(&n).unwrap().unwrap();
            (n, data)
        })
        .collect()
}

#[test]
fn hostile_sheet_xml_behind_valid_checksums_never_panics() {
    // The damage the checksums would catch, re-zipped so it reaches the XML reader and the import:
    // the sheet cut short at many places, and markup characters dropped into it.
    let t = template(&small());
    let parts = parts(&t);
    let sheet = &parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1;
    let mut codes = std::collections::BTreeSet::new();
    for (k, at) in (0..sheet.len()).step_by(sheet.len() / 150 + 1).enumerate() {
        let mut bad = sheet.clone();
        match k % 3 {
            0 => bad.truncate(at),
            1 => bad.insert(at, b'<'),
            _ => bad[at] = b'&',
        }
        let entries: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, d)| {
                (
                    n.as_str(),
                    if n.ends_with("sheet1.xml") {
                        &bad[..]
                    } else {
                        &d[..]
                    },
                )
            })
            .collect();
        let i = import(&deflated_zip(&entries), &small());
        assert!(i.assessment.is_some() || !i.problems.is_empty());
        codes.extend(i.problems.iter().map(|p| p.code.as_str()));
    }
    assert!(codes.contains("E_XLSX_XML"), "{codes:?}");
    // A cut-short rubric id is the core's own E_FIELD_EMPTY, at the 考核细则 row.
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        ["E_FIELD_EMPTY", "E_XLSX_TEMPLATE", "E_XLSX_XML"]
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any note an inspector types (XML markup, quotes, emoji, a leading `=` the formula guard
    /// defuses) comes back exactly; only surrounding spaces are trimmed.
    #[test]
    fn notes_round_trip(note in "[^\\x00-\\x1f\\x7f\\s]([^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]{0,40}[^\\x00-\\x1f\\x7f\\s])?") {
        let t = |s: &str| Cell::text(s);
        let book = workbook(&[Sheet {
            rows: vec![
                vec![t("考核细则"), t("test.small"), t("1")],
                vec![t("编号"), t("答案"), t("说明")],
                vec![t("org.a"), t("是"), t(&note)],
            ],
            ..Sheet::new("自评表")
        }]);
        let i = import(&book, &small());
        proptest::prop_assert_eq!(problems(&i), vec![]);
        let a = i.assessment.unwrap();
        proptest::prop_assert_eq!(a.answers["org.a"].note.as_deref(), Some(note.as_str()));
    }
}
