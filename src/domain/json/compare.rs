//! Comparing JSON values as RFC 8785 sees them (objects as key sets, numbers as IEEE doubles), and
//! finding duplicate keys anywhere in a document: what opening an export needs to check a stored
//! score against a recomputed one and to refuse an ambiguous file.

use super::{duplicate_key, index_path, key_path, Json, Number};
use crate::domain::error::Result;

/// A number as the IEEE double RFC 8785 (and every JSON reader in a browser) takes it to be.
pub fn as_f64(n: &Number) -> f64 {
    match n {
        Number::U(u) => *u as f64,
        Number::I(i) => *i as f64,
        Number::F(f) => *f,
    }
}

/// Equal as RFC 8785 sees JSON: objects as key sets, numbers as IEEE doubles (`77` = `77.0`).
pub fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Obj(fa), Json::Obj(fb)) => {
            fa.len() == fb.len()
                && fa.iter().all(|(k, va)| {
                    fb.iter()
                        .find(|(q, _)| q == k)
                        .is_some_and(|(_, vb)| same(va, vb))
                })
        }
        (Json::Arr(xa), Json::Arr(xb)) => {
            xa.len() == xb.len() && xa.iter().zip(xb).all(|(x, y)| same(x, y))
        }
        (Json::Num(x), Json::Num(y)) => as_f64(x) == as_f64(y),
        _ => a == b,
    }
}

/// The path of the first place two JSON values differ (keys visited in sorted order).
pub fn first_difference(a: &Json, b: &Json, path: &str) -> String {
    match (a, b) {
        (Json::Obj(fa), Json::Obj(fb)) => {
            let mut keys: Vec<&String> = fa.iter().chain(fb.iter()).map(|(k, _)| k).collect();
            crate::domain::sort::ord(&mut keys);
            keys.dedup();
            for k in keys {
                let va = fa.iter().find(|(q, _)| q == k).map(|(_, v)| v);
                let vb = fb.iter().find(|(q, _)| q == k).map(|(_, v)| v);
                let p = key_path(path, k);
                match (va, vb) {
                    (Some(x), Some(y)) if same(x, y) => {}
                    (Some(x), Some(y)) => return first_difference(x, y, &p),
                    _ => return p,
                }
            }
            path.to_string()
        }
        (Json::Arr(xa), Json::Arr(xb)) if xa.len() == xb.len() => {
            for (i, (x, y)) in xa.iter().zip(xb).enumerate() {
                if !same(x, y) {
                    return first_difference(x, y, &index_path(path, i));
                }
            }
            path.to_string()
        }
        _ => path.to_string(),
    }
}

/// Refuse a document with a duplicate key anywhere in it (`E_JSON_DUPLICATE_KEY`, at the key's
/// path under `path`).
pub fn no_duplicate_keys(v: &Json, path: &str) -> Result<()> {
    match first_duplicate(v) {
        None => Ok(()),
        Some((at, key)) => Err(duplicate_key(&format!("{path}{at}"), key)),
    }
}

/// The path (relative, e.g. `.a[2].b`) and key of the first duplicate key, built only once one is
/// found: a whole export is walked for every file of a batch.
pub fn first_duplicate(v: &Json) -> Option<(String, &str)> {
    match v {
        Json::Obj(fields) => fields.iter().enumerate().find_map(|(i, (k, child))| {
            if fields[..i].iter().any(|(q, _)| q == k) {
                return Some((key_path("", k), k.as_str()));
            }
            first_duplicate(child).map(|(rest, key)| (key_path("", k) + &rest, key))
        }),
        Json::Arr(items) => items.iter().enumerate().find_map(|(i, child)| {
            first_duplicate(child).map(|(rest, key)| (index_path("", i) + &rest, key))
        }),
        _ => None,
    }
}
