"""Fill cyberduty's Excel template as an inspector would, with openpyxl (a third-party XLSX library).

usage: fill.py RUBRIC.json TEMPLATE.xlsx OUT.xlsx OUT.json good|bad

good: answers every item but one, by method, the way people type: levels picked from the list,
      counts typed as text, a denominator as text, one N/A with its reason, notes and evidence;
      writes the equivalent cyberduty.assessment/1 to OUT.json.
bad:  the mistakes tests/xlsx_openpyxl.rs expects, one per row.
"""
import json
import sys

import openpyxl

rubric_path, template, out_xlsx, out_json, mode = sys.argv[1:6]
rubric = json.load(open(rubric_path, encoding="utf-8"))
wb = openpyxl.load_workbook(template)
ws = wb["自评表"]
header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "编号")
col = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
rows = {ws.cell(r, 1).value: r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 1).value}
# The level labels as the dropdown offers them: the hidden sheet the validation points at.
options = {r[0]: list(r[1:]) for r in wb["选项"].iter_rows(values_only=True)}


def put(id_, name, value):
    ws.cell(rows[id_], col[name]).value = value


if mode == "bad":
    fields = {ws.cell(r, 1).value: r for r in range(1, header)}
    ws.cell(fields["行政层级"], 2).value = "市级"
    put("org.roles", "答案", "也许")  # not 是/否
    put("org.agenda", "答案", "研究过")  # not a level
    put("org.leader", "说明", "只写了说明")  # a note without an answer
    put("org.body", "不适用原因", "无")  # N/A on an item that does not allow it
    put("org.officers", "答案", "8")
    put("org.officers", "总数(仅比例题)", "五")  # not a whole number
    put("tech.notified", "答案", 1.5)  # not a whole number
    ws.cell(rows["tech.vulns"], ws.max_column + 1).value = "写到了表外"
    put("policy.nda", "答案", 9)
    put("policy.nda", "总数(仅比例题)", 4)  # numerator > denominator (the core's rule)
    wb.save(out_xlsx)
    sys.exit(0)

items = [(d, i) for d in rubric["dimensions"] for i in d["items"]]
answers = {}
na_done = False
unanswered = "edu.awareness"
for k, (_, item) in enumerate(items + [(None, b) for b in rubric["bonus"]]):
    id_, m = item["id"], item["method"]
    if id_ == unanswered:
        continue
    if item.get("na_allowed") and not na_done:
        put(id_, "不适用原因", "本单位无此类系统")
        answers[id_] = {"na": "本单位无此类系统"}
        na_done = True
        continue
    if m["kind"] == "check":
        met = k % 3 != 0
        put(id_, "答案", "是" if met else "否")
        answers[id_] = {"met": met}
    elif m["kind"] == "levels":
        level = k % len(m["levels"])
        put(id_, "答案", options[id_][level])
        assert options[id_][level] == m["levels"][level]["label"]
        answers[id_] = {"level": level}
    elif m["kind"] == "ratio":
        num, den = k % 5, 5
        put(id_, "答案", num)
        put(id_, "总数(仅比例题)", str(den))  # a number typed as text
        answers[id_] = {"numerator": num, "denominator": den}
    elif m["kind"] == "deduct":
        count = k % 3
        put(id_, "答案", str(count) if k % 2 else count)
        answers[id_] = {"count": count}
    if k % 7 == 0:
        put(id_, "说明", f"第 {k} 项说明")
        answers[id_]["note"] = f"第 {k} 项说明"
    if k == 1:
        put(id_, "证明材料(每行一个文件名)", "会议纪要.pdf\n责任清单.docx")
        answers[id_]["evidence"] = [{"name": "会议纪要.pdf"}, {"name": "责任清单.docx"}]
for v in rubric["vetoes"]:
    put(v["id"], "答案", "否")
    answers[v["id"]] = {"triggered": False}

fields = {ws.cell(r, 1).value: r for r in range(1, header)}
unit = {"单位名称": "某市网信办", "统一社会信用代码": "91350100M000100Y43", "行政层级": "地市级",
        "所在地区": "福建省福州市", "考核期": "2026", "填表人": "考核组"}
for label, value in unit.items():
    ws.cell(fields[label], 2).value = value
wb.save(out_xlsx)
json.dump({
    "schema": "cyberduty.assessment/1",
    "rubric": {"id": rubric["id"], "version": rubric["version"]},
    "unit": {"name": "某市网信办", "code": "91350100M000100Y43", "level": "prefecture", "region": "福建省福州市"},
    "period": "2026",
    "assessor": "考核组",
    "answers": answers,
}, open(out_json, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
