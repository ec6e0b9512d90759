//! Reading untrusted JSON: bytes → [`Json`] (keeping duplicate keys so they can be reported), and a
//! small typed reader that turns every mistake into an [`Error`] with a path and a Chinese message.
//! Every document format (rubric, assessment, incident, export) is read through here, whether the
//! bytes came from a file (CLI) or a JavaScript object (wasm), so both report the same errors.

use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::{self, Exact};

mod aside;
mod compare;
mod glue;
#[cfg(not(target_arch = "wasm32"))]
mod same_as;
pub use aside::{parse_aside, parse_known};
pub use compare::{as_f64, first_difference, first_duplicate, no_duplicate_keys, same};
pub use glue::to_json;
#[cfg(not(target_arch = "wasm32"))]
pub use same_as::same_as;

/// Longest text field (notes, titles, names …), in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Largest document read (one rubric, assessment, incident or export). Checked before parsing.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    U(u64),
    I(i64),
    F(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(Number),
    Str(String),
    Arr(Vec<Json>),
    /// In source order, duplicates kept: the typed reader refuses them with a path.
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "布尔值",
            Json::Num(_) => "数字",
            Json::Str(_) => "文本",
            Json::Arr(_) => "数组",
            Json::Obj(_) => "对象",
        }
    }

    /// The `schema` tag, if this is an object that has a text one.
    pub fn schema(&self) -> Option<&str> {
        match self {
            Json::Obj(fields) => fields.iter().find_map(|(k, v)| match (k.as_str(), v) {
                ("schema", Json::Str(s)) => Some(s.as_str()),
                _ => None,
            }),
            _ => None,
        }
    }
}

/// Refuse a document of `len` bytes over [`MAX_INPUT_BYTES`]: called before parsing, and by callers
/// that know a file's size before reading it (so a huge file is never read).
pub fn check_size(len: u64) -> Result<()> {
    if len > MAX_INPUT_BYTES as u64 {
        return Err(Error::new(
            Code::InputTooLarge,
            "$",
            format!(
                "文件过大({len} 字节),单个文件最大 {} MiB,未读取",
                MAX_INPUT_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(())
}

/// Parse a document's bytes: size limit first, then encoding (a UTF-8 BOM is accepted and
/// dropped), then JSON.
pub fn parse(bytes: &[u8]) -> Result<Json> {
    parse_str(decode(bytes)?)
}

/// A document's bytes as text: size limit first, then encoding (a UTF-8 BOM is dropped).
pub fn decode(bytes: &[u8]) -> Result<&str> {
    check_size(bytes.len() as u64)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || bytes.contains(&0) {
        return Err(Error::new(
            Code::InputEncoding,
            "$",
            "文件是 UTF-16 或二进制编码,请另存为 UTF-8 编码的 JSON 文件",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        if e.error_len().is_none() {
            // The bytes end inside a multi-byte character: cut off, not mis-encoded.
            return Error::new(Code::JsonSyntax, "$", "内容不完整,文件在一个字符中间被截断");
        }
        Error::new(
            Code::InputEncoding,
            "$",
            format!(
                "第 {} 字节处不是有效的 UTF-8(可能是 GBK 编码),请另存为 UTF-8 编码的 JSON 文件",
                e.valid_up_to() + 1
            ),
        )
    })?;
    Ok(text)
}

/// Parse JSON text (already decoded).
pub fn parse_str(text: &str) -> Result<Json> {
    if text.len() > MAX_INPUT_BYTES {
        return parse(text.as_bytes());
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::new(Code::InputEmpty, "$", "文件为空"));
    }
    serde_json::from_str::<Json>(text).map_err(|e| syntax_error(&e))
}

fn syntax_error(e: &serde_json::Error) -> Error {
    let raw = e.to_string();
    let at = format!("(第 {} 行第 {} 列)", e.line(), e.column());
    let (code, what) = if raw.starts_with("recursion limit exceeded") {
        (Code::JsonDepth, "嵌套层数过深(超过 128 层)".to_string())
    } else if raw.starts_with("number out of range") {
        (Code::JsonNumber, "数字超出可表示范围".to_string())
    } else if e.is_eof() {
        (Code::JsonSyntax, "内容不完整,文件可能被截断".to_string())
    } else if raw.starts_with("trailing characters") {
        (Code::JsonSyntax, "JSON 结束后还有多余内容".to_string())
    } else if raw.starts_with("expected value") {
        (
            Code::JsonSyntax,
            "此处应为一个值(NaN、Infinity、注释和单引号都不是合法 JSON)".to_string(),
        )
    } else if raw.starts_with("key must be a string") {
        (Code::JsonSyntax, "对象的键必须是双引号文本".to_string())
    } else if raw.starts_with("trailing comma") {
        (Code::JsonSyntax, "多余的逗号".to_string())
    } else if raw.starts_with("control character") {
        (Code::JsonSyntax, "文本中含有未转义的控制字符".to_string())
    } else {
        let reason = raw.split(" at line").next().unwrap_or(&raw).to_string();
        (Code::JsonSyntax, format!("语法错误({reason})"))
    };
    Error::new(code, "$", format!("不是合法的 JSON{at}:{what}"))
}

/// A JSON path step for a key: `.name`, or `["org.leader"]` when the key is not a plain name.
/// Written with `push_str`, not `format!`: every answer read builds one (the formatting machinery
/// was ~8 % of `score()` in the size-built wasm).
pub fn key_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        let mut p = String::with_capacity(parent.len() + 1 + key.len());
        p.push_str(parent);
        p.push('.');
        p.push_str(key);
        p
    } else {
        let quoted = serde_json::to_string(key).unwrap_or_default();
        let mut p = String::with_capacity(parent.len() + 2 + quoted.len());
        p.push_str(parent);
        p.push('[');
        p.push_str(&quoted);
        p.push(']');
        p
    }
}

pub fn index_path(parent: &str, i: usize) -> String {
    let mut p = String::with_capacity(parent.len() + 8);
    p.push_str(parent);
    p.push('[');
    p.push_str(&i.to_string());
    p.push(']');
    p
}

fn type_error(path: &str, expected: &str, got: &Json) -> Error {
    Error::new(
        Code::FieldType,
        path,
        format!("应为{expected},实际是{}", got.kind()),
    )
}

/// Up to this many keys, an object's keys are checked for duplicates pair by pair (keys of other
/// lengths differ at once); above it, sorted. An incident's `facts` has up to ~35 keys: sorting
/// them cost more than the whole pairwise check (round 12, callgrind).
const PAIRWISE: usize = 40;

/// An object being read: duplicate and unknown keys were refused when it was opened.
pub struct Obj<'a> {
    path: ObjPath<'a>,
    fields: &'a [(String, Json)],
}

/// An object's JSON path, written out only when an error names it.
enum ObjPath<'a> {
    Text(String),
    /// `parent` and the key under it: every answer of an assessment is read as one, with no path
    /// built for answers that read fine.
    Key(&'a str, &'a str),
}

/// Open `v` as an object whose keys must all be in `allowed`.
pub fn object<'a>(v: &'a Json, path: &str, allowed: &[&str]) -> Result<Obj<'a>> {
    let fields = map(v, path)?;
    if let Some((k, _)) = fields.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(Error::new(
            Code::FieldUnknown,
            key_path(path, k),
            format!("未知字段 “{k}”(允许的字段:{})", allowed.join("、")),
        ));
    }
    Ok(Obj {
        path: ObjPath::Text(path.to_string()),
        fields,
    })
}

/// [`object`] for the value under `key` of the object at `parent`, whose path is written only
/// when an error names it.
pub fn object_under<'a>(
    v: &'a Json,
    parent: &'a str,
    key: &'a str,
    allowed: &[&str],
) -> Result<Obj<'a>> {
    match v {
        Json::Obj(fields)
            if fields.len() <= PAIRWISE
                && fields.iter().enumerate().all(|(i, (k, _))| {
                    allowed.contains(&k.as_str()) && !fields[..i].iter().any(|(p, _)| p == k)
                }) =>
        {
            Ok(Obj {
                path: ObjPath::Key(parent, key),
                fields,
            })
        }
        // Anything else is an error (or a large object): [`object`] names it with its path.
        _ => object(v, &key_path(parent, key), allowed).map(|o| Obj {
            path: ObjPath::Key(parent, key),
            ..o
        }),
    }
}

/// Open `v` as a map with free-form keys (e.g. `answers`), refusing duplicates.
pub fn map<'a>(v: &'a Json, path: &str) -> Result<&'a [(String, Json)]> {
    let Json::Obj(fields) = v else {
        return Err(type_error(path, "对象", v));
    };
    if fields.len() > PAIRWISE {
        // Sorted, a duplicate sits next to its twin: O(n log n) for the usual case (none); the
        // scan in source order below then names the second occurrence, as for small objects.
        let mut keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        crate::domain::sort::ord(&mut keys);
        if keys.windows(2).all(|w| w[0] != w[1]) {
            return Ok(fields);
        }
    }
    for (i, (k, _)) in fields.iter().enumerate() {
        if fields[..i].iter().any(|(p, _)| p == k) {
            return Err(duplicate_key(&key_path(path, k), k));
        }
    }
    Ok(fields)
}

/// The one duplicate-key error, at the path of the second occurrence.
fn duplicate_key(at: &str, key: &str) -> Error {
    Error::new(
        Code::JsonDuplicateKey,
        at,
        format!("键 “{key}” 在同一对象中出现了两次"),
    )
}

/// Open `v` as an object without restricting its keys (duplicates refused): for reading a few
/// fields of a document another module wrote, such as a stored classification.
pub fn fields<'a>(v: &'a Json, path: &str) -> Result<Obj<'a>> {
    Ok(Obj {
        path: ObjPath::Text(path.to_string()),
        fields: map(v, path)?,
    })
}

pub fn array<'a>(v: &'a Json, path: &str) -> Result<&'a [Json]> {
    match v {
        Json::Arr(items) => Ok(items),
        other => Err(type_error(path, "数组", other)),
    }
}

pub fn string<'a>(v: &'a Json, path: &str) -> Result<&'a str> {
    match v {
        Json::Str(s) if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS => {
            Err(Error::new(
                Code::FieldTooLong,
                path,
                format!(
                    "文本过长({} 个字符),最多 {MAX_TEXT_CHARS} 个字符",
                    s.chars().count()
                ),
            ))
        }
        Json::Str(s) => Ok(s),
        other => Err(type_error(path, "文本", other)),
    }
}

pub fn boolean(v: &Json, path: &str) -> Result<bool> {
    match v {
        Json::Bool(b) => Ok(*b),
        other => Err(type_error(path, "布尔值 true 或 false", other)),
    }
}

/// Any finite number, exactly as written (decimals are read from their shortest decimal form, so
/// `0.1` is exactly one tenth).
pub fn number(v: &Json, path: &str) -> Result<Exact> {
    match v {
        Json::Num(Number::U(u)) => Ok(Exact::from_integer((*u).into())),
        Json::Num(Number::I(i)) => Ok(Exact::from_integer((*i).into())),
        Json::Num(Number::F(f)) => exact::from_f64(*f).ok_or_else(|| {
            Error::new(
                Code::JsonNumber,
                path,
                "数字必须是有限值(不能是 NaN 或无穷大)",
            )
        }),
        other => Err(type_error(path, "数字", other)),
    }
}

/// A whole number ≥ 0 (counts, numerators). `2.0` is accepted as 2; `2.5` and `-1` are not.
pub fn count(v: &Json, path: &str) -> Result<u64> {
    let n = number(v, path)?;
    if !n.is_integer() {
        return Err(Error::new(
            Code::FieldType,
            path,
            format!("应为非负整数,实际是小数 {}", exact::display(&n)),
        ));
    }
    if n < Exact::from_integer(0.into()) {
        return Err(Error::new(
            Code::FieldRange,
            path,
            format!("应为非负整数,实际是负数 {}", exact::display(&n)),
        ));
    }
    u64::try_from(n.to_integer())
        .map_err(|_| Error::new(Code::FieldRange, path, "整数过大,超出可处理范围"))
}

/// A non-negative decimal with at most two decimals, held as hundredths.
pub fn cents(v: &Json, path: &str) -> Result<i64> {
    let n = number(v, path)?;
    let scaled = &n * Exact::from_integer(100.into());
    if !scaled.is_integer() {
        return Err(Error::new(
            Code::FieldPrecision,
            path,
            format!("最多保留两位小数,实际是 {}", exact::display(&n)),
        ));
    }
    let c = i64::try_from(scaled.to_integer())
        .ok()
        .filter(|c| (0..=exact::MAX_CENTS).contains(c))
        .ok_or_else(|| {
            Error::new(
                Code::FieldRange,
                path,
                format!(
                    "应在 0 到 {} 之间,实际是 {}",
                    exact::MAX_CENTS / 100,
                    exact::display(&n)
                ),
            )
        })?;
    Ok(c)
}

impl<'a> Obj<'a> {
    /// The object's own path.
    pub fn path(&self) -> String {
        match &self.path {
            ObjPath::Text(p) => p.clone(),
            ObjPath::Key(parent, key) => key_path(parent, key),
        }
    }

    pub fn at(&self, key: &str) -> String {
        match &self.path {
            ObjPath::Text(p) => key_path(p, key),
            ObjPath::Key(..) => key_path(&self.path(), key),
        }
    }

    /// The value under `key`, treating `null` as absent.
    pub fn opt(&self, key: &str) -> Option<&'a Json> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Json::Null)
    }

    /// The keys whose value is not `null` (what [`Obj::has`] finds), in source order.
    pub fn present_keys(&self) -> impl Iterator<Item = &'a str> {
        self.fields
            .iter()
            .filter(|(_, v)| *v != Json::Null)
            .map(|(k, _)| k.as_str())
    }

    pub fn has(&self, key: &str) -> bool {
        self.opt(key).is_some()
    }

    pub fn req(&self, key: &str) -> Result<&'a Json> {
        self.opt(key).ok_or_else(|| {
            Error::new(
                Code::FieldMissing,
                self.at(key),
                format!("缺少必填字段 “{key}”"),
            )
        })
    }

    /// [`boolean`] of the required `key`; the path is written only for an error.
    pub fn req_bool(&self, key: &str) -> Result<bool> {
        match self.req(key)? {
            Json::Bool(b) => Ok(*b),
            other => boolean(other, &self.at(key)),
        }
    }

    /// [`count`] of the required `key`; the path is written only for an error.
    pub fn req_count(&self, key: &str) -> Result<u64> {
        match self.req(key)? {
            Json::Num(Number::U(u)) => Ok(*u),
            other => count(other, &self.at(key)),
        }
    }

    pub fn req_str(&self, key: &str) -> Result<&'a str> {
        text_at(self, key, self.req(key)?)
    }

    /// Required text with something other than white space in it.
    pub fn req_text(&self, key: &str) -> Result<String> {
        let s = self.req_str(key)?;
        if s.trim().is_empty() {
            return Err(Error::new(
                Code::FieldEmpty,
                self.at(key),
                format!("“{key}” 不能为空"),
            ));
        }
        Ok(s.to_string())
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<String>> {
        self.opt(key)
            .map(|v| text_at(self, key, v).map(str::to_string))
            .transpose()
    }

    /// `read` of the value under `key` (absent when `null`), given the path `""`: the key's path
    /// is written only for an error, in front of the one `read` gave (a reader only appends to its
    /// path, and no message repeats it). An incident's every fact is read so.
    pub fn opt_with<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Json, &str) -> Result<T>,
    ) -> Result<Option<T>> {
        self.opt(key)
            .map(|v| {
                read(v, "").map_err(|mut e| {
                    e.path.insert_str(0, &self.at(key));
                    e
                })
            })
            .transpose()
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>> {
        self.opt(key)
            .map(|v| match v {
                Json::Bool(b) => Ok(*b),
                other => boolean(other, &self.at(key)),
            })
            .transpose()
    }

    pub fn req_arr(&self, key: &str) -> Result<&'a [Json]> {
        match self.req(key)? {
            Json::Arr(items) => Ok(items),
            other => array(other, &self.at(key)),
        }
    }

    pub fn opt_arr(&self, key: &str) -> Result<&'a [Json]> {
        match self.opt(key) {
            Some(Json::Arr(items)) => Ok(items),
            Some(v) => array(v, &self.at(key)),
            None => Ok(&[]),
        }
    }
}

/// [`string`] of `v`, the value under `key` of `o`; the path is written only for an error.
fn text_at<'a>(o: &Obj, key: &str, v: &'a Json) -> Result<&'a str> {
    match v {
        Json::Str(s) if s.len() <= MAX_TEXT_CHARS => Ok(s),
        other => string(other, &o.at(key)),
    }
}

/// A `schema` tag split into its kind and version text: `cyberduty.rubric/1` → (`cyberduty.rubric`, `1`).
pub fn split_tag(tag: &str) -> (&str, &str) {
    tag.rsplit_once('/').unwrap_or((tag, ""))
}

/// Check the `schema` tag: `kind` is e.g. `cyberduty.rubric`, `supported` the highest version read.
/// Returns the version found.
pub fn check_schema(doc: &Json, kind: &str, supported: u32) -> Result<u32> {
    let o = match doc {
        Json::Obj(_) => doc,
        other => return Err(type_error("$", "JSON 对象", other)),
    };
    let Some(tag) = o.schema() else {
        return Err(Error::new(
            Code::SchemaMissing,
            "$.schema",
            format!("缺少 “schema” 标记(应为 “{kind}/{supported}”)"),
        ));
    };
    let (name, version) = split_tag(tag);
    if name != kind {
        return Err(Error::new(
            Code::SchemaUnknown,
            "$.schema",
            format!("文件类型是 “{tag}”,此处需要 “{kind}/{supported}”"),
        ));
    }
    match version.parse::<u32>() {
        Ok(v) if (1..=supported).contains(&v) => Ok(v),
        Ok(v) if v > supported => Err(Error::new(
            Code::SchemaFuture,
            "$.schema",
            format!(
                "“{tag}” 是更新版本的格式,本程序只支持到 “{kind}/{supported}”,请升级 cyberduty"
            ),
        )),
        _ => Err(Error::new(
            Code::SchemaUnknown,
            "$.schema",
            format!("无法识别的版本 “{tag}”,应为 “{kind}/{supported}”"),
        )),
    }
}
