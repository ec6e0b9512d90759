#!/usr/bin/env python3
"""Turns the figures of one `make bench` run into BENCHMARKS.md (goals from issue 13)."""
import json, os, platform, subprocess, sys, datetime

native, cli, browser = (json.load(open(p)) for p in sys.argv[1:4])
js, page, agg = browser["js_api"], browser["page"], browser["browser_aggregate"]


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
ok = lambda cond: "✅" if cond else "❌"
rows = []
r = native["ratio"]
rows.append(("native `aggregate` / serde_json parse-only (`Value`), same bytes, one core",
             f"{r:.2f}× ({native['aggregate_files_per_s']:,.0f} files/s)", "≤ 1.0×", ok(r <= 1.0)))
if "ratio" in agg:
    rows.append(("in-browser `aggregate` / TextDecoder + `JSON.parse`, same bytes", f"{agg['ratio']:.2f}×", "≤ 1.5×", ok(agg["ratio"] <= 1.5)))
else:
    rows.append(("in-browser `aggregate` / TextDecoder + `JSON.parse`, same bytes", "not measured", "≤ 1.5×", "❌"))
s = js["score_default_rubric"]
rows.append(("`score()` through the JS API, default rubric, median / p99", f"{s['median_us']:.0f} / {s['p99_us']:.0f} µs",
             "≤ 100 / 200 µs", ok(s["median_us"] <= 100 and s["p99_us"] <= 200)))
c = js["classify"]
rows.append(("`classify()` through the JS API, median", f"{c['median_us']:.0f} µs", "≤ 100 µs", ok(c["median_us"] <= 100)))
rows.append(("`dist/cyberduty.html` raw / gzip -9", f"{page['raw_bytes']:,} / {page['gzip_bytes']:,} B", "≤ 250,000 / 100,000 B",
             ok(page["raw_bytes"] <= 250_000 and page["gzip_bytes"] <= 100_000)))
rows.append(("navigation → ready over file://, median of 10", f"{page['ready_ms_median']:.0f} ms", "≤ 150 ms", ok(page["ready_ms_median"] <= 150)))
cli_files = cli.get("cli_files", native["files"])
per_file = cli["cli_aggregate_s"] / cli_files
if cli_files == 100_000:
    cli_words = f"{cli['cli_aggregate_s']:.1f} s ({cli_files / cli['cli_aggregate_s']:,.0f} files/s, {cli['cli_threads']} cores)"
else:
    cli_words = f"~{per_file * 100_000:.0f} s (extrapolated from {cli_files:,})"
rows.append(("CLI `aggregate` of 100,000 exports, this machine", cli_words, "≤ 30 s", ok(per_file * 100_000 <= 30)))

print("# Benchmarks\n")
print(f"Measured by `make bench` on {datetime.date.today()} at commit `{sh('git', 'rev-parse', '--short', 'HEAD')}`, "
      f"on {os.cpu_count()} cores ({cpu}), Chromium `{sh('/usr/bin/chromium', '--version')}`, node `{sh('node', '--version')}`.")
print("Reproduce: `make bench` (`BENCH_UNITS`, `BENCH_BROWSER_FILES` set the batch sizes). Ratios are measured side by side in the same run.\n")
print(f"Load average when the report was written: {os.getloadavg()[0]:.2f} (other builds share this machine: absolute times are noisy, ratios less so).\n")
print("## Against the goals (issue 13)\n")
print("| figure | measured | goal | |\n|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
print("\n## Native aggregation\n")
mb = native["bytes"] / 1e6
fmt = native.get("format", "cyberduty.export/1")
print(f"{native['files']:,} exports of the default rubric ({fmt}; {mb:,.1f} MB, {native['accepted']:,} accepted), median of {native['runs']} runs, in process:\n")
print("| | seconds | files/s | MB/s |\n|---|---|---|---|")
print(f"| serde_json parse-only (`Value`), one core | {native['parse_only_s']:.2f} | {native['parse_only_files_per_s']:,.0f} | {native['parse_only_mb_per_s']:,.0f} |")
print(f"| `aggregate` (parse, digest, signature, re-score, checks, statistics), one core | {native['aggregate_s']:.2f} | {native['aggregate_files_per_s']:,.0f} | {native['aggregate_mb_per_s']:,.0f} |")
if "parallel_s" in native:
    same = "same report" if native["parallel_same_report"] else "**report differs**"
    print(f"| `aggregate` on {native['threads']} threads (`Batch::check` in parallel, `take` in order; {same}) | {native['parallel_s']:.2f} | {native['parallel_files_per_s']:,.0f} | {native['parallel_mb_per_s']:,.0f} |")
b = native.get("breakdown")
if b:
    n = native["files"]
    us = lambda k: f"{b[k] / n * 1e6:,.0f}"
    print(f"\nPer file, one core, side by side (µs; parse-only of the whole file {native['parse_only_s'] / n * 1e6:,.0f} µs):\n")
    print("| | µs per file | / parse-only |\n|---|---|---|")
    for k, words in [("open_tree_s", "open as before: the whole file parsed into a tree, the rubric compared as a tree"),
                     ("open_aside_s", "open now: the embedded rubric's bytes compared with the reference's, not parsed or hashed"),
                     ("parse_rest_s", f"lower bound, part 1: serde_json `Value` of the bytes around the rubric ({b['rest_bytes'] / n / 1000:.1f} KB of {native['bytes'] / n / 1000:.1f} KB)"),
                     ("sm3_rest_s", "lower bound, part 2: SM3 of those bytes"),
                     ("sm2_verify_s", "lower bound, part 3: one SM2 verification (public key read, Z hash, verify)"),
                     ("lower_bound_s", "lower bound: parts 1–3 (no re-score, no checks)")]:
        print(f"| {words} | {us(k)} | {b[k] / native['parse_only_s']:.2f}× |")
if "cli_files" in cli:
    print(f"\nThe CLI over the whole folder ({cli['cli_files']:,} files, {cli['cli_bytes'] / 1e6:,.1f} MB, {cli['cli_accepted']:,} accepted), "
          f"reading files and writing `--json`, on {cli['cli_threads']} cores: {cli['cli_aggregate_s']:.1f} s wall clock "
          f"({cli['cli_files'] / cli['cli_aggregate_s']:,.0f} files/s, {cli['cli_bytes'] / 1e6 / cli['cli_aggregate_s']:,.0f} MB/s).")
else:
    print(f"\nThe CLI over the same folder, reading files and writing `--json`: {cli['cli_aggregate_s']:.2f} s "
          f"({native['files'] / cli['cli_aggregate_s']:,.0f} files/s).")
print("\n## In-browser aggregation\n")
if "ratio" in agg:
    print(f"{agg['files']:,} of the same exports ({agg['bytes'] / 1e6:,.1f} MB) in headless Chromium, median of 3 runs:\n")
    print("| | ms | MB/s |\n|---|---|---|")
    print(f"| `JSON.parse` of each file | {agg['parse_ms']:,.0f} | {agg['parse_mb_per_s']:,.0f} |")
    print(f"| wasm `aggregate` | {agg['aggregate_ms']:,.0f} | {agg['mb_per_s']:,.0f} |")
else:
    print(f"Not measured: {agg.get('skipped')}.")
print("\n## JS API latency (Node, pkg/)\n")
print("| call | median | p99 | calls |\n|---|---|---|---|")
for name, v in js.items():
    print(f"| `{name}` | {v['median_us']:.0f} µs | {v['p99_us']:.0f} µs | {v['calls']} |")
if "latency" in native:
    for name, v in native["latency"].items():
        print(f"| native `{name}` (release build, no JS boundary: the floor) | {v['median_us']:.0f} µs | {v['p99_us']:.0f} µs | 2000 |")
print("\n## Page\n")
print(f"Ready times over file:// (ms): {', '.join(f'{x:.0f}' for x in page['ready_ms'])}.")

history = os.path.join(os.path.dirname(__file__), "..", "benches", "HISTORY.md")
if os.path.exists(history):
    print()
    print(open(history, encoding="utf-8").read().rstrip())
