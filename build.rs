//! Compacts the JSON data the library embeds (the default rubric, the grading policy): the files
//! stay readable in the repository, and the wasm carries them without insignificant white space.
//! Only white space outside strings is dropped, so the documents parse to exactly the same values.

use std::{env, fs, path::Path};

const DATA: &[(&str, &str)] = &[
    ("rubrics/default.json", "default-rubric.json"),
    ("data/grading-2025.json", "grading-2025.json"),
];

fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

fn main() {
    let out_dir = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    println!("cargo::rerun-if-changed=build.rs");
    for (source, compacted) in DATA {
        println!("cargo::rerun-if-changed={source}");
        let text = fs::read_to_string(Path::new(&root).join(source))
            .unwrap_or_else(|e| panic!("{source}: {e}"));
        fs::write(Path::new(&out_dir).join(compacted), compact(&text))
            .unwrap_or_else(|e| panic!("{compacted}: {e}"));
    }
}
