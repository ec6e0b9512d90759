#!/usr/bin/env python3
"""Where a wasm's bytes go: section sizes, code size by crate and the largest functions.

Usage: scripts/bench-wasm-size.py FILE.wasm [TOP]
FILE needs a name section: the linker's output before wasm-bindgen and wasm-opt
(target/wasm32-unknown-unknown/wasm/cyberduty.wasm after `make wasm`) keeps one. Sizes there are
before `wasm-opt -Oz`, so they rank contributors; they do not add up to the shipped size.
"""
import re
import sys
from collections import defaultdict


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def demangle(name):
    """Legacy Rust mangling (_ZN…E) to a::b::c, hash dropped; other names as they are."""
    if not name.startswith("_ZN"):
        return name
    i, parts = 3, []
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        parts.append(name[j:j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    s = "::".join(parts)
    for a, b in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","),
                 ("$u7b$", "{"), ("$u7d$", "}"), ("$BP$", "*"), ("..", "::"), ("$u5b$", "["),
                 ("$u5d$", "]"), ("$u27$", "'"), ("$SP$", "@")):
        s = s.replace(a, b)
    return s


def idents(name):
    """A v0-mangled name (_R…): its first crate and the identifiers that follow it (its modules)."""
    m = re.search(r"C(?:s[0-9A-Za-z]*?_)?(\d+)([A-Za-z_])", name)
    if not m:
        return []
    out, i = [], m.start(1)
    while i < len(name) and name[i].isdigit():
        j = i
        while j < len(name) and name[j].isdigit():
            j += 1
        n = int(name[i:j])
        if name[j:j + 1] == "_":
            j += 1
        out.append(name[j:j + n])
        i = j + n
        while i < len(name) and name[i] in "NtvCBsMXY_" and not name[i].isdigit():
            # namespace tags and back-references between identifiers: skip to the next length
            k = i
            while k < len(name) and not name[k].isdigit():
                k += 1
            if k - i > 3:
                return out
            if name[i:k].startswith("B"):
                return out
            i = k
    return out


def crate_of(name):
    if name.startswith("_R"):
        ids = idents(name)
        if not ids:
            return "(other)"
        if ids[0] == "cyberduty" and len(ids) > 2:
            return "::".join(ids[:3])
        return ids[0]
    # `<a::B as c::D>::f` and `core::ptr::drop_in_place<x::Y>` belong to the type's crate.
    m = re.match(r"<+([A-Za-z_][A-Za-z0-9_]*)::", name)
    if name.startswith(("core::ptr::drop_in_place<", "core::ptr::drop_in_place::<")):
        m = re.search(r"drop_in_place:*<+&?(?:mut )?([A-Za-z_][A-Za-z0-9_]*)", name)
    if m:
        return m.group(1)
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    return m.group(1) if m else "(other)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    b = open(path, "rb").read()
    i, sections, bodies, names, n_imports = 8, {}, [], {}, 0
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        end = j + size
        if sid == 0:
            nl, k = leb(b, j)
            cname = b[k:k + nl].decode()
            sections[f"custom:{cname}"] = size
            if cname == "name":
                k += nl
                while k < end:
                    sub, k = leb(b, k)
                    sl, k = leb(b, k)
                    if sub == 1:
                        cnt, m = leb(b, k)
                        for _ in range(cnt):
                            idx, m = leb(b, m)
                            ln, m = leb(b, m)
                            names[idx] = b[m:m + ln].decode(errors="replace")
                            m += ln
                    k += sl
        else:
            sections[{1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
                      7: "export", 9: "elem", 10: "code", 11: "data", 12: "datacount"}.get(sid, str(sid))] = size
            if sid == 2:
                cnt, k = leb(b, j)
                for _ in range(cnt):
                    for _ in range(2):
                        ln, k = leb(b, k)
                        k += ln
                    kind = b[k]
                    k += 1
                    if kind == 0:
                        _, k = leb(b, k)
                        n_imports += 1
                    elif kind == 1:
                        k += 1
                        fl, k = leb(b, k)
                        _, k = leb(b, k)
                        if fl & 1:
                            _, k = leb(b, k)
                    elif kind == 2:
                        fl, k = leb(b, k)
                        _, k = leb(b, k)
                        if fl & 1:
                            _, k = leb(b, k)
                    else:
                        k += 2
            if sid == 10:
                cnt, k = leb(b, j)
                for f in range(cnt):
                    bl, k2 = leb(b, k)
                    bodies.append((f + n_imports, k2 - k + bl))
                    k = k2 + bl
        i = end
    print(f"{path}: {len(b):,} B")
    for s, n in sorted(sections.items(), key=lambda x: -x[1]):
        print(f"  section {s:<24} {n:>9,} B")
    by_crate = defaultdict(lambda: [0, 0])
    rows = []
    for idx, size in bodies:
        name = demangle(names.get(idx, f"func{idx}"))
        c = by_crate[crate_of(name)]
        c[0] += size
        c[1] += 1
        rows.append((size, name))
    code = sum(s for _, s in bodies)
    print(f"\ncode by crate (function bodies, {code:,} B):")
    for c, (n, k) in sorted(by_crate.items(), key=lambda x: -x[1][0])[:top]:
        print(f"  {n:>9,} B {100 * n / code:5.1f} %  {k:>5} fns  {c}")
    print(f"\nlargest {top} functions:")
    for size, name in sorted(rows, reverse=True)[:top]:
        print(f"  {size:>8,} B  {name[:150]}")


if __name__ == "__main__":
    main()
