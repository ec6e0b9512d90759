//! A serde serializer that writes compact JSON straight into UTF-16 code units, text for text what
//! `serde_json::to_string` writes. One pass over every string: escaping and transcoding together,
//! where serde_json's writer scans each string for escapes, copies it into a byte buffer, and the
//! buffer is then transcoded (in the wasm that was ~20 % of a classification, its 15 KB of output
//! touched three times).
//!
//! Floats are rare in our results and are written by serde_json itself (ryu), so they cannot differ.

use crate::key::Key;
use serde::ser::{self, Serialize};
use serde_json::Error;

type Result<T = ()> = std::result::Result<T, Error>;

/// The text written so far.
pub struct Writer {
    pub out: Vec<u16>,
    /// The next string is a `serde_json::value::RawValue`'s text: written as it is.
    raw: bool,
}

/// serde_json's name for the struct a `RawValue` serializes as (its `raw_value` feature).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl Writer {
    pub fn with_capacity(units: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(units),
            raw: false,
        }
    }

    pub(crate) fn ascii(&mut self, s: &str) {
        self.out.extend(s.bytes().map(u16::from));
    }

    pub(crate) fn unit(&mut self, b: u8) {
        self.out.push(u16::from(b));
    }

    /// A JSON string: quotes, and the escapes serde_json writes (`\"`, `\\`, `\b \f \n \r \t`,
    /// `\u00XX` for the other control characters, lower-case hex). The UTF-8 is decoded here, a
    /// unit pushed at a time: `chars()` and `encode_utf16` into a slice were half of the writing
    /// (a call and a memcpy per Chinese character) in the wasm.
    pub(crate) fn string(&mut self, s: &str) {
        let b = s.as_bytes();
        // Never more units than bytes, but for escapes.
        self.out.reserve(b.len() + 2);
        self.unit(b'"');
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c >= 0x80 {
                // A valid sequence (it is a str): 2, 3 or 4 bytes.
                let more = |k: usize| u32::from(b[i + k] & 0x3F);
                let (u, n) = if c < 0xE0 {
                    ((u32::from(c & 0x1F) << 6) | more(1), 2)
                } else if c < 0xF0 {
                    ((u32::from(c & 0x0F) << 12) | (more(1) << 6) | more(2), 3)
                } else {
                    let u =
                        (u32::from(c & 0x07) << 18) | (more(1) << 12) | (more(2) << 6) | more(3);
                    (u, 4)
                };
                if u >= 0x1_0000 {
                    let v = u - 0x1_0000;
                    self.out.push(0xD800 | (v >> 10) as u16);
                    self.out.push(0xDC00 | (v & 0x3FF) as u16);
                } else {
                    self.out.push(u as u16);
                }
                i += n;
                continue;
            }
            i += 1;
            let short = match c {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x0C => b'f',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                c if c < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.ascii("\\u00");
                    self.unit(HEX[usize::from(c >> 4)]);
                    self.unit(HEX[usize::from(c & 0xF)]);
                    continue;
                }
                c => {
                    self.unit(c);
                    continue;
                }
            };
            self.unit(b'\\');
            self.unit(short);
        }
        self.unit(b'"');
    }

    pub(crate) fn integer(&mut self, negative: bool, mut n: u128) {
        const E19: u128 = 10_000_000_000_000_000_000;
        if negative {
            self.unit(b'-');
        }
        let mut digits = [0u8; 39];
        let mut i = digits.len();
        loop {
            // Nineteen digits at a time in 64-bit division: a 128-bit one is a library call in
            // the wasm, and every number of ours fits in 64 bits anyway.
            let (rest, mut part) = match u64::try_from(n) {
                Ok(n) => (0, n),
                Err(_) => (n / E19, (n % E19) as u64),
            };
            let start = i;
            loop {
                i -= 1;
                digits[i] = b'0' + (part % 10) as u8;
                part /= 10;
                if part == 0 {
                    break;
                }
            }
            if rest == 0 {
                break;
            }
            // A part below the top one has all nineteen digits.
            while i > start - 19 {
                i -= 1;
                digits[i] = b'0';
            }
            n = rest;
        }
        self.out.extend(digits[i..].iter().map(|&d| u16::from(d)));
    }

    fn signed(&mut self, n: i128) {
        self.integer(n < 0, n.unsigned_abs());
    }

    fn float<F: Serialize>(&mut self, f: F) -> Result {
        let text = serde_json::to_string(&f)?;
        self.ascii(&text);
        Ok(())
    }
}

/// An array or object being written: whether a comma comes before the next element.
pub struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    /// Closed by `}` after the variant's own `]` or `}` (a tuple or struct variant).
    variant: bool,
    /// A `RawValue`: its one field is its text, with nothing around it.
    raw: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.w.unit(b',');
        }
    }

    fn close(self, end: u8) -> Result {
        self.w.unit(end);
        if self.variant {
            self.w.unit(b'}');
        }
        Ok(())
    }

    fn key(&mut self, key: &str) {
        self.comma();
        self.w.string(key);
        self.w.unit(b':');
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.ascii(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.signed(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.integer(false, v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.integer(false, v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.integer(false, v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.integer(false, v.into());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.integer(false, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.float(v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        if std::mem::take(&mut self.raw) {
            self.out.extend(v.encode_utf16());
        } else {
            self.string(v);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.ascii("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result {
        self.unit(b'{');
        self.string(variant);
        self.unit(b':');
        v.serialize(&mut *self)?;
        self.unit(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>> {
        self.unit(b'[');
        Ok(Compound {
            w: self,
            first: true,
            variant: false,
            raw: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>> {
        self.unit(b'{');
        self.string(variant);
        self.ascii(":[");
        Ok(Compound {
            w: self,
            first: true,
            variant: true,
            raw: false,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>> {
        self.unit(b'{');
        Ok(Compound {
            w: self,
            first: true,
            variant: false,
            raw: false,
        })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>> {
        if name == RAW_VALUE_TOKEN {
            return Ok(Compound {
                w: self,
                first: true,
                variant: false,
                raw: true,
            });
        }
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>> {
        self.unit(b'{');
        self.string(variant);
        self.ascii(":{");
        Ok(Compound {
            w: self,
            first: true,
            variant: true,
            raw: false,
        })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result {
        self.comma();
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        self.close(b']')
    }
}

/// Tuples, tuple structs and tuple variants are written as arrays, element by element as a
/// sequence (a tuple variant's closing `}` comes from `close`).
macro_rules! as_sequence {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, v: &T) -> Result {
                ser::SerializeSeq::serialize_element(self, v)
            }
            fn end(self) -> Result {
                self.close(b']')
            }
        }
    )*};
}

as_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.comma();
        key.serialize(Key(&mut *self.w))?;
        self.w.unit(b':');
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Result {
        if self.raw {
            self.w.raw = true;
            return v.serialize(&mut *self.w);
        }
        self.key(key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        if self.raw {
            return Ok(());
        }
        self.close(b'}')
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Result {
        self.key(key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}
