//! Just enough XML for SpreadsheetML: escaping for the writer, and a pull reader of elements,
//! attributes and text. The reader refuses DTDs (and so entity declarations: the "billion laughs"
//! and external entities never get a chance) and knows only the five predefined entities and
//! character references. Namespace prefixes are dropped: `x:c` and `c` are the same cell.

use super::fail;
use crate::domain::error::{Code, Result};

/// Text as XML character data or attribute value. Characters XML 1.0 cannot hold (control
/// characters other than tab, LF and CR) become U+FFFD, so a hostile name cannot break the file.
pub fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum Event<'a> {
    /// An element opens: local name and attributes (local names, unescaped values).
    Start(&'a str, Vec<(&'a str, String)>),
    /// An element closes (also right after `Start` for an empty element `<x/>`).
    End(&'a str),
    Text(String),
}

pub struct Reader<'a> {
    s: &'a str,
    p: usize,
    /// An empty element's name, whose `End` is due next.
    pending_end: Option<&'a str>,
    part: &'a str,
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

impl<'a> Reader<'a> {
    /// `part`: the name of the workbook part, for messages.
    pub fn new(s: &'a str, part: &'a str) -> Reader<'a> {
        let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
        Reader {
            s,
            p: 0,
            pending_end: None,
            part,
        }
    }

    fn bad(&self, what: &str) -> crate::domain::error::Error {
        fail(
            Code::XlsxXml,
            format!("工作簿中的 {} 不是有效的 XML:{what}", self.part),
        )
    }

    fn skip_past(&mut self, end: &str) -> Result<()> {
        match self.s[self.p..].find(end) {
            Some(i) => {
                self.p += i + end.len();
                Ok(())
            }
            None => Err(self.bad("未结束的标记")),
        }
    }

    /// The next event, or None at the end of the text.
    pub fn next_event(&mut self) -> Result<Option<Event<'a>>> {
        if let Some(name) = self.pending_end.take() {
            return Ok(Some(Event::End(name)));
        }
        loop {
            let rest = &self.s[self.p..];
            if rest.is_empty() {
                return Ok(None);
            }
            if !rest.starts_with('<') {
                let n = rest.find('<').unwrap_or(rest.len());
                let raw = &rest[..n];
                self.p += n;
                return Ok(Some(Event::Text(self.unescape(raw)?)));
            }
            if rest.starts_with("<?") {
                self.skip_past("?>")?;
            } else if rest.starts_with("<!--") {
                self.skip_past("-->")?;
            } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
                let n = r.find("]]>").ok_or_else(|| self.bad("未结束的 CDATA"))?;
                self.p += 9 + n + 3;
                return Ok(Some(Event::Text(r[..n].to_string())));
            } else if rest.starts_with("<!") {
                return Err(fail(
                    Code::XlsxXml,
                    format!(
                        "工作簿中的 {} 含有 DTD 或实体声明,出于安全考虑不予读取",
                        self.part
                    ),
                ));
            } else if let Some(r) = rest.strip_prefix("</") {
                let n = r.find('>').ok_or_else(|| self.bad("未结束的结束标记"))?;
                self.p += 2 + n + 1;
                return Ok(Some(Event::End(local(r[..n].trim_end()))));
            } else {
                return self.start().map(Some);
            }
        }
    }

    fn start(&mut self) -> Result<Event<'a>> {
        let s: &'a str = self.s;
        let mut p = self.p + 1;
        let name_end = s[p..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map(|i| p + i)
            .ok_or_else(|| self.bad("未结束的开始标记"))?;
        let name = local(&s[p..name_end]);
        if name.is_empty() {
            return Err(self.bad("缺少元素名"));
        }
        p = name_end;
        let mut attrs = Vec::new();
        loop {
            p += s[p..].len() - s[p..].trim_start().len();
            let rest = &s[p..];
            if rest.starts_with("/>") {
                self.p = p + 2;
                self.pending_end = Some(name);
                return Ok(Event::Start(name, attrs));
            }
            if rest.starts_with('>') {
                self.p = p + 1;
                return Ok(Event::Start(name, attrs));
            }
            let eq = rest.find('=').ok_or_else(|| self.bad("属性缺少值"))?;
            let key = local(rest[..eq].trim());
            let after = rest[eq + 1..].trim_start();
            let quote = after
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
                .ok_or_else(|| self.bad("属性值缺少引号"))?;
            let body = &after[1..];
            let close = body.find(quote).ok_or_else(|| self.bad("属性值未结束"))?;
            attrs.push((key, self.unescape(&body[..close])?));
            p = s.len() - body.len() + close + 1;
        }
    }

    fn unescape(&self, raw: &str) -> Result<String> {
        if !raw.contains('&') {
            return Ok(raw.to_string());
        }
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let r = &rest[i + 1..];
            let end = r.find(';').ok_or_else(|| self.bad("未结束的字符引用"))?;
            let name = &r[..end];
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = if let Some(h) = name.strip_prefix("#x") {
                        u32::from_str_radix(h, 16).ok()
                    } else if let Some(d) = name.strip_prefix('#') {
                        d.parse().ok()
                    } else {
                        None
                    };
                    code.and_then(char::from_u32)
                        .ok_or_else(|| self.bad(&format!("未知的实体 “&{name};”")))?
                }
            };
            out.push(c);
            rest = &r[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// The value of attribute `key`.
pub fn attr<'v>(attrs: &'v [(&str, String)], key: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(s: &str) -> Result<Vec<Event<'_>>> {
        let mut r = Reader::new(s, "t.xml");
        let mut out = Vec::new();
        while let Some(e) = r.next_event()? {
            out.push(e);
        }
        Ok(out)
    }

    #[test]
    fn reads_elements_attributes_and_text() {
        let e = events(
            "<?xml version=\"1.0\"?><x:a k='1 &amp; 2'><b/><!-- c -->t&lt;&#x4E2D;&#25991;<![CDATA[<z>]]></x:a>",
        )
        .unwrap();
        assert_eq!(
            e,
            vec![
                Event::Start("a", vec![("k", "1 & 2".into())]),
                Event::Start("b", vec![]),
                Event::End("b"),
                Event::Text("t<中文".into()),
                Event::Text("<z>".into()),
                Event::End("a"),
            ]
        );
    }

    #[test]
    fn refuses_dtds_and_unknown_entities() {
        let dtd = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>";
        assert_eq!(events(dtd).unwrap_err().code.as_str(), "E_XLSX_XML");
        assert_eq!(
            events("<a>&x;</a>").unwrap_err().code.as_str(),
            "E_XLSX_XML"
        );
        assert_eq!(
            events("<a b=\"1></a>").unwrap_err().code.as_str(),
            "E_XLSX_XML"
        );
    }

    #[test]
    fn escapes_what_xml_cannot_hold() {
        let mut s = String::new();
        escape(&mut s, "a<&>\"\u{1}\n");
        assert_eq!(s, "a&lt;&amp;&gt;&quot;\u{FFFD}\n");
    }
}
